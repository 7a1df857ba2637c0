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
Severity = Literal["erratum", "slip", "typography"]


@dataclass(frozen=True)
class Rule:
    """A criterion that decides how a refuted printed formula is reported."""

    severity: Severity
    criterion: str


#: The criteria a printed-formula claim names with ``rule=``.  Garble (a plain-text
#: copy that lost a symbol while the LaTeX in the same file is right) is none of them:
#: by the rule of the seeds' README it is not a misprint and is not reported.
RULES: dict[str, Rule] = {
    "every-rendition": Rule(
        "erratum", "every rendition of the statement in its file is false as printed"
    ),
    "one-rendition": Rule(
        "slip", "one rendition is wrong where the same file prints the statement right"
    ),
    "misnamed": Rule(
        "slip", "a wrong symbol or word in a statement that holds once the name is fixed"
    ),
    "glued-marker": Rule(
        "typography",
        "a footnote marker set against a symbol by the extraction changes how the formula "
        "reads, and no rendition in that file reads otherwise",
    ),
}

SEEDS = {
    "blog": "000_5a449e681689af02.txt",
    "distill": "001_dca7dfbbfee52c11.txt",
    "lecture": "002_bee5153b5cb4bea1.txt",
}


@dataclass(frozen=True)
class Citation:
    """A published source that a claim checks, beside the seed texts."""

    key: str  # a short citation key, e.g. "vanscoy2018"
    authors: str
    title: str
    venue: str
    year: int
    url: str  # a DOI link or another stable address

    def text(self) -> str:
        """The reference as one line.

        >>> print(Citation("k", "A. Author", "A title", "A venue", 2018, "https://doi.org/x").text())
        A. Author, “A title”, A venue, 2018. https://doi.org/x
        """
        return f"{self.authors}, “{self.title}”, {self.venue}, {self.year}. {self.url}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "key": self.key,
            "authors": self.authors,
            "title": self.title,
            "venue": self.venue,
            "year": self.year,
            "url": self.url,
        }


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: seed file, section, and the verbatim passage; or a citation.

    A claim about a published result (a paper, not one of the seed texts) has a
    ``citation`` and no quote; its ``seed`` is ``"cite:KEY"``.
    """

    seed: str
    section: str
    quote: str
    citation: Citation | None = None

    def as_dict(self) -> dict:
        out: dict = {"seed": self.seed, "section": self.section, "quote": self.quote}
        if self.citation is not None:
            out["citation"] = self.citation.as_dict()
        return out


@dataclass(frozen=True)
class Marker:
    """A footnote marker that the extraction left inside a quote, e.g. ``yet9``.

    ``fragment`` is the verbatim text of the quote that carries it (the marker's digits
    at its end) and ``number`` the footnote it points to.  Quotes keep the marker, as
    printed; the docs set it apart as a superscript.
    """

    fragment: str
    number: int

    @property
    def word(self) -> str:
        """The fragment without the marker's digits."""
        return self.fragment[: -len(str(self.number))].rstrip(" ^")

    def describe(self) -> str:
        return (
            f"“{self.fragment}”: the {self.number} is a footnote marker (footnote "
            f"{self.number}), set against “{self.word}” by the extraction; it is not part of "
            "the text."
        )


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
    rule: str | None = None
    markers: tuple[Marker, ...] = ()
    needs: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    display: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The packages of ``needs`` that cannot be imported here (their routes cannot run)."""
        import importlib.util

        return tuple(m for m in self.needs if importlib.util.find_spec(m) is None)

    @property
    def family(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def severity(self) -> Severity | None:
        """How a refutation of the printed form is reported (``None`` for a theorem)."""
        return RULES[self.rule].severity if self.rule is not None else None


_CLAIMS: dict[str, Claim] = {}


def claim(
    id: str,
    *,
    title: str,
    seed: str | None = None,
    section: str,
    quote: str = "",
    statement: str,
    kind: Kind = "theorem",
    printed: str | None = None,
    corrected: str | None = None,
    reconstructed: bool = False,
    rule: str | None = None,
    markers: dict[str, int] | None = None,
    cite: Citation | None = None,
    needs: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
    display: str | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated proof function as the symbolic route of claim ``id``.

    A printed formula names the criterion (a key of :data:`RULES`) that decides how
    its refutation is reported: ``rule="every-rendition"`` (an erratum),
    ``"one-rendition"`` or ``"misnamed"`` (a slip), ``"glued-marker"`` (typography).
    ``markers`` maps each fragment of the quote that carries a footnote marker to the
    marker's number.  A claim about a published result gives ``cite=`` (a
    :class:`Citation`) instead of ``seed=`` and ``quote=``.  ``needs`` names optional
    packages without which the claim's statement cannot be established (PEPit for a
    worst case over a function class): where one is missing, ``verify`` skips the claim
    and says so.  ``uses`` lists the ids of the claims whose results this one builds on
    (checked by the tests: each exists, there is no cycle, and every claim id that the
    proof mentions is declared); the docs order and link claims by it.  ``display`` is
    the quote as the docs show it, with its maths in ``$…$``, for a quote whose
    extraction the docs cannot untangle by rule (the verbatim quote stays the one the
    tests check and the docs keep under "as extracted").  The proof is
    cached, so a test session derives each claim once.
    """
    if (seed is None) == (cite is None):
        raise ValueError(f"{id}: give seed= (with a quote) or cite=, exactly one")
    if seed is not None and not quote.strip():
        raise ValueError(f"{id}: a claim from a seed needs the verbatim quote it checks")
    if kind == "printed-formula" and (printed is None or corrected is None):
        raise ValueError(f"{id}: a printed formula needs both 'printed' and 'corrected'")
    if kind == "printed-formula" and rule not in RULES:
        raise ValueError(f"{id}: a printed formula needs rule= one of {', '.join(RULES)}")
    if kind != "printed-formula" and rule is not None:
        raise ValueError(f"{id}: only a printed formula names a rule")
    quote = " ".join(quote.split())
    found = tuple(Marker(f, n) for f, n in (markers or {}).items())
    for m in found:
        if m.fragment not in quote or not m.fragment.endswith(str(m.number)):
            raise ValueError(f"{id}: marker {m.fragment!r} is not in the quote or lacks {m.number}")

    def register(fn: Callable) -> Callable:
        from ._families import BY_PREFIX

        if id in _CLAIMS:
            raise ValueError(f"claim id {id!r} registered twice")
        if id.split("-", 1)[0] not in BY_PREFIX:
            raise ValueError(f"{id}: its prefix is no family of momentum_proofs._families")
        cached = functools.cache(fn)
        _CLAIMS[id] = Claim(
            id=id,
            title=title,
            source=(
                Source(SEEDS.get(seed, seed), section, quote)
                if cite is None
                else Source(f"cite:{cite.key}", section, quote, cite)
            ),
            kind=kind,
            statement=statement,
            prove=cached,
            printed=printed,
            corrected=corrected,
            reconstructed=reconstructed,
            rule=rule,
            markers=found,
            needs=tuple(needs),
            uses=tuple(uses),
            display=display,
        )
        return cached

    return register
