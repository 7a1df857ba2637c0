"""PEPit routes for the worst cases over function classes (``PEP-…``).

Each route runs the method through the engine's linear form on PEPit's abstract points
(:func:`numeric.pep.worst_case`) and compares the worst case with the published bound.
A bound that is tight is compared both ways; a bound that need not be tight only from
above.  The tolerance is written from the solver's accuracy: PEPit reports a primal
value (a worst function the solver built) and a dual value (the bound its multipliers
give); their relative gap g measures how far either can be from the true worst case, and
an interior-point solver also leaves feasibility residuals of about the same size.  A
route passes when the relative excess is ≤ :func:`tolerance` = 10·g + 10⁻⁶.  The floor
covers the feasibility residuals when the gap happens to be tiny: Clarabel stops at
residuals of 10⁻⁸, which the multipliers (up to ~10² on these normalised problems)
carry into the value; measured, the excess reached 1.6·10⁻⁷ with a gap of 3·10⁻⁸ under
one OpenBLAS kernel (Haswell) and stayed below 10⁻⁷ under another.  The problems are normalised
(L = 1): PEPit's answers on raw scalings are badly conditioned.
"""

from __future__ import annotations

import math

import mpmath as mp

from .. import methods
from . import Route, cross_check


def tolerance(gap: float) -> float:
    """The relative slack a PEPit route allows, from the solver's duality gap g."""
    return 10 * gap + 1e-6


def _pep(method: str, params: dict, cls: str, mu: float, steps: int, **kw):
    from numeric import pep

    form = methods.get(method).linear_form(**params)
    return pep.worst_case(form, cls, mu, 1.0, steps, **kw)


def _route(name: str, results: list[tuple[float, float, float]], tight: bool) -> Route:
    """results: (PEPit value, bound, gap) triples."""
    worst, ok, widest = 0.0, True, 0.0
    for value, bound, gap in results:
        excess = (value - bound) / bound
        err = abs(excess) if tight else max(excess, 0.0)
        ok = ok and err <= tolerance(gap)
        worst, widest = max(worst, err), max(widest, gap)
    return Route(
        name,
        worst,
        ok,
        len(results),
        f"PEPit (Clarabel/SCS via cvxpy); largest duality gap {widest:.1e}, tolerance "
        f"10·gap + 1e-6",
        kind="pepit",
    )


@cross_check("PEP-GD-CONVEX")
def gradient_descent_convex() -> list[Route]:
    pepit = []
    for n in range(1, 6):
        e = _pep("gradient_descent", {"alpha": 1.0}, "smooth-convex", 0.0, n, metric="function")
        pepit.append((e.value, 1 / (4 * n + 2), e.gap))
    # Direct simulation of the tight case at 50 digits: gradient descent on the Huber
    # function of width R/(2N + 1) from x₀ = R = 1, step by step.
    worst, ok = 0.0, True
    with mp.workdps(50):
        for n in (1, 2, 7, 30):
            tau, x = mp.mpf(1) / (2 * n + 1), mp.mpf(1)
            for _ in range(n):
                x -= x if abs(x) <= tau else tau * mp.sign(x)  # h′(x)/L, L = 1
            fx = x**2 / 2 if abs(x) <= tau else tau * abs(x) - tau**2 / 2
            err = float(abs(fx - mp.mpf(1) / (4 * n + 2)) * (4 * n + 2))
            worst, ok = max(worst, err), ok and err <= 1e-45
    return [
        _route("PEPit worst case over L-smooth convex f, N = 1…5 ~ L/(4N + 2)", pepit, True),
        Route("gradient descent on the Huber function (mpmath, 50 digits)", worst, ok, 4),
    ]


@cross_check("PEP-HB-GHADIMI")
def heavy_ball_ghadimi() -> list[Route]:
    results = []
    for mu, a in ((0.1, 0.5), (0.1, 1.0), (0.01, 0.3)):
        b = math.sqrt((1 - a * mu) * (1 - a))
        for n in range(1, 7):
            e = _pep(
                "heavy_ball",
                {"alpha": a, "beta": b},
                "smooth-strongly-convex",
                mu,
                n,
                metric="function",
                initial="function",
            )
            results.append((e.value, (1 - a * mu) ** n, e.gap))
    return [_route("PEPit worst case ≤ (1 − αμ)ᴺ, N = 1…6, three tunings", results, False)]


@cross_check("PEP-TM-RATE")
def triple_momentum_rate() -> list[Route]:
    tm = methods.get("triple_momentum")
    results = []
    for kappa in (10.0, 25.0, 100.0):
        mu = 1 / kappa
        rho = 1 - 1 / math.sqrt(kappa)
        delta = rho**2 / (1 - rho**2)
        for n in range(1, 7):
            e = _pep(
                "triple_momentum",
                tm.published_tuning(mu, 1.0),
                "smooth-strongly-convex",
                mu,
                n,
                metric="function",
                output=[1 + delta, -delta],
            )
            results.append((e.value, kappa / 2 * rho ** (2 * n), e.gap))
    return [_route("PEPit worst case ~ (Lκ/2)ρ^{2N}, N = 1…6, κ = 10, 25, 100", results, True)]


@cross_check("PEP-NAG-STRONGLY-CONVEX")
def nesterov_strongly_convex() -> list[Route]:
    results = []
    for kappa in (10.0, 100.0):
        mu = 1 / kappa
        b = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
        for n in range(1, 7):
            e = _pep(
                "nesterov",
                {"alpha": 1.0, "beta": b},
                "smooth-strongly-convex",
                mu,
                n,
                metric="function",
                initial="function+distance",
            )
            results.append((e.value, (1 - 1 / math.sqrt(kappa)) ** n, e.gap))
    return [_route("PEPit worst case ≤ (1 − 1/√κ)ᴺ, N = 1…6, κ = 10, 100", results, False)]
