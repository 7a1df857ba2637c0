"""The error model of docs/error-model.rst, checked against mpmath at 60 digits.

Every numeric kernel is compared with a reference evaluated by a different
formula (complex roots, repeated squaring of the exact matrix) in mpmath on the
same float inputs, at points built directly on the hard places: both
double-root lines (exactly and at offsets down to an ulp), the stability edge
αλ = 2 + 2β, β within 1e-16 of 1, β = 0, λ from 1e-12 to 1e12 and the optimal
tuning for κ up to 1e12, with powers k up to 1e6.  The tolerances are the
formulas of :mod:`momentum_proofs.verify.error_model`; the last tests show
that they reject kernels that lose digits.

The properties use the active hypothesis profile (``ci`` by default); the deep
run is ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_error_model.py``.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import strategies as st
from hypothesis import given
from hypothesis import strategies as hst

from momentum_proofs.verify.error_model import (
    EPS,
    power_entry_tolerance,
    power_tolerance,
    rate_tolerance,
    reference_power,
    reference_rate,
)
from momentum_proofs.verify.nesterov import rate_tolerance as nag_tolerance
from momentum_proofs.verify.nesterov import reference_rate as nag_reference
from numeric import closed_form, rates

K_MAX = 10**6


def _ref_power(a: float, b: float, lm: float, k: int) -> np.ndarray:
    m = reference_power(a, b, lm, k)
    return np.array([[float(m[i, j]) for j in range(2)] for i in range(2)])


def _representable_k(a: float, b: float, lm: float, fraction: float) -> int:
    """A power k in [1, 1e6] for which ρᵏ stays well inside float64's range."""
    rho = float(reference_rate(a, b, lm)[0])
    limit = K_MAX
    if rho > 0 and rho != 1:
        limit = min(K_MAX, max(1, int(600 / abs(math.log(rho)))))
    return max(1, round(limit**fraction))


def _check_power(a: float, b: float, lm: float, k: int) -> None:
    got = closed_form.heavy_ball_power(a, b, lm, k)
    ref = _ref_power(a, b, lm, k)
    tol = np.array(power_entry_tolerance(a, b, lm, k))
    assert not np.isnan(got).any(), (a, b, lm, k)
    finite = np.isfinite(ref)
    # where the true entry overflows the kernel says so with the right sign
    assert np.array_equal(got[~finite], ref[~finite]), (a, b, lm, k, got, ref)
    err = np.abs(got[finite] - ref[finite])
    assert (err <= tol[finite]).all(), (a, b, lm, k, got, ref, tol)


# ---------------------------------------------------------------- rates


@given(st.wide_hard_points)
def test_heavy_ball_rate_within_the_model(point):
    a, b, lm = point
    ref, _ = reference_rate(a, b, lm)
    got = float(rates.heavy_ball(a, b, lm))
    assert math.isfinite(got)
    assert abs(got - float(ref)) <= rate_tolerance(a, b, lm), (a, b, lm, got, float(ref))


@given(st.wide_lam, hst.floats(-12.0, math.log10(4.0)))
def test_gradient_descent_rate_within_the_model(lm, log_product):
    # |1 − αλ|: one rounding in αλ, the subtraction is exact near 1 (Sterbenz)
    # and rounds once elsewhere, so the error is at most ε(1 + αλ).
    a = 10.0**log_product / lm
    with mp.workdps(60):
        ref = abs(1 - mp.mpf(a) * mp.mpf(lm))
    got = float(rates.gradient_descent(a, lm))
    assert abs(got - float(ref)) <= EPS * (1 + a * lm)


@pytest.mark.parametrize(
    "a,b,lm",
    [
        (0.25, 0.25, 1.0),  # exactly on the lower double root, σ = 1/2
        (2.25, 0.25, 1.0),  # exactly on the upper double root, σ = −1/2
        (1e-12, (1 - 1e-6) ** 2, 1.0),  # κ = 1e12-like: tiny αλ, β → 1
        (1e12, 1 - 2.0**-53, 1e-12),  # tiny λ, β one ulp below 1
        (4.0, 1.0 - 2.0**-53, 1.0),  # stability edge αλ = 2 + 2β as β → 1
        (1.0, 0.0, 1.0),  # ρ = 0: gradient descent with the exact step
    ],
)
def test_rate_at_named_hard_points(a, b, lm):
    ref, _ = reference_rate(a, b, lm)
    got = float(rates.heavy_ball(a, b, lm))
    assert abs(got - float(ref)) <= rate_tolerance(a, b, lm)


@given(st.nesterov_hard())
def test_nesterov_rate_within_the_model(point):
    # Nesterov's model (momentum_proofs.verify.nesterov): the same four-factor
    # argument for its discriminant c((1 + β)²c − 4β), c = 1 − αλ.
    a, b, lm = point
    got = float(rates.nesterov(a, b, lm))
    assert math.isfinite(got)
    assert abs(got - float(nag_reference(a, b, lm))) <= nag_tolerance(a, b, lm), (a, b, lm)


@pytest.mark.parametrize(
    "point",
    [
        (8.228810768322432e305, 0.9999999999947765, 61.07318275013555),  # (1 + β)αλ ≈ 1e308
        (1.5e308, 0.5, 1.0),  # αλ + ρ would overflow, ρ ≈ αλ does not
        (1e308, 1 - 2.0**-53, 1.7),  # αλ itself overflows: +inf
    ],
)
def test_rates_at_the_end_of_float64(point):
    test_rates_with_huge_steps_are_finite_and_accurate.hypothesis.inner_test(point)


@given(st.large_step)
def test_rates_with_huge_steps_are_finite_and_accurate(point):
    """αλ from 1e100 to 1e308: the generated products would overflow near 1e154;
    the rates stay within a few ulps of mpmath (they are ≈ αλ, representable),
    and are +inf without a warning only where αλ itself overflows."""
    a, b, lm = point
    with mp.workdps(60):
        p = mp.mpf(a) * mp.mpf(lm)
    refs = {
        "heavy_ball": reference_rate(a, b, lm)[0],
        "nesterov": nag_reference(a, b, lm),
        "gradient_descent": abs(1 - p),
    }
    got = {
        "heavy_ball": rates.heavy_ball(a, b, lm),
        "nesterov": rates.nesterov(a, b, lm),
        "gradient_descent": rates.gradient_descent(a, lm),
    }
    for name, ref in refs.items():
        value = float(got[name])
        if ref > np.finfo(float).max * (1 - 4 * EPS):
            assert value == np.inf, name
        else:
            assert abs(value - float(ref)) <= 8 * EPS * float(ref), (name, a, b, lm)


# ---------------------------------------------------------------- powers


@given(st.wide_hard_points, hst.floats(0.0, 1.0))
def test_power_within_the_entrywise_model(point, fraction):
    a, b, lm = point
    _check_power(a, b, lm, _representable_k(a, b, lm, fraction))


@given(st.wide_hard_points, hst.integers(0, 2))
def test_power_k_zero_one_two(point, k):
    a, b, lm = point
    _check_power(a, b, lm, k)


@given(st.wide_hard_points, hst.integers(1, K_MAX))
def test_power_any_k_is_finite_or_signed_inf(point, k):
    """Large k, convergent or divergent: never NaN, never a warning (pytest turns
    warnings into errors), ±inf exactly where the true entry overflows, and the
    model's accuracy wherever it is representable."""
    a, b, lm = point
    _check_power(a, b, lm, k)


@pytest.mark.parametrize(
    "a,b,lm,k",
    [
        (1.0, 0.0, 1.0, 1),  # ρ = 0, k = 1: R itself
        (0.5, 0.0, 2.0, 3),  # nilpotent R (β = 0, αλ = 1): Rᵏ = 0 exactly for k ≥ 2
        (3.0, 0.0, 1.0, 2000),  # β = 0 divergent: first column exactly 0, not −inf
        (5.0, 0.0, 1.0, 1000),
        (3.0, 0.1, 1.0, 500),  # divergent but representable (~1e133)
        (1.5, 0.5, 1.0, 2),  # t = 0: θ = π/2, sin(kθ) = 0, R² = −βI
        (1.5, 0.5, 1.0, 10**6),
        (0.25, 0.25, 1.0, 1000),  # exact double root, large k
        (1e-12, (1 - 1e-6) ** 2, 1.0, 10**6),  # κ = 1e12 tuning at λ = μ, k = 1e6
        (1e-7, 0.99, 1.0, 10**6),
    ],
)
def test_power_at_named_hard_points(a, b, lm, k):
    _check_power(a, b, lm, k)


@pytest.mark.parametrize(
    "a,b,lm,k",
    [
        (1e300, 0.9, 10.0, 1),  # αλ = 1e301: R itself, representable
        (1e150, 0.5, 1e150, 1),
        (1e150, 0.5, 1e150, 2),  # R² overflows in three entries, not in the first
        (1e101, 0.99, 1.0, 3),
        (1e60, 0.3, 1e60, 7),
        (1e60, 0.0, 1e60, 4),
    ],
)
def test_power_with_huge_steps(a, b, lm, k):
    _check_power(a, b, lm, k)


def test_power_exact_zeros_are_exact():
    # β = 0: the first column of Rᵏ is exactly 0 at every k, even when the
    # second column overflows; αλ = 1 makes R nilpotent.
    out = closed_form.heavy_ball_power(np.array([3.0, 0.5, 0.1]), 0.0, [1.0, 2.0, 7.0], 5000)
    assert np.array_equal(out[..., 0], np.zeros((3, 2)))
    assert np.array_equal(out[1], np.zeros((2, 2)))
    assert np.isinf(out[0, :, 1]).all() and np.isfinite(out[2]).all()


# ---------------------------------------------------------------- discrimination


def test_entrywise_model_rejects_the_diagonalised_power():
    """Rᵏ = V diag(σᵏ) V⁻¹ (sympy's R**k, evaluated with numpy's eig) on the
    double-root line with a small step: V is nearly singular and the power is off
    by about 150 times the model's allowance; the kernel stays inside it."""
    a, lm, k = 1e-4, 1.0, 25
    b = (1 - math.sqrt(a * lm)) ** 2
    R = np.array([[b, lm], [-a * b, 1 - a * lm]])
    w, V = np.linalg.eig(R)
    diag = (V * w**k) @ np.linalg.inv(V)
    ref = _ref_power(a, b, lm, k)
    tol = np.array(power_entry_tolerance(a, b, lm, k))
    assert (np.abs(diag.real - ref) > tol).any()
    _check_power(a, b, lm, k)


def test_entrywise_model_sees_the_small_column():
    """With λ = 1e8 the αβ column is 16 orders below the λ column: a max-entry
    tolerance cannot see a 1e-6 relative error there; the entrywise one does."""
    a, b, lm, k = 1.3e-8, 0.93, 1.14e8, 7
    ref = _ref_power(a, b, lm, k)
    wrong = ref.copy()
    wrong[1, 0] *= 1 + 1e-6
    assert np.max(np.abs(wrong - ref)) <= power_tolerance(k, np.max(np.abs(ref)))
    assert np.abs(wrong[1, 0] - ref[1, 0]) > power_entry_tolerance(a, b, lm, k)[1][0]


def test_rate_model_rejects_the_subtracted_discriminant():
    """ρ from t² − 4β formed by subtraction loses eight digits at β → 1 with tiny αλ."""
    a, b, lm = 1e-8, 1 - 1e-8, 1e-12
    t = 1 + b - a * lm
    d = t * t - 4 * b
    naive = max(abs((t + np.sqrt(complex(d))) / 2), abs((t - np.sqrt(complex(d))) / 2))
    ref, _ = reference_rate(a, b, lm)
    assert abs(naive - float(ref)) > rate_tolerance(a, b, lm)
