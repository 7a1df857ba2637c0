"""Generated rate kernels against mpmath at 60 digits, with the error model's tolerance.

Reference route: the complex roots of σ² − (1 + β − αλ)σ + β evaluated in
mpmath on the exact float inputs (a different formula from the kernel's
real branch-free form).  Tolerance: ``rate_tolerance`` (error model: a few ε
times the size of the terms, plus min(√ε, ε/√|d|) near the double roots).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import strategies as st
from hypothesis import given

from momentum_proofs.verify.error_model import rate_tolerance, reference_rate
from numeric import rates


def _check(a: float, b: float, lm: float) -> float:
    ref, d = reference_rate(a, b, lm)
    got = float(rates.heavy_ball(a, b, lm))
    assert math.isfinite(got)
    err = abs(got - float(ref))
    assert err <= rate_tolerance(a, b, lm), (a, b, lm, got, float(ref))
    return err


@given(st.hard_points)
def test_heavy_ball_rate_matches_mpmath(point):
    a, b, lm = point
    if not (a > 0 and math.isfinite(a)):
        return
    _check(a, b, lm)


@given(st.beta_zero())
def test_gradient_descent_rate_matches_mpmath(point):
    a, _, lm = point
    ref, _ = reference_rate(a, 0.0, lm)
    got = float(rates.gradient_descent(a, lm))
    assert abs(got - float(ref)) <= 2 * 2.0**-52 * (1 + a * lm)


def test_textbook_formula_fails_the_same_tolerance():
    """The tolerance discriminates: sympy's eigenvalue formula evaluated in numpy
    (complex sqrt of the discriminant t² − 4β) loses the digits the kernel keeps
    near β → 1 with tiny αλ, and fails the same check."""
    a, b, lm = 1e-20, 1 - 1e-8, 1.0
    t = 1 + b - a * lm
    d = t * t - 4 * b
    naive = max(abs((t + np.sqrt(complex(d))) / 2), abs((t - np.sqrt(complex(d))) / 2))
    ref, dref = reference_rate(a, b, lm)
    assert abs(naive - float(ref)) > rate_tolerance(a, b, lm)
    _check(a, b, lm)


def test_no_warnings_and_no_nan_on_a_dense_grid():
    a = np.linspace(1e-6, 4.0, 401)[:, None]
    b = np.linspace(0.0, 0.999999, 301)[None, :]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rho = rates.heavy_ball(a, b, 1.0)
    assert rho.shape == (401, 301)
    assert np.isfinite(rho).all()


def test_rate_equals_sqrt_beta_in_the_complex_region():
    # (1 − √β)² < αλ < (1 + √β)²: complex pair of modulus √β (claim HB-DISCRIMINANT).
    b = np.linspace(0.01, 0.99, 50)
    a = 1.0 + 0.0 * b  # αλ = 1 lies strictly inside for every β > 0
    assert np.allclose(rates.heavy_ball(a, b, 1.0), np.sqrt(b), rtol=4e-16, atol=0)


@pytest.mark.parametrize("shape_a,shape_b", [((3, 1), (1, 4)), ((5,), ()), ((), (2, 2))])
def test_broadcasting(shape_a, shape_b):
    a = np.full(shape_a, 0.5)
    b = np.full(shape_b, 0.3)
    assert rates.heavy_ball(a, b, 1.0).shape == np.broadcast_shapes(shape_a, shape_b)


def test_scalar_in_scalar_out():
    assert isinstance(rates.heavy_ball(0.5, 0.3, 1.0), float)
