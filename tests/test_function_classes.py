"""Worst cases over function classes: numeric.pep (PEPit through the engine's linear
form) and the PEP-… claims.

Independent routes: PEPit on the class of quadratics against the engine's certified
worst case (a polynomial maximum over the spectrum, computed without any SDP); direct
simulation of the tight cases (gradient descent on the Huber function, triple momentum
on (L/2)x²) against the closed forms written out here.
"""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest

from momentum_proofs import claims, methods, verify
from momentum_proofs.cli import main
from numeric import pep, simulate

EPS = np.finfo(float).eps
needs_pepit = pytest.mark.skipif(not pep.available(), reason="PEPit is not installed")
PEP_IDS = ["PEP-GD-CONVEX", "PEP-HB-GHADIMI", "PEP-TM-RATE", "PEP-NAG-STRONGLY-CONVEX"]


def _gap_tolerance(*estimates) -> float:
    # the solver's accuracy, as the verify routes write it: 10·gap + 1e-6
    return 10 * max(e.gap for e in estimates) + 1e-6


@needs_pepit
@pytest.mark.parametrize("name", ["heavy_ball", "nesterov", "triple_momentum"])
@pytest.mark.parametrize("steps", [1, 3, 6])
def test_pepit_on_quadratics_equals_the_certified_worst_case(name, steps):
    # Two routes to the same number: an SDP over every quadratic with spectrum in
    # [μ, L], and the maximum of (x_N/x₀)² over λ ∈ [μ, L] certified by the engine.
    m = methods.get(name)
    mu = 0.1
    params = m.tune(mu, 1.0).parameters
    exact = m.worst_case(mu, 1.0, steps, **params)
    e = pep.worst_case(m.linear_form(**params), "quadratic", mu, 1.0, steps)
    assert abs(e.value - exact.value) <= _gap_tolerance(e) * exact.value


@needs_pepit
def test_pepit_gradient_descent_convex_matches_drori_teboulle():
    gd = methods.get("gradient_descent").linear_form(alpha=0.5)  # step 1/L with L = 2
    for n in (1, 2, 4):
        e = pep.worst_case(gd, "smooth-convex", 0.0, 2.0, n, metric="function")
        expected = 2.0 / (4 * n + 2)  # L‖x₀ − x*‖²/(4N + 2), ‖x₀ − x*‖ ≤ 1
        assert abs(e.value - expected) <= _gap_tolerance(e) * expected
        assert e.lower <= e.upper * (1 + _gap_tolerance(e))


@needs_pepit
def test_quadratic_optimal_heavy_ball_does_not_contract_on_the_class():
    form = methods.get("heavy_ball").linear_form(alpha=25 / 9, beta=4 / 9)
    values = [
        pep.worst_case(form, "smooth-strongly-convex", 1 / 25, 1.0, n).value for n in (2, 4, 8)
    ]
    assert values[0] > 1 and values[0] < values[1] < values[2]


@needs_pepit
def test_estimate_fields():
    gd = methods.get("gradient_descent").linear_form(alpha=1.0)
    e = pep.worst_case(gd, "smooth-convex", 0.0, 1.0, 1, metric="function")
    d = e.as_dict()
    assert d["steps"] == 1 and d["function_class"] == "smooth-convex"
    assert d["solver"] in {"CLARABEL", "SCS"} and d["seconds"] > 0
    assert e.value == e.upper and 0 <= e.gap < 1e-5


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"function_class": "convex"}, "function_class must be one of"),
        ({"metric": "loss"}, "metric must be one of"),
        ({"initial": "radius"}, "initial must be one of"),
        ({"mu": 0.0}, r"mu must lie in \(0, L\)"),
        ({"mu": float("nan")}, r"mu must lie in \(0, L\)"),
        ({"L": -1.0}, "L must be a finite number > 0"),
        ({"steps": -1}, r"steps must be an integer in \[0, 200\]"),
        ({"steps": 2.5}, r"steps must be an integer in \[0, 200\]"),
        ({"function_class": "smooth-convex", "mu": 0.1}, "mu must be 0 for smooth-convex"),
    ],
)
def test_bad_input_is_named(kwargs, match):
    gd = methods.get("gradient_descent").linear_form(alpha=1.0)
    args = {"function_class": "smooth-strongly-convex", "mu": 0.1, "L": 1.0, "steps": 2}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        pep.worst_case(
            gd,
            args.pop("function_class"),
            args.pop("mu"),
            args.pop("L"),
            args.pop("steps"),
            **args,
        )


@needs_pepit
def test_output_weights_are_checked():
    tm = methods.get("triple_momentum")
    form = tm.linear_form(**tm.published_tuning(0.1, 1.0))
    with pytest.raises(ValueError, match="output must be 2 finite weights"):
        pep.worst_case(form, "smooth-strongly-convex", 0.1, 1.0, 1, output=[1.0])


def test_gradient_descent_on_the_huber_function_attains_the_bound():
    # Direct simulation in float64: h(x) = x²/2 (|x| ≤ τ), τ|x| − τ²/2 beyond (L = 1),
    # τ = 1/(2N + 1), x₀ = 1.  Each step subtracts τ; f(x_N) = 1/(4N + 2).
    for n in (1, 3, 10, 50):
        tau = 1 / (2 * n + 1)

        def grad(w, tau=tau):
            return np.clip(w, -tau, tau)

        w = simulate.gradient_descent(None, None, 1.0, n, np.array([1.0]), grad=grad)[-1, 0]
        f = tau * abs(w) - tau**2 / 2 if abs(w) > tau else w**2 / 2
        # n subtractions of τ, each rounded: |error| ≤ n·ε, and f's slope there is τ
        assert abs(f - 1 / (4 * n + 2)) <= 4 * n * EPS


def test_triple_momentum_on_the_worst_quadratic():
    # On f = (L/2)x², L = 1, from x₀ = 1: f(y_N) = (κ/2)ρ^{2N}, y_N = (1 + δ)ξ_N − δξ_{N−1}.
    tm = methods.get("triple_momentum")
    for kappa in (10.0, 100.0):
        rho = 1 - 1 / math.sqrt(kappa)
        delta = rho**2 / (1 - rho**2)
        xi = simulate.run(
            tm,
            np.array([[1.0]]),
            np.array([0.0]),
            8,
            np.array([1.0]),
            **tm.published_tuning(1 / kappa, 1.0),
        )[:, 0]
        for n in range(1, 9):
            y = (1 + delta) * xi[n] - delta * xi[n - 1]
            expected = kappa / 2 * rho ** (2 * n)
            # ~n steps of a few roundings each, amplified by √κ in y: a loose ε-model
            assert abs(y**2 / 2 - expected) <= 64 * n * math.sqrt(kappa) * EPS * expected


@needs_pepit
@pytest.mark.parametrize("cid", PEP_IDS)
def test_pep_claims_verified_with_numeric_evidence(cid):
    o = verify.verify_claim(claims.get(cid))
    assert o.status == "verified", (o.error, o.routes)
    # the class-wide bound rests on PEPit, a solver: never called symbolic
    assert o.evidence == "numeric"
    assert any(r.kind == "pepit" for r in o.routes)


def test_without_pepit_the_claims_are_skipped_and_said(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "PEPit" else real(name, *a)
    )
    assert sorted(c.id for c in verify.skipped()) == sorted(PEP_IDS)
    assert all("PEPit" in claims.get(i).missing for i in PEP_IDS)
    # --only on such a claim is a usage error naming the package
    assert main(["verify", "--only", "PEP-TM-RATE"]) == 2
    assert "needs PEPit" in capsys.readouterr().err
    with pytest.raises(ModuleNotFoundError, match="PEPit"):
        pep.worst_case(
            methods.get("gradient_descent").linear_form(alpha=1.0),
            "smooth-convex",
            0.0,
            1.0,
            1,
        )


def test_symbolic_routes_hold_without_pepit():
    for cid in PEP_IDS:
        proof = claims.get(cid).prove()
        assert proof.holds and not proof.exact, cid


@needs_pepit
def test_analyse_reports_pepit_beside_the_quadratic_worst_case(capsys):
    import json

    args = [
        "analyse",
        "heavy_ball",
        "--set",
        "alpha=2.7777777777777777",
        "--set",
        "beta=0.4444444444444444",
        "--lambda-min",
        "0.04",
        "--lambda-max",
        "1",
        "--steps",
        "1,4",
        "--function-class",
        "smooth-strongly-convex",
        "--json",
    ]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    quad, cls = out["worst_case"], out["pepit"]
    assert [c["steps"] for c in cls] == [1, 4]
    # N = 1 is gradient descent from rest: the class's worst case is a quadratic's,
    # (1 − αL)² = (1 − 25/9)² = 256/81 (PEPit agrees to its gap)
    tol = 10 * cls[0]["gap"] + 1e-6  # the solver's accuracy, as in _gap_tolerance
    assert abs(cls[0]["value"] - 256 / 81) <= tol * 256 / 81
    assert quad[0]["value"] == pytest.approx(256 / 81, rel=1e-14)
    # beyond quadratics the same tuning is far worse at N = 4
    assert cls[1]["value"] > 4 * quad[1]["value"]


@pytest.mark.parametrize(
    "extra,match",
    [
        ([], "--function-class needs --steps"),
        (["--lambda-min", "0.04", "--lambda-max", "1", "--steps", "60"], "N must be <= 50"),
    ],
)
def test_analyse_function_class_errors(extra, match, capsys):
    if "60" in extra and not pep.available():
        pytest.skip("PEPit is not installed")
    args = [
        "analyse",
        "heavy_ball",
        "--set",
        "alpha=1",
        "--set",
        "beta=0.5",
        "--function-class",
        "smooth-strongly-convex",
        *extra,
    ]
    assert main(args) == 2
    assert match in capsys.readouterr().err


def test_worst_cases_figure_marks_the_heavy_ball_peak(monkeypatch, tmp_path):
    pytest.importorskip("matplotlib")
    from momentum_proofs.methods import figures
    from numeric import plots

    monkeypatch.setattr(figures, "STEPS", 10)
    monkeypatch.setattr(figures, "PEPIT_STEPS", 2)
    fig = plots.figure("worst-cases")
    texts = [t.get_text() for t in fig.axes[0].texts]
    # heavy ball at its tuning on [0.01, 1]: the exact worst case peaks at N = 4
    hb = methods.get("heavy_ball")
    params = hb.tune(0.01, 1.0).parameters
    values = [hb.worst_case(0.01, 1.0, n, **params).value for n in range(11)]
    top = max(range(11), key=values.__getitem__)
    assert f"peak {values[top]:.1f} at N = {top}" in texts
    assert plots.save("worst-cases", tmp_path / "w.png").endswith("w.png")


@needs_pepit
def test_a_solver_that_gives_no_answer_is_an_error_not_a_number(monkeypatch):
    monkeypatch.setattr(pep, "_solvers", lambda: ["NOT-A-SOLVER"])
    gd = methods.get("gradient_descent").linear_form(alpha=1.0)
    with pytest.raises(RuntimeError, match="gave no worst case at N = 1"):
        pep.worst_case(gd, "smooth-convex", 0.0, 1.0, 1)
