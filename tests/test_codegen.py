"""Generated kernels: committed text matches a fresh print; printing is deterministic."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from momentum_proofs import codegen


def _render_with_hashseed(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    code = (
        "import sys; from momentum_proofs import codegen; "
        "sys.stdout.write(''.join(codegen.render(m) for m in codegen.modules_with_kernels()))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_committed_kernels_match_a_fresh_print():
    result = codegen.check()
    assert result.ok, result.message
    assert result.mode == "text"


def test_printing_is_deterministic_across_hash_seeds():
    assert _render_with_hashseed("0") == _render_with_hashseed("12345") == _all_rendered()


def _all_rendered() -> str:
    return "".join(codegen.render(m) for m in codegen.modules_with_kernels())


def test_header_names_the_command_and_sympy_version():
    text = codegen.target().read_text(encoding="utf-8")
    assert codegen.COMMAND in text.splitlines()[0]
    assert codegen.header_sympy_version(text) is not None


def _fake_tree(tmp_path, monkeypatch, edit=lambda text: text):
    """Every generated module copied to tmp_path, heavy_ball.py passed through ``edit``."""
    for module in codegen.modules_with_kernels():
        text = codegen.target(module).read_text(encoding="utf-8")
        if module == "heavy_ball":
            text = edit(text)
        (tmp_path / f"{module}.py").write_text(text, encoding="utf-8")
    monkeypatch.setattr(codegen, "target", lambda module="heavy_ball": tmp_path / f"{module}.py")


def test_other_sympy_version_is_compared_numerically(tmp_path, monkeypatch):
    def old_header(text):
        return text.replace("with sympy ", "with sympy 0.0.0-", 1)

    _fake_tree(tmp_path, monkeypatch, old_header)
    result = codegen.check()
    assert result.mode == "numeric" and result.ok, result.message
    # A numerically wrong kernel is caught in that mode.
    _fake_tree(
        tmp_path,
        monkeypatch,
        lambda t: old_header(t).replace("numpy.sqrt(beta,", "numpy.sqrt(1.0001*beta,"),
    )
    assert not codegen.check().ok


def test_drift_is_caught(tmp_path, monkeypatch):
    _fake_tree(tmp_path, monkeypatch, lambda text: text + "\n# edited\n")
    assert not codegen.check().ok


def test_generated_rate_has_no_piecewise_or_complex():
    text = _all_rendered()
    assert "select" not in text and "1j" not in text and "complex" not in text
    assert np.all(np.isfinite(np.zeros(1)))
