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
from ._tex import reduced, tex
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
    conj = sp.expand((sigma - _x - sp.I * _y) * (sigma - _x + sp.I * _y))
    proof.require(
        "Radius test, the values used: a monic quadratic $p = \\sigma^2 - T\\sigma + P$ with "
        "real roots $\\sigma_{1,2}$, or complex roots $x \\pm iy$, takes these values at "
        "$\\pm r$ and $0$.",
        is_zero(monic.subs(sigma, _r) - (_r - _s1) * (_r - _s2))
        and is_zero(monic.subs(sigma, -_r) - (_r + _s1) * (_r + _s2))
        and is_zero(conj.subs(sigma, _r) - ((_r - _x) ** 2 + _y**2))
        and is_zero(conj.subs(sigma, -_r) - ((_r + _x) ** 2 + _y**2))
        and is_zero(conj.subs(sigma, 0) - (_x**2 + _y**2)),
        equation=f"p(\\pm r) &= {tex(sp.factor(monic.subs(sigma, _r)))}, \\ "
        f"{tex(sp.factor(monic.subs(sigma, -_r)))}, \\quad P = {tex(monic.subs(sigma, 0))} "
        f"\\\\ p(\\pm r) &= {tex((_r - _x) ** 2 + _y**2)}, \\ {tex((_r + _x) ** 2 + _y**2)}, "
        f"\\quad P = {tex(conj.subs(sigma, 0))}",
    )
    proof.step(
        "So both roots have modulus at most $r$ exactly when $p(r) \\ge 0$, $p(-r) \\ge 0$ and "
        "$|P| \\le r^2$. Forwards this is read off the values. Backwards, complex roots have "
        "$|\\sigma|^2 = P \\le r^2$; real roots with $\\sigma_2 > r$ and $p(r) \\ge 0$ force "
        "$\\sigma_1 \\ge r$, so $P > r^2$, and $\\sigma_1 < -r$ with $p(-r) \\ge 0$ forces "
        "$\\sigma_2 \\le -r$, again $P > r^2$."
    )


def require_ends_suffice(proof: Proof, radius_test: bool = True) -> None:
    """Prove: for the family, max over λ ∈ [μ, L] of ρ(λ) is max(ρ(μ), ρ(L)).

    ``radius_test=False`` when the proof has already established the radius test.
    """
    if radius_test:
        require_radius_test(proof)
    conds = radius_conditions(_r)
    second = [sp.diff(c, lam, 2) for c in conds]
    proof.require(
        "The four quantities of the radius test, $p_\\lambda(\\pm r)$ and $r^2 \\mp P_\\lambda$, "
        "are affine in $\\lambda$ for every $\\alpha, \\beta, \\gamma$: their second derivatives "
        "vanish.",
        all(is_zero(sp.diff(c, lam, 2)) for c in conds),
        equation=f"\\frac{{\\partial^2}}{{\\partial\\lambda^2}}\\big(p_\\lambda(r), p_\\lambda(-r), "
        f"r^2 - P_\\lambda, r^2 + P_\\lambda\\big) = {tex(sp.Tuple(*second))}",
    )
    proof.step(
        "So for any $r > 0$ the set of $\\lambda$ with $\\rho(\\lambda) \\le r$ is an "
        "intersection of half-lines, an interval: with $r = \\max(\\rho(\\mu), \\rho(L))$ both "
        "ends pass the radius test, hence every $\\lambda \\in [\\mu, L]$ does, and the worst "
        "case over $[\\mu, L]$ is $\\max(\\rho(\\mu), \\rho(L))$."
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
    T, P = trace_and_product()
    T_, P_ = sp.symbols("T P")
    proof.require(
        "The engine derives one characteristic polynomial for both two-step built-ins "
        "(triple momentum and robust momentum), with trace $T$ and product $P$ as below.",
        is_zero(p - other)
        and is_zero(p - (sigma**2 - T * sigma + P))
        and is_zero(T - (1 + beta - alpha * lam * (1 + g)))
        and is_zero(P - (beta - alpha * g * lam)),
        equation=f"p(\\sigma) = {tex(sigma**2 - T_ * sigma + P_)}, \\quad T = {tex(T)}, "
        f"\\quad P = {tex(P)}",
    )
    proof.require(
        "The family contains heavy ball ($\\gamma = 0$) and Nesterov ($\\gamma = \\beta$): "
        "there its polynomial is the engine's polynomial of each.",
        is_zero(p.subs(g, 0) - methods.get("heavy_ball").characteristic_polynomial())
        and is_zero(p.subs(g, beta) - methods.get("nesterov").characteristic_polynomial()),
        equation=f"p\\big|_{{\\gamma = 0}} - p_{{\\text{{HB}}}} = "
        f"{tex(reduced(p.subs(g, 0) - methods.get('heavy_ball').characteristic_polynomial()))}, "
        f"\\quad p\\big|_{{\\gamma = \\beta}} - p_{{\\text{{NAG}}}} = "
        f"{tex(reduced(p.subs(g, beta) - methods.get('nesterov').characteristic_polynomial()))}",
    )
    at_one = sp.expand(p.subs(sigma, 1))
    require_radius_test(proof)
    p_r, p_mr, r2_minus_P, _ = radius_conditions(_r)
    low = at_one - (1 - _r) ** 2 - p_r / _r - (1 - _r) * r2_minus_P / _r
    high = (1 + _r) ** 2 - at_one - p_mr / _r - (1 + _r) * r2_minus_P / _r
    proof.require(
        "At $\\sigma = 1$ the polynomial is $\\alpha\\lambda$ for every $(\\alpha, \\beta, "
        "\\gamma)$, and $\\alpha\\lambda - (1 \\mp r)^2$ is a combination of the radius-test "
        "quantities with nonnegative weights; so roots of modulus at most $r < 1$ give "
        "$(1 - r)^2 \\le \\alpha\\lambda \\le (1 + r)^2$.",
        is_zero(at_one - alpha * lam) and is_zero(low) and is_zero(high),
        equation=f"p_\\lambda(1) = {tex(at_one)}, \\qquad "
        f"\\alpha\\lambda - (1 - r)^2 - \\frac{{p(r) + (1 - r)(r^2 - P)}}{{r}} = {tex(reduced(low))}"
        f", \\qquad (1 + r)^2 - \\alpha\\lambda - \\frac{{p(-r) + (1 + r)(r^2 - P)}}{{r}} = "
        f"{tex(reduced(high))}",
    )
    gap = sp.factor((1 + _r) - s * (1 - _r))
    proof.require(
        "Suppose $\\rho \\le r < 1$ at $\\lambda = \\mu$ and at $\\lambda = L$. Then "
        "$\\kappa = \\alpha L/(\\alpha\\mu) \\le ((1 + r)/(1 - r))^2$, that is "
        "$(1 + r) - \\sqrt\\kappa(1 - r) \\ge 0$; with $s = \\sqrt\\kappa$ this factors, so "
        "$r \\ge (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$ for every real $(\\alpha, \\beta, "
        "\\gamma)$ (a radius $\\ge 1$ is above the bound anyway).",
        is_zero((1 + _r) - s * (1 - _r) - (1 + s) * (_r - (s - 1) / (s + 1))),
        equation=f"(1 + r) - s(1 - r) = {tex(gap)} = {tex((1 + s) * (_r - (s - 1) / (s + 1)))}",
    )
    # Equality: every inequality above is tight.
    mu_, L_ = sp.symbols("mu_ L_", positive=True)
    dP = sp.expand(P.subs(lam, L_) - P.subs(lam, mu_))
    ends = {mu_: r"\mu", L_: "L"}
    proof.require(
        "Equality $r = (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1) < 1$ needs $\\alpha\\mu = "
        "(1 - r)^2$ and $\\alpha L = (1 + r)^2$, so both weighted terms vanish: a double root "
        "$r$ at $\\mu$ and $-r$ at $L$, with $P_\\mu = P_L = r^2$. As $\\alpha > 0$ and "
        "$L \\ne \\mu$, that forces $\\gamma = 0$.",
        is_zero(dP + alpha * g * (L_ - mu_)),
        equation=f"P_L - P_\\mu = {tex(sp.factor(dP), ends)}",
    )
    # At γ = 0 solve the double-root conditions for (α, β) with μ = 1, L = s².
    al, bt = sp.symbols("al bt", positive=True)
    r_star = (s - 1) / (s + 1)
    eqs = [
        sp.expand(T.subs({g: 0, alpha: al, beta: bt, lam: 1}) - 2 * r_star),
        sp.expand(T.subs({g: 0, alpha: al, beta: bt, lam: s**2}) + 2 * r_star),
    ]
    sol = sp.solve(eqs, [al, bt], dict=True)
    found = sp.Tuple(sol[0][al], sol[0][bt]) if len(sol) == 1 else sp.Tuple(*sol)
    proof.require(
        "At $\\gamma = 0$ with $\\mu = 1$, $L = \\kappa = s^2$, the conditions $T_\\mu = 2r$, "
        "$T_L = -2r$ have one solution: heavy ball's tuning, the only minimiser.",
        len(sol) == 1
        and is_zero(sol[0][al] - 4 / (1 + s) ** 2)
        and is_zero(sol[0][bt] - r_star**2),
        equation=f"(\\alpha, \\beta) = {tex(sp.Tuple(*(sp.factor(x) for x in found)))}",
    )
    hb = heavy_ball_tuning(sp.S.One, s**2)
    at_mu = p.subs(hb).subs(lam, 1)
    at_L = p.subs(hb).subs(lam, s**2)
    proof.require(
        "It attains the bound: at heavy ball's tuning the polynomial is a square at each end.",
        is_zero(at_mu - (sigma - r_star) ** 2) and is_zero(at_L - (sigma + r_star) ** 2),
        equation=f"p_\\mu = {tex(sp.factor(at_mu))}, \\qquad p_L = {tex(sp.factor(at_L))}",
    )
    require_ends_suffice(proof, radius_test=False)
    proof.step(
        "Hence heavy ball's worst case over $[\\mu, L]$ is exactly "
        "$(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$ (as claim HB-OPTIMAL-RATE finds directly), and "
        "every other $(\\alpha, \\beta, \\gamma)$, Nesterov's $\\gamma = \\beta > 0$ included, is "
        "slower: the statement.",
        equation=f"\\min_{{\\alpha, \\beta, \\gamma}} \\max_{{[\\mu, L]}} \\rho = {tex(r_star)}, "
        "\\qquad s = \\sqrt\\kappa",
    )
    proof.note = (
        "Exact: the lower bound uses only λ = μ and λ = L (p(1) = αλ and the radius test); "
        "the equality case pins γ = 0 and heavy ball's (α, β)."
    )
    return proof
