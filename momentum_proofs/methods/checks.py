"""Argument checks shared by the method engine and the built-in methods' cards.

No sympy here: :mod:`momentum_proofs.methods.card` answers ``analyse`` for a built-in
method without deriving anything, and checks its input the same way.
"""

from __future__ import annotations

import math
from typing import Any


def check_bounds(lambda_min: Any, lambda_max: Any) -> tuple[float, float]:
    """0 < λ_min ≤ λ_max, both finite (the same rule as :func:`momentum_proofs.tune.tune`).

    >>> check_bounds(1, 4.0)
    (1.0, 4.0)
    >>> check_bounds(4.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: lambda_min must be <= lambda_max; got 4.0 > 1.0
    """
    values = []
    for name, value in (("lambda_min", lambda_min), ("lambda_max", lambda_max)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a finite real number > 0; got {type(value).__name__}")
        x = float(value)
        if not math.isfinite(x) or x <= 0:
            raise ValueError(f"{name} must be a finite real number > 0; got {value!r}")
        values.append(x)
    if values[0] > values[1]:
        raise ValueError(f"lambda_min must be <= lambda_max; got {values[0]!r} > {values[1]!r}")
    return values[0], values[1]
