"""``momentum-proofs errata [--json]``: every misprint of the texts refuted in this run.

Each row is a printed-formula claim whose printed form was refuted exactly while its
correction was verified, with the severity its rule gives it: ``erratum`` (false as
printed in every rendition of its file), ``slip`` (one wrong rendition, symbol or word
in a statement that is right elsewhere in the file, or right once the name is fixed)
or ``typography`` (an extraction artefact, such as a glued footnote marker, that
changes how a formula reads).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from . import print_json

NAME = "errata"
HELP = (
    "verify every printed-formula claim and list those refuted in this run, grouped by "
    "severity: erratum, slip, typography (exit 0 unless a printed-formula claim failed)"
)

#: The order of the groups in the text output, worst first.
SEVERITIES = ("erratum", "slip", "typography")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def rows(outcomes: Iterable) -> list[dict]:
    """The errata rows of these verification outcomes: printed formulas refuted in the run."""
    from .._registry import RULES

    out = []
    for o in outcomes:
        c = o.claim
        if c.kind != "printed-formula" or o.status != "erratum":
            continue
        routes = ", ".join(r.name for r in o.routes)
        evidence = (
            f"{o.evidence}: printed form refuted exactly in this run (a counterexample at a "
            f"rational point, or the printed object shown to be of the wrong kind); correction "
            f"proven{' and checked by ' + routes if routes else ''}"
        )
        note = o.proof.note if o.proof is not None else ""
        out.append(
            {
                "claim": c.id,
                "source": c.source.as_dict(),
                "printed": c.printed,
                "correct": c.corrected,
                "evidence": evidence,
                "severity": c.severity,
                "rule": f"{RULES[c.rule].criterion} [{c.rule}]" + (f". {note}" if note else ""),
            }
        )
    return out


def entries() -> tuple[list[dict], list[str]]:
    """(misprints found in this run, ids of printed-formula claims that failed)."""
    from .. import claims, verify

    outcomes = verify.verify([c.id for c in claims.all() if c.kind == "printed-formula"])
    return rows(outcomes), [o.claim.id for o in outcomes if o.status == "failed"]


def run(args: argparse.Namespace) -> int:
    found, failed = entries()
    if args.json:
        print_json(found, ensure_ascii=False)
    else:
        for severity in SEVERITIES:
            group = [e for e in found if e["severity"] == severity]
            if not group:
                continue
            print(f"== {severity} ({len(group)})")
            for e in group:
                src = e["source"]
                print(f"{e['claim']}  ({src['seed']}, {src['section']})")
                print(f"  printed: {e['printed']}")
                print(f"  correct: {e['correct']}")
                print(f"  evidence: {e['evidence']}")
                print(f"  rule: {e['rule']}")
            print()
        counts = ", ".join(f"{sum(e['severity'] == s for e in found)} {s}" for s in SEVERITIES)
        print(
            f"{len(found)} errata ({counts})" + (f"; failed: {', '.join(failed)}" if failed else "")
        )
    return 1 if failed else 0
