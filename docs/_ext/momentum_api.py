"""Sphinx extension: the API reference (one page per module, see ``api.rst``).

- Inline formulas that a docstring writes with TeX scripts in its Unicode prose,
  such as ``x_{k+1}``, ``ρ^{2N}`` or ``D_k``, become ``:math:`` roles
  (:func:`mark_math`), so they are typeset instead of shown as raw text.  The prose
  itself is not changed, and docstrings stay plain Unicode for ``help()``.
- ``.. claim-proofs:: MODULE`` documents a family module's ``prove_*`` functions, one
  per claim, in source order under their own heading, whether or not the module's
  ``__all__`` names them; each says which claim it proves (:func:`claims_proved`).
  The module's member list leaves them out, so each appears once.
- A reference to a name the package re-exports (``momentum_proofs.tune_function``)
  links to the page of the module that defines it (:func:`reexport_target`).
- Sphinx 9.0 prints an ``autodoc_type_aliases`` alias inside a union as
  ``TypeAliasForwardRef('numpy.typing.ArrayLike')``; signatures show the alias.
- Generated pages of modules that no longer exist are removed before autosummary
  writes the current ones (a renamed module would otherwise leave an orphan page).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from docutils.utils import punctuation_chars
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

_LETTERS = r"A-Za-z0-9\u0370-\u03ff\u1d00-\u1dbf\u2070-\u209f*′"
_GROUP = r"\{(?:[^{}\n]|\{[^{}\n]*\})*\}"  # a braced group, one level of nesting inside
_SCRIPT = rf"[_^](?:{_GROUP}|[{_LETTERS}])"
# A base (possibly empty, as in ")^{2k}") followed by scripts, at least one braced.
_FORMULA = re.compile(
    rf"(?<![\w*′`\\])([{_LETTERS}]*)((?:{_SCRIPT})*[_^]{_GROUP}(?:{_SCRIPT})*)(?!\{{)"
)
# One letter (after a numeric or Greek factor, as in "2x_k" or "λx_k") with one plain
# script, as in "D_k" or "x_i", not part of a longer name ("chunk_size", "λ_min" and
# "s_ij" stay text).
_SIMPLE = re.compile(
    r"(?<![\w*′`\\])((?:[0-9\u0370-\u03ff])*[A-Za-z\u0370-\u03ff])([_^][A-Za-z0-9\u0370-\u03ff])(?![\w{])"
)
_OPERATORS = {"max", "min", "sup", "inf", "log", "exp", "lim"}
_LITERAL_SPAN = re.compile(r"(``.*?``|:[\w:-]+:`[^`]*`|`[^`]*`_?)")
# A numpydoc parameter line, "name : type" or "x, y : type": its name is not maths.
_PARAMETER = re.compile(r"^\s*\*{0,2}[\w, ]+ :( |$)")


def _as_math(m: re.Match[str]) -> str:
    base, scripts = m[1], m[2]
    if base in _OPERATORS:
        base = "\\" + base
    # reST recognises a role only after whitespace or opening punctuation and before
    # whitespace or closing punctuation; elsewhere ("(1 − αλ)^{2k}", "σ^{k−1}(kR") an
    # escaped space, which renders as nothing, separates it from the text around it.
    text, start, end = m.string, m.start(), m.end()
    before = "" if start == 0 or _may_precede(text[start - 1]) else "\\ "
    after = "" if end == len(text) or _may_follow(text[end]) else "\\ "
    return f"{before}:math:`{base}{scripts}`{after}"


# What docutils itself accepts before and after inline markup (its inliner's
# start-string prefix and end-string suffix).  Not every punctuation mark is among
# them: "x_i*" needs the escaped space, or the role runs on to the next backtick.
def _may_precede(c: str) -> bool:
    return c.isspace() or c in punctuation_chars.openers or c in punctuation_chars.delimiters


def _may_follow(c: str) -> bool:
    return c.isspace() or any(
        c in chars
        for chars in (
            punctuation_chars.closing_delimiters,
            punctuation_chars.delimiters,
            punctuation_chars.closers,
        )
    )


def mark_math(lines: list[str]) -> None:
    """Set each TeX-style formula of docstring prose as ``:math:``, in place.

    Marked: formulas with a braced script (``x_{k+1}``, ``σ^{k−1}``, ``Σ_{i∈D}``) and one
    letter with a plain one (``D_k``).  Left alone: longer names (``chunk_size``,
    ``λ_min``), the name of a numpydoc parameter, doctest examples, literal blocks,
    inline literals and roles.
    """
    from momentum_docs import prose_lines

    for i in prose_lines(lines):
        line = lines[i]
        if _PARAMETER.match(line):
            continue
        for pattern in (_FORMULA, _SIMPLE):
            parts = _LITERAL_SPAN.split(lines[i])
            lines[i] = "".join(
                p if j % 2 else pattern.sub(_as_math, p) for j, p in enumerate(parts)
            )


def _process_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    mark_math(lines)
    if what == "function" and name.rpartition(".")[2].startswith("prove_"):
        ids = claims_proved(*name.rpartition(".")[::2])
        if ids:
            lines += ["", "Claim " + ", ".join(_claim_link(cid) for cid in ids) + "."]


@functools.cache
def _proved_by() -> dict[tuple[str, str], list[str]]:
    from momentum_proofs import claims

    out: dict[tuple[str, str], list[str]] = {}
    for c in claims.all():
        out.setdefault((c.prove.__module__, c.prove.__name__), []).append(c.id)
    return out


def claims_proved(module: str, function: str) -> list[str]:
    """The ids of the claims whose symbolic route is ``module.function``."""
    return _proved_by().get((module, function), [])


def _claim_link(cid: str) -> str:
    """``ID`` with a link to its family's page (plain, if that page cannot be named)."""
    try:
        from momentum_docs import family_page_name

        page = family_page_name(cid.split("-", 1)[0])
    except (ImportError, AttributeError, ValueError):
        return f"``{cid}``"
    return f"``{cid}`` (:doc:`its page </claims/{page}>`)"


def proof_functions(module: Any) -> list[str]:
    """The ``prove_*`` functions defined in ``module``, in source order."""
    found = [
        (name, value)
        for name, value in vars(module).items()
        if name.startswith("prove_")
        and callable(value)
        and getattr(value, "__module__", None) == module.__name__
    ]

    def line(item: tuple[str, Any]) -> int:
        try:
            return inspect.getsourcelines(inspect.unwrap(item[1]))[1]
        except (OSError, TypeError):
            return 0

    return [name for name, _ in sorted(found, key=line)]


class ClaimProofs(SphinxDirective):
    """``.. claim-proofs:: MODULE``: a section with the module's ``prove_*`` functions."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        module = importlib.import_module(self.arguments[0])
        names = proof_functions(module)
        if not names:
            return []
        title = "Claims proved in this module"
        lines = [
            title,
            "-" * len(title),
            "",
            "Each function derives one claim of the registry and returns its",
            ":class:`~momentum_proofs.proof.Proof`; the claims, with their derivations and",
            "verdicts, are rendered under :doc:`/claims`.",
            "",
            ".. autosummary::",
            "   :nosignatures:",
            "",
            *(f"   {n}" for n in names),
            "",
        ]
        for n in names:
            lines += [f".. autofunction:: {n}", ""]
        return nested_parse_to_nodes(
            self.state,
            StringList(lines, source=f"<claim-proofs {module.__name__}>"),
            allow_section_headings=True,
        )


def _skip_proofs(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> bool | None:
    """A module's member list leaves out ``prove_*``: ``claim-proofs`` documents them."""
    return True if what == "module" and name.startswith("prove_") else None


_FORWARD_REF = re.compile(r"TypeAliasForwardRef\('([^']*)'\)")


def plain_type_aliases(
    app: Any,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """``autodoc-process-signature``: ``TypeAliasForwardRef('X')`` shown as ``X``."""
    return (
        _FORWARD_REF.sub(r"\1", signature) if signature else signature,
        _FORWARD_REF.sub(r"\1", return_annotation) if return_annotation else return_annotation,
    )


def reexport_target(target: str) -> str | None:
    """Where the object named ``target`` is defined, if that is another name.

    ``momentum_proofs.tune_function`` is a lazy re-export of
    ``momentum_proofs.curvature_tuning.tune_function``, which is where the API pages
    document it.  ``None`` when the name cannot be imported or is already the home.
    """
    module, _, attr = target.rpartition(".")
    if not module or not attr:
        return None
    try:
        obj = getattr(importlib.import_module(module), attr)
    except Exception:  # noqa: BLE001 - any failure means: not a re-export we can follow
        return None
    home, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
    if not isinstance(home, str) or not isinstance(qualname, str):
        return None
    real = f"{home}.{qualname}"
    return real if real != target else None


def _resolve_reexport(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """``missing-reference``: a Python name that the package re-exports links to its home."""
    if node.get("refdomain") != "py":
        return None
    real = reexport_target(node.get("reftarget", ""))
    if real is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], real, node, contnode
    )


def private_name(target: str) -> bool:
    """Whether ``target`` is a qualified private name of this project's packages.

    >>> private_name("momentum_proofs.methods.evaluate._Compiled"), private_name("numeric.rates")
    (True, False)
    """
    parts = target.split(".")
    return parts[0] in {"momentum_proofs", "numeric"} and any(p.startswith("_") for p in parts)


def _private_as_text(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """``missing-reference``: a private name of the package, shown as plain text.

    A signature may name a private helper class (``compile_rate() -> _Compiled``): it
    has no page to link to, and the reader is not meant to use it, so it is set as
    text instead of a broken link.  Only fully qualified names inside the package
    qualify; a docstring's bare ``:func:`_helper``` still warns, so prose does not
    quietly point at private code.
    """
    if node.get("refdomain") != "py" or not private_name(node.get("reftarget", "")):
        return None
    return contnode


def remove_stale_stubs(app: Any) -> None:
    """Delete generated pages (``api/*.rst``) of modules that cannot be found any more."""
    for stub in (Path(app.srcdir) / "api").glob("*.rst"):
        try:
            found = importlib.util.find_spec(stub.stem)
        except ImportError:
            found = None
        if found is None:
            stub.unlink()


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("sphinx.ext.autodoc")
    app.setup_extension("sphinx.ext.autosummary")
    # before other docstring handlers (momentum_docs escapes "|" outside roles)
    app.add_directive("claim-proofs", ClaimProofs)
    app.connect("autodoc-process-docstring", _process_docstring, priority=400)
    app.connect("autodoc-skip-member", _skip_proofs)
    app.connect("autodoc-process-signature", plain_type_aliases)
    app.connect("missing-reference", _resolve_reexport)
    app.connect("missing-reference", _private_as_text, priority=600)  # after re-exports
    app.connect("builder-inited", remove_stale_stubs, priority=400)  # before autosummary's
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
