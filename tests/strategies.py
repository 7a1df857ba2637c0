"""Hypothesis strategies that build the hard points directly (no filtering)."""

from __future__ import annotations

import math

from hypothesis import strategies as st

lam = st.floats(1e-6, 1e6)
beta = st.floats(0.0, 1.0, exclude_max=True)
log_offset = st.floats(-15.0, -1.0)
sign = st.sampled_from([-1.0, 1.0])


@st.composite
def generic(draw):
    lm = draw(lam)
    return draw(st.floats(1e-6, 4.0)) / lm, draw(beta), lm


@st.composite
def near_double_root(draw):
    """β = (1 ∓ √(αλ))²·(1 + δ) with δ log-uniform, built directly."""
    lm = draw(lam)
    u = draw(st.floats(1e-4, 1.999))
    delta = draw(sign) * 10.0 ** draw(log_offset)
    b = (1 - u) ** 2 * (1 + delta)
    if not 0 <= b < 1:
        b = (1 - u) ** 2
    return u * u / lm, b, lm


@st.composite
def near_stability_edge(draw):
    lm = draw(lam)
    b = draw(beta)
    delta = draw(sign) * 10.0 ** draw(log_offset)
    return (2 + 2 * b) * (1 + delta) / lm, b, lm


@st.composite
def beta_near_one(draw):
    lm = draw(lam)
    b = 1 - 10.0 ** draw(st.floats(-15.0, -1.0))
    return draw(st.floats(1e-9, 3.99)) / lm, b, lm


@st.composite
def beta_zero(draw):
    lm = draw(lam)
    return draw(st.floats(1e-6, 2.5)) / lm, 0.0, lm


hard_points = st.one_of(
    generic(), near_double_root(), near_stability_edge(), beta_near_one(), beta_zero()
)


def finite_positive(x: float) -> bool:
    return math.isfinite(x) and x > 0
