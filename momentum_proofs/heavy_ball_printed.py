"""Printed heavy-ball formulas audited against their derivations.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "The Dynamics of Momentum".

Two formulas of that section are wrong as printed, in every rendition the
file carries (plain text, LaTeX, plain text again), so both are errata by the
rule of ``seeds/README.md``:

- the eigen-decomposition of Rᵏ, whose projector R_j = (R − σ_j I)/(σ₁ − σ₂)
  pairs each σ_j with the wrong projector (at k = 0 the printed sum is −I);
- the change of basis x = Q(w − w*), y = Qz, which should be Qᵀ for
  A = Q diag(λ) Qᵀ (the gradient-descent section of the same file prints Qᵀ).

Each is refuted exactly at a rational point (:func:`~momentum_proofs.proof.differs_at`)
and its correction is proven.

The blog's copy of the section (``seeds/000_5a449e681689af02.txt``) adds a third,
typographic one: the article's footnote marker 4 is glued to the rate as
"max{|σ₁|, |σ₂|}^4", which reads as a fourth power (claim HB-RATE-BLOG).
"""

from __future__ import annotations

import sympy as sp

from . import gradient_descent as gd
from . import heavy_ball as hb
from ._registry import claim
from ._tex import reduced, tex
from .proof import Proof, differs_at, is_zero
from .symbols import alpha, beta, lam

_DISTILL = "distill"
_DYNAMICS = "The Dynamics of Momentum"

_s1, _s2 = sp.symbols("sigma_1 sigma_2", nonzero=True)
_kk = sp.Symbol("k", integer=True, nonnegative=True)
# Generic 2×2 matrix: the identities below are linear in R.
_R = sp.Matrix(2, 2, sp.symbols("R11 R12 R21 R22"))
_I = sp.eye(2)


def printed_power(R: sp.Matrix, s1: sp.Expr, s2: sp.Expr, k: sp.Expr) -> sp.Matrix:
    """Rᵏ as printed for σ₁ ≠ σ₂: σ₁ᵏR₁ − σ₂ᵏR₂ with R_j = (R − σ_jI)/(σ₁ − σ₂).

    At k = 0 the printed sum is −I instead of I:

    >>> print(printed_power(_R, _s1, _s2, 0).applyfunc(sp.simplify))
    Matrix([[-1, 0], [0, -1]])
    """
    eye = sp.eye(2)
    r1 = (R - s1 * eye) / (s1 - s2)
    r2 = (R - s2 * eye) / (s1 - s2)
    return s1**k * r1 - s2**k * r2


def corrected_power(R: sp.Matrix, s1: sp.Expr, s2: sp.Expr, k: sp.Expr) -> sp.Matrix:
    """Rᵏ for σ₁ ≠ σ₂: σ₁ᵏ(R − σ₂I)/(σ₁ − σ₂) − σ₂ᵏ(R − σ₁I)/(σ₁ − σ₂) (Lagrange interpolation).

    At k = 1 it gives R back:

    >>> print((corrected_power(_R, _s1, _s2, 1) - _R).applyfunc(sp.simplify))
    Matrix([[0, 0], [0, 0]])
    """
    eye = sp.eye(2)
    return (s1**k * (R - s2 * eye) - s2**k * (R - s1 * eye)) / (s1 - s2)


@claim(
    "HB-POWER-PRINTED",
    uses=("HB-POWER",),
    title="The printed eigen-formula for Rᵏ swaps the projectors",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="\\color{black}{\\sigma_{1}^{k}}R_{1}-\\color{black}{\\sigma_{2}^{k}}R_{2} & \\sigma_{1}\\neq\\sigma_{2}",
    statement=r"For $\sigma_1\ne\sigma_2$: $R^k=\sigma_1^kR_1-\sigma_2^kR_2$ with "
    r"$R_j=(R-\sigma_{3-j}I)/(\sigma_1-\sigma_2)$; for $\sigma_1=\sigma_2$: "
    r"$R^k=\sigma_1^k(kR/\sigma_1-(k-1)I)$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"R^{k}=\sigma_{1}^{k}R_{1}-\sigma_{2}^{k}R_{2},\quad R_{j}=\frac{R-\sigma_{j}I}{\sigma_{1}-\sigma_{2}}",
    corrected=r"R^{k}=\sigma_{1}^{k}R_{1}-\sigma_{2}^{k}R_{2},\quad R_{j}=\frac{R-\sigma_{3-j}I}{\sigma_{1}-\sigma_{2}}",
)
def prove_power_printed() -> Proof:
    """Refute the printed eigen-formula for Rᵏ (its projectors are swapped) and prove the right one."""
    proof = Proof(True)
    # σ_j^k = σ_j P_j with P_j = σ_j^{k−1}: exact for σ_j ≠ 0 and integer k.
    P1, P2 = sp.symbols("P_1 P_2")
    beta_v = _s1 * _s2
    d_k = (_s1 * P1 - _s2 * P2) / (_s1 - _s2)
    d_km1 = (P1 - P2) / (_s1 - _s2)
    cayley = d_k * _R - beta_v * d_km1 * _I  # HB-POWER: Rᵏ = D_kR − βD_{k−1}I
    corrected = ((_s1 * P1) * (_R - _s2 * _I) - (_s2 * P2) * (_R - _s1 * _I)) / (_s1 - _s2)
    zero = (corrected - cayley).applyfunc(reduced)
    proof.require(
        "Write the corrected form with the projectors swapped back, "
        "$R^k = [\\sigma_1^k(R - \\sigma_2 I) - \\sigma_2^k(R - \\sigma_1 I)]/(\\sigma_1 - "
        "\\sigma_2)$, for a general $2 \\times 2$ matrix with $\\beta = \\sigma_1\\sigma_2$: "
        "it is entry by entry the Cayley–Hamilton form $D_k R - \\beta D_{k-1} I$ of claim "
        "HB-POWER.",
        all(is_zero(e) for e in corrected - cayley),
        equation=f"R^k_{{\\text{{corrected}}}} - (D_k R - \\beta D_{{k-1}} I) = {tex(zero)}",
    )
    at0 = corrected_power(_R, _s1, _s2, 0).applyfunc(sp.simplify)
    at1 = corrected_power(_R, _s1, _s2, 1).applyfunc(sp.simplify)
    proof.require(
        "At $k = 0$ and $k = 1$ the corrected form gives $I$ and $R$, as a power must.",
        all(is_zero(e) for e in corrected_power(_R, _s1, _s2, 0) - _I)
        and all(is_zero(e) for e in corrected_power(_R, _s1, _s2, 1) - _R),
        equation=f"R^0 = {tex(at0)}, \\qquad R^1 = {tex(at1)}",
    )
    sg, P = sp.symbols("sigma P", nonzero=True)
    double = sg * P * (_kk * _R / sg - (_kk - 1) * _I)
    cayley_double = _kk * P * _R - sg**2 * (_kk - 1) * (P / sg) * _I
    proof.require(
        "The printed double-root branch $\\sigma^k(kR/\\sigma - (k - 1)I)$ is right: it is "
        "$D_k R - \\beta D_{k-1} I$ with $D_k = k\\sigma^{k-1}$ and $\\beta = \\sigma^2$.",
        all(is_zero(e) for e in double - cayley_double),
        equation=f"\\sigma^k\\Big(\\frac{{kR}}{{\\sigma}} - (k-1)I\\Big) - "
        f"(D_k R - \\beta D_{{k-1}} I) = {tex((double - cayley_double).applyfunc(reduced))}",
    )
    # Exact refutation: α = 3/8, β = 1/8, λ = 1 has eigenvalues 1/2 and 1/4.
    point = {alpha: sp.Rational(3, 8), beta: sp.Rational(1, 8), lam: 1}
    R = hb.iteration_matrix()
    s1, s2 = hb.eigenvalues()
    printed1 = printed_power(R, s1, s2, 1)
    proof.printed_holds = not differs_at(printed1[0, 0], R[0, 0], point)
    proof.require(
        "The printed form with its projectors as printed fails already at $k = 1$: at "
        "$\\alpha = 3/8$, $\\beta = 1/8$, $\\lambda = 1$ (eigenvalues $1/2$ and $1/4$) its "
        "entry $(1, 1)$ is not $R_{11} = \\beta$.",
        proof.printed_holds is False and is_zero(printed1[0, 0].subs(point) + sp.Rational(5, 8)),
        equation=f"(R^1_{{\\text{{printed}}}})_{{11}} = "
        f"{tex(sp.simplify(printed1[0, 0].subs(point)))} \\ne "
        f"{tex(R[0, 0].subs(point))} = R_{{11}}",
    )
    printed0 = printed_power(_R, _s1, _s2, 0)
    proof.require(
        "Hence the printed formula is refuted, and in general its value at $k = 0$ is $-I$; "
        "the corrected form above is the statement.",
        all(is_zero(e) for e in printed0 + _I),
        equation=f"R^0_{{\\text{{printed}}}} = {tex(printed0.applyfunc(sp.simplify))}",
    )
    proof.note = (
        "erratum: the plain-text, LaTeX and second plain-text renditions in the Distill file all "
        "define R_j = (R − σ_j I)/(σ₁ − σ₂) with Rᵏ = σ₁ᵏR₁ − σ₂ᵏR₂, so every rendition is false "
        "as printed (rule: erratum when every rendition in the file is false). The blog shows "
        "the formula only as an image."
    )
    return proof


@claim(
    "HB-BASIS",
    uses=("GD-BASIS",),
    title="The momentum section's change of basis prints Q where Qᵀ is meant",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="Following [8], we go through the same motions, with the change of basis xk=Q(wk−w⋆) "
    "x^{k} = Q(w^{k} - w^\\star)xk=Q(wk−w⋆) and yk=Qzk y^{k} = Qz^{k}yk=Qzk,",
    statement=r"With $A=Q\,\mathrm{diag}(\lambda)Q^T$, the coordinates $x^k=Q^T(w^k-w^\star)$, "
    r"$y^k=Q^Tz^k$ satisfy $y_i^{k+1}=\beta y_i^k+\lambda_ix_i^k$, $x_i^{k+1}=x_i^k-\alpha y_i^{k+1}$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"x^{k} = Q(w^{k} - w^\star),\quad y^{k} = Qz^{k}",
    corrected=r"x^{k} = Q^T(w^{k} - w^\star),\quad y^{k} = Q^Tz^{k}",
)
def prove_basis_printed() -> Proof:
    """Refute the momentum section's change of basis with Q and prove it with Qᵀ."""
    Q = gd.rotation()
    A = gd.quadratic_matrix()
    lams = sp.symbols("lam1:4", positive=True)
    proof = Proof(True)
    names = {lams[0]: r"\lambda_1", lams[1]: r"\lambda_2", lams[2]: r"\lambda_3"}
    proof.step(
        "With $b = Aw^\\star$ heavy ball reads $z^{k+1} = \\beta z^k + A(w^k - w^\\star)$ "
        "and $w^{k+1} - w^\\star = (w^k - w^\\star) - \\alpha z^{k+1}$."
    )
    coupling = gd.conjugated()[1]
    proof.require(
        "Take $A = Q\\,\\mathrm{diag}(\\lambda)Q^T$ with a Cayley rotation $Q$ and set "
        "$x^k = Q^T(w^k - w^\\star)$, $y^k = Q^Tz^k$: the update becomes "
        "$y^{k+1} = \\beta y^k + Q^TAQ\\,x^k$, and $Q^TAQ$ is diagonal, so the components "
        "decouple.",
        all(is_zero(e) for e in coupling - sp.diag(*lams)),
        equation=f"Q^TAQ = {tex(coupling.applyfunc(sp.factor), names)}",
    )
    printed_coupling = Q * A * Q.T
    p, q, t = sp.symbols("p q t", real=True)
    point = {p: 0, q: 0, t: sp.Rational(1, 2), lams[0]: 1, lams[1]: 2, lams[2]: 3}
    proof.printed_holds = not differs_at(printed_coupling[0, 1], sp.Integer(0), point)
    proof.require(
        "Hence the printed $x^k = Q(w^k - w^\\star)$, $y^k = Qz^k$ is refuted: it leads to "
        "$y^{k+1} = \\beta y^k + QAQ^T x^k$, and $QAQ^T$ has a non-zero off-diagonal entry "
        "at $t = 1/2$, $\\lambda = (1, 2, 3)$, so the components stay coupled.",
        proof.printed_holds is False,
        equation=f"(QAQ^T)_{{12}} = {tex(sp.cancel(printed_coupling[0, 1].subs(point)))} \\ne 0",
    )
    proof.note = (
        "erratum: the Distill file prints Q (not Qᵀ) in the plain-text, LaTeX and second "
        "plain-text renditions of this sentence (rule: every rendition false as printed); the "
        "blog's copy also reads 'x^{k} = Q(w^{k}'. The same file's gradient-descent section "
        "prints the correct Qᵀ (claim GD-BASIS)."
    )
    return proof


_BLOG_POINT = {alpha: sp.Integer(1), beta: sp.Integer(0), lam: sp.Rational(1, 2)}


@claim(
    "HB-RATE-BLOG",
    title="The blog's rate “max{|σ₁|, |σ₂|}^4”: a footnote marker read as a fourth power",
    seed="blog",
    section=_DYNAMICS,
    quote="The convergence rate is therefore the slowest of the two rates, max{∣σ1∣,∣σ2∣}^4.",
    statement=r"The convergence rate is $\max\{|\sigma_1|,|\sigma_2|\}$, not its fourth power: at "
    r"$\alpha=1$, $\beta=0$, $\lambda=\tfrac12$ the error halves at every step, "
    r"$\rho=\tfrac12$, and $\rho^4=\rho$ only for $\rho\in\{0,1\}$",
    kind="printed-formula",
    rule="glued-marker",
    printed=r"\text{rate}=\max\{|\sigma_{1}|,|\sigma_{2}|\}^4",
    corrected=r"\text{rate}=\max\{|\sigma_{1}|,|\sigma_{2}|\}\quad(\text{footnote 4 of the article})",
    markers={"max{∣σ1∣,∣σ2∣}^4": 4},
)
def prove_blog_rate() -> Proof:
    """Prove that the rate is max(|σ₁|, |σ₂|), not its fourth power as the blog's footnote marker reads."""
    proof = Proof(True)
    R = hb.iteration_matrix().subs(_BLOG_POINT)
    rho = hb.spectral_radius().subs(_BLOG_POINT)
    proof.require(
        "Take $\\alpha = 1$, $\\beta = 0$, $\\lambda = 1/2$: the iteration matrix and its "
        "spectral radius are",
        is_zero(rho - sp.Rational(1, 2)),
        equation=f"R = {tex(R)}, \\qquad \\rho = {tex(sp.simplify(rho))}",
    )
    # From rest (y⁰ = 0) the error is xᵏ = (Rᵏ)₂₂ x⁰: it shrinks by exactly ρ per step.
    decay = [sp.simplify((R**k)[1, 1] - rho**k) for k in range(1, 9)]
    proof.require(
        "From rest the error is $x^k = (R^k)_{22}\\,x^0$; for $k = 1, \\dots, 8$ it is "
        "exactly $\\rho^k x^0$, so the error decays at the rate $\\rho$ itself.",
        all(is_zero((R**k)[1, 1] - rho**k) for k in range(1, 9)),
        equation=f"(R^k)_{{22}} - \\rho^k = {tex(sp.Tuple(*decay))}, \\quad k = 1, \\dots, 8",
    )
    r = sp.Symbol("rho", nonnegative=True)
    proof.require(
        "The fourth power equals the rate only at $\\rho = 0$ and $\\rho = 1$: the printed "
        "power is wrong at every rate of a method that converges and is not exact in one "
        "step.",
        set(sp.solve(r**4 - r, r)) == {0, 1},
        equation=f"\\{{\\rho \\ge 0 : \\rho^4 = \\rho\\}} = {tex(sp.FiniteSet(*sp.solve(r**4 - r, r)))}",
    )
    proof.printed_holds = not differs_at(rho**4, rho, {})
    proof.require(
        "Hence the printed fourth power is refuted at this point, and the rate is "
        "$\\max\\{|\\sigma_1|, |\\sigma_2|\\}$ itself, which is the statement.",
        proof.printed_holds is False,
        equation=f"\\rho^4 = {tex(sp.simplify(rho**4))} \\ne {tex(sp.simplify(rho))} = \\rho",
    )
    proof.note = (
        "Typography: the Distill article ends this sentence with footnote marker 4 on a line "
        "of its own; the blog, which has no other rendition of the sentence, glued it to the "
        "formula as '^4', so as printed the rate reads as the fourth power of the spectral "
        "radius (rule: false as printed in every rendition of that file)."
    )
    return proof
