"""Print the proven kernel forms into ``numeric/_generated/`` as plain numpy code.

Each kernel is a sympy expression (or tuple of them) that a claim has proven
equal to the derived quantity on its domain.  The printer turns it into a
branch-free numpy function: common subexpressions hoisted by ``cse``, ``Max``
printed as ``numpy.maximum`` (so arguments broadcast), no ``Piecewise`` and no
complex arithmetic.  The output is byte-for-byte deterministic and carries a
header naming the command and the sympy version that made it.

``momentum-proofs codegen --check`` compares the committed text with a fresh
print when the installed sympy matches the header, and otherwise compares the
two numerically on a fixed grid, saying which it did.

The single-output kernels named in :data:`FUSED` are printed a second time, as
scalar functions on Python floats (``math`` instead of ``numpy``), into
``numeric/_generated/fused.py``.  That file imports nothing but ``math``; the
optional ``fast`` backend (:func:`numeric.sweep.fused`) compiles those scalar
functions into one fused loop with ``numba.vectorize``, so the compiled kernel
evaluates the same proven expression as the numpy one, with no temporaries.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.pycode import PythonCodePrinter

from . import claims
from ._kernel import Kernel

COMMAND = "momentum-proofs codegen"
GENERATED = Path(__file__).resolve().parent.parent / "numeric" / "_generated"


class _KernelPrinter(NumPyPrinter):
    """NumPy printer with broadcasting ``maximum`` and ``abs`` for two-argument ``Max``."""

    def _fold_pairwise(self, expr: sp.Expr, ufunc: str) -> str:
        # numpy.maximum/minimum take two arrays: nest them left to right.
        args = [self._print(a) for a in expr.args]
        out = args[0]
        for a in args[1:]:
            out = f"numpy.{ufunc}({out}, {a})"
        return out

    def _print_Max(self, expr: sp.Max) -> str:
        return self._fold_pairwise(expr, "maximum")

    def _print_Min(self, expr: sp.Min) -> str:
        return self._fold_pairwise(expr, "minimum")

    def _print_Abs(self, expr: sp.Abs) -> str:
        return f"numpy.abs({self._print(expr.args[0])})"


class _ScalarPrinter(PythonCodePrinter):
    """Python-float printer (``math``, builtin ``max``/``min``/``abs``) for the fused backend."""

    def _print_unit_sign(self, expr: sp.Expr) -> str:
        return f"math.copysign(1.0, {self._print(expr.args[0])})"


# Kernels printed as scalar twins for the fused backend: single-output, elementwise.
FUSED = ("heavy_ball_rate", "gradient_descent_rate", "nesterov_rate")


def modules_with_kernels() -> dict[str, list[Kernel]]:
    """Generated module name → its kernels: every family that defines ``kernels()``, and
    each built-in method of :data:`momentum_proofs.methods.ENGINE_KERNELS` (its derived
    trace and determinant, in the module named for it)."""
    from . import methods

    out = {}
    for name, module in claims.family_modules().items():
        if hasattr(module, "kernels"):
            out[name] = module.kernels()
    for name in methods.ENGINE_KERNELS:
        out.setdefault(name, []).extend(methods.get(name).kernels())
    return dict(sorted(out.items()))


def kernels() -> list[Kernel]:
    """Every kernel the numeric layer imports."""
    return [k for ks in modules_with_kernels().values() for k in ks]


def _print_function(kernel: Kernel, printer: Any, exprs: list[sp.Expr], note: str) -> str:
    """``def name(args)``: the common subexpressions as ``_t`` temporaries, then the return."""
    replacements, reduced = sp.cse(exprs, symbols=sp.numbered_symbols("_t"), order="canonical")
    argnames = ", ".join(str(a) for a in kernel.args)
    lines = [
        f"def {kernel.name}({argnames}):",
        f'    """{kernel.doc} {note}."""',
    ]
    for sym, sub in replacements:
        lines.append(f"    {sym} = {printer.doprint(sub)}")
    outs = [printer.doprint(e) for e in reduced]
    if len(outs) == 1:
        lines.append(f"    return {outs[0]}")
    else:
        lines.append(f"    return ({', '.join(outs)})")
    return "\n".join(lines) + "\n"


def _print_kernel(kernel: Kernel) -> str:
    printer = _KernelPrinter({"fully_qualified_modules": True, "allow_unknown_functions": False})
    exprs = [expr for _, expr in kernel.outputs]
    return _print_function(kernel, printer, exprs, f"Proven by {kernel.proven_by}")


def _print_scalar_kernel(kernel: Kernel) -> str:
    """The scalar twin of a single-output kernel: same cse, same expression, ``math`` calls."""
    printer = _ScalarPrinter({"fully_qualified_modules": True, "strict": True})
    note = f"Scalar twin; proven by {kernel.proven_by}"
    return _print_function(kernel, printer, [kernel.outputs[0][1]], note)


def fused_kernels() -> list[Kernel]:
    """The kernels named in :data:`FUSED` that some family defines, in :data:`FUSED` order."""
    by_name = {k.name: k for k in kernels()}
    return [by_name[name] for name in FUSED if name in by_name]


FUSED_HEADER = (
    "# Generated by `{command}` with sympy {version}. Do not edit.\n"
    "# Scalar twins (Python floats, math) of the single-output kernels, for the\n"
    "# optional fused backend numeric.sweep.fused; the claim id names the proof.\n"
    "import math\n"
)


def render_fused() -> str:
    """The full text of ``numeric/_generated/fused.py``."""
    header = FUSED_HEADER.format(command=COMMAND, version=sp.__version__)
    doc = '"""Scalar kernels printed by ``momentum-proofs codegen``; do not edit by hand."""\n'
    body = "\n\n".join(_print_scalar_kernel(k) for k in fused_kernels())
    names = ", ".join(repr(k.name) for k in fused_kernels())
    return doc + header + f"\n__all__ = [{names}]\n\n\n" + body


def fused_target() -> Path:
    return GENERATED / "fused.py"


HEADER = (
    "# Generated by `{command}` with sympy {version}. Do not edit.\n"
    "# Each function is a proven-equal numerical form of a derived expression;\n"
    "# the claim id in its docstring names the proof.\n"
    "import numpy\n"
)


def render(module: str = "heavy_ball") -> str:
    """The full text of ``numeric/_generated/<module>.py``."""
    header = HEADER.format(command=COMMAND, version=sp.__version__)
    body = "\n\n".join(_print_kernel(k) for k in modules_with_kernels()[module])
    return header + "\n\n" + body


def render_kernels(kernels: list[Kernel], source: str) -> str:
    """A generated module holding ``kernels``, with the header naming where they came from."""
    header = HEADER.format(command=f"{COMMAND} --spec {source}", version=sp.__version__)
    return header + "\n\n" + "\n\n".join(_print_kernel(k) for k in kernels)


def write_spec(spec_path: str | Path, out_dir: str | Path) -> Path:
    """Print the kernels of the method in a spec file into ``out_dir/<name>.py``."""
    from . import methods

    method = methods.from_spec(spec_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{method.name.replace('-', '_')}.py"
    path.write_text(render_kernels(method.kernels(), Path(spec_path).name), encoding="utf-8")
    return path


def target(module: str = "heavy_ball") -> Path:
    return GENERATED / f"{module}.py"


def write() -> list[Path]:
    """Print every family's kernels; return the paths written."""
    GENERATED.mkdir(parents=True, exist_ok=True)
    paths = []
    for module in modules_with_kernels():
        path = target(module)
        path.write_text(render(module), encoding="utf-8")
        paths.append(path)
    fused_target().write_text(render_fused(), encoding="utf-8")
    paths.append(fused_target())
    return paths


def header_sympy_version(text: str) -> str | None:
    """The sympy version recorded in a generated file's first line, if any."""
    match = re.search(r"with sympy (\S+?)\. Do not edit", text.split("\n", 1)[0])
    return match.group(1) if match else None


@dataclass
class CheckResult:
    ok: bool
    mode: str  # "text" or "numeric"
    message: str


def _load(text: str, name: str) -> dict[str, Callable]:
    namespace: dict = {}
    exec(compile(text, name, "exec"), namespace)  # noqa: S102 - our own printed source
    return namespace


def check() -> CheckResult:
    """Compare every committed kernel file with a fresh print (text, or numerically)."""
    results = [_check_module(m) for m in modules_with_kernels()]
    results.append(_check_fused())
    ok = all(r.ok for r in results)
    mode = "text" if all(r.mode == "text" for r in results) else "numeric"
    return CheckResult(ok, mode, "; ".join(r.message for r in results))


def _check_file(
    path: Path,
    fresh_text: Callable[[], str],
    recorded_version: Callable[[str], str | None],
    compare: Callable[[Any, dict, dict], tuple[float, str | None]],
    points: int,
) -> CheckResult:
    """Compare a committed file with a fresh print: as text under the same sympy, else numerically.

    ``compare(numpy, old, new)`` evaluates the committed and fresh namespaces on
    sample points and returns the worst relative difference, or a failure message.
    """
    if not path.exists():
        return CheckResult(False, "text", f"{path.name} is missing: run `{COMMAND}`")
    committed = path.read_text(encoding="utf-8")
    fresh = fresh_text()
    recorded = recorded_version(committed)
    if recorded == sp.__version__:
        if committed == fresh:
            return CheckResult(
                True, "text", f"{path.name} matches a fresh print (sympy {recorded})"
            )
        return CheckResult(
            False, "text", f"{path.name} differs from a fresh print: run `{COMMAND}`"
        )
    # Another sympy may print differently but must compute the same numbers.
    numpy = importlib.import_module("numpy")
    worst, failure = compare(numpy, _load(committed, "committed"), _load(fresh, "fresh"))
    if failure is not None:
        return CheckResult(False, "numeric", f"{path.name} {failure}")
    return CheckResult(
        worst <= 1e-12,
        "numeric",
        f"{path.name}: header sympy {recorded} != installed {sp.__version__}; compared "
        f"numerically on {points} points, worst relative difference {worst:.3g}",
    )


def _check_module(module: str) -> CheckResult:
    def compare(numpy: Any, old: dict, new: dict) -> tuple[float, str | None]:
        rng = numpy.random.default_rng(0)
        worst = 0.0
        for kernel in modules_with_kernels()[module]:
            args = [_sample(numpy, rng, a) for a in kernel.args]
            x, y = old[kernel.name](*args), new[kernel.name](*args)
            if len(kernel.outputs) == 1:
                x, y = (x,), (y,)
            for xo, yo in zip(x, y, strict=True):
                xo, yo = numpy.asarray(xo, dtype=float), numpy.asarray(yo, dtype=float)
                scale = numpy.maximum(1.0, numpy.abs(yo))
                worst = max(worst, float(numpy.max(numpy.abs(xo - yo) / scale)))
        return worst, None

    return _check_file(target(module), lambda: render(module), header_sympy_version, compare, 2000)


def _check_fused() -> CheckResult:
    """The scalar twins: text when the sympy versions match, else numerically on 200 points."""

    def compare(numpy: Any, old: dict, new: dict) -> tuple[float, str | None]:
        rng = numpy.random.default_rng(1)
        worst = 0.0
        for kernel in fused_kernels():
            if kernel.name not in old:
                return worst, f"lacks {kernel.name}: run codegen"
            columns = [_sample(numpy, rng, a)[:200] for a in kernel.args]
            for point in zip(*columns, strict=True):
                x = old[kernel.name](*map(float, point))
                y = new[kernel.name](*map(float, point))
                worst = max(worst, abs(x - y) / max(1.0, abs(y)))
        return worst, None

    # The fused file's first line says what it is; the generator's header is its second.
    return _check_file(
        fused_target(),
        render_fused,
        lambda text: header_sympy_version(text.split("\n", 1)[1]),
        compare,
        200,
    )


def _sample(numpy, rng, symbol: sp.Symbol):
    """Points inside each argument's documented domain."""
    name = str(symbol)
    if name == "beta":
        return rng.uniform(0.0, 0.999, 2000)
    if name in {"k", "steps"}:
        return rng.integers(0, 200, 2000)
    return numpy.exp(rng.uniform(-3.0, 1.3, 2000))


def main(check_only: bool = False) -> int:
    if check_only:
        result = check()
        print(f"codegen --check ({result.mode}): {result.message}")
        return 0 if result.ok else 1
    for path in write():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main("--check" in sys.argv))
