"""``momentum-proofs plot NAME --out FILE [options]``: draw one figure of the docs.

The figures are those of :mod:`numeric.plots` (the Sphinx build draws the same
ones); the format follows the extension of FILE (``.png`` or ``.svg``).  Options:
``--size W,H`` (inches) and ``--dpi N`` for every figure; ``--grid``, ``--range`` and
``--method`` where a figure has them, with a meaning of its own (``plot --help`` lists
each figure's).  The name, the options, the extension and the target folder are
checked before anything is drawn, and nothing but FILE is written.
"""

from __future__ import annotations

import argparse
import os
import textwrap

from . import UsageError

NAME = "plot"
HELP = (
    "draw a figure of the docs (momentum-proofs plot NAME --out FILE.png|FILE.svg "
    "[--size W,H] [--dpi N] [--grid N[,M]] [--range A:B[,C:D]] [--method NAME ...])"
)

#: the command-line flag of each option of numeric.plots.check_options
FLAGS = {"size": "--size", "dpi": "--dpi", "grid": "--grid", "range": "--range"}
FLAGS["methods"] = "--method"


def _figures():
    from numeric import plots

    from ..methods import figures  # noqa: F401 - registers the figures that need the engine

    return plots


def figure_list() -> str:
    """The figure names with their captions and options, for ``plot --help``."""
    plots = _figures()
    out = ["figures (NAME):"]
    for name in sorted(plots.FIGURES):
        spec = plots.FIGURES[name]
        out.append(f"  {name}")
        out += textwrap.wrap(spec.caption, 88, initial_indent="      ", subsequent_indent="      ")
        for option, meaning in spec.options.items():
            out += textwrap.wrap(
                f"{FLAGS[option]}: {meaning.meaning}",
                88,
                initial_indent="      ",
                subsequent_indent="        ",
            )
    return "\n".join(out)


class _HelpWithFigures(argparse.RawDescriptionHelpFormatter):
    """Adds the list of figures to ``plot --help`` when the help is printed (not before:
    building the list imports numpy, which the other commands do not need)."""

    def format_help(self) -> str:
        return super().format_help().rstrip("\n") + "\n\n" + figure_list() + "\n"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = _HelpWithFigures
    p.add_argument("name", metavar="NAME", help="figure name (listed below)")
    p.add_argument("--out", required=True, metavar="FILE", help="output file, .png or .svg")
    p.add_argument("--size", metavar="W,H", help="figure size in inches (default 6.4,4.4)")
    p.add_argument("--dpi", metavar="N", help="dots per inch, 30 to 600 (default 110)")
    p.add_argument("--grid", metavar="N[,M]", help="sampling grid; meaning per figure, below")
    p.add_argument(
        "--range", metavar="A:B[,C:D]", help="parameter range; meaning per figure, below"
    )
    p.add_argument(
        "--method",
        action="append",
        metavar="NAME",
        help="a method to draw (repeatable); figures that compare methods, below",
    )


def _numbers(flag: str, text: str, form: str) -> list[str]:
    parts = text.split(",")
    if not all(p.strip() for p in parts):
        raise UsageError(f"{flag} must be {form}; got {text!r}")
    return [p.strip() for p in parts]


def _float(flag: str, text: str, form: str, whole: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"{flag} must be {form}; got {whole!r}") from None


def _int(flag: str, text: str, form: str, whole: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{flag} must be {form}; got {whole!r}") from None


def parse_options(args: argparse.Namespace) -> dict:
    """The typed options of the command line (shape only; ranges are numeric.plots')."""
    out: dict = {}
    if args.size is not None:
        form = "W,H (two numbers, inches)"
        parts = _numbers("--size", args.size, form)
        if len(parts) != 2:
            raise UsageError(f"--size must be {form}; got {args.size!r}")
        out["size"] = tuple(_float("--size", p, form, args.size) for p in parts)
    if args.dpi is not None:
        out["dpi"] = _int("--dpi", args.dpi, "an integer in [30, 600]", args.dpi)
    if args.grid is not None:
        form = "N or N,M (integers)"
        parts = _numbers("--grid", args.grid, form)
        if len(parts) > 2:
            raise UsageError(f"--grid must be {form}; got {args.grid!r}")
        values = [_int("--grid", p, form, args.grid) for p in parts]
        out["grid"] = values[0] if len(values) == 1 else tuple(values)
    if args.range is not None:
        form = "A:B or A:B,C:D (numbers)"
        intervals = []
        for part in _numbers("--range", args.range, form):
            ends = part.split(":")
            if len(ends) != 2:
                raise UsageError(f"--range must be {form}; got {args.range!r}")
            intervals.append(tuple(_float("--range", e, form, args.range) for e in ends))
        if len(intervals) > 2:
            raise UsageError(f"--range must be {form}; got {args.range!r}")
        out["range"] = intervals[0] if len(intervals) == 1 else tuple(intervals)
    if args.method is not None:
        out["methods"] = tuple(args.method)
    return out


def run(args: argparse.Namespace) -> int:
    plots = _figures()
    if args.name not in plots.FIGURES:
        raise UsageError(
            f"NAME must be one of {', '.join(sorted(plots.FIGURES))}; got {args.name!r}"
        )
    options = parse_options(args)
    try:
        options = plots.check_options(args.name, **options)
    except plots.OptionError as exc:
        raise UsageError(f"{FLAGS[exc.option]} {exc.message}") from None
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
    plots.save(args.name, args.out, **options)
    print(args.out)
    return 0
