"""``momentum-proofs codegen [--check]``."""

from __future__ import annotations

import argparse

from . import UsageError

NAME = "codegen"
HELP = "print the numeric kernels into numeric/_generated (or --check them)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true", help="compare instead of writing")
    p.add_argument("--spec", metavar="FILE", help="print the kernels of a method spec (TOML)")
    p.add_argument("--out", metavar="DIR", help="where --spec writes its module")


def run(args: argparse.Namespace) -> int:
    import os

    from .. import codegen

    if args.spec is None and args.out is None:
        return codegen.main(check_only=args.check)
    if args.spec is None or args.out is None or args.check:
        raise UsageError("--spec FILE and --out DIR go together (and not with --check)")
    if not os.path.isfile(args.spec):
        raise UsageError(f"--spec: file {args.spec!r} not found")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise UsageError(f"--out: {args.out!r} is not a directory")
    from ..methods import SpecError

    try:
        path = codegen.write_spec(args.spec, args.out)
    except SpecError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {path}")
    return 0
