"""Momentum with stochastic gradients (family ``SGD``).

Sources: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "Momentum with Stochastic Gradients",
which models the gradient error as independent zero-mean Gaussian noise
(following Flammarion and Bach) and splits the expected objective into a
deterministic and a stochastic part; and the lecture slides "Optimization"
(``seeds/002_bee5153b5cb4bea1.txt``): minibatches, mean versus sum loss and the
Robbins–Monro step-size conditions.

Model.  On one eigencomponent the noisy heavy ball is z⁺ = βz + λw − b + e,
w⁺ = w − αz⁺ with e independent of the past, E e = 0, E e² = ς².  In the state
s = (y, x) of :mod:`momentum_proofs.heavy_ball` this is s⁺ = R s + c e with a
noise direction c derived below.  Everything that follows (the split, the
stationary floor, its dependence on α and β) is derived from that update by
sympy, with the floor as the solution of the stationary second-moment equation
C = R C Rᵀ + ς² c cᵀ.
"""

from __future__ import annotations

import functools
import itertools

import sympy as sp

from ._kernel import Kernel
from ._registry import claim
from .heavy_ball import iteration_matrix
from .proof import Proof, is_zero
from .symbols import alpha, beta, lam, latex

#: Noise standard deviation ς (its variance ς² enters the formulas).
varsigma = sp.Symbol("varsigma", positive=True)

_y, _x, _w, _z, _b, _e = sp.symbols("y x w z b e", real=True)
_myy, _mxy, _mxx = sp.symbols("M_yy M_xy M_xx", real=True)
_DISTILL = "distill"
_LECTURE = "lecture"
_SECTION = "Momentum with Stochastic Gradients"


def _zero_matrix(m: sp.Matrix) -> bool:
    return all(is_zero(entry) for entry in m)


@functools.cache
def noisy_update() -> tuple[sp.Matrix, sp.Matrix]:
    """(R, c) with s⁺ = R s + c e for the heavy ball whose gradient carries noise e.

    >>> R, c = noisy_update()
    >>> c.T
    Matrix([[1, -alpha]])
    """
    z_next = beta * _z + (lam * _w - _b) + _e
    w_next = _w - alpha * z_next
    w_star = _b / lam
    to_state = {_z: _y, _w: _x + w_star}
    rows = [sp.expand(z_next.subs(to_state)), sp.expand((w_next - w_star).subs(to_state))]
    matrix, rest = sp.linear_eq_to_matrix(rows, [_y, _x, _e])
    if rest != sp.zeros(2, 1):
        raise RuntimeError("the shifted noisy update must be homogeneous")
    return matrix[:, :2], matrix[:, 2]


def _expect(expr: sp.Expr) -> sp.Expr:
    """E[expr] for a polynomial in (y, x, e): e independent of (y, x), E e = 0, E e² = ς².

    Monomials of (y, x) of degree 2 become the second moments M; degree-1
    monomials of e vanish.  Only the degrees that occur here are handled.
    """
    poly = sp.Poly(sp.expand(expr), _y, _x, _e)
    moments = {
        (0, 0): 1,
        (2, 0): _myy,
        (1, 1): _mxy,
        (0, 2): _mxx,
    }
    noise_moments = {0: 1, 1: 0, 2: varsigma**2}
    total = sp.Integer(0)
    for (py, px, pe), coeff in poly.terms():
        if (py + px) % 2 == 1 and pe % 2 == 1:
            # y·e or x·e: independent factors, E e = 0.
            total += 0
            continue
        if (py, px) not in moments or pe not in noise_moments:
            raise ValueError(f"moment y^{py} x^{px} e^{pe} is outside this model")
        total += coeff * moments[(py, px)] * noise_moments[pe]
    return sp.expand(total)


@functools.cache
def second_moment_step() -> sp.Matrix:
    """E[s⁺ s⁺ᵀ] in terms of M = E[s sᵀ], derived by taking expectations entry by entry.

    By hand, x⁺ = −αβy + (1 − αλ)x − αe, so the noise adds α²ς² to E[x⁺²]:

    >>> m = second_moment_step()[1, 1]
    >>> print(m.coeff(varsigma**2))
    alpha**2
    """
    R, c = noisy_update()
    s = sp.Matrix([_y, _x])
    nxt = R * s + c * _e
    return (nxt * nxt.T).applyfunc(_expect)


@functools.cache
def stationary_covariance() -> sp.Matrix:
    """The solution C of C = R C Rᵀ + ς² c cᵀ (symmetric), as a sympy matrix.

    >>> sp.factor(stationary_covariance()[1, 1])
    alpha*varsigma**2*(beta + 1)/(lam*(beta - 1)*(alpha*lam - 2*beta - 2))
    """
    R, c = noisy_update()
    a, b, d = sp.symbols("c_yy c_xy c_xx")
    C = sp.Matrix([[a, b], [b, d]])
    eqs = C - R * C * R.T - varsigma**2 * c * c.T
    sol = sp.solve([eqs[0, 0], eqs[0, 1], eqs[1, 1]], [a, b, d], dict=True)
    if len(sol) != 1:
        raise RuntimeError(f"expected a unique stationary covariance, got {sol}")
    return C.subs(sol[0]).applyfunc(sp.factor)


def noise_floor() -> sp.Expr:
    """Stationary E[x²] = ας²(1 + β)/(λ(1 − β)(2 + 2β − αλ)) of one eigencomponent.

    By hand at β = 0, α = 1/10, λ = 1: α²ς²/(1 − (1 − α)²) = ς²/19.

    >>> print(noise_floor().subs({alpha: sp.Rational(1, 10), beta: 0, lam: 1}))
    varsigma**2/19
    """
    return stationary_covariance()[1, 1]


#: The target of the derivation, written in the form the docs show.
def _floor_target() -> sp.Expr:
    return alpha * varsigma**2 * (1 + beta) / (lam * (1 - beta) * (2 + 2 * beta - alpha * lam))


@claim(
    "SGD-SPLIT",
    uses=("SGD-FLOOR",),
    title="Expected error = deterministic part + stochastic part, per eigenspace",
    seed=_DISTILL,
    section=_SECTION,
    quote="In this simplified model, the objective also breaks into two separable components, "
    "a sum of a deterministic error and a stochastic error",
    statement=r"With $s^{k+1} = R s^k + c\,e^k$, $c = (1, -\alpha)^T$, $\mathbb E e^k = 0$, "
    r"$\mathbb E (e^k)^2 = \varsigma^2$: $\mathbb E[(x^k)^2] = \big((R^k s^0)_x\big)^2 + (C_k)_{xx}$ "
    r"with $C_0 = 0$, $C_{k+1} = R C_k R^T + \varsigma^2 c c^T$, i.e. "
    r"$C_k = \varsigma^2\sum_{j<k} R^j c c^T (R^j)^T = C_\infty - R^k C_\infty (R^k)^T$",
)
def prove_split() -> Proof:
    """Prove that the expected squared error splits into a deterministic and a stochastic part."""
    R, c = noisy_update()
    proof = Proof(True)
    proof.require(
        "Shift the noisy heavy-ball update to the error state $s = (y, x)$: it is "
        "$s^{k+1} = Rs^k + c\\,e^k$ with the heavy-ball iteration matrix $R$ and the noise "
        "direction $c$ below.",
        _zero_matrix(R - iteration_matrix()) and _zero_matrix(c - sp.Matrix([1, -alpha])),
        c,
        equation=rf"R = {latex(R)}, \qquad c = {latex(c.T)}^T",
    )
    M = sp.Matrix([[_myy, _mxy], [_mxy, _mxx]])
    step = second_moment_step()
    proof.require(
        "Take the expectation of $s^{k+1}(s^{k+1})^T$ with $e^k$ independent of $s^k$, of mean "
        "$0$ and variance $\\varsigma^2$: the second moments $M$ step by $RMR^T + "
        "\\varsigma^2cc^T$, entry by entry.",
        _zero_matrix(step - (R * M * R.T + varsigma**2 * c * c.T)),
        equation=r"M^{k+1} - (RM^kR^T + \varsigma^2cc^T) = "
        + latex((step - (R * M * R.T + varsigma**2 * c * c.T)).applyfunc(sp.expand)),
    )
    mean_step = (R * sp.Matrix([_y, _x]) + c * _e).applyfunc(
        lambda entry: sp.expand(entry).subs(_e, 0)
    )
    proof.require(
        "The mean follows the noiseless iteration, $m^{k+1} = Rm^k$.",
        _zero_matrix(mean_step - R * sp.Matrix([_y, _x])),
        equation=r"\mathbb E[s^{k+1} \mid s^k] - Rs^k = "
        + latex((mean_step - R * sp.Matrix([_y, _x])).applyfunc(sp.expand)),
    )
    # C = M − m mᵀ: C⁺ = M⁺ − (Rm)(Rm)ᵀ = R(M − mmᵀ)Rᵀ + ς²ccᵀ.
    m = sp.Matrix([_y, _x])
    c_next = R * M * R.T + varsigma**2 * c * c.T - (R * m) * (R * m).T
    proof.require(
        "So the covariance $C = M - mm^T$ obeys the same recursion as $M$ (a polynomial "
        "identity), with $C_0 = 0$ for a deterministic start.",
        _zero_matrix(c_next - (R * (M - m * m.T) * R.T + varsigma**2 * c * c.T)),
        equation=r"C^{k+1} - (RC^kR^T + \varsigma^2cc^T) = "
        + latex((c_next - (R * (M - m * m.T) * R.T + varsigma**2 * c * c.T)).applyfunc(sp.expand)),
    )
    # Unrolled solution, checked for the first steps exactly.
    ok = True
    cov = sp.zeros(2, 2)
    for k in range(1, 4):
        cov = R * cov * R.T + varsigma**2 * c * c.T
        closed = varsigma**2 * sum((R**j * c * c.T * (R**j).T for j in range(k)), sp.zeros(2, 2))
        ok = ok and _zero_matrix(cov - closed)
    proof.require(
        "Unrolled, $C_k = \\varsigma^2\\sum_{j<k}R^jcc^T(R^j)^T$: by induction, and checked "
        "exactly for $k = 1, 2, 3$; the corner entry at $k = 1$ is shown.",
        ok,
        equation=r"(C_1)_{xx} = " + latex((varsigma**2 * c * c.T)[1, 1]),
    )
    # Closed form: with the stationary C∞ (SGD-FLOOR), D_k = C∞ − C_k obeys D⁺ = R D Rᵀ, D₀ = C∞.
    c_inf = stationary_covariance()
    ck = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"C_{min(i, j)}{max(i, j)}"))
    gap = (c_inf - (R * ck * R.T + varsigma**2 * c * c.T)) - R * (c_inf - ck) * R.T
    proof.require(
        "Closed form: with the stationary $C_\\infty$ (SGD-FLOOR) the gap $C_\\infty - C_k$ "
        "evolves by $R(\\cdot)R^T$ alone, so $C_k = C_\\infty - R^kC_\\infty(R^k)^T$.",
        _zero_matrix(gap),
        equation=r"(C_\infty - C_{k+1}) - R(C_\infty - C_k)R^T = "
        + latex(gap.applyfunc(sp.cancel)),
    )
    proof.step(
        "Hence $\\mathbb E[(x^k)^2] = \\mathbb E[x^k]^2 + \\mathrm{Var}\\,x^k = "
        "((R^ks^0)_x)^2 + (C_k)_{xx}$: the deterministic error of the noiseless run plus a "
        "stochastic error that does not depend on $s^0$, which is the statement. With "
        "isotropic noise the eigencomponents receive independent noises, so $\\mathbb "
        "E[f(w^k) - f(w^\\star)] = \\tfrac12\\sum_i\\lambda_i\\mathbb E[(x_i^k)^2]$ splits "
        "the same way in every eigenspace."
    )
    return proof


@claim(
    "SGD-FLOOR",
    uses=("HB-STABILITY",),
    title="The stationary noise floor and its growth with the step size",
    seed=_DISTILL,
    section=_SECTION,
    quote="Lowering the step-size, for example, decreases the stochastic error, but also slows "
    "down the rate of convergence.",
    statement=r"For $0 < \alpha\lambda < 2 + 2\beta$, $0 \le \beta < 1$: "
    r"$\lim_k \mathbb E[(x^k)^2] = \dfrac{\alpha\varsigma^2(1+\beta)}{\lambda(1-\beta)(2+2\beta-\alpha\lambda)}$, "
    r"increasing in $\alpha$; at $\beta=0$ it is $\alpha\varsigma^2/(\lambda(2-\alpha\lambda))$",
)
def prove_floor() -> Proof:
    """Prove the stationary noise floor of stochastic heavy ball and that it grows with α."""
    R, c = noisy_update()
    C = stationary_covariance()
    floor = noise_floor()
    proof = Proof(True)
    proof.require(
        "Solve the stationary equation $C = RCR^T + \\varsigma^2cc^T$ for a symmetric $C$ "
        "(three linear equations) and substitute back: it holds.",
        _zero_matrix(C - R * C * R.T - varsigma**2 * c * c.T),
        C,
        equation=r"C - RCR^T - \varsigma^2cc^T = "
        + latex((C - R * C * R.T - varsigma**2 * c * c.T).applyfunc(sp.cancel)),
    )
    proof.require(
        "Its position entry is the noise floor, in the stated form.",
        is_zero(floor - _floor_target()),
        floor,
        equation=r"C_{xx} = " + latex(floor),
    )
    proof.step(
        "Uniqueness and convergence: inside the stability region $\\rho(R) < 1$ "
        "(HB-STABILITY), so $C \\mapsto RCR^T$ is a contraction in some norm and $C_k \\to C$ "
        "from any $C_0$."
    )
    # Gradient descent by an independent, scalar route: v⁺ = (1 − αλ)² v + α² ς².
    v = sp.Symbol("v")
    gd = sp.solve(sp.Eq(v, (1 - alpha * lam) ** 2 * v + alpha**2 * varsigma**2), v)[0]
    proof.require(
        "At $\\beta = 0$ it agrees with the fixed point of gradient descent's scalar "
        "recurrence $v^{k+1} = (1 - \\alpha\\lambda)^2v^k + \\alpha^2\\varsigma^2$, solved "
        "independently.",
        is_zero(floor.subs(beta, 0) - gd),
        gd,
        equation=rf"C_{{xx}}\big|_{{\beta = 0}} = {latex(sp.factor(floor.subs(beta, 0)))}, "
        rf"\qquad v^\star = {latex(sp.factor(gd))}",
    )
    dfloor = sp.diff(floor, alpha)
    positive = (
        varsigma**2
        * (1 + beta)
        * (2 + 2 * beta)
        / (lam * (1 - beta) * (2 + 2 * beta - alpha * lam) ** 2)
    )
    proof.require(
        "Differentiate the floor in $\\alpha$: every factor is positive, so a smaller step "
        "lowers the stochastic error.",
        is_zero(dfloor - positive),
        positive,
        equation=r"\frac{\partial C_{xx}}{\partial\alpha} = " + latex(positive) + r" > 0",
    )
    proof.step(
        "Meanwhile the deterministic part decays at the rate $\\rho(\\alpha, \\beta, "
        "\\lambda)$, which for a fixed $\\beta$ grows towards $1$ as $\\alpha \\to 0$. Hence "
        "the floor is as stated and grows with $\\alpha$: the trade-off the text describes, "
        "which is the statement."
    )
    return proof


@claim(
    "SGD-MOMENTUM-FLOOR",
    title="When more momentum raises the noise floor and when it does not",
    seed=_DISTILL,
    section=_SECTION,
    quote="And increasing momentum, contrary to popular belief, causes the errors to compound.",
    statement=r"At fixed $\alpha$: $\partial_\beta \lim \mathbb E[x^2] = "
    r"\dfrac{2\alpha\varsigma^2\big((1+\beta)^2-\alpha\lambda\big)}{\lambda(1-\beta)^2(2+2\beta-\alpha\lambda)^2}$, "
    r"so momentum raises the floor iff $\alpha\lambda < (1+\beta)^2$ (always when $\alpha\lambda \le 1$) "
    r"and lowers it for $(1+\beta)^2 < \alpha\lambda < 2+2\beta$; at a fixed effective step "
    r"$a = \alpha/(1-\beta)$ momentum lowers it",
)
def prove_momentum_floor() -> Proof:
    """Prove when more momentum raises the noise floor and when it lowers it."""
    floor = noise_floor()
    proof = Proof(True)
    d = sp.diff(floor, beta)
    target = (
        2
        * alpha
        * varsigma**2
        * ((1 + beta) ** 2 - alpha * lam)
        / (lam * (1 - beta) ** 2 * (2 + 2 * beta - alpha * lam) ** 2)
    )
    proof.require(
        "Differentiate the noise floor, the stationary $C_{xx}$, in $\\beta$ at fixed $\\alpha$.",
        is_zero(d - target),
        target,
        equation=r"\frac{\partial C_{xx}}{\partial\beta} = " + latex(sp.factor(d)),
    )
    proof.step(
        "Every factor but $(1 + \\beta)^2 - \\alpha\\lambda$ is positive on the stability "
        "region, so the sign of the derivative is that of $(1 + \\beta)^2 - \\alpha\\lambda$."
    )
    window = sp.expand((2 + 2 * beta) - (1 + beta) ** 2)
    proof.require(
        "Both signs occur inside the region $\\alpha\\lambda < 2 + 2\\beta$, since the "
        "window between $(1 + \\beta)^2$ and $2 + 2\\beta$ is nonempty for $\\beta < 1$.",
        is_zero((2 + 2 * beta) - (1 + beta) ** 2 - (1 - beta**2)),
        equation=r"(2 + 2\beta) - (1 + \beta)^2 = " + latex(window) + r" > 0",
    )
    half, ninety = sp.Rational(1, 2), sp.Rational(9, 10)
    up = target.subs({alpha: half / lam, beta: ninety})
    down = target.subs({alpha: sp.Rational(37, 10) / lam, beta: ninety})
    proof.require(
        "For example at $\\beta = 9/10$: $\\alpha\\lambda = 1/2$ raises the floor, and "
        "$\\alpha\\lambda = 37/10$ (between $3.61$ and $3.8$) lowers it.",
        bool(sp.simplify(up) > 0) and bool(sp.simplify(down) < 0),
        equation=rf"\frac{{\partial C_{{xx}}}}{{\partial\beta}}\Big|_{{\alpha\lambda = 1/2}} = "
        rf"{latex(sp.simplify(up))} > 0, \qquad \frac{{\partial C_{{xx}}}}{{\partial\beta}}"
        rf"\Big|_{{\alpha\lambda = 37/10}} = {latex(sp.simplify(down))} < 0",
    )
    a = sp.Symbol("a", positive=True)
    at_effective = floor.subs(alpha, a * (1 - beta))
    gd = floor.subs({beta: 0, alpha: a})
    gap = sp.factor(gd - at_effective)
    expected = (
        2 * a**2 * beta * varsigma**2 / ((2 - a * lam) * (2 + 2 * beta - a * lam * (1 - beta)))
    )
    proof.require(
        "At a fixed effective step $a = \\alpha/(1 - \\beta)$ compare with gradient descent "
        "of step $a$: the difference is nonnegative (both factors of its denominator are "
        "positive where both methods are stable). Hence momentum raises the floor iff "
        "$\\alpha\\lambda < (1 + \\beta)^2$, and lowers it at a fixed effective step, which "
        "is the statement.",
        is_zero(gap - expected),
        gap,
        equation=r"C_{xx}^{\mathrm{GD}}(a) - C_{xx}^{\mathrm{HB}}(a(1 - \beta), \beta) = "
        + latex(gap),
    )
    proof.note = (
        "The text's claim is a fair summary for the small steps that matter with noise "
        "(αλ < (1 + β)²) but not universal; it is not a printed formula, so no erratum."
    )
    return proof


@claim(
    "SGD-EFFECTIVE-STEP",
    title="Momentum's effective step α/(1 − β)",
    seed=_LECTURE,
    section="Gradient Descent with Momentum",
    quote="Step will be largest when a sequence of gradients all point to the same direction",
    statement=r"With a constant gradient $g$ the velocity tends to $g/(1-\beta)$ and the step to "
    r"$\alpha g/(1-\beta)$; the noise floor at $\alpha = a(1-\beta)$ is "
    r"$a\varsigma^2/(2\lambda)\,(1 + O(a))$, the same as gradient descent with step $a$",
)
def prove_effective_step() -> Proof:
    """Prove momentum's effective step α/(1 − β) and the noise floor it gives."""
    g = sp.Symbol("g", real=True)
    zs = sp.Symbol("z_s")
    fixed = sp.solve(sp.Eq(zs, beta * zs + g), zs)
    proof = Proof(True)
    proof.require(
        "With a constant gradient $g$ the velocity recursion $z^{k+1} = \\beta z^k + g$ has "
        "one fixed point.",
        len(fixed) == 1 and is_zero(fixed[0] - g / (1 - beta)),
        fixed[0] if fixed else None,
        equation=r"z^\star = " + ", ".join(latex(f) for f in fixed),
    )
    # Induction with P = βᵏ as a symbol: z^{k} = g(1 − P)/(1 − β) ⇒ z^{k+1} = g(1 − βP)/(1 − β).
    P = sp.Symbol("P", positive=True)
    z_next = beta * g * (1 - P) / (1 - beta) + g
    proof.require(
        "From $z^0 = 0$, by induction with $P = \\beta^k$: $z^k = g(1 - \\beta^k)/(1 - \\beta) "
        "= \\sum_{j<k}\\beta^jg$, so the step is largest when all gradients agree.",
        is_zero(z_next - g * (1 - beta * P) / (1 - beta)),
        equation=r"\beta\,\frac{g(1 - P)}{1 - \beta} + g = " + latex(sp.factor(z_next)),
    )
    a = sp.Symbol("a", positive=True)
    floor = noise_floor().subs(alpha, a * (1 - beta))
    lead = sp.limit(floor / a, a, 0)
    proof.require(
        "The noise floor at $\\alpha = a(1 - \\beta)$, divided by $a$, tends to a limit that "
        "does not depend on $\\beta$.",
        is_zero(lead - varsigma**2 / (2 * lam)),
        equation=r"\lim_{a \to 0}\frac{C_{xx}(a(1 - \beta), \beta)}{a} = "
        + latex(sp.simplify(lead)),
    )
    gd_lead = sp.limit(noise_floor().subs({beta: 0, alpha: a}) / a, a, 0)
    proof.require(
        "Gradient descent with step $a$ has the same leading floor. Hence momentum's effective "
        "step is $\\alpha/(1 - \\beta)$, for the drift and for the noise, which is the "
        "statement.",
        is_zero(gd_lead - lead),
        equation=r"\lim_{a \to 0}\frac{C_{xx}(a, 0)}{a} = " + latex(gd_lead),
    )
    return proof


# --- minibatches ----------------------------------------------------------------


def _minibatch_moments(
    n: int, size: int, replace: bool
) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """(E ĝ, Var ĝ, ḡ, s²) of the mean of a minibatch of ``size`` drawn from g₁ … gₙ.

    Enumerates every equally likely draw exactly: ordered tuples with
    replacement, subsets without.
    """
    g = sp.symbols(f"g1:{n + 1}", real=True)
    draws = (
        list(itertools.product(range(n), repeat=size))
        if replace
        else list(itertools.combinations(range(n), size))
    )
    means = [sum(g[i] for i in d) / size for d in draws]
    e = sp.expand(sum(means) / len(draws))
    var = sp.expand(sum(m**2 for m in means) / len(draws) - e**2)
    gbar = sum(g) / n
    s2 = sp.expand(sum((gi - gbar) ** 2 for gi in g) / n)
    return e, var, gbar, s2


@claim(
    "SGD-MINIBATCH",
    title="Minibatch gradients: unbiased, with variance s²/B (s²/B·(n−B)/(n−1) without replacement)",
    seed=_LECTURE,
    section="Stochastic Gradient Descent (SGD)",
    quote="Smaller batch size means greater variance in the gradients",
    statement=r"For $B$ indices drawn uniformly with replacement, $\mathbb E\,\hat g = \bar g$ and "
    r"$\operatorname{Var}\hat g = s^2/B$ with $s^2 = \frac1n\sum_i (g_i-\bar g)^2$; without "
    r"replacement $\operatorname{Var}\hat g = \frac{s^2}{B}\frac{n-B}{n-1}$",
)
def prove_minibatch() -> Proof:
    """Prove that minibatch gradients are unbiased with variance s²/B (less without replacement)."""
    proof = Proof(True)
    proof.step(
        "The lecture writes the mean loss as an expectation over a uniform index, "
        "$\\frac1n\\sum_iL_i = \\mathbb E_iL_i$; a minibatch mean $\\hat g$ is then an "
        "estimate of it."
    )
    with_ok, without_ok = True, True
    for n in (3, 4):
        for size in range(1, n + 1):
            e, var, gbar, s2 = _minibatch_moments(n, size, replace=True)
            with_ok = with_ok and is_zero(e - gbar) and is_zero(var - s2 / size)
            e, var, gbar, s2 = _minibatch_moments(n, size, replace=False)
            without_ok = (
                without_ok and is_zero(e - gbar) and is_zero(var - s2 / size * (n - size) / (n - 1))
            )
    e, var, gbar, s2 = _minibatch_moments(3, 2, replace=True)
    proof.require(
        "Enumerate every equally likely draw exactly, for $n = 3, 4$ and every batch size "
        "$B$: with replacement $\\mathbb E\\hat g = \\bar g$ and $\\mathrm{Var}\\,\\hat g = "
        "s^2/B$; the case $n = 3$, $B = 2$ is shown.",
        with_ok,
        equation=rf"\mathbb E\hat g - \bar g = {latex(sp.expand(e - gbar))}, \qquad "
        rf"\mathrm{{Var}}\,\hat g - \frac{{s^2}}{{2}} = {latex(sp.expand(var - s2 / 2))}",
    )
    e, var, gbar, s2 = _minibatch_moments(3, 2, replace=False)
    proof.require(
        "Without replacement the same enumeration gives $\\mathbb E\\hat g = \\bar g$ and "
        "$\\mathrm{Var}\\,\\hat g = \\frac{s^2}{B}\\frac{n - B}{n - 1}$; again $n = 3$, $B = 2$.",
        without_ok,
        equation=rf"\mathbb E\hat g - \bar g = {latex(sp.expand(e - gbar))}, \qquad "
        rf"\mathrm{{Var}}\,\hat g - \frac{{s^2}}{{2}}\cdot\frac{{1}}{{2}} = "
        rf"{latex(sp.expand(var - s2 / 2 * sp.Rational(1, 2)))}",
    )
    # General n and B.  Without replacement every B-subset is equally likely, so index i is
    # in it with probability C(n−1, B−1)/C(n, B) and a pair i ≠ j with C(n−2, B−2)/C(n, B).
    nn, bb = sp.symbols("n B", positive=True, integer=True)
    s1, s2_sum = sp.symbols("S_1 S_2", real=True)  # Σ gᵢ and Σ gᵢ²
    p1 = sp.combsimp(sp.binomial(nn - 1, bb - 1) / sp.binomial(nn, bb))
    p2 = sp.combsimp(sp.binomial(nn - 2, bb - 2) / sp.binomial(nn, bb))
    # Var Σ_{i∈S} gᵢ = Σ p₁gᵢ² + Σ_{i≠j} p₂gᵢgⱼ − (Σ p₁gᵢ)², with Σ_{i≠j} gᵢgⱼ = S₁² − S₂.
    var_total = p1 * s2_sum + p2 * (s1**2 - s2_sum) - (p1 * s1) ** 2
    spread = s2_sum / nn - (s1 / nn) ** 2  # s²
    proof.require(
        "For every $n$ and $B$ without replacement: index $i$ is in the batch with probability "
        "$p_1$ and a pair $i \\ne j$ with probability $p_2$ (ratios of binomials); with "
        "$S_1 = \\sum_ig_i$ and $S_2 = \\sum_ig_i^2$ the variance of the batch sum over $B^2$ "
        "is the stated one, an identity in $n$, $B$, $S_1$, $S_2$.",
        is_zero(p1 - bb / nn)
        and is_zero(p2 - bb * (bb - 1) / (nn * (nn - 1)))
        and is_zero(var_total / bb**2 - spread / bb * (nn - bb) / (nn - 1)),
        equation=rf"p_1 = {latex(sp.factor(p1))}, \quad p_2 = {latex(sp.factor(p2))}, \quad "
        rf"\mathrm{{Var}}\,\hat g = {latex(sp.factor(var_total / bb**2))}",
    )
    proof.require(
        "Its mean is unbiased for every $n$.",
        is_zero(p1 * s1 / bb - s1 / nn),
        equation=r"\mathbb E\hat g = \frac{p_1S_1}{B} = " + latex(sp.simplify(p1 * s1 / bb)),
    )
    proof.step(
        "With replacement the $B$ indices are independent uniform draws, each with mean "
        "$\\bar g$ and variance $S_2/n - (S_1/n)^2 = s^2$, so their mean has variance $s^2/B$. "
        "Both variances decrease strictly in $B$. Hence minibatch gradients are unbiased with "
        "variance $s^2/B$ (less without replacement), and a smaller batch gives noisier "
        "gradients, which is the statement."
    )
    return proof


@claim(
    "SGD-MEAN-SUM",
    title="Sum versus mean loss: the same iterates after rescaling the step by n",
    seed=_LECTURE,
    section="Gradient Descent: Multiple Training Samples",
    quote="omitting $\\frac{1}{n}$ is not 'wrong', it just means rescaling the learning rate",
    statement=r"$\theta - \alpha\nabla\sum_i L_i = \theta - (n\alpha)\nabla\frac1n\sum_i L_i$: "
    r"gradient descent on the sum with step $\alpha$ is gradient descent on the mean with step $n\alpha$",
)
def prove_mean_sum() -> Proof:
    """Prove that descent on the summed loss with step α is descent on the mean with step nα."""
    theta = sp.Symbol("theta", real=True)
    a = sp.Symbol("a", positive=True)
    proof = Proof(True)
    gaps = {}
    for n in (1, 2, 5):
        losses = [sp.Function(f"L{i}")(theta) for i in range(n)]
        total = sum(losses)
        mean = total / n
        step_sum = theta - a * sp.diff(total, theta)
        step_mean = theta - (n * a) * sp.diff(mean, theta)
        gaps[n] = sp.expand(step_sum - step_mean)
    proof.require(
        "For $n = 1, 2, 5$ symbolic losses $L_i(\\theta)$, one step on the sum with step "
        "$\\alpha$ equals one step on the mean with step $n\\alpha$.",
        all(is_zero(gap) for gap in gaps.values()),
        equation=r"\Big(\theta - \alpha\nabla\sum_iL_i\Big) - \Big(\theta - n\alpha\nabla"
        r"\frac1n\sum_iL_i\Big) = " + ", ".join(latex(gap) for gap in gaps.values()),
    )
    proof.step(
        "Equal maps give equal iterates from the same start, and the minimisers agree because "
        "the two objectives differ by the positive factor $n$. Hence omitting $\\frac1n$ "
        "only rescales the step, which is the statement."
    )
    return proof


@claim(
    "SGD-ROBBINS-MONRO",
    title="Robbins–Monro conditions for α_n = α/n",
    seed=_LECTURE,
    section="Convergence of SGD",
    quote="The proposed sequence by Robbins and Monro is",
    statement=r"$\alpha_n = a/n$: $\sum_n \alpha_n = \infty$ and $\sum_n \alpha_n^2 = a^2\pi^2/6 < \infty$; "
    r"a constant step violates the second condition and $a/\sqrt n$ violates it too",
)
def prove_robbins_monro() -> Proof:
    """Prove that α_n = a/n meets the Robbins–Monro conditions and that a/√n does not."""
    n = sp.Symbol("n", integer=True, positive=True)
    a = sp.Symbol("a", positive=True)
    proof = Proof(True)
    first = sp.summation(a / n, (n, 1, sp.oo))
    second = sp.summation((a / n) ** 2, (n, 1, sp.oo))
    proof.require(
        "Sum the steps $\\alpha_n = a/n$: the harmonic series diverges.",
        first == sp.oo,
        first,
        equation=r"\sum_{n \ge 1}\frac{a}{n} = " + latex(first),
    )
    proof.require(
        "Sum their squares: a finite multiple of $\\zeta(2)$.",
        is_zero(second - a**2 * sp.pi**2 / 6),
        second,
        equation=r"\sum_{n \ge 1}\frac{a^2}{n^2} = " + latex(second),
    )
    constant = sp.summation(a**2 + 0 * n, (n, 1, sp.oo))
    root = sp.summation((a / sp.sqrt(n)) ** 2, (n, 1, sp.oo))
    proof.require(
        "A constant step and the step $a/\\sqrt n$ both violate the square-summability condition.",
        constant == sp.oo and root == sp.oo,
        equation=rf"\sum_{{n \ge 1}}a^2 = {latex(constant)}, \qquad \sum_{{n \ge 1}}"
        rf"\Big(\frac{{a}}{{\sqrt n}}\Big)^2 = {latex(root)}",
    )
    proof.step(
        "Hence $a/n$ meets conditions 2 and 3 of the slide and $a/\\sqrt n$ does not, which is "
        "the statement; convergence itself is the theorem of Robbins and Monro (1951), cited, "
        "not re-proved here."
    )
    return proof


@claim(
    "SGD-RM-CONDITIONS",
    uses=("SGD-ROBBINS-MONRO",),
    title="The slide's four conditions do not make SGD converge: a minimiser must exist",
    seed=_LECTURE,
    section="Convergence of SGD",
    quote="converges to a local (**global**) minimum if the following conditions are met:",
    statement=r"(i) $F(\theta)=e^\theta$ with $H=F'$ (no noise) and $\alpha_n=1/n$ meets conditions "
    r"1–4 and has no minimum, so nothing converges to one; (ii) with a minimiser and noise of "
    r"bounded variance the conditions do suffice, e.g. on $F=\tfrac\lambda2(\theta-\theta^\star)^2$ "
    r"with $H=F'+\varepsilon$, $\mathbb E\varepsilon=0$, $\mathbb E\varepsilon^2=\varsigma^2$, "
    r"$\alpha_n=\tfrac1{\lambda n}$: $\mathbb E(\theta^n-\theta^\star)^2="
    r"\frac{\varsigma^2}{\lambda^2(n-1)}\to0$ for $n\ge2$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"\alpha_n\ge0,\ \textstyle\sum_n\alpha_n=\infty,\ \sum_n\alpha_n^2<\infty,\ F"
    r"\text{ strictly convex}\ \Rightarrow\ \theta^k\to\text{a (global) minimum}",
    corrected=r"\text{the same, and } F \text{ has a minimiser } \theta^\star \text{ and } "
    r"\mathbb E\|H(\theta,X)\|^2\le C(1+\|\theta-\theta^\star\|^2)\ \Rightarrow\ "
    r"\theta^k\to\theta^\star \text{ almost surely}",
)
def prove_robbins_monro_conditions() -> Proof:
    """Refute the slide's four conditions (F = e^θ has no minimum); with a minimiser they suffice."""
    proof = Proof(True)
    theta = sp.Symbol("theta", real=True)
    F = sp.exp(theta)
    proof.require(
        "Take $F = e^\\theta$: its second derivative is positive for every real $\\theta$, so "
        "$F$ is strictly convex (condition 4).",
        sp.diff(F, theta, 2).is_positive is True,
        sp.diff(F, theta, 2),
        equation=r"F''(\theta) = " + latex(sp.diff(F, theta, 2)) + r" > 0",
    )
    no_stationary = sp.diff(F, theta).is_positive is True and not sp.solve(sp.diff(F, theta), theta)
    proof.require(
        "Its derivative is positive and has no zero, so $F$ has no minimum, local or global, "
        "for $\\theta^k$ to converge to; yet with $H = F'$ exact and $\\alpha_n = 1/n$ "
        "conditions 1 to 3 hold, as in SGD-ROBBINS-MONRO. This refutes the slide.",
        no_stationary,
        equation=r"\{\theta : F'(\theta) = 0\} = "
        + latex(sp.FiniteSet(*sp.solve(sp.diff(F, theta), theta))),
    )
    proof.printed_holds = not no_stationary
    # The corrected statement on the quadratic, exactly: mean-square error e_n after n − 1
    # steps, e_{n+1} = (1 − αₙλ)² eₙ + αₙ²ς².  With αₙ = 1/(λn), Eₙ = (n − 1)² eₙ obeys
    # E_{n+1} = Eₙ + ς²/λ² and E₁ = 0, so eₙ = ς²/(λ²(n − 1)).
    n = sp.Symbol("n", integer=True, positive=True)
    lam_, sig = sp.symbols("lambda varsigma", positive=True)
    e = sig**2 / (lam_**2 * (n - 1))
    step = 1 / (lam_ * n)
    nxt = sp.factor((1 - lam_ * step) ** 2 * e + step**2 * sig**2)
    proof.require(
        "With a minimiser the conditions do suffice, as the quadratic $F = \\tfrac\\lambda2"
        "(\\theta - \\theta^\\star)^2$ with noisy gradients shows: the mean-square error "
        "$e_n = \\mathbb E(\\theta^n - \\theta^\\star)^2$ obeys $e_{n+1} = (1 - "
        "\\lambda\\alpha_n)^2e_n + \\alpha_n^2\\varsigma^2$, and with $\\alpha_n = 1/(\\lambda "
        "n)$ the claimed $e_n$ carries over from $n$ to $n + 1$.",
        is_zero((1 - lam_ * step) ** 2 * e + step**2 * sig**2 - e.subs(n, n + 1)),
        sp.Eq(sp.Symbol("e_n"), e),
        equation=rf"\Big(1 - \frac{{1}}{{n}}\Big)^2{latex(e)} + \frac{{\varsigma^2}}"
        rf"{{\lambda^2n^2}} = {latex(nxt)} = e_{{n+1}}",
    )
    e1 = sp.Symbol("e_1")
    base = (1 - lam_ * (1 / lam_)) ** 2 * e1 + sig**2 / lam_**2
    proof.require(
        "Base: from any $\\theta^1$, one step with $\\alpha_1 = 1/\\lambda$ lands on "
        "$\\theta^\\star$ plus the noise over $\\lambda$, whatever $e_1$ was.",
        is_zero(base - e.subs(n, 2)),
        equation=rf"e_2 = {latex(base)} = {latex(e.subs(n, 2))}",
    )
    limit = sp.limit(e, n, sp.oo)
    proof.require(
        "The error tends to zero. Hence the slide's four conditions alone do not make SGD "
        "converge (a minimiser must exist), while with a minimiser and bounded noise they do, "
        "which is the corrected statement.",
        limit == 0,
        equation=r"\lim_{n \to \infty}e_n = " + latex(limit),
    )
    proof.note = (
        "Erratum by the rule 'every rendition is false as printed': the slide states the "
        "conditions once, and conditions 1–4 alone admit a strictly convex F with no minimum "
        "at all.  The theorem it cites (Robbins and Monro 1951; in this form Robbins and "
        "Siegmund 1971) also assumes a minimiser and a bound on the noise; the corrected "
        "statement is cited, and checked exactly here on the quadratic."
    )
    return proof


def kernels() -> list[Kernel]:
    """The stationary noise floor per unit noise variance, for :mod:`numeric`.

    >>> print([k.name for k in kernels()])
    ['heavy_ball_noise_covariance', 'heavy_ball_noise_floor']
    """
    cov = stationary_covariance() / varsigma**2
    return [
        Kernel(
            "heavy_ball_noise_covariance",
            "Stationary covariance (c_yy, c_xy, c_xx) of the state (y, x) per unit noise variance.",
            (alpha, beta, lam),
            (
                ("c_yy", sp.factor(cov[0, 0])),
                ("c_xy", sp.factor(cov[0, 1])),
                ("c_xx", sp.factor(cov[1, 1])),
            ),
            "SGD-SPLIT",
        ),
        Kernel(
            "heavy_ball_noise_floor",
            "Stationary E[x^2] per unit gradient-noise variance of heavy ball on eigenvalue lam.",
            (alpha, beta, lam),
            (("floor", sp.factor(noise_floor() / varsigma**2)),),
            "SGD-FLOOR",
        ),
    ]


__all__ = [
    "noise_floor",
    "noisy_update",
    "second_moment_step",
    "stationary_covariance",
    "varsigma",
]
