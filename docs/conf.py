"""Sphinx configuration of the momentum-proofs documentation.

The claim pages, the errata, the coverage table and the figures are generated at
build time by the local extension ``_ext/momentum_docs.py`` from the claim
registry and the numeric layer, so the pages cannot drift from the code.

Mathematics is typeset by MathJax 3 served from the build itself (the
``sphinx-mathjax-offline`` package copies it into ``_static/mathjax``): opening a
page makes no request that leaves the machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the source tree, when the package is not installed

os.environ.setdefault("MPLBACKEND", "Agg")

project = "momentum-proofs"
author = "the momentum-proofs authors"
copyright = "2026, the momentum-proofs authors"  # noqa: A001 - Sphinx's name

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "momentum_docs",
    "tutorial_values",  # :tuned: settings computed by momentum_proofs.tune at build time
    "sphinx_gallery.gen_gallery",  # the gallery: examples/gallery run at build time
]

exclude_patterns = ["_build", "_generated/figures/.*"]
templates_path: list[str] = []

html_theme = "furo"
html_title = "momentum-proofs"
html_static_path = ["_static"]
html_css_files = ["momentum.css"]

# Docstrings are numpy style; their ``>>>`` examples are run by pytest
# (``--doctest-modules``, with the NUMBER flag), so the Sphinx doctest builder runs
# only the explicit ``.. doctest::`` blocks of these pages.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_default_options = {"undoc-members": False}
doctest_test_doctest_blocks = ""
doctest_global_setup = (
    "import numpy as np\n"
    "import pathlib\n"
    f"EXAMPLES = pathlib.Path({str(HERE.parent / 'examples')!r})"
)

nitpicky = False

# The gallery: every script of examples/gallery is run when the html pages are built, its
# output and figures captured (sphinx-gallery).  The doctest builder only needs the pages
# to exist, so it does not run them again (see setup below).
sphinx_gallery_conf = {
    "examples_dirs": str(HERE.parent / "examples" / "gallery"),
    "gallery_dirs": "gallery",
    "filename_pattern": r"/plot_",
    "within_subsection_order": "FileNameSortKey",
    "abort_on_example_error": True,
    "download_all_examples": False,
    "show_memory": False,
    "matplotlib_animations": False,
    # the execution-times page loads jQuery and DataTables from a CDN: not offline
    "write_computation_times": False,
}


def _gallery_runs_for_html_only(app) -> None:
    if app.builder.name != "html":
        app.config.sphinx_gallery_conf["plot_gallery"] = False


def setup(app) -> None:
    # before sphinx-gallery's own builder-inited handler (priority 500)
    app.connect("builder-inited", _gallery_runs_for_html_only, priority=400)
