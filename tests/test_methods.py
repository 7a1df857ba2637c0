"""The method engine: R, characteristic polynomial and stability derived from a spec.

Expected values come from the hand-written families (heavy_ball, nesterov), from
exact identities between methods (QHM at ν = 1 is heavy ball with step α(1 − β); the
two-step family at γ = 0 is Polyak's heavy ball), and from direct simulation.
"""

from __future__ import annotations

import builtins
import json

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
