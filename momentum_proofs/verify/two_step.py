"""Numeric cross-checks of the two-step family (claim TWO-MINIMAX), and its shared helpers.

The family w⁺ = w + β(w − w⁻) − α∇f(w + γ(w − w⁻)) has, on one eigencomponent λ,
det(σI − R) = σ² − Tσ + P with T = 1 + β − αλ(1 + γ), P = β − αγλ.  Two independent
evaluations of the spectral radius are kept here and used by the triple- and
robust-momentum cross-checks too:

- :func:`radius` (numpy, float64): the closed form max over the two roots of the
  quadratic formula, real or complex branch;
- :func:`reference_radius` (mpmath, 50 digits): ``mpmath.polyroots`` of the polynomial
  formed from the *exact* float inputs.

Routes of ``TWO-MINIMAX``: a search over random, Nesterov-like and near-optimal
(α, β, γ) for several κ, whose worst case over a λ grid never falls below
(√κ − 1)/(√κ + 1) by more than the rounding allowance, while heavy ball's tuning meets it.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from . import Route, cross_check

EPS = 2.0**-52
DPS = 50


def trace_det(alpha, beta, gamma, lam) -> tuple[np.ndarray, np.ndarray]:
    """T = 1 + β − αλ(1 + γ) and P = β − αγλ in float64 (numpy broadcasting)."""
    alpha, beta, gamma, lam = (np.asarray(x, dtype=float) for x in (alpha, beta, gamma, lam))
    return 1 + beta - alpha * lam * (1 + gamma), beta - alpha * gamma * lam


def radius(alpha, beta, gamma, lam) -> np.ndarray:
    """Spectral radius of the family's R(λ), float64: (|T| + √d)/2 if d = T² − 4P ≥ 0, else √P."""
    T, P = trace_det(alpha, beta, gamma, lam)
    d = T * T - 4 * P
    real = (np.abs(T) + np.sqrt(np.maximum(d, 0.0))) / 2
    # d < 0 implies P > T²/4 ≥ 0, so the complex branch's √P is real.
    return np.where(d >= 0, real, np.sqrt(np.maximum(P, 0.0)))


def reference_radius(alpha: float, beta: float, gamma: float, lam: float) -> mp.mpf:
    """max |σ| over mpmath.polyroots of σ² − Tσ + P, at 50 digits on the exact floats."""
    with mp.workdps(DPS):
        a, b, g, lm = (mp.mpf(float(x)) for x in (alpha, beta, gamma, lam))
        T = 1 + b - a * lm * (1 + g)
        P = b - a * g * lm
        roots = mp.polyroots([1, -T, P], maxsteps=200, extraprec=2 * DPS)
        return max(abs(z) for z in roots)


def radius_tolerance(alpha: float, beta: float, gamma: float, lam: float) -> float:
    """Allowed |radius − reference| for :func:`radius` at one float point.

    T and P carry rounding errors of a few ε times the size of their terms
    (s_T = 1 + β + αλ(1 + γ), s_P = β + αγλ); d = T² − 4P then carries
    δ ≈ 16ε(s_T² + 4s_P), which moves √d by min(√δ, δ/√|d|) (the FIELD-NOTES shape
    ε(1 + c/√|d|): a few ulps away from a double root, √ε on it).
    """
    s_T = 1 + beta + alpha * lam * (1 + gamma)
    s_P = beta + alpha * gamma * lam
    with mp.workdps(30):
        a, b, g, lm = (mp.mpf(float(x)) for x in (alpha, beta, gamma, lam))
        T = 1 + b - a * lm * (1 + g)
        d = abs(T * T - 4 * (b - a * g * lm))
    delta = 16 * EPS * (s_T * s_T + 4 * s_P)
    shift = math.sqrt(delta) if d == 0 else min(math.sqrt(delta), delta / float(mp.sqrt(d)))
    return 16 * EPS * (s_T + s_P) + shift


def lam_grid(mu: float, L: float, n: int = 65) -> np.ndarray:
    """n points geometrically spaced over [μ, L], the ends exactly μ and L."""
    grid = np.geomspace(mu, L, n)
    grid[0], grid[-1] = mu, L
    return grid


def heavy_ball_rate(kappa: float) -> mp.mpf:
    """(√κ − 1)/(√κ + 1) at 50 digits on the float κ."""
    with mp.workdps(DPS):
        s = mp.sqrt(mp.mpf(kappa))
        return (s - 1) / (s + 1)


@cross_check("TWO-MINIMAX")
def minimax_search() -> list[Route]:
    rng = np.random.default_rng(31)
    ok, n, worst_gap, detail = True, 0, 0.0, []
    for kappa in (10.0, 100.0, 1e4):
        mu, L = 1.0, kappa
        star = float(heavy_ball_rate(kappa))
        lam = lam_grid(mu, L, 129)
        a_hb = 4 / (math.sqrt(mu) + math.sqrt(L)) ** 2
        b_hb = star * star
        m = 1500
        # Random members, Nesterov-like members (γ = β), and heavy ball's optimum perturbed,
        # with γ switched on a little: the search the claim rules out.
        alpha = np.concatenate(
            [
                rng.uniform(0, 4, m) / L,
                rng.uniform(0, 4, m) / L,
                a_hb * (1 + 10.0 ** rng.uniform(-7, -1, m) * rng.choice([-1, 1], m)),
            ]
        )
        beta = np.concatenate(
            [
                rng.uniform(0, 1, m),
                rng.uniform(0, 1, m),
                np.clip(b_hb * (1 + 10.0 ** rng.uniform(-7, -1, m) * rng.choice([-1, 1], m)), 0, 1),
            ]
        )
        gamma = np.concatenate(
            [rng.uniform(0, 3, m), beta[m : 2 * m], 10.0 ** rng.uniform(-8, -1, m)]
        )
        worst = np.max(radius(alpha[:, None], beta[:, None], gamma[:, None], lam[None, :]), axis=1)
        # Near the optimum both ends sit near double roots, where float64 radii are good to ~√ε.
        slack = 4 * math.sqrt(EPS) * (1 + star)
        gap = float(np.min(worst - star))
        ok = ok and gap >= -slack
        worst_gap = max(worst_gap, max(0.0, -gap))
        hb = float(np.max(radius(a_hb, b_hb, 0.0, lam)))
        ok = ok and abs(hb - star) <= slack
        n += alpha.size
        detail.append(f"κ={kappa:g}: min over draws − r* = {gap:.2e}, heavy ball {hb - star:.1e}")
    return [
        Route(
            "search: max over 129 λ of the float64 radius at 4500 (α, β, γ) per κ ≥ (√κ−1)/(√κ+1)",
            worst_gap,
            ok,
            n,
            detail="; ".join(detail),
        )
    ]


@cross_check("TWO-MINIMAX")
def radius_against_mpmath() -> list[Route]:
    """The float64 radius used above, against mpmath.polyroots on the exact floats."""
    rng = np.random.default_rng(32)
    worst, ok, n = 0.0, True, 0
    for i in range(160):
        a, b, g = rng.uniform(0, 0.4), rng.uniform(0, 1), rng.uniform(0, 3)
        lm = float(np.exp(rng.uniform(0, math.log(100))))
        if i % 4 == 0:
            # Hard points: heavy ball (γ = 0) on or near a double-root curve αλ = (1 ± √β)².
            g = 0.0
            edge = (1 + rng.choice([-1, 1]) * math.sqrt(b)) ** 2
            lm = edge * (1 + rng.choice([0.0, 10.0 ** rng.uniform(-15, -3)])) / a
        got = float(radius(a, b, g, lm))
        ref = reference_radius(a, b, g, lm)
        err = abs(got - float(ref))
        ok = ok and err <= radius_tolerance(a, b, g, lm)
        worst = max(worst, err / max(float(ref), 1e-300))
        n += 1
    return [Route("numpy closed-form radius~mpmath polyroots (50 digits)", worst, ok, n)]
