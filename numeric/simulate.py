"""Direct simulation of first-order methods on f(w) = ½ wᵀAw − bᵀw.

These are the independent route the closed forms are checked against: they
iterate the update rule exactly as the texts state it, on a dense ndarray or a
scipy.sparse matrix.

``record`` chooses what is kept: ``"all"`` (every iterate, the default),
``"last"``, or an integer m (every m-th iterate and the last one), so a long or
large run need not hold its history.  With ``tol`` the run stops at the first
iterate whose gradient norm ‖Aw − b‖ is at most ``tol`` (relative to ‖b‖, or
absolute when b = 0).  When ``record`` is not ``"all"`` or ``tol`` is given, a
:class:`Run` is returned instead of the bare array.

Divergence is reported, not printed as overflow noise: the run stops at the
first non-finite iterate and ``Run.diverged`` (or, for the bare array, a single
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

    iterates: np.ndarray  #: the recorded iterates, one row each
    steps: np.ndarray  #: the iteration index of each recorded row
    iterations: int  #: iterations performed
    converged: bool  #: the tolerance was met (False when ``tol`` is None)
    diverged: bool  #: an iterate overflowed

    @property
    def last(self) -> np.ndarray:
        return self.iterates[-1]


def _record_every(record: Any, steps: int) -> int:
    if isinstance(record, str):
        if record == "all":
            return 1
        if record == "last":
            return max(steps, 1)
        raise ValueError(f"record must be 'all', 'last' or an integer >= 1; got {record!r}")
    return v.count("record", record, minimum=1)


def _problem(A: Any, b: ArrayLike, w0: ArrayLike | None) -> tuple[Any, np.ndarray, np.ndarray]:
    A = v.spd_matrix("A", A)
    n = A.shape[0]
    b = v.vector("b", b, n)
    w = np.zeros(n) if w0 is None else v.vector("w0", w0, n).copy()
    return A, b, w


def _iterate(
    step: Callable[[np.ndarray], np.ndarray],
    A: Any,
    b: np.ndarray,
    w: np.ndarray,
    steps: int,
    record: Any,
    tol: float | None,
    bare: bool,
) -> np.ndarray | Run:
    every = _record_every(record, steps)
    if tol is not None:
        tol = float(v.real_array("tol", tol, low=0))
        scale = float(np.linalg.norm(b)) or 1.0
    rows, at = [w.copy()], [0]
    converged = diverged = False
    done = 0
    with np.errstate(over="ignore", invalid="ignore"):
        if tol is not None and np.linalg.norm(A @ w - b) <= tol * scale:
            converged = True
        while done < steps and not converged:
            w = step(w)
            done += 1
            if not np.isfinite(w).all():
                diverged = True
                break
            if tol is not None and np.linalg.norm(A @ w - b) <= tol * scale:
                converged = True
            if done % every == 0 or done == steps or converged:
                rows.append(w.copy())
                at.append(done)
    if diverged:
        rows.append(np.where(np.isnan(w), np.inf, w))
        at.append(done)
    iterates = np.array(rows)
    if bare:
        if diverged:
            warnings.warn(
                f"iterates overflowed at step {done}; later rows are inf",
                DivergenceWarning,
                stacklevel=3,
            )
            pad = np.full((steps + 1 - iterates.shape[0], iterates.shape[1]), np.inf)
            iterates = np.vstack([iterates, np.copysign(pad, iterates[-1])])
        return iterates
    return Run(iterates, np.array(at), done, converged, diverged)


def heavy_ball(
    A: Any,
    b: ArrayLike,
    alpha: float,
    beta: float,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    record: str | int = "all",
    tol: float | None = None,
) -> np.ndarray | Run:
    """Heavy-ball iterates z⁺ = βz + (Aw − b), w⁺ = w − αz⁺, from z⁰ = 0.

    This is the update of Goh (2017), "The Dynamics of Momentum", and of
    ``torch.optim.SGD(lr=alpha, momentum=beta)``.

    Returns the iterates w⁰ … w^steps, shape ``(steps + 1, n)`` (see the module
    docstring for ``record`` and ``tol``).

    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> w = heavy_ball(A, b, alpha=0.1, beta=0.5, steps=200)
    >>> print(np.round(w[-1], 10))
    [1.  0.1]
    """
    A, b, w = _problem(A, b, w0)
    a = float(v.real_array("alpha", alpha, low=0))
    bt = float(v.real_array("beta", beta, low=0, high=1, low_open=False))
    steps = v.count("steps", steps)
    z = np.zeros_like(w)

    def step(w: np.ndarray) -> np.ndarray:
        nonlocal z
        z = bt * z + (A @ w - b)
        return w - a * z

    return _iterate(step, A, b, w, steps, record, tol, record == "all" and tol is None)


def gradient_descent(
    A: Any,
    b: ArrayLike,
    alpha: float,
    steps: int,
    w0: ArrayLike | None = None,
    *,
    record: str | int = "all",
    tol: float | None = None,
) -> np.ndarray | Run:
    """Gradient-descent iterates w⁺ = w − α(Aw − b).

    >>> A = np.diag([1.0, 10.0]); b = np.array([1.0, 1.0])
    >>> print(np.round(gradient_descent(A, b, alpha=0.1, steps=500)[-1], 10))
    [1.  0.1]
    """
    A, b, w = _problem(A, b, w0)
    a = float(v.real_array("alpha", alpha, low=0))
    steps = v.count("steps", steps)

    def step(w: np.ndarray) -> np.ndarray:
        return w - a * (A @ w - b)

    return _iterate(step, A, b, w, steps, record, tol, record == "all" and tol is None)
