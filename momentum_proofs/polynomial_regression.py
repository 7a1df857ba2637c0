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
from .symbols import alpha, lam

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
        "m = 4 data, n = 3 monomials: the sum of squared mismatches is ½‖Zw − d‖² "
        "(polynomial identity in ξ, d, w)",
        is_zero(sum_form - norm_form),
    )
    proof.require("½‖Zw − d‖² = ½wᵀZᵀZw − (Zᵀd)ᵀw + ½‖d‖²", is_zero(norm_form - quad_form))
    proof.step("so A = ZᵀZ (positive definite when m ≥ n distinct ξ) and b = Zᵀd")
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
        "generic 3×3 Q, w = Qx: Σ_j w_j p_j = Σ_i x_i p̄_i with p̄_i = Σ_j (q_i)_j p_j",
        is_zero(model_w - sum(x[i] * bar_p[i] for i in range(n))),
    )
    z, qe, lams = _example()
    a = z.T * z
    proof.require(
        "example ξ = (0, 1, 2), n = 2: QᵀQ = I and QᵀZᵀZQ = diag(λ) exactly (λ = 4 ∓ √10)",
        all(is_zero(e) for e in qe.T * qe - sp.eye(2))
        and all(is_zero(e) for e in qe.T * a * qe - sp.diag(*lams)),
    )
    d = sp.Matrix(sp.symbols("d1:4", real=True))
    xs = sp.Matrix(sp.symbols("x1:3", real=True))
    c = qe.T * z.T * d
    objective = ((z * qe * xs - d).T * (z * qe * xs - d))[0] / 2
    separated = sum(lams[i] * xs[i] ** 2 / 2 - c[i] * xs[i] for i in range(2)) + (d.T * d)[0] / 2
    proof.require(
        "and ½‖ZQx − d‖² = Σ_i(½λ_i x_i² − c_i x_i) + ½‖d‖²: one 1-d problem per eigenfeature",
        is_zero(sp.expand(objective - separated)),
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
        "as printed (x = Qw, so w = Qᵀx), the same example with q₂ negated (Q a rotation) has "
        "Hessian Q ZᵀZ Qᵀ in x, whose off-diagonal entry is not 0: the coordinates do not act "
        "independently",
        proof.printed_holds is False
        and all(is_zero(e) for e in rotation.T * a * rotation - sp.diag(*lams)),
        coupling,
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
    proof.require("base: φ₀ = 0, so x⁰ = 0", is_zero(xk.subs(_k, 0)))
    proof.require(
        "induction: one GD step x − α(λx − c) maps φ_k x* to φ_{k+1} x*",
        is_zero(sp.powsimp(sp.expand(step - xk.subs(_k, _k + 1), power_exp=True))),
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
        "per eigenfeature (‖w‖ = ‖x‖): the stationary point is c/(λ + η) = λ/(λ + η)·(c/λ)",
        is_zero(root - tikhonov_filter() * _c / lam),
        root,
    )
    z, qe, lams = _example()
    a = z.T * z
    proof.require(
        "example ξ = (0, 1, 2): Qᵀ(A + ηI)⁻¹Q = diag(1/(λ_i + η)) exactly",
        all(
            is_zero(sp.simplify(e))
            for e in qe.T * (a + eta * sp.eye(2)).inv() * qe
            - sp.diag(*[1 / (v + eta) for v in lams])
        ),
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
    proof.require(
        "φ_k(0) = 0 and φ_k'(0) = kα", phi.subs(lam, 0) == 0 and is_zero(slope_phi - _k * alpha)
    )
    proof.require(
        "T(0) = 0 and T'(0) = 1/η: equal slopes iff η = 1/(αk)",
        tik.subs(lam, 0) == 0 and is_zero(sp.diff(tik, lam).subs(lam, 0) - 1 / eta),
    )
    kp = sp.Symbol("k", positive=True)
    half = (1 - 2 ** (-1 / kp)) / alpha
    proof.require(
        "φ_k = ½ at λ = (1 − 2^{−1/k})/α; T = ½ at λ = η",
        is_zero(sp.powsimp(1 - (1 - alpha * half) ** kp) - sp.Rational(1, 2))
        and is_zero(tik.subs(lam, eta) - sp.Rational(1, 2)),
    )
    proof.require(
        "matching half-points: αkη = k(1 − 2^{−1/k}) → ln 2 as k → ∞",
        is_zero(sp.limit(kp * (1 - 2 ** (-1 / kp)), kp, sp.oo) - sp.log(2)),
    )
    # (iii) t = αλ ∈ [0, 1], u = kt; with η = 1/(αk) the Tikhonov filter is u/(1 + u).
    proof.require(
        "with η = 1/(αk): λ/(λ + η) = u/(1 + u), u = kαλ",
        is_zero(tik.subs(eta, 1 / (alpha * _k)) - (_k * alpha * lam) / (1 + _k * alpha * lam)),
    )
    g = sp.exp(-_t) - (1 - _t)
    proof.require(
        "1 − t ≤ e^{−t}: g = e^{−t} − 1 + t has g(0) = 0, g' = 1 − e^{−t} ≥ 0 for t ≥ 0; "
        "so (1 − t)ᵏ ≤ e^{−kt} for 0 ≤ t ≤ 1",
        g.subs(_t, 0) == 0 and is_zero(sp.diff(g, _t) - (1 - sp.exp(-_t))),
    )
    h = 1 / (1 + _u) - sp.exp(-_u)
    proof.require(
        "e^{−u} ≤ 1/(1 + u) (e^u ≥ 1 + u, the same g): so φ_k ≥ 1 − e^{−u} ≥ u/(1 + u)",
        is_zero(h - (sp.exp(-_u) * (sp.exp(_u) - 1 - _u)) / (1 + _u)),
    )
    kk = sp.Symbol("k", nonnegative=True)
    proof.require(
        "Bernoulli (1 − t)ᵏ ≥ 1 − kt by induction: (1 − kt)(1 − t) − (1 − (k + 1)t) = kt² ≥ 0; "
        "so φ_k ≤ min(1, u)",
        is_zero((1 - kk * _t) * (1 - _t) - (1 - (kk + 1) * _t) - kk * _t**2),
    )
    proof.require(
        "min(1, u) ≤ 2u/(1 + u): 2u/(1 + u) − u = u(1 − u)/(1 + u) and 2u/(1 + u) − 1 = "
        "(u − 1)/(1 + u), one of them ≥ 0 on each side of u = 1",
        is_zero(2 * _u / (1 + _u) - _u - _u * (1 - _u) / (1 + _u))
        and is_zero(2 * _u / (1 + _u) - 1 - (_u - 1) / (1 + _u)),
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
    for i in range(2):
        delta = (qe[:, i].T * z.T * sp.Matrix(eps))[0] / lams[i]
        # E[ε_a ε_b] = σ² δ_ab: the variance is σ² times the sum of squared coefficients.
        coeffs = [sp.diff(delta, e) for e in eps]
        variance = sig**2 * sum(cf**2 for cf in coeffs)
        ok = ok and is_zero(sp.simplify(variance - sig**2 / lams[i]))
    proof.require(
        f"example ξ = (0, 1, 2) (m = {m}): Δx_i* = q_iᵀZᵀε/λ_i has variance σ²‖Zq_i‖²/λ_i² = σ²/λ_i",
        ok,
    )
    proof.step("in general ‖Zq_i‖² = q_iᵀZᵀZq_i = λ_i, so Var Δx_i* = σ²/λ_i")
    proof.require(
        "early stopping: (φ_k x*)'s noise is φ_k²σ²/λ ≤ (kαλ)²σ²/λ = σ²k²α²λ (Bernoulli, POLY-FILTERS)",
        is_zero((_k * alpha * lam) ** 2 * sig**2 / lam - sig**2 * _k**2 * alpha**2 * lam),
    )
    proof.require(
        "Tikhonov: (λ/(λ + η))²σ²/λ = σ²λ/(λ + η)²",
        is_zero(tikhonov_filter() ** 2 * sig**2 / lam - sig**2 * lam / (lam + eta) ** 2),
    )
    return proof
