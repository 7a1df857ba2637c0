"""The one declaration of the claim families: id prefix, title, reading order, modules.

The registry, the docs extension and the tests read this list; nothing else names
the families.  A family's claims live in the modules listed here (the first is the one
named for it); ``tests/test_claims.py`` checks that every claim sits in one of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """A claim family: the prefix of its ids, its page title and its modules."""

    prefix: str
    title: str
    modules: tuple[str, ...]


#: In reading order (the order of the docs' pages).
FAMILIES: tuple[Family, ...] = (
    Family("GD", "Gradient descent", ("gradient_descent", "beyond_quadratics", "heavy_ball")),
    Family("POLY", "Polynomial regression and spectral filters", ("polynomial_regression",)),
    Family(
        "HB",
        "Heavy-ball momentum",
        ("heavy_ball", "heavy_ball_optimal", "heavy_ball_printed", "beyond_quadratics"),
    ),
    Family("NAG", "Nesterov momentum", ("nesterov",)),
    Family("OSC", "Continuous-time limits", ("oscillator",)),
    Family("COLOR", "The colorization problem", ("colorization",)),
    Family("ROSEN", "The convex Rosenbrock function and the lower bound", ("rosenbrock",)),
    Family("UNROLL", "Unrolled forms", ("unrolled",)),
    Family("SGD", "Stochastic gradients", ("stochastic",)),
    Family(
        "CHEB", "The polynomial view: Krylov, Chebyshev, conjugate gradients", ("polynomial_view",)
    ),
    Family("LECT", "Worked examples of the lecture", ("lecture",)),
    Family("LIN", "Stationary linear methods: general results", ("linear_methods",)),
    Family("QHM", "Quasi-hyperbolic momentum", ("qhm",)),
    Family("TM", "Triple momentum", ("triple_momentum",)),
    Family("RM", "Robust momentum", ("robust_momentum",)),
    Family("TWO", "The two-step family and its minimax member", ("two_step",)),
    Family("WC", "Worst cases after N steps", ("worst_cases",)),
    Family(
        "PEP", "Worst cases over function classes (performance estimation)", ("function_classes",)
    ),
)

BY_PREFIX: dict[str, Family] = {f.prefix: f for f in FAMILIES}


def register(family: Family) -> Family:
    """Declare a plug-in's family (before its claims are registered).

    An installed package that adds claims (entry-point group ``momentum_proofs.claims``)
    declares its own prefix here; the built-in prefixes cannot be taken over.
    """
    known = BY_PREFIX.get(family.prefix)
    if known is not None and known != family:
        raise ValueError(f"family prefix {family.prefix!r} is already declared")
    BY_PREFIX[family.prefix] = family
    return family


def all_families() -> list[Family]:
    """The built-in families in reading order, then those plug-ins declared."""
    builtin = {f.prefix for f in FAMILIES}
    return [*FAMILIES, *(f for p, f in BY_PREFIX.items() if p not in builtin)]
