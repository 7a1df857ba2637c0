"""LIN-RADIUS: the generated 2×2 spectral-radius kernel against mpmath's roots.

Reference: the roots of σ² − Tσ + D found by ``mpmath.polyroots`` at 60 digits on the
exact float inputs, a different route from the kernel's closed form.  Error model: the
discriminant T² − 4D carries an absolute error δ ≈ 8ε(T² + 4|D|), which its square root
turns into min(δ/(2√|T² − 4D|), √δ); the rest is a few ulps of the result.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from momentum_proofs import verify
from momentum_proofs.verify.error_model import quadratic_radius_tolerance
from numeric import rates

EPS = np.finfo(float).eps


def _reference(t: float, d: float) -> float:
    with mp.workdps(60):
        # polyroots stops at an absolute tolerance: solve for σ/s with s ~ the roots' size
        s = max(abs(mp.mpf(t)), mp.sqrt(abs(mp.mpf(d))))
        if s == 0:
            return 0.0
        roots = mp.polyroots([1, -mp.mpf(t) / s, mp.mpf(d) / s**2], maxsteps=200, extraprec=200)
        return float(s * max(abs(r) for r in roots))


def _tolerance(t: float, d: float) -> float:
    return quadratic_radius_tolerance(t, d)  # exact inputs: no ΔT, ΔD


finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def near_double_root(draw):
    # D = T²/4 (1 + δ): a double root when δ = 0, complex for δ > 0.
    t = draw(st.floats(-1e3, 1e3))
    delta = draw(st.sampled_from([-1.0, 1.0])) * 10.0 ** draw(st.floats(-16, -1))
    return t, t * t / 4 * (1 + delta)


@given(finite, finite)
@example(1.0, 0.25)  # double root 1/2
@example(0.0, -4.0)  # ±2
@example(3.0, 2.0)  # roots 1 and 2
def test_kernel_matches_mpmath_roots(t, d):
    got = float(rates.two_by_two(t, d))
    assert abs(got - _reference(t, d)) <= _tolerance(t, d)


@given(near_double_root())
def test_kernel_near_double_roots(point):
    t, d = point
    got = float(rates.two_by_two(t, d))
    assert abs(got - _reference(t, d)) <= _tolerance(t, d)


def test_the_error_model_can_fail():
    # A kernel 1e-12 too large is caught at a generic point.
    t, d = 0.7, -0.3
    assert abs(float(rates.two_by_two(t, d)) * (1 + 1e-12) - _reference(t, d)) > _tolerance(t, d)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="trace"):
        rates.two_by_two(float("nan"), 0.0)
    with pytest.raises(ValueError, match="det"):
        rates.two_by_two(0.0, float("inf"))


def test_extreme_scales_neither_overflow_nor_underflow():
    # Roots r and 3r with r = 2^510 (T² = 2^1024 overflows) and r = 2^-530 (T² = 2^-1056
    # is subnormal): the exact answer 3r, because the kernel runs on T/s and D/s².
    for r in (2.0**510, 2.0**-530):
        assert float(rates.two_by_two(4 * r, 3 * r * r)) == 3 * r


def test_claim_verifies():
    (o,) = verify.verify(["LIN-RADIUS"])
    assert o.status == "verified" and o.evidence == "symbolic"
