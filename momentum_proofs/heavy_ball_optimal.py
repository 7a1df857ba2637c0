"""Heavy ball tuned over a whole spectrum, its regimes, transients and equivalent forms.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), sections "The Dynamics of Momentum", "The
Critical Damping Coefficient" and "Optimal parameters"; the lecture slides
"Optimization" (``seeds/002_bee5153b5cb4bea1.txt``) for the velocity form.

The optimal (α, β) on [λ₁, λₙ] = [μ, L] is derived here as a minimax, not
typed in: a lower bound max(ρ(μ), ρ(L)) ≥ (√κ − 1)/(√κ + 1) valid for *every*
(α, β) (from the sign of the characteristic polynomial at ±c), and a tuning
that attains it (both end eigenvalues placed on the double-root curves, found
by ``sympy.solve``).  The printed formulas are then proven equal to the derived
ones.  :func:`optimal_parameters` hands the derived expressions to
:mod:`momentum_proofs.tune`.

Radical identities are proven as polynomial identities in positive symbols
a = √μ, b = √L, s = √κ, r = √β, u = √(αλ).
"""

from __future__ import annotations

import functools

import sympy as sp

from . import heavy_ball as hb
from ._kernel import Kernel, tuning_kernel
from ._registry import claim
from ._tex import reduced, tex
from .proof import Proof, holds_on_cases, is_zero
from .symbols import L, alpha, beta, lam, mu, r, s, sigma, u

_DISTILL = "distill"
_DYNAMICS = "The Dynamics of Momentum"
_OPTIMAL = "Optimal parameters"

# a = √μ, b = √L; c a candidate rate; al a candidate step.
_a, _b = sp.symbols("a b", positive=True)
_c = sp.Symbol("c", positive=True)
_e = sp.Symbol("e", positive=True)
_SQRT_KAPPA = r"\sqrt\kappa"


@functools.cache
def derived_tuning() -> tuple[sp.Expr, sp.Expr]:
    """(α*, r*) in a = √μ, b = √L: both ends of [μ, L] on the double-root curves.

    Solves αμ = (1 − r)² (λ₁ on the lower curve) and αL = (1 + r)² (λₙ on the
    upper curve) and keeps the solution with 0 ≤ r < 1, chosen by that property.

    >>> al, rr = derived_tuning()
    >>> print(al.subs({_a: 1, _b: 3}), rr.subs({_a: 1, _b: 3}))
    1/4 1/2
    """
    al = sp.Symbol("al", positive=True)
    rr = sp.Symbol("rr", nonnegative=True)
    solutions = sp.solve(
        [al * _a**2 - (1 - rr) ** 2, al * _b**2 - (1 + rr) ** 2], [al, rr], dict=True
    )
    # At a = 1, b = 2 the wanted root is r = 1/3; the spurious one is r = 3.
    chosen = [
        sol
        for sol in solutions
        if sp.simplify(sol[rr].subs({_a: 1, _b: 2}) - sp.Rational(1, 3)) == 0
    ]
    if len(chosen) != 1:
        raise RuntimeError(f"could not choose the optimal root among {solutions}")
    return sp.factor(chosen[0][al]), sp.factor(chosen[0][rr])


@functools.cache
def optimal_parameters() -> dict[str, sp.Expr]:
    """The derived optimum as expressions in ``mu`` and ``L`` (the symbols module's).

    Keys ``alpha``, ``beta``, ``rate`` and ``one_minus_rate`` (1 − ρ in a form
    without cancellation, 2√μ/(√μ + √L), for ``log1p`` near ρ → 1).

    >>> p = optimal_parameters()
    >>> print(p["alpha"].subs({mu: 1, L: 9}), p["beta"].subs({mu: 1, L: 9}))
    1/4 1/4
    """
    al, rr = derived_tuning()
    back = {_a: sp.sqrt(mu), _b: sp.sqrt(L)}
    one_minus = sp.factor(1 - rr)
    return {
        "alpha": al.subs(back),
        "beta": (rr**2).subs(back),
        "rate": rr.subs(back),
        "one_minus_rate": one_minus.subs(back),
    }


def kernels() -> list[Kernel]:
    """Heavy ball at its optimum, printed for :mod:`numeric` (``heavy_ball_tuning``).

    With a = √μ, b = √L the derived rate (b − a)/(b + a) subtracts two rounded roots,
    which loses every digit as κ → 1.  The printed forms put the exact difference
    L − μ on top and expand (a + b)² = μ + L + 2√(μL), a sum of positive terms with one
    rounded root (exact when μ = L, so that α = 1/μ there):
    α = 4/(μ + L + 2√(μL)), ρ = (L − μ)/(μ + L + 2√(μL)), β = ρ², and
    1 − ρ = 2a/(a + b) = 2μ/(μ + √(μL)).

    >>> print([k.name for k in kernels()])
    ['heavy_ball_tuning']
    """
    root = sp.sqrt(mu * L)
    square = mu + L + 2 * root  # (√μ + √L)²
    forms = {
        "alpha": 4 / square,
        "beta": (L - mu) ** 2 / square**2,
        "rate": (L - mu) / square,
        "one_minus_rate": 2 * mu / (mu + root),
    }
    radical_free = {mu: _a**2, L: _b**2}
    return [tuning_kernel("heavy_ball", forms, optimal_parameters(), radical_free, "HB-OPTIMAL")]


def _ab(expr: sp.Expr) -> sp.Expr:
    """Rewrite an expression in μ, L into a = √μ, b = √L."""
    return expr.subs({mu: _a**2, L: _b**2})


# --- the minimax ----------------------------------------------------------------


@claim(
    "HB-OPTIMAL",
    uses=("HB-DISCRIMINANT", "HB-RATE"),
    title="Optimal α, β over [λ₁, λₙ] derived as a minimax",
    seed=_DISTILL,
    section=_OPTIMAL,
    quote="\\alpha = \\left(\\frac{2}{\\sqrt{\\lambda_{1}}+\\sqrt{\\lambda_{n}}}\\right)^{2} "
    "\\quad \\beta = \\left(\\frac{\\sqrt{\\lambda_{n}}-\\sqrt{\\lambda_{1}}}{\\sqrt{\\lambda_{n}}"
    "+\\sqrt{\\lambda_{1}}}\\right)^{2}",
    statement=r"$\min_{\alpha,\beta}\max_{\lambda\in[\lambda_1,\lambda_n]}\rho(\alpha,\beta,\lambda)$ "
    r"is attained at $\alpha = \big(2/(\sqrt{\lambda_1}+\sqrt{\lambda_n})\big)^2$, "
    r"$\beta = \big((\sqrt{\lambda_n}-\sqrt{\lambda_1})/(\sqrt{\lambda_n}+\sqrt{\lambda_1})\big)^2$",
)
def prove_optimal() -> Proof:
    """Lower bound for every (α, β), then a tuning that meets it."""
    proof = Proof(True)
    p = hb.characteristic_polynomial()
    # Lower bound.  If every root of p_λ has modulus < c then p_λ(c) > 0 and
    # p_λ(−c) > 0 (each is a product of two positive factors, or |c ∓ σ|²), and β < c².
    s1, s2 = sp.symbols("sigma_1 sigma_2")
    monic = sp.expand((sigma - s1) * (sigma - s2))
    at_c = sp.expand(p.subs(sigma, _c))
    at_minus_c = sp.expand(p.subs(sigma, -_c))
    proof.require(
        "Lower bound. Suppose $\\rho(\\mu), \\rho(L) < c < 1$. A monic quadratic with roots "
        "$\\sigma_{1,2}$ has $p(\\pm c) = (c \\mp \\sigma_1)(c \\mp \\sigma_2)$, positive when "
        "both roots have modulus below $c$; evaluate heavy ball's $p_\\lambda$ at $\\pm c$.",
        is_zero(monic.subs(sigma, _c) - (_c - s1) * (_c - s2))
        and is_zero(monic.subs(sigma, -_c) - (_c + s1) * (_c + s2))
        and is_zero(at_c - (alpha * lam * _c - (1 - _c) * (_c - beta)))
        and is_zero(at_minus_c - ((1 + _c) * (_c + beta) - alpha * lam * _c)),
        equation=f"p_\\lambda(c) &= {tex(at_c)} = {tex(alpha * lam * _c - (1 - _c) * (_c - beta))}, "
        f"\\\\ p_\\lambda(-c) &= {tex(at_minus_c)} = "
        f"{tex((1 + _c) * (_c + beta) - alpha * lam * _c)}",
    )
    ratio = (_c + beta) / (_c - beta)
    proof.require(
        "So $\\alpha\\mu c > (1 - c)(c - \\beta)$, $\\alpha L c < (1 + c)(c + \\beta)$ and "
        "$\\beta < c^2 < c$; dividing, $\\kappa = L/\\mu < (1 + c)(c + \\beta)/((1 - c)(c - "
        "\\beta))$, and that bound increases with $\\beta$.",
        is_zero(sp.diff(ratio, beta) - 2 * _c / (_c - beta) ** 2),
        equation=f"\\frac{{\\partial}}{{\\partial\\beta}} {tex(ratio)} = "
        f"{tex(sp.factor(sp.diff(ratio, beta)))} > 0",
    )
    at_c2 = sp.factor((1 + _c) * ratio.subs(beta, _c**2) / (1 - _c))
    proof.require(
        "Its value at the largest admissible $\\beta = c^2$ is a square.",
        is_zero((1 + _c) * ratio.subs(beta, _c**2) / (1 - _c) - ((1 + _c) / (1 - _c)) ** 2),
        equation=f"\\kappa < {tex(at_c2)}",
    )
    c_of_s = sp.solve(sp.Eq((1 + _c) / (1 - _c), s), _c)
    proof.require(
        "Take square roots, $\\sqrt\\kappa < (1 + c)/(1 - c)$, increasing in $c$; solve for "
        "$c$. Hence $\\max(\\rho(\\mu), \\rho(L)) \\ge (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$ "
        "for every $\\alpha > 0$, $0 \\le \\beta < 1$.",
        len(c_of_s) == 1
        and is_zero(c_of_s[0] - (s - 1) / (s + 1))
        and is_zero(sp.diff((1 + _c) / (1 - _c), _c) - 2 / (1 - _c) ** 2),
        equation=f"c > {tex(c_of_s[0])}, \\qquad s = \\sqrt\\kappa",
    )
    # Attainment: both ends on the double-root curves.
    al, rr = derived_tuning()
    proof.require(
        "Attainment. Put both ends on the double-root curves: solve $\\alpha\\mu = (1 - r)^2$, "
        "$\\alpha L = (1 + r)^2$ with $r = \\sqrt\\beta$, $a = \\sqrt\\mu$, $b = \\sqrt L$; "
        "the solution meets the lower bound, as $\\sqrt\\kappa = b/a$.",
        is_zero(al * _a**2 - (1 - rr) ** 2)
        and is_zero(al * _b**2 - (1 + rr) ** 2)
        and is_zero(rr - ((s - 1) / (s + 1)).subs(s, _b / _a)),
        equation=f"\\alpha^\\ast = {tex(al)}, \\qquad r = {tex(rr)}",
    )
    proof.step(
        "Every $\\lambda$ in $[\\mu, L]$ then has $(1 - r)^2 \\le \\alpha\\lambda \\le "
        "(1 + r)^2$: complex or double eigenvalues, so $\\rho(\\lambda) = \\sqrt\\beta = r$ "
        "on the whole interval (claim HB-DISCRIMINANT)."
    )
    printed_alpha = (2 / (_a + _b)) ** 2
    printed_beta = ((_b - _a) / (_b + _a)) ** 2
    opt = optimal_parameters()
    proof.require(
        "Hence the printed $\\alpha^\\ast$ and $\\beta^\\ast = r^2$ are the derived minimax "
        "tuning, with $1 - \\rho = 2\\sqrt\\mu/(\\sqrt\\mu + \\sqrt L)$: the statement "
        "(the exported expressions are these ones).",
        is_zero(al - printed_alpha)
        and is_zero(rr**2 - printed_beta)
        and is_zero(_ab(opt["alpha"]) - al)
        and is_zero(_ab(opt["beta"]) - rr**2)
        and is_zero(_ab(opt["one_minus_rate"]) - (1 - rr)),
        equation=f"\\alpha^\\ast - {tex(printed_alpha)} = {tex(reduced(al - printed_alpha))}, "
        f"\\quad \\beta^\\ast - {tex(printed_beta)} = {tex(reduced(rr**2 - printed_beta))}, "
        f"\\quad 1 - \\rho = {tex(sp.factor(1 - rr))}",
    )
    return proof


@claim(
    "HB-OPTIMAL-RATE",
    title="Optimal heavy-ball rate (√κ − 1)/(√κ + 1)",
    seed=_DISTILL,
    section=_OPTIMAL,
    quote="Plug this into the convergence rate, and you get",
    statement=r"$\rho(\alpha^\ast,\beta^\ast,\lambda) = \frac{\sqrt\kappa-1}{\sqrt\kappa+1}$ "
    r"for every $\lambda\in[\lambda_1,\lambda_n]$",
    reconstructed=True,
)
def prove_optimal_rate() -> Proof:
    """The formula after "you get" was lost in extraction; rebuilt from the tuning."""
    al, rr = derived_tuning()
    proof = Proof(True)
    proof.note = (
        "reconstructed: the seed's formula after 'and you get' is missing (an image); "
        "rebuilt as ρ(α*, β*, λ) from the printed α*, β*"
    )
    # At the ends √(αλ) = √α*·a and √α*·b; in u = √(αλ), r = √β the discriminant is polynomial.
    q = sp.expand(hb._in_squares(hb.discriminant()))
    t_half = sp.expand(hb._in_squares(hb.trace())) / 2
    for label, root in (("\\mu", _a), ("L", _b)):
        at = {u: sp.sqrt(al) * root, r: rr}
        proof.require(
            f"At $\\lambda = {label}$, with $u = \\sqrt{{\\alpha^\\ast\\lambda}}$ and "
            "$r = \\sqrt{\\beta^\\ast}$, the discriminant vanishes and half the trace has "
            "modulus $r$: a double eigenvalue of modulus $r$.",
            is_zero(sp.cancel(q.subs(at))) and is_zero(sp.cancel(t_half.subs(at) ** 2 - rr**2)),
            equation=f"d\\big|_{{\\lambda = {label}}} = {tex(sp.cancel(q.subs(at)))}, \\qquad "
            f"(t/2)^2 - r^2 = {tex(sp.cancel(t_half.subs(at) ** 2 - rr**2))}",
        )
    # Interior: u = √(αλ) strictly between 1 − r and 1 + r, written as u = 1 − r + 2r w, 0 < w < 1.
    w = sp.Symbol("w", positive=True)
    inner = sp.factor(q.subs(u, 1 - r + 2 * r * w))
    proof.require(
        "Inside the interval write $u = 1 - r + 2rw$ with $0 < w < 1$: every factor of $d$ "
        "below has a fixed sign and $d < 0$, so the eigenvalues are complex, of modulus $r$.",
        is_zero(inner + 16 * r**2 * w * (1 - w) * (1 - r + r * w) * (1 + r * w)),
        equation=f"d = {tex(inner)} < 0",
    )
    sk = sp.Symbol("sqrt_kappa", positive=True)  # shown as √κ
    proof.require(
        "Hence the rate is $r$ on all of $[\\mu, L]$, with $\\sqrt\\kappa = b/a$: the "
        "reconstructed formula.",
        is_zero(rr - ((s - 1) / (s + 1)).subs(s, _b / _a)),
        equation=f"\\rho = r = {tex(rr)} = {tex((sk - 1) / (sk + 1), {sk: _SQRT_KAPPA})}",
    )
    return proof


@claim(
    "HB-OPTIMAL-LIMITS",
    title="As κ → ∞: α*_HB/α*_GD → 2 and β* → 1",
    seed=_DISTILL,
    section=_OPTIMAL,
    quote="When the problem’s conditioning is poor, the optimal α\\alphaα is approximately twice "
    "that of gradient descent, and the momentum term is close to 111.",
    statement=r"$\alpha^\ast_{HB}/\alpha^\ast_{GD} = 2(1+\kappa)/(1+\sqrt\kappa)^2 \to 2$ and "
    r"$\beta^\ast = ((\sqrt\kappa-1)/(\sqrt\kappa+1))^2 \to 1$ as $\kappa\to\infty$",
)
def prove_limits() -> Proof:
    """Prove that as κ → ∞ heavy ball's optimal step is twice gradient descent's and β* → 1."""
    from . import gradient_descent as gd

    al, rr = derived_tuning()
    alpha_gd = _ab(gd.optimal_parameters()["alpha"])
    ratio = sp.factor(al / alpha_gd)
    proof = Proof(True).step(
        "Divide heavy ball's optimal step by gradient descent's, with $a = \\sqrt\\mu$ and "
        "$b = \\sqrt L$.",
        equation=f"\\frac{{\\alpha^\\ast_{{\\text{{HB}}}}}}{{\\alpha^\\ast_{{\\text{{GD}}}}}} = "
        f"{tex(ratio)}",
    )
    in_s = sp.cancel(ratio.subs(_b, s * _a))
    proof.require(
        "Put $b = s a$ with $s = \\sqrt\\kappa$ and take the limit $s \\to \\infty$.",
        is_zero(in_s - 2 * (1 + s**2) / (1 + s) ** 2) and sp.limit(in_s, s, sp.oo) == 2,
        equation=f"\\frac{{\\alpha^\\ast_{{\\text{{HB}}}}}}{{\\alpha^\\ast_{{\\text{{GD}}}}}} = "
        f"{tex(in_s)} \\to {tex(sp.limit(in_s, s, sp.oo))}",
    )
    beta_s = sp.cancel((rr**2).subs(_b, s * _a))
    proof.require(
        "The optimal momentum tends to 1 in the same limit.",
        sp.limit(beta_s, s, sp.oo) == 1,
        equation=f"\\beta^\\ast = {tex(beta_s)} \\to {tex(sp.limit(beta_s, s, sp.oo))}",
    )
    proof.require(
        "Hence the step ratio rises to 2 but stays below it, and $\\beta^\\ast \\to 1$: "
        "the statement.",
        is_zero(2 - in_s - 4 * s / (1 + s) ** 2),
        equation=f"2 - \\frac{{\\alpha^\\ast_{{\\text{{HB}}}}}}{{\\alpha^\\ast_{{\\text{{GD}}}}}} = "
        f"{tex(sp.factor(2 - in_s))} > 0",
    )
    return proof


# --- regimes of the rate map -------------------------------------------------------


@claim(
    "HB-TAXONOMY",
    uses=("HB-DISCRIMINANT", "HB-STABILITY"),
    title="Regimes of heavy ball: monotone, ripples, sign-flipping, divergence",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="we see there are distinct regions of the parameter space which reveal a rich taxonomy "
    "of convergence behavior [10]:",
    statement=r"With $r=\sqrt\beta$, $0\le\beta<1$: for $\alpha\lambda<(1-r)^2$ both eigenvalues are "
    r"real and non-negative (no oscillation: the error changes sign at most once); for $(1-r)^2<\alpha\lambda<(1+r)^2$ they are complex "
    r"of modulus $r$ (ripples); for $(1+r)^2<\alpha\lambda<2+2\beta$ both are real and negative "
    r"(sign-flipping, converging); for $\alpha\lambda\ge 2+2\beta$, $\rho\ge1$ (divergence)",
)
def prove_taxonomy() -> Proof:
    """Prove the four regimes of heavy ball: monotone, ripples, sign-flipping and divergent."""
    t = hb.trace()
    proof = Proof(True)
    t_u = sp.expand(t.subs(alpha, u**2 / lam).subs(beta, r**2))
    proof.require(
        "With $\\beta = r^2$ and $\\alpha\\lambda = u^2$, compare the trace "
        "$t = \\sigma_1 + \\sigma_2$ with $\\pm 2r$: the two curves $u = 1 \\mp r$ of double "
        "roots are where these differences vanish.",
        is_zero(t_u - 2 * r - ((1 - r) ** 2 - u**2))
        and is_zero(-t_u - 2 * r - (u**2 - (1 + r) ** 2)),
        equation=f"t - 2r = {tex(sp.factor(t_u - 2 * r))}, \\qquad "
        f"-t - 2r = {tex(sp.factor(-t_u - 2 * r))}",
    )
    proof.step(
        "Real roots ($d \\ge 0$, claim HB-DISCRIMINANT) have $\\sigma_1\\sigma_2 = \\beta \\ge "
        "0$, so both share the sign of $t$ (or one is 0 when $\\beta = 0$)."
    )
    wl = sp.Symbol("w", positive=True)  # u = (1 − r)w with 0 < w < 1
    below = sp.factor(t_u.subs(u, (1 - r) * wl) - 2 * r)
    proof.require(
        "Below the lower curve write $u = (1 - r)w$ with $0 < w < 1$: then $t > 2r \\ge 0$, "
        "both roots are $\\ge 0$ and there is no oscillation.",
        is_zero(sp.expand(t_u.subs(u, (1 - r) * wl) - 2 * r - (1 - r) ** 2 * (1 - wl**2))),
        equation=f"t - 2r = {tex(below)} > 0",
    )
    proof.step(
        "With distinct real roots the error is $c_1\\sigma_1^k + c_2\\sigma_2^k$; it vanishes "
        "only where $(\\sigma_2/\\sigma_1)^k = -c_1/c_2$, and $(\\sigma_2/\\sigma_1)^k$ is "
        "monotone in $k$, so for roots $\\ge 0$ it changes sign at most once (at a double root "
        "$(a + bk)\\sigma^k$ likewise)."
    )
    above = sp.factor(-t_u.subs(u, (1 + r) * (1 + _e)) - 2 * r)
    proof.require(
        "Above the upper curve write $u = (1 + r)(1 + e)$ with $e > 0$: then $-t > 2r$, both "
        "roots are negative and the error flips sign every step.",
        is_zero(sp.expand(-t_u.subs(u, (1 + r) * (1 + _e)) - 2 * r - (1 + r) ** 2 * _e * (2 + _e))),
        equation=f"-t - 2r = {tex(above)} > 0",
    )
    band = sp.factor(2 + 2 * r**2 - (1 + r) ** 2)
    proof.require(
        "That sign-flipping band, between the upper curve and the stability edge "
        "$\\alpha\\lambda = 2 + 2\\beta$, is never empty.",
        is_zero(sp.expand(2 + 2 * r**2 - (1 + r) ** 2 - (1 - r) ** 2)),
        equation=f"(2 + 2\\beta) - (1 + \\sqrt\\beta)^2 = {tex(band)} \\ge 0",
    )
    proof.step(
        "Between the curves the roots are complex, $re^{\\pm i\\theta}$ with "
        "$r = \\sqrt\\beta$: the error is $r^k$ times a sinusoid in $k\\theta$ (ripples). "
        "$\\rho \\ge 1$ exactly for $\\alpha\\lambda \\ge 2 + 2\\beta$ (claim HB-STABILITY)."
    )
    # One root real positive, one real negative is impossible for β > 0 (product β > 0).
    prod = sp.expand(hb.eigenvalues()[0] * hb.eigenvalues()[1])
    proof.require(
        "Hence, as the product of the roots is $\\beta$, real roots never have opposite signs "
        "for $\\beta > 0$, and the four regimes (monotone, ripples, sign flips, divergence) "
        "are all there is: the statement.",
        is_zero(prod - beta),
        equation=f"\\sigma_1\\sigma_2 = {tex(prod)}",
    )
    return proof


# --- transient at the double root and iteration counts ----------------------------


@functools.cache
def double_root_error() -> sp.Expr:
    """xᵏ/x⁰ at β = (1 − u)² from y⁰ = 0: (1 + ku)(1 − u)ᵏ, with u = √(αλ).

    At u = 1/2, k = 2: (1 + 1)(1/2)² = 1/2.

    >>> e = double_root_error()
    >>> print(e.subs({u: sp.Rational(1, 2), sp.Symbol("k", integer=True, nonnegative=True): 2}))
    1/2
    """
    kk = sp.Symbol("k", integer=True, nonnegative=True)
    return (1 + kk * u) * (1 - u) ** kk


@claim(
    "HB-TRANSIENT",
    title="At a double root the error is (1 + k√(αλ))(1 − √(αλ))ᵏ: the kσᵏ transient",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="\\sigma_{1}^{k}(kR/\\sigma_1-(k-1)I) & \\sigma_{1}=\\sigma_{2}",
    statement=r"At $\beta=(1-\sqrt{\alpha\lambda})^2$ with $y^0=0$: "
    r"$x^k = (1+k\sqrt{\alpha\lambda})(1-\sqrt{\alpha\lambda})^k x^0$. At the optimum "
    r"$\sqrt{\alpha^\ast\lambda_1}=1-\rho$ and $\sqrt{\alpha^\ast\lambda_n}=1+\rho$, so the "
    r"ends decay like $(1+k(1\mp\rho))\rho^k$, and reaching a tolerance $\varepsilon$ takes "
    r"more than $\log\varepsilon/\log\rho$ steps",
)
def prove_transient() -> Proof:
    """Prove that at a double root the error is (1 + k√(αλ))(1 − √(αλ))ᵏ times its start."""
    kk = sp.Symbol("k", integer=True, positive=True)
    # σ ≠ 0 is the double root 1 − u; P stands for σ^{k−1}, so σ^{k+j} = σ^{j+1}P exactly.
    sg, P = sp.symbols("sigma_d P", nonzero=True)
    R = hb.iteration_matrix().subs({beta: sg**2, alpha: (1 - sg) ** 2 / lam})
    d_prev, d_k, d_next = (kk - 1) * P / sg, kk * P, (kk + 1) * sg * P
    proof = Proof(True)
    names = {sg: r"\sigma", P: r"\sigma^{k-1}"}
    proof.require(
        "At a double root $\\sigma$ the trace is $2\\sigma$ and $\\beta = \\sigma^2$; then "
        "$D_k = k\\sigma^{k-1}$ solves the recurrence $D_{k+1} = tD_k - \\beta D_{k-1}$ of "
        "$R^k = D_k R - \\beta D_{k-1} I$.",
        is_zero(d_next - 2 * sg * d_k + sg**2 * d_prev)
        and is_zero(hb.trace().subs({beta: sg**2, alpha: (1 - sg) ** 2 / lam}) - 2 * sg),
        equation=f"t = {tex(sp.factor(hb.trace().subs({beta: sg**2, alpha: (1 - sg) ** 2 / lam})), names)}, "
        f"\\qquad D_{{k+1}} - 2\\sigma D_k + \\sigma^2 D_{{k-1}} = "
        f"{tex(reduced(d_next - 2 * sg * d_k + sg**2 * d_prev))}",
    )
    power22 = d_k * R[1, 1] - sg**2 * d_prev
    target = (1 + kk * (1 - sg)) * sg * P  # (1 + ku)σᵏ with u = 1 − σ
    proof.require(
        "From rest ($y^0 = 0$) the error is $x^k = (R^k)_{22}\\,x^0$, and "
        "$(R^k)_{22} = D_k(1 - \\alpha\\lambda) - \\beta D_{k-1}$; with "
        "$\\sigma = 1 - u$, $u = \\sqrt{\\alpha\\lambda}$, it is a polynomial factor times "
        "$\\sigma^k$.",
        is_zero(power22 - target),
        equation=f"\\frac{{x^k}}{{x^0}} = (R^k)_{{22}} = {tex(double_root_error())}",
    )
    al, rr = derived_tuning()
    proof.require(
        "At the optimal tuning both ends of $[\\mu, L]$ are double roots: "
        "$\\sqrt{\\alpha^\\ast\\mu} = 1 - \\rho$ and $\\sqrt{\\alpha^\\ast L} = 1 + \\rho$.",
        is_zero(sp.sqrt(al) * _a - (1 - rr)) and is_zero(sp.sqrt(al) * _b - (1 + rr)),
        equation=f"\\sqrt{{\\alpha^\\ast\\mu}} - (1 - \\rho) = "
        f"{tex(reduced(sp.sqrt(al) * _a - (1 - rr)))}, \\qquad "
        f"\\sqrt{{\\alpha^\\ast L}} - (1 + \\rho) = {tex(reduced(sp.sqrt(al) * _b - (1 + rr)))}",
    )
    proof.step(
        "Hence the error there is $(1 + ku)\\rho^k$ times its start, which is the statement: "
        "the factor $1 + ku$ grows without bound, so the first $k$ with "
        "$(1 + ku)\\rho^k \\le \\varepsilon$ exceeds $\\log\\varepsilon / \\log\\rho$ by "
        "about $\\log(1 + ku)/(-\\log\\rho)$ steps."
    )
    return proof


@functools.cache
def iterations_per_decade() -> dict[str, sp.Expr]:
    """log 10 / (−log ρ) for the optimal GD and HB rates, in s = √κ.

    At √κ = 3 heavy ball's rate is 1/2: log 10/log 2 ≈ 3.32 iterations per decade.

    >>> print(round(float(iterations_per_decade()["heavy_ball"].subs(s, 3)), 4))
    3.3219
    """
    return {
        "gradient_descent": sp.log(10) / sp.log((s**2 + 1) / (s**2 - 1)),
        "heavy_ball": sp.log(10) / sp.log((s + 1) / (s - 1)),
    }


@claim(
    "HB-ITERATIONS",
    title="Iterations per decade: ~(ln 10/2)κ for gradient descent, ~(ln 10/2)√κ for heavy ball",
    seed=_DISTILL,
    section=_OPTIMAL,
    quote="With barely a modicum of extra effort, we have essentially square rooted the condition number!",
    statement=r"$N = \ln 10/(-\ln\rho)$; $N_{GD}/\kappa \to \ln 10/2$ and "
    r"$N_{HB}/\sqrt\kappa \to \ln 10/2$, with $N_{HB} \le \tfrac{\ln 10}{2}\sqrt\kappa$ for all $\kappa>1$",
)
def prove_iterations() -> Proof:
    """Prove the iterations per decade: about (ln 10/2)κ for gradient descent, (ln 10/2)√κ for heavy ball."""
    n = iterations_per_decade()
    proof = Proof(True)
    lim_gd = sp.limit(n["gradient_descent"] / s**2, s, sp.oo)
    proof.require(
        "Iterations per decade are $N = \\log 10/(-\\log\\rho)$; with $\\kappa = s^2$, "
        "gradient descent's optimum needs about a constant times $\\kappa$.",
        is_zero(lim_gd - sp.log(10) / 2),
        equation=f"N_{{\\text{{GD}}}} = {tex(n['gradient_descent'])}, \\qquad "
        f"\\lim_{{s \\to \\infty}} \\frac{{N_{{\\text{{GD}}}}}}{{\\kappa}} = {tex(lim_gd)}",
    )
    lim_hb = sp.limit(n["heavy_ball"] / s, s, sp.oo)
    proof.require(
        "Heavy ball's optimum needs the same constant times $\\sqrt\\kappa$.",
        is_zero(lim_hb - sp.log(10) / 2),
        equation=f"N_{{\\text{{HB}}}} = {tex(n['heavy_ball'])}, \\qquad "
        f"\\lim_{{s \\to \\infty}} \\frac{{N_{{\\text{{HB}}}}}}{{\\sqrt\\kappa}} = {tex(lim_hb)}",
    )
    g = sp.log((s + 1) / (s - 1)) - 2 / s
    proof.require(
        "The heavy-ball count stays below its limit: $g$ below decreases to 0, so $g > 0$ "
        "and $N_{\\text{HB}} \\le (\\ln 10/2)\\sqrt\\kappa$.",
        is_zero(sp.diff(g, s) + 2 / (s**2 * (s**2 - 1))) and sp.limit(g, s, sp.oo) == 0,
        equation=f"g(s) = {tex(g)}, \\qquad g'(s) = {tex(sp.factor(sp.diff(g, s)))} < 0",
    )
    lim_ratio = sp.limit(n["gradient_descent"] / n["heavy_ball"] / s, s, sp.oo)
    proof.require(
        "Hence the ratio of the two counts grows like $\\sqrt\\kappa$: the statement.",
        lim_ratio == 1,
        equation=f"\\lim_{{s \\to \\infty}} \\frac{{N_{{\\text{{GD}}}}}}"
        f"{{\\sqrt\\kappa\\, N_{{\\text{{HB}}}}}} = {tex(lim_ratio)}",
    )
    return proof


# --- equivalent forms ---------------------------------------------------------------

_w, _wm, _z, _g, _v = sp.symbols("w w_prev z g v", real=True)


@claim(
    "HB-POLYAK",
    title="Polyak's two-step form w⁺ = w − α∇f(w) + β(w − w⁻) has the same iterates",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="w^{k+1}&=w^{k}-\\alpha z^{k+1}.",
    statement=r"With $w^{-1}=w^0$, $z^0=0$: $w^{k+1}=w^k-\alpha\nabla f(w^k)+\beta(w^k-w^{k-1})$ "
    r"gives the same $w^k$ as $z^{k+1}=\beta z^k+\nabla f(w^k)$, $w^{k+1}=w^k-\alpha z^{k+1}$",
)
def prove_polyak() -> Proof:
    """Prove that Polyak's two-step form produces the same iterates as the momentum form."""
    proof = Proof(True)
    z_next = beta * _z + _g
    distill = _w - alpha * z_next
    polyak = _w - alpha * _g + beta * (_w - _wm)
    invariant = {_z: (_wm - _w) / alpha}  # αzᵏ = wᵏ⁻¹ − wᵏ
    start = {_w: "w^0", _g: r"\nabla f(w^0)"}
    proof.require(
        "Base: $z^0 = 0$ and $w^{-1} = w^0$ give both forms the same first step.",
        is_zero(distill.subs(_z, 0) - polyak.subs(_wm, _w)),
        equation=f"w^1 = {tex(distill.subs(_z, 0), start)}",
    )
    proof.require(
        "Step: if $\\alpha z^k = w^{k-1} - w^k$, Distill's $w^{k+1}$ equals Polyak's.",
        is_zero(distill.subs(invariant) - polyak.subs(invariant)),
        equation=f"w^{{k+1}}_{{\\text{{Distill}}}} - w^{{k+1}}_{{\\text{{Polyak}}}} = "
        f"{tex(reduced(distill.subs(invariant) - polyak.subs(invariant)))}",
    )
    proof.require(
        "Hence, as the invariant carries over to $k + 1$, the two forms produce the same "
        "iterates for every $k$: the statement.",
        is_zero(alpha * z_next - (_w - distill)),
        equation=f"\\alpha z^{{k+1}} - (w^k - w^{{k+1}}) = {tex(reduced(alpha * z_next - (_w - distill)))}",
    )
    return proof


@claim(
    "HB-VFORM",
    title="The lecture's velocity form v⁺ = βv − α∇L, θ⁺ = θ + v⁺ is heavy ball with v = −αz",
    seed="lecture",
    section="Gradient Descent with Momentum",
    quote="$$\\boldsymbol{v}^{k+1} = \\beta \\cdot \\boldsymbol{v}^k - \\alpha \\cdot "
    "\\nabla_{\\boldsymbol{\\theta}} L(\\boldsymbol{\\theta}^k)$$",
    statement=r"$v^{k+1}=\beta v^k-\alpha\nabla L(\theta^k)$, $\theta^{k+1}=\theta^k+v^{k+1}$ from "
    r"$v^0=0$ gives the iterates of $z^{k+1}=\beta z^k+\nabla f(w^k)$, $w^{k+1}=w^k-\alpha z^{k+1}$ "
    r"(with $v^k=-\alpha z^k$); the sign is $-\alpha\nabla L$, not $+\nabla L$",
)
def prove_vform() -> Proof:
    """Prove that the lecture's velocity form is heavy ball with v = −αz."""
    proof = Proof(True)
    v_next = beta * _v - alpha * _g
    z_next = beta * _z + _g
    proof.require(
        "If $v^k = -\\alpha z^k$ then $v^{k+1} = -\\alpha z^{k+1}$, and it holds at the start: "
        "$v^0 = -\\alpha z^0 = 0$.",
        is_zero(v_next.subs(_v, -alpha * _z) + alpha * z_next),
        equation=f"v^{{k+1}} + \\alpha z^{{k+1}} = {tex(reduced(v_next.subs(_v, -alpha * _z) + alpha * z_next))}",
    )
    proof.require(
        "Then the positions agree too: $\\theta^{k+1} = \\theta^k + v^{k+1} = w^k - \\alpha "
        "z^{k+1} = w^{k+1}$.",
        is_zero((_w + v_next.subs(_v, -alpha * _z)) - (_w - alpha * z_next)),
        equation=f"\\theta^{{k+1}} - w^{{k+1}} = "
        f"{tex(reduced((_w + v_next.subs(_v, -alpha * _z)) - (_w - alpha * z_next)))}",
    )
    # The other sign, v⁺ = βv + ∇L with θ⁺ = θ + v⁺, starts with the step +∇L.  On a
    # quadratic L(θ) = λθ²/2 − bθ the loss along θ + ε∇L grows at rate |∇L|² ≥ 0.
    eps, lm1, b1 = sp.symbols("epsilon lambda_1 b_1", real=True)
    loss = lm1 * _w**2 / 2 - b1 * _w
    grad = sp.diff(loss, _w)
    wrong_first = (beta * _v + grad).subs(_v, 0)
    slope = sp.diff(loss.subs(_w, _w + eps * wrong_first), eps).subs(eps, 0)
    names = {lm1: r"\lambda", b1: "b", _w: r"\theta"}
    proof.require(
        "Hence the lecture's form is heavy ball, which is the statement; the other sign, "
        "$v^{k+1} = \\beta v^k + \\nabla L$ from $v^0 = 0$, moves uphill: on "
        "$L = \\lambda\\theta^2/2 - b\\theta$ its first step $v^1 = \\nabla L$ has slope "
        "$(\\nabla L)^2 \\ge 0$.",
        is_zero(sp.diff(loss.subs(_w, _w + eps * wrong_first), eps).subs(eps, 0) - grad**2),
        equation=f"\\frac{{d}}{{d\\varepsilon}} L(\\theta + \\varepsilon v^1)\\Big|_{{\\varepsilon=0}} = "
        f"{tex(sp.factor(slope), names)}",
    )
    return proof


@claim(
    "HB-CRITICAL-RANGE",
    title="Critical damping on its whole range 0 < αλ < 4: rate |1 − √(αλ)|",
    seed=_DISTILL,
    section="The Critical Damping Coefficient",
    quote="A square root improvement over gradient descent,",
    statement=r"$\beta^\ast=(1-\sqrt{\alpha\lambda})^2\in[0,1) \iff 0<\alpha\lambda<4$; there the rate is "
    r"$|1-\sqrt{\alpha\lambda}| = |1-\alpha\lambda|/(1+\sqrt{\alpha\lambda}) < 1$, also for "
    r"$2\le\alpha\lambda<4$ where gradient descent diverges",
)
def prove_critical_range() -> Proof:
    """Prove that critical damping converges for all 0 < αλ < 4, at rate |1 − √(αλ)|."""
    proof = Proof(True)
    at_critical = {alpha: u**2 / lam, beta: (1 - u) ** 2}
    proof.require(
        "With $u = \\sqrt{\\alpha\\lambda}$ and $\\beta^\\ast = (1 - u)^2$ the discriminant "
        "vanishes for every $u$: a double eigenvalue, half the trace (negative for $u > 1$, "
        "where $\\beta^\\ast$ lies on the upper curve $\\alpha\\lambda = (1 + "
        "\\sqrt{\\beta^\\ast})^2$).",
        is_zero(sp.expand(hb.discriminant().subs(at_critical)))
        and is_zero(sp.expand(hb.trace().subs(at_critical) / 2 - (1 - u))),
        equation=f"d\\big|_{{\\beta^\\ast}} = {tex(sp.expand(hb.discriminant().subs(at_critical)))}, "
        f"\\qquad \\sigma_{{1,2}} = {tex(sp.expand(hb.trace().subs(at_critical) / 2))}",
    )
    proof.require(
        "The momentum is admissible, $\\beta^\\ast < 1$, exactly when $0 < u < 2$, that is "
        "$0 < \\alpha\\lambda < 4$.",
        is_zero(sp.expand(1 - (1 - u) ** 2 - u * (2 - u))),
        equation=f"1 - \\beta^\\ast = {tex(sp.factor(1 - (1 - u) ** 2))}",
    )
    cases = (1 / (1 + _e), 1 + _e, sp.Integer(1))
    rho = hb.spectral_radius().subs(beta, (1 - u) ** 2).subs(alpha, u**2 / lam)
    proof.require(
        "The kernel's rate equals the modulus of the double root on each of the cases "
        "$u < 1$, $u > 1$, $u = 1$, including $1 < u < 2$.",
        holds_on_cases(rho - sp.Abs(1 - u), u, cases),
        equation=f"\\rho(\\alpha, \\beta^\\ast, \\lambda) = {tex(sp.Abs(1 - u))}",
    )
    proof.require(
        "On the same cases gradient descent's rate factors through it: the critical rate is "
        "gradient descent's divided by $1 + \\sqrt{\\alpha\\lambda}$.",
        holds_on_cases(sp.Abs(1 - u**2) - sp.Abs(1 - u) * (1 + u), u, cases),
        equation=f"{tex(sp.Abs(1 - u**2))} = {tex(sp.Abs(1 - u) * (1 + u))}",
    )
    proof.step(
        "Hence critical damping converges for all $0 < \\alpha\\lambda < 4$ at rate "
        "$|1 - \\sqrt{\\alpha\\lambda}|$, which is the statement: for $1 < u < 2$ the rate is "
        "$u - 1 < 1$ while gradient descent's $|1 - u^2| \\ge 1$ once $u^2 \\ge 2$, and the "
        "printed $1 - \\sqrt{\\alpha\\lambda}$ is the rate only for $\\alpha\\lambda \\le 1$.",
        equation=f"\\rho = {tex(sp.Abs(1 - u))}, \\qquad 0 < u^2 = \\alpha\\lambda < 4",
    )
    return proof
