"""Numeric cross-checks of the unrolled forms (family ``UNROLL``).

Route ``unrolled sum~simulation``: run a method with :mod:`numeric.simulate` on a
non-quadratic function (``grad=``), evaluate the gradients at the recorded
iterates, and rebuild every iterate from w⁰ and the weighted sum of those
gradients.  The sum of K terms of size ≤ G·α/(1 − β) carries a rounding error of
a few K·ε times that size, which is the tolerance.
"""

from __future__ import annotations

import numpy as np

from numeric import simulate

from . import Route, cross_check

EPS = 2.0**-52
STEPS = 60
ALPHA, BETA = 0.05, 0.8
CENTRE = np.array([1.0, -2.0, 0.5])


def grad(w: np.ndarray) -> np.ndarray:
    """Gradient of f(w) = Σ log cosh(wᵢ − cᵢ) + ‖w‖²/20 (smooth, not quadratic)."""
    return np.tanh(w - CENTRE) + w / 10


W0 = np.array([3.0, 3.0, -3.0])


def _rebuild(iterates: np.ndarray, weight) -> tuple[float, bool]:
    g = np.array([grad(w) for w in iterates])
    worst, ok = 0.0, True
    for k in range(len(iterates) - 1):
        coeff = np.array([weight(k, i) for i in range(k + 1)])
        rebuilt = iterates[0] + coeff @ g[: k + 1]
        scale = np.abs(coeff) @ np.abs(g[: k + 1]) + np.abs(iterates[0])
        err = np.abs(rebuilt - iterates[k + 1])
        tol = 8 * (k + 2) * EPS * scale
        ok = ok and bool(np.all(err <= tol))
        # Reported error is relative to the size of the summed terms (mixed measure): an
        # iterate coordinate passing near 0 would make err/|wᵏ| meaningless.
        worst = max(worst, float(np.max(err / scale)))
    return worst, ok


@cross_check("UNROLL-GD")
def gradient_descent_unrolled() -> list[Route]:
    w = simulate.gradient_descent(None, None, ALPHA, STEPS, W0, grad=grad)
    worst, ok = _rebuild(w, lambda k, i: -ALPHA)
    return [Route("unrolled sum~simulation (log-cosh objective; error/Σ|terms|)", worst, ok, STEPS)]


def momentum_weight(k: int, i: int) -> float:
    return -ALPHA * (1 - BETA ** (k + 1 - i)) / (1 - BETA)


@cross_check("UNROLL-MOMENTUM")
def momentum_unrolled() -> list[Route]:
    w = simulate.heavy_ball(None, None, ALPHA, BETA, STEPS, W0, grad=grad)
    worst, ok = _rebuild(w, momentum_weight)
    # The printed sign (+α) rebuilds something else entirely: report how far off it is.
    g0 = grad(W0)
    printed_off = float(np.max(np.abs(W0 + ALPHA * g0 - w[1])))
    return [
        Route(
            "corrected unrolled sum~simulation (log-cosh objective; error/Σ|terms|)",
            worst,
            ok and printed_off > 0.1,
            STEPS,
            detail=f"printed '+α' misses w¹ by {printed_off:.3f}",
        )
    ]


@cross_check("UNROLL-VELOCITY")
def velocity_unrolled() -> list[Route]:
    w = simulate.heavy_ball(None, None, ALPHA, BETA, STEPS, W0, grad=grad)
    g = np.array([grad(x) for x in w])
    # v^{k+1} = w^{k+1} − w^k from the simulation against −αΣ β^{k−i} gᵢ.
    worst, ok = 0.0, True
    for k in range(STEPS):
        weights = BETA ** (k - np.arange(k + 1))
        v = -ALPHA * weights @ g[: k + 1]
        step = w[k + 1] - w[k]
        err = np.abs(v - step)
        tol = 8 * (k + 2) * EPS * (ALPHA * weights @ np.abs(g[: k + 1]) + np.abs(w[k]))
        ok = ok and bool(np.all(err <= tol))
        worst = max(worst, float(np.max(err / (tol / (8 * (k + 2) * EPS)))))
    return [Route("exponentially weighted sum~simulated steps (error/Σ|terms|)", worst, ok, STEPS)]


@cross_check("UNROLL-LINEAR")
def nesterov_unrolled() -> list[Route]:
    th = simulate.nesterov(None, None, ALPHA, BETA, STEPS, W0, form="bengio", grad=grad)

    def weight(k: int, i: int) -> float:
        if i == k:
            return -ALPHA * (1 + BETA)
        return -ALPHA * (1 - BETA ** (k + 2 - i)) / (1 - BETA)

    worst, ok = _rebuild(th, weight)
    return [Route("Nesterov (Bengio) unrolled sum~simulation (error/Σ|terms|)", worst, ok, STEPS)]
