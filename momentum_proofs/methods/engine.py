"""A method as data: from its per-eigencomponent update to R, its characteristic
polynomial, its stability conditions and its spectral radius.

The derivation is the one the hand-written families do for heavy ball and Nesterov:
with ∇f(e) = λe, the update is linear in the state s = (s₁, …, s_d) at step k, so
s^{k+1} = R(λ; parameters) s^k, and R is the Jacobian of the update once every
``NAME_next`` has been replaced by its own right-hand side (in dependency order).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy as sp

from ..symbols import sigma
from .spec import Spec, SpecError


@dataclass(frozen=True, eq=False)
class Method:
    """A stationary linear first-order method, derived from its :class:`~.spec.Spec`."""

    spec: Spec
    source: str = ""  # where it was defined: a module, a file
    doc: str = field(default="", repr=False)

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

        For a monic polynomial of degree 1 (σ + c₀) that is |c₀| < 1; of degree 2
        (σ² + c₁σ + c₀) it is |c₀| < 1, 1 + c₁ + c₀ > 0 and 1 − c₁ + c₀ > 0 (the
        Schur–Cohn test for real coefficients).  ``None`` for higher degrees, where the
        engine does not derive the region yet.

        >>> from momentum_proofs import methods
        >>> for c in methods.get("heavy_ball").stability_conditions(): print(c)
        beta < 1
        -alpha*lam + 2*beta + 2 > 0
        """
        poly = sp.Poly(self.characteristic_polynomial(), sigma)
        coeffs = [sp.expand(c / poly.LC()) for c in poly.all_coeffs()]
        if poly.degree() == 1:
            conditions = [sp.Abs(coeffs[1]) < 1]
        elif poly.degree() == 2:
            _, c1, c0 = coeffs
            conditions = [sp.Abs(c0) < 1, sp.expand(1 + c1 + c0) > 0, sp.expand(1 - c1 + c0) > 0]
        else:
            return None
        # A condition the parameters' signs settle (True) says nothing: leave it out.
        return [c for c in conditions if c is not sp.true]

    def start_vector(self) -> sp.Matrix:
        """The state at step 0 in terms of x0, the iterate's start (momentum at rest)."""
        return sp.Matrix([self.spec.start[s] for s in self.spec.state])
