"""The Sphinx extension of the docs renders claims from the live registry (no Sphinx run)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
from docutils import nodes  # noqa: E402

from momentum_proofs import claims, verify  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
import momentum_docs as ext  # noqa: E402


def test_a_claim_renders_statement_quote_steps_and_verdict():
    claim = {c.id: c for c in claims.all()}["HB-DISCRIMINANT"]
    outcome = verify.verify_claim(claim)
    section = ext.claim_nodes(outcome, "claims/03-hb")
    text = section.astext()
    assert section["ids"] == ["claim-hb-discriminant"]
    assert text.startswith(f"HB-DISCRIMINANT: {claim.title}")
    assert claim.source.quote in text
    assert claim.source.section in text and claim.source.seed not in text  # cited, not named
    assert "Verdict" in text and outcome.status in text and "symbolic" in text
    # The derivation's display math is sympy's LaTeX of each step, in order.
    blocks = [b.astext() for b in section.findall(nodes.math_block)]
    expected = [s.latex for s in outcome.proof.steps if s.latex]
    assert blocks == expected and expected
    # The statement's $…$ pieces became inline math.
    inline = [m.astext() for m in section.findall(nodes.math)]
    assert inline[0] == claim.statement.split("$")[1]


def test_printed_formula_claims_show_both_forms_and_feed_the_errata():
    printed = [c for c in claims.all() if c.kind == "printed-formula"]
    if not printed:
        pytest.skip("no printed-formula claim registered yet")
    results = {o.claim.id: o for o in verify.verify([c.id for c in printed])}
    for o in results.values():
        blocks = [b.astext() for b in ext.claim_nodes(o).findall(nodes.math_block)]
        assert blocks[:2] == [
            ext.display_math(o.claim.printed).astext(),
            ext.display_math(o.claim.corrected).astext(),
        ]
    rows = ext.errata_rows(results)
    assert [r["claim"] for r in rows] == sorted(
        cid for cid, o in results.items() if o.status == "erratum"
    )


def test_math_text_splits_dollar_math():
    parts = ext.math_text(r"rate $\sqrt\beta$ when $d < 0$, cost \$1")
    assert [type(p).__name__ for p in parts] == ["Text", "math", "Text", "math", "Text"]
    assert parts[1].astext() == r"\sqrt\beta" and parts[3].astext() == "d < 0"


def test_escape_bars_leaves_examples_literals_and_roles_alone():
    lines = [
        "Rate |1 − αλ| of ``a|b`` and :math:`|x|`",
        "",
        '>>> print("|a|")',
        "|a|",
        "",
        "Example::",
        "",
        "    |x| literal",
        "",
        "after |y|",
    ]
    ext.escape_bars(lines)
    assert lines[0] == r"Rate \|1 − αλ\| of ``a|b`` and :math:`|x|`"
    assert lines[2:4] == ['>>> print("|a|")', "|a|"]
    assert lines[7] == "    |x| literal"
    assert lines[9] == r"after \|y\|"


def test_family_pages_cover_every_family():
    fams = claims.families()
    order = ext.family_order(list(fams))
    assert sorted(order) == sorted(fams)
    names = [ext.family_page_name(f) for f in order]
    assert names == sorted(names)  # the glob toctree lists them in DESIGN.md's order
    page = ext.family_page("HB", fams["HB"])
    assert ".. claims:: HB" in page
    intro = ext.family_intro(fams["HB"])
    assert "momentum_proofs.heavy_ball" in intro[0].astext()


def test_coverage_rows_is_none_or_a_list_of_dicts():
    rows = ext.coverage_rows()
    assert rows is None or all(isinstance(r, dict) for r in rows)


def test_public_modules_include_the_documented_ones():
    mods = ext.public_modules()
    for name in (
        "momentum_proofs.claims",
        "momentum_proofs.verify",
        "numeric.rates",
        "numeric.plots",
    ):
        assert name in mods
    assert not any("._" in m for m in mods)


@pytest.mark.parametrize("claim", claims.all(), ids=lambda c: c.id)
def test_every_quote_reads_without_raw_latex(claim):
    # The rendition the docs show: maths in $…$, nothing of LaTeX left outside it
    shown = ext.quote_display(claim)
    assert ext.raw_latex_outside_math(shown) == [], shown
    # and it loses no words of the verbatim quote outside its formulas
    import re

    words = set(re.findall(r"[A-Za-z]{5,}", re.sub(r"\$[^$]*\$", " ", shown)))
    assert words <= set(re.findall(r"[A-Za-z]{5,}", claim.source.quote))


def test_extraction_triples_collapse_to_one_formula():
    # the Distill extraction repeats a formula: plain text, LaTeX, plain text
    assert ext.readable_quote("when β=0\\beta = 0β=0.") == "when $\\beta = 0$."
    assert ext.readable_quote("eigenvalues of RRR, fine") == "eigenvalues of $R$, fine"
    # prose is left alone, words with doubled letters too; a tripled one-letter token is
    # read as the extraction's one-symbol formula (Distill's "www" is the vector w)
    assert ext.readable_quote("see all good books") == "see all good books"
    assert ext.readable_quote("rotating www into QwQwQw") == "rotating $w$ into $Qw$"


def test_claim_page_links_uses_used_by_erratum_and_source():
    results = {c.id: verify.verify_claim(c) for c in map(claims.get, ["HB-OPTIMAL", "HB-BASIS"])}
    text = ext.claim_nodes(results["HB-OPTIMAL"], "claims/03-hb")
    refs = {r["refuri"] for r in text.findall(nodes.reference)}
    # HB-OPTIMAL uses HB-DISCRIMINANT (same page) and is used by HB-LESSARD-CYCLE
    assert any(u.endswith("#claim-hb-discriminant") for u in refs)
    assert any(u.endswith("#claim-hb-lessard-cycle") for u in refs)
    assert any("figures.html#figure-rate-map" in u for u in refs)
    raw = " ".join(n.astext() for n in text.findall(nodes.raw))
    assert "prove_optimal" in raw or "prove_" in raw  # the source block's summary
    basis = ext.claim_nodes(results["HB-BASIS"], "claims/03-hb")
    assert any(
        r["refuri"] == "../errata.html#erratum-hb-basis" for r in basis.findall(nodes.reference)
    )


def test_long_derivations_fold_their_middle():
    long = next(c for c in claims.all() if len(c.prove().steps) > ext.FOLD_AFTER + 2)
    section = ext.claim_nodes(verify.verify_claim(long), "claims/x")
    raw = [n.astext() for n in section.findall(nodes.raw)]
    assert any(r.startswith("<details><summary>Steps 4 to") for r in raw)


def test_wrap_scripts_typesets_latex_runs_and_keeps_punctuation_out():
    assert ext.wrap_scripts("so x^{k+1} = ρx.") == "so $x^{k+1}$ = ρx."
    assert ext.wrap_scripts("reads ‘x^{k}’.") == "reads ‘$x^{k}$’."
    assert ext.wrap_scripts("½ Σ_{{i,j}∈E} x") == "½ $Σ_{{i,j}∈E}$ x"
    assert ext.wrap_scripts("already $x^{2}$ here") == "already $x^{2}$ here"


def test_glossary_lists_only_symbols_on_the_page():
    rows = ext.glossary_rows([r"$0 < \alpha\lambda < 2+2\beta$"])
    symbols = [s for s, _ in rows]
    assert symbols == [r"\alpha", r"\beta", r"\lambda"]


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "erratum", "1 erratum"),
        (2, "erratum", "2 errata"),
        (0, "slip", "0 slips"),
        (1, "claim", "1 claim"),
        (2, "typography", "2 typographic misprints"),
        # statuses are adjectives: the same in both numbers
        (17, "verified", "17 verified"),
    ],
)
def test_counts_are_in_the_right_number(n, word, expected):
    assert ext.count(n, word) == expected
