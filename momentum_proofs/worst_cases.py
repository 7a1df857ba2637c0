"""The exact N-step worst case on quadratics, in closed form where one exists.

The method engine computes max over λ ∈ [μ, L] of (x_N/x₀)², from rest, for any method
(:mod:`momentum_proofs.methods.worst`).  Three closed forms are derived here and the
engine is cross-checked against them:

- ``WC-GD``: gradient descent's worst case is max(|1 − αμ|, |1 − αL|)^{2N}, at an end of
  the spectrum, because 1 − αλ is affine in λ;
- ``WC-HB``: heavy ball at its minimax tuning has worst case (ρᴺ(1 + (1 + ρ)N))², at
  λ = L (from claim CHEB-HB-VS-CHEBYSHEV);
- ``WC-NAG``: Nesterov's method at its minimax tuning has worst case
  (ρᴺ(1 + (1 − ρ)N))², ρ = 1 − 2/√(3κ + 1): its value at λ = μ, a double root, is
  derived exactly; that λ = μ is the maximiser is the engine's certified worst case,
  checked on a grid of κ and N (no proof for every N here, so the evidence is numeric);
- ``WC-HB-PEAK``: heavy ball's worst case first grows.  Over real N ≥ 0 its square root
  ρᴺ(1 + (1 + ρ)N) peaks at N* = −1/ln ρ − 1/(1 + ρ), and as κ → ∞, N* ~ √κ/2 and
  the peak of the squared worst case ~ κ/e².

Source: G. Goh, "Why Momentum Really Works", Distill 2017 ("Choosing A Step-size", "Optimal
parameters", "Onwards and Downwards").
"""

from __future__ import annotations

import sympy as sp

from ._registry import claim
from ._tex import reduced, tex
from .proof import Proof, is_zero
from .symbols import alpha, beta, lam, s

_DISTILL = "distill"
_N = sp.Symbol("N", positive=True)


def gradient_descent_worst_case(a, mu_, L_, steps):
    """max over λ ∈ [μ, L] of (1 − αλ)^{2N}: the larger end (claim WC-GD).

    >>> print(gradient_descent_worst_case(sp.Rational(1, 2), 1, 3, 2))
    1/16
    """
    return sp.Max(sp.Abs(1 - a * mu_), sp.Abs(1 - a * L_)) ** (2 * steps)


def heavy_ball_optimal_worst_case(rho, steps):
    """(ρᴺ(1 + (1 + ρ)N))²: optimally tuned heavy ball's worst case (claim WC-HB).

    >>> print(heavy_ball_optimal_worst_case(sp.Rational(1, 2), 1))
    25/16
    """
    return (rho**steps * (1 + (1 + rho) * steps)) ** 2


def nesterov_optimal_worst_case(rho, steps):
    """(ρᴺ(1 + (1 − ρ)N))²: Nesterov's worst case at its minimax tuning (claim WC-NAG).

    >>> print(nesterov_optimal_worst_case(sp.Rational(3, 5), 1))  # (3/5 · 7/5)²
    441/625
    """
    return (rho**steps * (1 + (1 - rho) * steps)) ** 2


def peak_steps(rho):
    """N* = −1/ln ρ − 1/(1 + ρ), where ρᴺ(1 + (1 + ρ)N) peaks over real N (claim WC-HB-PEAK).

    >>> print(round(float(peak_steps(sp.Rational(9, 11))), 4))
    4.4333
    """
    return -1 / sp.log(rho) - 1 / (1 + rho)


@claim(
    "WC-GD",
    title="Gradient descent's N-step worst case on [μ, L] is max(|1 − αμ|, |1 − αL|)²ᴺ",
    seed=_DISTILL,
    section="Choosing A Step-size",
    quote="The overall convergence rate is determined by the slowest error component, which "
    "must be either",
    statement=r"$\max_{\lambda\in[\mu,L]}(1-\alpha\lambda)^{2N}=\max(|1-\alpha\mu|,|1-\alpha L|)^{2N}$, "
    r"reached at $\lambda=\mu$ or $\lambda=L$",
)
def prove_gradient_descent() -> Proof:
    """Prove gradient descent's N-step worst case max(|1 − αμ|, |1 − αL|)²ᴺ on [μ, L]."""
    proof = Proof(True)
    th = sp.Symbol("theta", nonnegative=True)
    mu_, L_ = sp.symbols("mu L", positive=True)
    inside = (1 - th) * mu_ + th * L_  # every λ ∈ [μ, L], θ ∈ [0, 1]
    R = _engine_matrix("gradient_descent")
    proof.require(
        "The engine's iteration matrix of gradient descent is the single entry "
        "$1 - \\alpha\\lambda$, so from rest $x_N = (1 - \\alpha\\lambda)^N x_0$.",
        is_zero(R[0, 0] - (1 - alpha * lam)),
        equation=f"R = {tex(R)}",
    )
    gap = (1 - alpha * inside) - ((1 - th) * (1 - alpha * mu_) + th * (1 - alpha * L_))
    proof.require(
        "At $\\lambda = (1 - \\theta)\\mu + \\theta L$, $0 \\le \\theta \\le 1$, the factor is the "
        "same convex combination of its values at the ends: it is affine in $\\lambda$.",
        is_zero(gap),
        equation=f"1 - \\alpha\\lambda - \\big((1 - \\theta)(1 - \\alpha\\mu) + \\theta(1 - \\alpha L)"
        f"\\big) = {tex(reduced(gap))}",
    )
    proof.step(
        "Hence, by the triangle inequality, $|1 - \\alpha\\lambda| \\le \\max(|1 - \\alpha\\mu|, "
        "|1 - \\alpha L|)$ with equality at an end, and as $t \\mapsto t^{2N}$ increases on "
        "$t \\ge 0$ the worst case of $(x_N/x_0)^2$ is the statement.",
        equation=f"\\max_{{\\lambda \\in [\\mu, L]}} \\Big(\\frac{{x_N}}{{x_0}}\\Big)^2 = "
        f"{tex(gradient_descent_worst_case(alpha, mu_, L_, _N))}",
    )
    return proof


def _engine_matrix(name: str) -> sp.Matrix:
    from . import methods

    return methods.get(name).iteration_matrix()


@claim(
    "WC-HB",
    uses=("CHEB-HB-VS-CHEBYSHEV",),
    title="Optimal heavy ball's N-step worst case is (ρᴺ(1 + (1 + ρ)N))², at λ = L",
    seed=_DISTILL,
    section="Onwards and Downwards",
    quote="There is an algebraic interpretation of momentum in terms of approximating polynomials [3, 14].",
    statement=r"At $\alpha=(2/(\sqrt L+\sqrt\mu))^2$, $\beta=\rho^2$, $\rho=\frac{\sqrt\kappa-1}"
    r"{\sqrt\kappa+1}$: $\max_{\lambda\in[\mu,L]}(x_N/x_0)^2=\big(\rho^N(1+(1+\rho)N)\big)^2$, "
    r"reached at $\lambda=L$",
)
def prove_heavy_ball() -> Proof:
    """Prove optimal heavy ball's N-step worst case (ρᴺ(1 + (1 + ρ)N))², reached at λ = L."""
    from . import claims

    proof = Proof(True)
    cheb = claims.get("CHEB-HB-VS-CHEBYSHEV").prove()
    proof.require(
        "From rest $x_N/x_0 = p_N(\\lambda)$, and claim CHEB-HB-VS-CHEBYSHEV proves that the "
        "maximum of $|p_N|$ over $[\\mu, L]$ is $\\rho^N(1 + (1 + \\rho)N)$, reached at "
        "$\\lambda = L$.",
        cheb.holds,
    )
    rho = (s - 1) / (s + 1)
    rho_ = sp.Symbol("rho", positive=True)
    at_9 = heavy_ball_optimal_worst_case(rho.subs(s, 3), 1)
    proof.require(
        "Hence, squaring, the worst case of $(x_N/x_0)^2$ is the statement; at $N = 1$, "
        "$\\kappa = 9$ ($\\rho = 1/2$) it is $25/16$.",
        at_9 == sp.Rational(25, 16),
        equation=f"\\max_{{\\lambda \\in [\\mu, L]}} \\Big(\\frac{{x_N}}{{x_0}}\\Big)^2 = "
        f"{tex(heavy_ball_optimal_worst_case(rho_, _N))}, \\qquad "
        f"\\rho = {tex(rho)}; \\quad N = 1,\\ \\kappa = 9: {tex(at_9)}",
    )
    return proof


@claim(
    "WC-HB-PEAK",
    uses=("WC-HB",),
    title="Optimal heavy ball's worst case first grows: peak near N* ≈ √κ/2, of size ≈ κ/e²",
    seed=_DISTILL,
    section="Optimal parameters",
    quote="While the loss function of gradient descent had a graceful, monotonic curve, "
    "optimization with momentum displays clear oscillations.",
    statement=r"Over real $N\ge0$, $g(N)=\rho^N(1+(1+\rho)N)$ peaks at "
    r"$N^*=-\frac1{\ln\rho}-\frac1{1+\rho}$; as $\kappa\to\infty$, $N^*/\sqrt\kappa\to\frac12$ "
    r"and $g(N^*)^2/\kappa\to e^{-2}$ (the squared worst case's peak)",
)
def prove_peak() -> Proof:
    """Prove where optimal heavy ball's worst case peaks (N* ≈ √κ/2) and its size (≈ κ/e²)."""
    proof = Proof(True)
    rho = sp.Symbol("rho", positive=True)
    g = rho**_N * (1 + (1 + rho) * _N)
    dlog = sp.diff(sp.log(g), _N)  # ln ρ + (1 + ρ)/(1 + (1 + ρ)N)
    n_star = peak_steps(rho)
    proof.require(
        "Differentiate $\\log g$ with $g = \\rho^N(1 + (1 + \\rho)N)$, the worst-case factor, in "
        "$N$: the derivative vanishes at $N^\\ast$.",
        is_zero(sp.simplify(dlog.subs(_N, n_star))),
        equation=f"\\frac{{d}}{{dN}}\\log g = {tex(sp.simplify(dlog))} = 0 \\iff N^\\ast = {tex(n_star)}",
    )
    d2 = sp.diff(dlog, _N)
    proof.require(
        "The derivative decreases in $N$ ($\\log g$ is concave), so $N^\\ast$ is the single peak.",
        sp.simplify(sp.diff(dlog, _N) + (1 + rho) ** 2 / (1 + (1 + rho) * _N) ** 2) == 0,
        equation=f"\\frac{{d^2}}{{dN^2}}\\log g = {tex(sp.simplify(d2))} < 0",
    )
    r_of_s = (s - 1) / (s + 1)
    n_of_s = n_star.subs(rho, r_of_s)
    lim_n = sp.limit(n_of_s / s, s, sp.oo)
    proof.require(
        "With $\\rho = (s - 1)/(s + 1)$, $s = \\sqrt\\kappa$, the peak moves out like "
        "$\\sqrt\\kappa/2$.",
        lim_n == sp.Rational(1, 2),
        equation=f"\\lim_{{s \\to \\infty}} \\frac{{N^\\ast}}{{\\sqrt\\kappa}} = {tex(lim_n)}",
    )
    peak = (g.subs(_N, n_star)).subs(rho, r_of_s)
    limit = sp.limit(sp.log(peak**2 / s**2), s, sp.oo)
    proof.require(
        "Hence the peak sits near $N^\\ast \\approx \\sqrt\\kappa/2$ and its squared size is "
        "about $\\kappa/e^2$: the statement.",
        limit == -2,
        equation=f"\\lim_{{s \\to \\infty}} \\log\\frac{{g(N^\\ast)^2}}{{\\kappa}} = {tex(limit)}",
    )
    return proof


@claim(
    "WC-NAG",
    uses=("NAG-OPTIMAL",),
    title="Nesterov at its minimax tuning: N-step worst case (ρᴺ(1 + (1 − ρ)N))², at λ = μ",
    seed=_DISTILL,
    section="Onwards and Downwards",
    quote="There is an algebraic interpretation of momentum in terms of approximating polynomials [3, 14].",
    statement=r"At $\alpha=\frac4{3L+\mu}$, $\beta=\frac{w-2}{w+2}$, $w=\sqrt{3\kappa+1}$ "
    r"(NAG-OPTIMAL), with $\rho=1-\frac2w$: $(x_N/x_0)^2=\big(\rho^N(1+(1-\rho)N)\big)^2$ "
    r"at $\lambda=\mu$ (a double root), and this is the maximum over $[\mu,L]$",
)
def prove_nesterov() -> Proof:
    """Prove Nesterov's N-step value (ρᴺ(1 + (1 − ρ)N))² at λ = μ (its maximality: numeric)."""
    from . import methods
    from .nesterov import w

    # The value at λ = μ is exact for every N; the maximality over λ is checked
    # numerically (verify/worst_cases.py), so the proof is not complete on its own.
    proof = Proof(True, exact=False)
    R = methods.get("nesterov").iteration_matrix()
    # μ = 1, L = κ = (w² − 1)/3: α = 4/(3κ + 1) = 4/w², β = (w − 2)/(w + 2)
    at_mu = R.subs({alpha: 4 / w**2, beta: (w - 2) / (w + 2)}).subs(lam, 1)
    rho = 1 - 2 / w
    proof.require(
        "Take $\\mu = 1$, $\\kappa = (w^2 - 1)/3$ and the minimax tuning. At $\\lambda = \\mu$ "
        "the iteration matrix has trace $2\\rho$ and determinant $\\rho^2$ with "
        "$\\rho = 1 - 2/w$: a double eigenvalue $\\rho$ (critical damping at $\\mu$).",
        is_zero(at_mu.trace() - 2 * rho) and is_zero(at_mu.det() - rho**2),
        equation=f"\\mathrm{{tr}}\\, R = {tex(sp.factor(at_mu.trace()))}, \\qquad "
        f"\\det R = {tex(sp.factor(at_mu.det()))}",
    )
    nag = methods.get("nesterov")
    x1 = (at_mu * nag.start_vector().subs(nag.spec.iterate, 1))[1]
    proof.require(
        "From rest ($v_0 = 0$) the first iterate is $x_1 = (1 - \\alpha\\mu)x_0 = "
        "\\rho(1 + (1 - \\rho))x_0$.",
        is_zero(x1 - rho * (1 + (1 - rho))),
        equation=f"\\frac{{x_1}}{{x_0}} = {tex(sp.factor(x1))}",
    )
    u = rho**_N * (1 + (1 - rho) * _N)
    step = u.subs(_N, _N + 1) - (2 * rho * u - rho**2 * u.subs(_N, _N - 1))
    proof.require(
        "Hence, as $u_N$ below solves $x_{N+1} = 2\\rho x_N - \\rho^2 x_{N-1}$ "
        "(Cayley–Hamilton) and matches $x_0$ and $x_1$, by induction $x_N/x_0 = u_N$ at "
        "$\\lambda = \\mu$, and $u_N^2$ is the stated value. That no $\\lambda \\in [\\mu, L]$ "
        "does worse is not proven here: the engine's certified worst case checks it for "
        "$\\kappa = 10, 100, 10^4$ and $N$ up to 100.",
        is_zero(sp.expand(step / rho ** (_N - 1))),
        equation=f"u_N = {tex(u)}, \\qquad u_{{N+1}} - 2\\rho u_N + \\rho^2 u_{{N-1}} = "
        f"{tex(reduced(sp.expand(step / rho ** (_N - 1))))}",
    )
    return proof
