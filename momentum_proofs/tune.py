"""Optimal step size and momentum for a curvature range, per method.

``tune(lambda_min, lambda_max)`` reports the tunings that the family modules
*derive* (claims ``GD-OPTIMAL``, ``HB-OPTIMAL`` and ``NAG-OPTIMAL``).  Each method's
module hands over the derived optimum in μ = λ_min and L = λ_max, and
:mod:`momentum_proofs.codegen` prints it, in forms without cancellation that are
proven equal to the derived expressions, as ``<method>_tuning`` into
``numeric/_generated/``; :func:`numeric.tuning.optimal` evaluates that in float64
(a few ulps from the exact values for every κ, including 1 − ρ and the iterations per
decade ln 10/(−ln ρ) at κ = 1e15).  So ``tune`` loads numpy and the generated
kernels, not sympy: the command ``momentum-proofs tune`` starts about as fast as
numpy imports.  A method of :data:`METHODS` without a generated kernel is evaluated
from its derived sympy expressions with mpmath at 50 digits instead.  κ = 1 gives
rate 0 and 0 iterations per decade.

``tune_matrix(path_or_array)`` first finds λ_min and λ_max of a symmetric
positive-definite matrix with :mod:`numeric.spectrum`.

The ``torch`` entry gives the ``torch.optim.SGD`` arguments that iterate the
same method: PyTorch's momentum buffer is the Distill z (FIELD-NOTES), so heavy
ball is ``lr=α, momentum=β, nesterov=False`` and gradient descent is
``momentum=0``.

Each method is one entry in :data:`METHODS`; Nesterov's is run by ``nesterov=True``.
"""

from __future__ import annotations

import functools
import importlib
import math
import sys
import types
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ClosedForm:
    """Where a method's derived optimum lives and how PyTorch runs it.

    ``module.function()`` must return the derived optimum in the symbols
    ``momentum_proofs.symbols.mu`` and ``L``: a dict with ``alpha``, ``beta``,
    ``rate`` and optionally ``one_minus_rate`` (1 − ρ free of cancellation), or a
    tuple ``(alpha, beta, rate)``.
    """

    module: str
    function: str = "optimal_parameters"
    torch_nesterov: bool = False


#: The methods ``tune`` reports, in output order.
METHODS: dict[str, ClosedForm] = {
    "gradient_descent": ClosedForm("gradient_descent"),
    "heavy_ball": ClosedForm("heavy_ball_optimal"),
    # The minimax optimum of claim NAG-OPTIMAL; torch's nesterov=True runs it (NAG-TORCH).
    "nesterov": ClosedForm("nesterov", torch_nesterov=True),
}


@dataclass(frozen=True)
class Tuning:
    """The optimal parameters of every method in :data:`METHODS` for [λ_min, λ_max]."""

    lambda_min: float
    lambda_max: float
    kappa: float
    methods: dict[str, dict[str, Any]]
    spectrum: dict[str, Any] | None = field(default=None)

    def as_json(self) -> dict[str, Any]:
        """The JSON object of ``momentum-proofs tune --json`` (DESIGN.md)."""
        out: dict[str, Any] = {
            "lambda_min": self.lambda_min,
            "lambda_max": self.lambda_max,
            "kappa": self.kappa,
            "methods": self.methods,
        }
        if self.spectrum is not None:
            out["spectrum"] = self.spectrum
        return out


@functools.cache
def _evaluators(name: str) -> dict[str, Any]:
    """mpmath functions of (μ, L) for one method, lambdified from the derived expressions."""
    import sympy as sp

    from .symbols import L, mu

    spec = METHODS[name]
    module = importlib.import_module(f"{__package__}.{spec.module}")
    derived = getattr(module, spec.function)()
    if isinstance(derived, tuple):
        derived = dict(zip(("alpha", "beta", "rate"), derived, strict=True))
    exprs = {key: derived[key] for key in ("alpha", "beta", "rate")}
    exprs["one_minus_rate"] = derived.get("one_minus_rate", 1 - derived["rate"])
    return {key: sp.lambdify((mu, L), expr, modules="mpmath") for key, expr in exprs.items()}


def _check_bounds(lambda_min: Any, lambda_max: Any) -> tuple[float, float]:
    values = []
    for name, value in (("lambda_min", lambda_min), ("lambda_max", lambda_max)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = type(value).__name__
            raise TypeError(f"{name} must be a finite real number > 0; got {kind}")
        x = float(value)
        if not math.isfinite(x) or x <= 0:
            raise ValueError(f"{name} must be a finite real number > 0; got {value!r}")
        values.append(x)
    lo, hi = values
    if lo > hi:
        raise ValueError(f"lambda_min must be <= lambda_max; got {lo!r} > {hi!r}")
    return lo, hi


def _method(name: str, lo: float, hi: float) -> dict[str, Any]:
    values = _generated(name, lo, hi) or _derived(name, lo, hi)
    if not all(math.isfinite(x) for x in values):
        raise ValueError(f"{name}: the tuning is not finite for [{lo!r}, {hi!r}]")
    a, b, rho, n = values
    return {
        "alpha": a,
        "beta": b,
        "rate": rho,
        "iterations_per_decade": n,
        "torch": {"lr": a, "momentum": b, "nesterov": METHODS[name].torch_nesterov},
    }


def _generated(name: str, lo: float, hi: float) -> list[float] | None:
    """(α, β, ρ, iterations per decade) from the generated kernel, if there is one."""
    from numeric import tuning

    if name not in tuning.KERNELS:
        return None
    found = tuning.optimal(name, lo, hi)
    keys = ("alpha", "beta", "rate", "iterations_per_decade")
    return [float(found[k]) for k in keys]


def _derived(name: str, lo: float, hi: float) -> list[float]:
    """The same from the derived sympy expressions, at 50 digits with mpmath."""
    import mpmath as mp

    ev = _evaluators(name)
    with mp.workdps(50):
        mu_m, L_m = mp.mpf(lo), mp.mpf(hi)
        alpha = ev["alpha"](mu_m, L_m)
        beta = ev["beta"](mu_m, L_m)
        rate = ev["rate"](mu_m, L_m)
        gap = ev["one_minus_rate"](mu_m, L_m)  # 1 − ρ in closed form
        per_decade = mp.mpf(0) if rate == 0 else mp.log(10) / -mp.log1p(-gap)
        return [float(alpha), float(beta), float(rate), float(per_decade)]


def tune(lambda_min: float, lambda_max: float) -> Tuning:
    """Optimal α, β, rate and iterations per decade of each method on [λ_min, λ_max].

    Parameters
    ----------
    lambda_min, lambda_max : float
        Bounds of the Hessian's spectrum, 0 < lambda_min <= lambda_max, finite.

    Examples
    --------
    >>> t = tune(1.0, 9.0)
    >>> hb = t.methods["heavy_ball"]
    >>> print(hb["alpha"], hb["beta"], hb["rate"])
    0.25 0.25 0.5
    >>> print(t.methods["gradient_descent"]["rate"], hb["torch"])
    0.8 {'lr': 0.25, 'momentum': 0.25, 'nesterov': False}
    """
    lo, hi = _check_bounds(lambda_min, lambda_max)
    kappa = hi / lo
    if not math.isfinite(kappa):
        raise ValueError(
            f"lambda_max/lambda_min must be a finite number; {hi!r}/{lo!r} overflows float64"
        )
    methods = {name: _method(name, lo, hi) for name in METHODS}
    return Tuning(lo, hi, kappa, methods)


def tune_matrix(path_or_array: Any, *, time_limit: float | None = None) -> Tuning:
    """:func:`tune` on the extreme eigenvalues of a symmetric positive-definite matrix.

    ``path_or_array`` is a ``.npy`` file (read without pickles), a Matrix Market
    ``.mtx`` file, a dense array or a scipy.sparse matrix.  The result's
    ``spectrum`` says how the bounds were found.

    >>> import numpy as np
    >>> t = tune_matrix(np.diag([1.0, 4.0, 9.0]))
    >>> print(t.lambda_min, t.lambda_max, t.spectrum["method"])
    1.0 9.0 eigvalsh
    """
    import os

    from numeric import spectrum

    source = None
    matrix = path_or_array
    if isinstance(path_or_array, (str, os.PathLike)):
        source = os.fspath(path_or_array)
        matrix = spectrum.load_matrix(source)
    limit = spectrum.TIME_LIMIT if time_limit is None else time_limit
    found = spectrum.bounds(matrix, time_limit=limit)
    result = tune(found.lambda_min, found.lambda_max)
    return Tuning(
        result.lambda_min,
        result.lambda_max,
        result.kappa,
        result.methods,
        {"file": source, "n": found.n, "method": found.method},
    )


class _CallableModule(types.ModuleType):
    """Lets ``momentum_proofs.tune(...)`` call :func:`tune` even when the package
    attribute ``tune`` is this submodule (the import system binds it on import)."""

    def __call__(self, lambda_min: float, lambda_max: float) -> Tuning:
        return tune(lambda_min, lambda_max)


sys.modules[__name__].__class__ = _CallableModule
