"""The certified n-step worst case on quadratics (momentum_proofs.methods.worst).

Expected values come from closed forms written out here (gradient descent's
max(|1 − αμ|, |1 − αL|)^{2N}; optimally tuned heavy ball's (ρᴺ(1 + (1 + ρ)N))² at λ = L,
the statement of claim CHEB-HB-VS-CHEBYSHEV) and from a dense grid of the iterate
computed by another route (numeric.closed_form.power_2x2 in float64).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from momentum_proofs import methods
from momentum_proofs.cli import main
from numeric import closed_form

EPS = np.finfo(float).eps


@pytest.mark.parametrize("steps", [1, 2, 7, 30])
def test_gradient_descent_closed_form(steps):
    a, mu, L = 0.3, 0.5, 5.0
    w = methods.get("gradient_descent").worst_case(mu, L, steps, alpha=a)
    expected = max(abs(1 - a * mu), abs(1 - a * L)) ** (2 * steps)
    assert abs(w.value - expected) <= 8 * steps * EPS * expected
    assert w.lower <= w.upper <= w.lower * (1 + 1e-12)


def test_gradient_descent_worst_end():
    # |1 − 0.3·0.5| = 0.85 against |1 − 0.3·5| = 0.5: the worst end is μ here.
    w = methods.get("gradient_descent").worst_case(0.5, 5.0, 3, alpha=0.3)
    assert w.lam == 0.5


@pytest.mark.parametrize("kappa", [10.0, 100.0])
@pytest.mark.parametrize("steps", [1, 4, 5, 12, 40])
def test_optimal_heavy_ball_matches_the_chebyshev_claim(kappa, steps):
    hb = methods.get("heavy_ball")
    params = hb.tune(1.0 / kappa, 1.0).parameters
    rho = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    expected = (rho**steps * (1 + (1 + rho) * steps)) ** 2
    w = hb.worst_case(1.0 / kappa, 1.0, steps, **params)
    # the parameters are floats near the optimum: the value moves by ~ε·N relative
    assert abs(w.value - expected) <= 64 * steps * EPS * expected
    assert w.lam == 1.0


@pytest.mark.parametrize(
    "name,params",
    [
        ("heavy_ball", {"alpha": 1.0, "beta": 0.9}),
        ("qhm", {"alpha": 2.0, "beta": 0.8, "nu": 0.6}),
        ("triple_momentum", {"alpha": 1.2, "beta": 0.7, "gamma": 0.4}),
    ],
)
def test_worst_case_against_a_dense_grid(name, params):
    m = methods.get(name)
    lo, hi, steps = 0.01, 1.0, 15
    w = m.worst_case(lo, hi, steps, **params)
    grid = np.linspace(lo, hi, 20001)
    s0 = np.array(m.start_vector().subs(m.spec.iterate, 1.0), dtype=float).ravel()
    i = m.state.index(m.spec.iterate.name)
    import sympy as sp

    from momentum_proofs.symbols import lam

    entries = sp.lambdify([*m.spec.parameters, lam], m.iteration_matrix().tolist(), "numpy")
    args = [params[p] for p in m.parameters]
    R = np.stack([np.array(entries(*args, x), dtype=float) for x in grid])
    values = (closed_form.power_2x2(R, steps) @ s0)[:, i] ** 2
    # the certified maximum is at least every grid value, and the grid comes close to it
    assert w.value >= values.max() * (1 - 1e-9)
    assert w.value <= values.max() * (1 + 1e-2) or values.max() == 0
    assert lo <= w.lam <= hi and w.lower <= w.upper <= w.lower * (1 + 1e-12)


def test_cli_steps_and_peak(capsys):
    argv = [
        "analyse",
        "heavy_ball",
        "--set",
        "alpha=0.0330578512396694",
        "--set",
        "beta=0.669421487603306",
        "--lambda-min",
        "1",
        "--lambda-max",
        "100",
        "--json",
    ]
    assert main([*argv, "--steps", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["worst_case"]) == {"steps", "value", "lambda", "lower", "upper"}
    assert main([*argv, "--steps", "1:8"]) == 0
    out = json.loads(capsys.readouterr().out)
    values = [c["value"] for c in out["worst_case"]]
    assert out["peak"]["value"] == max(values) and out["peak"]["steps"] == 4
    for bad in ("x", "5:2", "-1", "0:5000"):
        assert main([*argv, "--steps", bad]) == 2
        assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("cid", ["WC-GD", "WC-HB", "WC-HB-PEAK"])
def test_worst_case_claims_verify(cid):
    from momentum_proofs import verify

    (o,) = verify.verify([cid])
    assert o.status == "verified" and o.evidence == "symbolic", (o.error, o.routes)
    assert all(r.ok for r in o.routes) and o.routes


def test_peak_formula_by_hand():
    # κ = 100: ρ = 9/11, N* = −1/ln(9/11) − 11/20 = 4.983… − 0.55 = 4.43
    from momentum_proofs.worst_cases import peak_steps

    rho = 9 / 11
    assert abs(float(peak_steps(rho)) - (-1 / math.log(rho) - 1 / (1 + rho))) < 1e-15
    assert 4.43 < float(peak_steps(rho)) < 4.44


@pytest.mark.parametrize(
    "name,params",
    [
        ("heavy_ball", {"alpha": 1.0, "beta": 0.9}),
        ("nesterov", {"alpha": 1.5, "beta": 0.8}),
        ("qhm", {"alpha": 2.0, "beta": 0.8, "nu": 0.6}),
        ("triple_momentum", {"alpha": 1.2, "beta": 0.7, "gamma": 0.4}),
    ],
)
@pytest.mark.parametrize("steps", [1, 9, 40])
def test_fast_path_equals_the_50_digit_path(name, params, steps):
    # Two routes to the same certified maximum: float sampling and root finding with
    # 50-digit certification of the best candidates, against every step at 50 digits.
    from momentum_proofs.methods import worst

    m = methods.get(name)
    fast = m.worst_case(0.01, 1.0, steps, **params)
    slow = worst._worst_case_mp(m, 0.01, 1.0, steps, params)
    assert abs(fast.value - slow.value) <= 1e-12 * slow.value
    assert abs(fast.lam - slow.lam) <= 1e-6 * (1.0 - 0.01) or fast.value == slow.value
