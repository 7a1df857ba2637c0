"""Numeric cross-checks of the heavy-ball and gradient-descent claims.

Routes (each named in the :class:`~momentum_proofs.verify.Route` it returns):

- ``kernel~mpmath``: the generated float64 kernel against mpmath at 60 digits on
  the exact float inputs, by a different formula (complex roots, or repeated
  squaring of the exact matrix), within the error model's tolerance;
- ``closed-form~simulation``: Rᵏ applied to the initial state against the
  iterates of :func:`numeric.simulate.heavy_ball`;
- ``kernel~boundary``: the rate crossing 1 exactly at the derived boundary.
"""

from __future__ import annotations

import numpy as np

import numeric
from numeric import closed_form, rates, simulate

from . import Route, cross_check
from .error_model import (
    power_entry_tolerance,
    rate_tolerance,
    reference_power,
    reference_rate,
)
from .points import hard_points

POINTS = 60


def _rate_route(name: str, alpha, beta, lam, values) -> Route:
    worst_rel, ok = 0.0, True
    for a, b, lm, got in zip(alpha, beta, lam, values, strict=True):
        ref, d = reference_rate(float(a), float(b), float(lm))
        err = abs(float(got) - float(ref))
        tol = rate_tolerance(float(a), float(b), float(lm))
        ok = ok and err <= tol
        # Mixed measure |Δρ|/max(ρ, 1), absolute below ρ = 1: a relative error would
        # divide by ~0 where the rate vanishes (β = 0, αλ = 1), where the error model
        # is absolute too.
        worst_rel = max(worst_rel, err / max(float(ref), 1.0))
    return Route(name + " (mixed error |Δρ|/max(ρ, 1))", worst_rel, ok, len(values))


@cross_check("HB-RATE")
def rate_against_mpmath() -> list[Route]:
    routes = []
    for region, (a, b, lm) in hard_points(POINTS, seed=1).items():
        got = rates.heavy_ball(a, b, lm)
        routes.append(_rate_route(f"kernel~mpmath complex roots [{region}]", a, b, lm, got))
    return routes


@cross_check("GD-RATE")
def gradient_descent_rate() -> list[Route]:
    a, _, lm = hard_points(POINTS, seed=2)["beta_zero"]
    gd = rates.gradient_descent(a, lm)
    hb = rates.heavy_ball(a, 0.0, lm)
    # One-dimensional simulation: the error contracts by exactly |1 − αλ| per step.
    ratios = []
    for ai, li in zip(a[:10], lm[:10], strict=True):
        w = simulate.gradient_descent(np.array([[li]]), np.array([li]), ai, 3)[:, 0]
        ratios.append(abs(w[3] - 1) / abs(w[2] - 1))
    sim_err = np.max(np.abs(np.array(ratios) - gd[:10]) / gd[:10])
    return [
        _rate_route("gradient-descent kernel~mpmath", a, np.zeros_like(a), lm, gd),
        Route(
            "gradient-descent kernel~heavy-ball kernel at beta=0",
            float(np.max(np.abs(gd - hb) / gd)),
            bool(np.all(np.abs(gd - hb) <= 4e-16 * (1 + a * lm))),
            POINTS,
        ),
        Route("kernel~simulated contraction", float(sim_err), bool(sim_err < 1e-12), 10),
    ]


@cross_check("HB-STABILITY")
def stability_boundary() -> list[Route]:
    rng = np.random.default_rng(3)
    beta = rng.uniform(0, 0.99, POINTS)
    lam = np.exp(rng.uniform(-3, 3, POINTS))
    edge = (2 + 2 * beta) / lam
    inside = rates.heavy_ball(edge * (1 - 1e-6), beta, lam)
    outside = rates.heavy_ball(edge * (1 + 1e-6), beta, lam)
    small = rates.heavy_ball(1e-9 / lam, beta, lam)
    ok = bool(np.all(inside < 1) and np.all(outside > 1) and np.all(small < 1))
    # Simulation on a 1-d problem: inside converges, outside grows.
    sims_ok = True
    for b, lm in zip(beta[:5], lam[:5], strict=True):
        e = (2 + 2 * b) / lm
        for factor, expect_small in ((0.9, True), (1.1, False)):
            run = simulate.heavy_ball(
                np.array([[lm]]), np.array([lm]), e * factor, b, 3000, record="last"
            )
            err = float(np.abs(run.last[0] - 1.0))
            sims_ok = sims_ok and ((err < 1e-6) == expect_small)
    return [
        Route("kernel~boundary 0 < αλ < 2 + 2β (±1e-6)", 0.0, ok, 3 * POINTS),
        Route("simulation~boundary (αλ at 0.9 and 1.1 of the edge)", 0.0, sims_ok, 10),
    ]


@cross_check("HB-CRITICAL")
def critical_damping() -> list[Route]:
    a, b, lm = hard_points(POINTS, seed=4)["double_root_low"]
    u = np.sqrt(a * lm)
    beta_c = (1 - u) ** 2
    keep = beta_c < 1
    got = rates.heavy_ball(a[keep], beta_c[keep], lm[keep])
    route = _rate_route("kernel~mpmath at β = (1 − √(αλ))²", a[keep], beta_c[keep], lm[keep], got)
    # Against the closed form |1 − √(αλ)|: β was rounded, so allow the double-root √ε.
    closed = np.abs(1 - u[keep])
    err = np.abs(got - closed)
    ok = bool(np.all(err <= 4 * np.sqrt(2.0**-52) * (1 + a[keep] * lm[keep])))
    return [
        route,
        Route(
            "kernel~|1 − √(αλ)| (mixed error |Δρ|/max(ρ, 1))",
            float(np.max(err / np.maximum(closed, 1.0))),
            ok,
            int(keep.sum()),
        ),
    ]


@cross_check("HB-POWER")
def power_routes() -> list[Route]:
    routes = []
    rng = np.random.default_rng(5)
    for region, (a, b, lm) in hard_points(20, seed=5).items():
        ks = rng.integers(0, 200, a.size)
        got = closed_form.heavy_ball_power(a, b, lm, ks)
        worst, ok = 0.0, True
        for i in range(a.size):
            ref = reference_power(float(a[i]), float(b[i]), float(lm[i]), int(ks[i]))
            refn = np.array([[float(ref[r, c]) for c in range(2)] for r in range(2)])
            norm = float(np.max(np.abs(refn)))
            if not np.isfinite(norm):
                continue
            err = float(np.max(np.abs(got[i] - refn)))
            tol = np.array(
                power_entry_tolerance(float(a[i]), float(b[i]), float(lm[i]), int(ks[i]))
            )
            ok = ok and bool(np.all(np.abs(got[i] - refn) <= tol))
            worst = max(worst, err / norm if norm else err)
        routes.append(Route(f"closed-form~mpmath repeated squaring [{region}]", worst, ok, a.size))
    routes.append(_power_vs_simulation())
    return routes


def _power_vs_simulation() -> Route:
    lam = np.array([0.01, 0.3, 1.0, 2.5])
    A = numeric.matrices.spd_with_spectrum(lam, seed=7)
    b = np.ones(4)
    alpha, beta, steps = 0.5, (1 - np.sqrt(0.5 * 0.3)) ** 2, 120
    w = simulate.heavy_ball(A, b, alpha, beta, steps)
    q = np.linalg.eigh(A)[1]
    w_star = np.linalg.solve(A, b)
    x0 = q.T @ (w[0] - w_star)
    ks = np.arange(steps + 1)
    powers = closed_form.heavy_ball_power(alpha, beta, lam[None, :], ks[:, None])
    x_pred = powers[..., 1, 1] * x0  # y⁰ = 0, so xᵏ = (Rᵏ)₂₂ x⁰
    x_sim = (w - w_star) @ q
    err = float(np.max(np.abs(x_pred - x_sim)) / np.max(np.abs(x0)))
    return Route("closed-form~simulation (4 eigenvalues, 120 steps)", err, err < 1e-12, steps + 1)
