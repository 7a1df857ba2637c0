"""Robust momentum: a one-parameter bridge between triple momentum and gradient descent.

Cyrus, Hu, Van Scoy & Lessard (2018) run the two-step form of
:mod:`momentum_proofs.two_step`, w⁺ = w + β(w − w⁻) − α∇f(y) with y = w + γ(w − w⁻),
with a robustness parameter ρ ∈ [1 − 1/√κ, 1 − 1/κ] (κ = L/μ > 1) and

    α = κ(1 − ρ)²(1 + ρ)/L,   β = κρ³/(κ − 1),   γ = ρ³/((κ − 1)(1 − ρ)²(1 + ρ)).

From the characteristic polynomial the method engine derives we prove:

- ``RM-RATE``: at λ = μ the roots are ρ and ρ², at λ = L they are 0 and
  1 − κ(1 − ρ)²(1 + ρ); in fact the tuning is the only (α, β, γ) with these roots at μ
  and a root 0 at L.  The worst spectral radius over [μ, L] is
  max(ρ, |1 − κ(1 − ρ)²(1 + ρ)|) for every ρ in (0, 1); it equals ρ exactly when
  1 − 1/√κ ≤ ρ ≤ √(1 − 1/κ), a range that contains the published one.
- ``RM-EXTREMES``: at ρ = 1 − 1/√κ the parameters are triple momentum's.  At
  ρ = 1 − 1/κ, β = ρ², α(1 + γ) = 1/L and γ/(1 + γ) = β, so the gradient point y is
  *exactly* gradient descent with step 1/L, y⁺ = y − ∇f(y)/L, on any f, and w is an
  exponential average of the y's, w⁺ = (1 − ρ²)y⁺ + ρ²w.  On quadratics the worst rate
  is then 1 − 1/κ: gradient descent's rate with step 1/L, which is slower than gradient
  descent's minimax (κ − 1)/(κ + 1).  So the extremes have rates 1 − 1/√κ and 1 − 1/κ.

Source: S. Cyrus, B. Hu, B. Van Scoy, L. Lessard, "A Robust Accelerated Optimization
Algorithm for Strongly Convex Functions", American Control Conference 2018,
https://arxiv.org/abs/1710.04753.
"""

from __future__ import annotations

import functools

import sympy as sp

from . import methods, two_step
from . import triple_momentum as tm
from ._registry import Citation, claim
from ._tex import reduced, tex
from .proof import Proof, differs_at, is_zero
from .symbols import L, alpha, beta, kappa, lam, mu, s, sigma

#: The arbitrary gradient map as the docs show it.
_GRAD = sp.Function(r"\nabla f")

# The method as data: the two-step family's spec (read by momentum_proofs.methods); the
# method is its published tuning.
SPEC = two_step.SPEC


CYRUS2018 = Citation(
    "cyrus2018",
    "S. Cyrus, B. Hu, B. Van Scoy, L. Lessard",
    "A Robust Accelerated Optimization Algorithm for Strongly Convex Functions",
    "American Control Conference (ACC)",
    2018,
    "https://arxiv.org/abs/1710.04753",
)

_rho = sp.Symbol("rho", positive=True)
_w, _d = sp.symbols("w d", real=True)  # w_k and w_k − w_{k−1}
_grad = sp.Function("g")  # an arbitrary gradient map


def rho_range(mu: sp.Expr, L: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """The published range [1 − 1/√κ, 1 − 1/κ] of the robustness parameter.

    >>> print(rho_range(1, 4))
    (1/2, 3/4)
    """
    kap = sp.sympify(L) / mu
    return 1 - 1 / sp.sqrt(kap), 1 - 1 / kap


def published_tuning(mu: sp.Expr, L: sp.Expr, **extra: sp.Expr) -> dict[str, sp.Expr]:
    """Robust momentum's published (α, β, γ) for eigenvalues in [μ, L] and robustness ρ.

    α = κ(1 − ρ)²(1 + ρ)/L, β = κρ³/(κ − 1), γ = ρ³/((κ − 1)(1 − ρ)²(1 + ρ)), κ = L/μ.
    ``RM-RATE`` derives them from the roots they place.

    Parameters
    ----------
    mu, L : sympy.Expr or float
        The ends of the spectrum, 0 < μ < L (κ = 1 would divide by zero).
    rho : sympy.Expr or float
        The robustness parameter, a required keyword; when μ, L and ρ are all numbers it must lie in
        [1 − 1/√κ, 1 − 1/κ] (checked exactly for rationals, to 8 ulps for floats).

    Examples
    --------
    κ = 4, ρ = 3/4 (the gradient-descent end):

    >>> t = published_tuning(1, 4, rho=sp.Rational(3, 4))
    >>> print(t["alpha"], t["beta"], t["gamma"])
    7/64 9/16 9/7
    """
    unknown = sorted(set(extra) - {"rho"})
    if unknown or "rho" not in extra:
        raise TypeError(
            f"robust momentum takes exactly one extra keyword, rho; got {sorted(extra)}"
        )
    r = sp.sympify(extra["rho"])
    mu_, L_ = sp.sympify(mu), sp.sympify(L)
    kap = L_ / mu_
    if all(x.is_number for x in (mu_, L_, r)):
        if not (mu_ > 0 and L_ > mu_):
            raise ValueError(f"robust momentum needs 0 < mu < L; got mu={mu}, L={L}")
        low, high = rho_range(mu_, L_)
        # Float inputs carry rounding: let an end computed elsewhere in float64 through.
        exact = all(x.is_Rational or x.is_Integer for x in (mu_, L_, r))
        slack = 0 if exact else 8 * sp.Float(2.0**-52)
        if not (low - slack <= r <= high + slack):
            raise ValueError(f"rho must lie in [1 - 1/sqrt(kappa), 1 - 1/kappa] = [{low}, {high}]")
    return {
        "alpha": kap * (1 - r) ** 2 * (1 + r) / L_,
        "beta": kap * r**3 / (kap - 1),
        "gamma": r**3 / ((kap - 1) * (1 - r) ** 2 * (1 + r)),
    }


def _tuned(r: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
    """The published tuning with μ = 1, L = κ (symbol), keyed by the engine's symbols."""
    t = published_tuning(mu, L, rho=r)
    back = {mu: 1, L: kappa}
    return {
        alpha: sp.cancel(t["alpha"].subs(back)),
        beta: sp.cancel(t["beta"].subs(back)),
        two_step.gamma_symbol(): sp.cancel(t["gamma"].subs(back)),
    }


@functools.cache
def characteristic_polynomial() -> sp.Expr:
    """The engine's det(σI − R) of the built-in ``robust_momentum``.

    >>> print(characteristic_polynomial() == two_step.characteristic_polynomial())
    True
    """
    return methods.get("robust_momentum").characteristic_polynomial()


@functools.cache
def end_polynomials() -> tuple[sp.Expr, sp.Expr]:
    """det(σI − R) at the published tuning at λ = μ = 1 and λ = L = κ, in ρ and κ.

    >>> p_mu, p_L = end_polynomials()
    >>> print(sp.factor(p_L.subs({kappa: 4, _rho: sp.Rational(1, 2)})))
    sigma*(2*sigma + 1)/2
    """
    p = characteristic_polynomial().subs(_tuned(_rho))
    return sp.expand(sp.cancel(p.subs(lam, 1))), sp.expand(sp.cancel(p.subs(lam, kappa)))


@functools.cache
def derived_tuning() -> dict[str, sp.Expr]:
    """(α, β, γ) from roots {ρ, ρ²} at λ = μ and a root 0 at λ = L (μ = 1, L = κ).

    The three conditions P_L = 0, P_μ = ρ³, T_μ = ρ + ρ² are linear in (αL, β, αγL).

    >>> d = derived_tuning()
    >>> print(sp.factor(d["beta"]))
    kappa*rho**3/(kappa - 1)
    """
    g = two_step.gamma_symbol()
    T, P = two_step.trace_and_product()
    A, G, b = sp.symbols("A G b")

    def at(expr: sp.Expr, x: sp.Expr) -> sp.Expr:  # x = λ/L
        return sp.expand(expr.subs({g: G / A}).subs({alpha: A / kappa, beta: b, lam: x * kappa}))

    eqs = [at(P, 1), at(P, 1 / kappa) - _rho**3, at(T, 1 / kappa) - (_rho + _rho**2)]
    (sol,) = sp.solve(eqs, [A, b, G], dict=True)
    return {
        "alpha": sp.factor(sol[A] / kappa),
        "beta": sp.factor(sol[b]),
        "gamma": sp.factor(sol[G] / sol[A]),
    }


_SECTION_RATE = "Theorem 1 (the rate ρ) and the parameter formulas"
_SECTION_EXTREMES = "The extremes of ρ: triple momentum and the gradient method"


@claim(
    "RM-RATE",
    title="Worst spectral radius on quadratics: max(ρ, |1 − κ(1 − ρ)²(1 + ρ)|), = ρ on the range",
    cite=CYRUS2018,
    section=_SECTION_RATE,
    statement=r"For $\kappa=L/\mu>1$, $0<\rho<1$: the roots are $\{\rho,\rho^2\}$ at $\lambda=\mu$ "
    r"and $\{0,\,1-\kappa(1-\rho)^2(1+\rho)\}$ at $\lambda=L$, and "
    r"$\max_{\lambda\in[\mu,L]}\rho(R(\lambda))=\max(\rho,|1-\kappa(1-\rho)^2(1+\rho)|)$, which "
    r"equals $\rho$ iff $1-1/\sqrt\kappa\le\rho\le\sqrt{1-1/\kappa}$, in particular on the "
    r"published range $[1-1/\sqrt\kappa,\,1-1/\kappa]$",
)
def prove_rate() -> Proof:
    """Prove robust momentum's worst spectral radius on quadratics, equal to ρ on the published range."""
    proof = Proof(True)
    r = _rho
    p_mu, p_L = end_polynomials()
    q = kappa * (1 - r) ** 2 * (1 + r)  # αL
    proof.require(
        "At the published tuning the characteristic polynomial has roots $\\rho, \\rho^2$ at "
        "$\\lambda = \\mu$, and $0$ and $1 - \\alpha L$ at $\\lambda = L$, with "
        "$\\alpha L = \\kappa(1 - \\rho)^2(1 + \\rho)$.",
        is_zero(p_mu - (sigma - r) * (sigma - r**2)) and is_zero(p_L - sigma * (sigma - (1 - q))),
        equation=f"p_\\mu = {tex(sp.factor(p_mu))}, \\qquad p_L = {tex(sp.factor(p_L))}",
    )
    d = derived_tuning()
    t = _tuned(r)
    gaps = sp.Tuple(
        *(reduced(d[k] - t[v]) for k, v in (("alpha", alpha), ("beta", beta))),
        reduced(d["gamma"] - t[two_step.gamma_symbol()]),
    )
    proof.require(
        "Conversely, roots $\\{\\rho, \\rho^2\\}$ at $\\mu$ and a root 0 at $L$ (three "
        "conditions, linear in $\\alpha L$, $\\beta$, $\\alpha\\gamma L$) give exactly the "
        "published $\\alpha, \\beta, \\gamma$.",
        all(is_zero(d[k] - t[v]) for k, v in (("alpha", alpha), ("beta", beta)))
        and is_zero(d["gamma"] - t[two_step.gamma_symbol()]),
        equation=f"(\\alpha, \\beta, \\gamma)_{{\\text{{derived}}}} - "
        f"(\\alpha, \\beta, \\gamma)_{{\\text{{published}}}} = {tex(gaps)}",
    )
    two_step.require_ends_suffice(proof)
    low = sp.factor(q - (1 - r))
    high = sp.factor((1 + r) - q)
    proof.require(
        "So the worst case is $\\max(\\rho, |1 - \\alpha L|)$ ($\\rho^2 < \\rho$). The root "
        "$1 - \\alpha L$ lies in $[-\\rho, \\rho]$ exactly when both differences below are "
        "$\\ge 0$: $\\rho \\le \\sqrt{1 - 1/\\kappa}$ and $\\rho \\ge 1 - 1/\\sqrt\\kappa$.",
        is_zero(q - (1 - r) - (1 - r) * (kappa * (1 - r**2) - 1))
        and is_zero((1 + r) - q - (1 + r) * (1 - kappa * (1 - r) ** 2)),
        equation=f"\\alpha L - (1 - \\rho) = {tex(low)}, \\qquad (1 + \\rho) - \\alpha L = {tex(high)}",
    )
    x = sp.Symbol("x", positive=True)  # x = 1 − ρ ∈ [1/κ, 1/√κ] on the published range
    proof.require(
        "On the published range $x = 1 - \\rho \\in [1/\\kappa, 1/\\sqrt\\kappa]$ both hold: "
        "each factor below is $\\ge 0$ there, and the range is not empty.",
        is_zero(kappa * (1 - (1 - x) ** 2) - 1 - ((kappa * x - 1) * (2 - x) + (1 - x)))
        and is_zero((1 - s**2 * x**2) - (1 - s * x) * (1 + s * x))
        and is_zero((1 - 1 / s**2) - (1 - 1 / s) - (s - 1) / s**2),
        equation=f"\\kappa(1 - \\rho^2) - 1 = {tex((kappa * x - 1) * (2 - x) + (1 - x))}, \\quad "
        f"1 - \\kappa x^2 = {tex(sp.factor(1 - s**2 * x**2))}, \\quad "
        f"\\Big(1 - \\frac{{1}}{{\\kappa}}\\Big) - \\Big(1 - \\frac{{1}}{{\\sqrt\\kappa}}\\Big) = "
        f"{tex(sp.factor((1 - 1 / s**2) - (1 - 1 / s)))}",
    )
    beyond = (1 - q).subs({kappa: 4, r: sp.Rational(4, 5)})
    proof.require(
        "Hence the worst case on quadratics is exactly $\\rho$ on the published range, the "
        "statement, attained at $\\lambda = \\mu$ (and at $L$ only for triple momentum's "
        "$\\rho = 1 - 1/\\sqrt\\kappa$). Above the range it is still $\\rho$ up to "
        "$\\sqrt{1 - 1/\\kappa}$: at $\\kappa = 4$, $\\rho = 4/5$ the root $1 - \\alpha L$ lies "
        "inside $[-\\rho, \\rho]$.",
        beyond == sp.Rational(89, 125) and abs(beyond) <= sp.Rational(4, 5),
        equation=f"1 - \\alpha L\\big|_{{\\kappa = 4,\\ \\rho = 4/5}} = {tex(beyond)}",
    )
    proof.note = (
        "Exact. Theorem 1 of the paper bounds the rate by ρ on all strongly convex functions; on "
        "quadratics the worst case is exactly ρ over the whole published range, attained at μ."
    )
    return proof


@claim(
    "RM-EXTREMES",
    uses=("GD-OPTIMAL", "TM-RATE"),
    title="ρ = 1 − 1/√κ is triple momentum; ρ = 1 − 1/κ is gradient descent with step 1/L",
    cite=CYRUS2018,
    section=_SECTION_EXTREMES,
    statement=r"At $\rho=1-1/\sqrt\kappa$: $(\alpha,\beta,\gamma)$ are triple momentum's, worst "
    r"rate $1-1/\sqrt\kappa$.  At $\rho=1-1/\kappa$: $\beta=\rho^2$, $\alpha(1+\gamma)=1/L$, "
    r"$\gamma/(1+\gamma)=\beta$, so $y_k=w_k+\gamma(w_k-w_{k-1})$ satisfies "
    r"$y_{k+1}=y_k-\nabla f(y_k)/L$ for every $f$ ($y_0=w_0$), "
    r"$w_{k+1}=(1-\rho^2)y_{k+1}+\rho^2w_k$, and on quadratics "
    r"$\det(\sigma I-R)=(\sigma-\rho^2)(\sigma-(1-\lambda/L))$: worst rate $1-1/\kappa$ "
    r"(gradient descent with step $1/L$), not gradient descent's minimax "
    r"$(\kappa-1)/(\kappa+1)$",
)
def prove_extremes() -> Proof:
    """Prove that robust momentum is triple momentum at ρ = 1 − 1/√κ and gradient descent at ρ = 1 − 1/κ."""
    proof = Proof(True)
    g = two_step.gamma_symbol()
    # Triple-momentum end: κ = s², ρ = 1 − 1/s.
    rm_tm = published_tuning(mu, L, rho=1 - 1 / s)
    tm_pub = tm.published_tuning(mu, L)
    back = {mu: 1, L: s**2}
    tm_gaps = sp.Tuple(
        *(sp.cancel(rm_tm[k].subs(back) - tm_pub[k].subs(back)) for k in ("alpha", "beta", "gamma"))
    )
    proof.require(
        "At $\\rho = 1 - 1/\\sqrt\\kappa$ (with $\\mu = 1$, $L = \\kappa = s^2$) the tuning is "
        "triple momentum's published one, so its worst rate on quadratics is "
        "$1 - 1/\\sqrt\\kappa$ (claim TM-RATE).",
        all(
            is_zero(sp.cancel(rm_tm[k].subs(back) - tm_pub[k].subs(back)))
            for k in ("alpha", "beta", "gamma")
        ),
        equation=f"(\\alpha, \\beta, \\gamma)_{{\\text{{RM}}}} - (\\alpha, \\beta, \\gamma)_{{\\text{{TM}}}}"
        f" = {tex(tm_gaps)}",
    )
    # Gradient-descent end: κ symbol, ρ = 1 − 1/κ.
    r = 1 - 1 / kappa
    t = _tuned(r)
    a_, b_, g_ = t[alpha], t[beta], t[g]
    proof.require(
        "At $\\rho = 1 - 1/\\kappa$ ($\\mu = 1$, $L = \\kappa$) the tuning satisfies "
        "$\\beta = \\rho^2$, $\\alpha(1 + \\gamma) = 1/L$ and $(1 + \\gamma)\\beta - \\gamma = 0$.",
        is_zero(b_ - r**2) and is_zero(a_ * (1 + g_) - 1 / kappa) and is_zero((1 + g_) * b_ - g_),
        equation=f"(\\alpha, \\beta, \\gamma) = {tex(sp.Tuple(a_, b_, g_))}, \\quad "
        f"\\beta - \\rho^2 = {tex(reduced(b_ - r**2))}, \\quad "
        f"\\alpha(1 + \\gamma) - \\tfrac{{1}}{{L}} = {tex(reduced(a_ * (1 + g_) - 1 / kappa))}, \\quad "
        f"(1 + \\gamma)\\beta - \\gamma = {tex(reduced((1 + g_) * b_ - g_))}",
    )
    # One step with an arbitrary gradient map: w⁺ = w + βd − αg(y), y = w + γd, d = w − w⁻.
    y = _w + g * _d
    w_next = _w + beta * _d - alpha * _grad(y)
    y_next = w_next + g * (w_next - _w)
    residual = sp.expand(y_next - (y - _grad(y) / L))
    shown = {_w: "w^k", _d: "d^k"}
    combination = ((1 + g) * beta - g) * _d - ((1 + g) * alpha - 1 / L) * _grad(y)
    grad_shown = combination.replace(_grad, _GRAD)
    proof.require(
        "For any $f$, one step from $w^k$ with $d^k = w^k - w^{k-1}$ and $y = w^k + \\gamma d^k$: "
        "the next gradient point minus a gradient step from $y$ weighs $d^k$ and "
        "$\\nabla f(y)$ by the two quantities just checked.",
        is_zero(residual - combination),
        equation=f"y^{{k+1}} - \\Big(y - \\frac{{\\nabla f(y)}}{{L}}\\Big) = {tex(grad_shown, shown)}",
    )
    at_end = residual.subs({alpha: a_, beta: b_, g: g_, L: kappa})
    average = sp.expand(w_next - ((1 - beta) * y_next + beta * _w))
    proof.require(
        "At $\\rho = 1 - 1/\\kappa$ it vanishes: $y^{k+1} = y^k - \\nabla f(y^k)/L$ for every $k$ "
        "($y^0 = w^0$, the method starts at rest), and $w^{k+1} = (1 - \\beta)y^{k+1} + "
        "\\beta w^k$ is an exponential average of those gradient-descent points.",
        is_zero(at_end)
        and is_zero(average.subs({alpha: a_, beta: b_, g: g_, L: kappa}))
        and is_zero((1 - b_) * (1 + g_) - 1),
        equation=f"\\text{{residue}}\\big|_{{\\rho = 1 - 1/\\kappa}} = {tex(reduced(at_end))}, \\qquad "
        f"w^{{k+1}} - \\big((1 - \\beta)y^{{k+1}} + \\beta w^k\\big) = "
        f"{tex(reduced(average.subs({alpha: a_, beta: b_, g: g_, L: kappa})))}",
    )
    p = characteristic_polynomial().subs(t)
    proof.require(
        "On quadratics the characteristic polynomial factors for every $\\lambda$, so "
        "$\\rho(\\lambda) = \\max(\\rho^2, 1 - \\lambda/L)$ and the worst case over $[\\mu, L]$ "
        "is $1 - 1/\\kappa = \\rho$ (as $\\rho - \\rho^2 = \\rho/\\kappa \\ge 0$).",
        is_zero(p - (sigma - r**2) * (sigma - (1 - lam / kappa))) and is_zero(r - r**2 - r / kappa),
        equation=f"\\det(\\sigma I - R) = {tex(sp.factor(p))}",
    )
    gd_minimax = (kappa - 1) / (kappa + 1)
    proof.require(
        "Hence the extremes are triple momentum and gradient descent with step $1/L$, the "
        "statement; the latter is slower than gradient descent's minimax "
        "$(\\kappa - 1)/(\\kappa + 1)$ (claim GD-OPTIMAL), e.g. $3/4$ against $3/5$ at "
        "$\\kappa = 4$.",
        is_zero(r - gd_minimax - (kappa - 1) / (kappa * (kappa + 1)))
        and differs_at(r, gd_minimax, {kappa: 4})
        and r.subs(kappa, 4) == sp.Rational(3, 4),
        equation=f"\\Big(1 - \\frac{{1}}{{\\kappa}}\\Big) - \\frac{{\\kappa - 1}}{{\\kappa + 1}} = "
        f"{tex(sp.factor(r - gd_minimax))} > 0",
    )
    proof.note = (
        "Exact. The iterate w itself is not gradient descent (its first step uses α, not 1/L); "
        "the gradient point y is, exactly and for every f."
    )
    return proof
