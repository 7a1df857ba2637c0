"""The claim record and the decorator that registers one.

A claim is declared next to its derivation, in the module of its family, by
decorating the function that proves it (one theorem, one function, as in
PEPit).  :mod:`momentum_proofs.claims` imports the families and is the public
view of the registry.  No status is stored here: :mod:`momentum_proofs.verify`
computes it in every run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["theorem", "printed-formula"]

SEEDS = {
    "blog": "000_5a449e681689af02.txt",
    "distill": "001_dca7dfbbfee52c11.txt",
    "lecture": "002_bee5153b5cb4bea1.txt",
}


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: seed file, section, and the verbatim passage."""

    seed: str
    section: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        return {"seed": self.seed, "section": self.section, "quote": self.quote}


@dataclass(frozen=True)
class Claim:
    """One checkable statement of the source texts."""

    id: str
    title: str
    source: Source
    kind: Kind
    statement: str
    prove: Callable = field(repr=False, compare=False)
    printed: str | None = None
    corrected: str | None = None
    reconstructed: bool = False

    @property
    def family(self) -> str:
        return self.id.split("-", 1)[0]


_CLAIMS: dict[str, Claim] = {}


def claim(
    id: str,
    *,
    title: str,
    seed: str,
    section: str,
    quote: str,
    statement: str,
    kind: Kind = "theorem",
    printed: str | None = None,
    corrected: str | None = None,
    reconstructed: bool = False,
) -> Callable[[Callable], Callable]:
    """Register the decorated proof function as the symbolic route of claim ``id``.

    The proof is cached, so a test session derives each claim once.
    """
    if kind == "printed-formula" and (printed is None or corrected is None):
        raise ValueError(f"{id}: a printed formula needs both 'printed' and 'corrected'")

    def register(fn: Callable) -> Callable:
        if id in _CLAIMS:
            raise ValueError(f"claim id {id!r} registered twice")
        cached = functools.cache(fn)
        _CLAIMS[id] = Claim(
            id=id,
            title=title,
            source=Source(SEEDS.get(seed, seed), section, " ".join(quote.split())),
            kind=kind,
            statement=statement,
            prove=cached,
            printed=printed,
            corrected=corrected,
            reconstructed=reconstructed,
        )
        return cached

    return register
