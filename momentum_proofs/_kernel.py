"""What a family module hands to the code generator.

A family module that has kernels defines ``kernels() -> list[Kernel]``;
:mod:`momentum_proofs.codegen` prints them into
``numeric/_generated/<module name>.py``.  Each kernel names the claim that
proves its expressions equal to the derived quantities.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


class unit_sign(sp.Function):
    """+1 for x ≥ 0 and −1 for x < 0 (printed as ``numpy.copysign(1, x)``); never 0."""

    nargs = 1

    def _numpycode(self, printer) -> str:
        return f"numpy.copysign(1.0, {printer.doprint(self.args[0])})"


@dataclass(frozen=True)
class Kernel:
    """A named kernel: argument symbols, output names with expressions, the proving claim."""

    name: str
    doc: str
    args: tuple[sp.Symbol, ...]
    outputs: tuple[tuple[str, sp.Expr], ...]
    proven_by: str


#: The outputs of a tuning kernel ``<method>_tuning(mu, L)``, in order, with the power
#: of t by which each changes when μ and L are both multiplied by t: the step α scales
#: like 1/λ, the rest depend on κ = L/μ only.  The numeric layer uses the degrees to
#: evaluate on μ/2ᵉ, L/2ᵉ (an exact scaling), so no intermediate overflows.
TUNING_OUTPUTS: tuple[tuple[str, int], ...] = (
    ("alpha", -1),
    ("beta", 0),
    ("rate", 0),
    ("one_minus_rate", 0),
)


def _radicals_out(expr: sp.Expr) -> sp.Expr:
    """Rebuild every fractional power on its factored base, so that a radical of a
    square of positive symbols (√(q²/a²) = q/a) comes out of the root."""
    return expr.replace(
        lambda e: e.is_Pow and e.exp.is_Rational and not e.exp.is_Integer,
        lambda e: sp.factor(e.base) ** e.exp,
    )


def _rational_zero(expr: sp.Expr) -> bool:
    """Exact: ``expr`` cancels to 0 as a rational function (no numeric sampling)."""
    return sp.cancel(sp.together(_radicals_out(expr))) == 0


def tuning_kernel(
    method: str,
    forms: dict[str, sp.Expr],
    derived: dict[str, sp.Expr],
    radical_free: dict[sp.Symbol, sp.Expr],
    proven_by: str,
) -> Kernel:
    """The kernel ``<method>_tuning(mu, L)``: α, β, ρ and 1 − ρ at a method's optimum on
    [μ, L], in numerically chosen ``forms``, each *proven* equal to the ``derived`` one.

    ``radical_free`` maps the symbols μ and L to expressions of degree 2 in new positive
    symbols that take the square roots out (μ = a², L = b² for √μ, √L); under it each
    identity ``forms[k] = derived[k]`` is a rational identity, decided by ``cancel``.
    The scaling of :data:`TUNING_OUTPUTS` is proven the same way (μ, L → t²μ, t²L).
    ``ValueError`` names the first identity that is not proven: nothing is printed then.

    >>> from momentum_proofs.symbols import L, mu
    >>> a, b = sp.symbols("a b", positive=True)
    >>> gd = {"alpha": 2 / (L + mu), "beta": sp.Integer(0),
    ...       "rate": (L - mu) / (L + mu), "one_minus_rate": 2 * mu / (L + mu)}
    >>> tuning_kernel("gd", gd, {**gd, "rate": 1 - 2 * mu / (L + mu)},
    ...               {mu: a**2, L: b**2}, "GD-OPTIMAL").name
    'gd_tuning'
    >>> tuning_kernel("gd", {**gd, "alpha": 1 / L}, gd, {mu: a**2, L: b**2}, "GD-OPTIMAL")
    Traceback (most recent call last):
    ...
    ValueError: gd_tuning: alpha = 1/L is not proven equal to the derived 2/(L + mu)
    """
    from .symbols import L, mu

    name = f"{method}_tuning"
    t = sp.Dummy("t", positive=True)
    new = sorted(set().union(*(e.free_symbols for e in radical_free.values())), key=str)
    scale = {x: t * x for x in new}
    for sym in (mu, L):
        if not _rational_zero(radical_free[sym].xreplace(scale) - t**2 * radical_free[sym]):
            raise ValueError(f"{name}: radical_free[{sym}] is not of degree 2")
    outputs = []
    for key, degree in TUNING_OUTPUTS:
        form = sp.sympify(forms[key])
        flat = _radicals_out(form.xreplace(radical_free))
        if not _rational_zero(flat - sp.sympify(derived[key]).xreplace(radical_free)):
            raise ValueError(
                f"{name}: {key} = {form} is not proven equal to the derived {derived[key]}"
            )
        if not _rational_zero(flat.xreplace(scale) - t ** (2 * degree) * flat):
            raise ValueError(f"{name}: {key} does not scale like lambda**{degree}")
        outputs.append((key, form))
    return Kernel(
        name,
        f"alpha, beta, rate and 1 - rate of {method} at its optimum on [mu, L], without "
        "cancellation.",
        (mu, L),
        tuple(outputs),
        f"{proven_by}; each form proven equal to the derived one by codegen",
    )
