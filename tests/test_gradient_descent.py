"""Gradient descent in the eigenbasis: closed form, loss split, step interval, optimum.

Expected values are hand calculations written out here, exact rational
arithmetic, mpmath, or brute-force grids; never numbers copied from the code.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import gradient_descent as gd
from momentum_proofs.symbols import L, mu
from numeric import matrices, rates, simulate


def test_loss_split_by_hand():
    # f(w) = ½·2w² − 2w: λ = 2, w* = 1, f(w*) = −1.  α = 1/4, w⁰ = 0, so x⁰ = −1 and
    # w¹ = 0 − (1/4)(0 − 2) = 1/2, f(w¹) = 1/4 − 1 = −3/4, f(w¹) − f(w*) = 1/4.
    w1 = simulate.gradient_descent(np.array([[2.0]]), np.array([2.0]), 0.25, 1)[1, 0]
    assert w1 == 0.5
    loss = (0.5 * 2 * w1**2 - 2 * w1) - (-1.0)
    assert loss == 0.25
    half_sum = 0.5 * (1 - 0.25 * 2) ** 2 * 2 * (-1.0) ** 2
    printed_sum = (1 - 0.25 * 2) ** 2 * 2 * (-1.0) ** 2
    assert half_sum == loss and printed_sum == 2 * loss


@given(st.integers(0, 10_000), st.floats(0.05, 0.6), st.integers(0, 40))
def test_loss_split_on_simulated_iterates(seed, alpha, k):
    lam = np.array([0.3, 1.0, 3.0])
    A = matrices.spd_with_spectrum(lam, seed=seed)
    b = np.array([1.0, 0.0, -1.0])
    w = simulate.gradient_descent(A, b, alpha, k)[-1]
    w_star = np.linalg.solve(A, b)
    direct = 0.5 * (w - w_star) @ A @ (w - w_star)
    lam_h, Q = np.linalg.eigh(A)
    x0 = Q.T @ (0 - w_star)
    split = 0.5 * np.sum((1 - alpha * lam_h) ** (2 * k) * lam_h * x0**2)
    # Error model: each step rounds w by a few ε·‖w*‖, so e = w − w* carries about
    # (k + 1)ε‖w*‖ absolute, i.e. relative (k + 1)ε‖w*‖/‖e‖; the quadratic forms double
    # it and the eigenbasis (eigh, then (1 − αλ)^{2k}) adds κ(A)·(k + 1)ε.
    eps, kappa = 2.0**-52, lam.max() / lam.min()
    ratio = np.linalg.norm(w_star) / np.linalg.norm(w - w_star)
    tol = 32 * (k + 1) * eps * (ratio + kappa)
    assert abs(split - direct) <= tol * direct


def test_closed_form_in_the_eigenbasis():
    lam = np.array([0.1, 0.5, 2.0])
    A = matrices.spd_with_spectrum(lam, seed=4)
    b = np.array([1.0, 2.0, 3.0])
    w = simulate.gradient_descent(A, b, 0.6, 50)
    lam_h, Q = np.linalg.eigh(A)
    w_star = np.linalg.solve(A, b)
    x = (w - w_star) @ Q  # Qᵀ(wᵏ − w*) row by row
    k = np.arange(51)[:, None]
    assert np.max(np.abs(x - (1 - 0.6 * lam_h) ** k * x[0])) < 1e-13
    # The momentum section's Q(w − w*) does not follow the per-component recurrence.
    y = (w - w_star) @ Q.T
    assert np.max(np.abs(y - (1 - 0.6 * lam_h) ** k * y[0])) > 1e-2


def test_optimal_step_by_hand_and_by_grid():
    # μ = 1, L = 3: α = 2/4 = 1/2, rate (3 − 1)/(3 + 1) = 1/2.
    p = gd.optimal_parameters()
    assert p["alpha"].subs({mu: 1, L: 3}) == sp.Rational(1, 2)
    assert p["rate"].subs({mu: 1, L: 3}) == sp.Rational(1, 2)
    alpha = np.linspace(1e-3, 0.66, 20001)
    worst = np.maximum(rates.gradient_descent(alpha, 1.0), rates.gradient_descent(alpha, 3.0))
    assert worst.min() >= 0.5 - 1e-15
    assert abs(alpha[np.argmin(worst)] - 0.5) < 1e-4


@pytest.mark.parametrize(("alpha", "faster"), [(0.4, True), (0.6, False)])
def test_which_component_first_by_hand(alpha, faster):
    # λ = 1 and 3, boundary α = 2/(1 + 3) = 1/2.  α = 0.4: |1 − 0.4| = 0.6 > |1 − 1.2| = 0.2,
    # so λ = 3 converges first; α = 0.6: 0.4 < |1 − 1.8| = 0.8, so λ = 3 is slower.
    w = simulate.gradient_descent(np.diag([1.0, 3.0]), np.array([1.0, 3.0]), alpha, 10)
    err = np.abs(w[-1] - 1.0)
    assert (err[1] < err[0]) == faster


@given(st.floats(1e-6, 1e6), st.floats(1e-6, 0.999))
def test_step_interval(lam, frac):
    assert float(rates.gradient_descent(2 * frac / lam, lam)) < 1
    assert float(rates.gradient_descent(2 * (1 + frac) / lam, lam)) > 1


def test_rotation_is_orthogonal_exactly():
    Q = gd.rotation()
    point = {sp.Symbol("p", real=True): sp.Rational(1, 3), sp.Symbol("q", real=True): 2}
    point[sp.Symbol("t", real=True)] = sp.Rational(-5, 7)
    Qn = Q.subs(point)
    assert Qn.T * Qn == sp.eye(3)
    assert math.isclose(float(Qn.det()), 1.0)
