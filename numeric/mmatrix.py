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
below, make the proof, so the solver's own accuracy does not matter.  The other side
of each bracket is a Ritz value θ (an upper bound on λ_min(Z) for any vectors, by
Courant–Fischer), and σ is placed just below θ; two ways of getting there:

- **lower bound** (the bottom of a Laplacian-like spectrum is well separated): θ from
  LOBPCG preconditioned by the multigrid, then one solve at σ = θ(1 − rtol/2),
  started from θ's eigenvector and stopped as soon as it certifies (about 10
  iterations on grids, against 30 from a zero start);
- **upper bound**, or when that fails (the top of a grid's spectrum is clustered, and
  LOBPCG crawls there): shifted solves with σ approaching θ, whose solutions, being
  shifted inverse iterates, make the Ritz space a rational Krylov space; the
  multigrid is rebuilt for the shifted matrix with the latest y as its near-null
  vector when the solves slow down (3–5 solves and two rebuilds on grids).

:func:`numeric.spectrum.bounds` runs the two bounds of a large matrix in two processes.

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

#: The relative tightness the bounds aim for ([σ, θ] narrower than this, relative).
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
        """How tight the bound is, |certified − estimate| relative to |certified|."""
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
    job = _Job(a, s, upper, z_matrix, shift, rtol, deadline, say, _multigrid(z_matrix))
    if not upper:
        # The bottom of a Laplacian-like spectrum is well separated (λ₂/λ₁ ≈ 2–2.5 on
        # grids), so a preconditioned LOBPCG estimate followed by one solve usually
        # certifies to rtol; the shifted solves below finish the job when it does not.
        job.by_eigenvector()
    if job.best is None or job.width(job.best, job.theta) > rtol / 2:
        job.by_shifts()
    if job.best is None:
        raise ValueError("no M-matrix certificate found: is the matrix positive definite?")
    return Bracket(job.a_value(job.best), job.a_value(job.theta), job.steps)


class _Job:
    """The state of one :func:`bracket`: the best certified shift σ, the estimate θ of
    λ_min(Z), the Ritz space behind θ, and the solves so far."""

    def __init__(
        self,
        a: Any,
        s: np.ndarray,
        upper: bool,
        z: Any,
        shift: float,
        rtol: float,
        deadline: float,
        say: Callable[[str], None],
        precondition: Callable[[np.ndarray], np.ndarray],
    ) -> None:
        self.a, self.s, self.upper, self.z, self.shift = a, s, upper, z, shift
        self.rtol, self.deadline, self.say = rtol, deadline, say
        self.precondition = precondition
        self.ritz = _Ritz(z)
        self.best: float | None = None
        self.theta = np.inf
        self.steps = 0

    def a_value(self, sigma_z: float) -> float:
        # λ_min(Z) > σ_z means λ_min(A) > σ_z (lower) or λ_max(A) < c − σ_z (upper): the
        # same float c − σ_z is what the check uses, so it is what is certified.
        return self.shift - sigma_z if self.upper else sigma_z

    def width(self, sigma_z: float, theta_z: float) -> float:
        value = abs(self.a_value(sigma_z))
        return (theta_z - sigma_z) / value if value > 0 else np.inf

    def certifies(self, sigma_z: float, y: np.ndarray) -> bool:
        return certifies(self.a, self.s, self.a_value(sigma_z), y, upper=self.upper)

    def estimate(self, y: np.ndarray) -> None:
        """Add y to the Ritz space; θ is its smallest Ritz value (≥ λ_min(Z) always)."""
        if np.all(np.isfinite(y)):
            self.theta = min(self.theta, self.ritz.add(y))
        if not self.theta > 0:
            raise ValueError("matrix must be positive definite (all eigenvalues > 0)")

    def found(self, sigma_z: float) -> None:
        self.best = sigma_z if self.best is None else max(self.best, sigma_z)

    def check_time(self) -> None:
        if time.perf_counter() > self.deadline:
            raise TimeLimitError("eigenvalue computation exceeded its time limit")

    def by_eigenvector(self, attempts: int = 3) -> None:
        """σ = θ(1 − rtol/2) just below a LOBPCG estimate θ, certified by one solve.

        A failed attempt still helps: its y, a shifted inverse iterate, joins the Ritz
        space, so θ drops towards λ_min(Z) before the next attempt.
        """
        self.say("eigenvector estimate")
        self.estimate(_lobpcg(self.z, np.ones(self.a.shape[0]), self.precondition, self.deadline))
        for _ in range(attempts):
            self.check_time()
            sigma = self.theta * (1.0 - self.rtol / 2)
            self.say(f"certifying at a relative gap of {self.rtol / 2:.1e}")
            y, ok, _ = _certifying_solve(
                self.z,
                sigma,
                self.ritz.vector,
                self.theta,
                self.precondition,
                self.deadline,
                lambda y, sigma=sigma: self.certifies(sigma, y),
            )
            self.steps += 1
            self.estimate(y)
            if ok:
                self.found(sigma)
                if self.width(sigma, self.theta) <= self.rtol / 2:
                    return

    def by_shifts(self) -> None:
        """Shifted solves (Z − σI) y = 1 with σ approaching θ from below.

        The relative gap τ of σ below θ is large enough at first that σ < λ_min(Z) while
        θ is rough, then cut as θ converges; widened tenfold whenever a certificate
        fails.  The y are shifted inverse iterates, so the Ritz space is a rational
        Krylov space: θ converges much faster than the Rayleigh quotient of the last y
        alone when the bottom eigenvalues of Z are close together (the top of a grid's
        spectrum).
        """
        z, precondition = self.z, self.precondition
        ones = np.ones(self.a.shape[0])
        built_at = 0.0  # the shift the multigrid was built for
        if self.best is None and not np.isfinite(self.theta):
            self.say("first solve")
            y, iterations = _pcg(z, 0.0, ones, precondition, self.deadline)
            self.steps += 1
            self.estimate(y)
            if self.certifies(0.0, y):
                self.found(0.0)
        tau = 3e-2
        while self.best is None or self.width(self.best, self.theta) > self.rtol / 2:
            self.check_time()
            if self.steps >= 40:
                break
            sigma = self.theta * (1.0 - tau)
            self.say(f"certifying at a relative gap of {tau:.1e}")
            y, iterations = _pcg(z, sigma, ones, precondition, self.deadline)
            self.steps += 1
            self.estimate(y)
            if self.certifies(sigma, y):
                self.found(sigma)
                goal = self.rtol / 4 * abs(self.a_value(sigma)) / self.theta  # in Z's terms
                tau = max(goal, tau / 30)
                first = built_at == 0.0 and self.best > self.theta / 2
                if (first or iterations > 25) and self.width(self.best, self.theta) > self.rtol / 2:
                    # The systems left to solve are far closer to singular than the one
                    # the multigrid was built for: rebuild it for Z − σI (a certified
                    # M-matrix), with y, close to the wanted eigenvector, as its
                    # near-null vector.
                    self.say("multigrid setup for the shifted matrix")
                    precondition = _multigrid(_shift(z, self.best), y)
                    built_at = self.best
            elif tau >= 0.5:
                break
            else:
                tau = min(tau * 10, 0.5)


def _lobpcg(
    z: Any, start: np.ndarray, precondition: Callable[[np.ndarray], np.ndarray], deadline: float
) -> np.ndarray:
    """An approximate eigenvector of λ_min(Z), by LOBPCG preconditioned with the multigrid.

    Only its Rayleigh quotient is used as an estimate (an upper bound, whatever its
    accuracy), so the tolerance is loose: a residual 1e-4 of the start's Rayleigh
    quotient, which puts the quotient within about 1e-8 (relative) of λ_min(Z) on grids
    (15–20 iterations at 10⁶ rows).
    """
    import warnings

    from scipy.sparse.linalg import LinearOperator, lobpcg

    def timed(r: np.ndarray) -> np.ndarray:
        if time.perf_counter() > deadline:
            raise TimeLimitError("eigenvalue computation exceeded its time limit")
        return precondition(r)

    n = z.shape[0]
    if n < 16:  # LOBPCG's block needs room; the Ritz steps take it from here
        return start
    theta0 = float(np.einsum("i,i->", start, z @ start) / np.einsum("i,i->", start, start))
    with warnings.catch_warnings():
        # "did not reach the requested tolerance": the estimate is refined afterwards
        warnings.simplefilter("ignore", UserWarning)
        _, vectors = lobpcg(
            z,
            start.reshape(-1, 1),
            M=LinearOperator(z.shape, matvec=timed, dtype=np.float64),
            largest=False,
            tol=1e-4 * abs(theta0),
            maxiter=40,
        )
    x = vectors[:, 0]
    return x if float(np.sum(x)) >= 0 else -x


def _certifying_solve(
    z: Any,
    sigma: float,
    x: np.ndarray,
    theta: float,
    precondition: Callable[[np.ndarray], np.ndarray],
    deadline: float,
    certified: Callable[[np.ndarray], bool],
    max_steps: int = 60,
) -> tuple[np.ndarray, bool, int]:
    """Preconditioned CG for (Z − σI) y = 1, stopped as soon as y passes ``certified``.

    It starts from the part of the solution along x, the estimate of the eigenvector of
    θ ≈ λ_min(Z): y₀ = x (xᵀ1) / ((θ − σ) xᵀx).  With σ just below λ_min(Z) that part
    is nearly all of y, and the multigrid (built for Z) handles the rest: about 10
    iterations instead of 30 from zero at 10⁶ rows.  The certificate is checked every
    third iteration; it costs about a third of one.  Returns (y, certified, iterations).
    """
    ones = np.ones_like(x)
    y = x * (float(np.einsum("i,i->", x, ones)) / ((theta - sigma) * np.einsum("i,i->", x, x)))
    r = ones - (z @ y - sigma * y)
    return _cg(
        z,
        sigma,
        y,
        r,
        precondition,
        deadline,
        max_steps,
        lambda y, r, k: (k % 3 == 0 or k == max_steps) and certified(y),
    )


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

    levels = pyamg.smoothed_aggregation_solver(
        z,
        B=None if near_null is None else (near_null / np.max(near_null)).reshape(-1, 1),
        symmetry="symmetric",
        # Prolongation smoothing weighted row by row (Gershgorin), not by an estimate
        # of ρ(D⁻¹Z): pyamg estimates that by Arnoldi on every level, which took 6 of
        # the 7.5 s of a setup at 10⁶ rows; the hierarchy converges as fast (9 → 10
        # V-cycles to 1e-8 on the 1000² colorization matrix).
        smooth=("jacobi", {"weighting": "local"}),
        max_coarse=500,
        # Sparse LU on the coarsest level: pinv's dense SVD calls threaded BLAS, which
        # costs seconds on a busy machine.
        coarse_solver="splu",
        # One forward sweep before and one backward sweep after: the V-cycle stays
        # symmetric, as CG needs, at half the sweeps of symmetric Gauss–Seidel on both
        # sides (measured at 10⁶ rows: 34–35 CG iterations instead of 29–38, each about
        # a third cheaper; 15 s instead of 17 s of CPU for the upper bound).
        presmoother=("gauss_seidel", {"sweep": "forward"}),
        postsmoother=("gauss_seidel", {"sweep": "backward"}),
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
        #: The Ritz vector of the smallest Ritz value (after the first add).
        self.vector = np.zeros(z.shape[0])

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
        values, vectors = np.linalg.eigh(small)
        self.vector = sum(c * v for c, v in zip(vectors[:, 0], self.basis, strict=True))
        return float(values[0])


def _pcg(
    z: Any,
    sigma: float,
    rhs: np.ndarray,
    precondition: Callable[[np.ndarray], np.ndarray],
    deadline: float,
    max_steps: int = 100,
) -> tuple[np.ndarray, int]:
    """Preconditioned conjugate gradients for (Z − σI) y = rhs, to max|residual| ≤ 1e-2·max|rhs|.

    Returns y and the iterations taken.  The ∞-norm matters: the certificate needs
    (Z − σI) y > 0 in every row.
    """
    # Only y > 0 and (Z − σI)y > 0 matter, and y as a shifted inverse iterate for θ:
    # 1e-2 serves both (at 10⁶ rows 83 iterations for λ_max in place of 99 at 1e-3;
    # 3e-2 took more, the inverse iterates then too rough to move θ).
    target = 1e-2 * float(np.max(np.abs(rhs)))
    y, _, done = _cg(
        z,
        sigma,
        np.zeros_like(rhs),
        rhs.copy(),
        precondition,
        deadline,
        max_steps,
        lambda y, r, k: k > 0 and float(np.max(np.abs(r))) <= target,
    )
    return y, done


def _cg(
    z: Any,
    sigma: float,
    y: np.ndarray,
    r: np.ndarray,
    precondition: Callable[[np.ndarray], np.ndarray],
    deadline: float,
    max_steps: int,
    finished: Callable[[np.ndarray, np.ndarray, int], bool],
) -> tuple[np.ndarray, bool, int]:
    """Preconditioned conjugate gradients on (Z − σI) y = rhs, from y with residual r.

    ``finished(y, r, k)`` is asked before each step and after the last (k steps done);
    the run also ends after ``max_steps`` steps or on a direction of curvature ≤ 0
    (then σ is above λ_min(Z)).  Returns (y, whether ``finished`` said so, steps).
    y and r are updated in place.  No BLAS dot products (einsum), since a threaded
    BLAS call costs milliseconds on a busy machine.
    """
    w = precondition(r)
    p = w.copy()
    rw = float(np.einsum("i,i->", r, w))
    for k in range(max_steps + 1):
        if finished(y, r, k):
            return y, True, k
        if k == max_steps:
            break
        if time.perf_counter() > deadline:
            raise TimeLimitError("eigenvalue computation exceeded its time limit")
        if k > 0:  # the next direction, from the residual of the last step
            w = precondition(r)
            rw_new = float(np.einsum("i,i->", r, w))
            p *= rw_new / rw
            p += w
            rw = rw_new
        q = z @ p
        if sigma:
            q -= sigma * p
        curvature = float(np.einsum("i,i->", p, q))
        if not curvature > 0:
            return y, False, k
        step = rw / curvature
        y += step * p
        r -= step * q
    return y, False, max_steps
