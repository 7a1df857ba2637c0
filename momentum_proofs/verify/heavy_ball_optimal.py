"""Numeric cross-checks of the tuned heavy ball, its regimes, forms and printed formulas.

Claims of ``heavy_ball_optimal`` and ``heavy_ball_printed``.  Routes:

- ``kernel~mpmath``: the rate kernel at the optimal (α*, β*) over [μ, L], and on
  the critical-damping curve, against mpmath's complex roots at 60 digits;
- ``perturbation``: no (α, β) near or far from the optimum beats the derived rate;
- ``closed-form~simulation``: the double-root error (1 + ku)(1 − u)ᵏ and iteration
  counts measured with ``simulate(..., tol=)``;
- ``forms~simulation``: Polyak's two-step form and the lecture's velocity form,
  iterated here by hand, against :func:`numeric.simulate.heavy_ball`;
- ``eigen-formula~mpmath``: the corrected Rᵏ = σ₁ᵏR₁ − σ₂ᵏR₂ in complex float64
  against repeated squaring of the exact matrix in mpmath.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import closed_form, matrices, rates, simulate

from . import Route, cross_check
from .error_model import rate_tolerance, reference_power, reference_rate

EPS = 2.0**-52
KAPPAS = (1.0, 1.5, 10.0, 1e3, 1e6)


def _tuning(mu: float, L: float) -> tuple[float, float, float]:
    """The claimed optimum (α*, β*, ρ*) in float64, as printed in the source."""
    a, b = math.sqrt(mu), math.sqrt(L)
    return 4 / (a + b) ** 2, ((b - a) / (b + a)) ** 2, (b - a) / (b + a)


def _mp_rate_star(mu: float, L: float) -> mp.mpf:
    with mp.workdps(60):
        s = mp.sqrt(mp.mpf(L) / mp.mpf(mu))
        return (s - 1) / (s + 1)


@cross_check("HB-OPTIMAL")
def optimum_is_minimax() -> list[Route]:
    rng = np.random.default_rng(21)
    worst_gap, ok, n = 0.0, True, 0
    for kappa in KAPPAS:
        mu, L = 0.5, 0.5 * kappa
        alpha, beta, _ = _tuning(mu, L)
        star = float(_mp_rate_star(mu, L))
        lam = np.geomspace(mu, L, 257)
        # Perturbed tunings: relative changes of α and β (both signs) and random draws.
        da = np.concatenate(
            [10.0 ** rng.uniform(-6, -1, 150) * rng.choice([-1, 1], 150), rng.uniform(-0.9, 2, 50)]
        )
        db = np.concatenate(
            [10.0 ** rng.uniform(-6, -1, 150) * rng.choice([-1, 1], 150), rng.uniform(-0.9, 2, 50)]
        )
        a_p = alpha * (1 + da)
        b_p = np.clip(beta * (1 + db), 0.0, 1 - 1e-12)
        worst = np.max(rates.heavy_ball(a_p[:, None], b_p[:, None], lam[None, :]), axis=1)
        # Rounding allowance: the kernel's error near the double-root curves (√ε there).
        slack = 4 * math.sqrt(EPS) * (1 + star)
        gap = float(np.min(worst - star))
        worst_gap = max(worst_gap, max(0.0, -gap))
        ok = ok and gap >= -slack
        n += a_p.size
    return [Route("perturbation: max over [μ, L] of ρ at 200 (α, β) per κ ≥ ρ*", worst_gap, ok, n)]


@cross_check("HB-OPTIMAL-RATE")
def optimal_rate() -> list[Route]:
    worst, ok, n = 0.0, True, 0
    for kappa in KAPPAS:
        mu, L = 2.0, 2.0 * kappa
        alpha, beta, _ = _tuning(mu, L)
        lam = np.concatenate([[mu, L], np.geomspace(mu, L, 20)])
        got = rates.heavy_ball(alpha, beta, lam)
        star = _mp_rate_star(mu, L)
        for lm, g in zip(lam, got, strict=True):
            ref, _ = reference_rate(alpha, beta, float(lm))
            err_ref = abs(float(g) - float(ref))
            # β* itself carries a rounding of ε·β*; ρ = √β* moves by half of it.
            err_star = abs(float(ref) - float(star))
            ok = ok and err_ref <= rate_tolerance(alpha, beta, float(lm))
            # The ends are double roots: rounding α*, β* to floats moves ρ by up to ~√ε.
            ok = ok and err_star <= 4 * math.sqrt(EPS) * (1 + float(star))
            # Mixed |Δρ|/max(ρ, 1): at κ = 1 the rate is 0, and the model is absolute there.
            worst = max(worst, err_ref / max(float(ref), 1.0))
            n += 1
    return [
        Route(
            "kernel~mpmath complex roots at (α*, β*) over [μ, L] = (√κ − 1)/(√κ + 1) "
            "(mixed error |Δρ|/max(ρ, 1))",
            worst,
            ok,
            n,
        )
    ]


@cross_check("HB-OPTIMAL-LIMITS")
def limits() -> list[Route]:
    ok, n, distances = True, 0, []
    with mp.workdps(50):
        for kappa in (1e4, 1e8, 1e12, 1e16):
            mu, L = mp.mpf(1), mp.mpf(kappa)
            a_hb = 4 / (mp.sqrt(mu) + mp.sqrt(L)) ** 2
            a_gd = 2 / (mu + L)
            beta = ((mp.sqrt(L) - 1) / (mp.sqrt(L) + 1)) ** 2
            # Distance to the limits shrinks like 4/√κ.
            d_ratio, d_beta = abs(2 - a_hb / a_gd), abs(1 - beta)
            bound = 4 / mp.sqrt(kappa)
            ok = ok and d_ratio <= bound and d_beta <= bound
            distances.append(f"κ={kappa:g}: {float(d_ratio):.2g}, {float(d_beta):.2g}")
            n += 1
    # The distances to the limits are not errors: max_rel_error stays 0, they go in detail.
    return [
        Route(
            "mpmath at κ = 1e4…1e16: |2 − α_HB/α_GD|, 1 − β* ≤ 4/√κ",
            0.0,
            ok,
            n,
            detail="; ".join(distances),
        )
    ]


def _region_points(rng, n: int):
    """(u, r) points built directly inside each regime, with 0 < r < 1."""
    r = rng.uniform(0.05, 0.95, n)
    w = rng.uniform(0.05, 0.95, n)
    edge_lo, edge_hi, div = (1 - r) ** 2, (1 + r) ** 2, 2 + 2 * r**2
    return r, {
        "monotone": w * edge_lo,
        "ripples": edge_lo + w * (edge_hi - edge_lo),
        "sign-flipping": edge_hi + w * (div - edge_hi),
        "divergence": div * (1 + w),
    }


@cross_check("HB-TAXONOMY")
def taxonomy() -> list[Route]:
    rng = np.random.default_rng(22)
    r, regions = _region_points(rng, 40)
    ok_roots, ok_sim, n = True, True, 0
    with mp.workdps(50):
        for name, v in regions.items():
            for ri, vi in zip(r, v, strict=True):
                t = 1 + mp.mpf(ri) ** 2 - mp.mpf(vi)
                d = t * t - 4 * mp.mpf(ri) ** 2
                roots = [(t + mp.sqrt(mp.mpc(d))) / 2, (t - mp.sqrt(mp.mpc(d))) / 2]
                real = all(abs(mp.im(z)) == 0 for z in roots)
                rho = max(abs(z) for z in roots)
                ok_roots = (
                    ok_roots
                    and {
                        "monotone": real and all(mp.re(z) >= 0 for z in roots) and rho < 1,
                        "ripples": not real and rho < 1,
                        "sign-flipping": real and all(mp.re(z) < 0 for z in roots) and rho < 1,
                        "divergence": rho >= 1,
                    }[name]
                )
                n += 1
    # Simulation on one eigenvalue (λ = 1, w* = 1): count sign changes of the error.
    for name, v in regions.items():
        for ri, vi in zip(r[:8], v[:8], strict=True):
            steps = 60
            if name == "divergence":
                last = simulate.heavy_ball(
                    np.array([[1.0]]), np.array([1.0]), vi, ri**2, steps, record="last"
                )
                ok_sim = ok_sim and (last.diverged or abs(float(last.last[0]) - 1) > 1.0)
                continue
            run = simulate.heavy_ball(np.array([[1.0]]), np.array([1.0]), vi, ri**2, steps)
            err = run[:, 0] - 1.0
            err = err[np.abs(err) > 1e-250]
            flips = int(np.sum(np.sign(err[1:]) != np.sign(err[:-1])))
            expect = {
                "monotone": flips <= 1,
                "sign-flipping": flips >= len(err) - 3,
                "ripples": flips >= 1,
            }[name]
            ok_sim = ok_sim and expect
    return [
        Route(
            "mpmath roots classify each regime (real ≥ 0 / complex / real < 0 / |σ| ≥ 1)",
            0.0,
            ok_roots,
            n,
        ),
        Route("simulation: sign changes of the error per regime", 0.0, ok_sim, 32),
    ]


def _two_eigen_run(mu: float, L: float, steps: int, tol: float | None = None):
    """Heavy ball at the optimum on diag(μ, L) with w* = (1, 1), w⁰ = 0 (x⁰ = (−1, −1))."""
    alpha, beta, rho = _tuning(mu, L)
    A = np.diag([mu, L])
    b = np.array([mu, L])
    if tol is None:
        return simulate.heavy_ball(A, b, alpha, beta, steps), alpha, rho
    return simulate.heavy_ball(A, b, alpha, beta, steps, tol=tol, record="last"), alpha, rho


@cross_check("HB-TRANSIENT")
def transient() -> list[Route]:
    worst, ok = 0.0, True
    for mu, L in ((1.0, 100.0), (0.01, 1.0)):
        w, alpha, _ = _two_eigen_run(mu, L, 200)
        ks = np.arange(201)
        for j, lm in enumerate((mu, L)):
            u = math.sqrt(alpha * lm)
            predicted = -(1 + ks * u) * np.sign(1 - u) ** ks * np.abs(1 - u) ** ks
            err = np.abs((w[:, j] - 1.0) - predicted)
            # β* is rounded, so the double root splits by ~√ε and the error grows like k²√ε;
            # w − w* itself is only known to a few ε·|w*| (w* = 1) per step.
            tol = 4 * math.sqrt(EPS) * (1 + ks) ** 2 * np.abs(1 - u) ** np.maximum(
                ks - 1, 0
            ) + 8 * EPS * (1 + ks)
            ok = ok and bool(np.all(err <= tol))
            big = np.abs(predicted) > 1e-8
            worst = max(worst, float(np.max(err[big] / np.abs(predicted[big]))))
    counts_ok, detail = True, []
    for mu, L in ((1.0, 100.0), (1.0, 1e4)):
        tol = 1e-8
        run, alpha, rho = _two_eigen_run(mu, L, 1_000_000, tol=tol)
        # Predicted count from the closed form: first k with ‖(λᵢ xᵢᵏ)‖ ≤ tol·‖b‖.
        b_norm = math.hypot(mu, L)
        k = 0
        while True:
            g = [
                lm * (1 + k * math.sqrt(alpha * lm)) * abs(1 - math.sqrt(alpha * lm)) ** k
                for lm in (mu, L)
            ]
            if math.hypot(*g) <= tol * b_norm:
                break
            k += 1
        naive = math.ceil(math.log(tol) / math.log(rho))
        counts_ok = counts_ok and abs(run.iterations - k) <= 1 and run.iterations > naive
        detail.append(
            f"κ={L / mu:g}: measured {run.iterations}, closed form {k}, log tol/log ρ {naive}"
        )
    return [
        Route("closed-form (1 + ku)(1 − u)ᵏ~simulation at both ends of [μ, L]", worst, ok, 804),
        Route(
            "iterations to tol: simulation~closed form (> log tol / log ρ)",
            0.0,
            counts_ok,
            2,
            detail="; ".join(detail),
        ),
    ]


@cross_check("HB-ITERATIONS")
def iterations() -> list[Route]:
    ok_scale = True
    with mp.workdps(50):
        for kappa in (1e4, 1e8):
            s = mp.sqrt(mp.mpf(kappa))
            n_hb = mp.log(10) / mp.log((s + 1) / (s - 1))
            n_gd = mp.log(10) / mp.log((kappa + 1) / (kappa - 1))
            half = mp.log(10) / 2
            ok_scale = (
                ok_scale and abs(n_hb / s - half) < 1 / s and abs(n_gd / kappa - half) < 1 / kappa
            )
            ok_scale = ok_scale and n_hb <= half * s
    # Simulation: iterations per decade between tol 1e-3 and 1e-7 on diag(μ, L).
    ok_sim, detail = True, []
    for kappa in (100.0, 1e3):
        mu, L = 1.0, kappa
        A, b = np.diag([mu, L]), np.array([mu, L])
        gd = [
            simulate.gradient_descent(A, b, 2 / (mu + L), 10**7, tol=t, record="last").iterations
            for t in (1e-3, 1e-7)
        ]
        alpha, beta, rho = _tuning(mu, L)
        hb = [
            simulate.heavy_ball(A, b, alpha, beta, 10**7, tol=t, record="last").iterations
            for t in (1e-3, 1e-7)
        ]
        n_gd = math.log(10) / math.log1p(2 / (kappa - 1))
        n_hb = math.log(10) / math.log1p(2 / (math.sqrt(kappa) - 1))
        per_gd, per_hb = (gd[1] - gd[0]) / 4, (hb[1] - hb[0]) / 4
        # GD decays exactly geometrically; HB carries the (1 + ku) factor, a few per cent.
        ok_sim = (
            ok_sim and abs(per_gd - n_gd) <= 1 / 4 + 1e-9 and abs(per_hb - n_hb) <= 0.1 * n_hb + 1
        )
        detail.append(f"κ={kappa:g}: GD {per_gd:.1f} vs {n_gd:.1f}, HB {per_hb:.1f} vs {n_hb:.1f}")
    return [
        Route("mpmath: N_GD/κ and N_HB/√κ within 1/κ, 1/√κ of ln 10/2", 0.0, ok_scale, 4),
        Route(
            "iterations per decade: simulation~ln 10/(−ln ρ)",
            0.0,
            ok_sim,
            2,
            detail="; ".join(detail),
        ),
    ]


def _forms_problem():
    A = matrices.spd_with_spectrum(np.array([0.1, 0.5, 1.0, 2.0, 3.0]), seed=23)
    b = np.linspace(-1.0, 1.0, 5)
    return A, b, 0.4, 0.7, 150


@cross_check("HB-POLYAK")
def polyak_form() -> list[Route]:
    A, b, alpha, beta, steps = _forms_problem()
    ref = simulate.heavy_ball(A, b, alpha, beta, steps)
    w_prev = w = np.zeros(5)
    out = [w]
    for _ in range(steps):
        w, w_prev = w - alpha * (A @ w - b) + beta * (w - w_prev), w
        out.append(w)
    err = float(np.max(np.abs(np.array(out) - ref)) / np.max(np.abs(ref)))
    return [
        Route(
            "Polyak two-step (hand-iterated)~simulate.heavy_ball",
            err,
            err <= 64 * EPS * steps,
            steps + 1,
        )
    ]


@cross_check("HB-VFORM")
def velocity_form() -> list[Route]:
    A, b, alpha, beta, steps = _forms_problem()
    ref = simulate.heavy_ball(A, b, alpha, beta, steps)
    theta, v = np.zeros(5), np.zeros(5)
    out, up = [theta], [theta]
    theta_up, v_up = np.zeros(5), np.zeros(5)
    for _ in range(steps):
        v = beta * v - alpha * (A @ theta - b)
        theta = theta + v
        out.append(theta)
        v_up = beta * v_up + (A @ theta_up - b)  # the other sign: v⁺ = βv + ∇L, θ⁺ = θ + v⁺
        theta_up = theta_up + v_up
        up.append(theta_up)
        if not np.isfinite(theta_up).all() or np.max(np.abs(theta_up)) > 1e100:
            theta_up = np.full(5, np.inf)
    err = float(np.max(np.abs(np.array(out) - ref)) / np.max(np.abs(ref)))
    w_star = np.linalg.solve(A, b)
    climbs = not np.all(np.isfinite(up[-1])) or np.linalg.norm(up[-1] - w_star) > np.linalg.norm(
        w_star
    )
    return [
        Route(
            "lecture v-form (hand-iterated)~simulate.heavy_ball",
            err,
            bool(err <= 64 * EPS * steps and climbs),
            steps + 1,
            detail="v⁺ = βv + ∇L with θ⁺ = θ + v⁺ moves away from w*",
        )
    ]


@cross_check("HB-CRITICAL-RANGE")
def critical_range() -> list[Route]:
    u = np.concatenate([np.linspace(0.01, 1.99, 60), 1 + np.array([-1e-9, 1e-9]), [1.999999]])
    lam = np.exp(np.linspace(-3, 3, u.size))
    alpha = u**2 / lam
    beta = (1 - u) ** 2
    got = rates.heavy_ball(alpha, beta, lam)
    worst, ok = 0.0, True
    for a, bt, lm, g, ui in zip(alpha, beta, lam, got, u, strict=True):
        ref, _ = reference_rate(float(a), float(bt), float(lm))
        err = abs(float(g) - float(ref))
        ok = ok and err <= rate_tolerance(float(a), float(bt), float(lm))
        # Against |1 − u|: β was rounded, so allow the double-root √ε.
        ok = ok and abs(float(g) - abs(1 - ui)) <= 4 * math.sqrt(EPS) * (1 + ui * ui)
        worst = max(worst, err / max(float(ref), 1.0))  # mixed: absolute below ρ = 1
    gd = rates.gradient_descent(alpha, lam)
    beyond = u * u >= 2
    ok = ok and bool(np.all(gd[beyond] >= 1) and np.all(got[beyond] < 1))
    return [
        Route(
            "kernel~mpmath on β = (1 − √(αλ))², 0 < αλ < 4 (mixed error |Δρ|/max(ρ, 1)); "
            "GD ≥ 1 where αλ ≥ 2",
            worst,
            ok,
            u.size,
        )
    ]


def _eigen_formula(alpha: float, beta: float, lam: float, k: int, printed: bool) -> np.ndarray:
    R = np.array([[beta, lam], [-alpha * beta, 1 - alpha * lam]], dtype=complex)
    t = 1 + beta - alpha * lam
    root = np.sqrt(complex(t * t - 4 * beta))
    s1, s2 = (t + root) / 2, (t - root) / 2
    eye = np.eye(2)
    if printed:
        r1, r2 = (R - s1 * eye) / (s1 - s2), (R - s2 * eye) / (s1 - s2)
    else:
        r1, r2 = (R - s2 * eye) / (s1 - s2), (R - s1 * eye) / (s1 - s2)
    return (s1**k * r1 - s2**k * r2).real


@cross_check("HB-POWER-PRINTED")
def power_printed() -> list[Route]:
    rng = np.random.default_rng(24)
    worst, worst_printed, ok, n = 0.0, 0.0, True, 0
    worst_cf = 0.0
    for _ in range(40):
        lam = float(np.exp(rng.uniform(-2, 2)))
        beta = float(rng.uniform(0.0, 0.95))
        r = math.sqrt(beta)
        # Keep |σ₁ − σ₂|² = |d| ≥ 1e-2 so the two-term formula is well conditioned.
        side = rng.integers(3)
        u2 = [
            (1 - r) ** 2 * rng.uniform(0, 0.8),
            ((1 - r) ** 2 + (1 + r) ** 2) / 2,
            (1 + r) ** 2 * rng.uniform(1.05, 1.1),
        ][side]
        alpha = float(u2 / lam)
        t = 1 + beta - alpha * lam
        d = t * t - 4 * beta
        if abs(d) < 1e-2:
            continue
        k = int(rng.integers(0, 60))
        ref = reference_power(alpha, beta, lam, k)
        refn = np.array([[float(ref[i, j]) for j in range(2)] for i in range(2)])
        norm = float(np.max(np.abs(refn)))
        got = _eigen_formula(alpha, beta, lam, k, printed=False)
        err = float(np.max(np.abs(got - refn)))
        rho = max(abs((t + np.sqrt(complex(d))) / 2), abs((t - np.sqrt(complex(d))) / 2))
        scale = (
            (1 + k)
            * max(rho, 1e-300) ** max(k - 1, 0)
            * (1 + lam + alpha * beta + beta)
            / math.sqrt(abs(d))
        )
        ok = ok and err <= 64 * EPS * max(scale, norm)
        worst = max(worst, err / max(norm, 1e-300))
        cf = closed_form.heavy_ball_power(alpha, beta, lam, k)
        worst_cf = max(worst_cf, float(np.max(np.abs(cf - refn))) / max(norm, 1e-300))
        printed = _eigen_formula(alpha, beta, lam, k, printed=True)
        worst_printed = max(
            worst_printed, float(np.max(np.abs(printed - refn))) / max(norm, 1e-300)
        )
        n += 1
    return [
        Route(
            "corrected eigen-formula (complex float64)~mpmath repeated squaring",
            worst,
            ok and worst_printed > 1e-2,
            n,
            detail=f"printed form's worst relative error {worst_printed:.3g}; closed_form {worst_cf:.2g}",
        )
    ]


@cross_check("HB-BASIS")
def basis() -> list[Route]:
    lam = np.array([0.05, 0.4, 1.0, 2.5])
    A = matrices.spd_with_spectrum(lam, seed=25)
    b = np.array([1.0, -1.0, 0.5, 2.0])
    alpha, beta, steps = 0.5, 0.6, 60
    w = simulate.heavy_ball(A, b, alpha, beta, steps)
    lam_h, Q = np.linalg.eigh(A)
    w_star = np.linalg.solve(A, b)
    # Per-component recurrence y⁺ = βy + λx, x⁺ = x − αy⁺ iterated by hand.
    x = Q.T @ (w[0] - w_star)
    y = np.zeros(4)
    xs = [x]
    for _ in range(steps):
        y = beta * y + lam_h * x
        x = x - alpha * y
        xs.append(x)
    xs = np.array(xs)
    right = (w - w_star) @ Q  # Qᵀ(w − w*)
    wrong = (w - w_star) @ Q.T  # Q(w − w*)
    scale = np.max(np.abs(xs))
    err = float(np.max(np.abs(right - xs)) / scale)
    err_wrong = float(np.max(np.abs(wrong - xs)) / scale)
    return [
        Route(
            "x = Qᵀ(w − w*) of simulate.heavy_ball~decoupled recurrences",
            err,
            err <= 64 * EPS * steps * lam.max() / lam.min() and err_wrong > 1e-2,
            steps + 1,
            detail=f"with the printed x = Q(w − w*): {err_wrong:.3g}",
        )
    ]
