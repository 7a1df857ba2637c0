"""Extreme eigenvalues of a symmetric positive-definite matrix, under size and time guards.

:func:`bounds` returns λ_min and λ_max: by a dense symmetric eigensolver
(``numpy.linalg.eigvalsh``) for small matrices, and by Lanczos iterations
(a plain three-term recurrence, scipy imported only here) for large ones,
with shift-invert at 0 (``scipy.sparse.linalg.splu``) for λ_min so an
ill-conditioned matrix still converges in a few dozen iterations.  ARPACK's
``eigsh`` was tried first: its residual-based stopping test stalls for minutes
on clustered top eigenvalues (a 20 000-point 1-d Laplacian), while the Ritz
value itself has long converged.  Lanczos (Ritz) values lie inside the spectrum, so
λ_max would come out slightly low, the unsafe side for momentum: both bounds are
widened until Sylvester's law of inertia (an LDLᵀ of the shifted matrix)
certifies λ_min ≥ the reported value and λ_max ≤ the reported value.  :func:`load_matrix` reads ``.npy`` files (never pickles)
and Matrix Market ``.mtx`` files, checking the size from the header before
reading the data.

Non-symmetric, indefinite, non-finite, empty or oversized input is refused with
a ``ValueError``/``TypeError`` that names the problem (``numeric._validate``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as v

#: Matrices up to this order are solved densely (all eigenvalues, exact to rounding).
DENSE_LIMIT = 2000
#: Refuse larger problems outright.
MAX_ORDER = 5_000_000
MAX_NONZEROS = 50_000_000
#: Refuse dense arrays with more entries than this (8 bytes each, so 800 MB).
MAX_DENSE_ENTRIES = 100_000_000
#: Default wall-clock budget for the Lanczos iterations, in seconds.
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Bounds:
    """λ_min and λ_max of a matrix and how they were found."""

    lambda_min: float
    lambda_max: float
    n: int
    method: str  #: ``"eigvalsh"`` (dense, all eigenvalues) or ``"lanczos"`` (certified bounds)


def bounds(a: Any, *, dense_limit: int = DENSE_LIMIT, time_limit: float = TIME_LIMIT) -> Bounds:
    """λ_min and λ_max of a symmetric positive-definite matrix (dense or scipy.sparse).

    Parameters
    ----------
    a : array_like or scipy.sparse.sparray or scipy.sparse.spmatrix
        Square, symmetric (to 1e-12 relative), finite and positive definite.
    dense_limit : int
        Order up to which the dense solver is used.
    time_limit : float
        Seconds allowed for the Lanczos iterations; exceeding it is a ``ValueError``.

    Examples
    --------
    >>> b = bounds(np.diag([2.0, 0.5, 8.0]))
    >>> print(b.lambda_min, b.lambda_max, b.method)
    0.5 8.0 eigvalsh
    """
    limit = v.count("dense_limit", dense_limit, minimum=1)
    budget = float(v.real_array("time_limit", time_limit, low=0))
    if v.is_sparse(a):
        shape = a.shape
        if len(shape) == 2 and (shape[0] > MAX_ORDER or a.nnz > MAX_NONZEROS):
            raise ValueError(
                f"matrix too large: order {shape[0]}, {a.nnz} non-zeros "
                f"(limits {MAX_ORDER} and {MAX_NONZEROS})"
            )
    elif isinstance(a, np.ndarray):
        if a.size > MAX_DENSE_ENTRIES:
            raise ValueError(
                f"dense matrix too large: {a.size} entries (limit {MAX_DENSE_ENTRIES})"
            )
    m = v.spd_matrix("matrix", a, check_definite=False)
    n = m.shape[0]
    if n <= limit:
        dense = m.toarray() if v.is_sparse(m) else m
        eig = np.linalg.eigvalsh(dense)
        lo, hi, method = float(eig[0]), float(eig[-1]), "eigvalsh"
    else:
        lo, hi = _lanczos(m, budget)
        method = "lanczos"
    if not lo > 0:
        raise ValueError(
            f"matrix must be positive definite (all eigenvalues > 0); smallest eigenvalue {lo:.6g}"
        )
    return Bounds(lo, hi, n, method)


def _lanczos(m: Any, budget: float) -> tuple[float, float]:

    start = time.perf_counter()
    deadline = start + budget
    n = m.shape[0]
    hi = _extreme_ritz(lambda x: m @ x, n, deadline)
    # Shift-invert at 0: the smallest eigenvalue of A is 1/(largest of A⁻¹), which the
    # same iteration finds quickly even when A is ill-conditioned.
    solve = _dense_solver(m) if isinstance(m, np.ndarray) else _sparse_solver(m)
    top = _extreme_ritz(solve, n, deadline)
    if not top > 0:
        raise ValueError("matrix must be positive definite (all eigenvalues > 0)")
    # Ritz values lie inside the spectrum: hi is a *lower* estimate of λ_max and 1/top an
    # upper estimate of λ_min.  For momentum the first is the dangerous direction (at
    # κ = 1e6 underestimating λ_max by 2e-6 puts the optimal heavy ball at rate > 1), so
    # both are widened until the inertia of the shifted matrix certifies them.
    lo = _certify(m, 1.0 / top, upper=False, deadline=deadline)
    hi = _certify(m, hi, upper=True, deadline=deadline)
    return lo, hi


def _dense_solver(m: np.ndarray):
    from scipy.linalg import cho_factor, cho_solve

    try:
        factor = cho_factor(m)
    except np.linalg.LinAlgError:
        raise ValueError("matrix must be positive definite (all eigenvalues > 0)") from None
    return lambda x: cho_solve(factor, x)


def _symmetric_lu(m: Any) -> Any:
    """SuperLU of ``m`` in symmetric mode without pivoting (RuntimeError if exactly singular).

    Then P A Pᵀ = L U with U's diagonal the D of LDLᵀ whenever the row and column
    permutations agree, so by Sylvester's law of inertia A is positive definite iff
    that diagonal is > 0.
    """
    from scipy.sparse import csc_matrix
    from scipy.sparse.linalg import splu

    return splu(
        csc_matrix(m),
        permc_spec="MMD_AT_PLUS_A",
        diag_pivot_thresh=0.0,
        options={"SymmetricMode": True},
    )


def _sparse_solver(m: Any):
    try:
        lu = _symmetric_lu(m)
    except RuntimeError:  # exactly singular
        raise ValueError("matrix must be positive definite (it is singular)") from None
    except MemoryError:
        raise ValueError("matrix too large to factorise for the smallest eigenvalue") from None
    if np.array_equal(lu.perm_r, lu.perm_c) and not np.all(lu.U.diagonal() > 0):
        raise ValueError("matrix must be positive definite (all eigenvalues > 0)")
    return lu.solve


def _positive_definite(m: Any) -> bool:
    """Sylvester's law of inertia on a symmetric-mode LU (no pivoting): all pivots > 0."""
    if isinstance(m, np.ndarray):  # dense: Cholesky succeeds iff positive definite
        try:
            np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            return False
        return True
    try:
        lu = _symmetric_lu(m)
    except RuntimeError:  # exactly singular
        return False
    return bool(np.array_equal(lu.perm_r, lu.perm_c) and np.all(lu.U.diagonal() > 0))


def _certify(m: Any, estimate: float, *, upper: bool, deadline: float) -> float:
    """Widen ``estimate`` until σI − A (upper) or A − σI (lower) is positive definite.

    The relative widening starts at max(1e-10, 64 n ε) (the rounding of the
    factorisation) and grows tenfold up to 1e-3; the returned σ is then a
    certified bound: λ_max < σ, or λ_min > σ.
    """
    from scipy.sparse import identity

    n = m.shape[0]
    eye = np.eye(n) if isinstance(m, np.ndarray) else identity(n, format="csr")
    tau = max(1e-10, 64 * n * 2.0**-52)
    while tau <= 1e-3:
        sigma = estimate * (1 + tau) if upper else estimate * (1 - tau)
        shifted = sigma * eye - m if upper else m - sigma * eye
        if _positive_definite(shifted):
            return float(sigma)
        if time.perf_counter() > deadline:
            raise ValueError("eigenvalue computation exceeded its time limit")
        tau *= 10
    side = "largest" if upper else "smallest"
    raise ValueError(f"could not certify the {side} eigenvalue to 1e-3 relative")


def _extreme_ritz(matvec, n: int, deadline: float, max_steps: int = 600) -> float:
    """Largest Ritz value of plain Lanczos (three-term recurrence) from a fixed random start.

    Without reorthogonalisation spurious copies of converged Ritz values appear,
    but the extreme Ritz value still converges to the extreme eigenvalue, from
    below; the run stops when it is stable to 1e-14 relative or ``max_steps``
    is reached, and raises ``ValueError`` past ``deadline``.
    """
    from scipy.linalg import eigvalsh_tridiagonal

    rng = np.random.default_rng(0)
    q = rng.standard_normal(n)
    q /= np.linalg.norm(q)
    q_prev = np.zeros(n)
    beta = 0.0
    diag: list[float] = []
    off: list[float] = []
    last = None
    for step in range(min(max_steps, n)):
        w = matvec(q) - beta * q_prev
        a = float(q @ w)
        w -= a * q
        diag.append(a)
        beta = float(np.linalg.norm(w))
        if time.perf_counter() > deadline:
            raise ValueError("eigenvalue computation exceeded its time limit")
        invariant = beta <= 1e-14 * max(abs(a), 1e-300)
        if invariant or step % 10 == 9 or step == min(max_steps, n) - 1:
            top = float(eigvalsh_tridiagonal(np.array(diag), np.array(off))[-1])
            if invariant or (last is not None and abs(top - last) <= 1e-14 * abs(top)):
                return top
            last = top
        off.append(beta)
        q_prev, q = q, w / beta
    return float(last)


def load_matrix(path: str | os.PathLike) -> Any:
    """Read a matrix from ``.npy`` (no pickles) or Matrix Market ``.mtx``, size-checked first.

    Returns a float64 ndarray (``.npy``, dense ``.mtx``) or a scipy.sparse CSR
    matrix (coordinate ``.mtx``).  Symmetry and definiteness are checked by
    :func:`bounds`, not here.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.npy"
    >>> np.save(f, np.eye(2))
    >>> print(load_matrix(f))
    [[1. 0.]
     [0. 1.]]
    """
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise ValueError(f"matrix file not found: {name}")
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".npy":
        return _load_npy(name)
    if suffix == ".mtx":
        return _load_mtx(name)
    raise ValueError(f"matrix file must end in .npy or .mtx; got {name!r}")


def _load_npy(name: str) -> np.ndarray:
    try:
        # Memory-map first: the header gives shape and dtype without reading the data.
        arr = np.load(name, mmap_mode="r", allow_pickle=False)
    except ValueError as exc:
        text = str(exc).lower()
        if "pickle" in text or "object" in text:
            raise ValueError(f"{name}: pickled (object) arrays are refused") from None
        raise ValueError(f"{name}: not a valid .npy file ({exc})") from None
    except (OSError, EOFError) as exc:
        raise ValueError(f"{name}: not a valid .npy file ({exc})") from None
    if not isinstance(arr, np.ndarray):
        raise ValueError(f"{name}: expected a single array")
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name}: matrix must be real; got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"{name}: matrix must be square and non-empty; got shape {arr.shape}")
    if arr.size > MAX_DENSE_ENTRIES:
        raise ValueError(
            f"{name}: dense matrix too large: {arr.size} entries (limit {MAX_DENSE_ENTRIES})"
        )
    return np.array(arr, dtype=np.float64)


def _mmread_sparray_keyword() -> dict[str, bool]:
    # scipy ≥ 1.18 warns unless told whether to return a sparse matrix or a sparse
    # array; older releases have no such keyword.  Either kind works here (only @ and
    # .tocsr() are used), so ask for the arrays that become the default.
    import inspect

    from scipy.io import mmread

    return {"spmatrix": False} if "spmatrix" in inspect.signature(mmread).parameters else {}


def _load_mtx(name: str) -> Any:
    from scipy.io import mminfo, mmread

    try:
        rows, cols, entries, fmt, field, _symmetry = mminfo(name)
    except Exception as exc:  # scipy raises assorted errors on a malformed header
        raise ValueError(f"{name}: not a valid Matrix Market file ({exc})") from None
    if field not in ("real", "integer", "double"):
        raise ValueError(f"{name}: matrix must be real; Matrix Market field is {field!r}")
    if rows != cols or rows == 0:
        raise ValueError(f"{name}: matrix must be square and non-empty; got {rows}×{cols}")
    if rows > MAX_ORDER or entries > MAX_NONZEROS:
        raise ValueError(
            f"{name}: matrix too large: order {rows}, {entries} entries "
            f"(limits {MAX_ORDER} and {MAX_NONZEROS})"
        )
    if fmt == "array" and rows * cols > MAX_DENSE_ENTRIES:
        raise ValueError(f"{name}: dense matrix too large: {rows * cols} entries")
    try:
        m = mmread(name, **_mmread_sparray_keyword())
    except Warning:
        # A dependency's warning turned into an error (python -W error) says nothing
        # about the file: let it through as what it is.
        raise
    except Exception as exc:
        raise ValueError(f"{name}: not a valid Matrix Market file ({exc})") from None
    if isinstance(m, np.ndarray):
        return np.asarray(m, dtype=np.float64)
    return m.tocsr().astype(np.float64)
