"""Robust momentum: the tuning, its extremes, and its rate on quadratics.

Expected values come from hand calculations written here, a direct numpy iteration of
w⁺ = w + β(w − w⁻) − α∇f(w + γ(w − w⁻)), gradient descent's closed form
(I − A/L)^k through an eigendecomposition, and mpmath roots at 50 digits.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import robust_momentum as rm
from momentum_proofs import verify
from numeric import matrices

EPS = 2.0**-52


@pytest.mark.parametrize("claim_id", ["RM-RATE", "RM-EXTREMES"])
def test_claim_verifies(claim_id):
    (outcome,) = verify.verify([claim_id])
    assert outcome.status == "verified", outcome.error or outcome.proof.steps
    assert outcome.evidence == "symbolic"


def test_published_tuning_by_hand():
    # κ = 4, ρ = 3/4 (= 1 − 1/κ): (1 − ρ)² = 1/16, 1 + ρ = 7/4, ρ³ = 27/64;
    # α = 4·(1/16)·(7/4)/4 = 7/64, β = 4·(27/64)/3 = 9/16, γ = (27/64)/(3·(1/16)·(7/4)) = 9/7.
    t = rm.published_tuning(1, 4, rho=sp.Rational(3, 4))
    assert (t["alpha"], t["beta"], t["gamma"]) == (
        sp.Rational(7, 64),
        sp.Rational(9, 16),
        sp.Rational(9, 7),
    )
    # ρ = 1/2 (= 1 − 1/√κ): α = 4·(1/4)·(3/2)/4 = 3/8, triple momentum's.
    assert rm.published_tuning(1, 4, rho=sp.Rational(1, 2))["alpha"] == sp.Rational(3, 8)
    assert rm.rho_range(1, 4) == (sp.Rational(1, 2), sp.Rational(3, 4))


def test_published_tuning_rejects_bad_input():
    with pytest.raises(TypeError, match="rho"):
        rm.published_tuning(1, 4)
    with pytest.raises(TypeError, match="rho"):
        rm.published_tuning(1, 4, rho=sp.Rational(1, 2), nu=1)
    with pytest.raises(ValueError, match="rho must lie"):
        rm.published_tuning(1, 4, rho=sp.Rational(4, 5))
    with pytest.raises(ValueError, match="mu < L"):
        rm.published_tuning(1, 1, rho=0)


def _tuning(kappa: float, rho: float, L: float | None = None) -> tuple[float, float, float]:
    L = kappa if L is None else L
    alpha = kappa * (1 - rho) ** 2 * (1 + rho) / L
    beta = kappa * rho**3 / (kappa - 1)
    gamma = rho**3 / ((kappa - 1) * (1 - rho) ** 2 * (1 + rho))
    return alpha, beta, gamma


def test_gradient_descent_end_on_a_quadratic():
    # At ρ = 1 − 1/κ the gradient points y_k = w_k + γ(w_k − w_{k−1}) should be gradient
    # descent with step 1/L: compare with w* + Q (I − Λ/L)^k Qᵀ (w₀ − w*).
    eigs = np.array([0.5, 2.0, 7.0, 20.0, 50.0])
    A = matrices.spd_with_spectrum(eigs, seed=61)
    b = np.array([1.0, -2.0, 0.5, 0.0, 3.0])
    mu, L = eigs[0], eigs[-1]
    kappa = L / mu
    rho = 1 - 1 / kappa
    alpha, beta, gamma = _tuning(kappa, rho, L)
    lam, Q = np.linalg.eigh(A)
    w_star = np.linalg.solve(A, b)
    w0 = np.zeros(5)
    w_prev = w = w0.copy()
    steps = 200
    for k in range(steps):
        y = w + gamma * (w - w_prev)
        expected = w_star + Q @ ((1 - lam / L) ** k * (Q.T @ (w0 - w_star)))
        scale = max(1.0, float(np.max(np.abs(w_star))))
        # A few roundings per step (amplified by 1 + γ when y is formed), plus the
        # eigendecomposition's own ~κ(Q)·ε error: both grow at most linearly in k.
        assert np.max(np.abs(y - expected)) <= 64 * EPS * (1 + gamma) * (k + 1) * scale
        w_prev, w = w, w + beta * (w - w_prev) - alpha * (A @ y - b)


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1e3])
@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_decay_at_the_smallest_eigenvalue_is_rho(kappa, where):
    # For every ρ the roots at λ = μ = 1 are ρ and ρ²: w_k = c₁ρ^k + c₂ρ^{2k} with
    # c₁ + c₂ = 1, c₁ρ + c₂ρ² = w₁ = 1 − α (hand-solved), checked against the iteration.
    low, high = 1 - 1 / math.sqrt(kappa), 1 - 1 / kappa
    rho = low + where * (high - low)
    a, b, g = _tuning(kappa, rho)
    c1 = ((1 - a) - rho**2) / (rho - rho**2)
    c2 = 1 - c1
    w_prev = w = 1.0
    sep = rho * (1 - rho)
    for k in range(1, 301):
        y = w + g * (w - w_prev)
        w_prev, w = w, w + b * (w - w_prev) - a * y
        predicted = c1 * rho**k + c2 * rho ** (2 * k)
        assert abs(w - predicted) <= 32 * EPS * (1 + g) * (k + 1) * (1 + 1 / sep)


@given(kappa=st.floats(1.5, 1e5), where=st.floats(0.0, 1.0), t=st.floats(0.0, 1.0))
def test_no_eigenvalue_in_range_exceeds_rho(kappa, where, t):
    low, high = 1 - 1 / math.sqrt(kappa), 1 - 1 / kappa
    rho = low + where * (high - low)
    a, b, g = _tuning(kappa, rho)
    lam = kappa**t
    with mp.workdps(50):
        A, B, G, LM = (mp.mpf(x) for x in (a, b, g, lam))
        roots = mp.polyroots(
            [1, -(1 + B - A * LM * (1 + G)), B - A * G * LM], maxsteps=200, extraprec=100
        )
        top = max(abs(z) for z in roots)
    # Rounding of the float tuning moves a simple root by ~ε/separation (ρ(1 − ρ) at μ).
    assert top <= rho + 64 * EPS * (1 + g) / (rho * (1 - rho))


def test_below_the_range_the_largest_eigenvalue_takes_over():
    # κ = 100, ρ = 0.88 < 0.9 = 1 − 1/√κ: by hand αL = 100·0.0144·1.88 = 2.7072, so the root
    # 1 − αL = −1.7072 at λ = L: the method diverges there.
    kappa, rho = 100.0, 0.88
    a, b, g = _tuning(kappa, rho)
    with mp.workdps(50):
        A, B, G = (mp.mpf(x) for x in (a, b, g))
        roots = mp.polyroots([1, -(1 + B - A * 100 * (1 + G)), B - A * G * 100], extraprec=100)
        top = max(abs(z) for z in roots)
    assert abs(top - 1.7072) <= 64 * EPS * 3


def test_rates_at_the_two_extremes():
    # Figures: the worst case over [μ, L] at the extremes, by mpmath roots over a λ grid,
    # against heavy ball's (√κ − 1)/(√κ + 1) and gradient descent's (κ − 1)/(κ + 1).
    for kappa in (10.0, 100.0, 1e4):
        s = math.sqrt(kappa)
        for rho, name in ((1 - 1 / s, "TM"), (1 - 1 / kappa, "GD")):
            a, b, g = _tuning(kappa, rho)
            worst = mp.mpf(0)
            with mp.workdps(50):
                for lam in np.geomspace(1.0, kappa, 41):
                    A, B, G, LM = (mp.mpf(float(x)) for x in (a, b, g, lam))
                    roots = mp.polyroots(
                        [1, -(1 + B - A * LM * (1 + G)), B - A * G * LM], extraprec=100
                    )
                    worst = max(worst, max(abs(z) for z in roots))
            assert abs(worst - rho) <= 64 * EPS * (1 + g) / (rho * (1 - rho)), name
            assert worst > (s - 1) / (s + 1)
            if name == "GD":
                assert worst > (kappa - 1) / (kappa + 1)
