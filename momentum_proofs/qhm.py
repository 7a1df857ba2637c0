"""Quasi-hyperbolic momentum (QHM): its two limits and its stability region on quadratics.

Ma & Yarats (2019) keep a normalised momentum buffer and step along a weighted
average of it and the plain gradient:

    g⁺ = βg + (1 − β)∇f(w),   w⁺ = w − α((1 − ν)∇f(w) + νg⁺),   g⁰ = 0.

We prove, on the method engine's derivation of the built-in ``qhm``:

- ``QHM-LIMITS``: at ν = 1 the iterates are exactly heavy ball's (Distill form
  z⁺ = βz + ∇f(w), w⁺ = w − α′z⁺) with step α′ = α(1 − β) and the same β (the
  buffers are related by g = (1 − β)z), for every differentiable f and every k; at ν = 0
  they are gradient descent's, w⁺ = w − α∇f(w), whatever the buffer does.
- ``QHM-STABILITY``: on f = ½λw² with α, λ > 0, 0 ≤ β < 1 and 0 ≤ ν ≤ 1 the
  iteration converges (spectral radius < 1) if and only if
  αλ < 2(1 + β)/(1 + β − 2βν).  At ν = 1 this is heavy ball's α′λ < 2 + 2β with
  α′ = α(1 − β), at ν = 0 gradient descent's αλ < 2, and the bound grows with ν.

The paper gives no tuning as a function of μ and L; :func:`published_tuning` returns
its rule of thumb ν = 0.7, β = 0.999 and leaves α to the user.

Source: J. Ma, D. Yarats, "Quasi-hyperbolic momentum and Adam for deep learning",
ICLR 2019, https://arxiv.org/abs/1810.06801.
"""

from __future__ import annotations

import functools

import sympy as sp

from . import methods
from ._registry import Citation, claim
from ._tex import reduced, tex
from .proof import Proof, is_zero
from .symbols import alpha, beta, lam, sigma

# The method as data (read by momentum_proofs.methods).
SPEC = {
    "parameters": ["alpha", "beta", "nu"],
    "state": ["g", "w"],
    "iterate": "w",
    "update": {"g": "beta*g + (1 - beta)*grad(w)", "w": "w - alpha*((1 - nu)*grad(w) + nu*g_next)"},
    "domain": {"nu": "[0, 1]"},
}


MA2019 = Citation(
    "ma2019",
    "J. Ma, D. Yarats",
    "Quasi-hyperbolic momentum and Adam for deep learning",
    "International Conference on Learning Representations (ICLR)",
    2019,
    "https://arxiv.org/abs/1810.06801",
)

_SECTION = "The QHM algorithm and the algorithms it recovers"
_grad = sp.Function("g")  # an arbitrary gradient map
_w, _z = sp.symbols("w z", real=True)
#: The arbitrary gradient map as the docs show it.
_GRAD = sp.Function(r"\nabla f")
_e = sp.Symbol("e", positive=True)


def nu_symbol() -> sp.Symbol:
    """The engine's ν of the built-in ``qhm`` (a positive symbol).

    >>> print(nu_symbol())
    nu
    """
    (nu,) = [p for p in methods.get("qhm").spec.parameters if p.name == "nu"]
    return nu


def published_tuning(mu: object = None, L: object = None, **extra: object) -> dict[str, sp.Expr]:
    """The paper's rule-of-thumb ν = 0.7, β = 0.999; α is left to the user.

    QHM has no published tuning as a function of μ and L, so ``mu`` and ``L`` are
    accepted for a uniform interface and ignored; the dict has no ``alpha`` key.

    Parameters
    ----------
    mu, L : object, optional
        Ignored.
    **extra
        None accepted.

    Examples
    --------
    >>> t = published_tuning(1, 100)
    >>> print(t["nu"], t["beta"], "alpha" in t)
    7/10 999/1000 False
    """
    if extra:
        raise TypeError(f"qhm's published tuning takes no extra parameter; got {sorted(extra)}")
    return {"nu": sp.Rational(7, 10), "beta": sp.Rational(999, 1000)}


def qhm_step(w: sp.Expr, g: sp.Expr, nu: sp.Expr, grad=_grad) -> tuple[sp.Expr, sp.Expr]:
    """One QHM step (w, g) ↦ (w⁺, g⁺) with an arbitrary gradient map.

    >>> w, g = sp.symbols("w g")
    >>> w1, g1 = qhm_step(w, g, 0, grad=lambda x: x)
    >>> print(sp.expand(w1 - (w - alpha * w)))
    0
    """
    g_next = beta * g + (1 - beta) * grad(w)
    return w - alpha * ((1 - nu) * grad(w) + nu * g_next), g_next


@functools.cache
def coefficients() -> tuple[sp.Expr, sp.Expr]:
    """(c₁, c₀) of the engine's det(σI − R) = σ² + c₁σ + c₀.

    >>> c1, c0 = coefficients()
    >>> print(sp.factor(c0))
    beta*(alpha*lam*nu - alpha*lam + 1)
    """
    poly = sp.Poly(methods.get("qhm").characteristic_polynomial(), sigma)
    if poly.degree() != 2 or poly.LC() != 1:
        raise RuntimeError("qhm should have a monic quadratic characteristic polynomial")
    _, c1, c0 = poly.all_coeffs()
    return sp.expand(c1), sp.expand(c0)


@functools.cache
def stability_bound() -> sp.Expr:
    """The derived upper end of the stability interval in αλ: 2(1 + β)/(1 + β − 2βν).

    Solved from p(−1) = 1 − c₁ + c₀ = 0 for αλ.

    >>> print(stability_bound().subs({nu_symbol(): 1, beta: sp.Rational(1, 2)}))
    6
    """
    c1, c0 = coefficients()
    q = sp.Symbol("q", positive=True)
    (sol,) = sp.solve(sp.expand(1 - c1 + c0).subs(alpha, q / lam), q)
    return sp.factor(sol)


@claim(
    "QHM-LIMITS",
    title="ν = 1 is heavy ball with step α(1 − β); ν = 0 is gradient descent",
    cite=MA2019,
    section=_SECTION,
    statement=r"With $g^0=0$: at $\nu=1$ QHM's iterates $w_k$ equal heavy ball's "
    r"($z^+=\beta z+\nabla f(w)$, $w^+=w-\alpha' z^+$, $z^0=0$) with $\alpha'=\alpha(1-\beta)$ and "
    r"the same $\beta$, for every $k$ and every $f$ ($g=(1-\beta)z$); at $\nu=0$, "
    r"$w_{k+1}=w_k-\alpha\nabla f(w_k)$",
)
def prove_limits() -> Proof:
    """Prove that QHM is heavy ball (step α(1 − β)) at ν = 1 and gradient descent at ν = 0."""
    proof = Proof(True)
    nu = nu_symbol()
    # Any f: one step of each method with an arbitrary gradient map.
    w1, g1 = qhm_step(_w, (1 - beta) * _z, 1)
    z1 = beta * _z + _grad(_w)
    w1_hb = _w - alpha * (1 - beta) * z1
    proof.require(
        "At $\\nu = 1$, for any $f$: from a buffer $g = (1 - \\beta)z$ one QHM step gives "
        "$g^{k+1} = (1 - \\beta)z^{k+1}$ and the same $w^{k+1}$ as heavy ball with step "
        "$\\alpha(1 - \\beta)$. Both start from $w^0$ and a zero buffer, so by induction the "
        "iterates agree for every $k$.",
        is_zero(g1 - (1 - beta) * z1) and is_zero(w1 - w1_hb),
        equation=f"g^{{k+1}} - (1 - \\beta)z^{{k+1}} = {tex(reduced(g1 - (1 - beta) * z1))}, "
        f"\\qquad w^{{k+1}}_{{\\text{{QHM}}}} - w^{{k+1}}_{{\\text{{HB}}}} = {tex(reduced(w1 - w1_hb))}",
    )
    g_any = sp.Symbol("g_any")
    w0_next, _ = qhm_step(_w, g_any, 0)
    proof.require(
        "At $\\nu = 0$, for any $f$, the step ignores the buffer: gradient descent.",
        is_zero(w0_next - (_w - alpha * _grad(_w))),
        equation=f"w^{{k+1}} = {tex(w0_next.replace(_grad, _GRAD), {_w: 'w^k', g_any: 'g^k'})}",
    )
    # Quadratics, in the engine's terms.
    m = methods.get("qhm")
    hb = methods.get("heavy_ball")
    R = m.iteration_matrix()
    D = sp.diag(1 - beta, 1)
    R_hb = hb.iteration_matrix().subs(alpha, alpha * (1 - beta))
    similar = R.subs(nu, 1) * D - D * R_hb
    proof.require(
        "On quadratics, in the engine's terms: at $\\nu = 1$ QHM's matrix on the state "
        "$(g, w)$ is similar to heavy ball's at step $\\alpha(1 - \\beta)$ on $(z, w)$, through "
        "$D = \\mathrm{diag}(1 - \\beta, 1)$.",
        all(is_zero(x) for x in similar),
        equation=f"R_{{\\text{{QHM}}}}\\big|_{{\\nu = 1}} = {tex(R.subs(nu, 1))}, \\qquad "
        f"R_{{\\text{{QHM}}}} D - D R_{{\\text{{HB}}}} = {tex(similar.applyfunc(reduced))}",
    )
    char_gap = m.characteristic_polynomial().subs(nu, 1) - hb.characteristic_polynomial().subs(
        alpha, alpha * (1 - beta)
    )
    proof.require(
        "The start vectors correspond, $s^0_{\\text{QHM}} = D s^0_{\\text{HB}}$, and $D$ leaves "
        "the $w$ row alone, so $w_k = e_w^T R_{\\text{QHM}}^k s^0$ is heavy ball's $w_k$; the "
        "characteristic polynomials agree.",
        list(m.state) == ["g", "w"]
        and list(hb.state) == ["z", "w"]
        and all(is_zero(x) for x in m.start_vector() - D * hb.start_vector())
        and list(D.row(1)) == [0, 1]
        and is_zero(char_gap),
        equation=f"\\det(\\sigma I - R_{{\\text{{QHM}}}})\\big|_{{\\nu=1}} - "
        f"\\det(\\sigma I - R_{{\\text{{HB}}}})\\big|_{{\\alpha(1-\\beta)}} = {tex(reduced(char_gap))}",
    )
    R0 = R.subs(nu, 0)
    proof.require(
        "Hence QHM is heavy ball at $\\nu = 1$ and gradient descent at $\\nu = 0$, the "
        "statement: at $\\nu = 0$ the $w$ row of $R$ is $(0, 1 - \\alpha\\lambda)$, and the "
        "buffer's own mode $\\beta$ never reaches $w$.",
        list(R0.row(1)) == [0, sp.expand(1 - alpha * lam)]
        and is_zero(
            m.characteristic_polynomial().subs(nu, 0) - (sigma - beta) * (sigma - 1 + alpha * lam)
        ),
        equation=f"R\\big|_{{\\nu = 0}} = {tex(R0)}, \\qquad \\det(\\sigma I - R)\\big|_{{\\nu = 0}} = "
        f"{tex(sp.factor(m.characteristic_polynomial().subs(nu, 0)))}",
    )
    proof.note = (
        "Exact, for every k: a one-step identity with an arbitrary gradient, then induction."
    )
    return proof


@claim(
    "QHM-STABILITY",
    uses=("HB-STABILITY",),
    title="Stability region 0 < αλ < 2(1 + β)/(1 + β − 2βν)",
    cite=MA2019,
    section=_SECTION,
    statement=r"For $\alpha,\lambda>0$, $0\le\beta<1$, $0\le\nu\le1$: the spectral radius of QHM "
    r"on $f=\frac12\lambda w^2$ is $<1$ iff $\alpha\lambda<\frac{2(1+\beta)}{1+\beta-2\beta\nu}$; "
    r"at $\nu=1$ this is heavy ball's $\alpha'\lambda<2+2\beta$ with $\alpha'=\alpha(1-\beta)$, "
    r"at $\nu=0$ gradient descent's $\alpha\lambda<2$, and the bound increases with $\nu$",
)
def prove_stability() -> Proof:
    """Prove QHM's stability region 0 < αλ < 2(1 + β)/(1 + β − 2βν)."""
    proof = Proof(True)
    nu = nu_symbol()
    c1, c0 = coefficients()
    q = alpha * lam
    proof.step(
        "By Jury's (Schur–Cohn) test, $\\sigma^2 + c_1\\sigma + c_0$ with real coefficients has "
        "both roots in $|\\sigma| < 1$ exactly when $|c_0| < 1$, $p(1) = 1 + c_1 + c_0 > 0$ and "
        "$p(-1) = 1 - c_1 + c_0 > 0$."
    )
    engine = methods.get("qhm").stability_conditions()
    lhs = [sp.expand(c.lhs - c.rhs) for c in engine if c.rel_op == ">"]
    proof.require(
        "The engine's stability conditions for QHM are exactly these three.",
        len(engine) == 3
        and any(isinstance(c.lhs, sp.Abs) and is_zero(c.lhs.args[0] - c0) for c in engine)
        and any(is_zero(x - (1 + c1 + c0)) for x in lhs)
        and any(is_zero(x - (1 - c1 + c0)) for x in lhs),
        equation=f"c_1 = {tex(c1)}, \\qquad c_0 = {tex(c0)}",
    )
    p1 = sp.expand(1 + c1 + c0)
    pm1 = sp.expand(1 - c1 + c0)
    proof.require(
        "Two of the conditions always hold: $p(1) > 0$, and $c_0 < 1$ as $1 - c_0$ is a sum of "
        "nonnegative terms with $1 - \\beta > 0$; and $2(1 + c_0) = p(-1) + "
        "\\alpha\\lambda(1 - \\beta)$, so $p(-1) > 0$ implies $c_0 > -1$.",
        is_zero(p1 - q * (1 - beta))
        and is_zero(1 - c0 - ((1 - beta) + beta * q * (1 - nu)))
        and is_zero(2 * (1 + c0) - (pm1 + q * (1 - beta))),
        equation=f"p(1) = {tex(sp.factor(p1))}, \\qquad 1 - c_0 = {tex(sp.expand(1 - c0))}",
    )
    bound = stability_bound()
    proof.require(
        "So $\\rho < 1$ exactly when $p(-1) > 0$; $p(-1)$ is affine in $\\alpha\\lambda$ with a "
        "negative slope ($1 + \\beta - 2\\beta\\nu = (1 - \\beta) + 2\\beta(1 - \\nu) > 0$), so "
        "solve $p(-1) = 0$ for the edge.",
        is_zero(pm1 - (2 * (1 + beta) - q * (1 + beta - 2 * beta * nu)))
        and is_zero(1 + beta - 2 * beta * nu - ((1 - beta) + 2 * beta * (1 - nu)))
        and is_zero(bound - 2 * (1 + beta) / (1 + beta - 2 * beta * nu)),
        equation=f"p(-1) = {tex(pm1)}, \\qquad \\rho < 1 \\iff \\alpha\\lambda < {tex(bound)}",
    )
    proof.require(
        "At $\\nu = 1$ this is heavy ball's region (claim HB-STABILITY) at step "
        "$\\alpha(1 - \\beta)$.",
        is_zero(bound.subs(nu, 1) * (1 - beta) - (2 + 2 * beta)),
        equation=f"(1 - \\beta) \\left({tex(bound.subs(nu, 1))}\\right) = "
        f"{tex(sp.factor(bound.subs(nu, 1) * (1 - beta)))}",
    )
    hb_edge = [
        sp.expand(c.lhs - c.rhs)
        for c in methods.get("heavy_ball").stability_conditions()
        if c.rel_op == ">"
    ]
    proof.require(
        "The engine's heavy-ball edge at step $\\alpha(1 - \\beta)$ is QHM's $p(-1)$ at "
        "$\\nu = 1$, and at $\\nu = 0$ the edge is gradient descent's.",
        len(hb_edge) == 1
        and is_zero(hb_edge[0].subs(alpha, alpha * (1 - beta)) - pm1.subs(nu, 1))
        and is_zero(bound.subs(nu, 0) - 2),
        equation=f"\\text{{edge}}_{{\\text{{HB}}}}\\big|_{{\\alpha(1-\\beta)}} - p(-1)\\big|_{{\\nu=1}} = "
        f"{tex(reduced(hb_edge[0].subs(alpha, alpha * (1 - beta)) - pm1.subs(nu, 1)) if len(hb_edge) == 1 else sp.nan)}"
        f", \\qquad \\text{{edge}}\\big|_{{\\nu = 0}} = {tex(sp.cancel(bound.subs(nu, 0)))}",
    )
    proof.require(
        "Hence the stability region is $0 < \\alpha\\lambda <$ the edge above, which is the "
        "statement; the edge rises with $\\nu$, so more weight on the buffer widens it.",
        is_zero(sp.diff(bound, nu) - 4 * beta * (1 + beta) / (1 + beta - 2 * beta * nu) ** 2),
        equation=f"\\frac{{\\partial}}{{\\partial\\nu}}\\left({tex(bound)}\\right) = "
        f"{tex(sp.factor(sp.diff(bound, nu)))} \\ge 0",
    )
    proof.note = "Exact: Jury's test on the engine's polynomial; every sign settled by an identity."
    return proof
