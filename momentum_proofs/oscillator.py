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
from .symbols import alpha, beta, lam

h = sp.Symbol("h", positive=True)
gamma = sp.Symbol("gamma", positive=True)
t = sp.Symbol("t", positive=True)
_DISTILL = "distill"
_CRITICAL = "The Critical Damping Coefficient"

#: Taylor coefficients X, X', X'', X''', X'''' of a smooth path at t.
_X = sp.symbols("X0:5", real=True)


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
        "eliminating y from R: x_{k+1} = (1 + β − αλ)x_k − βx_{k−1}",
        is_zero(second_order_recurrence()),
    )
    xm, x0, xp = sp.symbols("x_m x_0 x_p", real=True)
    scheme = (xp - 2 * x0 + xm) / h**2 + gamma * (x0 - xm) / h + lam * x0
    rec = (xp - (1 + beta - alpha * lam) * x0 + beta * xm).subs(scaling())
    proof.require(
        "with α = h², β = 1 − γh the recurrence divided by h² is the finite-difference oscillator",
        is_zero(scheme - rec / h**2),
        scheme,
    )
    residual = scheme.subs({xp: _taylor(h), x0: _X[0], xm: _taylor(-h)})
    series = sp.expand(sp.series(residual, h, 0, 2).removeO())
    target = _X[2] + gamma * _X[1] + lam * _X[0] - gamma * h * _X[2] / 2
    proof.require(
        "Taylor: residual = X'' + γX' + λX − (γh/2)X'' + O(h²): consistent, first order",
        is_zero(series - target),
        series,
    )
    x1 = (iteration_matrix() * sp.Matrix([0, x0]))[1]
    proof.require(
        "z⁰ = 0 gives x¹ = (1 − αλ)x⁰, so (x¹ − x⁰)/h = −hλx⁰ → 0: ẋ(0) = 0",
        is_zero(((x1 - x0) / h).subs(scaling()) + h * lam * x0),
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
        "d = (1 + β − αλ)² − 4β = h²((γ + λh)² − 4λ)",
        is_zero(d - h**2 * ((gamma + lam * h) ** 2 - 4 * lam)),
        sp.factor(d),
    )
    proof.step(
        "so for small h the iteration is under-, critically or over-damped as γ² − 4λ is "
        "negative, zero or positive: the oscillator's classification"
    )
    # β* in h: the root of d = 0 in γ.
    sl = sp.Symbol("s_l", positive=True)  # √λ
    b_star = critical_beta().subs(alpha, h**2).subs(lam, sl**2)
    b_star = sp.expand(sp.powdenest(b_star, force=True))
    g_star = sp.expand((1 - b_star) / h)
    proof.require(
        "β* = (1 − h√λ)² gives γ* = (1 − β*)/h = 2√λ − λh",
        is_zero(g_star - (2 * sl - sl**2 * h)),
        g_star,
    )
    proof.require("γ* → 2√λ as h → 0", sp.limit(g_star, h, 0) == 2 * sl)
    ode = sp.Symbol("s")
    roots = sp.solve(ode**2 + 2 * sl * ode + sl**2, ode)
    proof.require("ẍ + 2√λ ẋ + λx has the double root −√λ (critical damping)", roots == [-sl])
    rate = sp.limit((t / h) * sp.log(1 - h * sl), h, 0)
    proof.require(
        "(1 − h√λ)^{t/h} → e^{−√λ t}: the discrete critical rate is the oscillator's decay",
        is_zero(rate + sl * t),
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
        "x(t) solves ẍ + γẋ + λx = 0 with λ = ω² + γ²/4", is_zero(sp.expand(sp.simplify(ode)))
    )
    proof.require(
        "x(0) = 1 and ẋ(0) = 0",
        x.subs(t, 0) == 1 and is_zero(sp.diff(x, t).subs(t, 0)),
    )
    proof.step(
        "Consistency of order 1 (OSC-ODE-LIMIT) and stability of the scheme (its roots lie in "
        "the unit disc, HB-STABILITY, with the double root at 1 only in the limit h → 0, as for "
        "any two-step scheme of a second-order equation) give a global error O(h) on [0, T]; "
        "the cross-check measures the order (errors halve with h)."
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
        "Taylor in h = √s: the scheme's residual/s → X'' + (3/t)X' + ∇f(X)",
        is_zero(lead - (_X[2] + 3 * _X[1] / t + F0)),
        lead,
    )
    proof.step(
        "The factor (k − 1)/(k + 2) = 1 − 3/(k + 2) = 1 − 3h/(t + 2h) is where the 3 comes from."
    )
    sl = sp.Symbol("s_l", positive=True)  # √λ
    X = 2 * sp.besselj(1, sl * t) / (sl * t)
    ode = sp.diff(X, t, 2) + 3 / t * sp.diff(X, t) + sl**2 * X
    proof.require(
        "X(t) = 2J₁(√λ t)/(√λ t) solves Ẍ + (3/t)Ẋ + λX = 0",
        is_zero(sp.simplify(sp.expand_func(ode.rewrite(sp.besselj)))),
    )
    near0 = sp.series(X, t, 0, 3).removeO()
    proof.require(
        "series at 0: X = 1 − λt²/8 + O(t⁴), so X(0⁺) = 1 and Ẋ(0⁺) = 0",
        is_zero(near0 - (1 - sl**2 * t**2 / 8)),
        near0,
    )
    return proof


__all__ = ["gamma", "h", "oscillator_solution", "scaling", "second_order_recurrence"]
