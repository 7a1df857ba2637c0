"""The verification engine: run every route of every claim and decide its status.

For each claim: the symbolic route (the claim's proof function, exact sympy) and
its numeric cross-checks (registered per claim id in the ``verify`` family
modules, which are the only symbolic-layer modules that import :mod:`numeric`).

Status, computed here and never stored:

- ``verified``: the statement holds by every route;
- ``erratum``: a printed formula is refuted exactly and its correction holds by
  every route, in the same run;
- ``failed``: anything else, including an exception in any route.

A route has a kind: ``numeric`` (float64 or mpmath against an independent formula or a
simulation) or ``pepit`` (a worst case over a function class, by PEPit's semidefinite
program; its tolerance comes from the solver's duality gap, and it is never a proof).
A claim whose statement rests on a package that is not installed (``Claim.needs``) is
not run: :func:`verify` leaves it out and :func:`skipped` lists it.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import claims
from ..proof import Proof


@dataclass
class Route:
    """One numeric route's verdict."""

    name: str
    max_rel_error: float
    ok: bool
    points: int = 0
    detail: str = ""
    kind: str = "numeric"


@dataclass
class Outcome:
    """The verdict on one claim in this run."""

    claim: claims.Claim
    status: str
    evidence: str
    max_rel_error: float
    seconds: float
    proof: Proof | None = None
    routes: list[Route] = field(default_factory=list)
    error: str = ""

    def as_json(self) -> dict:
        c = self.claim
        return {
            "id": c.id,
            "title": c.title,
            "source": c.source.as_dict(),
            "kind": c.kind,
            "status": self.status,
            "evidence": self.evidence,
            "max_rel_error": float(self.max_rel_error),
            "seconds": round(self.seconds, 4),
        }


_CHECKS: dict[str, list[Callable[[], list[Route]]]] = {}


def cross_check(claim_id: str) -> Callable:
    """Register a numeric cross-check (returning a list of :class:`Route`) for a claim."""

    def register(fn: Callable[[], list[Route]]) -> Callable[[], list[Route]]:
        _CHECKS.setdefault(claim_id, []).append(fn)
        return fn

    return register


_SUPPORT = {"error_model", "points"}


@functools.cache
def _load_checks() -> None:
    """Import every cross-check module of this package (each registers its checks)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_") and info.name not in _SUPPORT:
            importlib.import_module(f"{__name__}.{info.name}")


def verify_claim(claim: claims.Claim) -> Outcome:
    """Run every route of one claim."""
    _load_checks()
    start = time.perf_counter()
    proof: Proof | None = None
    routes: list[Route] = []
    try:
        proof = claim.prove()
        for check in _CHECKS.get(claim.id, []):
            routes.extend(check())
    except Exception as exc:  # a crashing route is a failed claim, never a crashed run
        return Outcome(
            claim,
            "failed",
            "none",
            float("inf"),
            time.perf_counter() - start,
            proof,
            routes,
            error="".join(traceback.format_exception_only(exc)).strip(),
        )
    numeric_ok = all(r.ok for r in routes)
    worst = max((r.max_rel_error for r in routes), default=0.0)
    exact = proof is not None and proof.exact and proof.holds
    holds = (proof is None or proof.holds) and numeric_ok and (proof is not None or routes)
    if claim.kind == "printed-formula":
        refuted = proof is not None and proof.printed_holds is False
        status = (
            "erratum"
            if (holds and refuted)
            else ("verified" if holds and proof.printed_holds else "failed")
        )
    else:
        status = "verified" if holds else "failed"
    evidence = "symbolic" if exact else ("numeric" if routes else "none")
    return Outcome(claim, status, evidence, worst, time.perf_counter() - start, proof, routes)


def skipped() -> list[claims.Claim]:
    """The claims that cannot be run here: a package they need is not installed."""
    return [c for c in claims.all() if c.missing]


def verify(ids: Iterable[str] | None = None) -> list[Outcome]:
    """Verify the given claims (by default every claim that can run here), in id order."""
    if ids is None:
        selected = [c for c in claims.all() if not c.missing]
    else:
        selected = [claims.get(i) for i in ids]
        for c in selected:
            if c.missing:
                raise ModuleNotFoundError(
                    f"{c.id} needs {', '.join(c.missing)}: pip install 'momentum-proofs[pep]'"
                )
    return [verify_claim(c) for c in selected]
