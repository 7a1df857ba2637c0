"""The tutorial's code runs and prints what the page says (docs/tutorial.rst).

The Sphinx doctest builder runs the same blocks in CI; this test runs them without
Sphinx, in order and in one namespace as the builder does, so a plain ``pytest``
catches a tutorial that has drifted from the code.  Blocks marked ``:skipif:`` are
skipped where their condition holds (torch absent).  The expected outputs are the
page's own text; the page checks ``tune`` against formulas typed in independently.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.rst"
# sphinx.ext.doctest's default flags
FLAGS = doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL | doctest.DONT_ACCEPT_TRUE_FOR_1


def doctest_blocks(text: str) -> list[tuple[str | None, str]]:
    """Every ``.. doctest::`` block of a reST text: (its ``:skipif:`` condition, its code)."""
    lines = text.splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != ".. doctest::":
            i += 1
            continue
        i += 1
        skipif = None
        while i < len(lines) and re.match(r"\s+:[\w-]+:", lines[i]):
            m = re.match(r"\s+:skipif:\s*(.*)", lines[i])
            if m:
                skipif = m[1]
            i += 1
        body = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("   ")):
            body.append(lines[i][3:])
            i += 1
        blocks.append((skipif, "\n".join(body).strip() + "\n"))
    return blocks


def test_the_parser_finds_blocks_and_conditions():
    text = "x\n\n.. doctest::\n   :skipif: True\n\n   >>> 1\n   1\n\nafter\n"
    assert doctest_blocks(text) == [("True", ">>> 1\n1\n")]


def test_every_tutorial_block_runs_and_prints_what_the_page_says():
    blocks = doctest_blocks(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    sys.path.insert(0, str(ROOT))
    globs: dict = {}
    exec("import numpy as np", globs)  # doctest_global_setup of docs/conf.py
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    parser = doctest.DocTestParser()
    skipped = 0
    for n, (skipif, code) in enumerate(blocks):
        if skipif is not None and eval(skipif, {}):  # the page's own condition
            skipped += 1
            continue
        test = parser.get_doctest(code, globs, f"tutorial block {n}", str(TUTORIAL), 0)
        test.globs = globs  # DocTest copies them: one namespace, as Sphinx's default group
        runner.run(test, clear_globs=False)
    assert runner.failures == 0, f"{runner.failures} tutorial examples failed (see above)"
    if skipped and importlib.util.find_spec("torch") is None:
        pytest.skip(f"{skipped} block(s) need torch, which is not installed")


def test_the_torch_block_is_the_one_that_is_skipped_without_torch():
    conditions = [c for c, _ in doctest_blocks(TUTORIAL.read_text(encoding="utf-8")) if c]
    assert conditions and all("torch" in c for c in conditions)


def test_settings_quoted_in_the_text_are_the_tuned_ones():
    """The :tuned: role reads tune(); here the same numbers come from the closed forms."""
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    ext = pytest.importorskip("tutorial_values")
    import math

    mu, L = 1.0, 100.0
    s = math.sqrt(3 * L / mu + 1)
    expected = {  # Lessard–Recht–Packard's minimax Nesterov tuning and Polyak's heavy ball
        "1,100 nesterov lr": 4 / (3 * L + mu),
        "1,100 nesterov momentum": (s - 2) / (s + 2),
        "1,100 heavy_ball lr": (2 / (math.sqrt(L) + math.sqrt(mu))) ** 2,
        "1,100 heavy_ball momentum": ((10 - 1) / (10 + 1)) ** 2,
    }
    for text, value in expected.items():
        assert ext.tuned_value(text) == f"{value:.5f}"
    assert ext.tuned_value("1,100 nesterov lr") == "0.01329"
    assert ext.tuned_value("1,100 nesterov momentum") == "0.79327"
    page = TUTORIAL.read_text(encoding="utf-8")
    for text in expected:
        assert f":tuned:`{text}`" in page
    with pytest.raises(ValueError, match="KEY"):
        ext.tuned_value("1,100 nesterov speed")
    with pytest.raises(ValueError, match="METHOD"):
        ext.tuned_value("1,100 adam lr")
