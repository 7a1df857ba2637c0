"""Extreme eigenvalues of a symmetric positive-definite matrix, under size and time guards.

:func:`bounds` returns λ_min and λ_max, each with a certificate for large sparse
matrices: the reported λ_min is ≤ the true one and the reported λ_max ≥ the true
one, each within ``rtol`` (1e-6) relative.  Three routes:

- **dense** (order ≤ ``dense_limit``): all eigenvalues by ``numpy.linalg.eigvalsh``,
  exact to rounding (not widened: LAPACK states no explicit error constant);
- **M-matrix** (large sparse Z-matrices, exactly symmetric, with the optional
  ``pyamg``): graph Laplacians of grids or of files plus a diagonal data term.
  λ_min by the M-matrix test on A − σI, λ_max on σI − SAS when the graph is
  bipartite (grids are): a positive vector y with My > 0 proves the bound, found
  with multigrid-preconditioned solves; see :mod:`numeric.mmatrix` for the theorem
  and the rounding margin.  O(nnz) per step, a few dozen steps.
- **Lanczos and inertia** (every other case): a plain Lanczos recurrence for
  λ_max and, with shift-invert at 0 (``scipy.sparse.linalg.splu``), for λ_min;
  the Ritz values are then widened until Sylvester's law of inertia (an LDLᵀ of
  the shifted matrix, symmetric-mode SuperLU with no pivoting) certifies them.
  The factorisation makes it slow for large matrices (minutes at 10⁶ rows of a 2-D
  grid); ARPACK's ``eigsh`` was tried first and stalled for minutes on clustered
  eigenvalues.

From :data:`PARALLEL_FROM` rows on, with two cores or more, the two M-matrix bounds
run at once, λ_max's in a second Python process.  ``python -m benchmarks --only
spectrum`` measures the times at 10⁵, 10⁶ and 4·10⁶ rows on the machine at hand.

:func:`load_matrix` reads ``.npy`` files (never pickles) and Matrix Market
``.mtx`` files, checking the size from the header before reading the data.

Non-symmetric, indefinite, non-finite, empty or oversized input is refused with
a ``ValueError``/``TypeError`` that names the problem (``numeric._validate``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _bracket_worker
from . import _validate as v

#: Matrices up to this order are solved densely (all eigenvalues, exact to rounding).
DENSE_LIMIT = 2000
#: Refuse larger problems outright.
MAX_ORDER = 5_000_000
MAX_NONZEROS = 50_000_000
#: Refuse dense arrays with more entries than this (8 bytes each, so 800 MB).
MAX_DENSE_ENTRIES = 100_000_000
#: The default wall-clock budget in seconds, a guard against a runaway computation far
#: above what the M-matrix route takes at 4·10⁶ rows (see benchmarks/spectrum.py).
TIME_LIMIT = 1800.0
#: Relative tightness of the certified bounds.
RTOL = 1e-6
#: Progress goes to stderr once a run has taken this long (seconds).
PROGRESS_AFTER = 2.0

#: The matrix order from which the two M-matrix bounds run at once (with two or more
#: cores), the largest eigenvalue's in a second Python process
#: (``numeric._bracket_worker``), which costs a temporary copy of the matrix and the
#: imports of numpy, scipy and pyamg.
PARALLEL_FROM = 200_000


@dataclass(frozen=True)
class Bounds:
    """λ_min and λ_max of a matrix and how they were found.

    For the certified routes ``lambda_min ≤ λ_min ≤ lambda_min_estimate`` and
    ``lambda_max_estimate ≤ λ_max ≤ lambda_max``: the estimates (Rayleigh
    quotients and Ritz values, each up to rounding on its side) say how tight the
    certified bounds are.  For ``"eigvalsh"`` they equal the bounds.
    """

    lambda_min: float
    lambda_max: float
    n: int
    method: str  #: ``"eigvalsh"``, ``"m-matrix"``, ``"lanczos"``, or ``"m-matrix/lanczos"`` (λ_min/λ_max)
    lambda_min_estimate: float | None = None
    lambda_max_estimate: float | None = None


class _Progress:
    """Stage messages on stderr, once the run has taken ``PROGRESS_AFTER`` seconds."""

    def __init__(self, enabled: bool) -> None:
        self.start = time.perf_counter()
        self.enabled = enabled

    def __call__(self, message: str) -> None:
        elapsed = time.perf_counter() - self.start
        if self.enabled and elapsed >= PROGRESS_AFTER:
            print(f"spectrum: {message} ({elapsed:.1f} s)", file=sys.stderr, flush=True)


def bounds(
    a: Any,
    *,
    dense_limit: int = DENSE_LIMIT,
    time_limit: float = TIME_LIMIT,
    rtol: float = RTOL,
    progress: bool = True,
) -> Bounds:
    """λ_min and λ_max of a symmetric positive-definite matrix (dense or scipy.sparse).

    Parameters
    ----------
    a : array_like or scipy.sparse.sparray or scipy.sparse.spmatrix
        Square, symmetric (to 1e-12 relative), finite and positive definite.
    dense_limit : int
        Order up to which the dense solver is used.
    time_limit : float
        Seconds allowed; exceeding it is a ``ValueError``.
    rtol : float
        Relative tightness of the M-matrix route's bounds, in [1e-12, 1e-2].
    progress : bool
        Print stage messages to stderr once the run has taken 2 s.

    Examples
    --------
    >>> b = bounds(np.diag([2.0, 0.5, 8.0]))
    >>> print(b.lambda_min, b.lambda_max, b.method)
    0.5 8.0 eigvalsh
    """
    limit = v.count("dense_limit", dense_limit, minimum=1)
    budget = float(v.real_array("time_limit", time_limit, low=0))
    tight = v.real_scalar("rtol", rtol, low=1e-12, high=1e-2, low_open=False, high_open=False)
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
        lo, hi = float(eig[0]), float(eig[-1])
        if not lo > 0:
            raise ValueError(
                "matrix must be positive definite (all eigenvalues > 0); "
                f"smallest eigenvalue {lo:.6g}"
            )
        return Bounds(lo, hi, n, "eigvalsh", lo, hi)
    say = _Progress(progress)
    deadline = time.perf_counter() + budget
    try:
        found = _large(m, tight, deadline, say)
    except _TimeUp:
        raise ValueError(
            f"eigenvalue computation exceeded its time limit of {budget:g} s "
            f"(order {n}, {m.nnz if v.is_sparse(m) else n * n} non-zeros)"
        ) from None
    say("done")
    return found


class _TimeUp(Exception):
    pass


def _large(m: Any, rtol: float, deadline: float, say) -> Bounds:
    """Both bounds of a large matrix, each by the M-matrix route where it applies."""
    from . import mmatrix

    n = m.shape[0]
    z_route = v.is_sparse(m) and _has_pyamg() and v._sparse_symmetric(m, 0.0)
    z_route = z_route and mmatrix.is_z_matrix(m)
    signs = mmatrix.bipartite_signature(m) if z_route else None
    top = None
    if signs is not None and n >= PARALLEL_FROM and _cores() >= 2:
        say("largest eigenvalue: M-matrix route, in a second process")
        top = _bracket_worker.start(m, signs, rtol=rtol, deadline=deadline)
    try:
        if z_route:
            say("smallest eigenvalue: M-matrix route")
            low = mmatrix.bracket(m, np.ones(n), upper=False, rtol=rtol, deadline=deadline, say=say)
            lo, lo_est, lo_how = low.certified, low.estimate, "m-matrix"
        else:
            say("smallest eigenvalue: Lanczos and inertia")
            lo_est = _lanczos_lower(m, deadline)
            lo, lo_how = _certify(m, lo_est, upper=False, deadline=deadline), "lanczos"
        if signs is not None:
            if top is None:
                say("largest eigenvalue: M-matrix route")
                high = mmatrix.bracket(m, signs, upper=True, rtol=rtol, deadline=deadline, say=say)
            else:
                say("largest eigenvalue: waiting for the second process")
                high = top.result()
            hi, hi_est, hi_how = high.certified, high.estimate, "m-matrix"
        else:
            say("largest eigenvalue: Lanczos and inertia")
            hi_est = _extreme_ritz(lambda x: m @ x, n, deadline)
            hi, hi_how = _certify(m, hi_est, upper=True, deadline=deadline), "lanczos"
    except mmatrix.TimeLimitError:
        raise _TimeUp from None
    finally:
        if top is not None:
            top.close()
    if not lo > 0:
        raise ValueError(
            f"matrix must be positive definite (all eigenvalues > 0); smallest eigenvalue {lo:.6g}"
        )
    how = lo_how if lo_how == hi_how else f"{lo_how}/{hi_how}"
    return Bounds(lo, hi, n, how, lo_est, hi_est)


def _cores() -> int:
    """CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _has_pyamg() -> bool:
    return importlib.util.find_spec("pyamg") is not None


def _lanczos_lower(m: Any, deadline: float) -> float:
    """An upper estimate of λ_min: 1/(largest Ritz value of A⁻¹), shift-invert at 0.

    The smallest eigenvalue of A is 1/(largest of A⁻¹), which plain Lanczos finds
    quickly even when A is ill-conditioned.
    """
    solve = _dense_solver(m) if isinstance(m, np.ndarray) else _sparse_solver(m)
    top = _extreme_ritz(solve, m.shape[0], deadline)
    if not top > 0:
        raise ValueError("matrix must be positive definite (all eigenvalues > 0)")
    return 1.0 / top


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
            raise _TimeUp
        tau *= 10
    side = "largest" if upper else "smallest"
    raise ValueError(f"could not certify the {side} eigenvalue to 1e-3 relative")


def _extreme_ritz(matvec, n: int, deadline: float, max_steps: int = 600) -> float:
    """Largest Ritz value of plain Lanczos (three-term recurrence) from a fixed random start.

    Without reorthogonalisation spurious copies of converged Ritz values appear,
    but the extreme Ritz value still converges to the extreme eigenvalue, from
    below; the run stops when it is stable to 1e-14 relative or ``max_steps``
    is reached, and raises ``_TimeUp`` past ``deadline``.
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
            raise _TimeUp
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
