"""Numeric cross-checks of robust momentum (claims RM-RATE, RM-EXTREMES).

Routes:

- ``worst over λ (mpmath)~max(ρ, |1 − κ(1 − ρ)²(1 + ρ)|)``: ``mpmath.polyroots`` at 50
  digits on the float64 tuning, largest radius over 33 λ in [μ, L], for κ = 10, 100,
  10⁴ and ρ across the published range, one ρ above it (still ρ) and one below it
  (where the end λ = L takes over);
- ``simulation``: at ρ = 1 − 1/κ, the gradient points yₖ = wₖ + γ(wₖ − wₖ₋₁) of robust
  momentum on a non-quadratic f against gradient descent with step 1/L iterated here by
  hand, and wₖ₊₁ = (1 − ρ²)yₖ₊₁ + ρ²wₖ;
- ``formulas``: at ρ = 1 − 1/√κ the float64 parameters against triple momentum's.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import matrices

from . import Route, cross_check
from .triple_momentum import tuning as tm_tuning
from .two_step import DPS, EPS, lam_grid, reference_radius

KAPPAS = (10.0, 100.0, 1e4)


def tuning(mu: float, L: float, rho: float) -> tuple[float, float, float]:
    """(α, β, γ) in float64 from the published formulas."""
    kappa = L / mu
    alpha = kappa * (1 - rho) ** 2 * (1 + rho) / L
    beta = kappa * rho**3 / (kappa - 1)
    gamma = rho**3 / ((kappa - 1) * (1 - rho) ** 2 * (1 + rho))
    return alpha, beta, gamma


def expected_worst(kappa: float, rho: float) -> mp.mpf:
    """max(ρ, |1 − κ(1 − ρ)²(1 + ρ)|) at 50 digits on the float κ and ρ."""
    with mp.workdps(DPS):
        k, r = mp.mpf(kappa), mp.mpf(rho)
        return max(r, abs(1 - k * (1 - r) ** 2 * (1 + r)))


def _rhos(kappa: float) -> list[float]:
    low, high = 1 - 1 / math.sqrt(kappa), 1 - 1 / kappa
    inside = list(np.linspace(low, high, 5))
    above = (high + math.sqrt(1 - 1 / kappa)) / 2
    below = 1 - 1.5 / math.sqrt(kappa)
    return [*inside, above, below]


@cross_check("RM-RATE")
def worst_over_grid() -> list[Route]:
    worst, ok, n, detail = 0.0, True, 0, []
    for kappa in KAPPAS:
        mu, L = 1.0, kappa
        lam = lam_grid(mu, L, 33)
        for rho in _rhos(kappa):
            a, b, g = tuning(mu, L, rho)
            top = max(reference_radius(a, b, g, float(x)) for x in lam)
            want = expected_worst(kappa, rho)
            # Rounding of the float tuning moves the roots at μ (ρ, ρ², separated by
            # ρ(1 − ρ)) by ~ε·(coefficient size)/separation.
            tol = 32 * EPS / (rho * (1 - rho))
            err = float(abs(top - want) / want)
            ok = ok and err <= tol
            worst = max(worst, err)
            n += lam.size
        lo, hi = _rhos(kappa)[0], _rhos(kappa)[4]
        detail.append(
            f"κ={kappa:g}: worst at ρ = {lo:.6g} (TM end) and {hi:.6g} (GD end) equal ρ; "
            f"below the range {float(expected_worst(kappa, _rhos(kappa)[-1])):.6g} > "
            f"ρ = {_rhos(kappa)[-1]:.6g}"
        )
    return [
        Route(
            "mpmath polyroots (50 digits) on the float tuning: max over 33 λ~"
            "max(ρ, |1 − κ(1 − ρ)²(1 + ρ)|)",
            worst,
            ok,
            n,
            detail="; ".join(detail),
        )
    ]


def _grad(A: np.ndarray, b: np.ndarray, c: float):
    """∇f of f(x) = ½xᵀAx − bᵀx + c Σ log cosh xᵢ (smooth, strongly convex, not quadratic)."""
    return lambda x: A @ x - b + c * np.tanh(x)


@cross_check("RM-EXTREMES")
def gradient_descent_end() -> list[Route]:
    eigs = np.array([1.0, 3.0, 10.0, 30.0, 100.0])
    A = matrices.spd_with_spectrum(eigs, seed=41)
    b = np.linspace(-2.0, 3.0, 5)
    c = 0.5
    grad = _grad(A, b, c)
    mu, L = float(eigs[0]), float(eigs[-1] + c)
    kappa = L / mu
    rho = 1 - 1 / kappa
    alpha, beta, gamma = tuning(mu, L, rho)
    steps = 300
    w_prev = w = np.full(5, 1.5)
    x = w.copy()  # gradient descent with step 1/L, iterated by hand
    err_y, err_avg, scale = 0.0, 0.0, 1.0
    ok = True
    for k in range(steps):
        y = w + gamma * (w - w_prev)
        e = float(np.max(np.abs(y - x)))
        scale = max(scale, float(np.max(np.abs(x))))
        # Each step rounds a few times on numbers of size ≤ scale; GD with step 1/L does not
        # amplify errors (a contraction), so they add up at most linearly in k.  The factor
        # 1 + γ multiplies the rounding of w when y is formed.
        ok = ok and e <= 64 * EPS * (1 + gamma) * (k + 1) * scale
        err_y = max(err_y, e / scale)
        w_next = w + beta * (w - w_prev) - alpha * grad(y)
        y_next = w_next + gamma * (w_next - w)
        avg = (1 - beta) * y_next + beta * w
        e_avg = float(np.max(np.abs(w_next - avg)))
        ok = ok and e_avg <= 64 * EPS * (1 + gamma) * scale
        err_avg = max(err_avg, e_avg / scale)
        w_prev, w = w, w_next
        x = x - grad(x) / L
    tm_worst, tm_ok = 0.0, True
    for kap in (10.0, 100.0, 1e4, 1e6):
        rho_tm = 1 - 1 / math.sqrt(kap)
        got = tuning(1.0, kap, rho_tm)
        want = tm_tuning(1.0, kap)[:3]
        for gx, wx in zip(got, want, strict=True):
            rel = abs(gx - wx) / wx
            # (1 − ρ) is formed from a rounded ρ: relative error ε√κ, squared in α and γ.
            tm_ok = tm_ok and rel <= 16 * EPS * (1 + math.sqrt(kap))
            tm_worst = max(tm_worst, rel)
    return [
        Route(
            "simulation: yₖ of robust momentum at ρ = 1 − 1/κ~gradient descent with step 1/L "
            "(hand-iterated, non-quadratic f); wₖ₊₁ = (1 − ρ²)yₖ₊₁ + ρ²wₖ",
            max(err_y, err_avg),
            ok,
            steps,
        ),
        Route(
            "formulas at ρ = 1 − 1/√κ (float64)~triple momentum's α, β, γ",
            tm_worst,
            tm_ok,
            12,
        ),
    ]
