"""Input checks shared by the numeric layer.

Every public function validates before it evaluates, so bad input fails with a
``TypeError`` (wrong kind of thing) or ``ValueError`` (right kind, wrong value)
that names the parameter and the allowed range.  Strings, bools, ``None`` and
complex numbers are refused before any conversion, since ``numpy.asarray``
would quietly accept some of them.
"""

from __future__ import annotations

import operator
import sys
from typing import Any

import numpy as np


def _kind_error(name: str, value: Any, expected: str) -> TypeError:
    return TypeError(f"{name} must be {expected}; got {type(value).__name__}")


def _refuse_non_array(name: str, value: Any, expected: str) -> None:
    """TypeError for None, strings, bools and masked arrays, before any np.asarray.

    asarray would turn them into arrays of the wrong kind, and a masked array would
    lose its mask and compute on the hidden values.  (A masked array can only exist
    once ``numpy.ma`` is loaded, so it is looked for in ``sys.modules``: checking
    a plain input does not load numpy.ma, which costs several milliseconds.)
    """
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise _kind_error(name, value, expected)
    ma = sys.modules.get("numpy.ma")
    if ma is not None and isinstance(value, ma.MaskedArray):
        raise _kind_error(name, value, expected)


def _array_of(name: str, value: Any, expected: str) -> np.ndarray:
    """``np.asarray(value)`` after :func:`_refuse_non_array`."""
    _refuse_non_array(name, value, expected)
    return _as_array(name, value, expected)


def real_array(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = True,
    high_open: bool = True,
) -> np.ndarray:
    """``value`` as a float64 array, checked finite and inside (low, high).

    The interval ends are open unless ``low_open``/``high_open`` is False.

    >>> real_array("beta", 0.5, low=0, high=1, low_open=False)
    array(0.5)
    >>> real_array("beta", 1.0, low=0, high=1, low_open=False)
    Traceback (most recent call last):
    ...
    ValueError: beta must be a finite real number in [0, 1); got 1.0
    """
    allowed = _describe(low, high, low_open, high_open)
    arr = float_array(name, value, allowed)
    if within(arr, low=low, high=high, low_open=low_open, high_open=high_open):
        return arr
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr <= low) if low_open else (arr < low)
    if high is not None:
        bad |= (arr >= high) if high_open else (arr > high)
    if bad.any():
        example = float(arr[bad].flat[0])
        raise ValueError(f"{name} must be a finite real number {allowed}; got {example!r}".rstrip())
    return arr


def float_array(name: str, value: Any, allowed: str = "") -> np.ndarray:
    """``value`` as a non-empty float64 array of real numbers, its values not checked:
    the kind and emptiness checks of :func:`real_array` (``allowed`` describes the
    range in the messages).

    >>> float_array("alpha", [1, 2])
    array([1., 2.])
    """
    arr = _array_of(name, value, f"a finite real number {allowed}".rstrip())
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a finite real number {allowed}; got dtype {arr.dtype}".replace(
                "  ", " "
            )
        )
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty")
    return arr.astype(np.float64, copy=False)


def within(
    arr: np.ndarray,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = True,
    high_open: bool = True,
) -> bool:
    """True iff every entry is finite and inside (low, high): two reductions (NaN
    propagates through min and max), no masks.

    >>> within(np.array([0.0, 0.5]), low=0, high=1, low_open=False)
    True
    >>> within(np.array([0.5, np.nan]), low=0)
    False
    """
    lo, hi = float(arr.min()), float(arr.max())
    fine = np.isfinite(lo) and np.isfinite(hi)
    if fine and low is not None:
        fine = lo > low if low_open else lo >= low
    if fine and high is not None:
        fine = hi < high if high_open else hi <= high
    return bool(fine)


def _as_array(name: str, value: Any, expected: str) -> np.ndarray:
    """``np.asarray(value)``, with ragged nesting reported under the parameter's name."""
    try:
        return np.asarray(value)
    except (ValueError, TypeError):
        raise TypeError(f"{name} must be {expected}; got a ragged or unconvertible value") from None


def _describe(low, high, low_open, high_open) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f"{'>' if low_open else '>='} {_num(low)}"
    if low is None:
        return f"{'<' if high_open else '<='} {_num(high)}"
    return f"in {'(' if low_open else '['}{_num(low)}, {_num(high)}{')' if high_open else ']'}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def real_scalar(name: str, value: Any, **bounds: Any) -> float:
    """One finite real number within ``bounds`` (as :func:`real_array`), as a float.

    >>> real_scalar("alpha", 0.5, low=0)
    0.5
    >>> real_scalar("alpha", [0.5, 0.6], low=0)
    Traceback (most recent call last):
    ...
    TypeError: alpha must be a single real number (a scalar); got an array of shape (2,)
    """
    arr = real_array(name, value, **bounds)
    if arr.ndim != 0:
        raise TypeError(
            f"{name} must be a single real number (a scalar); got an array of shape {arr.shape}"
        )
    return float(arr)


def count(name: str, value: Any, *, minimum: int = 0) -> int:
    """A non-negative integer count (steps, k), refusing bools, floats and strings.

    >>> count("steps", 10)
    10
    >>> count("steps", 2.0)
    Traceback (most recent call last):
    ...
    TypeError: steps must be an integer >= 0; got float
    """
    if isinstance(value, (bool, np.bool_)):
        raise _kind_error(name, value, f"an integer >= {minimum}")
    try:
        n = operator.index(value)
    except TypeError:
        raise _kind_error(name, value, f"an integer >= {minimum}") from None
    if n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {n}")
    return n


def integer_array(name: str, value: Any, *, minimum: int = 0) -> np.ndarray:
    """An integer array (like powers k), every entry >= ``minimum``."""
    arr = _array_of(name, value, f"an integer >= {minimum}")
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an integer >= {minimum}; got dtype {arr.dtype}")
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty")
    if (arr < minimum).any():
        raise ValueError(
            f"{name} must be an integer >= {minimum}; got {arr[arr < minimum].flat[0]}"
        )
    # uint64 above 2**63 - 1 would wrap to a negative int64 in the cast below
    if arr.dtype.kind == "u" and (arr > np.iinfo(np.int64).max).any():
        raise ValueError(f"{name} must be an integer in [{minimum}, 2**63 - 1]")
    return arr.astype(np.int64, copy=False)


#: Largest broadcast result accepted: 2**30 float64 values are 8 GiB per array, and
#: a kernel needs several; beyond it a shape is almost surely a mistake (an outer
#: product of two long vectors), refused before anything is allocated.
MAX_ELEMENTS = 2**30


def broadcast(**arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """Broadcast the arrays together, naming them if their shapes do not fit.

    >>> broadcast(alpha=np.ones((2**16, 1)), lam=np.ones(2**15))
    Traceback (most recent call last):
    ...
    ValueError: broadcast result of alpha (65536, 1), lam (32768,) has 2147483648 values; at most 2**30 (1073741824) are allowed
    """
    shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in arrays.items())
    try:
        shape = np.broadcast_shapes(*(np.shape(v) for v in arrays.values()))
    except ValueError:
        raise ValueError(f"shapes do not broadcast: {shapes}") from None
    size = int(np.prod(shape, dtype=object))
    if size > MAX_ELEMENTS:
        raise ValueError(
            f"broadcast result of {shapes} has {size} values; "
            f"at most 2**30 ({MAX_ELEMENTS}) are allowed"
        )
    return tuple(np.broadcast_arrays(*arrays.values()))


def is_sparse(a: Any) -> bool:
    """True for a scipy.sparse matrix or array, without importing scipy."""
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and sparse.issparse(a)


def real_matrix(name: str, a: Any) -> Any:
    """A non-empty square real matrix with finite entries: a float64 ndarray or CSR matrix.

    Symmetry and definiteness are not checked (see :func:`spd_matrix`).  A CSR
    float64 matrix comes back as given, not copied.

    >>> real_matrix("A", [[1, 2], [3, 4]]).dtype
    dtype('float64')
    """
    _refuse_non_array(name, a, "a square real matrix")
    if is_sparse(a):
        return _sparse_real(name, a)[0]
    arr = _as_array(name, a, "a square real matrix")
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real matrix; got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty square matrix; got shape {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must have finite entries")
    return arr


def _sparse_real(name: str, a: Any) -> tuple[Any, float]:
    """(``a`` as CSR float64, max |entry|) after the checks of :func:`real_matrix`."""
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty square matrix; got shape {a.shape}")
    if a.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real matrix; got dtype {a.dtype}")
    a = a.tocsr()  # no copy when it is CSR already
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    if not a.nnz:
        return a, 0.0
    # min and max propagate NaN, and are finite iff every entry is.
    lo, hi = float(a.data.min()), float(a.data.max())
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"{name} must have finite entries")
    return a, max(-lo, hi)


def spd_matrix(name: str, a: Any, *, check_definite: bool = True) -> Any:
    """A square, symmetric, positive-definite real matrix (dense ndarray or scipy.sparse).

    Symmetry is checked to a relative tolerance of 1e-12 of the largest entry.
    Definiteness: Cholesky for dense; for sparse, Gershgorin's discs or Taussky's
    test when they settle it (O(nnz)), otherwise a Lanczos estimate of the smallest
    eigenvalue.  A sparse matrix comes back as CSR float64, not copied when it is
    one already, and is never modified.
    """
    _refuse_non_array(name, a, "a square symmetric positive-definite real matrix")
    if is_sparse(a):
        return _sparse_spd(name, *_sparse_real(name, a), check_definite)
    arr = real_matrix(name, a)
    scale = float(np.max(np.abs(arr)))
    if np.max(np.abs(arr - arr.T)) > 1e-12 * scale:
        raise ValueError(f"{name} must be symmetric (A == A.T to 1e-12 relative)")
    if check_definite:
        try:
            np.linalg.cholesky(arr)
        except np.linalg.LinAlgError:
            raise ValueError(f"{name} must be positive definite (all eigenvalues > 0)") from None
    return arr


def _sparse_spd(name: str, a: Any, scale: float, check_definite: bool) -> Any:
    """Symmetry and definiteness of a CSR float64 matrix with finite entries, in O(nnz).

    One transpose, a few passes over the entries and a component search: at 512²
    colorization (1.3·10⁶ non-zeros) 12–15 products A @ w, where a copy,
    ``a − a.T``, ``abs(a)`` (which copies the index arrays) and an undirected
    component search (which transposes again) took 23–28 (medians of interleaved
    rounds on a shared machine).
    """
    if not _sparse_symmetric(a, 1e-12 * scale):
        raise ValueError(f"{name} must be symmetric (A == A.T to 1e-12 relative)")
    if check_definite:
        diag = a.diagonal()
        if (diag <= 0).any():
            raise ValueError(f"{name} must be positive definite (all eigenvalues > 0)")
        # Row sums of |a| by one product with the ones vector, the same summation
        # order as abs(a).sum(axis=1), without copying the index arrays.
        row_abs = _with_data(a, np.abs(a.data)) @ np.ones(a.shape[1])
        margin = diag - (row_abs - diag)
        if not (margin > 0).all() and not _irreducibly_dominant(a, margin):
            from scipy.sparse.linalg import eigsh

            smallest = eigsh(a, k=1, which="SA", return_eigenvectors=False, tol=1e-8)[0]
            if smallest <= 0:
                raise ValueError(f"{name} must be positive definite (all eigenvalues > 0)")
    return a


def _with_data(a: Any, data: np.ndarray) -> Any:
    """A CSR matrix with ``a``'s structure (shared, not copied) and other values."""
    return type(a)((data, a.indices, a.indptr), shape=a.shape, copy=False)


def _sparse_symmetric(a: Any, tol: float) -> bool:
    """max |a − aᵀ| ≤ tol for a CSR ``a``, by one transpose when the structure is stored symmetric.

    ``a.T.tocsr()`` (one counting-sort pass) lists each row's columns in increasing
    order.  When its index arrays equal ``a``'s, the two store the same entries in
    the same places, so comparing the value arrays compares the matrices entry by
    entry.  Otherwise (unsorted or duplicate indices, an entry stored on one side
    only) the general sparse difference decides.
    """
    t = a.T.tocsr()
    if np.array_equal(a.indptr, t.indptr) and np.array_equal(a.indices, t.indices):
        if not a.nnz:
            return True
        diff = np.subtract(a.data, t.data, out=t.data)  # t is ours: reuse its values
        return bool(np.max(np.abs(diff, out=diff)) <= tol)
    asym = (a - t).tocsr()
    return not asym.nnz or bool(np.max(np.abs(asym.data)) <= tol)


def _irreducibly_dominant(a: Any, margin: np.ndarray) -> bool:
    """Taussky's test: definite without an eigenvalue solve, for Laplacian-like matrices.

    A symmetric matrix with a positive diagonal that is weakly diagonally
    dominant in every row (margin = aᵢᵢ − Σⱼ≠ᵢ |aᵢⱼ| ≥ 0) is positive semidefinite
    (Gershgorin), and each irreducible block with one strictly dominant row is
    nonsingular (Taussky 1949), so the matrix is positive definite when every
    connected block of its graph has such a row.  Graph Laplacians plus a
    diagonal data term (colorization) pass in O(nnz) where Lanczos for the
    smallest eigenvalue of an ill-conditioned matrix can take minutes.

    The blocks are the strongly connected components of the stored pattern (no
    transpose needed).  For a symmetric pattern they are the connected components;
    for a pattern that is symmetric only up to entries below the symmetry tolerance
    they are finer, so the test can only get stricter.  ``a`` is not modified.
    """
    if (margin < 0).any():
        return False
    from scipy.sparse.csgraph import connected_components

    if not a.data.all():  # a stored zero is no edge
        a = a.copy()
        a.eliminate_zeros()
    count, labels = connected_components(a, directed=True, connection="strong")
    strict = np.zeros(count, dtype=bool)
    strict[labels[margin > 0]] = True
    return bool(strict.all())


def vector(name: str, value: Any, n: int) -> np.ndarray:
    """A finite real vector of length ``n``."""
    arr = _array_of(name, value, f"a real vector of length {n}")
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real vector of length {n}; got dtype {arr.dtype}")
    if arr.shape != (n,):
        raise ValueError(f"{name} must be a real vector of length {n}; got shape {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must have finite entries")
    return arr
