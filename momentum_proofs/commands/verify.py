"""``momentum-proofs verify [--json] [--only ID ...]``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap

from . import UsageError, print_json, shorten

NAME = "verify"
HELP = "derive every claim, run its cross-checks, print a table (exit 0 iff nothing failed)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON instead of a table (the table's titles are shortened to fit a "
        "terminal; piped, its lines are whole)",
    )
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
        for i in ids:
            if claims.get(i).missing:
                raise UsageError(
                    f"--only: {i} needs {', '.join(claims.get(i).missing)}, which is not "
                    "installed: pip install 'momentum-proofs[pep]'"
                )
    outcomes = verify.verify(ids)
    if args.json:
        print_json([o.as_json() for o in outcomes])
    else:
        _print_table(outcomes, table_width())
    left_out = [] if ids else verify.skipped()
    if left_out:
        # stderr, so that --json stays one document; the exit code does not change
        needed = sorted({m for c in left_out for m in c.missing})
        print(
            f"skipped {len(left_out)} claims that need {', '.join(needed)} "
            f"(pip install 'momentum-proofs[pep]'): {', '.join(c.id for c in left_out)}",
            file=sys.stderr,
        )
    return 0 if all(o.status != "failed" for o in outcomes) else 1


def table_width() -> int | None:
    """The width the table must fit: the terminal's, or ``None`` (whole lines) when piped.

    ``COLUMNS`` set in the environment counts as a terminal of that width, as
    :func:`shutil.get_terminal_size` reads it.
    """
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _print_table(outcomes, width: int | None = None) -> None:
    rows = [("id", "status", "evidence", "max_rel_error", "seconds")]
    titles = ["title"]
    errors: list[str | None] = [None]
    for o in outcomes:
        rows.append(
            (
                o.claim.id,
                o.status,
                o.evidence,
                f"{o.max_rel_error:.2e}",
                f"{o.seconds:.2f}",
            )
        )
        titles.append(o.claim.title)
        errors.append(o.error or None)
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    fixed = sum(widths) + 2 * len(widths)
    # Only the title gives way; ids and statuses are never cut.  At least the ellipsis
    # stays, so a row always shows that it has a title.
    room = None if width is None else max(width - fixed, 1)
    for r, title, error in zip(rows, titles, errors, strict=True):
        cells = "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
        print(cells + "  " + (title if room is None else shorten(title, room)))
        if error:
            # a failure's message is what the reader needs: wrapped, not cut
            indent = " " * 4
            lines = [error] if width is None else textwrap.wrap(error, max(width - 4, 20))
            for line in lines:
                print(indent + line)
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
