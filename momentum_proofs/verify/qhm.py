"""Numeric cross-checks of quasi-hyperbolic momentum (claims QHM-LIMITS, QHM-STABILITY).

Routes:

- ``hand-iterated QHM~simulate``: QHM at ν = 1 on a 5-dimensional quadratic against
  :func:`numeric.simulate.heavy_ball` with step α(1 − β), and at ν = 0 against
  :func:`numeric.simulate.gradient_descent`;
- ``mpmath polyroots~derived bound``: at random (α, β, ν) and on both sides of
  αλ = 2(1 + β)/(1 + β − 2βν), the roots of σ² − (1 + β − αλ(1 − βν))σ + β(1 − αλ(1 − ν))
  at 50 digits on the exact floats lie inside the unit circle exactly when αλ is below
  the bound.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import matrices, simulate

from . import Route, cross_check

EPS = 2.0**-52
DPS = 50


def qhm(A: np.ndarray, b: np.ndarray, alpha: float, beta: float, nu: float, steps: int):
    """QHM iterated here: g⁺ = βg + (1 − β)∇f(w), w⁺ = w − α((1 − ν)∇f(w) + νg⁺), g⁰ = 0."""
    w = np.zeros(b.size)
    g = np.zeros(b.size)
    out = [w]
    for _ in range(steps):
        grad = A @ w - b
        g = beta * g + (1 - beta) * grad
        w = w - alpha * ((1 - nu) * grad + nu * g)
        out.append(w)
    return np.array(out)


@cross_check("QHM-LIMITS")
def limits() -> list[Route]:
    A = matrices.spd_with_spectrum(np.array([0.1, 0.5, 1.0, 2.0, 3.0]), seed=51)
    b = np.linspace(-1.0, 1.0, 5)
    alpha, beta, steps = 0.9, 0.6, 150
    ref_hb = simulate.heavy_ball(A, b, alpha * (1 - beta), beta, steps)
    got_hb = qhm(A, b, alpha, beta, 1.0, steps)
    ref_gd = simulate.gradient_descent(A, b, alpha / 2, steps)
    got_gd = qhm(A, b, alpha / 2, beta, 0.0, steps)
    err_hb = float(np.max(np.abs(got_hb - ref_hb)) / np.max(np.abs(ref_hb)))
    err_gd = float(np.max(np.abs(got_gd - ref_gd)) / np.max(np.abs(ref_gd)))
    # A few roundings per step on numbers of the size of the iterates, which stay bounded
    # (both runs converge), so the difference grows at most linearly in the step count.
    tol = 64 * EPS * steps
    return [
        Route(
            "QHM ν = 1 (hand-iterated)~simulate.heavy_ball with step α(1 − β)",
            err_hb,
            err_hb <= tol,
            steps + 1,
        ),
        Route(
            "QHM ν = 0 (hand-iterated)~simulate.gradient_descent", err_gd, err_gd <= tol, steps + 1
        ),
    ]


def _radius(alpha: float, beta: float, nu: float, lam: float) -> mp.mpf:
    with mp.workdps(DPS):
        a, b, n, lm = (mp.mpf(float(x)) for x in (alpha, beta, nu, lam))
        c1 = -(1 + b - a * lm * (1 - b * n))
        c0 = b * (1 - a * lm * (1 - n))
        roots = mp.polyroots([1, c1, c0], maxsteps=200, extraprec=2 * DPS)
        return max(abs(z) for z in roots)


@cross_check("QHM-STABILITY")
def stability() -> list[Route]:
    rng = np.random.default_rng(52)
    ok, n, mismatches = True, 0, 0
    for i in range(240):
        beta = 0.0 if i % 8 == 0 else float(rng.uniform(0, 0.999))
        nu = [0.0, 1.0][i % 2] if i % 5 == 0 else float(rng.uniform(0, 1))
        lam = float(np.exp(rng.uniform(-3, 3)))
        bound = 2 * (1 + beta) / (1 + beta - 2 * beta * nu)
        if i % 3 == 0:
            # Either side of the edge, far beyond the rounding of the float bound.
            q = bound * (1 + float(rng.choice([-1, 1])) * 1e-6)
        else:
            q = float(rng.uniform(0.01, 1.5)) * bound
        alpha = q / lam
        inside = _radius(alpha, beta, nu, lam) < 1
        predicted = alpha * lam < bound
        mismatches += int(inside != predicted)
        n += 1
    ok = mismatches == 0
    return [
        Route(
            "mpmath polyroots (50 digits) inside |σ| < 1~αλ < 2(1 + β)/(1 + β − 2βν)",
            0.0,
            ok,
            n,
            detail=f"{mismatches} disagreements",
        )
    ]
