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
        assert {"claim", "source", "printed", "correct", "evidence", "severity", "rule"} == set(row)
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


# Rows this audit added, with the severity the issue's criteria give them.
AUDIT = {
    "POLY-EIGENFEATURES": "erratum",
    "ROSEN-GRADIENT": "slip",
    "LECT-RELU-CONDITION": "slip",
    "COLOR-ZERO-MODE": "slip",
    "UNROLL-VELOCITY": "slip",
    "HB-RATE-BLOG": "typography",
    "COLOR-LAPLACIAN-BLOG": "typography",
    "SGD-RM-CONDITIONS": "erratum",
}


def test_rows_have_a_severity_and_the_rule_that_decided_it(errata_json):
    from momentum_proofs._registry import RULES

    _, rows = errata_json
    for r in rows:
        c = claims.get(r["claim"])
        assert r["severity"] in {"erratum", "slip", "typography"}
        assert r["severity"] == RULES[c.rule].severity
        assert r["rule"].startswith(RULES[c.rule].criterion)
    assert {r["severity"] for r in rows} == {"erratum", "slip", "typography"}


def test_the_audits_rows_are_listed_with_their_severity(errata_json):
    _, rows = errata_json
    found = {r["claim"]: r["severity"] for r in rows}
    assert {cid: found.get(cid) for cid in AUDIT} == AUDIT


def test_a_slip_is_refuted_in_the_run_not_only_noted():
    from momentum_proofs import verify

    for cid, severity in AUDIT.items():
        (o,) = verify.verify([cid])
        assert o.proof.printed_holds is False and o.status == "erratum", cid
        assert o.claim.severity == severity


def test_text_output_is_grouped_by_severity(capsys):
    assert main(["errata"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headers = [line for line in lines if line.startswith("== ")]
    assert [h.split()[1] for h in headers] == ["erratum", "slip", "typography"]
    # Every row sits under the header of its severity.
    current = None
    for line in lines:
        if line.startswith("== "):
            current = line.split()[1]
        elif line and not line.startswith(" ") and "-" in line.split()[0] and current:
            assert claims.get(line.split()[0]).severity == current


def test_a_printed_formula_must_name_a_known_rule():
    from momentum_proofs._registry import claim

    common = dict(title="t", seed="distill", section="s", quote="q", statement="s")
    with pytest.raises(ValueError, match="rule"):
        claim("XX-A", kind="printed-formula", printed="a", corrected="b", **common)
    with pytest.raises(ValueError, match="rule"):
        claim("XX-B", kind="printed-formula", printed="a", corrected="b", rule="nope", **common)
    with pytest.raises(ValueError, match="rule"):
        claim("XX-C", rule="misnamed", **common)


def test_printed_forms_that_hold_are_verified_with_the_difference_shown():
    # Where the project states more than the text prints (an absolute value, an assumption
    # read from the context), the claim is a printed formula that holds as printed.
    from momentum_proofs import verify

    for cid in ("HB-CRITICAL", "GD-MINIMISER", "COLOR-STEP"):
        (o,) = verify.verify([cid])
        c = o.claim
        assert c.kind == "printed-formula" and o.status == "verified", cid
        assert o.proof.printed_holds is True and c.printed != c.corrected
