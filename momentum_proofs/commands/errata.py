"""``momentum-proofs errata [--json]``: the printed formulas this run refutes."""

from __future__ import annotations

import argparse

from . import print_json

NAME = "errata"
HELP = (
    "verify every printed-formula claim and list those refuted in this run "
    "(exit 0 unless a printed-formula claim failed)"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def entries() -> tuple[list[dict], list[str]]:
    """(errata found in this run, ids of printed-formula claims that failed)."""
    from .. import claims, verify

    printed = [c.id for c in claims.all() if c.kind == "printed-formula"]
    out, failed = [], []
    for o in verify.verify(printed):
        if o.status == "failed":
            failed.append(o.claim.id)
        if o.status != "erratum":
            continue
        routes = ", ".join(r.name for r in o.routes)
        evidence = (
            f"{o.evidence}: printed form refuted exactly at a rational point; correction "
            f"proven{' and checked by ' + routes if routes else ''}"
        )
        out.append(
            {
                "claim": o.claim.id,
                "source": o.claim.source.as_dict(),
                "printed": o.claim.printed,
                "correct": o.claim.corrected,
                "evidence": evidence,
                "rule": o.proof.note if o.proof is not None else "",
            }
        )
    return out, failed


def run(args: argparse.Namespace) -> int:
    found, failed = entries()
    if args.json:
        print_json(found, ensure_ascii=False)
    else:
        for e in found:
            src = e["source"]
            print(f"{e['claim']}  ({src['seed']}, {src['section']})")
            print(f"  printed: {e['printed']}")
            print(f"  correct: {e['correct']}")
            print(f"  evidence: {e['evidence']}")
            if e["rule"]:
                print(f"  rule: {e['rule']}")
        print(f"{len(found)} errata" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0
