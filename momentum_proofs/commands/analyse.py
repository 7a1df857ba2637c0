"""``momentum-proofs analyse METHOD [--set NAME=VALUE]... [--json]``.

METHOD is a built-in method's name or the path of a spec file (TOML).  The output is
what the method engine derives with sympy: the iteration matrix, the characteristic
polynomial and the stability conditions (Jury's test, for state dimensions 1 and 2),
as LaTeX, and the values given with ``--set``.
"""

from __future__ import annotations

import argparse
import math
import os

from . import UsageError, print_json

NAME = "analyse"
HELP = "derive a method's iteration matrix, characteristic polynomial and stability conditions"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("method", help="a built-in method (see --list) or a spec file (.toml)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="give a parameter a value (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _method(text: str):
    from .. import methods

    if text in methods.names():
        return methods.get(text)
    if not (text.endswith(".toml") or os.sep in text):
        raise UsageError(f"METHOD: unknown method {text!r}; known: {', '.join(methods.names())}")
    if not os.path.isfile(text):
        raise UsageError(f"METHOD: spec file {text!r} not found")
    try:
        return methods.from_spec(text)
    except methods.SpecError as exc:
        raise UsageError(str(exc)) from None


def _values(items: list[str], parameters: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or name not in parameters:
            raise UsageError(
                f"--set: expected NAME=VALUE with NAME one of {', '.join(parameters)}; got {item!r}"
            )
        try:
            value = float(text)
        except ValueError:
            raise UsageError(f"--set {name}: must be a finite number; got {text!r}") from None
        if not math.isfinite(value):
            raise UsageError(f"--set {name}: must be a finite number; got {text!r}")
        out[name] = value
    return out


def run(args: argparse.Namespace) -> int:
    method = _method(args.method)
    given = _values(args.set, method.parameters)
    from ..methods.engine import sigma
    from ..symbols import latex

    conditions = method.stability_conditions()
    result = {
        "method": method.name,
        "parameters": list(method.parameters),
        "state": list(method.state),
        "iteration_matrix": latex(method.iteration_matrix()),
        "characteristic_polynomial": latex(method.characteristic_polynomial().collect(sigma)),
        "stability": None if conditions is None else r",\quad ".join(latex(c) for c in conditions),
        "set": given,
    }
    if args.json:
        print_json(result, ensure_ascii=False)
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0
