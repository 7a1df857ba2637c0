"""Triple momentum: the tuning, the end factorisations and the rate on quadratics.

Expected values come from hand calculations written here, from a direct iteration of
the two-step recurrence ξ⁺ = (1 + β)ξ − βξ⁻ − α∇f(ξ + γ(ξ − ξ⁻)) in numpy, and from
mpmath roots at 50 digits; never from the module under test.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import triple_momentum as tm
from momentum_proofs import verify

EPS = 2.0**-52


@pytest.mark.parametrize("claim_id", ["TM-FACTOR", "TM-RATE"])
def test_claim_verifies(claim_id):
    (outcome,) = verify.verify([claim_id])
    assert outcome.status == "verified", outcome.error or outcome.proof.steps
    assert outcome.evidence == "symbolic"


def test_published_tuning_by_hand():
    # κ = 4: √κ = 2, ρ = 1/2; α = (3/2)/4 = 3/8, β = (1/4)/(3/2) = 1/6,
    # γ = (1/4)/((3/2)(3/2)) = 1/9.
    t = tm.published_tuning(1, 4)
    assert (t["alpha"], t["beta"], t["gamma"]) == (
        sp.Rational(3, 8),
        sp.Rational(1, 6),
        sp.Rational(1, 9),
    )
    assert tm.rate(1, 4) == sp.Rational(1, 2)
    with pytest.raises(TypeError, match="no parameter"):
        tm.published_tuning(1, 4, rho=sp.Rational(1, 2))


def _tuning(kappa: float) -> tuple[float, float, float, float]:
    rho = 1 - 1 / math.sqrt(kappa)
    return (1 + rho) / kappa, rho**2 / (2 - rho), rho**2 / ((1 + rho) * (2 - rho)), rho


def _iterate(alpha, beta, gamma, lam, steps, w0=1.0):
    """The two-step recurrence on f = ½λw², from rest (w⁻ = w⁰)."""
    w_prev = w = w0
    out = [w]
    for _ in range(steps):
        y = w + gamma * (w - w_prev)
        w_prev, w = w, w + beta * (w - w_prev) - alpha * lam * y
        out.append(w)
    return np.array(out)


@pytest.mark.parametrize("kappa", [4.0, 100.0, 1e4])
def test_simulation_at_the_largest_eigenvalue_is_pure_minus_rho(kappa):
    # Roots 0 and −ρ at λ = L (μ = 1): w₁ = 1 − αL = 1 − (1 + ρ) = −ρ, so by hand
    # w_k = (−ρ)^k exactly; each step rounds a few times on numbers ≤ 1.
    a, b, g, rho = _tuning(kappa)
    w = _iterate(a, b, g, kappa, 200)
    k = np.arange(w.size)
    assert np.all(np.abs(w - (-rho) ** k) <= 16 * EPS * (k + 1))


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1e4])
def test_simulation_at_the_smallest_eigenvalue_decays_like_rho(kappa):
    # Roots ρ and ρ² at λ = μ = 1: w_k = c₁ρ^k + c₂ρ^{2k} with c₁ + c₂ = w₀ = 1 and
    # c₁ρ + c₂ρ² = w₁ = 1 − α (hand-solved below), so w_{k+1}/w_k → ρ.
    a, b, g, rho = _tuning(kappa)
    c1 = ((1 - a) - rho**2) / (rho - rho**2)
    c2 = 1 - c1
    steps = 400
    w = _iterate(a, b, g, 1.0, steps)
    k = np.arange(steps + 1)
    predicted = c1 * rho**k + c2 * rho ** (2 * k)
    # The float tuning puts the roots within ~ε/(ρ(1 − ρ)) of ρ, ρ²; over k steps that
    # moves ρ^k by k ρ^(k−1) times as much, and the iteration adds a few ε per step.
    sep = rho * (1 - rho)
    tol = 32 * EPS * (k + 1) * (1 + 1 / sep)
    assert np.all(np.abs(w - predicted) <= tol)
    # w_{k+1}/w_k − ρ = c₂ρ^{2k}(ρ² − ρ)/w_k + rounding of the two iterates.
    ratio = w[-1] / w[-2]
    assert abs(ratio - rho) <= 2 * abs(c2 / c1) * rho ** (steps - 1) + 4 * tol[-1] / abs(w[-2])


@given(kappa=st.floats(1.5, 1e6), t=st.floats(0.0, 1.0))
def test_no_eigenvalue_in_range_exceeds_rho(kappa, t):
    # mpmath roots at 50 digits on the exact float tuning, at λ = κ^t ∈ [1, κ].
    a, b, g, rho = _tuning(kappa)
    lam = kappa**t
    with mp.workdps(50):
        A, B, G, LM = (mp.mpf(x) for x in (a, b, g, lam))
        roots = mp.polyroots(
            [1, -(1 + B - A * LM * (1 + G)), B - A * G * LM], maxsteps=200, extraprec=100
        )
        top = max(abs(z) for z in roots)
        # Rounding of the tuning moves a simple root by ~ε/separation; near an interior
        # double root by ~√ε, but there the radius is well below ρ.
        assert top <= rho + 64 * EPS / (rho * (1 - rho))


def test_worst_case_against_heavy_ball_figures():
    # The measured worst case over a λ grid (simulation-free: mpmath roots) for κ = 10,
    # 100, 10⁴ equals 1 − 1/√κ and exceeds heavy ball's (√κ − 1)/(√κ + 1).
    for kappa in (10.0, 100.0, 1e4):
        a, b, g, rho = _tuning(kappa)
        worst = mp.mpf(0)
        with mp.workdps(50):
            for lam in np.geomspace(1.0, kappa, 41):
                A, B, G, LM = (mp.mpf(float(x)) for x in (a, b, g, lam))
                roots = mp.polyroots(
                    [1, -(1 + B - A * LM * (1 + G)), B - A * G * LM], extraprec=100
                )
                worst = max(worst, max(abs(z) for z in roots))
        s = math.sqrt(kappa)
        assert abs(worst - (1 - 1 / s)) <= 64 * EPS / (rho * (1 - rho))
        assert worst > (s - 1) / (s + 1)
