"""``momentum-proofs plot NAME --out FILE``: draw one figure of the docs.

The figures are those of :mod:`numeric.plots` (the Sphinx build draws the same
ones); the format follows the extension of FILE (``.png`` or ``.svg``).  The
name, the extension and the target folder are checked before anything is drawn,
and nothing but FILE is written.
"""

from __future__ import annotations

import argparse
import os

from . import UsageError

NAME = "plot"
HELP = "draw a figure of the docs (momentum-proofs plot NAME --out FILE.png|FILE.svg)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="figure name (an unknown name lists them)")
    p.add_argument("--out", required=True, metavar="FILE", help="output file, .png or .svg")


def run(args: argparse.Namespace) -> int:
    from numeric import plots

    from ..methods import figures  # noqa: F401 - registers the figures that need the engine

    if args.name not in plots.FIGURES:
        raise UsageError(
            f"NAME must be one of {', '.join(sorted(plots.FIGURES))}; got {args.name!r}"
        )
    ext = os.path.splitext(args.out)[1].lower()
    if ext not in plots.FORMATS:
        raise UsageError(f"--out must end in {' or '.join(plots.FORMATS)}; got {args.out!r}")
    folder = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(folder):
        raise UsageError(f"--out: folder {folder!r} does not exist")
    if os.path.isdir(args.out):
        raise UsageError(f"--out must be a file name, not a folder; got {args.out!r}")
    try:
        import matplotlib  # noqa: F401 - only to give a one-line error when it is missing
    except ImportError:
        raise UsageError("plot needs matplotlib: pip install 'momentum-proofs[plot]'") from None
    plots.save(args.name, args.out)
    print(args.out)
    return 0
