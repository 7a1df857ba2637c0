"""Straight-line programs from kernel expressions: the operations a printed kernel runs.

:mod:`momentum_proofs.codegen` prints every kernel through this module.  A kernel's
sympy expressions are lowered to a list of elementary operations (``add``, ``sub``,
``mul``, ``div``, ``sqrt``, ``abs``, ``max``, …), each on arguments, constants or
earlier results, and the list is printed twice from the same operations in the same
order: as numpy ufunc calls writing into a few reused buffers (``out=``), and as
scalar Python for the fused (numba) backend.  Each operation is one IEEE-rounded
step in both, so the two agree bit for bit (no operation is fused or reordered by
the printer; numba compiles without fast-math).

What the lowering does, and why each step keeps the expression's value:

- **Shared subexpressions.**  Every operation is hash-consed on its kind and operands,
  so a subexpression that appears several times (in one output or across outputs) is
  computed once; a product of square roots of non-negative factors, √x·√y, is taken as
  √(x·y) (equal for x, y ≥ 0), so √α·√λ shares αλ with the rest of the kernel.
- **Powers of two ride along.**  A factor 2ᵏ (the ½ of a half-trace, the ¼ of a
  quarter-discriminant) is carried beside a value instead of multiplied in: it passes
  through sums whose terms share it, |·|, max/min, and √ (as 2^(k/2)), and is applied
  once where it is needed.  Scaling by 2ᵏ is exact in binary floating point (away
  from overflow and the subnormal range), so this changes no rounding there.
- **Signs ride along too.**  A negated term becomes a subtraction; a sum of negated
  terms is negated once, where it is used.
- **Integer powers** are products (x² = x·x, x⁴ = (x²)²); x⁻ⁿ is 1/xⁿ; a quotient
  is one division of the numerator's product by the denominator's.

Nothing else is rewritten: the sums are added in sympy's printing order (positive
terms first, then the negative ones subtracted), and a sympy function with a
``_straight_line`` hook (such as ``one_minus`` in :mod:`momentum_proofs.nesterov`)
keeps the grouping its author chose.

>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> program = lower([sp.sqrt(a) * sp.sqrt(b) + a * b / 2], (a, b))
>>> print(scalar_body(program))
    _t0 = a*b
    _t1 = math.sqrt(_t0)
    _t2 = _t0*0.5
    _t3 = _t1 + _t2
    return _t3
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import sympy as sp

from ._kernel import unit_sign

#: The operation kinds, each with how it prints (as a numpy ufunc, and as scalar
#: Python; ``{0}``, ``{1}`` are the operands).
KINDS: dict[str, tuple[str, str]] = {
    "add": ("add", "{0} + {1}"),
    "sub": ("subtract", "{0} - {1}"),
    "mul": ("multiply", "{0}*{1}"),
    "div": ("divide", "{0}/{1}"),
    "neg": ("negative", "-{0}"),
    "sqrt": ("sqrt", "math.sqrt({0})"),
    "abs": ("absolute", "abs({0})"),
    # numpy.maximum(x, y) is x when x >= y (or x is NaN), else y: the same selection.
    "max": ("maximum", "({0} if {0} >= {1} else {1})"),
    "min": ("minimum", "({0} if {0} <= {1} else {1})"),
    "sign1": ("copysign", "math.copysign(1.0, {0})"),
    "atan2": ("arctan2", "math.atan2({0}, {1})"),
    "pow": ("power", "math.pow({0}, {1})"),
}
_COMMUTATIVE = {"add", "mul"}


@dataclass(frozen=True)
class Operand:
    """An argument (by name), a float constant, or the result of operation ``index``."""

    kind: str  # "arg", "const", "op"
    value: str | float | int

    def scalar(self) -> str:
        if self.kind == "arg":
            return str(self.value)
        if self.kind == "const":
            return repr(float(self.value))
        return f"_t{self.value}"


@dataclass(frozen=True)
class Op:
    kind: str
    operands: tuple[Operand, ...]


@dataclass
class Program:
    """Operations in evaluation order, the argument names, and the outputs."""

    args: tuple[str, ...]
    ops: list[Op] = field(default_factory=list)
    outputs: list[Operand] = field(default_factory=list)

    def uses(self) -> list[int]:
        """For each operation, the index of the last operation that reads it (or
        ``len(ops)`` when an output needs it at the end)."""
        last = list(range(len(self.ops)))
        for i, op in enumerate(self.ops):
            for x in op.operands:
                if x.kind == "op":
                    last[int(x.value)] = i
        for x in self.outputs:
            if x.kind == "op":
                last[int(x.value)] = len(self.ops)
        return last


@dataclass(frozen=True)
class _Term:
    """sign · 2**scale · operand."""

    sign: int
    scale: int
    operand: Operand


def _is_const(t: _Term) -> bool:
    return t.operand.kind == "const"


class _Lowering:
    def __init__(self, args: tuple[sp.Symbol, ...]) -> None:
        self.program = Program(tuple(str(a) for a in args))
        self.names = {a: Operand("arg", str(a)) for a in args}
        self.seen: dict[tuple, Operand] = {}
        self.memo: dict[sp.Basic, _Term] = {}

    # -- operations ---------------------------------------------------------------------

    @staticmethod
    def constant(value: float) -> Operand:
        return Operand("const", float(value))

    def emit(self, kind: str, *operands: Operand) -> Operand:
        if all(x.kind == "const" for x in operands):
            return Operand("const", _fold(kind, *(float(x.value) for x in operands)))
        key_ops = tuple(sorted(operands, key=repr)) if kind in _COMMUTATIVE else operands
        key = (kind, key_ops)
        if key not in self.seen:
            self.program.ops.append(Op(kind, operands))
            self.seen[key] = Operand("op", len(self.program.ops) - 1)
        return self.seen[key]

    def value(self, t: _Term) -> Operand:
        """The operand holding sign · 2**scale · operand (one multiplication at most)."""
        t = self.positive(t)
        factor = t.sign * 2.0**t.scale
        if t.operand.kind == "const":
            return Operand("const", float(t.operand.value) * factor)
        if factor == 1.0:
            return t.operand
        if factor == -1.0:
            return self.emit("neg", t.operand)
        return self.emit("mul", t.operand, Operand("const", factor))

    def positive(self, t: _Term) -> _Term:
        """``t`` with sign +1 when a difference inside it can be turned round instead.

        −(a − b)·c = (b − a)·c: the subtraction is emitted the other way (the same
        rounding, since x − y = −(y − x) exactly), so no negation is needed; an
        operation left unused is dropped at the end.
        """
        if t.sign > 0:
            return t
        # a difference nothing else reads first (the old one is then dropped), else any
        flipped = self._negated(t.operand, True) or self._negated(t.operand, False)
        return t if flipped is None else _Term(1, t.scale, flipped)

    def _negated(self, x: Operand, unshared: bool) -> Operand | None:
        if x.kind == "const":
            return Operand("const", -float(x.value))
        if x.kind != "op":
            return None
        op = self.program.ops[int(x.value)]
        if op.kind == "sub" and not (unshared and self._readers(x) > 1):
            return self.emit("sub", op.operands[1], op.operands[0])
        if op.kind == "neg":
            return op.operands[0]
        if op.kind in ("mul", "div"):
            for i in (0, 1) if op.kind == "mul" else (0,):
                flipped = self._negated(op.operands[i], unshared)
                if flipped is not None:
                    operands = list(op.operands)
                    operands[i] = flipped
                    return self.emit(op.kind, *operands)
        return None

    def _readers(self, x: Operand) -> int:
        """How many operations read ``x`` so far."""
        return sum(x in op.operands for op in self.program.ops)

    # -- expressions --------------------------------------------------------------------

    def lower(self, expr: sp.Basic) -> _Term:
        if expr not in self.memo:
            self.memo[expr] = self._lower(expr)
        return self.memo[expr]

    def _lower(self, expr: sp.Basic) -> _Term:
        if expr in self.names:
            return _Term(1, 0, self.names[expr])
        if expr.is_Number:
            return _number(float(expr))
        hook = getattr(expr, "_straight_line", None)
        if hook is not None:
            return _Term(1, 0, hook(self, *(self.value(self.lower(a)) for a in expr.args)))
        if expr.is_Add:
            return self._sum([self.lower(t) for t in expr.as_ordered_terms()])
        if expr.is_Mul or expr.is_Pow:
            return self._product(expr)
        if isinstance(expr, sp.Abs):
            t = self.lower(expr.args[0])
            return _Term(1, t.scale, self.emit("abs", t.operand))
        if isinstance(expr, sp.Max | sp.Min):
            return self._extremum("max" if isinstance(expr, sp.Max) else "min", expr.args)
        if isinstance(expr, sp.atan2):
            y, x = (self.value(self.lower(a)) for a in expr.args)
            return _Term(1, 0, self.emit("atan2", y, x))
        if isinstance(expr, unit_sign):
            t = self.lower(expr.args[0])  # the sign of 2ᵏx is the sign of x
            return _Term(t.sign, 0, self.emit("sign1", t.operand))
        raise ValueError(f"cannot print {type(expr).__name__} in a kernel: {expr}")

    def _common_scale(self, terms: list[_Term]) -> tuple[int, list[_Term]]:
        """A power of two every term shares (constants adapt to any), with the terms
        rescaled by it; otherwise scale 0 and the terms as they are."""
        scales = {t.scale for t in terms if not _is_const(t)}
        if len(scales) != 1:
            return 0, [_Term(1, 0, self.value(t)) if t.scale else t for t in terms]
        (k,) = scales
        return k, [
            _Term(t.sign, 0, t.operand)
            if not _is_const(t)
            else _const_term(t.sign * float(t.operand.value) * 2.0 ** (t.scale - k))
            for t in terms
        ]

    def _sum(self, terms: list[_Term]) -> _Term:
        k, terms = self._common_scale(terms)
        plus = [t.operand for t in terms if t.sign > 0]
        minus = [t.operand for t in terms if t.sign < 0]
        sign = 1
        if not plus:
            plus, minus, sign = minus, [], -1
        if len(plus) == 1 and len(minus) == 1:
            # b − a where a − b is already computed: its negation, exactly
            reverse = self.seen.get(("sub", (minus[0], plus[0])))
            if reverse is not None:
                return _Term(-sign, k, reverse)
        acc = self._associate("add", plus)
        for x in minus:
            acc = self.emit("sub", acc, x)
        return _Term(sign, k, acc)

    def _associate(self, kind: str, operands: list[Operand]) -> Operand:
        """Sum (or multiply) ``operands``, starting from partial results already computed.

        Floating-point addition is not associative, so the grouping is a choice; this
        one reuses an earlier partial sum (r + 1 in both r + 1 − u and u + r + 1) where
        there is one, else adds left to right.
        """
        rest = list(operands)
        acc = None
        for (op_kind, ops), result in self.seen.items():
            if op_kind == kind and len(ops) == 2 and _takes(rest, ops):
                acc = result
                break
        if acc is None:
            acc = rest.pop(0)
        while rest:
            for x in rest:
                key = (kind, tuple(sorted((acc, x), key=repr)))
                if key in self.seen:
                    break
            else:
                x = rest[0]
            rest.remove(x)
            acc = self.emit(kind, acc, x)
        return acc

    def _extremum(self, kind: str, args: tuple) -> _Term:
        terms = [self.positive(self.lower(a)) for a in args]
        if all(t.sign > 0 or (_is_const(t) and float(t.operand.value) == 0) for t in terms):
            k, terms = self._common_scale(terms)
        else:
            k, terms = 0, [_Term(1, 0, self.value(t)) for t in terms]
        acc = terms[0].operand
        for t in terms[1:]:
            acc = self.emit(kind, acc, t.operand)
        return _Term(1, k, acc)

    def _product(self, expr: sp.Expr) -> _Term:
        coeff, rest_expr = expr.as_coeff_Mul() if expr.is_Mul else (sp.S.One, expr)
        const = _number(float(coeff))
        sign, scale, rest = const.sign, const.scale, float(const.operand.value)
        num: list[Operand] = []
        den: list[Operand] = []
        roots: dict[bool, list[sp.Expr]] = {True: [], False: []}  # √ bases above, below
        for f in rest_expr.as_ordered_factors():
            base, e = f.as_base_exp()
            if abs(e) == sp.S.Half and base.is_nonnegative:
                roots[bool(e > 0)].append(base)
                continue
            if not e.is_Integer:
                if abs(e) == sp.S.Half:
                    t = self._root(self.lower(base))
                else:
                    b = self.value(self.lower(base))
                    t = _Term(1, 0, self.emit("pow", b, Operand("const", float(abs(e)))))
                (num if e > 0 else den).append(self.value(t))
                continue
            t = self.lower(base)
            n = abs(int(e))
            sign *= t.sign**n
            scale += t.scale * (n if e > 0 else -n)
            (num if e > 0 else den).append(self._power(t.operand, n))
        for above, bases in roots.items():
            if bases:
                t = self._root(self.lower(sp.Mul(*bases)))
                sign *= t.sign
                scale += t.scale if above else -t.scale
                (num if above else den).append(t.operand)
        top = _chain(self, [x for x in num if not _unit(x)])
        bottom = _chain(self, [x for x in den if not _unit(x)])
        if top is None and bottom is None:
            return _Term(sign, scale, Operand("const", rest))
        if top is None:
            # c/x with the whole constant on top: one division (2ᵏ/x = 2ᵏ·(1/x) exactly)
            value = self.emit("div", Operand("const", sign * rest * 2.0**scale), bottom)
            return _Term(1, 0, value)
        value = top if bottom is None else self.emit("div", top, bottom)
        if rest != 1.0:
            value = self.emit("mul", value, Operand("const", rest))
        return _Term(sign, scale, value)

    def _root(self, t: _Term) -> _Term:
        """√(sign · 2ᵏ · x) for a non-negative value: 2^(k/2)·√x (k made even first)."""
        t = self.positive(t)
        if t.sign < 0:
            t = _Term(1, t.scale, self.emit("neg", t.operand))
        if _is_const(t):
            return _number(math.sqrt(float(t.operand.value) * 2.0**t.scale))
        x, k = t.operand, t.scale
        if k % 2:
            x, k = self.emit("mul", x, Operand("const", 2.0)), k - 1
        return _Term(1, k // 2, self.emit("sqrt", x))

    def _power(self, x: Operand, n: int) -> Operand:
        """xⁿ by squaring (each square shared): x² = x·x, x⁴ = (x²)², x³ = x²·x."""
        if n == 1:
            return x
        half = self._power(x, n // 2)
        square = self.emit("mul", half, half)
        return self.emit("mul", square, x) if n % 2 else square


def _takes(pool: list[Operand], pair: tuple[Operand, ...]) -> bool:
    """Remove both operands of ``pair`` from ``pool`` if both are there."""
    left = list(pool)
    for x in pair:
        if x not in left:
            return False
        left.remove(x)
    pool[:] = left
    return True


def _unit(x: Operand) -> bool:
    return x.kind == "const" and float(x.value) == 1.0


def _chain(lowering: _Lowering, operands: list[Operand]) -> Operand | None:
    """The product of ``operands`` left to right, constants last; ``None`` for none."""
    if not operands:
        return None
    ordered = [x for x in operands if x.kind != "const"] + [
        x for x in operands if x.kind == "const"
    ]
    acc = ordered[0]
    for x in ordered[1:]:
        acc = lowering.emit("mul", acc, x)
    return acc


def _const_term(value: float) -> _Term:
    """A constant as a sign and a magnitude, unscaled."""
    return _Term(-1 if value < 0 else 1, 0, Operand("const", abs(value)))


def _number(value: float) -> _Term:
    """A constant as sign · 2ᵏ · c with c not a power of two unless c = 1."""
    if value == 0:
        return _Term(1, 0, Operand("const", 0.0))
    sign = 1 if value > 0 else -1
    mantissa, exponent = math.frexp(abs(value))
    if mantissa == 0.5:  # a power of two: carried as the scale
        return _Term(sign, exponent - 1, Operand("const", 1.0))
    return _Term(sign, 0, Operand("const", abs(value)))


_FOLD = {
    "add": lambda x, y: x + y,
    "sub": lambda x, y: x - y,
    "mul": lambda x, y: x * y,
    "div": lambda x, y: x / y,
    "neg": lambda x: -x,
    "sqrt": math.sqrt,
    "abs": abs,
    "max": lambda x, y: x if x >= y else y,
    "min": lambda x, y: x if x <= y else y,
    "sign1": lambda x: math.copysign(1.0, x),
    "atan2": math.atan2,
    "pow": math.pow,
}


def _fold(kind: str, *xs: float) -> float:
    """An operation on constants, evaluated now in float64 (the same rounding)."""
    return float(_FOLD[kind](*xs))


def lower(exprs: list[sp.Expr], args: tuple[sp.Symbol, ...]) -> Program:
    """The straight-line program computing ``exprs`` from ``args``."""
    lowering = _Lowering(args)
    for e in exprs:
        lowering.program.outputs.append(lowering.value(lowering.lower(sp.sympify(e))))
    return _without_dead(lowering.program)


def _without_dead(program: Program) -> Program:
    """The program without the operations no output depends on, renumbered."""
    needed = {int(x.value) for x in program.outputs if x.kind == "op"}
    for i in range(len(program.ops) - 1, -1, -1):
        if i in needed:
            needed.update(int(x.value) for x in program.ops[i].operands if x.kind == "op")
    number = {old: new for new, old in enumerate(sorted(needed))}

    def renamed(x: Operand) -> Operand:
        return Operand("op", number[int(x.value)]) if x.kind == "op" else x

    return Program(
        program.args,
        [
            Op(op.kind, tuple(map(renamed, op.operands)))
            for i, op in enumerate(program.ops)
            if i in needed
        ],
        [renamed(x) for x in program.outputs],
    )


# --- printing -----------------------------------------------------------------------------


def scalar_body(program: Program) -> str:
    """Scalar Python statements (``math``), one per operation, then the return."""
    lines = []
    for i, op in enumerate(program.ops):
        text = KINDS[op.kind][1].format(*(x.scalar() for x in op.operands))
        lines.append(f"    _t{i} = {text}")
    outs = [x.scalar() for x in program.outputs]
    lines.append(f"    return {outs[0] if len(outs) == 1 else '(' + ', '.join(outs) + ')'}")
    return "\n".join(lines)


def numpy_body(program: Program) -> str:
    """numpy statements: every operation one ufunc call into a reused buffer.

    The buffers have the broadcast shape of the arguments.  An operation writes into a
    buffer whose value dies at it (in place) when there is one, else into a free
    buffer, else into a new one; the outputs keep theirs.  Constant or argument
    outputs are filled into buffers of their own.
    """
    last = program.uses()
    buffer_of: dict[int, int] = {}
    free: list[int] = []
    count = 0
    shape_args = ", ".join(f"numpy.shape({a})" for a in program.args)
    lines = [f"    _shape = numpy.broadcast_shapes({shape_args})"]

    def name(x: Operand) -> str:
        return f"_b{buffer_of[int(x.value)]}" if x.kind == "op" else x.scalar()

    for i, op in enumerate(program.ops):
        operands = ", ".join(name(x) for x in op.operands)
        if op.kind == "sign1":
            operands = f"1.0, {operands}"
        ufunc = f"numpy.{KINDS[op.kind][0]}"
        dying = list(
            dict.fromkeys(
                buffer_of[int(x.value)]
                for x in op.operands
                if x.kind == "op" and last[int(x.value)] == i
            )
        )
        if dying:  # in place, over an operand read for the last time
            target = dying.pop(0)
            free.extend(dying)
            lines.append(f"    {ufunc}({operands}, out=_b{target})")
        elif free:
            target = free.pop(0)
            lines.append(f"    {ufunc}({operands}, out=_b{target})")
        else:
            target, count = count, count + 1
            lines.append(f"    _b{target} = {ufunc}({operands}, out=numpy.empty(_shape))")
        buffer_of[i] = target
    outs: list[str] = []
    for x in program.outputs:
        if x.kind != "op":
            outs.append(f"numpy.full(_shape, {x.scalar()})")
        elif name(x) in outs:  # the same value twice: each output its own array
            outs.append(f"numpy.copy({name(x)})")
        else:
            outs.append(name(x))
    lines.append(f"    return {outs[0] if len(outs) == 1 else '(' + ', '.join(outs) + ')'}")
    return "\n".join(lines)
