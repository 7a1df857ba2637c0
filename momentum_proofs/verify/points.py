"""Hard evaluation points for the numeric routes, built directly (no rejection).

Each family of points sits where a kernel is most likely to lose digits: on
and near the two double-root curves αλ = (1 ∓ √β)², at the stability edge
αλ = 2 + 2β, at β = 0, and with β close to 1.  Offsets are log-uniform so every
scale from 1e-15 to 1e-1 is visited.
"""

from __future__ import annotations

import numpy as np


def hard_points(n: int, seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Named sets of (alpha, beta, lam) arrays, ``n`` points each.

    >>> pts = hard_points(4)
    >>> sorted(pts)
    ['beta_near_one', 'beta_zero', 'double_root_high', 'double_root_low', 'generic', 'stability_edge']
    """
    rng = np.random.default_rng(seed)
    lam = np.exp(rng.uniform(np.log(1e-3), np.log(1e3), n))
    offset = 10.0 ** rng.uniform(-15, -1, n) * rng.choice([-1.0, 1.0], n)
    offset[: max(1, n // 8)] = 0.0  # exactly on the curve (as far as floats allow)
    beta = rng.uniform(0.0, 0.999, n)
    r = np.sqrt(beta)
    out = {}
    out["generic"] = (rng.uniform(0.01, 4.0, n) / lam, beta, lam)
    out["double_root_low"] = ((1 - r) ** 2 * (1 + offset) / lam, beta, lam)
    out["double_root_high"] = ((1 + r) ** 2 * (1 + offset) / lam, beta, lam)
    out["stability_edge"] = ((2 + 2 * beta) * (1 + offset) / lam, beta, lam)
    out["beta_zero"] = (rng.uniform(0.01, 2.5, n) / lam, np.zeros(n), lam)
    b1 = 1 - 10.0 ** rng.uniform(-12, -1, n)
    out["beta_near_one"] = (rng.uniform(1e-6, 3.9, n) / lam, b1, lam)
    for name, (a, b, lm) in out.items():
        out[name] = (np.where(a > 0, a, 1e-3 / lm), b, lm)
    return out
