"""Numeric cross-checks beyond quadratics (GD-DESCENT-LEMMA, GD-LOCAL-MIN, HB-LESSARD-CYCLE).

All runs use :mod:`numeric.simulate` with ``grad=``:

- ``descent lemma~logistic loss``: f(w − αg) ≤ f(w) − α(1 − αL/2)‖g‖² at random
  points and steps 0 < α < 2/L of a logistic-regression loss with
  L = ‖X‖₂²/(4n), up to a rounding slack of a few ε·(|f| + α‖g‖²);
- ``simulation~counterexamples``: gradient descent stalls at the saddle of
  (x² − y²)/2, runs off on log(1 + e^{−x}), and diverges on x⁴ from |x⁰| ≥ 1/√α;
- ``simulation~exact cycle``: heavy ball with α = 1/9, β = 4/9 from the starts
  Lessard et al. name lands on the exact rational 3-cycle.
"""

from __future__ import annotations

import numpy as np

from numeric import simulate

from . import Route, cross_check

EPS = 2.0**-52


def _logistic(n: int = 60, d: int = 4, seed: int = 81):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = np.sign(rng.normal(size=n))

    def f(w: np.ndarray) -> float:
        return float(np.mean(np.logaddexp(0.0, -y * (X @ w))))

    def grad(w: np.ndarray) -> np.ndarray:
        m = -y * (X @ w)
        # σ(m) = 1/(1 + e^{−m}), written to avoid overflow for large |m|.
        sig = np.exp(-np.logaddexp(0.0, -m))
        return X.T @ (-y * sig) / n

    lip = float(np.linalg.norm(X, 2) ** 2 / (4 * n))
    return f, grad, lip


@cross_check("GD-DESCENT-LEMMA")
def descent_lemma_logistic() -> list[Route]:
    f, grad, lip = _logistic()
    rng = np.random.default_rng(82)
    ok, worst, count = True, 0.0, 0
    for _ in range(200):
        w = rng.normal(scale=3.0, size=4)
        a = rng.uniform(0.01, 1.99) / lip
        g = grad(w)
        gg = float(g @ g)
        lhs = f(w - a * g)
        rhs = f(w) - a * (1 - a * lip / 2) * gg
        slack = 16 * EPS * (abs(f(w)) + a * gg + 1)
        ok = ok and lhs <= rhs + slack
        # Mixed measure: overshoot relative to the terms' size, not to rhs (which can be ≈ 0).
        worst = max(worst, (lhs - rhs) / (abs(f(w)) + a * gg + 1))
        count += 1
    # A whole run with α = 1.9/L decreases f at every step.
    w = simulate.gradient_descent(None, None, 1.9 / lip, 200, np.full(4, 2.0), grad=grad)
    values = np.array([f(x) for x in w])
    monotone = bool(np.all(np.diff(values) <= 16 * EPS * values[:-1]))
    return [
        Route(
            "descent lemma~logistic loss (200 points; overshoot/(|f| + α‖g‖² + 1))",
            max(worst, 0.0),
            ok,
            count,
        ),
        Route("simulation: f decreases at every step (α = 1.9/L)", 0.0, monotone, 200),
    ]


@cross_check("GD-LOCAL-MIN")
def counterexamples() -> list[Route]:
    # Saddle: converges to (0, 0) from (1, 0); a 1e-12 nudge in y escapes.
    def saddle(w: np.ndarray) -> np.ndarray:
        return np.array([w[0], -w[1]])

    on = simulate.gradient_descent(None, None, 0.5, 60, np.array([1.0, 0.0]), grad=saddle)
    nudged = simulate.gradient_descent(
        None, None, 0.5, 120, np.array([1.0, 1e-12]), grad=saddle, record="last"
    )
    saddle_ok = bool(np.all(np.abs(on[-1]) < 1e-15) and abs(nudged.last[1]) > 1.0)
    # No minimiser: xᵏ increases without bound while f'(xᵏ) → 0.
    run = simulate.gradient_descent(
        None,
        None,
        2.0,
        5000,
        np.array([0.0]),
        grad=lambda w: -1.0 / (1.0 + np.exp(w)),
        record=250,
    )
    xs = run.iterates[:, 0]
    runaway = bool(np.all(np.diff(xs) > 0) and xs[-1] > 8.0)
    # Quartic: α = 0.01, x⁰ = 10 = 1/√α diverges; x⁰ = 1 converges.
    quartic = simulate.gradient_descent(
        None, None, 0.01, 200, np.array([10.0]), grad=lambda w: 4 * w**3, record="last"
    )
    tame = simulate.gradient_descent(
        None, None, 0.01, 20000, np.array([1.0]), grad=lambda w: 4 * w**3, record="last"
    )
    quartic_ok = bool(quartic.diverged and abs(tame.last[0]) < 0.1)
    return [
        Route(
            "simulation: saddle (x² − y²)/2 stalls at (0, 0), escapes when nudged",
            0.0,
            saddle_ok,
            2,
        ),
        Route("simulation: log(1 + e^{−x}) has xᵏ → ∞ (monotone, no minimiser)", 0.0, runaway, 21),
        Route("simulation: x⁴ diverges from x⁰ = 1/√α, converges from 1", 0.0, quartic_ok, 2),
    ]


def lessard_grad(w: np.ndarray) -> np.ndarray:
    x = w[0]
    return np.array([25 * x if x < 1 else (x + 24 if x < 2 else 25 * x - 24)])


CYCLE = np.array([792, -2208, 2592]) / 1225


@cross_check("HB-LESSARD-CYCLE")
def lessard_simulation() -> list[Route]:
    worst, ok = 0.0, True
    starts = (3.07, 3.2, 3.46, -3.0)
    for x0 in starts:
        w = simulate.heavy_ball(None, None, 1 / 9, 4 / 9, 300, np.array([x0]), grad=lessard_grad)
        tail = w[-3:, 0]
        # Compare as sets of three points (the phase depends on the start).
        err = float(np.max(np.abs(np.sort(tail) - np.sort(CYCLE))))
        worst = max(worst, err)
        ok = ok and err <= 8 * EPS * 3
    # The same tuning on the quadratic 25x²/2 (the function's first piece alone) converges.
    q = simulate.heavy_ball(
        np.array([[25.0]]), np.array([0.0]), 1 / 9, 4 / 9, 300, w0=np.array([3.07])
    )
    converges = abs(q[-1, 0]) < 1e-40
    return [
        Route(
            "heavy-ball simulation~exact 3-cycle (x⁰ = 3.07, 3.2, 3.46, −3)", worst, ok, len(starts)
        ),
        Route("same tuning on the quadratic 25x²/2 converges", 0.0, bool(converges), 1),
        *_lessard_pepit(),
    ]


def _lessard_pepit() -> list[Route]:
    """PEPit, as an independent route: over every 1-strongly convex 25-smooth function
    (normalised to L = 1, μ = 1/25, α = 25/9), the worst ‖x_N − x*‖²/‖x₀ − x*‖² of this
    tuning is above 1 at N = 4 and 8 and grows between them: no contraction.  Not run
    without PEPit (the claim's symbolic proof stands alone then)."""
    from numeric import pep

    if not pep.available():
        return []
    from .. import methods

    form = methods.get("heavy_ball").linear_form(alpha=25 / 9, beta=4 / 9)
    e4, e8 = (pep.worst_case(form, "smooth-strongly-convex", 1 / 25, 1.0, n) for n in (4, 8))
    # the margins (values ≈ 11 and 18) dwarf the solver's accuracy (gaps ≲ 1e-8)
    slack = 10 * max(e4.gap, e8.gap) + 1e-6
    ok = e4.lower > 1 + slack and e8.lower > e4.upper * (1 + slack)
    return [
        Route(
            "PEPit: worst case over 25-smooth 1-strongly convex f at N = 4, 8 exceeds 1 and grows",
            0.0,
            ok,
            2,
            f"N = 4: {e4.value:.6g}, N = 8: {e8.value:.6g} (duality gaps {e4.gap:.1e}, "
            f"{e8.gap:.1e})",
            kind="pepit",
        )
    ]


@cross_check("GD-KAPPA")
def kappa_checks() -> list[Route]:
    A = 3.0 * np.eye(4)
    b = np.array([1.0, -2.0, 0.5, 4.0])
    w = simulate.gradient_descent(A, b, 1 / 3, 1)
    one_step = float(np.max(np.abs(w[1] - b / 3)))
    rng = np.random.default_rng(83)
    ok = one_step <= 4 * EPS * float(np.max(np.abs(b))) / 3
    worst = 0.0
    for _ in range(50):
        q, _r = np.linalg.qr(rng.normal(size=(4, 4)))
        lam = np.exp(rng.uniform(-3, 3, 4))
        M = (q * lam) @ q.T
        bb, db = rng.normal(size=4), rng.normal(size=4) * 1e-3
        lhs = np.linalg.norm(np.linalg.solve(M, db)) / np.linalg.norm(np.linalg.solve(M, bb))
        rhs = lam.max() / lam.min() * np.linalg.norm(db) / np.linalg.norm(bb)
        worst = max(worst, lhs / rhs)
        ok = ok and lhs <= rhs * (1 + 1e-10)
    return [
        Route(
            "simulation (one step at κ = 1) and random SPD perturbations",
            one_step,
            bool(ok),
            51,
            detail=f"largest (relative change)/(κ·relative perturbation) = {worst:.3f}",
        )
    ]


@cross_check("GD-MINIMISER")
def minimiser_checks() -> list[Route]:
    rng = np.random.default_rng(84)
    q, _r = np.linalg.qr(rng.normal(size=(3, 3)))
    A = (q * np.array([0.5, 2.0, 7.0])) @ q.T
    b = rng.normal(size=3)
    star = np.linalg.solve(A, b)

    def f(w: np.ndarray) -> float:
        return float(w @ A @ w / 2 - b @ w)

    gaps = [f(star + rng.normal(size=3)) - f(star) for _ in range(100)]
    run = simulate.gradient_descent(A, b, 2 / 7.5, 400, record="last")
    ok = min(gaps) > 0 and float(np.max(np.abs(run.last - star))) < 1e-10
    return [Route("f(w) > f(A⁻¹b) at random w; gradient descent reaches A⁻¹b", 0.0, bool(ok), 101)]
