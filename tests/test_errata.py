"""``momentum-proofs errata``: every refuted printed formula, with its evidence."""

from __future__ import annotations

import json

import pytest

from momentum_proofs import claims
from momentum_proofs.cli import main

MINE = {"GD-LOSS-SPLIT", "HB-POWER-PRINTED", "HB-BASIS"}


@pytest.fixture(scope="module")
def errata_json():
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["errata", "--json"])
    return code, json.loads(buf.getvalue())


def test_shape_and_exit_code(errata_json):
    code, rows = errata_json
    assert code == 0
    assert isinstance(rows, list) and rows
    for row in rows:
        assert {"claim", "source", "printed", "correct", "evidence"} <= set(row)
        assert set(row["source"]) == {"seed", "section", "quote"}
        assert row["printed"] != row["correct"]
        assert row["evidence"].startswith(("symbolic", "numeric"))
        c = claims.get(row["claim"])
        assert c.kind == "printed-formula"


def test_this_issues_errata_are_listed(errata_json):
    _, rows = errata_json
    listed = {r["claim"] for r in rows}
    assert MINE <= listed
    for r in rows:
        if r["claim"] in MINE:
            assert "every rendition" in r["rule"]  # the seeds' rule that decided it


def test_only_printed_formulas_with_status_erratum(errata_json):
    _, rows = errata_json
    printed = {c.id for c in claims.all() if c.kind == "printed-formula"}
    assert {r["claim"] for r in rows} <= printed


def test_quotes_are_verbatim(errata_json, seeds_dir):
    _, rows = errata_json
    for r in rows:
        text = " ".join((seeds_dir / r["source"]["seed"]).read_text(encoding="utf-8").split())
        assert r["source"]["quote"] in text


def test_text_output(capsys):
    assert main(["errata"]) == 0
    out = capsys.readouterr().out
    assert "HB-POWER-PRINTED" in out and "printed:" in out and "errata" in out.splitlines()[-1]


def test_bad_arguments(capsys):
    assert main(["errata", "--frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
