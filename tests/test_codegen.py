"""Generated kernels: committed text matches a fresh print; printing is deterministic."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from momentum_proofs import codegen


def _render_with_hashseed(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    code = "import sys; from momentum_proofs import codegen; sys.stdout.write(codegen.render())"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_committed_kernels_match_a_fresh_print():
    result = codegen.check()
    assert result.ok, result.message
    assert result.mode == "text"


def test_printing_is_deterministic_across_hash_seeds():
    assert _render_with_hashseed("0") == _render_with_hashseed("12345") == codegen.render()


def test_header_names_the_command_and_sympy_version():
    text = codegen.target().read_text(encoding="utf-8")
    assert codegen.COMMAND in text.splitlines()[0]
    assert codegen.header_sympy_version(text) is not None


def test_other_sympy_version_is_compared_numerically(tmp_path, monkeypatch):
    text = (
        codegen.target().read_text(encoding="utf-8").replace("with sympy ", "with sympy 0.0.0-", 1)
    )
    fake = tmp_path / "kernels.py"
    fake.write_text(text, encoding="utf-8")
    monkeypatch.setattr(codegen, "target", lambda: fake)
    result = codegen.check()
    assert result.mode == "numeric" and result.ok, result.message
    # A numerically wrong kernel is caught in that mode.
    fake.write_text(text.replace("numpy.sqrt(beta)", "1.0001*numpy.sqrt(beta)"), encoding="utf-8")
    assert not codegen.check().ok


def test_drift_is_caught(tmp_path, monkeypatch):
    fake = tmp_path / "kernels.py"
    fake.write_text(codegen.render() + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(codegen, "target", lambda: fake)
    assert not codegen.check().ok


def test_generated_rate_has_no_piecewise_or_complex():
    text = codegen.render()
    assert "select" not in text and "1j" not in text and "complex" not in text
    assert np.all(np.isfinite(np.zeros(1)))
