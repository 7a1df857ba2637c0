"""The claim registry: every checkable statement of the source texts.

Claims are declared beside their derivations (one family per module) with the
:func:`~momentum_proofs._registry.claim` decorator; importing this module
imports every family.  A claim carries no status: ``momentum-proofs verify``
computes it in each run.

>>> from momentum_proofs import claims
>>> claims.get("HB-RATE").family
'HB'
>>> "HB-STABILITY" in claims.ids()
True
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType

from ._registry import _CLAIMS, Claim, Source

__all__ = ["Claim", "Source", "all", "families", "family_modules", "get", "ids"]

#: Top-level modules of the package that are infrastructure, not claim families.
_INFRASTRUCTURE = {
    "claims",
    "cli",
    "codegen",
    "coverage",
    "curvature_tuning",
    "proof",
    "symbols",
    "tune",
}


@functools.cache
def family_modules() -> dict[str, ModuleType]:
    """Every family module (one claim family each), imported, by module name.

    A family module is any top-level module of :mod:`momentum_proofs` that is
    neither private nor infrastructure; importing it registers its claims.
    """
    package = importlib.import_module(__package__)
    out = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in _INFRASTRUCTURE or info.ispkg:
            continue
        out[info.name] = importlib.import_module(f"{__package__}.{info.name}")
    # Installed packages add claims through the entry-point group momentum_proofs.claims:
    # each entry names a module whose import registers them (after register_family).
    from importlib.metadata import entry_points

    for ep in entry_points(group="momentum_proofs.claims"):
        out[f"{ep.name} ({ep.value})"] = ep.load()
    return out


def all() -> list[Claim]:  # noqa: A001 - the registry's documented name
    """Every registered claim, in id order."""
    return [_CLAIMS[i] for i in ids()]  # ids() imports the families first


def ids() -> list[str]:
    """Every claim id, sorted."""
    family_modules()
    return sorted(_CLAIMS)


def get(claim_id: str) -> Claim:
    """The claim with id ``claim_id``; ``KeyError`` naming the known ids otherwise."""
    family_modules()
    try:
        return _CLAIMS[claim_id]
    except KeyError:
        raise KeyError(f"unknown claim id {claim_id!r}; known ids: {', '.join(ids())}") from None


def families() -> dict[str, list[Claim]]:
    """Claims grouped by family prefix."""
    out: dict[str, list[Claim]] = {}
    for c in all():
        out.setdefault(c.family, []).append(c)
    return out


def reading_order() -> list[Claim]:
    """Every claim in the order the docs present them.

    Families in their declared reading order (:data:`momentum_proofs._families.FAMILIES`,
    then plug-ins); within a family, each claim after the claims of that family it uses
    (``Claim.uses``), and otherwise in the order its module declares them.

    >>> order = [c.id for c in reading_order()]
    >>> order.index("HB-R") < order.index("HB-STABILITY")
    True
    """
    from ._families import all_families

    family_modules()
    declared = list(_CLAIMS)  # registration order: module by module, top to bottom
    rank = {p.prefix: i for i, p in enumerate(all_families())}
    groups: dict[str, list[Claim]] = {}
    for cid in declared:
        c = _CLAIMS[cid]
        groups.setdefault(c.family, []).append(c)
    out: list[Claim] = []
    for family in sorted(groups, key=lambda f: (rank.get(f, len(rank)), f)):
        members = groups[family]
        placed: set[str] = set()
        pending = list(members)
        while pending:
            for c in pending:
                inside = {u for u in c.uses if u.split("-", 1)[0] == family}
                if inside <= placed:
                    out.append(c)
                    placed.add(c.id)
                    pending.remove(c)
                    break
            else:  # a cycle: the tests forbid it; keep the declared order rather than hang
                out += pending
                break
    return out


def used_by(claim_id: str) -> list[str]:
    """The ids of the claims that declare ``claim_id`` in their ``uses``, sorted."""
    return sorted(c.id for c in all() if claim_id in c.uses)
