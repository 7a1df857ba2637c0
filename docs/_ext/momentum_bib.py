"""Sphinx extension: the bibliography of the docs (``references.bib``, sphinxcontrib-bibtex).

- :data:`SEED_KEYS` names the entry of ``references.bib`` for each seed text; a
  claim from a paper cites its :class:`~momentum_proofs._registry.Citation` key.
- :func:`cite` makes the citation reference that the ``:cite:p:`` role makes, so
  pages built from docutils nodes (the claim pages) cite like hand-written ones.
- The style ``momentum`` is pybtex's ``alpha`` style (labels such as [LRP16]) that
  takes an entry's ``shorthand`` field as its label when it has one: a source with
  no known author gets [Blog] or [Slides], not the first letters of its key.
  Numbered labels are avoided on purpose: the Distill article's own numbered
  references, such as [8], appear verbatim in quoted passages.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes

#: The entry of ``references.bib`` for each seed text (the registry's seed file names).
SEED_KEYS = {
    "000_5a449e681689af02.txt": "blog-momentum-part2",
    "001_dca7dfbbfee52c11.txt": "goh2017",
    "002_bee5153b5cb4bea1.txt": "lecture6-optimization",
}


def cite(key: str) -> addnodes.pending_xref:
    """A parenthetical citation of ``key``, resolved by sphinxcontrib-bibtex to its label."""
    return addnodes.pending_xref(
        key,
        nodes.inline(key, key),
        refdomain="cite",
        reftype="p",
        reftarget=key,
        refexplicit=False,
        refwarn=True,
    )


_SEED_FILE = re.compile(
    r"\(``seeds/([0-9]{3}_[0-9a-f]{16}\.txt)``\)|``seeds/([0-9]{3}_[0-9a-f]{16}\.txt)``"
)


def cite_seed_files(lines: list[str]) -> None:
    """Replace, in place, a docstring's ``seeds/FILE`` by a citation of that seed.

    The derivation modules name the seed file they check, for a reader of the code;
    the rendered docs show the citation of the text instead (its author and title
    are in the bibliography), never the internal file name.
    """

    def repl(m: re.Match[str]) -> str:
        key = SEED_KEYS.get(m[1] or m[2])
        return f":cite:p:`{key}`" if key else m[0]

    for i, line in enumerate(lines):
        lines[i] = _SEED_FILE.sub(repl, line)


def _cite_in_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    cite_seed_files(lines)


def _register_style() -> None:
    """Register the pybtex style ``momentum`` (imported here: pybtex is a docs-only dependency)."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.alpha import Style as AlphaStyle
    from pybtex.style.labels.alpha import LabelStyle as AlphaLabelStyle

    class LabelStyle(AlphaLabelStyle):
        """``alpha`` labels, except that a ``shorthand`` field is the label as it stands."""

        def format_label(self, entry: Any) -> str:
            shorthand = entry.fields.get("shorthand")
            return str(shorthand) if shorthand else super().format_label(entry)

    class Style(AlphaStyle):
        default_label_style = "momentum"

    register_plugin("pybtex.style.labels", "momentum", LabelStyle, force=True)
    register_plugin("pybtex.style.formatting", "momentum", Style, force=True)


def setup(app: Any) -> dict[str, Any]:
    _register_style()
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("autodoc-process-docstring", _cite_in_docstring)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
