"""Stochastic gradients: the noise floor, the split, minibatches (family SGD)."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_proofs import claims, stochastic, verify
from momentum_proofs.symbols import alpha, beta, lam
from momentum_proofs.verify import stochastic as checks
from numeric._generated import stochastic as kernels

SGD_IDS = [
    "SGD-SPLIT",
    "SGD-FLOOR",
    "SGD-MOMENTUM-FLOOR",
    "SGD-EFFECTIVE-STEP",
    "SGD-MINIBATCH",
    "SGD-MEAN-SUM",
    "SGD-ROBBINS-MONRO",
]


def test_floor_hand_values():
    # α = 0.1, β = 0, λ = 1: gradient descent, v = α²/(1 − (1 − α)²) = 0.01/0.19 = 1/19.
    assert kernels.heavy_ball_noise_floor(0.1, 0.0, 1.0) == pytest.approx(1 / 19, rel=1e-15)
    # α = 1, β = 1/2, λ = 1: 1·(3/2)/((1/2)(3 − 1)) = 3/2.
    assert kernels.heavy_ball_noise_floor(1.0, 0.5, 1.0) == pytest.approx(1.5, rel=1e-15)
    floor = stochastic.noise_floor() / stochastic.varsigma**2
    assert floor.subs({alpha: sp.Rational(1), beta: sp.Rational(1, 2), lam: 1}) == sp.Rational(3, 2)


@settings(max_examples=30)
@given(
    b=st.floats(0.0, 0.9),
    frac=st.floats(0.05, 0.95),
    lg=st.floats(-2.0, 2.0),
)
def test_floor_is_the_limit_of_the_covariance_recurrence(b, frac, lg):
    """Iterate C⁺ = RCRᵀ + ccᵀ in mpmath from C = 0 (an independent route) to the kernel."""
    lm = 10.0**lg
    a = frac * (2 + 2 * b) / lm
    rho = float(checks.rates.heavy_ball(a, b, lm))
    # Truncation: C∞ − C_k = RᵏC∞(Rᵏ)ᵀ is below k²ρ^{2k} relative; 1e-40 leaves it far
    # under the kernel's tolerance even with k² ≈ 1e8.
    steps = int(np.ceil(np.log(1e-40) / (2 * np.log(rho)))) + 5
    with mp.workdps(50):
        R = mp.matrix([[b, lm], [-a * b, 1 - a * lm]])
        cc = mp.matrix([[1, -a], [-a, a * a]])
        C = mp.zeros(2, 2)
        # Doubling: C_{2k} = C_k + R^k C_k (R^k)ᵀ, so log2(steps) iterations suffice.
        P = R
        C = cc
        done = 1
        while done < steps:
            C = C + P * C * P.T
            P = P * P
            done *= 2
        ref = float(C[1, 1])
    got = float(kernels.heavy_ball_noise_floor(a, b, lm))
    assert abs(got - ref) <= checks._floor_tolerance(a, b, lm) * abs(ref)


def test_momentum_raises_the_floor_only_below_the_line():
    lm = np.ones(3)
    a = np.array([0.5, 1.0, 3.7])
    lo = kernels.heavy_ball_noise_floor(a, np.full(3, 0.89), lm)
    hi = kernels.heavy_ball_noise_floor(a, np.full(3, 0.9), lm)
    # (1 + β)² ≈ 3.6: below it momentum raises the floor, above it lowers it.
    assert list(hi > lo) == [True, True, False]


def test_minibatch_enumeration_by_hand():
    e, var, gbar, s2 = stochastic._minibatch_moments(2, 2, replace=True)
    g1, g2 = sp.symbols("g1 g2", real=True)
    point = {g1: 0, g2: 2}
    # Draws (0,0),(0,2),(2,0),(2,2) have means 0,1,1,2: mean 1, variance 1/2; s² = 1.
    assert e.subs(point) == 1 and var.subs(point) == sp.Rational(1, 2) and s2.subs(point) == 1


def test_monte_carlo_is_seeded():
    assert checks.monte_carlo_floor(0.1, 0.5, 1.0, 0.5, seed=5) == checks.monte_carlo_floor(
        0.1, 0.5, 1.0, 0.5, seed=5
    )


@pytest.mark.parametrize("cid", SGD_IDS)
def test_sgd_claims_verify(cid):
    claims.all()
    (outcome,) = verify.verify([cid])
    assert outcome.status == "verified", (
        outcome.error,
        [(r.name, r.detail) for r in outcome.routes],
    )
    assert outcome.evidence == "symbolic"


def test_robbins_monro_conditions_are_an_erratum_with_an_exact_correction():
    from fractions import Fraction

    (outcome,) = verify.verify(["SGD-RM-CONDITIONS"])
    assert outcome.status == "erratum" and outcome.evidence == "symbolic"
    assert outcome.claim.severity == "erratum"
    # Independent route: run the mean-square recurrence e_{n+1} = (1 − α_n λ)² e_n + α_n² ς²
    # in exact fractions from an arbitrary e_1 and compare with ς²/(λ²(n − 1)).
    lam_, var = Fraction(3), Fraction(2)
    e = Fraction(7)  # e_1: any start
    for n in range(1, 60):
        step = 1 / (lam_ * n)
        e = (1 - step * lam_) ** 2 * e + step**2 * var
        assert e == var / (lam_**2 * n)  # this is e_{n+1}
