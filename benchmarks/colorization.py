"""Benchmark 3: heavy ball on the 512 × 512 colorization problem, against sparse mat-vecs and CG.

A = L_G + P_D on the four-neighbour grid (2.6·10⁵ unknowns, 1.3·10⁶ non-zeros),
D every 8th pixel in both directions, b = 1_D (Goh 2017, "Example: The
Colorization Problem"); built by :func:`numeric.graphs.colorization_problem`.

- Cost of one heavy-ball iteration of ``numeric.simulate.heavy_ball`` (record
  the last iterate only) over one bare ``A @ w``: target ≤ 1.5.  The machine may
  be shared, so the two are timed in interleaved rounds and the median of the
  per-round ratios is reported; an iteration's cost is the difference between a
  run of K + K₀ steps and one of K₀ steps (setup and validation cancel).
- Iterations (and time) to a relative residual of 1e-6: heavy ball with the
  optimal (α, β) for [μ, L] (μ by shift-invert Lanczos, L by Gershgorin) against
  ``scipy.sparse.linalg.cg`` with ``rtol=1e-6``, each a whole call (validation and
  setup included), in interleaved rounds.  Target: heavy ball's time over CG's is
  at most 1.2 times their iteration ratio (the median of the per-round ratios), so
  a heavy-ball iteration, its setup spread over the run, costs at most 1.2 CG
  iterations.
- Setup of one ``simulate.heavy_ball`` call with ``tol`` (0 steps: validation, the
  scaled matrix, the first gradient for the test) in units of one bare ``A @ w``,
  with the default checks and with ``check=False``: it should be O(nnz) with a
  small constant.

scipy's CG calls BLAS dot products, which OpenBLAS threads: on a busy 2-core
machine each costs milliseconds and CG slows several-fold, which flatters heavy
ball.  Run with ``OPENBLAS_NUM_THREADS=1`` for the comparison that measures the
iterations themselves.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from numeric import simulate

from ._timing import Result, interleaved, median_ratio


def problem(n: int, spacing: int = 8):
    """(A, b) of the n × n colorization problem with every ``spacing``-th pixel distinguished."""
    idx = np.arange(n * n).reshape(n, n)[::spacing, ::spacing].ravel()
    try:
        from numeric.graphs import colorization_problem
    except ImportError:  # pragma: no cover - before numeric.graphs existed
        from scipy import sparse

        path = sparse.diags(
            [-np.ones(n - 1), np.r_[1.0, 2 * np.ones(n - 2), 1.0], -np.ones(n - 1)], [-1, 0, 1]
        )
        eye = sparse.identity(n)
        lap = sparse.kron(path, eye) + sparse.kron(eye, path)
        mask = np.zeros(n * n)
        mask[idx] = 1.0
        return (lap + sparse.diags(mask)).tocsr(), mask
    return colorization_problem(n, n, idx)


def _clock(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(quick: bool = False) -> Result:
    n = 64 if quick else 512
    steps = 20 if quick else 200
    base = 5
    rounds = 2 if quick else 7
    A, b = problem(n)
    res = Result(f"colorization: heavy ball on {n}x{n} (n = {n * n}, nnz = {A.nnz})")
    w = np.random.default_rng(2).standard_normal(n * n)
    alpha, beta = 0.1, 0.9

    def matvecs():
        for _ in range(steps):
            A @ w

    def sim(k):
        return lambda: simulate.heavy_ball(A, b, alpha, beta, k, record="last")

    sim(base)()  # warm-up
    per_round, mv_times, it_times = [], [], []
    for _ in range(rounds):
        t_mv = _clock(matvecs) / steps
        t_short = _clock(sim(base))
        t_long = _clock(sim(base + steps))
        t_it = max(t_long - t_short, 0.0) / steps
        mv_times.append(t_mv)
        it_times.append(t_it)
        per_round.append(t_it / t_mv)
    res.times["one A @ w (median)"] = statistics.median(mv_times)
    res.times["one heavy-ball iteration (median)"] = statistics.median(it_times)
    ratio = statistics.median(per_round)
    res.ratio(
        "heavy-ball iteration / bare mat-vec (median of rounds)", ratio, "<= 1.5", ratio <= 1.5
    )
    res.ratio("same, from the best times", min(it_times) / min(mv_times), "(info)")
    _to_tolerance(res, A, b)
    return res


def _to_tolerance(res: Result, A, b, tol: float = 1e-6) -> None:
    from scipy.sparse.linalg import cg, eigsh

    start = time.perf_counter()
    mu = float(eigsh(A, k=1, sigma=0, which="LM", return_eigenvectors=False, tol=1e-6)[0])
    diag = A.diagonal()
    lmax = float(np.max(diag + (np.asarray(abs(A).sum(axis=1)).ravel() - np.abs(diag))))
    res.times["spectrum bounds (shift-invert Lanczos + Gershgorin)"] = time.perf_counter() - start
    alpha = (2 / (np.sqrt(lmax) + np.sqrt(mu))) ** 2
    beta = ((np.sqrt(lmax) - np.sqrt(mu)) / (np.sqrt(lmax) + np.sqrt(mu))) ** 2
    count = [0]

    def callback(_):
        count[0] += 1

    out = {}

    def heavy():
        out["hb"] = simulate.heavy_ball(A, b, alpha, beta, 100_000, record="last", tol=tol)

    def conjugate():
        count[0] = 0
        out["cg"] = cg(A, b, rtol=tol, maxiter=100_000, callback=callback)

    w = np.zeros(A.shape[0])
    times = interleaved(
        {
            "hb": heavy,
            "cg": conjugate,
            "matvec": lambda: A @ w,
            "setup": lambda: simulate.heavy_ball(A, b, alpha, beta, 0, record="last", tol=tol),
            "setup unchecked": lambda: simulate.heavy_ball(
                A, b, alpha, beta, 0, record="last", tol=tol, check=False
            ),
        },
        rounds=3 if A.shape[0] < 10**5 else 7,
    )
    hb, (x, info) = out["hb"], out["cg"]
    res.times[f"heavy ball to {tol:g} (median)"] = statistics.median(times["hb"])
    res.times[f"scipy cg to {tol:g} (median)"] = statistics.median(times["cg"])
    iterations = hb.iterations / count[0]
    time_ratio = median_ratio(times["hb"], times["cg"])
    res.ratio(f"iterations to {tol:g}: heavy ball / cg", iterations, "(info)")
    res.ratio(f"time to {tol:g}: heavy ball / cg (median of rounds)", time_ratio, "(info)")
    res.ratio(
        "(time ratio) / (iteration ratio)",
        time_ratio / iterations,
        "<= 1.2",
        time_ratio / iterations <= 1.2,
    )
    for label, key in (("default checks", "setup"), ("check=False", "setup unchecked")):
        res.ratio(
            f"setup with tol, {label} / one A @ w (median)",
            median_ratio(times[key], times["matvec"]),
            "(info)",
        )
    residual = float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))
    res.notes.append(
        f"mu = {mu:.4g}, L <= {lmax:g} (kappa <= {lmax / mu:.4g}); heavy ball alpha = {alpha:.4g}, "
        f"beta = {beta:.4g}: {hb.iterations} iterations (converged {hb.converged}); "
        f"cg: {count[0]} iterations (info {info}, residual {residual:.2e})"
    )
