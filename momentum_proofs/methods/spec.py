"""Reading a method's spec (TOML or a mapping) into sympy, without evaluating user text.

A spec describes a stationary linear first-order method by its update on one
eigencomponent of a quadratic, f(x) = ½λx² with minimiser 0, so that ∇f(e) = λe for
any linear expression e of the state::

    name = "qhm"
    parameters = ["alpha", "beta", "nu"]
    state = ["g", "w"]
    iterate = "w"
    [update]
    g = "beta*g + (1 - beta)*grad(w)"
    w = "w - alpha*((1 - nu)*grad(w) + nu*g_next)"

Right-hand sides are read by a whitelisted walk over Python's AST (``ast.parse`` only
builds the tree; nothing is evaluated): numbers, the declared names, ``NAME_next`` for
a state entry's new value, ``+ − * / **`` with a small constant exponent, parentheses,
``grad(e)`` and ``sqrt(e)``.  The sympy expression is then built node by node from
sympy constructors, never with ``sympify``.  Anything else is refused with a
:class:`SpecError` naming the field and the reason.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import sympy as sp

from .. import symbols
from ..symbols import lam

#: Limits that keep a hostile spec cheap to refuse.
MAX_TEXT = 2_000  # characters in one expression
MAX_DEPTH = 40  # nesting of the expression tree
MAX_EXPONENT = 8  # |n| in e**n
MAX_FILE = 100_000  # bytes of a spec file
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,30}\Z")
_RESERVED = {"grad", "sqrt", "lam", "lambda"}
_KEYS = {"name", "parameters", "state", "iterate", "update", "start", "domain"}


class SpecError(ValueError):
    """A spec that cannot describe a method; the message names the field and why."""


@dataclass(frozen=True)
class Spec:
    """A parsed spec: sympy right-hand sides over the state at step k (and ``_next``)."""

    name: str
    parameters: tuple[sp.Symbol, ...]
    state: tuple[sp.Symbol, ...]
    iterate: sp.Symbol
    update: dict[sp.Symbol, sp.Expr]  # state symbol -> right-hand side
    start: dict[sp.Symbol, sp.Expr]  # state symbol -> multiple of x0 (the iterate's start)
    nexts: dict[sp.Symbol, sp.Symbol]  # NAME_next symbol -> NAME's state symbol
    domain: dict[str, str]
    # The same right-hand sides with each grad(e) kept as a placeholder symbol, and each
    # placeholder's argument e: what a simulation on a real problem evaluates.
    with_grads: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    grad_args: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)


def load(source: str | Path | Mapping) -> Spec:
    """Read a spec from a TOML file path or a mapping; :class:`SpecError` if it is malformed.

    >>> s = load({"name": "gd", "parameters": ["alpha"], "state": ["w"], "iterate": "w",
    ...           "update": {"w": "w - alpha*grad(w)"}})
    >>> print(s.update[s.state[0]])
    -alpha*lam*w + w
    """
    if isinstance(source, Mapping):
        data = dict(source)
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SpecError(f"spec: cannot read {str(path)!r} ({exc.strerror})") from None
        if len(raw) > MAX_FILE:
            raise SpecError(f"spec: {str(path)!r} is larger than {MAX_FILE} bytes")
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SpecError(f"spec: {str(path)!r} is not valid TOML ({exc})") from None
    return _build(data)


def _names(data: Mapping, key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise SpecError(f"{key}: must be a non-empty list of names")
    for v in value:
        if not _NAME.match(v) or v in _RESERVED or v.endswith("_next"):
            raise SpecError(
                f"{key}: {v!r} is not an allowed name (letters and digits, not {sorted(_RESERVED)})"
            )
    if len(set(value)) != len(value):
        raise SpecError(f"{key}: a name is given twice")
    return value


def _table(data: Mapping, key: str, required: bool) -> dict[str, str]:
    value = data.get(key, None if required else {})
    if not isinstance(value, Mapping) or (required and not value):
        raise SpecError(f'{key}: must be a table of NAME = "expression"')
    for k, v in value.items():
        if not isinstance(v, str):
            raise SpecError(f"{key}.{k}: must be a string expression, not {type(v).__name__}")
    return dict(value)


def _build(data: Mapping) -> Spec:
    unknown = set(data) - _KEYS
    if unknown:
        raise SpecError(
            f"spec: unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_KEYS))})"
        )
    name = data.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,63}", name):
        raise SpecError("name: must be a short name (letters, digits, _ and -)")
    params = _names(data, "parameters")
    state = _names(data, "state")
    clash = set(params) & set(state)
    if clash:
        raise SpecError(f"state: {sorted(clash)[0]!r} is also a parameter")
    iterate = data.get("iterate")
    if iterate not in state:
        raise SpecError(f"iterate: must name a state entry ({', '.join(state)})")
    update = _table(data, "update", required=True)
    missing = [s for s in state if s not in update]
    extra = [k for k in update if k not in state]
    if missing or extra:
        which = f"no update for {missing[0]!r}" if missing else f"{extra[0]!r} is not a state entry"
        raise SpecError(f"update: {which}")
    domain = _table(data, "domain", required=False)
    for k, text in domain.items():
        if k not in params:
            raise SpecError(f"domain.{k}: not a parameter")
        from .engine import parse_interval  # the engine reads domains; check them here

        parse_interval(f"domain.{k}", text)

    # alpha and beta are the symbols the hand-written families use (α > 0, β ≥ 0), so a
    # spec's R compares exactly with theirs; other parameters are positive.
    shared = {"alpha": symbols.alpha, "beta": symbols.beta}
    psym = {p: shared.get(p, sp.Symbol(p, positive=True)) for p in params}
    ssym = {s: sp.Symbol(s, real=True) for s in state}
    nsym = {f"{s}_next": sp.Symbol(f"{s}_next", real=True) for s in state}
    names = {**psym, **ssym, **nsym}
    rhs = {ssym[s]: _parse(f"update.{s}", text, names) for s, text in update.items()}
    linear_in = [*ssym.values(), *nsym.values()]
    for s, e in rhs.items():
        _require_linear(f"update.{s}", e, linear_in)
    grad_args: dict[sp.Symbol, sp.Expr] = {}
    with_grads = {
        ssym[s]: _parse(f"update.{s}", text, names, grad_args) for s, text in update.items()
    }

    start_text = _table(data, "start", required=False)
    x0 = ssym[iterate]
    start = {v: sp.Integer(0) for v in ssym.values()}
    start[x0] = x0
    for k, text in start_text.items():
        if k not in ssym:
            raise SpecError(f"start.{k}: not a state entry")
        e = _parse(f"start.{k}", text, {**psym, iterate: x0})
        _require_linear(f"start.{k}", e, [x0])
        start[ssym[k]] = e
    return Spec(
        name=name,
        parameters=tuple(psym.values()),
        state=tuple(ssym.values()),
        iterate=x0,
        update=rhs,
        start=start,
        nexts={nsym[f"{s}_next"]: ssym[s] for s in state},
        domain=domain,
        with_grads=with_grads,
        grad_args=grad_args,
    )


def _require_linear(field: str, expr: sp.Expr, variables: list[sp.Symbol]) -> None:
    """A right-hand side must be homogeneous linear in the state (minimiser 0)."""
    try:
        poly = sp.Poly(sp.expand(expr), *variables)
    except sp.PolynomialError:
        raise SpecError(f"{field}: not linear in the state") from None
    if poly.total_degree() > 1:
        raise SpecError(f"{field}: not linear in the state (a product or power of state entries)")
    if any(c.free_symbols & set(variables) for c in poly.coeffs()):
        raise SpecError(f"{field}: not linear in the state")
    if poly.as_expr().subs({v: 0 for v in variables}) != 0:
        raise SpecError(f"{field}: has a constant term (the method must fix the minimiser 0)")


def _parse(
    field: str,
    text: str,
    names: Mapping[str, sp.Symbol],
    grads: dict[sp.Symbol, sp.Expr] | None = None,
) -> sp.Expr:
    if len(text) > MAX_TEXT:
        raise SpecError(f"{field}: longer than {MAX_TEXT} characters")
    depth = 0
    for ch in text:  # refuse deep nesting before the parser recurses into it
        depth += ch == "("
        depth -= ch == ")"
        if depth > MAX_DEPTH:
            raise SpecError(f"{field}: nested deeper than {MAX_DEPTH}")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise SpecError(f"{field}: not an arithmetic expression") from None
    return _Walker(field, names, grads).visit(tree.body, 0)


class _Walker:
    """Builds a sympy expression from a whitelisted AST, node by node."""

    _binary = {
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b,
    }

    def __init__(
        self,
        field: str,
        names: Mapping[str, sp.Symbol],
        grads: dict[sp.Symbol, sp.Expr] | None = None,
    ):
        self.field = field
        self.names = names
        self.grads = grads  # None: grad(e) is λe; a dict: a placeholder, its e recorded

    def fail(self, why: str) -> SpecError:
        return SpecError(f"{self.field}: {why}")

    def visit(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH}")
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise self.fail(f"{v!r} is not a number")
            if isinstance(v, float) and not (abs(v) < 1e6 and v == v):
                raise self.fail(f"the number {v!r} is out of range")
            if isinstance(v, int) and abs(v) > 10**6:
                raise self.fail(f"the number {v} is out of range")
            if isinstance(v, int):
                return sp.Integer(v)
            exact = Fraction(repr(v))  # the decimal as written, exactly
            return sp.Rational(exact.numerator, exact.denominator)
        if isinstance(node, ast.Name):
            if node.id not in self.names:
                raise self.fail(f"unknown name {node.id!r}")
            return self.names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.visit(node.operand, depth + 1)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp) and type(node.op) in self._binary:
            a = self.visit(node.left, depth + 1)
            b = self.visit(node.right, depth + 1)
            if isinstance(node.op, ast.Div) and b == 0:
                raise self.fail("division by zero")
            return self._binary[type(node.op)](a, b)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base = self.visit(node.left, depth + 1)
            exp = self.visit(node.right, depth + 1)
            if not exp.is_Rational or abs(exp) > MAX_EXPONENT:
                raise self.fail(f"an exponent must be a number of size at most {MAX_EXPONENT}")
            return base**exp
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in ("grad", "sqrt"):
                raise self.fail("only grad(...) and sqrt(...) may be called")
            if len(node.args) != 1 or node.keywords:
                raise self.fail(f"{node.func.id}() takes one argument")
            arg = self.visit(node.args[0], depth + 1)
            if node.func.id == "grad":
                if self.grads is None:
                    return lam * arg  # ∇f(e) = λe on f = ½λx²
                placeholder = sp.Symbol(f"_grad{len(self.grads)}", real=True)
                self.grads[placeholder] = arg
                return placeholder
            return sp.sqrt(arg)
        raise self.fail(
            f"{type(node).__name__} is not allowed (numbers, names, + - * / **, grad, sqrt)"
        )
