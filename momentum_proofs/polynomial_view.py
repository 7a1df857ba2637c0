"""The polynomial view: iterates as residual polynomials, Chebyshev, conjugate gradients.

Sources: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``): "Adventures in Algorithmic Space" (every
linear first-order method, conjugate gradients included, in unrolled form) and
"Onwards and Downwards" (momentum read through approximating polynomials).

On f(w) = ½wᵀAw − bᵀw the gradient is A(w − w*), so a method of the unrolled form
w^{k+1} = w⁰ + Σ_i γ_iᵏ ∇f(wⁱ) leaves the error eᵏ = p_k(A)e⁰ with deg p_k ≤ k and
p_k(0) = 1.  How fast it can converge on a spectrum in [μ, L] is then a question
about polynomials:

- heavy ball's p_k obey the three-term recurrence
  p_{k+1} = (1 + β − αλ)p_k − βp_{k−1} (``CHEB-HB-RECURRENCE``);
- the smallest possible max_{[μ,L]} |p_k| is 1/T_k((L+μ)/(L−μ)) = 2ρᵏ/(1 + ρ²ᵏ),
  ρ = (√κ − 1)/(√κ + 1) (``CHEB-MINIMAX``);
- conjugate gradients attain the best polynomial for the actual spectrum, so
  ‖eᵏ‖_A ≤ 2ρᵏ‖e⁰‖_A (``CHEB-CG-BOUND``);
- optimally tuned heavy ball has p_k = ρᵏ(U_k(x) − ρU_{k−1}(x)) and
  max |p_k| = ρᵏ(1 + (1 + ρ)k): the same rate ρ, a factor linear in k above
  Chebyshev (``CHEB-HB-VS-CHEBYSHEV``).
"""

from __future__ import annotations

import sympy as sp

from ._registry import claim
from .proof import Proof, is_zero
from .symbols import L, alpha, beta, lam, mu, s

_DISTILL = "distill"
_ALGO = "Adventures in Algorithmic Space"
_ONWARDS = "Onwards and Downwards"

_x = sp.Symbol("x", real=True)
_k = sp.Symbol("k", integer=True, positive=True)
#: ρ = (√κ − 1)/(√κ + 1) with s = √κ.
rho_of_s = (s - 1) / (s + 1)


def chebyshev_t(k: int) -> sp.Expr:
    """T_k(x) by T₀ = 1, T₁ = x, T_{j+1} = 2xT_j − T_{j−1}.

    >>> print(chebyshev_t(3))
    4*x**3 - 3*x
    """
    prev, cur = sp.Integer(1), _x
    if k == 0:
        return prev
    for _ in range(k - 1):
        prev, cur = cur, sp.expand(2 * _x * cur - prev)
    return cur


def chebyshev_u(k: int) -> sp.Expr:
    """U_k(x) by U₋₁ = 0, U₀ = 1, U_{j+1} = 2xU_j − U_{j−1}.

    >>> print(chebyshev_u(2))
    4*x**2 - 1
    """
    prev, cur = sp.Integer(0), sp.Integer(1)
    for _ in range(k):
        prev, cur = cur, sp.expand(2 * _x * cur - prev)
    return cur


def heavy_ball_residual(k: int) -> sp.Expr:
    """p_k(λ) of heavy ball from the recurrence, in α, β, λ.

    >>> print(heavy_ball_residual(2))
    alpha**2*lam**2 - alpha*beta*lam - 2*alpha*lam + 1
    """
    prev, cur = sp.Integer(1), 1 - alpha * lam
    if k == 0:
        return prev
    for _ in range(k - 1):
        prev, cur = cur, sp.expand((1 + beta - alpha * lam) * cur - beta * prev)
    return cur


@claim(
    "CHEB-RESIDUAL",
    uses=("UNROLL-GD",),
    title="A linear first-order method's error is p_k(A)e⁰ with deg p_k ≤ k, p_k(0) = 1",
    seed=_DISTILL,
    section=_ALGO,
    quote="In fact, all manner of first order algorithms, including the Conjugate Gradient "
    "algorithm, AdaMax, Averaged Gradient and more, can be written (though not quite so neatly) "
    "in this unrolled form.",
    statement=r"On a quadratic, $w^{k+1}=w^0+\sum_{i\le k}\gamma_i^k\nabla f(w^i)$ gives "
    r"$w^k-w^\star=p_k(A)(w^0-w^\star)$ with $\deg p_k\le k$, $p_k(0)=1$; gradient descent has "
    r"$p_k=(1-\alpha\lambda)^k$",
)
def prove_residual() -> Proof:
    """Prove that a linear first-order method's error is p_k(A)e⁰ with deg p_k ≤ k and p_k(0) = 1."""
    proof = Proof(True)
    proof.step("∇f(w) = Aw − b = A(w − w*) since b = Aw*: the gradient is A times the error")
    depth = 5
    gammas = [[sp.Symbol(f"gamma_{i}_{k}") for i in range(k + 1)] for k in range(depth)]
    polys = [sp.Integer(1)]
    for k in range(depth):
        polys.append(sp.expand(1 + sum(gammas[k][i] * lam * polys[i] for i in range(k + 1))))
    proof.require(
        f"e^{{k+1}} = e⁰ + Σ γ_iᵏ A eⁱ with eⁱ = p_i(A)e⁰: p_{{k+1}} = 1 + λΣγ_iᵏ p_i has "
        f"p(0) = 1 and degree ≤ k + 1 (generic γ, k < {depth})",
        all(p.subs(lam, 0) == 1 and sp.degree(p, lam) <= k for k, p in enumerate(polys)),
    )
    # Gradient descent in the unrolled form (UNROLL-GD): every γ_iᵏ = −α.
    gd_weights = {g: -alpha for row in gammas for g in row}
    proof.require(
        "gradient descent (all γ_iᵏ = −α in the generic polynomials above): p_k = (1 − αλ)ᵏ",
        all(is_zero(p.subs(gd_weights) - (1 - alpha * lam) ** k) for k, p in enumerate(polys)),
    )
    proof.step(
        "Induction on k with the display above: the polynomials of the unrolled form are "
        "residual polynomials for every choice of the γ's (diagonal Γ's act per coordinate)"
    )
    return proof


@claim(
    "CHEB-HB-RECURRENCE",
    uses=("HB-R",),
    title="Heavy ball's residual polynomials obey a three-term recurrence",
    seed=_DISTILL,
    section=_ONWARDS,
    quote="There is an algebraic interpretation of momentum in terms of approximating polynomials [3, 14].",
    statement=r"$p_0=1$, $p_1=1-\alpha\lambda$, $p_{k+1}(\lambda)=(1+\beta-\alpha\lambda)p_k(\lambda)"
    r"-\beta p_{k-1}(\lambda)$; $p_k=(R^k)_{22}$",
)
def prove_heavy_ball_recurrence() -> Proof:
    """Prove the three-term recurrence of heavy ball's residual polynomials."""
    proof = Proof(True)
    x0, x1, x2, z0 = sp.symbols("x0 x1 x2 z0", real=True)
    # One eigencomponent of the error, z⁺ = βz + λx, x⁺ = x − αz⁺ (HB-R), from z⁰ = 0.
    z1 = beta * z0 + lam * x0
    x1_expr = x0 - alpha * z1
    z2 = beta * z1 + lam * x1_expr
    x2_expr = x1_expr - alpha * z2
    proof.require(
        "eliminating z: x^{k+1} = (1 + β − αλ)xᵏ − βx^{k−1} (z eliminated with "
        "zᵏ = (x^{k−1} − xᵏ)/α, any z^{k−1})",
        is_zero(x2_expr - ((1 + beta - alpha * lam) * x1_expr - beta * x0)),
    )
    proof.require(
        "first step from z⁰ = 0: x¹ = (1 − αλ)x⁰",
        is_zero(x1_expr.subs(z0, 0) - (1 - alpha * lam) * x0),
    )
    R = sp.Matrix([[beta, lam], [-alpha * beta, 1 - alpha * lam]])
    power = sp.eye(2)
    ok = True
    for k in range(6):
        ok = ok and is_zero(power[1, 1] - heavy_ball_residual(k))
        power = sp.expand(power * R)
    proof.require("p_k equals (Rᵏ)₂₂ for k = 0 … 5 (y⁰ = 0)", ok)
    proof.require(
        "p_k(0) = 1 and deg p_k = k (k ≤ 6)",
        all(
            heavy_ball_residual(k).subs(lam, 0) == 1 and sp.degree(heavy_ball_residual(k), lam) == k
            for k in range(7)
        ),
    )
    return proof


def _x0() -> sp.Expr:
    """(L + μ)/(L − μ) = (κ + 1)/(κ − 1) in s = √κ."""
    return (s**2 + 1) / (s**2 - 1)


@claim(
    "CHEB-MINIMAX",
    title="Chebyshev: the best residual polynomial on [μ, L] has max 2ρᵏ/(1 + ρ²ᵏ)",
    seed=_DISTILL,
    section=_ONWARDS,
    quote="There is an algebraic interpretation of momentum in terms of approximating polynomials [3, 14].",
    statement=r"$\min_{\deg p\le k,\,p(0)=1}\max_{\lambda\in[\mu,L]}|p(\lambda)|="
    r"\frac1{T_k(\frac{L+\mu}{L-\mu})}=\frac{2\rho^k}{1+\rho^{2k}}$, $\rho=\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$, "
    r"attained by $T_k(\frac{L+\mu-2\lambda}{L-\mu})/T_k(\frac{L+\mu}{L-\mu})$",
)
def prove_minimax() -> Proof:
    """Prove that the best residual polynomial on [μ, L] has maximum 2ρᵏ/(1 + ρ²ᵏ) (Chebyshev)."""
    proof = Proof(True)
    proof.require(
        "(L + μ)/(L − μ) = (κ + 1)/(κ − 1)",
        is_zero((L + mu) / (L - mu) - ((L / mu + 1) / (L / mu - 1))),
    )
    x0 = _x0()
    y0 = 2 * s / (s**2 - 1)
    proof.require("y = 2s/(s² − 1) has y² = x₀² − 1", is_zero(y0**2 - (x0**2 - 1)))
    proof.require(
        "x₀ + y = 1/ρ and x₀ − y = ρ",
        is_zero(x0 + y0 - 1 / rho_of_s) and is_zero(x0 - y0 - rho_of_s),
    )
    a, b = sp.symbols("a b", positive=True)

    def closed(j):
        return (a**j + b**j) / 2

    residual = closed(_k + 1) - (a + b) * closed(_k) + a * b * closed(_k - 1)
    proof.require(
        "T_k(x) = ((x + y)ᵏ + (x − y)ᵏ)/2 solves T_{k+1} = 2xT_k − T_{k−1} (a = x + y, b = x − y, "
        "a + b = 2x, ab = 1) with T₀ = 1, T₁ = x",
        is_zero(sp.expand(sp.powsimp(sp.expand(residual)))),
    )
    proof.require(
        "checked against the recurrence's polynomials for k ≤ 6 at x₀",
        all(
            is_zero(sp.cancel(chebyshev_t(j).subs(_x, x0) - (rho_of_s**-j + rho_of_s**j) / 2))
            for j in range(7)
        ),
    )
    proof.step(
        "so 1/T_k(x₀) = 2/(ρ⁻ᵏ + ρᵏ) = 2ρᵏ/(1 + ρ²ᵏ)",
        2 * sp.Symbol("rho") ** _k / (1 + sp.Symbol("rho") ** (2 * _k)),
    )
    e = sp.Symbol("e", positive=True)
    s1 = 1 + e  # κ > 1
    proof.require(
        "numeric form: e^{2 artanh(1/√κ)} = 1/ρ, so 1/cosh(2k·artanh(1/√κ)) = 2ρᵏ/(1 + ρ²ᵏ)",
        is_zero(
            sp.simplify(sp.exp(2 * sp.atanh(1 / s1).rewrite(sp.log)) - 1 / rho_of_s.subs(s, s1))
        ),
    )
    j = sp.Symbol("j", integer=True)
    proof.require(
        "equioscillation: T_k(cos(jπ/k)) = cos(jπ) = (−1)ʲ at the k + 1 points j = 0 … k "
        "(T_k(cos t) = cos kt)",
        sp.cos(_k * (j * sp.pi / _k)) == (-1) ** j,
    )
    t = sp.Symbol("t", real=True)
    proof.require(
        "T_k(cos t) = cos(kt) for k ≤ 6 (expand_trig)",
        all(
            is_zero(sp.expand_trig(sp.cos(m * t)) - chebyshev_t(m).subs(_x, sp.cos(t)))
            for m in range(7)
        ),
    )
    proof.step(
        "Optimality: if a residual q had max|q| < 1/T_k(x₀), then p − q alternates in sign at the "
        "k + 1 equioscillation points, so has k roots in (μ, L), and a root at 0: k + 1 roots of a "
        "polynomial of degree ≤ k, so p = q, a contradiction"
    )
    return proof


@claim(
    "CHEB-CG-BOUND",
    title="Conjugate gradients: ‖eᵏ‖_A ≤ 2ρᵏ‖e⁰‖_A",
    seed=_DISTILL,
    section=_ALGO,
    quote="In fact, all manner of first order algorithms, including the Conjugate Gradient "
    "algorithm, AdaMax, Averaged Gradient and more, can be written (though not quite so neatly) "
    "in this unrolled form.",
    statement=r"$\|e^k\|_A=\min_{p}\|p(A)e^0\|_A\le\max_{[\mu,L]}|p^\ast_k|\,\|e^0\|_A"
    r"=\frac{2\rho^k}{1+\rho^{2k}}\|e^0\|_A\le2\rho^k\|e^0\|_A$",
)
def prove_cg_bound() -> Proof:
    """Prove the conjugate-gradient bound ‖eᵏ‖_A ≤ 2ρᵏ‖e⁰‖_A."""
    proof = Proof(True)
    proof.step(
        "CG's iterate minimises ‖w − w*‖_A over w⁰ + Krylov_k(A, r⁰), i.e. over residual "
        "polynomials of degree ≤ k (Hestenes–Stiefel optimality)"
    )
    n = 3
    lams = sp.symbols("l1:4", positive=True)
    xs = sp.symbols("x1:4", real=True)
    ps = sp.symbols("p1:4", real=True)
    m = sp.Symbol("M", positive=True)
    gap = m**2 * sum(lams[i] * xs[i] ** 2 for i in range(n)) - sum(
        lams[i] * ps[i] ** 2 * xs[i] ** 2 for i in range(n)
    )
    split = sum(lams[i] * xs[i] ** 2 * (m**2 - ps[i] ** 2) for i in range(n))
    proof.require(
        "in the eigenbasis, M²‖e‖²_A − ‖p(A)e‖²_A = Σ λ_i x_i²(M² − p(λ_i)²) ≥ 0 when "
        "M ≥ max|p(λ_i)| (3-dimensional identity)",
        is_zero(gap - split),
    )
    rho = sp.Symbol("rho", positive=True)
    proof.require(
        "2ρᵏ − 2ρᵏ/(1 + ρ²ᵏ) = 2ρ³ᵏ/(1 + ρ²ᵏ) ≥ 0",
        is_zero(
            2 * rho**_k
            - 2 * rho**_k / (1 + rho ** (2 * _k))
            - 2 * rho ** (3 * _k) / (1 + rho ** (2 * _k))
        ),
    )
    return proof


@claim(
    "CHEB-HB-VS-CHEBYSHEV",
    title="Optimally tuned heavy ball: max |p_k| = ρᵏ(1 + (1 + ρ)k), same rate as Chebyshev",
    seed=_DISTILL,
    section=_ONWARDS,
    quote="There is an algebraic interpretation of momentum in terms of approximating polynomials [3, 14].",
    statement=r"With $\alpha=(2/(\sqrt L+\sqrt\mu))^2$, $\beta=\rho^2$: $p_k(\lambda)=\rho^k\big(U_k(x)-"
    r"\rho U_{k-1}(x)\big)$, $x=\frac{L+\mu-2\lambda}{L-\mu}$; $\max_{[\mu,L]}|p_k|=\rho^k(1+(1+\rho)k)$ "
    r"at $\lambda=L$, which is $\frac{(1+(1+\rho)k)(1+\rho^{2k})}{2}\ge1$ times the Chebyshev value",
)
def prove_heavy_ball_vs_chebyshev() -> Proof:
    """Prove optimal heavy ball's residual peak ρᵏ(1 + (1 + ρ)k): Chebyshev's rate, a larger constant."""
    proof = Proof(True)
    rho = rho_of_s
    # Scale μ = 1 (only κ matters): L = s², α = 4/(s + 1)², β = ρ².
    lam_s = sp.Symbol("lam_s", positive=True)
    a_opt = 4 / (s + 1) ** 2
    x_of_lam = (s**2 + 1 - 2 * lam_s) / (s**2 - 1)
    proof.require(
        "1 + β − αλ = 2ρ·x(λ): the heavy-ball recurrence becomes p_{k+1} = 2ρx p_k − ρ²p_{k−1}",
        is_zero(sp.cancel(1 + rho**2 - a_opt * lam_s - 2 * rho * x_of_lam)),
    )
    proof.require(
        "p₁ = 1 − αλ = ρ(U₁(x) − ρU₀(x)) = ρ(2x − ρ)",
        is_zero(sp.cancel(1 - a_opt * lam_s - rho * (2 * x_of_lam - rho))),
    )
    r_ = sp.Symbol("r", positive=True)
    ok, at_l = True, True
    for k in range(1, 7):
        # α = 1 and λ = 1 + ρ² − 2ρx put αλ on the line 1 + β − αλ = 2ρx.
        hb = heavy_ball_residual(k).subs({alpha: 1, lam: 1 + r_**2 - 2 * r_ * _x, beta: r_**2})
        ok = ok and is_zero(hb - r_**k * (chebyshev_u(k) - r_ * chebyshev_u(k - 1)))
        at_l = at_l and is_zero(hb.subs(_x, -1) - (-1) ** k * r_**k * (1 + (1 + r_) * k))
    proof.require(
        "p_k = ρᵏ(U_k(x) − ρU_{k−1}(x)) for k = 1 … 6 (recurrence with αλ = 1 + ρ² − 2ρx)", ok
    )
    proof.require(
        "at x = −1 (λ = L) the recurrence's p_k is (−1)ᵏρᵏ(1 + (1 + ρ)k) for k = 1 … 6", at_l
    )
    proof.step(
        "for all k: ρᵏ(U_k − ρU_{k−1}) satisfies the same linear recurrence as p_k (both U_k and "
        "U_{k−1} do) with the same p₀, p₁, so they agree"
    )
    proof.require(
        "U_k(1) = k + 1 and U_k(−1) = (−1)ᵏ(k + 1): (k + 1) + (k − 1) = 2k solves the recurrence",
        is_zero((_k + 2) - (2 * (_k + 1) - _k))
        and all(
            chebyshev_u(k).subs(_x, 1) == k + 1
            and chebyshev_u(k).subs(_x, -1) == (-1) ** k * (k + 1)
            for k in range(8)
        ),
    )
    proof.step(
        "|U_k(cos t)| = |sin((k + 1)t)/sin t| ≤ k + 1 on [−1, 1], so |p_k| ≤ ρᵏ((k + 1) + ρk), "
        "with equality at x = −1 (λ = L): max |p_k| = ρᵏ(1 + (1 + ρ)k)"
    )
    kk = sp.Symbol("k", integer=True, nonnegative=True)
    rr = sp.Symbol("rho", positive=True)
    ratio = (1 + (1 + rr) * kk) * (1 + rr ** (2 * kk)) / 2
    proof.require(
        "ratio − 1 = ((1 + ρ)k(1 + ρ²ᵏ) − (1 − ρ²ᵏ))/2, which is 0 at k = 0 and ≥ 0 for k ≥ 1 "
        "because (1 + ρ)k(1 + ρ²ᵏ) ≥ 1 ≥ 1 − ρ²ᵏ: heavy ball never beats Chebyshev",
        is_zero(ratio - 1 - ((1 + rr) * kk * (1 + rr ** (2 * kk)) - (1 - rr ** (2 * kk))) / 2)
        and ratio.subs(kk, 0) == 1,
        ratio,
    )
    return proof
