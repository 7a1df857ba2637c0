"""The method engine: R, characteristic polynomial and stability derived from a spec.

Expected values come from the hand-written families (heavy_ball, nesterov), from
exact identities between methods (QHM at ν = 1 is heavy ball with step α(1 − β); the
two-step family at γ = 0 is Polyak's heavy ball), and from direct simulation.
"""

from __future__ import annotations

import builtins
import json
import math

import numpy as np
import pytest
import sympy as sp

from momentum_proofs import heavy_ball as hb
from momentum_proofs import methods
from momentum_proofs import nesterov as nag
from momentum_proofs.cli import main
from momentum_proofs.methods.engine import sigma
from momentum_proofs.proof import is_zero
from momentum_proofs.symbols import alpha, beta, lam
from numeric import simulate


def _same(a: sp.Matrix, b: sp.Matrix) -> bool:
    return a.shape == b.shape and all(is_zero(x) for x in a - b)


def _charpoly(name: str, **subs) -> sp.Expr:
    m = methods.get(name)
    table = {p: subs[p.name] for p in m.spec.parameters if p.name in subs}
    return sp.expand(m.characteristic_polynomial().xreplace(table))


def test_builtin_matrices_are_the_hand_derived_ones():
    assert _same(methods.get("heavy_ball").iteration_matrix(), hb.iteration_matrix())
    assert _same(methods.get("nesterov").iteration_matrix(), nag.iteration_matrix())
    assert _same(methods.get("gradient_descent").iteration_matrix(), sp.Matrix([[1 - alpha * lam]]))


def test_qhm_limits():
    nu = sp.Symbol("nu", positive=True)
    # ν = 1: heavy ball with step α(1 − β)
    hb_poly = _charpoly("heavy_ball", alpha=alpha * (1 - beta))
    assert is_zero(_charpoly("qhm", nu=1) - hb_poly)
    # ν = 0: gradient descent's root 1 − αλ, beside the buffer's own β
    assert is_zero(_charpoly("qhm", nu=0) - (sigma - (1 - alpha * lam)) * (sigma - beta))
    assert nu.name in methods.get("qhm").parameters


def test_two_step_family_contains_heavy_ball_and_nesterov():
    # γ = 0 is Polyak's heavy ball, γ = β Nesterov's form: the same characteristic polynomial.
    for name in ("triple_momentum", "robust_momentum"):
        assert is_zero(_charpoly(name, gamma=0) - _charpoly("heavy_ball"))
        assert is_zero(_charpoly(name, gamma=beta) - _charpoly("nesterov"))


def test_stability_conditions_are_the_proven_regions():
    hb_cond = methods.get("heavy_ball").stability_conditions()
    assert {str(c) for c in hb_cond} == {"beta < 1", "-alpha*lam + 2*beta + 2 > 0"}
    # Nesterov: αλ(1 + 2β) < 2 + 2β (claim NAG-STABILITY), and |β(1 − αλ)| < 1
    lhs = [
        c.lhs if c.rel_op == ">" else None for c in methods.get("nesterov").stability_conditions()
    ]
    assert any(
        e is not None and is_zero(e - (2 + 2 * beta - alpha * lam * (1 + 2 * beta))) for e in lhs
    )


@pytest.mark.parametrize("name", ["heavy_ball", "nesterov", "gradient_descent"])
def test_iteration_matrix_reproduces_a_direct_simulation(name):
    # Independent route: numeric.simulate runs the method itself on f = ½λw².
    a, b, lm, steps = 0.3, 0.6, 1.7, 25
    m = methods.get(name)
    values = {alpha: a, beta: b, lam: lm}
    R = np.array(m.iteration_matrix().subs(values).evalf(), dtype=float)
    s0 = np.array(m.start_vector().subs(m.spec.iterate, 1.0), dtype=float).ravel()
    i = m.state.index(m.spec.iterate.name)
    by_matrix = [s0[i]]
    s = s0
    for _ in range(steps):
        s = R @ s
        by_matrix.append(s[i])
    A, rhs = np.array([[lm]]), np.zeros(1)
    if name == "heavy_ball":
        path = simulate.heavy_ball(A, rhs, a, b, steps, w0=np.ones(1))
    elif name == "nesterov":
        path = simulate.nesterov(A, rhs, a, b, steps, w0=np.ones(1))
    else:
        path = simulate.gradient_descent(A, rhs, a, steps, w0=np.ones(1))
    # Both routes do ~4 roundings per step on numbers of size ≤ 1.
    assert np.allclose(by_matrix, path[:, 0], rtol=0, atol=16 * np.finfo(float).eps * steps)


def test_polyak_two_step_start_is_at_rest():
    m = methods.get("triple_momentum")
    x0 = m.spec.iterate
    assert list(m.start_vector()) == [x0, x0]


def test_user_spec_file(tmp_path):
    spec = tmp_path / "polyak.toml"
    spec.write_text(
        'name = "polyak"\nparameters = ["alpha", "beta"]\nstate = ["w", "u"]\niterate = "w"\n'
        '[update]\nw = "w - alpha*grad(w) + beta*(w - u)"\nu = "w"\n[start]\nu = "w"\n'
    )
    m = methods.from_spec(spec)
    assert is_zero(sp.expand(m.characteristic_polynomial()) - _charpoly("heavy_ball"))


# --- hostile specs -----------------------------------------------------------------------

BASE = {"name": "m", "parameters": ["alpha"], "state": ["w"], "iterate": "w"}
HOSTILE = [
    ("injection", {"update": {"w": "__import__('os').system('echo pwned')"}}, "update.w"),
    ("attribute", {"update": {"w": "w.real"}}, "update.w"),
    ("lambda", {"update": {"w": "(lambda: 1)()"}}, "update.w"),
    ("string", {"update": {"w": "'w'"}}, "update.w"),
    ("unknown name", {"update": {"w": "w - eta*grad(w)"}}, "unknown name 'eta'"),
    ("nonlinear grad", {"update": {"w": "w - alpha*grad(w)**2"}}, "not linear"),
    ("huge exponent", {"update": {"w": "w*alpha**99999"}}, "exponent"),
    ("long", {"update": {"w": "w" + "+w" * 500_000}}, "longer than"),
    ("deep", {"update": {"w": "(" * 500 + "w" + ")" * 500}}, "nested deeper"),
    ("deep unary", {"update": {"w": "-" * 1500 + "w"}}, "nested deeper"),
    ("constant term", {"update": {"w": "w - alpha*grad(w) + 1"}}, "constant term"),
    ("unknown key", {"update": {"w": "w"}, "run": "rm -rf /"}, "unknown key 'run'"),
    ("wrong type", {"update": {"w": 3}}, "update.w: must be a string"),
    ("missing iterate", {"iterate": "v", "update": {"w": "w"}}, "iterate"),
    ("comparison", {"update": {"w": "w < 1"}}, "update.w"),
    ("call", {"update": {"w": "print(w)"}}, "only grad"),
]


@pytest.fixture
def tripwires(monkeypatch):
    reached = []

    def guard(name, real):
        def call(*args, **kwargs):
            if args and isinstance(args[0], str) and ("w" in args[0] or "import" in args[0]):
                reached.append(name)
            return real(*args, **kwargs)

        return call

    for name in ("eval", "exec"):
        monkeypatch.setattr(builtins, name, guard(name, getattr(builtins, name)))
    monkeypatch.setattr(sp, "sympify", guard("sympify", sp.sympify))
    return reached


@pytest.mark.parametrize("name,change,match", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_specs_are_refused_unevaluated(name, change, match, tripwires):
    with pytest.raises(methods.SpecError, match=match):
        methods.from_spec({**BASE, **change})
    assert not tripwires


def test_circular_next_is_refused():
    spec = {
        "name": "loop",
        "parameters": ["alpha"],
        "state": ["a", "b"],
        "iterate": "a",
        "update": {"a": "b_next", "b": "a_next"},
    }
    with pytest.raises(methods.SpecError, match="circular _next"):
        methods.from_spec(spec)


def test_analyse_cli(tmp_path, capsys):
    assert main(["analyse", "heavy_ball", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["state"] == ["z", "w"] and out["parameters"] == ["alpha", "beta"]
    assert r"\lambda" in out["iteration_matrix"] and out["set"] == {}
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "x"\nparameters = ["alpha"]\nstate = ["w"]\niterate = "w"\n'
        "[update]\nw = \"__import__('os')\"\n"
    )
    assert main(["analyse", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "update.w" in err and "Traceback" not in err
    assert main(["analyse", "qhm", "--set", "nu=nan"]) == 2
    assert main(["analyse", "qhm", "--set", "eta=1"]) == 2
    assert main(["analyse", "no_such_method"]) == 2


# --- numbers: rate, stability, tuning, torch ------------------------------------------

EPS = np.finfo(float).eps


def _mp_rate(method, params: dict, lam_value: float) -> float:
    """Independent route: the characteristic polynomial's roots, mpmath at 60 digits."""
    import mpmath as mp

    poly = sp.Poly(method.characteristic_polynomial(), sigma)
    subs = {p: sp.Float(mp.mpf(params[p.name]), 70) for p in method.spec.parameters}
    subs[lam] = sp.Float(mp.mpf(lam_value), 70)
    with mp.workdps(60):
        coeffs = [mp.mpf(str(sp.N(c.xreplace(subs), 70))) for c in poly.all_coeffs()]
        return float(max(abs(r) for r in mp.polyroots(coeffs, maxsteps=200, extraprec=200)))


def _sep(method, params, lam_value) -> float:
    """How far the roots are from a double root: |T² − 4D| for a 2×2 (1 otherwise)."""
    R = method.iteration_matrix()
    if R.rows != 2:
        return 1.0
    vals = {p: params[p.name] for p in method.spec.parameters} | {lam: lam_value}
    t, d = float(R.trace().xreplace(vals)), float(R.det().xreplace(vals))
    return abs(t * t - 4 * d) / max(t * t + 4 * abs(d), 1e-300)


POINTS = {
    "qhm": {"alpha": 0.3, "beta": 0.8, "nu": 0.7},
    "triple_momentum": {"alpha": 0.05, "beta": 0.7, "gamma": 0.3},
    "robust_momentum": {"alpha": 0.2, "beta": 0.5, "gamma": 1.7},
}


@pytest.mark.parametrize("name", sorted(POINTS))
def test_engine_rate_matches_mpmath_roots(name):
    m = methods.get(name)
    lams = np.geomspace(1e-3, 30.0, 41)
    got = m.rate(lams, **POINTS[name])
    for x, g in zip(lams, got, strict=True):
        ref = _mp_rate(m, POINTS[name], float(x))
        sep = _sep(m, POINTS[name], float(x))
        # ε-level away from a double root; √(ε/sep)-level near one (see test_linear_methods)
        tol = 64 * EPS * max(ref, 1.0) + min(8 * EPS / max(sep, 1e-300) ** 0.5, 4 * EPS**0.5)
        assert abs(g - ref) <= tol, (x, g, ref)


def test_three_entry_state_rate_matches_mpmath_roots():
    m = methods.from_spec("examples/two_buffers.toml")
    params = {"alpha": 0.1, "beta": 0.5, "beta2": 0.9}
    for x in (0.5, 1.0, 7.0, 30.0):
        ref = _mp_rate(m, params, x)
        # eigvals is backward stable: ~ε‖R‖ away from multiple roots
        assert abs(float(m.rate(x, **params)) - ref) <= 1e3 * EPS * max(1.0, ref)


@pytest.mark.parametrize("delta", [1e-3, 1e-6])
def test_stability_boundary_from_jury_matches_the_kernel(delta):
    # QHM's Jury condition 1 − c₁ + c₀ > 0 is αλ < (2 + 2β)/(1 + β − 2βν): just inside the
    # rate is below 1, just outside above.
    m = methods.get("qhm")
    a, b, nu = 0.5, 0.6, 0.3
    edge = (2 + 2 * b) / (1 + b - 2 * b * nu) / a
    assert float(m.rate(edge * (1 - delta), alpha=a, beta=b, nu=nu)) < 1
    assert float(m.rate(edge * (1 + delta), alpha=a, beta=b, nu=nu)) > 1


def _hb_optimum(kappa: float) -> float:
    s = math.sqrt(kappa)
    return (s - 1) / (s + 1)


@pytest.mark.parametrize("name", ["qhm", "triple_momentum"])
@pytest.mark.parametrize("kappa", [10.0, 100.0])
def test_numeric_minimax_finds_the_two_step_optimum(name, kappa):
    # Both families contain heavy ball (ν = 1; γ = 0), whose minimax rate no stationary
    # two-step method beats: the search must land on it, and never above the grid's best.
    tuned = methods.get(name).tune(1.0, kappa)
    assert tuned.how == "numeric minimax" and tuned.rate <= tuned.grid_rate
    best = _hb_optimum(kappa)
    assert best * (1 - 1e-9) <= tuned.rate <= best + 1e-6


def test_closed_form_tunings_are_reported_as_such():
    t = methods.get("heavy_ball").tune(1.0, 9.0)
    assert t.how == "closed form" and t.parameters == {"alpha": 0.25, "beta": 0.25}
    assert t.rate == 0.5


def test_tuning_with_a_fixed_parameter():
    t = methods.get("qhm").tune(1.0, 100.0, nu=0.7)
    assert t.parameters["nu"] == 0.7 and t.rate < 1 and t.rate <= t.grid_rate


def test_torch_mapping_of_qhm_at_nu_one_iterates_the_same_sequence():
    # Independent route: QHM's own update against torch's SGD formula (buffer b, step lr),
    # both written out here, on f = ½λw².
    a, b, lm = 0.4, 0.7, 2.5
    keywords, note = methods.get("qhm").torch_settings(alpha=a, beta=b, nu=1.0)
    assert keywords is not None and "QHM-LIMITS" in note
    g = w = 0.0
    w = p = 1.0
    buf = 0.0
    for _ in range(30):
        g = b * g + (1 - b) * lm * w
        w = w - a * g
        buf = keywords["momentum"] * buf + lm * p
        p = p - keywords["lr"] * buf
        assert abs(w - p) <= 64 * EPS * max(1.0, abs(w))


def test_no_torch_mapping_is_invented():
    keywords, note = methods.get("triple_momentum").torch_settings(alpha=0.1, beta=0.5, gamma=0.2)
    assert keywords is None and note
    keywords, _ = methods.get("qhm").torch_settings(alpha=0.1, beta=0.5, nu=0.7)
    assert keywords is None


def test_polyak_example_has_heavy_balls_rate():
    m = methods.from_spec("examples/polyak_heavy_ball.toml")
    assert is_zero(m.characteristic_polynomial() - _charpoly("heavy_ball"))
    lams = np.geomspace(0.01, 40.0, 200)
    # the generic 2×2 kernel against heavy ball's own: the same to the error model's √ε
    # on its double-root curve, a few ulps elsewhere
    diff = np.abs(
        m.rate(lams, alpha=0.1, beta=0.6)
        - methods.get("heavy_ball").rate(lams, alpha=0.1, beta=0.6)
    )
    assert diff.max() <= 4 * EPS**0.5


def test_analyse_with_a_spectrum(capsys):
    assert (
        main(
            ["analyse", "qhm", "--set", "nu=1", "--lambda-min", "1", "--lambda-max", "9", "--json"]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["tuning"]["how"] == "numeric minimax" and set(out["tuning"]["parameters"]) == {
        "alpha",
        "beta",
        "nu",
    }
    assert abs(out["tuning"]["rate"] - 0.5) <= 1e-6  # heavy ball's (√9 − 1)/(√9 + 1)
    assert out["torch"] is not None  # ν = 1 maps onto torch
    assert (
        main(
            [
                "analyse",
                "heavy_ball",
                "--set",
                "alpha=0.25",
                "--set",
                "beta=0.25",
                "--lambda-min",
                "1",
                "--lambda-max",
                "9",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["rate"] == pytest.approx(0.5, abs=4 * EPS**0.5)  # a double root at both ends
    assert out["torch"] == {"lr": 0.25, "momentum": 0.25, "nesterov": False}
    assert main(["analyse", "heavy_ball", "--lambda-min", "1"]) == 2
    assert main(["analyse", "heavy_ball", "--set", "beta=1.5"]) == 2


def test_tune_command_with_methods(capsys):
    assert (
        main(
            [
                "tune",
                "--lambda-min",
                "1",
                "--lambda-max",
                "9",
                "--method",
                "heavy_ball",
                "--method",
                "qhm",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert list(out["methods"]) == ["heavy_ball", "qhm"]
    assert out["methods"]["qhm"]["how"] == "numeric minimax" and "torch" in out["methods"]["qhm"]
    assert main(["tune", "--lambda-min", "1", "--lambda-max", "9", "--method", "nope"]) == 2


# --- plug-ins: entry points add methods and claims --------------------------------------


class _EntryPoint:
    def __init__(self, name, value, obj):
        self.name, self.value, self._obj = name, value, obj

    def load(self):
        return self._obj() if callable(self._obj) else self._obj


def test_an_installed_method_is_found_through_its_entry_point(monkeypatch):
    import importlib.metadata

    spec = {**BASE, "name": "plugged", "update": {"w": "w - alpha*grad(w)"}}
    fake = {"momentum_proofs.methods": [_EntryPoint("plugged", "pkg:SPEC", spec)]}
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: fake.get(group, []))
    monkeypatch.setattr(methods, "_REGISTERED", dict(methods._REGISTERED))
    assert "plugged" in methods.names()
    assert methods.get("plugged").iteration_matrix() == sp.Matrix([[1 - alpha * lam]])


def test_an_installed_package_adds_a_family_and_claims(monkeypatch, tmp_path):
    import importlib.metadata
    import sys

    from momentum_proofs import _families, _registry
    from momentum_proofs import claims as registry

    (tmp_path / "my_claims.py").write_text(
        "from momentum_proofs import Citation, Family, Proof, claim, register_family\n"
        "register_family(Family('MINE', 'My results', ('my_claims',)))\n"
        "@claim('MINE-ONE', title='one', section='s', statement='$1=1$',\n"
        "       cite=Citation('k', 'A', 'T', 'V', 2024, 'https://example.org'))\n"
        "def prove():\n"
        "    return Proof(True)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = _EntryPoint("mine", "my_claims", lambda: __import__("my_claims"))
    fake = {"momentum_proofs.claims": [ep]}
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: fake.get(group, []))
    try:
        modules = registry.family_modules.__wrapped__()
        assert any("my_claims" in key for key in modules)
        (o,) = __import__("momentum_proofs.verify", fromlist=["verify"]).verify(["MINE-ONE"])
        assert o.status == "verified"
    finally:
        _registry._CLAIMS.pop("MINE-ONE", None)
        _families.BY_PREFIX.pop("MINE", None)
        sys.modules.pop("my_claims", None)


def test_the_public_names_for_users():
    import momentum_proofs

    assert momentum_proofs.claim is __import__("momentum_proofs._registry", fromlist=["x"]).claim
    assert momentum_proofs.Proof(True).holds


# --- simulate.run: any method on a real problem -------------------------------------------


def _problem():
    rng = np.random.default_rng(7)
    A = np.diag(np.geomspace(1.0, 20.0, 6))
    return A, rng.standard_normal(6), rng.standard_normal(6)


@pytest.mark.parametrize("name", ["heavy_ball", "nesterov", "gradient_descent"])
def test_run_matches_the_hand_written_simulations(name):
    A, b, w0 = _problem()
    params = {"alpha": 0.08, "beta": 0.6}
    if name == "gradient_descent":
        params = {"alpha": 0.08}
        expected = simulate.gradient_descent(A, b, 0.08, 60, w0)
    else:
        expected = getattr(simulate, name)(A, b, 0.08, 0.6, 60, w0)
    got = simulate.run(methods.get(name), A, b, 60, w0, **params)
    # the same updates in another order of operations: a few roundings per step
    scale = np.abs(expected).max()
    assert np.abs(got - expected).max() <= 16 * EPS * 60 * scale


def test_run_qhm_against_its_definition():
    A, b, w0 = _problem()
    a, bt, nu = 0.1, 0.8, 0.7
    g, w, path = np.zeros(6), w0.copy(), [w0.copy()]
    for _ in range(40):  # g⁺ = βg + (1 − β)∇f(w), w⁺ = w − α((1 − ν)∇f(w) + νg⁺)
        grad = A @ w - b
        g = bt * g + (1 - bt) * grad
        w = w - a * ((1 - nu) * grad + nu * g)
        path.append(w.copy())
    got = simulate.run(methods.get("qhm"), A, b, 40, w0, alpha=a, beta=bt, nu=nu)
    assert np.abs(got - np.array(path)).max() <= 16 * EPS * 40 * np.abs(path).max()


def test_run_refuses_what_is_not_a_method():
    A, b, _ = _problem()
    with pytest.raises(TypeError, match="linear_form"):
        simulate.run(object(), A, b, 3)
    with pytest.raises(ValueError, match="eta"):
        simulate.run(methods.get("heavy_ball"), A, b, 3, alpha=0.1, beta=0.5, eta=1.0)


@pytest.mark.parametrize("name", ["qhm", "triple_momentum", "heavy_ball"])
def test_power_applied_to_the_start_is_the_simulated_iterate(name):
    # Rᵏ·s⁰ (the engine's matrix, raised to a power) against simulate.run of the update
    # itself on the one-dimensional quadratic ½λw² (b = 0, minimiser 0).
    m = methods.get(name)
    params = POINTS.get(name, {"alpha": 0.3, "beta": 0.8})
    lm, steps = 1.7, 30
    s0 = np.array(m.start_vector().subs(m.spec.iterate, 1.0), dtype=float).ravel()
    i = m.state.index(m.spec.iterate.name)
    by_power = np.array([(m.power(k, lm, **params) @ s0)[i] for k in range(steps + 1)])
    path = simulate.run(m, np.array([[lm]]), np.zeros(1), steps, np.ones(1), **params)[:, 0]
    assert np.abs(by_power - path).max() <= 16 * EPS * steps * max(1.0, np.abs(path).max())


def _toml(mapping: dict) -> str:
    """A TOML document for a flat spec mapping (strings escaped as JSON, which TOML reads)."""
    lines, tables = [], {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            tables[key] = value
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    for key, table in tables.items():
        lines.append(f"[{key}]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name,change,match", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_spec_files_at_the_command_line(name, change, match, tmp_path, capsys, tripwires):
    path = tmp_path / "hostile.toml"
    path.write_text(_toml({**BASE, **change}), encoding="utf-8")
    assert main(["analyse", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert not tripwires


def test_malformed_files_are_refused(tmp_path, capsys):
    cases = {
        "not toml": "name = \n[[[",
        "binary": "\x00\xff",
        "list for update": 'name = "m"\nparameters = ["alpha"]\nstate = ["w"]\niterate = "w"\nupdate = [1]\n',
    }
    for text in cases.values():
        path = tmp_path / "bad.toml"
        path.write_bytes(
            text.encode("utf-8", "surrogateescape") if "\x00" not in text else b"\x00\xff"
        )
        assert main(["analyse", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["analyse", str(tmp_path / "missing.toml")]) == 2
    assert "not found" in capsys.readouterr().err


def test_codegen_spec_writes_a_module_that_reproduces_the_rate(tmp_path, capsys):
    import importlib.util

    assert main(["codegen", "--spec", "examples/qhm.toml", "--out", str(tmp_path)]) == 0
    path = tmp_path / "qhm_example.py"
    assert path.read_text().startswith("# Generated by `momentum-proofs codegen --spec qhm.toml`")
    spec = importlib.util.spec_from_file_location("qhm_example_kernels", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lams = np.geomspace(0.1, 30.0, 25)
    t, d = module.qhm_example_trace_det(0.3, 0.8, 0.7, lams)
    from numeric import rates

    expected = methods.get("qhm").rate(lams, alpha=0.3, beta=0.8, nu=0.7)
    assert np.array_equal(rates.two_by_two(t, d), expected)  # the same expressions, printed
    capsys.readouterr()
    assert main(["codegen", "--spec", "examples/qhm.toml"]) == 2
    assert main(["codegen", "--spec", str(tmp_path / "none.toml"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err


def test_builtin_methods_use_their_committed_kernels():
    from numeric._generated import qhm, triple_momentum

    assert methods.get("qhm")._compiled_rate.fn is qhm.qhm_trace_det
    assert (
        methods.get("triple_momentum")._compiled_rate.fn
        is triple_momentum.triple_momentum_trace_det
    )


STABILITY_POINTS = {
    "gradient_descent": [{"alpha": 0.3}],
    "heavy_ball": [{"alpha": 0.3, "beta": 0.6}, {"alpha": 2.0, "beta": 0.05}],
    "nesterov": [{"alpha": 0.3, "beta": 0.6}, {"alpha": 2.0, "beta": 0.95}],
    "qhm": [{"alpha": 0.3, "beta": 0.6, "nu": 0.3}, {"alpha": 1.0, "beta": 0.9, "nu": 1.0}],
    "triple_momentum": [
        {"alpha": 0.3, "beta": 0.6, "gamma": 0.2},
        {"alpha": 0.5, "beta": 0.1, "gamma": 3.0},
    ],
    "robust_momentum": [{"alpha": 0.1, "beta": 0.9, "gamma": 1.5}],
}


@pytest.mark.parametrize("name", sorted(STABILITY_POINTS))
def test_stability_region_agrees_with_the_kernel_on_both_sides(name):
    # The region (Jury's conditions, solved for λ where the signs allow) against the rate
    # kernel: at λ just inside and just outside every boundary, rate < 1 exactly where
    # every condition holds.
    m = methods.get(name)
    region = m.stability_region()
    for params in STABILITY_POINTS[name]:
        values = {p: sp.Rational(repr(params[p.name])) for p in m.spec.parameters}
        edges = set()
        for c in region:
            c_at = c.xreplace(values)
            if c_at in (sp.true, sp.false):
                continue
            for root in sp.solve(sp.Eq(c_at.lhs, c_at.rhs), lam):
                if root.is_real and root > 0:
                    edges.add(float(root))
        assert edges, (name, params)
        for edge in edges:
            for x in (edge * (1 - 1e-6), edge * (1 + 1e-6)):
                inside = all(bool(c.xreplace(values).subs(lam, sp.Float(x, 30))) for c in region)
                assert (float(m.rate(x, **params)) < 1) == inside, (name, params, x)


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1e4])
def test_published_tunings_have_their_published_rates(kappa):
    # Independent route: the engine's worst rate over [1, κ] (kernel on a grid, refined)
    # against the papers' rates written out here: 1 − 1/√κ for triple momentum, ρ for
    # robust momentum (Cyrus et al. 2018), 1 − 1/√κ for Nesterov's textbook tuning.
    tol = 4 * EPS**0.5  # the worst λ sits on a double root or an end
    tm = methods.get("triple_momentum")
    params = tm.published_tuning(1.0, kappa)
    assert abs(tm.worst_rate(1.0, kappa, **params) - (1 - 1 / math.sqrt(kappa))) <= tol
    rm = methods.get("robust_momentum")
    rho = 1 - 0.5 / math.sqrt(kappa) - 0.5 / kappa  # inside [1 − 1/√κ, 1 − 1/κ]
    params = rm.published_tuning(1.0, kappa, rho=rho)
    assert abs(rm.worst_rate(1.0, kappa, **params) - rho) <= tol
    nag = methods.get("nesterov")
    params = nag.published_tuning(1.0, kappa)
    assert abs(nag.worst_rate(1.0, kappa, **params) - (1 - 1 / math.sqrt(kappa))) <= tol


def _mp_power(method, params: dict, lam_value: float, k: int):
    """Rᵏ at 50 digits by repeated multiplication in mpmath (an independent route)."""
    import mpmath as mp

    with mp.workdps(50):
        subs = {p: sp.Float(mp.mpf(params[p.name]), 60) for p in method.spec.parameters}
        subs[lam] = sp.Float(mp.mpf(lam_value), 60)
        R = mp.matrix(
            [
                [mp.mpf(str(sp.N(e.xreplace(subs), 60))) for e in row]
                for row in method.iteration_matrix().tolist()
            ]
        )
        out = mp.eye(R.rows)
        for _ in range(k):
            out = out * R
        return np.array(out.tolist(), dtype=float), float(mp.mnorm(R, 1))


@pytest.mark.parametrize(
    "name,params,lam_value",
    [
        ("qhm", {"alpha": 0.3, "beta": 0.8, "nu": 0.7}, 1.7),
        # ν = 1 is heavy ball with step α(1 − β); at β = (1 − √(α(1−β)λ))² a double root
        ("qhm", {"alpha": 1.0, "beta": 0.25, "nu": 1.0}, 1 / 3),
        ("triple_momentum", {"alpha": 0.05, "beta": 0.7, "gamma": 0.3}, 30.0),
        ("robust_momentum", {"alpha": 0.2, "beta": 0.5, "gamma": 1.7}, 2.0),
    ],
)
def test_power_matches_mpmath_at_and_near_double_roots(name, params, lam_value):
    m = methods.get(name)
    for k in (0, 1, 2, 7, 50, 400):
        ref, norm = _mp_power(m, params, lam_value, k)
        got = m.power(k, lam_value, **params)
        rho = float(m.rate(lam_value, **params))
        # Cayley–Hamilton error: a few ulps of the coefficients D_k ~ (k + 1)ρ^{k−1},
        # which multiply R (FIELD-NOTES: Rᵏ within ~1e-12 of its scale on a double root)
        scale = max(1.0, (k + 1) * rho ** max(k - 1, 0) * norm)
        assert np.abs(got - ref).max() <= 1e-12 * scale, (k, got, ref)


@pytest.mark.parametrize("name", ["qhm", "triple_momentum", "robust_momentum"])
def test_rate_at_hard_points_property(name):
    # The cross-checks' hard points (verify/points.method_point), drawn by hypothesis.
    import strategies
    from hypothesis import given

    from momentum_proofs.verify.error_model import (
        quadratic_radius_tolerance,
        reference_method_rate,
        trace_det_errors,
    )

    m = methods.get(name)

    @given(strategies.method_points(m))
    def check(point):
        params, lam_value, _ = point
        got = float(m.rate(lam_value, **params))
        ref = reference_method_rate(m, params, lam_value)
        t, d = (float(x) for x in m._compiled_rate.fn(*params.values(), lam_value))
        tol = quadratic_radius_tolerance(t, d, *trace_det_errors(m, params, lam_value))
        assert abs(got - ref) <= tol

    check()


def test_the_hard_point_tolerance_can_fail():
    from momentum_proofs.verify.error_model import (
        quadratic_radius_tolerance,
        reference_method_rate,
        trace_det_errors,
    )
    from momentum_proofs.verify.points import NumpySampler, method_point

    m = methods.get("qhm")
    sample = NumpySampler(3)
    params, lam_value, _ = method_point(m, sample, "generic")
    t, d = (float(x) for x in m._compiled_rate.fn(*params.values(), lam_value))
    tol = quadratic_radius_tolerance(t, d, *trace_det_errors(m, params, lam_value))
    ref = reference_method_rate(m, params, lam_value)
    assert abs(float(m.rate(lam_value, **params)) * (1 + 1e-11) - ref) > tol


def test_optax_keywords_follow_torchs(capsys):
    keywords, note = methods.get("nesterov").optax_settings(alpha=0.1, beta=0.9)
    assert keywords == {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}
    assert "NAG-OPTAX" in note
    keywords, _ = methods.get("gradient_descent").optax_settings(alpha=0.1)
    assert keywords == {"learning_rate": 0.1, "momentum": None, "nesterov": False}
    assert methods.get("triple_momentum").optax_settings(alpha=0.1, beta=0.5, gamma=0.2)[0] is None
    assert main(["analyse", "heavy_ball", "--set", "alpha=0.1", "--set", "beta=0.5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["optax"] == {"learning_rate": 0.1, "momentum": 0.5, "nesterov": False}


def test_optax_and_torch_updates_agree_numerically():
    # Independent of the sympy claim: both libraries' published update rules, written out
    # here in floats, from the same start, for 40 steps on f = ½λp².
    lm, a, b = 3.0, 0.1, 0.8
    for nesterov in (False, True):
        p_t, buf, p_o, tr = 1.0, 0.0, 1.0, 0.0
        for step in range(40):
            g = lm * p_t
            buf = g if step == 0 else b * buf + g  # torch: the first buffer is the gradient
            p_t -= a * (g + b * buf if nesterov else buf)
            g = lm * p_o
            tr = g + b * tr  # optax.trace from zeros
            p_o += -a * (g + b * tr if nesterov else tr)
            assert p_t == p_o


# --- built-in methods answer from their cards, without sympy -----------------------------

_VALUES = {"alpha": "0.01", "beta": "0.5", "nu": "0.7", "gamma": "0.1"}


def _argvs(name: str) -> list[list[str]]:
    params = methods.get(name).parameters
    every = [x for p in params for x in ("--set", f"{p}={_VALUES[p]}")]
    spectrum = ["--lambda-min", "1", "--lambda-max", "100"]
    argvs = [[], every[:2], every, every + spectrum]
    if name in ("gradient_descent", "heavy_ball", "nesterov"):  # closed-form tunings
        argvs.append(spectrum)
    return argvs


@pytest.mark.parametrize("name", methods.BUILTIN)
def test_a_card_answers_as_the_engine_derives(name, capsys, monkeypatch):
    from momentum_proofs.commands import analyse

    for extra in _argvs(name):
        argv = ["analyse", name, *extra, "--json"]
        assert main(argv) == 0
        from_card = capsys.readouterr().out
        with monkeypatch.context() as m:
            m.setattr(analyse, "_card", lambda *a: None)  # always the engine
            assert main(argv) == 0
        assert from_card == capsys.readouterr().out, argv


def test_cards_say_what_they_cannot_answer():
    from momentum_proofs.methods.card import card

    hb = card("heavy_ball")
    assert hb.can() and hb.can(tune_free=("alpha", "beta"))
    assert not hb.can(tune_free=("alpha",))  # a numeric minimax over α alone
    assert not hb.can(steps=True)  # the certified worst case after N steps
    assert not card("qhm").can(tune_free=("alpha", "beta", "nu"))
    assert card("no_such_method") is None
    with pytest.raises(ValueError, match="needs the method engine"):
        hb.tune(1.0, 9.0, beta=0.5)


@pytest.mark.parametrize(
    "argv",
    [
        ["analyse", "heavy_ball"],
        ["analyse", "nesterov", "--lambda-min", "1", "--lambda-max", "100", "--json"],
        ["analyse", "qhm", "--set", "alpha=0.1", "--set", "beta=0.5", "--set", "nu=0.7"],
    ],
)
def test_analyse_of_a_built_in_method_loads_no_sympy(argv):
    from fresh import modules_after_cli

    assert "sympy" not in modules_after_cli(argv)
