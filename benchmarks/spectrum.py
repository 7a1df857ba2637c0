"""Benchmark 6: certified spectrum bounds of large sparse matrices (``numeric.spectrum.bounds``).

- Colorization matrices (graph Laplacian of the n × n grid plus the data term on every
  8th pixel in both directions, as in :mod:`benchmarks.colorization`) at about 10⁵, 10⁶
  and 4·10⁶ rows: wall and CPU time, the number of certified solves, and how tight
  the certified bounds are (relative width of [certified, estimate] on each side).
- 2-D and 3-D Dirichlet grid Laplacians at 10⁶ rows: the errors against the closed
  form (mpmath), which must be ≥ 0 on the certified side and ≤ 1e-6 relative.
- Scaling: time per non-zero at each colorization size over that at 10⁵; O(nnz) would
  keep it near 1, O(nnz·log nnz) near log(nnz)/log(nnz₀) (≈ 1.2 at 10⁶, 1.3 at 4·10⁶).
- Baselines at 10⁵, in the same process: the route the project had before (plain
  Lanczos with shift-invert by SuperLU, widened until an LDLᵀ inertia count certifies)
  and ARPACK's ``eigsh`` with shift-invert at 0 for λ_min and ``which="LA"`` for
  λ_max (not certified).

CPU time is reported beside wall time: on a shared machine the wall time of a run
grows with the other jobs, its CPU time much less.  From 2·10⁵ rows the largest
eigenvalue's bound runs in a second process (:mod:`numeric._bracket_worker`), whose CPU
time is not in these figures.  Target: ≤ 20 s of wall time at 10⁶ rows on 2 cores.
"""

from __future__ import annotations

import sys
import time

import mpmath
import numpy as np

from ._timing import Result
from .colorization import problem


def _clock(fn, label: str = ""):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if label:  # a long run: say where it is
        print(f"  ({label}: {wall:.1f} s wall, {cpu:.1f} s cpu)", file=sys.stderr, flush=True)
    return out, wall, cpu


def _dirichlet(n: int, dim: int):
    from scipy import sparse

    path = sparse.diags([-np.ones(n - 1), np.full(n, 2.0), -np.ones(n - 1)], [-1, 0, 1])
    eye = sparse.identity(n, format="csr")
    if dim == 2:
        return (sparse.kron(path, eye) + sparse.kron(eye, path)).tocsr()
    return (
        sparse.kron(sparse.kron(path, eye), eye)
        + sparse.kron(sparse.kron(eye, path), eye)
        + sparse.kron(sparse.kron(eye, eye), path)
    ).tocsr()


def _dirichlet_extremes(n: int, dim: int):
    """dim·(2 − 2cos(π/(n + 1))) and dim·(2 − 2cos(nπ/(n + 1))) at 50 digits."""
    mpmath.mp.dps = 50
    theta = mpmath.pi / (n + 1)
    return dim * (2 - 2 * mpmath.cos(theta)), dim * (2 - 2 * mpmath.cos(n * theta))


def run(quick: bool = False) -> Result:
    from numeric import spectrum

    sizes = [64, 128] if quick else [316, 1024, 2000]
    res = Result("spectrum: certified bounds of large sparse matrices")
    per_nnz = []
    for n in sizes:
        a, _ = problem(n)
        label = f"colorization {n}x{n} ({a.shape[0]:.2g} rows, nnz {a.nnz:.2g})"
        found, wall, cpu = _clock(lambda a=a: spectrum.bounds(a, progress=False), label)
        res.times[f"{label}: wall"] = wall
        res.times[f"{label}: cpu"] = cpu
        low = (found.lambda_min_estimate - found.lambda_min) / found.lambda_min
        high = (found.lambda_max - found.lambda_max_estimate) / found.lambda_max
        res.notes.append(
            f"{label}: {found.method}, lambda_min in [{found.lambda_min:.9g}, "
            f"{found.lambda_min_estimate:.9g}] (width {low:.2g}), lambda_max in "
            f"[{found.lambda_max_estimate:.9g}, {found.lambda_max:.9g}] (width {high:.2g})"
        )
        per_nnz.append((a.nnz, cpu / a.nnz))
        if 5e5 <= a.shape[0] <= 2e6:
            res.ratio(f"{label}: wall time / 20 s", wall / 20.0, "<= 1", wall <= 20.0)
        if n == sizes[0]:
            _baselines(res, a, cpu)
    nnz0, base = per_nnz[0]
    for nnz, t in per_nnz[1:]:
        res.ratio(
            f"cpu time per non-zero, nnz {nnz:.2g} / nnz {nnz0:.2g}",
            t / base,
            f"log ratio {np.log(nnz) / np.log(nnz0):.2f}",
        )
    for n, dim in [(24, 3)] if quick else [(1000, 2), (100, 3)]:
        a = _dirichlet(n, dim)
        label = f"Dirichlet {dim}-D, {a.shape[0]:.2g} rows"
        found, wall, cpu = _clock(lambda a=a: spectrum.bounds(a, progress=False), label)
        lo, hi = _dirichlet_extremes(n, dim)
        res.times[f"{label}: wall"] = wall
        res.times[f"{label}: cpu"] = cpu
        if not quick:
            res.ratio(f"{label}: wall time / 20 s", wall / 20.0, "<= 1", wall <= 20.0)
        err_lo = float((lo - mpmath.mpf(found.lambda_min)) / lo)
        err_hi = float((mpmath.mpf(found.lambda_max) - hi) / hi)
        ok = 0 <= err_lo <= 1e-6 and 0 <= err_hi <= 1e-6
        res.ratio(f"{label}: (exact - certified) / exact, lambda_min", err_lo, "[0, 1e-6]", ok)
        res.ratio(f"{label}: (certified - exact) / exact, lambda_max", err_hi, "[0, 1e-6]", ok)
    return res


def _baselines(res: Result, a, ours: float) -> None:
    from scipy.sparse.linalg import eigsh

    from numeric import spectrum

    real = spectrum._has_pyamg
    spectrum._has_pyamg = lambda: False  # the route before the M-matrix one
    try:
        found, wall, cpu = _clock(lambda: spectrum.bounds(a, progress=False))
    finally:
        spectrum._has_pyamg = real
    res.times["  baseline: Lanczos + SuperLU inertia (before): wall"] = wall
    res.ratio("before (Lanczos + inertia) / M-matrix route, cpu", cpu / ours, "(info)")

    def arpack():
        lo = eigsh(a, k=1, sigma=0, which="LM", return_eigenvectors=False, tol=1e-10)[0]
        hi = eigsh(a, k=1, which="LA", return_eigenvectors=False, tol=1e-10)[0]
        return lo, hi

    (lo, hi), wall, cpu = _clock(arpack)
    res.times["  baseline: eigsh shift-invert + eigsh LA (uncertified): wall"] = wall
    res.ratio("eigsh (uncertified) / M-matrix route, cpu", cpu / ours, "(info)")
    res.notes.append(
        f"before: lambda_min {found.lambda_min:.9g}, lambda_max {found.lambda_max:.9g} "
        f"({found.method}); eigsh: {lo:.9g}, {hi:.9g}"
    )
