"""A method as data: from its per-eigencomponent update to R, its characteristic
polynomial, its stability conditions and its spectral radius.

The derivation is the one the hand-written families do for heavy ball and Nesterov:
with ∇f(e) = λe, the update is linear in the state s = (s₁, …, s_d) at step k, so
s^{k+1} = R(λ; parameters) s^k, and R is the Jacobian of the update once every
``NAME_next`` has been replaced by its own right-hand side (in dependency order).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..symbols import lam, sigma
from .checks import check_bounds
from .spec import Spec, SpecError


@dataclass(frozen=True, eq=False)
class Method:
    """A stationary linear first-order method, derived from its :class:`~.spec.Spec`."""

    spec: Spec
    source: str = ""  # where it was defined: a module, a file
    doc: str = field(default="", repr=False)

    def __reduce__(self) -> tuple:
        # What the method is, not what was derived from it: the cached lambdified
        # functions do not pickle.  A worker of a cluster (Method.tune's client=) then
        # derives them once, from the same spec, so it computes the same numbers.
        import pickle

        return (_rebuilt, (pickle.dumps((self.spec, self.source, self.doc)),))

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.spec.parameters)

    @property
    def state(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.spec.state)

    @functools.cached_property
    def _resolved(self) -> dict[sp.Symbol, sp.Expr]:
        """Each state entry's new value in terms of the state at step k only."""
        spec = self.spec
        done: dict[sp.Symbol, sp.Expr] = {}
        visiting: list[sp.Symbol] = []

        def resolve(s: sp.Symbol) -> sp.Expr:
            if s in done:
                return done[s]
            if s in visiting:
                cycle = " -> ".join(v.name for v in [*visiting, s])
                raise SpecError(f"update.{s.name}: circular _next ({cycle})")
            visiting.append(s)
            rhs = spec.update[s]
            subs = {n: resolve(spec.nexts[n]) for n in rhs.free_symbols & set(spec.nexts)}
            done[s] = sp.expand(rhs.xreplace(subs))
            visiting.pop()
            return done[s]

        for s in spec.state:
            resolve(s)
        return done

    def iteration_matrix(self) -> sp.Matrix:
        """R with s^{k+1} = R s^k, rows and columns in the order of ``state``.

        >>> from momentum_proofs import methods
        >>> print(methods.get("heavy_ball").iteration_matrix())
        Matrix([[beta, lam], [-alpha*beta, -alpha*lam + 1]])
        """
        new = self._resolved
        return sp.Matrix(
            [[sp.expand(new[s]).coeff(t) for t in self.spec.state] for s in self.spec.state]
        )

    def characteristic_polynomial(self) -> sp.Expr:
        """det(σI − R), expanded in σ.

        >>> from momentum_proofs import methods
        >>> print(methods.get("gradient_descent").characteristic_polynomial())
        alpha*lam + sigma - 1
        """
        R = self.iteration_matrix()
        return sp.expand((sigma * sp.eye(R.rows) - R).det(method="berkowitz"))

    def stability_conditions(self) -> list[sp.Expr] | None:
        """Jury's conditions: every root of the characteristic polynomial inside |σ| < 1.

        For the monic polynomial σⁿ + aₙ₋₁σⁿ⁻¹ + … + a₀ (Jury 1964; the Schur–Cohn test
        for real coefficients):

        - n = 1: |a₀| < 1;
        - n = 2: |a₀| < 1, p(1) > 0, p(−1) > 0;
        - n = 3: |a₀| < 1, p(1) > 0, −p(−1) > 0, |a₀² − 1| > |a₀a₂ − a₁|.

        ``None`` for higher degrees, where the engine does not derive the region.
        Conditions that the parameters' signs settle are left out.

        >>> from momentum_proofs import methods
        >>> for c in methods.get("heavy_ball").stability_conditions(): print(c)
        beta < 1
        -alpha*lam + 2*beta + 2 > 0
        """
        poly = sp.Poly(self.characteristic_polynomial(), sigma)
        a = [sp.expand(c / poly.LC()) for c in reversed(poly.all_coeffs())]  # a[i]: σ^i
        n = poly.degree()

        def p_at(x: int) -> sp.Expr:
            return sp.expand(sum(c * x**i for i, c in enumerate(a)))

        if n == 1:
            conditions = [sp.Abs(a[0]) < 1]
        elif n == 2:
            conditions = [sp.Abs(a[0]) < 1, p_at(1) > 0, p_at(-1) > 0]
        elif n == 3:
            conditions = [
                sp.Abs(a[0]) < 1,
                p_at(1) > 0,
                sp.expand(-p_at(-1)) > 0,
                sp.Abs(sp.expand(a[0] ** 2 - 1)) > sp.Abs(sp.expand(a[0] * a[2] - a[1])),
            ]
        else:
            return None
        return [c for c in conditions if c is not sp.true]

    def kernels(self) -> list:
        """What the code generator prints for this method's rate.

        Two entries: the trace T and determinant D of R (the generated radius kernel of
        claim LIN-RADIUS takes them); otherwise every entry of R (for an eigenvalue
        solver).  The expressions are the derived ones, unchanged.

        >>> from momentum_proofs import methods
        >>> [k.name for k in methods.get("qhm").kernels()]
        ['qhm_trace_det']
        """
        from .._kernel import Kernel

        R = self.iteration_matrix()
        args = (*self.spec.parameters, lam)
        ident = self.name.replace("-", "_")
        if R.rows == 2:
            outputs = (("T", sp.expand(R.trace())), ("D", sp.expand(R.det(method="berkowitz"))))
            return [
                Kernel(
                    f"{ident}_trace_det",
                    f"Trace and determinant of the iteration matrix R of {self.name}.",
                    args,
                    outputs,
                    f"the method engine (derived R of {self.name})",
                )
            ]
        entries = tuple(
            (f"r{i}{j}", sp.expand(R[i, j])) for i in range(R.rows) for j in range(R.cols)
        )
        return [
            Kernel(
                f"{ident}_matrix",
                f"Entries of the iteration matrix R of {self.name}, row by row.",
                args,
                entries,
                f"the method engine (derived R of {self.name})",
            )
        ]

    def stability_region(self) -> list[sp.Basic] | None:
        """Jury's conditions, each one that is linear in λ solved for λ.

        A condition a + bλ > 0 becomes λ > −a/b or λ < −a/b when the sign of b follows
        from the parameters' signs (α > 0, β ≥ 0, others > 0); |c| < 1 is split into its
        two sides first.  Bounds that λ > 0 already implies are dropped.  The rest stay
        as Jury states them.  ``None`` where :meth:`stability_conditions` is.

        >>> from momentum_proofs import methods
        >>> for c in methods.get("nesterov").stability_region(): print(c)
        alpha*beta*lam - beta < 1
        alpha*beta*lam - beta > -1
        lam < 2*(beta + 1)/(alpha*(2*beta + 1))
        """
        conditions = self.stability_conditions()
        if conditions is None:
            return None
        out: list[sp.Basic] = []
        for c in conditions:
            sides = [c]
            if isinstance(c, sp.StrictLessThan) and isinstance(c.lhs, sp.Abs):
                inner = c.lhs.args[0]
                sides = [inner < c.rhs, inner > -c.rhs]
            for side in sides:
                if side is sp.true:
                    continue
                solved = _solve_for_lam(side, self)
                if solved is not sp.true:
                    out.append(solved)
        return out

    def start_vector(self) -> sp.Matrix:
        """The state at step 0 in terms of x0, the iterate's start (momentum at rest)."""
        return sp.Matrix([self.spec.start[s] for s in self.spec.state])

    # --- domains ------------------------------------------------------------------------

    def domain(self, name: str) -> tuple[float, float, bool, bool]:
        """(low, high, low_open, high_open) of a parameter's allowed values.

        From the spec's ``[domain]`` table; otherwise β ∈ [0, 1) and every other
        parameter > 0.

        >>> from momentum_proofs import methods
        >>> methods.get("qhm").domain("nu"), methods.get("qhm").domain("beta")
        ((0.0, 1.0, False, False), (0.0, 1.0, False, True))
        """
        if name not in self.parameters:
            raise KeyError(f"{name!r} is not a parameter of {self.name}")
        text = self.spec.domain.get(name)
        if text is not None:
            return parse_interval(f"domain.{name}", text)
        if name == "beta":
            return (0.0, 1.0, False, True)
        return (0.0, math.inf, True, True)

    # --- numbers (numpy, through momentum_proofs.methods.evaluate) ------------------------

    @functools.cached_property
    def _compiled_rate(self):
        from . import evaluate

        return evaluate.compile_rate(self)

    def rate(self, lam: Any, **params: Any):
        """Spectral radius of R(λ) at each λ, float64, numpy broadcasting.

        >>> from momentum_proofs import methods
        >>> print(methods.get("heavy_ball").rate(1.0, alpha=0.25, beta=0.25))
        0.5
        """
        from . import evaluate

        return evaluate.rate(self, lam, params)

    @functools.cached_property
    def _compiled_matrix(self):
        R = self.iteration_matrix()
        rows = [[R[i, j] for j in range(R.cols)] for i in range(R.rows)]
        return sp.lambdify([*self.spec.parameters, lam], rows, modules="numpy")

    def power(self, k: Any, lam: Any, **params: Any):
        """Rᵏ at each λ, shape ``(..., d, d)`` (numpy broadcasting over k, λ, parameters).

        >>> from momentum_proofs import methods
        >>> print(methods.get("gradient_descent").power(3, 1.0, alpha=0.5))
        [[0.125]]
        """
        from . import evaluate

        return evaluate.power(self, k, lam, params)

    def worst_rate(self, lambda_min: float, lambda_max: float, **params: Any) -> float:
        """The largest spectral radius over λ ∈ [λ_min, λ_max] (grid, then refined)."""
        from . import evaluate

        lo, hi = check_bounds(lambda_min, lambda_max)
        return evaluate.worst_rate(self, lo, hi, params)[0]

    def worst_case(self, lambda_min: float, lambda_max: float, steps: int, **params: Any):
        """max over λ ∈ [λ_min, λ_max] of ‖x_N − x*‖²/‖x₀ − x*‖² from rest, certified.

        See :mod:`momentum_proofs.methods.worst`.

        >>> from momentum_proofs import methods
        >>> w = methods.get("gradient_descent").worst_case(1.0, 3.0, 2, alpha=0.5)
        >>> print(w.value, w.lam)
        0.0625 1.0
        """
        import operator

        from . import evaluate, worst

        lo, hi = check_bounds(lambda_min, lambda_max)
        try:
            n = operator.index(steps)
        except TypeError:
            raise TypeError(f"steps must be an integer >= 0; got {type(steps).__name__}") from None
        if n < 0 or n > 10_000:
            raise ValueError(f"steps must be an integer in [0, 10000]; got {n}")
        p = evaluate.check_parameters(self, params, complete=True)
        return worst.worst_case(self, lo, hi, n, {k: float(v) for k, v in p.items()})

    def worst_case_over_class(
        self,
        function_class: str,
        mu: float,
        L: float,
        steps: int,
        *,
        metric: str = "distance",
        initial: str = "distance",
        **params: Any,
    ):
        """The N-step worst case over a function class, by PEPit (a numeric route).

        ``function_class`` is ``"smooth-strongly-convex"`` (μ > 0), ``"smooth-convex"``
        (μ = 0) or ``"quadratic"``; ``metric`` and ``initial`` name what is bounded after
        N steps and what is normalised to 1 at the start (see :mod:`numeric.pep`).  Needs
        the ``pep`` extra.  Returns a :class:`numeric.pep.Estimate` with PEPit's upper
        and lower values and their gap.

        >>> from momentum_proofs import methods
        >>> gd = methods.get("gradient_descent")
        >>> e = gd.worst_case_over_class("smooth-convex", 0.0, 1.0, 1, metric="function",
        ...                              alpha=1.0)  # doctest: +SKIP
        >>> round(e.value, 6)  # L/(4N + 2), Drori & Teboulle  # doctest: +SKIP
        0.166667
        """
        from . import evaluate, worst

        p = evaluate.check_parameters(self, params, complete=True)
        return worst.over_class(
            self, function_class, mu, L, steps, {k: float(v) for k, v in p.items()}, metric, initial
        )

    def tune(self, lambda_min: float, lambda_max: float, *, client: Any = None, **fixed: Any):
        """Minimax tuning over [λ_min, λ_max] of the parameters not given in ``fixed``.

        Closed form for the built-in gradient descent, heavy ball and Nesterov (claims
        GD-OPTIMAL, HB-OPTIMAL, NAG-OPTIMAL); a numeric minimax otherwise.  With
        ``client`` (a ``dask.distributed.Client``) the minimax's grid search runs on
        the cluster, with the same result bit for bit.
        """
        from . import evaluate

        lo, hi = check_bounds(lambda_min, lambda_max)
        return evaluate.tune(self, lo, hi, fixed, client=client)

    def linear_form(self, **params: Any) -> dict[str, Any]:
        """The update as numbers, for :func:`numeric.simulate.run` (see
        :func:`momentum_proofs.methods.evaluate.linear_form`)."""
        from . import evaluate

        return evaluate.linear_form(self, params)

    def published_tuning(self, mu: float, L: float, **extra: Any) -> dict[str, float]:
        """The published parameter values for eigenvalues in [μ, L], as floats.

        Evaluated at 50 digits on the exact float inputs from the expressions the
        method's module derives: gradient descent's 2/(μ + L) (GD-OPTIMAL), Polyak's heavy
        ball (HB-OPTIMAL), Nesterov's textbook α = 1/L, β = (√κ − 1)/(√κ + 1)
        (NAG-TEXTBOOK), triple momentum's (TM-FACTOR), robust momentum's with its
        robustness ``rho`` (RM-RATE); QHM's rule of thumb ν = 0.7, β = 0.999 (no α).
        A method from a spec has none (``KeyError``).

        >>> from momentum_proofs import methods
        >>> methods.get("triple_momentum").published_tuning(1.0, 4.0)
        {'alpha': 0.375, 'beta': 0.16666666666666666, 'gamma': 0.1111111111111111}
        """
        import importlib

        from ..symbols import L as L_sym
        from ..symbols import mu as mu_sym

        if self.source != "built-in":
            raise KeyError(f"{self.name} is not built in: it has no published tuning")
        lo, hi = check_bounds(mu, L)
        exact = {mu_sym: sp.Rational(lo), L_sym: sp.Rational(hi)}
        module = importlib.import_module(f"momentum_proofs.{self.name}")
        if self.name == "nesterov":
            a, b, _ = module.textbook_parameters()
            found = {"alpha": a, "beta": b}
        elif hasattr(module, "published_tuning"):
            extra_exact = {k: sp.Rational(float(v)) for k, v in extra.items()}
            found = module.published_tuning(exact[mu_sym], exact[L_sym], **extra_exact)
        else:
            name = "heavy_ball_optimal" if self.name == "heavy_ball" else self.name
            derived = importlib.import_module(f"momentum_proofs.{name}").optimal_parameters()
            found = {p: derived[p] for p in self.parameters}
        return {
            k: float(v) if isinstance(v, int | float) else float(sp.N(v.xreplace(exact), 50))
            for k, v in found.items()
        }

    def optax_settings(self, **params: Any) -> tuple[dict | None, str]:
        """``optax.sgd`` keywords that iterate this method, or ``None``; and a note."""
        from . import evaluate

        evaluate.check_parameters(self, params, complete=True)
        return evaluate.optax_settings(self, params)

    def torch_settings(self, **params: Any) -> tuple[dict | None, str]:
        """``torch.optim.SGD`` keywords that iterate this method, or ``None``; and a note."""
        from . import evaluate

        evaluate.check_parameters(self, params, complete=True)
        return evaluate.torch_settings(self, params)


@functools.lru_cache(maxsize=32)
def _rebuilt(state: bytes) -> Method:
    """A pickled :class:`Method`, rebuilt once per process for each distinct spec."""
    import pickle

    spec, source, doc = pickle.loads(state)  # noqa: S301 - our own bytes, from __reduce__
    return Method(spec, source, doc)


def parse_interval(field_name: str, text: str) -> tuple[float, float, bool, bool]:
    """An interval such as ``"[0, 1)"`` or ``"(0, inf)"`` as (low, high, low_open, high_open).

    >>> parse_interval("domain.beta", "[0, 1)")
    (0.0, 1.0, False, True)
    """
    t = text.strip()
    if len(t) > 60 or len(t) < 5 or t[0] not in "[(" or t[-1] not in "])" or t.count(",") != 1:
        raise SpecError(f'{field_name}: must be an interval such as "[0, 1)"; got {text!r}')
    a, b = (x.strip() for x in t[1:-1].split(","))
    try:
        low = -math.inf if a in ("-inf",) else float(a)
        high = math.inf if b in ("inf", "+inf") else float(b)
    except ValueError:
        raise SpecError(f"{field_name}: the ends must be numbers or inf; got {text!r}") from None
    if math.isnan(low) or math.isnan(high) or not low < high:
        raise SpecError(f"{field_name}: needs low < high; got {text!r}")
    return low, high, t[0] == "(", t[-1] == ")"


def _solve_for_lam(condition: sp.Basic, method: Method | None = None) -> sp.Basic:
    """``a + bλ > 0`` (or < 0) as a bound on λ when b's sign is known; else unchanged."""
    if not isinstance(condition, sp.StrictGreaterThan | sp.StrictLessThan):
        return condition
    f = sp.expand(condition.lhs - condition.rhs)
    if isinstance(condition, sp.StrictLessThan):
        f = -f  # now the condition is f > 0
    if not f.has(lam):
        return condition
    try:
        poly = sp.Poly(f, lam)
    except sp.PolynomialError:  # λ inside |·|: leave it as Jury states it
        return condition
    if poly.degree() != 1:
        return condition
    b, a = poly.all_coeffs()
    bound = sp.factor(sp.cancel(-a / b))
    sign = _sign(b, method)
    if sign > 0:
        return sp.true if _sign(bound, method) <= 0 and _sign(bound, method) != 0 else lam > bound
    if sign < 0:
        return lam < bound
    return condition


def _sign(expr: sp.Expr, method: Method | None) -> int:
    """+1, −1, or 0 when unknown: the sign of ``expr`` over the parameters' domains.

    Symbols carry only signs (α > 0, β ≥ 0, others > 0); a bounded domain [l, h) is
    written l + (h − l)·u/(1 + u) with u ≥ 0, and a closed [l, h] is also checked as
    l + (h − l)/(1 + u), so that the sign holds on the whole interval.
    """
    rewrites: list[dict] = [{}]
    if method is not None:
        for p in method.spec.parameters:
            low, high, _, high_open = method.domain(p.name)
            if high == math.inf or low == -math.inf:
                continue
            u = sp.Symbol(f"_u_{p.name}", nonnegative=True)
            lo_, hi_ = sp.nsimplify(low), sp.nsimplify(high)
            half_open = lo_ + (hi_ - lo_) * u / (1 + u)
            closed_top = lo_ + (hi_ - lo_) / (1 + u)
            options = [half_open] if high_open else [half_open, closed_top]
            rewrites = [{**r, p: o} for r in rewrites for o in options]
    signs = set()
    for r in rewrites:
        e = sp.factor(sp.cancel(expr.xreplace(r))) if r else expr
        if e.is_positive:
            signs.add(1)
        elif e.is_negative:
            signs.add(-1)
        else:
            return 0
    return signs.pop() if len(signs) == 1 else 0
