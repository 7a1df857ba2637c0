"""Benchmark 5: parameter sweeps in bounded memory (chunked numpy, dask) with the same kernels.

- A heavy-ball rate sweep over an α × β × λ grid, reduced to the worst λ per
  (α, β), by :func:`numeric.sweep.sweep` in chunks, against the naive
  broadcast evaluation: peak traced memory (numpy reports its allocations to
  ``tracemalloc``) and time.
- The same kernel on a 10⁷-point dask array (chunks of 10⁶) on dask's threaded
  and synchronous schedulers, against :func:`numeric.sweep.evaluate`.
- The reduced sweep on a dask.distributed LocalCluster of 2 worker processes
  (``sweep(..., client=)``), against the local chunked sweep: time, and whether the
  results are equal bit for bit.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from numeric import sweep
from numeric._generated import heavy_ball as kernels

from ._timing import Result, best_time


def _peak(fn) -> tuple[float, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del out
    return seconds, peak


def run(quick: bool = False) -> Result:
    na, nb, nl = (40, 40, 50) if quick else (300, 300, 100)
    alpha = np.linspace(0.01, 1.0, na)
    beta = np.linspace(0.0, 0.99, nb)
    lam = np.geomspace(0.01, 2.0, nl)
    res = Result(f"scale-out: sweep over {na}x{nb}x{nl} = {na * nb * nl:.1e} points, and dask")

    def naive():
        return kernels.heavy_ball_rate(alpha[:, None, None], beta[None, :, None], lam).max(axis=-1)

    def chunked():
        return sweep.sweep("heavy_ball_rate", alpha, beta, lam, reduce="max")

    assert np.array_equal(naive(), chunked())
    t_naive, m_naive = _peak(naive)
    t_chunk, m_chunk = _peak(chunked)
    t_naive = min(t_naive, best_time(naive, 2))
    t_chunk = min(t_chunk, best_time(chunked, 2))
    res.times["naive broadcast + max"] = t_naive
    res.times[f"sweep(reduce='max'), chunk {sweep.DEFAULT_CHUNK}"] = t_chunk
    res.ratio("peak memory: naive / chunked", m_naive / m_chunk, "(bounded)")
    res.ratio("time: naive / chunked", t_naive / t_chunk, "(info)")
    res.notes.append(
        f"peak traced memory: naive {m_naive / 2**20:.1f} MiB, chunked {m_chunk / 2**20:.2f} MiB "
        f"(result {alpha.size * beta.size * 8 / 2**20:.2f} MiB); results identical"
    )
    _dask(res, quick)
    _cluster(
        res,
        lambda client: sweep.sweep(
            "heavy_ball_rate", alpha, beta, lam, reduce="max", client=client
        ),
        t_chunk,
        chunked(),
    )
    return res


def _cluster(res: Result, on, t_local: float, local: np.ndarray) -> None:
    try:
        import distributed
    except ImportError:
        res.notes.append("dask.distributed not installed: skipped (pip install '.[dask]')")
        return
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = on(client)
        t_remote = best_time(lambda: on(client), 3)
    same = np.array_equal(remote.view(np.uint64), local.view(np.uint64))
    res.times["sweep(reduce='max') on a LocalCluster of 2 workers"] = t_remote
    res.ratio("time: local chunked / LocalCluster (2 workers)", t_local / t_remote, "(info)")
    res.notes.append(f"LocalCluster sweep equals the local sweep bit for bit: {same}")


def _dask(res: Result, quick: bool) -> None:
    try:
        import dask
        import dask.array as da
    except ImportError:
        res.notes.append("dask not installed: skipped (pip install '.[dask]')")
        return
    n = 10**5 if quick else 10**7
    rng = np.random.default_rng(3)
    a, b, lm = rng.uniform(0.01, 1, n), rng.uniform(0, 0.99, n), rng.uniform(0.01, 3, n)
    chunks = n // 10
    da_a, da_b, da_l = (da.from_array(x, chunks=chunks) for x in (a, b, lm))
    lazy = sweep.evaluate("heavy_ball_rate", da_a, da_b, da_l)
    t_np = best_time(lambda: sweep.evaluate("heavy_ball_rate", a, b, lm), 3)
    res.times[f"sweep.evaluate, numpy, {n:.0e} points"] = t_np
    for scheduler in ("threads", "synchronous"):
        with dask.config.set(scheduler=scheduler):
            t = best_time(lambda: lazy.compute(), 3)
        res.times[f"dask ({scheduler}), chunks of {chunks:.0e}"] = t
        res.ratio(f"dask {scheduler} / numpy chunked", t / t_np, "(info)")
    same = np.array_equal(
        lazy.compute(scheduler="synchronous"), sweep.evaluate("heavy_ball_rate", a, b, lm)
    )
    res.notes.append(f"dask result bit-for-bit equal to numpy: {same}")
