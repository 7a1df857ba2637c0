"""Test matrices with a prescribed spectrum."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v

#: The largest size built (a dense QR of n×n costs O(n³) time and 8n² bytes).
MAX_SIZE = 4096


def spd_with_spectrum(
    eigenvalues: ArrayLike, seed: int | np.random.Generator | None = 0
) -> np.ndarray:
    """A symmetric positive-definite matrix Q diag(λ) Qᵀ with a random orthogonal Q.

    Q comes from the QR factorisation of a Gaussian matrix drawn with ``seed``,
    with column signs fixed so the draw is reproducible.  ``seed`` is ``None``, a
    non-negative integer or a ``numpy.random.Generator``; at most
    ``MAX_SIZE`` eigenvalues (the matrix is dense).

    >>> a = spd_with_spectrum([1.0, 2.0, 10.0], seed=1)
    >>> print(np.round(np.linalg.eigvalsh(a), 12))
    [ 1.  2. 10.]
    """
    lam = v.real_array("eigenvalues", eigenvalues, low=0)
    if lam.ndim != 1:
        raise ValueError(f"eigenvalues must be a 1-d array; got shape {lam.shape}")
    if lam.size > MAX_SIZE:
        raise ValueError(f"eigenvalues must have at most {MAX_SIZE} entries; got {lam.size}")
    if seed is None or isinstance(seed, np.random.Generator):
        rng = np.random.default_rng(seed)
    else:
        rng = np.random.default_rng(v.count("seed", seed))
    q, r = np.linalg.qr(rng.standard_normal((lam.size, lam.size)))
    q = q * np.sign(np.diag(r))
    a = (q * lam) @ q.T
    return (a + a.T) / 2
