"""Numeric cross-checks of the polynomial-regression claims (``POLY-*``).

On a generated data set (ξ uniform on [−1, 1], d = sin πξ + noise, degree < 6):

- ``quadratic~mpmath``: ½‖Zw − d‖² in float against ½wᵀAw − bᵀw + ½‖d‖² at 50 digits;
- ``eigenfeatures~monomials``: the model summed over eigenfeatures against the
  monomial model on a fine ξ grid;
- ``filter~simulation``: gradient descent from 0 against φ_k(λ)x* per eigencomponent;
- ``filter~solve``: (A + ηI)⁻¹b against λ/(λ + η)·x*;
- ``sandwich~simulation``: with η = 1/(αk), each eigencomponent of the early-stopped
  iterate lies between 1 and 2 times the Tikhonov one;
- ``variance~Monte Carlo``: the variance of each least-squares eigencomponent under
  noise against σ²/λ_i, and the filtered variances.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import problems, simulate

from . import Route, cross_check

EPS = float(np.finfo(float).eps)
M, N = 30, 5


def _data():
    xi, d, z = problems.regression_data(M, N, noise=0.1, seed=41)
    a = z.T @ z
    b = z.T @ d
    lam, q = np.linalg.eigh(a)
    return xi, d, z, a, b, lam, q


@cross_check("POLY-QUADRATIC")
def quadratic_routes() -> list[Route]:
    xi, d, z, a, b, _, _ = _data()
    rng = np.random.default_rng(42)
    worst = 0.0
    with mp.workdps(50):
        for _ in range(5):
            w = rng.standard_normal(N)
            got = 0.5 * float(np.sum((z @ w - d) ** 2))
            zm = [[mp.mpf(float(x)) ** j for j in range(N)] for x in xi]
            wm = [mp.mpf(float(v)) for v in w]
            dm = [mp.mpf(float(v)) for v in d]
            am = [[sum(zm[i][r] * zm[i][c] for i in range(M)) for c in range(N)] for r in range(N)]
            bm = [sum(zm[i][r] * dm[i] for i in range(M)) for r in range(N)]
            ref = (
                sum(wm[r] * am[r][c] * wm[c] for r in range(N) for c in range(N)) / 2
                - sum(bm[r] * wm[r] for r in range(N))
                + sum(v * v for v in dm) / 2
            )
            worst = max(worst, float(abs(mp.mpf(got) - ref) / ref))
    return [
        Route("½‖Zw − d‖² (float)~½wᵀAw − bᵀw + ½‖d‖² (mpmath 50 digits)", worst, worst < 1e-13, 5)
    ]


@cross_check("POLY-EIGENFEATURES")
def eigenfeature_routes() -> list[Route]:
    _, _, z, a, _, lam, q = _data()
    w = np.random.default_rng(43).standard_normal(N)
    x = q.T @ w
    grid = np.linspace(-1, 1, 401)
    mono = problems.vandermonde(grid, N)
    bar_p = mono @ q  # column i is the eigenfeature p̄_i on the grid
    err = float(np.max(np.abs(bar_p @ x - mono @ w)) / np.max(np.abs(mono @ w)))
    off = q.T @ a @ q
    diag_err = float(np.max(np.abs(off - np.diag(np.diag(off)))) / lam[-1])
    return [
        Route("Σ x_i p̄_i(ξ)~Σ w_j ξ^j on 401 points", err, err < 1e-13, grid.size),
        Route("QᵀZᵀZQ diagonal (off-diagonal / λ_max)", diag_err, diag_err < 1e-13, N * N),
    ]


@cross_check("POLY-EARLY-STOPPING")
def early_stopping_routes() -> list[Route]:
    _, _, _, a, b, lam, q = _data()
    alpha = 1.0 / lam[-1]
    steps = 400
    w = simulate.gradient_descent(a, b, alpha, steps)
    x_star = (q.T @ b) / lam
    k = np.arange(steps + 1)[:, None]
    predicted = (1 - (1 - alpha * lam[None, :]) ** k) * x_star
    got = w @ q
    err = float(np.max(np.abs(got - predicted)) / np.max(np.abs(x_star)))
    return [Route("φ_k(λ)x*~gradient descent from 0 (400 steps)", err, err < 1e-12, got.size)]


@cross_check("POLY-TIKHONOV")
def tikhonov_routes() -> list[Route]:
    _, _, _, a, b, lam, q = _data()
    x_star = (q.T @ b) / lam
    worst = 0.0
    for eta in (1e-4, 1e-2, 1.0, 30.0):
        w = np.linalg.solve(a + eta * np.eye(N), b)
        pred = lam / (lam + eta) * x_star
        worst = max(worst, float(np.max(np.abs(q.T @ w - pred)) / np.max(np.abs(x_star))))
    kappa = lam[-1] / lam[0]
    return [Route("λ/(λ + η)·x*~(A + ηI)⁻¹b", worst, worst < 64 * EPS * kappa, 4 * N)]


@cross_check("POLY-FILTERS")
def filter_routes() -> list[Route]:
    _, _, _, a, b, lam, q = _data()
    alpha = 1.0 / lam[-1]  # so 0 < αλ ≤ 1 on every eigenvalue
    ok, pts = True, 0
    ratios = []
    for k in (1, 10, 100, 1000):
        w_es = simulate.gradient_descent(a, b, alpha, k, record="last").last
        eta = 1 / (alpha * k)
        w_t = np.linalg.solve(a + eta * np.eye(N), b)
        r = (q.T @ w_es) / (q.T @ w_t)
        ratios.append(r)
        ok = ok and bool(np.all(r >= 1 - 1e-9) and np.all(r <= 2 + 1e-9))
        pts += N
    t = np.linspace(0, 1, 2001)[1:]
    grid_ok = True
    for k in (1, 2, 7, 100, 10_000):
        phi = -np.expm1(k * np.log1p(-np.minimum(t, 1 - 1e-16)))
        phi[-1] = 1.0
        tik = k * t / (1 + k * t)
        grid_ok = grid_ok and bool(
            np.all(tik <= phi * (1 + 4 * EPS)) and np.all(phi <= 2 * tik * (1 + 4 * EPS))
        )
        half = 1 - 2 ** (-1 / k)
        grid_ok = grid_ok and abs((1 - (1 - half) ** k) - 0.5) < 1e-12
    spread = float(np.max(np.concatenate(ratios)))
    return [
        Route("η = 1/(αk): 1 ≤ x_es/x_tik ≤ 2 per eigencomponent (simulated)", 0.0, ok, pts),
        Route(
            "T ≤ φ_k ≤ 2T and half-points on a grid of αλ ∈ (0, 1]",
            0.0,
            grid_ok,
            5 * t.size,
            f"largest simulated ratio {spread:.4f}",
        ),
    ]


@cross_check("POLY-NOISE")
def noise_routes() -> list[Route]:
    _, _, z, a, _, lam, q = _data()
    sigma, draws = 0.1, 4000
    rng = np.random.default_rng(44)
    eps = sigma * rng.standard_normal((draws, M))
    dx = (eps @ z @ q) / lam  # least-squares change per eigencomponent
    var = dx.var(axis=0, ddof=1)
    ref = sigma**2 / lam
    rel = np.abs(var / ref - 1)
    tol = 5 * np.sqrt(2 / (draws - 1))  # five standard errors of a sample variance
    alpha, k, eta = 1 / lam[-1], 50, 1.0
    phi = 1 - (1 - alpha * lam) ** k
    # The filtered noise is produced by the methods themselves, not by scaling dx with the
    # filters: k gradient steps from 0 on the noise-only problem (b = Zᵀε; the iteration
    # is linear, so this is the change the noise makes), and the Tikhonov solve.
    noise_b = eps @ z
    w_es = np.zeros((draws, N))
    for _ in range(k):
        w_es = w_es - alpha * (w_es @ a - noise_b)
    w_t = np.linalg.solve(a + eta * np.eye(N), noise_b.T).T
    var_es = (w_es @ q).var(axis=0, ddof=1)
    var_t = (w_t @ q).var(axis=0, ddof=1)
    rel_es = np.abs(var_es / (ref * phi**2) - 1)
    rel_t = np.abs(var_t / (sigma**2 * lam / (lam + eta) ** 2) - 1)
    bound_ok = bool(np.all(ref * phi**2 <= sigma**2 * k**2 * alpha**2 * lam * (1 + 1e-12)))
    worst = float(max(rel.max(), rel_es.max(), rel_t.max()))
    return [
        Route(
            "Var Δx_i*~σ²/λ_i; GD-k and Tikhonov noise~σ²φ²/λ, σ²λ/(λ+η)² (Monte Carlo, 4000 draws)",
            worst,
            bool(worst < tol),
            3 * N,
        ),
        Route("σ²φ_k²/λ ≤ σ²k²α²λ on the data's spectrum", 0.0, bound_ok, N),
    ]
