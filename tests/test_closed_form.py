"""Rᵏ (Cayley–Hamilton form) against mpmath repeated squaring and direct iteration.

Error model: against mpmath, entry by entry with ``power_entry_tolerance``
(each entry against its natural scale kρ^{k−1}·size, with the mixed
absolute/relative part where the rate approaches 0 and the extra factor near the
double roots); against float repeated multiplication, which carries its own
rounding, with the coarser ``power_tolerance`` relative to ‖Rᵏ‖.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import strategies as st
from hypothesis import given
from hypothesis import strategies as hst

from momentum_proofs.verify.error_model import (
    power_entry_tolerance,
    power_tolerance,
    reference_power,
)
from numeric import closed_form


def _ref(a, b, lm, k):
    m = reference_power(a, b, lm, k)
    return np.array([[float(m[i, j]) for j in range(2)] for i in range(2)])


@given(st.hard_points, hst.integers(0, 400))
def test_power_matches_mpmath(point, k):
    a, b, lm = point
    ref = _ref(a, b, lm, k)
    norm = np.max(np.abs(ref))
    got = closed_form.heavy_ball_power(a, b, lm, k)
    if not np.isfinite(norm):
        assert np.isinf(got).any()
        return
    assert np.all(np.abs(got - ref) <= np.array(power_entry_tolerance(a, b, lm, k))), (a, b, lm, k)


def test_exact_double_root_against_the_jordan_formula():
    # β = 1/4, αλ = 1/4 gives σ = 1/2 twice; Rᵏ = σ^{k−1}(kR − (k−1)σI), exact in binary.
    R = np.array([[0.25, 1.0], [-0.0625, 0.75]])
    for k in (1, 2, 7, 30):
        expected = 0.5 ** (k - 1) * (k * R - (k - 1) * 0.5 * np.eye(2))
        got = closed_form.heavy_ball_power(0.25, 0.25, 1.0, k)
        assert np.max(np.abs(got - expected)) <= 4 * k * 2.0**-52 * np.max(np.abs(expected))


@pytest.mark.parametrize("delta", [1e-6, 1e-9, 1e-12, -1e-6, -1e-9, -1e-12])
def test_near_double_root_matches_repeated_multiplication(delta):
    a, lm = 0.3, 1.0
    b = (1 - np.sqrt(a * lm)) ** 2 * (1 + delta)
    R = np.array([[b, lm], [-a * b, 1 - a * lm]])
    power = np.eye(2)
    for k in range(1, 60):
        power = power @ R
        got = closed_form.heavy_ball_power(a, b, lm, k)
        assert np.max(np.abs(got - power)) <= power_tolerance(k, np.max(np.abs(power)))


def test_identity_at_k_zero_and_R_at_k_one():
    a, b, lm = np.array([0.1, 1.0, 3.0]), np.array([0.0, 0.5, 0.9]), 1.0
    assert np.array_equal(
        closed_form.heavy_ball_power(a, b, lm, 0), np.broadcast_to(np.eye(2), (3, 2, 2))
    )
    R = np.stack([[b, np.ones(3)], [-a * b, 1 - a]]).transpose(2, 0, 1)
    assert np.allclose(closed_form.heavy_ball_power(a, b, lm, 1), R, rtol=1e-15, atol=1e-16)


def test_cost_is_independent_of_k_and_large_k_is_finite():
    # Convergent point, k = 10⁶: the result underflows gracefully toward 0, no warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        small = closed_form.heavy_ball_power(0.1, 0.9, 1.0, 10**6)
        assert np.isfinite(small).all() and np.max(np.abs(small)) < 1e-300
        # Slow convergence, representable result: compare with mpmath.
        a, b, k = 1e-7, 0.99, 10**6
        ref = _ref(a, b, 1.0, k)
        got = closed_form.heavy_ball_power(a, b, 1.0, k)
        assert np.max(np.abs(got - ref)) <= 1e-9 * np.max(np.abs(ref))


def test_divergent_region_gives_signed_inf_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = closed_form.heavy_ball_power(np.array([5.0, 3.0]), np.array([0.0, 0.1]), 1.0, 10**6)
    assert not np.isnan(out).any()
    assert np.isinf(out[0, :, 1]).all()  # GD column λ(1 − αλ)^{k−1} and (1 − αλ)^k
    assert np.array_equal(out[0, :, 0], [0.0, 0.0])  # β = 0: first column is exactly 0
    ref = _ref(3.0, 0.1, 1.0, 500)  # about 1e133: representable
    got = closed_form.heavy_ball_power(3.0, 0.1, 1.0, 500)
    assert np.all(np.abs(got - ref) <= np.array(power_entry_tolerance(3.0, 0.1, 1.0, 500)))


def test_broadcast_shape():
    out = closed_form.heavy_ball_power(np.full((3, 1), 0.2), 0.5, 1.0, np.arange(4))
    assert out.shape == (3, 4, 2, 2)


# --- power_2x2: Rᵏ for any real 2×2 -----------------------------------------------------


def _mp_matrix_power(R, k):
    import mpmath as mp

    with mp.workdps(50):
        M = mp.matrix([[mp.mpf(float(x)) for x in row] for row in R])
        return np.array((M**k).tolist(), dtype=float) if k else np.eye(2)


@pytest.mark.parametrize(
    "R",
    [
        [[0.3, -0.8], [0.5, 0.9]],  # complex roots
        [[0.2, 0.7], [0.4, -0.6]],  # det < 0: real roots of opposite sign
        [[0.5, 1.0], [0.0, 0.5]],  # a Jordan block: double root
        [[0.5, 1.0], [1e-18, 0.5]],  # within 1e-9 of a double root
        [[0.0, 1.0], [-0.25, 1.0]],  # heavy ball's form at critical damping
        [[0.0, 0.0], [0.0, 0.0]],
    ],
)
def test_power_2x2_against_mpmath(R):
    R = np.array(R)
    norm = np.abs(R).sum(axis=0).max()
    for k in (0, 1, 2, 3, 10, 100, 1000):
        ref = _mp_matrix_power(R, k)
        got = closed_form.power_2x2(R, k)
        rho = max(abs(np.linalg.eigvals(R)))
        # the Cayley–Hamilton coefficients carry a few ulps of (k + 1)ρ^{k−1}·‖R‖
        scale = max(1.0, (k + 1) * rho ** max(k - 1, 0) * norm)
        assert np.abs(got - ref).max() <= 1e-12 * scale, (k, got, ref)


def test_power_2x2_overflows_to_inf_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = closed_form.power_2x2([[2.0, 0.0], [0.0, -2.0]], 2000)  # 2^2000·I
    assert out[0, 0] == np.inf and out[1, 1] == np.inf and out[0, 1] == 0


def test_power_2x2_refuses_bad_input():
    with pytest.raises(ValueError, match="R"):
        closed_form.power_2x2([[np.nan, 0.0], [0.0, 1.0]], 2)
    with pytest.raises(ValueError, match="shape"):
        closed_form.power_2x2([1.0, 2.0], 2)
    with pytest.raises(ValueError, match="k"):
        closed_form.power_2x2(np.eye(2), -1)
