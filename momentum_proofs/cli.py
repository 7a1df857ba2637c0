"""The ``momentum-proofs`` command line.

Every error is one line on stderr and exit code 2, with nothing evaluated;
``verify`` exits 0 iff no claim failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage block
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> None:
        if message:
            print(message.strip(), file=sys.stderr)
        raise SystemExit(status)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="momentum-proofs",
        description="Derive and cross-check the mathematics of momentum methods.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("verify", help="derive every claim and run its cross-checks")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--only", nargs="+", metavar="ID", help="verify only these claim ids")

    p = sub.add_parser("codegen", help="print the numeric kernels into numeric/_generated")
    p.add_argument("--check", action="store_true", help="compare instead of writing")
    return parser


def _verify(args: argparse.Namespace) -> int:
    from . import claims, verify

    ids = args.only
    if ids:
        known = set(claims.ids())
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise UsageError(
                f"--only: unknown claim id {unknown[0]!r} (see `momentum-proofs verify`)"
            )
    outcomes = verify.verify(ids)
    if args.json:
        print(json.dumps([o.as_json() for o in outcomes], indent=2, allow_nan=False))
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


def _codegen(args: argparse.Namespace) -> int:
    from . import codegen

    return codegen.main(check_only=args.check)


COMMANDS = {"verify": _verify, "codegen": _codegen}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"momentum-proofs: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and friends
        return int(exc.code or 0)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
