"""Continuous-time limits: heavy ball as a damped oscillator, Nesterov's ODE (family ``OSC``).

Sources: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "The Critical Damping Coefficient"
(momentum with a small step "is a discretization of a damped harmonic
oscillator") and "Onwards and Downwards" (its reference [13] develops momentum
as the discretisation of a differential equation: W. Su, S. Boyd, E. Candès,
"A Differential Equation for Modeling Nesterov's Accelerated Gradient Method",
NIPS 2014 / JMLR 2016).

Scaling.  With a time step h, take α = h² and β = 1 − γh.  The heavy ball's
error on an eigenvalue λ then satisfies, *exactly*, the finite-difference
equation (x_{k+1} − 2x_k + x_{k−1})/h² + γ(x_k − x_{k−1})/h + λx_k = 0: a
first-order consistent scheme for ẍ + γẋ + λx = 0 with x(0) = x⁰, ẋ(0) = 0
(z⁰ = 0 makes the first difference O(h)).  Critical damping of the scheme
(β = (1 − √(αλ))²) becomes γ = 2√λ − λh → 2√λ, the oscillator's critical
damping.

Nesterov.  Su, Boyd and Candès take x_{k+1} = y_k − s∇f(y_k),
y_k = x_k + (k − 1)/(k + 2)·(x_k − x_{k−1}), and t = k√s; the limit is
ẍ + (3/t)ẋ + ∇f(x) = 0, x(0) = x⁰, ẋ(0) = 0.  For f = λx²/2 its solution is
x(t) = 2x⁰ J₁(√λ t)/(√λ t).
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .heavy_ball import critical_beta, iteration_matrix
from .proof import Proof, is_zero
from .symbols import LATEX_NAMES, alpha, beta, lam

h = sp.Symbol("h", positive=True)
gamma = sp.Symbol("gamma", positive=True)
t = sp.Symbol("t", positive=True)
_DISTILL = "distill"
_CRITICAL = "The Critical Damping Coefficient"

#: Taylor coefficients X, X', X'', X''', X'''' of a smooth path at t.
_X = sp.symbols("X0:5", real=True)

#: How the derivations' helper symbols are shown in the docs (by name, so a proof's local
#: symbols of these names print the same way).
_SHOWN = {
    "X0": "X",
    "X1": r"\dot X",
    "X2": r"\ddot X",
    "X3": r"X^{(3)}",
    "X4": r"X^{(4)}",
    "x_m": "x_{k-1}",
    "x_0": "x_k",
    "x_p": "x_{k+1}",
    "F0": r"\nabla f(X)",
    "F1": r"\nabla^2 f(X)",
    "gamma": r"\gamma",
    "h": "h",
}


def _tex(expr: sp.Basic) -> str:
    # LaTeX of a computed object with the docs' names for the helper symbols.
    expr = sp.sympify(expr)
    # s_l stands for √λ (a positive symbol keeps the derivation polynomial); show it as √λ.
    expr = expr.subs({x: sp.sqrt(lam) for x in expr.free_symbols if x.name == "s_l"})
    names = {x: _SHOWN[x.name] for x in expr.free_symbols if x.name in _SHOWN}
    return sp.latex(expr, symbol_names={**LATEX_NAMES, **names})


def _taylor(shift: sp.Expr) -> sp.Expr:
    """X(t + shift) to fourth order, in the coefficient symbols."""
    return sum(_X[j] * shift**j / sp.factorial(j) for j in range(5))


@functools.cache
def second_order_recurrence() -> sp.Expr:
    """x_{k+1} − (1 + β − αλ)x_k + βx_{k−1}, evaluated on the iterates of R (identically 0).

    >>> print(second_order_recurrence())
    0
    """
    yk, xk = sp.symbols("y_km1 x_km1", real=True)
    R = iteration_matrix()
    s0 = sp.Matrix([yk, xk])
    s1 = R * s0
    s2 = R * s1
    return sp.expand(s2[1] - (1 + beta - alpha * lam) * s1[1] + beta * s0[1])


def scaling() -> dict:
    """The substitution α = h², β = 1 − γh that turns heavy ball into the oscillator scheme.

    >>> from momentum_proofs.heavy_ball import iteration_matrix
    >>> print(iteration_matrix().subs(scaling())[0, 0])
    -gamma*h + 1
    """
    return {alpha: h**2, beta: 1 - gamma * h}


@claim(
    "OSC-ODE-LIMIT",
    title="Heavy ball is a first-order discretisation of ẍ + γẋ + λx = 0",
    seed=_DISTILL,
    section=_CRITICAL,
    quote="it is a discretization of a damped harmonic oscillator.",
    statement=r"With $\alpha = h^2$, $\beta = 1-\gamma h$: "
    r"$\frac{x_{k+1}-2x_k+x_{k-1}}{h^2} + \gamma\frac{x_k-x_{k-1}}{h} + \lambda x_k = 0$ exactly; "
    r"for a smooth path the left side is $\ddot x + \gamma\dot x + \lambda x - \tfrac{\gamma h}{2}\ddot x + O(h^2)$, "
    r"and $x(0) = x^0$, $\dot x(0) = 0$",
)
def prove_ode_limit() -> Proof:
    """Prove that heavy ball with α = h², β = 1 − γh is a first-order scheme for ẍ + γẋ + λx = 0."""
    proof = Proof(True)
    proof.require(
        "Eliminate the velocity $y$ from two steps of $R$: the position obeys a second-order "
        "recurrence, whose residual on the iterates vanishes identically.",
        is_zero(second_order_recurrence()),
        equation=r"x_{k+1} - (1 + \beta - \alpha\lambda)x_k + \beta x_{k-1} = "
        + _tex(second_order_recurrence()),
    )
    xm, x0, xp = sp.symbols("x_m x_0 x_p", real=True)
    scheme = (xp - 2 * x0 + xm) / h**2 + gamma * (x0 - xm) / h + lam * x0
    rec = (xp - (1 + beta - alpha * lam) * x0 + beta * xm).subs(scaling())
    proof.require(
        "Put $\\alpha = h^2$, $\\beta = 1 - \\gamma h$ and divide the recurrence by $h^2$: it "
        "is the finite-difference oscillator (second difference, backward first difference).",
        is_zero(scheme - rec / h**2),
        scheme,
        equation=r"\frac{x_{k+1} - 2x_k + x_{k-1}}{h^2} + \gamma\frac{x_k - x_{k-1}}{h} + "
        r"\lambda x_k - \frac{x_{k+1} - (1 + \beta - \alpha\lambda)x_k + \beta x_{k-1}}{h^2} = "
        + _tex(sp.expand(scheme - rec / h**2)),
    )
    residual = scheme.subs({xp: _taylor(h), x0: _X[0], xm: _taylor(-h)})
    series = sp.expand(sp.series(residual, h, 0, 2).removeO())
    target = _X[2] + gamma * _X[1] + lam * _X[0] - gamma * h * _X[2] / 2
    proof.require(
        "Insert a smooth path, $x_{k\\pm1} = X(t \\pm h)$, and expand in $h$: the residual is "
        "the oscillator plus an $O(h)$ term, so the scheme is consistent of first order.",
        is_zero(series - target),
        series,
        equation=r"\text{residual} = " + _tex(series) + r" + O(h^2)",
    )
    x1 = (iteration_matrix() * sp.Matrix([0, x0]))[1]
    slope = sp.expand(((x1 - x0) / h).subs(scaling()))
    proof.require(
        "From rest ($z^0 = 0$) the first difference quotient tends to $0$ with $h$, so "
        "$\\dot x(0) = 0$ and $x(0) = x^0$. Hence heavy ball is a first-order scheme for "
        "$\\ddot x + \\gamma\\dot x + \\lambda x = 0$, which is the statement.",
        is_zero(((x1 - x0) / h).subs(scaling()) + h * lam * x0),
        equation=r"\frac{x^1 - x^0}{h} = "
        + sp.latex(slope, symbol_names={**LATEX_NAMES, x0: "x^0"}),
    )
    return proof


@claim(
    "OSC-CRITICAL",
    title="Critical β of the iteration versus critical damping γ = 2√λ",
    seed=_DISTILL,
    section=_CRITICAL,
    quote="The choice of β\\betaβ crucially affects the rate of return to equilibrium.",
    statement=r"Under $\alpha = h^2$, $\beta = 1-\gamma h$: the discriminant is "
    r"$h^2\big((\gamma+\lambda h)^2 - 4\lambda\big)$, so the critical $\beta = (1-\sqrt{\alpha\lambda})^2$ "
    r"is $\gamma = 2\sqrt\lambda - \lambda h \to 2\sqrt\lambda$, the oscillator's critical damping; the "
    r"rate $(1-h\sqrt\lambda)^{t/h} \to e^{-\sqrt\lambda t}$",
)
def prove_critical() -> Proof:
    """Prove that the iteration's critical β tends to the oscillator's critical damping γ = 2√λ."""
    proof = Proof(True)
    d = ((1 + beta - alpha * lam) ** 2 - 4 * beta).subs(scaling())
    proof.require(
        "Substitute $\\alpha = h^2$, $\\beta = 1 - \\gamma h$ in the discriminant of the "
        "characteristic polynomial and factor it. For small $h$ the iteration is therefore "
        "under-, critically or over-damped as $\\gamma^2 - 4\\lambda$ is negative, zero or "
        "positive: the oscillator's classification.",
        is_zero(d - h**2 * ((gamma + lam * h) ** 2 - 4 * lam)),
        sp.factor(d),
        equation=r"(1 + \beta - \alpha\lambda)^2 - 4\beta = " + _tex(sp.factor(d)),
    )
    # β* in h: the root of d = 0 in γ.
    sl = sp.Symbol("s_l", positive=True)  # √λ
    b_star = critical_beta().subs(alpha, h**2).subs(lam, sl**2)
    b_star = sp.expand(sp.powdenest(b_star, force=True))
    g_star = sp.expand((1 - b_star) / h)
    g_limit = sp.limit(g_star, h, 0)
    proof.require(
        "The critical $\\beta_\\star = (1 - \\sqrt{\\alpha\\lambda})^2$ at $\\alpha = h^2$ "
        "corresponds to the damping $\\gamma_\\star = (1 - \\beta_\\star)/h$, which tends to "
        "$2\\sqrt\\lambda$ as $h \\to 0$.",
        is_zero(g_star - (2 * sl - sl**2 * h)) and g_limit == 2 * sl,
        g_star,
        equation=r"\gamma_\star = \frac{1 - \beta_\star}{h} = "
        + _tex(g_star)
        + r" \;\to\; "
        + _tex(g_limit),
    )
    ode = sp.Symbol("s")
    roots = sp.solve(ode**2 + 2 * sl * ode + sl**2, ode)
    proof.require(
        "The oscillator with that damping, $\\ddot x + 2\\sqrt\\lambda\\,\\dot x + "
        "\\lambda x = 0$, has a double characteristic root: it is critically damped.",
        roots == [-sl],
        equation=r"s^2 + 2\sqrt{\lambda}\,s + \lambda = 0 \iff s \in \{"
        + ", ".join(_tex(x) for x in roots)
        + r"\}",
    )
    rate = sp.limit((t / h) * sp.log(1 - h * sl), h, 0)
    proof.require(
        "The discrete critical rate over time $t$, $(1 - h\\sqrt\\lambda)^{t/h}$, tends to the "
        "oscillator's decay. Hence the critical $\\beta$ is the critical damping "
        "$\\gamma = 2\\sqrt\\lambda$ in the limit, which is the statement.",
        is_zero(rate + sl * t),
        equation=r"\lim_{h \to 0} \frac{t}{h}\log(1 - h\sqrt{\lambda}) = " + _tex(rate),
    )
    return proof


@functools.cache
def oscillator_solution() -> sp.Expr:
    """x(t) for ẍ + γẋ + λx = 0, x(0) = 1, ẋ(0) = 0, underdamped (γ < 2√λ), ω = √(λ − γ²/4).

    >>> print(oscillator_solution().subs(t, 0))
    1
    """
    omega = sp.Symbol("omega", positive=True)
    return sp.exp(-gamma * t / 2) * (sp.cos(omega * t) + gamma / (2 * omega) * sp.sin(omega * t))


@claim(
    "OSC-CONVERGENCE",
    uses=("HB-STABILITY", "OSC-ODE-LIMIT"),
    title="The oscillator's solution; the discrete path approaches it at first order in h (measured)",
    seed=_DISTILL,
    section=_CRITICAL,
    quote="Consider a physical simulation operating in discrete time (like a video game).",
    statement=r"$x(t) = e^{-\gamma t/2}\big(\cos\omega t + \tfrac{\gamma}{2\omega}\sin\omega t\big)$, "
    r"$\omega^2 = \lambda - \gamma^2/4$, solves the oscillator with $x(0)=1$, $\dot x(0)=0$; the heavy-ball "
    r"error $x_k$ with $\alpha=h^2$, $\beta=1-\gamma h$ satisfies $\max_{kh\le T}|x_k - x(kh)| = O(h)$ "
    r"(argued from consistency and stability; the order is measured, not proven symbolically)",
)
def prove_convergence() -> Proof:
    """Prove the oscillator's solution; the first-order convergence of the iterates is measured."""
    omega = sp.Symbol("omega", positive=True)
    x = oscillator_solution()
    ode = sp.diff(x, t, 2) + gamma * sp.diff(x, t) + (omega**2 + gamma**2 / 4) * x
    # Exact here: the solution and its initial values.  The O(h) global error is argued from
    # consistency and stability (a proof step, not an obligation) and measured by the
    # cross-check; the statement says so, and so does the evidence (numeric, not symbolic).
    proof = Proof(True, exact=False)
    proof.require(
        "Differentiate $x(t)$ twice and insert it in the oscillator with $\\lambda = \\omega^2 "
        "+ \\gamma^2/4$: the left side simplifies to zero.",
        is_zero(sp.expand(sp.simplify(ode))),
        equation=r"\ddot x + \gamma\dot x + \lambda x = " + _tex(sp.expand(sp.simplify(ode))),
    )
    proof.require(
        "Evaluate $x$ and $\\dot x$ at $t = 0$: the initial values are those of a start from rest.",
        x.subs(t, 0) == 1 and is_zero(sp.diff(x, t).subs(t, 0)),
        equation=rf"x(0) = {_tex(x.subs(t, 0))}, \qquad \dot x(0) = "
        + _tex(sp.simplify(sp.diff(x, t).subs(t, 0))),
    )
    proof.step(
        "Consistency of order 1 (OSC-ODE-LIMIT) and stability of the scheme (its roots lie in "
        "the unit disc, HB-STABILITY, with the double root at 1 only in the limit $h \\to 0$, "
        "as for any two-step scheme of a second-order equation) give a global error $O(h)$ on "
        "$[0, T]$; the cross-check measures the order (errors halve with $h$). Hence $x(t)$ is "
        "the oscillator's solution and the iterates approach it at first order, which is the "
        "statement (the order measured, not proven)."
    )
    return proof


@claim(
    "OSC-NESTEROV-ODE",
    title="Nesterov's method tends to ẍ + (3/t)ẋ + ∇f(x) = 0 (Su, Boyd, Candès 2014)",
    seed=_DISTILL,
    section="Onwards and Downwards",
    quote="which fully explores the idea of momentum as the discretization of a certain "
    "differential equation.",
    statement=r"With $x_{k+1} = y_k - s\nabla f(y_k)$, $y_k = x_k + \frac{k-1}{k+2}(x_k - x_{k-1})$ and "
    r"$t = k\sqrt s$: $\frac{x_{k+1} - y_k + s\nabla f(y_k)}{s} \to \ddot X + \frac3t\dot X + \nabla f(X)$; "
    r"for $f = \lambda x^2/2$, $X(t) = 2x^0 J_1(\sqrt\lambda t)/(\sqrt\lambda t)$",
)
def prove_nesterov_ode() -> Proof:
    """Prove that Nesterov's method tends to ẍ + (3/t)ẋ + ∇f(x) = 0 and solve it for a quadratic."""
    proof = Proof(True)
    kk = t / h  # k = t/√s with h = √s
    F0, F1 = sp.symbols("F0 F1", real=True)  # ∇f(X) and its derivative at X
    y = _X[0] + (kk - 1) / (kk + 2) * (_X[0] - _taylor(-h))
    grad_y = F0 + F1 * (y - _X[0])
    residual = (_taylor(h) - y + h**2 * grad_y) / h**2
    lead = sp.simplify(sp.series(residual, h, 0, 1).removeO())
    proof.require(
        "Insert a smooth path $x_k = X(k h)$ with $h = \\sqrt s$ and $k = t/h$, linearise the "
        "gradient at $X$, and expand the scheme's residual divided by $s$ in $h$; its limit is "
        "the differential equation. The $3$ comes from the factor $(k - 1)/(k + 2) = 1 - "
        "3/(k + 2) = 1 - 3h/(t + 2h)$.",
        is_zero(lead - (_X[2] + 3 * _X[1] / t + F0)),
        lead,
        equation=r"\lim_{h \to 0}\frac{x_{k+1} - y_k + s\nabla f(y_k)}{s} = " + _tex(lead),
    )
    sl = sp.Symbol("s_l", positive=True)  # √λ
    X = 2 * sp.besselj(1, sl * t) / (sl * t)
    ode = sp.diff(X, t, 2) + 3 / t * sp.diff(X, t) + sl**2 * X
    proof.require(
        "For $f = \\lambda x^2/2$ insert $X(t) = 2J_1(\\sqrt\\lambda t)/(\\sqrt\\lambda t)$ "
        "(start $x^0 = 1$) in the equation and reduce the Bessel derivatives: the residual "
        "vanishes.",
        is_zero(sp.simplify(sp.expand_func(ode.rewrite(sp.besselj)))),
        equation=r"\ddot X + \frac{3}{t}\dot X + \lambda X = "
        + _tex(sp.simplify(sp.expand_func(ode.rewrite(sp.besselj)))),
    )
    near0 = sp.series(X, t, 0, 3).removeO()
    proof.require(
        "Expand $X$ at $t = 0$: $X(0^+) = 1$ and $\\dot X(0^+) = 0$, the initial values. "
        "Hence Nesterov's method tends to $\\ddot X + \\frac3t\\dot X + \\nabla f(X) = 0$, "
        "solved by this $X$ for a quadratic, which is the statement.",
        is_zero(near0 - (1 - sl**2 * t**2 / 8)),
        near0,
        equation=r"X(t) = " + _tex(near0) + r" + O(t^4)",
    )
    return proof


__all__ = ["gamma", "h", "oscillator_solution", "scaling", "second_order_recurrence"]
