"""``momentum-proofs codegen [--check]``."""

from __future__ import annotations

import argparse

NAME = "codegen"
HELP = "print the numeric kernels into numeric/_generated (or --check them)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true", help="compare instead of writing")


def run(args: argparse.Namespace) -> int:
    from .. import codegen

    return codegen.main(check_only=args.check)
