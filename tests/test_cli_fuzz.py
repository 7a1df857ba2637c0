"""Fuzz the command line in-process: hostile argument lists never crash it.

Hypothesis builds argument lists from the subcommand names, their flags, claim
ids and figure names, and hostile values (unicode, NaN, 1e400, −0, shell and
Python syntax, paths).  For each, ``momentum_proofs.cli.main(argv)`` runs
inside a fresh temporary folder and must

- return 0 or 2 (1 only for ``verify`` reporting a failed claim: there is none),
- print no traceback, and on exit 2 exactly one line on stderr,
- write nothing but the ``--out`` file it was given (the folder's listing is
  compared before and after, and so is the package's generated-kernel folder).

Two commands are bounded so an example stays cheap: ``verify`` always gets
``--only`` (running every claim takes a minute), and ``codegen`` always gets
``--check`` (without it, it rewrites ``numeric/_generated`` by design).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

import numeric
from momentum_proofs import cli

COMMANDS = sorted(cli.build_parser()[1])
GENERATED = Path(numeric.__file__).parent / "_generated"
FLAGS = [
    "--json",
    "--only",
    "--check",
    "--out",
    "--lambda-min",
    "--lambda-max",
    "--matrix",
    "--help",
    "-h",
    "--",
    "-",
]
NUMBERS = ["nan", "NaN", "inf", "-inf", "1e400", "-1e400", "-0", "0", "1e-400", "0x10", "1_0"]
NUMBERS += ["1", "2.5", "1e12", "-1", "1/2", "(1)", "١٢"]  # the last: Arabic-Indic digits
HOSTILE = ["__import__('os').system('touch pwned')", "$(touch pwned)", "; rm -rf .", "{}", "%s"]
HOSTILE += ["x" * 5000, "\x00", "é\u202e", "🙂", "HB-RATE ", "hb-rate"]
PATHS = ["out.png", "out.svg", "out.pdf", "sub/out.png", "out", ".", "", "out.PNG"]


def _values():
    ids = st.sampled_from(["HB-RATE", "GD-RATE", "HB-R", "NO-SUCH-ID"])
    figures = st.sampled_from(["rate-map", "regions", "mystery"])
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.sampled_from(HOSTILE),
        st.sampled_from(PATHS),
        ids,
        figures,
        st.text(max_size=12),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


@st.composite
def argv(draw):
    command = draw(st.sampled_from([*COMMANDS, None]))  # None: a made-up command name
    if command is None:
        command = draw(st.text(max_size=8))
    rest = draw(st.lists(st.one_of(st.sampled_from(FLAGS), _values()), max_size=6))
    args = [command, *rest]
    if command == "verify" and "--only" not in rest:
        args += ["--only", draw(st.sampled_from(["HB-R", "NO-SUCH-ID"]))]
    if command == "codegen" and "--check" not in rest:
        args.append("--check")
    return args


def _listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _generated_state() -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in GENERATED.iterdir()}


@given(argv())
@example(["plot", "rate-map", "--out", "sub/out.png"])
@example(["verify", "--only", "HB-R", "--json"])
@example(["codegen", "\r0", "--check"])  # once printed a two-line error
@example(["--help"])
@example(["tune", "--lambda-min", "1e400", "--lambda-max", "nan"])
@example(["tune", "--lambda-min", "-0", "--lambda-max", "1", "--json"])
def test_cli_survives_generated_arguments(args):
    generated = _generated_state()
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        root = Path(tmp)
        (root / "sub").mkdir()
        mp.chdir(root)
        before = _listing(root)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(args)
        stdout, stderr = out.getvalue(), err.getvalue()
        event(f"{args[0] if args[0] in COMMANDS else 'unknown command'} -> exit {code}")
        after = _listing(root)
        assert "Traceback" not in stderr and "Traceback" not in stdout, (args, stderr)
        assert code in (0, 2), (args, code, stderr)
        if code == 2:
            assert len(stderr.strip().splitlines()) == 1, (args, stderr)
        new = after - before
        if new:
            # only a successful plot writes, and only its --out file
            assert code == 0 and args[0] == "plot", (args, new)
            outs = [
                os.path.normpath(v) for f, v in zip(args, args[1:], strict=False) if f == "--out"
            ]
            assert len(new) == 1 and new <= set(outs), (args, new)
        assert after >= before
        assert not (root / "pwned").exists()
    assert _generated_state() == generated
