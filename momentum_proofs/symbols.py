"""The symbols every derivation shares.

``lam`` stands for an eigenvalue λ of the Hessian (``lambda`` would be renamed
by ``lambdify``).  Square-root symbols ``r = √β`` and ``u = √(αλ)`` turn the
radical identities of the texts into polynomial ones, which sympy proves
quickly and exactly.
"""

from __future__ import annotations

import sympy as sp

alpha = sp.Symbol("alpha", positive=True)
beta = sp.Symbol("beta", nonnegative=True)
lam = sp.Symbol("lam", positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
sigma = sp.Symbol("sigma")

#: r = √β and u = √(αλ), both taken positive.
r = sp.Symbol("r", positive=True)
u = sp.Symbol("u", positive=True)

#: The eigenvalue bounds λ₁ = μ and λₙ = L, and s = √κ.
mu = sp.Symbol("mu", positive=True)
L = sp.Symbol("L", positive=True)
kappa = sp.Symbol("kappa", positive=True)
s = sp.Symbol("s", positive=True)

#: Names shown in LaTeX.
LATEX_NAMES = {alpha: r"\alpha", beta: r"\beta", lam: r"\lambda", sigma: r"\sigma", mu: r"\mu"}


def latex(expr: sp.Basic) -> str:
    """LaTeX for ``expr`` with λ for ``lam``.

    >>> latex(alpha * lam)
    '\\\\alpha \\\\lambda'
    """
    return sp.latex(expr, symbol_names=LATEX_NAMES)
