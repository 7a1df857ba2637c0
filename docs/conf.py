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
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the source tree, when the package is not installed

os.environ.setdefault("MPLBACKEND", "Agg")

project = "momentum-proofs"
author = "the momentum-proofs authors"
copyright = "2026, the momentum-proofs authors"  # noqa: A001 - Sphinx's name
# The version of the distribution, read from pyproject.toml: the "how to cite" entry
# of references.rst shows it through |release|.
release = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
    "momentum_api",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "sphinxcontrib.bibtex",
    "momentum_bib",
    "momentum_docs",
    "tutorial_values",  # :tuned: settings computed by momentum_proofs.tune at build time
    "sphinx_gallery.gen_gallery",  # the gallery: examples/gallery run at build time
]

# One bibliography for every source (tests/test_references.py keeps it complete).
# The style is alpha's labels ([LRP16]), with a shorthand where no author is known.
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "momentum"

exclude_patterns = ["_build", "_generated/figures/.*"]
templates_path = ["_templates"]

html_theme = "furo"
html_title = "momentum-proofs"
html_static_path = ["_static"]
html_css_files = ["momentum.css"]

# Docstrings are numpy style; their ``>>>`` examples are run by pytest
# (``--doctest-modules``, with the NUMBER flag), so the Sphinx doctest builder runs
# only the explicit ``.. doctest::`` blocks of these pages.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Type fields are parsed: "int, optional" and literal choices such as {"numpy", "numba"}
# are set as text, only names become cross-references.
napoleon_preprocess_types = True
autodoc_member_order = "bysource"
# Members without a docstring are listed too, so a missing description shows.  (This
# was written {"undoc-members": False} before, which Sphinx 9 reads as the flag given.)
autodoc_default_options = {"undoc-members": True}
doctest_test_doctest_blocks = ""
doctest_global_setup = (
    "import numpy as np\n"
    "import pathlib\n"
    f"EXAMPLES = pathlib.Path({str(HERE.parent / 'examples')!r})"
)

# Every cross-reference must resolve (the build runs with -n -W).
nitpicky = True

# Cross-references that cannot resolve in an offline build, and only those: the types
# and functions of other projects (the standard library, numpy, sympy, ...).  Their
# documentation would be linked with intersphinx, but the machines that build these
# pages have no network, so no inventory can be fetched.  ``array_like`` is numpy's
# glossary term for "anything numpy.asarray accepts", not a class.
_EXTERNAL = r"(builtins|collections|os|pathlib|argparse|types|typing|shutil|numpy|np|scipy|sympy|sp|mpmath|matplotlib|dask|numba|torch|cvxpy|PEPit)"
nitpick_ignore_regex = [
    (r"py:(class|obj|func|meth|attr|exc|data|mod)", _EXTERNAL + r"(\..+)?"),
    ("py:class", "array_like"),
]

# The API reference: one page per module (api.rst lists them by layer), generated at
# build time into api/ from _templates/autosummary/module.rst (the directory is not
# committed).  Each page is the module's automodule with a table of its members;
# _ext/momentum_api.py keeps the tables and pages in step and typesets formulas.
autosummary_generate = True
autosummary_ignore_module_all = False  # the tables list what automodule documents
# ``Method`` is imported only for type checkers in the modules that name it in their
# signatures (it loads sympy); the alias lets autodoc evaluate those signatures, so
# their other names (``Path``) come out qualified too.
autodoc_type_aliases = {
    "ArrayLike": "numpy.typing.ArrayLike",
    "Method": "momentum_proofs.methods.engine.Method",
}

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
