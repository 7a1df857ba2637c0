"""Numeric cross-checks of the stochastic-gradient claims (family ``SGD``).

Routes:

- ``kernel~mpmath Lyapunov solve``: the generated noise-floor kernel against the
  stationary equation C = RCRᵀ + ccᵀ solved as a 3×3 linear system in mpmath at
  50 digits on the exact float inputs (a different formula from the kernel's);
- ``closed-form~Monte Carlo``: seeded runs of :func:`numeric.simulate.heavy_ball`
  with ``noise=``, ``rng=``, ``paths=``; each predicted mean square must lie
  within 4 standard errors of the sample mean (the standard error is the sample
  standard deviation of the squared errors over √paths);
- ``enumeration~sampling``: minibatch means drawn at random against the
  variances s²/B and s²/B·(n − B)/(n − 1).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import closed_form, rates, simulate
from numeric._generated import stochastic as kernels

from . import Route, cross_check

EPS = 2.0**-52
#: Agreement in standard errors required of every Monte Carlo comparison.
Z_MAX = 4.0
PATHS = 4000


def _mp_floor(alpha: float, beta: float, lam: float) -> mp.mpf:
    """Stationary E[x²] per unit noise variance, by solving the Lyapunov system in mpmath."""
    with mp.workdps(50):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        R = mp.matrix([[b, lm], [-a * b, 1 - a * lm]])
        c = [mp.mpf(1), -a]
        # Unknowns (C_yy, C_xy, C_xx); equations C − RCRᵀ = ccᵀ entry by entry.
        rows, rhs = [], []
        for i, j in ((0, 0), (0, 1), (1, 1)):
            coeff = [mp.mpf(0)] * 3
            coeff[{(0, 0): 0, (0, 1): 1, (1, 1): 2}[(i, j)]] += 1
            for p in range(2):
                for q in range(2):
                    idx = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 2}[(p, q)]
                    coeff[idx] -= R[i, p] * R[j, q]
            rows.append(coeff)
            rhs.append(c[i] * c[j])
        sol = mp.lu_solve(mp.matrix(rows), mp.matrix(rhs))
        return sol[2]


def _floor_tolerance(alpha: float, beta: float, lam: float) -> float:
    """Relative tolerance: the kernel subtracts in (1 − β) and (2 + 2β − αλ)."""
    gap = 2 + 2 * beta - alpha * lam
    return 16 * EPS * (1 + (2 + 2 * beta) / gap + 1 / (1 - beta))


@cross_check("SGD-FLOOR")
def floor_against_mpmath() -> list[Route]:
    rng = np.random.default_rng(61)
    n = 40
    beta = np.concatenate([rng.uniform(0, 0.999, n - 4), [0.0, 0.5, 0.99, 0.999]])
    lam = np.exp(rng.uniform(np.log(1e-3), np.log(1e3), n))
    frac = rng.uniform(1e-3, 0.999, n)
    alpha = frac * (2 + 2 * beta) / lam
    got = kernels.heavy_ball_noise_floor(alpha, beta, lam)
    worst, ok = 0.0, True
    for a, b, lm, g in zip(alpha, beta, lam, got, strict=True):
        ref = _mp_floor(float(a), float(b), float(lm))
        rel = float(abs((mp.mpf(float(g)) - ref) / ref))
        worst = max(worst, rel)
        ok = ok and rel <= _floor_tolerance(float(a), float(b), float(lm))
    return [Route("kernel~mpmath Lyapunov solve", worst, ok, n)]


def monte_carlo_floor(alpha: float, beta: float, lam: float, noise: float, seed: int) -> tuple:
    """(sample mean of x², its standard error, predicted stationary E[x²]) from the optimum.

    At β = 0, α = 0.1, λ = 1, ς = 0.5 the floor is ς²α²/(1 − (1 − αλ)²) = 0.25/19:

    >>> mean, se, pred = monte_carlo_floor(0.1, 0.0, 1.0, 0.5, seed=1)
    >>> print(round(pred, 8), abs(mean - pred) <= Z_MAX * se)
    0.01315789 True
    """
    rho = float(rates.heavy_ball(alpha, beta, lam))
    steps = int(np.ceil(np.log(1e-9) / (2 * np.log(rho)))) + 10
    run = simulate.heavy_ball(
        np.array([[lam]]),
        np.array([lam]),
        alpha,
        beta,
        steps,
        w0=np.array([1.0]),
        record="last",
        noise=noise,
        rng=seed,
        paths=PATHS,
    )
    sq = (run.last[:, 0] - 1.0) ** 2
    predicted = noise**2 * float(kernels.heavy_ball_noise_floor(alpha, beta, lam))
    return float(sq.mean()), float(sq.std(ddof=1) / np.sqrt(PATHS)), predicted


#: (α, β, λ, ς) of the Monte Carlo floor checks.
FLOOR_CASES = ((0.1, 0.0, 1.0, 0.5), (0.1, 0.9, 1.0, 0.5), (0.5, 0.5, 2.0, 1.0))


@cross_check("SGD-FLOOR")
def floor_against_monte_carlo() -> list[Route]:
    zs, rels = [], []
    for i, (a, b, lm, s) in enumerate(FLOOR_CASES):
        mean, se, pred = monte_carlo_floor(a, b, lm, s, seed=100 + i)
        zs.append(abs(mean - pred) / se)
        rels.append(abs(mean - pred) / pred)
    return [
        Route(
            f"closed-form~Monte Carlo ({PATHS} paths; |z| ≤ {Z_MAX})",
            max(rels),
            max(zs) <= Z_MAX,
            len(FLOOR_CASES),
            detail="z = " + ", ".join(f"{z:.2f}" for z in zs),
        )
    ]


def predicted_split(alpha: float, beta: float, lam: float, noise: float, x0: float, ks) -> tuple:
    """(E[x_k], E[x_k²] by the closed form, E[x_k²] by the sum) for the noisy heavy ball.

    Closed form: (Rᵏs⁰)_x² + ς²(C∞ − Rᵏ C∞ (Rᵏ)ᵀ)_xx with the generated stationary
    covariance C∞; sum: ς² Σ_{j<k} ((Rʲc)_x)², a different formula.

    By hand at k = 1 (α = 0.2, λ = 1, x⁰ = −1, ς = 0.3): E[x¹] = (1 − αλ)x⁰ = −0.8 and
    Var x¹ = ς²α² = 0.0036, so E[(x¹)²] = 0.6436.

    >>> means, closed, summed = predicted_split(0.2, 0.8, 1.0, 0.3, -1.0, (1,))
    >>> print(round(float(means[0]), 12), round(float(closed[0]), 12), round(float(summed[0]), 12))
    -0.8 0.6436 0.6436
    """
    c = np.array([1.0, -alpha])
    powers = closed_form.heavy_ball_power(alpha, beta, lam, np.arange(max(ks) + 1))
    cyy, cxy, cxx = kernels.heavy_ball_noise_covariance(alpha, beta, lam)
    c_inf = np.array([[cyy, cxy], [cxy, cxx]])
    means, closed, summed = [], [], []
    for k in ks:
        mean = float((powers[k] @ np.array([0.0, x0]))[1])
        var_closed = noise**2 * float((c_inf - powers[k] @ c_inf @ powers[k].T)[1, 1])
        var_sum = noise**2 * float(sum((powers[j] @ c)[1] ** 2 for j in range(k)))
        means.append(mean)
        closed.append(mean**2 + var_closed)
        summed.append(mean**2 + var_sum)
    return np.array(means), np.array(closed), np.array(summed)


@cross_check("SGD-SPLIT")
def split_against_monte_carlo() -> list[Route]:
    a, b, lm, s = 0.2, 0.8, 1.0, 0.3
    ks = (1, 3, 10, 30)
    run = simulate.heavy_ball(
        np.array([[lm]]),
        np.array([lm]),
        a,
        b,
        max(ks),
        w0=np.array([0.0]),
        record=1,
        noise=s,
        rng=7,
        paths=PATHS,
    )
    x = run.iterates[:, list(ks), 0] - 1.0  # (paths, len(ks)); x⁰ = −1
    mean_pred, sq_pred, sq_sum = predicted_split(a, b, lm, s, -1.0, ks)
    # Closed form against the sum: a few ε relative to C∞ (the subtraction C∞ − RᵏC∞Rᵏᵀ).
    scale = s**2 * float(kernels.heavy_ball_noise_floor(a, b, lm)) + mean_pred**2
    forms_err = float(np.max(np.abs(sq_pred - sq_sum) / scale))
    z_mean = np.abs(x.mean(0) - mean_pred) / (x.std(0, ddof=1) / np.sqrt(PATHS))
    sq = x**2
    z_sq = np.abs(sq.mean(0) - sq_pred) / (sq.std(0, ddof=1) / np.sqrt(PATHS))
    rel = float(np.max(np.abs(sq.mean(0) - sq_pred) / sq_pred))
    return [
        Route(
            "closed form C∞ − RᵏC∞Rᵏᵀ~sum Σ Rʲccᵀ(Rʲ)ᵀ",
            forms_err,
            forms_err <= 64 * max(ks) * 2.0**-52,
            len(ks),
        ),
        Route(
            f"deterministic + stochastic~Monte Carlo ({PATHS} paths, k = {ks}; |z| ≤ {Z_MAX})",
            rel,
            bool(np.all(z_mean <= Z_MAX) and np.all(z_sq <= Z_MAX)),
            2 * len(ks),
            detail=f"z(mean) = {np.round(z_mean, 2)}, z(square) = {np.round(z_sq, 2)}",
        ),
    ]


@cross_check("SGD-MOMENTUM-FLOOR")
def momentum_floor_sign() -> list[Route]:
    rng = np.random.default_rng(62)
    n = 200
    beta = rng.uniform(0.0, 0.98, n)
    lam = np.ones(n)
    alpha = rng.uniform(0.01, 0.999, n) * (2 + 2 * beta)
    db = 1e-6
    slope = (
        kernels.heavy_ball_noise_floor(alpha, beta + db, lam)
        - kernels.heavy_ball_noise_floor(alpha, beta - db, lam)
    ) / (2 * db)
    margin = (1 + beta) ** 2 - alpha
    decided = np.abs(margin) > 1e-3  # finite differences cannot settle the sign on the line
    sign_ok = bool(np.all(np.sign(slope[decided]) == np.sign(margin[decided])))
    # Monte Carlo: at αλ = 1/2, β = 0.9 raises the floor over β = 0 by far more than the noise.
    lo = monte_carlo_floor(0.5, 0.0, 1.0, 1.0, seed=201)
    hi = monte_carlo_floor(0.5, 0.9, 1.0, 1.0, seed=202)
    raised = hi[0] - lo[0] > Z_MAX * np.hypot(hi[1], lo[1])
    return [
        Route("kernel finite differences~sign of (1 + β)² − αλ", 0.0, sign_ok, int(decided.sum())),
        Route(
            "Monte Carlo: β = 0.9 floor above β = 0 floor at αλ = 1/2",
            0.0,
            bool(raised),
            2,
            detail=f"{lo[0]:.4f} ± {lo[1]:.4f} vs {hi[0]:.4f} ± {hi[1]:.4f}",
        ),
    ]


@cross_check("SGD-MINIBATCH")
def minibatch_sampling() -> list[Route]:
    rng = np.random.default_rng(63)
    n, draws = 40, 20000
    g = rng.normal(size=n)
    gbar, s2 = g.mean(), g.var()
    zs = []
    for size in (1, 4, 16):
        with_rep = g[rng.integers(0, n, (draws, size))].mean(1)
        without = g[np.argsort(rng.random((draws, n)), axis=1)[:, :size]].mean(1)
        for sample, var in ((with_rep, s2 / size), (without, s2 / size * (n - size) / (n - 1))):
            zs.append(abs(sample.mean() - gbar) / np.sqrt(var / draws))
            dev = (sample - gbar) ** 2
            zs.append(abs(dev.mean() - var) / (dev.std(ddof=1) / np.sqrt(draws)))
    return [
        Route(
            f"exact moments~sampling ({draws} draws, B = 1, 4, 16; |z| ≤ {Z_MAX})",
            0.0,
            max(zs) <= Z_MAX,
            len(zs),
            detail=f"max z = {max(zs):.2f}",
        )
    ]


@cross_check("SGD-ROBBINS-MONRO")
def robbins_monro_decay() -> list[Route]:
    """SGD with α_k = a/k on λx²/2 with noise: the variance recurrence and its decay to 0."""
    a, lm, s, steps = 1.0, 1.0, 1.0, 1000
    rng = np.random.default_rng(64)
    x = np.zeros(PATHS)
    v = 0.0
    checkpoints = {10: None, 100: None, 1000: None}
    for k in range(1, steps + 1):
        step = a / k
        x = x - step * (lm * x + s * rng.standard_normal(PATHS))
        v = (1 - step * lm) ** 2 * v + step**2 * s**2
        if k in checkpoints:
            sq = x**2
            checkpoints[k] = (sq.mean(), sq.std(ddof=1) / np.sqrt(PATHS), v)
    zs = [abs(m - p) / se for m, se, p in checkpoints.values()]
    vs = [p for _, _, p in checkpoints.values()]
    decays = vs[0] > vs[1] > vs[2] and vs[2] < 2e-3
    return [
        Route(
            f"variance recurrence~Monte Carlo ({PATHS} paths, k = 10, 100, 1000; |z| ≤ {Z_MAX})",
            0.0,
            max(zs) <= Z_MAX and decays,
            3,
            detail=f"z = {np.round(zs, 2)}, E x² = {np.round(vs, 5)}",
        )
    ]


@cross_check("SGD-SPLIT")
def eigenspace_split_of_the_loss() -> list[Route]:
    """Expected stationary loss on a rotated 2-d quadratic = Σ ½λᵢ·ς²·floor(α, β, λᵢ)."""
    theta = 0.6
    q = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    lam = np.array([0.5, 2.0])
    A = (q * lam) @ q.T
    b = A @ np.array([1.0, -1.0])
    a, bt, s = 0.2, 0.7, 0.4
    rho = float(np.max(rates.heavy_ball(a, bt, lam)))
    steps = int(np.ceil(np.log(1e-9) / (2 * np.log(rho)))) + 10
    run = simulate.heavy_ball(
        A, b, a, bt, steps, w0=np.array([1.0, -1.0]), record="last", noise=s, rng=9, paths=PATHS
    )
    err = run.last - np.array([1.0, -1.0])
    loss = 0.5 * np.einsum("pi,ij,pj->p", err, A, err)
    predicted = float(np.sum(0.5 * lam * s**2 * kernels.heavy_ball_noise_floor(a, bt, lam)))
    z = abs(loss.mean() - predicted) / (loss.std(ddof=1) / np.sqrt(PATHS))
    return [
        Route(
            f"Σ per-eigenspace floors~Monte Carlo loss on a rotated 2-d quadratic ({PATHS} paths)",
            float(abs(loss.mean() - predicted) / predicted),
            bool(z <= Z_MAX),
            1,
            detail=f"z = {z:.2f}",
        )
    ]
