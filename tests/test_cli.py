"""The command line, driven in-process through ``main(argv)``."""

from __future__ import annotations

import json

import pytest

from momentum_proofs import claims
from momentum_proofs.cli import main

KEYS = {"id", "title", "source", "kind", "status", "evidence", "max_rel_error", "seconds"}


def test_verify_json(capsys):
    assert main(["verify", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == set(claims.ids())
    for r in rows:
        assert set(r) == KEYS
        assert r["status"] in {"verified", "erratum"}
        assert r["evidence"] in {"symbolic", "numeric"}
        assert set(r["source"]) == {"seed", "section", "quote"}


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
