"""The colorization problem: a quadratic on a grid graph and the spectra of its Laplacian.

Sources: G. Goh, "Why Momentum Really Works", Distill 2017
(``seeds/001_dca7dfbbfee52c11.txt``), "Example: The Colorization Problem", and the
blog's copy of that section (``seeds/000_5a449e681689af02.txt``).

Both sources lost the objective and its vectorised form (images).  What survives
is the per-pixel gradient step

    w_i⁺ = w_i − α Σ_{j∈N(i)} (w_i − w_j) − α (w_i − 1)·[i ∈ D],

and the statement that the all-ones vector is optimal.  The objective is
reconstructed as the one whose gradient step that is:

    f(w) = ½ Σ_{i∈D} (w_i − 1)² + ½ Σ_{{i,j}∈E} (w_i − w_j)²,

each undirected edge counted once (counting ordered pairs would double the
neighbour sum).  Its vectorised form is ½ wᵀ(L_G + P_D) w − 1_Dᵀ w + |D|/2 with
L_G = degree − adjacency.  The path and grid spectra are proven in closed form
(free ends: 2 − 2cos(πj/n); grid: sums of two path spectra), and with them the
growth of the Laplacian's condition number, κ ≈ 8n²/π² on the n × n grid.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._registry import claim
from .proof import Proof, differs_at, is_zero
from .symbols import alpha, latex

_DISTILL = "distill"
_SECTION = "Example: The Colorization Problem"


def grid_edges(rows: int, cols: int) -> list[tuple[int, int]]:
    """Undirected four-neighbour edges of a ``rows`` × ``cols`` grid, pixels row-major.

    >>> grid_edges(2, 2)
    [(0, 1), (2, 3), (0, 2), (1, 3)]
    """
    horizontal = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    vertical = [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    return horizontal + vertical


def pixels(count: int) -> list[sp.Symbol]:
    """Real symbols w0, w1, … for the pixel values.

    >>> print(pixels(3))
    [w0, w1, w2]
    """
    return list(sp.symbols(f"w0:{count}", real=True))


def objective(rows: int, cols: int, distinguished: tuple[int, ...]) -> sp.Expr:
    """The reconstructed objective ½Σ_D (w_i − 1)² + ½Σ_E (w_i − w_j)² on a small grid.

    >>> print(objective(1, 2, (0,)))
    (w0 - 1)**2/2 + (w0 - w1)**2/2
    """
    w = pixels(rows * cols)
    anchor = sum((w[i] - 1) ** 2 for i in distinguished) / 2
    smooth = sum((w[i] - w[j]) ** 2 for i, j in grid_edges(rows, cols)) / 2
    return anchor + smooth


def laplacian(rows: int, cols: int) -> sp.Matrix:
    """L_G = degree − adjacency of the grid, as an exact integer matrix.

    >>> laplacian(1, 3)
    Matrix([
    [ 1, -1,  0],
    [-1,  2, -1],
    [ 0, -1,  1]])
    """
    n = rows * cols
    lap = sp.zeros(n, n)
    for i, j in grid_edges(rows, cols):
        lap[i, i] += 1
        lap[j, j] += 1
        lap[i, j] -= 1
        lap[j, i] -= 1
    return lap


def printed_step(rows: int, cols: int, distinguished: tuple[int, ...]) -> list[sp.Expr]:
    """The per-pixel gradient step as the source prints it, pixel by pixel.

    >>> print(printed_step(1, 2, (0,)))
    [-alpha*(w0 - 1) - alpha*(w0 - w1) + w0, -alpha*(-w0 + w1) + w1]
    """
    w = pixels(rows * cols)
    neighbours: dict[int, list[int]] = {i: [] for i in range(rows * cols)}
    for i, j in grid_edges(rows, cols):
        neighbours[i].append(j)
        neighbours[j].append(i)
    return [
        w[i]
        - alpha * sum(w[i] - w[j] for j in neighbours[i])
        - (alpha * (w[i] - 1) if i in distinguished else 0)
        for i in range(rows * cols)
    ]


_ROWS, _COLS, _D = 3, 3, (0, 4)


@claim(
    "COLOR-STEP",
    title="The per-pixel gradient step, and the objective reconstructed from it",
    seed=_DISTILL,
    section=_SECTION,
    quote="wik+1=wik−α∑j∈N(wik−wjk)−{α(wik−1)i∈D0i∉D",
    statement=r"$f(w)=\tfrac12\sum_{i\in D}(w_i-1)^2+\tfrac12\sum_{\{i,j\}\in E}(w_i-w_j)^2$ "
    r"(each edge once) has the gradient step $w_i^{k+1}=w_i^k-\alpha\sum_{j\in N(i)}(w_i^k-w_j^k)"
    r"-\alpha(w_i^k-1)[i\in D]$",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"w_{i}^{k+1}=w_{i}^{k}-\alpha\sum_{j\in N}(w_{i}^{k}-w_{j}^{k})-\begin{cases}"
    r"\alpha(w_{i}^{k}-1) & i\in D\\ 0 & i\notin D\end{cases}",
    corrected=r"w_i^{k+1}=w_i^k-\alpha\sum_{j\in N(i)}(w_i^k-w_j^k)-\alpha(w_i^k-1)[i\in D]",
    reconstructed=True,
)
def prove_step() -> Proof:
    """Prove the per-pixel gradient step of the reconstructed objective, and refute the printed one."""
    proof = Proof(True)
    wi, wj = sp.symbols("w_i w_j", real=True)
    proof.require(
        "Differentiate one edge term and one anchor term: pixel $i$ collects $\\sum_{j \\in "
        "N(i)}(w_i - w_j)$ from its edges and $w_i - 1$ if $i \\in D$.",
        is_zero(sp.diff((wi - wj) ** 2 / 2, wi) - (wi - wj))
        and is_zero(sp.diff((wi - 1) ** 2 / 2, wi) - (wi - 1)),
        equation=rf"\frac{{\partial}}{{\partial w_i}}\tfrac12(w_i - w_j)^2 = "
        rf"{latex(sp.diff((wi - wj) ** 2 / 2, wi))}, \qquad \frac{{\partial}}{{\partial w_i}}"
        rf"\tfrac12(w_i - 1)^2 = {latex(sp.diff((wi - 1) ** 2 / 2, wi))}",
    )
    f = objective(_ROWS, _COLS, _D)
    w = pixels(_ROWS * _COLS)
    step = printed_step(_ROWS, _COLS, _D)
    proof.require(
        f"On the ${_ROWS} \\times {_COLS}$ grid with $D = \\{{{', '.join(map(str, _D))}\\}}$ the "
        "gradient step $w - \\alpha\\nabla f(w)$ equals the printed step at every pixel "
        "(corners, edges, centre; in and out of $D$); the corner pixel $0 \\in D$ is shown.",
        all(is_zero(w[i] - alpha * sp.diff(f, w[i]) - step[i]) for i in range(len(w))),
        equation=rf"w_0 - \alpha\frac{{\partial f}}{{\partial w_0}} = "
        rf"{latex(sp.collect(sp.expand(w[0] - alpha * sp.diff(f, w[0])), alpha))}",
    )
    doubled = (
        objective(_ROWS, _COLS, _D)
        + sum((w[i] - w[j]) ** 2 for i, j in grid_edges(_ROWS, _COLS)) / 2
    )
    at = {alpha: sp.Rational(1, 10), **{x: sp.Integer(i) for i, x in enumerate(w)}}
    proof.require(
        "Counting each edge twice (ordered pairs) would double the neighbour sum: at "
        "$\\alpha = 1/10$, $w_i = i$ it disagrees with the printed step, so the edges are "
        "unordered. Hence the reconstructed objective has exactly the printed per-pixel step, "
        "which is the statement.",
        differs_at(w[1] - alpha * sp.diff(doubled, w[1]), step[1], at),
        equation=r"\Big(w_1 - \alpha\frac{\partial f_{\text{doubled}}}{\partial w_1}\Big) - "
        rf"w_1^{{k+1}} = {latex(sp.expand((w[1] - alpha * sp.diff(doubled, w[1]) - step[1]).subs(at)))}"
        r" \ne 0",
    )
    proof.printed_holds = True
    proof.note = (
        "The objective is an image in both seeds; it is reconstructed from the printed step, "
        "which then holds exactly.  'j ∈ N' is read as the neighbours of pixel i."
    )
    return proof


@claim(
    "COLOR-VECTORISED",
    title="Vectorised colorization objective with the graph Laplacian",
    seed=_DISTILL,
    section=_SECTION,
    quote="In vectorized form, the colorization problem is The Laplacian matrix, LGL_GLG 8, "
    "which dominates the behavior of the optimization problem",
    markers={"LGL_GLG 8": 8},
    statement=r"$f(w)=\tfrac12 w^T L_G w+\tfrac12\sum_{i\in D}(w_i-1)^2"
    r"=\tfrac12 w^T(L_G+P_D)w-\mathbf 1_D^T w+\tfrac{|D|}2$, $L_G=\mathrm{Deg}-\mathrm{Adj}"
    r"=\sum_{\{i,j\}\in E}(e_i-e_j)(e_i-e_j)^T$",
    reconstructed=True,
)
def prove_vectorised() -> Proof:
    """Prove that the colorization objective is the quadratic ½wᵀ(L_G + P_D)w − 1_Dᵀw + |D|/2."""
    proof = Proof(True)
    a, b = sp.symbols("a b", real=True)
    edge = sp.Matrix([1, -1])
    one_edge = (sp.Matrix([[a, b]]) * edge * edge.T * sp.Matrix([a, b]))[0]
    proof.require(
        "One edge: the rank-one matrix $(e_i - e_j)(e_i - e_j)^T$ has the edge's squared "
        "difference as its quadratic form (with $w_i = a$, $w_j = b$).",
        is_zero(one_edge - (a - b) ** 2),
        equation=r"(a, b)\,(e_i - e_j)(e_i - e_j)^T(a, b)^T = " + latex(sp.factor(one_edge)),
    )
    rows, cols, dist = 3, 4, (0, 5, 11)
    n = rows * cols
    w = sp.Matrix(pixels(n))
    lap = laplacian(rows, cols)
    p_d = sp.diag(*[1 if i in dist else 0 for i in range(n)])
    one_d = sp.Matrix([1 if i in dist else 0 for i in range(n)])
    vector_form = (w.T * (lap + p_d) * w)[0] / 2 - (one_d.T * w)[0] + sp.Rational(len(dist), 2)
    proof.require(
        f"On the ${rows} \\times {cols}$ grid with $D = \\{{{', '.join(map(str, dist))}\\}}$ "
        "the sum form equals the vector form, as a polynomial identity in 12 variables.",
        is_zero(objective(rows, cols, dist) - vector_form),
        equation=r"f(w) - \big(\tfrac12 w^T(L_G + P_D)w - \mathbf 1_D^Tw + \tfrac{|D|}{2}\big)"
        r" = " + latex(sp.expand(objective(rows, cols, dist) - vector_form)),
    )
    edge_sum = sp.zeros(n, n)
    for i, j in grid_edges(rows, cols):
        e = sp.zeros(n, 1)
        e[i], e[j] = 1, -1
        edge_sum += e * e.T
    proof.require(
        "Summing the rank-one matrices over the edges gives the Laplacian $\\mathrm{Deg} - "
        "\\mathrm{Adj}$. Hence the objective is the stated quadratic, which is the statement.",
        edge_sum == lap,
        equation=r"\#\Big\{(i, j) : \Big(\sum_{E}(e_i - e_j)(e_i - e_j)^T - L_G\Big)_{ij} "
        rf"\ne 0\Big\}} = {sum(1 for v in edge_sum - lap if v != 0)}",
    )
    proof.note = "The vectorised formula is an image in both seeds; reconstructed."
    return proof


@claim(
    "COLOR-LAPLACIAN-BLOG",
    uses=("COLOR-VECTORISED",),
    title="The blog's “LG 8”: a footnote marker that reads as the matrix 8·L_G",
    seed="blog",
    section=_SECTION,
    quote="The Laplacian matrix, LG 8, which dominates the behaviour of the optimization problem",
    statement=r"The matrix of the colorization problem is $L_G=\mathrm{Deg}-\mathrm{Adj}$, with "
    r"$w^TL_Gw=\sum_{\{i,j\}\in E}(w_i-w_j)^2$; the 8 after it is the Distill article's "
    r"footnote 8, and $8L_G$ (the product the blog's text reads as) is not that matrix",
    kind="printed-formula",
    rule="glued-marker",
    printed=r"L_G\,8 = 8L_G",
    corrected=r"L_G=\mathrm{Deg}-\mathrm{Adj}\quad(\text{footnote 8 of the article})",
    markers={"LG 8": 8},
)
def prove_blog_laplacian() -> Proof:
    """Prove that the blog's “LG 8” is L_G followed by a footnote marker, not the matrix 8·L_G."""
    proof = Proof(True)
    rows, cols = 1, 2  # the smallest graph: one edge
    lap = laplacian(rows, cols)
    a, b = sp.symbols("a b", real=True)
    w = sp.Matrix([a, b])
    proof.require(
        "On the smallest graph, one edge, the Laplacian's quadratic form is the edge term of "
        "the objective (COLOR-VECTORISED).",
        is_zero((w.T * lap * w)[0] - (a - b) ** 2),
        (w.T * lap * w)[0],
        equation=rf"L_G = {latex(lap)}, \qquad (a, b)\,L_G\,(a, b)^T = "
        + latex(sp.factor((w.T * lap * w)[0])),
    )
    printed = 8 * lap
    proof.printed_holds = not differs_at(printed[0, 0], lap[0, 0], {})
    proof.require(
        "Read as the product $8L_G$, its diagonal is $8$ where the vertex's degree is $1$, and "
        "its quadratic form is eight times the objective's. Hence the 8 is a footnote marker "
        "after $L_G$, not a factor, which is the statement.",
        proof.printed_holds is False and not is_zero((w.T * printed * w)[0] - (a - b) ** 2),
        equation=rf"(8L_G)_{{11}} = {latex(printed[0, 0])} \ne {latex(lap[0, 0])} = "
        rf"(L_G)_{{11}}, \qquad (a, b)\,8L_G\,(a, b)^T = "
        + latex(sp.factor((w.T * printed * w)[0])),
    )
    proof.note = (
        "Typography: the blog copies the Distill sentence, whose footnote marker 8 follows "
        "L_G; with no other rendition of the sentence in the blog file, it reads 'LG 8' as a "
        "formula, the product 8·L_G.  The Distill file keeps the marker on a line of its own "
        "(claim COLOR-VECTORISED shows it as a marker)."
    )
    return proof


@claim(
    "COLOR-OPTIMUM",
    title="The all-ones vector is the unique minimiser",
    seed=_DISTILL,
    section=_SECTION,
    quote="The optimal solution to this problem is a vector of all 111’s",
    statement=r"$\nabla f(\mathbf 1)=0$, and $L_G+P_D\succ0$ when $G$ is connected and "
    r"$D\neq\emptyset$, so $\mathbf 1$ is the unique minimiser",
)
def prove_optimum() -> Proof:
    """Prove that the all-ones vector is the unique minimiser of the colorization problem."""
    proof = Proof(True)
    w = pixels(_ROWS * _COLS)
    f = objective(_ROWS, _COLS, _D)
    ones = {x: 1 for x in w}
    fixed = [expr.subs(ones) for expr in printed_step(_ROWS, _COLS, _D)]
    grad_at = [sp.diff(f, x).subs(ones) for x in w]
    proof.require(
        f"On the ${_ROWS} \\times {_COLS}$ grid the printed step leaves $w = \\mathbf 1$ "
        "fixed at every pixel (each term $1 - 1$ vanishes), and the gradient there is zero.",
        all(is_zero(v - 1) for v in fixed) and all(g == 0 for g in grad_at),
        equation=rf"w^{{k+1}}\big|_{{w^k = \mathbf 1}} = {latex(sp.Matrix(fixed).T)}^T, \qquad "
        rf"\nabla f(\mathbf 1) = {latex(sp.Matrix(grad_at).T)}^T",
    )
    proof.step(
        "The quadratic form $w^T(L_G + P_D)w = \\sum_E(w_i - w_j)^2 + \\sum_D w_i^2$ vanishes "
        "only if $w$ is constant along every edge (so constant on a connected graph) and zero "
        "on $D$, that is $w = 0$: the Hessian is positive definite."
    )
    hess = sp.hessian(f, w)
    minors = [hess[:m, :m].det() for m in range(1, len(w) + 1)]
    proof.require(
        "On the $3 \\times 3$ grid this is checked exactly: the leading principal minors of "
        "the Hessian are positive. Hence $\\mathbf 1$ is the unique minimiser, which is the "
        "statement.",
        bool(hess.is_positive_definite),
        equation=r"\big(\det H_{1:m,1:m}\big)_{m=1}^{9} = " + latex(sp.Tuple(*minors)),
    )
    return proof


@claim(
    "COLOR-ZERO-MODE",
    title="L_G is positive semidefinite with eigenvalue 0 on the constant vector",
    seed=_DISTILL,
    section=_SECTION,
    quote="(the first eigenvalue is always 0, with eigenvector equal to the matrix of all 1′s)",
    statement=r"$w^TL_Gw=\sum_E(w_i-w_j)^2\ge0$, $L_G\mathbf 1=0$, and for a connected graph the "
    r"null space is exactly $\mathrm{span}(\mathbf 1)$",
    kind="printed-formula",
    rule="misnamed",
    printed=r"L_G v = 0\cdot v,\quad v = \text{the matrix of all 1's}",
    corrected=r"L_G\mathbf 1 = 0\cdot\mathbf 1,\quad \mathbf 1 = (1,\dots,1)^T\in\mathbf R^n "
    r"\text{ (the vector of all 1's)}",
)
def prove_zero_mode() -> Proof:
    """Prove that L_G is positive semidefinite with L_G·1 = 0 (1 a vector of ones, not a matrix)."""
    proof = Proof(True)
    rows, cols = 3, 4
    n = rows * cols
    lap = laplacian(rows, cols)
    w = sp.Matrix(pixels(n))
    quad = sp.expand((w.T * lap * w)[0])
    edges = sp.expand(sum((w[i] - w[j]) ** 2 for i, j in grid_edges(rows, cols)))
    proof.require(
        f"On the ${rows} \\times {cols}$ grid the Laplacian's quadratic form is the sum of "
        "squared differences over the edges, so it is nonnegative.",
        is_zero(quad - edges),
        equation=r"w^TL_Gw - \sum_{\{i,j\} \in E}(w_i - w_j)^2 = " + latex(quad - edges),
    )
    proof.require(
        "Every row of $L_G$ sums to zero, so the constant vector is in its null space.",
        lap * sp.ones(n, 1) == sp.zeros(n, 1),
        equation=r"L_G\mathbf 1 = " + latex((lap * sp.ones(n, 1)).T) + "^T",
    )
    proof.require(
        "Its rank is $n - 1$, so the null space is exactly the span of $\\mathbf 1$.",
        lap.rank() == n - 1,
        equation=rf"\mathrm{{rank}}\, L_G = {lap.rank()} = n - 1",
    )
    # As printed, the eigenvector is "the matrix of all 1's": an n×n array, not a vector of
    # Rⁿ, the space L_G acts on, so the sentence names no eigenvector at all.
    ones_matrix = sp.ones(n, n)
    proof.printed_holds = ones_matrix.shape == (n, 1)
    proof.require(
        f"As printed, the eigenvector is 'the matrix of all 1's', an ${n} \\times {n}$ array, "
        f"not an element of $\\mathbf R^{{{n}}}$, the space $L_G$ acts on. Hence $L_G$ is "
        "positive semidefinite with eigenvalue $0$ on the all-ones vector, which is the "
        "statement.",
        proof.printed_holds is False,
        equation=rf"\text{{shape of the matrix of all 1's}} = {ones_matrix.shape[0]} \times "
        rf"{ones_matrix.shape[1]} \ne {n} \times 1",
    )
    proof.note = (
        "Slip (a wrong word): the text says 'eigenvector equal to the matrix of all 1's' (the "
        "blog: 'eigenvectors equal to the matrix of all 1's'); the eigenvector is the all-ones "
        "vector, as the same file says of the optimum two paragraphs earlier ('a vector of "
        "all 1's')."
    )
    return proof


_j = sp.Symbol("j", integer=True, nonnegative=True)
_n = sp.Symbol("n", integer=True, positive=True)
_theta, _a, _phi = sp.symbols("theta a phi", real=True)


def _trig_zero(expr: sp.Expr) -> bool:
    return is_zero(sp.expand(sp.expand_trig(expr)))


@claim(
    "COLOR-PATH-SPECTRUM",
    title="Spectrum of the path Laplacian (free and Dirichlet ends)",
    seed=_DISTILL,
    section="The Resisting Oracle",
    quote="Taking this to its extreme, we can look at a graph consisting of a single path",
    statement=r"Free ends (graph Laplacian): $\lambda_j=2-2\cos(\pi j/n)$, $v_i=\cos(\pi j(i-\tfrac12)/n)$,"
    r" $j=0,\dots,n-1$. Dirichlet ends ($\mathrm{tridiag}(-1,2,-1)$): $\lambda_j=2-2\cos(\pi j/(n+1))$,"
    r" $v_i=\sin(\pi ij/(n+1))$, $j=1,\dots,n$",
)
def prove_path_spectrum() -> Proof:
    """Prove the eigenpairs of the path Laplacian, with free ends and with fixed (Dirichlet) ends."""
    proof = Proof(True)
    lam_t = 2 - 2 * sp.cos(_theta)
    interior_cos = 2 * sp.cos(_a) - sp.cos(_a - _theta) - sp.cos(_a + _theta) - lam_t * sp.cos(_a)
    first_row = sp.cos(_phi) - sp.cos(3 * _phi) - (2 - 2 * sp.cos(2 * _phi)) * sp.cos(_phi)
    ghost = sp.cos(_a + _phi) - sp.cos(_a - _phi) + 2 * sp.sin(_a) * sp.sin(_phi)
    interior_sin = 2 * sp.sin(_a) - sp.sin(_a - _theta) - sp.sin(_a + _theta) - lam_t * sp.sin(_a)
    proof.require(
        "Interior rows: for $v_i = \\cos a$ and $v_{i\\pm1} = \\cos(a \\pm \\theta)$, any $a$ "
        "and $\\theta$, the second difference is $(2 - 2\\cos\\theta)v_i$; expanding the "
        "cosines leaves nothing.",
        _trig_zero(interior_cos),
        equation=r"2\cos a - \cos(a - \theta) - \cos(a + \theta) - (2 - 2\cos\theta)\cos a = "
        + latex(sp.expand(sp.expand_trig(interior_cos))),
    )
    proof.require(
        "Free first row $v_1 - v_2 = \\lambda v_1$ with $v_1 = \\cos(\\theta/2)$, $v_2 = "
        "\\cos(3\\theta/2)$ (write $\\varphi = \\theta/2$).",
        _trig_zero(first_row),
        equation=r"\cos\varphi - \cos 3\varphi - (2 - 2\cos 2\varphi)\cos\varphi = "
        + latex(sp.expand(sp.expand_trig(first_row))),
    )
    proof.require(
        "Free last row: it holds iff a ghost value $v_{n+1}$ equals $v_n$, and their "
        "difference is a product with the factor $\\sin(n\\theta)$, which vanishes at "
        "$\\theta = \\pi j/n$.",
        _trig_zero(ghost) and sp.sin(_n * (sp.pi * _j / _n)) == 0,
        equation=r"\cos(a + \varphi) - \cos(a - \varphi) + 2\sin a\sin\varphi = "
        + latex(sp.expand(sp.expand_trig(ghost)))
        + rf", \qquad \sin\Big(n\,\frac{{\pi j}}{{n}}\Big) = {latex(sp.sin(_n * (sp.pi * _j / _n)))}",
    )
    proof.require(
        "Dirichlet ends: $v_i = \\sin(i\\theta)$ satisfies the same interior recurrence, and "
        "$v_0 = 0$, $v_{n+1} = \\sin(\\pi j) = 0$ at $\\theta = \\pi j/(n + 1)$.",
        _trig_zero(interior_sin)
        and sp.sin(0) == 0
        and sp.sin((_n + 1) * sp.pi * _j / (_n + 1)) == 0,
        equation=r"2\sin a - \sin(a - \theta) - \sin(a + \theta) - (2 - 2\cos\theta)\sin a = "
        + latex(sp.expand(sp.expand_trig(interior_sin)))
        + rf", \qquad v_{{n+1}} = {latex(sp.sin((_n + 1) * sp.pi * _j / (_n + 1)))}",
    )
    half_angle = (2 - 2 * sp.cos(2 * _phi)) - 4 * sp.sin(_phi) ** 2
    proof.require(
        "For numerics the eigenvalue has a form without cancellation at small $\\theta$: "
        "$2 - 2\\cos\\theta = 4\\sin^2(\\theta/2)$.",
        _trig_zero(half_angle),
        equation=r"2 - 2\cos 2\varphi - 4\sin^2\varphi = "
        + latex(sp.simplify(sp.expand_trig(half_angle))),
    )
    proof.step(
        "Since $\\cos$ is strictly decreasing on $[0, \\pi]$, the $n$ values $j = 0, \\dots, "
        "n - 1$ (free) or $j = 1, \\dots, n$ (Dirichlet) give $n$ distinct eigenvalues: the "
        "whole spectrum."
    )
    dets = {
        size: [
            sp.simplify(
                (laplacian(1, size) - (2 - 2 * sp.cos(sp.pi * j / size)) * sp.eye(size)).det()
            )
            for j in range(size)
        ]
        for size in (2, 3, 4)
    }
    proof.require(
        "Exact check for $n = 2, 3, 4$ with free ends: $\\det(L - \\lambda_j I) = 0$ for every "
        "$j$; the case $n = 4$ is shown. Hence the eigenpairs are as stated for both kinds of "
        "ends, which is the statement.",
        all(
            is_zero((laplacian(1, size) - (2 - 2 * sp.cos(sp.pi * j / size)) * sp.eye(size)).det())
            for size in (2, 3, 4)
            for j in range(size)
        ),
        equation=r"\Big(\det\big(L_4 - (2 - 2\cos\tfrac{\pi j}{4})I\big)\Big)_{j=0}^{3} = "
        + latex(sp.Tuple(*dets[4])),
    )
    return proof


@claim(
    "COLOR-GRID-SPECTRUM",
    title="The grid Laplacian is a Kronecker sum; its eigenvalues are sums",
    seed=_DISTILL,
    section=_SECTION,
    quote="EEE be the set of edges connecting each pixel to its four neighboring pixels",
    statement=r"$L_{m\times n}=L_m\otimes I_n+I_m\otimes L_n$, so its eigenvalues are "
    r"$(2-2\cos\tfrac{\pi a}{m})+(2-2\cos\tfrac{\pi b}{n})$ with eigenvectors $v_a\otimes v_b$",
)
def prove_grid_spectrum() -> Proof:
    """Prove that the grid Laplacian is a Kronecker sum, so its eigenvalues are sums of path ones."""
    proof = Proof(True)
    mismatches = {}
    for rows, cols in ((2, 3), (3, 4), (4, 4)):
        kron = sp.kronecker_product(laplacian(1, rows), sp.eye(cols)) + sp.kronecker_product(
            sp.eye(rows), laplacian(1, cols)
        )
        mismatches[rows, cols] = sum(1 for v in kron - laplacian(rows, cols) if v != 0)
    proof.require(
        "Build the grid Laplacian from its edges and compare it with the Kronecker sum of the "
        "two path Laplacians, for the $2 \\times 3$, $3 \\times 4$ and $4 \\times 4$ grids: "
        "no entry differs.",
        all(m == 0 for m in mismatches.values()),
        equation=r"\#\{\text{entries of } L_m \otimes I + I \otimes L_n - L_{m \times n} "
        r"\ne 0\} = " + ", ".join(str(m) for m in mismatches.values()),
    )
    A = sp.Matrix(2, 2, sp.symbols("a0:4"))
    B = sp.Matrix(3, 3, sp.symbols("b0:9"))
    x = sp.Matrix(sp.symbols("x0:2"))
    y = sp.Matrix(sp.symbols("y0:3"))
    lhs = (sp.kronecker_product(A, sp.eye(3)) + sp.kronecker_product(sp.eye(2), B)) * (
        sp.kronecker_product(x, y)
    )
    rhs = sp.kronecker_product(A * x, y) + sp.kronecker_product(x, B * y)
    proof.require(
        "For generic $2 \\times 2$ and $3 \\times 3$ matrices, a Kronecker sum acts on a "
        "product vector term by term.",
        all(is_zero(e) for e in lhs - rhs),
        equation=r"(A \otimes I + I \otimes B)(x \otimes y) - \big((Ax) \otimes y + x \otimes "
        r"(By)\big) = " + latex(sp.expand(lhs - rhs).T) + "^T",
    )
    proof.step(
        "So $Ax = \\lambda x$ and $By = \\mu y$ give the eigenvalue $\\lambda + \\mu$ on "
        "$x \\otimes y$, and the $mn$ products of the two orthogonal eigenbases form an "
        "orthogonal basis. Hence the grid's eigenvalues are the sums of the paths', which is "
        "the statement."
    )
    return proof


@functools.cache
def path_condition_number() -> tuple[sp.Symbol, sp.Expr, sp.Expr]:
    """(n, κ_path, κ_grid): λ_max/λ₂ of the free path and of the n × n grid.

    >>> n, k_path, k_grid = path_condition_number()
    >>> print(sp.simplify(k_path.subs(n, 3)), sp.simplify(k_grid.subs(n, 3)))
    3 6
    """
    lam2 = 2 - 2 * sp.cos(sp.pi / _n)
    lmax = 2 - 2 * sp.cos(sp.pi * (_n - 1) / _n)
    return _n, lmax / lam2, 2 * lmax / lam2


@claim(
    "COLOR-CONDITION",
    uses=("COLOR-GROWTH",),
    title="The Laplacian's conditioning is λ_n/λ₂ (eigenvalues), not 'second eigenvector to the last'",
    seed=_DISTILL,
    section=_SECTION,
    quote="The conditioning of LGL_GLG, here defined as the ratio of the second eigenvector to the last",
    statement=r"$\kappa(L_G)=\lambda_n/\lambda_2$, the largest eigenvalue over the smallest nonzero one "
    r"(the text's own $\kappa=\lambda_n/\lambda_1$ on the complement of $\mathbf 1$)",
    kind="printed-formula",
    rule="every-rendition",
    printed=r"\kappa(L_G) = \lambda_2/\lambda_n \quad\text{(``ratio of the second eigenvector to the last'')}",
    corrected=r"\kappa(L_G) = \lambda_n/\lambda_2",
)
def prove_condition_wording() -> Proof:
    """Refute the printed κ(L_G) = λ₂/λₙ and prove κ(L_G) = λₙ/λ₂, a ratio of eigenvalues."""
    proof = Proof(True)
    lap = laplacian(1, 3)
    eig = sorted(lap.eigenvals(), key=lambda e: float(e))
    proof.require(
        "Take the path on 3 vertices; its Laplacian's eigenvalues, exactly:",
        eig == [0, 1, 3],
        equation=r"\mathrm{spec}\,L_3 = \{" + ", ".join(latex(e) for e in eig) + r"\}",
    )
    printed = sp.Rational(eig[1], eig[2])
    corrected = sp.Rational(eig[2], eig[1])
    proof.printed_holds = not differs_at(printed, corrected, {})
    proof.require(
        "The printed ratio, read as eigenvalues, is below $1$, so it cannot be a condition "
        "number; the ratio the other way round is.",
        printed == sp.Rational(1, 3) and corrected == 3,
        equation=rf"\frac{{\lambda_2}}{{\lambda_n}} = {latex(printed)} < 1 \le "
        rf"{latex(corrected)} = \frac{{\lambda_n}}{{\lambda_2}}",
    )
    closed = sp.simplify(path_condition_number()[1].subs(_n, 3))
    proof.require(
        "The closed form of COLOR-GROWTH gives the same value at $n = 3$. Hence "
        "$\\kappa(L_G) = \\lambda_n/\\lambda_2$, a ratio of eigenvalues, which is the "
        "statement.",
        is_zero(path_condition_number()[1].subs(_n, 3) - 3),
        equation=r"\kappa_{\text{path}}\big|_{n = 3} = " + latex(closed),
    )
    proof.note = (
        "Erratum by the rule 'every rendition is false as printed': the sentence exists only as "
        "prose in both seeds (Distill and the blog), both say 'second eigenvector to the last'. "
        "A ratio of eigenvectors is not a number, and read as eigenvalues λ₂/λₙ ≤ 1 is the "
        "reciprocal of a condition number."
    )
    return proof


@claim(
    "COLOR-GROWTH",
    title="The grid Laplacian's condition number grows like 8n²/π²",
    seed=_DISTILL,
    section=_SECTION,
    quote="is directly connected to the connectivity of the graph",
    statement=r"Path: $\kappa=\cot^2\frac{\pi}{2n}$; $n\times n$ grid: $\kappa=2\cot^2\frac{\pi}{2n}$; "
    r"$\kappa_{\rm grid}/n^2\to 8/\pi^2$ and $\kappa_{\rm path}/n^2\to4/\pi^2$",
)
def prove_growth() -> Proof:
    """Prove that the condition number of the n × n grid Laplacian grows like 8n²/π²."""
    proof = Proof(True)
    n, k_path, k_grid = path_condition_number()
    y = sp.Symbol("y", positive=True)
    ratio = (1 + sp.cos(2 * y)) / (1 - sp.cos(2 * y))
    reflected = sp.expand_trig(sp.cos(sp.pi - sp.pi / n))
    proof.require(
        "For the free path, $\\lambda_{\\max}$ sits at the angle $\\pi(n - 1)/n = \\pi - "
        "\\pi/n$, whose cosine is minus that of $\\lambda_2$'s angle; so $\\kappa_{\\text{"
        "path}} = (2 + 2\\cos(\\pi/n))/(2 - 2\\cos(\\pi/n))$.",
        is_zero(reflected + sp.cos(sp.pi / n))
        and is_zero(sp.expand(sp.pi * (n - 1) / n - (sp.pi - sp.pi / n))),
        equation=r"\cos\Big(\pi - \frac{\pi}{n}\Big) = " + latex(reflected),
    )
    proof.require(
        "With $y = \\pi/(2n)$ that ratio is a squared cotangent.",
        is_zero(sp.simplify(sp.expand_trig(ratio) - sp.cot(y) ** 2)),
        equation=r"\frac{1 + \cos 2y}{1 - \cos 2y} = "
        + latex(sp.simplify(sp.expand_trig(ratio)))
        + r" = \cot^2 y",
    )
    proof.step(
        "For the grid, $\\lambda_2 = 2 - 2\\cos(\\pi/n)$ ($a = 1$, $b = 0$) and "
        "$\\lambda_{\\max} = 2(2 - 2\\cos(\\pi(n - 1)/n))$ ($a = b = n - 1$), since "
        "$2 - 2\\cos$ is increasing on $[0, \\pi]$: $\\kappa_{\\text{grid}} = "
        "2\\kappa_{\\text{path}}$."
    )
    cot = sp.cot(sp.pi / (2 * n)) ** 2
    lim_path = sp.limit(cot / n**2, n, sp.oo)
    lim_grid = sp.limit(2 * cot / n**2, n, sp.oo)
    proof.require(
        "Divide by $n^2$ and let $n \\to \\infty$.",
        is_zero(lim_path - 4 / sp.pi**2) and is_zero(lim_grid - 8 / sp.pi**2),
        equation=rf"\lim_{{n \to \infty}}\frac{{\kappa_{{\text{{path}}}}}}{{n^2}} = "
        rf"{latex(lim_path)}, \qquad \lim_{{n \to \infty}}\frac{{\kappa_{{\text{{grid}}}}}}"
        rf"{{n^2}} = {latex(lim_grid)}",
    )
    proof.require(
        "Check the closed forms against $\\lambda_{\\max}/\\lambda_2$ from the proven spectra "
        "for $n = 2, 3, 4, 6$; the case $n = 6$ is shown. Hence the grid's condition number "
        "grows like $8n^2/\\pi^2$, which is the statement.",
        all(
            is_zero(k_path.subs(n, size) - sp.cot(sp.pi / (2 * size)) ** 2)
            and is_zero(k_grid.subs(n, size) - 2 * sp.cot(sp.pi / (2 * size)) ** 2)
            for size in (2, 3, 4, 6)
        ),
        equation=r"\frac{\lambda_{\max}}{\lambda_2}\Big|_{\text{grid}, n = 6} = "
        + latex(sp.simplify(k_grid.subs(n, 6)))
        + r" = 2\cot^2\frac{\pi}{12} = "
        + latex(sp.simplify(2 * sp.cot(sp.pi / 12) ** 2)),
    )
    return proof
