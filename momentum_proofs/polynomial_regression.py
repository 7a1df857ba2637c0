"""Polynomial regression: eigenfeatures, early stopping and Tikhonov as spectral filters.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "Example: Polynomial Regression".

Fitting model(ξ) = Σ_j w_j ξ^{j−1} to data (ξ_i, d_i) by least squares is the
quadratic ½‖Zw − d‖² with the Vandermonde design Z, Hessian A = ZᵀZ = QΛQᵀ.
In the eigenbasis x = Qᵀw ("eigenfeatures" p̄_i = Σ_j q_ij p_j, q_ij the j-th
entry of the eigenvector q_i) the problem separates.  From w⁰ = 0, k steps of
gradient descent give x_iᵏ = φ_k(λ_i)·x_i* with the spectral filter
φ_k(λ) = 1 − (1 − αλ)ᵏ; Tikhonov regularisation with weight η gives the filter
λ/(λ + η).  What is proven about the two (``POLY-FILTERS``):

- both filters start at 0 with slopes kα and 1/η: they agree to first order iff
  η = 1/(αk);
- their half-points agree iff η = (1 − 2^{−1/k})/α, and αkη → ln 2;
- with η = 1/(αk), for every 0 ≤ αλ ≤ 1:
  λ/(λ + η) ≤ φ_k(λ) ≤ 2λ/(λ + η).

The noise in each least-squares eigencomponent has variance σ²/λ_i, so the
slowest directions are also the noisiest (``POLY-NOISE``); the filters damp it
to σ²φ_k(λ)²/λ ≤ σ²k²α²λ and σ²λ/(λ + η)².
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .proof import Proof, differs_at, is_zero
from .symbols import alpha, lam, latex

_DISTILL = "distill"
_SECTION = "Example: Polynomial Regression"

eta = sp.Symbol("eta", positive=True)
_c = sp.Symbol("c", real=True)  # the eigencomponent of b = Zᵀd
_k = sp.Symbol("k", integer=True, nonnegative=True)
_t = sp.Symbol("t", nonnegative=True)  # t = αλ
_u = sp.Symbol("u", nonnegative=True)  # u = kαλ


def early_stopping_filter() -> sp.Expr:
    """φ_k(λ) = 1 − (1 − αλ)ᵏ.

    >>> print(early_stopping_filter())
    1 - (-alpha*lam + 1)**k
    """
    return 1 - (1 - alpha * lam) ** _k


def tikhonov_filter() -> sp.Expr:
    """λ/(λ + η).

    >>> print(tikhonov_filter())
    lam/(eta + lam)
    """
    return lam / (lam + eta)


def design(xi: tuple, n: int) -> sp.Matrix:
    """The Vandermonde matrix with rows (1, ξ, …, ξⁿ⁻¹).

    >>> print(design((0, 1, 2), 2))
    Matrix([[1, 0], [1, 1], [1, 2]])
    """
    return sp.Matrix([[x**j for j in range(n)] for x in xi])


@functools.cache
def _example() -> tuple[sp.Matrix, sp.Matrix, list[sp.Expr]]:
    """Exact eigen-decomposition of ZᵀZ for ξ = (0, 1, 2), n = 2: (Z, Q, λ)."""
    z = design((0, 1, 2), 2)
    a = z.T * z
    pairs = []
    for value, _, vectors in a.eigenvects():
        vec = vectors[0]
        pairs.append((value, vec / sp.sqrt((vec.T * vec)[0])))
    pairs.sort(key=lambda p: float(p[0]))
    q = sp.Matrix.hstack(*[sp.simplify(v) for _, v in pairs])
    return z, q, [p[0] for p in pairs]


@claim(
    "POLY-QUADRATIC",
    title="Least-squares polynomial fitting is a quadratic with Hessian ZᵀZ",
    seed=_DISTILL,
    section=_SECTION,
    quote="minimizew12∑i(model(ξi)−di)2 = 12∥Zw−d∥2",
    statement=r"$\tfrac12\sum_i(\mathrm{model}(\xi_i)-d_i)^2=\tfrac12\|Zw-d\|^2"
    r"=\tfrac12w^TZ^TZw-(Z^Td)^Tw+\tfrac12\|d\|^2$, $Z_{ij}=\xi_i^{j-1}$",
)
def prove_quadratic() -> Proof:
    """Prove that least-squares polynomial fitting is a quadratic with Hessian ZᵀZ."""
    proof = Proof(True)
    m, n = 4, 3
    xi = sp.symbols("xi1:5", real=True)
    d = sp.Matrix(sp.symbols("d1:5", real=True))
    w = sp.Matrix(sp.symbols("w1:4", real=True))
    z = design(xi, n)
    model = [sum(w[j] * x**j for j in range(n)) for x in xi]
    sum_form = sum((model[i] - d[i]) ** 2 for i in range(m)) / 2
    norm_form = ((z * w - d).T * (z * w - d))[0] / 2
    quad_form = (w.T * z.T * z * w)[0] / 2 - ((z.T * d).T * w)[0] + (d.T * d)[0] / 2
    proof.require(
        f"Take $m = {m}$ data points and $n = {n}$ monomials, all symbolic. The sum of squared "
        "mismatches equals $\\tfrac12\\|Zw - d\\|^2$ as a polynomial identity in $\\xi$, "
        "$d$ and $w$.",
        is_zero(sum_form - norm_form),
        equation=r"\tfrac12\sum_i(\mathrm{model}(\xi_i) - d_i)^2 - \tfrac12\|Zw - d\|^2 = "
        + latex(sp.expand(sum_form - norm_form)),
    )
    proof.require(
        "Expand the norm: it is a quadratic in $w$ with Hessian $Z^TZ$ and linear term "
        "$-(Z^Td)^Tw$.",
        is_zero(norm_form - quad_form),
        equation=r"\tfrac12\|Zw - d\|^2 - \big(\tfrac12 w^TZ^TZw - (Z^Td)^Tw + "
        r"\tfrac12\|d\|^2\big) = " + latex(sp.expand(norm_form - quad_form)),
    )
    proof.step(
        "Hence the fit is the quadratic with $A = Z^TZ$ (positive definite when there are "
        "$m \\ge n$ distinct $\\xi_i$) and $b = Z^Td$, which is the statement."
    )
    return proof


@claim(
    "POLY-EIGENFEATURES",
    uses=("HB-BASIS",),
    title="Eigenfeatures: the problem separates in x = Qᵀw, not in the printed Qw",
    seed=_DISTILL,
    section=_SECTION,
    quote="First, we do a change of basis, by rotating www into QwQwQw, and counter-rotating our "
    "feature maps ppp into eigenspace, p¯\\bar{p}p¯. We can now conceptualize the same regression "
    "as one over a different polynomial basis, with the model model(ξ) = x1p¯1(ξ) + ⋯ + "
    "xnp¯n(ξ)p¯i=∑qijpj.",
    statement=r"With $Z^TZ=Q\Lambda Q^T$, $x=Q^Tw$ and $\bar p_i=\sum_j q_{ij}p_j$ ($q_{ij}$ the $j$-th "
    r"entry of $q_i$): $\mathrm{model}=\sum_i x_i\bar p_i$ and $\tfrac12\|Zw-d\|^2="
    r"\sum_i(\tfrac12\lambda_ix_i^2-c_ix_i)+\tfrac12\|d\|^2$, $c=Q^TZ^Td$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"x = Qw,\quad \bar p_i=\sum_j q_{ij}p_j\qquad(Q=[q_1,\ldots,q_n],\ q_{ij}=Q_{ij})",
    corrected=r"x = Q^Tw,\quad \bar p_i=\sum_j Q_{ji}\,p_j=q_i^T p",
)
def prove_eigenfeatures() -> Proof:
    """Prove that the fit separates in x = Qᵀw, and refute the printed x = Qw."""
    proof = Proof(True)
    n = 3
    q = sp.Matrix(n, n, sp.symbols("Q0:9"))
    x = sp.Matrix(sp.symbols("x1:4"))
    xi = sp.Symbol("xi")
    p = [xi**j for j in range(n)]
    w = q * x  # x = Qᵀw for orthogonal Q
    model_w = sum(w[j] * p[j] for j in range(n))
    bar_p = [sum(q[j, i] * p[j] for j in range(n)) for i in range(n)]
    proof.require(
        "Take a generic $3 \\times 3$ matrix $Q$ and $w = Qx$ (that is, $x = Q^Tw$ for an "
        "orthogonal $Q$). The model in the monomials equals the model in the eigenfeatures "
        "$\\bar p_i = \\sum_j (q_i)_j p_j$.",
        is_zero(model_w - sum(x[i] * bar_p[i] for i in range(n))),
        equation=r"\sum_j w_j p_j - \sum_i x_i \bar p_i = "
        + latex(sp.expand(model_w - sum(x[i] * bar_p[i] for i in range(n)))),
    )
    z, qe, lams = _example()
    a = z.T * z
    proof.require(
        "Example $\\xi = (0, 1, 2)$, $n = 2$: the normalised eigenvectors of $Z^TZ$ form an "
        "orthogonal $Q$ that diagonalises it, exactly.",
        all(is_zero(e) for e in qe.T * qe - sp.eye(2))
        and all(is_zero(e) for e in qe.T * a * qe - sp.diag(*lams)),
        equation=r"Q^TQ = "
        + latex((qe.T * qe).applyfunc(lambda e: sp.radsimp(sp.expand(e))))
        + r", \qquad Q^TZ^TZQ = "
        + latex((qe.T * a * qe).applyfunc(lambda e: sp.radsimp(sp.expand(e)))),
    )
    d = sp.Matrix(sp.symbols("d1:4", real=True))
    xs = sp.Matrix(sp.symbols("x1:3", real=True))
    c = qe.T * z.T * d
    objective = ((z * qe * xs - d).T * (z * qe * xs - d))[0] / 2
    separated = sum(lams[i] * xs[i] ** 2 / 2 - c[i] * xs[i] for i in range(2)) + (d.T * d)[0] / 2
    proof.require(
        "In the coordinates $x = Q^Tw$ the objective separates into one problem in one "
        "variable per eigenfeature, with $c = Q^TZ^Td$.",
        is_zero(sp.expand(objective - separated)),
        equation=r"\tfrac12\|ZQx - d\|^2 - \sum_i\big(\tfrac12\lambda_i x_i^2 - c_i x_i\big)"
        r" - \tfrac12\|d\|^2 = " + latex(sp.radsimp(sp.expand(objective - separated))),
    )
    # As printed, x = Qw with the columns of Q the eigenvectors (the file's convention,
    # A = Q diag(λ) Qᵀ, Q = [q₁, …, qₙ]).  Then w = Qᵀx and the Hessian in x is Q ZᵀZ Qᵀ:
    # the model is still Σ xᵢ p̄ᵢ with p̄ᵢ = Σⱼ Q_ij pⱼ, but the coordinates are coupled.
    # The eigenvectors' signs are free; with q₂ negated, Q is a rotation, not symmetric
    # (a symmetric Q would hide the transpose).
    rotation = qe * sp.diag(1, -1)
    hess_printed = rotation * a * rotation.T
    coupling = sp.radsimp(sp.simplify(hess_printed[0, 1]))
    proof.printed_holds = not differs_at(coupling, sp.Integer(0), {})
    proof.require(
        "As printed, $x = Qw$, so $w = Q^Tx$: in the same example with $q_2$ negated ($Q$ a "
        "rotation, still diagonalising $Z^TZ$) the Hessian in $x$ is $QZ^TZQ^T$, whose "
        "off-diagonal entry is not zero, so the coordinates do not separate. Hence the "
        "problem separates in $x = Q^Tw$, not in the printed $Qw$, which is the statement.",
        proof.printed_holds is False
        and all(is_zero(e) for e in rotation.T * a * rotation - sp.diag(*lams)),
        coupling,
        equation=r"(QZ^TZQ^T)_{12} = " + latex(coupling) + r" \ne 0",
    )
    proof.note = (
        "Erratum by the rule 'every rendition is false as printed': the file defines "
        "Q = [q₁, …, qₙ] (eigenvectors as columns) and uses x = Qᵀ(w − w*) in the "
        "gradient-descent section, but here all three renditions rotate w 'into Qw' and write "
        "p̄_i = Σ q_ij p_j, which under that convention is p̄ = Qp.  With x = Qw the problem "
        "does not separate (exact counterexample above).  Read with x = Qᵀw, p̄_i = Σ_j (q_i)_j "
        "p_j, the j-th entry of q_i, and the separation holds: the same transpose as HB-BASIS."
    )
    return proof


@claim(
    "POLY-EARLY-STOPPING",
    title="k steps of gradient descent from 0 apply the filter 1 − (1 − αλ)ᵏ",
    seed=_DISTILL,
    section=_SECTION,
    quote="This effect is harnessed with the heuristic of early stopping : by stopping the "
    "optimization early, you can often get better generalizing results.",
    statement=r"From $w^0=0$: $x_i^k=\big(1-(1-\alpha\lambda_i)^k\big)\,x_i^\star$, $x_i^\star=c_i/\lambda_i$",
    reconstructed=True,
)
def prove_early_stopping() -> Proof:
    """Prove that k steps of gradient descent from 0 apply the filter 1 − (1 − αλ)ᵏ."""
    proof = Proof(True)
    x_star = _c / lam
    xk = early_stopping_filter() * x_star
    step = xk - alpha * (lam * xk - _c)
    proof.require(
        "Base: in an eigenfeature with minimiser $x^\\star = c/\\lambda$, the filter vanishes "
        "at $k = 0$, so the claimed $x^0$ is the start $0$.",
        is_zero(xk.subs(_k, 0)),
        equation=r"\varphi_0(\lambda)\,x^\star = " + latex(xk.subs(_k, 0)),
    )
    gap = sp.powsimp(sp.expand(step - xk.subs(_k, _k + 1), power_exp=True))
    proof.require(
        "Induction: one gradient step $x \\mapsto x - \\alpha(\\lambda x - c)$ maps "
        "$\\varphi_k x^\\star$ to $\\varphi_{k+1} x^\\star$. Hence $x^k = (1 - (1 - "
        "\\alpha\\lambda)^k)\\,x^\\star$ for every $k$, which is the statement.",
        is_zero(gap),
        equation=r"\varphi_k x^\star - \alpha(\lambda\varphi_k x^\star - c) - "
        r"\varphi_{k+1}x^\star = " + latex(gap),
    )
    proof.note = (
        "The text shows the effect only in a figure; the filter is reconstructed from the "
        "closed form of gradient descent in the eigenbasis (section 'First Steps')."
    )
    return proof


@claim(
    "POLY-TIKHONOV",
    title="Tikhonov regularisation applies the filter λ/(λ + η)",
    seed=_DISTILL,
    section=_SECTION,
    quote="Indeed, the effect of early stopping is very similar to that of more conventional "
    "methods of regularization, such as Tikhonov Regression.",
    statement=r"$\arg\min_w\tfrac12\|Zw-d\|^2+\tfrac\eta2\|w\|^2$ has $x_i=\frac{\lambda_i}{\lambda_i+\eta}x_i^\star$",
    reconstructed=True,
)
def prove_tikhonov() -> Proof:
    """Prove that Tikhonov regularisation applies the filter λ/(λ + η)."""
    proof = Proof(True)
    x = sp.Symbol("x", real=True)
    f = lam * x**2 / 2 - _c * x + eta * x**2 / 2  # ‖w‖² = ‖x‖² since Q is orthogonal
    (root,) = sp.solve(sp.diff(f, x), x)
    proof.require(
        "Since $Q$ is orthogonal, $\\|w\\| = \\|x\\|$ and the regularised objective "
        "separates too; in one eigenfeature, set the derivative of $\\tfrac12\\lambda x^2 - cx "
        "+ \\tfrac\\eta2 x^2$ to zero. Its root is the filter times $x^\\star = c/\\lambda$.",
        is_zero(root - tikhonov_filter() * _c / lam),
        root,
        equation=rf"x = {latex(root)} = {latex(tikhonov_filter())} \cdot x^\star",
    )
    z, qe, lams = _example()
    a = z.T * z
    resolvent = qe.T * (a + eta * sp.eye(2)).inv() * qe - sp.diag(*[1 / (v + eta) for v in lams])
    proof.require(
        "Check on the example $\\xi = (0, 1, 2)$ that the regularised solve is diagonal in "
        "the eigenbasis with entries $1/(\\lambda_i + \\eta)$, exactly. Hence Tikhonov "
        "regularisation applies the filter $\\lambda/(\\lambda + \\eta)$, which is the "
        "statement.",
        all(is_zero(sp.simplify(e)) for e in resolvent),
        equation=r"Q^T(A + \eta I)^{-1}Q - \mathrm{diag}\Big(\frac{1}{\lambda_i + \eta}\Big) = "
        + latex(resolvent.applyfunc(sp.simplify)),
    )
    return proof


@claim(
    "POLY-FILTERS",
    title="How the early-stopping and Tikhonov filters relate",
    seed=_DISTILL,
    section=_SECTION,
    quote="Both methods try to suppress the components of the smallest eigenvalues directly, "
    "though they employ different methods of spectral decay.",
    statement=r"(i) slopes at $\lambda=0$: $k\alpha$ and $1/\eta$; (ii) half-points "
    r"$\lambda=(1-2^{-1/k})/\alpha$ and $\lambda=\eta$, with $k(1-2^{-1/k})\to\ln2$; (iii) with "
    r"$\eta=1/(\alpha k)$ and $0\le\alpha\lambda\le1$: $\frac{\lambda}{\lambda+\eta}\le1-(1-\alpha\lambda)^k"
    r"\le\frac{2\lambda}{\lambda+\eta}$",
)
def prove_filters() -> Proof:
    """Prove how the early-stopping and Tikhonov filters compare (slopes, half-points, bounds)."""
    proof = Proof(True)
    phi, tik = early_stopping_filter(), tikhonov_filter()
    slope_phi = sp.diff(phi, lam).subs(lam, 0)
    slope_tik = sp.diff(tik, lam).subs(lam, 0)
    proof.require(
        "Differentiate the early-stopping filter $\\varphi_k(\\lambda) = 1 - (1 - "
        "\\alpha\\lambda)^k$ and the Tikhonov filter $T(\\lambda) = \\lambda/(\\lambda + "
        "\\eta)$ at $\\lambda = 0$: both start at $0$, with slopes $k\\alpha$ and "
        "$1/\\eta$, so they agree to first order iff $\\eta = 1/(\\alpha k)$.",
        phi.subs(lam, 0) == 0
        and is_zero(slope_phi - _k * alpha)
        and tik.subs(lam, 0) == 0
        and is_zero(slope_tik - 1 / eta),
        equation=rf"\varphi_k(0) = {latex(phi.subs(lam, 0))}, \quad \varphi_k'(0) = "
        rf"{latex(sp.simplify(slope_phi))}, \quad T(0) = {latex(tik.subs(lam, 0))}, \quad "
        rf"T'(0) = {latex(slope_tik)}",
    )
    kp = sp.Symbol("k", positive=True)
    half = (1 - 2 ** (-1 / kp)) / alpha
    phi_half = sp.powsimp(1 - (1 - alpha * half) ** kp)
    proof.require(
        "The half-points: $\\varphi_k$ reaches $\\tfrac12$ at $\\lambda = (1 - 2^{-1/k})/"
        "\\alpha$ and $T$ at $\\lambda = \\eta$.",
        is_zero(phi_half - sp.Rational(1, 2)) and is_zero(tik.subs(lam, eta) - sp.Rational(1, 2)),
        equation=rf"\varphi_k\Big(\frac{{1 - 2^{{-1/k}}}}{{\alpha}}\Big) = {latex(phi_half)},"
        rf" \qquad T(\eta) = {latex(tik.subs(lam, eta))}",
    )
    matched = sp.limit(kp * (1 - 2 ** (-1 / kp)), kp, sp.oo)
    proof.require(
        "Matching the half-points gives $\\alpha k\\eta = k(1 - 2^{-1/k})$, whose limit "
        "for many steps is $\\ln 2$.",
        is_zero(matched - sp.log(2)),
        equation=rf"\lim_{{k \to \infty}} k(1 - 2^{{-1/k}}) = {latex(matched)}",
    )
    # (iii) t = αλ ∈ [0, 1], u = kt; with η = 1/(αk) the Tikhonov filter is u/(1 + u).
    tik_u = sp.factor(tik.subs(eta, 1 / (alpha * _k)))
    proof.require(
        "For the bounds set $\\eta = 1/(\\alpha k)$, $t = \\alpha\\lambda \\in [0, 1]$ and "
        "$u = kt$: the Tikhonov filter becomes $u/(1 + u)$.",
        is_zero(tik.subs(eta, 1 / (alpha * _k)) - (_k * alpha * lam) / (1 + _k * alpha * lam)),
        equation=r"T(\lambda)\big|_{\eta = 1/(\alpha k)} = " + latex(tik_u),
    )
    g = sp.exp(-_t) - (1 - _t)
    proof.require(
        "The function $g(t) = e^{-t} - (1 - t)$ starts at $0$ and has a nonnegative derivative "
        "for $t \\ge 0$, so $1 - t \\le e^{-t}$ and $(1 - t)^k \\le e^{-kt}$ on $[0, 1]$.",
        g.subs(_t, 0) == 0 and is_zero(sp.diff(g, _t) - (1 - sp.exp(-_t))),
        equation=rf"g(0) = {latex(g.subs(_t, 0))}, \qquad g'(t) = {latex(sp.diff(g, _t))}",
    )
    h = 1 / (1 + _u) - sp.exp(-_u)
    proof.require(
        "The same inequality, $e^u \\ge 1 + u$, gives $e^{-u} \\le 1/(1 + u)$; so the lower "
        "bound $\\varphi_k \\ge 1 - e^{-u} \\ge u/(1 + u)$ holds.",
        is_zero(h - (sp.exp(-_u) * (sp.exp(_u) - 1 - _u)) / (1 + _u)),
        equation=r"\frac{1}{1 + u} - e^{-u} = "
        + latex(sp.factor(sp.exp(-_u) * (sp.exp(_u) - 1 - _u)) / (1 + _u))
        + r" \ge 0",
    )
    kk = sp.Symbol("k", nonnegative=True)
    bern = sp.expand((1 - kk * _t) * (1 - _t) - (1 - (kk + 1) * _t))
    proof.require(
        "Bernoulli's inequality $(1 - t)^k \\ge 1 - kt$ by induction on $k$: multiplying by "
        "$1 - t \\ge 0$ leaves a nonnegative remainder. So $\\varphi_k \\le \\min(1, u)$.",
        is_zero((1 - kk * _t) * (1 - _t) - (1 - (kk + 1) * _t) - kk * _t**2),
        equation=r"(1 - kt)(1 - t) - (1 - (k+1)t) = " + latex(bern) + r" \ge 0",
    )
    up1, up2 = sp.factor(2 * _u / (1 + _u) - _u), sp.factor(2 * _u / (1 + _u) - 1)
    proof.require(
        "Finally $\\min(1, u) \\le 2u/(1 + u)$: the first difference is $\\ge 0$ for "
        "$u \\le 1$, the second for $u \\ge 1$. Hence with $\\eta = 1/(\\alpha k)$ the "
        "filters satisfy $\\frac{\\lambda}{\\lambda + \\eta} \\le \\varphi_k(\\lambda) \\le "
        "\\frac{2\\lambda}{\\lambda + \\eta}$, and with (i) and (ii) this is the statement.",
        is_zero(2 * _u / (1 + _u) - _u - _u * (1 - _u) / (1 + _u))
        and is_zero(2 * _u / (1 + _u) - 1 - (_u - 1) / (1 + _u)),
        equation=rf"\frac{{2u}}{{1 + u}} - u = {latex(up1)}, \qquad \frac{{2u}}{{1 + u}} - 1 = "
        + latex(up2),
    )
    return proof


@claim(
    "POLY-NOISE",
    uses=("POLY-FILTERS",),
    title="Noise sensitivity of each eigencomponent: variance σ²/λ_i",
    seed=_DISTILL,
    section=_SECTION,
    quote="give us exactly the decomposition we need to sort the features by its sensitivity to "
    "perturbations in did_idi’s.",
    statement=r"For $d\to d+\varepsilon$, $\varepsilon\sim N(0,\sigma^2I)$: $\mathrm{Var}\,\Delta x_i^\star="
    r"\sigma^2/\lambda_i$; after early stopping $\sigma^2\varphi_k(\lambda_i)^2/\lambda_i\le\sigma^2k^2\alpha^2"
    r"\lambda_i$; after Tikhonov $\sigma^2\lambda_i/(\lambda_i+\eta)^2$",
)
def prove_noise() -> Proof:
    """Prove each eigencomponent's noise variance σ²/λᵢ, and what each filter does to it."""
    proof = Proof(True)
    z, qe, lams = _example()
    sig = sp.Symbol("sigma", positive=True)
    m = z.shape[0]
    eps = sp.symbols("e1:4", real=True)
    ok = True
    variances = []
    for i in range(2):
        delta = (qe[:, i].T * z.T * sp.Matrix(eps))[0] / lams[i]
        # E[ε_a ε_b] = σ² δ_ab: the variance is σ² times the sum of squared coefficients.
        coeffs = [sp.diff(delta, e) for e in eps]
        variance = sig**2 * sum(cf**2 for cf in coeffs)
        variances.append(variance)
        ok = ok and is_zero(sp.simplify(variance - sig**2 / lams[i]))
    proof.require(
        f"Example $\\xi = (0, 1, 2)$ ($m = {m}$): a perturbation $\\varepsilon$ of the data "
        "moves the minimiser's eigencomponent by $\\Delta x_i^\\star = q_i^TZ^T\\varepsilon/"
        "\\lambda_i$, whose variance (the sum of its squared coefficients times $\\sigma^2$) "
        "is exactly $\\sigma^2/\\lambda_i$; the smaller eigenvalue's is shown.",
        ok,
        equation=r"\mathrm{Var}\,\Delta x_1^\star = "
        + latex(sp.radsimp(sp.simplify(variances[0])))
        + r" = \frac{\sigma^2}{\lambda_1}",
    )
    proof.step(
        "In general $\\|Zq_i\\|^2 = q_i^TZ^TZq_i = \\lambda_i$, so $\\mathrm{Var}\\,\\Delta "
        "x_i^\\star = \\sigma^2\\|Zq_i\\|^2/\\lambda_i^2 = \\sigma^2/\\lambda_i$."
    )
    es_bound = (_k * alpha * lam) ** 2 * sig**2 / lam
    proof.require(
        "Early stopping multiplies the component by $\\varphi_k \\le k\\alpha\\lambda$ "
        "(Bernoulli, POLY-FILTERS), so its variance is at most",
        is_zero(es_bound - sig**2 * _k**2 * alpha**2 * lam),
        equation=r"\varphi_k^2\frac{\sigma^2}{\lambda} \le (k\alpha\lambda)^2\frac{\sigma^2}"
        r"{\lambda} = " + latex(es_bound),
    )
    tik_var = sp.simplify(tikhonov_filter() ** 2 * sig**2 / lam)
    proof.require(
        "Tikhonov multiplies it by $\\lambda/(\\lambda + \\eta)$. Hence each eigencomponent's "
        "noise variance is $\\sigma^2/\\lambda_i$, damped as above by each filter, which is "
        "the statement.",
        is_zero(tikhonov_filter() ** 2 * sig**2 / lam - sig**2 * lam / (lam + eta) ** 2),
        equation=r"\Big(\frac{\lambda}{\lambda + \eta}\Big)^2\frac{\sigma^2}{\lambda} = "
        + latex(tik_var),
    )
    return proof
