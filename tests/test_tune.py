"""``tune``: optimal parameters per method, from bounds or from a matrix file.

References: mpmath at 60 digits from the textbook formulas (the code evaluates
the sympy-derived expressions instead), hand calculations, ``numpy.linalg.eigvalsh``
for the spectrum bounds.
"""

from __future__ import annotations

import json
import subprocess
import sys

import mpmath as mp
import numpy as np
import pytest
from fresh import modules_after_cli

import momentum_proofs
from momentum_proofs.cli import main
from momentum_proofs.tune import METHODS, tune, tune_matrix
from numeric import spectrum

METHOD_KEYS = {"alpha", "beta", "rate", "iterations_per_decade", "torch"}


def _run_json(argv, capsys) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape(capsys):
    out = _run_json(["tune", "--lambda-min", "1", "--lambda-max", "9", "--json"], capsys)
    assert set(out) == {"lambda_min", "lambda_max", "kappa", "methods"}
    assert set(out["methods"]) == set(METHODS) >= {"gradient_descent", "heavy_ball"}
    for m in out["methods"].values():
        assert set(m) == METHOD_KEYS
        assert set(m["torch"]) == {"lr", "momentum", "nesterov"}
    hb = out["methods"]["heavy_ball"]
    # Hand: √μ = 1, √L = 3 → α = (2/4)² = 1/4, β = (2/4)² = 1/4, ρ = 1/2, N = ln10/ln2.
    assert (hb["alpha"], hb["beta"], hb["rate"]) == (0.25, 0.25, 0.5)
    assert hb["iterations_per_decade"] == pytest.approx(np.log(10) / np.log(2), rel=1e-15)
    assert hb["torch"] == {"lr": 0.25, "momentum": 0.25, "nesterov": False}
    gdm = out["methods"]["gradient_descent"]
    # Hand: α = 2/10 = 0.2, rate 8/10.
    assert (gdm["alpha"], gdm["beta"], gdm["rate"]) == (0.2, 0.0, 0.8)
    assert gdm["torch"]["momentum"] == 0.0


def test_kappa_one():
    t = tune(2.0, 2.0)
    assert t.kappa == 1.0
    for m in t.methods.values():
        assert m["rate"] == 0.0 and m["iterations_per_decade"] == 0.0
        assert m["alpha"] == 0.5  # 1/λ: one step solves it


@pytest.mark.parametrize("kappa", [1e6, 1e12, 1e15])
def test_large_kappa_keeps_its_digits(kappa):
    t = tune(1.0, kappa)
    with mp.workdps(60):
        s = mp.sqrt(mp.mpf(kappa))
        rho_hb = (s - 1) / (s + 1)
        rho_gd = (mp.mpf(kappa) - 1) / (mp.mpf(kappa) + 1)
        n_hb = mp.log(10) / -mp.log(rho_hb)
        n_gd = mp.log(10) / -mp.log(rho_gd)
        ref = {
            "heavy_ball": (4 / (1 + s) ** 2, rho_hb**2, rho_hb, n_hb),
            "gradient_descent": (2 / (1 + mp.mpf(kappa)), 0, rho_gd, n_gd),
        }
    for name, (a, b, r, n) in ref.items():
        m = t.methods[name]
        for got, want in zip(
            (m["alpha"], m["beta"], m["rate"], m["iterations_per_decade"]),
            (a, b, r, n),
            strict=True,
        ):
            assert abs(got - float(want)) <= 2**-52 * abs(float(want)), (name, got, want)


def test_python_api_entry_points():
    assert callable(momentum_proofs.tune)
    assert momentum_proofs.tune(1.0, 9.0).methods["heavy_ball"]["rate"] == 0.5
    from momentum_proofs import tune as imported

    assert imported(1.0, 9.0).kappa == 9.0
    assert momentum_proofs.tune_matrix is tune_matrix


def test_tune_command_loads_no_sympy():
    # The tuned parameters come from generated kernels: no derivation at run time.
    assert modules_after_cli(["tune", "--lambda-min", "1", "--lambda-max", "100"]) == []
    assert modules_after_cli(["tune", "--lambda-min", "1", "--lambda-max", "1e15", "--json"]) == []


def test_import_stays_cheap():
    code = "import sys, momentum_proofs; print('sympy' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((0.0, 1.0), "lambda_min"),
        ((1.0, float("inf")), "lambda_max"),
        ((float("nan"), 1.0), "lambda_min"),
        ((2.0, 1.0), "lambda_min must be <= lambda_max"),
        ((-1.0, 1.0), "lambda_min"),
        ((1e-310, 1e300), "overflows"),
    ],
)
def test_bad_bounds_python(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        tune(*args)


def test_bad_types_python():
    with pytest.raises(TypeError, match="lambda_min"):
        tune("1", 2.0)
    with pytest.raises(TypeError, match="lambda_max"):
        tune(1.0, True)


@pytest.mark.parametrize(
    "argv",
    [
        ["tune", "--lambda-min", "2", "--lambda-max", "1"],
        ["tune", "--lambda-min", "nan", "--lambda-max", "1"],
        ["tune", "--lambda-min", "1", "--lambda-max", "inf"],
        ["tune", "--lambda-min", "0", "--lambda-max", "1"],
        ["tune", "--lambda-min", "-1", "--lambda-max", "1"],
        ["tune", "--lambda-min", "x", "--lambda-max", "1"],
        ["tune", "--lambda-min", "1"],
        ["tune"],
        ["tune", "--lambda-min", "1", "--lambda-max", "2", "--matrix", "a.npy"],
        ["tune", "--lambda-min", "1e-310", "--lambda-max", "1e300"],
        ["tune", "--matrix", "/nonexistent/file.npy"],
    ],
)
def test_bad_cli_input_one_line_exit_2(argv, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("momentum-proofs: error:")
    assert "Traceback" not in captured.err


def _spd(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = rng.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


def test_npy_matrix(tmp_path, capsys):
    a = _spd(30, 1)
    path = tmp_path / "a.npy"
    np.save(path, a)
    out = _run_json(["tune", "--matrix", str(path), "--json"], capsys)
    ev = np.linalg.eigvalsh(a)
    assert out["lambda_min"] == pytest.approx(ev[0], rel=1e-12)
    assert out["lambda_max"] == pytest.approx(ev[-1], rel=1e-12)
    assert out["spectrum"] == {"file": str(path), "n": 30, "method": "eigvalsh"}
    direct = tune(out["lambda_min"], out["lambda_max"]).as_json()
    assert out["methods"] == direct["methods"]


def test_mtx_matrix_and_table(tmp_path, capsys):
    import scipy.io
    import scipy.sparse as sps

    n = 50
    lap = sps.diags([-np.ones(n - 1), 2.5 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1])
    path = tmp_path / "lap.mtx"
    scipy.io.mmwrite(path, lap)
    assert main(["tune", "--matrix", str(path)]) == 0
    text = capsys.readouterr().out
    # Eigenvalues of this tridiagonal matrix: 2.5 − 2cos(jπ/(n + 1)), j = 1..n.
    lo = 2.5 - 2 * np.cos(np.pi / (n + 1))
    assert "bounds used" in text and "heavy_ball" in text and f"{lo:.6g}"[:6] in text


@pytest.mark.parametrize("route", ["lanczos", "m-matrix"])
def test_lanczos_bounds_are_certified_and_tight(route, monkeypatch):
    import scipy.sparse as sps

    from numeric import rates

    if route == "lanczos":
        monkeypatch.setattr(spectrum, "_has_pyamg", lambda: False)
    else:
        pytest.importorskip("pyamg")
    n = 400
    lap = sps.diags([-np.ones(n - 1), 2.01 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1]).tocsr()
    # Eigenvalues of this tridiagonal matrix: 2.01 − 2cos(jπ/(n + 1)), j = 1..n.
    ev = 2.01 - 2 * np.cos(np.pi * np.arange(1, n + 1) / (n + 1))
    b = spectrum.bounds(lap, dense_limit=10)
    assert b.method == route
    # Certified: the bounds enclose the spectrum, and are tight.
    # The inertia route widens from 1e-10; the M-matrix route certifies to its rtol.
    slack = 1e-8 if route == "lanczos" else spectrum.RTOL
    assert ev.min() * (1 - slack) <= b.lambda_min <= ev.min()
    assert ev.max() <= b.lambda_max <= ev.max() * (1 + 1e-5)
    # So the tuned heavy ball converges on the true spectrum, at about the promised rate.
    hb = tune(b.lambda_min, b.lambda_max).methods["heavy_ball"]
    true_rate = float(np.max(rates.heavy_ball(hb["alpha"], hb["beta"], ev)))
    assert true_rate <= hb["rate"] + 4 * np.sqrt(2.0**-52) and true_rate < 1


def test_underestimated_lambda_max_would_diverge():
    # Why the bounds must be certified: at κ = 1e6 the optimal heavy ball tolerates no
    # underestimate of λ_max beyond (1 − √β)²/(1 + √β)² ≈ 1e-6 relative (2 + 2β − (1 + √β)²
    # = (1 − √β)²), so a Ritz value 2e-6 low gives a rate above 1.
    from numeric import rates

    hb = tune(1.0, 1e6).methods["heavy_ball"]
    assert float(rates.heavy_ball(hb["alpha"], hb["beta"], 1e6 * (1 + 2e-6))) > 1


@pytest.mark.parametrize(
    ("matrix", "fragment"),
    [
        (np.array([[1.0, 2.0], [0.0, 1.0]]), "symmetric"),
        (np.array([[1.0, 2.0], [2.0, 1.0]]), "positive definite"),
        (np.array([[1.0, np.nan], [np.nan, 1.0]]), "finite"),
        (np.zeros((2, 3)), "square"),
    ],
)
def test_bad_matrices_refused(tmp_path, capsys, matrix, fragment):
    path = tmp_path / "bad.npy"
    np.save(path, matrix)
    assert main(["tune", "--matrix", str(path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1


def test_sparse_indefinite_refused_by_inertia():
    import scipy.sparse as sps

    m = sps.diags(np.r_[1.0, -1.0, np.ones(50)]).tocsr()
    with pytest.raises(ValueError, match="positive definite"):
        spectrum.bounds(m, dense_limit=10)


def test_pickled_object_array_refused(tmp_path, capsys):
    path = tmp_path / "obj.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    assert main(["tune", "--matrix", str(path)]) == 2
    assert "pickled" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [b"not a numpy file", b"\x93NUMPY\x01\x00garbage", b""],
    ids=["text", "header", "empty"],
)
def test_malformed_npy_refused(tmp_path, capsys, content):
    path = tmp_path / "m.npy"
    path.write_bytes(content)
    assert main(["tune", "--matrix", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_malformed_and_complex_mtx_refused(tmp_path, capsys):
    bad = tmp_path / "bad.mtx"
    bad.write_text("this is not matrix market\n")
    assert main(["tune", "--matrix", str(bad)]) == 2
    cplx = tmp_path / "c.mtx"
    cplx.write_text("%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1.0 0.0\n")
    assert main(["tune", "--matrix", str(cplx)]) == 2
    wrong_suffix = tmp_path / "a.txt"
    wrong_suffix.write_text("1\n")
    assert main(["tune", "--matrix", str(wrong_suffix)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err


def test_huge_matrix_refused_before_reading(tmp_path, capsys, monkeypatch):
    path = tmp_path / "big.mtx"
    # Header claims 10⁹ entries; the guard must refuse it from the header alone.
    path.write_text(
        "%%MatrixMarket matrix coordinate real symmetric\n100000000 100000000 1000000000\n"
    )
    assert main(["tune", "--matrix", str(path)]) == 2
    assert "too large" in capsys.readouterr().err
    monkeypatch.setattr(spectrum, "MAX_DENSE_ENTRIES", 10)
    np.save(tmp_path / "d.npy", np.eye(4))
    assert main(["tune", "--matrix", str(tmp_path / "d.npy")]) == 2
    assert "too large" in capsys.readouterr().err
