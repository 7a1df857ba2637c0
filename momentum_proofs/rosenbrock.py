"""The convex Rosenbrock function, the "speed of light", and the lower bound.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "The Limits of Descent": "Adventures in
Algorithmic Space" and "The Resisting Oracle".

The function itself was lost in extraction (an image).  It is reconstructed from
what the text prints around it, the gradient
∇f(w)_i = 2w_i − w_{i−1} − w_{i+1} + 4w_i/(κ − 1) for i ≠ 1 and the minimiser
((√κ − 1)/(√κ + 1))ⁱ, as

    fⁿ(w) = ½(w₁ − 1)² + ½ Σ_{i=1}^{n} (w_i − w_{i+1})² + 2/(κ − 1) ‖w‖²,   w_{n+1} := 0.

**Boundary convention.**  The last difference ties w_n to a pinned w_{n+1} = 0.
This is the convention under which the printed gradient holds for *every*
i ≠ 1, including i = n; with a free end (the sum stopping at n − 1) it fails at
i = n (shown in ``ROSEN-GRADIENT``).  Then the Hessian is
A = tridiag(−1, 2, −1) + 4/(κ − 1)·I and b = e₁.

With q = (√κ − 1)/(√κ + 1): the finite-n minimiser is
w_i* = (qⁱ − q^{2(n+1)−i})/(1 − q^{2(n+1)}), which tends to the printed qⁱ as
n → ∞; the spectrum 4/(κ−1) + 2 − 2cos(πj/(n+1)) lies inside
(4/(κ−1), 4κ/(κ−1)), whose ratio is exactly κ; every linear first-order method
from 0 has w_iᵏ = 0 for i > k, hence ‖wᵏ − w*‖∞ ≥ w*_{k+1}; and heavy ball tuned
to that interval contracts every eigencomponent at exactly the rate q.

Two printed statements hold only in the limit n → ∞ and are reported as errata
for finite n: the minimiser qⁱ (``ROSEN-MINIMIZER``) and the bound
‖wᵏ − w*‖∞ ≥ q^{k+1} (``ROSEN-LOWER-BOUND``), which a single exact step beats at
n = 1 and conjugate gradients beat at k = n.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .proof import Proof, differs_at, is_zero
from .symbols import kappa, latex, s

_DISTILL = "distill"
_ORACLE = "The Resisting Oracle"
_N = 6  # size of the symbolic instances

#: q = (√κ − 1)/(√κ + 1), written with s = √κ.
q_of_s = (s - 1) / (s + 1)
_q = sp.Symbol("q", positive=True)


def weights(n: int) -> list[sp.Symbol]:
    """Real symbols w1 … wn for the coordinates.

    >>> print(weights(2))
    [w1, w2]
    """
    return list(sp.symbols(f"w1:{n + 1}", real=True))


def objective(n: int, boundary: str = "pinned") -> sp.Expr:
    """fⁿ(w) with the pinned end w_{n+1} = 0 (``"pinned"``) or a free end (``"free"``).

    >>> print(objective(1))
    w1**2/2 + 2*w1**2/(kappa - 1) + (w1 - 1)**2/2
    """
    w = weights(n)
    padded = [*w, 0] if boundary == "pinned" else w
    diffs = sum((padded[i] - padded[i + 1]) ** 2 for i in range(len(padded) - 1))
    return (w[0] - 1) ** 2 / 2 + diffs / 2 + 2 / (kappa - 1) * sum(x**2 for x in w)


def printed_gradient(n: int) -> list[sp.Expr]:
    """2w_i − w_{i−1} − w_{i+1} + 4w_i/(κ − 1) for i = 2 … n, with w_{n+1} = 0.

    >>> print(printed_gradient(2))
    [-w1 + 2*w2 + 4*w2/(kappa - 1)]
    """
    w = [None, *weights(n), 0]
    return [2 * w[i] - w[i - 1] - w[i + 1] + 4 / (kappa - 1) * w[i] for i in range(2, n + 1)]


def hessian(n: int) -> sp.Matrix:
    """A = tridiag(−1, 2, −1) + 4/(κ − 1) I.

    >>> print(hessian(2))
    Matrix([[2 + 4/(kappa - 1), -1], [-1, 2 + 4/(kappa - 1)]])
    """
    return sp.hessian(objective(n), weights(n))


def minimizer(n: int) -> list[sp.Expr]:
    """w_i* = (qⁱ − q^{2(n+1)−i})/(1 − q^{2(n+1)}) in terms of q.

    >>> print(minimizer(1))
    [(-q**3 + q)/(1 - q**4)]
    """
    big = 2 * (n + 1)
    return [(_q**i - _q ** (big - i)) / (1 - _q**big) for i in range(1, n + 1)]


@claim(
    "ROSEN-GRADIENT",
    title="The convex Rosenbrock gradient: printed as ∇f(x) of an expression in w (pinned end wₙ₊₁ = 0)",
    seed=_DISTILL,
    section=_ORACLE,
    quote="∇f(x)i=2wi−wi−1−wi+1+4κ−1wi,i≠1.",
    statement=r"For $f^n(w)=\tfrac12(w_1-1)^2+\tfrac12\sum_{i=1}^n(w_i-w_{i+1})^2+\tfrac{2}{\kappa-1}"
    r"\|w\|^2$ with $w_{n+1}=0$: $\nabla f(w)_i=2w_i-w_{i-1}-w_{i+1}+\tfrac{4}{\kappa-1}w_i$ for "
    r"$2\le i\le n$, and $\nabla f(w)_1=2w_1-1-w_2+\tfrac4{\kappa-1}w_1$",
    kind="printed-formula",
    rule="misnamed",
    printed=r"\nabla f(x)_{i}=2w_{i}-w_{i-1}-w_{i+1}+\frac{4}{\kappa-1}w_{i},\qquad i\neq 1",
    corrected=r"\nabla f(w)_{i}=2w_{i}-w_{i-1}-w_{i+1}+\frac{4}{\kappa-1}w_{i}\ (2\le i\le n,\ "
    r"w_{n+1}=0);\ \nabla f(w)_1=2w_1-1-w_2+\frac{4}{\kappa-1}w_1",
    reconstructed=True,
)
def prove_gradient() -> Proof:
    """Prove the convex Rosenbrock gradient (w_{n+1} = 0, its own first entry), printed as ∇f(x)."""
    proof = Proof(True)
    w = weights(_N)
    f = objective(_N)
    grad = [sp.diff(f, x) for x in w]
    printed = printed_gradient(_N)
    proof.require(
        f"Take $n = {_N}$ with the pinned end $w_{{n+1}} = 0$ and differentiate: "
        "$\\partial f/\\partial w_i$ equals the printed formula for every $i = 2, \\dots, n$; "
        "the last is shown.",
        all(is_zero(grad[i - 1] - printed[i - 2]) for i in range(2, _N + 1)),
        equation=rf"\frac{{\partial f}}{{\partial w_{{{_N}}}}} = {latex(grad[-1])}",
    )
    proof.require(
        "At $i = 1$ the anchor term $\\tfrac12(w_1 - 1)^2$ makes the formula hold with $w_0 := 1$.",
        is_zero(grad[0] - (2 * w[0] - 1 - w[1] + 4 / (kappa - 1) * w[0])),
        equation=r"\frac{\partial f}{\partial w_1} = " + latex(grad[0]),
    )
    free_grad = sp.diff(objective(_N, "free"), w[-1])
    point = {kappa: 5, **{x: sp.Integer(i + 1) for i, x in enumerate(w)}}
    proof.require(
        "With a free end (the sum stopping at $n - 1$) the printed formula fails at $i = n$ "
        "(exact counterexample at $\\kappa = 5$, $w = (1, 2, \\dots)$), so the pinned end is "
        "the convention that matches the text.",
        differs_at(free_grad, printed[-1], point),
        equation=rf"\frac{{\partial f_{{\text{{free}}}}}}{{\partial w_{{{_N}}}}} = "
        rf"{latex(free_grad.subs(point))} \ne {latex(printed[-1].subs(point))} = "
        r"\text{printed}",
    )
    # Read literally, the left side is the gradient at a point x while the right side is
    # written in w: the two agree only where x = w.  Exact counterexample: x = 0, w ≠ 0.
    xs = sp.symbols(f"x1:{_N + 1}")
    at_x = grad[1].subs(dict(zip(w, xs, strict=True)), simultaneous=True)
    literal = {kappa: 5, **{x: 0 for x in xs}, **{v: sp.Integer(i + 1) for i, v in enumerate(w)}}
    proof.printed_holds = not differs_at(at_x, printed[0], literal)
    proof.require(
        "As printed, the left side is the gradient at a point $x$: at $x = 0$ its second entry "
        "vanishes while the right side at $w = (1, 2, \\dots)$ does not. Hence the formula "
        "holds once $x$ is read as $w$, with $w_{n+1} = 0$ and its own first entry, which is "
        "the statement.",
        proof.printed_holds is False,
        equation=rf"\nabla f(0)_2 = {latex(at_x.subs(literal))} \ne "
        rf"{latex(printed[0].subs(literal))} = 2w_2 - w_1 - w_3 + \tfrac{{4}}{{\kappa - 1}}w_2",
    )
    proof.note = (
        "Slip (a misnamed variable): every rendition prints ∇f(x)_i on the left and w on the "
        "right, and the text has no x in this section; with x read as w the formula holds. "
        "The function is an image in the seed; it is reconstructed so that the printed gradient "
        "holds, which fixes the boundary convention w_{n+1} = 0."
    )
    return proof


@claim(
    "ROSEN-SPECTRUM",
    uses=("COLOR-PATH-SPECTRUM",),
    title="Hessian, spectrum and condition number of the convex Rosenbrock function",
    seed=_DISTILL,
    section=_ORACLE,
    quote="and the condition number of the problem fnf^nfn approaches κ\\kappaκ as nnn goes to infinity.",
    statement=r"$A=\mathrm{tridiag}(-1,2,-1)+\tfrac4{\kappa-1}I$, eigenvalues "
    r"$\tfrac4{\kappa-1}+2-2\cos\tfrac{\pi j}{n+1}$ ($j=1..n$), all in $(\mu,L)=(\tfrac4{\kappa-1},"
    r"\tfrac{4\kappa}{\kappa-1})$ with $L/\mu=\kappa$; $\kappa_n<\kappa$ and $\kappa_n\to\kappa$",
)
def prove_spectrum() -> Proof:
    """Prove the Hessian, eigenvalues and condition number of the convex Rosenbrock function."""
    proof = Proof(True)
    A = hessian(_N)
    shift = 4 / (kappa - 1)
    tri = sp.zeros(_N, _N)
    for i in range(_N):
        tri[i, i] = 2
        if i + 1 < _N:
            tri[i, i + 1] = tri[i + 1, i] = -1
    proof.require(
        f"Differentiate twice at $n = {_N}$: the Hessian is the tridiagonal second-difference "
        "matrix plus a multiple of the identity.",
        all(is_zero(e) for e in A - tri - shift * sp.eye(_N)),
        equation=rf"A_{{ii}} = {latex(A[0, 0])}, \quad A_{{i,i+1}} = {latex(A[0, 1])}, \quad "
        rf"A_{{i,i+2}} = {latex(A[0, 2])}",
    )
    proof.step(
        "The matrix $\\mathrm{tridiag}(-1, 2, -1)$ is the Dirichlet path Laplacian, with "
        "eigenvalues $2 - 2\\cos(\\pi j/(n + 1))$ (COLOR-PATH-SPECTRUM), strictly inside "
        "$(0, 4)$; so the spectrum of $A$ lies in $(\\mu, L) = (\\tfrac{4}{\\kappa - 1}, "
        "\\tfrac{4}{\\kappa - 1} + 4)$."
    )
    mu, big_l = shift, shift + 4
    proof.require(
        "The ends of that interval have ratio exactly $\\kappa$.",
        is_zero(big_l / mu - kappa),
        equation=r"\frac{L}{\mu} = " + latex(sp.cancel(big_l / mu)),
    )
    n = sp.Symbol("n", integer=True, positive=True)
    kappa_n = (shift + 2 - 2 * sp.cos(sp.pi * n / (n + 1))) / (
        shift + 2 - 2 * sp.cos(sp.pi / (n + 1))
    )
    kappa_lim = sp.limit(kappa_n.subs(kappa, s**2), n, sp.oo)
    proof.require(
        "The condition number $\\kappa_n$ of $f^n$, the ratio of its extreme eigenvalues, "
        "tends to $\\kappa = s^2$ as $n \\to \\infty$.",
        is_zero(kappa_lim - s**2),
        equation=r"\lim_{n \to \infty}\kappa_n = " + latex(sp.cancel(kappa_lim)),
    )
    c = sp.Symbol("c", positive=True)  # c = cos(π/(n+1)) ∈ (0, 1)
    gap = kappa - (shift + 2 + 2 * c) / (shift + 2 - 2 * c)
    closed = (1 - c) * (kappa**2 - 1) / (kappa * (1 - c) + 1 + c)
    proof.require(
        "With $c = \\cos(\\pi/(n + 1)) \\in [0, 1)$ the gap $\\kappa - \\kappa_n$ has only "
        "positive factors for $\\kappa > 1$. Hence the Hessian and spectrum are as stated, "
        "with $\\kappa_n < \\kappa$ and $\\kappa_n \\to \\kappa$, which is the statement.",
        is_zero(gap - closed),
        closed,
        equation=r"\kappa - \kappa_n = " + latex(sp.factor(gap)),
    )
    return proof


@claim(
    "ROSEN-MINIMIZER",
    title="Exact minimiser for finite n, and the printed limit n → ∞",
    seed=_DISTILL,
    section=_ORACLE,
    quote="The optimal solution of this problem is wi⋆=(κ−1κ+1)i",
    statement=r"$w_i^\star=\dfrac{q^i-q^{2(n+1)-i}}{1-q^{2(n+1)}}=\dfrac{\sinh((n+1-i)\theta)}"
    r"{\sinh((n+1)\theta)}$, $q=e^{-\theta}=\tfrac{\sqrt\kappa-1}{\sqrt\kappa+1}$; "
    r"$w_i^\star\to q^i$ as $n\to\infty$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"w_{i}^{\star}=\left(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\right)^{i}",
    corrected=r"w_i^\star=\frac{q^i-q^{2(n+1)-i}}{1-q^{2(n+1)}},\ q=\frac{\sqrt\kappa-1}{\sqrt\kappa+1}"
    r"\quad(\to q^i\text{ as }n\to\infty)",
)
def prove_minimizer() -> Proof:
    """Prove the exact minimiser for finite n; the printed qⁱ is only its limit as n → ∞."""
    proof = Proof(True)
    in_s = {kappa: s**2}
    proof.require(
        "With $q = (s - 1)/(s + 1)$, $\\kappa = s^2$, the number $q + 1/q$ is the diagonal "
        "$2 + 4/(\\kappa - 1)$, so $q^i$ and $q^{-i}$ both solve the interior equation "
        "$(2 + \\tfrac{4}{\\kappa - 1})w_i = w_{i-1} + w_{i+1}$.",
        is_zero(q_of_s + 1 / q_of_s - (2 + 4 / (kappa - 1)).subs(in_s)),
        equation=r"q + \frac1q - \Big(2 + \frac{4}{\kappa - 1}\Big) = "
        + latex(sp.cancel(q_of_s + 1 / q_of_s - (2 + 4 / (kappa - 1)).subs(in_s))),
    )
    # With the diagonal written as q + 1/q (just proven equal to 2 + 4/(κ − 1)) the
    # check is a rational identity in q alone, far cheaper than in s.
    residuals = {}
    for n in (1, 2, 5, 8):
        A = hessian(n).subs(kappa, 1 + 4 / (_q + 1 / _q - 2))
        b = sp.zeros(n, 1)
        b[0] = 1
        residuals[n] = (A * sp.Matrix(minimizer(n)) - b).applyfunc(sp.cancel)
    proof.require(
        "Check $Aw^\\star = e_1$ exactly for $n = 1, 2, 5, 8$, as a rational identity in $q$ "
        "(the diagonal written as $q + 1/q$); the case $n = 2$ is shown.",
        all(is_zero(e) for r in residuals.values() for e in r),
        equation=r"Aw^\star - e_1\Big|_{n = 2} = " + latex(residuals[2]),
    )
    i, n = sp.symbols("i n", integer=True, positive=True)
    big = 2 * (n + 1)
    general = (_q**i - _q ** (big - i)) / (1 - _q**big)
    proof.require(
        "For general $n$ the formula combines $q^i$ and $q^{-i}$, and it meets the anchor "
        "$w_0 = 1$ and the pinned end $w_{n+1} = 0$.",
        is_zero(general.subs(i, 0) - 1) and is_zero(general.subs(i, n + 1)),
        equation=rf"w_0^\star = {latex(sp.simplify(general.subs(i, 0)))}, \qquad "
        rf"w_{{n+1}}^\star = {latex(sp.simplify(general.subs(i, n + 1)))}",
    )
    theta = sp.Symbol("theta", positive=True)
    sinh_form = sp.sinh((n + 1 - i) * theta) / sp.sinh((n + 1) * theta)
    sinh_gap = sp.simplify(
        sp.powsimp(sp.expand(sinh_form.rewrite(sp.exp) - general.subs(_q, sp.exp(-theta))))
    )
    proof.require(
        "With $q = e^{-\\theta}$ it is a ratio of hyperbolic sines.",
        is_zero(sinh_gap),
        equation=r"\frac{\sinh((n + 1 - i)\theta)}{\sinh((n + 1)\theta)} - "
        r"w_i^\star\big|_{q = e^{-\theta}} = " + latex(sinh_gap),
    )
    big_n = sp.Symbol("N", integer=True, positive=True)  # N = 2(n + 1)
    # numpy's expm1(x) is e^x − 1, written out here.
    expm1_form = (
        _q**i * (sp.exp((big_n - 2 * i) * sp.log(_q)) - 1) / (sp.exp(big_n * sp.log(_q)) - 1)
    )
    expm1_gap = sp.simplify(
        sp.powsimp(sp.expand(expm1_form), force=True)
        - (_q**i - _q ** (big_n - i)) / (1 - _q**big_n)
    )
    proof.require(
        "For numerics, with $N = 2(n + 1)$ and $\\mathrm{expm1}(x) = e^x - 1$, the formula "
        "has a cancellation-free form.",
        is_zero(expm1_gap),
        equation=r"q^i\,\frac{\mathrm{expm1}((N - 2i)\log q)}{\mathrm{expm1}(N\log q)} - "
        r"\frac{q^i - q^{N-i}}{1 - q^N} = " + latex(expm1_gap),
    )
    proof.require(
        "The numeric forms of $q$ used by the numeric layer agree with it: "
        "$(\\kappa - 1)/(\\sqrt\\kappa + 1)^2$ near $\\kappa = 1$, and $1 - "
        "2/(\\sqrt\\kappa + 1)$ (so $\\log q = \\mathrm{log1p}(-2/(\\sqrt\\kappa + 1))$) "
        "for large $\\kappa$.",
        is_zero(q_of_s - (s**2 - 1) / (s + 1) ** 2) and is_zero(q_of_s - (1 - 2 / (s + 1))),
        equation=rf"q - \frac{{s^2 - 1}}{{(s + 1)^2}} = "
        rf"{latex(sp.cancel(q_of_s - (s**2 - 1) / (s + 1) ** 2))}, \qquad q - \Big(1 - "
        rf"\frac{{2}}{{s + 1}}\Big) = {latex(sp.cancel(q_of_s - (1 - 2 / (s + 1))))}",
    )
    q_small = 1 / (1 + sp.Symbol("e", positive=True))  # 0 < q < 1
    w_lim = sp.limit(general.subs(_q, q_small), n, sp.oo)
    proof.require(
        "As $n \\to \\infty$ with $0 < q < 1$ (written $q = 1/(1 + e)$) the minimiser tends "
        "to $q^i$: the printed formula is this limit.",
        is_zero(w_lim - q_small**i),
        equation=r"\lim_{n \to \infty} w_i^\star = " + latex(w_lim),
    )
    at = {s: 3}  # κ = 9, q = 1/2, n = 1: w* = 1/A = 1/(2 + 1/2) = 2/5
    finite = minimizer(1)[0].subs(_q, q_of_s)
    proof.printed_holds = not differs_at(finite, q_of_s, at)
    proof.require(
        "At $n = 1$, $\\kappa = 9$ the exact minimiser differs from the printed value. Hence "
        "the minimiser for finite $n$ is the formula above and the printed $q^i$ only its "
        "limit, which is the statement.",
        finite.subs(at) == sp.Rational(2, 5),
        equation=rf"w_1^\star = {latex(finite.subs(at))} \ne {latex(q_of_s.subs(at))} = "
        r"q \quad (n = 1,\ \kappa = 9)",
    )
    proof.note = (
        "Erratum by the rule 'every rendition is false as printed': for every finite n the "
        "printed qⁱ misses the reflected term q^{2(n+1)−i} (it is the n → ∞ minimiser; the "
        "sentence after it speaks of fⁿ for finite n).  The LaTeX and the plain text agree."
    )
    return proof


@claim(
    "ROSEN-SUPPORT",
    title="Speed of light: from w⁰ = 0 a linear first-order method has w_iᵏ = 0 for i > k",
    seed=_DISTILL,
    section=_ORACLE,
    quote="Therefore the fact we start at 0 guarantees that that component must remain stoically "
    "there till an element either before or after it turns nonzero.",
    statement=r"If $w^{k+1}=w^0+\sum_{i\le k}\Gamma_i^k\nabla f(w^i)$ with diagonal $\Gamma_i^k$ and "
    r"$w^0=0$, then $w^k_i=0$ for all $i>k$",
)
def prove_support() -> Proof:
    """Prove that from w⁰ = 0 a linear first-order method has w_iᵏ = 0 for every i > k."""
    proof = Proof(True)
    n = 8
    w = weights(n)
    f = objective(n)
    grad = [sp.diff(f, x) for x in w]
    ok = True
    for j in range(n):
        vanish = {x: 0 for x in w[j:]}  # support in the first j coordinates
        ok = ok and all(grad[i].subs(vanish) == 0 for i in range(j + 1, n))
    proof.require(
        f"Take $n = {n}$ and any $j$: if $w_i = 0$ for $i > j$, then $\\nabla f(w)_i = 0$ for "
        "$i > j + 1$, since only $w_{i-1}$, $w_i$, $w_{i+1}$ enter coordinate $i$ (and the "
        "anchor only coordinate 1); the case $j = 2$ is shown.",
        ok,
        equation=r"\nabla f(w_1, w_2, 0, \dots, 0) = "
        + latex(sp.Matrix(grad).subs({x: 0 for x in w[2:]}).T),
    )
    g = sp.symbols("g1:9")
    diag = sp.symbols("gamma1:9")
    proof.require(
        "A diagonal $\\Gamma$ keeps the support: $(\\Gamma g)_i = \\gamma_i g_i$ vanishes "
        "where $g_i$ does.",
        all((sp.diag(*diag) * sp.Matrix(g)).subs({g[i]: 0})[i] == 0 for i in range(8)),
        equation=r"\Gamma g = " + latex((sp.diag(*diag[:3]) * sp.Matrix(g[:3])).T) + r"^T",
    )
    proof.step(
        "Induction: $w^0 = 0$ has empty support; if every $w^i$ ($i \\le k$) lives in the "
        "coordinates $\\le i$, each $\\Gamma_i^k\\nabla f(w^i)$ lives in the coordinates "
        "$\\le i + 1 \\le k + 1$, and so does $w^{k+1}$. Hence $w_i^k = 0$ for every $i > k$, "
        "which is the statement."
    )
    return proof


@claim(
    "ROSEN-LOWER-BOUND",
    uses=("ROSEN-SUPPORT",),
    title="The lower bound ‖wᵏ − w*‖∞ ≥ w*ₖ₊₁ (finite n), which tends to the printed qᵏ‖w⁰ − w*‖∞",
    seed=_DISTILL,
    section=_ORACLE,
    quote="We can therefore sum up the errors which cannot have changed yet9:",
    markers={"yet9": 9},
    statement=r"For every linear first-order method from $w^0=0$: $\|w^k-w^\star\|_\infty\ge"
    r"\max_{i\ge k+1}|w_i^\star|=w^\star_{k+1}=\frac{w^\star_{k+1}}{w^\star_1}\|w^0-w^\star\|_\infty$; "
    r"as $n\to\infty$ this is $q^{k+1}=q^k\|w^0-w^\star\|_\infty$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"\|w^{k}-w^{\star}\|_{\infty}\geq\max_{i\geq k+1}\{|w_{i}^{\star}|\}="
    r"\left(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\right)^{k+1}="
    r"\left(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\right)^{k}\|w^{0}-w^{\star}\|_{\infty}",
    corrected=r"\|w^k-w^\star\|_\infty\ge w^\star_{k+1}=\frac{w^\star_{k+1}}{w^\star_1}\|w^0-w^\star\|_\infty"
    r"\ (\to q^{k+1}=q^k\|w^0-w^\star\|_\infty\text{ as }n\to\infty)",
)
def prove_lower_bound() -> Proof:
    """Prove ‖wᵏ − w*‖∞ ≥ w*_{k+1} for finite n; the printed qᵏ‖w⁰ − w*‖∞ is its limit."""
    proof = Proof(True)
    i, n = sp.symbols("i n", integer=True, positive=True)
    big = 2 * (n + 1)
    w_i = (_q**i - _q ** (big - i)) / (1 - _q**big)
    w_next = w_i.subs(i, i + 1)
    step = (1 - _q) * (_q**i + _q ** (big - i - 1)) / (1 - _q**big)
    proof.require(
        "Consecutive entries of the exact minimiser differ by a positive amount, so $w^\\star$ "
        "is decreasing.",
        is_zero(sp.simplify(sp.powsimp(sp.expand(sp.together(w_i - w_next - step))))),
        step,
        equation=r"w_i^\star - w_{i+1}^\star = " + latex(step) + r" > 0",
    )
    proof.step(
        "Its entries are nonnegative for $i \\le n + 1$ ($q^i \\ge q^{2(n+1)-i}$), so "
        "$\\max_{i \\ge k+1}|w_i^\\star| = w_{k+1}^\\star$."
    )
    proof.step(
        "By ROSEN-SUPPORT $w_i^k = 0$ for $i > k$, so the $(k + 1)$-th entry of $w^k - "
        "w^\\star$ is $-w_{k+1}^\\star$ and the $\\infty$-norm is at least $w_{k+1}^\\star$."
    )
    q_small = 1 / (1 + sp.Symbol("e", positive=True))
    k = sp.Symbol("k", integer=True, nonnegative=True)
    limit = sp.limit(w_i.subs({_q: q_small, i: k + 1}), n, sp.oo)
    first = sp.limit(w_i.subs({_q: q_small, i: 1}), n, sp.oo)
    proof.require(
        "As $n \\to \\infty$ (with $q = 1/(1 + e)$) the bound tends to $q^{k+1}$, and "
        "$\\|w^0 - w^\\star\\|_\\infty = w_1^\\star$ to $q$, so the printed $q^{k+1} = "
        "q^k\\|w^0 - w^\\star\\|_\\infty$ holds in the limit.",
        is_zero(limit - q_small ** (k + 1)) and is_zero(first - q_small),
        equation=rf"\lim_{{n \to \infty}} w_{{k+1}}^\star = {latex(limit)}, \qquad "
        rf"\lim_{{n \to \infty}} w_1^\star = {latex(first)}",
    )
    # Finite n: n = 1, κ = 9 (q = 1/2).  The step w¹ = w⁰ − (1/A)∇f(w⁰) is linear first
    # order (γ = −1/A) and lands on w* = 2/5, so ‖w¹ − w*‖∞ = 0 < q² = 1/4.
    at = {s: 3}
    a11 = hessian(1)[0, 0].subs(kappa, 9)
    w1 = 0 - (a11 * 0 - 1) / a11
    w_star = minimizer(1)[0].subs(_q, q_of_s).subs(at)
    gap = abs(w1 - w_star)
    printed_value = q_of_s.subs(at) ** 2
    proof.require(
        "For finite $n$ the printed bound fails: at $n = 1$, $\\kappa = 9$ one linear step with "
        "$\\gamma = -1/A_{11}$ lands on $w^\\star$, an error $0 < q^2$. Hence the bound "
        "$\\|w^k - w^\\star\\|_\\infty \\ge w_{k+1}^\\star$ holds for every $n$ and tends to "
        "the printed one, which is the statement.",
        w1 == w_star == sp.Rational(2, 5),
        equation=rf"w^1 = {latex(w1)} = w^\star, \qquad \|w^1 - w^\star\|_\infty = "
        rf"{latex(gap)} < {latex(printed_value)} = q^2",
    )
    proof.printed_holds = bool(gap >= printed_value)  # 0 ≥ 1/4 is false: refuted exactly
    proof.note = (
        "Erratum by the rule 'every rendition is false as printed' (LaTeX and plain text agree): "
        "the equalities use the n → ∞ minimiser qⁱ, so for finite n the printed bound "
        "q^{k+1} can exceed the error (n = 1, κ = 9, k = 1: error 0 < 1/4; and every method "
        "that solves the n-dimensional problem in n steps, such as CG, beats it at k = n).  "
        "What holds for every n is the bound w*_{k+1}, which tends to the printed one."
    )
    return proof


@functools.cache
def heavy_ball_tuning() -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """(α, β, μ, L) for heavy ball on the interval (μ, L) = (4/(κ−1), 4κ/(κ−1)), in s = √κ.

    >>> print(heavy_ball_tuning()[1])
    (s - 1)**2/(s + 1)**2
    """
    mu = 4 / (s**2 - 1)
    big_l = 4 * s**2 / (s**2 - 1)
    a = sp.factor(4 / (sp.sqrt(big_l) + sp.sqrt(mu)) ** 2)
    b = q_of_s**2
    return a, b, mu, big_l


@claim(
    "ROSEN-HB-MEETS",
    uses=("HB-DISCRIMINANT", "ROSEN-SPECTRUM"),
    title="Heavy ball tuned to (4/(κ−1), 4κ/(κ−1)) contracts at exactly q on every fⁿ",
    seed=_DISTILL,
    section=_ORACLE,
    quote="And the gap therefore closes; the convergence rate that momentum promises matches the "
    "best any linear first order algorithm can do.",
    statement=r"With $\alpha=(2/(\sqrt L+\sqrt\mu))^2$, $\beta=q^2$ on $(\mu,L)=(\tfrac4{\kappa-1},"
    r"\tfrac{4\kappa}{\kappa-1})$: $\alpha\mu=(1-\sqrt\beta)^2$, $\alpha L=(1+\sqrt\beta)^2$, so every "
    r"eigenvalue of every $f^n$ lies in the complex region and its rate is $\sqrt\beta=q$, the lower "
    r"bound's rate",
)
def prove_heavy_ball_meets() -> Proof:
    """Prove that heavy ball tuned to the Rosenbrock spectrum contracts at exactly the bound's rate q."""
    proof = Proof(True)
    a, b, mu, big_l = heavy_ball_tuning()
    r = q_of_s
    e = sp.Symbol("e", positive=True)
    above_one = {s: 1 + e}  # κ > 1
    proof.require(
        "At the tuning, with $s = \\sqrt\\kappa$, the ends of the interval land exactly on "
        "the ends of heavy ball's complex region: $\\alpha\\mu = (1 - \\sqrt\\beta)^2$ and "
        "$\\alpha L = (1 + \\sqrt\\beta)^2$.",
        is_zero(sp.cancel(a * mu - (1 - r) ** 2)) and is_zero(sp.cancel(a * big_l - (1 + r) ** 2)),
        equation=rf"\alpha\mu = {latex(sp.factor(a * mu))}, \qquad \alpha L = "
        rf"{latex(sp.factor(a * big_l))}, \qquad \beta = {latex(b)}",
    )
    proof.step(
        "By HB-DISCRIMINANT, for $(1 - \\sqrt\\beta)^2 \\le \\alpha\\lambda \\le (1 + "
        "\\sqrt\\beta)^2$ the eigenvalues of $R$ are complex (or double) with modulus "
        "$\\sqrt\\beta$; ROSEN-SPECTRUM puts every eigenvalue of $f^n$ inside $(\\mu, L)$."
    )
    proof.require(
        "So every eigencomponent contracts at $\\sqrt\\beta$, which is $q$ (with $\\sqrt"
        "\\kappa = 1 + e > 1$). Hence heavy ball contracts at exactly the lower bound's rate "
        "$q$ on every $f^n$, which is the statement.",
        is_zero(sp.sqrt(b.subs(above_one)) - r.subs(above_one)),
        equation=rf"\sqrt\beta = {latex(sp.sqrt(b.subs(above_one)))} = q",
    )
    return proof
