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
    alpha : array_like, > 0
    beta : array_like, in [0, 1)
    lam : array_like, > 0
        Broadcast together.

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
    alpha : array_like, > 0
    beta : array_like, in [0, 1)
    lam : array_like, > 0
        Broadcast together.

    Examples
    --------
    At αλ = 1 both roots are 0; at β = 0 the rate is gradient descent's |1 − αλ|:

    >>> print(nesterov(1.0, 0.9, 1.0))
    0.0
    >>> print(nesterov(0.5, 0.0, [1.0, 3.0]))
    [0.5 0.5]
    """
    return _rate(closed_form.nesterov_rate_kernel, alpha=alpha, beta=beta, lam=lam)
