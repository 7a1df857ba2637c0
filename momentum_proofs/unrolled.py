"""Gradient descent and momentum as weighted sums of past gradients (family ``UNROLL``).

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "Adventures in Algorithmic Space": both
methods are "unrolled" into wᵏ⁺¹ = w⁰ + Σᵢ γᵢᵏ ∇f(wⁱ), the class of linear
first-order methods that Nesterov's lower bound is about (his Assumption 2.1.4).
The lecture slides (``seeds/002_bee5153b5cb4bea1.txt``) describe the velocity as
an exponentially weighted average of gradients.

The gradients gᵢ = ∇f(wⁱ) are kept as free symbols: the unrolled identities are
about the update rules only, so they hold for every function, quadratic or not
(the numeric cross-checks use a non-quadratic one).  Each identity is proven by
induction on k (the step is a polynomial identity in β and P = βᵐ) and, as a
second route, by unrolling the first few steps exactly.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .proof import Proof, differs_at, is_zero
from .symbols import LATEX_NAMES, alpha, beta

_DISTILL = "distill"
_SECTION = "Adventures in Algorithmic Space"
#: How many steps the explicit unrolling checks.
STEPS = 6

_g = sp.symbols(f"g0:{STEPS + 1}", real=True)
_w0 = sp.Symbol("w0", real=True)


def _tex(expr: sp.Basic) -> str:
    # LaTeX of a computed object with the docs' names: w⁰ for the start, gᵢ for ∇f(wⁱ).
    names = {_w0: "w^0", **{g: f"g_{i}" for i, g in enumerate(_g)}}
    return sp.latex(expr, symbol_names={**LATEX_NAMES, **names})


@functools.cache
def gradient_descent_iterates(steps: int = STEPS) -> tuple[sp.Expr, ...]:
    """w⁰ … w^steps of w⁺ = w − αg with the i-th gradient gᵢ kept symbolic.

    >>> gradient_descent_iterates(2)[2]
    -alpha*g0 - alpha*g1 + w0
    """
    w = [_w0]
    for i in range(steps):
        w.append(sp.expand(w[-1] - alpha * _g[i]))
    return tuple(w)


@functools.cache
def heavy_ball_iterates(steps: int = STEPS) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
    """(w⁰ … w^steps, z⁰ … z^steps) of z⁺ = βz + g, w⁺ = w − αz⁺ from z⁰ = 0.

    >>> w, z = heavy_ball_iterates(2)
    >>> print(z[2])
    beta*g0 + g1
    >>> print(w[2])
    -alpha*beta*g0 - alpha*g0 - alpha*g1 + w0
    """
    w, z = [_w0], [sp.Integer(0)]
    for i in range(steps):
        z.append(sp.expand(beta * z[-1] + _g[i]))
        w.append(sp.expand(w[-1] - alpha * z[-1]))
    return tuple(w), tuple(z)


@functools.cache
def nesterov_bengio_iterates(steps: int = STEPS) -> tuple[sp.Expr, ...]:
    """Θ⁰ … Θ^steps of Nesterov's Bengio form v⁺ = βv − αg(Θ), Θ⁺ = Θ + v⁺ + β(v⁺ − v).

    >>> print(nesterov_bengio_iterates(1)[1])
    -alpha*beta*g0 - alpha*g0 + w0
    """
    th, v = [_w0], sp.Integer(0)
    for i in range(steps):
        new = sp.expand(beta * v - alpha * _g[i])
        th.append(sp.expand(th[-1] + new + beta * (new - v)))
        v = new
    return tuple(th)


def momentum_weight(k: int | sp.Expr, i: int | sp.Expr) -> sp.Expr:
    """The derived weight γᵢᵏ = −α(1 − β^{k+1−i})/(1 − β) of gᵢ in w^{k+1}.

    >>> print(momentum_weight(1, 0))
    -alpha*(1 - beta**2)/(1 - beta)
    """
    return -alpha * (1 - beta ** (k + 1 - i)) / (1 - beta)


def _coefficient(expr: sp.Expr, i: int) -> sp.Expr:
    return sp.expand(expr).coeff(_g[i])


@claim(
    "UNROLL-GD",
    title="Gradient descent unrolled: wᵏ⁺¹ = w⁰ − α Σᵢ₌₀ᵏ ∇f(wⁱ)",
    seed=_DISTILL,
    section=_SECTION,
    quote="we can write gradient descent as wk+1 = w0 − α∑ik∇f(wi).",
    statement=r"$w^{k+1} = w^0 - \alpha\sum_{i=0}^{k}\nabla f(w^i)$",
)
def prove_gradient_descent() -> Proof:
    """Prove that gradient descent unrolls to w^{k+1} = w⁰ − αΣᵢ∇f(wⁱ)."""
    w = gradient_descent_iterates()
    proof = Proof(True)
    # Generic induction step: S stands for Σ_{i<k} gᵢ and gₖ for the new gradient.
    S, gk = sp.symbols("S g_k", real=True)
    step = (_w0 - alpha * S) - alpha * gk
    proof.require(
        "Induction on $k$: write $g_i = \\nabla f(w^i)$ and suppose $w^k = w^0 - \\alpha S$ "
        "with $S = \\sum_{i<k} g_i$. One more step subtracts $\\alpha g_k$, which adds $g_k$ to "
        "the sum.",
        is_zero(step - (_w0 - alpha * (S + gk))),
        equation=rf"w^{{k+1}} - w^0 = w^k - \alpha g_k - w^0 = {_tex(sp.factor(step - _w0))}",
    )
    proof.require(
        f"As a second route, unroll the first {STEPS} steps exactly with symbolic gradients: "
        f"each $w^{{k+1}}$ is $w^0 - \\alpha(g_0 + \\dots + g_k)$; the last is shown.",
        all(is_zero(w[k + 1] - (_w0 - alpha * sum(_g[: k + 1]))) for k in range(STEPS)),
        equation=rf"w^{{{STEPS}}} - w^0 = {_tex(sp.factor(w[STEPS] - _w0))}",
    )
    proof.step(
        "Hence $w^{k+1} = w^0 - \\alpha\\sum_{i=0}^{k}\\nabla f(w^i)$ for every $k$, which "
        "is the statement."
    )
    return proof


@claim(
    "UNROLL-MOMENTUM",
    title="Momentum unrolled: the printed sign of the sum is wrong",
    seed=_DISTILL,
    section=_SECTION,
    quote="A similar trick can be done with momentum: wk+1 = w0 + α∑ik(1−βk+1−i)1−β∇f(wi).",
    statement=r"$w^{k+1} = w^0 - \alpha\sum_{i=0}^{k}\frac{1-\beta^{k+1-i}}{1-\beta}\nabla f(w^i)$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"w^{k+1} = w^{0} + \alpha\sum_i^k\frac{(1-\beta^{k+1-i})}{1-\beta}\nabla f(w^i)",
    corrected=r"w^{k+1} = w^{0} - \alpha\sum_{i=0}^k\frac{1-\beta^{k+1-i}}{1-\beta}\nabla f(w^i)",
)
def prove_momentum() -> Proof:
    """Prove momentum's unrolled form and refute the printed sign of its sum."""
    w, z = heavy_ball_iterates()
    proof = Proof(True)
    # Induction on the weight of a fixed gᵢ, m = k − i steps after it entered.
    P = sp.Symbol("P", positive=True)  # P = β^m
    proof.require(
        "Unroll the velocity: by induction ($z^{k+1} = \\beta z^k + g_k$ multiplies every "
        "earlier weight by $\\beta$ and adds $g_k$ with weight 1) $z^{k+1} = \\sum_{i\\le k} "
        f"\\beta^{{k-i}} g_i$; checked exactly for $k < {STEPS}$, the last shown.",
        all(
            is_zero(z[k + 1] - sum(beta ** (k - i) * _g[i] for i in range(k + 1)))
            for k in range(STEPS)
        ),
        equation=rf"z^{{{STEPS}}} = {_tex(z[STEPS])}",
    )
    weight_step = -alpha * (1 - P) / (1 - beta) - alpha * P
    proof.require(
        "Induction on the weight $\\gamma_i^k$ of $g_i$ in $w^{k+1}$: a step subtracts "
        "$\\alpha z^{k+1}$, in which $g_i$ has weight $P = \\beta^{k-i}$; if the weight in "
        "$w^k$ is $-\\alpha(1 - P)/(1 - \\beta)$, the new one has $\\beta P$ in place of $P$.",
        is_zero(weight_step - (-alpha * (1 - beta * P) / (1 - beta))),
        equation=rf"\gamma_i^k = -\alpha\frac{{1 - P}}{{1 - \beta}} - \alpha P = "
        rf"{_tex(sp.factor(weight_step))}",
    )
    proof.require(
        "Base: the newest gradient $g_k$ enters $w^{k+1}$ with weight $-\\alpha$, which is the "
        "formula at $i = k$.",
        is_zero(momentum_weight(0, 0) + alpha),
        equation=rf"\gamma_k^k = -\alpha\frac{{1 - \beta}}{{1 - \beta}} = "
        rf"{_tex(sp.cancel(momentum_weight(0, 0)))}",
    )
    ok = True
    for k in range(STEPS):
        for i in range(k + 1):
            ok = ok and is_zero(_coefficient(w[k + 1], i) - momentum_weight(k, i))
        ok = ok and is_zero(w[k + 1].subs({g: 0 for g in _g}) - _w0)
    proof.require(
        f"As a second route, unroll the first {STEPS} steps exactly: every weight equals "
        "$-\\alpha(1 - \\beta^{k+1-i})/(1 - \\beta)$; the oldest weight of the last "
        "iterate is shown.",
        ok,
        equation=rf"\gamma_0^{{{STEPS - 1}}} = {_tex(sp.expand(_coefficient(w[STEPS], 0)))} = "
        rf"{_tex(momentum_weight(STEPS - 1, 0))}",
    )
    # The printed form has +α: refute at k = 0, where it says w¹ = w⁰ + αg₀.
    printed_w1 = _w0 + alpha * (1 - beta) / (1 - beta) * _g[0]
    point = {_w0: 0, _g[0]: 1, alpha: sp.Rational(1, 2), beta: sp.Rational(1, 2)}
    proof.printed_holds = not differs_at(printed_w1, w[1], point)
    gap = sp.expand(printed_w1 - w[1])
    proof.step(
        "At $k = 0$ the printed formula says $w^1 = w^0 + \\alpha g_0$, but one step of the "
        "update gives $w^0 - \\alpha g_0$; at $w^0 = 0$, $g_0 = 1$, $\\alpha = \\beta = 1/2$ "
        "they differ, which refutes the printed sign.",
        printed_w1,
        equation=rf"w^1_{{\text{{printed}}}} - w^1 = {_tex(gap)} = {_tex(gap.subs(point))}"
        r" \quad\text{at the point}",
    )
    proof.step(
        "Hence $w^{k+1} = w^0 - \\alpha\\sum_{i=0}^{k}\\frac{1-\\beta^{k+1-i}}{1-\\beta}"
        "\\nabla f(w^i)$, which is the statement, with a minus sign where the text prints a plus."
    )
    proof.note = (
        "Erratum, not garble: every rendition of the formula in the file (the LaTeX source "
        "and both plain-text copies) prints '+ α'; the exponent k + 1 − i is right. "
        "The sign is the one of the gradient-descent line just above it."
    )
    return proof


@claim(
    "UNROLL-VELOCITY",
    title="The velocity is an exponentially weighted sum of past gradients",
    seed="lecture",
    section="Gradient Descent with Momentum",
    quote="Exponentially-weighted average of gradient",
    statement=r"Lecture form $v^{k+1} = \beta v^k - \alpha\nabla L(\theta^k)$, $v^0 = 0$: "
    r"$v^{k+1} = -\alpha\sum_{i=0}^{k}\beta^{k-i}\nabla L(\theta^i) = -\alpha z^{k+1}$; the "
    r"weights sum to $(1-\beta^{k+1})/(1-\beta)$, so $(1-\beta)v/(-\alpha)$ tends to a weighted average",
    kind="printed-formula",
    rule="misnamed",
    printed=r"v^{k+1} = \sum_{i=0}^{k} c_i\nabla L(\theta^i),\quad c_i \ge 0,\ \sum_i c_i = 1 "
    r"\text{ (an exponentially weighted average)}",
    corrected=r"v^{k+1} = -\alpha\sum_{i=0}^{k}\beta^{k-i}\nabla L(\theta^i)\quad\text{(}-\alpha"
    r"\text{ times an exponentially weighted sum, weights adding to }\tfrac{1-\beta^{k+1}}{1-\beta}\text{)}",
)
def prove_velocity() -> Proof:
    """Prove that the velocity is −α times an exponentially weighted sum of past gradients."""
    _, z = heavy_ball_iterates()
    proof = Proof(True)
    v = [sp.Integer(0)]
    theta = [_w0]
    for i in range(STEPS):
        v.append(sp.expand(beta * v[-1] - alpha * _g[i]))
        theta.append(sp.expand(theta[-1] + v[-1]))
    w, _ = heavy_ball_iterates()
    proof.require(
        "Run the lecture's updates $(v, \\theta)$ and the Distill updates $(z, w)$ side by "
        f"side for {STEPS} steps with symbolic gradients: $v = -\\alpha z$ and $\\theta = w$ "
        "at every step, so $v^{k+1} = -\\alpha\\sum_{i\\le k}\\beta^{k-i}\\nabla L(\\theta^i)$ "
        "since $z^{k+1} = \\sum_{i\\le k}\\beta^{k-i}g_i$.",
        all(is_zero(v[k] + alpha * z[k]) and is_zero(theta[k] - w[k]) for k in range(STEPS + 1)),
        equation=rf"v^{{{STEPS}}} + \alpha z^{{{STEPS}}} = {_tex(sp.expand(v[STEPS] + alpha * z[STEPS]))},"
        rf" \qquad \theta^{{{STEPS}}} - w^{{{STEPS}}} = {_tex(sp.expand(theta[STEPS] - w[STEPS]))}",
    )
    P = sp.Symbol("P", positive=True)  # β^{k+1}
    S_next = beta * (1 - P) / (1 - beta) + 1
    proof.require(
        "Sum the weights $\\beta^k, \\dots, \\beta, 1$ by induction: if $S_k = (1 - P)/(1 - "
        "\\beta)$ with $P = \\beta^{k+1}$, then $S_{k+1} = \\beta S_k + 1$ has $\\beta P$ in "
        "place of $P$.",
        is_zero(S_next - (1 - beta * P) / (1 - beta)),
        equation=rf"S_{{k+1}} = \beta S_k + 1 = {_tex(sp.factor(S_next))}",
    )
    # As printed, v is an average of the gradients: weights that add to 1.  Its weights
    # are the coefficients of the gᵢ in v^{k+1}; add them at a rational point.
    weights = sum(sp.diff(v[-1], g) for g in _g[:STEPS])
    point = {alpha: sp.Rational(1, 10), beta: sp.Rational(1, 2)}
    proof.printed_holds = not differs_at(weights, sp.Integer(1), point)
    proof.require(
        f"The weights of $v^{{{STEPS}}}$ add to $-\\alpha(1 - \\beta^{{{STEPS}}})/(1 - \\beta)$, "
        "not to 1: at $\\alpha = 1/10$, $\\beta = 1/2$ their sum is negative. Hence $v$ is "
        "$-\\alpha$ times an exponentially weighted sum, not an average of the gradients, which "
        "is the statement.",
        proof.printed_holds is False and is_zero(weights + alpha * (1 - beta**STEPS) / (1 - beta)),
        weights,
        equation=rf"\sum_i \frac{{\partial v^{{{STEPS}}}}}{{\partial g_i}} = {_tex(weights)} = "
        rf"{_tex(weights.subs(point))} \ne 1",
    )
    proof.note = (
        "Slip (a wrong word): the slide calls the velocity an 'exponentially-weighted average "
        "of gradient', while its own formula v^{k+1} = βv^k − α∇L makes it −α times a weighted "
        "sum whose weights add to (1 − β^{k+1})/(1 − β) → 1/(1 − β); only (1 − β)/(−α) times "
        "it tends to an average."
    )
    return proof


def nesterov_weight(k: int, i: int) -> sp.Expr:
    """The derived weight −α(1 − β^{k+2−i})/(1 − β) of gᵢ in Θ^{k+1} (i < k), −α(1 + β) at i = k.

    >>> print(nesterov_weight(1, 1))
    -alpha*(beta + 1)
    """
    if i == k:
        return -alpha * (1 + beta)
    return -alpha * (1 - beta ** (k + 2 - i)) / (1 - beta)


@claim(
    "UNROLL-LINEAR",
    uses=("UNROLL-GD", "UNROLL-MOMENTUM"),
    title="Linear first-order methods: gradient descent, momentum and Nesterov (Bengio form)",
    seed=_DISTILL,
    section=_SECTION,
    quote="contains momentum, gradient descent and a whole bunch of other algorithms you might "
    "dream up.",
    statement=r"$w^{k+1} = w^0 + \sum_{i=0}^k \gamma_i^k \nabla f(w^i)$ with "
    r"$\gamma_i^k = -\alpha$ (GD), $-\alpha\frac{1-\beta^{k+1-i}}{1-\beta}$ (momentum), and for "
    r"Nesterov's iterates $\Theta$ (gradients taken at $\Theta$) $-\alpha\frac{1-\beta^{k+2-i}}{1-\beta}$ "
    r"for $i<k$, $-\alpha(1+\beta)$ for $i = k$; a diagonal $\Gamma_i^k$ per coordinate likewise",
)
def prove_linear() -> Proof:
    """Prove that gradient descent, momentum and Nesterov (Bengio form) are linear first-order methods."""
    proof = Proof(True)
    th = nesterov_bengio_iterates()
    ok = True
    for k in range(STEPS):
        for i in range(k + 1):
            ok = ok and is_zero(_coefficient(th[k + 1], i) - nesterov_weight(k, i))
        ok = ok and is_zero(th[k + 1].subs({g: 0 for g in _g}) - _w0)
    proof.require(
        "Unroll Nesterov's method in the Bengio form, with the gradients taken at its own "
        f"iterates $\\Theta^i$, exactly for $k < {STEPS}$: the weight of $g_i$ in "
        "$\\Theta^{k+1}$ is $-\\alpha(1 - \\beta^{k+2-i})/(1 - \\beta)$ for $i < k$ and "
        "$-\\alpha(1 + \\beta)$ for $i = k$; the oldest weight of the last iterate is shown.",
        ok,
        equation=rf"\gamma_0^{{{STEPS - 1}}} = {_tex(sp.expand(_coefficient(th[STEPS], 0)))} = "
        rf"{_tex(nesterov_weight(STEPS - 1, 0))}",
    )
    P = sp.Symbol("P", positive=True)  # P = β^{k+1−i}, for a gradient gᵢ with i ≤ k
    # Θ^{k+2} − Θ^{k+1} = (1 + β)v^{k+2} − βv^{k+1}, and gᵢ has weight −αβ^{m−i} in v^{m+1}
    # (the velocity sum of UNROLL-MOMENTUM): −αP in v^{k+2}, −αP/β in v^{k+1}.
    gain = (1 + beta) * (-alpha * P) - beta * (-alpha * P / beta)
    proof.require(
        "Induction for all $k$: $\\Theta^{k+2} - \\Theta^{k+1} = (1 + \\beta)v^{k+2} - "
        "\\beta v^{k+1}$, and $g_i$ ($i \\le k$) has weight $-\\alpha P$ in $v^{k+2}$ and "
        "$-\\alpha P/\\beta$ in $v^{k+1}$, with $P = \\beta^{k+1-i}$; so from "
        "$\\Theta^{k+1}$ to $\\Theta^{k+2}$ its weight changes by the amount below.",
        is_zero(gain + alpha * beta * P),
        equation=rf"\Delta\gamma_i = (1 + \beta)(-\alpha P) - \beta\left(-\frac{{\alpha P}}"
        rf"{{\beta}}\right) = {_tex(sp.factor(gain))}",
    )
    new_weight = -alpha * (1 - beta * P) / (1 - beta) + gain
    proof.require(
        "Adding that gain to the weight $-\\alpha(1 - \\beta^{k+2-i})/(1 - \\beta)$ in "
        "$\\Theta^{k+1}$ gives the formula with $k + 1$ in place of $k$.",
        is_zero(new_weight - (-alpha * (1 - beta**2 * P) / (1 - beta))),
        equation=rf"\gamma_i^{{k+1}} = -\alpha\frac{{1 - \beta P}}{{1 - \beta}} + \Delta\gamma_i"
        rf" = {_tex(sp.factor(new_weight))}",
    )
    proof.require(
        "The newest gradient's weight $-\\alpha(1 + \\beta)$ fits the same formula at "
        "$i = k$, so the induction starts.",
        is_zero(nesterov_weight(1, 1) - (-alpha * (1 - beta**2) / (1 - beta))),
        equation=rf"-\alpha\frac{{1 - \beta^2}}{{1 - \beta}} = "
        rf"{_tex(sp.factor(-alpha * (1 - beta**2) / (1 - beta)))} = \gamma_k^k",
    )
    proof.step(
        "Gradient descent (UNROLL-GD) and momentum (UNROLL-MOMENTUM, corrected sign) are in "
        "the class with the weights above; a per-coordinate step (a diagonal $\\Gamma_i^k$, as "
        "AdaGrad and Adam use) unrolls coordinate by coordinate the same way. Hence all three "
        "are linear first-order methods with the stated weights, which is the statement."
    )
    proof.note = (
        "Nesterov's look-ahead (Sutskever) iterates θ take gradients at θ + βv, not at θ, so "
        "they are not of this form in their own iterates; the Bengio iterates Θ are."
    )
    return proof


__all__ = [
    "gradient_descent_iterates",
    "heavy_ball_iterates",
    "momentum_weight",
    "nesterov_bengio_iterates",
    "nesterov_weight",
]
