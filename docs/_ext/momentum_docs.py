"""Sphinx extension: pages rendered from the live claim registry and the numeric layer.

Nothing on the claim pages is typed by hand.  At build time this extension

- runs :func:`momentum_proofs.verify.verify` once (cached for the whole build) and
  renders every claim of a family with ``.. claims:: FAMILY``: title, statement,
  the verbatim source passage with its seed and section, the derivation steps
  (LaTeX printed by sympy from ``Proof.steps``), the verdict, the evidence and the
  numeric routes with their worst relative errors;
- writes one page per family into ``claims/`` (so a family added to the registry
  gets a page without anyone editing the docs);
- renders the errata (``.. errata-table::``) from the same outcomes as
  ``momentum-proofs errata``: printed formulas refuted exactly and corrected;
- lists how long each claim took to check in this build (``.. verification-times::``,
  on the developers' page: the claim pages leave machine timings out);
- renders the coverage table of :mod:`momentum_proofs.coverage` when that module
  exists (``.. coverage-table::``);
- lists every public module for autodoc (``.. api-modules::``);
- draws the figures of :mod:`numeric.plots` into ``_generated/figures`` and places
  them with ``.. momentum-figure:: NAME``.

The functions ``claim_nodes``, ``errata_rows`` and ``coverage_rows`` build plain
docutils nodes and data, so tests can call them without a Sphinx application.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from momentum_bib import SEED_KEYS, cite
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from momentum_proofs._families import FAMILIES

logger = logging.getLogger(__name__)

#: Family prefixes in reading order, with page titles: the registry's one declaration.
FAMILY_TITLES = {f.prefix: f.title for f in FAMILIES}


SEED_NAMES = {
    "000_5a449e681689af02.txt": "blog post “The Mathematics of Deep Learning Optimizations, part 2”",
    "001_dca7dfbbfee52c11.txt": "G. Goh, “Why Momentum Really Works”, Distill 2017",
    "002_bee5153b5cb4bea1.txt": "lecture slides “Optimization”",
}

SEVERITY_TEXT = {
    "erratum": "false as printed in every rendition of its file",
    "slip": "one wrong rendition, symbol or word in a statement that is right elsewhere in "
    "the file, or right once the name is fixed",
    "typography": "an extraction artefact, such as a footnote marker set against a symbol, "
    "changes how the formula reads",
}

# Singular and plural of the words that counts are given in ("2 errata", "1 slip").
# "typography" is a severity, not a countable noun, so a count says what it counts.
_NOUNS = {
    "claim": ("claim", "claims"),
    "misprint": ("misprint", "misprints"),
    "erratum": ("erratum", "errata"),
    "slip": ("slip", "slips"),
    "typography": ("typographic misprint", "typographic misprints"),
}


def count(n: int, word: str) -> str:
    """``n`` and ``word`` in the number that fits: ``count(2, "erratum")`` is "2 errata".

    Words without a plural of their own (the statuses "verified" and "failed") stay as
    they are.
    """
    one, many = _NOUNS.get(word, (word, word))
    return f"{n} {one if n == 1 else many}"


STATUS_TEXT = {
    "verified": "verified: the statement holds by every route",
    "erratum": "erratum: the formula as printed is refuted exactly, the correction is verified",
    "failed": "failed: at least one route did not confirm the statement",
}


# --- data ------------------------------------------------------------------------------


@functools.cache
def outcomes() -> dict[str, Any]:
    """Every claim's :class:`~momentum_proofs.verify.Outcome`, by id: one verify run per build."""
    from momentum_proofs import verify

    start = time.perf_counter()
    result = {o.claim.id: o for o in verify.verify()}
    logger.info(
        "momentum_docs: verified %d claims in %.1f s", len(result), time.perf_counter() - start
    )
    return result


def family_order(families: list[str]) -> list[str]:
    """Known families in the order of DESIGN.md, then any others alphabetically."""
    known = [f for f in FAMILY_TITLES if f in families]
    return known + sorted(set(families) - set(known))


def errata_rows(results: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of ``momentum-proofs errata --json`` (same function), with each claim's title.

    Each row carries its ``severity`` (erratum, slip or typography) and ``rule``.
    """
    from momentum_proofs.commands import errata

    results = outcomes() if results is None else results
    found = errata.rows(results[cid] for cid in sorted(results))
    for row in found:
        row["title"] = results[row["claim"]].claim.title
    return found


def coverage_rows() -> list[dict[str, Any]] | None:
    """The coverage table as a list of dicts, or ``None`` when no coverage module exists."""
    try:
        module = importlib.import_module("momentum_proofs.coverage")
    except ImportError:
        return None
    for name in ("table", "rows", "coverage", "entries"):
        value = getattr(module, name, None)
        if callable(value):
            try:
                value = value()
            except TypeError:
                continue
        if isinstance(value, list | tuple) and all(isinstance(r, dict) for r in value):
            return [dict(r) for r in value]
    for name in ("TABLE", "ROWS", "COVERAGE", "ENTRIES"):
        value = getattr(module, name, None)
        if isinstance(value, list | tuple) and value and hasattr(value[0], "__dict__"):
            return [dict(vars(r)) for r in value]
        if isinstance(value, list | tuple) and all(isinstance(r, dict) for r in value):
            return [dict(r) for r in value]
    return None


# --- docutils building blocks ------------------------------------------------------------


def math_text(text: str) -> list[nodes.Node]:
    """Inline nodes for text with ``$…$`` math: text pieces and inline math alternate."""
    parts = re.split(r"(?<!\\)\$", text)
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        out.append(nodes.math(part, part) if i % 2 else nodes.Text(part))
    return out


def display_math(latex: str, docname: str = "") -> nodes.math_block:
    """A display formula; a ``$…$`` wrapper, if present, is removed."""
    latex = latex.strip()
    if latex.startswith("$") and latex.endswith("$"):
        latex = latex.strip("$")
    return nodes.math_block(
        latex, latex, docname=docname, number=None, label=None, nowrap=False, classes=["claim-math"]
    )


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    p = nodes.paragraph()
    for c in children:
        p += nodes.Text(c) if isinstance(c, str) else c
    return p


def _field(name: str, *body: nodes.Node) -> nodes.field:
    f = nodes.field()
    f += nodes.field_name(name, name)
    fb = nodes.field_body()
    for b in body:
        fb += b
    f += fb
    return f


def _table(
    header: list[str], rows: list[list[list[nodes.Node] | str]], widths: list[int]
) -> nodes.table:
    table = nodes.table(classes=["claims-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)

    def row(cells: list) -> nodes.row:
        r = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, str):
                entry += _para(cell)
            else:
                p = nodes.paragraph()
                for child in cell:
                    (p if isinstance(child, nodes.Inline | nodes.Text) else entry).append(child)
                if len(p):
                    entry.insert(0, p)
            r += entry
        return r

    head = nodes.thead()
    head += row(list(header))
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += body
    return table


def _citation_field(citation: Any, name: str) -> Any:
    return citation[name] if isinstance(citation, dict) else getattr(citation, name)


def source_text(source: Any) -> str:
    """The source as plain text: authors and title (never the seed's file name), and section."""
    citation = getattr(source, "citation", None)
    if citation is not None:
        authors, title, venue, year = (
            _citation_field(citation, f) for f in ("authors", "title", "venue", "year")
        )
        return f"{authors}, “{title}”, {venue}, {year}; {source.section}"
    seed = SEED_NAMES.get(source.seed, source.seed)
    return f"{seed}, section “{source.section}”"


def source_nodes(source: Any) -> list[nodes.Node]:
    """:func:`source_text` with a citation of the source's entry in ``references.bib``."""
    citation = getattr(source, "citation", None)
    key = _citation_field(citation, "key") if citation is not None else SEED_KEYS.get(source.seed)
    text = source_text(source)
    if key is None:
        return [nodes.Text(text)]
    head, sep, tail = text.partition("; " if citation is not None else ", section")
    return [nodes.Text(head + " "), cite(key), nodes.Text(sep + tail)]


_NUMBERED_REFERENCE = re.compile(r"\[\d+(?:,\s*\d+)*\]")


def numbered_reference_note(source: Any) -> nodes.paragraph | None:
    """A note for a quote that carries the source's own numbered references, such as [8].

    The copies of the seed texts do not include their lists of references, so such a
    number cannot be resolved here; the note says so instead of leaving it dangling.
    """
    found = list(dict.fromkeys(_NUMBERED_REFERENCE.findall(source.quote)))
    if getattr(source, "citation", None) is not None or not found:
        return None
    which = " and ".join(f"“{f}”" for f in found)
    one = len(found) == 1
    out: list[nodes.Node] = [
        nodes.strong("Reference numbers. ", "Reference numbers. "),
        nodes.Text(
            f"{which} in this passage {'is a number' if one else 'are numbers'} of the "
            "source's own list of references, which the copy checked here does not "
            f"include; look {'it' if one else 'them'} up in the original "
        ),
    ]
    key = SEED_KEYS.get(source.seed)
    out += [cite(key), nodes.Text(".")] if key else [nodes.Text("text.")]
    return _para(*out)


def quote_nodes(source: Any, markers: tuple = ()) -> list[nodes.Node]:
    """The verbatim quote as inline nodes, each footnote marker set apart as a superscript.

    The text stays as printed; only the marker's digits become a ``superscript`` node
    (class ``footnote-marker``), so "yet9" reads "yet⁹".
    """
    return _with_markers(source.quote, markers)


def _with_markers(text: str, markers: tuple) -> list[nodes.Node]:
    """Text nodes for ``text``, the digits of each marker found in it as a superscript."""
    spans = sorted((text.index(m.fragment), m) for m in markers if m.fragment in text)
    out: list[nodes.Node] = []
    pos = 0
    for start, m in spans:
        digits = str(m.number)
        end = start + len(m.fragment)
        out.append(nodes.Text(text[pos : end - len(digits)]))
        sup = nodes.superscript(digits, digits, classes=["footnote-marker"])
        sup["title"] = f"footnote marker {digits}"
        out.append(sup)
        pos = end
    out.append(nodes.Text(text[pos:]))
    return out


# --- quotes: one readable rendition, the extraction kept ----------------------------------

_LATEX_MARK = re.compile(r"\\[A-Za-z]+|[\^_]")
_ENGLISH_WORD = re.compile(r"^[^\W\d_]{3,}$")
#: LaTeX that must not be visible outside typeset maths (the docs' browser check too).
RAW_LATEX = re.compile(r"\\(?:frac|beta|alpha|lambda|sqrt|text|boxed|sigma|kappa|mu)\b|\^\{|_\{")


def _latex_like(s: str) -> bool:
    """True for a LaTeX formula: a command, ^ or _, balanced braces and no English word."""
    if not _LATEX_MARK.search(s) or s.count("{") != s.count("}") or "$" in s:
        return False
    bare = re.sub(r"\\text\{[^}]*\}", "", s)
    return not any(_ENGLISH_WORD.match(t.strip(".,;:()")) for t in bare.split())


def _collapse_triples(text: str) -> str:
    r"""Replace each ``A L A`` of the extraction by ``$L$``.

    The Distill page was extracted with each formula three times over: a plain-text
    rendering A, the LaTeX source L, and A again (for example ``β=0\beta = 0β=0``).  A
    triple starts after a space, A has no space or backslash, and L is a formula (or A
    itself, for one-symbol renderings such as ``RRR``).
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if i and not text[i - 1].isspace():
            out.append(text[i])
            i += 1
            continue
        found = None
        for end in range(i + 3, min(n, i + 400) + 1):
            if end < n and not (text[end].isspace() or text[end] in ",;:."):
                continue
            for k in range(min((end - i) // 2, 60), 0, -1):
                a = text[i : i + k]
                if "\\" in a or any(ch.isspace() for ch in a) or text[end - k : end] != a:
                    continue
                mid = text[i + k : end - k]
                # the LaTeX follows A directly, or after one space
                if (
                    mid
                    and not mid[: 2 if mid[0] == " " else 1].isspace()
                    and (mid == a or _latex_like(mid))
                ):
                    found = (end, mid)
                    break
            if found:
                break
        if found:
            end, mid = found
            out.append(f"${mid.strip()}$")
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def readable_quote(text: str) -> str:
    r"""The quote as the docs show it: its formulas once, in ``$…$``.

    >>> print(readable_quote("when β=0\\beta = 0β=0."))
    when $\beta = 0$.
    >>> print(readable_quote(r"w^k = \sum_i x_i"))
    $w^k = \sum_i x_i$
    """
    if "$" in text:  # the lecture's quotes mark their maths already
        return text.replace("$$", "$")
    out = _collapse_triples(text)
    if _LATEX_MARK.search(re.sub(r"\$[^$]*\$", "", out)) and _latex_like(text):
        body = text.strip()  # a formula alone (the blog's and lecture's LaTeX)
        if "&" in body:
            body = r"\begin{aligned}" + body + r"\end{aligned}"
        return f"${body}$"
    return out


def quote_display(claim: Any) -> str:
    """The claim's quote as shown: its ``display`` where given, else :func:`readable_quote`."""
    return claim.display or readable_quote(claim.source.quote)


def raw_latex_outside_math(text: str) -> list[str]:
    """LaTeX commands left in the text outside ``$…$`` (what a reader would see raw)."""
    return RAW_LATEX.findall(re.sub(r"\$[^$]*\$", "", text))


_SCRIPT_RUN = re.compile(r"[^\s$]*(?:[\^_]\{(?:[^{}$]|\{[^{}$]*\})*\}|\\[A-Za-z]+)[^\s$]*")


def wrap_scripts(text: str) -> str:
    r"""Prose with its LaTeX-style runs (``x^{k+1}``, ``Σ_{i<j}``, ``\sqrt``) put in ``$…$``.

    The derivations and notes are written in plain Unicode with a LaTeX superscript or
    subscript where Unicode has none; set as inline maths, they typeset.

    >>> print(wrap_scripts("so x^{k+1} = ρx, done."))
    so $x^{k+1}$ = ρx, done.
    """
    parts = re.split(r"(\$[^$]*\$)", text)
    for i, part in enumerate(parts):
        if i % 2 == 0:
            parts[i] = _SCRIPT_RUN.sub(_as_math, part)
    return "".join(parts)


def _as_math(match: re.Match) -> str:
    run = match.group(0)
    # closing quotation marks and sentence punctuation stay outside (’ would read as a prime)
    tail = len(run) - len(run.rstrip(",.;:’'”\""))
    core, rest = (run[:-tail], run[-tail:]) if tail else (run, "")
    head = len(core) - len(core.lstrip("‘“'\""))
    return f"{core[:head]}${core[head:]}${rest}"


def prose(text: str) -> list[nodes.Node]:
    """Inline nodes for our own prose: :func:`wrap_scripts`, then text and maths."""
    return math_text(wrap_scripts(text))


def _marked(text: str, markers: tuple) -> list[nodes.Node]:
    """Text and inline maths, each footnote marker's digits set apart as a superscript."""
    out: list[nodes.Node] = []
    for node in math_text(text):
        if isinstance(node, nodes.math):
            out.append(node)
        else:
            out += _with_markers(node.astext(), markers)
    return out


def _details(summary: str, *body: nodes.Node, classes: str = "") -> list[nodes.Node]:
    """A collapsed HTML ``<details>`` block around ``body`` (plain content elsewhere)."""
    cls = f' class="{classes}"' if classes else ""
    return [
        nodes.raw("", f"<details{cls}><summary>{summary}</summary>", format="html"),
        *body,
        nodes.raw("", "</details>", format="html"),
    ]


# --- glossary: the symbols a family's statements use, defined once per page ----------------

#: (pattern in a statement's LaTeX, the symbol, what it is)
GLOSSARY: tuple[tuple[str, str, str], ...] = (
    (r"\\alpha", r"\alpha", "step size (learning rate)"),
    (r"\\beta", r"\beta", "momentum coefficient, 0 ≤ β < 1"),
    (r"\\gamma", r"\gamma", "a method's extra coefficient (the gradient's look-ahead)"),
    (r"\\nu", r"\nu", "quasi-hyperbolic momentum's mixing weight"),
    (r"\\lambda", r"\lambda", "an eigenvalue of the Hessian (a curvature)"),
    (r"\\mu", r"\mu", "the smallest curvature (strong convexity)"),
    (r"(?<![\\a-zA-Z])L(?![a-zA-Z])", "L", "the largest curvature (smoothness)"),
    (r"\\kappa", r"\kappa", "condition number L/μ"),
    (r"\\rho", r"\rho", "convergence rate: the error shrinks by ρ per step"),
    (r"\\sigma", r"\sigma", "an eigenvalue of the iteration matrix R"),
    (r"(?<![\\a-zA-Z])R(?![a-zA-Z])", "R", "the iteration matrix of one eigencomponent"),
    (r"(?<![\\a-zA-Z])N(?![a-zA-Z])", "N", "number of steps"),
    (r"(?<![\\a-zA-Z])k(?![a-zA-Z])", "k", "iteration index"),
    (r"w\^\\star|w\^\{\\star\}|x_\\star|x\^\\star", r"w^\star,\ x_\star", "the minimiser"),
    (r"(?<![\\a-zA-Z])f(?![a-zA-Z])", "f", "the objective"),
)


def glossary_rows(texts: list[str]) -> list[tuple[str, str]]:
    """The glossary entries whose symbol occurs in any of ``texts`` (LaTeX)."""
    joined = " ".join(texts)
    return [(sym, meaning) for pat, sym, meaning in GLOSSARY if re.search(pat, joined)]


#: Which figure shows which claims (anchors ``figure-NAME`` on the figures page).
FIGURE_CLAIMS = {
    "rate-map": ("HB-RATE", "HB-STABILITY", "HB-CRITICAL", "HB-OPTIMAL"),
    "regions": ("HB-TAXONOMY", "HB-DISCRIMINANT"),
    "hb-vs-nesterov": ("NAG-STABILITY", "HB-STABILITY"),
    "colorization": ("COLOR-CONDITION", "COLOR-GROWTH"),
    "rosenbrock": ("ROSEN-LOWER-BOUND", "ROSEN-HB-MEETS"),
    "stochastic-split": ("SGD-SPLIT", "SGD-FLOOR"),
    "worst-cases": ("WC-GD", "WC-HB", "WC-NAG", "WC-HB-PEAK", "HB-LESSARD-CYCLE", "PEP-TM-RATE"),
}


def _rel(docname: str, target: str) -> str:
    """Relative URI from page ``docname`` to ``target`` (a docname plus an anchor)."""
    here = Path(docname).parent
    return (Path(*([".."] * len(here.parts))) / target).as_posix() if here.parts else target


def _claim_ref(cid: str, docname: str) -> nodes.reference:
    return nodes.reference(cid, cid, refuri=claim_uri(cid, docname), internal=True)


def _links(c: Any, outcome: Any, docname: str) -> nodes.paragraph:
    """The claim's links: what it uses, what uses it, its erratum row and its figures."""
    from momentum_proofs import claims

    parts: list[nodes.Node] = []

    def group(label: str, items: list[nodes.Node]) -> None:
        if not items:
            return
        parts.append(nodes.strong(label, label))
        for i, item in enumerate(items):
            if i:
                parts.append(nodes.Text(", "))
            parts.append(item)
        parts.append(nodes.Text(". "))

    group("Uses: ", [_claim_ref(u, docname) for u in c.uses])
    group("Used by: ", [_claim_ref(u, docname) for u in claims.used_by(c.id)])
    if outcome.status == "erratum":
        uri = _rel(docname, f"errata.html#{nodes.make_id('erratum-' + c.id)}")
        group("Erratum: ", [nodes.reference("", "the errata table", refuri=uri, internal=True)])
    figs = [f for f, ids in FIGURE_CLAIMS.items() if c.id in ids]
    group(
        "Figure: ",
        [
            nodes.reference(f, f, refuri=_rel(docname, f"figures.html#figure-{f}"), internal=True)
            for f in figs
        ],
    )
    return _para(*parts)


def _source_code(c: Any) -> list[nodes.Node]:
    """The proof function's source, collapsed: the code that derives the claim."""
    import inspect

    fn = inspect.unwrap(c.prove)
    try:
        code = inspect.getsource(fn)
        line = inspect.getsourcelines(fn)[1]
    except (OSError, TypeError):
        return []
    block = nodes.literal_block(code, code, language="python", classes=["claim-source"])
    summary = f"Source: <code>{fn.__module__}.{fn.__name__}</code> (line {line})"
    return _details(summary, block, classes="claim-code")


#: A derivation longer than this shows its first and last steps, the rest folded.
FOLD_AFTER = 8


def _step_item(step: Any, docname: str) -> nodes.list_item:
    item = nodes.list_item()
    # The sentence says what was done; the display, a named equation, shows what came out.
    item += _para(*prose(step.text))
    if step.latex:
        item += display_math(step.latex, docname)
    return item


def claim_nodes(outcome: Any, docname: str = "") -> nodes.section:
    """One claim rendered as a docutils section (the rendering of ``.. claims::``)."""
    c = outcome.claim
    anchor = nodes.make_id(f"claim-{c.id}")
    sec = nodes.section(ids=[anchor], names=[nodes.fully_normalize_name(f"claim {c.id}")])
    sec += nodes.title(f"{c.id}: {c.title}", f"{c.id}: {c.title}")

    sec += _para(nodes.strong("Statement. ", "Statement. "), *math_text(c.statement))
    links = _links(c, outcome, docname)
    if len(links):
        links["classes"].append("claim-links")
        sec += links

    if c.source.citation is not None:
        sec += _para(nodes.strong("Source. ", "Source. "), *source_nodes(c.source))
    else:
        quote = nodes.block_quote(classes=["claim-quote"])
        quote += _para(*_marked(quote_display(c), c.markers))
        quote += nodes.attribution("", "", *source_nodes(c.source))
        sec += quote
        note = numbered_reference_note(c.source)
        if note is not None:
            sec += note
        verbatim = nodes.block_quote(classes=["claim-quote-verbatim"])
        verbatim += _para(*quote_nodes(c.source, c.markers))
        sec += _details("As extracted (verbatim, the text the tests check)", verbatim)
    for m in c.markers:
        sec += _para(nodes.strong("Footnote marker. ", "Footnote marker. "), m.describe())

    if c.kind == "printed-formula":
        sec += _para(
            nodes.strong("Misprint rule: ", "Misprint rule: "),
            f"if the printed form is refuted, it is reported as a {c.severity} "
            f"({SEVERITY_TEXT[c.severity]}).",
        )
        sec += _para(nodes.strong("As printed:", "As printed:"))
        sec += display_math(c.printed or "", docname)
        sec += _para(nodes.strong("Corrected:", "Corrected:"))
        sec += display_math(c.corrected or "", docname)
    if c.reconstructed:
        sec += _para(
            nodes.emphasis(
                "",
                "Reconstructed: the extraction of the source lost this formula; it is rebuilt "
                "from what the text prints around it.",
            )
        )

    proof = outcome.proof
    if proof is not None and proof.steps:
        sec += _para(nodes.strong("Derivation.", "Derivation."))
        items = [_step_item(step, docname) for step in proof.steps]
        if len(items) <= FOLD_AFTER:
            steps = nodes.enumerated_list(enumtype="arabic", classes=["claim-steps"])
            for item in items:
                steps += item
            sec += steps
        else:  # the key steps (first three, last two) shown, the middle folded
            head = nodes.enumerated_list(enumtype="arabic", classes=["claim-steps"])
            for item in items[:3]:
                head += item
            middle = nodes.enumerated_list(enumtype="arabic", start=4, classes=["claim-steps"])
            for item in items[3:-2]:
                middle += item
            tail = nodes.enumerated_list(
                enumtype="arabic", start=len(items) - 1, classes=["claim-steps"]
            )
            for item in items[-2:]:
                tail += item
            sec += head
            sec += _details(f"Steps 4 to {len(items) - 2} of {len(items)}", middle)
            sec += tail
    if proof is not None and proof.note:
        sec += _para(nodes.strong("Note. ", "Note. "), *prose(proof.note))

    evidence = {
        "symbolic": "symbolic (an exact sympy proof)",
        "numeric": "numeric (the routes below)",
    }.get(outcome.evidence, outcome.evidence)
    sec += _para(
        nodes.strong("Verdict: ", "Verdict: "),
        nodes.strong(outcome.status, outcome.status),
        f" ({STATUS_TEXT.get(outcome.status, outcome.status)}). ",
        nodes.strong("Evidence: ", "Evidence: "),
        f"{evidence}. ",
        nodes.strong("Max. relative error: ", "Max. relative error: "),
        f"{outcome.max_rel_error:.3g}. ",
        nodes.strong("Kind: ", "Kind: "),
        f"{c.kind}.",
    )
    fields = nodes.field_list(classes=["claim-verdict"])
    if outcome.routes:
        items = nodes.bullet_list()
        for r in outcome.routes:
            li = nodes.list_item()
            li += _para(
                nodes.literal(r.name, r.name),
                *prose(
                    f": {'ok' if r.ok else 'FAILED'}, max. relative error {r.max_rel_error:.3g}"
                    + (f" over {r.points} points" if r.points else "")
                    + (f"; {r.detail}" if r.detail else "")
                ),
            )
            items += li
        fields += _field("Numeric routes", items)
    if outcome.error:
        fields += _field("Error", _para(nodes.literal(outcome.error, outcome.error)))
    if len(fields):
        sec += fields
    for node in _source_code(c):
        sec += node
    return sec


_BUILDER = {"name": "html"}  # set at builder-inited


def _renders(env: Any) -> bool:
    """False for the doctest builder: claim pages hold no doctests, so it skips verify."""
    _mark_dynamic(env)
    return _BUILDER["name"] != "doctest"


def _mark_dynamic(env: Any) -> None:
    """Remember that this page renders live data, so every build reads it again."""
    if not hasattr(env, "momentum_dynamic"):
        env.momentum_dynamic = set()
    env.momentum_dynamic.add(env.docname)


def _always_outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """``env-get-outdated``: pages built from the registry or the numeric layer are never cached."""
    return sorted(getattr(env, "momentum_dynamic", set()) - removed)


# --- directives ------------------------------------------------------------------------------


class ClaimsDirective(SphinxDirective):
    """``.. claims:: FAMILY``: every claim of a family, from the live registry."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        family = self.arguments[0]
        if not _renders(self.env):
            return [_para(f"Claims of family {family}: rendered by the HTML build only.")]
        from momentum_proofs import claims as registry

        results = outcomes()
        chosen = [
            results[c.id]
            for c in registry.reading_order()
            if c.family == family and c.id in results
        ]
        if not chosen:
            return [_para(f"No claims of family {family} are registered in this build.")]
        counts: dict[str, int] = {}
        for o in chosen:
            counts[o.status] = counts.get(o.status, 0) + 1
        summary = ", ".join(count(n, s) for s, n in sorted(counts.items()))
        docname = self.env.docname
        out: list[nodes.Node] = [*family_intro([o.claim for o in chosen])]
        out.append(
            _para(
                f"{count(len(chosen), 'claim')} in this build: {summary}. They are listed so that "
                "each comes after the claims of this page that it uses."
            )
        )
        out.append(
            _table(
                ["claim", "statement", "verdict", "evidence"],
                [
                    [
                        [_claim_ref(o.claim.id, docname)],
                        math_text(o.claim.statement),
                        o.status,
                        o.evidence,
                    ]
                    for o in chosen
                ],
                [14, 60, 10, 10],
            )
        )
        rows = glossary_rows([o.claim.statement for o in chosen])
        if rows:
            out.append(_para(nodes.strong("Symbols on this page.", "Symbols on this page.")))
            out.append(
                _table(
                    ["symbol", "meaning"],
                    [[[nodes.math(sym, sym)], meaning] for sym, meaning in rows],
                    [12, 60],
                )
            )
        std = self.env.get_domain("std")
        for o in chosen:
            anchor = nodes.make_id(f"claim-{o.claim.id}")
            std.note_object("claim", o.claim.id, anchor, location=self.get_location())
        out += [claim_nodes(o, docname) for o in chosen]
        return out


class TimesDirective(SphinxDirective):
    """``.. verification-times::``: how long each claim took to check in this build.

    Developer material: the times depend on the machine and its load, so they are kept
    off the claim pages and shown here, slowest first.
    """

    def run(self) -> list[nodes.Node]:
        if not _renders(self.env):
            return [_para("Verification times: rendered by the HTML build only.")]
        results = outcomes()
        if not results:
            return [_para("No claims are registered in this build.")]
        rows = sorted(results.values(), key=lambda o: (-o.seconds, o.claim.id))
        total = sum(o.seconds for o in rows)
        docname = self.env.docname
        return [
            _para(
                f"{count(len(rows), 'claim')} checked in {total:.1f} s of this build "
                "(derivation, proof and numeric routes; derivations cached across claims "
                "count once, for the claim that needed them first)."
            ),
            # two columns, so that the table stays a table on a phone (the verdicts are
            # on the claim pages)
            _table(
                ["claim", "seconds"],
                [[[_claim_ref(o.claim.id, docname)], f"{o.seconds:.2f}"] for o in rows],
                [20, 10],
            ),
        ]


class ErrataDirective(SphinxDirective):
    """``.. errata-table::``: refuted printed formulas and their corrections."""

    def run(self) -> list[nodes.Node]:
        if not _renders(self.env):
            return [_para("Errata: rendered by the HTML build only.")]
        rows = errata_rows()
        if not rows:
            return [_para("No printed formula is refuted in this build.")]
        counts = ", ".join(count(sum(r["severity"] == s for r in rows), s) for s in SEVERITY_TEXT)
        out: list[nodes.Node] = [_para(f"{count(len(rows), 'misprint')} in this build: {counts}.")]
        for severity, meaning in SEVERITY_TEXT.items():
            group = [r for r in rows if r["severity"] == severity]
            if not group:
                continue
            title = f"{severity.capitalize()} ({len(group)})"
            part = nodes.section(ids=[nodes.make_id(f"severity-{severity}")])
            part += nodes.title(title, title)
            part += _para(f"Severity {severity}: {meaning}.")
            for r in group:
                part += self._row(r)
            out.append(part)
        return out

    def _row(self, r: dict[str, Any]) -> nodes.section:
        sec = nodes.section(ids=[nodes.make_id(f"erratum-{r['claim']}")])
        sec += nodes.title(f"{r['claim']}: {r['title']}", f"{r['claim']}: {r['title']}")
        ref = nodes.reference(
            r["claim"], r["claim"], refuri=self._claim_uri(r["claim"]), internal=True
        )
        src = r["source"]
        sec += _para("Source: ", *source_nodes(SimpleNamespace(**src)), ". Claim ", ref, ".")
        sec += _para(nodes.strong("As printed:", "As printed:"))
        sec += display_math(r["printed"] or "", self.env.docname)
        sec += _para(nodes.strong("Correct:", "Correct:"))
        sec += display_math(r["correct"] or "", self.env.docname)
        sec += _para(nodes.strong("Evidence: ", "Evidence: "), *prose(f"{r['evidence']}."))
        sec += _para(nodes.strong("Rule: ", "Rule: "), *prose(r["rule"]))
        return sec

    def _claim_uri(self, cid: str) -> str:
        return claim_uri(cid, self.env.docname)


def claim_uri(cid: str, docname: str) -> str:
    """Relative HTML link from page ``docname`` to claim ``cid`` on its family page."""
    here = Path(docname).parent
    target = Path("claims") / family_page_name(cid.split("-", 1)[0])
    rel = Path(*([".."] * len(here.parts))) / target if here.parts else target
    return f"{rel.as_posix()}.html#{nodes.make_id('claim-' + cid)}"


class CoverageDirective(SphinxDirective):
    """``.. coverage-table::``: the coverage table, when the coverage module exists."""

    def run(self) -> list[nodes.Node]:
        _mark_dynamic(self.env)
        rows = coverage_rows()
        if rows is None:
            return [
                _para("Coverage table not available in this build (no momentum_proofs.coverage).")
            ]
        if not rows:
            return [_para("The coverage table is empty.")]
        if {"statement", "seed", "section", "claims", "status"} <= set(rows[0]):
            return self._by_seed(rows)
        keys: list[str] = []
        for r in rows:
            keys += [k for k in r if k not in keys]
        body = [[str(r.get(k, "")) for k in keys] for r in rows]
        return [
            _para(f"{len(rows)} statements of the sources."),
            _table(keys, body, [max(6, min(40, len(k) + 10)) for k in keys]),
        ]

    def _by_seed(self, rows: list[dict[str, Any]]) -> list[nodes.Node]:
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        out: list[nodes.Node] = [
            _para(
                f"{len(rows)} statements of the sources: "
                # the status "claim" means checked by a claim ("102 claim" misread)
                + ", ".join(
                    f"{n} {'checked by a claim' if s == 'claim' else s}"
                    for s, n in sorted(counts.items())
                )
                + "."
            )
        ]
        seeds: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            seeds.setdefault(r["seed"], []).append(r)
        for seed in sorted(seeds):
            sec = nodes.section(ids=[nodes.make_id(f"coverage-{seed}")])
            title = SEED_NAMES.get(seed, seed)
            sec += nodes.title(title, title)
            body = []
            for r in seeds[seed]:
                statement: list[nodes.Node] = prose(r["statement"])
                if r.get("snippet"):
                    snippet = nodes.emphasis()
                    snippet.extend(prose(readable_quote(r["snippet"])))
                    statement += [nodes.Text(" — “"), snippet, nodes.Text("”")]
                if r["claims"]:
                    checked: list[nodes.Node] = []
                    for i, cid in enumerate(r["claims"]):
                        if i:
                            checked.append(nodes.Text(", "))
                        if r["status"] == "pending":
                            checked.append(nodes.literal(cid, cid))
                        else:
                            uri = claim_uri(cid, self.env.docname)
                            checked.append(nodes.reference(cid, cid, refuri=uri, internal=True))
                else:
                    checked = [nodes.Text(r.get("reason", ""))]
                body.append([statement, r["section"], checked, r["status"]])
            sec += _table(
                ["statement and passage", "section", "checked by", "status"], body, [45, 15, 25, 10]
            )
            out.append(sec)
        return out


def public_modules() -> list[str]:
    """Public modules of ``momentum_proofs`` and ``numeric`` (generated kernels left out)."""
    found = []
    for package in ("momentum_proofs", "numeric"):
        pkg = importlib.import_module(package)
        found.append(package)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
            if any(part.startswith("_") for part in info.name.split(".")):
                continue
            found.append(info.name)
    return sorted(set(found))


class ApiModulesDirective(SphinxDirective):
    """``.. api-modules::``: an ``automodule`` for every public module that exists now."""

    def run(self) -> list[nodes.Node]:
        _mark_dynamic(self.env)
        lines = []
        for name in public_modules():
            underline = "-" * len(name)
            lines += [name, underline, "", f".. automodule:: {name}", "   :members:", ""]
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(
            StringList(lines, source="<api-modules>"),
            self.content_offset,
            container,
            match_titles=True,
        )
        return list(container.children)


class FigureDirective(SphinxDirective):
    """``.. momentum-figure:: NAME``: a figure of :mod:`numeric.plots`, drawn in this build."""

    required_arguments = 1
    option_spec = {"width": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        _mark_dynamic(self.env)
        from momentum_proofs.methods import figures as _engine_figures  # noqa: F401 - registers them
        from numeric import plots

        name = self.arguments[0]
        if name not in plots.FIGURES:
            raise self.error(f"unknown figure {name!r}; known: {', '.join(sorted(plots.FIGURES))}")
        width = self.options.get("width", "90%")
        lines = [
            f".. figure:: /_generated/figures/{name}.svg",
            f"   :name: figure-{name}",
            f"   :width: {width}",
            f"   :alt: {plots.FIGURES[name].caption}",
            "",
            f"   {plots.FIGURES[name].caption}. Drawn at build time; also "
            f"``momentum-proofs plot {name} --out {name}.svg``.",
        ]
        container = nodes.container()
        self.state.nested_parse(
            StringList(lines, source="<momentum-figure>"), self.content_offset, container
        )
        return list(container.children)


class TuneExample(SphinxDirective):
    """``.. tune-example::``: a doctested call of ``momentum_proofs.tune`` when it exists.

    The expected numbers are the hand-derived ones of the tutorial (κ = 100), not
    output copied from ``tune``.
    """

    def run(self) -> list[nodes.Node]:
        _mark_dynamic(self.env)
        lines = tune_example_lines()
        if lines is None:
            return [
                _para(
                    "(momentum_proofs.tune is not available in this build, so this example is not run.)"
                )
            ]
        container = nodes.container()
        self.state.nested_parse(
            StringList(lines, source="<tune-example>"), self.content_offset, container
        )
        return list(container.children)


def tune_example_lines() -> list[str] | None:
    """The doctest block for ``tune``, or None when ``momentum_proofs.tune`` is missing."""
    try:
        module = importlib.import_module("momentum_proofs.tune")
    except ImportError:
        return None
    if not callable(getattr(module, "tune", None)):
        return None
    return [
        "With :math:`\\mu = 1/2` and :math:`L = 50` (so :math:`\\kappa = 100`), the formulas of "
        "step 2 give :math:`\\alpha = 8/121`, :math:`\\beta = 81/121` and the rate "
        ":math:`9/11` for heavy ball, and the rate :math:`99/101` for gradient descent; "
        "``tune`` agrees:",
        "",
        ".. doctest::",
        "",
        "   >>> from momentum_proofs.tune import tune",
        "   >>> t = tune(0.5, 50.0).as_json()",
        "   >>> hb = t['methods']['heavy_ball']",
        "   >>> print(round(hb['alpha'] * 121, 9), round(hb['beta'] * 121, 9), round(hb['rate'] * 11, 9))",
        "   8.0 81.0 9.0",
        "   >>> print(round(t['methods']['gradient_descent']['rate'] * 101, 9))",
        "   99.0",
        "   >>> torch = hb['torch']",
        "   >>> print(torch['lr'] == hb['alpha'], torch['momentum'] == hb['beta'], torch['nesterov'])",
        "   True True False",
        "",
    ]


_LITERAL_SPAN = re.compile(r"(``.*?``|:[\w:-]+:`[^`]*`)")


def prose_lines(lines: list[str]) -> Iterator[int]:
    """Indices of a docstring's prose lines: not doctest examples, not literal blocks.

    A doctest example runs to the next blank line; a literal block is every line
    indented deeper than the line ending in ``::`` that opened it.
    """
    in_example = False
    literal_indent: int | None = None  # indent of the line that opened a literal block
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            in_example = False
            continue
        if literal_indent is not None:
            if indent > literal_indent:
                continue
            literal_indent = None
        if stripped.startswith(">>>"):
            in_example = True
        if in_example:
            continue
        if stripped.endswith("::"):
            literal_indent = indent
        yield i


def escape_bars(lines: list[str]) -> None:
    """Escape ``|`` in docstring prose, in place, so ``|1 − αλ|`` is not a substitution.

    The project's docstrings write absolute values and norms in plain text (for
    ``help()`` and the terminal); reStructuredText would read ``|x|`` as a
    substitution reference.  Doctest examples, literal blocks and inline literals
    or roles are left as they are.
    """
    for i in prose_lines(lines):
        parts = _LITERAL_SPAN.split(lines[i])
        lines[i] = "".join(
            p if j % 2 else re.sub(r"(?<!\\)\|", r"\\|", p) for j, p in enumerate(parts)
        )


def _escape_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    escape_bars(lines)


# --- generated sources -----------------------------------------------------------------------


def family_page_name(family: str) -> str:
    order = list(FAMILY_TITLES)
    index = order.index(family) + 1 if family in order else 50
    return f"{index:02d}-{family.lower()}"


def family_intro(claims: list[Any]) -> list[nodes.Node]:
    """Where a family is derived, and the first paragraph of each module's docstring."""
    modules = sorted({c.prove.__module__ for c in claims})
    where = [nodes.Text("Derived in ")]
    for i, m in enumerate(modules):
        if i:
            where.append(nodes.Text(", "))
        where.append(nodes.literal(m, m))
    out: list[nodes.Node] = [_para(*where, ".")]
    for m in modules:
        doc = (importlib.import_module(m).__doc__ or "").strip().split("\n\n")[0]
        if doc:
            # ``code`` spans of the docstring become literals; the rest stays text.
            parts = " ".join(doc.split()).split("``")
            out.append(
                _para(
                    *(nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts))
                )
            )
    return out


def family_page(family: str, claims: list[Any]) -> str:
    """The reStructuredText of a family's page: a title and the ``claims`` directive."""
    title = f"{family}: {FAMILY_TITLES.get(family, family + ' claims')}"
    return "\n".join(
        [
            ".. This page is generated by docs/_ext/momentum_docs.py from the claim registry.",
            "",
            title,
            "=" * len(title),
            "",
            f".. claims:: {family}",
            "",
        ]
    )


def _write_if_changed(path: Path, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def generate_sources(app: Any) -> None:
    """Write one page per claim family and draw every figure (``builder-inited``)."""
    from momentum_proofs import claims
    from momentum_proofs.methods import figures as _engine_figures  # noqa: F401 - registers them
    from numeric import plots

    src = Path(app.srcdir)
    fams = claims.families()
    wanted = {family_page_name(f): family_page(f, fams[f]) for f in family_order(list(fams))}
    out = src / "claims"
    for stale in out.glob("*.rst") if out.exists() else []:
        if stale.stem not in wanted:
            stale.unlink()
    for page, text in wanted.items():
        _write_if_changed(out / f"{page}.rst", text)

    figures = src / "_generated" / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    _BUILDER["name"] = app.builder.name
    redraw = app.builder.name != "doctest"  # the doctest builder only needs the files to exist
    for name in plots.FIGURES:
        if not redraw and (figures / f"{name}.svg").exists():
            continue
        tmp = figures / f".{name}.svg"
        plots.save(name, tmp)
        _write_if_changed(figures / f"{name}.svg", tmp.read_bytes())
        tmp.unlink()
    logger.info(
        "momentum_docs: drew %d figures in %.1f s", len(plots.FIGURES), time.perf_counter() - start
    )


def setup(app: Any) -> dict[str, Any]:
    # claims are objects of the std domain: :claim:`HB-STABILITY` links to one, and the
    # search lists a claim whose id is searched before pages that merely mention it
    app.add_object_type("claim", "claim", objname="claim")
    app.add_directive("claims", ClaimsDirective)
    app.add_directive("errata-table", ErrataDirective)
    app.add_directive("verification-times", TimesDirective)
    app.add_directive("coverage-table", CoverageDirective)
    app.add_directive("api-modules", ApiModulesDirective)
    app.add_directive("momentum-figure", FigureDirective)
    app.add_directive("tune-example", TuneExample)
    app.connect("builder-inited", generate_sources)
    app.connect("autodoc-process-docstring", _escape_docstring)
    app.connect("env-get-outdated", _always_outdated)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
