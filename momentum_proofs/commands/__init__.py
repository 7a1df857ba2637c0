"""Subcommands of ``momentum-proofs``, one module each.

A command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; :mod:`momentum_proofs.cli` discovers them.  Commands raise
:class:`UsageError` for bad input (one line on stderr, exit code 2) *before*
evaluating anything.
"""

from __future__ import annotations

import json
import math
from typing import Any


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit code 2."""


def positive_float(name: str, text: str) -> float:
    """Parse a finite positive number given on the command line.

    >>> positive_float("--lambda-min", "0.5")
    0.5
    >>> positive_float("--lambda-min", "nan")
    Traceback (most recent call last):
    ...
    momentum_proofs.commands.UsageError: --lambda-min must be a finite number > 0; got 'nan'
    """
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a finite number > 0; got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} must be a finite number > 0; got {text!r}")
    return value


def print_json(value: Any, *, ensure_ascii: bool = True) -> None:
    """Print ``value`` as the commands' ``--json`` output: indented, strict (no NaN/inf).

    >>> print_json({"rate": 0.5, "name": "κ"}, ensure_ascii=False)
    {
      "rate": 0.5,
      "name": "κ"
    }
    """
    print(json.dumps(value, indent=2, allow_nan=False, ensure_ascii=ensure_ascii))


def shorten(text: str, room: int) -> str:
    """``text`` cut to ``room`` characters, an ellipsis marking the cut.

    >>> shorten("Stability region of heavy ball", 12)
    'Stability r…'
    >>> shorten("short", 12)
    'short'
    """
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)] + "…"
