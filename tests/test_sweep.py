"""numeric.sweep: chunked evaluation equals the unchunked kernel bit for bit, in bounded memory.

Reference route: the generated kernel called once on the whole (broadcast)
input, and naive broadcasting + reductions for grids.  Every kernel operation
is elementwise, so chunking must not change a single bit.  Memory: the chunk
sizes a kernel actually receives are recorded, and tracemalloc (numpy reports
its allocations to it) bounds the peak of a sweep far larger than its chunks.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numeric import rates, sweep
from numeric._generated import heavy_ball as kernels


def _points(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    beta = rng.uniform(0.0, 1.0, n)
    lam = np.exp(rng.uniform(-7.0, 7.0, n))
    alpha = rng.uniform(1e-6, 1.3, n) * (2 + 2 * beta) / lam
    return alpha, beta, lam


@pytest.mark.parametrize("chunk", [1, 7, 1000, 4096, sweep.DEFAULT_CHUNK, 10**6])
def test_chunked_rate_is_bitwise_the_unchunked_kernel(chunk):
    a, b, lm = _points(20_000 if chunk == 1 else 200_003)
    if chunk == 1:
        a, b, lm = a[:500], b[:500], lm[:500]
    got = sweep.evaluate("heavy_ball_rate", a, b, lm, chunk_size=chunk)
    assert got.dtype == np.float64 and got.shape == a.shape
    assert np.array_equal(got, kernels.heavy_ball_rate(a, b, lm))


def test_multi_output_kernel_chunked_bitwise():
    a, b, lm = _points(100_001)
    got = sweep.evaluate("heavy_ball_spectrum", a, b, lm, chunk_size=999)
    want = kernels.heavy_ball_spectrum(a, b, lm)
    assert len(got) == len(want) == 4
    for x, y in zip(got, want, strict=True):
        assert np.array_equal(x, np.broadcast_to(y, a.shape))


@given(
    rows=st.integers(1, 40),
    cols=st.integers(1, 40),
    chunk=st.integers(1, 200),
    transpose=st.booleans(),
)
def test_broadcast_shapes_chunked_bitwise(rows, cols, chunk, transpose):
    a = np.linspace(0.01, 1.5, rows)[:, None]
    b = np.linspace(0.0, 0.99, cols)[None, :]
    lm = 1.3
    if transpose:
        a, b = a.T, b.T
    got = sweep.evaluate("heavy_ball_rate", a, b, lm, chunk_size=chunk)
    assert np.array_equal(got, kernels.heavy_ball_rate(a, b, lm))


def test_rates_public_path_is_bitwise_the_kernel_beyond_one_chunk():
    # numeric.rates evaluates in chunks; inputs larger than one chunk must not change.
    a, b, lm = _points(3 * sweep.DEFAULT_CHUNK + 17, seed=5)
    assert np.array_equal(rates.heavy_ball(a, b, lm), kernels.heavy_ball_rate(a, b, lm))
    assert np.array_equal(rates.gradient_descent(a, lm), kernels.gradient_descent_rate(a, lm))
    assert np.array_equal(
        rates.heavy_ball(a[:, None], b[:5], 1.0), kernels.heavy_ball_rate(a[:, None], b[:5], 1.0)
    )


def test_kernel_receives_chunks_no_larger_than_chunk_size():
    seen = []

    def recording(alpha, beta, lam):
        seen.append(np.broadcast(alpha, beta, lam).size)
        return kernels.heavy_ball_rate(alpha, beta, lam)

    a, b, lm = _points(50_000)
    out = sweep.evaluate(recording, a, b, lm, chunk_size=3000)
    assert max(seen) <= 3000 and sum(seen) - 1 == a.size  # plus one probe of one point
    assert np.array_equal(out, kernels.heavy_ball_rate(a, b, lm))
    seen.clear()
    axes = (np.linspace(0.1, 1, 30), np.linspace(0, 0.9, 40), np.geomspace(0.1, 2, 500))
    sweep.sweep(recording, *axes, chunk_size=2000, reduce="max")
    assert max(seen) <= 2000 and sum(seen) == 30 * 40 * 500
    seen.clear()
    sweep.sweep(recording, *axes, chunk_size=300, reduce="min")  # segments of the last axis
    assert max(seen) <= 300 and sum(seen) == 30 * 40 * 500


def test_sweep_equals_naive_broadcasting():
    alpha = np.linspace(0.01, 1.0, 17)
    beta = np.linspace(0.0, 0.99, 13)
    lam = np.geomspace(0.01, 3.0, 11)
    naive = kernels.heavy_ball_rate(alpha[:, None, None], beta[None, :, None], lam)
    assert np.array_equal(sweep.sweep("heavy_ball_rate", alpha, beta, lam, chunk_size=50), naive)
    for reduce, fn in (("max", np.max), ("min", np.min)):
        for chunk in (1, 5, 11, 12, 100, 10_000):
            got = sweep.sweep("heavy_ball_rate", alpha, beta, lam, chunk_size=chunk, reduce=reduce)
            assert np.array_equal(got, fn(naive, axis=-1)), (reduce, chunk)
    gd = sweep.sweep("gradient_descent_rate", [0.5], lam, reduce="max", chunk_size=3)
    assert np.array_equal(gd, np.abs(1 - 0.5 * lam).max()[None])
    assert float(sweep.sweep(lambda x: 2 * x, [0.5, 3.0], reduce="max")) == 6.0


def test_reduced_sweep_memory_is_bounded():
    # 200 × 200 × 500 = 2·10⁷ points: a single kernel temporary would be 160 MB.
    alpha = np.linspace(0.01, 1.0, 200)
    beta = np.linspace(0.0, 0.99, 200)
    lam = np.geomspace(0.01, 2.0, 500)
    tracemalloc.start()
    try:
        out = sweep.sweep("heavy_ball_rate", alpha, beta, lam, reduce="max", chunk_size=1 << 14)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.shape == (200, 200)
    assert peak < 8 * 2**20, peak  # a few dozen chunk-sized temporaries, not 160 MB
    spot = kernels.heavy_ball_rate(alpha[7], beta[123], lam).max()
    assert out[7, 123] == spot


def test_chunked_evaluate_memory_is_output_plus_chunks():
    a = np.linspace(0.01, 1.0, 2000)[:, None]
    b = np.linspace(0.0, 0.99, 2000)[None, :]
    tracemalloc.start()
    try:
        out = sweep.evaluate("heavy_ball_rate", a, b, 1.0, chunk_size=1 << 14)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.shape == (2000, 2000)
    assert peak < out.nbytes + 8 * 2**20, (peak, out.nbytes)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: sweep.sweep("heavy_ball_rate", [0.1], [1.0], [1.0]), ValueError, "beta"),
        (lambda: sweep.sweep("heavy_ball_rate", [0.0], [0.5], [1.0]), ValueError, "alpha"),
        (lambda: sweep.evaluate("heavy_ball_rate", 0.1, 0.5, -1.0), ValueError, "lam"),
        (
            lambda: sweep.evaluate("heavy_ball_rate", 0.1, 0.5, 1.0, chunk_size=0),
            ValueError,
            "chunk_size",
        ),
        (
            lambda: sweep.evaluate("heavy_ball_rate", 0.1, 0.5, 1.0, chunk_size=2.5),
            TypeError,
            "chunk_size",
        ),
        (
            lambda: sweep.sweep("heavy_ball_rate", [0.1], [0.5], [1.0], reduce="mean"),
            ValueError,
            "reduce",
        ),
        (lambda: sweep.sweep("heavy_ball_rate", [[0.1]], [0.5], [1.0]), ValueError, "1-d"),
        (lambda: sweep.sweep("heavy_ball_rate"), ValueError, "axes"),
        (lambda: sweep.kernel("no_such_kernel"), ValueError, "no_such_kernel"),
        (lambda: sweep.kernel("heavy_ball_rate", backend="cuda"), ValueError, "backend"),
        (lambda: sweep.evaluate(42, 1.0), TypeError, "kernel"),
        (lambda: sweep.evaluate("heavy_ball_rate", "0.1", 0.5, 1.0), TypeError, "alpha"),
        (lambda: sweep.fused("heavy_ball_spectrum"), ValueError, "fused"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_shapes_that_do_not_broadcast():
    with pytest.raises(ValueError, match="broadcast"):
        sweep.evaluate("heavy_ball_rate", np.ones(3), np.zeros(4), 1.0)


# --- dask ------------------------------------------------------------------------


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_path_is_bitwise_the_numpy_kernel(scheduler):
    da = pytest.importorskip("dask.array")
    a, b, lm = _points(50_001, seed=9)
    lazy = sweep.evaluate(
        "heavy_ball_rate", da.from_array(a, chunks=7_000), da.from_array(b, chunks=11_000), lm
    )
    assert isinstance(lazy, da.Array)
    assert np.array_equal(lazy.compute(scheduler=scheduler), kernels.heavy_ball_rate(a, b, lm))


def test_dask_broadcasting_and_lazy_validation():
    da = pytest.importorskip("dask.array")
    a = np.linspace(0.01, 1.0, 30)[:, None]
    b = np.linspace(0.0, 0.99, 20)[None, :]
    lazy = sweep.evaluate(
        "heavy_ball_rate", da.from_array(a, chunks=(7, 1)), da.from_array(b, chunks=(1, 6)), 2.0
    )
    assert lazy.shape == (30, 20)
    assert np.array_equal(lazy.compute(scheduler="synchronous"), kernels.heavy_ball_rate(a, b, 2.0))
    bad = sweep.evaluate("heavy_ball_rate", da.from_array(np.array([0.1, 0.2])), 1.0, 1.0)
    with pytest.raises(ValueError, match="beta"):
        bad.compute(scheduler="synchronous")
    many = sweep.evaluate("heavy_ball_spectrum", da.from_array(np.array([0.1, 0.2])), 0.5, 1.0)
    with pytest.raises(ValueError, match="one output"):
        many.compute(scheduler="synchronous")
