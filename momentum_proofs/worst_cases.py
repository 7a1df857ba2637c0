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
    proof.require(
        "1 − αλ at λ = (1 − θ)μ + θL is (1 − θ)(1 − αμ) + θ(1 − αL): affine in λ",
        is_zero((1 - alpha * inside) - ((1 - th) * (1 - alpha * mu_) + th * (1 - alpha * L_))),
    )
    proof.step(
        "so |1 − αλ| ≤ (1 − θ)|1 − αμ| + θ|1 − αL| ≤ max(|1 − αμ|, |1 − αL|) (triangle "
        "inequality), with equality at an end; t ↦ t^{2N} increases on t ≥ 0"
    )
    proof.require(
        "the iterate from rest after N steps is x_N = (1 − αλ)ᴺx₀ (the engine's R = [1 − αλ])",
        is_zero(_engine_matrix("gradient_descent")[0, 0] - (1 - alpha * lam)),
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
        "CHEB-HB-VS-CHEBYSHEV: from rest, x_N/x₀ = p_N(λ) and max over [μ, L] of |p_N| is "
        "ρᴺ(1 + (1 + ρ)N) at λ = L",
        cheb.holds,
    )
    rho = (s - 1) / (s + 1)
    proof.require(
        "squaring: the worst case of (x_N/x₀)² is (ρᴺ(1 + (1 + ρ)N))²; at N = 1, κ = 9 "
        "(ρ = 1/2) it is 25/16",
        heavy_ball_optimal_worst_case(rho.subs(s, 3), 1) == sp.Rational(25, 16),
        heavy_ball_optimal_worst_case(rho, _N),
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
        "d/dN ln g = ln ρ + (1 + ρ)/(1 + (1 + ρ)N) vanishes at N* = −1/ln ρ − 1/(1 + ρ)",
        is_zero(sp.simplify(dlog.subs(_N, n_star))),
        n_star,
    )
    proof.require(
        "and decreases in N (a single peak: ln g is concave)",
        sp.simplify(sp.diff(dlog, _N) + (1 + rho) ** 2 / (1 + (1 + rho) * _N) ** 2) == 0,
    )
    r_of_s = (s - 1) / (s + 1)
    n_of_s = n_star.subs(rho, r_of_s)
    proof.require(
        "as κ → ∞ (s = √κ → ∞): N*/√κ → 1/2", sp.limit(n_of_s / s, s, sp.oo) == sp.Rational(1, 2)
    )
    peak = (g.subs(_N, n_star)).subs(rho, r_of_s)
    limit = sp.limit(sp.log(peak**2 / s**2), s, sp.oo)
    proof.require("and the squared peak g(N*)²/κ → e^{−2}", limit == -2, limit)
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
        "at λ = μ (μ = 1, κ = (w² − 1)/3) the tuned R has trace 2ρ and determinant ρ², "
        "ρ = 1 − 2/w: a double eigenvalue ρ (critical damping at μ)",
        is_zero(at_mu.trace() - 2 * rho) and is_zero(at_mu.det() - rho**2),
    )
    nag = methods.get("nesterov")
    x1 = (at_mu * nag.start_vector().subs(nag.spec.iterate, 1))[1]
    proof.require(
        "from rest (v₀ = 0) the first iterate is x₁ = (1 − αμ)x₀ = ρ(1 + (1 − ρ))x₀",
        is_zero(x1 - rho * (1 + (1 - rho))),
        sp.factor(x1),
    )
    u = rho**_N * (1 + (1 - rho) * _N)
    step = u.subs(_N, _N + 1) - (2 * rho * u - rho**2 * u.subs(_N, _N - 1))
    proof.require(
        "u_N = ρᴺ(1 + (1 − ρ)N) solves x_{N+1} = 2ρx_N − ρ²x_{N−1} (Cayley–Hamilton) and "
        "matches x₀, x₁: by induction x_N/x₀ = u_N at λ = μ",
        is_zero(sp.expand(step / rho ** (_N - 1))),
        u,
    )
    proof.step(
        "that no λ ∈ [μ, L] does worse is the engine's certified worst case, checked for "
        "κ = 10, 100, 10⁴ and N up to 100"
    )
    return proof
