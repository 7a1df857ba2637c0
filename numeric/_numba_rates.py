"""The rate kernels compiled by numba: one pass over the data, input checks included.

Imported only when :mod:`numeric.backends` picks numba (the optional extra ``fast``).
Each rate is the scalar twin that :mod:`momentum_proofs.codegen` printed into
``numeric/_generated/fused.py`` (the same operations, in the same order, as the numpy
kernel), with the large-step forms of :mod:`numeric.closed_form` written out per
point in the same operations as there; numba compiles without fast-math, so no
operation is fused or reordered and every result has the numpy path's bits.

``<method>_flat(…, out)`` walks equal-length contiguous float64 arrays in one pass:
it counts the points outside the domain (α > 0 and λ > 0 finite, 0 ≤ β < 1) and the
points where αλ exceeds :data:`numeric.closed_form.LARGE_STEP`, and stores the rate
of every point; the caller redoes the large-step points (``<method>_large``) and, if
any point was outside the domain, lets the numpy checks name its parameter.
``ufunc(method)`` is the same rate as a broadcasting ufunc, for inputs already
checked.

The compiled code is cached on disk.  numba checks a cached function against the
contents of its own file only, and the loops here contain the twins of ``fused.py``
compiled in; so this file records the digest of the ``fused.py`` it was compiled
with (:data:`TWINS_DIGEST`, rewritten by ``momentum-proofs codegen`` whenever it prints
new twins, which makes numba compile again).  Should the digest not match, nothing is
cached: slower to start, never stale.
"""

from __future__ import annotations

import functools
import hashlib
import math
from pathlib import Path

import numba

from ._generated import fused
from .closed_form import LARGE_STEP

#: sha256 of numeric/_generated/fused.py, the twins compiled into the loops below.
TWINS_DIGEST = "416d1e553f467949be4fc1a06cce69f7eda8de2c001b27c56678718b97314176"

_CACHE = hashlib.sha256(Path(fused.__file__).read_bytes()).hexdigest() == TWINS_DIGEST

_SIGNATURE2 = ["float64(float64, float64)"]
_SIGNATURE3 = ["float64(float64, float64, float64)"]

# error_model="numpy": a division by zero gives inf as in numpy, with no check (a
# check per division would also keep the loops from being vectorized).
_jit = functools.partial(numba.njit, cache=_CACHE, nogil=True, error_model="numpy")

_heavy_ball = _jit(inline="always")(fused.heavy_ball_rate)
_nesterov = _jit(inline="always")(fused.nesterov_rate)
_gradient_descent = _jit(inline="always")(fused.gradient_descent_rate)


@_jit
def _heavy_ball_large(a: float, b: float, lm: float) -> float:
    """closed_form.large_step_rate at one point, operation for operation."""
    r = math.sqrt(b)
    p = a * lm
    if math.isinf(p):
        return math.inf
    low = 1 - r
    high = 1 + r
    root = math.sqrt(p - low * low) * math.sqrt(p - high * high)
    return (p - 1 - b) / 2 + root / 2


@_jit
def _nesterov_large(a: float, b: float, lm: float) -> float:
    """closed_form.nesterov_rate_kernel's large-step form at one point."""
    c = a * lm - 1.0
    t = 1 + b
    return c * ((t + math.sqrt(t * t + 4 * b / c)) / 2)


def heavy_ball_point(a: float, b: float, lm: float) -> float:
    if a * lm > LARGE_STEP:
        return _heavy_ball_large(a, b, lm)
    return _heavy_ball(a, b, lm)


def nesterov_point(a: float, b: float, lm: float) -> float:
    if a * lm > LARGE_STEP:
        return _nesterov_large(a, b, lm)
    return _nesterov(a, b, lm)


_POINTS = {
    "heavy_ball": (heavy_ball_point, _SIGNATURE3),
    "nesterov": (nesterov_point, _SIGNATURE3),
    "gradient_descent": (fused.gradient_descent_rate, _SIGNATURE2),
}


@functools.cache
def ufunc(method: str):
    """The rate of ``method`` as a broadcasting float64 ufunc (compiled on first use:
    ``numba.vectorize`` with a signature compiles at once)."""
    point, signature = _POINTS[method]
    return numba.vectorize(signature, cache=_CACHE)(point)


# --- one pass over flat arrays ------------------------------------------------------------
#
# The loops below have no early exit and no branch on the data (the checks and the
# large-step test are counted, the rate is stored for every point), so LLVM vectorizes
# them: four points per AVX2 instruction.  The few large-step points are redone
# afterwards in their own form, in a second loop that runs only when there are any.


@_jit
def _inside(x: float, y: float, z: float) -> bool:
    """α > 0 and λ > 0 finite, 0 ≤ β < 1 (False for NaN)."""
    return (x > 0.0) & (x < math.inf) & (y >= 0.0) & (y < 1.0) & (z > 0.0) & (z < math.inf)


@_jit
def heavy_ball_flat(a, b, lm, out) -> tuple[int, int]:
    """Rates of equal-length contiguous arrays into ``out``; (points outside the
    domain, points with αλ > LARGE_STEP, which are redone by ``heavy_ball_large``)."""
    bad = 0
    big = 0
    for i in range(out.size):
        x, y, z = a[i], b[i], lm[i]
        bad += 0 if _inside(x, y, z) else 1
        big += 1 if x * z > LARGE_STEP else 0
        out[i] = _heavy_ball(x, y, z)
    return bad, big


@_jit
def heavy_ball_large(a, b, lm, out) -> None:
    for i in range(out.size):
        if a[i] * lm[i] > LARGE_STEP:
            out[i] = _heavy_ball_large(a[i], b[i], lm[i])


@_jit
def nesterov_flat(a, b, lm, out) -> tuple[int, int]:
    bad = 0
    big = 0
    for i in range(out.size):
        x, y, z = a[i], b[i], lm[i]
        bad += 0 if _inside(x, y, z) else 1
        big += 1 if x * z > LARGE_STEP else 0
        out[i] = _nesterov(x, y, z)
    return bad, big


@_jit
def nesterov_large(a, b, lm, out) -> None:
    for i in range(out.size):
        if a[i] * lm[i] > LARGE_STEP:
            out[i] = _nesterov_large(a[i], b[i], lm[i])


@_jit
def gradient_descent_flat(a, lm, out) -> tuple[int, int]:
    bad = 0
    for i in range(out.size):
        x, z = a[i], lm[i]
        bad += 0 if _inside(x, 0.0, z) else 1
        out[i] = _gradient_descent(x, z)
    return bad, 0
