"""Optimal step size and momentum per method, in float64, from the generated kernels.

For gradient descent, heavy ball and Nesterov the optimum over a curvature range
[μ, L] is derived with sympy (claims ``GD-OPTIMAL``, ``HB-OPTIMAL``, ``NAG-OPTIMAL``),
and :mod:`momentum_proofs.codegen` prints α, β, the rate ρ and 1 − ρ at the optimum
as ``<method>_tuning(mu, L)`` in forms without cancellation (for example heavy ball's
ρ = (L − μ)/(√μ + √L)² instead of (√L − √μ)/(√L + √μ)), each proven equal to the
derived expression.  This module evaluates them: numpy only, no sympy.

- **Range.**  α scales like 1/λ and the rest depend on κ = L/μ only (proven with the
  forms), so the kernel runs on μ/2ᵉ and L/2ᵉ with 2ᵉ near √(μL): an exact scaling
  that keeps every intermediate (L², 3L + μ) far from overflow for any finite μ, L
  with finite κ.  α is scaled back exactly.
- **Iterations per decade**, ln 10/(−ln ρ): from −ln ρ when ρ ≤ 1/2 and from
  −log1p(−(1 − ρ)) above, so the logarithm's argument is always one with a small
  relative error (ρ near 0 at κ near 1, 1 − ρ near 0 at large κ); 0 when ρ = 0.
- **Accuracy.**  A few ulps for every κ: each output is a handful of correctly
  rounded operations on the exact inputs with no cancellation (the tests check
  against mpmath at 50 digits on the exact float inputs, κ up to 10¹⁵).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v

#: Method name → the generated module holding ``<method>_tuning``.
KERNELS: dict[str, str] = {
    "gradient_descent": "gradient_descent",
    "heavy_ball": "heavy_ball_optimal",
    "nesterov": "nesterov",
}

_LN10 = float(np.log(10.0))


def kernel(method: str) -> Callable[..., tuple]:
    """The generated ``<method>_tuning(mu, L)`` of a method in :data:`KERNELS`."""
    if method not in KERNELS:
        raise ValueError(f"method must be one of {', '.join(KERNELS)}; got {method!r}")
    module = importlib.import_module(f"numeric._generated.{KERNELS[method]}")
    return getattr(module, f"{method}_tuning")


def optimal(method: str, lambda_min: ArrayLike, lambda_max: ArrayLike) -> dict[str, np.ndarray]:
    """α, β, rate, 1 − rate and iterations per decade of ``method`` tuned on [λ_min, λ_max].

    Parameters
    ----------
    method : {"gradient_descent", "heavy_ball", "nesterov"}
    lambda_min, lambda_max : array_like
        Positive and finite, with λ_min ≤ λ_max; broadcast together, and λ_max/λ_min
        must be finite too.

    Returns
    -------
    dict
        Keys ``alpha``, ``beta``, ``rate``, ``one_minus_rate`` and
        ``iterations_per_decade``: float64 arrays of the broadcast shape (numpy scalars
        for scalar input).  α overflows to inf, without a warning, where the true
        step exceeds float64 (λ_max below about 2e-308).

    Examples
    --------
    Heavy ball on [1, 9]: √κ = 3, so α = (2/4)², β = (2/4)², ρ = 1/2 (Goh, "Why Momentum
    Really Works", "Optimal parameters"):

    >>> t = optimal("heavy_ball", 1.0, 9.0)
    >>> print(t["alpha"], t["beta"], t["rate"], t["one_minus_rate"])
    0.25 0.25 0.5 0.5
    >>> print(optimal("gradient_descent", [1.0, 2.0], 3.0)["rate"])
    [0.5 0.2]
    """
    fn = kernel(method)
    lo = v.real_array("lambda_min", lambda_min, low=0)
    hi = v.real_array("lambda_max", lambda_max, low=0)
    lo, hi = v.broadcast(lambda_min=lo, lambda_max=hi)
    if (lo > hi).any():
        bad = np.argmax(lo > hi)
        raise ValueError(
            f"lambda_min must be <= lambda_max; got {lo.flat[bad]!r} > {hi.flat[bad]!r}"
        )
    with np.errstate(over="ignore"):
        if not np.isfinite(hi / lo).all():
            raise ValueError("lambda_max/lambda_min must be a finite number (κ overflows float64)")
    # 2ᵉ near √(μL): μ/2ᵉ ≈ 1/√κ and L/2ᵉ ≈ √κ, both well inside float64's range.
    e = (np.frexp(lo)[1] + np.frexp(hi)[1]) // 2
    alpha, beta, rate, gap = (
        np.asarray(x, dtype=np.float64) for x in fn(np.ldexp(lo, -e), np.ldexp(hi, -e))
    )
    with np.errstate(over="ignore", under="ignore"):
        alpha = np.ldexp(alpha, -e)  # α(μ/2ᵉ, L/2ᵉ) = 2ᵉ α(μ, L)
    out = {
        "alpha": alpha,
        "beta": beta,
        "rate": rate,
        "one_minus_rate": gap,
        "iterations_per_decade": _per_decade(rate, gap),
    }
    return {k: (x[()] if x.ndim == 0 else x) for k, x in out.items()}


def _per_decade(rate: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """ln 10/(−ln ρ), with the logarithm taken of whichever of ρ, 1 − ρ is the
    smaller (ln ρ = log1p(−(1 − ρ))), and 0 at ρ = 0."""
    small = rate <= 0.5
    with np.errstate(divide="ignore"):
        log_rate = np.where(small, np.log(np.where(small, rate, 1.0)), np.log1p(-gap))
        return np.where(rate == 0, 0.0, _LN10 / -np.where(rate == 0, -1.0, log_rate))
