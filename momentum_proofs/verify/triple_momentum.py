"""Numeric cross-checks of triple momentum (claims TM-FACTOR, TM-RATE).

The tuning is formed in float64 from the published formulas; the references are
``mpmath.polyroots`` at 50 digits on those exact floats (and the exact design rate
1 − 1/√κ at 50 digits).  Routes:

- ``polyroots~{ρ, ρ²}, {0, −ρ}``: the roots at λ = μ and λ = L;
- ``worst over λ (mpmath)~1 − 1/√κ``: the largest radius over 65 λ in [μ, L] for
  κ = 10, 100, 10⁴, 10⁶;
- ``numpy closed form~mpmath``: the float64 radius at the same points.
"""

from __future__ import annotations

import math

import mpmath as mp

from . import Route, cross_check
from .two_step import DPS, EPS, lam_grid, radius, radius_tolerance, reference_radius

KAPPAS = (10.0, 100.0, 1e4, 1e6)


def tuning(mu: float, L: float) -> tuple[float, float, float, float]:
    """(α, β, γ, ρ) in float64 from the published formulas, ρ = 1 − 1/√κ."""
    rho = 1 - 1 / math.sqrt(L / mu)
    return (1 + rho) / L, rho**2 / (2 - rho), rho**2 / ((1 + rho) * (2 - rho)), rho


def design_rate(mu: float, L: float) -> mp.mpf:
    with mp.workdps(DPS):
        return 1 - 1 / mp.sqrt(mp.mpf(L) / mp.mpf(mu))


def _sep_tolerance(rho: float) -> float:
    """Rounding of the float tuning moves a simple root by ~ε·(coefficient size)/separation.

    The closest pair of roots at the ends is ρ, ρ² at λ = μ, separated by ρ(1 − ρ).
    """
    return 32 * EPS / (rho * (1 - rho))


@cross_check("TM-FACTOR")
def end_roots() -> list[Route]:
    worst, ok, n = 0.0, True, 0
    for kappa in KAPPAS:
        mu, L = 0.5, 0.5 * kappa
        a, b, g, _ = tuning(mu, L)
        rho = design_rate(mu, L)
        tol = _sep_tolerance(float(rho))
        with mp.workdps(DPS):
            for lm, expected in ((mu, (rho, rho**2)), (L, (mp.mpf(0), -rho))):
                A, B, G, LM = (mp.mpf(x) for x in (a, b, g, lm))
                T = 1 + B - A * LM * (1 + G)
                P = B - A * G * LM
                roots = sorted(
                    (mp.re(z) for z in mp.polyroots([1, -T, P], maxsteps=200, extraprec=2 * DPS)),
                    reverse=True,
                )
                for got, want in zip(roots, expected, strict=True):
                    err = float(abs(got - want))
                    ok = ok and err <= tol
                    worst = max(worst, err / float(rho))
                    n += 1
    return [
        Route("mpmath polyroots (50 digits) at λ = μ, L~{ρ, ρ²}, {0, −ρ}", worst, ok, n),
    ]


@cross_check("TM-RATE")
def worst_over_grid() -> list[Route]:
    worst_err, ok, n, detail = 0.0, True, 0, []
    kern_err, kern_ok = 0.0, True
    for kappa in KAPPAS:
        mu, L = 1.0, kappa
        a, b, g, _ = tuning(mu, L)
        rho = design_rate(mu, L)
        lam = lam_grid(mu, L)
        refs = [reference_radius(a, b, g, float(x)) for x in lam]
        top = max(refs)
        err = float(abs(top - rho) / rho)
        ok = ok and err <= _sep_tolerance(float(rho))
        # Equality at both ends (the maximum over the grid is checked above).
        ok = ok and all(float(abs(refs[i] - rho)) <= _sep_tolerance(float(rho)) for i in (0, -1))
        worst_err = max(worst_err, err)
        got = radius(a, b, g, lam)
        for x, gx, rx in zip(lam, got, refs, strict=True):
            e = abs(float(gx) - float(rx))
            kern_ok = kern_ok and e <= radius_tolerance(a, b, g, float(x))
            kern_err = max(kern_err, e / float(rx))
        n += lam.size
        detail.append(f"κ={kappa:g}: max {float(top):.15g} vs 1 − 1/√κ = {float(rho):.15g}")
    return [
        Route(
            "mpmath polyroots (50 digits) on the float tuning: max over 65 λ in [μ, L]~1 − 1/√κ, "
            "attained at μ and L",
            worst_err,
            ok,
            n,
            detail="; ".join(detail),
        ),
        Route("numpy closed-form radius~mpmath polyroots on the same points", kern_err, kern_ok, n),
    ]
