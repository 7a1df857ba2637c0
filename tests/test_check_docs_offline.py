"""The page-fit check of scripts/check_docs_offline.py, on pages made for it.

Each page is tiny and its width is known by construction, so the test knows which
page must fail and at which width without asking the script.  It needs Debian's
headless Chromium and is skipped where there is none.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "check_docs_offline", ROOT / "scripts" / "check_docs_offline.py"
)
check = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = check  # dataclasses look their module up there
_spec.loader.exec_module(check)

HEAD = '<!doctype html><html{html}><head><meta charset="utf-8"></head><body>{body}</body></html>'
PAGES = {
    # 900 px of text in a box that scrolls on its own: allowed at both widths.
    "index.html": HEAD.format(
        html="",
        body='<p>Text.</p><div style="overflow-x:auto"><div style="width:900px">wide</div></div>',
    ),
    # A 900 px box in the page itself: fits 1400 px, not 400 px.
    "wide.html": HEAD.format(
        html="", body='<p>Text.</p><div id="culprit" style="width:900px">wide</div>'
    ),
    # The same, with the root's sideways scrolling hidden (as Furo does): still a failure,
    # since the reader cannot reach what sticks out.
    "hidden.html": HEAD.format(
        html=' style="overflow-x:hidden"',
        body='<p>Text.</p><div id="culprit" style="width:900px">wide</div>',
    ),
    # A 600 px box inside a content column that scrolls sideways (as Furo's does on a
    # narrow screen): the page does not scroll, but the text column does, so it fails.
    "column.html": HEAD.format(
        html=' style="overflow-x:hidden"',
        body='<div class="content" style="overflow-x:auto">'
        '<div id="culprit" style="width:600px">wide</div></div>',
    ),
}

needs_chromium = pytest.mark.skipif(
    check.find_chromium() is None, reason="needs chromium (apt-get install chromium)"
)


def test_instrumented_copy_adds_the_script_before_the_body_ends():
    out = check.instrumented("<html><body><p>x</p></body></html>", narrow=321)
    assert out.startswith("<html><body><p>x</p>\n<script>")
    assert out.endswith("</script>\n</body></html>")
    assert "var NARROW = 321;" in out


def test_fit_in_reads_the_measurements_and_is_empty_without_them():
    dom = '<html><body class="x" data-overflow="{&quot;wide&quot;: {&quot;ok&quot;: true}}">'
    assert check.fit_in(dom) == {"wide": {"ok": True}}
    assert check.fit_in("<html><body><p>never measured</p></body></html>") == {}


@needs_chromium
def test_only_the_pages_that_stick_out_are_flagged(tmp_path, capsys):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    chromium = check.find_chromium()
    results = {
        name: check.check_page(chromium, tmp_path, tmp_path / name, timeout=120) for name in PAGES
    }
    for name, r in results.items():
        assert set(r.fit) == {"wide", "narrow"}, (name, r.problem)
    assert results["index.html"].ok
    for name in ("wide.html", "hidden.html"):
        r = results[name]
        assert r.fit["wide"]["ok"] and not r.fit["narrow"]["ok"] and not r.ok
        assert r.fit["narrow"]["widest"].startswith("div#culprit")
        # 900 px against a viewport of at most 400 px
        assert r.fit["narrow"]["over"] >= 500
    column = results["column.html"]
    assert column.fit["wide"]["ok"] and not column.fit["narrow"]["ok"]
    assert column.fit["narrow"]["boxes"] and column.fit["narrow"]["scroll"] <= 400
    assert column.fit["narrow"]["widest"].startswith("div#culprit")
    # The temporary copies are gone, and the command line fails on the same pages.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PAGES)
    assert check.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "ok   index.html" in out
    assert "FAIL wide.html" in out and "FAIL hidden.html" in out and "FAIL column.html" in out
    assert "fit at 400 px: 1 of 4 pages fit" in out


@needs_chromium
def test_screenshots_are_written_at_both_widths(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.html").write_text(PAGES["index.html"], encoding="utf-8")
    monkeypatch.setattr(check, "SCREENSHOT_PAGES", ("claims/a.html",))
    out = tmp_path / "shots"
    written = check.screenshots(check.find_chromium(), tmp_path, out, timeout=120)
    assert sorted(p.name for p in written) == ["claims-a-1400.png", "claims-a-400.png"]
    for png in written:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
