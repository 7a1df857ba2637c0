"""The fused backend: scalar twins printed from the same sympy expressions, compiled by numba.

Reference routes: mpmath at 60 digits on the exact float inputs, from the
complex roots of the characteristic polynomial (``reference_rate``, a different
formula from the kernels'), with the error model's per-point tolerance
``rate_tolerance``; and the numpy kernel, which must agree within the same
tolerance.  The scalar twins are plain Python (``math``), so they are tested
without numba; the compiled ufunc is tested when numba is installed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import strategies as st
from hypothesis import given

from momentum_proofs import codegen
from momentum_proofs.verify.error_model import rate_tolerance, reference_rate
from numeric import sweep
from numeric._generated import fused as twins
from numeric._generated import heavy_ball as kernels


def _hard_arrays(n: int = 400, seed: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points on and near the double-root curves, the stability edge, β → 1 and β = 0."""
    rng = np.random.default_rng(seed)
    lam = 10.0 ** rng.uniform(-6, 6, n)
    u = rng.uniform(1e-4, 1.999, n)
    delta = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-15, -1, n)
    near = (1 - u) ** 2 * (1 + delta)
    near = np.where((near >= 0) & (near < 1), near, (1 - u) ** 2)
    beta_one = 1 - 10.0 ** rng.uniform(-15, -1, n)
    generic = rng.uniform(0, 1, n)
    kind = rng.integers(0, 4, n)
    beta = np.select([kind == 0, kind == 1, kind == 2], [near, beta_one, np.zeros(n)], generic)
    product = np.where(kind == 0, u * u, rng.uniform(1e-9, 2 + 2 * beta))
    return product / lam, beta, lam


def _within_model(got: np.ndarray, a, b, lm) -> None:
    for x, ai, bi, li in zip(got, a, b, lm, strict=True):
        ref, _ = reference_rate(float(ai), float(bi), float(li))
        tol = rate_tolerance(float(ai), float(bi), float(li))
        assert math.isfinite(x) and abs(x - float(ref)) <= tol, (ai, bi, li, x, float(ref))


@given(st.hard_points)
def test_scalar_twin_matches_mpmath(point):
    a, b, lm = point
    if not (a > 0 and math.isfinite(a)):
        return
    got = twins.heavy_ball_rate(a, b, lm)
    ref, _ = reference_rate(a, b, lm)
    assert abs(got - float(ref)) <= rate_tolerance(a, b, lm)


def test_scalar_twin_is_the_numpy_kernel_pointwise():
    a, b, lm = _hard_arrays(300)
    numpy_rate = kernels.heavy_ball_rate(a, b, lm)
    scalar = np.array([twins.heavy_ball_rate(*map(float, p)) for p in zip(a, b, lm, strict=True)])
    tol = np.array([rate_tolerance(*map(float, p)) for p in zip(a, b, lm, strict=True)])
    assert np.all(np.abs(scalar - numpy_rate) <= tol)
    gd = np.array(
        [twins.gradient_descent_rate(float(x), float(y)) for x, y in zip(a, lm, strict=True)]
    )
    assert np.array_equal(gd, np.abs(a * lm - 1))


def test_fused_file_is_covered_by_codegen_check(tmp_path, monkeypatch):
    assert codegen.fused_target().read_text(encoding="utf-8") == codegen.render_fused()
    edited = tmp_path / "fused.py"
    edited.write_text(codegen.render_fused().replace("math.sqrt(beta)", "1.0001*math.sqrt(beta)"))
    monkeypatch.setattr(codegen, "fused_target", lambda: edited)
    assert not codegen.check().ok
    # Under another sympy version the twins are compared numerically, and the edit is caught.
    edited.write_text(edited.read_text().replace("with sympy ", "with sympy 0.0.0-", 1))
    result = codegen.check()
    assert not result.ok and result.mode == "numeric"
    edited.write_text(codegen.render_fused().replace("with sympy ", "with sympy 0.0.0-", 1))
    assert codegen.check().ok


def test_fused_module_imports_only_math():
    text = codegen.fused_target().read_text(encoding="utf-8")
    imports = [line for line in text.splitlines() if line.startswith(("import", "from"))]
    assert imports == ["import math"]


# --- compiled (numba) ------------------------------------------------------------


@pytest.fixture(scope="module")
def compiled():
    pytest.importorskip("numba")
    return sweep.fused("heavy_ball_rate"), sweep.fused("gradient_descent_rate")


def test_compiled_rate_matches_mpmath_within_the_error_model(compiled):
    fast, _ = compiled
    a, b, lm = _hard_arrays(400)
    got = fast(a, b, lm)
    assert got.dtype == np.float64 and got.shape == a.shape
    _within_model(got, a, b, lm)


def test_compiled_agrees_with_numpy_kernel_within_the_error_model(compiled):
    fast, fast_gd = compiled
    a, b, lm = _hard_arrays(2000, seed=8)
    got, want = fast(a, b, lm), kernels.heavy_ball_rate(a, b, lm)
    tol = np.array([rate_tolerance(*map(float, p)) for p in zip(a, b, lm, strict=True)])
    assert np.all(np.abs(got - want) <= tol)
    assert np.array_equal(fast_gd(a, lm), kernels.gradient_descent_rate(a, lm))


def test_compiled_broadcasts_and_runs_in_sweeps(compiled):
    fast, _ = compiled
    assert sweep.kernel("heavy_ball_rate", backend="numba") is fast
    alpha, beta, lam = np.linspace(0.01, 1, 9), np.linspace(0, 0.99, 7), np.geomspace(0.1, 3, 5)
    got = sweep.sweep(fast, alpha, beta, lam, reduce="max", chunk_size=10)
    want = kernels.heavy_ball_rate(alpha[:, None, None], beta[None, :, None], lam).max(axis=-1)
    tol = 64 * np.finfo(float).eps
    assert np.all(np.abs(got - want) <= tol)
    with np.errstate(all="raise"):
        edge = fast(np.array([0.25, 1.0]), np.array([0.25, 0.0]), np.array([1.0, 1.0]))
    assert edge[0] == 0.5 and edge[1] == 0.0
