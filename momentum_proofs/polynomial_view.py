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
from .symbols import LATEX_NAMES, L, alpha, beta, lam, mu, s

_DISTILL = "distill"
_ALGO = "Adventures in Algorithmic Space"
_ONWARDS = "Onwards and Downwards"

_x = sp.Symbol("x", real=True)
_k = sp.Symbol("k", integer=True, positive=True)
#: ρ = (√κ − 1)/(√κ + 1) with s = √κ.
rho_of_s = (s - 1) / (s + 1)


def _tex(expr: sp.Basic) -> str:
    # LaTeX of a computed object with the docs' names: γ_i^k for the weights, λ_i for the
    # eigenvalues, λ for the scaled eigenvalue lam_s.
    names = {}
    for x in sp.sympify(expr).free_symbols:
        if x.name.startswith("gamma_"):
            _, i, k = x.name.split("_")
            names[x] = rf"\gamma_{{{i}}}^{{{k}}}"
        elif x.name == "lam_s":
            names[x] = r"\lambda"
        elif x.name[0] == "l" and x.name[1:].isdigit():
            names[x] = rf"\lambda_{{{x.name[1:]}}}"
    return sp.latex(expr, symbol_names={**LATEX_NAMES, **names})


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
    proof.step(
        "On a quadratic $\\nabla f(w) = Aw - b = A(w - w^\\star)$, since $b = Aw^\\star$: the "
        "gradient is $A$ times the error $e = w - w^\\star$."
    )
    depth = 5
    gammas = [[sp.Symbol(f"gamma_{i}_{k}") for i in range(k + 1)] for k in range(depth)]
    polys = [sp.Integer(1)]
    for k in range(depth):
        polys.append(sp.expand(1 + sum(gammas[k][i] * lam * polys[i] for i in range(k + 1))))
    proof.require(
        "So $e^{k+1} = e^0 + \\sum_i \\gamma_i^k A e^i$, and if $e^i = p_i(A)e^0$ then "
        "$p_{k+1} = 1 + \\lambda\\sum_i \\gamma_i^k p_i$: built with generic weights for "
        f"$k < {depth}$, each has $p(0) = 1$ and degree at most $k$; the second is shown.",
        all(p.subs(lam, 0) == 1 and sp.degree(p, lam) <= k for k, p in enumerate(polys)),
        equation=rf"p_2(\lambda) = {_tex(sp.collect(polys[2], lam))}, \qquad p_2(0) = "
        + _tex(polys[2].subs(lam, 0)),
    )
    # Gradient descent in the unrolled form (UNROLL-GD): every γ_iᵏ = −α.
    gd_weights = {g: -alpha for row in gammas for g in row}
    proof.require(
        "Gradient descent has every $\\gamma_i^k = -\\alpha$ (UNROLL-GD); in the generic "
        "polynomials above this gives $p_k = (1 - \\alpha\\lambda)^k$, the last shown.",
        all(is_zero(p.subs(gd_weights) - (1 - alpha * lam) ** k) for k, p in enumerate(polys)),
        equation=rf"p_{{{depth}}}\big|_{{\gamma = -\alpha}} = "
        + _tex(sp.factor(polys[depth].subs(gd_weights))),
    )
    proof.step(
        "By induction on $k$ with the recursion above, the polynomials of the unrolled form "
        "are residual polynomials for every choice of the weights (diagonal $\\Gamma$'s act "
        "per coordinate). Hence $e^k = p_k(A)e^0$ with $\\deg p_k \\le k$ and $p_k(0) = 1$, "
        "which is the statement."
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
    names = {x0: "x^0", x1: "x^1", x2: "x^2", z0: "z^0", **LATEX_NAMES}
    three_term = sp.expand(x2_expr - ((1 + beta - alpha * lam) * x1_expr - beta * x0))
    proof.require(
        "Take one eigencomponent of the error, $z^{k+1} = \\beta z^k + \\lambda x^k$, "
        "$x^{k+1} = x^k - \\alpha z^{k+1}$ (HB-R), from any $z^0$, and eliminate $z$ from two "
        "steps: the position obeys a three-term recurrence.",
        is_zero(three_term),
        equation=r"x^2 - \big((1 + \beta - \alpha\lambda)x^1 - \beta x^0\big) = "
        + sp.latex(three_term, symbol_names=names),
    )
    proof.require(
        "From rest ($z^0 = 0$) the first step is a gradient step, so $p_0 = 1$ and "
        "$p_1 = 1 - \\alpha\\lambda$.",
        is_zero(x1_expr.subs(z0, 0) - (1 - alpha * lam) * x0),
        equation=r"x^1\big|_{z^0 = 0} = "
        + sp.latex(sp.factor(x1_expr.subs(z0, 0)), symbol_names=names),
    )
    R = sp.Matrix([[beta, lam], [-alpha * beta, 1 - alpha * lam]])
    power = sp.eye(2)
    ok = True
    for k in range(6):
        ok = ok and is_zero(power[1, 1] - heavy_ball_residual(k))
        power = sp.expand(power * R)
    proof.require(
        "The recurrence's $p_k$ equals the corner entry of $R^k$ for $k = 0, \\dots, 5$ (start "
        "$y^0 = 0$); the case $k = 2$ is shown.",
        ok,
        equation=r"(R^2)_{22} = " + _tex(sp.expand((R * R)[1, 1])),
    )
    proof.require(
        "Each $p_k$ ($k \\le 6$) has $p_k(0) = 1$ and degree exactly $k$. Hence heavy ball's "
        "residual polynomials obey $p_{k+1} = (1 + \\beta - \\alpha\\lambda)p_k - \\beta "
        "p_{k-1}$ with $p_0 = 1$, $p_1 = 1 - \\alpha\\lambda$, which is the statement.",
        all(
            heavy_ball_residual(k).subs(lam, 0) == 1 and sp.degree(heavy_ball_residual(k), lam) == k
            for k in range(7)
        ),
        equation=rf"p_6(0) = {_tex(heavy_ball_residual(6).subs(lam, 0))}, \qquad \deg p_6 = "
        + str(sp.degree(heavy_ball_residual(6), lam)),
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
        "The point where the shifted Chebyshev polynomial is evaluated, $x_0 = (L + \\mu)/(L - "
        "\\mu)$, depends only on $\\kappa = L/\\mu$.",
        is_zero((L + mu) / (L - mu) - ((L / mu + 1) / (L / mu - 1))),
        equation=r"x_0 = \frac{L + \mu}{L - \mu} = "
        + _tex(sp.factor(sp.cancel(((L + mu) / (L - mu)).subs(L, mu * sp.Symbol("kappa"))))),
    )
    x0 = _x0()
    y0 = 2 * s / (s**2 - 1)
    proof.require(
        "With $s = \\sqrt\\kappa$, the number $y = 2s/(s^2 - 1)$ has $y^2 = x_0^2 - 1$, and "
        "$x_0 \\pm y$ are $1/\\rho$ and $\\rho$, $\\rho = (s - 1)/(s + 1)$.",
        is_zero(y0**2 - (x0**2 - 1))
        and is_zero(x0 + y0 - 1 / rho_of_s)
        and is_zero(x0 - y0 - rho_of_s),
        equation=rf"y^2 - (x_0^2 - 1) = {_tex(sp.cancel(y0**2 - (x0**2 - 1)))}, \quad "
        rf"x_0 + y = {_tex(sp.factor(x0 + y0))}, \quad x_0 - y = {_tex(sp.factor(x0 - y0))}",
    )
    a, b = sp.symbols("a b", positive=True)

    def closed(j):
        return (a**j + b**j) / 2

    residual = closed(_k + 1) - (a + b) * closed(_k) + a * b * closed(_k - 1)
    proof.require(
        "With $a = x + y$, $b = x - y$ (so $a + b = 2x$, $ab = 1$), the closed form "
        "$T_k = (a^k + b^k)/2$ satisfies the three-term recurrence $T_{k+1} = 2xT_k - T_{k-1}$, "
        "with $T_0 = 1$, $T_1 = x$.",
        is_zero(sp.expand(sp.powsimp(sp.expand(residual)))),
        equation=r"\tfrac12(a^{k+1} + b^{k+1}) - (a + b)\tfrac12(a^k + b^k) + "
        r"ab\,\tfrac12(a^{k-1} + b^{k-1}) = " + _tex(sp.expand(sp.powsimp(sp.expand(residual)))),
    )
    at_x0 = [sp.cancel(chebyshev_t(j).subs(_x, x0)) for j in range(7)]
    proof.require(
        "Check the closed form at $x_0$ against the recurrence's polynomials for $k \\le 6$; "
        "the case $k = 2$ is shown.",
        all(is_zero(at_x0[j] - sp.cancel((rho_of_s**-j + rho_of_s**j) / 2)) for j in range(7)),
        equation=rf"T_2(x_0) = {_tex(sp.factor(at_x0[2]))} = "
        rf"{_tex(sp.factor(sp.cancel((rho_of_s**-2 + rho_of_s**2) / 2)))} = "
        r"\tfrac12(\rho^{-2} + \rho^2)",
    )
    rho_ = sp.Symbol("rho", positive=True)
    proof.step(
        "So the reciprocal of $T_k(x_0) = (\\rho^{-k} + \\rho^k)/2$ is the value in the statement.",
        2 * rho_**_k / (1 + rho_ ** (2 * _k)),
        equation=r"\frac{1}{T_k(x_0)} = "
        + _tex(sp.simplify(2 / (rho_**-_k + rho_**_k)))
        + r" = \frac{2\rho^k}{1 + \rho^{2k}}",
    )
    e = sp.Symbol("e", positive=True)
    s1 = 1 + e  # κ > 1
    art = sp.simplify(sp.exp(2 * sp.atanh(1 / s1).rewrite(sp.log)))
    proof.require(
        "For numerics, the same value has a cancellation-free form: with $\\sqrt\\kappa = "
        "1 + e > 1$, $e^{2\\,\\mathrm{artanh}(1/\\sqrt\\kappa)} = 1/\\rho$, so $1/T_k(x_0) = "
        "1/\\cosh(2k\\,\\mathrm{artanh}(1/\\sqrt\\kappa))$.",
        is_zero(sp.simplify(art - 1 / rho_of_s.subs(s, s1))),
        equation=r"e^{2\,\mathrm{artanh}(1/\sqrt\kappa)} = "
        + _tex(sp.factor(art))
        + r" = \frac{1}{\rho}",
    )
    j = sp.Symbol("j", integer=True)
    t = sp.Symbol("t", real=True)
    proof.require(
        "Equioscillation: $T_k(\\cos t) = \\cos kt$ (checked for $k \\le 6$ by expanding the "
        "cosines), so $T_k$ takes the values $\\pm 1$ alternately at the $k + 1$ points "
        "$\\cos(j\\pi/k)$, $j = 0, \\dots, k$.",
        sp.cos(_k * (j * sp.pi / _k)) == (-1) ** j
        and all(
            is_zero(sp.expand_trig(sp.cos(m * t)) - chebyshev_t(m).subs(_x, sp.cos(t)))
            for m in range(7)
        ),
        equation=rf"T_k\big(\cos(j\pi/k)\big) = {_tex(sp.cos(_k * (j * sp.pi / _k)))}, "
        rf"\qquad T_3(\cos t) - \cos 3t = "
        + _tex(sp.expand(chebyshev_t(3).subs(_x, sp.cos(t)) - sp.expand_trig(sp.cos(3 * t)))),
    )
    proof.step(
        "Optimality: if a residual polynomial $q$ had $\\max|q| < 1/T_k(x_0)$ on $[\\mu, L]$, "
        "then $p - q$ would alternate in sign at the $k + 1$ equioscillation points, so have $k$ "
        "roots in $(\\mu, L)$, and a root at $0$: $k + 1$ roots of a polynomial of degree at "
        "most $k$, so $p = q$, a contradiction. Hence the minimax value is $1/T_k(x_0) = "
        "2\\rho^k/(1 + \\rho^{2k})$, which is the statement."
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
        "Conjugate gradients' iterate minimises $\\|w - w^\\star\\|_A$ over $w^0 + "
        "\\mathcal K_k(A, r^0)$, that is over the residual polynomials of degree at most $k$ "
        "(Hestenes and Stiefel's optimality property)."
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
        "So any residual polynomial bounds the error. In the eigenbasis (three dimensions, "
        "eigencomponents $x_i$, $p_i = p(\\lambda_i)$) the gap between $M^2\\|e\\|_A^2$ and "
        "$\\|p(A)e\\|_A^2$ splits into one term per eigenvalue, each $\\ge 0$ when $M \\ge "
        "\\max_i|p(\\lambda_i)|$; with the shifted Chebyshev polynomial $M = 2\\rho^k/(1 + "
        "\\rho^{2k})$.",
        is_zero(gap - split),
        equation=r"M^2\|e\|_A^2 - \|p(A)e\|_A^2 = " + _tex(sp.factor_terms(split)),
    )
    rho = sp.Symbol("rho", positive=True)
    slack = sp.factor(2 * rho**_k - 2 * rho**_k / (1 + rho ** (2 * _k)))
    proof.require(
        "The Chebyshev value is below $2\\rho^k$, the difference being nonnegative. Hence "
        "$\\|e^k\\|_A \\le 2\\rho^k\\|e^0\\|_A$, which is the statement.",
        is_zero(
            2 * rho**_k
            - 2 * rho**_k / (1 + rho ** (2 * _k))
            - 2 * rho ** (3 * _k) / (1 + rho ** (2 * _k))
        ),
        equation=r"2\rho^k - \frac{2\rho^k}{1 + \rho^{2k}} = " + _tex(slack) + r" \ge 0",
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
        "Scale $\\mu = 1$, $L = s^2 = \\kappa$. At the optimal tuning the recurrence's "
        "coefficient is $2\\rho$ times the shifted variable $x(\\lambda)$, so the three-term "
        "recurrence becomes $p_{k+1} = 2\\rho x\\,p_k - \\rho^2 p_{k-1}$.",
        is_zero(sp.cancel(1 + rho**2 - a_opt * lam_s - 2 * rho * x_of_lam)),
        equation=r"1 + \beta - \alpha\lambda - 2\rho\,x(\lambda) = "
        + _tex(sp.cancel(1 + rho**2 - a_opt * lam_s - 2 * rho * x_of_lam)),
    )
    proof.require(
        "The first polynomial has the same form: $p_1 = 1 - \\alpha\\lambda = \\rho(U_1(x) - "
        "\\rho U_0(x))$.",
        is_zero(sp.cancel(1 - a_opt * lam_s - rho * (2 * x_of_lam - rho))),
        equation=r"1 - \alpha\lambda - \rho(2x - \rho) = "
        + _tex(sp.cancel(1 - a_opt * lam_s - rho * (2 * x_of_lam - rho))),
    )
    r_ = sp.Symbol("r", positive=True)
    ok, at_l = True, True
    for k in range(1, 7):
        # α = 1 and λ = 1 + ρ² − 2ρx put αλ on the line 1 + β − αλ = 2ρx.
        hb = heavy_ball_residual(k).subs({alpha: 1, lam: 1 + r_**2 - 2 * r_ * _x, beta: r_**2})
        ok = ok and is_zero(hb - r_**k * (chebyshev_u(k) - r_ * chebyshev_u(k - 1)))
        at_l = at_l and is_zero(hb.subs(_x, -1) - (-1) ** k * r_**k * (1 + (1 + r_) * k))
    names = {r_: r"\rho", **LATEX_NAMES}
    hb3 = heavy_ball_residual(3).subs({alpha: 1, lam: 1 + r_**2 - 2 * r_ * _x, beta: r_**2})
    proof.require(
        "Run the recurrence with $\\alpha\\lambda = 1 + \\rho^2 - 2\\rho x$ and compare with "
        "$\\rho^k(U_k(x) - \\rho U_{k-1}(x))$ for $k = 1, \\dots, 6$, and at $x = -1$ "
        "($\\lambda = L$) with $(-1)^k\\rho^k(1 + (1 + \\rho)k)$; the case $k = 3$ is shown.",
        ok and at_l,
        equation=r"p_3 - \rho^3(U_3 - \rho U_2) = "
        + sp.latex(
            sp.expand(hb3 - r_**3 * (chebyshev_u(3) - r_ * chebyshev_u(2))), symbol_names=names
        )
        + r", \qquad p_3\big|_{x=-1} = "
        + sp.latex(sp.factor(hb3.subs(_x, -1)), symbol_names=names),
    )
    proof.step(
        "For all $k$: $\\rho^k(U_k - \\rho U_{k-1})$ satisfies the same linear recurrence as "
        "$p_k$ (both $U_k$ and $U_{k-1}$ do) with the same $p_0$ and $p_1$, so they agree."
    )
    proof.require(
        "At the ends of $[-1, 1]$, $U_k(1) = k + 1$ and $U_k(-1) = (-1)^k(k + 1)$: the linear "
        "sequence $k + 1$ solves the recurrence at $x = 1$ (checked for $k < 8$ too).",
        is_zero((_k + 2) - (2 * (_k + 1) - _k))
        and all(
            chebyshev_u(k).subs(_x, 1) == k + 1
            and chebyshev_u(k).subs(_x, -1) == (-1) ** k * (k + 1)
            for k in range(8)
        ),
        equation=r"(k + 2) - \big(2(k + 1) - k\big) = "
        + _tex(sp.expand((_k + 2) - (2 * (_k + 1) - _k)))
        + rf", \qquad U_7(-1) = {chebyshev_u(7).subs(_x, -1)}",
    )
    proof.step(
        "Since $|U_k(\\cos t)| = |\\sin((k + 1)t)/\\sin t| \\le k + 1$ on $[-1, 1]$, "
        "$|p_k| \\le \\rho^k((k + 1) + \\rho k)$, with equality at $x = -1$ ($\\lambda = L$): "
        "$\\max|p_k| = \\rho^k(1 + (1 + \\rho)k)$."
    )
    kk = sp.Symbol("k", integer=True, nonnegative=True)
    rr = sp.Symbol("rho", positive=True)
    ratio = (1 + (1 + rr) * kk) * (1 + rr ** (2 * kk)) / 2
    proof.require(
        "Divide by the Chebyshev value $2\\rho^k/(1 + \\rho^{2k})$: the ratio minus one is "
        "$0$ at $k = 0$ and $\\ge 0$ for $k \\ge 1$, because $(1 + \\rho)k(1 + \\rho^{2k}) "
        "\\ge 1 \\ge 1 - \\rho^{2k}$. Hence optimal heavy ball has $\\max|p_k| = \\rho^k(1 + "
        "(1 + \\rho)k)$, Chebyshev's rate with a larger constant, which is the statement.",
        is_zero(ratio - 1 - ((1 + rr) * kk * (1 + rr ** (2 * kk)) - (1 - rr ** (2 * kk))) / 2)
        and ratio.subs(kk, 0) == 1,
        ratio,
        equation=r"2\left(\frac{\rho^k(1 + (1 + \rho)k)}{2\rho^k/(1 + \rho^{2k})} - 1\right)"
        r" = " + _tex(sp.collect(sp.expand(2 * (ratio - 1)), kk)),
    )
    return proof
