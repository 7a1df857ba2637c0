"""Exact proof primitives.

Every claim that says *symbolic* evidence rests on one of these: an expression
that reduces to the integer 0 by ``expand``/``cancel``/``simplify``.  None of
them falls back to numeric sampling (``Expr.equals`` does, so it is not used).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from .symbols import latex


def is_zero(expr: sp.Basic) -> bool:
    """True iff ``expr`` is identically zero, decided by exact rewriting.

    Tries the cheap normal forms first (polynomial expansion, rational
    cancellation) and only then ``simplify``.  A ``False`` means *not proven*,
    not *proven false*; refutations use :func:`differs_at`.

    >>> from momentum_proofs.symbols import alpha, lam
    >>> is_zero((1 - alpha * lam) ** 2 - (1 - 2 * alpha * lam + alpha**2 * lam**2))
    True
    >>> is_zero(alpha - lam)
    False
    """
    return reduced(expr) == 0


def reduced(expr: sp.Basic) -> sp.Basic:
    """``expr`` in the first of :func:`is_zero`'s normal forms that is 0, else expanded.

    It is what a proof of ``expr == 0`` saw, so a derivation step can display it: 0
    when the identity holds, and the residue (never a false zero) when it does not.

    >>> from momentum_proofs.symbols import alpha
    >>> reduced((alpha + 1) ** 2 - alpha**2 - 2 * alpha - 1)
    0
    >>> reduced(alpha - 1)
    alpha - 1
    """
    expr = sp.sympify(expr)
    if expr == 0:
        return sp.Integer(0)
    expanded = sp.expand(expr)
    if expanded == 0:
        return sp.Integer(0)
    for rewrite in (sp.cancel, sp.factor, sp.simplify):
        if rewrite(expr) == 0:
            return sp.Integer(0)
    return expanded


def holds_on_cases(expr: sp.Basic, var: sp.Symbol, cases: tuple) -> bool:
    """True iff ``expr`` is identically zero on every case of a split of ``var``'s range.

    Each case replaces ``var`` by a parametrisation in positive symbols (for
    example ``1 + e`` for ``var ≥ 1``), which lets sympy settle the signs inside
    ``Abs``/``Max`` exactly.  The cases must cover the domain; the caller states why.

    >>> e = sp.Symbol("e", positive=True)
    >>> x = sp.Symbol("x", positive=True)
    >>> holds_on_cases(sp.Abs(1 - x) - sp.Max(1 - x, x - 1), x, (1 / (1 + e), 1 + e))
    True
    """
    return all(is_zero(sp.simplify(sp.sympify(expr).subs(var, case))) for case in cases)


def differs_at(a: sp.Basic, b: sp.Basic, point: dict) -> bool:
    """True iff ``a`` and ``b`` evaluate to different exact numbers at ``point``.

    ``point`` maps symbols to exact rationals, so the comparison is exact: this
    is how a printed formula is refuted.

    >>> from momentum_proofs.symbols import alpha
    >>> differs_at(alpha**2, alpha, {alpha: sp.Rational(1, 2)})
    True
    """
    diff = sp.simplify(sp.sympify(a).subs(point) - sp.sympify(b).subs(point))
    if diff.free_symbols:
        raise ValueError(f"point {point} leaves free symbols in {diff}")
    if diff.is_Rational:
        return diff != 0
    # An algebraic number is zero iff its minimal polynomial is x itself: an exact test,
    # unlike nsimplify, which guesses a closed form from digits.
    x = sp.Dummy("x")
    try:
        return sp.minimal_polynomial(diff, x) != x
    except (NotImplementedError, sp.polys.polyerrors.NotAlgebraic):
        # Transcendental: sympy's assumptions decide only with certified evaluation.
        return diff.is_zero is False


@dataclass
class Step:
    """One step of a derivation as the docs show it: the reason, and its equation.

    ``text`` says what was done (maths in ``$…$`` is typeset); the equation is
    ``equation`` when the step gives one in LaTeX (for example
    ``r"\\det(\\sigma I - R) = \\sigma^2 - t\\sigma + \\beta"``), else sympy's LaTeX
    of ``expr``, the object the step computed.
    """

    text: str
    expr: sp.Basic | None = None
    equation: str | None = None

    @property
    def latex(self) -> str:
        if self.equation is not None:
            return self.equation
        return "" if self.expr is None else latex(self.expr)


@dataclass
class Proof:
    """The outcome of a symbolic route.

    ``holds`` is the verdict on the (corrected) statement; for a printed
    formula ``printed_holds`` is the verdict on the formula as printed
    (``False`` only with an exact counterexample).
    """

    holds: bool
    steps: list[Step] = field(default_factory=list)
    exact: bool = True
    printed_holds: bool | None = None
    note: str = ""

    def step(
        self, text: str, expr: sp.Basic | None = None, *, equation: str | None = None
    ) -> Proof:
        """Record a step: its reason ``text`` and its equation (LaTeX, or ``expr``'s)."""
        self.steps.append(Step(text, expr, equation))
        return self

    def require(
        self, text: str, ok: bool, expr: sp.Basic | None = None, *, equation: str | None = None
    ) -> Proof:
        """Record a proof obligation and fold its verdict into ``holds``."""
        self.steps.append(Step(("" if ok else "FAILED: ") + text, expr, equation))
        self.holds = self.holds and bool(ok)
        return self
