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
