"""Numeric cross-checks of the colorization claims (``COLOR-*``).

Routes:

- ``printed step~simulation``: one step of :func:`numeric.simulate.gradient_descent`
  on (L_G + P_D, 1_D) against the per-pixel step coded as printed (neighbour loop);
- ``edge sum~vector form``: the objective summed edge by edge against
  ½wᵀAw − bᵀw + |D|/2, and the edge-built grid Laplacian against the Kronecker sum;
- ``closed form~eigvalsh``: the proven path and grid spectra against LAPACK;
- ``closed form~mpmath``: 2cot²(π/(2n)) at 50 digits;
- ``simulation~rate bound``: scipy.sparse gradient descent, heavy ball and CG to a
  relative gradient of 1e-6 on a 12 × 12 grid, iteration counts against the
  counts the proven bounds allow, and our CG against ``scipy.sparse.linalg.cg``.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import graphs, krylov, simulate

from . import Route, cross_check

EPS = float(np.finfo(float).eps)
_ROWS, _COLS = 5, 6
_D = [0, 14, 29]


def _neighbours(rows: int, cols: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(rows * cols)]
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                if 0 <= r + dr < rows and 0 <= c + dc < cols:
                    out[i].append((r + dr) * cols + c + dc)
    return out


@cross_check("COLOR-STEP")
def step_against_simulation() -> list[Route]:
    A, b = graphs.colorization_problem(_ROWS, _COLS, _D)
    rng = np.random.default_rng(11)
    worst, points = 0.0, 0
    for _ in range(5):
        w0 = rng.standard_normal(_ROWS * _COLS)
        alpha = float(rng.uniform(0.01, 0.2))
        sim = simulate.gradient_descent(A, b, alpha, 1, w0=w0)[1]
        printed = np.array(
            [
                w0[i]
                - alpha * sum(w0[i] - w0[j] for j in nb)
                - (alpha * (w0[i] - 1) if i in _D else 0.0)
                for i, nb in enumerate(_neighbours(_ROWS, _COLS))
            ]
        )
        worst = max(worst, float(np.max(np.abs(sim - printed)) / np.max(np.abs(printed))))
        points += w0.size
    return [Route("printed per-pixel step~simulate.gradient_descent", worst, worst < 1e-14, points)]


@cross_check("COLOR-VECTORISED")
def vector_form() -> list[Route]:
    from scipy import sparse

    A, b = graphs.colorization_problem(_ROWS, _COLS, _D)
    rng = np.random.default_rng(12)
    edges = [(i, j) for i, nb in enumerate(_neighbours(_ROWS, _COLS)) for j in nb if i < j]
    worst = 0.0
    for _ in range(10):
        w = rng.standard_normal(_ROWS * _COLS)
        summed = 0.5 * sum((w[i] - 1) ** 2 for i in _D) + 0.5 * sum(
            (w[i] - w[j]) ** 2 for i, j in edges
        )
        vec = 0.5 * w @ (A @ w) - b @ w + len(_D) / 2
        worst = max(worst, abs(summed - vec) / summed)
    kron = sparse.kron(graphs.path_laplacian(_ROWS), sparse.identity(_COLS)) + sparse.kron(
        sparse.identity(_ROWS), graphs.path_laplacian(_COLS)
    )
    same = abs(kron - graphs.grid_laplacian(_ROWS, _COLS)).max() == 0
    return [
        Route("edge sum~½wᵀ(L+P_D)w − 1_Dᵀw + |D|/2", worst, worst < 1e-13, 10),
        Route("edge-built grid Laplacian~Kronecker sum (exact)", 0.0, bool(same), 1),
    ]


def _bound_count(rate_of_k, tol: float) -> int:
    k = 0
    while rate_of_k(k) > tol:
        k += 1
    return k


@cross_check("COLOR-OPTIMUM")
def convergence_counts() -> list[Route]:
    """GD, heavy ball and CG on a 12 × 12 grid: all reach the all-ones vector."""
    n = 12
    A, b = graphs.colorization_problem(n, n, [0, n * n - 1, (n // 2) * n + n // 2])
    ev = np.linalg.eigvalsh(A.toarray())
    mu, big_l = float(ev[0]), float(ev[-1])
    kappa = big_l / mu
    tol = 1e-6
    gd = simulate.gradient_descent(A, b, 2 / (big_l + mu), 100_000, record="last", tol=tol)
    s = math.sqrt(kappa)
    rho = (s - 1) / (s + 1)
    hb = simulate.heavy_ball(
        A, b, (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2, rho**2, 100_000, record="last", tol=tol
    )
    cg_ours = krylov.conjugate_gradient(A, b, 10_000, tol=tol)
    cg_scipy = krylov.scipy_cg_iterations(A, b, tol)
    # The relative gradient ‖A eᵏ‖/‖A e⁰‖ is at most max|p_k| on [μ, L] (CHEB-RESIDUAL).
    gd_rate = (kappa - 1) / (kappa + 1)
    gd_bound = _bound_count(lambda k: gd_rate**k, tol)
    hb_bound = _bound_count(lambda k: rho**k * (1 + (1 + rho) * k), tol)
    cg_bound = _bound_count(lambda k: s * 2 * rho**k, tol)  # ‖r‖ ≤ √κ ‖e‖_A-ratio
    ones_err = max(
        float(np.max(np.abs(gd.last - 1))),
        float(np.max(np.abs(hb.last - 1))),
        float(np.max(np.abs(cg_ours.iterates[-1] - 1))),
    )
    detail = (
        f"{n}x{n} grid, kappa={kappa:.1f}: GD {gd.iterations} (bound {gd_bound}), "
        f"HB {hb.iterations} (bound {hb_bound}), CG {cg_ours.iterations} "
        f"(scipy {cg_scipy}, bound {cg_bound})"
    )
    return [
        Route(
            "simulation~rate bound: GD, HB, CG iterations to 1e-6 within the proven bounds",
            0.0,
            gd.converged
            and hb.converged
            and cg_ours.converged
            and gd.iterations <= gd_bound
            and hb.iterations <= hb_bound
            and cg_ours.iterations <= cg_bound
            and cg_ours.iterations < hb.iterations < gd.iterations,
            3,
            detail,
        ),
        Route(
            "our CG~scipy.sparse.linalg.cg iteration count (±1)",
            0.0,
            abs(cg_ours.iterations - cg_scipy) <= 1,
            1,
            detail,
        ),
        Route("iterates~all-ones minimiser (error ≤ κ·1e-6)", ones_err, ones_err <= kappa * tol, 3),
    ]


@cross_check("COLOR-ZERO-MODE")
def zero_mode() -> list[Route]:
    lap = graphs.grid_laplacian(7, 9)
    ev = np.linalg.eigvalsh(lap.toarray())
    null = float(np.max(np.abs(lap @ np.ones(63))))
    ok = abs(ev[0]) <= 64 * 8 * EPS and ev[1] > 1e-3 and null == 0.0
    return [
        Route(
            "eigvalsh: λ₁ = 0 (to rounding), λ₂ > 0, L·1 = 0 exactly",
            abs(float(ev[0])),
            bool(ok),
            63,
        )
    ]


@cross_check("COLOR-PATH-SPECTRUM")
def path_spectrum() -> list[Route]:
    worst, ok, points = 0.0, True, 0
    for boundary in ("free", "dirichlet"):
        for n in (2, 3, 7, 40, 200):
            lap = graphs.path_laplacian(n, boundary).toarray()
            got = np.linalg.eigvalsh(lap)
            ref = graphs.path_laplacian_eigenvalues(n, boundary)
            err = float(np.max(np.abs(got - ref)))
            ok = ok and err <= 16 * n * EPS * 4
            worst = max(worst, err / 4)
            points += n
    return [Route("closed form~numpy eigvalsh (free and Dirichlet, n ≤ 200)", worst, ok, points)]


@cross_check("COLOR-GRID-SPECTRUM")
def grid_spectrum() -> list[Route]:
    worst, ok, points = 0.0, True, 0
    for rows, cols in ((2, 3), (5, 6), (12, 9)):
        got = np.linalg.eigvalsh(graphs.grid_laplacian(rows, cols).toarray())
        ref = graphs.grid_laplacian_eigenvalues(rows, cols)
        err = float(np.max(np.abs(got - ref)))
        ok = ok and err <= 16 * rows * cols * EPS * 8
        worst = max(worst, err / 8)
        points += rows * cols
    return [Route("sums of path spectra~numpy eigvalsh", worst, ok, points)]


@cross_check("COLOR-CONDITION")
def condition() -> list[Route]:
    worst, ok = 0.0, True
    for n in (3, 8, 12):
        ev = np.linalg.eigvalsh(graphs.grid_laplacian(n, n).toarray())
        got = ev[-1] / ev[1]
        ref = graphs.grid_condition_number(n)
        err = abs(got - ref) / ref
        ok = ok and err <= 1e3 * EPS * n * n and got > 1
        worst = max(worst, err)
    return [Route("λ_max/λ₂ (eigvalsh)~2cot²(π/(2n)), always ≥ 1", worst, ok, 3)]


@cross_check("COLOR-GROWTH")
def growth() -> list[Route]:
    worst, ok = 0.0, True
    ns = [2, 3, 10, 100, 1000, 10**6]
    with mp.workdps(50):
        for n in ns:
            ref = 2 * mp.cot(mp.pi / (2 * n)) ** 2
            got = graphs.grid_condition_number(n)
            err = float(abs(mp.mpf(got) - ref) / ref)
            ok = ok and err <= 8 * EPS
            worst = max(worst, err)
        limit_gap = abs(graphs.grid_condition_number(10**6) / 1e12 - 8 / math.pi**2)
    return [
        Route("2cot²(π/(2n)) float~mpmath 50 digits", worst, ok, len(ns)),
        Route("κ/n² at n = 10⁶ ~ 8/π²", limit_gap, limit_gap < 1e-9, 1),
    ]
