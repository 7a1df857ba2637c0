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
        "ν = 1, any f: from g = (1 − β)z, one QHM step gives g⁺ = (1 − β)z⁺ and the same w⁺ as "
        "heavy ball with step α(1 − β)",
        is_zero(g1 - (1 - beta) * z1) and is_zero(w1 - w1_hb),
    )
    proof.step(
        "Both start with w⁰ and a zero buffer (g⁰ = 0 = (1 − β)z⁰), so by induction on k the "
        "iterates agree for every k"
    )
    w0_next, _ = qhm_step(_w, sp.Symbol("g_any"), 0)
    proof.require(
        "ν = 0, any f: w⁺ = w − α∇f(w) whatever the buffer holds: gradient descent",
        is_zero(w0_next - (_w - alpha * _grad(_w))),
    )
    # Quadratics, in the engine's terms.
    m = methods.get("qhm")
    hb = methods.get("heavy_ball")
    R = m.iteration_matrix()
    D = sp.diag(1 - beta, 1)
    R_hb = hb.iteration_matrix().subs(alpha, alpha * (1 - beta))
    similar = R.subs(nu, 1) * D - D * R_hb
    proof.require(
        "engine, ν = 1: R_QHM = D R_HB(α(1 − β)) D⁻¹ with D = diag(1 − β, 1) (state (g, w) "
        "against (z, w))",
        all(is_zero(x) for x in similar),
        R.subs(nu, 1),
    )
    proof.require(
        "start vectors (0, w⁰) = D (0, w⁰) and the iterate row of D is (0, 1): so "
        "w_k = e_wᵀ R_QHMᵏ s⁰ = e_wᵀ D R_HBᵏ D⁻¹ D s⁰ = heavy ball's w_k",
        list(m.state) == ["g", "w"]
        and list(hb.state) == ["z", "w"]
        and all(is_zero(x) for x in m.start_vector() - D * hb.start_vector())
        and list(D.row(1)) == [0, 1],
    )
    proof.require(
        "so the characteristic polynomials agree: det(σI − R_QHM)|_{ν=1} = heavy ball's at α(1 − β)",
        is_zero(
            m.characteristic_polynomial().subs(nu, 1)
            - hb.characteristic_polynomial().subs(alpha, alpha * (1 - beta))
        ),
    )
    R0 = R.subs(nu, 0)
    proof.require(
        "engine, ν = 0: the w row of R is (0, 1 − αλ), so w_{k+1} = (1 − αλ)w_k; "
        "det(σI − R) = (σ − β)(σ − (1 − αλ)), the buffer's own mode β never reaches w",
        list(R0.row(1)) == [0, sp.expand(1 - alpha * lam)]
        and is_zero(
            m.characteristic_polynomial().subs(nu, 0) - (sigma - beta) * (sigma - 1 + alpha * lam)
        ),
        R0,
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
        "Jury (Schur–Cohn) for σ² + c₁σ + c₀ with real coefficients: both roots in |σ| < 1 iff "
        "|c₀| < 1, p(1) = 1 + c₁ + c₀ > 0 and p(−1) = 1 − c₁ + c₀ > 0"
    )
    engine = methods.get("qhm").stability_conditions()
    lhs = [sp.expand(c.lhs - c.rhs) for c in engine if c.rel_op == ">"]
    proof.require(
        "the engine's conditions are these three (|c₀| < 1, p(1) > 0, p(−1) > 0)",
        len(engine) == 3
        and any(isinstance(c.lhs, sp.Abs) and is_zero(c.lhs.args[0] - c0) for c in engine)
        and any(is_zero(x - (1 + c1 + c0)) for x in lhs)
        and any(is_zero(x - (1 - c1 + c0)) for x in lhs),
    )
    p1 = sp.expand(1 + c1 + c0)
    pm1 = sp.expand(1 - c1 + c0)
    proof.require("p(1) = αλ(1 − β) > 0: always holds", is_zero(p1 - q * (1 - beta)), p1)
    proof.require(
        "1 − c₀ = (1 − β) + βαλ(1 − ν) > 0: c₀ < 1 always holds",
        is_zero(1 - c0 - ((1 - beta) + beta * q * (1 - nu))),
    )
    proof.require(
        "2(1 + c₀) = p(−1) + αλ(1 − β): so p(−1) > 0 implies c₀ > −1",
        is_zero(2 * (1 + c0) - (pm1 + q * (1 - beta))),
    )
    proof.require(
        "p(−1) = 2(1 + β) − αλ(1 + β − 2βν), and 1 + β − 2βν = (1 − β) + 2β(1 − ν) > 0",
        is_zero(pm1 - (2 * (1 + beta) - q * (1 + beta - 2 * beta * nu)))
        and is_zero(1 + beta - 2 * beta * nu - ((1 - beta) + 2 * beta * (1 - nu))),
        pm1,
    )
    bound = stability_bound()
    proof.require(
        "so ρ < 1 ⟺ p(−1) > 0 ⟺ αλ < 2(1 + β)/(1 + β − 2βν) (solved from p(−1) = 0)",
        is_zero(bound - 2 * (1 + beta) / (1 + beta - 2 * beta * nu)),
        bound,
    )
    proof.require(
        "ν = 1: αλ < 2(1 + β)/(1 − β) ⟺ α(1 − β)λ < 2 + 2β, heavy ball's region (HB-STABILITY) "
        "at step α(1 − β)",
        is_zero(bound.subs(nu, 1) * (1 - beta) - (2 + 2 * beta)),
    )
    hb_edge = [
        sp.expand(c.lhs - c.rhs)
        for c in methods.get("heavy_ball").stability_conditions()
        if c.rel_op == ">"
    ]
    proof.require(
        "the engine's heavy-ball edge 2 + 2β − α′λ at α′ = α(1 − β) is QHM's p(−1) at ν = 1",
        len(hb_edge) == 1 and is_zero(hb_edge[0].subs(alpha, alpha * (1 - beta)) - pm1.subs(nu, 1)),
    )
    proof.require("ν = 0: αλ < 2, gradient descent's region", is_zero(bound.subs(nu, 0) - 2))
    proof.require(
        "d(bound)/dν = 4β(1 + β)/(1 + β − 2βν)² ≥ 0: more weight on the buffer widens the region",
        is_zero(sp.diff(bound, nu) - 4 * beta * (1 + beta) / (1 + beta - 2 * beta * nu) ** 2),
    )
    proof.note = "Exact: Jury's test on the engine's polynomial; every sign settled by an identity."
    return proof
