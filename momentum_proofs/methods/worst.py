"""The exact n-step worst case of a method on quadratics with curvature in [μ, L].

From rest, a method's iterate after N steps on f = ½λx² is x_N = p_N(λ)·x₀, where p_N is
a polynomial of degree at most N (R is affine in λ, so Rᴺ's entries are polynomials of
degree ≤ N).  The worst case over λ ∈ [μ, L] of ‖x_N‖²/‖x₀‖² is max p_N(λ)², which sits at
an end of the interval or at a real root of p_N′.  The search here:

1. evaluates p_N at the N + 1 Chebyshev points of [μ, L] by running the recurrence
   s_{k+1} = R(λ)s_k at 50 digits (mpmath), and forms its Chebyshev coefficients;
2. finds all N − 1 roots of p_N′ as eigenvalues of its colleague matrix
   (``numpy.polynomial.chebyshev.chebroots``), keeps those within 1e-3 of the real
   segment [−1, 1] (a real root can only be perturbed that far by the float solve), and
   refines each by Newton's method on p_N′ at 50 digits, with p_N′ and p_N″ from the
   recurrence differentiated in λ;
3. evaluates p_N² at 50 digits at both ends and at every refined root.

``lower`` is the largest of those values: each is p_N² at a point of [μ, L], so it is a
lower bound.  ``upper`` adds the evaluation error (50-digit arithmetic, a bound of
10⁻³⁰ relative) on the premise of step 2, that the colleague matrix returned every root
of p_N′: between consecutive critical points p_N² is monotone, so no other point can be
larger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath as mp
import numpy as np
import sympy as sp

from ..symbols import lam

if TYPE_CHECKING:
    from .engine import Method

DIGITS = 50


@dataclass(frozen=True)
class WorstCase:
    """max over λ ∈ [μ, L] of ‖x_N − x*‖²/‖x₀ − x*‖² from rest, and where it is reached."""

    steps: int
    value: float
    lam: float
    lower: float
    upper: float

    def as_json(self) -> dict[str, Any]:
        return {
            "steps": self.steps,
            "value": self.value,
            "lambda": self.lam,
            "lower": self.lower,
            "upper": self.upper,
        }


def _compiled(method: Method):
    cached = getattr(method, "_worst_case_parts", None)
    if cached is None:
        R = method.iteration_matrix()
        symbols = [*method.spec.parameters, lam]
        entries = [[sp.expand(R[i, j]) for j in range(R.cols)] for i in range(R.rows)]
        values = sp.lambdify(symbols, entries, modules="mpmath")
        slopes = sp.lambdify(symbols, [[sp.diff(e, lam) for e in row] for row in entries], "mpmath")
        curv = [[sp.diff(e, lam, 2) for e in row] for row in entries]
        if any(c != 0 for row in curv for c in row):
            raise ValueError(f"{method.name}: R is not affine in λ; the worst case assumes it is")
        start = [
            sp.expand(method.spec.start[s]).coeff(method.spec.iterate) for s in method.spec.state
        ]
        index = method.state.index(method.spec.iterate.name)
        cached = (
            values,
            slopes,
            [mp.mpf(int(c)) if c.is_Integer else mp.mpf(str(c)) for c in start],
            index,
        )
        object.__setattr__(method, "_worst_case_parts", cached)
    return cached


def _trajectory(method: Method, params: dict, x, steps: int, derivatives: int = 0):
    """p_k(x) for k = 0 … steps (and dp/dλ, d²p/dλ² at ``steps`` when asked), at 50 digits.

    Plain lists of mpf: mpmath's matrix class costs ten times more per product here.
    """
    values, slopes, start, index = _compiled(method)
    args = [mp.mpf(params[p]) for p in method.parameters]
    R = values(*args, x)
    dR = slopes(*args, x)
    n = len(start)
    rows = range(n)

    def times(m, v):
        return [mp.fsum(m[i][j] * v[j] for j in rows) for i in rows]

    s = list(start)
    ds = [mp.mpf(0)] * n
    dds = [mp.mpf(0)] * n
    out = [s[index]]
    for _ in range(steps):
        if derivatives:
            # d/dλ of s⁺ = Rs: R′s + Rs′; d²: 2R′s′ + Rs″ (R″ = 0: R is affine in λ)
            r_dds, dr_ds = times(R, dds), times(dR, ds)
            dds = [2 * u + w for u, w in zip(dr_ds, r_dds, strict=True)]
            ds = [u + w for u, w in zip(times(dR, s), times(R, ds), strict=True)]
        s = times(R, s)
        out.append(s[index])
    return out, ds[index], dds[index]


def worst_case(
    method: Method, lo: float, hi: float, steps: int, params: dict[str, float]
) -> WorstCase:
    """The certified worst case after ``steps`` steps (see the module docstring).

    Two-entry methods take the fast path (``_worst_case_2x2``, float64 search then a
    50-digit check); others the 50-digit one (``_worst_case_mp``).
    """
    if method.iteration_matrix().rows == 2 and steps > 0 and lo < hi:
        return _worst_case_2x2(method, lo, hi, steps, params)
    return _worst_case_mp(method, lo, hi, steps, params)


def _critical_points(series: np.ndarray) -> list[float]:
    """Real critical points t ∈ [−1, 1] of a Chebyshev series, from every root of its
    derivative (colleague matrix) within 1e-3 of the segment, polished by Newton on the
    float series."""
    from numpy.polynomial import chebyshev as C

    deriv = C.chebder(series)
    deriv2 = C.chebder(deriv)
    roots = C.chebroots(deriv) if deriv.size > 1 else np.array([])
    points = []
    for r in roots:
        if abs(r.imag) <= 1e-3 and -1 - 1e-3 <= r.real <= 1 + 1e-3:
            t = float(np.clip(r.real, -1, 1))
            for _ in range(30):
                d2 = C.chebval(t, deriv2)
                if d2 == 0:
                    break
                t_new = float(np.clip(t - C.chebval(t, deriv) / d2, -1, 1))
                if t_new == t:
                    break
                t = t_new
            points.append(t)
    return points


def _certify(method: Method, params: dict, a, b, steps: int, x, newton: int = 2) -> tuple:
    """Newton at 50 digits from ``x`` on p′, then p² there: (value, λ)."""
    for _ in range(newton):
        _, d1, d2 = _trajectory(method, params, x, steps, derivatives=1)
        if d2 == 0:
            break
        x = min(max(x - d1 / d2, a), b)
    return _trajectory(method, params, x, steps)[0][-1] ** 2, x


def _worst_case_2x2(
    method: Method, lo: float, hi: float, steps: int, params: dict[str, float]
) -> WorstCase:
    """The same search, with the sampling and the root finding in float64.

    p_N at the Chebyshev points comes from Rᴺ in O(1) per point
    (:func:`numeric.closed_form.power_2x2`); the colleague matrix gives every critical
    point; their float values rank them.  Then the best candidates are evaluated at 50
    digits (after two Newton steps there), and so is every other candidate whose float
    value, plus a margin of 10⁻⁹ of the largest, could still reach the best: ``lower``
    is an exact value of p_N² at a point of [μ, L], ``upper`` adds the 50-digit bound.
    """

    from numeric import closed_form

    from . import evaluate

    M = steps + 1
    theta = np.pi * (np.arange(M) + 0.5) / M
    nodes = np.cos(theta)
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    _, _, start_mp, index = _compiled(method)
    start = np.array([float(c) for c in start_mp])
    args = [params[p] for p in method.parameters]

    def values(lams: np.ndarray) -> np.ndarray:
        R = evaluate.matrices(method, args, lams, lams.shape)
        return (closed_form.power_2x2(R, steps) @ start)[..., index]

    samples = values(mid + half * nodes)
    coeffs = (2.0 / M) * (np.cos(np.outer(np.arange(M), theta)) @ samples)
    coeffs[0] /= 2
    points = [-1.0, 1.0, *_critical_points(coeffs)]
    lams = np.clip(mid + half * np.array(points), lo, hi)
    lams[0], lams[1] = lo, hi  # the ends exactly
    floats = values(lams) ** 2
    order = np.argsort(floats)[::-1]
    margin = 1e-9 * float(floats.max()) + 1e-300
    with mp.workdps(DIGITS):
        a, b = mp.mpf(lo), mp.mpf(hi)
        best_value, best_x = mp.mpf(-1), a
        for i in order:
            if best_value >= 0 and floats[i] + margin < best_value:
                break  # no remaining candidate can reach the best
            x = mp.mpf(float(lams[i]))
            if i < 2:  # an end: evaluate there, no Newton step
                value = _trajectory(method, params, x, steps)[0][-1] ** 2
            else:
                value, x = _certify(method, params, a, b, steps, x)
            if value > best_value:
                best_value, best_x = value, x
        upper = best_value * (1 + mp.mpf(10) ** -30) + mp.mpf(10) ** -300
    return WorstCase(steps, float(best_value), float(best_x), float(best_value), float(upper))


def _worst_case_mp(
    method: Method, lo: float, hi: float, steps: int, params: dict[str, float]
) -> WorstCase:
    """The search of the module docstring, every step at 50 digits."""
    if steps == 0 or lo == hi:
        with mp.workdps(DIGITS):
            value = _trajectory(method, params, mp.mpf(hi), steps)[0][-1] ** 2
        v = float(value)
        return WorstCase(steps, v, hi, v, v)
    with mp.workdps(DIGITS):
        a, b = mp.mpf(lo), mp.mpf(hi)
        M = steps + 1
        nodes = [mp.cos(mp.pi * (i + mp.mpf(1) / 2) / M) for i in range(M)]
        samples = [
            _trajectory(method, params, (a + b) / 2 + (b - a) / 2 * t, steps)[0][-1] for t in nodes
        ]
        # Chebyshev coefficients by the discrete cosine sum, with T_j(t_i) from the
        # three-term recurrence (no cosines in the double loop).
        sums = [mp.mpf(0)] * M
        for t, f in zip(nodes, samples, strict=True):
            prev, cur = mp.mpf(1), t
            sums[0] += f
            for j in range(1, M):
                sums[j] += f * cur
                prev, cur = cur, 2 * t * cur - prev
        coeffs = [total * (1 if j == 0 else 2) / M for j, total in enumerate(sums)]
        scale = max(abs(c) for c in coeffs) or mp.mpf(1)
        series = np.array([float(c / scale) for c in coeffs])
        best_value, best_x = mp.mpf(-1), a
        for x in (a, b):
            v = _trajectory(method, params, x, steps)[0][-1] ** 2
            if v > best_value:
                best_value, best_x = v, x
        for t in _critical_points(series):
            x = (a + b) / 2 + (b - a) / 2 * mp.mpf(t)
            v, x = _certify(method, params, a, b, steps, x, newton=3)
            if v > best_value:
                best_value, best_x = v, x
        lower = best_value
        upper = best_value * (1 + mp.mpf(10) ** -30) + mp.mpf(10) ** -300
    return WorstCase(steps, float(best_value), float(best_x), float(lower), float(upper))


def over_class(
    method: Method,
    function_class: str,
    mu: float,
    L: float,
    steps: int,
    params: dict[str, float],
    metric: str,
    initial: str,
):
    """PEPit's worst case over a function class for the method's linear form (a bridge
    to :func:`numeric.pep.worst_case`)."""
    from numeric import pep

    from .evaluate import linear_form

    return pep.worst_case(
        linear_form(method, params), function_class, mu, L, steps, metric=metric, initial=initial
    )
