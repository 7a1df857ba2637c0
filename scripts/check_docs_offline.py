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

4. checks that the page fits its window at two widths, 1400 px (a desktop) and 400 px
   (a phone): the document must not be wider than the viewport once MathJax has
   typeset it, and neither may the theme's content column (Furo lets its content
   column scroll sideways on narrow screens, which reads as badly as the page doing
   it).  A display formula, table or code block that scrolls inside its own box is
   fine.  A failing page names its widest offending element.

The fit is measured in the same Chromium run as the rest: the page is loaded from a
temporary copy beside it (so its relative links work), with a small script added
that measures the page at the window's width (1400 px), then loads the same copy
into a 400 px wide frame, where the copy measures itself and posts the result back.
The results are written into an attribute of ``<body>`` that ``--dump-dom`` shows.

Exit code 0 iff every page passes and no page made an external request.

``--screenshots DIR`` also writes PNGs of three claim pages and of the index at both
widths (a tall window, so a good part of each page shows), for a person to look at.

Usage::

    python scripts/check_docs_offline.py [BUILD_DIR] [--pages N] [--jobs J]
        [--screenshots DIR [--screenshots-only]]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
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
#: The two widths a page must fit (CSS px): a desktop window and a phone.
WIDE, NARROW = 1400, 400
#: The pages --screenshots renders, at both widths.
SCREENSHOT_PAGES = ("claims/03-hb.html", "claims/04-nag.html", "claims/01-gd.html", "index.html")
#: Prefix of the temporary instrumented copies (a dot file, so a crash leaves it hidden).
COPY_PREFIX = ".overflow-check-"

# The measuring script added to the temporary copy of a page.  At the top level it
# measures the page at the window's width, then opens the same copy in a NARROW px
# frame; the frame measures itself and posts its result back; the two results go into
# <body data-overflow=...>.  Measuring waits for MathJax (typeset formulas change the
# width) and for the fonts.  An element that overflows inside a box that scrolls or
# clips on its own (a display formula, a table wrapper, a code block) is allowed; the
# theme's layout boxes do not count as such a box.
MEASURE_JS = r"""
<script>
(function () {
  var NARROW = %(narrow)d;
  var LAYOUT = "html, body, .page, .main, .content, article, [role=main], .article-container";
  var DRAWERS = ".sidebar-drawer, .toc-drawer, .mobile-header, .toc-overlay, .sidebar-overlay";
  function describe(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (typeof el.className === "string" && el.className.trim())
      s += "." + el.className.trim().split(/\s+/).slice(0, 3).join(".");
    var t = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 70);
    return s + (t ? ' "' + t + '"' : "");
  }
  function layoutAncestor(el) {
    for (var a = el.parentElement; a; a = a.parentElement) {
      if (a.matches(LAYOUT)) return a;
      if (getComputedStyle(a).overflowX !== "visible") return null;  // its own box
    }
    return document.documentElement;
  }
  function measure() {
    var de = document.documentElement, vw = de.clientWidth;
    var out = {width: vw, scroll: de.scrollWidth, boxes: [], widest: "", over: 0};
    // A layout box that scrolls or clips sideways (Furo's content column on a narrow
    // screen) hides the overflow from the document's width: count it here.
    function clips(box) { return box !== de && getComputedStyle(box).overflowX !== "visible"; }
    document.querySelectorAll(LAYOUT).forEach(function (box) {
      if (clips(box) && box.scrollWidth > box.clientWidth + 1)
        out.boxes.push(describe(box).split(" ")[0] + " " + box.scrollWidth + ">" + box.clientWidth);
    });
    var all = document.body.getElementsByTagName("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (el.closest(DRAWERS) || el.closest("iframe")) continue;
      var box = layoutAncestor(el);
      if (!box) continue;
      var r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Inside a visible layout box an element may use the margins (Furo's heading
      // links do); only leaving the viewport, or a clipping box, counts.
      var left = 0, right = vw;
      for (var a = box; a && a !== de; a = a.parentElement) {
        if (!a.matches(LAYOUT) || !clips(a)) continue;
        var b = a.getBoundingClientRect();
        left = Math.max(left, b.left + a.clientLeft);
        right = Math.min(right, b.left + a.clientLeft + a.clientWidth);
      }
      var over = Math.max(r.right - right, left - r.left);
      if (over > out.over + 0.5) { out.over = Math.round(over); out.widest = describe(el); }
    }
    out.ok = out.scroll <= vw && out.boxes.length === 0;
    return out;
  }
  function typeset() {
    var mj = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
    return Promise.all([mj || Promise.resolve(), document.fonts ? document.fonts.ready : null]);
  }
  function settle() {
    return typeset().then(function () {
      return new Promise(function (done) { setTimeout(done, 50); });
    });
  }
  window.addEventListener("load", function () {
    if (window.top !== window) {
      settle().then(function () { parent.postMessage({overflowCheck: measure()}, "*"); });
      return;
    }
    settle().then(function () {
      var wide = measure();
      window.addEventListener("message", function (e) {
        if (!e.data || !e.data.overflowCheck) return;
        document.body.setAttribute("data-overflow",
          JSON.stringify({wide: wide, narrow: e.data.overflowCheck}));
      });
      var frame = document.createElement("iframe");
      frame.style.cssText = "width:" + NARROW + "px;height:900px;border:0;position:absolute;" +
        "left:0;top:0;visibility:hidden";
      frame.src = location.href.split("#")[0] + "#narrow";
      document.body.appendChild(frame);
    });
  });
})();
</script>
"""


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
    #: the fit measurements, by width name ("wide", "narrow"); see MEASURE_JS
    fit: dict[str, dict] = field(default_factory=dict)
    problem: str = ""

    @property
    def fits(self) -> bool:
        return set(self.fit) == {"wide", "narrow"} and all(f["ok"] for f in self.fit.values())

    @property
    def ok(self) -> bool:
        return (
            not self.problem
            and not self.external
            and self.errors == 0
            and self.raw_left == 0
            and not self.raw_latex
            and self.typeset >= self.formulas
            and self.fits
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


def instrumented(source: str, narrow: int = NARROW) -> str:
    """The page's HTML with the measuring script added at the end of its body."""
    script = MEASURE_JS % {"narrow": narrow}
    at = source.rfind("</body>")
    return source + script if at < 0 else source[:at] + script + source[at:]


def fit_in(dom: str) -> dict[str, dict]:
    """The measurements the script left in ``<body data-overflow=...>`` ({} if none)."""
    m = re.search(r'<body[^>]*\sdata-overflow="([^"]*)"', dom)
    return json.loads(html.unescape(m[1])) if m else {}


def describe_fit(fit: dict[str, dict], widths: dict[str, int]) -> str:
    """One line: the result at each width, with the widest offender where one fails."""
    parts = []
    for name in ("wide", "narrow"):
        f = fit.get(name)
        if f is None:
            parts.append(f"{widths[name]} px: not measured")
        elif f["ok"]:
            parts.append(f"{widths[name]} px: fits")
        else:
            boxes = f"; scrolling layout boxes {', '.join(f['boxes'])}" if f["boxes"] else ""
            parts.append(
                f"{widths[name]} px: OVERFLOWS (document {f['scroll']} px wide in a "
                f"{f['width']} px viewport{boxes}; widest: {f['widest']} by {f['over']} px)"
            )
    return "; ".join(parts)


def check_page(
    chromium: str, root: Path, page: Path, timeout: float, narrow: int = NARROW, wide: int = WIDE
) -> PageResult:
    result = PageResult(str(page.relative_to(root)))
    source = page.read_text(encoding="utf-8")
    result.formulas = sum("math" in c.split() for c in re.findall(r'class="([^"]*)"', source))
    # The copy sits beside the page, so that its relative links (styles, MathJax) work.
    copy = page.with_name(f"{COPY_PREFIX}{uuid.uuid4().hex[:8]}-{page.name}")
    with tempfile.TemporaryDirectory() as tmp:
        net_log = Path(tmp) / "net.json"
        cmd = [
            chromium,
            *FLAGS,
            f"--window-size={wide},1000",
            f"--user-data-dir={tmp}/profile",
            f"--log-net-log={net_log}",
            "--dump-dom",
            copy.resolve().as_uri(),
        ]
        try:
            copy.write_text(instrumented(source, narrow), encoding="utf-8")
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            result.problem = f"chromium did not finish in {timeout:g} s"
            return result
        finally:
            copy.unlink(missing_ok=True)
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
    result.fit = fit_in(dom)
    return result


def screenshots(chromium: str, root: Path, out: Path, timeout: float) -> list[Path]:
    """PNGs of SCREENSHOT_PAGES at both widths, in a window 4000 px tall (900 for the
    index, whose first screen is what matters)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCREENSHOT_PAGES:
        page = root / name
        if not page.is_file():
            print(f"check_docs_offline: no {name} to take a screenshot of", file=sys.stderr)
            continue
        height = 900 if name == "index.html" else 4000
        for width in (WIDE, NARROW):
            png = out / f"{name.replace('/', '-').removesuffix('.html')}-{width}.png"
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [
                    chromium,
                    *FLAGS,
                    "--hide-scrollbars",
                    f"--user-data-dir={tmp}/profile",
                    f"--window-size={width},{height}",
                    f"--screenshot={png.resolve()}",
                    page.resolve().as_uri(),
                ]
                subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
            if png.is_file():
                written.append(png)
            else:
                print(f"check_docs_offline: no screenshot of {name} at {width} px", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "build", nargs="?", default="docs/_build/html", help="Sphinx HTML output folder"
    )
    parser.add_argument("--pages", type=int, default=0, help="check at most N pages (0: all)")
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="PATH",
        help="check only this page (relative to BUILD_DIR; repeatable)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="pages checked at once")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page")
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="write PNGs of a few pages at both widths"
    )
    parser.add_argument(
        "--screenshots-only", action="store_true", help="with --screenshots: skip the check"
    )
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
    if args.screenshots:
        for png in screenshots(chromium, root, args.screenshots, args.timeout):
            print(f"screenshot: {png}")
        if args.screenshots_only:
            return 0
    pages = sorted(
        p
        for p in root.rglob("*.html")
        if "_static" not in p.parts
        and "_sources" not in p.parts
        and p.name not in SKIP
        and not p.name.startswith(COPY_PREFIX)
    )
    if args.page:
        wanted = {Path(p) for p in args.page}
        pages = [p for p in pages if p.relative_to(root) in wanted]
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
        print(f"     fit: {describe_fit(r.fit, {'wide': WIDE, 'narrow': NARROW})}")
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
    for name, width in (("wide", WIDE), ("narrow", NARROW)):
        bad = [r.page for r in results if not r.fit.get(name, {}).get("ok")]
        print(f"fit at {width} px: {len(results) - len(bad)} of {len(results)} pages fit")
    failed = [r for r in results if not r.ok]
    print(f"offline check: {len(results) - len(failed)} pages ok, {len(failed)} pages failing")
    return 0 if not failed and results else 1


if __name__ == "__main__":
    sys.exit(main())
