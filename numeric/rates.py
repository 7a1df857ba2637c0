"""Convergence rates (spectral radii of the iteration matrices), per eigenvalue.

Each function validates its inputs, broadcasts them, and evaluates a kernel that
:mod:`momentum_proofs.codegen` printed from a proven-equal sympy form, so the
result is finite and warning-free on the whole valid domain (including the
double-root curves, where the eigenvalue formula itself is ill-conditioned).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v
from . import closed_form
from .sweep import chunked

# The allowed range of each argument, by name: alpha > 0, beta in [0, 1), lam > 0.
_DOMAINS: dict[str, dict] = {
    "alpha": {"low": 0},
    "beta": {"low": 0, "high": 1, "low_open": False},
    "lam": {"low": 0},
    "trace": {},
    "det": {},
}


def _rate(kernel: Callable[..., np.ndarray], **args: ArrayLike) -> np.ndarray | np.float64:
    """Validate each argument (in the order given), broadcast them, evaluate ``kernel``.

    A 0-d result comes back as a numpy scalar, as from a ufunc.
    """
    arrays = v.broadcast(
        **{name: v.real_array(name, x, **_DOMAINS[name]) for name, x in args.items()}
    )
    out = chunked(kernel, *arrays)
    return out[()] if out.ndim == 0 else out


def heavy_ball(alpha: ArrayLike, beta: ArrayLike, lam: ArrayLike) -> np.ndarray:
    """Rate max(|σ₁|, |σ₂|) of heavy-ball momentum on an eigenvalue λ.

    The iteration converges in that eigenspace iff the rate is below 1, which
    happens exactly for 0 < αλ < 2 + 2β (claim ``HB-STABILITY``; Goh, "Why
    Momentum Really Works", 2017, "The Dynamics of Momentum").

    Parameters
    ----------
    alpha : array_like
        Step size, > 0.
    beta : array_like
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalue, > 0.  The three broadcast together.

    Examples
    --------
    Critical damping at αλ = 1/4 gives the rate 1 − √(1/4) = 1/2:

    >>> print(heavy_ball(0.25, 0.25, 1.0))
    0.5
    >>> print(heavy_ball(1.0, 0.0, [0.5, 2.5]))
    [0.5 1.5]
    """
    return _rate(closed_form.heavy_ball_rate_kernel, alpha=alpha, beta=beta, lam=lam)


def gradient_descent(alpha: ArrayLike, lam: ArrayLike) -> np.ndarray:
    """Rate |1 − αλ| of gradient descent on an eigenvalue λ (claim ``GD-RATE``).

    >>> print(gradient_descent(0.5, [1.0, 2.0, 5.0]))
    [0.5 0.  1.5]
    """
    return _rate(closed_form.gradient_descent_rate_kernel, alpha=alpha, lam=lam)


def nesterov(alpha: ArrayLike, beta: ArrayLike, lam: ArrayLike) -> np.ndarray:
    """Rate max(|σ₁|, |σ₂|) of Nesterov momentum on an eigenvalue λ.

    σ₁, σ₂ are the roots of σ² − (1 + β)(1 − αλ)σ + β(1 − αλ) (claim
    ``NAG-MATRIX``); the kernel is the branch-free form of claim ``NAG-RATE``.
    The rate is below 1 exactly for 0 < αλ < (2 + 2β)/(1 + 2β) (``NAG-STABILITY``;
    update from the lecture slides "Optimization", "Nesterov Momentum").

    Parameters
    ----------
    alpha : array_like
        Step size, > 0.
    beta : array_like
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalue, > 0.  The three broadcast together.

    Examples
    --------
    At αλ = 1 both roots are 0; at β = 0 the rate is gradient descent's |1 − αλ|:

    >>> print(nesterov(1.0, 0.9, 1.0))
    0.0
    >>> print(nesterov(0.5, 0.0, [1.0, 3.0]))
    [0.5 0.5]
    """
    return _rate(closed_form.nesterov_rate_kernel, alpha=alpha, beta=beta, lam=lam)


def two_by_two(trace: ArrayLike, det: ArrayLike) -> np.ndarray:
    """Spectral radius of a real 2×2 matrix from its trace T and determinant D.

    The roots of σ² − Tσ + D have largest modulus max(√|D|, (|T| + √max(T² − 4D, 0))/2)
    for every real T and D (claim ``LIN-RADIUS``); the method engine
    (:mod:`momentum_proofs.methods`) evaluates any two-entry method's T(λ) and D(λ) and
    calls this.  Accuracy: a few ulps of the result away from a double root; within
    about √(ε(T² + 4|D|)) on it, where T² − 4D cancels.  The kernel runs on T/s and
    D/s² with s the power of two nearest max(|T|, √|D|) (exact scalings), so T² neither
    overflows nor underflows for any finite T and D.

    Parameters
    ----------
    trace, det : array_like
        Finite; broadcast together.

    Examples
    --------
    Heavy ball at α = 1/4, β = 1/4, λ = 1 has T = 1 + β − αλ = 1 and D = β = 1/4, a
    double root 1/2:

    >>> print(two_by_two(1.0, 0.25))
    0.5
    >>> print(two_by_two([0.0, 3.0], [-4.0, 2.0]))
    [2. 2.]
    """
    from ._generated.linear_methods import quadratic_radius

    def scaled(t: np.ndarray, d: np.ndarray) -> np.ndarray:
        size = np.maximum(np.abs(t), np.sqrt(np.abs(d)))
        _, e = np.frexp(np.where(size > 0, size, 1.0))
        return np.ldexp(quadratic_radius(np.ldexp(t, -e), np.ldexp(d, -2 * e)), e)

    return _rate(scaled, trace=trace, det=det)
