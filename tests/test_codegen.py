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


# --- passes over the data: the straight-line print against a plain print -----------------


def _plain_print(expr) -> str:
    """sympy's own NumPy printer on the whole expression: no shared subexpressions.

    This is the print the kernels are compared with (written here, not taken from
    the code generator): Max/Min as nested numpy.maximum/minimum, as before.
    """
    import sympy as sp
    from sympy.printing.numpy import NumPyPrinter

    class Plain(NumPyPrinter):
        def _print_Max(self, e):
            args = [self._print(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = f"numpy.maximum({out}, {a})"
            return out

        def _print_Min(self, e):
            args = [self._print(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = f"numpy.minimum({out}, {a})"
            return out

        def _print_Abs(self, e):
            return f"numpy.abs({self._print(e.args[0])})"

    printer = Plain({"fully_qualified_modules": True, "allow_unknown_functions": False})
    return printer.doprint(sp.sympify(expr))


def _array_passes(source: str, args: list[str]) -> int:
    """Operations that each read or write a whole array: numpy ufunc calls, and Python
    arithmetic operators with an array operand (an argument or a name assigned from one).
    Arithmetic on constants alone, numpy.empty and numpy.broadcast_shapes are not passes.
    """
    import ast

    tree = ast.parse(source)
    arrays = set(args)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            fn = node.value.func
            if isinstance(fn, ast.Attribute) and fn.attr == "broadcast_shapes":
                continue
        if isinstance(node, ast.Assign):
            arrays.update(t.id for t in node.targets if isinstance(t, ast.Name))

    def reads_array(node) -> bool:
        return any(isinstance(n, ast.Name) and n.id in arrays for n in ast.walk(node))

    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            ufunc = getattr(np, node.func.attr, None)
            if isinstance(ufunc, np.ufunc) and reads_array(node):
                count += 1
        elif isinstance(node, ast.BinOp | ast.UnaryOp) and reads_array(node):
            count += 1
    return count


def _passes_old_and_new() -> dict[str, tuple[int, int]]:
    import inspect
    import sys

    out = {}
    for module, kernels in codegen.modules_with_kernels().items():
        generated = sys.modules.get(f"numeric._generated.{module}") or __import__(
            f"numeric._generated.{module}", fromlist=["_"]
        )
        for k in kernels:
            args = [str(a) for a in k.args]
            plain = "\n".join(_plain_print(expr) for _, expr in k.outputs)
            printed = inspect.getsource(getattr(generated, k.name))
            out[k.name] = (_array_passes(plain, args), _array_passes(printed, args))
    return out


def test_the_counter_counts_array_operations_only():
    assert _array_passes("numpy.abs(alpha*lam - 1)", ["alpha", "lam"]) == 3
    assert _array_passes("(1/2)*beta + 1/2", ["beta"]) == 2  # 1/2 alone is no pass
    printed = "_shape = numpy.broadcast_shapes(numpy.shape(x))\n_b0 = numpy.sqrt(x, out=numpy.empty(_shape))\n"
    assert _array_passes(printed, ["x"]) == 1


def _previous_heavy_ball_rate():
    """The heavy-ball rate as the kernel had it before: q = d/4 as four factors linear in
    u = √(αλ), (c − u)(c + u)(1 + r − u)(1 + r + u)/4 with c = (1 − β)/(1 + r)."""
    import sympy as sp

    from momentum_proofs.symbols import alpha, beta, lam

    r, u = sp.sqrt(beta), sp.sqrt(alpha * lam)
    c = (1 - beta) / (1 + r)
    q = (c - u) * (c + u) * (1 + r - u) * (1 + r + u) / 4
    m = (1 + beta - alpha * lam) / 2
    return sp.Max(r, sp.Abs(m) + sp.sqrt(sp.Max(q, 0))), q


def test_generated_kernels_make_at_most_half_the_passes_of_a_plain_print():
    import sympy as sp

    from momentum_proofs import heavy_ball
    from momentum_proofs.symbols import alpha, beta, lam

    passes = _passes_old_and_new()
    for name, (plain, printed) in passes.items():
        assert printed <= plain, (name, plain, printed)  # never worse, kernel by kernel
    # The rate kernel the benchmarks time, against a plain print of the expression it had
    # before (today's kernel computes q from squares, without √(αλ)): half or less.  The
    # two q are the same function (exact: β = R², αλ = U², R, U > 0).
    previous, q_before = _previous_heavy_ball_rate()
    R, U = sp.symbols("R U", positive=True)
    square_roots = {beta: R**2, alpha: U**2 / lam}
    q_now = heavy_ball.spectral_pieces()["q"]
    assert sp.cancel((q_before - q_now).subs(square_roots)) == 0
    before = _array_passes(_plain_print(previous), ["alpha", "beta", "lam"])
    printed = passes["heavy_ball_rate"][1]
    assert 2 * printed <= before, (before, printed)
    # And the whole generated layer, against plain prints of today's expressions.
    total_plain = sum(p for p, _ in passes.values())
    total_printed = sum(q for _, q in passes.values())
    assert 2 * total_printed <= total_plain, (total_plain, total_printed)


def test_the_scalar_twin_runs_the_numpy_kernels_operations_in_order():
    # Same operations, same order: the twin's statements and the kernel's ufunc calls
    # name the same operations one for one.
    import ast
    import inspect

    from numeric._generated import fused
    from numeric._generated import heavy_ball as generated

    names = {"add": ast.Add, "subtract": ast.Sub, "multiply": ast.Mult, "divide": ast.Div}
    kernel = ast.parse(inspect.getsource(generated.heavy_ball_rate))
    ufuncs = [
        n.func.attr
        for n in ast.walk(kernel)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and isinstance(getattr(np, n.func.attr, None), np.ufunc)
    ]
    twin = ast.parse(inspect.getsource(fused.heavy_ball_rate)).body[0].body[1:-1]
    kinds = []
    for statement in twin:
        v = statement.value
        if isinstance(v, ast.BinOp):
            kinds.append(next(k for k, op in names.items() if isinstance(v.op, op)))
        elif isinstance(v, ast.Call):
            kinds.append(
                {"sqrt": "sqrt", "abs": "absolute"}[getattr(v.func, "attr", None) or v.func.id]
            )
        else:  # x if x >= y else y
            kinds.append("maximum")
    assert kinds == ufuncs
