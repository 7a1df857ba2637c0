"""LaTeX for derivation steps: the right side of a step's equation, from what was computed.

A step's equation names an object on its left and shows, on its right, sympy's LaTeX of
the object the proof computed or reduced, so the docs show what was checked rather than a
retyped formula.  :func:`tex` prints it with the display names; ``reduced`` (from
:mod:`momentum_proofs.proof`, the form :func:`~momentum_proofs.proof.is_zero` decided
on) is re-exported beside it for the steps that show a residue.
"""

from __future__ import annotations

import sympy as sp

from .proof import reduced
from .symbols import LATEX_NAMES

__all__ = ["reduced", "tex"]


def tex(expr: sp.Basic, names: dict | None = None) -> str:
    """LaTeX of ``expr`` with the shared display names (λ for ``lam``) and ``names`` on top.

    >>> from momentum_proofs.symbols import lam
    >>> tex(2 * lam, {sp.Symbol("x_star"): r"x^\\star"})
    '2 \\\\lambda'
    """
    return sp.latex(sp.sympify(expr), symbol_names={**LATEX_NAMES, **(names or {})})
