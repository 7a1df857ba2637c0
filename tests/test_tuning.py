"""``numeric.tuning``: the generated tuned parameters against mpmath, and their proofs.

References: mpmath at 50 digits on the exact float inputs, from the textbook forms
(heavy ball's (√L − √μ)/(√L + √μ), Nesterov's (w − 2)/(w + 2) and 1 − 2/w with
w = √(3κ + 1)): not the cancellation-free forms the kernels print.

Error bounds, in units of u = 2⁻⁵³, to first order, each from the operations the
kernel runs on the exact (exactly scaled) inputs: a correctly rounded +, −, ×, ÷ adds
u to the relative error; √ halves the incoming error and adds u; a sum of positive
terms has at most the largest term's error plus u; L − μ of exact inputs has u.

- gradient descent: L + μ (u); α = 2/(L + μ) 2u; ρ = (L − μ)/(L + μ) 3u;
  1 − ρ = 2μ/(L + μ) 2u.
- heavy ball: √(μL) 1.5u; S = 2√(μL) + L + μ 3.5u; α = 4/S 4.5u; ρ = (L − μ)/S 5.5u;
  β = (L − μ)²/S² 3u + 8u + u = 12u; 1 − ρ = 2μ/(√(μL) + μ) 3.5u.
- Nesterov: 3L + μ 2u; α 3u; √μ 0.5u; q = √(3L + μ) 1.5u; 2√μ + q 2.5u;
  β = 3(L − μ)/(2√μ + q)² 9u; ρ = 3(L − μ)/((2√μ + q)q) 8u; 1 − ρ = 2√μ/q 3u.
- iterations per decade ln 10/(−ln ρ): ln of ρ ≤ 1/2 or log1p(−(1 − ρ)) for ρ > 1/2
  has condition ≤ 1/ln 2 = 1.443 in the argument's error, and libm's own ≤ 2u; the
  constant ln 10 u/2 and the division u: 1.443·max(e_ρ, e_{1−ρ}) + 3.5u.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import gradient_descent, heavy_ball_optimal, nesterov
from momentum_proofs._kernel import tuning_kernel
from momentum_proofs.symbols import L, mu
from numeric import tuning

U = 2.0**-53
LOG = 1 / math.log(2)
BOUNDS = {
    "gradient_descent": {"alpha": 2, "rate": 3, "one_minus_rate": 2},
    "heavy_ball": {"alpha": 4.5, "beta": 12, "rate": 5.5, "one_minus_rate": 3.5},
    "nesterov": {"alpha": 3, "beta": 9, "rate": 8, "one_minus_rate": 3},
}
for _b in BOUNDS.values():
    _b["iterations_per_decade"] = LOG * max(_b["rate"], _b["one_minus_rate"]) + 3.5


def reference(method: str, lo: float, hi: float) -> dict[str, mp.mpf]:
    """The textbook optimum at 50 digits on the exact float inputs."""
    with mp.workdps(50):
        m, l = mp.mpf(lo), mp.mpf(hi)
        if method == "gradient_descent":
            alpha, beta, rate = 2 / (m + l), mp.mpf(0), (l - m) / (l + m)
            gap = 2 * m / (l + m)
        elif method == "heavy_ball":
            a, b = mp.sqrt(m), mp.sqrt(l)
            rate = (b - a) / (b + a)
            alpha, beta, gap = 4 / (a + b) ** 2, rate**2, 2 * a / (a + b)
        else:
            w = mp.sqrt(3 * l / m + 1)
            alpha, beta, rate, gap = 4 / (3 * l + m), (w - 2) / (w + 2), 1 - 2 / w, 2 / w
        per_decade = mp.mpf(0) if rate == 0 else mp.log(10) / -mp.log(rate)
        return {
            "alpha": alpha,
            "beta": beta,
            "rate": rate,
            "one_minus_rate": gap,
            "iterations_per_decade": per_decade,
        }


def ulps_off(got: float, want: mp.mpf) -> float:
    """|got − want|/|want| in units of u (0 when both are 0)."""
    with mp.workdps(50):
        if want == 0:
            return 0.0 if got == 0 else math.inf
        return float(abs((mp.mpf(got) - want) / want)) / U


# κ log-uniform on [1, 1e15] (with κ − 1 down to 1e-12 near the bottom), the scale
# log-uniform over 300 decades: built directly, no filtering.
kappas = st.one_of(
    st.floats(0.0, 15.0).map(lambda e: 10.0**e),
    st.floats(-12.0, 0.0).map(lambda e: 1.0 + 10.0**e),
    st.just(1.0),
)
scales = st.floats(-150.0, 150.0).map(lambda e: 10.0**e)


@pytest.mark.parametrize("method", sorted(BOUNDS))
@given(kappa=kappas, scale=scales)
def test_a_few_ulps_from_the_exact_optimum(method, kappa, scale):
    lo, hi = scale, scale * kappa
    got = tuning.optimal(method, lo, hi)
    want = reference(method, lo, hi)  # on the exact floats lo and hi, not on kappa
    for key, bound in BOUNDS[method].items():
        assert ulps_off(float(got[key]), want[key]) <= bound, (key, lo, hi)
    if method == "gradient_descent":
        assert got["beta"] == 0.0


@pytest.mark.parametrize("method", sorted(BOUNDS))
def test_kappa_one_is_solved_in_one_step(method):
    # μ = L: the rate is 0 exactly and α = 1/μ (correctly rounded: μ + L + 2√(μ²) = 4μ).
    for x in (2.0, 3.0, 0.1, 7e-200, 3e250):
        got = tuning.optimal(method, x, x)
        assert got["rate"] == 0 and got["beta"] == 0 and got["iterations_per_decade"] == 0
        assert got["one_minus_rate"] == 1 and got["alpha"] == 1 / x


def test_arrays_broadcast_and_match_scalars():
    lo = np.array([1.0, 2.0, 0.5])
    got = tuning.optimal("nesterov", lo[:, None], np.array([10.0, 1e9]))
    assert got["alpha"].shape == (3, 2)
    one = tuning.optimal("nesterov", 2.0, 1e9)
    assert got["beta"][1, 1] == one["beta"] and got["rate"][1, 1] == one["rate"]


def test_no_warning_and_finite_at_the_ends_of_float64():
    # Every intermediate runs on μ/2ᵉ, L/2ᵉ: no overflow even where L² or 3L would.
    for lo, hi in ((1e-300, 1e-290), (1e290, 1.7e308), (1e-308, 1e-290), (1e-308, 1e-308)):
        for method in BOUNDS:
            got = tuning.optimal(method, lo, hi)
            assert all(np.isfinite(v) for v in got.values()), (method, lo, hi)
    # α = 1/μ beyond float64 is inf, as the true value overflows (tune refuses it)
    assert tuning.optimal("heavy_ball", 1e-320, 1e-320)["alpha"] == np.inf


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (("heavy_ball", 0.0, 1.0), ValueError, "lambda_min must be a finite real number > 0"),
        (("heavy_ball", 1.0, np.inf), ValueError, "lambda_max"),
        (("heavy_ball", 2.0, 1.0), ValueError, "lambda_min must be <= lambda_max"),
        (("heavy_ball", 1e-320, 1e300), ValueError, "finite"),
        (("heavy_ball", "1", 2.0), TypeError, "lambda_min"),
        (("adam", 1.0, 2.0), ValueError, "method must be one of"),
    ],
)
def test_bad_input_names_the_parameter(args, error, fragment):
    with pytest.raises(error, match=fragment):
        tuning.optimal(*args)


# --- the forms are proven equal to the derived optimum ----------------------------------


@pytest.mark.parametrize("module", [gradient_descent, heavy_ball_optimal, nesterov])
def test_each_tuning_kernel_is_built_only_from_proven_forms(module):
    # kernels() raises unless every printed form cancels against the derived one
    names = [k.name for k in module.kernels()]
    assert any(n.endswith("_tuning") for n in names)


def test_a_form_that_is_not_the_derived_one_is_refused():
    a, b = sp.symbols("a b", positive=True)
    radical_free = {mu: a**2, L: b**2}
    derived = heavy_ball_optimal.optimal_parameters()
    # Nesterov's optimal rate 1 − 2/√(3κ + 1) is not heavy ball's
    wrong = dict(derived, rate=nesterov.optimal_parameters()[2])
    with pytest.raises(ValueError, match="heavy_ball_tuning: rate = .* is not proven equal"):
        tuning_kernel("heavy_ball", wrong, derived, radical_free, "HB-OPTIMAL")


def test_the_scaling_the_numeric_layer_relies_on_is_proven():
    # numeric.tuning evaluates on μ/2ᵉ, L/2ᵉ and scales α back by 2⁻ᵉ: a step that
    # did not scale like 1/λ is refused even when it equals its "derived" value.
    a, b = sp.symbols("a b", positive=True)
    derived = dict(heavy_ball_optimal.optimal_parameters())
    derived["alpha"] = derived["alpha"] * L
    with pytest.raises(ValueError, match="alpha does not scale like lambda"):
        tuning_kernel("heavy_ball", derived, derived, {mu: a**2, L: b**2}, "HB-OPTIMAL")
