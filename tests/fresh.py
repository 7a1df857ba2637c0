"""Run the command line in a fresh interpreter and report which heavy packages it loaded."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sympy", "mpmath", "scipy")


def modules_after_cli(argv: list[str]) -> list[str]:
    """Which of :data:`HEAVY` are in ``sys.modules`` after ``main(argv)`` (exit code 0)."""
    code = (
        "import sys, io, contextlib\n"
        "from momentum_proofs.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "assert code == 0, code\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()
