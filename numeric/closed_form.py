"""Closed forms for powers of the heavy-ball iteration matrix.

By Cayley–Hamilton (claim ``HB-POWER``) every power of the 2×2 matrix R is a
combination of R and I:

    Rᵏ = D_k R − β D_{k−1} I,    D_k = (σ₁ᵏ − σ₂ᵏ)/(σ₁ − σ₂),

with the limit D_k = kσ^{k−1} on the double root.  Writing D_k = ρ^{k−1} δ_k,

    δ_k = sgn(σ₁)^{k−1} · sinc(kθ)/sinc(θ) · S_k(x),  S_k(x) = (1 − xᵏ)/(1 − x),

where θ is the eigenvalues' argument (0 when real) and x = σ₂/σ₁ (1 when complex).
Both factors are continuous through the double root (θ → 0, x → 1, each → k),
so the result is accurate there, and the power ρ^{k−1} is applied in log space,
so the cost does not depend on k and overflow gives ±inf without a warning.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v
from ._generated import heavy_ball as kernels
from ._generated import nesterov as nesterov_kernels

_LN2 = np.log(2.0)


def _partial_sum(j: np.ndarray, one_minus_x: np.ndarray) -> np.ndarray:
    """S_j(x) = 1 + x + … + x^{j−1}, from 1 − x, without cancellation near x = 1."""
    at_one = one_minus_x == 0
    safe = np.where(at_one, 1.0, one_minus_x)
    with np.errstate(divide="ignore"):  # log1p(-1) = -inf is the exact limit for x = 0
        log_x = np.log1p(-safe)
    j_log_x = np.where(j == 0, 0.0, j * np.where(np.isinf(log_x), -1.0, log_x))
    j_log_x = np.where(np.isinf(log_x) & (j > 0), -np.inf, j_log_x)
    return np.where(at_one, j.astype(np.float64), -np.expm1(j_log_x) / safe)


def _delta(j: np.ndarray, theta: np.ndarray, one_minus_x: np.ndarray, sign: np.ndarray):
    """δ_j = D_j / ρ^{j−1} (see the module docstring); δ_0 = 0, δ_1 = 1."""
    ratio = np.sinc(j * theta / np.pi) / np.sinc(theta / np.pi)
    parity = np.where((j - 1) % 2 == 0, 1.0, sign)
    return parity * ratio * _partial_sum(j, one_minus_x)


def heavy_ball_power(alpha: ArrayLike, beta: ArrayLike, lam: ArrayLike, k: ArrayLike) -> np.ndarray:
    """Rᵏ for the heavy-ball matrix R = [[β, λ], [−αβ, 1 − αλ]], shape ``(..., 2, 2)``.

    Source: Goh, "Why Momentum Really Works" (2017), "The Dynamics of Momentum",
    which prints a two-case formula; this is the Cayley–Hamilton form, proven in
    claim ``HB-POWER``, evaluated without branches on the eigenvalue case.

    Parameters
    ----------
    alpha : array_like
        Step size, > 0.
    beta : array_like
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalue, > 0.
    k : array_like of int
        Power, ≥ 0.  All four broadcast together.

    Examples
    --------
    At the double root (β = (1 − √(αλ))², here σ = 1/2) Rᵏ = σ^{k−1}(kR − (k−1)σI):

    >>> print(heavy_ball_power(0.25, 0.25, 1.0, 3))
    [[-0.0625  0.75  ]
     [-0.046875  0.3125 ]]
    """
    a = v.real_array("alpha", alpha, low=0)
    b = v.real_array("beta", beta, low=0, high=1, low_open=False)
    lm = v.real_array("lam", lam, low=0)
    kk = v.integer_array("k", k, minimum=0)
    a, b, lm, kk = v.broadcast(alpha=a, beta=b, lam=lm, k=kk)
    return _power(a, b, lm, kk)


def _power(a: np.ndarray, b: np.ndarray, lm: np.ndarray, kk: np.ndarray) -> np.ndarray:
    rho, theta, one_minus_x, sign = _spectrum(a, b, lm)
    # β = 0 is gradient descent: σ₁ = 1 − αλ and σ₂ = 0 exactly.  The generic
    # kernel forms ρ as |t| + √(t² − 0) with a few ulps of rounding, so a zero
    # rate (αλ = 1, nilpotent R) would come out as ~1e-16 and a zero first column
    # as overflow noise; take the exact values instead.
    gd = b == 0
    with np.errstate(over="ignore"):  # αλ beyond float64: 1 − αλ is −inf, as it should be
        step = 1.0 - a * lm
    rho = np.where(gd, np.abs(step), rho)
    theta = np.where(gd, 0.0, theta)
    one_minus_x = np.where(gd, 1.0, one_minus_x)
    sign = np.where(gd, np.copysign(1.0, step), sign)
    k1 = np.maximum(kk, 1)  # k = 0 is the identity, set at the end
    d_k = _delta(k1, theta, one_minus_x, sign)
    d_km1 = _delta(k1 - 1, theta, one_minus_x, sign)
    # β D_{k−1} = ρ^{k−1} · (β/ρ) δ_{k−1}, and β/ρ = |σ₂|.  Dividing keeps |σ₂|
    # to an ulp even when σ₂ ≪ σ₁, where ρ(1 − (1 − x)) would lose its digits;
    # ρ = 0 only when β = 0, and then the term is 0.
    with np.errstate(divide="ignore", invalid="ignore"):
        beta_over_rho = np.where(rho > 0, b / np.where(rho > 0, rho, 1.0), 0.0)
    entries = np.stack(
        [
            d_k * b - beta_over_rho * d_km1,
            d_k * lm,
            -d_k * a * b,
            d_k * step - beta_over_rho * d_km1,
        ],
        axis=-1,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        log_rho = np.log(rho)
    # ρ = 0 and ρ = inf get stand-ins (any log beyond float64's exponent range
    # does) so that (k − 1)·log ρ is never 0·inf; the exact limits are set after.
    finite_log = np.where(rho == 0, -1.0, np.where(np.isinf(rho), 1e3, log_rho))
    log_scale = np.where(k1 == 1, 0.0, (k1 - 1) * finite_log)
    log_scale = np.where((rho == 0) & (k1 > 1), -np.inf, log_scale)
    out = _scale(entries, log_scale[..., None])
    out = np.where((kk == 0)[..., None], np.array([1.0, 0.0, 0.0, 1.0]), out)
    return out.reshape(out.shape[:-1] + (2, 2))


# Above this αλ the generated kernel's product of four factors (about (αλ)²)
# would overflow; there both roots are real and negative and a product-free form
# of the larger modulus is exact to a few ulps.
LARGE_STEP = 1e100


def large_step_rate(a: np.ndarray, b: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """ρ = |σ₁| for αλ ≥ 4 (both roots real and ≤ 0), without forming (αλ)².

    σ₁ = −((αλ − 1 − β) + √(αλ − (1 − √β)²) √(αλ − (1 + √β)²))/2: every term is
    non-negative, so nothing cancels, and it is +inf only where αλ overflows.

    >>> print(large_step_rate(np.array(1e300), np.array(0.5), np.array(10.0)))
    1e+301
    """
    r = np.sqrt(b)
    with np.errstate(over="ignore", invalid="ignore"):
        p = a * lm
        root = np.sqrt(p - (1 - r) ** 2) * np.sqrt(p - (1 + r) ** 2)
        # halves first: p + root reaches 2p, which overflows for p near float64's end
        return np.where(np.isinf(p), np.inf, (p - 1 - b) / 2 + root / 2)


def heavy_ball_rate_kernel(a: np.ndarray, b: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """The generated rate kernel on validated, broadcast float64 arrays, finite
    wherever the true rate is (αλ above 1e100 goes to :func:`large_step_rate`)."""

    def large(big: np.ndarray) -> np.ndarray:
        return large_step_rate(np.where(big, a, 4.0), b, np.where(big, lm, 1.0))

    return _split_large_steps(kernels.heavy_ball_rate, large, a, b, lm)


def _split_large_steps(
    kernel: Callable[..., np.ndarray],
    large: Callable[[np.ndarray], np.ndarray],
    a: np.ndarray,
    b: np.ndarray,
    lm: np.ndarray,
) -> np.ndarray:
    """``kernel`` where αλ ≤ LARGE_STEP, ``large(big)`` (its form for huge αλ) elsewhere.

    Where αλ is huge the kernel runs on the harmless point α = λ = 1 instead, so it
    never sees the values it would overflow on; ``large`` gets the mask and
    substitutes its own harmless values outside it.
    """
    with np.errstate(over="ignore"):
        big = a * lm > LARGE_STEP
    if not big.any():
        return np.asarray(kernel(a, b, lm), dtype=np.float64)
    small = kernel(np.where(big, 1.0, a), b, np.where(big, 1.0, lm))
    return np.where(big, large(big), small)


def gradient_descent_rate_kernel(a: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """|1 − αλ|, +inf without a warning where αλ overflows (the true rate does too)."""
    with np.errstate(over="ignore"):
        return np.asarray(kernels.gradient_descent_rate(a, lm), dtype=np.float64)


def nesterov_rate_kernel(a: np.ndarray, b: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """The generated Nesterov rate kernel, finite wherever the true rate is.

    Its discriminant is a product of order (αλ)², which overflows from about
    αλ = 1e154 on.  There c = 1 − αλ < 0, both roots of
    σ² − (1 + β)cσ + βc are real, and the larger modulus is
    |c| ((1 + β) + √((1 + β)² + 4β/|c|))/2: all terms positive, nothing to cancel.

    >>> print(nesterov_rate_kernel(np.array(1e200), np.array(0.0), np.array(1e100)))
    1e+300
    """

    def large(big: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            c = np.where(big, a * lm, 4.0) - 1.0
            return c * (((1 + b) + np.sqrt((1 + b) ** 2 + 4 * b / c)) / 2)  # no 2c overflow

    return _split_large_steps(nesterov_kernels.nesterov_rate, large, a, b, lm)


def _spectrum(a: np.ndarray, b: np.ndarray, lm: np.ndarray):
    """The generated spectrum kernel, with the large-step region done separately."""
    with np.errstate(over="ignore"):
        big = a * lm > LARGE_STEP
    if not big.any():
        return kernels.heavy_ball_spectrum(a, b, lm)
    rho, theta, one_minus_x, sign = kernels.heavy_ball_spectrum(
        np.where(big, 1.0, a), b, np.where(big, 1.0, lm)
    )
    rho_big = large_step_rate(np.where(big, a, 4.0), b, np.where(big, lm, 1.0))
    # σ₂/σ₁ = β/σ₁² (their product is β), so 1 − x = 1 − (β/ρ)/ρ.
    x_big = b / rho_big / rho_big
    return (
        np.where(big, rho_big, rho),
        np.where(big, 0.0, theta),
        np.where(big, 1.0 - x_big, one_minus_x),
        np.where(big, -1.0, sign),
    )


def _scale(values: np.ndarray, log_scale: np.ndarray) -> np.ndarray:
    """values · exp(log_scale) without spurious overflow: ±inf only when the product overflows."""
    clipped = np.clip(log_scale, -1e6, 1e6)  # beyond ±1e6 the result is 0 or ±inf anyway
    exponent = np.floor(clipped / _LN2)
    mantissa = np.exp(clipped - exponent * _LN2)
    with np.errstate(over="ignore", under="ignore"):
        # ldexp rounds once, so in-range results are as accurate as the product.
        return np.ldexp(values * mantissa, exponent.astype(np.int64))


def power_2x2(R: ArrayLike, k: ArrayLike) -> np.ndarray:
    """Rᵏ for any real 2×2 matrices R (shape ``(..., 2, 2)``), O(1) in k.

    Cayley–Hamilton gives Rᵏ = D_k R − det(R)·D_{k−1} I with D_k = (σ₁ᵏ − σ₂ᵏ)/(σ₁ − σ₂)
    (claim HB-POWER proves it for heavy ball; the identity only uses that R is 2×2).
    D_k is evaluated as ρ^{k−1} times a bounded factor that is continuous through a
    double root: sin(kθ)/sin θ for complex roots, (1 − x^k)/(1 − x) with x = σ₂/σ₁ for
    real ones (x < 0 when det R < 0), with 1 − x and 1 − |x| formed without
    cancellation.  The work runs on R/s with s a power of two near its size, and the
    power ρ^{k−1} in log space, so nothing overflows before the true result does.

    Parameters
    ----------
    R : array_like
        Finite, of shape (..., 2, 2).
    k : array_like of int
        Power, ≥ 0, broadcast against R's leading shape.

    Examples
    --------
    A rotation by 90° has R⁴ = I (to rounding); a Jordan block has
    (2 1; 0 2)³ = (8 12; 0 8):

    >>> print(np.round(power_2x2([[0.0, -1.0], [1.0, 0.0]], 4), 12) + 0.0)
    [[1. 0.]
     [0. 1.]]
    >>> print(power_2x2([[2.0, 1.0], [0.0, 2.0]], 3))
    [[ 8. 12.]
     [ 0.  8.]]
    """
    m = v.real_array("R", R)
    if m.ndim < 2 or m.shape[-2:] != (2, 2):
        raise ValueError(f"R must have shape (..., 2, 2); got {m.shape}")
    kk = v.integer_array("k", k, minimum=0)
    shape = np.broadcast_shapes(m.shape[:-2], kk.shape)
    m = np.broadcast_to(m, shape + (2, 2))
    kk = np.broadcast_to(kk, shape)
    size = np.abs(m).max(axis=(-2, -1))
    _, e = np.frexp(np.where(size > 0, size, 1.0))
    ms = np.ldexp(m, -e[..., None, None])  # entries of size ≤ 1, exactly scaled
    t = ms[..., 0, 0] + ms[..., 1, 1]
    d = ms[..., 0, 0] * ms[..., 1, 1] - ms[..., 0, 1] * ms[..., 1, 0]
    disc = t * t - 4 * d
    sign = np.where(t < 0, -1.0, 1.0)
    h = np.sqrt(np.maximum(disc, 0.0))
    complex_ = disc < 0
    rho = np.where(complex_, np.sqrt(np.abs(d)), (np.abs(t) + h) / 2)
    zero = rho == 0
    safe_rho = np.where(zero, 1.0, rho)
    theta = np.where(complex_, np.arctan2(np.sqrt(np.maximum(-disc, 0.0)), np.abs(t)), 0.0)
    k1 = np.maximum(kk, 1)

    def delta(j: np.ndarray) -> np.ndarray:
        """D_j/ρ^{j−1} (scaled units), continuous through double roots; δ₀ = 0, δ₁ = 1."""
        parity = np.where((j - 1) % 2 == 0, 1.0, sign)
        # complex: sin(jθ)/sin θ = j·sinc(jθ/π)/sinc(θ/π)
        trig = j * np.sinc(j * theta / np.pi) / np.sinc(theta / np.pi)
        # real, x = σ₂/σ₁ ≥ 0: (1 − x^j)/(1 − x) with 1 − x = h/ρ
        one_minus_x = np.where(complex_ | (d < 0), 1.0, h / safe_rho)
        same_sign = _partial_sum(j, one_minus_x)
        # real, x < 0 (det < 0): 1 − |x| = |t|/ρ, |x|^j = exp(j·log1p(−|t|/ρ))
        with np.errstate(divide="ignore"):
            log_abs_x = np.log1p(-np.minimum(np.abs(t) / safe_rho, 1.0))
        # |x| = 0 (log −inf) stands in as e^{−1000}: |x|^j underflows to 0 for j ≥ 1
        log_abs_x = np.where(np.isinf(log_abs_x), -1e3, log_abs_x)
        abs_x_j = np.exp(j * log_abs_x)
        one_minus_xj = np.where(j % 2 == 1, 1.0 + abs_x_j, -np.expm1(j * log_abs_x))
        opposite = one_minus_xj / (2.0 - np.minimum(np.abs(t) / safe_rho, 1.0))
        value = np.where(complex_, trig, np.where(d < 0, opposite, same_sign))
        return np.where(j == 0, 0.0, parity * value)

    d_k = delta(k1)
    d_km1 = delta(k1 - 1)
    # ρ = 0: R² = tR − dI = 0, so Rᵏ is R at k = 1 and 0 beyond.
    d_k = np.where(zero, np.where(k1 == 1, 1.0, 0.0), d_k)
    d_km1 = np.where(zero, 0.0, d_km1)
    d_over_rho = np.where(zero, 0.0, d / safe_rho)
    eye = np.eye(2)
    inner = d_k[..., None, None] * ms - (d_over_rho * d_km1)[..., None, None] * eye
    with np.errstate(divide="ignore"):
        log_rho = np.log(np.where(zero, 1.0, rho))
    log_scale = (k1 - 1) * (log_rho + e * _LN2)
    log_scale = np.where(zero & (k1 > 1), -np.inf, log_scale)
    # inner is in units of s: Rᵏ = s^{k−1}ρ'^{k−1}·(δ_k R/s·s − …) = (sρ')^{k−1}·s·inner
    out = _scale(np.ldexp(inner, e[..., None, None]), log_scale[..., None, None])
    return np.where((kk == 0)[..., None, None], eye, out)
