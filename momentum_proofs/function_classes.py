"""Worst cases over function classes, beyond quadratics (ids ``PEP-…``).

On a quadratic the N-step worst case is a maximum over the spectrum
(:mod:`momentum_proofs.worst_cases`).  Over a class of functions (every L-smooth convex
function, or every L-smooth μ-strongly convex one, in any dimension) it is the value of
a semidefinite program: the performance estimation problem of Drori & Teboulle, made
exact by the interpolation conditions of Taylor, Hendrickx & Glineur, and solved by
PEPit (:mod:`numeric.pep`).  Each claim below is a published bound.  The symbolic
route proves what can be proven exactly here (a bound is attained: the worst function
is written down and the method run on it in closed form; a tuning meets the theorem's
hypotheses); the bound itself over the whole class is the cited theorem, and PEPit's
worst case at stated N is the independent numeric route.  So these claims carry
evidence ``numeric``, and ``verify`` runs them only where PEPit is installed
(``pip install 'momentum-proofs[pep]'``).

- ``PEP-GD-CONVEX``: gradient descent with step 1/L on L-smooth convex functions:
  f(x_N) − f* ≤ L‖x₀ − x*‖²/(4N + 2), attained by a Huber function.
- ``PEP-HB-GHADIMI``: heavy ball with α ≤ 1/L, β = √((1 − αμ)(1 − αL)) on L-smooth
  μ-strongly convex functions: f(x_N) − f* ≤ (1 − αμ)ᴺ(f(x₀) − f*).
- ``PEP-TM-RATE``: triple momentum at its published tuning on L-smooth μ-strongly
  convex functions: f(y_N) − f* ≤ (Lκ/2)ρ^{2N}‖x₀ − x*‖², ρ = 1 − 1/√κ, at the output
  point y_N = (1 + δ)ξ_N − δξ_{N−1}; attained by f = (L/2)x², so the rate ρ is that of
  the whole class and not only of quadratics.
- ``PEP-NAG-STRONGLY-CONVEX``: Nesterov's method with α = 1/L, β = (√κ − 1)/(√κ + 1)
  on L-smooth μ-strongly convex functions:
  f(x_N) − f* ≤ (1 − 1/√κ)ᴺ(f(x₀) − f* + (μ/2)‖x₀ − x*‖²).
"""

from __future__ import annotations

import sympy as sp

from ._registry import Citation, claim
from .proof import Proof, is_zero
from .symbols import L, alpha, lam, latex, mu, s
from .triple_momentum import VANSCOY2018

DRORI2014 = Citation(
    "drori2014",
    "Y. Drori, M. Teboulle",
    "Performance of first-order methods for smooth convex minimization: a novel approach",
    "Mathematical Programming 145(1–2):451–482",
    2014,
    "https://doi.org/10.1007/s10107-013-0653-0",
)
GHADIMI2015 = Citation(
    "ghadimi2015",
    "E. Ghadimi, H. R. Feyzmahdavian, M. Johansson",
    "Global convergence of the heavy-ball method for convex optimization",
    "European Control Conference (ECC), 310–315",
    2015,
    "https://doi.org/10.1109/ECC.2015.7330562",
)
DASPREMONT2021 = Citation(
    "daspremont2021",
    "A. d'Aspremont, D. Scieur, A. Taylor",
    "Acceleration Methods",
    "Foundations and Trends in Optimization 5(1–2):1–245",
    2021,
    "https://doi.org/10.1561/2400000036",
)
TAYLOR2017 = Citation(
    "taylor2017",
    "A. B. Taylor, J. M. Hendrickx, F. Glineur",
    "Smooth strongly convex interpolation and exact worst-case performance of first-order methods",
    "Mathematical Programming 161(1–2):307–345",
    2017,
    "https://doi.org/10.1007/s10107-016-1009-3",
)

#: The optional packages the PEPit route needs.
PEPIT = ("PEPit", "cvxpy")

_N = sp.Symbol("N", positive=True, integer=True)
_R, _tau = sp.symbols("R tau", positive=True)
_x = sp.Symbol("x", real=True)


def huber(x: sp.Expr, tau: sp.Expr, L_: sp.Expr = L) -> sp.Piecewise:
    """The Huber function of width τ and curvature L, the worst case of ``PEP-GD-CONVEX``.

    (L/2)x² for |x| ≤ τ, and Lτ|x| − Lτ²/2 beyond: convex, L-smooth, minimum 0 at 0.

    >>> print(huber(sp.Integer(3), 1, 2), huber(sp.Rational(1, 2), 1, 2))
    5 1/4
    """
    x, tau, L_ = sp.sympify(x), sp.sympify(tau), sp.sympify(L_)
    return sp.Piecewise(
        (L_ * x**2 / 2, sp.Abs(x) <= tau), (L_ * tau * sp.Abs(x) - L_ * tau**2 / 2, True)
    )


def gradient_descent_convex_bound(L_: sp.Expr, R2: sp.Expr, steps: sp.Expr) -> sp.Expr:
    """L‖x₀ − x*‖²/(4N + 2): gradient descent's worst case at step 1/L (``PEP-GD-CONVEX``).

    >>> print(gradient_descent_convex_bound(1, 1, 1))
    1/6
    """
    return sp.sympify(L_) * R2 / (4 * sp.sympify(steps) + 2)


@claim(
    "PEP-GD-CONVEX",
    title="Gradient descent with step 1/L on L-smooth convex functions: "
    "f(x_N) − f* ≤ L‖x₀ − x*‖²/(4N + 2), tight",
    cite=DRORI2014,
    section="Theorem 3.1 and Theorem 3.2 (the Huber function attains the bound)",
    statement=r"For every convex $f$ with $L$-Lipschitz gradient and $x_{k+1}=x_k-\frac1L"
    r"\nabla f(x_k)$: $f(x_N)-f_\star\le\frac{L\|x_0-x_\star\|^2}{4N+2}$, with equality for "
    r"the Huber function of width $\tau=\|x_0-x_\star\|/(2N+1)$",
    needs=PEPIT,
)
def prove_gradient_descent_convex() -> Proof:
    """Prove that a Huber function attains gradient descent's bound LR²/(4N + 2) (the bound: PEPit)."""
    # The bound over the class is Drori & Teboulle's theorem (checked by PEPit); what is
    # proven here is that it is attained, for every N.
    proof = Proof(True, exact=False)
    inner, outer = L * _x**2 / 2, L * _tau * _x - L * _tau**2 / 2  # x ≥ 0 side
    gap = (inner - outer).subs(_x, _tau)
    slope_gap = sp.diff(inner - outer, _x).subs(_x, _tau)
    proof.require(
        "The inner piece $q(x) = \\tfrac{L}{2}x^2$ and the outer piece $\\ell(x) = L\\tau x "
        "- \\tfrac{L}{2}\\tau^2$ of the Huber function $h_\\tau$ meet with equal values and "
        "slopes at $x = \\tau$, so $h_\\tau$ is $C^1$ (and even, so the same holds at "
        "$-\\tau$).",
        is_zero(gap) and is_zero(slope_gap),
        equation=rf"q(\tau) - \ell(\tau) = {latex(sp.expand(gap))}, \qquad "
        rf"q'(\tau) - \ell'(\tau) = {latex(sp.expand(slope_gap))}",
    )
    proof.step(
        "Its derivative is continuous and piecewise linear with slopes $L$ and $0$, both in "
        "$[0, L]$: it is nondecreasing, so $h_\\tau$ is convex, and $L$-Lipschitz, so "
        "$h_\\tau$ is $L$-smooth, with minimum $h_\\tau(0) = 0$.",
        equation=r"h_\tau'(x) = \begin{cases} Lx & |x| \le \tau \\ L\tau\,"
        r"\mathrm{sign}(x) & |x| > \tau \end{cases}",
    )
    tau = _R / (2 * _N + 1)
    x_k = _R - _N * tau  # on x ≥ τ each step 1/L moves by h′/L = τ
    proof.require(
        "Start at $x_0 = R$ with $\\tau = R/(2N+1)$. On the linear piece a step of size "
        "$1/L$ subtracts $\\tau$; after $N$ steps the iterate is still at least $\\tau$, so "
        "every step was on that piece.",
        is_zero(sp.factor(x_k - tau) - _R * _N / (2 * _N + 1)),
        equation=rf"x_N = R - N\tau = {latex(sp.factor(x_k))}, \qquad x_N - \tau = "
        rf"{latex(sp.factor(x_k - tau))} \ge 0",
    )
    value = outer.subs({_x: x_k, _tau: tau})
    proof.require(
        "Evaluating $h_\\tau$ there gives the bound exactly: it is attained for every $N$.",
        is_zero(value - gradient_descent_convex_bound(L, _R**2, _N)),
        equation=rf"f(x_N) - f_\star = L\tau x_N - \tfrac{{L}}{{2}}\tau^2 = "
        rf"{latex(sp.factor(value))}",
    )
    proof.step(
        "That no $L$-smooth convex function does worse is the theorem of Drori and Teboulle "
        "(2014, Thm 3.1), not proven here; the PEPit route checks it at $N = 1, \\dots, 5$. "
        "Hence $f(x_N) - f_\\star \\le L\\|x_0 - x_\\star\\|^2/(4N+2)$ with equality for "
        "the Huber function, which is the statement."
    )
    return proof


@claim(
    "PEP-HB-GHADIMI",
    title="Heavy ball with α ≤ 1/L, β = √((1 − αμ)(1 − αL)): "
    "f(x_N) − f* ≤ (1 − αμ)ᴺ(f(x₀) − f*) on smooth strongly convex functions",
    cite=GHADIMI2015,
    section="Theorem 4",
    statement=r"For every $L$-smooth $\mu$-strongly convex $f$, $0<\alpha\le\frac1L$, "
    r"$\beta=\sqrt{(1-\alpha\mu)(1-\alpha L)}$ and $x_{k+1}=x_k-\alpha\nabla f(x_k)+"
    r"\beta(x_k-x_{k-1})$, $x_{-1}=x_0$: $f(x_N)-f_\star\le(1-\alpha\mu)^N(f(x_0)-f_\star)$",
    needs=PEPIT,
)
def prove_heavy_ball_ghadimi() -> Proof:
    """Prove that Ghadimi et al.'s β lies in [0, 1) and their bound's first step on quadratics (rest: PEPit)."""
    proof = Proof(True, exact=False)
    th = sp.Symbol("theta", positive=True)  # α = θ/L, 0 < θ ≤ 1
    radicand = ((1 - alpha * mu) * (1 - alpha * L)).subs(alpha, th / L)
    proof.require(
        "Write $\\alpha = \\theta/L$ with $0 < \\theta \\le 1$. With $\\mu \\le L$ both factors "
        "of the radicand lie in $[0, 1]$ and the first is positive, so the radicand is in "
        "$[0, 1)$ and $\\beta$ is real and in $[0, 1)$.",
        is_zero(radicand - (1 - th * mu / L) * (1 - th)),
        radicand,
        equation=rf"\beta^2 = (1 - \alpha\mu)(1 - \alpha L) = {latex(radicand)}",
    )
    q = (1 - alpha * lam) ** 2 - (1 - alpha * lam)
    proof.require(
        "A first check on the quadratics $f = \\lambda x^2/2$, $\\lambda \\in [\\mu, L]$: the "
        "first step is gradient descent ($x_{-1} = x_0$), so $f(x_1)/f(x_0) = (1 - "
        "\\alpha\\lambda)^2$, and this is at most $1 - \\alpha\\lambda \\le 1 - \\alpha\\mu$ "
        "because the difference below is $\\le 0$ for $0 \\le \\alpha\\lambda \\le 1$.",
        is_zero(q + alpha * lam * (1 - alpha * lam)),
        equation=rf"(1 - \alpha\lambda)^2 - (1 - \alpha\lambda) = {latex(sp.factor(q))}",
    )
    proof.step(
        "The bound over the whole class for every $N$ is Ghadimi, Feyzmahdavian & Johansson "
        "(2015, Thm 4), not proven here; the PEPit route checks it at $N = 1, \\dots, 6$ on "
        "three tunings. Hence $f(x_N) - f_\\star \\le (1 - \\alpha\\mu)^N (f(x_0) - f_\\star)$, "
        "which is the statement."
    )
    return proof


def triple_momentum_output_weight(rho: sp.Expr) -> sp.Expr:
    """δ = ρ²/(1 − ρ²): the output point is y_N = (1 + δ)ξ_N − δξ_{N−1} (Van Scoy et al.).

    >>> print(triple_momentum_output_weight(sp.Rational(1, 2)))
    1/3
    """
    return rho**2 / (1 - rho**2)


@claim(
    "PEP-TM-RATE",
    uses=("TM-FACTOR",),
    title="Triple momentum's rate ρ = 1 − 1/√κ holds on smooth strongly convex functions, "
    "not only quadratics: f(y_N) − f* ≤ (Lκ/2)ρ²ᴺ‖x₀ − x*‖², tight",
    cite=VANSCOY2018,
    section="Theorem 1 (the rate); the constant here is attained",
    statement=r"At the published tuning ($\rho=1-1/\sqrt\kappa$, $\alpha=\frac{1+\rho}{L}$, "
    r"$\beta=\frac{\rho^2}{2-\rho}$, $\gamma=\frac{\rho^2}{(1+\rho)(2-\rho)}$, "
    r"$\delta=\frac{\rho^2}{1-\rho^2}$), from rest, for every $L$-smooth $\mu$-strongly "
    r"convex $f$: $f(y_N)-f_\star\le\frac{L\kappa}{2}\rho^{2N}\|x_0-x_\star\|^2$ with "
    r"$y_N=(1+\delta)\xi_N-\delta\xi_{N-1}$, and $f=\frac L2x^2$ attains it for every $N$",
    needs=PEPIT,
)
def prove_triple_momentum_rate() -> Proof:
    """Prove that f = (L/2)x² attains triple momentum's bound for every N (the bound: PEPit)."""
    from . import methods
    from .triple_momentum import _in_s, _params

    proof = Proof(True, exact=False)
    R = methods.get("triple_momentum").iteration_matrix()  # state (ξ, ξ_prev)
    tuned = {k: _in_s(v) for k, v in _params(mu, L).items()}
    rho = 1 - 1 / s  # μ = 1, L = s² = κ
    at_L = sp.simplify(R.subs(tuned).subs(lam, s**2))
    proof.require(
        "Take $\\mu = 1$, $L = s^2$ with $s = \\sqrt\\kappa$. At $\\lambda = L$ the tuned "
        "iteration matrix on the state $(\\xi_k, \\xi_{k-1})$ has eigenvalues $0$ and "
        "$-\\rho$ (claim TM-FACTOR), so it satisfies $R^2 = -\\rho R$, checked entry by "
        "entry; by induction its powers collapse.",
        all(is_zero(e) for e in (at_L * at_L + rho * at_L)),
        equation=rf"R^2 + \rho R = {latex(sp.simplify(at_L * at_L + rho * at_L))} "
        r"\quad\Longrightarrow\quad R^N = (-\rho)^{N-1} R \quad (N \ge 1)",
    )
    first = at_L * sp.Matrix([1, 1])  # from rest: ξ₀ = ξ₋₁ = x₀
    proof.require(
        "From rest ($\\xi_0 = \\xi_{-1} = x_0$) one step gives $(\\xi_1, \\xi_0) = "
        "(-\\rho, 1)\\,x_0$, and so the whole sequence is geometric.",
        all(is_zero(e) for e in (first - sp.Matrix([-rho, 1]))),
        equation=rf"\begin{{pmatrix}} \xi_1 \\ \xi_0 \end{{pmatrix}} = "
        rf"{latex(sp.simplify(first))} x_0 \quad\Longrightarrow\quad \xi_N = (-\rho)^N x_0",
    )
    d = triple_momentum_output_weight(rho)
    y_N_over = (1 + d) * (-rho) - d  # y_N = (−ρ)^{N−1}·((1 + δ)(−ρ) − δ)·x₀
    proof.require(
        "The output point combines the last two iterates; with $\\delta = "
        "\\rho^2/(1-\\rho^2)$ and $1 - \\rho = 1/s$ the combination simplifies.",
        is_zero(y_N_over - (-rho) * s),
        equation=r"\frac{y_N}{(-\rho)^{N-1} x_0} = (1+\delta)(-\rho) - \delta = "
        rf"{latex(sp.factor(sp.simplify(y_N_over)))} = -\rho\sqrt\kappa",
    )
    value = (s**2 / 2) * (rho * s) ** 2  # f(y_N)/(ρ^{2N−2} x₀²) with L = s²
    proof.require(
        "On $f = \\tfrac{L}{2}x^2$ (here $L = \\kappa = s^2$) the value at $y_N$ equals the "
        "bound $\\tfrac{L\\kappa}{2}\\rho^{2N}x_0^2$, so the bound is attained, for every $N$.",
        is_zero(value - (s**2 * s**2 / 2) * rho**2),
        equation=rf"\frac{{f(y_N) - f_\star}}{{\rho^{{2N-2}} x_0^2}} = {latex(value)} = "
        rf"\frac{{L\kappa}}{{2}}\rho^2",
    )
    proof.step(
        "That no $L$-smooth $\\mu$-strongly convex function does worse is Van Scoy, Freeman & "
        "Lynch's Lyapunov argument (2018, Thm 1), not proven here; the PEPit route checks it "
        "at $N = 1, \\dots, 6$ for $\\kappa = 10, 25, 100$, where the worst case equals the "
        "bound to the solver's accuracy. Hence $f(y_N) - f_\\star \\le \\tfrac{L\\kappa}{2}"
        "\\rho^{2N}\\|x_0 - x_\\star\\|^2$ with $\\rho = 1 - 1/\\sqrt\\kappa$, attained, which "
        "is the statement."
    )
    return proof


@claim(
    "PEP-NAG-STRONGLY-CONVEX",
    uses=("NAG-TEXTBOOK",),
    title="Nesterov's method with α = 1/L, β = (√κ − 1)/(√κ + 1): "
    "f(x_N) − f* ≤ (1 − 1/√κ)ᴺ(f(x₀) − f* + μ/2‖x₀ − x*‖²)",
    cite=DASPREMONT2021,
    section="Corollary 4.15",
    statement=r"For every $L$-smooth $\mu$-strongly convex $f$, with $y_k=x_k+\frac{\sqrt"
    r"\kappa-1}{\sqrt\kappa+1}(x_k-x_{k-1})$, $x_{k+1}=y_k-\frac1L\nabla f(y_k)$, "
    r"$x_{-1}=x_0$: $f(x_N)-f_\star\le(1-\frac1{\sqrt\kappa})^N\big(f(x_0)-f_\star+"
    r"\frac\mu2\|x_0-x_\star\|^2\big)$",
    needs=PEPIT,
)
def prove_nesterov_strongly_convex() -> Proof:
    """Prove that this is the textbook tuning, of rate 1 − 1/√κ on quadratics (the bound: PEPit)."""
    from .nesterov import textbook_parameters

    proof = Proof(True, exact=False)
    a, b, rate = textbook_parameters()
    proof.require(
        "The tuning is NAG-TEXTBOOK's, $\\alpha = 1/L$ and $\\beta = (\\sqrt\\kappa - 1)/"
        "(\\sqrt\\kappa + 1)$, and its rate on quadratics is the bound's $1 - 1/\\sqrt\\kappa$.",
        is_zero(a - 1 / L) and is_zero(rate - (1 - sp.sqrt(mu / L))),
        b,
        equation=rf"\alpha = {latex(a)}, \qquad \beta = {latex(b)}, \qquad \rho = {latex(rate)}",
    )
    proof.step(
        "The method's iterate is the engine's $\\theta$: the engine steps $y = \\theta + "
        "\\beta v$, $\\theta^{k+1} = y - \\alpha\\nabla f(y)$, $v^{k+1} = \\theta^{k+1} - "
        "\\theta^k$ (the built-in spec's updates), so $\\theta$ is the $x$ of the two-point "
        "form with $x_{-1} = x_0$."
    )
    proof.step(
        "The bound over the class is d'Aspremont, Scieur & Taylor (2021, Cor. 4.15), not "
        "proven here; the PEPit route checks it at $N = 1, \\dots, 6$ for $\\kappa = 10$ and "
        "$100$. Hence $f(x_N) - f_\\star \\le (1 - 1/\\sqrt\\kappa)^N\\big(f(x_0) - f_\\star + "
        "\\tfrac{\\mu}{2}\\|x_0 - x_\\star\\|^2\\big)$, which is the statement."
    )
    return proof
