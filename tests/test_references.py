"""docs/references.bib holds every source exactly once: the seed texts and each Citation.

The expected entries come from the registry (the citations of the claims, and every
:class:`~momentum_proofs._registry.Citation` the derivation modules define) and from
the seed files themselves, not from the bibliography.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from momentum_proofs import claims
from momentum_proofs._registry import SEEDS, Citation

pybtex_database = pytest.importorskip("pybtex.database")
pytest.importorskip("sphinx")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import momentum_bib  # noqa: E402


@pytest.fixture(scope="module")
def bib():
    return pybtex_database.parse_file(str(ROOT / "docs" / "references.bib")).entries


def _citations() -> dict[str, Citation]:
    """Every Citation of the registry: cited by a claim or defined beside the derivations."""
    found = {c.source.citation.key: c.source.citation for c in claims.all() if c.source.citation}
    for name, module in list(sys.modules.items()):
        if name == "momentum_proofs" or name.startswith("momentum_proofs."):
            for value in vars(module).values():
                if isinstance(value, Citation):
                    assert found.setdefault(value.key, value) == value, value.key
    return found


def _plain(field: str) -> str:
    return " ".join(field.replace("{", "").replace("}", "").split())


def _address(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")


def test_every_seed_has_a_bibliography_key():
    assert set(momentum_bib.SEED_KEYS) == set(SEEDS.values())


def test_every_source_has_one_entry_and_no_entry_is_an_orphan(bib):
    citations = _citations()
    assert {"lessard2016", "vanscoy2018", "taylor2017"} <= set(citations)  # the scan works
    expected = set(citations) | set(momentum_bib.SEED_KEYS.values())
    assert set(bib) == expected


def test_citation_entries_match_the_registry(bib):
    for key, c in _citations().items():
        entry = bib[key]
        assert entry.fields["url"] == c.url, key
        assert entry.fields["year"] == str(c.year), key
        # "Matrix Analysis" with edition = Second, for "Matrix Analysis (2nd ed.)"
        assert c.title.startswith(_plain(entry.fields["title"])), key
        surnames = [" ".join(p.last_names) for p in entry.persons["author"]]
        for surname in surnames:
            if surname != "others":
                assert _plain(surname) in c.authors, (key, surname)


def test_seed_entries_state_only_what_the_seed_files_state(bib, seeds_dir):
    for seed, key in momentum_bib.SEED_KEYS.items():
        entry = bib[key]
        header = (seeds_dir / seed).read_text(encoding="utf-8")[:600]
        heading = re.search(r"^(?:title:\s*|# )(.+)$", header, re.M)
        assert heading, seed
        words = re.findall(r"[a-z0-9]+", heading[1].lower())
        assert words[:2] == re.findall(r"[a-z0-9]+", _plain(entry.fields["title"]).lower())[:2]
        if "url" in entry.fields:
            # an address the copy itself names, and the year of its date line
            urls = [_address(u) for u in re.findall(r"https?://\S+", header)]
            assert _address(entry.fields["url"]) in urls, key
            date = re.search(r"^date:\s*(\d{4})-", header, re.M)
            assert date and entry.fields["year"] == date[1], key
        else:
            # nothing guessed: no author, year or address, and the note says they are unknown
            assert "author" not in entry.persons and "year" not in entry.fields, key
            assert "unknown" in entry.fields["note"], key


def test_docstrings_cite_seed_files_instead_of_naming_them():
    lines = [
        'Source: G. Goh, "Why Momentum Really Works", Distill 2017',
        "(``seeds/001_dca7dfbbfee52c11.txt``), section 3",
        'the slides "Optimization" (``seeds/002_bee5153b5cb4bea1.txt``, "Momentum")',
        "an unknown file (``seeds/999_0000000000000000.txt``)",
    ]
    momentum_bib.cite_seed_files(lines)
    assert lines[1] == ":cite:p:`goh2017`, section 3"
    assert lines[2] == 'the slides "Optimization" (:cite:p:`lecture6-optimization`, "Momentum")'
    assert lines[3] == "an unknown file (``seeds/999_0000000000000000.txt``)"


def _ext():
    import momentum_docs

    return momentum_docs


def _cited(node) -> list[str]:
    from sphinx import addnodes

    return [x["reftarget"] for x in node.findall(addnodes.pending_xref) if x["refdomain"] == "cite"]


def test_a_claim_from_a_seed_cites_the_text_by_author_and_title():
    from momentum_proofs import verify

    ext = _ext()
    claim = claims.get("HB-DISCRIMINANT")
    section = ext.claim_nodes(verify.verify_claim(claim), "claims/03-hb")
    attribution = next(section.findall(ext.nodes.attribution))
    assert _cited(attribution) == ["goh2017"]
    assert "G. Goh, “Why Momentum Really Works”" in attribution.astext()
    assert claim.source.section in attribution.astext()
    assert not re.search(r"\d{3}_[0-9a-f]{16}", section.astext())


def test_a_claim_from_a_paper_cites_its_entry():
    ext = _ext()
    claim = next(c for c in claims.all() if c.source.citation is not None)
    nodes = ext.source_nodes(claim.source)
    paragraph = ext._para(*nodes)
    assert _cited(paragraph) == [claim.source.citation.key]
    assert claim.source.citation.title in paragraph.astext()


def test_numbered_references_in_a_quote_are_explained_not_left_dangling():
    ext = _ext()
    with_numbers = [
        c
        for c in claims.all()
        if c.source.citation is None and re.search(r"\[\d+(?:,\s*\d+)*\]", c.source.quote)
    ]
    assert with_numbers  # the Distill quotes keep the article's [8], [9], [3, 14] ...
    for c in with_numbers:
        note = ext.numbered_reference_note(c.source)
        assert note is not None, c.id
        for number in re.findall(r"\[\d+(?:,\s*\d+)*\]", c.source.quote):
            assert f"“{number}”" in note.astext()
        assert _cited(note) == [momentum_bib.SEED_KEYS[c.source.seed]]
    plain = next(c for c in claims.all() if c.source.citation is None and c not in with_numbers)
    assert ext.numbered_reference_note(plain.source) is None
