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


# Wide-range hard points for the error-model tests: λ from 1e-12 to 1e12, αλ down to
# 1e-12 (κ up to 1e12), offsets from the curves down to an ulp and exactly zero.
wide_lam = st.floats(-12.0, 12.0).map(lambda e: 10.0**e)
tiny_offset = st.one_of(
    st.just(0.0), st.tuples(sign, st.floats(-16.0, -1.0)).map(lambda t: t[0] * 10.0 ** t[1])
)
any_beta = st.one_of(
    st.floats(0.0, 1.0, exclude_max=True),
    st.floats(-16.0, -1.0).map(lambda e: 1.0 - 10.0**e),
)


def _point(product: float, b: float, lm: float) -> tuple[float, float, float]:
    """(α, β, λ) with αλ ≈ ``product``, α kept positive and finite."""
    a = product / lm
    return (a if finite_positive(a) else 5e-324 if product > 0 else 1.0 / lm), b, lm


@st.composite
def wide_generic(draw):
    product = 10.0 ** draw(st.floats(-12.0, math.log10(4.0)))
    return _point(product, draw(any_beta), draw(wide_lam))


@st.composite
def wide_double_root(draw):
    """Exactly on (offset 0) or near either double-root line αλ = (1 ∓ √β)²."""
    b = draw(any_beta)
    r = math.sqrt(b)
    line = (1 - r) ** 2 if draw(st.booleans()) else (1 + r) ** 2
    product = line * (1 + draw(tiny_offset))
    return _point(product if product > 0 else line, b, draw(wide_lam))


@st.composite
def wide_stability_edge(draw):
    b = draw(any_beta)
    return _point((2 + 2 * b) * (1 + draw(tiny_offset)), b, draw(wide_lam))


@st.composite
def kappa_tuned(draw):
    """The optimal heavy-ball tuning on [μ, L] with κ = L/μ up to 1e12, at λ in [μ, L]."""
    big = draw(wide_lam)
    kappa = 10.0 ** draw(st.floats(0.0, 12.0))
    mu = big / kappa
    s = math.sqrt(kappa)
    a = (2 / (math.sqrt(big) + math.sqrt(mu))) ** 2
    b = ((s - 1) / (s + 1)) ** 2
    where = draw(st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0)))
    return a, b, mu * kappa**where


wide_hard_points = st.one_of(
    wide_generic(), wide_double_root(), wide_stability_edge(), kappa_tuned(), beta_zero()
)


@st.composite
def nesterov_hard(draw):
    """Nesterov's hard places: its double root (1 + β)²(1 − αλ) = 4β, the zero rate
    αλ = 1 (both roots 0), its stability edge αλ = (2 + 2β)/(1 + 2β), and generic."""
    b = draw(any_beta)
    where = draw(st.sampled_from(["double_root", "zero_rate", "edge", "generic"]))
    if where == "generic":
        product = 10.0 ** draw(st.floats(-12.0, math.log10(3.0)))
    else:
        line = {
            "double_root": 1 - 4 * b / (1 + b) ** 2,
            "zero_rate": 1.0,
            "edge": (2 + 2 * b) / (1 + 2 * b),
        }[where]
        product = line * (1 + draw(tiny_offset))
        if product <= 0:
            product = line if line > 0 else 1e-300
    return _point(product, b, draw(wide_lam))


#: αλ from 1e100 (beyond the generated kernels' overflow-free range) to float64's end.
large_step = st.tuples(st.floats(100.0, 308.0).map(lambda e: 10.0**e), any_beta, wide_lam).map(
    lambda t: _point(t[0], t[1], t[2])
)


class _Draws:
    """The sampler interface of momentum_proofs.verify.points, drawing with hypothesis."""

    def __init__(self, draw):
        self.draw = draw

    def uniform(self, low: float, high: float) -> float:
        return self.draw(st.floats(low, high, allow_nan=False, allow_infinity=False))

    def choice(self, options: list):
        return self.draw(st.sampled_from(options))


@st.composite
def method_points(draw, method):
    """A hard point (parameters, λ, kind) of a two-entry method: the same construction as
    the cross-checks' (momentum_proofs.verify.points.method_point), drawn by hypothesis."""
    from momentum_proofs.verify.points import method_point

    return method_point(method, _Draws(draw))
