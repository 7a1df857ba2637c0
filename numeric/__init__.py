"""Numeric layer of momentum-proofs: rates, closed forms and simulations in float64.

Imports only numpy at module level (scipy is imported inside the functions that
need it), and never imports sympy or :mod:`momentum_proofs`.  The kernels it
evaluates are printed by :mod:`momentum_proofs.codegen` into
:mod:`numeric._generated`.
"""

# plots imports matplotlib only inside its functions, so it is as cheap as the rest.
from . import (
    closed_form,
    graphs,
    krylov,
    matrices,
    plots,
    problems,
    rates,
    simulate,
    spectrum,
    sweep,
)

__all__ = [
    "closed_form",
    "graphs",
    "krylov",
    "matrices",
    "plots",
    "problems",
    "rates",
    "simulate",
    "spectrum",
    "sweep",
]
