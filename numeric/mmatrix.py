"""Certified bounds on the extreme eigenvalues of large sparse Z-matrices, by the M-matrix test.

A Z-matrix has off-diagonal entries ≤ 0: a graph Laplacian, on a grid or from a
file, plus a diagonal data term is one.  For such matrices a bound on an extreme
eigenvalue is proved by one positive vector, with no factorisation:

**Theorem** (Fiedler and Pták 1962; Berman and Plemmons, *Nonnegative Matrices in
the Mathematical Sciences*, 1994, Thm 6.2.3, condition I₂₇).  A Z-matrix M is a
nonsingular M-matrix if and only if there is a vector y > 0 with My > 0
(componentwise).  A symmetric nonsingular M-matrix is positive definite (its
eigenvalues are those of a nonsingular M-matrix, whose real eigenvalues are
positive, Thm 6.2.3 condition A₁).

So, for a symmetric A:

- **lower bound**: if A is a Z-matrix, M = A − σI is one too, and y > 0 with
  My > 0 proves A − σI positive definite: λ_min(A) > σ;
- **upper bound**: if A is a Z-matrix whose graph is bipartite (grids are), the
  signature S = diag(±1) of the two colour classes makes SAS have off-diagonal
  entries ≥ 0 with the same eigenvalues as A; then M = σI − SAS is a Z-matrix,
  and y > 0 with My > 0 proves λ_max(A) < σ.

The vector y is found by solving My = 1 approximately (preconditioned conjugate
gradients, pyamg's smoothed-aggregation multigrid as the preconditioner); only the
checks y > 0 and My > 0, done on the stored entries of A with the rounding margin
below, make the proof, so the solver's own accuracy does not matter.  σ is moved
towards the Rayleigh quotient θ of the last y (θ ≥ λ_min, resp. ≤ λ_max, for any
vector) until the certified σ and θ agree to ``rtol``: the bracket [σ, θ] (or
[θ, σ]) then holds the eigenvalue.  θ is the smallest Ritz value on the span of all
the y so far.  Each step costs one solve (5–40 multigrid-preconditioned iterations,
O(nnz) each) and, now and then, a new multigrid hierarchy for the shifted matrix;
4–12 steps per bound were needed on grids up to 4·10⁶ rows.

**Rounding.**  The check evaluates p_i = s_i (A(Sy))_i − σy_i (resp. σy_i −
s_i (A(Sy))_i) in float64 with a compiled sparse product, and accepts only if
p_i > m_i := 2γ_{k_i+2} (t_i + |σ| y_i + |p_i|), where t_i is the computed
(|A| y)_i, k_i the number of stored entries of row i and γ_k = kε/(1 − kε),
ε = 2⁻⁵³.  Why it suffices: the row sum of k_i rounded products errs by at most
γ_{k_i}(|A| y)_i in any summation order (FMA only removes roundings), (|A| y)_i ≤
t_i/(1 − γ_{k_i}) since its terms are ≥ 0, and the product σy_i and the final
subtraction add at most ε|σ|y_i + 2ε|p_i|; so the exact (My)_i ≥ p_i −
(γ_{k_i+1}(t_i + |σ|y_i + |p_i|)), and the factor 2 covers the rounding in
evaluating m_i itself (relative error ≤ (k_i + 6)ε ≪ 1).  The matrix is taken
exactly as stored; the certificate needs it exactly symmetric, which
:func:`numeric.spectrum.bounds` checks before taking this route.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__doctest_requires__ = {"bracket": ("pyamg",)}  # the amg extra

EPS = 2.0**-53  #: unit roundoff of float64

#: Relative tightness the bounds aim for: [σ, θ] narrower than this, relative.
RTOL = 1e-6


class TimeLimitError(ValueError):
    """The eigenvalue computation exceeded its time limit."""


@dataclass(frozen=True)
class Bracket:
    """A certified bound on an extreme eigenvalue and the estimate on its other side.

    For the smallest eigenvalue ``certified`` ≤ λ_min ≤ ``estimate``; for the
    largest ``estimate`` ≤ λ_max ≤ ``certified``.  ``steps`` counts the solves.
    """

    certified: float
    estimate: float
    steps: int

    @property
    def width(self) -> float:
        """|certified − estimate| relative to |certified|: how tight the bound is."""
        return abs(self.certified - self.estimate) / abs(self.certified)


def is_z_matrix(a: Any) -> bool:
    """True when every stored off-diagonal entry of the CSR matrix ``a`` is ≤ 0.

    >>> import scipy.sparse as sp
    >>> is_z_matrix(sp.csr_matrix([[2.0, -1.0], [-1.0, 2.0]]))
    True
    >>> is_z_matrix(sp.csr_matrix([[2.0, 1.0], [1.0, 2.0]]))
    False
    """
    rows = _rows(a)
    return not bool(np.any((a.data > 0) & (a.indices != rows)))


def bipartite_signature(a: Any) -> np.ndarray | None:
    """s ∈ {±1}ⁿ with s_i s_j = −1 on every stored non-zero off-diagonal entry, or None.

    That is a 2-colouring of the matrix's graph (stored zeros are no edges): it
    exists iff the graph is bipartite.  Found by a breadth-first forest (one root per
    connected component) and depth parities by pointer jumping; then checked on
    every entry, so a returned s is right whatever the search did.

    >>> import scipy.sparse as sp
    >>> path = sp.csr_matrix([[1.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 1.0]])
    >>> print(bipartite_signature(path))
    [ 1. -1.  1.]
    >>> triangle = sp.csr_matrix(2.0 * np.eye(3) - (np.ones((3, 3)) - np.eye(3)))
    >>> print(bipartite_signature(triangle))
    None
    """
    from scipy import sparse
    from scipy.sparse.csgraph import breadth_first_order, connected_components

    n = a.shape[0]
    rows = _rows(a)
    edge = (a.indices != rows) & (a.data != 0)
    heads, tails = rows[edge], a.indices[edge]
    graph = sparse.csr_matrix((np.ones(heads.size), (heads, tails)), shape=(n + 1, n + 1))
    count, labels = connected_components(graph, directed=False)
    count, labels = count - 1, labels[:n]  # the extra vertex n is a component of its own
    # One virtual root joined to the first vertex of every component: one search covers all.
    first = np.full(count, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    links = sparse.csr_matrix((np.ones(count), (np.full(count, n), first)), shape=(n + 1, n + 1))
    _, pred = breadth_first_order(graph + links, n, directed=False, return_predecessors=True)
    parent = np.where(pred < 0, n, pred).astype(np.int64)
    # Each tree edge inside the matrix's graph changes the colour; the root's links do not.
    flips = np.where(parent == n, 1.0, -1.0)
    # Product of the flips on the path to the root, by doubling: log₂(depth) gathers.
    while np.any(parent != n):
        flips = flips * flips[parent]
        parent = parent[parent]
    s = flips[:n]
    if np.any(s[rows[edge]] * s[a.indices[edge]] > 0):
        return None
    return s


def _rows(a: Any) -> np.ndarray:
    return np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))


def _gamma(k: np.ndarray) -> np.ndarray:
    return k * EPS / (1.0 - k * EPS)


def certifies(a: Any, s: np.ndarray, sigma: float, y: np.ndarray, *, upper: bool) -> bool:
    """The M-matrix test of the module docstring, with its rounding margin.

    ``upper=False``: proves λ_min(A) > σ for a symmetric Z-matrix A (``s`` all ones).
    ``upper=True``: proves λ_max(A) < σ, with ``s`` a :func:`bipartite_signature`.
    True only if y > 0 and the computed p_i exceed the margin m_i in every row.

    >>> import scipy.sparse as sp
    >>> a = sp.csr_matrix([[2.0, -1.0], [-1.0, 2.0]])  # eigenvalues 1 and 3
    >>> ones = np.ones(2)
    >>> certifies(a, ones, 0.99, np.ones(2), upper=False)
    True
    >>> certifies(a, ones, 1.01, np.ones(2), upper=False)
    False
    >>> certifies(a, np.array([1.0, -1.0]), 3.01, np.ones(2), upper=True)
    True
    """
    if not (np.all(np.isfinite(y)) and np.all(y > 0)):
        return False
    q = a @ (s * y)
    t = _with_data(a, np.abs(a.data)) @ y
    p = sigma * y - s * q if upper else s * q - sigma * y
    k = np.diff(a.indptr).astype(np.float64)
    margin = 2.0 * _gamma(k + 2.0) * (t + abs(sigma) * y + np.abs(p))
    return bool(np.all(p > margin))


def _with_data(a: Any, data: np.ndarray) -> Any:
    return type(a)((data, a.indices, a.indptr), shape=a.shape, copy=False)


def bracket(
    a: Any,
    s: np.ndarray,
    *,
    upper: bool,
    rtol: float = RTOL,
    deadline: float = float("inf"),
    say: Callable[[str], None] = lambda _: None,
) -> Bracket:
    """A certified bound on λ_min (``upper=False``) or λ_max (``upper=True``) of A, to ``rtol``.

    ``a`` is an exactly symmetric CSR Z-matrix; for ``upper=True``, ``s`` is its
    :func:`bipartite_signature`, else all ones.  Works on the Z-matrix
    Z = SAS (lower) or Z = cI − SAS with c ≥ λ_max from Gershgorin's theorem
    (upper), whose smallest eigenvalue gives the one sought.  Raises
    :class:`TimeLimitError` past ``deadline`` (``time.perf_counter()`` seconds) and
    ``ValueError`` if no certificate is found (then A is not positive definite, for
    the lower bound, or the solver failed).

    >>> import scipy.sparse as sp
    >>> n = 50
    >>> a = sp.diags([-np.ones(n - 1), np.full(n, 2.0), -np.ones(n - 1)], [-1, 0, 1]).tocsr()
    >>> lo = bracket(a, np.ones(n), upper=False)
    >>> exact = 2 - 2 * np.cos(np.pi / (n + 1))
    >>> bool(lo.certified <= exact <= lo.estimate), bool(lo.width <= 1e-6)
    (True, True)
    """
    z_matrix, shift = _z_form(a, s, upper, rtol)
    say("multigrid setup")
    precondition = _multigrid(z_matrix)
    built_at = 0.0  # the shift the multigrid was built for

    def a_value(sigma_z: float) -> float:
        # λ_min(Z) > σ_z means λ_min(A) > σ_z (lower) or λ_max(A) < c − σ_z (upper): the
        # same float c − σ_z is what the check uses, so it is what is certified.
        return shift - sigma_z if upper else sigma_z

    def width(sigma_z: float, theta_z: float) -> float:
        value = abs(a_value(sigma_z))
        return (theta_z - sigma_z) / value if value > 0 else np.inf

    ones = np.ones(a.shape[0])
    say("first solve")
    y, iterations = _pcg(z_matrix, 0.0, ones, precondition, deadline)
    ritz = _Ritz(z_matrix)
    theta = ritz.add(y)
    if not theta > 0:
        raise ValueError("matrix must be positive definite (all eigenvalues > 0)")
    best = 0.0 if certifies(a, s, a_value(0.0), y, upper=upper) else None
    steps = 1
    # The relative gap τ of σ below θ: large enough that σ < λ_min(Z) while θ is rough,
    # then cut as θ converges; widened tenfold whenever a certificate fails.  θ is the
    # smallest Ritz value of Z on the span of every y so far (shifted inverse iterates:
    # a rational Krylov space), an upper bound on λ_min(Z) by Courant–Fischer that
    # converges much faster than the Rayleigh quotient of the last y alone when the
    # bottom eigenvalues are close together (the top of a grid's spectrum).
    tau = 3e-2
    while best is None or width(best, theta) > rtol / 2:
        if time.perf_counter() > deadline:
            raise TimeLimitError("eigenvalue computation exceeded its time limit")
        if steps >= 40:
            break
        sigma = theta * (1.0 - tau)
        say(f"certifying at a relative gap of {tau:.1e}")
        y, iterations = _pcg(z_matrix, sigma, ones, precondition, deadline)
        steps += 1
        if np.all(np.isfinite(y)):
            theta = min(theta, ritz.add(y))
        if certifies(a, s, a_value(sigma), y, upper=upper):
            best = sigma if best is None else max(best, sigma)
            goal = rtol / 4 * abs(a_value(sigma)) / theta  # the gap in Z's terms
            tau = max(goal, tau / 30)
            first = built_at == 0.0 and best > theta / 2
            if (first or iterations > 25) and width(best, theta) > rtol / 2:
                # The systems left to solve are far closer to singular than the one the
                # multigrid was built for: rebuild it for Z − σI (a certified M-matrix),
                # with y, close to the wanted eigenvector, as its near-null vector.
                say("multigrid setup for the shifted matrix")
                precondition = _multigrid(_shift(z_matrix, best), y)
                built_at = best
        elif tau >= 0.5:
            break
        else:
            tau = min(tau * 10, 0.5)
    if best is None:
        raise ValueError("no M-matrix certificate found: is the matrix positive definite?")
    return Bracket(a_value(best), a_value(theta), steps)


def _z_form(a: Any, s: np.ndarray, upper: bool, rtol: float) -> tuple[Any, float]:
    """(Z, c): Z = SAS (lower), or Z = cI − SAS with c a little above every Gershgorin disc.

    c = (1 + rtol/4)·max_i Σ_j |a_ij| keeps Z positive definite (λ_min(Z) ≥ c·rtol/4
    up to rounding) even where Gershgorin's bound is attained, at a cost of at most
    rtol/4 in the tightness when the final bound is c itself.
    """
    from scipy import sparse

    rows = _rows(a)
    signed = _with_data(a, a.data * (s[rows] * s[a.indices]))
    if not upper:
        return signed, 0.0
    radius = _with_data(a, np.abs(a.data)) @ np.ones(a.shape[0])
    c = float(np.max(radius)) * (1.0 + rtol / 4)
    return (sparse.identity(a.shape[0], format="csr") * c - signed).tocsr(), c


def _multigrid(z: Any, near_null: np.ndarray | None = None) -> Callable[[np.ndarray], np.ndarray]:
    """One V-cycle of pyamg's smoothed aggregation for Z: a symmetric preconditioner."""
    import pyamg

    smoother = ("gauss_seidel", {"sweep": "symmetric"})
    levels = pyamg.smoothed_aggregation_solver(
        z,
        B=None if near_null is None else (near_null / np.max(near_null)).reshape(-1, 1),
        symmetry="symmetric",
        max_coarse=500,
        # Sparse LU on the coarsest level: pinv's dense SVD calls threaded BLAS, which
        # costs seconds on a busy machine.
        coarse_solver="splu",
        presmoother=smoother,
        postsmoother=smoother,
    )
    for level in levels.levels[1:]:
        # pyamg keeps coarse operators in BSR, whose Gauss-Seidel kernel is slower than
        # the CSR one: converting makes a V-cycle about 1.5 times cheaper (measured at
        # 512², 21 → 14 products A @ w) with the same convergence.
        level.A = level.A.tocsr()
    return levels.aspreconditioner(cycle="V").matvec


def _shift(z: Any, sigma: float) -> Any:
    from scipy import sparse

    return (z - sparse.identity(z.shape[0], format="csr") * sigma).tocsr()


class _Ritz:
    """Smallest Ritz value of Z on the span of the vectors added so far (at most ``keep``).

    The basis is kept orthonormal by two passes of Gram–Schmidt (einsum, no BLAS
    threads); a vector already in the span (to 1e-10) adds nothing.  Each vector
    costs one product with Z.
    """

    def __init__(self, z: Any, keep: int = 12) -> None:
        self.z = z
        self.keep = keep
        self.basis: list[np.ndarray] = []
        self.images: list[np.ndarray] = []

    def add(self, y: np.ndarray) -> float:
        u = y / float(np.max(np.abs(y)))
        for _ in range(2):
            for v in self.basis:
                u = u - np.einsum("i,i->", v, u) * v
        norm = float(np.sqrt(np.einsum("i,i->", u, u)))
        if norm > 1e-10 * np.sqrt(u.size):
            if len(self.basis) == self.keep:
                self.basis.pop(0)
                self.images.pop(0)
            u = u / norm
            self.basis.append(u)
            self.images.append(self.z @ u)
        k = len(self.basis)
        small = np.empty((k, k))
        for i in range(k):
            for j in range(i, k):
                small[i, j] = small[j, i] = np.einsum("i,i->", self.basis[i], self.images[j])
        return float(np.linalg.eigvalsh(small)[0])


def _pcg(
    z: Any,
    sigma: float,
    rhs: np.ndarray,
    precondition: Callable[[np.ndarray], np.ndarray],
    deadline: float,
    max_steps: int = 100,
) -> tuple[np.ndarray, int]:
    """Preconditioned conjugate gradients for (Z − σI) y = rhs, to max|residual| ≤ 1e-3·max|rhs|.

    Returns y and the iterations taken.  The ∞-norm matters: the certificate needs
    (Z − σI) y > 0 in every row.  No BLAS
    dot products (einsum), since a threaded BLAS call costs milliseconds on a busy
    machine.
    """
    y = np.zeros_like(rhs)
    r = rhs.copy()
    target = 1e-3 * float(np.max(np.abs(rhs)))
    w = precondition(r)
    p = w.copy()
    rw = float(np.einsum("i,i->", r, w))
    done = 0
    while done < max_steps:
        done += 1
        q = z @ p
        if sigma:
            q -= sigma * p
        curvature = float(np.einsum("i,i->", p, q))
        if not curvature > 0:  # indefinite: σ is above λ_min(Z)
            break
        step = rw / curvature
        y += step * p
        r -= step * q
        if float(np.max(np.abs(r))) <= target:
            break
        if time.perf_counter() > deadline:
            raise TimeLimitError("eigenvalue computation exceeded its time limit")
        w = precondition(r)
        rw_new = float(np.einsum("i,i->", r, w))
        p *= rw_new / rw
        p += w
        rw = rw_new
    return y, done
