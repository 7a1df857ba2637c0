"""Numeric cross-checks of the polynomial view (``CHEB-*``).

Routes:

- ``residual~simulation``: per eigencomponent, the error ratio eᵏ_i/e⁰_i of gradient
  descent, heavy ball, Nesterov and CG depends on λ_i alone (components sharing an
  eigenvalue agree), and gradient descent's equals (1 − αλ)ᵏ;
- ``recurrence~simulation~Rᵏ``: the heavy-ball three-term recurrence against the
  simulated iterates and against ``closed_form.heavy_ball_power``;
- ``minimax~mpmath``, ``minimax~linear program``: 1/T_k((κ+1)/(κ−1)) at 50 digits and
  the discrete minimax problem solved by ``scipy.optimize.linprog``;
- ``CG~Chebyshev bound``: ‖eᵏ‖_A/‖e⁰‖_A of conjugate gradients on a colorization
  grid, a Rosenbrock matrix and a random spectrum, below 2ρᵏ/(1 + ρ²ᵏ);
- ``heavy ball max~mpmath``: max over a fine grid of |p_k| against ρᵏ(1 + (1 + ρ)k).
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import closed_form, graphs, krylov, matrices, problems, simulate

from . import Route, cross_check

EPS = float(np.finfo(float).eps)


def _diag_problem():
    # Repeated eigenvalues with different initial errors: the ratio must not depend on them.
    lam = np.array([0.05, 0.05, 0.4, 0.4, 1.0, 1.0, 2.0])
    A = np.diag(lam)
    w_star = np.array([1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 2.0])
    return lam, A, A @ w_star, w_star


@cross_check("CHEB-RESIDUAL")
def residual_routes() -> list[Route]:
    lam, A, b, w_star = _diag_problem()
    steps = 6  # CG would finish in 4 steps (four distinct eigenvalues)
    runs = {
        "gradient descent": simulate.gradient_descent(A, b, 0.8, steps),
        "heavy ball": simulate.heavy_ball(A, b, 0.8, 0.3, steps),
        "nesterov": simulate.nesterov(A, b, 0.8, 0.3, steps),
        "conjugate gradient": krylov.conjugate_gradient(A, b, 3).iterates,
    }
    routes = []
    for name, its in runs.items():
        ratio = (its - w_star) / (-w_star)
        worst = float(max(np.max(np.abs(ratio[:, 2 * j] - ratio[:, 2 * j + 1])) for j in range(3)))
        routes.append(
            Route(f"eᵏ_i/e⁰_i depends on λ_i only [{name}]", worst, worst < 1e-14, its.size)
        )
    gd = (runs["gradient descent"] - w_star) / (-w_star)
    ref = (1 - 0.8 * lam)[None, :] ** np.arange(steps + 1)[:, None]
    err = float(np.max(np.abs(gd - ref)))
    routes.append(Route("gradient descent ratio~(1 − αλ)ᵏ", err, err < 1e-14, gd.size))
    return routes


@cross_check("CHEB-HB-RECURRENCE")
def recurrence_routes() -> list[Route]:
    lam = np.array([0.01, 0.3, 1.0, 2.5])
    A = matrices.spd_with_spectrum(lam, seed=31)
    b = np.ones(4)
    alpha, beta, steps = 0.5, 0.7, 150
    w = simulate.heavy_ball(A, b, alpha, beta, steps)
    ev, q = np.linalg.eigh(A)
    w_star = np.linalg.solve(A, b)
    x = (w - w_star) @ q
    x0 = x[0]
    rec = np.array([krylov.heavy_ball_residual(alpha, beta, ev, k) for k in range(steps + 1)])
    err_sim = float(np.max(np.abs(rec * x0 - x)) / np.max(np.abs(x0)))
    power = closed_form.heavy_ball_power(alpha, beta, ev[None, :], np.arange(steps + 1)[:, None])
    err_pow = float(np.max(np.abs(power[..., 1, 1] - rec)))
    return [
        Route(
            "three-term recurrence~simulation (4 eigenvalues, 150 steps)",
            err_sim,
            err_sim < 1e-12,
            rec.size,
        ),
        Route("three-term recurrence~(Rᵏ)₂₂ closed form", err_pow, err_pow < 1e-12, rec.size),
    ]


@cross_check("CHEB-MINIMAX")
def minimax_routes() -> list[Route]:
    from scipy.optimize import linprog

    worst, ok, pts = 0.0, True, 0
    with mp.workdps(50):
        for kappa in (1.5, 10.0, 1e4, 1e12):
            for k in (0, 1, 2, 7, 50, 1000):
                x0 = (mp.mpf(kappa) + 1) / (mp.mpf(kappa) - 1)
                ref = 1 / mp.chebyt(k, x0)
                got = float(krylov.chebyshev_minimax(kappa, k))
                if ref < mp.mpf(2.0**-1022):  # below the float range: must underflow to ≤ that
                    ok = ok and got <= 2.0**-1022
                    continue
                err = float(abs(mp.mpf(got) - ref) / ref)
                # The exponent x = 2k·artanh(1/√κ) carries a relative error of a few ε,
                # which moves e^{−x} by a relative x·ε.
                x = float(2 * k * mp.atanh(1 / mp.sqrt(kappa)))
                ok = ok and err <= 8 * EPS * (1 + x)
                worst = max(worst, err)
                pts += 1
    # Discrete minimax on [1, κ] by linear programming: min t, |p(λ_j)| ≤ t, p(0) = 1.
    lp_worst, lp_ok = 0.0, True
    kappa = 10.0
    grid = np.linspace(1.0, kappa, 801)
    for k in (1, 2, 3, 4, 5):
        # p(λ) = 1 + Σ c_m λᵐ with λ scaled to [0, 1] for conditioning.
        s = grid / kappa
        powers = np.stack([s**m for m in range(1, k + 1)], axis=1)
        ones = np.ones((grid.size, 1))
        a_ub = np.block([[powers, -ones], [-powers, -ones]])
        b_ub = np.concatenate([-np.ones(grid.size), np.ones(grid.size)])
        cost = np.zeros(k + 1)
        cost[-1] = 1.0
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=[(None, None)] * (k + 1))
        fine = np.linspace(1.0, kappa, 20001) / kappa
        p_fine = 1 + np.stack([fine**m for m in range(1, k + 1)], axis=1) @ res.x[:k]
        upper = float(np.max(np.abs(p_fine)))
        cheb = float(krylov.chebyshev_minimax(kappa, k))
        # The grid LP is a relaxation (value ≤ true minimax); its polynomial is feasible (max ≥ it).
        lp_ok = (
            lp_ok
            and res.status == 0
            and res.fun <= cheb * (1 + 1e-9)
            and upper >= cheb * (1 - 1e-9)
        )
        lp_worst = max(lp_worst, abs(res.fun - cheb) / cheb)
    return [
        Route("2ρᵏ/(1 + ρ²ᵏ)~mpmath 1/T_k(x₀) at 50 digits", worst, ok, pts),
        Route(
            "Chebyshev value~linear-program minimax on [1, 10] (k ≤ 5)",
            lp_worst,
            lp_ok and lp_worst < 1e-4,
            5,
        ),
    ]


def _a_norm_ratios(A, b, steps):
    A_dense = A.toarray() if hasattr(A, "toarray") else A
    w_star = np.linalg.solve(A_dense, b)
    run = krylov.conjugate_gradient(A, b, steps)
    e = run.iterates - w_star
    norms = np.sqrt(np.einsum("ki,ij,kj->k", e, A_dense, e))
    return norms / norms[0]


@cross_check("CHEB-CG-BOUND")
def cg_bound_routes() -> list[Route]:
    cases = {
        "colorization 10x10": graphs.colorization_problem(10, 10, [0, 55, 99]),
        "rosenbrock n=80, kappa=100": problems.convex_rosenbrock(80, 100.0),
        "random spectrum kappa=1e3": (
            matrices.spd_with_spectrum(np.geomspace(1.0, 1e3, 60), seed=32),
            np.ones(60),
        ),
    }
    routes = []
    for name, (A, b) in cases.items():
        A_dense = A.toarray() if hasattr(A, "toarray") else A
        ev = np.linalg.eigvalsh(A_dense)
        kappa = ev[-1] / ev[0]
        ratio = _a_norm_ratios(A, b, 40)
        k = np.arange(ratio.size)
        bound = krylov.chebyshev_minimax(kappa, k)
        slack = 1e-10 + 1e-8 * bound  # rounding of the A-norm itself
        ok = bool(
            np.all(ratio <= bound + slack)
            and np.all(bound <= 2 * ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** k + 1e-300)
        )
        routes.append(Route(f"CG ‖eᵏ‖_A/‖e⁰‖_A ≤ 2ρᵏ/(1 + ρ²ᵏ) [{name}]", 0.0, ok, ratio.size))
    return routes


@cross_check("CHEB-HB-VS-CHEBYSHEV")
def heavy_ball_max_routes() -> list[Route]:
    worst, ok, pts = 0.0, True, 0
    for kappa in (4.0, 100.0):
        mu, big_l = 1.0, kappa
        s = math.sqrt(kappa)
        rho = (s - 1) / (s + 1)
        alpha = (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2
        lam = np.linspace(mu, big_l, 4001)
        for k in (1, 2, 5, 20, 60):
            p = krylov.heavy_ball_residual(alpha, rho * rho, lam, k)
            got = float(np.max(np.abs(p)))
            at_l = abs(float(p[-1]))
            with mp.workdps(50):
                r = (mp.sqrt(kappa) - 1) / (mp.sqrt(kappa) + 1)
                ref = r**k * (1 + (1 + r) * k)
            err = float(abs(mp.mpf(got) - ref) / ref)
            cheb = float(krylov.chebyshev_minimax(kappa, k))
            ok = ok and err <= 1e-12 * k and abs(at_l - got) <= 1e-13 * got and got >= cheb
            worst = max(worst, err)
            pts += lam.size
    return [
        Route(
            "max_[μ,L] |p_k| (grid, attained at L)~mpmath ρᵏ(1 + (1 + ρ)k), ≥ Chebyshev",
            worst,
            ok,
            pts,
        )
    ]
