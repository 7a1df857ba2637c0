"""Benchmark 2: Rᵏ and the error at step k for 10⁶ (α, β) pairs, against direct iteration.

``numeric.closed_form.heavy_ball_power`` evaluates Rᵏ by Cayley–Hamilton with
the power applied in log space, so its cost should not depend on k: the target
is t(k = 10⁴) ≤ 2 t(k = 10).  Direct iteration of the 2×2 update costs k steps;
it is timed on a subsample and scaled, and is also the accuracy reference for
the error at step k (x₀ = 1, z₀ = 0, so xₖ = (Rᵏ)₁₁).  ``np.linalg.matrix_power``
(repeated squaring, O(log k)) is shown for comparison.
"""

from __future__ import annotations

import numpy as np

from numeric import closed_form

from ._timing import Result, best_time

LAM = 1.0


def _pairs(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    beta = rng.uniform(0.0, 0.999, n)
    # Convergent region 0 < αλ < 2 + 2β, so the error at step k stays finite.
    alpha = rng.uniform(1e-3, 0.999, n) * (2 + 2 * beta) / LAM
    return alpha, beta


def _direct(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    """Iterate (y, x) ← R (y, x) k times from (0, 1); return xₖ."""
    y = np.zeros_like(a)
    x = np.ones_like(a)
    one_minus = 1.0 - a * LAM
    ab = a * b
    for _ in range(k):
        y, x = b * y + LAM * x, -ab * y + one_minus * x
    return x


def _matrix_power(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    r = np.empty(a.shape + (2, 2))
    r[..., 0, 0], r[..., 0, 1] = b, LAM
    r[..., 1, 0], r[..., 1, 1] = -a * b, 1.0 - a * LAM
    return np.linalg.matrix_power(r, k)[..., 1, 1]


def run(quick: bool = False) -> Result:
    n = 20_000 if quick else 1_000_000
    m = 2_000 if quick else 10_000  # direct-iteration subsample
    repeat = 2 if quick else 3
    a, b = _pairs(n)
    res = Result(f"power: R^k for {n:.0e} (alpha, beta) pairs, lam = 1")
    times = {}
    sub_a, sub_b = a[:m], b[:m]
    for k in (10, 10_000):
        t = best_time(lambda k=k: closed_form.heavy_ball_power(a, b, LAM, k), repeat)
        times[k] = t
        res.times[f"heavy_ball_power, k = {k}"] = t
        t_direct = best_time(lambda k=k: _direct(sub_a, sub_b, k), 1) * (n / m)
        res.times[f"direct iteration, k = {k} (scaled from {m:.0e})"] = t_direct
        t_mp = best_time(lambda k=k: _matrix_power(sub_a, sub_b, k), 1) * (n / m)
        res.times[f"np.linalg.matrix_power, k = {k} (scaled from {m:.0e})"] = t_mp
        res.ratio(f"direct iteration / closed form, k = {k}", t_direct / t, "(info)")
        res.ratio(f"matrix_power / closed form, k = {k}", t_mp / t, "(info)")
        power = closed_form.heavy_ball_power(sub_a, sub_b, LAM, k)
        direct = _direct(sub_a, sub_b, k)
        norm = np.max(np.abs(power), axis=(-2, -1))
        rel = np.abs(power[..., 1, 1] - direct) / np.maximum(norm, np.finfo(float).tiny)
        res.notes.append(
            f"k = {k}: max |x_k(closed form) - x_k(direct)| / ||R^k|| = {float(rel.max()):.2e}"
        )
    ratio = times[10_000] / times[10]
    res.ratio("t(k = 10^4) / t(k = 10)", ratio, "<= 2", ratio <= 2)
    return res
