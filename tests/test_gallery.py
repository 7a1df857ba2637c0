"""Every gallery script (examples/gallery) runs to the end with a non-interactive backend.

Each runs in a fresh interpreter from its own folder, as sphinx-gallery runs it; a
script whose required optional packages are absent is skipped, and the parts that
need torch or PEPit skip themselves inside the scripts.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

GALLERY = Path(__file__).resolve().parents[1] / "examples" / "gallery"
SCRIPTS = sorted(GALLERY.glob("plot_*.py"))
#: optional packages a whole script needs (matplotlib for all of them)
NEEDS = {"plot_01_tune_a_real_hessian.py": ("sklearn",)}


def test_the_gallery_has_the_eight_examples_of_the_issue():
    assert len(SCRIPTS) >= 8
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8")
        # sphinx-gallery's format: a docstring with a title underlined by '='
        assert text.startswith('"""\n'), script.name
        title, underline = text.splitlines()[1:3]
        assert title and set(underline) == {"="} and len(underline) >= len(title), script.name


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_gallery_script_runs(script):
    for module in ("matplotlib", *NEEDS.get(script.name, ())):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{script.name} needs {module}")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="error::DeprecationWarning")
    done = subprocess.run(
        [sys.executable, script.name],
        cwd=GALLERY,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip()  # each example prints what it found
