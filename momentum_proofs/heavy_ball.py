"""Heavy-ball momentum on one eigencomponent of a convex quadratic.

Source: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), sections "The Dynamics of Momentum" and
"The Critical Damping Coefficient".

Everything here is derived by sympy from the update rule; the formulas the text
prints are the *targets* of the proofs, never their inputs.  The spectral
pieces at the end (:func:`spectral_pieces`) are the branch-free, real-valued
forms that :mod:`momentum_proofs.codegen` prints for the numeric layer, each
proven equal to the derived expression.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._kernel import Kernel, unit_sign
from ._registry import claim
from ._tex import reduced, tex
from .proof import Proof, differs_at, holds_on_cases, is_zero
from .symbols import alpha, beta, lam, r, sigma, u

# The method as data, in Distill's (and torch's) form z⁺ = βz + ∇f(w), w⁺ = w − αz⁺
# (read by momentum_proofs.methods).
SPEC = {
    "parameters": ["alpha", "beta"],
    "state": ["z", "w"],
    "iterate": "w",
    "update": {"z": "beta*z + grad(w)", "w": "w - alpha*z_next"},
}


# State of one eigencomponent: y = velocity (Qz), x = error (Q(w - w*)).
_y, _x, _w, _z, _b = sp.symbols("y x w z b", real=True)


@functools.cache
def iteration_matrix() -> sp.Matrix:
    """The 2×2 matrix R with (y, x)ᵏ⁺¹ = R (y, x)ᵏ, derived from the update.

    On the one-dimensional quadratic f(w) = ½λw² − bw the update is
    z⁺ = βz + (λw − b), w⁺ = w − αz⁺.  With y = z and x = w − b/λ both updates
    are linear in (y, x); their Jacobian is R.

    >>> iteration_matrix()
    Matrix([
    [         beta,            lam],
    [-alpha*beta, -alpha*lam + 1]])
    """
    z_next = beta * _z + (lam * _w - _b)
    w_next = _w - alpha * z_next
    w_star = _b / lam
    # Express the updates in the shifted state (y, x): z = y, w = x + w*.
    to_state = {_z: _y, _w: _x + w_star}
    y_next = sp.expand(z_next.subs(to_state))
    x_next = sp.expand((w_next - w_star).subs(to_state))
    matrix, rest = sp.linear_eq_to_matrix([y_next, x_next], [_y, _x])
    assert rest == sp.zeros(2, 1), "the shifted update must be homogeneous"
    return matrix


def trace() -> sp.Expr:
    """t = tr R = 1 + β − αλ.

    By hand: t = 1 + β − αλ, the sum of the eigenvalues.

    >>> print(trace().subs({alpha: 1, beta: sp.Rational(1, 2), lam: 1}))
    1/2
    """
    return sp.expand(iteration_matrix().trace())


@functools.cache
def characteristic_polynomial() -> sp.Expr:
    """det(σI − R) = σ² − (1 + β − αλ)σ + β.

    >>> sp.collect(characteristic_polynomial(), sigma)
    beta + sigma**2 + sigma*(alpha*lam - beta - 1)
    """
    return sp.expand(iteration_matrix().charpoly(sigma).as_expr())


@functools.cache
def discriminant() -> sp.Expr:
    """d = (1 + β − αλ)² − 4β, the discriminant of the characteristic polynomial.

    At α = β = 1/4, λ = 1: t = 1 and t² − 4β = 0, a double root.

    >>> print(discriminant().subs({alpha: sp.Rational(1, 4), beta: sp.Rational(1, 4), lam: 1}))
    0
    """
    return sp.discriminant(characteristic_polynomial(), sigma)


@functools.cache
def eigenvalues() -> tuple[sp.Expr, sp.Expr]:
    """(σ₁, σ₂) = ((t + √d)/2, (t − √d)/2), picked by the sign of the root term.

    At α = 3/8, β = 1/8, λ = 1: t = 3/4, t² − 4β = 1/16, so σ = 1/2 and 1/4.

    >>> point = {alpha: sp.Rational(3, 8), beta: sp.Rational(1, 8), lam: 1}
    >>> print([e.subs(point) for e in eigenvalues()])
    [1/2, 1/4]
    """
    roots = sp.solve(characteristic_polynomial(), sigma)
    if len(roots) != 2:
        raise RuntimeError(f"expected two roots, got {roots}")
    # solve's order may change between releases: identify σ₁ as the root
    # whose radical enters with a plus sign (σ₁ − σ₂ = +√d).
    sq = sp.sqrt(discriminant())
    first, second = roots
    if is_zero(first - second - sq):
        return first, second
    if is_zero(second - first - sq):
        return second, first
    raise RuntimeError("could not orient the roots")


def _in_squares(expr: sp.Expr) -> sp.Expr:
    """Rewrite in r = √β, u = √(αλ), so radical identities become polynomial."""
    return sp.expand(expr.subs({alpha: u**2 / lam}).subs(beta, r**2))


# --- kernel form --------------------------------------------------------------


@functools.cache
def spectral_pieces() -> dict[str, sp.Expr]:
    """Branch-free real expressions for the spectrum of R, as the kernels use them.

    With r = √β, u = √(αλ), m = t/2 and q = d/4 = m² − β:

    - ``q`` in the factored form ((1 − r)² − u²)((1 + r)² − u²)/4, with
      (1 − r)² evaluated as (1 − β)²/(1 + r)² so nothing cancels near β = 1:
      q = ((1 + r)² − αλ)·((1 − β)² − αλ(1 + r)²)/(4(1 + r)²).  Each factor is a
      difference of two terms rounded a few times, which cancels near its double-root
      curve exactly as (1 + r − u)(1 + r + u) does (the error model is the same), and
      no √(αλ) is needed: two square roots per rate instead of three;
    - ``h = √max(q, 0)`` (real half-gap) and ``g = √max(−q, 0)`` (imaginary part);
    - ``rho = max(r, |m| + h)``: the spectral radius;
    - ``theta = atan2(g, |m|)``: the argument of the eigenvalues (0 when real);
    - ``one_minus_x = 2h/(|m| + h)``: 1 − σ₂/σ₁ on the real side, 0 on the complex side.

    >>> sorted(spectral_pieces())
    ['g', 'h', 'm', 'one_minus_x', 'q', 'rho', 'sign', 'theta']
    """
    rb = sp.sqrt(beta)
    step = alpha * lam
    square = (1 + rb) ** 2
    q = (square - step) * ((1 - beta) ** 2 - step * square) / (4 * square)
    m = (1 + beta - alpha * lam) / 2
    h = sp.sqrt(sp.Max(q, 0))
    g = sp.sqrt(sp.Max(-q, 0))
    rho = sp.Max(rb, sp.Abs(m) + h)
    return {
        "m": m,
        "q": q,
        "h": h,
        "g": g,
        "rho": rho,
        "theta": sp.atan2(g, sp.Abs(m)),
        "one_minus_x": 2 * h / (sp.Abs(m) + h),
        "sign": sp.sign(m),
    }


def spectral_radius() -> sp.Expr:
    """The heavy-ball rate max(|σ₁|, |σ₂|) in its branch-free real form.

    At the double root α = β = 1/4, λ = 1 the rate is √β = 1/2.

    >>> print(spectral_radius().subs({alpha: sp.Rational(1, 4), beta: sp.Rational(1, 4), lam: 1}))
    1/2
    """
    return spectral_pieces()["rho"]


# u ≤ 1 and u ≥ 1, each parametrised by a positive e so sympy can settle |·|.
_e = sp.Symbol("e", positive=True)
_BOTH_SIDES_OF_ONE = (1 / (1 + _e), 1 + _e, sp.Integer(1))

# --- claims -------------------------------------------------------------------

_DISTILL = "distill"
_DYNAMICS = "The Dynamics of Momentum"


@claim(
    "HB-R",
    title="Per-eigenvalue recurrence and the iteration matrix R",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="(yikxik)=Rk(yi0xi0)R=(βλi−αβ1−αλi).",
    statement=r"$(y^{k+1}, x^{k+1}) = R\,(y^k, x^k)$ with "
    r"$R = \begin{pmatrix}\beta & \lambda\\ -\alpha\beta & 1-\alpha\lambda\end{pmatrix}$",
)
def prove_iteration_matrix() -> Proof:
    """The matrix printed in the text is the Jacobian of the update in (y, x)."""
    printed = sp.Matrix([[beta, lam], [-alpha * beta, 1 - alpha * lam]])
    derived = iteration_matrix()
    proof = Proof(True)
    proof.step(
        "On $f(w) = \\tfrac12\\lambda w^2 - bw$ the gradient is $\\lambda w - b$, so heavy ball "
        "reads $z^{k+1} = \\beta z^k + \\lambda w^k - b$, $w^{k+1} = w^k - \\alpha z^{k+1}$."
    )
    proof.step(
        "Shift the origin to the minimiser, $x = w - b/\\lambda$, and keep $y = z$: the "
        "constant $b$ drops out and the update is linear in $(y, x)$, with matrix",
        equation=f"R = {tex(derived)}",
    )
    proof.require(
        "Subtract the matrix printed in the text: every entry of the difference is zero, so "
        "the printed $R$ is the derived one.",
        is_zero_matrix(derived - printed),
        equation=f"R - R_{{\\text{{printed}}}} = {tex((derived - printed).applyfunc(reduced))}",
    )
    return proof


def is_zero_matrix(m: sp.Matrix) -> bool:
    """True iff every entry of ``m`` is proven zero by :func:`~momentum_proofs.proof.is_zero`.

    >>> print(is_zero_matrix(iteration_matrix() - iteration_matrix().T.T))
    True
    """
    return all(is_zero(entry) for entry in m)


@claim(
    "HB-CHARPOLY",
    title="Characteristic polynomial and eigenvalues of R",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="in terms of the eigenvalues of RRR, σ1\\sigma_1σ1 and σ2\\sigma_2σ2.",
    statement=r"$\det(\sigma I - R) = \sigma^2 - (1+\beta-\alpha\lambda)\sigma + \beta$, "
    r"$\sigma_{1,2} = \tfrac12\big(1+\beta-\alpha\lambda \pm \sqrt{(1+\beta-\alpha\lambda)^2-4\beta}\big)$",
)
def prove_characteristic_polynomial() -> Proof:
    """Prove R's characteristic polynomial σ² − (1 + β − αλ)σ + β and its two roots."""
    p = characteristic_polynomial()
    s1, s2 = eigenvalues()
    t = trace()
    t_ = sp.Symbol("t")
    proof = Proof(True)
    proof.require(
        "Expand the determinant of $\\sigma I - R$ and collect powers of $\\sigma$: the "
        "coefficient of $\\sigma$ is minus the trace $t$ of $R$ and the constant term is "
        "$\\det R = \\beta$.",
        is_zero(p - (sigma**2 - t * sigma + beta)),
        equation=f"p(\\sigma) = \\det(\\sigma I - R) = {tex(p)} = "
        f"{tex(sigma**2 - t_ * sigma + beta)}, \\qquad t = {tex(t)}",
    )
    proof.step(
        "Solve $p(\\sigma) = 0$ by the quadratic formula; the two roots differ in the sign "
        "of the square root.",
        equation=f"\\sigma_1 &= {tex(s1)}, \\\\ \\sigma_2 &= {tex(s2)}",
    )
    proof.require(
        "Substitute each root back into $p$: both residues reduce to zero.",
        is_zero(p.subs(sigma, s1)) and is_zero(p.subs(sigma, s2)),
        equation=f"p(\\sigma_1) = {tex(reduced(p.subs(sigma, s1)))}, \\qquad "
        f"p(\\sigma_2) = {tex(reduced(p.subs(sigma, s2)))}",
    )
    proof.require(
        "Hence the roots satisfy Vieta's relations, their sum is the trace and their product "
        "is $\\beta$: $\\sigma_{1,2}$ are the eigenvalues of $R$, which is the statement.",
        is_zero(s1 + s2 - t) and is_zero(s1 * s2 - beta),
        equation=f"\\sigma_1 + \\sigma_2 - t = {tex(reduced(s1 + s2 - t))}, \\qquad "
        f"\\sigma_1 \\sigma_2 - \\beta = {tex(reduced(s1 * s2 - beta))}",
    )
    return proof


@claim(
    "HB-DISCRIMINANT",
    uses=("HB-R",),
    title="Real, complex and repeated eigenvalues; |σ| = √β when complex",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="we have two coupled series, which may have real or complex values.",
    statement=r"$d = (1+\beta-\alpha\lambda)^2 - 4\beta = "
    r"\big((1-\sqrt\beta)^2-\alpha\lambda\big)\big((1+\sqrt\beta)^2-\alpha\lambda\big)$; "
    r"the eigenvalues are complex with $|\sigma_1|=|\sigma_2|=\sqrt\beta$ for "
    r"$(1-\sqrt\beta)^2 < \alpha\lambda < (1+\sqrt\beta)^2$, repeated on the two boundary curves "
    r"and real outside",
)
def prove_discriminant() -> Proof:
    """Prove when R's eigenvalues are real, repeated or complex, and that complex ones have |σ| = √β."""
    d = discriminant()
    proof = Proof(True).step(
        "Take the discriminant of the characteristic polynomial $\\sigma^2 - t\\sigma + \\beta$ "
        "of $R$, $d = t^2 - 4\\beta$ with $t = 1 + \\beta - \\alpha\\lambda$.",
        equation=f"d = {tex(d)}",
    )
    factored = ((1 - r) ** 2 - u**2) * ((1 + r) ** 2 - u**2)
    proof.require(
        "Write $\\beta = r^2$ and $\\alpha\\lambda = u^2$ with $r, u > 0$; the expansion of "
        "the product below is $d$ term by term, a polynomial identity.",
        is_zero(_in_squares(d) - sp.expand(factored)),
        equation=f"d = {tex(factored)}",
    )
    proof.step(
        "The second factor is the larger one, and $d$ has the sign of the product: it is "
        "negative exactly when $u^2$ lies strictly between $(1 - r)^2$ and $(1 + r)^2$, zero "
        "on either end (a double root) and positive outside (two real roots)."
    )
    # Complex case: d = −g², σ = (t ± i g)/2, σσ̄ = (t² + g²)/4 = (t² − d)/4 = β.
    g, t = sp.symbols("g t", positive=True)
    s_plus = (t + sp.I * g) / 2
    modulus_sq = sp.expand(s_plus * sp.conjugate(s_plus))
    proof.require(
        "In the complex case write $d = -g^2$, so $\\sigma = (t \\pm ig)/2$; multiply a root "
        "by its conjugate.",
        is_zero(modulus_sq - (t**2 + g**2) / 4),
        equation=f"\\sigma \\bar\\sigma = {tex(modulus_sq)} = \\frac{{t^2 - d}}{{4}}",
    )
    proof.require(
        "Hence, as $t^2 - d = 4\\beta$, both complex eigenvalues have modulus $\\sqrt\\beta$, "
        "which is the statement.",
        is_zero((trace() ** 2 - d) / 4 - beta),
        equation=f"\\frac{{t^2 - d}}{{4}} - \\beta = {tex(reduced((trace() ** 2 - d) / 4 - beta))}"
        " \\quad\\Longrightarrow\\quad |\\sigma_1| = |\\sigma_2| = \\sqrt\\beta",
    )
    return proof


@claim(
    "HB-RATE",
    uses=("HB-R", "HB-DISCRIMINANT"),
    title="Spectral radius of R as a branch-free real expression",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="The convergence rate is therefore the slowest of the two rates, "
    "max{∣σ1∣,∣σ2∣}\\max\\{|\\sigma_{1}|,|\\sigma_{2}|\\}max{∣σ1∣,∣σ2∣}",
    statement=r"$\max(|\sigma_1|,|\sigma_2|) = \max\big(\sqrt\beta,\ \tfrac12(|t| + "
    r"\sqrt{\max(d,0)})\big)$ with $t = 1+\beta-\alpha\lambda$",
)
def prove_spectral_radius() -> Proof:
    """Prove that a branch-free real expression equals the spectral radius of R."""
    t = trace()
    d = discriminant()
    proof = Proof(True)
    # Real side: d = s² with s ≥ 0; σ = (t ± s)/2.  With T = |t| ≥ 0 the larger
    # modulus is (T + s)/2 because (T + s)² − (T − s)² = 4Ts ≥ 0.
    T, S = sp.symbols("T S", nonnegative=True)
    gap = sp.expand((T + S) ** 2 - (T - S) ** 2)
    proof.require(
        "On the real side write $d = S^2$ with $S \\ge 0$ and $T = |t|$, so the roots are "
        "$(t \\pm S)/2$; the difference of the squared moduli is $4TS \\ge 0$, so the larger "
        "modulus is $(T + S)/2$.",
        is_zero(gap - 4 * T * S) and bool((4 * T * S).is_nonnegative),
        equation=f"(T + S)^2 - (T - S)^2 = {tex(gap)} \\ge 0",
    )
    real_gap = sp.expand(((T + S) / 2) ** 2 - beta).subs(beta, (T**2 - S**2) / 4)
    proof.require(
        "It is also at least $\\sqrt\\beta$: substitute $\\beta = (T^2 - S^2)/4$, which is "
        "$T^2 - 4\\beta = d = S^2$.",
        is_zero(real_gap - (2 * S**2 + 2 * T * S) / 4),
        equation=f"\\Big(\\frac{{T + S}}{{2}}\\Big)^2 - \\beta = {tex(sp.factor(real_gap))} \\ge 0",
    )
    proof.require(
        "On the complex side both moduli are $\\sqrt\\beta$ (claim HB-DISCRIMINANT), and "
        "$|t|/2 < \\sqrt\\beta$ there because $t^2 - 4\\beta$ is $d < 0$.",
        is_zero(sp.expand(t**2 - 4 * beta - d)),
        equation=f"t^2 - 4\\beta - d = {tex(reduced(t**2 - 4 * beta - d))}",
    )
    pieces = spectral_pieces()
    kernel_q = pieces["q"]
    proof.require(
        "The kernel computes $q$ in a factored form; in $r = \\sqrt\\beta$, "
        "$u = \\sqrt{\\alpha\\lambda}$ it is $d/4$, a polynomial identity.",
        is_zero(
            sp.cancel(
                _in_squares(kernel_q).subs({sp.sqrt(r**2): r, sp.sqrt(u**2): u})
                - _in_squares(d) / 4
            )
        ),
        equation=f"q = {tex(kernel_q)} = \\frac{{d}}{{4}}",
    )
    proof.require(
        "The kernel's $m$ is half the trace.",
        is_zero(pieces["m"] - t / 2),
        equation=f"m = {tex(pieces['m'])} = \\frac{{t}}{{2}}",
    )
    proof.step(
        "Hence the spectral radius is the larger of $\\sqrt\\beta$ (complex side) and "
        "$|m| + \\sqrt{q}$ (real side), one expression on the whole domain, which is the "
        "statement.",
        equation=f"\\rho = {tex(pieces['rho'])}",
    )
    return proof


@claim(
    "HB-STABILITY",
    uses=("HB-R",),
    title="Stability region 0 < αλ < 2 + 2β for 0 ≤ β < 1",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="The range of available step-sizes work out 5 to be "
    "0<αλi<2+2βfor0≤β<10<\\alpha\\lambda_{i}<2+2\\beta \\qquad \\text{for} \\qquad 0 \\leq \\beta < 1",
    display=r"The range of available step-sizes work out 5 to be $0<\alpha\lambda_{i}<2+2\beta "
    r"\qquad \text{for} \qquad 0 \leq \beta < 1$",
    statement=r"For $0 \le \beta < 1$: $\max(|\sigma_1|,|\sigma_2|) < 1 \iff 0 < \alpha\lambda < 2+2\beta$",
    markers={"work out 5": 5},
)
def prove_stability_region() -> Proof:
    """Prove that heavy ball converges exactly when 0 < αλ < 2 + 2β, for 0 ≤ β < 1."""
    t = trace()
    T, S = sp.symbols("T S", nonnegative=True)
    v = sp.Symbol("v", positive=True)  # v = αλ
    proof = Proof(True)
    vname = {v: r"\alpha\lambda"}
    proof.step(
        "On the complex side both eigenvalues have modulus $\\sqrt\\beta$, so the rate "
        "$\\rho = \\sqrt\\beta$ is below 1 for every $\\beta < 1$."
    )
    inside = sp.expand((2 + 2 * r**2) - (1 + r) ** 2 - (1 - r) ** 2)
    proof.require(
        "The complex side, $\\alpha\\lambda < (1 + \\sqrt\\beta)^2$, lies inside the claimed "
        "interval: with $r = \\sqrt\\beta$ the gap to its right end is a square.",
        is_zero(inside),
        equation=f"(2 + 2\\beta) - (1 + \\sqrt\\beta)^2 - (1 - \\sqrt\\beta)^2 = {tex(inside)}",
    )
    # Real side: ρ = (T + S)/2 < 1 ⟺ T < 2 and S² < (2 − T)²; with S² = T² − 4β
    # the second is (2 − T)² − S² = 4(1 + β − T) > 0.
    real = sp.expand((2 - T) ** 2 - (T**2 - 4 * beta))
    proof.require(
        "On the real side $\\rho = (T + S)/2$ with $T = |t|$, $S^2 = T^2 - 4\\beta$; then "
        "$\\rho < 1$ exactly when $(2 - T)^2 > S^2$, that is when $|t| < 1 + \\beta$.",
        is_zero(real - 4 * (1 + beta - T)),
        equation=f"(2 - T)^2 - (T^2 - 4\\beta) = {tex(real)} = {tex(sp.factor(real))}",
    )
    upper = sp.solve(sp.Eq(t.subs(alpha * lam, v).subs(alpha, v / lam), -(1 + beta)), v)
    lower = sp.solve(sp.Eq(t.subs(alpha, v / lam), 1 + beta), v)
    proof.require(
        "Solve for the ends of that interval in $\\alpha\\lambda$: $t = -(1 + \\beta)$ has the "
        "one root below, and $t = 1 + \\beta$ has no positive root (it would be "
        "$\\alpha\\lambda = 0$).",
        upper == [2 + 2 * beta] and lower == [],
        equation=f"t = -(1 + \\beta) \\iff {tex(sp.Eq(v, upper[0]), vname)}, \\qquad "
        f"\\{{\\alpha\\lambda > 0 : t = 1 + \\beta\\}} = {tex(sp.FiniteSet(*lower))}",
    )
    proof.step(
        "Hence, as $t$ decreases in $\\alpha\\lambda$, $|t| < 1 + \\beta$ exactly on the "
        "interval below; it contains the complex side, so it is the whole stability region, "
        "which is the statement.",
        equation=f"\\rho < 1 \\iff 0 < \\alpha\\lambda < {tex(upper[0])}",
    )
    return proof


@functools.cache
def critical_beta() -> sp.Expr:
    """β that makes the eigenvalues repeated, chosen as the root below 1 for αλ < 1.

    At αλ = 1/4: β* = (1 − 1/2)² = 1/4.

    >>> print(critical_beta().subs({alpha: sp.Rational(1, 4), lam: 1}))
    1/4
    """
    roots = sp.solve(discriminant(), beta)
    # Pick by property, not position: at αλ = 1/4 the wanted root is 1/4.
    probe = {alpha: sp.Rational(1, 4) / lam}
    chosen = [root for root in roots if sp.simplify(root.subs(probe)) < 1]
    if len(chosen) != 1:
        raise RuntimeError(f"could not choose the critical root among {roots}")
    return chosen[0]


@claim(
    "HB-CRITICAL",
    title="Critical damping β = (1 − √(αλ))² and its rate |1 − √(αλ)|",
    seed=_DISTILL,
    section="The Critical Damping Coefficient",
    quote="The critical value of β=(1−αλi)2\\beta = (1 - \\sqrt{\\alpha \\lambda_i})^2β=(1−√αλi)2 "
    "gives us a convergence rate (in eigenspace iii) of 1−αλi.1 - "
    "\\sqrt{\\alpha\\lambda_i}.1−√αλi.",
    display=r"The critical value of $\beta = (1 - \sqrt{\alpha \lambda_i})^2$ gives us a "
    r"convergence rate (in eigenspace $i$) of $1 - \sqrt{\alpha\lambda_i}$.",
    statement=r"$\beta^\ast = (1-\sqrt{\alpha\lambda})^2$ gives a double eigenvalue and rate "
    r"$|1-\sqrt{\alpha\lambda}|$, which is the printed $1-\sqrt{\alpha\lambda}$ for $\alpha\lambda \le 1$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"\beta=(1-\sqrt{\alpha\lambda_i})^2\ \Rightarrow\ \text{rate }1-\sqrt{\alpha\lambda_i}",
    corrected=r"\beta=(1-\sqrt{\alpha\lambda_i})^2\ \Rightarrow\ \text{double root }"
    r"\sigma=1-\sqrt{\alpha\lambda_i},\ \rho=|1-\sqrt{\alpha\lambda_i}|",
)
def prove_critical_damping() -> Proof:
    """Prove that β = (1 − √(αλ))² gives a double root and the rate |1 − √(αλ)|, not 1 − √(αλ)."""
    b_star = critical_beta()
    proof = Proof(True).step(
        "Solve $d = 0$ for $\\beta$ and keep the root that lies below 1 when "
        "$\\alpha\\lambda < 1$.",
        equation=f"\\beta^\\ast = {tex(b_star)}",
    )
    proof.require(
        "With $u = \\sqrt{\\alpha\\lambda}$ it is the printed square, a polynomial identity "
        "in $u$.",
        is_zero(_in_squares(b_star) - sp.expand((1 - u) ** 2)),
        equation=f"\\beta^\\ast = {tex(sp.expand(_in_squares(b_star)))} = {tex((1 - u) ** 2)}",
    )
    d_at = sp.expand(discriminant().subs(beta, (1 - u) ** 2).subs(alpha, u**2 / lam))
    s1 = sp.expand(eigenvalues()[0].subs(beta, (1 - u) ** 2).subs(alpha, u**2 / lam))
    proof.require(
        "At $\\beta = \\beta^\\ast$ the discriminant vanishes, so the two eigenvalues "
        "coincide; the double eigenvalue is half the trace.",
        is_zero(d_at) and is_zero(s1 - (1 - u)),
        equation=f"d\\big|_{{\\beta^\\ast}} = {tex(d_at)}, \\qquad "
        f"\\sigma_1 = \\sigma_2 = {tex(s1)}",
    )
    rho = spectral_radius().subs(beta, (1 - u) ** 2).subs(alpha, u**2 / lam)
    proof.require(
        "Hence the rate is the modulus of the double root, checked on $u < 1$, $u > 1$ and "
        "$u = 1$ ($0 < u < 2$ keeps $\\beta^\\ast < 1$); this is the printed "
        "$1 - \\sqrt{\\alpha\\lambda}$ only for $\\alpha\\lambda \\le 1$.",
        holds_on_cases(rho - sp.Abs(1 - u), u, _BOTH_SIDES_OF_ONE),
        equation=f"\\rho\\big|_{{\\beta^\\ast}} = {tex(sp.Abs(1 - u))}, \\qquad "
        "u = \\sqrt{\\alpha\\lambda}",
    )
    # The text calls the signed per-step factor a rate ("a compounding rate of 1 − αλᵢ"
    # for gradient descent); in that sense the printed 1 − √(αλ) is the double root itself.
    proof.printed_holds = is_zero(s1 - (1 - u))
    proof.note = (
        "Verified as printed, with the difference shown: in the text's own usage a 'rate' "
        "such as gradient descent's 'compounding rate of 1 − αλᵢ' is the signed factor per "
        "step, and the double root is exactly 1 − √(αλ).  As a spectral radius it is "
        "|1 − √(αλ)|, which differs from the printed form for 1 < αλ < 4, where β* is "
        "still a valid momentum."
    )
    return proof


@claim(
    "GD-RATE",
    title="Gradient descent's rate |1 − αλ| as heavy ball with β = 0",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="We recover the previous result for gradient descent when β=0\\beta = 0β=0.",
    statement=r"At $\beta = 0$ the heavy-ball rate is $|1-\alpha\lambda|$ and the region is "
    r"$0 < \alpha\lambda < 2$",
)
def prove_gradient_descent_rate() -> Proof:
    """Prove that heavy ball at β = 0 has gradient descent's rate |1 − αλ| and region 0 < αλ < 2."""
    rho0 = sp.simplify(spectral_radius().subs(beta, 0).subs(alpha, u**2 / lam))
    proof = Proof(True).step(
        "Set $\\beta = 0$ in heavy ball's spectral radius and write $\\alpha\\lambda = u^2$.",
        equation=f"\\rho(\\alpha, 0, \\lambda) = {tex(rho0)}",
    )
    proof.require(
        "It equals $|1 - \\alpha\\lambda|$ on each of the cases $u < 1$, $u > 1$ and $u = 1$.",
        holds_on_cases(rho0 - sp.Abs(1 - u**2), u, _BOTH_SIDES_OF_ONE),
        equation=f"\\rho(\\alpha, 0, \\lambda) = {tex(sp.Abs(1 - alpha * lam))}",
    )
    proof.require(
        "Hence gradient descent's rate is $|1 - \\alpha\\lambda|$, and the stability bound "
        "$2 + 2\\beta$ becomes 2, which is the statement.",
        (2 + 2 * beta).subs(beta, 0) == 2,
        equation=f"(2 + 2\\beta)\\big|_{{\\beta = 0}} = {tex((2 + 2 * beta).subs(beta, 0))}",
    )
    return proof


__all__ = [
    "characteristic_polynomial",
    "critical_beta",
    "differs_at",
    "discriminant",
    "eigenvalues",
    "iteration_matrix",
    "spectral_pieces",
    "spectral_radius",
    "trace",
]


@functools.cache
def power_coefficients() -> tuple[sp.Function, sp.Expr]:
    """D_k and its recurrence D_{k+1} = t D_k − β D_{k−1}, D_0 = 0, D_1 = 1.

    >>> D, t = power_coefficients()
    >>> print(t.subs({alpha: 1, beta: 0, lam: 1}))
    0
    """
    D = sp.Function("D")
    return D, trace()


@claim(
    "HB-POWER",
    title="Rᵏ by Cayley–Hamilton, in a form continuous through the double root",
    seed=_DISTILL,
    section=_DYNAMICS,
    quote="But for the 2×22 \\times 22×2 case there is an elegant and little known formula [9] "
    "in terms of the eigenvalues of RRR,",
    statement=r"$R^k = D_k R - \beta D_{k-1} I$ with $D_k = (\sigma_1^k-\sigma_2^k)/(\sigma_1-\sigma_2)$ "
    r"($k\sigma^{k-1}$ on the double root); $D_k = r^{k-1}\sin k\theta/\sin\theta$ for complex "
    r"$\sigma = re^{\pm i\theta}$ and $D_k = \sigma_1^{k-1}(1-x^k)/(1-x)$, $x = \sigma_2/\sigma_1$, for real",
)
def prove_power() -> Proof:
    """Prove the Cayley–Hamilton form Rᵏ = D_k R − βD_{k−1}I, continuous through the double root."""
    R = iteration_matrix()
    t = trace()
    eye = sp.eye(2)
    proof = Proof(True)
    ch = (R * R - (t * R - beta * eye)).applyfunc(reduced)
    proof.require(
        "By Cayley–Hamilton $R$ satisfies its characteristic polynomial "
        "$\\sigma^2 - t\\sigma + \\beta$, checked entry by entry.",
        is_zero_matrix(R * R - (t * R - beta * eye)),
        equation=f"R^2 - (tR - \\beta I) = {tex(ch)}",
    )
    # Induction on k with D_k, D_{k-1} as free symbols.
    dk, dkm1 = sp.symbols("D_k D_km1")
    hypothesis = dk * R - beta * dkm1 * eye
    step = R * hypothesis
    dk1 = t * dk - beta * dkm1
    dnames = {dk: "D_k", dkm1: "D_{k-1}"}
    base = (hypothesis.subs({dk: 1, dkm1: 0}) - R).applyfunc(reduced)
    induct = (step - (dk1 * R - beta * dk * eye)).applyfunc(reduced)
    proof.require(
        "Induction on $k$ for $R^k = D_k R - \\beta D_{k-1} I$: it holds at $k = 1$ with "
        "$D_0 = 0$, $D_1 = 1$, and multiplying it by $R$ (using $R^2 = tR - \\beta I$) gives "
        "the same form at $k + 1$ with $D_{k+1} = t D_k - \\beta D_{k-1}$.",
        is_zero_matrix(hypothesis.subs({dk: 1, dkm1: 0}) - R)
        and is_zero_matrix(step - (dk1 * R - beta * dk * eye)),
        equation=f"D_1 R - \\beta D_0 I - R = {tex(base)}, \\qquad "
        f"R(D_k R - \\beta D_{{k-1}} I) - (D_{{k+1}} R - \\beta D_k I) = {tex(induct, dnames)}",
    )
    # The closed form of D_k satisfies that recurrence (symbolic k).
    s1, s2 = sp.symbols("sigma_1 sigma_2", positive=True)
    kk = sp.Symbol("k", integer=True, positive=True)

    def closed(j):
        return (s1**j - s2**j) / (s1 - s2)

    residual = closed(kk + 1) - (s1 + s2) * closed(kk) + s1 * s2 * closed(kk - 1)
    proof.require(
        "The closed form $D_k = (\\sigma_1^k - \\sigma_2^k)/(\\sigma_1 - \\sigma_2)$ solves "
        "that recurrence (as $t = \\sigma_1 + \\sigma_2$, $\\beta = \\sigma_1\\sigma_2$) and "
        "its start values.",
        is_zero(sp.expand(sp.powsimp(sp.expand(residual * (s1 - s2)))))
        and closed(0) == 0
        and is_zero(closed(1) - 1),
        equation=f"D_{{k+1}} - tD_k + \\beta D_{{k-1}} = "
        f"{tex(reduced(sp.powsimp(sp.expand(residual * (s1 - s2)))))}, \\qquad "
        f"D_0 = {tex(closed(0))}, \\quad D_1 = {tex(sp.cancel(closed(1)))}",
    )
    # Real form: σ₂ = xσ₁.
    x = sp.Symbol("x", positive=True)
    real_form = s1 ** (kk - 1) * (1 - x**kk) / (1 - x)
    proof.require(
        "For real eigenvalues put $\\sigma_2 = x\\sigma_1$: the power of $\\sigma_1$ factors out.",
        is_zero(
            sp.powsimp(sp.expand_power_base(closed(kk).subs(s2, x * s1), force=True) - real_form)
        ),
        equation=f"D_k = {tex(real_form)}, \\qquad x = \\sigma_2/\\sigma_1",
    )
    j = sp.Symbol("j", integer=True, nonnegative=True)
    geometric = sp.summation(x**j, (j, 0, kk - 1))
    at_one = sp.summation(sp.Integer(1) ** j, (j, 0, kk - 1))
    generic = [expr for expr, cond in geometric.args if cond == sp.true]
    proof.require(
        "The quotient is a geometric sum, which is $k$ at $x = 1$: on the double root "
        "$D_k = k\\sigma^{k-1}$, and the real form is continuous through it.",
        at_one == kk and len(generic) == 1 and is_zero(generic[0] - (1 - x**kk) / (1 - x)),
        equation=f"\\sum_{{j=0}}^{{k-1}} x^j = {tex(geometric)}",
    )
    # Complex form: σ = r e^{±iθ}.
    rr, th = sp.symbols("r theta", positive=True)
    c1, c2 = rr * sp.exp(sp.I * th), rr * sp.exp(-sp.I * th)
    complex_form = rr ** (kk - 1) * sp.sin(kk * th) / sp.sin(th)
    diff = ((c1**kk - c2**kk) / (c1 - c2) - complex_form).rewrite(sp.exp)
    proof.require(
        "For complex eigenvalues $re^{\\pm i\\theta}$ the closed form becomes a ratio of sines.",
        is_zero(sp.simplify(sp.powsimp(sp.expand(diff, power_base=True, force=True)))),
        equation=f"D_k = {tex(complex_form)}",
    )
    # Reflection: flipping the signs of both eigenvalues multiplies D_k by (−1)^{k−1}.
    flipped = sp.expand_power_base(
        closed(kk).subs({s1: -s1, s2: -s2}, simultaneous=True), force=True
    )
    sig = {s1: r"\sigma_1", s2: r"\sigma_2"}
    proof.require(
        "Flipping the signs of both eigenvalues multiplies $D_k$ by $(-1)^{k-1}$, so the "
        "kernel may work with $|m|$ and a sign.",
        is_zero(sp.simplify(flipped - (-1) ** (kk - 1) * closed(kk))),
        equation=f"D_k(-\\sigma_1, -\\sigma_2) = {tex(flipped, sig)} = "
        f"{tex((-1) ** (kk - 1) * sp.Symbol('D_k'))}",
    )
    # The kernel's pieces: with h = √q on the real side, σ₁,₂ = ±(|m| ± h).
    pieces = spectral_pieces()
    m_abs, h_ = sp.symbols("M h", nonnegative=True)
    proof.require(
        "Hence, on the real side with $h = \\sqrt q$, the roots are $\\pm(|m| \\pm h)$ and "
        "their product is $m^2 - q = \\beta$: so $x = (|m| - h)/(|m| + h)$ and "
        "$1 - x = 2h/(|m| + h)$, the pieces the kernel of $R^k$ evaluates.",
        is_zero(sp.expand((m_abs - h_) * (m_abs + h_)) - (m_abs**2 - h_**2))
        and is_zero(_in_squares(pieces["m"] ** 2 - beta) - _in_squares(discriminant()) / 4),
        equation=f"(|m| - h)(|m| + h) = {tex(sp.expand((m_abs - h_) * (m_abs + h_)), {m_abs: '|m|'})}"
        f", \\qquad m^2 - \\beta - \\frac{{d}}{{4}} = "
        f"{tex(reduced(_in_squares(pieces['m'] ** 2 - beta) - _in_squares(discriminant()) / 4))}",
    )
    return proof


# The floor only matters at ρ = 0 (β = 0, αλ = 1), where h = 0 as well.
_FLOOR = sp.Float(1e-300)


def kernels() -> list[Kernel]:
    """The heavy-ball and gradient-descent kernels printed for :mod:`numeric`.

    >>> print([k.name for k in kernels()])
    ['heavy_ball_rate', 'gradient_descent_rate', 'heavy_ball_spectrum']
    """
    pieces = spectral_pieces()
    rate = pieces["rho"]
    m_abs = sp.Abs(pieces["m"])
    return [
        Kernel(
            "heavy_ball_rate",
            "Spectral radius of the heavy-ball matrix R.",
            (alpha, beta, lam),
            (("rho", rate),),
            "HB-RATE",
        ),
        Kernel(
            "gradient_descent_rate",
            "Spectral radius |1 - alpha*lam| of gradient descent.",
            (alpha, lam),
            (("rho", sp.Abs(1 - alpha * lam)),),
            "GD-RATE",
        ),
        Kernel(
            "heavy_ball_spectrum",
            "rho, theta, 1 - sigma2/sigma1 and sign(sigma1) of R (real-valued, branch-free).",
            (alpha, beta, lam),
            (
                ("rho", rate),
                ("theta", pieces["theta"]),
                # 1 − x lies in [0, 1]; the Min keeps rounding (h a hair above
                # |m| at β = 0) inside that range.
                ("one_minus_x", sp.Min(2 * pieces["h"] / sp.Max(m_abs + pieces["h"], _FLOOR), 1)),
                ("sign", unit_sign(pieces["m"])),
            ),
            "HB-POWER",
        ),
    ]
