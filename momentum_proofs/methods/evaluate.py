"""A method's numbers: spectral radius per eigenvalue, worst rate over a spectrum, Rᵏ,
minimax tuning, and the torch mapping.  The one module of the method engine that sees
the numeric layer (DESIGN.md: the engine's run-time kernels for user specs).

- **Rate.** Built-in gradient descent, heavy ball and Nesterov use their proven
  generated kernels (claims GD-RATE, HB-RATE, NAG-RATE).  Any other method with a
  two-entry state evaluates the trace T(λ) and determinant D(λ) of its derived R and
  calls the generated branch-free kernel of claim LIN-RADIUS; one entry is |R|; three or
  more use batched ``numpy.linalg.eigvals`` of R (accurate to about √ε near multiple
  roots, like any eigenvalue solver).
- **Worst rate** over [λ_min, λ_max]: the largest rate on a grid of 4097 points
  (uniform and geometric), refined by a bounded scalar search around the best point.
- **Tuning.** Closed form where a module derives it (gradient descent, heavy ball,
  Nesterov: :mod:`momentum_proofs.tune`); otherwise a numeric minimax: a grid over the
  free parameters, then Nelder–Mead from the best grid points, and the worst rate
  evaluated again at the tuning found.  The result reports the grid's best value too,
  and is never worse than it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from numeric import _validate, rates

if TYPE_CHECKING:
    from .engine import Method

# sympy is imported inside the functions that derive something (a user method's rate
# kernel, its characteristic polynomial, its update as numbers): a built-in method's
# rate, worst rate, closed-form tuning and torch mapping need none of it.

#: How many λ points the worst rate scans before refining.
GRID = 4097
#: Grid points per free parameter in the minimax search (the grid has this to the power
#: of the number of free parameters, at most three).
SEARCH = {1: 4001, 2: 161, 3: 41}


def check_parameters(method: Method, values: dict[str, Any], *, complete: bool) -> dict:
    """Each value as a float64 array inside its parameter's domain; names checked.

    ``complete``: every parameter must be given.
    """
    unknown = sorted(set(values) - set(method.parameters))
    if unknown:
        raise ValueError(
            f"{unknown[0]}: not a parameter of {method.name} "
            f"(parameters: {', '.join(method.parameters)})"
        )
    if complete:
        missing = [p for p in method.parameters if p not in values]
        if missing:
            raise ValueError(f"{missing[0]}: {method.name} needs a value for it")
    out = {}
    for name, value in values.items():
        low, high, low_open, high_open = method.domain(name)
        out[name] = _validate.real_array(
            name,
            value,
            low=None if low == -math.inf else low,
            high=None if high == math.inf else high,
            low_open=low_open,
            high_open=high_open,
        )
    return out


@dataclass(frozen=True)
class _Compiled:
    """numpy functions of (parameters…, λ) for the pieces of R the rate needs."""

    kind: str  # "builtin", "scalar", "two", "matrix"
    fn: Any


_BUILTIN_RATES = {
    "gradient_descent": lambda p, lm: rates.gradient_descent(p["alpha"], lm),
    "heavy_ball": lambda p, lm: rates.heavy_ball(p["alpha"], p["beta"], lm),
    "nesterov": lambda p, lm: rates.nesterov(p["alpha"], p["beta"], lm),
}


def matrices(method: Method, args: list, lam_values: Any, shape: tuple) -> np.ndarray:
    """R at each point, shape ``shape + (d, d)``, from the method's lambdified entries
    (constant entries broadcast)."""
    rows = method._compiled_matrix(*args, lam_values)
    return np.stack(
        [np.stack([np.broadcast_to(np.asarray(e, float), shape) for e in row], -1) for row in rows],
        -2,
    )


def compile_rate(method: Method) -> _Compiled:
    """Lambdify what the rate needs from the derived R (once per method)."""
    if method.source == "built-in" and method.name in _BUILTIN_RATES:
        return _Compiled("builtin", _BUILTIN_RATES[method.name])
    if method.source == "built-in":
        # A built-in method's trace and determinant are printed and committed by codegen.
        import importlib

        try:
            generated = importlib.import_module(f"numeric._generated.{method.name}")
        except ImportError:
            generated = None
        fn = getattr(generated, f"{method.name}_trace_det", None)
        if fn is not None:
            return _Compiled("two", fn)
    import sympy as sp

    from ..symbols import lam

    symbols = [*method.spec.parameters, lam]
    R = method.iteration_matrix()
    if R.rows == 1:
        return _Compiled("scalar", sp.lambdify(symbols, R[0, 0], modules="numpy"))
    if R.rows == 2:
        pieces = [sp.expand(R.trace()), sp.expand(R.det(method="berkowitz"))]
        return _Compiled("two", sp.lambdify(symbols, pieces, modules="numpy"))
    return _Compiled("matrix", None)  # eigenvalues of matrices(...)


def rate(method: Method, lam_values: Any, params: dict[str, Any]) -> np.ndarray:
    """The spectral radius of R(λ) at each λ (numpy broadcasting)."""
    p = check_parameters(method, params, complete=True)
    lm = _validate.real_array("lam", lam_values, low=0)
    compiled = method._compiled_rate
    if compiled.kind == "builtin":
        return compiled.fn(p, lm)
    args = [p[name] for name in method.parameters]
    if compiled.kind == "scalar":
        out = np.abs(np.broadcast_to(compiled.fn(*args, lm), np.broadcast(*args, lm).shape))
        return out[()] if out.ndim == 0 else out
    if compiled.kind == "two":
        t, d = compiled.fn(*args, lm)
        return rates.two_by_two(*np.broadcast_arrays(t, d, *args, lm)[:2])
    mats = matrices(method, args, lm, np.broadcast(*args, lm).shape)
    out = np.abs(np.linalg.eigvals(mats)).max(axis=-1)
    return out[()] if out.ndim == 0 else out


def _grid(lo: float, hi: float, count: int = GRID) -> np.ndarray:
    if lo == hi:
        return np.array([lo])
    half = count // 2
    return np.unique(np.concatenate([np.linspace(lo, hi, half), np.geomspace(lo, hi, half)]))


def worst_rate(method: Method, lo: float, hi: float, params: dict[str, Any]) -> tuple[float, float]:
    """(max over λ ∈ [lo, hi] of the rate, the λ where it is reached), grid then refined."""
    from scipy.optimize import minimize_scalar

    grid = _grid(lo, hi)
    values = np.asarray(rate(method, grid, params))
    i = int(np.argmax(values))
    best, where = float(values[i]), float(grid[i])
    if 0 < i < grid.size - 1:
        found = minimize_scalar(
            lambda x: -float(rate(method, x, params)),
            bounds=(grid[i - 1], grid[i + 1]),
            method="bounded",
            options={"xatol": 1e-12 * max(1.0, abs(grid[i]))},
        )
        if -found.fun > best:
            best, where = float(-found.fun), float(found.x)
    return best, where


@dataclass(frozen=True)
class Tuned:
    """A tuning: every parameter's value, the worst rate there, and how it was found."""

    parameters: dict[str, float]
    rate: float
    how: str  # "closed form" | "numeric minimax"
    grid_rate: float | None = None  # the best value of the grid search, when one ran

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"parameters": self.parameters, "rate": self.rate, "how": self.how}
        if self.grid_rate is not None:
            out["grid_rate"] = self.grid_rate
        return out


def _axis(method: Method, name: str, lo: float, hi: float, count: int) -> np.ndarray:
    """The grid of parameter ``name`` that the minimax search starts from.

    Steps scale like 1/λ, so α is log-spaced over [10⁻³/λ_max, 10/λ_min]; a parameter
    in [0, 1) (momentum) is spaced both evenly and ever closer to 1, where the optimum
    sits for large κ; others are spaced evenly over their domain (capped at 4 above
    its lower end when unbounded).
    """
    low, high, low_open, high_open = method.domain(name)
    if name == "alpha":
        return np.geomspace(1e-3 / hi, 10.0 / lo, count)
    low = 0.0 if low == -math.inf else low
    high = (low + 4.0) if high == math.inf else high
    even = np.linspace(low, high, count // 2 + 2)[1:-1]
    if high == 1.0:
        near_one = 1.0 - np.geomspace(1e-5, 1.0 - low, count - even.size + 1)[:-1]
        return np.unique(np.concatenate([even, near_one]))
    return even


def _inside(method: Method, name: str, value: float) -> bool:
    low, high, low_open, high_open = method.domain(name)
    above = value > low if low_open else value >= low
    below = value < high if high_open else value <= high
    return above and below


def exact_rate(
    method: Method, params: dict[str, float], lam_value: float, digits: int = 50
) -> float:
    """The spectral radius at one λ from the characteristic polynomial's roots, mpmath at
    ``digits`` digits on the exact float inputs (a route independent of the float
    kernels).  The roots are found for σ/s with s ~ their size, since ``polyroots``
    stops at an absolute tolerance."""
    import mpmath as mp

    coeffs = _charpoly_coefficients(method)
    with mp.workdps(digits):
        values = [mp.mpf(params[p]) for p in method.parameters] + [mp.mpf(lam_value)]
        c = list(coeffs(*values))
        while len(c) > 1 and c[0] == 0:
            c = c[1:]
        if len(c) == 1:
            return 0.0
        size = max(abs(x) for x in c[1:]) / abs(c[0])
        if size == 0:
            return 0.0
        scale = size ** (mp.mpf(1) / (len(c) - 1))
        scaled = [x / scale**i for i, x in enumerate(c)]
        roots = mp.polyroots(scaled, maxsteps=400, extraprec=8 * digits)
        return float(scale * max(abs(r) for r in roots))


def _charpoly_coefficients(method: Method):
    """mpmath function of (parameters…, λ) giving det(σI − R)'s coefficients, highest first."""
    cached = getattr(method, "_charpoly_coefficients", None)
    if cached is None:
        import sympy as sp

        from ..symbols import lam
        from .engine import sigma

        poly = sp.Poly(method.characteristic_polynomial(), sigma)
        cached = sp.lambdify([*method.spec.parameters, lam], poly.all_coeffs(), modules="mpmath")
        object.__setattr__(method, "_charpoly_coefficients", cached)
    return cached


def _worst_on(
    method: Method,
    coarse: np.ndarray,
    fixed: dict[str, float],
    free: list[str],
    points: list[np.ndarray],
) -> np.ndarray:
    """The largest rate over ``coarse`` for each candidate (``points``: one array per
    free parameter); a task of its own on a cluster."""
    params = {**fixed, **{p: points[i][:, None] for i, p in enumerate(free)}}
    return np.asarray(rate(method, coarse[None, :], params)).max(axis=1)


def tune(method: Method, lo: float, hi: float, fixed: dict[str, Any], client: Any = None) -> Tuned:
    """Minimax tuning of the parameters not in ``fixed`` over λ ∈ [lo, hi].

    ``client``: a ``dask.distributed.Client`` to run the grid search's blocks on; each
    block is the same computation as here, so the result is the same bit for bit.
    """
    if client is not None and not callable(getattr(client, "submit", None)):
        raise TypeError(f"client must be a dask.distributed.Client; got {type(client).__name__}")
    fixed_f = {k: float(v) for k, v in check_parameters(method, fixed, complete=False).items()}
    free = [p for p in method.parameters if p not in fixed_f]
    if not free:
        value, _ = worst_rate(method, lo, hi, fixed_f)
        return Tuned(dict(fixed_f), value, "given")
    if method.source == "built-in" and method.name in _BUILTIN_RATES and not fixed_f:
        from .. import tune as closed

        found = closed.tune(lo, hi).methods[method.name]
        params = {p: float(found[p]) for p in method.parameters}
        return Tuned(params, float(found["rate"]), "closed form")
    if len(free) > 3:
        raise ValueError(f"{method.name}: at most three free parameters can be tuned at once")
    from scipy.optimize import minimize

    axes = [_axis(method, p, lo, hi, SEARCH[len(free)]) for p in free]
    mesh = [m.ravel() for m in np.meshgrid(*axes, indexing="ij")]
    coarse = _grid(lo, hi, 257)

    scores = np.empty(mesh[0].size)
    chunk = max(1, 2_000_000 // coarse.size)
    blocks = {
        start: [m[start : start + chunk] for m in mesh] for start in range(0, scores.size, chunk)
    }
    if client is None:
        for start, block in blocks.items():
            scores[start : start + chunk] = _worst_on(method, coarse, fixed_f, free, block)
    else:
        futures = {
            start: client.submit(_worst_on, method, coarse, fixed_f, free, block, pure=False)
            for start, block in blocks.items()
        }
        for start, future in futures.items():
            scores[start : start + chunk] = future.result()
    order = np.argsort(scores, kind="stable")[:5]
    grid_best = {p: float(mesh[i][order[0]]) for i, p in enumerate(free)}
    grid_value, _ = worst_rate(method, lo, hi, {**fixed_f, **grid_best})

    def objective(x: np.ndarray) -> float:
        candidate = dict(zip(free, (float(v) for v in x), strict=True))
        if not all(_inside(method, p, v) for p, v in candidate.items()):
            return 10.0  # outside a domain: worse than any converging tuning
        return float(np.max(rate(method, coarse, {**fixed_f, **candidate})))

    best_params, best_value = grid_best, grid_value
    for j in order:
        x = np.array([mesh[i][j] for i in range(len(free))])
        # The worst rate is not smooth (it is a max), so Nelder–Mead stalls on kinks and
        # domain edges: restart it from where it stopped, with a fresh simplex.
        for _ in range(4):
            x = minimize(
                objective,
                x,
                method="Nelder-Mead",
                options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 4000, "adaptive": True},
            ).x
        candidate = {p: float(v) for p, v in zip(free, x, strict=True)}
        if all(_inside(method, p, v) for p, v in candidate.items()):
            value, _ = worst_rate(method, lo, hi, {**fixed_f, **candidate})
            if value < best_value:
                best_params, best_value = candidate, value
    tuned = {**fixed_f, **best_params}
    # The rate at the tuning found, from the roots at 50 digits where the float search
    # put the worst λ and at both ends of the spectrum.
    _, where = worst_rate(method, lo, hi, tuned)
    exact = max(exact_rate(method, tuned, x) for x in {lo, hi, where})
    return Tuned(tuned, exact, "numeric minimax", grid_value)


#: torch.optim.SGD keywords that iterate the same sequence, and the claims that prove it.
def torch_settings(method: Method, params: dict[str, float]) -> tuple[dict | None, str]:
    """(``torch.optim.SGD`` keywords or ``None``, a note saying why or what is proven)."""
    p = {k: float(v) for k, v in params.items()}
    name = method.name if method.source == "built-in" else None
    if name == "gradient_descent":
        return {"lr": p["alpha"], "momentum": 0.0, "nesterov": False}, (
            "heavy ball with momentum 0 (claims NAG-TORCH, GD-RATE)"
        )
    if name == "heavy_ball":
        return {"lr": p["alpha"], "momentum": p["beta"], "nesterov": False}, (
            "torch's momentum buffer is z (claim NAG-TORCH)"
        )
    if name == "nesterov":
        return {"lr": p["alpha"], "momentum": p["beta"], "nesterov": True}, (
            "torch's parameters are the Bengio iterates Θ = θ + βv, which share θ's limit "
            "and rate (claims NAG-FORMS, NAG-TORCH)"
        )
    if name == "qhm" and p.get("nu") == 1.0:
        return {"lr": p["alpha"] * (1 - p["beta"]), "momentum": p["beta"], "nesterov": False}, (
            "ν = 1 is heavy ball with step α(1 − β) (claims QHM-LIMITS, NAG-TORCH)"
        )
    if name == "qhm" and p.get("nu") == 0.0:
        return {"lr": p["alpha"], "momentum": 0.0, "nesterov": False}, (
            "ν = 0 is gradient descent (claim QHM-LIMITS)"
        )
    if name in ("triple_momentum", "robust_momentum") and p.get("gamma") == 0.0:
        return {"lr": p["alpha"], "momentum": p["beta"], "nesterov": False}, (
            "γ = 0 is Polyak's two-step heavy ball (claims HB-POLYAK, NAG-TORCH)"
        )
    if name is None:
        return None, "no mapping is known for a user method"
    return None, (
        f"torch.optim.SGD has no update that iterates {name} at these parameters "
        "(its buffer holds one gradient sum, with the gradient taken at the parameters)"
    )


def linear_form(method: Method, params: dict[str, Any]) -> dict[str, Any]:
    """The method's update as numbers, for :func:`numeric.simulate.run` on a real problem.

    State entries are updated in ``order`` (so that each ``NAME_next`` it uses is already
    computed); entry j's new value is ``own[j] @ s + new[j] @ s⁺`` plus, for each gradient
    call c of its right-hand side, ``coef[c] * ∇f(arg_own[c] @ s + arg_new[c] @ s⁺)``
    (``calls[j]`` lists its calls).  ``start[j]`` is entry j's start as a multiple of w⁰.
    """
    import sympy as sp

    p = {k: float(v) for k, v in check_parameters(method, params, complete=True).items()}
    spec = method.spec
    values = {sym: p[sym.name] for sym in spec.parameters}
    state = list(spec.state)
    index = {s: i for i, s in enumerate(state)}
    next_of = {n: s for n, s in spec.nexts.items()}

    def coefficients(expr: sp.Expr) -> tuple[list[float], list[float]]:
        e = sp.expand(expr.xreplace(values))
        own = [float(e.coeff(s)) for s in state]
        new = [0.0] * len(state)
        for n, s in next_of.items():
            new[index[s]] = float(e.coeff(n))
        return own, new

    # Dependencies through NAME_next, in the right-hand side or in a gradient's argument.
    def uses(s: sp.Symbol) -> set[sp.Symbol]:
        expr = spec.with_grads[s]
        symbols = set(expr.free_symbols)
        for g in expr.free_symbols & set(spec.grad_args):
            symbols |= spec.grad_args[g].free_symbols
        return {next_of[x] for x in symbols if x in next_of}

    order: list[int] = []
    placed: set[sp.Symbol] = set()
    while len(order) < len(state):
        ready = [s for s in state if s not in placed and uses(s) <= placed]
        if not ready:  # the engine refused circular _next when it derived R
            raise ValueError(f"{method.name}: circular _next")
        for s in ready:
            order.append(index[s])
            placed.add(s)
    own, new, calls, coef, arg_own, arg_new = [], [], [], [], [], []
    for s in state:
        expr = spec.with_grads[s]
        placeholders = sorted(expr.free_symbols & set(spec.grad_args), key=lambda g: g.name)
        rest = expr.xreplace({g: 0 for g in placeholders})
        o, n = coefficients(rest)
        own.append(o)
        new.append(n)
        mine = []
        for g in placeholders:
            mine.append(len(coef))
            coef.append(float(sp.expand(expr.xreplace(values)).coeff(g)))
            ao, an = coefficients(spec.grad_args[g])
            arg_own.append(ao)
            arg_new.append(an)
        calls.append(mine)
    start = [float(sp.expand(spec.start[s]).coeff(spec.iterate)) for s in state]
    return {
        "order": order,
        "own": np.array(own),
        "new": np.array(new),
        "calls": calls,
        "coef": np.array(coef),
        "arg_own": np.array(arg_own).reshape(len(coef), len(state)),
        "arg_new": np.array(arg_new).reshape(len(coef), len(state)),
        "start": np.array(start),
        "iterate": index[spec.iterate],
    }


def power(method: Method, k: Any, lam_values: Any, params: dict[str, Any]) -> np.ndarray:
    """Rᵏ at each λ, shape ``(..., d, d)``.

    Heavy ball uses its own O(1) Cayley–Hamilton kernel (claim HB-POWER,
    :func:`numeric.closed_form.heavy_ball_power`); any other two-entry method the same
    form for a general real 2×2 (:func:`numeric.closed_form.power_2x2`), also O(1) in k
    and continuous through double roots.  Three or more entries are raised to the power
    by repeated squaring (O(log k) products), whose error grows like ε·log₂k·‖R‖ᵏ.
    """
    from numeric import closed_form

    p = check_parameters(method, params, complete=True)
    if method.source == "built-in" and method.name == "heavy_ball":
        return closed_form.heavy_ball_power(p["alpha"], p["beta"], lam_values, k)
    lm = _validate.real_array("lam", lam_values, low=0)
    kk = _validate.integer_array("k", k, minimum=0)
    args = [p[name] for name in method.parameters]
    shape = np.broadcast(*args, lm, kk).shape
    mats = matrices(method, args, lm, shape)
    kk = np.broadcast_to(kk, shape)
    if mats.shape[-1] == 2:
        return closed_form.power_2x2(mats, kk)
    out = np.empty_like(mats)
    for value in np.unique(kk):
        where = kk == value
        out[where] = np.linalg.matrix_power(mats[where], int(value))
    return out


def optax_settings(method: Method, params: dict[str, float]) -> tuple[dict | None, str]:
    """(``optax.sgd`` keywords or ``None``, a note): wherever torch's SGD runs the method,
    optax.sgd does with the same numbers (claim NAG-OPTAX)."""
    torch, note = torch_settings(method, params)
    if torch is None:
        return None, note.replace("torch.optim.SGD", "optax.sgd")
    momentum = torch["momentum"] or None  # optax.sgd(momentum=None) is plain SGD
    keywords = {"learning_rate": torch["lr"], "momentum": momentum, "nesterov": torch["nesterov"]}
    return keywords, f"the same step as torch's SGD (claim NAG-OPTAX); {note}"
