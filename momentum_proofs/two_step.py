"""The two-step family w⁺ = w + β(w − w⁻) − α∇f(w + γ(w − w⁻)) on quadratics.

The family holds Polyak's heavy ball (γ = 0), Nesterov's method (γ = β), triple
momentum and robust momentum (:mod:`momentum_proofs.triple_momentum`,
:mod:`momentum_proofs.robust_momentum`); Lessard, Recht & Packard (2016) write the
first-order methods of their analysis this way.  On one eigencomponent of a
quadratic (eigenvalue λ) the method engine derives the characteristic polynomial
σ² − Tσ + P with T = 1 + β − αλ(1 + γ) and P = β − αγλ, both affine in λ.

Two facts are proven here and used by the method families:

- **A radius test.**  A real monic quadratic σ² − Tσ + P has both roots of modulus
  at most r > 0 if and only if p(r) ≥ 0, p(−r) ≥ 0 and |P| ≤ r².  All three are
  affine in λ for this family, so the set of λ with ρ(λ) ≤ r is an interval, and the
  worst spectral radius over [μ, L] is max(ρ(μ), ρ(L)) for every (α, β, γ).
- **Heavy ball is the unique minimax member (claim ``TWO-MINIMAX``).**  The family's
  polynomial has p(1) = αλ whatever (α, β, γ) are, and roots of modulus ≤ r < 1 force
  (1 − r)² ≤ p(1) ≤ (1 + r)²; at λ = μ and λ = L that gives κ ≤ ((1 + r)/(1 − r))²,
  i.e. r ≥ (√κ − 1)/(√κ + 1).  Equality forces a double root r at μ and −r at L,
  hence γ = 0 and heavy ball's optimal (α, β) (Polyak 1964).

Sources: L. Lessard, B. Recht, A. Packard, "Analysis and design of optimization
algorithms via integral quadratic constraints", SIAM J. Optim. 26(1):57–95, 2016
(https://doi.org/10.1137/15M1009597); B. T. Polyak, "Some methods of speeding up the
convergence of iteration methods", USSR Comput. Math. Math. Phys. 4(5), 1964.
"""

from __future__ import annotations

import functools

import sympy as sp

from . import methods
from ._registry import Citation, claim
from .proof import Proof, is_zero
from .symbols import alpha, beta, lam, s, sigma

# The two-step form w⁺ = w + β(w − w⁻) − α∇f(w + γ(w − w⁻)),
# started at rest w⁻ = w⁰ (the spec of the built-in triple_momentum and robust_momentum).
SPEC = {
    "parameters": ["alpha", "beta", "gamma"],
    "state": ["w", "wprev"],
    "iterate": "w",
    "update": {"w": "w + beta*(w - wprev) - alpha*grad(w + gamma*(w - wprev))", "wprev": "w"},
    "start": {"wprev": "w"},
    "domain": {"gamma": "[0, inf)"},
}


LESSARD2016 = Citation(
    "lessard2016",
    "L. Lessard, B. Recht, A. Packard",
    "Analysis and design of optimization algorithms via integral quadratic constraints",
    "SIAM Journal on Optimization 26(1):57–95",
    2016,
    "https://doi.org/10.1137/15M1009597",
)

#: The built-in method whose spec is the two-step family (robust momentum has the same spec).
FAMILY_METHOD = "triple_momentum"

#: A candidate radius r > 0 and a real root pair x ± iy for the radius test.
_r = sp.Symbol("r", positive=True)
_x, _y = sp.symbols("x y", real=True)
_s1, _s2 = sp.symbols("sigma_1 sigma_2", real=True)


def gamma_symbol() -> sp.Symbol:
    """The engine's γ (a positive symbol, as the spec reader makes every extra parameter).

    >>> print(gamma_symbol(), gamma_symbol().is_positive)
    gamma True
    """
    (g,) = [p for p in methods.get(FAMILY_METHOD).spec.parameters if p.name == "gamma"]
    return g


@functools.cache
def characteristic_polynomial() -> sp.Expr:
    """det(σI − R) of the two-step family, as the method engine derives it.

    >>> p = characteristic_polynomial()
    >>> print(sp.expand(p.subs({gamma_symbol(): 0, alpha: 1, lam: 1, beta: 0})))
    sigma**2
    """
    return methods.get(FAMILY_METHOD).characteristic_polynomial()


@functools.cache
def trace_and_product() -> tuple[sp.Expr, sp.Expr]:
    """(T, P) with det(σI − R) = σ² − Tσ + P, read off the engine's polynomial.

    >>> T, P = trace_and_product()
    >>> print(T.subs(gamma_symbol(), 0), "|", P.subs(gamma_symbol(), 0))
    -alpha*lam + beta + 1 | beta
    """
    poly = sp.Poly(characteristic_polynomial(), sigma)
    if poly.degree() != 2 or poly.LC() != 1:
        raise RuntimeError("the two-step family should have a monic quadratic polynomial")
    _, c1, c0 = poly.all_coeffs()
    return sp.expand(-c1), sp.expand(c0)


def radius_conditions(radius: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """(p(r), p(−r), r² − P, r² + P): all ≥ 0 iff both roots have modulus ≤ r (r > 0).

    >>> conds = radius_conditions(sp.Rational(1, 2))
    >>> print([sp.expand(c.subs({gamma_symbol(): 0, beta: 0, alpha: 1, lam: 1})) for c in conds])
    [1/4, 1/4, 1/4, 1/4]
    """
    p = characteristic_polynomial()
    _, P = trace_and_product()
    return (
        sp.expand(p.subs(sigma, radius)),
        sp.expand(p.subs(sigma, -radius)),
        sp.expand(radius**2 - P),
        sp.expand(radius**2 + P),
    )


def require_radius_test(proof: Proof) -> None:
    """Prove: a real monic quadratic has both roots in |σ| ≤ r iff p(±r) ≥ 0 and |P| ≤ r²."""
    monic = sp.expand((sigma - _s1) * (sigma - _s2))
    proof.require(
        "real roots σ₁, σ₂: p(r) = (r − σ₁)(r − σ₂), p(−r) = (r + σ₁)(r + σ₂), P = σ₁σ₂",
        is_zero(monic.subs(sigma, _r) - (_r - _s1) * (_r - _s2))
        and is_zero(monic.subs(sigma, -_r) - (_r + _s1) * (_r + _s2)),
    )
    conj = sp.expand((sigma - _x - sp.I * _y) * (sigma - _x + sp.I * _y))
    proof.require(
        "complex roots x ± iy: p(±r) = (r ∓ x)² + y² ≥ 0 and P = x² + y² = |σ|²",
        is_zero(conj.subs(sigma, _r) - ((_r - _x) ** 2 + _y**2))
        and is_zero(conj.subs(sigma, -_r) - ((_r + _x) ** 2 + _y**2))
        and is_zero(conj.subs(sigma, 0) - (_x**2 + _y**2)),
    )
    proof.step(
        "Radius test.  If both roots lie in [−r, r] (or are x ± iy with x² + y² ≤ r²) the "
        "identities give p(r) ≥ 0, p(−r) ≥ 0 and |P| ≤ r².  Conversely, complex roots have "
        "|σ|² = P ≤ r²; real roots with σ₂ > r and p(r) ≥ 0 force σ₁ ≥ r, so P = σ₁σ₂ > r², "
        "and σ₁ < −r with p(−r) ≥ 0 forces σ₂ ≤ −r, again P > r²: both roots lie in [−r, r]."
    )


def require_ends_suffice(proof: Proof, radius_test: bool = True) -> None:
    """Prove: for the family, max over λ ∈ [μ, L] of ρ(λ) is max(ρ(μ), ρ(L)).

    ``radius_test=False`` when the proof has already established the radius test.
    """
    if radius_test:
        require_radius_test(proof)
    conds = radius_conditions(_r)
    proof.require(
        "p_λ(r), p_λ(−r), r² − P_λ and r² + P_λ are affine in λ (second λ-derivatives vanish), "
        "for every α, β, γ",
        all(is_zero(sp.diff(c, lam, 2)) for c in conds),
    )
    proof.step(
        "So for any r > 0 the set of λ with ρ(λ) ≤ r is an intersection of half-lines, an "
        "interval: with r = max(ρ(μ), ρ(L)) both ends pass the radius test, hence every "
        "λ in [μ, L] does, and max over [μ, L] of ρ(λ) = max(ρ(μ), ρ(L))."
    )


def heavy_ball_tuning(mu: sp.Expr, L: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
    """Heavy ball's minimax tuning as a member of the family: γ = 0 (Polyak 1964).

    α = 4/(√μ + √L)², β = ((√L − √μ)/(√L + √μ))²; ``TWO-MINIMAX`` derives it as the only
    member that attains the lower bound.

    >>> t = heavy_ball_tuning(1, 9)
    >>> print(t[alpha], t[beta], t[gamma_symbol()])
    1/4 1/4 0
    """
    a, b = sp.sqrt(mu), sp.sqrt(L)
    return {alpha: 4 / (a + b) ** 2, beta: ((b - a) / (b + a)) ** 2, gamma_symbol(): sp.S.Zero}


# The claim ------------------------------------------------------------------------


@claim(
    "TWO-MINIMAX",
    uses=("HB-OPTIMAL-RATE",),
    title="No two-step method beats heavy ball's (√κ − 1)/(√κ + 1) on quadratics; "
    "heavy ball is the only one that attains it",
    cite=LESSARD2016,
    section="Heavy ball and Nesterov on quadratics; the methods written as one two-step form",
    statement=r"For every real $(\alpha,\beta,\gamma)$ of $w^+=w+\beta(w-w^-)-\alpha\nabla "
    r"f(w+\gamma(w-w^-))$ and $\kappa=L/\mu$: $\max_{\lambda\in[\mu,L]}\rho(\lambda)\ge"
    r"\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$, with equality (for $\kappa>1$) only at $\gamma=0$, "
    r"$\alpha=4/(\sqrt\mu+\sqrt L)^2$, $\beta=\big(\frac{\sqrt\kappa-1}{\sqrt\kappa+1}\big)^2$ "
    r"(heavy ball); in particular Nesterov ($\gamma=\beta$), triple momentum and robust momentum "
    r"do not attain it",
)
def prove_minimax() -> Proof:
    """Prove that no two-step method beats heavy ball's rate on quadratics, and only heavy ball attains it."""
    proof = Proof(True)
    g = gamma_symbol()
    p = characteristic_polynomial()
    other = methods.get("robust_momentum").characteristic_polynomial()
    proof.require(
        "the engine derives one polynomial for both two-step built-ins "
        "(triple_momentum, robust_momentum)",
        is_zero(p - other),
        p,
    )
    T, P = trace_and_product()
    proof.require(
        "p = σ² − Tσ + P with T = 1 + β − αλ(1 + γ), P = β − αγλ",
        is_zero(p - (sigma**2 - T * sigma + P))
        and is_zero(T - (1 + beta - alpha * lam * (1 + g)))
        and is_zero(P - (beta - alpha * g * lam)),
    )
    proof.require(
        "the family contains heavy ball (γ = 0) and Nesterov (γ = β): the engine's polynomials",
        is_zero(p.subs(g, 0) - methods.get("heavy_ball").characteristic_polynomial())
        and is_zero(p.subs(g, beta) - methods.get("nesterov").characteristic_polynomial()),
    )
    at_one = sp.expand(p.subs(sigma, 1))
    proof.require("p_λ(1) = αλ for every (α, β, γ)", is_zero(at_one - alpha * lam), at_one)
    require_radius_test(proof)
    p_r, p_mr, r2_minus_P, _ = radius_conditions(_r)
    proof.require(
        "p(1) − (1 − r)² = p(r)/r + (1 − r)(r² − P)/r: so roots of modulus ≤ r < 1 give "
        "p(1) ≥ (1 − r)²",
        is_zero(at_one - (1 - _r) ** 2 - p_r / _r - (1 - _r) * r2_minus_P / _r),
    )
    proof.require(
        "(1 + r)² − p(1) = p(−r)/r + (1 + r)(r² − P)/r: and p(1) ≤ (1 + r)²",
        is_zero((1 + _r) ** 2 - at_one - p_mr / _r - (1 + _r) * r2_minus_P / _r),
    )
    proof.step(
        "Suppose ρ(λ) ≤ r < 1 at λ = μ and at λ = L.  Then αμ ≥ (1 − r)² > 0 and "
        "αL ≤ (1 + r)², so κ = αL/(αμ) ≤ ((1 + r)/(1 − r))², i.e. √κ ≤ (1 + r)/(1 − r)"
    )
    proof.require(
        "(1 + r) − √κ(1 − r) = (1 + √κ)(r − (√κ − 1)/(√κ + 1)): so r ≥ (√κ − 1)/(√κ + 1)",
        is_zero((1 + _r) - s * (1 - _r) - (1 + s) * (_r - (s - 1) / (s + 1))),
    )
    proof.step(
        "Hence max(ρ(μ), ρ(L)) ≥ (√κ − 1)/(√κ + 1) for every real (α, β, γ) (a radius ≥ 1 is "
        "above the bound anyway), and so is the maximum over [μ, L]."
    )
    # Equality: every inequality above is tight.
    proof.step(
        "Equality r = (√κ − 1)/(√κ + 1) < 1 (κ > 1) needs αμ = (1 − r)² and αL = (1 + r)², so "
        "p_μ(r) = 0 and P_μ = r² (both terms of the first identity vanish) and likewise "
        "p_L(−r) = 0, P_L = r²: a double root r at μ and −r at L"
    )
    mu_, L_ = sp.symbols("mu_ L_", positive=True)
    dP = sp.expand(P.subs(lam, L_) - P.subs(lam, mu_))
    proof.require(
        "P_L − P_μ = −αγ(L − μ); with α > 0 and L ≠ μ, P_μ = P_L forces γ = 0",
        is_zero(dP + alpha * g * (L_ - mu_)),
        dP,
    )
    # At γ = 0 solve the double-root conditions for (α, β) with μ = 1, L = s².
    al, bt = sp.symbols("al bt", positive=True)
    r_star = (s - 1) / (s + 1)
    eqs = [
        sp.expand(T.subs({g: 0, alpha: al, beta: bt, lam: 1}) - 2 * r_star),
        sp.expand(T.subs({g: 0, alpha: al, beta: bt, lam: s**2}) + 2 * r_star),
    ]
    sol = sp.solve(eqs, [al, bt], dict=True)
    proof.require(
        "at γ = 0, T_μ = 2r and T_L = −2r (μ = 1, L = κ = s²) solve to α = 4/(1 + s)², "
        "β = r² = ((s − 1)/(s + 1))²: heavy ball's tuning, the only minimiser",
        len(sol) == 1
        and is_zero(sol[0][al] - 4 / (1 + s) ** 2)
        and is_zero(sol[0][bt] - r_star**2),
        sp.Tuple(sol[0][al], sol[0][bt]) if len(sol) == 1 else None,
    )
    hb = heavy_ball_tuning(sp.S.One, s**2)
    at_mu = p.subs(hb).subs(lam, 1)
    at_L = p.subs(hb).subs(lam, s**2)
    proof.require(
        "and it attains the bound: p_μ = (σ − r)², p_L = (σ + r)² at heavy ball's tuning",
        is_zero(at_mu - (sigma - r_star) ** 2) and is_zero(at_L - (sigma + r_star) ** 2),
    )
    require_ends_suffice(proof, radius_test=False)
    proof.step(
        "so heavy ball's worst case over [μ, L] is exactly (√κ − 1)/(√κ + 1) (as HB-OPTIMAL-RATE "
        "finds directly), and every other (α, β, γ), Nesterov's γ = β > 0 included, is slower"
    )
    proof.note = (
        "Exact: the lower bound uses only λ = μ and λ = L (p(1) = αλ and the radius test); "
        "the equality case pins γ = 0 and heavy ball's (α, β)."
    )
    return proof
