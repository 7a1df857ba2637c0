"""Heavy ball tuned over [μ, L], its regimes, transients, equivalent forms and printed Rᵏ.

Expected values come from routes independent of the code under test: exact
rational matrix powers (sympy ``Matrix**k`` on rationals), mpmath roots at 50
digits, brute-force minimisation over a grid, hand calculations written out,
and direct hand-written iterations.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import heavy_ball_optimal as hbo
from momentum_proofs import heavy_ball_printed as hbp
from momentum_proofs.symbols import L, mu
from numeric import matrices, rates, simulate

EPS = 2.0**-52


def test_optimum_by_hand():
    # μ = 1, L = 9: √μ = 1, √L = 3, α = (2/4)² = 1/4, β = (2/4)² = 1/4, ρ = (3 − 1)/(3 + 1) = 1/2.
    p = hbo.optimal_parameters()
    at = {mu: 1, L: 9}
    assert p["alpha"].subs(at) == sp.Rational(1, 4)
    assert p["beta"].subs(at) == sp.Rational(1, 4)
    assert p["rate"].subs(at) == sp.Rational(1, 2)
    assert p["one_minus_rate"].subs(at) == sp.Rational(1, 2)


def test_brute_force_minimax_matches():
    # Grid over (α, β) for μ = 1, L = 4 (ρ* = (2 − 1)/(2 + 1) = 1/3).  The rate is
    # quasi-convex in λ (decreasing, flat √β, increasing), so the ends give the max.
    alpha = np.linspace(0.05, 1.0, 400)[:, None]
    beta = np.linspace(0.0, 0.9, 400)[None, :]
    worst = np.maximum(rates.heavy_ball(alpha, beta, 1.0), rates.heavy_ball(alpha, beta, 4.0))
    best = float(worst.min())
    assert best >= 1 / 3 - 4 * math.sqrt(EPS)
    assert best <= 1 / 3 + 5e-3  # grid spacing ~2e-3 in α and β
    i, j = np.unravel_index(np.argmin(worst), worst.shape)
    assert abs(alpha[i, 0] - 4 / 9) < 5e-3 and abs(beta[0, j] - 1 / 9) < 5e-3


@given(
    kappa=st.floats(1.0, 1e8),
    da=st.floats(-0.99, 3.0),
    b=st.floats(0.0, 0.999),
)
def test_no_tuning_beats_the_lower_bound(kappa, da, b):
    mu_f, L_f = 1.0, kappa
    s = math.sqrt(kappa)
    alpha = 4 / (1 + s) ** 2 * (1 + da)
    star = (s - 1) / (s + 1)
    worst = max(float(rates.heavy_ball(alpha, b, mu_f)), float(rates.heavy_ball(alpha, b, L_f)))
    assert worst >= star - 4 * math.sqrt(EPS)


@pytest.mark.parametrize("u", [sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(3, 2)])
def test_double_root_error_exact(u):
    # β = (1 − u)², αλ = u² (λ = 1): exact rational powers of R against (1 + ku)(1 − u)ᵏ.
    beta = (1 - u) ** 2
    R = sp.Matrix([[beta, 1], [-(u**2) * beta, 1 - u**2]])
    P = sp.eye(2)
    for k in range(12):
        assert P[1, 1] == (1 + k * u) * (1 - u) ** k
        P = R * P


def test_iterations_exceed_the_naive_count_at_the_optimum():
    # κ = 100 at the optimum: both ends are double roots, so the count to 1e-8 exceeds
    # log(1e-8)/log ρ = 92.3 (ρ = 9/11); measured count checked against a direct loop.
    mu_f, L_f = 1.0, 100.0
    alpha, beta = 4 / 121, (9 / 11) ** 2
    run = simulate.heavy_ball(
        np.diag([mu_f, L_f]), np.array([mu_f, L_f]), alpha, beta, 10_000, tol=1e-8, record="last"
    )
    w, z, k = np.zeros(2), np.zeros(2), 0
    A, b = np.diag([mu_f, L_f]), np.array([mu_f, L_f])
    while np.linalg.norm(A @ w - b) > 1e-8 * np.linalg.norm(b):
        z = beta * z + (A @ w - b)
        w = w - alpha * z
        k += 1
    assert run.iterations == k
    assert k > math.log(1e-8) / math.log(9 / 11) + 10


@given(st.integers(0, 2**32 - 1), st.floats(0.01, 1.5), st.floats(0.0, 0.95))
def test_polyak_and_velocity_forms_give_the_same_iterates(seed, scale, beta):
    A = matrices.spd_with_spectrum(np.array([0.2, 1.0, 2.0]), seed=seed % 1000)
    b = np.array([1.0, -2.0, 0.5])
    alpha = scale / 2.0  # αλ ≤ 1.5 < 2 + 2β: stable
    ref = simulate.heavy_ball(A, b, alpha, beta, 40)
    w_prev = w = np.zeros(3)
    theta, v = np.zeros(3), np.zeros(3)
    for k in range(1, 41):
        w, w_prev = w - alpha * (A @ w - b) + beta * (w - w_prev), w
        v = beta * v - alpha * (A @ theta - b)
        theta = theta + v
        # A few ε of rounding per step in each route, accumulated over k steps.
        tol = 32 * EPS * k * (1 + np.max(np.abs(ref[k])))
        assert np.max(np.abs(w - ref[k])) <= tol
        assert np.max(np.abs(theta - ref[k])) <= tol


@given(st.floats(0.05, 0.95), st.floats(0.02, 0.98), st.sampled_from(["mono", "ripple", "flip"]))
def test_regimes_by_mpmath_roots(r, w, regime):
    lo, hi, edge = (1 - r) ** 2, (1 + r) ** 2, 2 + 2 * r * r
    v = {"mono": w * lo, "ripple": lo + w * (hi - lo), "flip": hi + w * (edge - hi)}[regime]
    with mp.workdps(50):
        roots = mp.polyroots([1, -(1 + mp.mpf(r) ** 2 - mp.mpf(v)), mp.mpf(r) ** 2])
    real = all(abs(mp.im(z)) < mp.mpf(10) ** -40 for z in roots)
    if regime == "mono":
        assert real and all(mp.re(z) >= 0 for z in roots)
    elif regime == "ripple":
        assert not real
        assert all(abs(abs(z) - r) < 1e-12 for z in roots)
    else:
        assert real and all(mp.re(z) < 0 for z in roots)
    assert max(abs(z) for z in roots) < 1


def test_critical_rate_on_its_whole_range():
    # 1 < αλ < 4: β* = (√(αλ) − 1)², rate √(αλ) − 1 (hand: αλ = 9/4 → β = 1/4, rate 1/2).
    assert float(rates.heavy_ball(2.25, 0.25, 1.0)) == pytest.approx(0.5, abs=4e-8)
    assert float(rates.gradient_descent(2.25, 1.0)) == 1.25  # GD diverges there


def test_printed_power_formula_is_wrong_and_correction_exact():
    # α = 3/8, β = 1/8, λ = 1: t = 3/4, σ = 1/2 and 1/4 (exact).
    a, b = sp.Rational(3, 8), sp.Rational(1, 8)
    R = sp.Matrix([[b, 1], [-a * b, 1 - a]])
    s1, s2 = sp.Rational(1, 2), sp.Rational(1, 4)
    assert R.charpoly().as_expr().subs("lambda", s1) == 0
    for k in range(7):
        exact = R**k
        assert hbp.corrected_power(R, s1, s2, k) == exact
        assert hbp.printed_power(R, s1, s2, k) != exact
    assert hbp.printed_power(R, s1, s2, 0) == -sp.eye(2)


def test_iterations_per_decade_limits_numerically():
    # N_HB/√κ → ln 10/2 from below (mpmath, 50 digits).
    with mp.workdps(50):
        for kappa in (1e4, 1e8, 1e12):
            s = mp.sqrt(mp.mpf(kappa))
            n_hb = mp.log(10) / mp.log((s + 1) / (s - 1))
            assert n_hb <= mp.log(10) / 2 * s
            assert abs(n_hb / s - mp.log(10) / 2) < 1 / s
