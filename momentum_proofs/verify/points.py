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


class NumpySampler:
    """The source of randomness of :func:`method_point` for cross-checks: a seeded Generator."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def choice(self, options: list):
        return options[int(self.rng.integers(len(options)))]


KINDS = ("generic", "double_root", "stability_edge")


def _log_uniform(sample, low: float, high: float) -> float:
    return float(np.exp(sample.uniform(np.log(low), np.log(high))))


def _parameter(sample, method, name: str) -> float:
    low, high, low_open, _ = method.domain(name)
    if name == "alpha":
        return _log_uniform(sample, 1e-3, 10.0)
    if np.isfinite(high):
        return sample.uniform(max(low, 0.0) + (1e-9 if low_open else 0.0), high * (1 - 1e-9))
    return _log_uniform(sample, max(low, 1e-3), max(low, 1e-3) * 1e3)


def method_point(method, sample, kind: str | None = None) -> tuple[dict, float, str]:
    """One hard point of a two-entry method: (parameters, λ, kind).

    ``sample`` supplies the randomness: :class:`NumpySampler` for the cross-checks, a
    wrapper around hypothesis's ``draw`` for the property tests, so both visit the same
    places.  ``kind`` (drawn when not given): ``generic`` (λ log-uniform), ``double_root``
    (λ on or near a root of T(λ)² − 4D(λ), the double-root curve) or ``stability_edge``
    (λ on or near a boundary of Jury's conditions: p(±1) = 0 or D = ±1); offsets are
    log-uniform from 1e-15 to 1e-1, or 0.
    """
    kind = kind or sample.choice(list(KINDS))
    params = {p: _parameter(sample, method, p) for p in method.parameters}
    offset = 0.0
    if sample.uniform(0.0, 1.0) > 0.15:
        offset = sample.choice([-1.0, 1.0]) * 10.0 ** sample.uniform(-15.0, -1.0)
    candidates: list[float] = []
    if kind != "generic":
        t_poly, d_poly = _trace_det_polynomials(method)
        t = np.array([f(*[params[p] for p in method.parameters]) for f in t_poly], dtype=float)
        d = np.array([f(*[params[p] for p in method.parameters]) for f in d_poly], dtype=float)
        if kind == "double_root":
            targets = [np.polysub(np.polymul(t, t), 4 * d)]
        else:  # p(1) = 1 − T + D, p(−1) = 1 + T + D, D = ±1
            one = np.array([1.0])
            targets = [
                np.polyadd(np.polysub(one, t), d),
                np.polyadd(np.polyadd(one, t), d),
                np.polysub(d, one),
                np.polyadd(d, one),
            ]
        for poly in targets:
            if not np.all(np.isfinite(poly)) or not np.any(poly):
                continue
            # A leading coefficient that is rounding noise beside the others makes a
            # huge spurious root: drop it (the polynomial is of lower degree there).
            big = np.abs(poly).max()
            while poly.size > 1 and abs(poly[0]) <= 1e-12 * big:
                poly = poly[1:]
            if poly.size < 2:
                continue
            for root in np.roots(poly):
                if abs(root.imag) <= 1e-12 * abs(root) and 1e-6 < root.real < 1e6:
                    candidates.append(float(root.real))
    if not candidates:
        kind = "generic"
        candidates = [_log_uniform(sample, 1e-3, 1e3)]
        offset = 0.0
    lam = sample.choice(candidates) * (1 + offset)
    return params, float(lam), kind


def _trace_det_polynomials(method):
    """Functions of the parameters giving the coefficients (highest first) of T(λ), D(λ)."""
    cached = getattr(method, "_trace_det_polynomials", None)
    if cached is not None:
        return cached
    import sympy as sp

    from ..symbols import lam

    R = method.iteration_matrix()
    if R.rows != 2:
        raise ValueError(f"{method.name}: hard points are built for two-entry methods")
    out = []
    for expr in (sp.expand(R.trace()), sp.expand(R.det(method="berkowitz"))):
        coeffs = sp.Poly(expr, lam).all_coeffs()
        out.append([sp.lambdify(list(method.spec.parameters), c, modules="math") for c in coeffs])
    object.__setattr__(method, "_trace_det_polynomials", tuple(out))
    return tuple(out)
