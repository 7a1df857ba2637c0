"""Polynomial regression: eigenfeatures, early stopping and Tikhonov filters, noise."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import claims
from momentum_proofs.verify import verify
from numeric import problems, simulate

EPS = float(np.finfo(float).eps)


def _problem(m=25, n=5, seed=3):
    _, d, z = problems.regression_data(m, n, noise=0.05, seed=seed)
    a, b = z.T @ z, z.T @ d
    lam, q = np.linalg.eigh(a)
    return z, d, a, b, lam, q


def test_vandermonde_by_hand():
    z = problems.vandermonde([-1.0, 0.5, 2.0], 4)
    assert z.tolist() == [[1, -1, 1, -1], [1, 0.5, 0.25, 0.125], [1, 2, 4, 8]]
    # ZᵀZ for ξ = (0, 1, 2), n = 2 is [[3, 3], [3, 5]]: eigenvalues 4 ∓ √10.
    z = problems.vandermonde([0.0, 1.0, 2.0], 2)
    assert np.linalg.eigvalsh(z.T @ z) == pytest.approx([4 - math.sqrt(10), 4 + math.sqrt(10)])


@given(st.integers(0, 500), st.floats(0.05, 1.0))
def test_gradient_descent_applies_the_early_stopping_filter(k, frac):
    z, d, a, b, lam, q = _problem()
    alpha = frac / lam[-1]
    w = simulate.gradient_descent(a, b, alpha, k, record="last").last
    x_star = (q.T @ b) / lam
    predicted = (1 - (1 - alpha * lam) ** k) * x_star  # αλ = 1 is allowed: 0**k
    assert np.max(np.abs(q.T @ w - predicted)) <= 1e-12 * np.max(np.abs(x_star))


@given(st.floats(1e-6, 1e3))
def test_tikhonov_filter(eta):
    z, d, a, b, lam, q = _problem()
    w = np.linalg.solve(a + eta * np.eye(5), b)
    x_star = (q.T @ b) / lam
    assert np.max(np.abs(q.T @ w - lam / (lam + eta) * x_star)) <= (
        64 * EPS * lam[-1] / lam[0] * np.max(np.abs(x_star))
    )


@given(st.floats(1e-9, 1.0), st.integers(1, 10**5))
def test_filter_sandwich_against_mpmath(t, k):
    # With η = 1/(αk) and t = αλ ∈ (0, 1]: u/(1 + u) ≤ 1 − (1 − t)ᵏ ≤ 2u/(1 + u), u = kt.
    with mp.workdps(50):
        tm = mp.mpf(t)
        phi = 1 - (1 - tm) ** k
        tik = k * tm / (1 + k * tm)
    assert tik <= phi <= 2 * tik


def test_half_points():
    for k in (1, 2, 10, 1000):
        t_half = 1 - 2 ** (-1 / k)
        assert 1 - (1 - t_half) ** k == pytest.approx(0.5, rel=1e-12)
    # αkη at matched half-points tends to ln 2 (k(1 − 2^{−1/k}) = ln 2 − ln²2/(2k) + …).
    k = 10**6
    assert -k * math.expm1(-math.log(2) / k) == pytest.approx(math.log(2), rel=1e-6)


def test_early_stopping_versus_tikhonov_on_data():
    z, d, a, b, lam, q = _problem(m=40, n=6, seed=9)
    alpha = 1 / lam[-1]
    for k in (1, 5, 50, 500, 5000):
        w_es = simulate.gradient_descent(a, b, alpha, k, record="last").last
        w_t = np.linalg.solve(a + np.eye(6) / (alpha * k), b)
        ratio = (q.T @ w_es) / (q.T @ w_t)
        assert np.all(ratio >= 1 - 1e-9) and np.all(ratio <= 2 + 1e-9)


def test_noise_variance_monte_carlo():
    z, d, a, b, lam, q = _problem(m=30, n=4, seed=10)
    sigma, draws = 0.3, 20_000
    eps = sigma * np.random.default_rng(123).standard_normal((draws, 30))
    dx = (eps @ z @ q) / lam
    var = dx.var(axis=0, ddof=1)
    # Sample variance of a Gaussian: relative standard error √(2/(N − 1)); allow 5 of them.
    assert np.all(np.abs(var / (sigma**2 / lam) - 1) <= 5 * math.sqrt(2 / (draws - 1)))
    # Smallest eigenvalue, largest variance: the slow directions are the noisy ones.
    assert np.argmax(var) == 0


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: problems.vandermonde([[1.0]], 2), ValueError, "xi must be a 1-d"),
        (lambda: problems.vandermonde([1.0], 0), ValueError, "n must be an integer >= 1"),
        (lambda: problems.regression_data(10, 3, noise=-1.0), ValueError, "noise"),
        (lambda: problems.regression_data(10, 3, seed=1.5), TypeError, "seed"),
        (lambda: problems.vandermonde(["a"], 2), TypeError, "xi"),
        (lambda: problems.vandermonde([1e200], 3), ValueError, r"xi\*\*\(n-1\) must be finite"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_verify_statuses():
    ids = [i for i in claims.ids() if i.startswith("POLY-")]
    status = {o.claim.id: o.status for o in verify(ids)}
    # "rotating w into Qw" under the file's Q = [q1, …, qn]: the transpose erratum
    assert status.pop("POLY-EIGENFEATURES") == "erratum"
    assert set(status.values()) == {"verified"} and len(ids) == 6
