"""numeric.backends: the numba path of the rate functions gives the numpy path's bits.

Both run the operations that codegen printed, in the same order (the numba one from the
scalar twin, without fast-math), and the large-step forms of numeric.closed_form
written out per point: so every output must be equal bit for bit, on random points
and on the edges of the domain (double roots, β = 0 and β → 1, rate 0, the stability
edge, αλ beyond 1e100 and beyond float64).  The accuracy of the numpy path itself is
tested against mpmath elsewhere (test_rates, test_error_model).
"""

from __future__ import annotations

import numpy as np
import pytest
from test_backend import _hard_arrays

from numeric import backends, rates

METHODS = {
    "heavy_ball": lambda a, b, lm, **kw: rates.heavy_ball(a, b, lm, **kw),
    "nesterov": lambda a, b, lm, **kw: rates.nesterov(a, b, lm, **kw),
    "gradient_descent": lambda a, b, lm, **kw: rates.gradient_descent(a, lm, **kw),
}


def _points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hard points, then edges: exact double roots, rate 0, huge and overflowing αλ."""
    a, b, lm = _hard_arrays(n, seed)
    rng = np.random.default_rng(seed)
    edges = np.array(
        [
            (0.25, 0.25, 1.0),  # critical damping, double root 1/2
            (1.0, 0.0, 1.0),  # β = 0, αλ = 1: rate 0
            (1.0, 0.9, 1.0),  # Nesterov at αλ = 1: rate 0
            (4.0, 0.0, 1.0),  # αλ = (1 + √β)² at β = 0
            (1.0, 1 - 2**-53, 1.0),  # β just below 1
            (1e-300, 0.5, 1e-300),  # αλ underflows
            (1e60, 0.3, 1e50),  # αλ = 1e110: the large-step form
            (1e200, 0.7, 1e200),  # αλ overflows: rate inf
            (1e154, 0.0, 1e154),  # αλ around the square root of float64's range
        ]
    ).T
    huge = 10.0 ** rng.uniform(100, 300, n // 10)
    return (
        np.concatenate([a, edges[0], huge / lm[: n // 10]]),
        np.concatenate([b, edges[1], b[: n // 10]]),
        np.concatenate([lm, edges[2], lm[: n // 10]]),
    )


def _same_bits(x, y) -> bool:
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return x.shape == y.shape and np.array_equal(x.view(np.uint64), y.view(np.uint64))


@pytest.fixture(scope="module")
def numba():
    return pytest.importorskip("numba")


@pytest.mark.parametrize("method", sorted(METHODS))
def test_numba_gives_the_numpy_bits(numba, method):
    fn = METHODS[method]
    for seed in range(3):
        a, b, lm = _points(20_000, seed)
        fast, slow = fn(a, b, lm, backend="numba"), fn(a, b, lm, backend="numpy")
        assert _same_bits(fast, slow), method
        # the one-pass loop takes single values (stride 0) and 0-d input as well
        assert _same_bits(fn(a[0], b, lm, backend="numba"), fn(a[0], b, lm, backend="numpy"))
        one = fn(float(a[1]), float(b[1]), float(lm[1]), backend="numba")
        assert isinstance(one, np.float64) and _same_bits(one, slow[1])


@pytest.mark.parametrize("method", sorted(METHODS))
def test_numba_broadcasts_as_numpy_does(numba, method):
    fn = METHODS[method]
    a, b, lm = _points(2_000, 7)
    grid = (a[:40, None], b[None, :50], lm[:40, None])  # not flat: checked, then a ufunc
    assert _same_bits(fn(*grid, backend="numba"), fn(*grid, backend="numpy"))
    listed = (list(a[:5]), list(b[:5]), 2)  # lists and an int: the numpy checks first
    assert _same_bits(fn(*listed, backend="numba"), fn(*listed, backend="numpy"))
    strided = (a[::2], b[::2], lm[::2])
    assert _same_bits(fn(*strided, backend="numba"), fn(*strided, backend="numpy"))


@pytest.mark.parametrize(
    ("where", "value", "fragment"),
    [
        (0, -1.0, "alpha must be a finite real number > 0; got -1.0"),
        (1, 1.0, "beta must be a finite real number in [0, 1); got 1.0"),
        (2, np.nan, "lam must be a finite real number > 0; got nan"),
        (0, np.inf, "alpha must be a finite real number > 0; got inf"),
    ],
)
def test_bad_points_fail_as_on_the_numpy_path(numba, where, value, fragment):
    args = [np.full(1000, 0.5) for _ in range(3)]
    args[where][617] = value
    for backend in ("numba", "numpy"):
        with pytest.raises(ValueError) as caught:
            rates.heavy_ball(*args, backend=backend)
        assert str(caught.value) == fragment


def test_masked_arrays_are_refused_on_both_paths(numba):
    masked = np.ma.masked_array(np.full(4, 0.5), mask=[0, 1, 0, 0])
    for backend in ("numba", "numpy"):
        with pytest.raises(TypeError, match="alpha"):
            rates.heavy_ball(masked, 0.5, 1.0, backend=backend)


def test_auto_takes_numba_for_large_inputs_only(monkeypatch):
    monkeypatch.setattr(backends, "installed", lambda: ("numpy", "numba"))
    assert backends.choose("auto", backends.AUTO_MIN_SIZE) == "numba"
    assert backends.choose("auto", backends.AUTO_MIN_SIZE - 1) == "numpy"
    monkeypatch.setattr(backends, "installed", lambda: ("numpy",))
    assert backends.choose("auto", 10**9) == "numpy"
    with pytest.raises(ImportError, match=r"momentum-proofs\[fast\]"):
        backends.choose("numba", 10)
    with pytest.raises(ValueError, match="backend must be one of"):
        rates.heavy_ball(0.1, 0.1, 1.0, backend="jax")


def test_auto_gives_the_same_bits_on_both_sides_of_the_threshold(numba, monkeypatch):
    a, b, lm = _points(3_000, 11)
    below = rates.heavy_ball(a, b, lm)  # numpy: under AUTO_MIN_SIZE
    monkeypatch.setattr(backends, "AUTO_MIN_SIZE", 100)
    assert _same_bits(rates.heavy_ball(a, b, lm), below)  # numba now


# --- out=: the result written into a caller's array -------------------------------------


def _backends_here() -> list[str]:
    return ["numpy", "numba"] if "numba" in backends.installed() else ["numpy"]


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_out_receives_the_same_bits_and_is_returned(method, backend):
    if backend not in _backends_here():
        pytest.skip("numba is not installed")
    fn = METHODS[method]
    # more points than one chunk, so the chunked numpy path writes chunk by chunk
    a, b, lm = _points(20_000, 7)
    fresh = fn(a, b, lm, backend=backend)
    out = np.full(a.shape, np.nan)
    assert fn(a, b, lm, backend=backend, out=out) is out
    assert _same_bits(out, fresh)
    # broadcast inputs into a 2-D out, and a non-contiguous out (a column of a 2-D array)
    grid = np.full((3, a.size), np.nan)
    fn(a[None, :], b, lm[None, :], backend=backend, out=grid[1:2])
    assert _same_bits(grid[1], fresh) and np.isnan(grid[[0, 2]]).all()
    column = np.full((a.size, 2), np.nan)
    fn(a, b, lm, backend=backend, out=column[:, 0])
    assert _same_bits(column[:, 0], fresh) and np.isnan(column[:, 1]).all()


@pytest.mark.parametrize(
    ("out", "error", "fragment"),
    [
        (np.empty(3, dtype=np.float32), TypeError, "float64"),
        ([0.0, 0.0, 0.0], TypeError, "numpy float64 array"),
        (np.empty(4), ValueError, "broadcast shape (3,)"),
        (np.empty((1, 3)), ValueError, "broadcast shape (3,)"),
    ],
)
def test_a_wrong_out_is_refused_with_its_reason(out, error, fragment):
    a, b, lm = np.full(3, 0.1), np.full(3, 0.5), np.array([1.0, 2.0, 3.0])
    for backend in _backends_here():
        with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
            rates.heavy_ball(a, b, lm, backend=backend, out=out)


def test_out_over_an_input_is_refused():
    a, b, lm = np.full(3, 0.1), np.full(3, 0.5), np.array([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="share memory with the input lam"):
        rates.heavy_ball(a, b, lm, out=lm)
    readonly = np.empty(3)
    readonly.flags.writeable = False
    with pytest.raises(TypeError, match="writeable"):
        rates.nesterov(a, b, lm, out=readonly)
