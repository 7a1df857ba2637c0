"""LaTeX for derivation steps: the right side of a step's equation, from what was computed.

A step's equation names an object on its left and shows, on its right, sympy's LaTeX of
the object the proof computed or reduced, so the docs show what was checked rather than a
retyped formula.  These two helpers keep that short at the call site.
"""

from __future__ import annotations

import sympy as sp

from .symbols import LATEX_NAMES


def tex(expr: sp.Basic, names: dict | None = None) -> str:
    """LaTeX of ``expr`` with the shared display names (λ for ``lam``) and ``names`` on top.

    >>> from momentum_proofs.symbols import lam
    >>> tex(2 * lam, {sp.Symbol("x_star"): r"x^\\star"})
    '2 \\\\lambda'
    """
    return sp.latex(sp.sympify(expr), symbol_names={**LATEX_NAMES, **(names or {})})


def reduced(expr: sp.Basic) -> sp.Basic:
    """``expr`` in the first of the normal forms of :func:`~momentum_proofs.proof.is_zero` that is 0.

    It is what a proof of ``expr == 0`` saw; when no form reaches 0 it is the expansion,
    so a failed step shows the residue instead of a false zero.

    >>> from momentum_proofs.symbols import alpha
    >>> reduced((alpha + 1) ** 2 - alpha**2 - 2 * alpha - 1)
    0
    >>> reduced(alpha - 1)
    alpha - 1
    """
    expr = sp.sympify(expr)
    if expr == 0:
        return sp.Integer(0)
    for rewrite in (sp.expand, sp.cancel, sp.factor):
        if rewrite(expr) == 0:
            return sp.Integer(0)
    if sp.simplify(expr) == 0:
        return sp.Integer(0)
    return sp.expand(expr)
