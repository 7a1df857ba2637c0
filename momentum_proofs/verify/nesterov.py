"""Numeric cross-checks of the Nesterov (NAG) claims, and the error model of its rate.

Routes (each named in the :class:`~momentum_proofs.verify.Route` it returns):

- ``kernel~mpmath``: :func:`numeric.rates.nesterov` against the complex roots of
  σ² − (1 + β)(1 − αλ)σ + β(1 − αλ) at 60 digits on the exact float inputs,
  within :func:`rate_tolerance` (a formula of the point);
- ``forms~simulation``: the Bengio iterates of :func:`numeric.simulate.nesterov`
  against θᵏ + β(θᵏ − θᵏ⁻¹) built from its Sutskever iterates;
- ``torch rule~simulation``: the update rule of ``torch.optim.SGD`` written out in
  numpy against the simulated iterates (the tests also compare a committed
  fixture recorded with torch itself);
- ``matrix power~simulation``: Nᵏ applied per eigencomponent against the
  simulated trajectory;
- ``kernel~boundary`` / ``simulation~boundary``: the rate crossing 1 at
  αλ = (2 + 2β)/(1 + 2β);
- ``grid search``: no (α, β) on a refined grid beats the minimax rate;
- ``schedule~bound``: Nesterov's β_k = (k − 1)/(k + 2) on a logistic loss stays
  under 2L‖x⁰ − x*‖²/(k + 1)².
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

import numeric
from numeric import rates, simulate

from . import Route, cross_check
from .error_model import EPS
from .error_model import nesterov_rate_tolerance as rate_tolerance

POINTS = 60


# --- error model ----------------------------------------------------------------


def reference_rate(alpha: float, beta: float, lam: float) -> mp.mpf:
    """ρ at 60 digits on the exact float inputs, from the complex roots of the polynomial.

    At α = β = 1/2, λ = 1: c = 1/2, the roots are complex with |σ|² = βc = 1/4.

    >>> print(float(reference_rate(0.5, 0.5, 1.0)))
    0.5
    """
    with mp.workdps(60):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        c = 1 - a * lm
        t = (1 + b) * c
        root = mp.sqrt(mp.mpc(t * t - 4 * b * c))
        return +max(abs((t + root) / 2), abs((t - root) / 2))


def hard_points(n: int, seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Named (alpha, beta, lam) sets where the Nesterov kernel is most likely to lose digits.

    Double roots at αλ = ((1 − β)/(1 + β))² and at αλ = 1, the stability edge
    αλ = (2 + 2β)/(1 + 2β), β → 1 and β = 0; offsets log-uniform in [1e-15, 1e-1].

    >>> sorted(hard_points(4))
    ['beta_near_one', 'beta_zero', 'double_root', 'edge', 'generic', 'root_at_zero']
    """
    rng = np.random.default_rng(seed)
    lam = np.exp(rng.uniform(np.log(1e-3), np.log(1e3), n))
    offset = 10.0 ** rng.uniform(-15, -1, n) * rng.choice([-1.0, 1.0], n)
    offset[: max(1, n // 8)] = 0.0
    beta = rng.uniform(0.0, 0.999, n)
    out = {
        "generic": (rng.uniform(0.01, 1.3, n) / lam, beta, lam),
        "double_root": (((1 - beta) / (1 + beta)) ** 2 * (1 + offset) / lam, beta, lam),
        "root_at_zero": ((1 + offset) / lam, beta, lam),
        "edge": ((2 + 2 * beta) / (1 + 2 * beta) * (1 + offset) / lam, beta, lam),
        "beta_zero": (rng.uniform(0.01, 2.0, n) / lam, np.zeros(n), lam),
    }
    b1 = 1 - 10.0 ** rng.uniform(-12, -1, n)
    near = ((1 - b1) / (1 + b1)) ** 2 * (1 + offset)
    out["beta_near_one"] = (
        np.where(rng.random(n) < 0.5, near, rng.uniform(1e-6, 1.3, n)) / lam,
        b1,
        lam,
    )
    return out


def _rate_route(name: str, alpha, beta, lam, values) -> Route:
    worst_rel, ok, where = 0.0, True, ""
    for a, b, lm, got in zip(alpha, beta, lam, values, strict=True):
        ref = reference_rate(float(a), float(b), float(lm))
        err = abs(float(got) - float(ref))
        ok = ok and np.isfinite(got) and err <= rate_tolerance(float(a), float(b), float(lm))
        # Mixed measure, |error| / max(ρ, 1): absolute for the rates below 1.  A
        # relative error would divide by ~0 near αλ = 1, where ρ = √(β|1 − αλ|) is
        # set by the rounding of αλ itself (the float product may round to exactly
        # 1); the tolerance above accounts for that with its √δc term.
        rel = err / max(float(ref), 1.0)
        if rel > worst_rel:
            worst_rel = rel
            where = f"worst at αλ = {float(a * lm)!r}, β = {float(b)!r}: |error| {err:.3g}, ρ = {float(ref):.3g}"
    return Route(name, worst_rel, bool(ok), len(values), detail=where)


# --- NAG-RATE -------------------------------------------------------------------


@cross_check("NAG-RATE")
def rate_against_mpmath() -> list[Route]:
    routes = []
    for region, (a, b, lm) in hard_points(POINTS, seed=11).items():
        got = rates.nesterov(a, b, lm)
        routes.append(
            _rate_route(
                f"kernel~mpmath complex roots [{region}] (mixed error |Δρ|/max(ρ, 1))",
                a,
                b,
                lm,
                got,
            )
        )
    # β = 0 is gradient descent (a different kernel) exactly.
    a, b, lm = hard_points(POINTS, seed=12)["beta_zero"]
    diff = np.abs(rates.nesterov(a, b, lm) - rates.gradient_descent(a, lm))
    routes.append(
        Route(
            "kernel~gradient-descent kernel at beta=0 (mixed error |Δρ|/max(ρ, 1))",
            float(np.max(diff / np.maximum(rates.gradient_descent(a, lm), 1.0))),
            bool(np.all(diff <= 4 * EPS * (1 + a * lm))),
            POINTS,
        )
    )
    return routes


# --- NAG-MATRIX -----------------------------------------------------------------


@cross_check("NAG-MATRIX")
def matrix_against_simulation() -> list[Route]:
    lam = np.array([0.02, 0.3, 1.0, 1.25])
    A = numeric.matrices.spd_with_spectrum(lam, seed=17)
    b = np.ones(4)
    alpha, beta, steps = 0.8, 0.7, 150
    theta = simulate.nesterov(A, b, alpha, beta, steps)
    q = np.linalg.eigh(A)[1]
    w_star = np.linalg.solve(A, b)
    x_sim = (theta - w_star) @ q
    state = np.stack([np.zeros(4), x_sim[0]])  # (v, x) per eigencomponent, v⁰ = 0
    worst = 0.0
    c = 1 - alpha * lam
    for k in range(1, steps + 1):
        v, x = state
        state = np.stack([beta * c * v - alpha * lam * x, beta * c * v + c * x])
        worst = max(worst, float(np.max(np.abs(state[1] - x_sim[k]))))
    scale = float(np.max(np.abs(x_sim[0])))
    return [
        Route(
            "matrix power~simulation (4 eigenvalues, 150 steps)",
            worst / scale,
            # Rounding of a few ε per step in both routes, accumulated over the steps.
            worst <= 16 * EPS * steps * scale,
            steps,
        )
    ]


# --- NAG-FORMS / NAG-TORCH ------------------------------------------------------


def _logistic(seed: int = 0, n: int = 40, d: int = 3):
    """A smooth convex non-quadratic: mean logistic loss on random (non-separable) data."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = np.where(rng.random(n) < 0.5, -1.0, 1.0)

    def loss(w):
        return float(np.mean(np.logaddexp(0.0, -y * (X @ w))))

    def grad(w):
        z = -y * (X @ w)
        return X.T @ (-y * 0.5 * (1 + np.tanh(z / 2))) / n

    smooth = float(np.linalg.eigvalsh(X.T @ X / n)[-1] / 4)
    return loss, grad, smooth, X, y


@cross_check("NAG-FORMS")
def forms_agree() -> list[Route]:
    A = numeric.matrices.spd_with_spectrum([0.1, 1.0, 3.0], seed=3)
    b = np.array([1.0, -2.0, 0.5])
    w0 = np.array([0.3, 0.0, -1.0])
    routes = []
    for label, kwargs in (
        ("quadratic", {"A": A, "b": b}),
        ("logistic loss (grad=)", {"A": None, "b": None, "grad": _logistic()[1]}),
    ):
        th = simulate.nesterov(alpha=0.3, beta=0.8, steps=80, w0=w0, form="sutskever", **kwargs)
        big = simulate.nesterov(alpha=0.3, beta=0.8, steps=80, w0=w0, form="bengio", **kwargs)
        predicted = th[1:] + 0.8 * (th[1:] - th[:-1])  # Θᵏ = θᵏ + βvᵏ, vᵏ = θᵏ − θᵏ⁻¹
        err = float(np.max(np.abs(big[1:] - predicted)))
        scale = float(np.max(np.abs(th)))
        routes.append(
            Route(
                f"forms~simulation Θ = θ + βv [{label}]",
                err / scale,
                err <= 16 * EPS * 80 * scale and np.array_equal(big[0], th[0]),
                80,
            )
        )
    return routes


def torch_rule(grad, w0, lr: float, momentum: float, nesterov: bool, steps: int) -> np.ndarray:
    """The update of ``torch.optim.SGD`` (dampening 0, no weight decay), written out in numpy.

    First step: buffer = g; then buffer = momentum·buffer + g; the step direction
    is g + momentum·buffer with Nesterov, else the buffer; p ← p − lr·direction.

    >>> print(torch_rule(lambda p: p, np.array([1.0]), 0.5, 0.5, True, 2)[:, 0])
    [ 1.      0.25   -0.0625]
    """
    p = np.array(w0, dtype=np.float64)
    out = [p.copy()]
    buf = None
    for _ in range(steps):
        g = np.asarray(grad(p), dtype=np.float64)
        buf = g.copy() if buf is None else momentum * buf + g
        p = p - lr * ((g + momentum * buf) if nesterov else buf)
        out.append(p.copy())
    return np.array(out)


@cross_check("NAG-TORCH")
def torch_rule_agrees() -> list[Route]:
    A = numeric.matrices.spd_with_spectrum([0.05, 0.5, 2.0], seed=5)
    b = np.array([0.5, 1.0, -1.0])
    w0 = np.array([1.0, -1.0, 2.0])
    routes = []
    for nesterov in (True, False):
        ref = torch_rule(lambda p: A @ p - b, w0, 0.4, 0.9, nesterov, 100)
        if nesterov:
            got = simulate.nesterov(A, b, 0.4, 0.9, 100, w0=w0, form="bengio")
        else:
            got = simulate.heavy_ball(A, b, 0.4, 0.9, 100, w0=w0)
        err = float(np.max(np.abs(got - ref)))
        scale = float(np.max(np.abs(ref)))
        name = "nesterov=True~bengio" if nesterov else "nesterov=False~heavy ball"
        routes.append(
            Route(
                f"torch rule~simulation [{name}]", err / scale, err <= 16 * EPS * 100 * scale, 100
            )
        )
    return routes


# --- NAG-STABILITY --------------------------------------------------------------


@cross_check("NAG-STABILITY")
def stability_boundary() -> list[Route]:
    rng = np.random.default_rng(13)
    beta = rng.uniform(0, 0.99, POINTS)
    lam = np.exp(rng.uniform(-3, 3, POINTS))
    edge = (2 + 2 * beta) / (1 + 2 * beta) / lam
    inside = rates.nesterov(edge * (1 - 1e-6), beta, lam)
    outside = rates.nesterov(edge * (1 + 1e-6), beta, lam)
    small = rates.nesterov(1e-9 / lam, beta, lam)
    hb_edge = rates.heavy_ball(edge * (1 + 1e-6), beta, lam)
    ok = bool(np.all(inside < 1) and np.all(outside > 1) and np.all(small < 1))
    sims_ok = True
    for b, lm in zip(beta[:5], lam[:5], strict=True):
        e = (2 + 2 * b) / (1 + 2 * b) / lm
        for factor, expect_small in ((0.95, True), (1.05, False)):
            run = simulate.nesterov(
                np.array([[lm]]), np.array([lm]), e * factor, b, 3000, record="last"
            )
            err = float(np.abs(run.last[0] - 1.0))
            sims_ok = sims_ok and ((err < 1e-6) == expect_small)
    return [
        Route("kernel~boundary 0 < αλ < (2 + 2β)/(1 + 2β) (±1e-6)", 0.0, ok, 3 * POINTS),
        Route(
            "heavy ball still stable just past NAG's edge (region 1 + 2β times longer)",
            0.0,
            bool(np.all(hb_edge < 1)),
            POINTS,
        ),
        Route("simulation~boundary (αλ at 0.95 and 1.05 of the edge)", 0.0, sims_ok, 10),
    ]


# --- tuning ---------------------------------------------------------------------


def optimal(kappa: float, mu: float = 1.0) -> tuple[float, float, float]:
    """(α, β, 1 − ρ) of the minimax tuning (Lessard, Recht, Packard 2016) on [μ, κμ].

    The third entry is 1 − ρ = 2/√(3κ + 1).  At κ = 8: √(3κ + 1) = 5, so α = 4/25,
    β = 3/7 and 1 − ρ = 2/5.

    >>> print([round(float(v), 12) for v in optimal(8.0)])
    [0.16, 0.428571428571, 0.4]
    """
    root = np.sqrt(3 * kappa + 1)
    return 4 / (3 * kappa * mu + mu), (root - 2) / (root + 2), 2 / root


def _worst_rate(alpha, beta, lam_grid) -> float:
    return float(np.max(rates.nesterov(alpha, beta, lam_grid)))


@cross_check("NAG-OPTIMAL")
def optimal_tuning() -> list[Route]:
    routes = []
    worst_rel, ok = 0.0, True
    search_ok, search_worst = True, 0.0
    for kappa in (10.0, 100.0, 1e4):
        a, b, one_minus = optimal(kappa)
        target = 1 - one_minus
        lam = np.concatenate([[1.0, kappa], np.geomspace(1.0, kappa, 400)])
        got = _worst_rate(a, b, lam)
        for lm in (1.0, kappa):
            ref = float(reference_rate(a, b, lm))
            tol = rate_tolerance(a, b, lm)
            ok = ok and abs(float(rates.nesterov(a, b, lm)) - ref) <= tol
            worst_rel = max(worst_rel, abs(ref - target) / target)
            ok = ok and abs(ref - target) <= tol + 4 * EPS
        ok = ok and got <= target + rate_tolerance(a, b, 1.0)
        # Grid search for the minimax: max over λ of ρ is max(ρ(μ), ρ(L)) (NAG-OPTIMAL),
        # so search (α, β) on that; refine twice around the best point.
        lo_a, hi_a, lo_b, hi_b = 1e-3 / kappa, 2.0 / kappa, 0.0, 0.999
        best = np.inf
        for _ in range(3):
            ag = np.linspace(lo_a, hi_a, 301)[:, None]
            bg = np.linspace(lo_b, hi_b, 301)[None, :]
            worst = np.maximum(rates.nesterov(ag, bg, 1.0), rates.nesterov(ag, bg, kappa))
            i, j = np.unravel_index(np.argmin(worst), worst.shape)
            best = min(best, float(worst[i, j]))
            da, db = (hi_a - lo_a) / 30, (hi_b - lo_b) / 30
            lo_a, hi_a = max(ag[i, 0] - da, 1e-12), ag[i, 0] + da
            lo_b, hi_b = max(bg[0, j] - db, 0.0), min(bg[0, j] + db, 0.999999)
        # Nothing beats the minimax value; the search gets within 1% of 1 − ρ*.
        search_ok = search_ok and best >= target - 1e-12 and (best - target) <= 0.01 * one_minus
        search_worst = max(search_worst, (best - target) / one_minus)
    routes.append(
        Route(
            "kernel~mpmath at the tuning: ρ(μ) = ρ(L) = 1 − 2/√(3κ+1) (κ = 10, 100, 1e4)",
            worst_rel,
            ok,
            6,
        )
    )
    routes.append(
        Route(
            "grid search over (α, β): no point beats 1 − 2/√(3κ+1)",
            0.0,
            search_ok,
            3 * 3 * 301 * 301,
            detail=f"best grid point above the minimax by {search_worst:.3g} × (1 − ρ*)",
        )
    )
    return routes


@cross_check("NAG-TEXTBOOK")
def textbook_tuning() -> list[Route]:
    ok, worst_rel = True, 0.0
    for kappa in (10.0, 100.0, 1e4):
        sk = np.sqrt(kappa)
        a, b = 1 / kappa, (sk - 1) / (sk + 1)
        lam = np.geomspace(1.0, kappa, 400)
        got = _worst_rate(a, b, lam)
        target = 1 - 1 / sk
        err = abs(got - target)
        ok = ok and err <= rate_tolerance(a, b, 1.0) and got > 1 - optimal(kappa)[2]
        worst_rel = max(worst_rel, err / target)
    kappa = 1e8
    ratio = np.log1p(-optimal(kappa)[2]) / np.log1p(-1 / np.sqrt(kappa))
    close = abs(ratio - 2 / np.sqrt(3)) <= 1e-3
    return [
        Route("kernel max over [μ, L] = 1 − 1/√κ (κ = 10, 100, 1e4)", worst_rel, bool(ok), 1200),
        Route(
            "iterations-per-decade ratio at κ = 1e8 within 1e-3 of 2/√3",
            0.0,
            bool(close),
            1,
            detail=f"ratio {ratio:.6f}, 2/√3 = {2 / np.sqrt(3):.6f}",
        ),
    ]


# --- beyond quadratics: O(1/k²) -------------------------------------------------


def accelerated_schedule(grad, w0, step: float, steps: int) -> np.ndarray:
    """Nesterov's method with β_k = (k − 1)/(k + 2) (Su, Boyd, Candès 2016, eq. (3)).

    x_k = y_{k−1} − s∇f(y_{k−1}), y_k = x_k + (k − 1)/(k + 2)(x_k − x_{k−1}),
    y_0 = x_0; returns x_0 … x_steps.

    >>> print(accelerated_schedule(lambda x: x, np.array([1.0]), 0.5, 2)[:, 0])
    [1.   0.5  0.25]
    """
    x_prev = np.array(w0, dtype=np.float64)
    y = x_prev.copy()
    out = [x_prev.copy()]
    for k in range(1, steps + 1):
        x = y - step * np.asarray(grad(y), dtype=np.float64)
        y = x + (k - 1) / (k + 2) * (x - x_prev)
        x_prev = x
        out.append(x.copy())
    return np.array(out)


def _minimiser(grad, X, y, w0) -> np.ndarray:
    """Newton's method on the logistic loss (exact Hessian), to machine precision."""
    w = np.array(w0, dtype=np.float64)
    n = X.shape[0]
    for _ in range(50):
        p = 0.5 * (1 + np.tanh(-y * (X @ w) / 2))
        H = (X.T * (p * (1 - p))) @ X / n
        step = np.linalg.solve(H, grad(w))
        w = w - step
        if np.max(np.abs(step)) < 1e-15 * (1 + np.max(np.abs(w))):
            break
    return w


def convex_bound_check(steps: int = 400, seed: int = 0) -> tuple[float, float, bool]:
    """(max ratio of gap to bound, gap·(k+1)² spread, ok) on a logistic loss.

    >>> ratio, _, ok = convex_bound_check(50)
    >>> ok and ratio < 1
    True
    """
    loss, grad, smooth, X, y = _logistic(seed, n=60, d=4)
    w0 = np.full(4, 3.0)
    x_star = _minimiser(grad, X, y, np.zeros(4))
    f_star = loss(x_star)
    xs = accelerated_schedule(grad, w0, 1 / smooth, steps)
    k = np.arange(1, steps + 1)
    gaps = np.array([loss(x) for x in xs[1:]]) - f_star
    bound = 2 * smooth * float(np.sum((w0 - x_star) ** 2)) / (k + 1) ** 2
    # f* is known to ~1e-16 relative; allow that rounding in the gap.
    slack = 8 * EPS * (1 + abs(f_star))
    ratio = float(np.max(gaps / bound))
    ok = bool(np.all(gaps <= bound + slack) and np.linalg.norm(grad(x_star)) < 1e-12)
    return ratio, float(np.max(gaps * (k + 1) ** 2)), ok


@cross_check("NAG-CONVEX")
def convex_bound() -> list[Route]:
    ratio, scaled, ok = convex_bound_check()
    return [
        Route(
            "schedule~bound on a logistic loss (400 steps; f(x_k) − f* ≤ 2L‖x₀ − x*‖²/(k+1)²)",
            0.0,
            ok,
            400,
            detail=f"largest gap/bound {ratio:.3g}; max (k+1)²·gap {scaled:.3g}",
        )
    ]


__all__ = [
    "accelerated_schedule",
    "convex_bound_check",
    "hard_points",
    "optimal",
    "rate_tolerance",
    "reference_rate",
    "torch_rule",
]
