"""Footnote markers that the extraction left inside quotes are declared by their claims.

The Distill article has footnotes 1–11.  Its extraction puts each marker in running
text, sometimes glued to a word ("yet9"); the blog, which copies some of its
sentences, glued two of them onto formulas ("max{…}^4", "LG 8").  A quote keeps the
marker as printed, so its claim must declare it (the docs then set it apart).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docutils import nodes

from momentum_proofs import claims
from momentum_proofs._registry import SEEDS, claim

# Where each marker sits in the whitespace-collapsed seed, located by hand: the
# fragment ends with the marker's digits.
MARKERS = {
    SEEDS["distill"]: {
        "functions. 1": 1,
        "decay.2": 2,
        "iterates as 3": 3,
        "max{∣σ1∣,∣σ2∣} 4": 4,
        "work out 5": 5,
        "affair,6": 6,
        "’s 7": 7,
        "LGL_GLG 8": 8,
        "yet9": 9,
        "where 10": 10,
        "error 11": 11,
    },
    SEEDS["blog"]: {"max{∣σ1∣,∣σ2∣}^4": 4, "LG 8": 8},
}


def test_the_marker_table_is_true(seeds_dir):
    for seed, table in MARKERS.items():
        text = " ".join((seeds_dir / seed).read_text(encoding="utf-8").split())
        for fragment, number in table.items():
            assert text.count(fragment) == 1, fragment
            assert fragment.endswith(str(number))
    assert sorted(MARKERS[SEEDS["distill"]].values()) == list(range(1, 12))


@pytest.mark.parametrize("c", claims.all(), ids=lambda c: c.id)
def test_every_marker_in_a_quote_is_declared(c):
    declared = {(m.fragment, m.number) for m in c.markers}
    expected = {(f, n) for f, n in MARKERS.get(c.source.seed, {}).items() if f in c.source.quote}
    assert declared == expected


def test_typography_rows_carry_the_marker_the_article_prints_apart(seeds_dir):
    # A glued marker in the blog is the Distill article's footnote of the same number.
    typography = [c for c in claims.all() if c.severity == "typography"]
    assert typography
    for c in typography:
        assert c.markers, c.id
        for m in c.markers:
            assert m.number in MARKERS[SEEDS["distill"]].values()


def test_docs_set_the_marker_apart():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
    ext = pytest.importorskip("momentum_docs")
    c = claims.get("ROSEN-LOWER-BOUND")
    para = nodes.paragraph("", "", *ext.quote_nodes(c.source, c.markers))
    sups = list(para.findall(nodes.superscript))
    assert [s.astext() for s in sups] == ["9"] and "footnote-marker" in sups[0]["classes"]
    # The text is the quote as printed: nothing dropped, nothing added.
    assert para.astext() == c.source.quote
    # The claim says what the marker is.
    assert "(footnote 9)" in c.markers[0].describe() and "“yet”" in c.markers[0].describe()


def test_a_marker_must_be_in_its_quote():
    with pytest.raises(ValueError, match="marker"):
        claim(
            "XX-MARKER",
            title="t",
            seed="distill",
            section="s",
            quote="no digits here",
            statement="s",
            markers={"here9": 9},
        )
