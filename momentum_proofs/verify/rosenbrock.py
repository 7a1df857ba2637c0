"""Numeric cross-checks of the convex Rosenbrock claims (``ROSEN-*``).

Routes:

- ``printed gradient~Aw − b~central differences``: the printed componentwise
  gradient (with w₀ = 1, w_{n+1} = 0) against the sparse Hessian and against
  central differences of the objective summed term by term;
- ``closed form~eigvalsh``, ``closed form~mpmath Thomas solve``: spectrum and
  minimiser against LAPACK and against a 50-digit tridiagonal solve;
- ``support``: GD, heavy ball, Nesterov, conjugate gradients, a fixed diagonal
  preconditioner and AdaGrad, all from 0: coordinate i stays exactly 0.0 until
  step i;
- ``lower bound~simulation``: ‖wᵏ − w*‖∞ ≥ w*_{k+1} on every iterate of every
  method, and heavy ball's error inside [w*_{k+1}, qᵏ(1 + (1 + q)k)‖e⁰‖₂].
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import krylov, problems, rates, simulate

from . import Route, cross_check

EPS = float(np.finfo(float).eps)
KAPPA = 50.0
N = 60
STEPS = 45


def _objective(w: np.ndarray, kappa: float) -> float:
    padded = np.concatenate([w, [0.0]])
    return float(
        0.5 * (w[0] - 1) ** 2 + 0.5 * np.sum(np.diff(padded) ** 2) + 2 / (kappa - 1) * np.sum(w**2)
    )


@cross_check("ROSEN-GRADIENT")
def gradient_routes() -> list[Route]:
    rng = np.random.default_rng(21)
    A, b = problems.convex_rosenbrock(12, KAPPA)
    worst_h, worst_fd = 0.0, 0.0
    for _ in range(5):
        w = rng.standard_normal(12)
        printed = problems.rosenbrock_gradient(w, KAPPA)
        via_a = A @ w - b
        worst_h = max(worst_h, float(np.max(np.abs(printed - via_a)) / np.max(np.abs(via_a))))
        h = 1e-5
        fd = np.array(
            [
                (_objective(w + h * e, KAPPA) - _objective(w - h * e, KAPPA)) / (2 * h)
                for e in np.eye(12)
            ]
        )
        worst_fd = max(worst_fd, float(np.max(np.abs(printed - fd)) / np.max(np.abs(via_a))))
    return [
        Route("printed gradient~Aw − b (sparse Hessian)", worst_h, worst_h < 1e-14, 60),
        Route(
            "printed gradient~central differences of the summed objective",
            worst_fd,
            worst_fd < 1e-8,
            60,
        ),
    ]


@cross_check("ROSEN-SPECTRUM")
def spectrum_routes() -> list[Route]:
    worst, ok = 0.0, True
    for n, kappa in ((5, 3.0), (40, 100.0), (150, 1e4)):
        A, _ = problems.convex_rosenbrock(n, kappa)
        got = np.linalg.eigvalsh(A.toarray())
        mu, big_l = problems.rosenbrock_limit_interval(kappa)
        j = np.arange(1, n + 1)
        ref = mu + 4 * np.sin(np.pi * j / (2 * (n + 1))) ** 2
        err = float(np.max(np.abs(got - ref)))
        ok = ok and err <= 32 * n * EPS * big_l and got[0] > mu and got[-1] < big_l
        worst = max(worst, err / big_l)
    from scipy.linalg import eigvalsh_tridiagonal

    n_big = 3000
    d = np.full(n_big, 2 + 4 / (100.0 - 1))
    e = -np.ones(n_big - 1)
    lo = eigvalsh_tridiagonal(d, e, select="i", select_range=(0, 0))[0]
    hi = eigvalsh_tridiagonal(d, e, select="i", select_range=(n_big - 1, n_big - 1))[0]
    kn = hi / lo
    # κ − κ_n in closed form (ROSEN-SPECTRUM), with c = cos(π/(n + 1)) and 1 − c = 2sin²(·/2).
    one_minus_c = 2 * math.sin(math.pi / (2 * (n_big + 1))) ** 2
    c = 1 - one_minus_c
    gap_ref = one_minus_c * (100.0**2 - 1) / (100.0 * one_minus_c + 1 + c)
    # kn carries the relative rounding of lo (tiny eigenvalue, ≈ n·ε·‖A‖/λ_min).
    gap_err = abs((100 - kn) - gap_ref) / gap_ref
    gap_tol = 64 * n_big * EPS * 4 / lo * 100 / gap_ref
    return [
        Route("closed-form spectrum~eigvalsh, inside (μ, L)", worst, ok, 195),
        Route(
            "κ − κ_n at n = 3000, κ = 100 (eigvalsh_tridiagonal)~closed form, κ_n < κ",
            gap_err,
            bool(kn < 100 and gap_err <= gap_tol),
            1,
            f"kappa_n = {kn:.10f}",
        ),
    ]


def _thomas_mp(n: int, kappa: float) -> list:
    """Solve A w = e₁ for the tridiagonal A at 50 digits (independent of the closed form)."""
    with mp.workdps(50):
        diag = 2 + 4 / (mp.mpf(kappa) - 1)
        c_prime, d_prime = [mp.mpf(0)] * n, [mp.mpf(0)] * n
        c_prime[0], d_prime[0] = -1 / diag, 1 / diag
        for i in range(1, n):
            denom = diag + c_prime[i - 1]
            c_prime[i] = -1 / denom
            d_prime[i] = d_prime[i - 1] / denom
        x = [mp.mpf(0)] * n
        x[-1] = d_prime[-1]
        for i in range(n - 2, -1, -1):
            x[i] = d_prime[i] - c_prime[i] * x[i + 1]
        return x


@cross_check("ROSEN-MINIMIZER")
def minimizer_routes() -> list[Route]:
    worst, ok = 0.0, True
    for n, kappa in ((1, 9.0), (7, 4.0), (30, 100.0), (80, 1e4)):
        ref = _thomas_mp(n, kappa)
        got = problems.rosenbrock_minimizer(n, kappa)
        for g, r in zip(got, ref, strict=True):
            err = float(abs(mp.mpf(g) - r) / abs(r))
            ok = ok and err <= 64 * n * EPS
            worst = max(worst, err)
    s = math.sqrt(100.0)
    q = (s - 1) / (s + 1)
    far = problems.rosenbrock_minimizer(400, 100.0)[:20]
    limit_err = float(np.max(np.abs(far - q ** np.arange(1, 21)) / q ** np.arange(1, 21)))
    finite_gap = abs(problems.rosenbrock_minimizer(1, 9.0)[0] - 0.5)
    return [
        Route("closed form~mpmath 50-digit tridiagonal solve", worst, ok, 118),
        Route("n = 400 minimiser~printed qⁱ (i ≤ 20)", limit_err, limit_err < 1e-12, 20),
        Route(
            "printed qⁱ refuted at n = 1, κ = 9 (2/5 vs 1/2)", 0.0, abs(finite_gap - 0.1) < 1e-15, 1
        ),
    ]


def _methods(A, b, n: int, kappa: float) -> dict[str, np.ndarray]:
    """Iterates (STEPS + 1, n) of six linear first-order methods from w⁰ = 0."""
    mu, big_l = problems.rosenbrock_limit_interval(kappa)
    s = math.sqrt(kappa)
    q = (s - 1) / (s + 1)
    a_hb = (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2
    out = {
        "gradient descent": simulate.gradient_descent(A, b, 2 / (big_l + mu), STEPS),
        "heavy ball": simulate.heavy_ball(A, b, a_hb, q * q, STEPS),
        "nesterov": simulate.nesterov(A, b, 1 / big_l, q, STEPS),
        "conjugate gradient": krylov.conjugate_gradient(A, b, STEPS).iterates,
    }
    precond = np.random.default_rng(22).uniform(0.2, 1.0, n) / big_l
    out["diagonal preconditioner"] = simulate.gradient_descent(
        None, None, 1.0, STEPS, w0=np.zeros(n), grad=lambda w: precond * (A @ w - b)
    )
    w, acc, rows = np.zeros(n), np.zeros(n), [np.zeros(n)]
    for _ in range(STEPS):  # AdaGrad: a diagonal step that changes every iteration
        g = A @ w - b
        acc += g * g
        w = w - 0.5 * g / (np.sqrt(acc) + 1e-12)
        rows.append(w.copy())
    out["adagrad"] = np.array(rows)
    return out


@cross_check("ROSEN-SUPPORT")
def support_routes() -> list[Route]:
    A, b = problems.convex_rosenbrock(N, KAPPA)
    routes = []
    for name, its in _methods(A, b, N, KAPPA).items():
        k = np.arange(its.shape[0])[:, None]
        i = np.arange(1, N + 1)[None, :]
        outside = np.abs(its[np.broadcast_to(i > k, its.shape)])
        moved = bool(np.all(its[np.arange(1, its.shape[0]), np.arange(its.shape[0] - 1)] != 0))
        routes.append(
            Route(
                f"support of wᵏ ⊂ {{1..k}} [{name}] (exact zeros; coordinate k reached)",
                0.0,
                bool(np.all(outside == 0.0)) and moved,
                its.size,
            )
        )
    return routes


@cross_check("ROSEN-LOWER-BOUND")
def lower_bound_routes() -> list[Route]:
    A, b = problems.convex_rosenbrock(N, KAPPA)
    w_star = problems.rosenbrock_minimizer(N, KAPPA)
    routes = []
    for name, its in _methods(A, b, N, KAPPA).items():
        err = np.max(np.abs(its - w_star), axis=1)
        bound = w_star[1 : its.shape[0] + 1]
        routes.append(
            Route(f"‖wᵏ − w*‖∞ ≥ w*_(k+1) [{name}]", 0.0, bool(np.all(err >= bound)), its.shape[0])
        )
    # The printed q^{k+1} is not a bound for finite n: CG solves n = 10 in 10 steps.
    n, kappa = 10, 100.0
    a_small, b_small = problems.convex_rosenbrock(n, kappa)
    cg = krylov.conjugate_gradient(a_small, b_small, n).iterates
    q = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    final = float(np.max(np.abs(cg[-1] - problems.rosenbrock_minimizer(n, kappa))))
    routes.append(
        Route(
            "printed q^(k+1) beaten at finite n (CG, n = 10, k = 10)",
            0.0,
            final < 1e-3 * q ** (n + 1),
            1,
            f"error {final:.2e} vs q^11 = {q ** (n + 1):.2e}",
        )
    )
    return routes


@cross_check("ROSEN-HB-MEETS")
def heavy_ball_meets() -> list[Route]:
    n, kappa, steps = 300, KAPPA, 100
    A, b = problems.convex_rosenbrock(n, kappa)
    w_star = problems.rosenbrock_minimizer(n, kappa)
    mu, big_l = problems.rosenbrock_limit_interval(kappa)
    s = math.sqrt(kappa)
    q = (s - 1) / (s + 1)
    a_hb = (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2
    from scipy.linalg import eigvalsh_tridiagonal

    lam = eigvalsh_tridiagonal(A.diagonal(), A.diagonal(1))
    rho = rates.heavy_ball(a_hb, q * q, lam)
    rate_err = float(np.max(np.abs(rho - q)) / q)
    its = simulate.heavy_ball(A, b, a_hb, q * q, steps)
    e2 = np.linalg.norm(its - w_star, axis=1)
    einf = np.max(np.abs(its - w_star), axis=1)
    k = np.arange(steps + 1)
    upper = (q**k * (1 + (1 + q) * k) + 64 * EPS * (k + 1)) * e2[0]
    lower = w_star[1 : steps + 2] if steps + 2 <= n else None
    sandwich = bool(np.all(e2 <= upper) and np.all(einf >= lower))
    # The slope of log error over steps 40..100: both bounds decay like qᵏ up to a factor k.
    slope = float(np.polyfit(k[40:], np.log(e2[40:]), 1)[0])
    slope_ok = abs(slope - math.log(q)) < 0.05 * abs(math.log(q))
    return [
        Route("rate kernel on every eigenvalue of fⁿ ~ q (n = 300)", rate_err, rate_err < 1e-14, n),
        Route(
            "w*_(k+1) ≤ ‖eᵏ‖∞ and ‖eᵏ‖₂ ≤ qᵏ(1 + (1 + q)k)‖e⁰‖₂ for k ≤ 100",
            0.0,
            sandwich,
            steps + 1,
        ),
        Route(
            "fitted log-error slope ~ log q (k = 40..100)",
            abs(slope / math.log(q) - 1),
            slope_ok,
            61,
        ),
    ]
