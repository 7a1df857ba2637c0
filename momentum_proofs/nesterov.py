"""Nesterov momentum (NAG): its two forms, its iteration matrix, stability and tuning.

Sources: the lecture slides "Optimization" (``seeds/002_bee5153b5cb4bea1.txt``,
"Nesterov Momentum": the look-ahead update of Sutskever et al., ICML 2013) and the
blog post (``seeds/000_5a449e681689af02.txt``, "Nesterov Momentum", which names the
Sutskever and Bengio formulations and refers to J. Melville, "Nesterov Accelerated
Gradient and Momentum", 2016).  The optimal tuning on quadratics is from
L. Lessard, B. Recht, A. Packard, "Analysis and design of optimization algorithms
via integral quadratic constraints", SIAM J. Optim. 26(1), 2016.

The forms (DESIGN.md fixes the names; both start at w⁰ with v⁰ = 0):

- **Sutskever** (look-ahead): v⁺ = βv − α∇f(θ + βv), θ⁺ = θ + v⁺; it returns θᵏ.
- **Bengio**: the change of variables Θ = θ + βv (the point where the next
  gradient is taken) turns it into v⁺ = βv − α∇f(Θ), Θ⁺ = Θ + v⁺ + β(v⁺ − v);
  it returns Θᵏ.  Conversely θ = Θ − βv.  Both sequences have the same limit.

The map onto PyTorch (``torch.optim.SGD`` with ``dampening=0``,
``weight_decay=0``, a constant learning rate; claim ``NAG-TORCH``):

- ``SGD(params, lr=α, momentum=β, nesterov=True)`` keeps a buffer
  b⁺ = βb + ∇f(p) and steps p⁺ = p − α(∇f(p) + βb⁺).  Its parameters p are the
  Bengio iterates Θᵏ and its buffer is b = −v/α.  The first step sets b = ∇f(p),
  which is the same as starting from b = 0, i.e. v⁰ = 0.
- ``SGD(params, lr=α, momentum=β)`` (``nesterov=False``) is the heavy ball of
  Goh (2017) verbatim: buffer = z, lr = α, momentum = β, parameters = w.  The
  slides' heavy ball v⁺ = βv − α∇L(θ), θ⁺ = θ + v⁺ is the same with v = −αz.
- With ``dampening=d ≠ 0`` torch still sets b = ∇f(p) on the first step (not
  (1 − d)∇f(p)), so the map above does not hold; the fixture uses d = 0.

On one eigencomponent of a quadratic (eigenvalue λ, error x = θ − θ*, velocity
v) the update is linear with matrix

    N = [[β(1 − αλ), −αλ], [β(1 − αλ), 1 − αλ]],

characteristic polynomial σ² − (1 + β)(1 − αλ)σ + β(1 − αλ); the rate is its
spectral radius and the iteration converges iff 0 < αλ < (2 + 2β)/(1 + 2β),
a region 1 + 2β times smaller than heavy ball's 0 < αλ < 2 + 2β.

On λ ∈ [μ, L] (κ = L/μ) the worst case of any (α, β) is max(ρ(μ), ρ(L)) (the rate
is quasi-convex in c = 1 − αλ); α = 4/(3L + μ), β = (√(3κ + 1) − 2)/(√(3κ + 1) + 2)
makes both ends equal to 1 − 2/√(3κ + 1), with a double root at μ, and no other
(α, β) does better (claim ``NAG-OPTIMAL``, proven here in full).  The common
choice α = 1/L, β = (√κ − 1)/(√κ + 1) gives 1 − 1/√κ: 2/√3 ≈ 1.155 times as many
iterations as κ → ∞; heavy ball's optimum needs √3 times fewer than either.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._kernel import Kernel, tuning_kernel
from ._registry import Citation, claim
from .proof import Proof, is_zero
from .symbols import L, alpha, beta, lam, mu, s, sigma, u

# The method as data, in Sutskever's look-ahead form v⁺ = βv − α∇f(θ + βv), θ⁺ = θ + v⁺
# (read by momentum_proofs.methods).
SPEC = {
    "parameters": ["alpha", "beta"],
    "state": ["v", "theta"],
    "iterate": "theta",
    "update": {"v": "beta*v - alpha*grad(theta + beta*v)", "theta": "theta + v_next"},
}


_y, _x, _w, _v, _b = sp.symbols("y x w v b", real=True)
_g = sp.Function("g")  # an arbitrary gradient map

#: w = √(3κ + 1), the variable that makes the optimal tuning rational.
w = sp.Symbol("w", positive=True)
_e = sp.Symbol("e", positive=True)


def _factor_radicands(expr: sp.Expr) -> sp.Expr:
    """Factor every square root's radicand, so √((e + 2)²) collapses to e + 2."""
    return expr.replace(
        lambda x: x.is_Pow and x.exp == sp.S.Half, lambda x: sp.sqrt(sp.factor(x.base))
    )


def _is_zero_matrix(m: sp.Matrix) -> bool:
    return all(is_zero(entry) for entry in m)


# --- the two forms and torch ----------------------------------------------------


def sutskever_step(theta: sp.Expr, v: sp.Expr, grad=_g) -> tuple[sp.Expr, sp.Expr]:
    """One look-ahead step: (θ, v) ↦ (θ + v⁺, v⁺) with v⁺ = βv − α∇f(θ + βv).

    With ∇f(x) = x: v⁺ = βv − α(θ + βv) and θ⁺ = θ + v⁺.

    >>> th, v = sp.symbols("theta v")
    >>> new_theta, new_v = sutskever_step(th, v, grad=lambda x: x)
    >>> print(sp.expand(new_v - (beta * v - alpha * (th + beta * v))), sp.expand(new_theta - th - new_v))
    0 0
    """
    v_next = beta * v - alpha * grad(theta + beta * v)
    return theta + v_next, v_next


def bengio_step(big_theta: sp.Expr, v: sp.Expr, grad=_g) -> tuple[sp.Expr, sp.Expr]:
    """One Bengio step: (Θ, v) ↦ (Θ + v⁺ + β(v⁺ − v), v⁺) with v⁺ = βv − α∇f(Θ).

    With ∇f(x) = x: v⁺ = βv − αΘ and Θ⁺ = Θ + v⁺ + β(v⁺ − v).

    >>> big, v = sp.symbols("Theta v")
    >>> new_big, new_v = bengio_step(big, v, grad=lambda x: x)
    >>> print(sp.expand(new_v - (beta * v - alpha * big)))
    0
    """
    v_next = beta * v - alpha * grad(big_theta)
    return big_theta + v_next + beta * (v_next - v), v_next


def torch_step(p: sp.Expr, buf: sp.Expr, nesterov: bool, grad=_g) -> tuple[sp.Expr, sp.Expr]:
    """``torch.optim.SGD`` (lr=α, momentum=β, dampening=0) on one parameter.

    With ∇f(p) = p and nesterov=True: buffer⁺ = βbuf + p, p⁺ = p − α(p + β·buffer⁺).

    >>> p, buf = sp.symbols("p buf")
    >>> new_p, new_buf = torch_step(p, buf, True, grad=lambda x: x)
    >>> print(sp.expand(new_buf - (beta * buf + p)), sp.expand(new_p - (p - alpha * (p + beta * new_buf))))
    0 0
    """
    g = grad(p)
    buf_next = beta * buf + g
    direction = g + beta * buf_next if nesterov else buf_next
    return p - alpha * direction, buf_next


def optax_step(p: sp.Expr, trace: sp.Expr, nesterov: bool, grad=_g) -> tuple[sp.Expr, sp.Expr]:
    """``optax.sgd(learning_rate=α, momentum=β, nesterov=...)`` on one parameter.

    ``optax.trace`` keeps t⁺ = g + βt and passes on t⁺ (or g + βt⁺ with nesterov);
    ``scale_by_learning_rate`` multiplies by −α, and ``apply_updates`` adds the result.

    >>> p, t = sp.symbols("p t")
    >>> new_p, new_t = optax_step(p, t, False, grad=lambda x: x)
    >>> print(sp.expand(new_t - (p + beta * t)), sp.expand(new_p - (p - alpha * new_t)))
    0 0
    """
    g = grad(p)
    trace_next = g + beta * trace
    update = g + beta * trace_next if nesterov else trace_next
    return p + (-alpha) * update, trace_next


_LECTURE = "lecture"
_BLOG = "blog"
_NAG = "Nesterov Momentum"


@claim(
    "NAG-FORMS",
    title="The Sutskever (look-ahead) and Bengio forms are one method under Θ = θ + βv",
    seed=_BLOG,
    section=_NAG,
    quote="The Bengio formulation of Nesterov momentum starts from the Sutskever definition "
    "and then defines a new variable, Θ, which represents θ after a momentum update.",
    statement=r"With $v^0=0$, $\Theta^0=\theta^0=w^0$: the Bengio recursion "
    r"$v^{k+1}=\beta v^k-\alpha\nabla f(\Theta^k)$, "
    r"$\Theta^{k+1}=\Theta^k+v^{k+1}+\beta(v^{k+1}-v^k)$ "
    r"produces $\Theta^k=\theta^k+\beta v^k$ for every $k$, where $(\theta^k, v^k)$ follow "
    r"$v^{k+1}=\beta v^k-\alpha\nabla f(\theta^k+\beta v^k)$, $\theta^{k+1}=\theta^k+v^{k+1}$",
)
def prove_forms() -> Proof:
    """Induction on k with an arbitrary gradient map g (any dimension: the
    updates combine vectors with scalar coefficients, so the algebra is the same)."""
    theta, v = sp.symbols("theta v", real=True)
    proof = Proof(True)
    proof.step("Base: v⁰ = 0 gives Θ⁰ = θ⁰ + β·0 = θ⁰ = w⁰")
    s_theta, s_v = sutskever_step(theta, v)
    b_theta, b_v = bengio_step(theta + beta * v, v)
    proof.require(
        "step, velocity: with Θᵏ = θᵏ + βvᵏ both forms take the gradient at the same point, "
        "so v⁺ agrees",
        is_zero(s_v - b_v),
        b_v,
    )
    proof.require(
        "step, position: Θ⁺ − (θ⁺ + βv⁺) = 0",
        is_zero(sp.expand(b_theta - (s_theta + beta * s_v))),
        b_theta,
    )
    proof.step(
        "Hence Θᵏ = θᵏ + βvᵏ for all k and conversely θᵏ = Θᵏ − βvᵏ; "
        "form='sutskever' returns θᵏ, form='bengio' returns Θᵏ"
    )
    return proof


@claim(
    "NAG-TORCH",
    title="torch.optim.SGD(lr=α, momentum=β, nesterov=True) iterates the Bengio form",
    seed=_LECTURE,
    section=_NAG,
    quote=r"$$\tilde{\theta}^{k+1} = \theta^k + \beta \cdot v^k$$",
    statement=r"With buffer $b=-v/\alpha$ and parameters $p=\Theta$, torch's "
    r"$b^{+}=\beta b+\nabla f(p)$, $p^{+}=p-\alpha(\nabla f(p)+\beta b^{+})$ is the Bengio "
    r"recursion; with nesterov=False, $p^{+}=p-\alpha b^{+}$ is heavy ball with $z=b$, $w=p$",
)
def prove_torch() -> Proof:
    """Prove that torch.optim.SGD with nesterov=True iterates the Bengio form (and without it, heavy ball)."""
    p, vv, z = sp.symbols("p v z", real=True)
    proof = Proof(True)
    tp, tb = torch_step(p, -vv / alpha, nesterov=True)
    bp, bv = bengio_step(p, vv)
    proof.require("nesterov=True: buffer⁺ = −v⁺/α", is_zero(tb + bv / alpha), tb)
    proof.require("nesterov=True: parameters⁺ = Θ⁺", is_zero(tp - bp), tp)
    proof.require(
        "first step: torch sets buffer = ∇f(p), the same as β·0 + ∇f(p), i.e. v⁰ = 0",
        is_zero(torch_step(p, sp.Integer(0), nesterov=True)[1] - _g(p)),
    )
    hp, hb = torch_step(p, z, nesterov=False)
    z_next = beta * z + _g(p)
    proof.require(
        "nesterov=False: (p⁺, buffer⁺) = (w − αz⁺, z⁺) with z⁺ = βz + ∇f(w): heavy ball, z = buffer",
        is_zero(hb - z_next) and is_zero(hp - (p - alpha * z_next)),
    )
    lect_v = beta * (-alpha * z) - alpha * _g(p)
    proof.require(
        "the slides' heavy ball v⁺ = βv − α∇L(θ), θ⁺ = θ + v⁺ is the same with v = −αz",
        is_zero(lect_v + alpha * hb) and is_zero(p + lect_v - hp),
    )
    return proof


_OPTAX = Citation(
    "optax",
    "DeepMind et al.",
    "Optax: composable gradient transformation and optimisation, in JAX (optax.sgd, optax.trace)",
    "software",
    2020,
    "https://optax.readthedocs.io/en/latest/api/optimizers.html#optax.sgd",
)


@claim(
    "NAG-OPTAX",
    title="optax.sgd(learning_rate=α, momentum=β, nesterov) iterates what torch's SGD does",
    cite=_OPTAX,
    section="optax.sgd = chain(trace(decay=β, nesterov), scale_by_learning_rate(α))",
    statement=r"With trace $t$ equal to torch's buffer $b$: $t^{+}=\nabla f(p)+\beta t$, "
    r"$p^{+}=p-\alpha t^{+}$ (or $p-\alpha(\nabla f(p)+\beta t^{+})$ with nesterov) is "
    r"torch's step, so optax.sgd runs heavy ball (nesterov=False) and the Bengio form of "
    r"Nesterov (nesterov=True) with the same keywords",
)
def prove_optax() -> Proof:
    """Prove that optax.sgd takes the same steps as torch's SGD, with and without nesterov."""
    p, b = sp.symbols("p b", real=True)
    proof = Proof(True)
    for nesterov in (False, True):
        op, ot = optax_step(p, b, nesterov)
        tp, tb = torch_step(p, b, nesterov)
        proof.require(
            f"nesterov={nesterov}: one optax step equals one torch step (arbitrary ∇f)",
            is_zero(op - tp) and is_zero(ot - tb),
            op,
        )
    proof.require(
        "first step: optax's trace starts at 0, so t¹ = ∇f(p⁰), torch's first buffer",
        is_zero(optax_step(p, sp.Integer(0), False)[1] - _g(p)),
    )
    return proof


# --- one eigencomponent ---------------------------------------------------------


@functools.cache
def iteration_matrix() -> sp.Matrix:
    """The 2×2 matrix N with (v, x)ᵏ⁺¹ = N (v, x)ᵏ, derived from the look-ahead update.

    On f(θ) = ½λθ² − bθ (gradient λθ − b) with x = θ − b/λ both updates of the
    Sutskever form are linear in (v, x); N is their Jacobian.

    >>> iteration_matrix()
    Matrix([
    [-beta*(alpha*lam - 1),     -alpha*lam],
    [-beta*(alpha*lam - 1), -alpha*lam + 1]])
    """
    theta_next, v_next = sutskever_step(_w, _v, grad=lambda t: lam * t - _b)
    w_star = _b / lam
    to_state = {_v: _y, _w: _x + w_star}
    y_next = sp.expand(v_next.subs(to_state))
    x_next = sp.expand((theta_next - w_star).subs(to_state))
    matrix, rest = sp.linear_eq_to_matrix([y_next, x_next], [_y, _x])
    assert rest == sp.zeros(2, 1), "the shifted update must be homogeneous"
    return matrix.applyfunc(sp.factor)


@functools.cache
def characteristic_polynomial() -> sp.Expr:
    """det(σI − N) = σ² − (1 + β)(1 − αλ)σ + β(1 − αλ).

    >>> sp.factor(characteristic_polynomial().coeff(sigma, 0))
    -beta*(alpha*lam - 1)
    """
    return sp.expand(iteration_matrix().charpoly(sigma).as_expr())


@functools.cache
def discriminant() -> sp.Expr:
    """d = (1 + β)²(1 − αλ)² − 4β(1 − αλ)."""
    return sp.discriminant(characteristic_polynomial(), sigma)


def _c() -> sp.Expr:
    return 1 - alpha * lam


class one_minus(sp.Function):  # noqa: N801 - a sympy function, named like one
    """1 − x, printed as ``(1.0 - x)`` so the kernel forms it first.

    For β ≥ 1/2 the float 1 − β is exact (Sterbenz), and subtracting (1 + β)√(αλ)
    from it afterwards loses nothing; the printer's own ordering, (−(1 + β)√(αλ) − β) + 1,
    would round at the scale of 1 and lose every digit of a small factor as β → 1.
    """

    nargs = 1

    def _numpycode(self, printer) -> str:
        return f"(1.0 - {printer.doprint(self.args[0])})"

    #: the scalar (``math``) printer of the fused backend uses this hook
    _pythoncode = _numpycode

    def _straight_line(self, lowering, x):
        """One subtraction 1.0 − x in the printed kernels (:mod:`..straight_line`)."""
        return lowering.emit("sub", lowering.constant(1.0), x)


def plain(expr: sp.Expr) -> sp.Expr:
    """``expr`` with each :class:`one_minus` replaced by its definition 1 − x."""
    return expr.replace(one_minus, lambda x: 1 - x)


def _pieces(
    a: sp.Expr, b: sp.Expr, lm: sp.Expr, tidy=lambda x: x, om=one_minus
) -> dict[str, sp.Expr]:
    """The kernel's pieces at (a, b, lm), each passed through ``tidy`` as it is built."""
    c = tidy(1 - a * lm)
    ua = sp.sqrt(tidy(a * lm))
    q = tidy(c * (om(b) - (1 + b) * ua) * (om(b) + (1 + b) * ua) / 4)
    m = tidy((1 + b) * c / 2)
    rho = sp.Max(sp.sqrt(tidy(b * sp.Abs(c))), sp.Abs(m) + sp.sqrt(sp.Max(q, 0)))
    return {"c": c, "m": m, "q": q, "rho": rho}


@functools.cache
def spectral_pieces() -> dict[str, sp.Expr]:
    """Branch-free real pieces of the spectrum of N, as the kernel uses them.

    With c = 1 − αλ and u = √(αλ):

    - ``m = (1 + β)c/2``, half the trace;
    - ``q = d/4 = c·((1 − β) − (1 + β)u)·((1 − β) + (1 + β)u)/4``: factored, so
      it is formed with a relative error (nothing cancels near the double roots
      c = 0 and (1 + β)²c = 4β);
    - ``rho = max(√(β|c|), |m| + √max(q, 0))``.

    ``1 − β`` appears as ``one_minus(β)``, a sympy function that the printers write as
    one subtraction; ``plain`` (in this module) turns it back into 1 − β.

    >>> sorted(spectral_pieces())
    ['c', 'm', 'q', 'rho']
    """
    return _pieces(alpha, beta, lam)


def spectral_radius() -> sp.Expr:
    """The Nesterov rate max|σ| in its branch-free real form."""
    return spectral_pieces()["rho"]


def _tidy(x: sp.Expr) -> sp.Expr:
    return sp.factor(sp.expand(_factor_radicands(sp.factor(x))))


def rate_at(a: sp.Expr, b: sp.Expr, lm: sp.Expr) -> sp.Expr:
    """The kernel's rate expression built at (a, b, lm), factoring as it goes.

    The same construction as :func:`spectral_pieces` with every piece factored
    (and radicands factored), so sympy can settle the signs inside Abs and Max
    for the tuning proofs without expanding a large expression.
    """
    return _pieces(a, b, lm, tidy=_tidy, om=lambda x: 1 - x)["rho"]


@claim(
    "NAG-MATRIX",
    title="Iteration matrix and characteristic polynomial of Nesterov momentum",
    seed=_LECTURE,
    section=_NAG,
    quote=r"$$v^{k+1} = \beta \cdot v^k - \alpha \cdot \nabla_{\theta} L(\tilde{\theta}^{k+1})$$",
    statement=r"$(v^{k+1}, x^{k+1}) = N (v^k, x^k)$, "
    r"$N=\begin{pmatrix}\beta(1-\alpha\lambda) & -\alpha\lambda\\ \beta(1-\alpha\lambda) & "
    r"1-\alpha\lambda\end{pmatrix}$, $\det(\sigma I-N)=\sigma^2-(1+\beta)(1-\alpha\lambda)\sigma"
    r"+\beta(1-\alpha\lambda)$",
)
def prove_matrix() -> Proof:
    """Prove Nesterov momentum's iteration matrix and its characteristic polynomial."""
    N = iteration_matrix()
    c = _c()
    target = sp.Matrix([[beta * c, -alpha * lam], [beta * c, c]])
    p = characteristic_polynomial()
    proof = Proof(True)
    proof.step("Look-ahead update on f(θ) = ½λθ² − bθ, shifted x = θ − b/λ", N)
    proof.require("N = [[βc, −αλ], [βc, c]] with c = 1 − αλ", _is_zero_matrix(N - target))
    proof.require(
        "det(σI − N) = σ² − (1 + β)cσ + βc",
        is_zero(p - (sigma**2 - (1 + beta) * c * sigma + beta * c)),
        p,
    )
    proof.require(
        "d = c((1 + β)²c − 4β) = c((1 − β)² − (1 + β)²αλ)",
        is_zero(discriminant() - c * ((1 - beta) ** 2 - (1 + beta) ** 2 * alpha * lam)),
        sp.factor(discriminant()),
    )
    proof.step(
        "Neither source prints N (the blog's update is an image the extraction lost); N is "
        "derived from the update the slides print, which is the statement checked here."
    )
    return proof


@claim(
    "NAG-RATE",
    uses=("NAG-MATRIX",),
    title="Spectral radius of Nesterov's matrix as a branch-free real expression",
    seed=_LECTURE,
    section=_NAG,
    # The lecture prints the update rule only; the rate of its iteration matrix is derived here.
    quote=r"\tilde{\theta}^{k+1} &= \theta^k + \beta \cdot v^k \\ v^{k+1} &= \beta \cdot v^k "
    r"- \alpha \cdot \nabla_{\theta} L(\tilde{\theta}^{k+1}) \\ \theta^{k+1} &= \theta^k + v^{k+1}",
    statement=r"$\max|\sigma| = \max\big(\sqrt{\beta|c|},\ |m| + \sqrt{\max(q,0)}\big)$ with "
    r"$c=1-\alpha\lambda$, $m=(1+\beta)c/2$, "
    r"$q=\tfrac14 c\,\big((1-\beta)-(1+\beta)\sqrt{\alpha\lambda}\big)"
    r"\big((1-\beta)+(1+\beta)\sqrt{\alpha\lambda}\big)=d/4$",
)
def prove_rate() -> Proof:
    """Prove that the branch-free real expression equals the spectral radius of Nesterov's matrix."""
    c = _c()
    t = (1 + beta) * c
    P = beta * c
    d = discriminant()
    pieces = spectral_pieces()
    T, S = sp.symbols("T S", nonnegative=True)
    proof = Proof(True)
    proof.require(
        "trace t = (1 + β)c = 2m and determinant P = βc (Vieta)",
        is_zero(characteristic_polynomial() - (sigma**2 - t * sigma + P))
        and is_zero(pieces["m"] - t / 2),
    )
    proof.require(
        "kernel's q = d/4 (polynomial identity with αλ = u²)",
        is_zero(
            sp.expand((plain(pieces["q"]) - d / 4).subs(alpha, u**2 / lam).subs(sp.sqrt(u**2), u))
        ),
        pieces["q"],
    )
    proof.require(
        "real side (d = S², T = |t|): roots (t ± S)/2, max modulus (T + S)/2 since "
        "(T + S)² − (T − S)² = 4TS ≥ 0",
        is_zero(sp.expand((T + S) ** 2 - (T - S) ** 2 - 4 * T * S)),
    )
    proof.require(
        "real side, P ≥ 0: ((T + S)/2)² − P = (2S² + 2TS)/4 ≥ 0 with 4P = T² − S²",
        is_zero(sp.expand(((T + S) / 2) ** 2 - (T**2 - S**2) / 4 - (2 * S**2 + 2 * T * S) / 4)),
    )
    proof.require(
        "real side, P < 0: ((T + S)/2)² + P = (2T² + 2TS)/4 ≥ 0 with 4P = T² − S², "
        "so √(β|c|) never exceeds (T + S)/2",
        is_zero(sp.expand(((T + S) / 2) ** 2 + (T**2 - S**2) / 4 - (2 * T**2 + 2 * T * S) / 4)),
    )
    gg, tt = sp.symbols("g t", positive=True)
    s_plus = (tt + sp.I * gg) / 2
    proof.require(
        "complex side (d = −g² < 0): |σ|² = σσ̄ = (t² + g²)/4 = (t² − d)/4 = P = βc",
        is_zero(sp.expand(s_plus * sp.conjugate(s_plus)) - (tt**2 + gg**2) / 4)
        and is_zero(sp.expand((t**2 - d) / 4 - P)),
    )
    proof.require(
        "complex side: d = c((1 + β)²c − 4β) < 0 forces c > 0 (for c ≤ 0 both factors are "
        "≤ 0), so βc = β|c|, and |m|² = βc + d/4 < βc: the max picks √(β|c|)",
        is_zero(sp.expand(pieces["m"] ** 2 - (P + d / 4))),
    )
    proof.step(
        "Hence ρ = max(√(β|c|), |m| + √max(q, 0)) on the whole domain (the kernel forms 1 − β "
        "before subtracting, see one_minus)",
        plain(pieces["rho"]),
    )
    return proof


@functools.cache
def stability_bound() -> sp.Expr:
    """The upper end (2 + 2β)/(1 + 2β) of the stable αλ, solved from p(−1) = 0.

    At β = 1/2 the edge is 3/2 (heavy ball's is 3):

    >>> print(stability_bound().subs(beta, sp.Rational(1, 2)))
    3/2
    """
    v = sp.Symbol("v", positive=True)
    p_minus_one = characteristic_polynomial().subs(sigma, -1).subs(alpha, v / lam)
    roots = sp.solve(p_minus_one, v)
    if len(roots) != 1:
        raise RuntimeError(f"expected one root of p(-1), got {roots}")
    return sp.factor(roots[0])


@claim(
    "NAG-STABILITY",
    uses=("HB-STABILITY", "NAG-MATRIX"),
    title="Stability region 0 < αλ < (2 + 2β)/(1 + 2β), 1 + 2β times smaller than heavy ball's",
    seed=_BLOG,
    section=_NAG,
    quote="Nesterov accelerated gradient (NAG) momentum is a simple change to normal momentum.",
    statement=r"For $0\le\beta<1$: $\rho<1 \iff 0<\alpha\lambda<\frac{2+2\beta}{1+2\beta}$; "
    r"heavy ball's $0<\alpha\lambda<2+2\beta$ is $1+2\beta$ times longer",
)
def prove_stability() -> Proof:
    """Prove Nesterov's stability region 0 < αλ < (2 + 2β)/(1 + 2β)."""
    c = _c()
    t = (1 + beta) * c
    P = beta * c
    p = characteristic_polynomial()
    T, S = sp.symbols("T S", nonnegative=True)
    proof = Proof(True)
    proof.require(
        "real side: ρ = (T + S)/2 < 1 ⟺ T < 2 and (2 − T)² − S² = 4(1 − T + P) > 0",
        is_zero(sp.expand((2 - T) ** 2 - (T**2 - 4 * P) - 4 * (1 - T + P))),
    )
    proof.step(
        "1 − T + P > 0 gives T < 1 + P ≤ 1 + β < 2 (c ≤ 1 because αλ > 0), so on the real "
        "side ρ < 1 ⟺ 1 − |t| + P > 0 ⟺ p(1) > 0 and p(−1) > 0"
    )
    proof.require(
        "p(1) = 1 − t + P = αλ and p(−1) = 1 + t + P = 1 + (1 + 2β)(1 − αλ)",
        is_zero(p.subs(sigma, 1) - alpha * lam)
        and is_zero(p.subs(sigma, -1) - (1 + (1 + 2 * beta) * c))
        and is_zero(1 - t + P - alpha * lam),
    )
    proof.step(
        "complex side: ρ² = βc ≤ β < 1 always, and p(±1) > 0 because p has no real root; "
        "so on both sides ρ < 1 ⟺ p(1) > 0 and p(−1) > 0"
    )
    bound = stability_bound()
    proof.require(
        "p(−1) = 0 ⟺ αλ = (2 + 2β)/(1 + 2β), and p(−1) decreases in αλ",
        is_zero(bound - (2 + 2 * beta) / (1 + 2 * beta))
        and is_zero(sp.diff(p.subs(sigma, -1), alpha) + (1 + 2 * beta) * lam),
        bound,
    )
    proof.require(
        "comparison: (2 + 2β) / ((2 + 2β)/(1 + 2β)) = 1 + 2β ≥ 1 (heavy ball's region, "
        "HB-STABILITY, is longer; 3× at β → 1, where NAG's ends at 4/3 and heavy ball's at 4)",
        is_zero((2 + 2 * beta) / bound - (1 + 2 * beta))
        and is_zero(bound.subs(beta, 1) - sp.Rational(4, 3)),
    )
    proof.require(
        "the bound lies in (1, 2] for 0 ≤ β < 1: (2 + 2β)/(1 + 2β) − 1 = 1/(1 + 2β)",
        is_zero(bound - 1 - 1 / (1 + 2 * beta)) and bound.subs(beta, 0) == 2,
    )
    return proof


# --- tuning on [μ, L] -------------------------------------------------------------


def _monotone_in_c(proof: Proof) -> None:
    """ρ, as a function of c = 1 − αλ for fixed β, falls on c ≤ 0 and rises on c ≥ 0."""
    cc, ss = sp.symbols("c sigma_1", positive=True)
    # Implicit derivative of the largest root: p(σ₁, c) = 0 ⇒ dσ₁/dc = ((1+β)σ₁ − β)/p'(σ₁).
    p = sigma**2 - cc * ((1 + beta) * sigma - beta)
    dsig = -sp.diff(p, cc) / sp.diff(p, sigma)
    proof.require(
        "c > 0, real roots (c ≥ 4β/(1 + β)²): dσ₁/dc = ((1 + β)σ₁ − β)/p′(σ₁), with p′(σ₁) ≥ 0 "
        "at the larger root and σ₁ ≥ t/2 ≥ 2β/(1 + β) > β/(1 + β), so ρ rises with c",
        is_zero(dsig.subs(sigma, ss) - ((1 + beta) * ss - beta) / sp.diff(p, sigma).subs(sigma, ss))
        and is_zero(((1 + beta) / 2 * 4 * beta / (1 + beta) ** 2) - 2 * beta / (1 + beta)),
    )
    proof.step("c > 0, complex roots: ρ = √(βc) rises with c")
    proof.require(
        "c < 0 (real roots): ρ = ((1 + β)|c| + √((1 + β)²c² + 4β|c|))/2 rises with |c|",
        is_zero(
            sp.expand(
                ((1 + beta) * cc) ** 2
                - 4 * beta * (-cc)
                - ((1 + beta) ** 2 * cc**2 + 4 * beta * cc)
            )
        ),
    )
    proof.step(
        "c = 1 − αλ falls as λ grows, so on λ ∈ [μ, L] the rate is largest at an end: "
        "max_λ ρ = max(ρ(μ), ρ(L)) for every (α, β)"
    )


def _prove_minimax(proof: Proof) -> None:
    """No (α, β) has a worst case on [μ, L] below 1 − 2/√(3κ + 1).

    Take μ = 1, L = κ, x = α and suppose ρ(1) ≤ ρ and ρ(κ) ≤ ρ for some ρ < 1.
    (a) λ = 1: ρ(c) rises with c ≥ 0, so c₁ = 1 − x ≤ C, the c with ρ(C) = ρ.
    (b) λ = κ: both roots in [−ρ, ρ] (or complex) give p(−ρ) ≥ 0, so κx ≤ B.
    (c) Hence κ ≤ F = B/(1 − C); F is largest over β at the double-root value
    β = ρ/(2 − ρ), where it equals κ*(ρ) = (4/(1 − ρ)² − 1)/3, which rises with
    ρ; so ρ ≥ the inverse of κ*, 1 − 2/√(3κ + 1).  Only polynomial identities
    and signs of factored derivatives are used.
    """
    rh, bt = sp.symbols("rho beta", positive=True)
    cc = sp.Symbol("c", positive=True)

    def poly(c):
        return sigma**2 - c * ((1 + bt) * sigma - bt)

    edge = 2 * bt / (1 + bt)  # ρ on the real/complex boundary: ρ ≥ edge ⟺ β ≤ ρ/(2 − ρ)
    c_real = rh**2 / ((1 + bt) * rh - bt)
    c_cplx = rh**2 / bt
    proof.require(
        "(a) real regime ρ ≥ 2β/(1 + β): C = ρ²/((1 + β)ρ − β) has p_C(ρ) = 0, and the other root "
        "βC/ρ is ≤ ρ because (1 + β)ρ − β − β = (1 + β)(ρ − 2β/(1 + β)) ≥ 0",
        is_zero(poly(c_real).subs(sigma, rh))
        and is_zero((1 + bt) * rh - 2 * bt - (1 + bt) * (rh - edge)),
        c_real,
    )
    proof.require(
        "(a) complex regime ρ ≤ 2β/(1 + β): C = ρ²/β ≤ 4β/(1 + β)² (still complex, modulus √(βC) = ρ), "
        "since 4β/(1 + β)² − ρ²/β = (edge² − ρ²)/β",
        is_zero(4 * bt / (1 + bt) ** 2 - c_cplx - (edge**2 - rh**2) / bt),
        c_cplx,
    )
    b_bound = 1 + rh**2 / ((1 + bt) * rh + bt)
    proof.require(
        "(b) p_κ(−ρ) = ρ² + c₂((1 + β)ρ + β) ≥ 0 with c₂ = 1 − κx gives "
        "κx ≤ B = 1 + ρ²/((1 + β)ρ + β) = (1 + ρ)(ρ + β)/((1 + β)ρ + β)",
        is_zero(poly(cc).subs(sigma, -rh) - (rh**2 + cc * ((1 + bt) * rh + bt)))
        and is_zero(b_bound - (1 + rh) * (rh + bt) / ((1 + bt) * rh + bt)),
        b_bound,
    )
    proof.require(
        "(c) 1 − C > 0: real regime 1 − C = (1 − ρ)(ρ − β)/((1 + β)ρ − β) with ρ ≥ 2β/(1 + β) ≥ β; "
        "complex regime 1 − C = (β − ρ²)/β with ρ² ≤ 4β²/(1 + β)² < β",
        is_zero(1 - c_real - (1 - rh) * (rh - bt) / ((1 + bt) * rh - bt))
        and is_zero(1 - c_cplx - (bt - rh**2) / bt)
        and is_zero(bt - 4 * bt**2 / (1 + bt) ** 2 - bt * (1 - bt) ** 2 / (1 + bt) ** 2),
    )
    f_real = b_bound / (1 - c_real)
    f_cplx = b_bound / (1 - c_cplx)
    d_real = sp.factor(sp.diff(f_real, bt))
    d_cplx = sp.factor(sp.diff(f_cplx, bt))
    expect_real = (
        2
        * bt
        * rh**3
        * (bt + 2)
        * (rh + 1)
        / ((bt - rh) ** 2 * (1 - rh) * (bt * rh + bt + rh) ** 2)
    )
    expect_cplx = -(
        rh**2
        * (rh + 1)
        * (bt**2 * rh + 2 * bt**2 + 2 * bt * rh + rh**2)
        / ((bt - rh**2) ** 2 * (bt * rh + bt + rh) ** 2)
    )
    proof.require(
        "κ ≤ F = B/(1 − C); dF/dβ > 0 on the real regime (every factor positive for ρ < 1)",
        is_zero(d_real - expect_real),
        d_real,
    )
    proof.require(
        "dF/dβ < 0 on the complex regime (minus a ratio of positive factors)",
        is_zero(d_cplx - expect_cplx),
        d_cplx,
    )
    turn = rh / (2 - rh)
    kappa_star = (4 / (1 - rh) ** 2 - 1) / 3
    proof.require(
        "so max_β F is at β = ρ/(2 − ρ) (the double root), where both forms agree and equal "
        "κ*(ρ) = (4/(1 − ρ)² − 1)/3",
        is_zero(f_real.subs(bt, turn) - kappa_star)
        and is_zero(f_cplx.subs(bt, turn) - kappa_star)
        and is_zero(edge.subs(bt, turn) - rh),
        kappa_star,
    )
    proof.require(
        "κ* rises with ρ (dκ*/dρ = 8/(3(1 − ρ)³) > 0) and κ*(1 − 2/w) = (w² − 1)/3 = κ: "
        "every (α, β) has max(ρ(μ), ρ(L)) ≥ 1 − 2/√(3κ + 1), the value the tuning attains",
        is_zero(sp.diff(kappa_star, rh) - 8 / (3 * (1 - rh) ** 3))
        and is_zero(kappa_star.subs(rh, 1 - 2 / w) - (w**2 - 1) / 3),
    )


@functools.cache
def optimal_parameters() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(α, β, rate) of the minimax tuning in μ and L (Lessard, Recht, Packard 2016).

    At μ = 1, L = 8: √(3κ + 1) = 5, so α = 4/25, β = 3/7 and ρ = 1 − 2/5.

    >>> print([e.subs({mu: 1, L: 8}) for e in optimal_parameters()])
    [4/25, 3/7, 3/5]
    """
    kap = L / mu
    root = sp.sqrt(3 * kap + 1)
    return 4 / (3 * L + mu), (root - 2) / (root + 2), 1 - 2 / root


@functools.cache
def textbook_parameters() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(α, β, rate) of the common choice α = 1/L, β = (√κ − 1)/(√κ + 1).

    At μ = 1, L = 9 (√κ = 3): α = 1/9, β = 2/4, ρ = 1 − 1/3.

    >>> print([e.subs({mu: 1, L: 9}) for e in textbook_parameters()])
    [1/9, 1/2, 2/3]
    """
    sk = sp.sqrt(L / mu)
    return 1 / L, (sk - 1) / (sk + 1), 1 - 1 / sk


def _derive_tuning(proof: Proof) -> None:
    """Derive the minimax tuning (μ = 1, L = κ) instead of only checking the quoted one.

    Ask for a double root r at λ = μ and for −r to be a root at λ = L (the two ends
    equioscillate); with c = 1 − αλ the first gives r = 2β/(1 + β), c_μ = 4β/(1 + β)²,
    the second c_L = −r²/((1 + β)r + β), and αL = κ·αμ is one quadratic in β.
    """
    bb, kap = sp.symbols("b_d kappa_d", positive=True)
    r_mu = 2 * bb / (1 + bb)
    c_mu = 4 * bb / (1 + bb) ** 2
    c_L = -(r_mu**2) / ((1 + bb) * r_mu + bb)
    p = characteristic_polynomial()
    proof.require(
        "at αμ = 1 − 4β/(1 + β)² the polynomial is (σ − r)² with r = 2β/(1 + β), and at "
        "αL = 1 − c_L, c_L = −r²/((1 + β)r + β), it vanishes at σ = −r",
        is_zero(p.subs({beta: bb, lam: 1, alpha: 1 - c_mu}) - (sigma - r_mu) ** 2)
        and is_zero(p.subs({beta: bb, lam: 1, alpha: 1 - c_L, sigma: -r_mu})),
    )
    roots = sp.solve(sp.numer(sp.together((1 - c_L) - kap * (1 - c_mu))), bb)
    # The other root is 1/β (α is symmetric under β ↦ 1/β) and exceeds 1 for κ > 1.
    admissible = [x for x in roots if x.subs(kap, 8) < 1]
    root = sp.sqrt(3 * kap + 1)
    proof.require(
        "solving αL = κ·αμ for β < 1 gives β = (√(3κ + 1) − 2)/(√(3κ + 1) + 2) and "
        "α = 1 − c_μ = 4/(3κ + 1): the tuning below is derived, not assumed",
        len(roots) == 2
        and len(admissible) == 1
        and is_zero(admissible[0] - (root - 2) / (root + 2))
        and is_zero((1 - c_mu).subs(bb, admissible[0]) - 4 / (3 * kap + 1)),
        admissible[0],
    )


def _tuning_in_w() -> dict:
    """μ = 1 without loss of generality (ρ depends on αλ only), L = κ = (w² − 1)/3."""
    return {mu: sp.Integer(1), L: (w**2 - 1) / 3}


@claim(
    "NAG-OPTIMAL",
    uses=("NAG-RATE", "NAG-STABILITY"),
    title="Minimax tuning α = 4/(3L+μ), β = (√(3κ+1)−2)/(√(3κ+1)+2), rate 1 − 2/√(3κ+1)",
    seed=_BLOG,
    section=_NAG,
    quote="The hard part is actually finding the correct learning rate and momentum value in "
    "order to get the convergence guarantees that make the method attractive.",
    statement=r"On $\lambda\in[\mu,L]$, $\kappa=L/\mu$: $\alpha=\frac{4}{3L+\mu}$, "
    r"$\beta=\frac{\sqrt{3\kappa+1}-2}{\sqrt{3\kappa+1}+2}$ give a double root at $\lambda=\mu$, "
    r"$\rho(\mu)=\rho(L)=\max_{[\mu,L]}\rho=1-\frac{2}{\sqrt{3\kappa+1}}$, and no "
    r"$(\alpha,\beta)$ has a smaller worst case (Lessard, Recht, Packard 2016); heavy ball's optimum needs $\sqrt3$ times fewer iterations "
    r"as $\kappa\to\infty$",
)
def prove_optimal() -> Proof:
    """Prove Nesterov's minimax tuning α = 4/(3L + μ) and its rate 1 − 2/√(3κ + 1)."""
    a_opt, b_opt, rate = (e.subs(_tuning_in_w()) for e in optimal_parameters())
    proof = Proof(True)
    proof.step(
        "ρ depends on αλ only, so take μ = 1, L = κ, and w = √(3κ + 1) ≥ 2 (κ ≥ 1): "
        "α = 4/w², β = (w − 2)/(w + 2), target rate 1 − 2/w"
    )
    proof.require("α = 4/w²", is_zero(a_opt - 4 / w**2))
    _derive_tuning(proof)
    c_mu = 1 - a_opt
    d_mu = discriminant().subs({alpha: a_opt, beta: b_opt, lam: 1})
    proof.require("λ = μ: the discriminant vanishes (double root)", is_zero(d_mu))
    m_mu = ((1 + b_opt) * c_mu / 2).subs(w, w)
    proof.require("λ = μ: the double root is t/2 = 1 − 2/w", is_zero(m_mu - rate), sp.factor(m_mu))
    at_e = {w: 2 + _e}
    rho_mu = rate_at(a_opt.subs(at_e), b_opt.subs(at_e), 1)
    rho_L = rate_at(a_opt.subs(at_e), b_opt.subs(at_e), ((w**2 - 1) / 3).subs(at_e))
    rate_e = rate.subs(at_e)
    proof.require(
        "ρ(μ) = 1 − 2/w (kernel form, w = 2 + e > 2)",
        is_zero(rho_mu - rate_e),
    )
    proof.require(
        "ρ(L) = 1 − 2/w as well: the rate equioscillates at the two ends (w = 2 + e)",
        is_zero(rho_L - rate_e),
    )
    proof.require(
        "κ = 1 (w = 2): β = 0, α = 1/L, rate 0",
        b_opt.subs(w, 2) == 0 and rate.subs(w, 2) == 0,
    )
    _monotone_in_c(proof)
    proof.step("So max over [μ, L] of ρ is 1 − 2/w, attained at both ends")
    proof.require(
        "0 ≤ β < 1: 1 − β = 4/(w + 2) > 0",
        is_zero(1 - b_opt - 4 / (w + 2)),
    )
    _prove_minimax(proof)
    # Iterations per decade ∝ 1/(−log ρ); compare with heavy ball's (√κ − 1)/(√κ + 1).
    ratio = sp.limit(sp.log((s - 1) / (s + 1)) / sp.log(1 - 2 / sp.sqrt(3 * s**2 + 1)), s, sp.oo)
    proof.require(
        "iterations per decade, NAG optimum / heavy-ball optimum → √3 as κ = s² → ∞",
        is_zero(ratio - sp.sqrt(3)),
        ratio,
    )
    return proof


@claim(
    "NAG-TEXTBOOK",
    uses=("NAG-RATE",),
    title="Textbook tuning α = 1/L, β = (√κ−1)/(√κ+1): rate 1 − 1/√κ, 2/√3 times slower",
    seed=_BLOG,
    section=_NAG,
    quote="Sutskever in his thesis suggests manual tuning to get an optimal result",
    statement=r"$\alpha=1/L$, $\beta=\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$: double root at "
    r"$\lambda=\mu$, $\rho(L)=0$, $\max_{[\mu,L]}\rho=1-1/\sqrt\kappa > 1-2/\sqrt{3\kappa+1}$ for "
    r"$\kappa>1$; iterations per decade are $2/\sqrt3\approx1.155$ times the optimum's as "
    r"$\kappa\to\infty$",
)
def prove_textbook() -> Proof:
    """Prove that the textbook tuning α = 1/L has rate 1 − 1/√κ, slower than the minimax one."""
    sub = {mu: sp.Integer(1), L: s**2}
    a_tb, b_tb, rate = (e.subs(sub) for e in textbook_parameters())
    proof = Proof(True)
    proof.step("μ = 1, L = κ = s² (s = √κ ≥ 1): α = 1/s², β = (s − 1)/(s + 1)")
    proof.require(
        "λ = μ: discriminant 0 (double root) at t/2 = 1 − 1/s",
        is_zero(discriminant().subs({alpha: a_tb, beta: b_tb, lam: 1}))
        and is_zero((1 + b_tb) * (1 - a_tb) / 2 - rate),
    )
    proof.require(
        "ρ(μ) = 1 − 1/s and ρ(L) = 0 (c = 0 at αL = 1) (s = 1 + e)",
        is_zero(rate_at(a_tb.subs(s, 1 + _e), b_tb.subs(s, 1 + _e), 1) - rate.subs(s, 1 + _e))
        and is_zero(rate_at(a_tb, b_tb, s**2)),
    )
    _monotone_in_c(proof)
    proof.step("so max over [μ, L] is 1 − 1/√κ")
    proof.require(
        "the optimum is faster for κ > 1: (1 − 1/s) − (1 − 2/√(3s² + 1)) > 0 ⟺ 4s² > 3s² + 1",
        is_zero(sp.expand(4 * s**2 - (3 * s**2 + 1) - (s**2 - 1))),
    )
    ratio = sp.limit(sp.log(1 - 2 / sp.sqrt(3 * s**2 + 1)) / sp.log(1 - 1 / s), s, sp.oo)
    proof.require(
        "iterations per decade, textbook / optimum = log ρ_opt / log ρ_tb → 2/√3",
        is_zero(ratio - 2 / sp.sqrt(3)),
        ratio,
    )
    return proof


@claim(
    "NAG-CONVEX",
    uses=("NAG-OPTIMAL",),
    title="O(1/k²) on smooth convex functions with β_k = (k − 1)/(k + 2)",
    seed=_LECTURE,
    section=_NAG,
    quote='Nesterov, Yurii E. "A method for solving the convex programming problem with '
    'convergence rate $O(1/k^2)$ ."',
    statement=r"For convex $f$ with $L$-Lipschitz gradient, $x_k=y_{k-1}-\tfrac1L\nabla f(y_{k-1})$, "
    r"$y_k=x_k+\tfrac{k-1}{k+2}(x_k-x_{k-1})$, $y_0=x_0$: "
    r"$f(x_k)-f^\ast\le \dfrac{2L\lVert x_0-x^\ast\rVert^2}{(k+1)^2}$ for $k\ge1$",
)
def prove_convex_rate() -> Proof:
    """Lyapunov proof (Beck & Teboulle 2009, Thm 4.4, with t_k = (k + 1)/2; the schedule
    and bound as in Su, Boyd & Candès 2016, Thm 4 with s = 1/L).

    Every identity below is a quadratic form in the points and the gradient with
    scalar coefficients; it is checked in one dimension, which suffices: a
    quadratic form that vanishes for all real scalars has a zero (symmetrised)
    coefficient matrix, so it vanishes on inner products of vectors as well.
    """
    xp, xk, xs, x0, g = sp.symbols("x_prev x_k x_star x_0 g", real=True)
    Lc, t, t1 = sp.symbols("L t t_1", positive=True)
    Fk, F1, Fs = sp.symbols("F_k F_k1 F_star", real=True)
    proof = Proof(True)
    proof.step(
        "Descent lemma + convexity, for p = y − ∇f(y)/L and any x: "
        "f(x) − f(p) ≥ (L/2)‖p − y‖² + L⟨p − y, y − x⟩ (slack I(x) ≥ 0)"
    )

    def slack(F_x, x, y, p, F_p):
        return F_x - F_p - (Lc / 2 * (p - y) ** 2 + Lc * (p - y) * (y - x))

    y = xk + (t - 1) / t1 * (xk - xp)
    p = y - g / Lc
    energy_k = 2 / Lc * t**2 * (Fk - Fs) + (t * xk - (t - 1) * xp - xs) ** 2
    energy_k1 = 2 / Lc * t1**2 * (F1 - Fs) + (t1 * p - (t1 - 1) * xk - xs) ** 2
    combination = 2 / Lc * ((t1**2 - t1) * slack(Fk, xk, y, p, F1) + t1 * slack(Fs, xs, y, p, F1))
    combination += 2 / Lc * (t**2 - t1**2 + t1) * (Fk - Fs)
    proof.require(
        "energy E_k = (2/L)t_k²(f(x_k) − f*) + ‖t_k x_k − (t_k − 1)x_{k−1} − x*‖² drops by "
        "(2/L)[(t_{k+1}² − t_{k+1})I(x_k) + t_{k+1}I(x*) + (t_k² − t_{k+1}² + t_{k+1})(f(x_k) − f*)]",
        is_zero(sp.expand(energy_k - energy_k1 - combination)),
    )
    kk = sp.Symbol("k", positive=True)
    tk = (kk + 1) / 2
    tk1 = (kk + 2) / 2
    proof.require(
        "t_k = (k + 1)/2: momentum (t_k − 1)/t_{k+1} = (k − 1)/(k + 2), "
        "t_k² − t_{k+1}² + t_{k+1} = 1/4 ≥ 0, t_{k+1}² − t_{k+1} = k(k + 2)/4 ≥ 0",
        is_zero((tk - 1) / tk1 - (kk - 1) / (kk + 2))
        and is_zero(tk**2 - tk1**2 + tk1 - sp.Rational(1, 4))
        and is_zero(tk1**2 - tk1 - kk * (kk + 2) / 4),
    )
    x1 = x0 - g / Lc
    base = 2 / Lc * (F1 - Fs) + (x1 - xs) ** 2
    proof.require(
        "base, t_1 = 1, x_1 = x_0 − ∇f(x_0)/L: E_1 = ‖x_0 − x*‖² − (2/L)I(x*) ≤ ‖x_0 − x*‖²",
        is_zero(sp.expand(base - ((x0 - xs) ** 2 - 2 / Lc * slack(Fs, xs, x0, x1, F1)))),
    )
    bound = sp.simplify((x0 - xs) ** 2 * Lc / (2 * tk**2))
    proof.require(
        "so (2/L)t_k²(f(x_k) − f*) ≤ E_k ≤ E_1 ≤ ‖x_0 − x*‖²: "
        "f(x_k) − f* ≤ L‖x_0 − x*‖²/(2t_k²) = 2L‖x_0 − x*‖²/(k + 1)²",
        is_zero(bound - 2 * Lc * (x0 - xs) ** 2 / (kk + 1) ** 2),
        bound,
    )
    proof.step(
        "This is the (k − 1)/(k + 2) schedule; the constant-β method of NAG-OPTIMAL is the "
        "strongly convex variant and is not what this bound covers"
    )
    return proof


def kernels() -> list[Kernel]:
    """The Nesterov rate kernel and its tuned parameters, printed for :mod:`numeric`.

    >>> print([k.name for k in kernels()])
    ['nesterov_rate', 'nesterov_tuning']
    """
    return [
        Kernel(
            "nesterov_rate",
            "Spectral radius of Nesterov's matrix N.",
            (alpha, beta, lam),
            (("rho", spectral_radius()),),
            "NAG-RATE",
        ),
        tuning_kernel(
            "nesterov", tuning_forms(), _derived_optimum(), _radical_free(), "NAG-OPTIMAL"
        ),
    ]


def _derived_optimum() -> dict[str, sp.Expr]:
    a_opt, b_opt, rate = optimal_parameters()
    return {"alpha": a_opt, "beta": b_opt, "rate": rate, "one_minus_rate": 1 - rate}


def _radical_free() -> dict[sp.Symbol, sp.Expr]:
    """μ = a², L = (q² − a²)/3, so that √μ = a and √(3L + μ) = q."""
    a, q = sp.symbols("a q", positive=True)
    return {mu: a**2, L: (q**2 - a**2) / 3}


def tuning_forms() -> dict[str, sp.Expr]:
    """The minimax optimum in forms without cancellation, for the printed kernel.

    With q = √(3L + μ) and a = √μ (so √(3κ + 1) = q/a): β = (q − 2a)/(q + 2a) and
    ρ = 1 − 2a/q subtract nearly equal numbers as κ → 1; multiplying by q + 2a puts the
    exact difference 3(L − μ) = q² − 4a² on top.  Each form is proven equal to
    :func:`optimal_parameters` when the kernel is built (``kernels()`` in this module).

    >>> print(tuning_forms()["rate"].subs({mu: 1, L: 8}))
    3/5
    """
    a, q = sp.sqrt(mu), sp.sqrt(3 * L + mu)
    # sp.Mul of three factors keeps 3·(L − μ) whole: 3*(L - mu) alone would be
    # distributed into 3L − 3μ, two rounded terms that cancel as κ → 1.
    return {
        "alpha": 4 / (3 * L + mu),
        "beta": sp.Mul(3, L - mu, (q + 2 * a) ** -2),
        "rate": sp.Mul(3, L - mu, 1 / (q * (q + 2 * a))),
        "one_minus_rate": 2 * a / q,
    }


__all__ = [
    "bengio_step",
    "characteristic_polynomial",
    "discriminant",
    "iteration_matrix",
    "optimal_parameters",
    "spectral_pieces",
    "spectral_radius",
    "stability_bound",
    "sutskever_step",
    "textbook_parameters",
    "torch_step",
    "tuning_forms",
]
