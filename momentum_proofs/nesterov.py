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
from ._tex import reduced, tex
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


def _shown(expr: sp.Basic, names: dict | None = None) -> str:
    """LaTeX of ``expr`` with the arbitrary gradient map ``g`` shown as ``∇f``."""
    return tex(sp.sympify(expr).replace(_g, sp.Function(r"\nabla f")), names)


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
    names = {theta: r"\theta^k", v: "v^k"}
    proof = Proof(True)
    proof.step(
        "Induction on $k$. Base: $v^0 = 0$ gives $\\Theta^0 = \\theta^0 + \\beta \\cdot 0 = "
        "\\theta^0 = w^0$."
    )
    s_theta, s_v = sutskever_step(theta, v)
    b_theta, b_v = bengio_step(theta + beta * v, v)
    proof.require(
        "Step, velocity: assume $\\Theta^k = \\theta^k + \\beta v^k$. Then both forms take "
        "the gradient at the same point, so their new velocities agree.",
        is_zero(s_v - b_v),
        equation=f"v^{{k+1}}_{{\\text{{Bengio}}}} - v^{{k+1}}_{{\\text{{Sutskever}}}} = "
        f"{tex(reduced(b_v - s_v))}, \\qquad v^{{k+1}} = {_shown(b_v, names)}",
    )
    diff = sp.expand(b_theta - (s_theta + beta * s_v))
    proof.require(
        "Step, position: subtract the Sutskever position plus $\\beta$ times its velocity "
        "from the Bengio position; the difference cancels to zero.",
        is_zero(diff),
        equation=f"\\Theta^{{k+1}} - (\\theta^{{k+1}} + \\beta v^{{k+1}}) = {_shown(diff, names)}",
    )
    proof.step(
        "Hence $\\Theta^k = \\theta^k + \\beta v^k$ for every $k$, and conversely "
        "$\\theta^k = \\Theta^k - \\beta v^k$: the two forms are one method, which is the "
        "statement. The simulator's form='sutskever' returns $\\theta^k$ and form='bengio' "
        "returns $\\Theta^k$."
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
    proof.require(
        "With nesterov=True, start torch from buffer $b = -v/\\alpha$ and parameters "
        "$p = \\Theta$: its new buffer is minus the Bengio velocity over $\\alpha$.",
        is_zero(tb + bv / alpha),
        equation=f"b^{{k+1}} = {_shown(tb)}, \\qquad b^{{k+1}} + v^{{k+1}}/\\alpha = "
        f"{tex(reduced(tb + bv / alpha))}",
    )
    proof.require(
        "Its new parameters are the Bengio iterate $\\Theta^{k+1}$.",
        is_zero(tp - bp),
        equation=f"p^{{k+1}} = {_shown(tp)}, \\qquad p^{{k+1}} - \\Theta^{{k+1}} = "
        f"{tex(reduced(tp - bp))}",
    )
    first = torch_step(p, sp.Integer(0), nesterov=True)[1]
    proof.require(
        "On the first step torch sets the buffer to $\\nabla f(p)$, the same as "
        "$\\beta \\cdot 0 + \\nabla f(p)$: it starts from $v^0 = 0$.",
        is_zero(first - _g(p)),
        equation=f"b^1 = {_shown(first)}",
    )
    hp, hb = torch_step(p, z, nesterov=False)
    z_next = beta * z + _g(p)
    proof.require(
        "With nesterov=False torch's step is heavy ball with $z = b$ and $w = p$.",
        is_zero(hb - z_next) and is_zero(hp - (p - alpha * z_next)),
        equation=f"b^{{k+1}} = {_shown(hb, {z: 'b^k'})}, \\qquad p^{{k+1}} = "
        f"{_shown(hp, {z: 'b^k'})}",
    )
    lect_v = beta * (-alpha * z) - alpha * _g(p)
    proof.require(
        "Hence, as the slides' heavy ball $v^{k+1} = \\beta v^k - \\alpha\\nabla f(\\theta^k)$, "
        "$\\theta^{k+1} = \\theta^k + v^{k+1}$ is the same with $v = -\\alpha z$, torch "
        "iterates the Bengio form with nesterov=True and heavy ball without: the statement.",
        is_zero(lect_v + alpha * hb) and is_zero(p + lect_v - hp),
        equation=f"v^{{k+1}} + \\alpha b^{{k+1}} = {tex(reduced(lect_v + alpha * hb))}, \\qquad "
        f"\\theta^k + v^{{k+1}} - p^{{k+1}} = {tex(reduced(p + lect_v - hp))}",
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
            f"With nesterov={nesterov}, one optax step from trace $t = b$ equals one torch step "
            "from buffer $b$, for an arbitrary gradient.",
            is_zero(op - tp) and is_zero(ot - tb),
            equation=f"p^{{k+1}}_{{\\text{{optax}}}} = {_shown(op)}, \\qquad "
            f"p^{{k+1}}_{{\\text{{optax}}}} - p^{{k+1}}_{{\\text{{torch}}}} = "
            f"{tex(reduced(op - tp))}, \\quad t^{{k+1}} - b^{{k+1}} = {tex(reduced(ot - tb))}",
        )
    first = optax_step(p, sp.Integer(0), False)[1]
    proof.require(
        "Hence, as optax's trace starts at 0 so that its first trace is torch's first buffer, "
        "optax.sgd takes torch's steps with the same keywords: the statement.",
        is_zero(first - _g(p)),
        equation=f"t^1 = {_shown(first)}",
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
    c_ = sp.Symbol("c")
    proof = Proof(True)
    proof.require(
        "Apply the look-ahead update to $f(\\theta) = \\tfrac12\\lambda\\theta^2 - b\\theta$ "
        "and shift $x = \\theta - b/\\lambda$: the update is linear in $(v, x)$, and with "
        "$c = 1 - \\alpha\\lambda$ its matrix has the stated entries.",
        _is_zero_matrix(N - target),
        equation=f"N = {tex(N)} = {tex(target.subs(c, c_))}",
    )
    proof.require(
        "Expand the determinant of $\\sigma I - N$ and collect powers of $\\sigma$.",
        is_zero(p - (sigma**2 - (1 + beta) * c * sigma + beta * c)),
        equation=f"\\det(\\sigma I - N) = {tex(p)} = "
        f"{tex(sigma**2 - (1 + beta) * c_ * sigma + beta * c_)}",
    )
    proof.require(
        "Hence the characteristic polynomial is as stated, and its discriminant "
        "factors with $c$ as a factor (used for the rate and the tuning).",
        is_zero(discriminant() - c * ((1 - beta) ** 2 - (1 + beta) ** 2 * alpha * lam)),
        equation=f"d = {tex(sp.factor(discriminant()))}",
    )
    proof.step(
        "Neither source prints $N$ (the blog's update is an image the extraction lost); $N$ "
        "is derived from the update the slides print, which is the statement checked here."
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
    t_, P_ = sp.symbols("t P")
    proof = Proof(True)
    proof.require(
        "Read the trace $t$ and the determinant $P$ off the characteristic polynomial (claim "
        "NAG-MATRIX); the kernel's $m$ is half the trace.",
        is_zero(characteristic_polynomial() - (sigma**2 - t * sigma + P))
        and is_zero(pieces["m"] - t / 2),
        equation=f"\\det(\\sigma I - N) = {tex(sigma**2 - t_ * sigma + P_)}, \\quad "
        f"t = {tex(t)} = 2m, \\quad P = {tex(P)}",
    )
    proof.require(
        "The kernel's $q$ is $d/4$: a polynomial identity once $\\alpha\\lambda = u^2$.",
        is_zero(
            sp.expand((plain(pieces["q"]) - d / 4).subs(alpha, u**2 / lam).subs(sp.sqrt(u**2), u))
        ),
        equation=f"q = {tex(plain(pieces['q']))} = \\frac{{d}}{{4}}",
    )
    sq = sp.expand((T + S) ** 2 - (T - S) ** 2)
    pos = sp.expand(((T + S) / 2) ** 2 - (T**2 - S**2) / 4)
    neg = sp.expand(((T + S) / 2) ** 2 + (T**2 - S**2) / 4)
    proof.require(
        "On the real side write $d = S^2$, $T = |t|$: the roots are $(t \\pm S)/2$ and the "
        "larger modulus is $(T + S)/2$. With $4P = T^2 - S^2$ it is at least "
        "$\\sqrt{\\beta|c|} = \\sqrt{|P|}$ whatever the sign of $P$.",
        is_zero(sp.expand((T + S) ** 2 - (T - S) ** 2 - 4 * T * S))
        and is_zero(pos - (2 * S**2 + 2 * T * S) / 4)
        and is_zero(neg - (2 * T**2 + 2 * T * S) / 4),
        equation=f"(T + S)^2 - (T - S)^2 = {tex(sq)}, \\quad "
        f"\\Big(\\frac{{T + S}}{{2}}\\Big)^2 \\mp P = {tex(pos)} \\text{{ or }} {tex(neg)}",
    )
    gg, tt = sp.symbols("g t", positive=True)
    s_plus = (tt + sp.I * gg) / 2
    proof.require(
        "On the complex side write $d = -g^2$: a root times its conjugate is "
        "$(t^2 - d)/4$, which is $P = \\beta c$.",
        is_zero(sp.expand(s_plus * sp.conjugate(s_plus)) - (tt**2 + gg**2) / 4)
        and is_zero(sp.expand((t**2 - d) / 4 - P)),
        equation=f"\\sigma\\bar\\sigma = {tex(sp.expand(s_plus * sp.conjugate(s_plus)))}, "
        f"\\qquad \\frac{{t^2 - d}}{{4}} - P = {tex(reduced((t**2 - d) / 4 - P))}",
    )
    proof.require(
        "There $d < 0$ forces $c > 0$ (for $c \\le 0$ both factors of $d$ are $\\le 0$), so "
        "$\\beta c = \\beta|c|$, and $m^2 = \\beta c + d/4 < \\beta c$: the maximum picks "
        "$\\sqrt{\\beta|c|}$.",
        is_zero(sp.expand(pieces["m"] ** 2 - (P + d / 4))),
        equation=f"m^2 - \\Big(P + \\frac{{d}}{{4}}\\Big) = "
        f"{tex(reduced(pieces['m'] ** 2 - (P + d / 4)))}",
    )
    proof.step(
        "Hence the spectral radius is one expression on the whole domain, which is the "
        "statement (the kernel forms $1 - \\beta$ before subtracting, for accuracy).",
        equation=f"\\rho = {tex(plain(pieces['rho']))}",
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
    P_ = sp.Symbol("P")  # the identity holds for any determinant P
    real = sp.expand((2 - T) ** 2 - (T**2 - 4 * P_))
    proof.require(
        "On the real side $\\rho = (T + S)/2$ with $T = |t|$, $S^2 = T^2 - 4P$, so "
        "$\\rho < 1$ exactly when $T < 2$ and the difference below is positive.",
        is_zero(sp.expand((2 - T) ** 2 - (T**2 - 4 * P) - 4 * (1 - T + P))),
        equation=f"(2 - T)^2 - S^2 = {tex(real)} = {tex(sp.factor(real))}",
    )
    proof.step(
        "That difference being positive gives $T < 1 + P \\le 1 + \\beta < 2$ ($c \\le 1$ "
        "as $\\alpha\\lambda > 0$), so on the real side $\\rho < 1$ exactly when "
        "$1 - |t| + P > 0$, that is when $p(1) > 0$ and $p(-1) > 0$."
    )
    proof.require(
        "Evaluate the characteristic polynomial at $\\pm 1$.",
        is_zero(p.subs(sigma, 1) - alpha * lam)
        and is_zero(p.subs(sigma, -1) - (1 + (1 + 2 * beta) * c))
        and is_zero(1 - t + P - alpha * lam),
        equation=f"p(1) = {tex(sp.factor(p.subs(sigma, 1)))}, \\qquad "
        f"p(-1) = {tex(sp.expand(p.subs(sigma, -1)))}",
    )
    proof.step(
        "On the complex side $\\rho^2 = \\beta c \\le \\beta < 1$ always, and "
        "$p(\\pm 1) > 0$ because $p$ has no real root; so on both sides $\\rho < 1$ exactly "
        "when $p(1) > 0$ and $p(-1) > 0$."
    )
    bound = stability_bound()
    slope = sp.diff(p.subs(sigma, -1), alpha)
    proof.require(
        "Solve $p(-1) = 0$ for $\\alpha\\lambda$; $p(-1)$ decreases in $\\alpha$, so it is "
        "positive below that root.",
        is_zero(bound - (2 + 2 * beta) / (1 + 2 * beta))
        and is_zero(sp.diff(p.subs(sigma, -1), alpha) + (1 + 2 * beta) * lam),
        equation=f"p(-1) = 0 \\iff \\alpha\\lambda = {tex(bound)}, \\qquad "
        f"\\frac{{\\partial p(-1)}}{{\\partial\\alpha}} = {tex(sp.factor(slope))}",
    )
    ratio = sp.factor((2 + 2 * beta) / bound)
    proof.require(
        "Compare with heavy ball's region $0 < \\alpha\\lambda < 2 + 2\\beta$ (claim "
        "HB-STABILITY): it is $1 + 2\\beta$ times longer, 3 times as $\\beta \\to 1$, where "
        "Nesterov's ends at $4/3$.",
        is_zero((2 + 2 * beta) / bound - (1 + 2 * beta))
        and is_zero(bound.subs(beta, 1) - sp.Rational(4, 3)),
        equation=f"\\frac{{2 + 2\\beta}}{{{tex(bound)}}} = {tex(ratio)}, \\qquad "
        f"{tex(bound)}\\Big|_{{\\beta = 1}} = {tex(bound.subs(beta, 1))}",
    )
    proof.require(
        "Hence $\\rho < 1$ exactly for $0 < \\alpha\\lambda$ below the bound, which lies in "
        "$(1, 2]$ for $0 \\le \\beta < 1$: the statement.",
        is_zero(bound - 1 - 1 / (1 + 2 * beta)) and bound.subs(beta, 0) == 2,
        equation=f"\\rho < 1 \\iff 0 < \\alpha\\lambda < {tex(bound)} = "
        f"1 + {tex(sp.factor(bound - 1))}",
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
        "For $c > 0$ the rate rises with $c = 1 - \\alpha\\lambda$: with real roots "
        "($c \\ge 4\\beta/(1+\\beta)^2$) differentiate $p(\\sigma_1) = 0$ implicitly; "
        "$p'(\\sigma_1) \\ge 0$ at the larger root and $\\sigma_1 \\ge t/2 \\ge "
        "2\\beta/(1+\\beta) > \\beta/(1+\\beta)$, so the derivative is positive. With "
        "complex roots $\\rho = \\sqrt{\\beta c}$ rises too.",
        is_zero(dsig.subs(sigma, ss) - ((1 + beta) * ss - beta) / sp.diff(p, sigma).subs(sigma, ss))
        and is_zero(((1 + beta) / 2 * 4 * beta / (1 + beta) ** 2) - 2 * beta / (1 + beta)),
        equation=f"\\frac{{d\\sigma_1}}{{dc}} = {tex(sp.factor(dsig.subs(sigma, ss)))}",
    )
    neg = sp.expand(((1 + beta) * cc) ** 2 - 4 * beta * (-cc))
    proof.require(
        "For $c < 0$ the roots are real and the larger modulus is "
        "$\\big((1+\\beta)|c| + \\sqrt{d}\\big)/2$, with $d$ below increasing in $|c|$: the "
        "rate rises with $|c|$. As $c$ falls when $\\lambda$ grows, on $[\\mu, L]$ the rate "
        "is largest at an end, $\\max_\\lambda \\rho = \\max(\\rho(\\mu), \\rho(L))$, for "
        "every $(\\alpha, \\beta)$.",
        is_zero(neg - ((1 + beta) ** 2 * cc**2 + 4 * beta * cc)),
        equation=f"d\\big|_{{c = -|c|}} = {tex(neg, {cc: '|c|'})}",
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
        "Lower bound: suppose $\\rho(\\mu), \\rho(L) \\le \\rho < 1$ with $\\mu = 1$, "
        "$L = \\kappa$. (a) At $\\lambda = \\mu$ the rate rises with $c$, so $c_\\mu \\le C$, "
        "the $c$ whose rate is exactly $\\rho$: in the real regime $\\rho \\ge "
        "2\\beta/(1+\\beta)$, $\\rho$ is a root of $p_C$ and the other root $\\beta C/\\rho$ "
        "is smaller; in the complex regime the modulus $\\sqrt{\\beta C}$ is $\\rho$ and "
        "the roots stay complex.",
        is_zero(poly(c_real).subs(sigma, rh))
        and is_zero((1 + bt) * rh - 2 * bt - (1 + bt) * (rh - edge))
        and is_zero(4 * bt / (1 + bt) ** 2 - c_cplx - (edge**2 - rh**2) / bt),
        equation=f"C_{{\\text{{real}}}} = {tex(c_real)}, \\quad "
        f"p_C(\\rho) = {tex(reduced(poly(c_real).subs(sigma, rh)))}; \\qquad "
        f"C_{{\\text{{complex}}}} = {tex(c_cplx)}",
    )
    b_bound = 1 + rh**2 / ((1 + bt) * rh + bt)
    proof.require(
        "(b) At $\\lambda = L$ both roots lie in $[-\\rho, \\rho]$ (or are complex), so "
        "$p(-\\rho) \\ge 0$ with $c = 1 - \\kappa\\alpha$; this bounds $\\kappa\\alpha$ by "
        "$B$.",
        is_zero(poly(cc).subs(sigma, -rh) - (rh**2 + cc * ((1 + bt) * rh + bt)))
        and is_zero(b_bound - (1 + rh) * (rh + bt) / ((1 + bt) * rh + bt)),
        equation=f"p(-\\rho) = {tex(sp.collect(sp.expand(poly(cc).subs(sigma, -rh)), cc))}, "
        f"\\qquad \\kappa\\alpha \\le B = {tex(sp.factor(b_bound))}",
    )
    proof.require(
        "(c) In both regimes $1 - C > 0$ (in the real one $\\rho \\ge 2\\beta/(1+\\beta) "
        "\\ge \\beta$; in the complex one $\\rho^2 \\le 4\\beta^2/(1+\\beta)^2 < \\beta$), so "
        "$\\alpha = 1 - c_\\mu \\ge 1 - C > 0$ and $\\kappa \\le F = B/(1 - C)$.",
        is_zero(1 - c_real - (1 - rh) * (rh - bt) / ((1 + bt) * rh - bt))
        and is_zero(1 - c_cplx - (bt - rh**2) / bt)
        and is_zero(bt - 4 * bt**2 / (1 + bt) ** 2 - bt * (1 - bt) ** 2 / (1 + bt) ** 2),
        equation=f"1 - C_{{\\text{{real}}}} = {tex(sp.factor(1 - c_real))}, \\qquad "
        f"1 - C_{{\\text{{complex}}}} = {tex(sp.factor(1 - c_cplx))}",
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
        "Differentiate $F$ in $\\beta$: on the real regime every factor is positive for "
        "$\\rho < 1$, so $F$ rises; on the complex regime it is minus a ratio of positive "
        "factors, so $F$ falls.",
        is_zero(d_real - expect_real) and is_zero(d_cplx - expect_cplx),
        equation=f"\\frac{{\\partial F_{{\\text{{real}}}}}}{{\\partial\\beta}} = {tex(d_real)}, "
        f"\\qquad \\frac{{\\partial F_{{\\text{{complex}}}}}}{{\\partial\\beta}} = {tex(d_cplx)}",
    )
    turn = rh / (2 - rh)
    kappa_star = (4 / (1 - rh) ** 2 - 1) / 3
    proof.require(
        "So $F$ is largest over $\\beta$ where the regimes meet, $\\beta = \\rho/(2 - \\rho)$ "
        "(the double root); there both forms agree, and $\\kappa$ is at most their common "
        "value $\\kappa^\\ast(\\rho)$.",
        is_zero(f_real.subs(bt, turn) - kappa_star)
        and is_zero(f_cplx.subs(bt, turn) - kappa_star)
        and is_zero(edge.subs(bt, turn) - rh),
        equation=f"F\\Big|_{{\\beta = \\rho/(2-\\rho)}} = "
        f"{tex(sp.factor(f_real.subs(bt, turn)))} = \\kappa^\\ast(\\rho)",
    )
    proof.require(
        "Hence, as $\\kappa^\\ast$ rises with $\\rho$ and reaches $\\kappa$ at "
        "$\\rho = 1 - 2/w$, every $(\\alpha, \\beta)$ has "
        "$\\max(\\rho(\\mu), \\rho(L)) \\ge 1 - 2/\\sqrt{3\\kappa + 1}$, the value the tuning "
        "attains: it is minimax.",
        is_zero(sp.diff(kappa_star, rh) - 8 / (3 * (1 - rh) ** 3))
        and is_zero(kappa_star.subs(rh, 1 - 2 / w) - (w**2 - 1) / 3),
        equation=f"\\frac{{d\\kappa^\\ast}}{{d\\rho}} = {tex(sp.factor(sp.diff(kappa_star, rh)))}, "
        f"\\qquad \\kappa^\\ast(1 - 2/w) = {tex(sp.factor(kappa_star.subs(rh, 1 - 2 / w)))} "
        "= \\kappa",
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
    names = {bb: r"\beta", kap: r"\kappa"}
    proof.require(
        "Derive the tuning: ask for a double root $r$ at $\\lambda = \\mu$ and for $-r$ to be "
        "a root at $\\lambda = L$, so the two ends have the same rate. With "
        "$c = 1 - \\alpha\\lambda$ the first holds at $c_\\mu$, the second at $c_L$.",
        is_zero(p.subs({beta: bb, lam: 1, alpha: 1 - c_mu}) - (sigma - r_mu) ** 2)
        and is_zero(p.subs({beta: bb, lam: 1, alpha: 1 - c_L, sigma: -r_mu})),
        equation=f"p\\big|_{{c_\\mu}} = {tex(sp.factor(p.subs({beta: bb, lam: 1, alpha: 1 - c_mu})), names)}, "
        f"\\quad c_\\mu = {tex(c_mu, names)}, \\quad c_L = {tex(sp.factor(c_L), names)}",
    )
    roots = sp.solve(sp.numer(sp.together((1 - c_L) - kap * (1 - c_mu))), bb)
    # The other root is 1/β (α is symmetric under β ↦ 1/β) and exceeds 1 for κ > 1.
    admissible = [x for x in roots if x.subs(kap, 8) < 1]
    root = sp.sqrt(3 * kap + 1)
    proof.require(
        "Solve $\\alpha L = \\kappa \\cdot \\alpha\\mu$, that is $1 - c_L = \\kappa(1 - "
        "c_\\mu)$, for $\\beta < 1$ (the other root is $1/\\beta$); then "
        "$\\alpha = 1 - c_\\mu = 4/(3\\kappa + 1)$: the tuning is derived, not assumed.",
        len(roots) == 2
        and len(admissible) == 1
        and is_zero(admissible[0] - (root - 2) / (root + 2))
        and is_zero((1 - c_mu).subs(bb, admissible[0]) - 4 / (3 * kap + 1)),
        equation=f"\\beta = {tex(admissible[0], names)} = {tex((root - 2) / (root + 2), names)}",
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
    proof.require(
        "The rate depends on $\\alpha\\lambda$ only, so take $\\mu = 1$, $L = \\kappa$ and "
        "write $w = \\sqrt{3\\kappa + 1} \\ge 2$; the tuning and its target rate become",
        is_zero(a_opt - 4 / w**2),
        equation=f"\\alpha = {tex(sp.factor(a_opt))}, \\quad \\beta = {tex(b_opt)}, \\quad "
        f"\\rho^\\ast = {tex(rate)}",
    )
    _derive_tuning(proof)
    c_mu = 1 - a_opt
    d_mu = discriminant().subs({alpha: a_opt, beta: b_opt, lam: 1})
    m_mu = (1 + b_opt) * c_mu / 2
    proof.require(
        "At $\\lambda = \\mu$ the discriminant vanishes, so the root is double, and it is "
        "half the trace.",
        is_zero(d_mu) and is_zero(m_mu - rate),
        equation=f"d\\big|_{{\\lambda = \\mu}} = {tex(reduced(d_mu))}, \\qquad "
        f"\\sigma_{{1,2}} = {tex(sp.factor(m_mu))}",
    )
    at_e = {w: 2 + _e}
    rho_mu = rate_at(a_opt.subs(at_e), b_opt.subs(at_e), 1)
    rho_L = rate_at(a_opt.subs(at_e), b_opt.subs(at_e), ((w**2 - 1) / 3).subs(at_e))
    rate_e = rate.subs(at_e)
    proof.require(
        "The kernel's rate at the two ends, with $w = 2 + e$, $e > 0$: both equal the target, "
        "so the rate equioscillates.",
        is_zero(rho_mu - rate_e) and is_zero(rho_L - rate_e),
        equation=f"\\rho(\\mu) - \\rho^\\ast = {tex(reduced(rho_mu - rate_e))}, \\qquad "
        f"\\rho(L) - \\rho^\\ast = {tex(reduced(rho_L - rate_e))}",
    )
    proof.require(
        "The tuning is admissible: $0 \\le \\beta < 1$, and at $\\kappa = 1$ ($w = 2$) it is "
        "gradient descent with $\\alpha = 1/L$ and rate 0.",
        b_opt.subs(w, 2) == 0 and rate.subs(w, 2) == 0 and is_zero(1 - b_opt - 4 / (w + 2)),
        equation=f"1 - \\beta = {tex(sp.factor(1 - b_opt))}, \\qquad "
        f"\\beta\\big|_{{w=2}} = {tex(b_opt.subs(w, 2))}, \\quad "
        f"\\rho^\\ast\\big|_{{w=2}} = {tex(rate.subs(w, 2))}",
    )
    _monotone_in_c(proof)
    proof.step(
        "So the worst case over $[\\mu, L]$ is the common value at the ends.",
        equation=f"\\max_{{[\\mu, L]}} \\rho = {tex(rate)}",
    )
    _prove_minimax(proof)
    # Iterations per decade ∝ 1/(−log ρ); compare with heavy ball's (√κ − 1)/(√κ + 1).
    ratio = sp.limit(sp.log((s - 1) / (s + 1)) / sp.log(1 - 2 / sp.sqrt(3 * s**2 + 1)), s, sp.oo)
    proof.require(
        "Hence the tuning is minimax with rate $1 - 2/\\sqrt{3\\kappa + 1}$, which is the "
        "statement; per decade of accuracy it needs $\\sqrt3$ times the iterations of heavy "
        "ball's optimum as $\\kappa = s^2 \\to \\infty$.",
        is_zero(ratio - sp.sqrt(3)),
        equation=f"\\lim_{{s \\to \\infty}} \\frac{{\\log \\rho_{{\\text{{HB}}}}}}"
        f"{{\\log \\rho_{{\\text{{NAG}}}}}} = {tex(ratio)}",
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
    proof.step(
        "Take $\\mu = 1$ and $L = \\kappa = s^2$ with $s = \\sqrt\\kappa \\ge 1$; the tuning "
        "becomes",
        equation=f"\\alpha = {tex(a_tb)}, \\qquad \\beta = {tex(b_tb)}",
    )
    d_mu = discriminant().subs({alpha: a_tb, beta: b_tb, lam: 1})
    proof.require(
        "At $\\lambda = \\mu$ the discriminant vanishes: a double root, at half the trace.",
        is_zero(d_mu) and is_zero((1 + b_tb) * (1 - a_tb) / 2 - rate),
        equation=f"d\\big|_{{\\lambda = \\mu}} = {tex(reduced(d_mu))}, \\qquad "
        f"\\sigma_{{1,2}} = {tex(sp.factor((1 + b_tb) * (1 - a_tb) / 2))}",
    )
    rho_mu = rate_at(a_tb.subs(s, 1 + _e), b_tb.subs(s, 1 + _e), 1)
    rho_L = rate_at(a_tb, b_tb, s**2)
    proof.require(
        "The kernel's rate at the two ends ($s = 1 + e$): $1 - 1/s$ at $\\mu$, and 0 at $L$, "
        "where $c = 1 - \\alpha L = 0$.",
        is_zero(rho_mu - rate.subs(s, 1 + _e)) and is_zero(rho_L),
        equation=f"\\rho(\\mu) = {tex(sp.factor(rho_mu).subs(_e, s - 1))}, \\qquad "
        f"\\rho(L) = {tex(reduced(rho_L))}",
    )
    _monotone_in_c(proof)
    proof.step(
        "So the worst case over $[\\mu, L]$ is the rate at $\\mu$.",
        equation=f"\\max_{{[\\mu, L]}} \\rho = {tex(rate)}",
    )
    gap = sp.expand(4 * s**2 - (3 * s**2 + 1))
    proof.require(
        "It is slower than the minimax rate $1 - 2/\\sqrt{3s^2 + 1}$ for $\\kappa > 1$: that "
        "comparison is $4s^2 > 3s^2 + 1$.",
        is_zero(sp.expand(4 * s**2 - (3 * s**2 + 1) - (s**2 - 1))),
        equation=f"4s^2 - (3s^2 + 1) = {tex(gap)} > 0",
    )
    ratio = sp.limit(sp.log(1 - 2 / sp.sqrt(3 * s**2 + 1)) / sp.log(1 - 1 / s), s, sp.oo)
    proof.require(
        "Hence the textbook tuning has rate $1 - 1/\\sqrt\\kappa$ and needs $2/\\sqrt3$ times "
        "the optimum's iterations per decade as $\\kappa \\to \\infty$: the statement.",
        is_zero(ratio - 2 / sp.sqrt(3)),
        equation=f"\\lim_{{s \\to \\infty}} \\frac{{\\log \\rho_{{\\text{{opt}}}}}}"
        f"{{\\log \\rho_{{\\text{{textbook}}}}}} = {tex(ratio)}",
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
    names = {
        xp: "x_{k-1}",
        xs: r"x^\star",
        Lc: "L",
        t: "t_k",
        t1: "t_{k+1}",
        Fk: "f(x_k)",
        F1: "f(x_{k+1})",
        Fs: r"f_\star",
        g: r"\nabla f(y_k)",
    }
    proof = Proof(True)
    proof.step(
        "The descent lemma and convexity give, for $p = y - \\nabla f(y)/L$ and any $x$, "
        "$f(x) - f(p) \\ge \\tfrac{L}{2}\\|p - y\\|^2 + L\\langle p - y, y - x\\rangle$; call "
        "the slack of this inequality $I(x) \\ge 0$."
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
        "Take the energy $E_k$ below. Its drop over one step is a combination of slacks with "
        "coefficients $\\tfrac{2}{L}(t_{k+1}^2 - t_{k+1})$ at $x_k$ and $\\tfrac{2}{L}t_{k+1}$ "
        "at $x^\\star$, plus $\\tfrac{2}{L}(t_k^2 - t_{k+1}^2 + t_{k+1})(f(x_k) - f_\\star)$: "
        "the residue vanishes identically.",
        is_zero(sp.expand(energy_k - energy_k1 - combination)),
        equation=f"E_k = {tex(energy_k, names)}, \\qquad E_k - E_{{k+1}} - (\\ldots) = "
        f"{tex(sp.expand(energy_k - energy_k1 - combination))}",
    )
    kk = sp.Symbol("k", positive=True)
    tk = (kk + 1) / 2
    tk1 = (kk + 2) / 2
    proof.require(
        "Choose $t_k = (k + 1)/2$: the momentum is the stated schedule and both coefficients "
        "are nonnegative, so the energy never rises.",
        is_zero((tk - 1) / tk1 - (kk - 1) / (kk + 2))
        and is_zero(tk**2 - tk1**2 + tk1 - sp.Rational(1, 4))
        and is_zero(tk1**2 - tk1 - kk * (kk + 2) / 4),
        equation=f"\\frac{{t_k - 1}}{{t_{{k+1}}}} = {tex(sp.factor((tk - 1) / tk1))}, \\quad "
        f"t_k^2 - t_{{k+1}}^2 + t_{{k+1}} = {tex(sp.expand(tk**2 - tk1**2 + tk1))}, \\quad "
        f"t_{{k+1}}^2 - t_{{k+1}} = {tex(sp.factor(tk1**2 - tk1))}",
    )
    x1 = x0 - g / Lc
    base = 2 / Lc * (F1 - Fs) + (x1 - xs) ** 2
    proof.require(
        "At the start $t_1 = 1$ and $x_1 = x_0 - \\nabla f(x_0)/L$, so the energy is at most "
        "the initial squared distance.",
        is_zero(sp.expand(base - ((x0 - xs) ** 2 - 2 / Lc * slack(Fs, xs, x0, x1, F1)))),
        equation=f"E_1 - \\Big(\\|x_0 - x^\\star\\|^2 - \\tfrac{{2}}{{L}} I(x^\\star)\\Big) = "
        f"{tex(sp.expand(base - ((x0 - xs) ** 2 - 2 / Lc * slack(Fs, xs, x0, x1, F1))))}",
    )
    bound = sp.simplify((x0 - xs) ** 2 * Lc / (2 * tk**2))
    proof.require(
        "Hence $\\tfrac{2}{L}t_k^2(f(x_k) - f_\\star) \\le E_k \\le E_1 \\le "
        "\\|x_0 - x^\\star\\|^2$, which is the statement (the square stands for the squared "
        "norm; the identities are quadratic forms, so one dimension suffices). It covers the "
        "$(k - 1)/(k + 2)$ schedule; the constant-$\\beta$ method of NAG-OPTIMAL is the "
        "strongly convex variant, which this bound does not cover.",
        is_zero(bound - 2 * Lc * (x0 - xs) ** 2 / (kk + 1) ** 2),
        equation=f"f(x_k) - f_\\star \\le {tex(bound, names)}",
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
