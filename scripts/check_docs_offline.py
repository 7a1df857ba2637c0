"""Open the built documentation in headless Chromium and check it works offline.

For every HTML page of a Sphinx build (default ``docs/_build/html``) this script

1. loads the page from ``file://`` in Debian's ``chromium`` (headless, with a
   fresh profile and a virtual-time budget, so MathJax has run when the DOM is
   dumped) and records Chromium's network log;
2. counts the formulas Sphinx emitted (``class="math …"`` elements in the file)
   and the formulas MathJax typeset in the DOM (``<mjx-container>``); a page
   passes when every formula is typeset, none is a MathJax error
   (``<mjx-merror>``) and no raw ``\\(`` or ``\\[`` is left inside a math element;
   and no raw LaTeX command (``\\frac``, ``\\beta``, ``\\sqrt``, ``\\text``, ``\\boxed``,
   ``^{``, ``_{`` …) is left in the page's visible text outside typeset maths (code
   blocks and collapsed ``<details>``, such as a quote "as extracted", are not visible
   text);
3. lists every request to a non-loopback host in the network log.  Loading from
   ``file://`` never reaches the network, so any such request would come from the
   page (a CDN script, a web font).  Chromium itself still calls a few Google
   services in the background even with ``--disable-background-networking``
   (FIELD-NOTES.md); those requests carry no page origin (``initiator`` is
   "not an origin") and go to a short fixed list of hosts, and only they are
   set aside, each one reported.

Exit code 0 iff every page passes and no page made an external request.

Usage::

    python scripts/check_docs_offline.py [BUILD_DIR] [--pages N] [--jobs J]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# Chromium's own background services seen on these machines (FIELD-NOTES.md).
BACKGROUND_HOSTS = {
    "clients2.google.com",
    "update.googleapis.com",
    "accounts.google.com",
    "redirector.gvt1.com",
    "safebrowsing.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "content-autofill.googleapis.com",
    "www.google.com",
}
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--virtual-time-budget=15000",
]
SKIP = {"genindex.html", "search.html", "py-modindex.html"}


@dataclass
class PageResult:
    page: str
    formulas: int = 0
    typeset: int = 0
    errors: int = 0
    raw_left: int = 0
    raw_latex: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.problem
            and not self.external
            and self.errors == 0
            and self.raw_left == 0
            and not self.raw_latex
            and self.typeset >= self.formulas
        )


class _MathText(HTMLParser):
    """Collects the text inside elements whose class names contain ``math``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # > 0 while inside a math element
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        is_math = "math" in classes
        self.stack.append(is_math)
        self.depth += is_math

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.depth > 0:
            self.text.append(data)


#: LaTeX a reader must never see raw.
RAW_LATEX = re.compile(
    r"\\(?:frac|beta|alpha|lambda|sqrt|text|boxed|sigma|kappa|mu|left|right|cdot)(?![A-Za-z])"
    r"|\^\{|_\{"
)
_HIDDEN = {"script", "style", "pre", "code", "details", "mjx-container", "textarea", "head"}


class _VisibleText(HTMLParser):
    """Collects the text a reader sees: outside maths, code, scripts and closed details."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.hidden = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        # Sphinx marks literal text with class "pre": inline code and the code of an API
        # signature, such as a value's repr ('\\alpha' in a dict of LaTeX names).
        hide = tag in _HIDDEN or bool({"math", "highlight", "pre"} & set(classes))
        self.stack.append(hide)
        self.hidden += hide

    def handle_endtag(self, tag: str) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        if self.stack:
            self.hidden -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.hidden == 0:
            self.text.append(data)


def raw_latex_in(dom: str) -> list[str]:
    """Raw LaTeX fragments in the visible text of a rendered page (with some context)."""
    parser = _VisibleText()
    parser.feed(dom)
    text = " ".join(parser.text)
    return [text[max(0, m.start() - 30) : m.end() + 10] for m in RAW_LATEX.finditer(text)]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def requests_in(net_log: Path) -> list[tuple[str, str]]:
    """(url, initiator) of every URL request that Chromium's network log records."""
    try:
        data = json.loads(net_log.read_text(encoding="utf-8", errors="replace"))
    except (OSError, json.JSONDecodeError):
        # Chromium may leave the final "]}" out when killed; close it ourselves.
        text = net_log.read_text(encoding="utf-8", errors="replace").rstrip().rstrip(",")
        data = json.loads(text + "]}")
    names = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    out = []
    for event in data.get("events", []):
        params = event.get("params") or {}
        if names.get(event.get("type")) == "URL_REQUEST_START_JOB" and "url" in params:
            out.append((params["url"], str(params.get("initiator", ""))))
    return out


def is_loopback(host: str) -> bool:
    return host in {"localhost", "::1", ""} or host.startswith("127.")


def check_page(chromium: str, root: Path, page: Path, timeout: float) -> PageResult:
    result = PageResult(str(page.relative_to(root)))
    source = page.read_text(encoding="utf-8")
    result.formulas = sum("math" in c.split() for c in re.findall(r'class="([^"]*)"', source))
    with tempfile.TemporaryDirectory() as tmp:
        net_log = Path(tmp) / "net.json"
        cmd = [
            chromium,
            *FLAGS,
            f"--user-data-dir={tmp}/profile",
            f"--log-net-log={net_log}",
            "--dump-dom",
            page.resolve().as_uri(),
        ]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            result.problem = f"chromium did not finish in {timeout:g} s"
            return result
        dom = run.stdout
        if run.returncode != 0 or "<html" not in dom:
            result.problem = f"chromium exited {run.returncode}: {run.stderr.strip()[-300:]}"
            return result
        for url, initiator in requests_in(net_log) if net_log.exists() else []:
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https", "ws", "wss"} or is_loopback(
                parts.hostname or ""
            ):
                continue
            if initiator == "not an origin" and parts.hostname in BACKGROUND_HOSTS:
                result.background.append(url)
            else:
                result.external.append(f"{url} (initiator {initiator})")
    result.typeset = dom.count("<mjx-container")
    result.errors = dom.count("<mjx-merror")
    parser = _MathText()
    parser.feed(dom)
    text = "".join(parser.text)
    result.raw_left = text.count("\\(") + text.count("\\[")
    result.raw_latex = raw_latex_in(dom)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "build", nargs="?", default="docs/_build/html", help="Sphinx HTML output folder"
    )
    parser.add_argument("--pages", type=int, default=0, help="check at most N pages (0: all)")
    parser.add_argument("--jobs", type=int, default=2, help="pages checked at once")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page")
    args = parser.parse_args(argv)

    root = Path(args.build)
    if not (root / "index.html").is_file():
        print(f"check_docs_offline: no index.html in {root}; build the docs first", file=sys.stderr)
        return 2
    chromium = find_chromium()
    if chromium is None:
        print(
            "check_docs_offline: chromium not found (apt-get install -y chromium)", file=sys.stderr
        )
        return 2
    pages = sorted(
        p
        for p in root.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in SKIP
    )
    if args.pages:
        pages = pages[: args.pages]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda p: check_page(chromium, root, p, args.timeout), pages))

    formulas = typeset = external = background = 0
    for r in results:
        formulas += r.formulas
        typeset += r.typeset
        external += len(r.external)
        background += len(r.background)
        mark = "ok  " if r.ok else "FAIL"
        print(
            f"{mark} {r.page}: {r.typeset}/{r.formulas} formulas typeset, {r.errors} MathJax errors, "
            f"{r.raw_left} raw delimiters, {len(r.raw_latex)} raw LaTeX in the text, "
            f"{len(r.external)} external requests" + (f"; {r.problem}" if r.problem else "")
        )
        for fragment in r.raw_latex[:5]:
            print(f"     raw LaTeX: …{fragment}…")
        for url in r.external:
            print(f"     external request: {url}")
    hosts = sorted({urlsplit(u).hostname or "" for r in results for u in r.background})
    print(
        f"{len(results)} pages, {typeset} typeset elements for {formulas} formulas, "
        f"{external} external requests from pages; {background} Chromium background requests "
        f"set aside ({', '.join(hosts) or 'none'})"
    )
    failed = [r for r in results if not r.ok]
    print(f"offline check: {len(results) - len(failed)} pages ok, {len(failed)} pages failing")
    return 0 if not failed and results else 1


if __name__ == "__main__":
    sys.exit(main())
