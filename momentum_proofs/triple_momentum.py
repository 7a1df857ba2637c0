"""Triple momentum: its tuning as a root placement, and its rate on quadratics.

Van Scoy, Freeman & Lynch (2018) iterate ξ⁺ = (1 + β)ξ − βξ⁻ − α∇f(y) with the gradient
taken at y = (1 + γ)ξ − γξ⁻ and report x = (1 + δ)ξ − δξ⁻.  In the two-step form of
:mod:`momentum_proofs.two_step` the ξ sequence is the iterate w (x is a fixed
combination of two consecutive ξ, so it has the same modes and the same rate).  With
κ = L/μ and ρ = 1 − 1/√κ the published parameters are

    α = (1 + ρ)/L,   β = ρ²/(2 − ρ),   γ = ρ²/((1 + ρ)(2 − ρ))   (and δ = ρ²/(1 − ρ²)).

On a quadratic with eigenvalues in [μ, L] we prove, from the characteristic polynomial
that the method engine derives:

- ``TM-FACTOR``: at λ = μ the polynomial is (σ − ρ)(σ − ρ²) and at λ = L it is
  σ(σ + ρ); conversely, asking for exactly these roots at the two ends determines
  (α, β, γ) and ρ = 1 − 1/√κ (κ > 1), so the published tuning is derived here, not
  copied.
- ``TM-RATE``: the spectral radius is at most ρ for every λ in [μ, L], with equality at
  both ends.  On quadratics that is the rate of Nesterov's textbook tuning and slower
  than heavy ball's (√κ − 1)/(√κ + 1); the method's point is that the same ρ holds for
  every μ-strongly convex, L-smooth function, which quadratics cannot show.

Source: B. Van Scoy, R. A. Freeman, K. M. Lynch, "The Fastest Known Globally Convergent
First-Order Method for Minimizing Strongly Convex Functions", IEEE Control Systems
Letters 2(1):49–54, 2018, https://doi.org/10.1109/LCSYS.2017.2722406.
"""

from __future__ import annotations

import functools

import sympy as sp

from . import two_step
from ._registry import Citation, claim
from ._tex import reduced, tex
from .proof import Proof, differs_at, is_zero
from .symbols import L, alpha, beta, lam, mu, s, sigma

# The method as data: the two-step family's spec (read by momentum_proofs.methods); the
# method is its published tuning.
SPEC = two_step.SPEC


VANSCOY2018 = Citation(
    "vanscoy2018",
    "B. Van Scoy, R. A. Freeman, K. M. Lynch",
    "The Fastest Known Globally Convergent First-Order Method for Minimizing Strongly "
    "Convex Functions",
    "IEEE Control Systems Letters 2(1):49–54",
    2018,
    "https://doi.org/10.1109/LCSYS.2017.2722406",
)

_SECTION = "The triple momentum method: parameters and convergence rate"
_rho = sp.Symbol("rho", positive=True)


def rate(mu: sp.Expr, L: sp.Expr) -> sp.Expr:
    """The design rate ρ = 1 − 1/√κ, κ = L/μ.

    >>> print(rate(1, 4), rate(1, 100))
    1/2 9/10
    """
    return 1 - 1 / sp.sqrt(sp.sympify(L) / mu)


def published_tuning(mu: sp.Expr, L: sp.Expr, **extra: object) -> dict[str, sp.Expr]:
    """Triple momentum's published (α, β, γ) for eigenvalues in [μ, L].

    With ρ = 1 − 1/√κ: α = (1 + ρ)/L, β = ρ²/(2 − ρ), γ = ρ²/((1 + ρ)(2 − ρ)).  The keys
    are the engine's parameter names of the built-in ``triple_momentum``.  ``TM-FACTOR``
    proves these are the only values with roots {ρ, ρ²} at μ and {0, −ρ} at L.

    Parameters
    ----------
    mu, L : sympy.Expr or float
        The ends of the spectrum, 0 < μ ≤ L (sympy expressions or plain numbers).
    **extra
        None accepted (the method has no further parameter).

    Examples
    --------
    κ = 4 gives ρ = 1/2:

    >>> t = published_tuning(1, 4)
    >>> print(t["alpha"], t["beta"], t["gamma"])
    3/8 1/6 1/9
    """
    if extra:
        raise TypeError(f"triple momentum takes no parameter besides mu, L; got {sorted(extra)}")
    r = rate(mu, L)
    return {
        "alpha": (1 + r) / L,
        "beta": r**2 / (2 - r),
        "gamma": r**2 / ((1 + r) * (2 - r)),
    }


def _params(mu_: sp.Expr, L_: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
    """The published tuning keyed by the engine's symbols."""
    t = published_tuning(mu_, L_)
    return {alpha: t["alpha"], beta: t["beta"], two_step.gamma_symbol(): t["gamma"]}


def _in_s(expr: sp.Expr) -> sp.Expr:
    """μ = 1, L = s² (s = √κ > 0): ρ depends on αλ and λ/L only, so no generality is lost."""
    return sp.cancel(sp.sympify(expr).subs({mu: 1, L: s**2}))


@functools.cache
def end_polynomials() -> tuple[sp.Expr, sp.Expr]:
    """The engine's polynomial at the published tuning at λ = μ and λ = L (μ = 1, L = s²).

    >>> p_mu, p_L = end_polynomials()
    >>> print(sp.factor(p_L))
    sigma*(s*sigma + s - 1)/s
    """
    p = two_step.characteristic_polynomial()
    tuned = {k: _in_s(v) for k, v in _params(mu, L).items()}
    return (
        sp.expand(sp.cancel(p.subs(tuned).subs(lam, 1))),
        sp.expand(sp.cancel(p.subs(tuned).subs(lam, s**2))),
    )


@functools.cache
def derived_tuning() -> dict[str, sp.Expr]:
    """(α, β, γ, ρ) from the root placement {ρ, ρ²} at λ = μ, {0, −ρ} at λ = L (μ = 1, L = s²).

    The trace and product of the roots are affine in λ; with A = αL, G = αγL they are
    linear in (A, β, G), so three of the four conditions give (A, β, G) in terms of ρ and
    the fourth is an equation for ρ, whose only root in [0, 1) is 1 − 1/s.

    >>> d = derived_tuning()
    >>> print(d["rho"], sp.factor(d["beta"]))
    (s - 1)/s (s - 1)**2/(s*(s + 1))
    """
    g = two_step.gamma_symbol()
    T, P = two_step.trace_and_product()
    A, G, b = sp.symbols("A G b")
    kap = s**2

    def at(expr: sp.Expr, x: sp.Expr) -> sp.Expr:  # x = λ/L, written with A, b, G
        return sp.expand(expr.subs({g: G / A}).subs({alpha: A / kap, beta: b, lam: x * kap}))

    linear = [at(P, 1), at(P, 1 / kap) - _rho**3, at(T, 1 / kap) - (_rho + _rho**2)]
    (sol,) = sp.solve(linear, [A, b, G], dict=True)
    last = sp.factor(sp.numer(sp.together(at(T, 1).subs(sol) + _rho)))
    roots = sp.solve(last, _rho)
    # Keep the root in [0, 1): at s = 2 it must be 1/2 (the others are 3/2 and −1).
    chosen = [x for x in roots if 0 <= x.subs(s, 2) < 1]
    if len(chosen) != 1:
        raise RuntimeError(f"could not choose ρ among {roots}")
    r = sp.factor(chosen[0])
    a_L = sp.factor(sol[A].subs(_rho, r))
    return {
        "alpha": sp.factor(a_L / kap),
        "beta": sp.factor(sol[b].subs(_rho, r)),
        "gamma": sp.factor(sol[G].subs(_rho, r) / a_L),
        "rho": r,
        "condition": last,
    }


# --- claims --------------------------------------------------------------------------


@claim(
    "TM-FACTOR",
    title="At the published tuning the polynomial is (σ − ρ)(σ − ρ²) at μ and σ(σ + ρ) at L",
    cite=VANSCOY2018,
    section=_SECTION,
    statement=r"With $\kappa=L/\mu>1$, $\rho=1-1/\sqrt\kappa$, $\alpha=\frac{1+\rho}{L}$, "
    r"$\beta=\frac{\rho^2}{2-\rho}$, $\gamma=\frac{\rho^2}{(1+\rho)(2-\rho)}$: "
    r"$\det(\sigma I-R)=(\sigma-\rho)(\sigma-\rho^2)$ at $\lambda=\mu$ and "
    r"$\sigma(\sigma+\rho)$ at $\lambda=L$; these root placements determine "
    r"$(\alpha,\beta,\gamma)$ and $\rho$ uniquely",
)
def prove_factor() -> Proof:
    """Prove that the published tuning places the roots at ρ, ρ² (at μ) and 0, −ρ (at L)."""
    proof = Proof(True)
    rr = (s - 1) / s
    p_mu, p_L = end_polynomials()
    tuned = sp.Tuple(*(_in_s(v) for v in published_tuning(mu, L).values()))
    proof.step(
        "The rate depends on $\\alpha\\lambda$ and $\\lambda/L$ only, so take $\\mu = 1$, "
        "$L = s^2$ with $s = \\sqrt\\kappa$; then $\\rho = 1 - 1/s$ and the published tuning is",
        equation=f"(\\alpha, \\beta, \\gamma) = {tex(tuned)}",
    )
    proof.require(
        "Factor the characteristic polynomial at the two ends: roots $\\rho, \\rho^2$ at "
        "$\\lambda = \\mu$ and $0, -\\rho$ at $\\lambda = L$.",
        is_zero(p_mu - (sigma - rr) * (sigma - rr**2)) and is_zero(p_L - sigma * (sigma + rr)),
        equation=f"p_\\mu(\\sigma) = {tex(sp.factor(p_mu))}, \\qquad "
        f"p_L(\\sigma) = {tex(sp.factor(p_L))}",
    )
    d = derived_tuning()
    proof.require(
        "Conversely, impose roots $\\{\\rho, \\rho^2\\}$ at $\\mu$ and $\\{0, -\\rho\\}$ at $L$: "
        "$P_L = 0$, $P_\\mu = \\rho^3$, $T_\\mu = \\rho + \\rho^2$ are linear in "
        "$(\\alpha L, \\beta, \\alpha\\gamma L)$; the fourth condition, $T_L = -\\rho$, leaves an "
        "equation in $\\rho$ whose only root in $[0, 1)$ is $1 - 1/\\sqrt\\kappa$.",
        is_zero(d["rho"] - rr)
        and any(
            is_zero(d["condition"] - sign * (_rho + 1) * (s**2 * (1 - _rho) ** 2 - 1))
            for sign in (1, -1)
        ),
        equation=f"{tex(d['condition'])} = 0 \\quad\\Longrightarrow\\quad \\rho = {tex(d['rho'])}",
    )
    published = {k: _in_s(v) for k, v in published_tuning(mu, L).items()}
    diffs = sp.Tuple(*(reduced(d[k] - published[k]) for k in ("alpha", "beta", "gamma")))
    proof.require(
        "Hence the derived $(\\alpha, \\beta, \\gamma)$ are the published $\\alpha = (1 + \\rho)/L$, "
        "$\\beta = \\rho^2/(2 - \\rho)$, $\\gamma = \\rho^2/((1 + \\rho)(2 - \\rho))$, which place "
        "the roots as stated; $\\beta$ also has the robust-momentum form "
        "$\\kappa\\rho^3/(\\kappa - 1)$, and $\\gamma = \\beta/(\\alpha L)$, so $P_L = 0$.",
        all(is_zero(d[k] - published[k]) for k in ("alpha", "beta", "gamma"))
        and is_zero(published["beta"] - s**2 * rr**3 / (s**2 - 1))
        and is_zero(published["gamma"] - published["beta"] / (published["alpha"] * s**2)),
        equation=f"(\\alpha, \\beta, \\gamma)_{{\\text{{derived}}}} - "
        f"(\\alpha, \\beta, \\gamma)_{{\\text{{published}}}} = {tex(diffs)}",
    )
    proof.note = (
        "Exact. The paper's x = (1 + δ)ξ − δξ⁻ is not the engine's iterate; the claim is about "
        "ξ = w, whose modes x shares."
    )
    return proof


@claim(
    "TM-RATE",
    uses=("NAG-OPTIMAL", "TM-FACTOR", "TWO-MINIMAX"),
    title="On quadratics the spectral radius is at most ρ = 1 − 1/√κ on [μ, L], equal at both ends",
    cite=VANSCOY2018,
    section=_SECTION,
    statement=r"At the published tuning, for every $\lambda\in[\mu,L]$: "
    r"$\rho(R(\lambda))\le\rho=1-1/\sqrt\kappa$, with equality at $\lambda=\mu$ and "
    r"$\lambda=L$; so the worst case on quadratics is exactly $1-1/\sqrt\kappa$, above heavy "
    r"ball's $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$ by $\frac{\sqrt\kappa-1}{\sqrt\kappa(\sqrt\kappa+1)}$",
)
def prove_rate() -> Proof:
    """Prove that triple momentum's spectral radius on [μ, L] is at most 1 − 1/√κ, reached at both ends."""
    proof = Proof(True)
    rr = (s - 1) / s
    p_mu, p_L = end_polynomials()
    proof.require(
        "The ends factor as in claim TM-FACTOR: roots $\\rho, \\rho^2$ at $\\mu$ and $0, -\\rho$ "
        "at $L$. With $s = \\sqrt\\kappa \\ge 1$, $0 \\le \\rho < 1$ and $\\rho^2 \\le \\rho$, so "
        "both ends have radius $\\rho$.",
        is_zero(p_mu - (sigma - rr) * (sigma - rr**2))
        and is_zero(p_L - sigma * (sigma + rr))
        and is_zero(1 - rr - 1 / s)
        and is_zero(rr - rr**2 - rr * (1 - rr)),
        equation=f"p_\\mu = {tex(sp.factor(p_mu))}, \\quad p_L = {tex(sp.factor(p_L))}, \\quad "
        f"1 - \\rho = {tex(sp.factor(1 - rr))}",
    )
    # The radius test at r = ρ at both ends, written out: every quantity is a product of
    # non-negative factors.
    P_mu = p_mu.subs(sigma, 0)
    P_L = p_L.subs(sigma, 0)
    _r = sp.Symbol("rho")  # the displays are in ρ
    back = {s: 1 / (1 - _r)}
    quantities_mu = [p_mu.subs(sigma, rr), p_mu.subs(sigma, -rr), rr**2 - P_mu, rr**2 + P_mu]
    quantities_L = [p_L.subs(sigma, rr), p_L.subs(sigma, -rr), rr**2 - P_L, rr**2 + P_L]
    proof.require(
        "The radius test at $r = \\rho$: at $\\lambda = \\mu$ the four quantities "
        "$p(\\rho), p(-\\rho), \\rho^2 - P, \\rho^2 + P$ are products of nonnegative factors.",
        is_zero(p_mu.subs(sigma, rr))
        and is_zero(p_mu.subs(sigma, -rr) - 2 * rr**2 * (1 + rr))
        and is_zero(rr**2 - P_mu - rr**2 * (1 - rr))
        and is_zero(rr**2 + P_mu - rr**2 * (1 + rr)),
        equation=f"\\big(p(\\rho), p(-\\rho), \\rho^2 - P, \\rho^2 + P\\big)_{{\\lambda = \\mu}} = "
        f"{tex(sp.Tuple(*(sp.factor(sp.simplify(q.subs(back))) for q in quantities_mu)))}",
    )
    proof.require(
        "At $\\lambda = L$ likewise.",
        is_zero(p_L.subs(sigma, rr) - 2 * rr**2) and is_zero(p_L.subs(sigma, -rr)) and is_zero(P_L),
        equation=f"\\big(p(\\rho), p(-\\rho), \\rho^2 - P, \\rho^2 + P\\big)_{{\\lambda = L}} = "
        f"{tex(sp.Tuple(*(sp.factor(sp.simplify(q.subs(back))) for q in quantities_L)))}",
    )
    two_step.require_ends_suffice(proof)
    proof.step(
        "So $\\rho(\\lambda) \\le \\rho$ on $[\\mu, L]$, with equality at both ends: the worst "
        "case is $\\rho$.",
        equation=f"\\max_{{[\\mu, L]}} \\rho(\\lambda) = {tex(rr)} = 1 - \\frac{{1}}{{\\sqrt\\kappa}}",
    )
    hb = (s - 1) / (s + 1)
    gap = sp.factor(rr - hb)
    proof.require(
        "Against heavy ball's optimum (claim TWO-MINIMAX) it is slower for $\\kappa > 1$; at "
        "$\\kappa = 4$ the two rates are $1/2$ and $1/3$.",
        is_zero(gap - (s - 1) / (s * (s + 1)))
        and differs_at(rr, hb, {s: 2})
        and rr.subs(s, 2) == sp.Rational(1, 2),
        equation=f"\\rho - \\frac{{s - 1}}{{s + 1}} = {tex(gap)} > 0, \\qquad "
        f"\\kappa = 4: {tex(rr.subs(s, 2))} \\ne {tex(hb.subs(s, 2))}",
    )
    proof.require(
        "Hence the worst case on quadratics is $1 - 1/\\sqrt\\kappa$, the statement; it is no "
        "faster than Nesterov's minimax $1 - 2/\\sqrt{3\\kappa + 1}$ (claim NAG-OPTIMAL), as "
        "$2/\\sqrt{3\\kappa + 1} \\ge 1/\\sqrt\\kappa$.",
        is_zero(4 * s**2 - (3 * s**2 + 1) - (s - 1) * (s + 1)),
        equation=f"4\\kappa - (3\\kappa + 1) = {tex(sp.factor(4 * s**2 - (3 * s**2 + 1)))} \\ge 0",
    )
    proof.note = (
        "Exact. On quadratics triple momentum's worst case equals that of Nesterov's textbook "
        "tuning (α = 1/L, β = (√κ − 1)/(√κ + 1)); its advantage is the guarantee on all "
        "strongly convex functions, which this claim does not address."
    )
    return proof
