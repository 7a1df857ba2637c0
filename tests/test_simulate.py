"""Simulations against the closed forms, on dense and sparse matrices."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sps

from numeric import closed_form, matrices, simulate


def _eigen_setup(lam, seed=3):
    A = matrices.spd_with_spectrum(lam, seed=seed)
    b = np.arange(1.0, len(lam) + 1)
    lam_sorted, q = np.linalg.eigh(A)
    return A, b, lam_sorted, q, np.linalg.solve(A, b)


@pytest.mark.parametrize(
    "alpha,beta", [(0.5, 0.0), (0.9, 0.6), (1.5, 0.95), (0.3, (1 - np.sqrt(0.3)) ** 2)]
)
def test_heavy_ball_trajectory_matches_closed_form(alpha, beta):
    A, b, lam, q, w_star = _eigen_setup(np.array([0.05, 0.5, 1.0, 2.0]))
    steps = 80
    w = simulate.heavy_ball(A, b, alpha, beta, steps)
    assert w.shape == (steps + 1, 4)
    x0 = q.T @ (w[0] - w_star)
    powers = closed_form.heavy_ball_power(alpha, beta, lam[None, :], np.arange(steps + 1)[:, None])
    predicted = powers[..., 1, 1] * x0
    assert np.max(np.abs((w - w_star) @ q - predicted)) <= 1e-12 * np.max(np.abs(x0)) * steps


def test_gradient_descent_closed_form():
    # Goh (2017), "First Steps": xᵏ = (1 − αλ)ᵏ x⁰ in the eigenbasis.
    A, b, lam, q, w_star = _eigen_setup(np.array([0.1, 1.0, 1.9]))
    w = simulate.gradient_descent(A, b, 0.7, 50)
    x0 = q.T @ (w[0] - w_star)
    predicted = (1 - 0.7 * lam)[None, :] ** np.arange(51)[:, None] * x0
    assert np.max(np.abs((w - w_star) @ q - predicted)) <= 1e-13 * 50


def test_sparse_and_dense_agree():
    lam = np.array([1.0, 2.0, 3.0, 4.0])
    A = matrices.spd_with_spectrum(lam, seed=5)
    b = np.ones(4)
    dense = simulate.heavy_ball(A, b, 0.3, 0.5, 40)
    sparse = simulate.heavy_ball(sps.csr_array(A), b, 0.3, 0.5, 40)
    assert np.allclose(dense, sparse, rtol=0, atol=1e-14)


def test_record_and_tol():
    A = np.diag([1.0, 10.0])
    b = np.ones(2)
    run = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, record=100)
    assert list(run.steps) == list(range(0, 1001, 100))
    full = simulate.heavy_ball(A, b, 0.1, 0.5, 1000)
    assert np.array_equal(run.iterates, full[::100])
    last = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, record="last")
    assert last.iterates.shape == (2, 2) and np.array_equal(last.last, full[-1])
    stop = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, tol=1e-8)
    assert stop.converged and stop.iterations < 1000
    grads = np.linalg.norm(full @ A - b, axis=1) / np.linalg.norm(b)
    assert stop.iterations == int(np.argmax(grads <= 1e-8))


def test_divergence_is_reported_once():
    A = np.diag([1.0])
    with pytest.warns(simulate.DivergenceWarning, match="overflowed at step"):
        w = simulate.gradient_descent(A, [1.0], 3.0, 2000)
    assert w.shape == (2001, 1) and np.isinf(w[-1]).all() and not np.isnan(w).any()
    run = simulate.gradient_descent(A, [1.0], 3.0, 2000, record="last")
    assert run.diverged and not run.converged
