"""Numeric layer of momentum-proofs: rates, closed forms and simulations in float64.

Imports only numpy at module level (scipy is imported inside the functions that
need it), and never imports sympy or :mod:`momentum_proofs`.  The kernels it
evaluates are printed by :mod:`momentum_proofs.codegen` into
:mod:`numeric._generated`.
"""

import importlib as _importlib
from typing import Any as _Any

from . import closed_form, matrices, rates, simulate

# Loaded on first use (``numeric.spectrum`` or ``from numeric import spectrum``), so
# ``import numeric`` costs no more than the four modules above: each of these adds a
# few milliseconds against the budget import numeric <= 1.2 x import numpy.  plots is
# not exported: it registers every figure at import (about 6 ms more); import
# numeric.plots directly.
_LAZY = ("backends", "graphs", "krylov", "problems", "spectrum", "sweep", "tuning")

__all__ = ["closed_form", "matrices", "rates", "simulate", *_LAZY]


def __getattr__(name: str) -> _Any:
    if name in _LAZY:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
