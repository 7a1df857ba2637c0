"""Direct simulation of first-order methods.

These are the independent route the closed forms are checked against: they
iterate each update rule exactly as the texts state it.  The objective is the
quadratic f(w) = ½ wᵀAw − bᵀw (A a dense ndarray or a scipy.sparse matrix), or
any differentiable function given by its gradient ``grad=`` (then ``A`` and
``b`` are ``None`` and ``w0`` is required).

Common keywords:

``record``
    ``"all"`` (every iterate, the default), ``"last"``, or an integer m (every
    m-th iterate and the last), so a long or large run need not hold its history.
``tol``
    Stop at the first iterate whose gradient norm is at most ``tol`` (relative to
    ‖b‖ for a quadratic with b ≠ 0, absolute otherwise) and report the iteration.
    Where the update takes the gradient at the iterate itself (gradient descent,
    heavy ball, Nesterov's Bengio form) the test reuses that gradient, so it costs
    no extra product A @ w, and the iterates are those of the same run without
    ``tol`` up to the step where it stops.
``check``
    ``True`` (default): a quadratic's A is checked symmetric and positive definite,
    in O(nnz) for a sparse matrix that diagonal dominance settles (a Laplacian plus a
    data term: about 12 products A @ w); other sparse matrices need an eigenvalue
    solve.  ``False`` checks only shape, type and finiteness, for a matrix the caller
    has validated (many runs on one matrix).
``noise``, ``rng``, ``paths``
    Stochastic gradients: each gradient gets independent Gaussian noise of
    standard deviation ``noise`` (a scalar or one value per coordinate), drawn
    from ``rng`` (a ``numpy.random.Generator`` or an integer seed).  With
    ``paths=P`` the simulation runs P independent paths at once and every
    recorded iterate gains a leading paths dimension: shape ``(P, rows, n)``.

By default the iterates w⁰ … w^steps are returned as an array of shape
``(steps + 1, n)``; when ``record`` thins the history or ``tol`` is given, a
:class:`Run` is returned instead.

Divergence is reported, not printed as overflow noise: the run stops at the
first non-finite iterate and ``Run.diverged`` (or, for the bare array, one
:class:`DivergenceWarning`) says so; rows after it are ±inf.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v


class DivergenceWarning(RuntimeWarning):
    """The iterates left the floating-point range."""


@dataclass
class Run:
    """A simulation's outcome when history is thinned or a tolerance is set."""

    iterates: np.ndarray  #: recorded iterates, one row each (paths first when ``paths`` is set)
    steps: np.ndarray  #: the iteration index of each recorded row
    iterations: int  #: iterations performed
    converged: bool  #: the tolerance was met (False when ``tol`` is None)
    diverged: bool  #: an iterate overflowed

    @property
    def last(self) -> np.ndarray:
        """The last recorded iterate (per path when ``paths`` is set)."""
        return self.iterates[:, -1] if self.iterates.ndim == 3 else self.iterates[-1]


@dataclass
class _Problem:
    gradient: Callable[[np.ndarray], np.ndarray]  # exact gradient, rows = paths
    w0: np.ndarray  # shape (paths, n)
    grad_scale: float  # tol is relative to this
    paths: int | None
    noise: np.ndarray | None
    rng: np.random.Generator | None
    matrix: Any = None  # the validated A of a quadratic (None with grad=)
    rhs: np.ndarray | None = None  # its b
    pending: np.ndarray | None = None  # exact gradient at the iterate, from the stopping test

    def noisy(self, w: np.ndarray) -> np.ndarray:
        """The gradient at any point w, plus the noise."""
        g = self.gradient(w)
        if self.noise is not None:
            g = g + self.noise * self.rng.standard_normal(w.shape)
        return g

    def norms(self, w: np.ndarray) -> np.ndarray:
        """Gradient norm per path at the iterate w, the gradient kept for the step from w."""
        self.pending = self.gradient(w)
        return np.linalg.norm(self.pending, axis=1)

    def at_iterate(self, w: np.ndarray) -> np.ndarray:
        """The gradient at the iterate w (plus the noise): the stopping test's, if it took it.

        :func:`_run` calls ``norms(w)`` just before the step from ``w`` whenever
        ``tol`` is set, so the step reuses that gradient instead of a second
        product; the values (and the noise draws) are those of a run without ``tol``.
        """
        g = self.pending if self.pending is not None else self.gradient(w)
        self.pending = None
        if self.noise is not None:
            g = g + self.noise * self.rng.standard_normal(w.shape)
        return g


def _setup(
    A: Any,
    b: ArrayLike | None,
    w0: ArrayLike | None,
    grad: Callable | None,
    noise: ArrayLike | None,
    rng: Any,
    paths: int | None,
    check: bool = True,
) -> _Problem:
    if not isinstance(check, (bool, np.bool_)):
        raise TypeError(f"check must be True or False; got {type(check).__name__}")
    if grad is not None:
        if not callable(grad):
            raise TypeError(f"grad must be a callable w -> gradient; got {type(grad).__name__}")
        if A is not None or b is not None:
            raise ValueError("give either A and b (a quadratic) or grad=, not both")
        if w0 is None:
            raise ValueError("w0 is required with grad= (it fixes the dimension)")
        start = v.real_array("w0", w0)
        if start.ndim != 1:
            raise ValueError(f"w0 must be a real vector; got shape {start.shape}")
        n = start.size

        def gradient(w: np.ndarray) -> np.ndarray:
            out = np.empty_like(w)
            for i, row in enumerate(w):
                gi = np.asarray(grad(row))
                if gi.dtype.kind not in "iuf":
                    raise TypeError(
                        f"grad must return a real vector of length {n}; got dtype {gi.dtype}"
                    )
                gi = gi.astype(np.float64, copy=False)
                if gi.shape != (n,):
                    raise ValueError(
                        f"grad must return a vector of length {n}; got shape {gi.shape}"
                    )
                out[i] = gi
            return out

        scale = 1.0
    else:
        if A is None or b is None:
            raise TypeError("A and b are required unless grad= is given")
        A = v.spd_matrix("A", A) if check else v.real_matrix("A", A)
        n = A.shape[0]
        bb = v.vector("b", b, n)
        start = np.zeros(n) if w0 is None else v.vector("w0", w0, n)

        def gradient(w: np.ndarray) -> np.ndarray:
            if w.shape[0] == 1:
                # One path: a 1-d mat-vec, the sparse kernel's fastest form (the
                # (n, 1) operand of the general case goes through the multi-vector one).
                g = A @ w[0]
                g -= bb
                return g[None]
            return np.asarray(A @ w.T).T - bb

        scale = float(np.linalg.norm(bb)) or 1.0
    p = None if paths is None else v.count("paths", paths, minimum=1)
    if (p or 1) * n > v.MAX_ELEMENTS:
        raise ValueError(
            f"paths={p} with {n} unknowns needs {(p or 1) * n} values per iterate; "
            f"at most 2**30 ({v.MAX_ELEMENTS}) are allowed"
        )
    sigma = None
    generator = None
    if noise is not None:
        sigma = v.real_array("noise", noise, low=0, low_open=False)
        if sigma.ndim > 1 or (sigma.ndim == 1 and sigma.size != n):
            raise ValueError(
                f"noise must be a scalar or a vector of length {n}; got shape {sigma.shape}"
            )
        generator = _generator(rng)
    elif rng is not None:
        raise ValueError("rng= only makes sense with noise=")
    w_start = np.tile(start.astype(np.float64), (p or 1, 1))
    matrix, rhs = (None, None) if grad is not None else (A, bb)
    return _Problem(gradient, w_start, scale, p, sigma, generator, matrix, rhs)


def _generator(rng: Any) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        raise ValueError(
            "noise= needs rng= (a numpy Generator or an integer seed) so runs are reproducible"
        )
    return np.random.default_rng(v.count("rng", rng))


def _all_finite(w: np.ndarray) -> bool:
    """Every entry finite, usually settled by one summation with no temporary.

    A sum is finite only if every term is finite (inf and NaN propagate), so a
    finite sum settles it; otherwise (non-finite entries, or a sum that
    overflows) the exact elementwise check decides.  numpy's pairwise sum, not
    BLAS: a threaded BLAS call costs milliseconds on a busy machine.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.add.reduce(w, axis=None)
    return bool(np.isfinite(total)) or bool(np.isfinite(w).all())


def _accumulating_matvec(
    problem: _Problem, scale: float = 1.0
) -> Callable[[np.ndarray, np.ndarray], None] | None:
    """y += (scale·A) x for a CSR quadratic on one noiseless path, or None when not available.

    scipy's compiled CSR product accumulates into its output: started from a
    buffer holding −αb it leaves the gradient times α there with no temporary and
    no separate pass for the subtraction, which matters when A is large and sparse
    (a colorization grid).  It is scipy's internal routine, so any change there
    falls back to the public product.  Scaling A's entries costs one pass over them.
    """
    A = problem.matrix
    if A is None or problem.noise is not None or problem.w0.shape[0] != 1:
        return None
    if not v.is_sparse(A) or A.format != "csr" or A.dtype != np.float64:
        return None
    try:
        from scipy.sparse import _sparsetools

        matvec = _sparsetools.csr_matvec
    except (ImportError, AttributeError):  # pragma: no cover - other scipy versions
        return None
    n_row, n_col = A.shape
    indptr, indices = A.indptr, A.indices
    data = A.data * scale if scale != 1.0 else A.data  # a copy: the caller's A is not changed

    def accumulate(x: np.ndarray, y: np.ndarray) -> None:
        matvec(n_row, n_col, indptr, indices, data, x, y)

    return accumulate


def _record_every(record: Any, steps: int) -> int:
    if isinstance(record, str):
        if record == "all":
            return 1
        if record == "last":
            return max(steps, 1)
        raise ValueError(f"record must be 'all', 'last' or an integer >= 1; got {record!r}")
    return v.count("record", record, minimum=1)


def _run(
    problem: _Problem,
    step: Callable[[np.ndarray], np.ndarray],
    steps: Any,
    record: Any,
    tol: Any,
    norms: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray | Run:
    """Iterate ``step`` from w⁰, record, stop at ``tol`` or at divergence.

    ``norms(w)`` gives the gradient norm per path at the iterate ``w``; it is
    called (when ``tol`` is set) just before ``step(w)``, so a step may keep the
    gradient it computed (:meth:`_Problem.norms`).  Default: a fresh gradient.
    """
    steps = v.count("steps", steps)
    every = _record_every(record, steps)
    bare = isinstance(record, str) and record == "all" and tol is None
    if tol is not None:
        tol = v.real_scalar("tol", tol, low=0)
    paths, n = problem.w0.shape
    kept = (steps // every + 2) * paths * n
    if kept > v.MAX_ELEMENTS:
        raise ValueError(
            f"steps={steps} with record={record!r} would keep {kept} values; at most 2**30 "
            f"({v.MAX_ELEMENTS}) are allowed: pass record='last' or record=m to thin the history"
        )

    if norms is None:

        def norms(w: np.ndarray) -> np.ndarray:
            return np.linalg.norm(problem.gradient(w), axis=1)

    def small(w: np.ndarray) -> bool:
        return bool(np.all(norms(w) <= tol * problem.grad_scale))

    w = problem.w0.copy()  # steps may update it in place
    rows, at = [w.copy()], [0]
    converged = diverged = False
    done = 0
    with np.errstate(over="ignore", invalid="ignore"):
        converged = tol is not None and small(w)
        while done < steps and not converged:
            w = step(w)
            done += 1
            if not _all_finite(w):
                diverged = True
                break
            converged = tol is not None and small(w)
            if done % every == 0 or done == steps or converged:
                rows.append(w.copy())
                at.append(done)
    if diverged:
        rows.append(np.where(np.isnan(w), np.inf, w))
        at.append(done)
    iterates = np.stack(rows, axis=1)  # (paths, rows, n)
    if bare and diverged:
        warnings.warn(
            f"iterates overflowed at step {done}; later rows are inf",
            DivergenceWarning,
            stacklevel=3,
        )
        pad = np.repeat(iterates[:, -1:], steps + 1 - iterates.shape[1], axis=1)
        iterates = np.concatenate([iterates, np.copysign(np.inf, pad)], axis=1)
    if problem.paths is None:
        iterates = iterates[0]
    if bare:
        return iterates
    return Run(iterates, np.array(at), done, converged, diverged)


def _alpha(alpha: Any) -> float:
    return v.real_scalar("alpha", alpha, low=0)


def _beta(beta: Any) -> float:
    return v.real_scalar("beta", beta, low=0, high=1, low_open=False)


def gradient_descent(
    A: Any,
    b: ArrayLike | None,
    alpha: float,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    record: str | int = "all",
    tol: float | None = None,
    grad: Callable | None = None,
    noise: ArrayLike | None = None,
    rng: Any = None,
    paths: int | None = None,
    check: bool = True,
) -> np.ndarray | Run:
    """Gradient descent w⁺ = w − α∇f(w) (Goh 2017, "First Steps: Gradient Descent").

    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> print(np.round(gradient_descent(A, b, alpha=0.1, steps=500)[-1], 10))
    [1.  0.1]
    """
    problem = _setup(A, b, w0, grad, noise, rng, paths, check)
    a = _alpha(alpha)
    return _run(problem, lambda w: w - a * problem.at_iterate(w), steps, record, tol, problem.norms)


def heavy_ball(
    A: Any,
    b: ArrayLike | None,
    alpha: float,
    beta: float,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    record: str | int = "all",
    tol: float | None = None,
    grad: Callable | None = None,
    noise: ArrayLike | None = None,
    rng: Any = None,
    paths: int | None = None,
    check: bool = True,
) -> np.ndarray | Run:
    """Heavy ball z⁺ = βz + ∇f(w), w⁺ = w − αz⁺ from z⁰ = 0.

    The update of Goh (2017), "The Dynamics of Momentum", and of
    ``torch.optim.SGD(lr=alpha, momentum=beta)``.

    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> w = heavy_ball(A, b, alpha=0.1, beta=0.5, steps=200)
    >>> print(np.round(w[-1], 10))
    [1.  0.1]
    """
    problem = _setup(A, b, w0, grad, noise, rng, paths, check)
    a, bt = _alpha(alpha), _beta(beta)
    z = np.zeros_like(problem.w0)
    accumulate = _accumulating_matvec(problem, scale=a)
    if accumulate is not None:
        step, norms = _fused_heavy_ball(accumulate, problem, a, bt)
        return _run(problem, step, steps, record, tol, norms)
    scratch = np.empty_like(problem.w0)

    def step(w: np.ndarray) -> np.ndarray:
        # In place, with the same roundings as z = βz + g, w = w − αz: no
        # temporaries the size of the problem beyond the gradient itself.
        g = problem.at_iterate(w)
        np.multiply(z, bt, out=z)
        np.add(z, g, out=z)
        np.multiply(z, a, out=scratch)
        w -= scratch
        return w

    return _run(problem, step, steps, record, tol, problem.norms)


def _fused_heavy_ball(
    accumulate: Callable[[np.ndarray, np.ndarray], None], problem: _Problem, a: float, bt: float
) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """Step and gradient norm of heavy ball on a CSR quadratic, sharing one product per step.

    With y = αz the update is y = βy + G, w = w − y, where G = (αA)w − αb is the
    gradient times α, made by the compiled CSR kernel accumulating into a buffer
    that holds −αb.  The stopping test's norm is ‖G‖/α, of the G the step then
    uses: one product per step with or without ``tol``, and the same arithmetic,
    so the iterates do not depend on ``tol``.  It is the update of
    :func:`heavy_ball`'s generic step up to rounding (α applied to A's entries and
    to b instead of to z).  Besides the product: a copy, three vector passes and,
    with ``tol``, one dot product.
    """
    n = problem.w0.shape[1]
    neg_ab = -a * problem.rhs
    x = np.empty(n)
    y = np.zeros(n)
    g = np.empty(n)
    started = fresh = False

    def gradient(w: np.ndarray) -> None:
        nonlocal started
        if not started:  # afterwards w is x itself (the step returns it)
            x[...] = w[0]
            started = True
        np.copyto(g, neg_ab)
        accumulate(x, g)

    def norms(w: np.ndarray) -> np.ndarray:
        nonlocal fresh
        gradient(w)
        fresh = True
        # einsum's own loop, not BLAS ddot: a threaded BLAS call costs milliseconds on
        # a busy machine.  Its summation order moves only the test, by an ulp or so.
        return np.array([np.sqrt(np.einsum("i,i->", g, g)) / a])

    def step(w: np.ndarray) -> np.ndarray:
        nonlocal fresh
        if not fresh:
            gradient(w)
        fresh = False
        np.multiply(y, bt, out=y)
        np.add(y, g, out=y)
        np.subtract(x, y, out=x)
        return x[None]

    return step, norms


def nesterov(
    A: Any,
    b: ArrayLike | None,
    alpha: float,
    beta: float,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    form: str = "sutskever",
    record: str | int = "all",
    tol: float | None = None,
    grad: Callable | None = None,
    noise: ArrayLike | None = None,
    rng: Any = None,
    paths: int | None = None,
    check: bool = True,
) -> np.ndarray | Run:
    """Nesterov momentum from v⁰ = 0.

    ``form="sutskever"`` iterates the look-ahead form v⁺ = βv − α∇f(θ + βv),
    θ⁺ = θ + v⁺ and returns θᵏ.  ``form="bengio"`` iterates Θ = θ + βv directly,
    v⁺ = βv − α∇f(Θ), Θ⁺ = Θ + v⁺ + β(v⁺ − v), and returns Θᵏ, which are the
    parameters of ``torch.optim.SGD(lr=alpha, momentum=beta, nesterov=True)``.

    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> print(np.round(nesterov(A, b, 0.1, 0.5, 200)[-1], 10))
    [1.  0.1]
    """
    if form not in ("sutskever", "bengio"):
        raise ValueError(f"form must be 'sutskever' or 'bengio'; got {form!r}")
    problem = _setup(A, b, w0, grad, noise, rng, paths, check)
    a, bt = _alpha(alpha), _beta(beta)
    vel = np.zeros_like(problem.w0)

    def sutskever(theta: np.ndarray) -> np.ndarray:
        nonlocal vel
        vel = bt * vel - a * problem.noisy(theta + bt * vel)
        return theta + vel

    def bengio(big_theta: np.ndarray) -> np.ndarray:
        nonlocal vel
        new = bt * vel - a * problem.at_iterate(big_theta)
        out = big_theta + new + bt * (new - vel)
        vel = new
        return out

    if form == "bengio":  # the gradient is taken at the iterate Θ: the test shares it
        return _run(problem, bengio, steps, record, tol, problem.norms)
    return _run(problem, sutskever, steps, record, tol)


def run(
    method: Any,
    A: Any,
    b: ArrayLike | None,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    record: str | int = "all",
    tol: float | None = None,
    grad: Callable | None = None,
    noise: ArrayLike | None = None,
    rng: Any = None,
    paths: int | None = None,
    check: bool = True,
    **params: float,
) -> np.ndarray | Run:
    """Any stationary linear first-order method, given as data, run on a real problem.

    ``method`` is anything with ``linear_form(**params)`` (a method of
    :mod:`momentum_proofs.methods`, whose engine turns its spec into numbers): state
    entries are updated in the spec's order, each gradient is taken at its linear
    combination of the state, and the iterate entry is recorded.  Entries start at their
    multiple of w⁰ (momentum at rest).  The keywords are those of :func:`heavy_ball`;
    ``params`` are the method's parameters.

    >>> class GD:  # a stand-in for a method: w⁺ = w − α∇f(w)
    ...     def linear_form(self, alpha):
    ...         return {"order": [0], "own": np.eye(1), "new": np.zeros((1, 1)),
    ...                 "calls": [[0]], "coef": np.array([-alpha]), "arg_own": np.eye(1),
    ...                 "arg_new": np.zeros((1, 1)), "start": np.ones(1), "iterate": 0}
    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> print(np.round(run(GD(), A, b, 500, alpha=0.1)[-1], 10))
    [1.  0.1]
    """
    if not hasattr(method, "linear_form"):
        raise TypeError(f"method must have linear_form(**params); got {type(method).__name__}")
    form = method.linear_form(**params)
    problem = _setup(A, b, w0, grad, noise, rng, paths, check)
    d = len(form["start"])
    own, new = np.asarray(form["own"], float), np.asarray(form["new"], float)
    coef = np.asarray(form["coef"], float)
    arg_own, arg_new = np.asarray(form["arg_own"], float), np.asarray(form["arg_new"], float)
    if own.shape != (d, d) or new.shape != (d, d) or arg_own.shape != (coef.size, d):
        raise ValueError("linear_form: inconsistent shapes")
    it = int(form["iterate"])
    state = np.asarray(form["start"], float)[:, None, None] * problem.w0[None]

    def combine(
        weights_old: np.ndarray, old: np.ndarray, weights_new: np.ndarray, fresh
    ) -> np.ndarray:
        out = np.zeros_like(problem.w0)
        for i in range(d):
            if weights_old[i] != 0:
                out += weights_old[i] * old[i]
            if weights_new[i] != 0:
                out += weights_new[i] * fresh[i]
        return out

    def step(w: np.ndarray) -> np.ndarray:
        nonlocal state
        state[it] = w
        fresh: list[np.ndarray | None] = [None] * d
        for j in form["order"]:
            value = combine(own[j], state, new[j], fresh)
            for c in form["calls"][j]:
                value += coef[c] * problem.noisy(combine(arg_own[c], state, arg_new[c], fresh))
            fresh[j] = value
        state = np.stack(fresh)
        return state[it].copy()

    return _run(problem, step, steps, record, tol)
