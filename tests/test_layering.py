"""The dependency rules of DESIGN.md, checked on the source and in fresh interpreters."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYMBOLIC = ROOT / "momentum_proofs"
NUMERIC = ROOT / "numeric"
# Modules of momentum_proofs allowed to see the numeric layer.
BRIDGES = {
    "verify",
    "cli.py",
    "tune.py",
    "commands",
    "methods/evaluate.py",
    "methods/worst.py",
    "methods/figures.py",
    "curvature_tuning.py",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _symbolic_modules():
    for path in sorted(SYMBOLIC.rglob("*.py")):
        rel = path.relative_to(SYMBOLIC)
        if rel.parts[0] in BRIDGES or rel.as_posix() in BRIDGES:
            continue
        yield path


@pytest.mark.parametrize("path", list(_symbolic_modules()), ids=lambda p: p.name)
def test_derivation_modules_do_not_import_numpy(path):
    assert not {"numpy", "scipy", "numeric"} & _imports(path)


@pytest.mark.parametrize(
    "path", sorted(NUMERIC.rglob("*.py")), ids=lambda p: str(p.relative_to(NUMERIC))
)
def test_numeric_never_imports_the_symbolic_layer(path):
    assert not {"sympy", "momentum_proofs", "mpmath"} & _imports(path)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_numeric_loads_neither_sympy_nor_scipy():
    loaded = _loaded_after("import numeric")
    assert "numpy" in loaded
    assert not {
        m for m in loaded if m.split(".")[0] in {"sympy", "scipy", "momentum_proofs", "matplotlib"}
    }


def test_import_claims_loads_no_numpy():
    loaded = _loaded_after("import momentum_proofs.claims as c; c.all()")
    assert "sympy" in loaded and "numpy" not in loaded
