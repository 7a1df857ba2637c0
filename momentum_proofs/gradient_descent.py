"""Gradient descent on a convex quadratic, one eigenspace at a time.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), sections "First Steps: Gradient Descent",
"Decomposing the Error" and "Choosing A Step-size".

The change of basis is proven with a generic 3×3 rotation in rational form
(the Cayley/Euler–Rodrigues parametrisation by a vector (p, q, t) with
symbolic entries), so QᵀQ = I holds as a rational identity and no numeric sampling is
involved.  The optimal step is derived as a minimax with an exact lower bound
(a convex combination of the two end rates) and :func:`optimal_parameters`
hands the derived expressions to :mod:`momentum_proofs.tune`.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._kernel import Kernel, tuning_kernel
from ._registry import claim
from .proof import Proof, differs_at, is_zero
from .symbols import L, alpha, mu, s

# The method as data: w⁺ = w − α∇f(w) (read by momentum_proofs.methods).
SPEC = {
    "parameters": ["alpha"],
    "state": ["w"],
    "iterate": "w",
    "update": {"w": "w - alpha*grad(w)"},
}


_DISTILL = "distill"
_FIRST = "First Steps: Gradient Descent"
_STEP = "Choosing A Step-size"

_p, _q, _t = sp.symbols("p q t", real=True)
_lams = sp.symbols("lam1:4", positive=True)
_th = sp.Symbol("theta", positive=True)
_kk = sp.Symbol("k", integer=True, nonnegative=True)


def _is_zero_matrix(m: sp.Matrix) -> bool:
    return all(is_zero(sp.cancel(entry)) for entry in m)


@functools.cache
def _rotation_parts() -> tuple[sp.Matrix, sp.Expr]:
    """Numerator M (polynomial entries) and denominator n of the rotation Q = M/n."""
    v = sp.Matrix([_p, _q, _t])
    K = sp.Matrix([[0, -_t, _q], [_t, 0, -_p], [-_q, _p, 0]])
    norm2 = _p**2 + _q**2 + _t**2
    # Euler–Rodrigues form of (I + K)(I − K)⁻¹: polynomial entries over 1 + |v|².
    return (1 - norm2) * sp.eye(3) + 2 * v * v.T + 2 * K, 1 + norm2


@functools.cache
def rotation() -> sp.Matrix:
    """A generic rotation of R³ with rational entries (Cayley/Euler–Rodrigues parametrisation).

    Every rotation without a half-turn is of this form for some (p, q, t); the
    proofs use only QᵀQ = I, which is checked as a polynomial identity.

    >>> Q = rotation()
    >>> print(sp.simplify(Q.T * Q) == sp.eye(3))
    True
    """
    M, n = _rotation_parts()
    return M / n


@functools.cache
def quadratic_matrix() -> sp.Matrix:
    """A = Q diag(λ₁, λ₂, λ₃) Qᵀ with the rotation above (columns of Q = eigenvectors).

    At p = q = t = 0 the rotation is I and A = diag(λ):

    >>> A = quadratic_matrix().subs({_p: 0, _q: 0, _t: 0})
    >>> print(A == sp.diag(*_lams))
    True
    """
    M, n = _rotation_parts()
    return (M * sp.diag(*_lams) * M.T).applyfunc(sp.expand) / n**2


@functools.cache
def conjugated() -> tuple[sp.Matrix, sp.Matrix]:
    """(QᵀQ, QᵀAQ) for the rotation above, as expanded numerators over powers of n.

    >>> qtq, qtaq = conjugated()
    >>> print(sp.simplify(qtq) == sp.eye(3))
    True
    """
    M, n = _rotation_parts()
    numerator_a = (M * sp.diag(*_lams) * M.T).applyfunc(sp.expand)  # n² A
    qtq = (M.T * M).applyfunc(sp.expand) / n**2
    qtaq = (M.T * numerator_a * M).applyfunc(sp.expand) / n**4
    return qtq, qtaq


@functools.cache
def optimal_parameters() -> dict[str, sp.Expr]:
    """The derived optimal step of gradient descent, in the symbols ``mu`` and ``L``.

    Keys ``alpha``, ``beta`` (0), ``rate`` and ``one_minus_rate`` (2μ/(μ + L),
    free of cancellation for ``log1p`` near ρ → 1).

    >>> p = optimal_parameters()
    >>> print(p["alpha"].subs({mu: 1, L: 3}), p["rate"].subs({mu: 1, L: 3}))
    1/2 1/2
    """
    step = sp.Symbol("step", positive=True)
    # The two end rates cross where 1 − αμ = αL − 1.
    (a_star,) = sp.solve(sp.Eq(1 - step * mu, step * L - 1), step)
    rate = sp.factor(1 - a_star * mu)
    return {
        "alpha": a_star,
        "beta": sp.Integer(0),
        "rate": rate,
        "one_minus_rate": sp.factor(a_star * mu),
    }


def kernels() -> list[Kernel]:
    """The tuned gradient descent printed for :mod:`numeric` (``gradient_descent_tuning``).

    The derived optimum is already free of cancellation: ρ = (L − μ)/(L + μ) has the
    exact difference of the inputs on top, 1 − ρ = 2μ/(L + μ) is a ratio of sums.

    >>> print([k.name for k in kernels()])
    ['gradient_descent_tuning']
    """
    derived = optimal_parameters()
    forms = {
        "alpha": 2 / (L + mu),
        "beta": sp.Integer(0),
        "rate": (L - mu) / (L + mu),
        "one_minus_rate": 2 * mu / (L + mu),
    }
    a, b = sp.symbols("a b", positive=True)
    return [tuning_kernel("gradient_descent", forms, derived, {mu: a**2, L: b**2}, "GD-OPTIMAL")]


@claim(
    "GD-CLOSED-FORM",
    title="Gradient descent in the eigenbasis: xᵢᵏ = (1 − αλᵢ)ᵏxᵢ⁰",
    seed=_DISTILL,
    section=_FIRST,
    quote="w^k - w^\\star = Qx^k=\\sum_i^n x^0_i(1-\\alpha\\lambda_i)^k q_i",
    statement=r"With $A=Q\,\mathrm{diag}(\lambda)Q^T$ and $x^k=Q^T(w^k-w^\star)$: "
    r"$x_i^{k}=(1-\alpha\lambda_i)^k x_i^0$ and $w^k-w^\star=\sum_i x_i^0(1-\alpha\lambda_i)^k q_i$",
)
def prove_closed_form() -> Proof:
    """Prove that gradient descent scales each eigencomponent of the error by (1 − αλᵢ) per step."""
    Q = rotation()
    eye = sp.eye(3)
    proof = Proof(True)
    qtq, qtaq = conjugated()
    proof.require("QᵀQ = I for the Cayley rotation (rational identity)", _is_zero_matrix(qtq - eye))
    proof.step("wᵏ⁺¹ − w* = (I − αA)(wᵏ − w*) since b = Aw*")
    step = qtq - alpha * qtaq  # Qᵀ(I − αA)Q
    proof.require(
        "Qᵀ(I − αA)Q = I − α diag(λ): in x = Qᵀ(w − w*) the coordinates decouple",
        _is_zero_matrix(step - (eye - alpha * sp.diag(*_lams))),
    )
    lam1 = _lams[0]
    proof.require(
        "induction: (1 − αλ)·(1 − αλ)ᵏ = (1 − αλ)ᵏ⁺¹, and (1 − αλ)⁰ = 1",
        is_zero(
            sp.powsimp((1 - alpha * lam1) * (1 - alpha * lam1) ** _kk)
            - (1 - alpha * lam1) ** (_kk + 1)
        ),
    )
    x0 = sp.Matrix(sp.symbols("x1:4", real=True))
    xk = sp.Matrix([(1 - alpha * _lams[i]) ** _kk * x0[i] for i in range(3)])
    by_columns = sum((xk[i] * Q[:, i] for i in range(3)), sp.zeros(3, 1))
    proof.require(
        "wᵏ − w* = Qxᵏ = Σᵢ xᵢ⁰(1 − αλᵢ)ᵏ qᵢ (qᵢ the columns of Q); QQᵀ = I inverts the change",
        _is_zero_matrix(Q * xk - by_columns) and _is_zero_matrix(Q * Q.T - eye),
    )
    return proof


@claim(
    "GD-BASIS",
    title="The change of basis is x = Qᵀ(w − w*) for A = Q diag(λ) Qᵀ",
    seed=_DISTILL,
    section=_FIRST,
    quote="If we perform a change of basis, xk=QT(wk−w⋆)x^{k} = Q^T(w^{k} - w^\\star)xk=QT(wk−w⋆), "
    "the iterations break apart, becoming:",
    statement=r"$x=Q^T(w-w^\star)$ diagonalises the iteration ($Q^TAQ=\mathrm{diag}(\lambda)$); "
    r"$x=Q(w-w^\star)$ does not ($QAQ^T\neq\mathrm{diag}(\lambda)$ unless $Q^2$ commutes with it)",
)
def prove_basis() -> Proof:
    """Prove that x = Qᵀ(w − w*), not Q(w − w*), diagonalises gradient descent."""
    Q = rotation()
    A = quadratic_matrix()
    proof = Proof(True)
    proof.require(
        "QᵀAQ = diag(λ₁, λ₂, λ₃)",
        _is_zero_matrix(conjugated()[1] - sp.diag(*_lams)),
    )
    point = {_p: 0, _q: 0, _t: sp.Rational(1, 2), _lams[0]: 1, _lams[1]: 2, _lams[2]: 3}
    wrong = (Q * A * Q.T)[0, 1]
    proof.require(
        "with x = Q(w − w*) the matrix is QAQᵀ, whose (1, 2) entry is not 0 at t = 1/2, λ = (1, 2, 3)",
        differs_at(wrong, sp.Integer(0), point),
        sp.cancel(wrong.subs(point)),
    )
    return proof


def _loss_term(factor: sp.Expr) -> sp.Expr:
    lam1, x1 = sp.symbols("lam_i x_i0", positive=True)
    return factor * (1 - alpha * lam1) ** (2 * _kk) * lam1 * x1**2


@claim(
    "GD-LOSS-SPLIT",
    uses=("GD-CLOSED-FORM",),
    title="Per-eigenspace split of f(wᵏ) − f(w*): the factor ½ is missing in print",
    seed=_DISTILL,
    section="Decomposing the Error",
    quote="f(w^{k})-f(w^{\\star})=\\sum(1-\\alpha\\lambda_{i})^{2k}\\lambda_{i}[x_{i}^{0}]^2",
    statement=r"$f(w^k)-f(w^\star)=\tfrac12\sum_i(1-\alpha\lambda_i)^{2k}\lambda_i[x_i^0]^2$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"f(w^{k})-f(w^{\star})=\sum(1-\alpha\lambda_{i})^{2k}\lambda_{i}[x_{i}^{0}]^2",
    corrected=r"f(w^{k})-f(w^{\star})=\tfrac12\sum_i(1-\alpha\lambda_{i})^{2k}\lambda_{i}[x_{i}^{0}]^2",
)
def prove_loss_split() -> Proof:
    """Prove f(wᵏ) − f(w*) = ½Σᵢ(1 − αλᵢ)²ᵏλᵢ(xᵢ⁰)², with the ½ the text omits."""
    # Step 1 holds for every symmetric A: a generic symmetric 3×3 matrix of symbols.
    a11, a12, a13, a22, a23, a33 = sp.symbols("a11 a12 a13 a22 a23 a33", real=True)
    S = sp.Matrix([[a11, a12, a13], [a12, a22, a23], [a13, a23, a33]])
    w = sp.Matrix(sp.symbols("w1:4", real=True))
    w_star = sp.Matrix(sp.symbols("ws1:4", real=True))
    b = S * w_star

    def f(v: sp.Matrix) -> sp.Expr:
        return (v.T * S * v)[0] / 2 - (b.T * v)[0]

    e = w - w_star
    proof = Proof(True)
    proof.require(
        "f(w) − f(w*) = ½(w − w*)ᵀA(w − w*) when b = Aw*, A symmetric (polynomial identity)",
        is_zero(sp.expand(f(w) - f(w_star) - (e.T * S * e)[0] / 2)),
    )
    proof.require(
        "with w − w* = Qx: (Qx)ᵀA(Qx) = xᵀ(QᵀAQ)x = Σ λᵢxᵢ², since QᵀAQ = diag(λ) entry by entry "
        "(Cayley rotation)",
        _is_zero_matrix(conjugated()[1] - sp.diag(*_lams)),
    )
    proof.step(
        "Substituting xᵢᵏ = (1 − αλᵢ)ᵏxᵢ⁰ (GD-CLOSED-FORM) gives ½ Σ (1 − αλᵢ)^{2k} λᵢ [xᵢ⁰]²"
    )
    printed, corrected = _loss_term(1), _loss_term(sp.Rational(1, 2))
    lam1, x1 = sp.symbols("lam_i x_i0", positive=True)
    point = {alpha: sp.Rational(1, 2), lam1: 1, x1: 1, _kk: 1}
    proof.printed_holds = not differs_at(printed, corrected, point)
    proof.require(
        "the printed sum (no ½) differs: one eigenvalue λ = 1, α = 1/2, x⁰ = 1, k = 1 gives 1/4, "
        "while f(w¹) − f(w*) = ½(1/2)² = 1/8",
        proof.printed_holds is False,
    )
    proof.note = (
        "erratum: all three renditions in the Distill file (plain text, LaTeX, plain text) "
        "print the sum without the factor 1/2, so no copy is right (rule: every rendition false "
        "as printed). The blog shows this formula only as an image."
    )
    return proof


@claim(
    "GD-STEP-INTERVAL",
    title="Gradient descent converges in eigenspace i iff 0 < αλᵢ < 2",
    seed=_DISTILL,
    section=_STEP,
    quote="All workable step-sizes, therefore, fall in the interval 0<αλi<2.0<\\alpha\\lambda_i<2.0<αλi<2.",
    statement=r"$|1-\alpha\lambda_i|<1 \iff 0<\alpha\lambda_i<2$",
)
def prove_step_interval() -> Proof:
    """Prove that gradient descent converges in eigenspace i exactly when 0 < αλᵢ < 2."""
    v = sp.Symbol("v", real=True)
    proof = Proof(True)
    proof.require(
        "(1 − v)² − 1 = v(v − 2), negative exactly for 0 < v < 2 (v = αλ)",
        is_zero(sp.expand((1 - v) ** 2 - 1 - v * (v - 2))),
    )
    return proof


@claim(
    "GD-OPTIMAL",
    title="Optimal step 2/(λ₁ + λₙ) and rate (κ − 1)/(κ + 1), derived as a minimax",
    seed=_DISTILL,
    section=_STEP,
    quote="\\text{optimal }\\alpha ~=~{\\mathop{\\text{argmin}}\\limits_\\alpha} ~\\text{rate}(\\alpha) "
    "& ~=~\\frac{2}{\\lambda_{1}+\\lambda_{n}}",
    statement=r"$\max_{\lambda\in[\lambda_1,\lambda_n]}|1-\alpha\lambda|=\max(|1-\alpha\lambda_1|,"
    r"|1-\alpha\lambda_n|)\ge\frac{\kappa-1}{\kappa+1}$ for every $\alpha$, with equality only at "
    r"$\alpha=2/(\lambda_1+\lambda_n)$",
)
def prove_optimal() -> Proof:
    """Prove that α = 2/(λ₁ + λₙ) minimises the worst rate, which is then (κ − 1)/(κ + 1)."""
    th = sp.Symbol("theta", nonnegative=True)
    proof = Proof(True)
    proof.require(
        "λ = (1 − θ)μ + θL gives 1 − αλ = (1 − θ)(1 − αμ) + θ(1 − αL), so by the triangle inequality "
        "the maximum over [μ, L] sits at an end",
        is_zero(
            sp.expand(
                (1 - alpha * ((1 - th) * mu + th * L))
                - ((1 - th) * (1 - alpha * mu) + th * (1 - alpha * L))
            )
        ),
    )
    wl, wr = L / (L + mu), mu / (L + mu)
    combo = wl * (1 - alpha * mu) + wr * (alpha * L - 1)
    proof.require(
        "L/(L + μ)·(1 − αμ) + μ/(L + μ)·(αL − 1) = (L − μ)/(L + μ) for every α, so the larger "
        "of |1 − αμ|, |1 − αL| is ≥ (κ − 1)/(κ + 1)",
        is_zero(combo - (L - mu) / (L + mu)),
    )
    opt = optimal_parameters()
    proof.step("Solve 1 − αμ = αL − 1", sp.Eq(alpha, opt["alpha"]))
    proof.require(
        "the derived α is the printed 2/(λ₁ + λₙ)",
        is_zero(opt["alpha"] - 2 / (mu + L)),
    )
    proof.require(
        "there 1 − αμ = αL − 1 = (κ − 1)/(κ + 1) (κ = L/μ): the bound is met",
        is_zero(opt["rate"] - (L / mu - 1) / (L / mu + 1))
        and is_zero((opt["alpha"] * L - 1) - opt["rate"]),
    )
    proof.require(
        "1 − ρ = 2μ/(μ + L) = 2/(κ + 1) (the form tune uses for log1p)",
        is_zero(opt["one_minus_rate"].subs(L, s**2 * mu) - 2 / (s**2 + 1)),
    )
    proof.step(
        "Equality needs both weighted terms at the bound with equal signs: 1 − αμ = αL − 1, "
        "so the optimum is unique"
    )
    return proof


@claim(
    "GD-FIRST",
    title="Which eigencomponents converge first, and for which α",
    seed=_DISTILL,
    section="Decomposing the Error",
    quote="For most step-sizes, the eigenvectors with largest eigenvalues converge the fastest.",
    statement=r"For $\lambda_i>\lambda_j$: $|1-\alpha\lambda_i|\le|1-\alpha\lambda_j| \iff "
    r"\alpha(\lambda_i+\lambda_j)\le 2$. So the components with the largest eigenvalues converge "
    r"fastest for $\alpha\le 2/(\lambda_{n-1}+\lambda_n)$; at $\alpha=2/(\lambda_1+\lambda_n)$ the first "
    r"and last tie, and beyond it $\lambda_n$ is the slowest",
)
def prove_first() -> Proof:
    """Prove which eigencomponents converge first, depending on the step α."""
    li, lj = sp.symbols("lam_i lam_j", positive=True)
    gap = sp.expand((1 - alpha * li) ** 2 - (1 - alpha * lj) ** 2)
    proof = Proof(True)
    proof.require(
        "(1 − αλᵢ)² − (1 − αλⱼ)² = α(λⱼ − λᵢ)(2 − α(λᵢ + λⱼ))",
        is_zero(gap - alpha * (lj - li) * (2 - alpha * (li + lj))),
        sp.factor(gap),
    )
    proof.step(
        "With λᵢ > λⱼ the factor α(λⱼ − λᵢ) is negative, so component i contracts at least as "
        "fast iff α(λᵢ + λⱼ) ≤ 2; over all pairs the tightest is (λ_{n−1}, λₙ)"
    )
    proof.require(
        "at α = 2/(λ₁ + λₙ) the rates of λ₁ and λₙ are equal",
        is_zero(gap.subs({li: L, lj: mu, alpha: 2 / (mu + L)})),
    )
    return proof
