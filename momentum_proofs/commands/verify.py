"""``momentum-proofs verify [--json] [--only ID ...]``."""

from __future__ import annotations

import argparse

from . import UsageError, print_json

NAME = "verify"
HELP = "derive every claim, run its cross-checks, print a table (exit 0 iff nothing failed)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--only", nargs="+", metavar="ID", help="verify only these claim ids")


def run(args: argparse.Namespace) -> int:
    from .. import claims, verify

    ids = args.only
    if ids:
        known = set(claims.ids())
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise UsageError(
                f"--only: unknown claim id {unknown[0]!r} (run `momentum-proofs verify` for the list)"
            )
    outcomes = verify.verify(ids)
    if args.json:
        print_json([o.as_json() for o in outcomes])
    else:
        _print_table(outcomes)
    return 0 if all(o.status != "failed" for o in outcomes) else 1


def _print_table(outcomes) -> None:
    rows = [("id", "status", "evidence", "max_rel_error", "seconds", "title")]
    for o in outcomes:
        rows.append(
            (
                o.claim.id,
                o.status,
                o.evidence,
                f"{o.max_rel_error:.2e}",
                f"{o.seconds:.2f}",
                o.claim.title + (f"  [{o.error}]" if o.error else ""),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5])
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
