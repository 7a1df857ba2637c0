"""General results about stationary linear first-order methods, used by the method engine.

A method given as data (:mod:`momentum_proofs.methods`) has, per eigenvalue λ, an
iteration matrix R(λ).  When the state has two entries, R is a real 2×2 matrix and its
characteristic polynomial is σ² − Tσ + D with T = tr R and D = det R.  This module
proves the branch-free real expression of its spectral radius,

    ρ = max(√|D|, (|T| + √max(T² − 4D, 0))/2),

which holds for every real T and D (real or complex roots, of either sign), and hands it
to the code generator: the engine evaluates T and D of any 2×2 method and calls the
generated kernel.  Heavy ball's and Nesterov's own kernels (claims HB-RATE, NAG-RATE) are
the special cases with D = β and D = β(1 − αλ), written in factored forms that keep
more digits near double roots.
"""

from __future__ import annotations

import sympy as sp

from ._kernel import Kernel
from ._registry import Citation, claim
from ._tex import tex
from .proof import Proof, is_zero

T, D = sp.symbols("T D", real=True)

#: The branch-free spectral radius of σ² − Tσ + D.
RADIUS = sp.Max(sp.sqrt(sp.Abs(D)), (sp.Abs(T) + sp.sqrt(sp.Max(T**2 - 4 * D, 0))) / 2)

_HORN_JOHNSON = Citation(
    "hornjohnson2013",
    "R. A. Horn, C. R. Johnson",
    "Matrix Analysis (2nd ed.)",
    "Cambridge University Press",
    2013,
    "https://doi.org/10.1017/CBO9781139020411",
)


def radius_at(t: sp.Expr, d: sp.Expr) -> sp.Expr:
    """The expression :data:`RADIUS` at trace ``t`` and determinant ``d``.

    >>> print(radius_at(sp.Rational(1, 2), sp.Rational(1, 16)))
    1/4
    """
    return RADIUS.subs({T: t, D: d}, simultaneous=True)


@claim(
    "LIN-RADIUS",
    title="Spectral radius of a real 2×2 matrix from its trace and determinant, branch-free",
    cite=_HORN_JOHNSON,
    section="Section 1.2 (the characteristic polynomial); the 2×2 case worked here",
    statement=r"For real $T$, $D$ the roots of $\sigma^2-T\sigma+D$ satisfy "
    r"$\max(|\sigma_1|,|\sigma_2|)=\max\big(\sqrt{|D|},\ \tfrac12(|T|+\sqrt{\max(T^2-4D,0)})\big)$",
)
def prove_radius() -> Proof:
    """Prove the branch-free spectral radius of a real 2 × 2 matrix from its trace and determinant."""
    proof = Proof(True)
    y, e = sp.symbols("y e", nonnegative=True)
    # Real roots a, b with |a| = y + e ≥ |b| = y: the four sign patterns cover every real
    # pair up to swapping a and b, which changes neither T = a + b nor D = ab.
    cases = [(y + e, y), (y + e, -y), (-(y + e), y), (-(y + e), -y)]
    ok = True
    for a, b in cases:
        t, d = a + b, a * b
        disc = sp.expand(t**2 - 4 * d)
        ok &= is_zero(disc - (a - b) ** 2)  # real roots: the discriminant is (a − b)² ≥ 0
        second = (sp.Abs(t) + sp.Abs(a - b)) / 2  # √((a − b)²) = |a − b|
        ok &= is_zero(sp.simplify(second) - (y + e))
        # √|ab| ≤ y + e: (y + e)² − |ab| = (y + e)² − y(y + e) = e(y + e) ≥ 0
        ok &= (
            is_zero(sp.Abs(d) - y * (y + e))
            and sp.expand((y + e) ** 2 - y * (y + e)).is_nonnegative
        )
    T_, D_ = sp.symbols("T D")
    proof.require(
        "Real roots $a, b$: take $|a| = y + e \\ge |b| = y$ in each of the four sign patterns. "
        "Then $T^2 - 4D = (a - b)^2$, the second term $(|T| + |a - b|)/2$ is the larger modulus "
        "$y + e$, and the first, $\\sqrt{|D|}$, is not larger.",
        bool(ok),
        equation=f"\\rho = {tex(radius_at(T_, D_))} = y + e",
    )
    p = sp.Symbol("p", real=True)
    q = sp.Symbol("q", positive=True)
    t, d = 2 * p, p**2 + q**2  # complex roots p ± iq
    proof.require(
        "Complex roots $p \\pm iq$, $q > 0$: the discriminant is negative, so the second term "
        "is $|p| \\le \\sqrt{p^2 + q^2} = \\sqrt D$, the common modulus, which the first term "
        "gives.",
        is_zero(sp.expand(t**2 - 4 * d) + 4 * q**2)
        and sp.expand((p**2 + q**2) - p**2).is_positive
        and is_zero(sp.sqrt(sp.Abs(d)) - sp.sqrt(p**2 + q**2)),
        equation=f"T^2 - 4D = {tex(sp.expand(t**2 - 4 * d))}, \\qquad "
        f"\\sqrt{{|D|}} = {tex(sp.sqrt(sp.Abs(d)))}",
    )
    proof.require(
        "Hence the expression is the spectral radius for every real $2 \\times 2$ matrix, which "
        "is the statement; a check at the double root of $T = 1$, $D = 1/4$:",
        radius_at(sp.Integer(1), sp.Rational(1, 4)) == sp.Rational(1, 2),
        equation=f"\\rho(T = 1, D = 1/4) = {tex(radius_at(sp.Integer(1), sp.Rational(1, 4)))}",
    )
    return proof


def kernels() -> list[Kernel]:
    """The generic 2×2 spectral radius, printed for :mod:`numeric`.

    >>> print([k.name for k in kernels()])
    ['quadratic_radius']
    """
    return [
        Kernel(
            "quadratic_radius",
            "Spectral radius of a real 2x2 matrix with trace T and determinant D.",
            (T, D),
            (("rho", RADIUS),),
            "LIN-RADIUS",
        )
    ]
