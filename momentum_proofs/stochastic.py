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
from .symbols import alpha, beta, lam

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
        "the noisy update is s⁺ = R s + c e with the heavy-ball R and c = (1, −α)",
        _zero_matrix(R - iteration_matrix()) and _zero_matrix(c - sp.Matrix([1, -alpha])),
        c,
    )
    M = sp.Matrix([[_myy, _mxy], [_mxy, _mxx]])
    step = second_moment_step()
    proof.require(
        "expectation of s⁺s⁺ᵀ (e independent, mean 0, variance ς²): M⁺ = R M Rᵀ + ς² c cᵀ",
        _zero_matrix(step - (R * M * R.T + varsigma**2 * c * c.T)),
    )
    mean_step = (R * sp.Matrix([_y, _x]) + c * _e).applyfunc(
        lambda entry: sp.expand(entry).subs(_e, 0)
    )
    proof.require(
        "the mean follows the noiseless iteration: m⁺ = R m",
        _zero_matrix(mean_step - R * sp.Matrix([_y, _x])),
    )
    # C = M − m mᵀ: C⁺ = M⁺ − (Rm)(Rm)ᵀ = R(M − mmᵀ)Rᵀ + ς²ccᵀ.
    m = sp.Matrix([_y, _x])
    c_next = R * M * R.T + varsigma**2 * c * c.T - (R * m) * (R * m).T
    proof.require(
        "the covariance C = M − m mᵀ obeys C⁺ = R C Rᵀ + ς² c cᵀ (polynomial identity), "
        "and C₀ = 0 for a deterministic start",
        _zero_matrix(c_next - (R * (M - m * m.T) * R.T + varsigma**2 * c * c.T)),
    )
    # Unrolled solution, checked for the first steps exactly.
    ok = True
    cov = sp.zeros(2, 2)
    for k in range(1, 4):
        cov = R * cov * R.T + varsigma**2 * c * c.T
        closed = varsigma**2 * sum((R**j * c * c.T * (R**j).T for j in range(k)), sp.zeros(2, 2))
        ok = ok and _zero_matrix(cov - closed)
    proof.require("C_k = ς² Σ_{j<k} Rʲ c cᵀ (Rʲ)ᵀ (k = 1, 2, 3 exactly; induction)", ok)
    # Closed form: with the stationary C∞ (SGD-FLOOR), D_k = C∞ − C_k obeys D⁺ = R D Rᵀ, D₀ = C∞.
    c_inf = stationary_covariance()
    ck = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"C_{min(i, j)}{max(i, j)}"))
    proof.require(
        "closed form: C∞ − C_{k+1} = R(C∞ − C_k)Rᵀ, so C_k = C∞ − Rᵏ C∞ (Rᵏ)ᵀ",
        _zero_matrix((c_inf - (R * ck * R.T + varsigma**2 * c * c.T)) - R * (c_inf - ck) * R.T),
    )
    proof.step(
        "So E[(xᵏ)²] = E[xᵏ]² + Var xᵏ = ((Rᵏs⁰)_x)² + (C_k)_xx: the deterministic error of "
        "the noiseless run plus a stochastic error that does not depend on s⁰. With isotropic "
        "noise the eigencomponents receive independent noises, so E[f(wᵏ) − f(w*)] = "
        "½Σᵢ λᵢ E[(xᵢᵏ)²] splits the same way in every eigenspace."
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
    proof = Proof(True).step("Solve C = R C Rᵀ + ς² c cᵀ for the symmetric C", C)
    proof.require(
        "the solution satisfies the stationary equation",
        _zero_matrix(C - R * C * R.T - varsigma**2 * c * c.T),
    )
    proof.require(
        "C_xx = ας²(1 + β)/(λ(1 − β)(2 + 2β − αλ))", is_zero(floor - _floor_target()), floor
    )
    proof.step(
        "Uniqueness and convergence: inside the stability region ρ(R) < 1 (HB-STABILITY), so "
        "C ↦ RCRᵀ is a contraction in some norm and C_k → C from any C₀."
    )
    # Gradient descent by an independent, scalar route: v⁺ = (1 − αλ)² v + α² ς².
    v = sp.Symbol("v")
    gd = sp.solve(sp.Eq(v, (1 - alpha * lam) ** 2 * v + alpha**2 * varsigma**2), v)[0]
    proof.require(
        "β = 0 agrees with the scalar gradient-descent recurrence v⁺ = (1 − αλ)²v + α²ς²",
        is_zero(floor.subs(beta, 0) - gd),
        gd,
    )
    dfloor = sp.diff(floor, alpha)
    positive = (
        varsigma**2
        * (1 + beta)
        * (2 + 2 * beta)
        / (lam * (1 - beta) * (2 + 2 * beta - alpha * lam) ** 2)
    )
    proof.require(
        "∂/∂α of the floor = ς²(1 + β)(2 + 2β)/(λ(1 − β)(2 + 2β − αλ)²) > 0: a smaller step "
        "lowers the stochastic error",
        is_zero(dfloor - positive),
        positive,
    )
    proof.step(
        "while the deterministic part decays at the rate ρ(α, β, λ), which for a fixed β grows "
        "towards 1 as α → 0 (ρ ≥ |t|/2 + … → 1): the trade-off the text describes"
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
        "∂_β floor = 2ας²((1 + β)² − αλ)/(λ(1 − β)²(2 + 2β − αλ)²)", is_zero(d - target), target
    )
    proof.step(
        "every factor but (1 + β)² − αλ is positive on the region, so the sign is that of "
        "(1 + β)² − αλ; (1 + β)² < 2 + 2β for β < 1, so both signs occur inside the region"
    )
    proof.require(
        "the window exists: (2 + 2β) − (1 + β)² = 1 − β² > 0",
        is_zero((2 + 2 * beta) - (1 + beta) ** 2 - (1 - beta**2)),
    )
    half, ninety = sp.Rational(1, 2), sp.Rational(9, 10)
    up = target.subs({alpha: half / lam, beta: ninety})
    down = target.subs({alpha: sp.Rational(37, 10) / lam, beta: ninety})
    proof.require(
        "at β = 9/10: αλ = 1/2 raises the floor, αλ = 37/10 (between 3.61 and 3.8) lowers it",
        bool(sp.simplify(up) > 0) and bool(sp.simplify(down) < 0),
    )
    a = sp.Symbol("a", positive=True)
    at_effective = floor.subs(alpha, a * (1 - beta))
    gd = floor.subs({beta: 0, alpha: a})
    gap = sp.factor(gd - at_effective)
    expected = (
        2 * a**2 * beta * varsigma**2 / ((2 - a * lam) * (2 + 2 * beta - a * lam * (1 - beta)))
    )
    proof.require(
        "at fixed a = α/(1 − β): GD(a) − HB(a(1 − β), β) = 2a²βς²/((2 − aλ)(2 + 2β − aλ(1 − β))) "
        "≥ 0 (both factors are positive where both methods are stable)",
        is_zero(gap - expected),
        gap,
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
        "the fixed point of z⁺ = βz + g is g/(1 − β)",
        len(fixed) == 1 and is_zero(fixed[0] - g / (1 - beta)),
        fixed[0] if fixed else None,
    )
    # Induction with P = βᵏ as a symbol: z^{k} = g(1 − P)/(1 − β) ⇒ z^{k+1} = g(1 − βP)/(1 − β).
    P = sp.Symbol("P", positive=True)
    proof.require(
        "from z⁰ = 0: zᵏ = g(1 − βᵏ)/(1 − β) = Σ_{j<k} βʲ g (induction: β·g(1 − βᵏ)/(1 − β) + g "
        "= g(1 − β^{k+1})/(1 − β)); the step is largest when all gradients agree",
        is_zero(beta * g * (1 - P) / (1 - beta) + g - g * (1 - beta * P) / (1 - beta)),
    )
    a = sp.Symbol("a", positive=True)
    floor = noise_floor().subs(alpha, a * (1 - beta))
    lead = sp.limit(floor / a, a, 0)
    proof.require(
        "floor(α = a(1 − β))/a → ς²/(2λ) as a → 0", is_zero(lead - varsigma**2 / (2 * lam))
    )
    gd_lead = sp.limit(noise_floor().subs({beta: 0, alpha: a}) / a, a, 0)
    proof.require(
        "gradient descent with step a has the same leading floor aς²/(2λ)",
        is_zero(gd_lead - lead),
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
        "The lecture writes the mean loss as an expectation over a uniform index: "
        "(1/n)ΣLᵢ = E_i Lᵢ; a minibatch mean is then an estimate of it."
    )
    for n in (3, 4):
        for size in range(1, n + 1):
            e, var, gbar, s2 = _minibatch_moments(n, size, replace=True)
            proof.require(
                f"n = {n}, B = {size}, with replacement: E ĝ = ḡ and Var ĝ = s²/B "
                "(exact enumeration of all nᴮ draws)",
                is_zero(e - gbar) and is_zero(var - s2 / size),
            )
            e, var, gbar, s2 = _minibatch_moments(n, size, replace=False)
            proof.require(
                f"n = {n}, B = {size}, without replacement: E ĝ = ḡ and "
                "Var ĝ = s²/B·(n − B)/(n − 1)",
                is_zero(e - gbar) and is_zero(var - s2 / size * (n - size) / (n - 1)),
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
        "every n, B, without replacement: inclusion probabilities B/n and B(B − 1)/(n(n − 1)) "
        "give Var ĝ = Var(Σ_{i∈S} gᵢ)/B² = s²/B·(n − B)/(n − 1) (identity in n, B, Σgᵢ, Σgᵢ²)",
        is_zero(p1 - bb / nn)
        and is_zero(p2 - bb * (bb - 1) / (nn * (nn - 1)))
        and is_zero(var_total / bb**2 - spread / bb * (nn - bb) / (nn - 1)),
    )
    proof.require(
        "every n, without replacement: E ĝ = p₁S₁/B = S₁/n = ḡ",
        is_zero(p1 * s1 / bb - s1 / nn),
    )
    proof.step(
        "With replacement the B indices are independent uniform draws, each with mean ḡ and "
        "variance E g_I² − ḡ² = S₂/n − (S₁/n)² = s², so their mean has variance s²/B. Both "
        "variances decrease strictly in B (s²/B, and (n − B)/(B(n − 1)) has derivative "
        "−n/(B²(n − 1)) < 0): a smaller batch gives noisier gradients."
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
    for n in (1, 2, 5):
        losses = [sp.Function(f"L{i}")(theta) for i in range(n)]
        total = sum(losses)
        mean = total / n
        step_sum = theta - a * sp.diff(total, theta)
        step_mean = theta - (n * a) * sp.diff(mean, theta)
        proof.require(
            f"n = {n}: one step on the sum with α equals one step on the mean with nα",
            is_zero(step_sum - step_mean),
        )
    proof.step(
        "Equal maps give equal iterates from the same start; the minimisers agree because "
        "the two objectives differ by the positive factor n."
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
    proof.require("Σ a/n = ∞ (harmonic series)", first == sp.oo, first)
    proof.require("Σ (a/n)² = a²π²/6 < ∞", is_zero(second - a**2 * sp.pi**2 / 6), second)
    proof.require(
        "a constant step has Σ a² = ∞", sp.summation(a**2 + 0 * n, (n, 1, sp.oo)) == sp.oo
    )
    proof.require(
        "a/√n has Σ (a/√n)² = Σ a²/n = ∞",
        sp.summation((a / sp.sqrt(n)) ** 2, (n, 1, sp.oo)) == sp.oo,
    )
    proof.step(
        "Conditions 2 and 3 of the slide hold for a/n; convergence itself is the theorem of "
        "Robbins and Monro (1951), cited, not re-proved here."
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
        "F = e^θ: F'' = e^θ > 0 for every real θ, so F is strictly convex (condition 4)",
        sp.diff(F, theta, 2).is_positive is True,
        sp.diff(F, theta, 2),
    )
    no_stationary = sp.diff(F, theta).is_positive is True and not sp.solve(sp.diff(F, theta), theta)
    proof.require(
        "F' = e^θ > 0 has no zero: F has no minimum, local or global, for θᵏ to converge to "
        "(with H = F' exact and α_n = 1/n, conditions 1–3 hold as in SGD-ROBBINS-MONRO)",
        no_stationary,
    )
    proof.printed_holds = not no_stationary
    # The corrected statement on the quadratic, exactly: mean-square error e_n after n − 1
    # steps, e_{n+1} = (1 − αₙλ)² eₙ + αₙ²ς².  With αₙ = 1/(λn), Eₙ = (n − 1)² eₙ obeys
    # E_{n+1} = Eₙ + ς²/λ² and E₁ = 0, so eₙ = ς²/(λ²(n − 1)).
    n = sp.Symbol("n", integer=True, positive=True)
    lam_, sig = sp.symbols("lambda varsigma", positive=True)
    e = sig**2 / (lam_**2 * (n - 1))
    step = 1 / (lam_ * n)
    proof.require(
        "induction step: (1 − λαₙ)² eₙ + αₙ²ς² = e_{n+1} with eₙ = ς²/(λ²(n − 1)), αₙ = 1/(λn)",
        is_zero((1 - lam_ * step) ** 2 * e + step**2 * sig**2 - e.subs(n, n + 1)),
        sp.Eq(sp.Symbol("e_n"), e),
    )
    proof.require(
        "base: from any θ¹, one step with α₁ = 1/λ lands on θ* + noise/λ, so e₂ = ς²/λ²",
        is_zero((1 - lam_ * (1 / lam_)) ** 2 * sp.Symbol("e_1") + sig**2 / lam_**2 - e.subs(n, 2)),
    )
    proof.require("and eₙ → 0", sp.limit(e, n, sp.oo) == 0)
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
