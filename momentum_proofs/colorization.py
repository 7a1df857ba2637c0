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
from .symbols import alpha

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
        "one edge: ∂/∂w_i ½(w_i − w_j)² = w_i − w_j, so pixel i collects Σ_{j∈N(i)}(w_i − w_j)",
        is_zero(sp.diff((wi - wj) ** 2 / 2, wi) - (wi - wj)),
    )
    proof.require(
        "one anchor: ∂/∂w_i ½(w_i − 1)² = w_i − 1, only for i ∈ D",
        is_zero(sp.diff((wi - 1) ** 2 / 2, wi) - (wi - 1)),
    )
    f = objective(_ROWS, _COLS, _D)
    w = pixels(_ROWS * _COLS)
    step = printed_step(_ROWS, _COLS, _D)
    proof.require(
        f"on the {_ROWS}×{_COLS} grid with D = {set(_D)}: w − α∇f(w) equals the printed step "
        "at every pixel (corners, edges, centre; in and out of D)",
        all(is_zero(w[i] - alpha * sp.diff(f, w[i]) - step[i]) for i in range(len(w))),
    )
    doubled = (
        objective(_ROWS, _COLS, _D)
        + sum((w[i] - w[j]) ** 2 for i, j in grid_edges(_ROWS, _COLS)) / 2
    )
    proof.require(
        "counting each edge twice (ordered pairs) would double the neighbour sum: refuted at "
        "an exact point, so the edges are unordered",
        differs_at(
            w[1] - alpha * sp.diff(doubled, w[1]),
            step[1],
            {alpha: sp.Rational(1, 10), **{x: sp.Integer(i) for i, x in enumerate(w)}},
        ),
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
    proof.require(
        "one edge: (w_i − w_j)² = (w_i, w_j)(e_i − e_j)(e_i − e_j)ᵀ(w_i, w_j)ᵀ",
        is_zero((sp.Matrix([[a, b]]) * edge * edge.T * sp.Matrix([a, b]))[0] - (a - b) ** 2),
    )
    rows, cols, dist = 3, 4, (0, 5, 11)
    n = rows * cols
    w = sp.Matrix(pixels(n))
    lap = laplacian(rows, cols)
    p_d = sp.diag(*[1 if i in dist else 0 for i in range(n)])
    one_d = sp.Matrix([1 if i in dist else 0 for i in range(n)])
    vector_form = (w.T * (lap + p_d) * w)[0] / 2 - (one_d.T * w)[0] + sp.Rational(len(dist), 2)
    proof.require(
        f"on the {rows}×{cols} grid with D = {set(dist)}: the sum form equals "
        "½wᵀ(L_G + P_D)w − 1_Dᵀw + |D|/2 (polynomial identity in 12 variables)",
        is_zero(objective(rows, cols, dist) - vector_form),
    )
    edge_sum = sp.zeros(n, n)
    for i, j in grid_edges(rows, cols):
        e = sp.zeros(n, 1)
        e[i], e[j] = 1, -1
        edge_sum += e * e.T
    proof.require("L_G = Σ_E (e_i − e_j)(e_i − e_j)ᵀ", edge_sum == lap)
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
        "one edge: wᵀL_Gw = (a − b)², the edge term of the objective (COLOR-VECTORISED)",
        is_zero((w.T * lap * w)[0] - (a - b) ** 2),
        (w.T * lap * w)[0],
    )
    printed = 8 * lap
    proof.printed_holds = not differs_at(printed[0, 0], lap[0, 0], {})
    proof.require(
        "read as the product 8·L_G, its diagonal is 8 where the vertex's degree is 1, and its "
        "quadratic form is 8(a − b)², not the objective's (a − b)²",
        proof.printed_holds is False and not is_zero((w.T * printed * w)[0] - (a - b) ** 2),
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
    proof.require(
        "the printed step leaves w = 1 fixed at every pixel: each term (1 − 1) vanishes",
        all(is_zero(expr.subs(ones) - 1) for expr in printed_step(_ROWS, _COLS, _D)),
    )
    proof.require(
        f"∇f(1) = 0 on the {_ROWS}×{_COLS} grid", all(sp.diff(f, x).subs(ones) == 0 for x in w)
    )
    proof.step(
        "wᵀ(L_G + P_D)w = Σ_E (w_i − w_j)² + Σ_D w_i² vanishes only if w is constant along "
        "every edge (so constant on a connected graph) and zero on D: w = 0"
    )
    hess = sp.hessian(f, w)
    proof.require(
        "the Hessian on the 3×3 grid is positive definite (exact Cholesky/minors)",
        bool(hess.is_positive_definite),
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
    proof.require("wᵀL_Gw = Σ_E (w_i − w_j)² ≥ 0 (3×4 grid)", is_zero(quad - edges))
    proof.require("L_G 1 = 0 (3×4 grid)", lap * sp.ones(n, 1) == sp.zeros(n, 1))
    proof.require("rank L_G = n − 1: the null space is span(1) (3×4 grid)", lap.rank() == n - 1)
    # As printed, the eigenvector is "the matrix of all 1's": an n×n array, not a vector of
    # Rⁿ, the space L_G acts on, so the sentence names no eigenvector at all.
    ones_matrix = sp.ones(n, n)
    proof.printed_holds = ones_matrix.shape == (n, 1)
    proof.require(
        f"the matrix of all 1's is {n}×{n}, not a vector of R^{n}: as printed the eigenvector is "
        "not an element of the space L_G acts on",
        proof.printed_holds is False,
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
    proof.require(
        "interior rows: 2v_i − v_{i−1} − v_{i+1} = (2 − 2cos θ)v_i for v_i = cos(a), "
        "v_{i±1} = cos(a ± θ), any a, θ",
        _trig_zero(interior_cos),
    )
    first_row = sp.cos(_phi) - sp.cos(3 * _phi) - (2 - 2 * sp.cos(2 * _phi)) * sp.cos(_phi)
    proof.require(
        "free first row: v₁ − v₂ = λv₁ with v₁ = cos(θ/2), v₂ = cos(3θ/2) (φ = θ/2)",
        _trig_zero(first_row),
    )
    ghost = sp.cos(_a + _phi) - sp.cos(_a - _phi) + 2 * sp.sin(_a) * sp.sin(_phi)
    proof.require(
        "free last row ⟺ ghost v_{n+1} = v_n: cos(nθ + θ/2) − cos(nθ − θ/2) = −2 sin(nθ) sin(θ/2)",
        _trig_zero(ghost),
    )
    proof.require(
        "… which vanishes at θ = πj/n because sin(πj) = 0",
        sp.sin(_n * (sp.pi * _j / _n)) == 0,
    )
    interior_sin = 2 * sp.sin(_a) - sp.sin(_a - _theta) - sp.sin(_a + _theta) - lam_t * sp.sin(_a)
    proof.require(
        "Dirichlet: the same recurrence for v_i = sin(iθ), any θ", _trig_zero(interior_sin)
    )
    proof.require(
        "Dirichlet ends: v₀ = sin 0 = 0 and v_{n+1} = sin(πj) = 0 at θ = πj/(n + 1)",
        sp.sin(0) == 0 and sp.sin((_n + 1) * sp.pi * _j / (_n + 1)) == 0,
    )
    proof.require(
        "numeric form: 2 − 2cos θ = 4 sin²(θ/2) (no cancellation for small θ)",
        _trig_zero((2 - 2 * sp.cos(2 * _phi)) - 4 * sp.sin(_phi) ** 2),
    )
    proof.step(
        "cos is strictly decreasing on [0, π], so the n values j = 0 … n − 1 (free) or "
        "j = 1 … n (Dirichlet) give n distinct eigenvalues: the whole spectrum"
    )
    for size in (2, 3, 4):
        proof.require(
            f"exact check n = {size}: det(L − λ_j I) = 0 for every j",
            all(
                is_zero(
                    (laplacian(1, size) - (2 - 2 * sp.cos(sp.pi * j / size)) * sp.eye(size)).det()
                )
                for j in range(size)
            ),
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
    for rows, cols in ((2, 3), (3, 4), (4, 4)):
        kron = sp.kronecker_product(laplacian(1, rows), sp.eye(cols)) + sp.kronecker_product(
            sp.eye(rows), laplacian(1, cols)
        )
        proof.require(
            f"the {rows}×{cols} grid Laplacian built from its edges equals L_{rows}⊗I + I⊗L_{cols}",
            kron == laplacian(rows, cols),
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
        "(A⊗I + I⊗B)(x⊗y) = (Ax)⊗y + x⊗(By) (generic 2×2 and 3×3 entries)",
        all(is_zero(e) for e in lhs - rhs),
    )
    proof.step(
        "so Ax = λx, By = μy give eigenvalue λ + μ on x⊗y; the mn products of the two "
        "orthogonal eigenbases are an orthogonal basis, hence the whole spectrum"
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
    proof.require("the path on 3 vertices: eigenvalues 0, 1, 3 (exact)", eig == [0, 1, 3])
    printed = sp.Rational(eig[1], eig[2])
    corrected = sp.Rational(eig[2], eig[1])
    proof.printed_holds = not differs_at(printed, corrected, {})
    proof.require(
        "the printed ratio λ₂/λₙ = 1/3 is below 1; the condition number λₙ/λ₂ = 3 ≥ 1",
        printed == sp.Rational(1, 3) and corrected == 3,
    )
    proof.require(
        "and the closed form of COLOR-GROWTH gives the same 3 at n = 3",
        is_zero(path_condition_number()[1].subs(_n, 3) - 3),
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
    proof.require(
        "λ_max/λ₂ = (2 + 2cos(π/n))/(2 − 2cos(π/n)) since cos(π(n−1)/n) = cos(π − π/n) = −cos(π/n)",
        is_zero(sp.expand_trig(sp.cos(sp.pi - sp.pi / n)) + sp.cos(sp.pi / n))
        and is_zero(sp.expand(sp.pi * (n - 1) / n - (sp.pi - sp.pi / n))),
    )
    proof.require(
        "(1 + cos 2y)/(1 − cos 2y) = cot² y",
        is_zero(sp.simplify(sp.expand_trig(ratio) - sp.cot(y) ** 2)),
    )
    proof.step(
        "grid: λ₂ = 2 − 2cos(π/n) (a = 1, b = 0) and λ_max = 2(2 − 2cos(π(n−1)/n)) "
        "(a = b = n − 1), since 2 − 2cos is increasing on [0, π]"
    )
    cot = sp.cot(sp.pi / (2 * n)) ** 2
    proof.require(
        "κ_path/n² → 4/π²",
        is_zero(sp.limit(cot / n**2, n, sp.oo) - 4 / sp.pi**2),
    )
    proof.require(
        "κ_grid/n² → 8/π²",
        is_zero(sp.limit(2 * cot / n**2, n, sp.oo) - 8 / sp.pi**2),
    )
    for size in (2, 3, 4, 6):
        proof.require(
            f"n = {size}: the closed forms equal λ_max/λ₂ from the proven spectra",
            is_zero(k_path.subs(n, size) - sp.cot(sp.pi / (2 * size)) ** 2)
            and is_zero(k_grid.subs(n, size) - 2 * sp.cot(sp.pi / (2 * size)) ** 2),
        )
    return proof
