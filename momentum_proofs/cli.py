"""The ``momentum-proofs`` command line.

Subcommands live in :mod:`momentum_proofs.commands`, one module each.  Every
error is one line on stderr and exit code 2, with nothing evaluated; ``verify``
exits 0 iff no claim failed.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import commands
from .commands import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage block
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> None:
        if message:
            print(message.strip(), file=sys.stderr)
        raise SystemExit(status)


def _command_modules() -> dict:
    found = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return found


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = _Parser(
        prog="momentum-proofs",
        description="Derive and cross-check the mathematics of momentum methods.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    modules = _command_modules()
    for name, module in modules.items():
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser, modules = build_parser()
    try:
        args = parser.parse_args(argv)
        return int(modules[args.command].run(args))
    except UsageError as exc:
        # escape control characters (a newline in an argument) so it stays one line
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(exc))
        print(f"momentum-proofs: error: {text}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and friends
        return int(exc.code or 0)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
