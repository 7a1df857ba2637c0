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
from ._tex import reduced, tex
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
#: How the eigenvalue symbols are shown in the docs.
_NAMES = {x: rf"\lambda_{i}" for i, x in enumerate(_lams, 1)}


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
    proof.require(
        "Take $A = Q\\,\\mathrm{diag}(\\lambda)Q^T$ with $Q$ a Cayley rotation; it is "
        "orthogonal, a rational identity.",
        _is_zero_matrix(qtq - eye),
        equation=f"Q^TQ = {tex(qtq.applyfunc(sp.factor))}",
    )
    proof.step(
        "With $b = Aw^\\star$ a step reads $w^{k+1} - w^\\star = (I - \\alpha A)(w^k - w^\\star)$."
    )
    step = qtq - alpha * qtaq  # Qᵀ(I − αA)Q
    proof.require(
        "In $x = Q^T(w - w^\\star)$ that matrix is diagonal, so the coordinates decouple.",
        _is_zero_matrix(step - (eye - alpha * sp.diag(*_lams))),
        equation=f"Q^T(I - \\alpha A)Q = {tex(step.applyfunc(sp.factor), _NAMES)}",
    )
    lam1 = _lams[0]
    power = sp.powsimp((1 - alpha * lam1) * (1 - alpha * lam1) ** _kk)
    proof.require(
        "By induction on $k$ each coordinate is multiplied by $1 - \\alpha\\lambda_i$ per step: "
        "$(1 - \\alpha\\lambda_i)^0 = 1$, and one more factor raises the power by one.",
        is_zero(power - (1 - alpha * lam1) ** (_kk + 1)),
        equation=f"(1 - \\alpha\\lambda_1)(1 - \\alpha\\lambda_1)^k = {tex(power, _NAMES)}",
    )
    x0 = sp.Matrix(sp.symbols("x1:4", real=True))
    xk = sp.Matrix([(1 - alpha * _lams[i]) ** _kk * x0[i] for i in range(3)])
    by_columns = sum((xk[i] * Q[:, i] for i in range(3)), sp.zeros(3, 1))
    cols = sp.symbols("q1:4")
    shown = {**_NAMES, **{x: f"x_{i}^0" for i, x in enumerate(x0, 1)}}
    shown.update({q: f"q_{i}" for i, q in enumerate(cols, 1)})
    proof.require(
        "Hence, mapping back with $QQ^T = I$, the error is a sum over the columns $q_i$ of $Q$, "
        "each scaled by $(1 - \\alpha\\lambda_i)^k$: the statement.",
        _is_zero_matrix(Q * xk - by_columns) and _is_zero_matrix(Q * Q.T - eye),
        equation=f"w^k - w^\\star = Qx^k = {tex(sum(xk[i] * cols[i] for i in range(3)), shown)}",
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
        "With $x = Q^T(w - w^\\star)$ the step matrix involves $Q^TAQ$, which is diagonal for "
        "$A = Q\\,\\mathrm{diag}(\\lambda)Q^T$ (Cayley rotation $Q$), entry by entry.",
        _is_zero_matrix(conjugated()[1] - sp.diag(*_lams)),
        equation=f"Q^TAQ = {tex(conjugated()[1].applyfunc(sp.factor), _NAMES)}",
    )
    point = {_p: 0, _q: 0, _t: sp.Rational(1, 2), _lams[0]: 1, _lams[1]: 2, _lams[2]: 3}
    wrong = (Q * A * Q.T)[0, 1]
    proof.require(
        "Hence $Q^T$ is the right change of basis, which is the statement: with "
        "$x = Q(w - w^\\star)$ the matrix would be $QAQ^T$, whose off-diagonal entry is not "
        "zero at $t = 1/2$, $\\lambda = (1, 2, 3)$.",
        differs_at(wrong, sp.Integer(0), point),
        equation=f"(QAQ^T)_{{12}} = {tex(sp.cancel(wrong.subs(point)))} \\ne 0",
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
    gap = sp.expand(f(w) - f(w_star) - (e.T * S * e)[0] / 2)
    proof.require(
        "For every symmetric $A$ and $b = Aw^\\star$ the excess loss is half the quadratic "
        "form of the error: a polynomial identity in the entries.",
        is_zero(gap),
        equation=f"f(w) - f(w^\\star) - \\tfrac12 (w - w^\\star)^TA(w - w^\\star) = {tex(gap)}",
    )
    proof.require(
        "With $w - w^\\star = Qx$ the form is $x^T(Q^TAQ)x = \\sum_i \\lambda_i x_i^2$, as "
        "$Q^TAQ$ is diagonal entry by entry (Cayley rotation).",
        _is_zero_matrix(conjugated()[1] - sp.diag(*_lams)),
        equation=f"Q^TAQ = {tex(conjugated()[1].applyfunc(sp.factor), _NAMES)}",
    )
    printed, corrected = _loss_term(1), _loss_term(sp.Rational(1, 2))
    lam1, x1 = sp.symbols("lam_i x_i0", positive=True)
    shown = {lam1: r"\lambda_i", x1: "x_i^0", _kk: "k"}
    proof.step(
        "Substituting $x_i^k = (1 - \\alpha\\lambda_i)^k x_i^0$ (claim GD-CLOSED-FORM) gives the "
        "corrected sum, with the factor $\\tfrac12$.",
        equation=f"f(w^k) - f(w^\\star) = \\sum_i {tex(corrected, shown)}",
    )
    point = {alpha: sp.Rational(1, 2), lam1: 1, x1: 1, _kk: 1}
    proof.printed_holds = not differs_at(printed, corrected, point)
    proof.require(
        "Hence the printed sum, without the $\\tfrac12$, is refuted: for one eigenvalue "
        "$\\lambda = 1$, $\\alpha = 1/2$, $x^0 = 1$, $k = 1$ it gives twice the true excess loss.",
        proof.printed_holds is False,
        equation=f"\\text{{printed}} = {tex(printed.subs(point))} \\ne "
        f"{tex(corrected.subs(point))} = f(w^1) - f(w^\\star)",
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
    shown = {v: r"\alpha\lambda_i"}
    proof.require(
        "Hence, as the component shrinks exactly when $(1 - \\alpha\\lambda_i)^2 < 1$ and that "
        "difference factors as below, it converges exactly for $0 < \\alpha\\lambda_i < 2$: "
        "the statement.",
        is_zero(sp.expand((1 - v) ** 2 - 1 - v * (v - 2))),
        equation=f"(1 - \\alpha\\lambda_i)^2 - 1 = {tex(sp.factor((1 - v) ** 2 - 1), shown)}",
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
    lam_th = (1 - th) * mu + th * L
    proof.require(
        "Write $\\lambda = (1 - \\theta)\\mu + \\theta L$ with $0 \\le \\theta \\le 1$: the factor "
        "$1 - \\alpha\\lambda$ is the same convex combination of its values at the ends, so by "
        "the triangle inequality the largest $|1 - \\alpha\\lambda|$ on $[\\mu, L]$ is at an end.",
        is_zero(
            sp.expand(
                (1 - alpha * ((1 - th) * mu + th * L))
                - ((1 - th) * (1 - alpha * mu) + th * (1 - alpha * L))
            )
        ),
        equation=f"1 - \\alpha\\lambda = {tex(sp.collect(sp.expand(1 - alpha * lam_th), th))}",
    )
    wl, wr = L / (L + mu), mu / (L + mu)
    combo = wl * (1 - alpha * mu) + wr * (alpha * L - 1)
    proof.require(
        "A weighted mean of $1 - \\alpha\\mu$ and $\\alpha L - 1$ does not depend on $\\alpha$, "
        "so the larger of $|1 - \\alpha\\mu|$ and $|1 - \\alpha L|$ is at least "
        "$(\\kappa - 1)/(\\kappa + 1)$ for every $\\alpha$.",
        is_zero(combo - (L - mu) / (L + mu)),
        equation=f"\\frac{{L}}{{L + \\mu}}(1 - \\alpha\\mu) + \\frac{{\\mu}}{{L + \\mu}}(\\alpha L - 1) "
        f"= {tex(sp.factor(combo))}",
    )
    opt = optimal_parameters()
    proof.require(
        "Solve $1 - \\alpha\\mu = \\alpha L - 1$: the solution is the printed "
        "$2/(\\lambda_1 + \\lambda_n)$.",
        is_zero(opt["alpha"] - 2 / (mu + L)),
        equation=f"\\alpha^\\ast = {tex(opt['alpha'])}",
    )
    proof.require(
        "There both ends have the rate $(\\kappa - 1)/(\\kappa + 1)$, so the bound is met; "
        "equality needs both weighted terms at the bound with equal signs, so the optimum "
        "is unique.",
        is_zero(opt["rate"] - (L / mu - 1) / (L / mu + 1))
        and is_zero((opt["alpha"] * L - 1) - opt["rate"]),
        equation=f"1 - \\alpha^\\ast\\mu = \\alpha^\\ast L - 1 = {tex(opt['rate'])}",
    )
    proof.require(
        "Hence $\\alpha = 2/(\\lambda_1 + \\lambda_n)$ is optimal with rate "
        "$(\\kappa - 1)/(\\kappa + 1)$, which is the statement; its distance to 1, the form the "
        "tuner uses for accuracy, is below.",
        is_zero(opt["one_minus_rate"].subs(L, s**2 * mu) - 2 / (s**2 + 1)),
        equation=f"1 - \\rho = {tex(opt['one_minus_rate'])} = "
        f"{tex(sp.factor(opt['one_minus_rate'].subs(L, s**2 * mu)))}, \\qquad s^2 = \\kappa",
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
    shown = {li: r"\lambda_i", lj: r"\lambda_j"}
    proof.require(
        "Compare the squared per-step factors of two components.",
        is_zero(gap - alpha * (lj - li) * (2 - alpha * (li + lj))),
        equation=f"(1 - \\alpha\\lambda_i)^2 - (1 - \\alpha\\lambda_j)^2 = {tex(sp.factor(gap), shown)}",
    )
    proof.step(
        "With $\\lambda_i > \\lambda_j$ the factor $\\alpha(\\lambda_j - \\lambda_i)$ is negative, "
        "so component $i$ contracts at least as fast exactly when "
        "$\\alpha(\\lambda_i + \\lambda_j) \\le 2$; over all pairs the tightest is "
        "$(\\lambda_{n-1}, \\lambda_n)$."
    )
    equal = gap.subs({li: L, lj: mu, alpha: 2 / (mu + L)})
    proof.require(
        "Hence which components converge first depends on $\\alpha$ as stated; at the optimal "
        "$\\alpha = 2/(\\lambda_1 + \\lambda_n)$ the two extreme components have equal rates.",
        is_zero(equal),
        equation=f"(1 - \\alpha\\lambda_n)^2 - (1 - \\alpha\\lambda_1)^2 "
        f"\\Big|_{{\\alpha = 2/(\\lambda_1 + \\lambda_n)}} = {tex(reduced(equal))}",
    )
    return proof
