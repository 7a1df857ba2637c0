r"""The lecture's worked examples (family ``LECT``).

Source: lecture slides "Optimization" (``seeds/002_bee5153b5cb4bea1.txt``):
backpropagation through a two-layer regression network ŷ = w₂·max(0, w₁x) with
the numbers x = 1, y = 0, w₁ = 1/3, w₂ = 2, one gradient step, the L1/L2
regularisation example, the regularised network objective, the gradient as the
direction of steepest ascent, non-convexity of the network's loss, and the
minibatch count of an epoch.

Every number is recomputed in exact rationals by differentiating the loss with
sympy, and compared with the factors the slides print; the ReLU is sympy's
``Max(0, z)``, whose derivative sympy gives as a Heaviside step, so the
derivative's condition is derived, not assumed.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .proof import Proof, differs_at, is_zero

_LECTURE = "lecture"
_GD_NN = "Gradient Descent for Neural Networks"

x, y, w1, w2, z = sp.symbols("x y w_1 w_2 z", real=True)
lam_reg = sp.Symbol("lambda_r", nonnegative=True)
step = sp.Symbol("alpha", positive=True)

#: The slides' initialisation.
POINT = {x: 1, y: 0, w1: sp.Rational(1, 3), w2: 2}


def network(x_: sp.Expr = x, w1_: sp.Expr = w1, w2_: sp.Expr = w2) -> sp.Expr:
    """ŷ = w₂ max(0, w₁x).

    >>> print(network())
    w_2*Max(0, w_1*x)
    """
    return w2_ * sp.Max(0, w1_ * x_)


@functools.cache
def loss() -> sp.Expr:
    """L = (ŷ − y)² for one sample (n = d = 1 on the slides).

    >>> print(loss().subs(POINT))
    4/9
    """
    return (network() - y) ** 2


@functools.cache
def gradient() -> tuple[sp.Expr, sp.Expr]:
    """(∂L/∂w₁, ∂L/∂w₂), differentiated by sympy (ReLU included).

    >>> print([g.subs(POINT) for g in gradient()])
    [8/3, 4/9]
    """
    L = loss()
    return sp.diff(L, w1), sp.diff(L, w2)


def _at(expr: sp.Expr, point: dict | None = None) -> sp.Expr:
    return sp.simplify(sp.sympify(expr).subs(point or POINT))


def _tex(expr: sp.Basic) -> str:
    # LaTeX of a computed object with the slides' names (λ for the regularisation weight);
    # sympy prints the Heaviside step as θ, which the slides use for weights: show it as H.
    text = sp.latex(expr, symbol_names={lam_reg: r"\lambda", step: r"\alpha"})
    return text.replace(r"\theta\left(", r"H\left(")


@claim(
    "LECT-BACKPROP",
    title="Backpropagation through the two-layer ReLU network: every number on the slides",
    seed=_LECTURE,
    section=_GD_NN,
    quote=r"$$2 \cdot \frac{2}{3} \cdot 2 \cdot 1$$",
    statement=r"At $x=1, y=0, w_1=\tfrac13, w_2=2$: $z=\sigma=\tfrac13$, $\hat y=\tfrac23$, "
    r"$L=\tfrac49$, $\partial L/\partial\hat y = 2\cdot\tfrac23$, "
    r"$\partial L/\partial w_2 = 2\cdot\tfrac23\cdot\tfrac13 = \tfrac49$, "
    r"$\partial L/\partial w_1 = 2\cdot\tfrac23\cdot 2\cdot 1\cdot 1 = \tfrac83$",
)
def prove_backprop() -> Proof:
    """Prove every number of the slides' backpropagation through the two-layer ReLU network."""
    third = sp.Rational(1, 3)
    proof = Proof(True)
    zz = _at(w1 * x)
    sig = _at(sp.Max(0, w1 * x))
    yhat = _at(network())
    proof.require(
        "Forward pass at the slides' point $x = 1$, $y = 0$, $w_1 = 1/3$, $w_2 = 2$: the "
        "pre-activation and the ReLU output.",
        zz == third and sig == third,
        equation=rf"z = w_1x = {_tex(zz)}, \qquad \sigma = \max(0, z) = {_tex(sig)}",
    )
    proof.require(
        "The output and the squared loss.",
        yhat == 2 * third and _at(loss()) == sp.Rational(4, 9),
        equation=rf"\hat y = w_2\sigma = {_tex(yhat)}, \qquad L = (\hat y - y)^2 = "
        + _tex(_at(loss())),
    )
    yh = sp.Symbol("yhat", real=True)
    dl_dyhat = sp.diff((yh - y) ** 2, yh).subs({yh: yhat, y: 0})
    proof.require(
        "Backward: differentiate the loss in the output, $2(\\hat y - y)$, which is the "
        "printed $2 \\cdot \\tfrac23$.",
        dl_dyhat == 2 * sp.Rational(2, 3),
        equation=r"\frac{\partial L}{\partial \hat y} = " + _tex(dl_dyhat),
    )
    g1, g2 = gradient()
    proof.require(
        "Differentiate $L$ in $w_2$ (sympy, ReLU included) and evaluate: the printed "
        "$2 \\cdot \\tfrac23 \\cdot \\tfrac13$.",
        _at(g2) == 2 * sp.Rational(2, 3) * third == sp.Rational(4, 9),
        g2,
        equation=rf"\frac{{\partial L}}{{\partial w_2}} = {_tex(g2)} = {_tex(_at(g2))}",
    )
    proof.require(
        "Differentiate $L$ in $w_1$ and evaluate: the printed $2 \\cdot \\tfrac23 \\cdot 2 "
        "\\cdot 1$ (times $x = 1$).",
        _at(g1) == 2 * sp.Rational(2, 3) * 2 * 1 * 1 == sp.Rational(8, 3),
        g1,
        equation=rf"\frac{{\partial L}}{{\partial w_1}} = {_tex(g1)} = {_tex(_at(g1))}",
    )
    chain = dl_dyhat * _at(w2) * 1 * _at(x)
    proof.require(
        "The chain rule along the graph, with $\\partial\\sigma/\\partial z = 1$ since "
        "$z > 0$, gives the same number. Hence every number on the slides is right, which is "
        "the statement.",
        chain == _at(g1),
        equation=r"\frac{\partial L}{\partial \hat y}\frac{\partial \hat y}{\partial \sigma}"
        r"\frac{\partial \sigma}{\partial z}\frac{\partial z}{\partial w_1} = "
        rf"{_tex(dl_dyhat)} \cdot {_tex(_at(w2))} \cdot 1 \cdot {_tex(_at(x))} = {_tex(chain)}",
    )
    return proof


@claim(
    "LECT-RELU-CONDITION",
    title="The ReLU derivative's condition is z > 0 (one slide prints x > 0)",
    seed=_LECTURE,
    section=_GD_NN,
    quote=r"\boxed{\frac{\partial \sigma}{\partial z} = \begin{cases} 1 & \text{if } x > 0 "
    r"\\ 0 & \text{else} \end{cases}}",
    statement=r"$\frac{\partial}{\partial z}\max(0,z) = 1$ for $z>0$ and $0$ for $z<0$; the "
    r"condition is on $z = w_1x$, not on $x$",
    kind="printed-formula",
    rule="one-rendition",
    printed=r"\frac{\partial \sigma}{\partial z} = \begin{cases} 1 & \text{if } x > 0 \\ 0 & "
    r"\text{else} \end{cases}",
    corrected=r"\frac{\partial \sigma}{\partial z} = \begin{cases} 1 & \text{if } z > 0 \\ 0 & "
    r"\text{else} \end{cases}",
)
def prove_relu_condition() -> Proof:
    """Prove that the ReLU derivative's condition is on z = w₁x, not on x as one slide prints."""
    proof = Proof(True)
    d = sp.diff(sp.Max(0, z), z)
    proof.step(
        "Differentiate $\\max(0, z)$ with sympy: the result is the Heaviside step $H$.",
        d,
        equation=r"\frac{\partial}{\partial z}\max(0, z) = " + _tex(d),
    )
    proof.require(
        "Evaluate it on both sides of $0$: it is $1$ for positive $z$ and $0$ for negative $z$.",
        d.subs(z, sp.Rational(1, 3)) == 1
        and d.subs(z, 5) == 1
        and d.subs(z, -sp.Rational(1, 3)) == 0
        and d.subs(z, -5) == 0,
        equation=r", \quad ".join(
            rf"\sigma'({sp.latex(v)}) = {_tex(d.subs(z, v))}"
            for v in (sp.Rational(1, 3), 5, -sp.Rational(1, 3), -5)
        ),
    )
    # The boxed slide's version, as a function of x, against the true one at x = 1, w₁ = −1.
    true_d = sp.Piecewise((1, w1 * x > 0), (0, True))
    printed_d = sp.Piecewise((1, x > 0), (0, True))
    counter = {x: 1, w1: -1}
    refuted = differs_at(printed_d, true_d, counter)
    proof.printed_holds = not refuted
    proof.require(
        "The printed condition '$x > 0$' is wrong in general: at $x = 1$, $w_1 = -1$ (so "
        "$z = -1$) it gives $1$ where the derivative is $0$.",
        refuted,
        equation=rf"\sigma'_{{\text{{printed}}}} = {_tex(printed_d.subs(counter))} \ne "
        rf"{_tex(true_d.subs(counter))} = \sigma'(w_1x) \quad (x = 1,\ w_1 = -1)",
    )
    at_slides = {x: 1, w1: sp.Rational(1, 3)}
    proof.require(
        "At the slides' point ($x = 1$, $w_1 = 1/3$) both conditions hold, so the printed "
        "$2 \\cdot \\tfrac23 \\cdot 2 \\cdot 1$ is unaffected. Hence the condition is "
        "$z > 0$, not $x > 0$, which is the statement.",
        not differs_at(printed_d, true_d, at_slides),
        equation=rf"\sigma'_{{\text{{printed}}}} = {_tex(printed_d.subs(at_slides))} = "
        rf"{_tex(true_d.subs(at_slides))} = \sigma'(w_1x) \quad (x = 1,\ w_1 = \tfrac13)",
    )
    proof.note = (
        "Slip, not an erratum: the same formula appears three more times in the file (on "
        "the slides before it) with the right condition 'z > 0'; only the boxed copy has 'x > 0'."
    )
    return proof


@claim(
    "LECT-UPDATE",
    title="One gradient step on the network, and what the step size does",
    seed=_LECTURE,
    section=_GD_NN,
    quote=r"\begin{pmatrix} \frac{1}{3} \\ 2 \end{pmatrix} - \alpha \cdot \begin{pmatrix} "
    r"\frac{8}{3} \\ \frac{4}{9} \end{pmatrix}",
    statement=r"$w' = (\tfrac13, 2) - \alpha(\tfrac83, \tfrac49)$; the loss along the step has slope "
    r"$-\|\nabla L\|^2 = -\tfrac{592}{81}$ at $\alpha = 0$ and reaches $0$ at $\alpha = \tfrac18$, "
    r"where the ReLU switches off (and stays off: every $\alpha \ge \tfrac18$ gives $L = 0$ and zero gradient)",
)
def prove_update() -> Proof:
    """Prove the slides' gradient step on the network and what each step size does to the loss."""
    g1, g2 = (_at(g) for g in gradient())
    proof = Proof(True)
    proof.require(
        "The gradient at the slides' point (the backpropagation numbers) gives the printed step "
        "$w' = (\\tfrac13, 2) - \\alpha\\nabla L$.",
        g1 == sp.Rational(8, 3) and g2 == sp.Rational(4, 9),
        equation=rf"\nabla L = \left({_tex(g1)}, {_tex(g2)}\right)",
    )
    new = {x: 1, y: 0, w1: sp.Rational(1, 3) - step * g1, w2: 2 - step * g2}
    along = ((2 - step * g2) * (sp.Rational(1, 3) - step * g1)) ** 2
    on = sp.Symbol("p", positive=True)  # α = (1 − p)/8 < 1/8: w₁' = p/3 > 0
    off = sp.Symbol("q", nonnegative=True)  # α = (1 + q)/8 ≥ 1/8: w₁' = −q/3 ≤ 0
    loss_along = loss().subs(new)
    off_loss = sp.simplify(loss_along.subs(step, (1 + off) / 8))
    proof.require(
        "The loss along the step: for $\\alpha < 1/8$ (written $\\alpha = (1 - p)/8$, "
        "$p > 0$, so $w_1' = p/3 > 0$) it is the smooth expression below; for $\\alpha \\ge "
        "1/8$ (written $\\alpha = (1 + q)/8$, $q \\ge 0$) the ReLU is off and it is $0$.",
        is_zero((loss_along - along).subs(step, (1 - on) / 8))
        and is_zero(loss_along.subs(step, (1 + off) / 8)),
        equation=rf"L(w') = {_tex(along)} \quad (\alpha < \tfrac18), \qquad "
        rf"L(w')\big|_{{\alpha = (1 + q)/8}} = {_tex(off_loss)}",
    )
    slope = sp.diff(along, step).subs(step, 0)
    proof.require(
        "Its slope at $\\alpha = 0$ is $-\\|\\nabla L\\|^2$: the step is a descent direction.",
        slope == -(g1**2 + g2**2) == -sp.Rational(592, 81),
        slope,
        equation=r"\frac{d}{d\alpha}L(w')\Big|_{\alpha = 0} = "
        + _tex(slope)
        + r" = -\|\nabla L\|^2",
    )
    g_after = [g.subs(new).subs(step, (1 + off) / 8) for g in gradient()]
    proof.require(
        "After any step with $\\alpha \\ge 1/8$ the ReLU output and the gradient are $0$ "
        "(at $\\alpha = 1/8$ exactly, $\\hat y = 0$ multiplies the ReLU's undefined slope): "
        "the unit is dead. Hence the step and the effect of $\\alpha$ are as stated.",
        all(is_zero(g) for g in g_after),
        equation=r"\nabla L(w')\big|_{\alpha = (1 + q)/8} = "
        + _tex(sp.Matrix([sp.simplify(g) for g in g_after]).T)
        + "^T",
    )
    return proof


@claim(
    "LECT-L1-L2",
    title="The L1/L2 regularisation example: equal outputs, different penalties",
    seed=_LECTURE,
    section="Regularization: Example",
    quote=r"$\theta_1 \rightarrow 0 + 0.75^2 + 0 = 0.5625$ "
    r"$\theta_2 \rightarrow 0.25^2 + 0.5^2 + 0.25^2 = 0.375$",
    statement=r"$x=(1,2,1)$, $\theta_1=(0,0.75,0)$, $\theta_2=(0.25,0.5,0.25)$: "
    r"$\theta_1\cdot x=\theta_2\cdot x=1.5$; $\|\theta_1\|_2^2=0.5625 > \|\theta_2\|_2^2=0.375$, "
    r"$\|\theta_1\|_1=0.75 < \|\theta_2\|_1=1$",
)
def prove_l1_l2() -> Proof:
    """Prove the slides' L1/L2 example: equal outputs, but each norm prefers a different θ."""
    q = sp.Rational
    xv = sp.Matrix([1, 2, 1])
    t1 = sp.Matrix([0, q(3, 4), 0])
    t2 = sp.Matrix([q(1, 4), q(1, 2), q(1, 4)])
    proof = Proof(True)
    proof.require(
        "Both classifiers give the same output on $x = (1, 2, 1)$ ('the same result').",
        t1.dot(xv) == t2.dot(xv) == q(3, 2),
        equation=rf"\theta_1 \cdot x = {sp.latex(t1.dot(xv))}, \qquad \theta_2 \cdot x = "
        + sp.latex(t2.dot(xv)),
    )
    proof.require(
        "Their squared L2 norms are the printed $0.5625$ and $0.375$.",
        t1.dot(t1) == q(5625, 10000) and t2.dot(t2) == q(375, 1000),
        equation=rf"\|\theta_1\|_2^2 = {sp.latex(t1.dot(t1))}, \qquad \|\theta_2\|_2^2 = "
        + sp.latex(t2.dot(t2)),
    )
    l1 = [sum(abs(v) for v in t) for t in (t1, t2)]
    proof.require(
        "Their L1 norms are $0.75$ and $1$.",
        l1 == [q(3, 4), 1],
        equation=rf"\|\theta_1\|_1 = {sp.latex(l1[0])}, \qquad \|\theta_2\|_1 = " + sp.latex(l1[1]),
    )
    proof.require(
        "Hence, with the same data loss, L2 prefers the spread-out $\\theta_2$ and L1 the "
        "sparse $\\theta_1$, which is the statement.",
        t2.dot(t2) < t1.dot(t1) and l1[0] < l1[1],
        equation=rf"\|\theta_2\|_2^2 - \|\theta_1\|_2^2 = {sp.latex(t2.dot(t2) - t1.dot(t1))}"
        rf" < 0 < {sp.latex(l1[1] - l1[0])} = \|\theta_2\|_1 - \|\theta_1\|_1",
    )
    return proof


@claim(
    "LECT-REGULARISED",
    title="The regularised network objective and its gradient",
    seed=_LECTURE,
    section="Regularization for Neural Networks",
    quote=r"$$\sum_{i=1}^n \|w_2 \max(0, w_1 x_i) - y_i\|_2^2 + \lambda(w_1^2 + w_2^2)$$",
    statement=r"$\lambda\|(w_1,w_2)\|_2^2 = \lambda(w_1^2+w_2^2)$ and "
    r"$\nabla\big(L + \lambda(w_1^2+w_2^2)\big) = \nabla L + 2\lambda(w_1, w_2)$; at the slides' "
    r"point $(\tfrac83 + \tfrac23\lambda,\ \tfrac49 + 4\lambda)$",
)
def prove_regularised() -> Proof:
    """Prove the gradient of the L2-regularised network loss, at the slides' point."""
    proof = Proof(True)
    norm_sq = sp.Matrix([w1, w2]).norm() ** 2
    proof.require(
        "For real weights the squared L2 norm is the sum of squares.",
        is_zero(norm_sq - (w1**2 + w2**2)),
        equation=r"\|(w_1, w_2)\|_2^2 = " + _tex(sp.simplify(norm_sq)),
    )
    obj = loss() + lam_reg * (w1**2 + w2**2)
    grads = [sp.diff(obj, v) for v in (w1, w2)]
    base = gradient()
    proof.require(
        "Differentiate the regularised objective: the penalty adds $2\\lambda w$ to the gradient.",
        is_zero(grads[0] - base[0] - 2 * lam_reg * w1)
        and is_zero(grads[1] - base[1] - 2 * lam_reg * w2),
        equation=r"\nabla\big(L + \lambda(w_1^2 + w_2^2)\big) - \nabla L = "
        + _tex(sp.Matrix([sp.simplify(grads[i] - base[i]) for i in range(2)]).T)
        + "^T",
    )
    at = [_at(g) for g in grads]
    proof.require(
        "Evaluate at the slides' point. Hence the regularised gradient is $\\nabla L + "
        "2\\lambda w$, with the stated value there, which is the statement.",
        is_zero(at[0] - (sp.Rational(8, 3) + 2 * lam_reg / 3))
        and is_zero(at[1] - (sp.Rational(4, 9) + 4 * lam_reg)),
        sp.Matrix(at),
        equation=rf"\nabla\big(L + \lambda(w_1^2 + w_2^2)\big)\Big|_{{(1/3,\,2)}} = "
        rf"\left({_tex(at[0])}, {_tex(at[1])}\right)",
    )
    return proof


@claim(
    "LECT-STEEPEST-ASCENT",
    title="The gradient is the direction of steepest ascent",
    seed=_LECTURE,
    section="Gradient Descent",
    quote="Direction of greatest increase of the function",
    statement=r"For unit $u$: $|\nabla f\cdot u| \le \|\nabla f\|$, with $+\|\nabla f\|$ exactly at "
    r"$u = \nabla f/\|\nabla f\|$ and $-\|\nabla f\|$ at $u = -\nabla f/\|\nabla f\|$",
)
def prove_steepest_ascent() -> Proof:
    """Prove that the gradient is the direction of steepest ascent among unit vectors."""
    proof = Proof(True)
    for n in (2, 3):
        g = sp.symbols(f"g1:{n + 1}", real=True)
        u = sp.symbols(f"u1:{n + 1}", real=True)
        lhs = (
            sum(gi**2 for gi in g) * sum(ui**2 for ui in u)
            - sum(gi * ui for gi, ui in zip(g, u, strict=True)) ** 2
        )
        rhs = sum((g[i] * u[j] - g[j] * u[i]) ** 2 for i in range(n) for j in range(i + 1, n))
        proof.require(
            f"In dimension $n = {n}$, Lagrange's identity writes the Cauchy–Schwarz gap as a sum "
            "of squares, so $g \\cdot u \\le \\|g\\|$ for $\\|u\\| = 1$, with equality iff "
            "$u$ is parallel to $g$.",
            is_zero(lhs - rhs),
            equation=r"\|g\|^2\|u\|^2 - (g \cdot u)^2 = " + _tex(sp.factor(lhs))
            if n == 2
            else r"\|g\|^2\|u\|^2 - (g \cdot u)^2 - \sum_{i<j}(g_iu_j - g_ju_i)^2 = "
            + _tex(sp.expand(lhs - rhs)),
        )
    g1_, g2_ = sp.symbols("g1 g2", positive=True)
    norm = sp.sqrt(g1_**2 + g2_**2)
    proof.require(
        "The unit vector $u = g/\\|g\\|$ attains $g \\cdot u = \\|g\\|$ (and $-g/\\|g\\|$ "
        "attains $-\\|g\\|$). Hence the gradient is the direction of steepest ascent, and its "
        "negative of steepest descent, which is the statement.",
        is_zero((g1_ * g1_ + g2_ * g2_) / norm - norm),
        equation=r"g \cdot \frac{g}{\|g\|} = " + _tex(sp.simplify((g1_ * g1_ + g2_ * g2_) / norm)),
    )
    return proof


@claim(
    "LECT-NONCONVEX",
    title="The network's loss is not convex (exact counterexample on a segment)",
    seed=_LECTURE,
    section="Convergence of Gradient Descent",
    quote="Neural networks are non-convex",
    statement=r"With the slides' sample $x=1, y=0$: $L(w_1,w_2) = (w_2\max(0,w_1))^2$ is $0$ at "
    r"$(2,0)$ and $(0,2)$ but $1$ at their midpoint $(1,1)$, above the chord; with "
    r"$+\lambda(w_1^2+w_2^2)$ the same segment breaks convexity for every $\lambda < \tfrac12$",
)
def prove_nonconvex() -> Proof:
    """Prove, by an exact counterexample on a segment, that the network's loss is not convex."""
    L = loss().subs({x: 1, y: 0})
    a, b = {w1: 2, w2: 0}, {w1: 0, w2: 2}
    mid = {w1: 1, w2: 1}
    proof = Proof(True)
    proof.require(
        "With the slides' sample $x = 1$, $y = 0$, the loss vanishes at both ends of the "
        "segment from $(2, 0)$ to $(0, 2)$.",
        L.subs(a) == 0 and L.subs(b) == 0,
        equation=rf"L(2, 0) = {_tex(L.subs(a))}, \qquad L(0, 2) = {_tex(L.subs(b))}",
    )
    proof.require(
        "At the midpoint it is above the chord, so $L$ is not convex.",
        L.subs(mid) == 1,
        equation=rf"L(1, 1) = {_tex(L.subs(mid))} > "
        rf"{_tex((L.subs(a) + L.subs(b)) / 2)} = \tfrac12\big(L(2, 0) + L(0, 2)\big)",
    )
    reg = L + lam_reg * (w1**2 + w2**2)
    gap = sp.expand(reg.subs(mid) - (reg.subs(a) + reg.subs(b)) / 2)
    proof.require(
        "With the penalty $\\lambda(w_1^2 + w_2^2)$ the midpoint still lies above the chord "
        "for every $\\lambda < 1/2$. Hence the loss is not convex, which is the statement.",
        is_zero(gap - (1 - 2 * lam_reg)),
        gap,
        equation=r"L_\lambda(1, 1) - \tfrac12\big(L_\lambda(2, 0) + L_\lambda(0, 2)\big) = "
        + _tex(gap),
    )
    return proof


@claim(
    "LECT-CONVEX-LOCAL",
    uses=("LECT-NONCONVEX",),
    title="For a convex function every local minimum is global",
    seed=_LECTURE,
    section="Convergence of Gradient Descent",
    quote="Convex function: all local minima are global minima",
    statement=r"If $f$ is convex and $x$ a local minimum then $f(x) \le f(y)$ for every $y$",
)
def prove_convex_local() -> Proof:
    """Prove that every local minimum of a convex function is a global one."""
    proof = Proof(True)
    fx, fy, t_ = sp.symbols("f_x f_y t", real=True)
    # Local minimum: f(x) ≤ f(x + t(y − x)) for small t > 0; convexity:
    # f(x + t(y − x)) ≤ (1 − t) f(x) + t f(y).  Together: f(x) ≤ (1 − t)f(x) + t f(y).
    chord = (1 - t_) * fx + t_ * fy
    names = {fx: "f(x)", fy: "f(y)"}
    proof.require(
        "For small $t > 0$, $x + t(y - x)$ is near $x$, so $f(x) \\le f(x + t(y - x)) \\le "
        "(1 - t)f(x) + tf(y)$ by local minimality and convexity; the right side minus $f(x)$ "
        "rearranges exactly.",
        is_zero((chord - fx) - t_ * (fy - fx)),
        equation=r"(1 - t)f(x) + tf(y) - f(x) = "
        + sp.latex(sp.expand(chord - fx), symbol_names=names)
        + r" \ge 0",
    )
    proof.step(
        "With $t > 0$ this gives $f(y) \\ge f(x)$ for every $y$. Hence a local minimum of a "
        "convex function is global, which is the statement; LECT-NONCONVEX shows that the "
        "network's loss is not convex, so the guarantee does not apply to it (the slides' "
        "'Not guaranteed to reach the global optimum')."
    )
    return proof


# --- 'Can it overcome local minima?' ---------------------------------------------

_WELL_A, _WELL_B = sp.Rational(1, 10), sp.Rational(9, 10)


def double_well_gradient(v: sp.Expr) -> sp.Expr:
    """f' of a C¹ double well: 4(x + 1) + 1 (x < −1), −x (hill), x − 2 (x ≥ 1).

    Local minimum at −5/4 (depth 1/8 below the hill's edge), global minimum at 2
    (depth 1/2).

    >>> print(double_well_gradient(sp.Integer(-2)), double_well_gradient(sp.Integer(3)))
    -3 1
    """
    if v < -1:
        return 4 * (v + 1) + 1
    if v < 1:
        return -v
    return v - 2


def _heavy_ball_exact(x0: sp.Expr, beta_: sp.Expr, steps: int) -> tuple[sp.Expr, sp.Expr]:
    """(x_N, x_{N−1}) of x⁺ = x − αf'(x) + β(x − x⁻) from x⁻¹ = x⁰ (z⁰ = 0), in rationals."""
    v, prev = x0, x0
    for _ in range(steps):
        v, prev = v - _WELL_A * double_well_gradient(v) + beta_ * (v - prev), v
    return v, prev


def _trapped(v: sp.Expr, prev: sp.Expr, slope: int, centre: sp.Expr, room: sp.Expr) -> bool:
    """True if, from the state (v, prev), every later iterate stays within ``room`` of ``centre``.

    On one quadratic piece the map is linear, s⁺ = Ms with s = (x − c, x⁻ − c).
    P solving MᵀPM − P = −I (positive definite) gives V(s) = sᵀPs decreasing along
    the iteration, and on {V ≤ V(s)} the largest |x − c| is √(V(s)·(P⁻¹)₁₁):
    if that is below the distance to the piece's edge, the iterates never leave.
    """
    M = sp.Matrix([[1 + _WELL_B - _WELL_A * slope, -_WELL_B], [1, 0]])
    p11, p12, p22 = sp.symbols("p11 p12 p22")
    P = sp.Matrix([[p11, p12], [p12, p22]])
    sol = sp.solve(list(M.T * P * M - P + sp.eye(2)), [p11, p12, p22], dict=True)
    if len(sol) != 1:
        return False
    P = P.subs(sol[0])
    state = sp.Matrix([v - centre, prev - centre])
    level = (state.T * P * state)[0]
    inside = abs(v - centre) < room and abs(prev - centre) < room
    return bool(P.is_positive_definite) and inside and level * P.inv()[0, 0] < room**2


@claim(
    "LECT-MOMENTUM-LOCAL-MIN",
    title="Can momentum overcome a local minimum? Sometimes: an exact example each way",
    seed=_LECTURE,
    section="Gradient Descent with Momentum",
    quote="Can it overcome local minima?",
    statement=r"On the $C^1$ double well $f' = 4(x+1)+1$ $(x<-1)$, $-x$, $x-2$ $(x\ge1)$ with "
    r"$\alpha = 1/10$: from $x^0=-2$ gradient descent converges to the local minimum $-5/4$ while "
    r"heavy ball with $\beta = 9/10$ crosses the hill and converges to the global minimum $2$; "
    r"from $x^0 = -3/2$ the same heavy ball stays in the local well",
)
def prove_momentum_local_min() -> Proof:
    """Prove, by exact examples, that momentum sometimes escapes a local minimum and sometimes not."""
    proof = Proof(True)
    x_ = sp.Symbol("x", real=True)
    pieces = [4 * (x_ + 1) + 1, -x_, x_ - 2]
    zeros = [sp.solve(q, x_)[0] for q in pieces]
    proof.require(
        "The double well's derivative $f'$ is continuous at the joins $-1$ and $1$ (so $f$ is "
        "$C^1$), with one zero per piece: the local minimum, the hilltop and the global "
        "minimum.",
        pieces[0].subs(x_, -1) == pieces[1].subs(x_, -1)
        and pieces[1].subs(x_, 1) == pieces[2].subs(x_, 1)
        and zeros == [sp.Rational(-5, 4), 0, 2],
        equation=rf"f'(-1^\mp) = {sp.latex(pieces[0].subs(x_, -1))}, "
        rf"{sp.latex(pieces[1].subs(x_, -1))}, \quad f'(1^\mp) = "
        rf"{sp.latex(pieces[1].subs(x_, 1))}, {sp.latex(pieces[2].subs(x_, 1))}, \quad "
        rf"f' = 0 \iff x \in \{{{', '.join(sp.latex(v) for v in zeros)}\}}",
    )
    depth_local = sp.integrate(pieces[0], (x_, sp.Rational(-5, 4), -1))
    depth_global = -sp.integrate(pieces[2], (x_, 1, 2))
    hill = sp.integrate(pieces[1], (x_, -1, 1))
    proof.require(
        "Integrate $f'$ over each piece: the global well is deeper, and the hill's edges are "
        "at the same height, so $2$ is the global minimum.",
        depth_local == sp.Rational(1, 8) and depth_global == sp.Rational(1, 2) and hill == 0,
        equation=rf"f(-1) - f(-\tfrac54) = {sp.latex(depth_local)}, \quad f(1) - f(2) = "
        rf"{sp.latex(depth_global)}, \quad f(1) - f(-1) = {sp.latex(hill)}",
    )
    # Gradient descent from −2: x + 5/4 shrinks by 1 − 4α = 3/5 and never leaves the left piece.
    e = sp.Symbol("e", positive=True)
    gd = (x_ - _WELL_A * pieces[0]).subs(x_, sp.Rational(-5, 4) - e) + sp.Rational(5, 4)
    proof.require(
        "Gradient descent ($\\alpha = 1/10$) on the left piece contracts the distance to "
        "$-5/4$ by $3/5$ per step (with $x = -5/4 - e$), so from $-2$ it stays below $-1$ and "
        "converges to the local minimum.",
        is_zero(gd + sp.Rational(3, 5) * e),
        equation=r"x^{k+1} + \tfrac54\Big|_{x^k = -5/4 - e} = " + sp.latex(gd),
    )
    steps = 200
    v, prev = _heavy_ball_exact(sp.Integer(-2), _WELL_B, steps)
    proof.require(
        f"Heavy ball ($\\beta = 9/10$) from $-2$, iterated {steps} steps in exact rationals, "
        "has crossed the hill: its state lies in a Lyapunov ellipse of the right piece that "
        "stays inside $x > 1$, so it is trapped in the global well.",
        _trapped(v, prev, 1, sp.Integer(2), sp.Integer(1)),
        equation=rf"x^{{{steps}}} - 2 \approx {sp.latex(sp.Float(v - 2, 3))}",
    )
    v, prev = _heavy_ball_exact(sp.Rational(-3, 2), _WELL_B, steps)
    proof.require(
        f"The same heavy ball from $-3/2$, after {steps} exact steps, is trapped in the local "
        "well (a Lyapunov ellipse inside $x < -1$).",
        _trapped(v, prev, 4, sp.Rational(-5, 4), sp.Rational(1, 4)),
        equation=rf"x^{{{steps}}} + \tfrac54 \approx {sp.latex(sp.Float(v + sp.Rational(5, 4), 3))}",
    )
    proof.step(
        "On either final piece the map is linear with spectral radius $\\sqrt\\beta < 1$, so "
        "the trapped iterates converge to that piece's minimiser. Hence momentum overcomes "
        "the local minimum from one start and not from another, which is the statement."
    )
    proof.note = (
        "The slide asks a question; the answer depends on the start, so this claim shows one "
        "exact example each way."
    )
    return proof


@claim(
    "LECT-EPOCH",
    title="Minibatches per epoch: 2²⁰ samples in batches of 64",
    seed=_LECTURE,
    section="Stochastic Gradient Descent (SGD)",
    quote=r"$B_1 \dots n/m = B_1 \dots 16,384$ minibatches",
    statement=r"$n/m = 2^{20}/64 = 16384$, and $2^{20} = 1048576$ is 'about 1 million'",
)
def prove_epoch() -> Proof:
    """Prove the slides' count of minibatches per epoch: 2²⁰ samples in batches of 64."""
    proof = Proof(True)
    proof.require(
        "Divide the $2^{20}$ samples into minibatches of $64$.",
        sp.Integer(2) ** 20 / 64 == 16384,
        equation=r"\frac{n}{m} = \frac{2^{20}}{64} = " + sp.latex(sp.Integer(2) ** 20 / 64),
    )
    proof.require(
        "The sample count is about a million. Hence an epoch has $16384$ minibatches, which "
        "is the statement.",
        sp.Integer(2) ** 20 == 1048576,
        equation=r"2^{20} = " + sp.latex(sp.Integer(2) ** 20),
    )
    return proof


__all__ = ["POINT", "gradient", "loss", "network"]
