"""Numeric cross-checks of the gradient-descent claims (module ``gradient_descent``).

Routes:

- ``closed-form~simulation``: the eigenbasis closed form against the iterates of
  :func:`numeric.simulate.gradient_descent`;
- ``loss split~mpmath``: f(wᵏ) − f(w*) evaluated in mpmath at 50 digits on the
  simulated float iterates against ½ Σ (1 − αλᵢ)^{2k} λᵢ [xᵢ⁰]² from mpmath's own
  eigen-decomposition of the exact float matrix;
- ``minimax~mpmath``: the minimum over α of max(|1 − αμ|, |1 − αL|) found by
  a golden-section search in mpmath, against (κ − 1)/(κ + 1);
- ``iterations~simulation``: iteration counts measured with ``tol=``.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import matrices, rates, simulate

from . import Route, cross_check

EPS = 2.0**-52


def _problem(lams, seed: int):
    lam = np.asarray(lams, dtype=np.float64)
    A = matrices.spd_with_spectrum(lam, seed=seed)
    lam_h, Q = np.linalg.eigh(A)
    b = np.linspace(1.0, 2.0, lam.size)
    return A, b, lam_h, Q, np.linalg.solve(A, b)


@cross_check("GD-CLOSED-FORM")
def closed_form_vs_simulation() -> list[Route]:
    A, b, lam, Q, w_star = _problem([0.05, 0.3, 1.0, 2.0, 3.5], seed=11)
    alpha, steps = 0.45, 80
    w = simulate.gradient_descent(A, b, alpha, steps)
    x0 = Q.T @ (w[0] - w_star)
    ks = np.arange(steps + 1)[:, None]
    predicted = (1 - alpha * lam) ** ks * x0
    simulated = (w - w_star) @ Q  # rows: Qᵀ(wᵏ − w*)
    err = float(np.max(np.abs(predicted - simulated)) / np.max(np.abs(x0)))
    back = float(np.max(np.abs(predicted @ Q.T + w_star - w)) / np.max(np.abs(w_star)))
    # Rounding of A = Q diag(λ) Qᵀ and of each step: a few ε per step, times the condition.
    tol = 64 * EPS * (steps + 1) * float(lam.max() / lam.min())
    return [
        Route(
            "closed-form~simulation (x = Qᵀ(w − w*), 5 eigenvalues, 80 steps)",
            err,
            err <= tol,
            steps + 1,
        ),
        Route("Σ xᵢ⁰(1 − αλᵢ)ᵏqᵢ + w*~simulated w", back, back <= tol, steps + 1),
    ]


@cross_check("GD-BASIS")
def basis_decouples() -> list[Route]:
    A, _, lam, Q, _ = _problem([0.5, 1.0, 2.0, 4.0], seed=12)
    right = Q.T @ A @ Q
    off = float(np.max(np.abs(right - np.diag(lam))) / lam.max())
    wrong = Q @ A @ Q.T
    off_wrong = float(np.max(np.abs(wrong - np.diag(np.diag(wrong)))) / lam.max())
    return [
        Route(
            "QᵀAQ diagonal (eigh basis)",
            off,
            off <= 64 * EPS and off_wrong > 1e-3,
            A.size,
            detail=f"QAQᵀ off-diagonal {off_wrong:.3g}",
        )
    ]


def _mp_loss(A, b, w) -> mp.mpf:
    """f(w) − f(w*) at 50 digits on the exact float inputs."""
    n = A.shape[0]
    Am = mp.matrix([[mp.mpf(float(A[i, j])) for j in range(n)] for i in range(n)])
    bm = mp.matrix([mp.mpf(float(x)) for x in b])
    wm = mp.matrix([mp.mpf(float(x)) for x in w])
    ws = mp.lu_solve(Am, bm)

    def f(v):
        return (v.T * Am * v)[0] / 2 - (bm.T * v)[0]

    return f(wm) - f(ws)


@cross_check("GD-LOSS-SPLIT")
def loss_split() -> list[Route]:
    A, b, _, _, _ = _problem([0.2, 1.0, 3.0], seed=13)
    alpha, steps = 0.4, 30
    w = simulate.gradient_descent(A, b, alpha, steps)
    worst, ratios = 0.0, []
    with mp.workdps(50):
        n = A.shape[0]
        Am = mp.matrix([[mp.mpf(float(A[i, j])) for j in range(n)] for i in range(n)])
        lam, Q = mp.eigsy(Am)
        ws = mp.lu_solve(Am, mp.matrix([mp.mpf(float(x)) for x in b]))
        x0 = Q.T * (mp.matrix([mp.mpf(float(x)) for x in w[0]]) - ws)
        for k in (0, 1, 5, 15, 30):
            direct = _mp_loss(A, b, w[k])
            split = sum(
                (1 - mp.mpf(alpha) * lam[i]) ** (2 * k) * lam[i] * x0[i] ** 2 for i in range(n)
            )
            worst = max(worst, float(abs(direct - split / 2) / abs(direct)))
            ratios.append(float(split / direct))
    # The float iterates carry ~kε relative rounding; the loss is quadratic in them.
    ok = worst <= 64 * EPS * (steps + 1) * 15
    return [
        Route(
            "½ Σ (1 − αλᵢ)^{2k} λᵢ [xᵢ⁰]²~mpmath f(wᵏ) − f(w*) on simulated iterates",
            worst,
            ok and all(abs(r - 2) < 1e-9 for r in ratios),
            len(ratios),
            detail=f"printed sum / true loss = {ratios[0]:.12g} (the missing ½)",
        )
    ]


@cross_check("GD-STEP-INTERVAL")
def step_interval() -> list[Route]:
    rng = np.random.default_rng(14)
    lam = np.exp(rng.uniform(-5, 5, 50))
    inside = rates.gradient_descent(2 * (1 - 1e-9) / lam, lam)
    outside = rates.gradient_descent(2 * (1 + 1e-9) / lam, lam)
    tiny = rates.gradient_descent(1e-12 / lam, lam)
    kernel_ok = bool(np.all(inside < 1) and np.all(outside > 1) and np.all(tiny < 1))
    sims_ok = True
    for lm in lam[:6]:
        for factor, converges in ((0.95, True), (1.05, False)):
            run = simulate.gradient_descent(
                np.array([[lm]]), np.array([lm]), 2 * factor / lm, 2000, record="last"
            )
            err = abs(float(run.last[0]) - 1.0)
            sims_ok = sims_ok and ((err < 1e-6) == converges)
    return [
        Route("kernel~boundary 0 < αλ < 2 (±1e-9)", 0.0, kernel_ok, 150),
        Route("simulation~boundary (αλ at 0.95·2 and 1.05·2)", 0.0, sims_ok, 12),
    ]


def _golden_min(fn, lo, hi, iterations: int = 200) -> tuple[mp.mpf, mp.mpf]:
    invphi = (mp.sqrt(5) - 1) / 2
    a, b = mp.mpf(lo), mp.mpf(hi)
    for _ in range(iterations):
        c, d = b - invphi * (b - a), a + invphi * (b - a)
        if fn(c) <= fn(d):
            b = d
        else:
            a = c
    x = (a + b) / 2
    return x, fn(x)


@cross_check("GD-OPTIMAL")
def optimal_step() -> list[Route]:
    worst, ok, n = 0.0, True, 0
    with mp.workdps(50):
        for mu_f, L_f in ((1.0, 1.0), (1.0, 2.0), (0.3, 7.0), (1e-3, 1.0), (2.0, 2e6)):
            mu_m, L_m = mp.mpf(mu_f), mp.mpf(L_f)

            def worst_rate(a, mu_m=mu_m, L_m=L_m):
                return max(abs(1 - a * mu_m), abs(1 - a * L_m))

            a_min, r_min = _golden_min(worst_rate, 0, 2 / L_m)
            kappa = L_m / mu_m
            claimed_rate = (kappa - 1) / (kappa + 1)
            claimed_alpha = 2 / (mu_m + L_m)
            err = float(abs(r_min - claimed_rate)) + float(abs(a_min - claimed_alpha) * L_m)
            worst = max(worst, err)
            ok = ok and err < 1e-30
            n += 1
    # Simulation: at α* on diag(μ, L) both components contract by exactly ρ per step, so
    # the gradient norm (w⁰ = 0) reaches tol·‖b‖ after ⌈log tol / log ρ⌉ steps.
    sims = []
    for kappa in (10.0, 100.0):
        A = np.diag([1.0, kappa])
        b = np.array([1.0, kappa])
        alpha = 2 / (1 + kappa)
        rho = (kappa - 1) / (kappa + 1)
        tol = 1e-8
        run = simulate.gradient_descent(A, b, alpha, 100_000, tol=tol, record="last")
        predicted = math.ceil(math.log(tol) / math.log(rho) - 1e-9)
        sims.append(abs(run.iterations - predicted) <= 1)
    return [
        Route(
            "golden-section minimax (mpmath, 50 digits)~(κ − 1)/(κ + 1), 2/(μ + L)", worst, ok, n
        ),
        Route("iterations to tol~⌈log tol / log ρ⌉ (simulation)", 0.0, all(sims), len(sims)),
    ]


@cross_check("GD-FIRST")
def which_first() -> list[Route]:
    ok, n = True, 0
    for lj, li in ((1.0, 5.0), (0.1, 3.0), (2.0, 2.5)):
        edge = 2 / (li + lj)
        for factor, faster in ((0.9, True), (1.1, False)):
            alpha = edge * factor
            w = simulate.gradient_descent(np.diag([lj, li]), np.array([lj, li]), alpha, 20)
            err = np.abs(w[-1] - 1.0)  # w* = (1, 1), x⁰ = (−1, −1)
            ok = ok and ((err[1] < err[0]) == faster)
            n += 1
    return [Route("simulation: larger λ ahead iff α(λᵢ + λⱼ) < 2", 0.0, ok, n)]
