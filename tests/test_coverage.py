"""The coverage table: ids exist, snippets are verbatim, the command prints it."""

from __future__ import annotations

import json

import pytest

from momentum_proofs import claims, coverage
from momentum_proofs.cli import main


def test_every_id_in_the_table_exists():
    # Every family is built: an id in the table that names no registered claim is a typo
    # or a removed claim, and must fail (it used to xfail while families were pending).
    assert coverage.missing_ids(set(claims.ids())) == []


def test_unknown_ids_are_reported_pending():
    # The table marks a row pending (never "claim") when an id is not registered.
    row_ids = next(e.claims for e in coverage.entries() if e.claims)
    known = set(claims.ids()) - {row_ids[0]}
    rows = coverage.table(known)
    for row in rows:
        expected = "pending" if any(i not in known for i in row["claims"]) else None
        if expected:
            assert row["status"] == "pending"
    assert row_ids[0] in coverage.missing_ids(known)
    assert any(r["status"] == "pending" for r in rows)


def test_every_registered_claim_is_in_the_table():
    used = {i for e in coverage.entries() for i in e.claims}
    from_seeds = {c.id for c in claims.all() if c.source.citation is None}
    unmapped = sorted(from_seeds - used)
    # Every family is built: a claim missing from the table is a gap in the coverage.
    assert not unmapped, f"registered claims not in the coverage table: {unmapped}"


def test_snippets_are_verbatim(seeds_dir):
    from momentum_proofs._registry import SEEDS

    texts = {
        k: " ".join((seeds_dir / v).read_text(encoding="utf-8").split()) for k, v in SEEDS.items()
    }
    missing = [
        (e.seed, e.snippet)
        for e in coverage.entries()
        if " ".join(e.snippet.split()) not in texts[e.seed]
    ]
    assert missing == []


def test_entries_have_claims_or_a_known_reason():
    for e in coverage.entries():
        assert bool(e.claims) != bool(e.reason)
        if e.reason:
            assert e.reason.split(":")[0] in coverage.REASONS
    with pytest.raises(ValueError, match="claim ids or a reason"):
        coverage.Entry("x", "distill", "s", "snippet")


def test_counts_add_up():
    rows = coverage.table()
    totals = coverage.counts(rows)
    assert totals["statements"] == len(rows) == sum(totals["by_status"].values())
    assert sum(totals["not_checkable_by_reason"].values()) == totals["by_status"].get(
        "not checkable", 0
    )
    assert sum(sum(v.values()) for v in totals["by_seed"].values()) == len(rows)


def test_coverage_command(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert "statements:" in out and "GD-LOCAL-MIN" in out
    assert main(["coverage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["statements"] == len(coverage.entries())
    assert {"rows", "counts", "pending_ids"} <= set(data)


def test_coverage_command_rejects_unknown_options(capsys):
    assert main(["coverage", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
