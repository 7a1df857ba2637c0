"""What ``momentum-proofs analyse`` shows of a built-in method, without sympy.

The method engine derives a method's iteration matrix, characteristic polynomial and
stability region with sympy (:class:`~momentum_proofs.methods.engine.Method`).  For
the built-in methods these are fixed, so :mod:`momentum_proofs.codegen` prints them
once (as the LaTeX ``analyse`` shows) into ``momentum_proofs/methods/_cards.py``, with
each parameter's domain; ``codegen --check`` compares that file with a fresh
derivation.  A :class:`Card` answers from it, and takes its numbers from the
generated kernels, as the engine does for built-in methods: the rate
(:func:`numeric.rates`, or the generated trace and determinant and claim LIN-RADIUS),
the worst rate over a spectrum, the closed-form tuning of gradient descent, heavy
ball and Nesterov (:func:`momentum_proofs.tune.tune`), and the torch and optax
mappings.  What needs a derivation at run time (a numeric minimax, whose rate is
certified from the characteristic polynomial at 50 digits; the N-step worst case)
is left to the engine: :meth:`Card.can` says which.

>>> from momentum_proofs.methods.card import card
>>> hb = card("heavy_ball")
>>> hb.parameters, hb.state
(('alpha', 'beta'), ('z', 'w'))
>>> print(hb.rate(1.0, alpha=0.25, beta=0.25))
0.5
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .checks import check_bounds

#: Built-in methods whose optimum has a closed form (tuned without a search).
CLOSED_FORM = ("gradient_descent", "heavy_ball", "nesterov")


@dataclass(frozen=True, eq=False)
class Card:
    """A built-in method's derived text and domains, and its numbers from the kernels."""

    name: str
    parameters: tuple[str, ...]
    state: tuple[str, ...]
    domains: dict[str, tuple[float, float, bool, bool]]
    text: dict[str, str | None] = field(repr=False)
    source: str = "built-in"

    def domain(self, name: str) -> tuple[float, float, bool, bool]:
        """(low, high, low_open, high_open), as :meth:`~momentum_proofs.methods.engine.Method.domain` derived it."""
        if name not in self.domains:
            raise KeyError(f"{name!r} is not a parameter of {self.name}")
        return self.domains[name]

    def can(self, *, tune_free: tuple[str, ...] = (), steps: bool = False) -> bool:
        """True when this card answers without sympy: no N-step worst case, and a
        tuning only of every parameter of a method with a closed-form optimum."""
        if steps:
            return False
        if tune_free and (self.name not in CLOSED_FORM or set(tune_free) != set(self.parameters)):
            return False
        return True

    @functools.cached_property
    def _compiled_rate(self):
        from . import evaluate

        return evaluate.compile_rate(self)

    def rate(self, lam: Any, **params: Any):
        """Spectral radius of R(λ) at each λ (see :meth:`~momentum_proofs.methods.engine.Method.rate`)."""
        from . import evaluate

        return evaluate.rate(self, lam, params)

    def worst_rate(self, lambda_min: float, lambda_max: float, **params: Any) -> float:
        """The largest spectral radius over [λ_min, λ_max] (see :meth:`~momentum_proofs.methods.engine.Method.worst_rate`)."""
        from . import evaluate

        lo, hi = check_bounds(lambda_min, lambda_max)
        return evaluate.worst_rate(self, lo, hi, params)[0]

    def tune(self, lambda_min: float, lambda_max: float, **fixed: Any):
        """The closed-form tuning of every parameter (see :meth:`~momentum_proofs.methods.engine.Method.tune`)."""
        from . import evaluate

        if not self.can(tune_free=tuple(p for p in self.parameters if p not in fixed)):
            raise ValueError(f"{self.name}: this tuning needs the method engine")
        lo, hi = check_bounds(lambda_min, lambda_max)
        return evaluate.tune(self, lo, hi, fixed)

    def torch_settings(self, **params: Any) -> tuple[dict | None, str]:
        from . import evaluate

        evaluate.check_parameters(self, params, complete=True)
        return evaluate.torch_settings(self, params)

    def optax_settings(self, **params: Any) -> tuple[dict | None, str]:
        from . import evaluate

        evaluate.check_parameters(self, params, complete=True)
        return evaluate.optax_settings(self, params)


def card(name: str) -> Card | None:
    """The card of built-in method ``name``, or ``None`` (not built in, or not printed)."""
    from . import _cards

    found = _cards.CARDS.get(name)
    if found is None:
        return None
    return Card(
        name,
        tuple(found["parameters"]),
        tuple(found["state"]),
        {k: tuple(v) for k, v in found["domains"].items()},
        {k: found[k] for k in TEXT},
    )


#: The derived text fields ``analyse`` prints, in its order.
TEXT = ("iteration_matrix", "characteristic_polynomial", "stability")


def derived_text(method: Any) -> dict[str, str | None]:
    """The text fields of :data:`TEXT` for a :class:`~momentum_proofs.methods.engine.Method`, derived now (sympy).

    The codegen prints this for every built-in method; ``analyse`` calls it for any
    other method.
    """
    from ..symbols import latex
    from .engine import sigma

    conditions = method.stability_region()
    return {
        "iteration_matrix": latex(method.iteration_matrix()),
        "characteristic_polynomial": latex(method.characteristic_polynomial().collect(sigma)),
        "stability": None if conditions is None else r",\quad ".join(latex(c) for c in conditions),
    }
