"""Sweeps and tuning searches on a dask.distributed LocalCluster of two worker processes.

The cluster's answers must be the local ones bit for bit: each block runs the same
elementwise operations, and maxima and minima do not depend on the order they are
taken in.  Skipped without the dask extra (dask.distributed).
"""

from __future__ import annotations

import numpy as np
import pytest

from numeric.sweep import sweep

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    # ":0": the dashboard on a free port, so that clusters of test runs at once (CI runs
    # several environments side by side) do not contend for dask's default port 8787
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _bits(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x, dtype=np.float64).view(np.uint64)


def test_a_sweep_on_the_cluster_is_the_local_sweep_bit_for_bit(client, monkeypatch):
    import numeric.sweep as module

    # small blocks, so that several tasks run on both workers
    monkeypatch.setattr(module, "POINTS_PER_TASK", 4096)
    alpha = np.linspace(1e-3, 0.05, 41)
    beta = np.linspace(0.0, 0.99, 37)
    lam = np.geomspace(1.0, 100.0, 53)
    for kernel in ("heavy_ball_rate", "nesterov_rate"):
        local = sweep(kernel, alpha, beta, lam, reduce="max")
        remote = sweep(kernel, alpha, beta, lam, reduce="max", client=client)
        assert np.array_equal(_bits(local), _bits(remote))
    full = sweep("heavy_ball_rate", alpha, beta, lam, client=client)
    assert np.array_equal(_bits(full), _bits(sweep("heavy_ball_rate", alpha, beta, lam)))
    assert np.array_equal(
        _bits(sweep("gradient_descent_rate", alpha, lam, reduce="min", client=client)),
        _bits(sweep("gradient_descent_rate", alpha, lam, reduce="min")),
    )


def test_the_cluster_path_validates_before_it_submits(client):
    with pytest.raises(ValueError, match="beta"):
        sweep("heavy_ball_rate", [0.1], [1.5], [1.0], client=client)
    with pytest.raises(TypeError, match="dask.distributed.Client"):
        sweep("heavy_ball_rate", [0.1], [0.5], [1.0], client=object())


def test_a_numeric_minimax_on_the_cluster_is_the_local_one(client):
    from momentum_proofs import methods

    qhm = methods.get("qhm")
    local = qhm.tune(1.0, 100.0, nu=0.7)
    remote = qhm.tune(1.0, 100.0, nu=0.7, client=client)
    assert remote.how == local.how == "numeric minimax"
    assert remote.parameters == local.parameters  # floats compared exactly
    assert remote.rate == local.rate and remote.grid_rate == local.grid_rate
    with pytest.raises(TypeError, match="dask.distributed.Client"):
        qhm.tune(1.0, 100.0, nu=0.7, client="tcp://nowhere:8786")
