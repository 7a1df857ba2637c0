"""Continuous-time limits (family OSC)."""

from __future__ import annotations

import numpy as np
import pytest

from momentum_proofs import claims, verify
from momentum_proofs.verify import oscillator as checks

OSC_IDS = ["OSC-ODE-LIMIT", "OSC-CRITICAL", "OSC-CONVERGENCE", "OSC-NESTEROV-ODE"]


def test_first_steps_by_hand():
    # α = h² = 0.01, β = 1 − 0.5·0.1 = 0.95, λ = 1, x⁰ = 1:
    # z¹ = 1, x¹ = 1 − 0.01 = 0.99; z² = 0.95 + 0.99 = 1.94, x² = 0.99 − 0.0194 = 0.9706.
    x = checks.heavy_ball_path(0.1, 0.5)
    assert x[1] == pytest.approx(0.99, abs=1e-15)
    assert x[2] == pytest.approx(0.9706, abs=1e-15)


def test_ode_solutions_against_an_integrator():
    from scipy.integrate import solve_ivp

    tt = np.linspace(0, 10, 41)
    for gamma, exact in ((0.5, checks.underdamped(tt)), (2.0, checks.critical(tt))):
        sol = solve_ivp(
            lambda _t, s, g=gamma: [s[1], -g * s[1] - s[0]],
            (0, 10),
            [1.0, 0.0],
            t_eval=tt,
            rtol=1e-11,
            atol=1e-13,
        )
        assert np.max(np.abs(sol.y[0] - exact)) < 1e-8


def test_nesterov_ode_against_an_integrator():
    from scipy.integrate import solve_ivp

    # Start just after 0 from the series X = 1 − t²/8 (λ = 1) to avoid the 3/t singularity.
    t0 = 1e-3
    tt = np.linspace(0.5, 10, 20)
    sol = solve_ivp(
        lambda t, s: [s[1], -3 / t * s[1] - s[0]],
        (t0, 10),
        [1 - t0**2 / 8, -t0 / 4],
        t_eval=tt,
        rtol=1e-11,
        atol=1e-13,
    )
    assert np.max(np.abs(sol.y[0] - checks.bessel_solution(tt))) < 1e-7


@pytest.mark.parametrize("cid", OSC_IDS)
def test_osc_claims_verify(cid):
    claims.all()
    (outcome,) = verify.verify([cid])
    assert outcome.status == "verified", (
        outcome.error,
        [(r.name, r.detail) for r in outcome.routes],
    )
