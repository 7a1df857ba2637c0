"""Graph Laplacians of paths and grids, and the colorization problem built on them.

Goh, "Why Momentum Really Works" (Distill 2017), "Example: The Colorization
Problem": pixels on a grid, each joined to its four neighbours, a few
distinguished pixels D pulled towards 1.  The objective (lost from the extracted
text and reconstructed in :mod:`momentum_proofs.colorization`) is

    f(w) = ½ Σ_{i∈D} (w_i − 1)² + ½ Σ_{{i,j}∈E} (w_i − w_j)²
         = ½ wᵀ(L_G + P_D)w − 1_Dᵀw + |D|/2,

with L_G the graph Laplacian and P_D the diagonal indicator of D.

scipy.sparse is imported inside the functions, so ``import numeric`` stays
numpy-only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v

_BOUNDARIES = ("free", "dirichlet")


def _boundary(boundary: Any) -> str:
    if boundary not in _BOUNDARIES:
        raise ValueError(f"boundary must be 'free' or 'dirichlet'; got {boundary!r}")
    return boundary


def path_laplacian(n: int, boundary: str = "free") -> Any:
    """Laplacian of the path on ``n`` vertices as a scipy.sparse CSR matrix.

    ``boundary="free"`` is the graph Laplacian (degree minus adjacency, end
    vertices of degree 1); ``"dirichlet"`` is tridiag(−1, 2, −1), the path with
    both ends tied to a vertex held at 0.

    >>> print(path_laplacian(3).toarray())
    [[ 1. -1.  0.]
     [-1.  2. -1.]
     [ 0. -1.  1.]]
    """
    from scipy import sparse

    n = v.count("n", n, minimum=1)
    boundary = _boundary(boundary)
    main = np.full(n, 2.0)
    if boundary == "free":
        main[0] -= 1.0
        main[-1] -= 1.0
    off = -np.ones(n - 1)
    return sparse.diags([off, main, off], [-1, 0, 1], format="csr")


def path_laplacian_eigenvalues(n: int, boundary: str = "free") -> np.ndarray:
    """Closed-form spectrum of :func:`path_laplacian`, ascending (claim ``COLOR-PATH-SPECTRUM``).

    Free ends: 2 − 2cos(πj/n), j = 0 … n − 1.  Dirichlet: 2 − 2cos(πj/(n + 1)),
    j = 1 … n.  Written as 4 sin²(·/2) so the small eigenvalues keep their digits.

    >>> print(np.round(path_laplacian_eigenvalues(3), 12))
    [0. 1. 3.]
    """
    n = v.count("n", n, minimum=1)
    if _boundary(boundary) == "free":
        theta = np.pi * np.arange(n) / n
    else:
        theta = np.pi * np.arange(1, n + 1) / (n + 1)
    return 4.0 * np.sin(theta / 2) ** 2


def grid_laplacian(rows: int, cols: int) -> Any:
    """Graph Laplacian of the ``rows`` × ``cols`` four-neighbour grid (row-major pixels).

    Built from the edge list, not from the Kronecker sum the spectrum claim
    proves, so the two can be compared.

    >>> lap = grid_laplacian(2, 2)
    >>> print(lap.toarray().astype(int))
    [[ 2 -1 -1  0]
     [-1  2  0 -1]
     [-1  0  2 -1]
     [ 0 -1 -1  2]]
    """
    from scipy import sparse

    rows = v.count("rows", rows, minimum=1)
    cols = v.count("cols", cols, minimum=1)
    idx = np.arange(rows * cols).reshape(rows, cols)
    heads = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    tails = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    n = rows * cols
    ones = np.ones(heads.size)
    adj = sparse.coo_matrix((ones, (heads, tails)), shape=(n, n))
    adj = (adj + adj.T).tocsr()
    degree = np.asarray(adj.sum(axis=1)).ravel()
    return (sparse.diags(degree) - adj).tocsr()


def grid_laplacian_eigenvalues(rows: int, cols: int) -> np.ndarray:
    """All eigenvalues of :func:`grid_laplacian`, ascending: sums of the two path spectra.

    >>> print(np.round(grid_laplacian_eigenvalues(2, 2), 12))
    [0. 2. 2. 4.]
    """
    a = path_laplacian_eigenvalues(rows)
    b = path_laplacian_eigenvalues(cols)
    return np.sort((a[:, None] + b[None, :]).ravel())


def grid_condition_number(n: int) -> float:
    """λ_max/λ₂ of the n × n grid Laplacian: 2 cot²(π/(2n)) (claim ``COLOR-GROWTH``).

    >>> print(round(grid_condition_number(2), 12))
    2.0
    """
    n = v.count("n", n, minimum=2)
    return float(2.0 / np.tan(np.pi / (2 * n)) ** 2)


def colorization_problem(rows: int, cols: int, distinguished: ArrayLike) -> tuple[Any, np.ndarray]:
    """(A, b) of the colorization quadratic ½wᵀAw − bᵀw on a grid.

    A = L_G + P_D (sparse CSR) and b = 1_D, where ``distinguished`` lists the
    flat (row-major) indices of D.  The minimiser is the all-ones vector.

    >>> A, b = colorization_problem(2, 2, [0])
    >>> print(A @ np.ones(4) - b)
    [0. 0. 0. 0.]
    """
    from scipy import sparse

    lap = grid_laplacian(rows, cols)
    n = lap.shape[0]
    if np.size(distinguished) == 0:
        # Without an anchor A = L_G is singular (L_G·1 = 0): there is no unique minimiser.
        raise ValueError("distinguished must name at least one pixel; got an empty list")
    d = v.integer_array("distinguished", distinguished)
    if d.ndim != 1:
        raise ValueError(f"distinguished must be a 1-d list of pixel indices; got shape {d.shape}")
    if (d >= n).any():
        raise ValueError(f"distinguished must hold pixel indices in [0, {n}); got {int(d.max())}")
    mask = np.zeros(n)
    mask[d] = 1.0
    return (lap + sparse.diags(mask)).tocsr(), mask.copy()
