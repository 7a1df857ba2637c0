"""Input audit: hostile input is refused, by name and range, before anything is evaluated.

One table for the Python API (rates, closed forms, simulations with every
keyword, test matrices, and the tuner once it exists) and one for the command
line, driven in-process through ``momentum_proofs.cli.main(argv)``.  Each API
row must raise the stated exception with a message naming the parameter (and,
for values, the allowed range); each CLI row must exit 2 with exactly one line
on stderr, naming the option, and no traceback.  While the CLI rows run,
``eval``, ``exec`` and ``sympy.sympify`` are replaced by tripwires: no argument
may reach them.
"""

from __future__ import annotations

import builtins
import importlib.util
import pickle
import re

import numpy as np
import pytest
import sympy

from momentum_proofs import cli
from numeric import closed_form, matrices, rates, simulate

A = np.diag([1.0, 2.0])
B = np.ones(2)
HAS_NESTEROV_RATE = hasattr(rates, "nesterov")
HAS_TUNE = importlib.util.find_spec("momentum_proofs.tune") is not None
HAS_SPECTRUM = importlib.util.find_spec("numeric.spectrum") is not None


def _tune():
    import momentum_proofs

    return momentum_proofs.tune


def _masked():
    return np.ma.masked_array([0.1, 0.2], mask=[False, True])


# (id, call, exception, regex the message must match)
API = [
    # -- rates: NaN, ±inf, zero, negatives, range of β, kinds, shapes
    ("hb alpha nan", lambda: rates.heavy_ball(np.nan, 0.5, 1.0), ValueError, r"alpha .*> 0"),
    ("hb alpha +inf", lambda: rates.heavy_ball(np.inf, 0.5, 1.0), ValueError, r"alpha .*> 0"),
    ("hb alpha -0.0", lambda: rates.heavy_ball(-0.0, 0.5, 1.0), ValueError, r"alpha .*> 0"),
    ("hb lam -inf", lambda: rates.heavy_ball(0.1, 0.5, -np.inf), ValueError, r"lam .*> 0"),
    ("hb lam array with nan", lambda: rates.heavy_ball(0.1, 0.5, [1.0, np.nan]), ValueError, "lam"),
    ("hb beta 1", lambda: rates.heavy_ball(0.1, 1.0, 1.0), ValueError, r"beta .*\[0, 1\)"),
    ("hb beta 1+ulp", lambda: rates.heavy_ball(0.1, 1 + 2**-52, 1.0), ValueError, r"\[0, 1\)"),
    ("hb beta -tiny", lambda: rates.heavy_ball(0.1, -1e-300, 1.0), ValueError, r"\[0, 1\)"),
    ("hb beta string", lambda: rates.heavy_ball(0.1, "0.5", 1.0), TypeError, r"beta .*\[0, 1\)"),
    ("hb alpha bytes", lambda: rates.heavy_ball(b"1", 0.5, 1.0), TypeError, "alpha"),
    ("hb lam bool", lambda: rates.heavy_ball(0.1, 0.5, True), TypeError, r"lam .*> 0"),
    ("hb beta None", lambda: rates.heavy_ball(0.1, None, 1.0), TypeError, "beta"),
    (
        "hb complex array",
        lambda: rates.heavy_ball(np.array([0.1 + 1j]), 0.5, 1.0),
        TypeError,
        "alpha",
    ),
    (
        "hb object dtype",
        lambda: rates.heavy_ball(np.array([0.1], dtype=object), 0.5, 1.0),
        TypeError,
        "alpha",
    ),
    (
        "hb datetime",
        lambda: rates.heavy_ball(np.array(["2020"], dtype="M8[Y]"), 0.5, 1.0),
        TypeError,
        "alpha",
    ),
    ("hb list of str", lambda: rates.heavy_ball(0.1, 0.5, ["1"]), TypeError, "lam"),
    (
        "hb ragged",
        lambda: rates.heavy_ball([[0.1], [0.1, 0.2]], 0.5, 1.0),
        TypeError,
        r"alpha .*ragged",
    ),
    ("hb masked", lambda: rates.heavy_ball(_masked(), 0.5, 1.0), TypeError, "alpha"),
    (
        "hb empty",
        lambda: rates.heavy_ball(0.1, np.array([]), 1.0),
        ValueError,
        "beta must be non-empty",
    ),
    (
        "hb shapes",
        lambda: rates.heavy_ball([0.1, 0.2], [0.1, 0.2, 0.3], 1.0),
        ValueError,
        r"alpha \(2,\).*beta \(3,\)",
    ),
    ("gd alpha 0", lambda: rates.gradient_descent(0.0, 1.0), ValueError, r"alpha .*> 0"),
    ("gd lam string", lambda: rates.gradient_descent(0.1, "big"), TypeError, "lam"),
    (
        "hb huge broadcast",
        lambda: rates.heavy_ball(np.ones((2**16, 1)), 0.5, np.ones(2**15)),
        ValueError,
        r"alpha \(65536, 1\).*at most 2\*\*30",
    ),
    # -- closed form: k
    (
        "power k -1",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, -1),
        ValueError,
        r"k .*>= 0",
    ),
    (
        "power k float",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, 3.0),
        TypeError,
        r"k .*integer",
    ),
    (
        "power k bool",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, True),
        TypeError,
        "k must be",
    ),
    (
        "power k None",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, None),
        TypeError,
        "k must be",
    ),
    (
        "power k empty",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, np.array([], dtype=int)),
        ValueError,
        "k must be non-empty",
    ),
    (
        "power k uint64 wraps",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, np.uint64(2**64 - 1)),
        ValueError,
        r"k .*2\*\*63",
    ),
    (
        "power k python bigint",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, 2**70),
        TypeError,
        "k must be",
    ),
    (
        "power k masked",
        lambda: closed_form.heavy_ball_power(
            0.1, 0.5, 1.0, np.ma.masked_array([1, 2], mask=[0, 1])
        ),
        TypeError,
        "k must be",
    ),
    (
        "power beta nan",
        lambda: closed_form.heavy_ball_power(0.1, np.nan, 1.0, 3),
        ValueError,
        r"beta .*\[0, 1\)",
    ),
    (
        "power shapes",
        lambda: closed_form.heavy_ball_power([0.1, 0.2], 0.5, 1.0, [1, 2, 3]),
        ValueError,
        "broadcast",
    ),
    (
        "power huge broadcast",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, np.ones((2**20, 1)), np.arange(2**11)),
        ValueError,
        r"lam \(1048576, 1\).*k \(2048,\).*at most",
    ),
    # -- simulate: the matrix
    (
        "sim A non-symmetric",
        lambda: simulate.heavy_ball(np.array([[1.0, 2.0], [0.0, 1.0]]), B, 0.1, 0.5, 3),
        ValueError,
        "A must be symmetric",
    ),
    (
        "sim A indefinite",
        lambda: simulate.gradient_descent(np.diag([1.0, -1.0]), B, 0.1, 3),
        ValueError,
        "A must be positive definite",
    ),
    (
        "sim A singular",
        lambda: simulate.nesterov(np.diag([1.0, 0.0]), B, 0.1, 0.5, 3),
        ValueError,
        "A must be positive definite",
    ),
    (
        "sim A complex",
        lambda: simulate.heavy_ball(A + 0j, B, 0.1, 0.5, 3),
        TypeError,
        "A must be a real matrix",
    ),
    (
        "sim A inf",
        lambda: simulate.heavy_ball(np.diag([1.0, np.inf]), B, 0.1, 0.5, 3),
        ValueError,
        "A must have finite",
    ),
    (
        "sim A 3-d",
        lambda: simulate.heavy_ball(np.ones((2, 2, 2)), B, 0.1, 0.5, 3),
        ValueError,
        "A must be a non-empty square",
    ),
    (
        "sim A empty",
        lambda: simulate.heavy_ball(np.zeros((0, 0)), np.zeros(0), 0.1, 0.5, 3),
        ValueError,
        "A must be a non-empty square",
    ),
    (
        "sim A pickled bytes",
        lambda: simulate.heavy_ball(pickle.dumps(A), B, 0.1, 0.5, 3),
        TypeError,
        "A must be",
    ),
    (
        "sim A ragged",
        lambda: simulate.heavy_ball([[1.0], [0.0, 1.0]], B, 0.1, 0.5, 3),
        TypeError,
        "A must be",
    ),
    (
        "sim A masked",
        lambda: simulate.heavy_ball(np.ma.masked_array(A), B, 0.1, 0.5, 3),
        TypeError,
        "A must be",
    ),
    (
        "sim b length",
        lambda: simulate.heavy_ball(A, np.ones(3), 0.1, 0.5, 3),
        ValueError,
        "b must be a real vector of length 2",
    ),
    (
        "sim b nan",
        lambda: simulate.heavy_ball(A, [1.0, np.nan], 0.1, 0.5, 3),
        ValueError,
        "b must have finite",
    ),
    (
        "sim w0 complex",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, w0=B + 0j),
        TypeError,
        "w0 must be a real vector",
    ),
    # -- simulate: scalars and keywords
    (
        "sim alpha string",
        lambda: simulate.gradient_descent(A, B, "fast", 3),
        TypeError,
        r"alpha .*> 0",
    ),
    ("sim beta 1", lambda: simulate.nesterov(A, B, 0.1, 1.0, 3), ValueError, r"beta .*\[0, 1\)"),
    (
        "sim steps float",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3.0),
        TypeError,
        r"steps .*integer >= 0",
    ),
    ("sim steps -1", lambda: simulate.heavy_ball(A, B, 0.1, 0.5, -1), ValueError, r"steps .*>= 0"),
    (
        "sim record 0",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, record=0),
        ValueError,
        r"record .*>= 1",
    ),
    (
        "sim record bool",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, record=True),
        TypeError,
        "record",
    ),
    (
        "sim record word",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, record="first"),
        ValueError,
        "record must be 'all', 'last'",
    ),
    (
        "sim tol nan",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, tol=np.nan),
        ValueError,
        r"tol .*> 0",
    ),
    (
        "sim tol 0",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, tol=0.0),
        ValueError,
        r"tol .*> 0",
    ),
    (
        "sim tol string",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, tol="1e-3"),
        TypeError,
        "tol",
    ),
    (
        "sim form",
        lambda: simulate.nesterov(A, B, 0.1, 0.5, 3, form="torch"),
        ValueError,
        "form must be 'sutskever' or 'bengio'",
    ),
    (
        "sim grad not callable",
        lambda: simulate.heavy_ball(None, None, 0.1, 0.5, 3, grad=3.0, w0=B),
        TypeError,
        "grad must be a callable",
    ),
    (
        "sim grad and A",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, grad=lambda w: w),
        ValueError,
        "grad=",
    ),
    (
        "sim grad without w0",
        lambda: simulate.gradient_descent(None, None, 0.1, 3, grad=lambda w: w),
        ValueError,
        "w0 is required",
    ),
    (
        "sim grad wrong length",
        lambda: simulate.heavy_ball(None, None, 0.1, 0.5, 3, grad=lambda w: w[:1], w0=B),
        ValueError,
        "grad must return a vector of length 2",
    ),
    (
        "sim noise negative",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=-1.0, rng=0),
        ValueError,
        r"noise .*>= 0",
    ),
    (
        "sim noise shape",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=[1.0, 1.0, 1.0], rng=0),
        ValueError,
        "noise must be a scalar or a vector of length 2",
    ),
    (
        "sim noise without rng",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=1.0),
        ValueError,
        "rng=",
    ),
    (
        "sim rng string",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=1.0, rng="42"),
        TypeError,
        r"rng .*integer >= 0",
    ),
    (
        "sim rng negative",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=1.0, rng=-1),
        ValueError,
        r"rng .*>= 0",
    ),
    (
        "sim rng RandomState",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, noise=1.0, rng=np.random.RandomState(0)),
        TypeError,
        "rng",
    ),
    (
        "sim rng without noise",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, rng=0),
        ValueError,
        "rng= only",
    ),
    (
        "sim paths 0",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, paths=0),
        ValueError,
        r"paths .*>= 1",
    ),
    (
        "sim paths float",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, paths=2.0),
        TypeError,
        r"paths .*>= 1",
    ),
    # -- test matrices
    (
        "matrix eigenvalue 0",
        lambda: matrices.spd_with_spectrum([0.0, 1.0]),
        ValueError,
        r"eigenvalues .*> 0",
    ),
    (
        "matrix eigenvalues 2-d",
        lambda: matrices.spd_with_spectrum([[1.0, 2.0]]),
        ValueError,
        "eigenvalues must be a 1-d",
    ),
    (
        "matrix eigenvalues complex",
        lambda: matrices.spd_with_spectrum([1.0 + 0j]),
        TypeError,
        "eigenvalues",
    ),
]

if HAS_SPECTRUM:
    from numeric import spectrum

    API += [
        (
            "bounds non-symmetric",
            lambda: spectrum.bounds(np.array([[1.0, 2.0], [0.0, 1.0]])),
            ValueError,
            "symmetric",
        ),
        (
            "bounds indefinite",
            lambda: spectrum.bounds(np.diag([1.0, -1.0])),
            ValueError,
            "positive definite",
        ),
        ("bounds complex", lambda: spectrum.bounds(np.eye(2) + 0j), TypeError, "real matrix"),
        ("bounds nan", lambda: spectrum.bounds(np.diag([1.0, np.nan])), ValueError, "finite"),
        ("bounds string", lambda: spectrum.bounds("eye"), TypeError, "matrix must be"),
        (
            "load missing file",
            lambda: spectrum.load_matrix("no/such/file.npy"),
            ValueError,
            "not found",
        ),
        (
            "load wrong suffix",
            lambda: spectrum.load_matrix(__file__),
            ValueError,
            r"\.npy or \.mtx",
        ),
    ]

if HAS_NESTEROV_RATE:
    API += [
        ("nag alpha nan", lambda: rates.nesterov(np.nan, 0.5, 1.0), ValueError, r"alpha .*> 0"),
        ("nag beta 1", lambda: rates.nesterov(0.1, 1.0, 1.0), ValueError, r"beta .*\[0, 1\)"),
        ("nag lam string", lambda: rates.nesterov(0.1, 0.5, "1"), TypeError, "lam"),
        ("nag complex", lambda: rates.nesterov(0.1 + 0j, 0.5, 1.0), TypeError, "alpha"),
    ]

if HAS_TUNE:
    API += [
        ("tune lambda_min nan", lambda: _tune()(np.nan, 1.0), ValueError, "lambda_min"),
        ("tune lambda_min 0", lambda: _tune()(0.0, 1.0), ValueError, "lambda_min"),
        ("tune lambda_max inf", lambda: _tune()(1.0, np.inf), ValueError, "lambda_max"),
        ("tune min above max", lambda: _tune()(2.0, 1.0), ValueError, "lambda_m"),
        ("tune string", lambda: _tune()("1", 2.0), TypeError, "lambda_min"),
        ("tune bool", lambda: _tune()(True, 2.0), TypeError, "lambda_min"),
    ]


@pytest.mark.parametrize("name,call,exc,match", API, ids=[c[0] for c in API])
def test_api_refuses(name, call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_api_table_is_large():
    assert len(API) >= 40


# -------------------------------------------------------------------- CLI

# (id, argv, regex the one stderr line must match); "{tmp}" is the test's folder.
CLI = [
    ("no command", [], r"command"),
    ("unknown command", ["prove-everything"], r"invalid choice"),
    ("unknown flag", ["verify", "--fast"], r"unrecognized arguments: --fast"),
    ("only unknown id", ["verify", "--only", "HB-NOPE"], r"--only: unknown claim id 'HB-NOPE'"),
    (
        "only code",
        ["verify", "--only", "__import__('os').system('touch pwned')"],
        r"--only: unknown claim id",
    ),
    ("only empty", ["verify", "--only"], r"--only"),
    ("only unicode", ["verify", "--only", "HB-RATE\u202e"], r"unknown claim id"),
    ("codegen value", ["codegen", "--check=yes"], r"--check"),
    ("plot unknown name", ["plot", "mystery", "--out", "{tmp}/x.png"], r"NAME must be one of"),
    ("plot missing out", ["plot", "rate-map"], r"--out"),
    ("plot bad extension", ["plot", "rate-map", "--out", "{tmp}/x.pdf"], r"--out must end in"),
    ("plot missing folder", ["plot", "rate-map", "--out", "{tmp}/no/such/x.png"], r"--out: folder"),
    ("errata flag", ["errata", "--jsn"], r"unrecognized arguments: --jsn"),
    (
        "plot out is a folder",
        ["plot", "rate-map", "--out", "{tmp}/dir.png"],
        r"--out must be a file",
    ),
]

TUNE_CLI = [
    ("tune nan", ["tune", "--lambda-min", "nan", "--lambda-max", "1"], r"--lambda-min"),
    ("tune inf", ["tune", "--lambda-min", "1", "--lambda-max", "inf"], r"--lambda-max"),
    ("tune 1e400", ["tune", "--lambda-min", "1", "--lambda-max", "1e400"], r"--lambda-max"),
    ("tune zero", ["tune", "--lambda-min", "0", "--lambda-max", "1"], r"--lambda-min"),
    ("tune negative", ["tune", "--lambda-min", "-1", "--lambda-max", "1"], r"--lambda-min"),
    ("tune expression", ["tune", "--lambda-min", "1/2", "--lambda-max", "1"], r"--lambda-min"),
    (
        "tune code",
        ["tune", "--lambda-min", "__import__('os')", "--lambda-max", "1"],
        r"--lambda-min",
    ),
    (
        "tune reversed",
        ["tune", "--lambda-min", "2", "--lambda-max", "1"],
        r"--lambda-min must be <= --lambda-max",
    ),
    ("tune missing matrix", ["tune", "--matrix", "{tmp}/none.npy"], r"--matrix: .*not found"),
    (
        "tune malformed matrix",
        ["tune", "--matrix", "{tmp}/garbage.txt"],
        r"--matrix: .*\.npy or \.mtx",
    ),
    ("tune pickled matrix", ["tune", "--matrix", "{tmp}/pickled.npy"], r"--matrix: .*pickled"),
    (
        "tune non-symmetric matrix",
        ["tune", "--matrix", "{tmp}/nonsym.npy"],
        r"--matrix: .*symmetric",
    ),
    (
        "tune indefinite matrix",
        ["tune", "--matrix", "{tmp}/indefinite.npy"],
        r"--matrix: .*positive definite",
    ),
    ("tune complex matrix", ["tune", "--matrix", "{tmp}/complex.npy"], r"--matrix: .*real"),
    ("tune truncated npy", ["tune", "--matrix", "{tmp}/truncated.npy"], r"--matrix: .*not a valid"),
    ("tune huge npy", ["tune", "--matrix", "{tmp}/huge.npy"], r"--matrix: .*not a valid"),
]


def _command_names() -> set[str]:
    return set(cli.build_parser()[1])


def _files(tmp) -> None:
    (tmp / "dir.png").mkdir()
    (tmp / "garbage.txt").write_bytes(b"\x00\xffnot a matrix\n1 2\n3")
    np.save(tmp / "pickled.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    np.save(tmp / "nonsym.npy", np.array([[1.0, 2.0], [0.0, 1.0]]))
    np.save(tmp / "indefinite.npy", np.diag([1.0, -1.0]))
    np.save(tmp / "complex.npy", np.eye(2) + 0j)
    (tmp / "truncated.npy").write_bytes(b"\x93NUMPY\x01\x00garbage")
    with open(tmp / "huge.npy", "wb") as f:  # a header promising 10¹² entries, no data
        header = {"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)}
        np.lib.format.write_array_header_1_0(f, header)


def _tripwires(monkeypatch, argv: list[str]) -> list[str]:
    """Record any eval/exec/sympify call whose input contains one of the arguments.

    Other calls pass through: the import system and dataclasses execute source
    text of their own, and families may derive on import.  What must never
    happen is a command-line argument becoming code or a sympy expression.
    """
    tokens = [a for a in argv[1:] if len(a) >= 3 and not a.startswith("-")]  # not the command
    reached: list[str] = []
    real = {"eval": builtins.eval, "exec": builtins.exec, "sympify": sympy.sympify}

    def guard(name):
        def call(*args, **kwargs):
            text = repr(args)
            if any(t in text for t in tokens):
                reached.append(f"{name}{args!r}")
                raise AssertionError(f"a command-line argument reached {name}")
            return real[name](*args, **kwargs)

        return call

    for name in ("eval", "exec"):
        monkeypatch.setattr(builtins, name, guard(name))
    monkeypatch.setattr(sympy, "sympify", guard("sympify"))
    return reached


@pytest.mark.parametrize("name,argv,match", CLI + TUNE_CLI, ids=[c[0] for c in CLI + TUNE_CLI])
def test_cli_refuses(name, argv, match, tmp_path, monkeypatch, capsys):
    if argv and argv[0] in ("plot", "tune", "errata") and argv[0] not in _command_names():
        pytest.skip(f"the {argv[0]} command does not exist in this tree")
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    reached = _tripwires(monkeypatch, argv)
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.search(match, lines[0]), lines[0]
    assert not reached
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_table_is_large():
    assert len(CLI) + len(TUNE_CLI) >= 20


def test_tripwire_catches_an_argument_reaching_eval(monkeypatch):
    reached = _tripwires(monkeypatch, ["verify", "--only", "HB-NOPE"])
    with pytest.raises(AssertionError):
        eval("'HB-NOPE'")  # noqa: S307 - the point of the test
    assert reached
