"""The command line, driven in-process through ``main(argv)``."""

from __future__ import annotations

import json

import pytest

from momentum_proofs import claims
from momentum_proofs.cli import main

KEYS = {"id", "title", "source", "kind", "status", "evidence", "max_rel_error", "seconds"}


def test_verify_json(capsys):
    assert main(["verify", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    # every claim that can run here; those needing an absent package are skipped, and said
    left_out = [c.id for c in claims.all() if c.missing]
    assert {r["id"] for r in rows} == set(claims.ids()) - set(left_out)
    assert all(i in captured.err for i in left_out)
    for r in rows:
        assert set(r) == KEYS
        assert r["status"] in {"verified", "erratum"}
        assert r["evidence"] in {"symbolic", "numeric"}
        cited = r["source"]["seed"].startswith("cite:")  # a paper, not a seed text
        keys = {"seed", "section", "quote"} | ({"citation"} if cited else set())
        assert set(r["source"]) == keys


def test_verify_only_and_table(capsys):
    assert main(["verify", "--only", "HB-RATE", "GD-RATE"]) == 0
    out = capsys.readouterr().out
    assert "HB-RATE" in out and "GD-RATE" in out and "HB-POWER" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--only", "NOPE-1"],
        ["bogus"],
        [],
        ["verify", "--frobnicate"],
        ["codegen", "--check", "x"],
    ],
)
def test_bad_arguments_one_line_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("momentum-proofs: error:")
    assert "Traceback" not in err


def test_codegen_check(capsys):
    assert main(["codegen", "--check"]) == 0
    assert "matches" in capsys.readouterr().out


def _outcomes(error: str | None = None):
    # Every registered claim as a row, with the widest values each column can hold
    # (nothing is run: the table's layout alone is under test).
    from types import SimpleNamespace

    return [
        SimpleNamespace(
            claim=c,
            status="verified",
            evidence="symbolic",
            max_rel_error=1.25e-15,
            seconds=123.45,
            error=error if i == 0 else None,
        )
        for i, c in enumerate(claims.all())
    ]


@pytest.mark.parametrize("columns", [72, 80, 120])
def test_verify_table_fits_the_terminal(columns, monkeypatch, capsys):
    from momentum_proofs.commands import verify as command

    monkeypatch.setenv("COLUMNS", str(columns))
    width = command.table_width()
    assert width == columns
    outcomes = _outcomes()
    command._print_table(outcomes, width)
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= columns for line in lines)
    # ids and statuses whole, in order; a title is cut only with an ellipsis
    rows = lines[1:-1]
    assert [r.split()[0] for r in rows] == [o.claim.id for o in outcomes]
    assert all(r.split()[1] == "verified" for r in rows)
    for row, o in zip(rows, outcomes, strict=True):
        shown = row.split("  ")[-1].strip()
        assert shown == o.claim.title or (
            shown.endswith("…") and o.claim.title.startswith(shown[:-1])
        )


def test_verify_table_is_whole_when_piped(monkeypatch, capsys):
    from momentum_proofs.commands import verify as command

    monkeypatch.delenv("COLUMNS", raising=False)
    assert command.table_width() is None  # capsys's stdout is not a terminal
    command._print_table(_outcomes(), None)
    out = capsys.readouterr().out
    assert "…" not in out
    assert all(c.title in out for c in claims.all())


def test_verify_table_wraps_a_failure_message_instead_of_cutting_it(capsys):
    from momentum_proofs.commands import verify as command

    message = "route mpmath disagrees: " + "x" * 150 + " end"
    command._print_table(_outcomes(error=message), 80)
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    continued = [line.strip() for line in lines if line.startswith("    ")]
    assert "".join(continued).replace(" ", "") == message.replace(" ", "")


# Each subcommand on valid input, in a fresh interpreter with every warning an error:
# a dependency's deprecation must neither crash a command nor pass for bad input.
VALID_INPUT = {
    "analyse": ["analyse", "qhm", "--set", "nu=0.7", "--json"],
    "codegen": ["codegen", "--check"],
    "coverage": ["coverage", "--json"],
    "errata": ["errata", "--json"],
    "plot": ["plot", "rate-map", "--out", "{tmp}/rate-map.png"],
    "tune": ["tune", "--matrix", "{tmp}/lap.mtx", "--json"],
    "verify": ["verify", "--only", "HB-R", "NAG-TORCH", "GD-RATE"],
}


def test_every_subcommand_has_a_warning_free_run():
    from momentum_proofs.cli import _command_modules

    assert set(VALID_INPUT) == set(_command_modules())


@pytest.mark.parametrize("name", sorted(VALID_INPUT))
def test_subcommand_under_python_W_error(name, tmp_path):
    import subprocess
    import sys

    if name == "plot":
        pytest.importorskip("matplotlib")
    if name == "tune":
        import numpy as np
        import scipy.io
        import scipy.sparse as sps

        n = 40
        lap = sps.diags([-np.ones(n - 1), 2.5 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1])
        scipy.io.mmwrite(tmp_path / "lap.mtx", lap)
    argv = [a.format(tmp=tmp_path) for a in VALID_INPUT[name]]
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "momentum_proofs.cli", *argv],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
