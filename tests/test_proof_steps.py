"""Every derivation step reads like a line of a textbook proof (issue 17).

A step is a sentence (capital first, maths in ``$…$`` LaTeX, not Unicode maths) and,
when it computed or checked something, a named equation: a LaTeX relation whose left
side names the object.  Nothing internal (a sympy name such as ``x_star``) may show.
These rules are checked on the steps as the proofs produce them, so they hold for what
the docs render.
"""

from __future__ import annotations

import re

import pytest

from momentum_proofs import claims

#: Characters that are maths written in Unicode: super/subscripts, roots, relations,
#: operators and Greek letters.  In step text they belong inside ``$…$`` as LaTeX.
_UNICODE_MATHS = re.compile(
    "[\u00b2\u00b3\u00b9\u2070-\u209f\u1d2c-\u1d6a\u1d9c-\u1dbf"  # super- and subscripts
    "\u221a\u2264\u2265\u00b7\u00d7\u2212\u2207\u2208\u2211\u220f\u221e\u2260\u2248"
    "\u2192\u21d2\u21d4\u2016\u00b1\u2213\u2202\u222b\u00bd\u2261\u2245\u2282\u2286"
    "\u0370-\u03ff]"  # Greek
)

#: A relation that makes a display an equation, not a bare expression.
_RELATION = re.compile(
    r"=|<|>|\\le\b|\\leq\b|\\ge\b|\\geq\b|\\lt\b|\\gt\b|\\iff\b|\\ne\b|\\neq\b|\\equiv\b"
    r"|\\to\b|\\approx\b|\\Longrightarrow\b|\\Rightarrow\b|\\implies\b|\\in\b|\\sim\b"
)

#: What sympy prints for an internal name: a subscript of three or more letters such as
#: ``x_{star}`` (from the Symbol ``x_star``), ``\operatorname{…}`` (an undefined
#: function's name), or ``lam`` (the eigenvalue's code name, printed as λ with
#: :func:`momentum_proofs.symbols.latex`).
_INTERNAL = re.compile(r"_\{[a-z]{3,}\}|\\operatorname\b|(?<![\\a-zA-Z])lam(?![a-zA-Z])")


def _params() -> list:
    return [pytest.param(c, id=c.id) for c in claims.all()]


def _outside_maths(text: str) -> str:
    """``text`` without its ``$…$`` pieces."""
    return re.sub(r"\$[^$]*\$", " ", text)


def _problems(c: claims.Claim) -> list[str]:
    """Every rule a step of ``c``'s proof breaks, one line each."""
    proof = c.prove()  # cached by the registry: each proof runs once per session
    found = []
    for i, step in enumerate(proof.steps, 1):
        text = step.text.removeprefix("FAILED: ")
        where = f"step {i} ({text[:50]!r})"
        if not re.match(r"(\([a-z]\) )?[A-Z]", text):  # a part label "(b) " may lead
            found.append(f"{where}: does not start with a capital letter")
        if text.count("$") % 2:
            found.append(f"{where}: unbalanced $")
        if bad := sorted(set(_UNICODE_MATHS.findall(_outside_maths(text)))):
            found.append(f"{where}: Unicode maths outside $…$: {' '.join(bad)}")
        if step.expr is not None and step.equation is None:
            found.append(f"{where}: a bare expression, no named equation")
        if step.equation is not None and not _RELATION.search(step.equation):
            found.append(f"{where}: the equation has no relation: {step.equation[:60]!r}")
        for piece in (step.equation or "", *re.findall(r"\$([^$]*)\$", text)):
            if m := _INTERNAL.search(piece):
                found.append(f"{where}: internal name {m.group()!r} in {piece[:60]!r}")
    return found


@pytest.mark.parametrize("claim", _params())
def test_steps_read_as_a_proof(claim):
    if claim.missing:
        pytest.skip(f"needs {', '.join(claim.missing)}")
    problems = _problems(claim)
    assert not problems, "\n".join(problems)


def test_the_rules_catch_what_they_name():
    """The checker flags each kind of fault (so a passing run means something)."""
    import sympy as sp

    from momentum_proofs.proof import Proof
    from momentum_proofs.symbols import lam

    x_star = sp.Symbol("x_star")
    bad = Proof(True)
    bad.step("lower-case start.")
    bad.step("Unicode maths β² outside dollars.")
    bad.step("A bare expression.", lam + 1)
    bad.step("No relation.", equation=r"\alpha + 1")
    bad.step("An internal name.", equation=f"y = {sp.latex(x_star)}")
    bad.step("Code name of the eigenvalue.", equation=f"y = {sp.latex(lam)}")
    good = Proof(True)
    good.step("Expand $\\beta^2$; the result is named.", equation=r"f(x) \le \frac12")

    class Fake:
        def __init__(self, proof):
            self.prove = lambda: proof

    assert len(_problems(Fake(bad))) == 6
    assert _problems(Fake(good)) == []


def test_a_step_renders_as_its_sentence_then_its_equation_on_display():
    """However short, a step's equation is a display under its sentence (no inline result)."""
    import sys
    from pathlib import Path

    pytest.importorskip("sphinx")
    from docutils import nodes

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
    import momentum_docs as ext

    from momentum_proofs.proof import Step

    item = ext._step_item(Step("Evaluate $p$ at 1.", equation="p(1) = 0"), "claims/x")
    paragraph, display = item.children
    assert isinstance(paragraph, nodes.paragraph) and "Result" not in paragraph.astext()
    assert isinstance(display, nodes.math_block) and display.astext() == "p(1) = 0"
    bare = ext._step_item(Step("A citation, no equation."), "claims/x")
    assert [type(c) for c in bare.children] == [nodes.paragraph]
