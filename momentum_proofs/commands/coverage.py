"""``momentum-proofs coverage [--json]``: every statement of the sources and what checks it."""

from __future__ import annotations

import argparse

from . import print_json, shorten

NAME = "coverage"
HELP = "list every mathematical statement of the three sources with its claim ids or the reason it is not checkable"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON {rows, counts, pending_ids}")


def run(args: argparse.Namespace) -> int:
    from .. import coverage

    rows = coverage.table()
    totals = coverage.counts(rows)
    pending = coverage.missing_ids()
    if args.json:
        print_json({"rows": rows, "counts": totals, "pending_ids": pending}, ensure_ascii=False)
        return 0
    header = ("seed", "section", "statement", "accounted for by")
    lines = [header]
    for r in rows:
        what = ", ".join(r["claims"]) if r["claims"] else r["reason"]
        if r["status"] == "pending":
            what += "  [pending]"
        lines.append((r["seed"][:3], r["section"], r["statement"], what))
    widths = [min(max(len(line[i]) for line in lines), cap) for i, cap in enumerate((4, 36, 60))]
    for line in lines:
        cells = [shorten(c, w) for c, w in zip(line[:3], widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + line[3])
    by_status = totals["by_status"]
    print(
        f"{totals['statements']} statements: "
        + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
        + "; not checkable by reason: "
        + ", ".join(f"{n} {k}" for k, n in sorted(totals["not_checkable_by_reason"].items()))
    )
    if pending:
        print("pending claim ids (not in the registry): " + ", ".join(pending))
    return 0
