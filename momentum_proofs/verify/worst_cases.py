"""Cross-checks of the worst-case claims: the engine's certified worst case
(:mod:`momentum_proofs.methods.worst`, 50-digit recurrence and every critical point)
against the closed forms, evaluated in mpmath on the float tunings.
"""

from __future__ import annotations

import math

import mpmath as mp

from .. import methods
from . import Route, cross_check


@cross_check("WC-GD")
def gradient_descent_closed_form() -> list[Route]:
    gd = methods.get("gradient_descent")
    worst, ok, count = 0.0, True, 0
    for a, mu_, L_ in ((0.3, 0.5, 5.0), (0.1, 1.0, 19.0), (1.9, 0.01, 1.0)):
        for n in (1, 2, 5, 17, 40):
            got = gd.worst_case(mu_, L_, n, alpha=a).value
            with mp.workdps(50):
                ref = max(abs(1 - mp.mpf(a) * mu_), abs(1 - mp.mpf(a) * L_)) ** (2 * n)
            err = abs(got - float(ref)) / float(ref)
            worst, ok, count = max(worst, err), ok and err <= 8 * n * 2.0**-52, count + 1
    return [Route("engine worst case~closed form (mpmath)", worst, ok, count)]


@cross_check("WC-HB")
def heavy_ball_closed_form() -> list[Route]:
    hb = methods.get("heavy_ball")
    worst, ok, count = 0.0, True, 0
    for kappa in (10.0, 100.0, 1e4):
        params = hb.tune(1.0, kappa).parameters
        rho = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
        for n in (1, 3, 8, 25):
            w = hb.worst_case(1.0, kappa, n, **params)
            with mp.workdps(50):
                r = mp.mpf(rho)
                ref = float((r**n * (1 + (1 + r) * n)) ** 2)
            err = abs(w.value - ref) / ref
            # the float tuning sits within ulps of the optimum: ~ε·N relative
            ok = ok and err <= 64 * n * 2.0**-52 and w.lam == kappa
            worst, count = max(worst, err), count + 1
    return [Route("engine worst case~(ρᴺ(1+(1+ρ)N))² at λ = L", worst, ok, count)]


@cross_check("WC-HB-PEAK")
def heavy_ball_peak() -> list[Route]:
    # Measured: the integer N with the largest worst case sits next to N*, and the peak's
    # ratio to κ approaches e^{-2} (0.1353) as κ grows.
    hb = methods.get("heavy_ball")
    routes = []
    for kappa in (100.0, 2500.0):
        params = hb.tune(1.0, kappa).parameters
        rho = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
        n_star = -1 / math.log(rho) - 1 / (1 + rho)
        candidates = range(max(0, math.floor(n_star) - 1), math.ceil(n_star) + 2)
        values = {n: hb.worst_case(1.0, kappa, n, **params).value for n in candidates}
        best = max(values, key=values.get)
        ok = best in (math.floor(n_star), math.ceil(n_star))
        ratio = values[best] / kappa
        routes.append(
            Route(
                f"engine peak at N ∈ {{⌊N*⌋, ⌈N*⌉}}, κ = {kappa:g}",
                0.0,  # an exact integer check; the asymptote is measured in ``detail``
                ok,
                len(values),
                f"peak N = {best}, N* = {n_star:.3f}; peak/κ = {ratio:.4f} against the "
                f"limit e^-2 = {math.exp(-2):.4f}",
            )
        )
    return routes


@cross_check("WC-NAG")
def nesterov_closed_form() -> list[Route]:
    # The engine's certified worst case (every critical point of p_N on [μ, L], bounds
    # within 1e-12) must sit at λ = μ and equal the closed form evaluated in mpmath.
    nag = methods.get("nesterov")
    worst, ok, count = 0.0, True, 0
    for kappa in (10.0, 100.0, 1e4):
        params = nag.tune(1.0, kappa).parameters
        for n in (1, 2, 3, 5, 10, 30, 100):
            w = nag.worst_case(1.0, kappa, n, **params)
            with mp.workdps(50):
                r = 1 - 2 / mp.sqrt(3 * mp.mpf(kappa) + 1)
                ref = float((r**n * (1 + (1 - r) * n)) ** 2)
            err = abs(w.value - ref) / ref
            # float parameters within ulps of the optimum move the value by ~ε·N·√κ
            ok = ok and err <= 64 * n * math.sqrt(kappa) * 2.0**-52 and w.lam == 1.0
            worst, count = max(worst, err), count + 1
    return [Route("engine worst case at λ = μ ~ (ρᴺ(1+(1−ρ)N))² (mpmath)", worst, ok, count)]
