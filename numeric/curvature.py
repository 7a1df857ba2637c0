"""Extreme curvatures of a function from Hessian-vector products, never the Hessian.

For a twice-differentiable loss the curvature range at a point w is [λ_min, λ_max] of
the Hessian ∇²f(w).  A Hessian-vector product v ↦ ∇²f(w)v costs about two gradients
(automatic differentiation of ⟨∇f(w), v⟩, or a difference of gradients), so Lanczos
iteration (ARPACK's implicitly restarted Lanczos in :func:`scipy.sparse.linalg.eigsh`)
finds both ends with a few dozen products, whatever the dimension.

λ_max is the largest eigenvalue of H.  λ_min is found as σ − (largest eigenvalue of
σI − H) with σ = λ_max: the spectrum of σI − H is [0, σ − λ_min], whose largest end is
the one Lanczos finds fast (the smallest end of H itself is the slow one without a
shift-invert solve, which would need H).  Each end comes with its Ritz residual ‖Hv −
θv‖: for a symmetric H some eigenvalue lies within that distance of θ, which
:class:`Curvature` reports.

Source: C. Lanczos (1950); R. B. Lehoucq, D. C. Sorensen, C. Yang, "ARPACK Users' Guide",
SIAM 1998 (the restarted iteration and its residual bound).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Curvature:
    """The extreme eigenvalues of the Hessian at one point, from products only.

    ``residual_min``/``residual_max``: ‖Hv − θv‖ of each Ritz pair (an eigenvalue of H
    lies within it); ``products``: Hessian-vector products used.
    """

    lambda_min: float
    lambda_max: float
    residual_min: float
    residual_max: float
    products: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "lambda_min": self.lambda_min,
            "lambda_max": self.lambda_max,
            "residual_min": self.residual_min,
            "residual_max": self.residual_max,
            "products": self.products,
        }


def extreme_curvatures(
    hvp: Callable[[np.ndarray], ArrayLike],
    n: int,
    *,
    tol: float = 1e-8,
    seed: int = 0,
) -> Curvature:
    """λ_min and λ_max of the symmetric operator ``hvp`` (an n-vector to an n-vector).

    ``tol`` is ARPACK's relative accuracy of each Ritz value.  The start vector is drawn
    from ``seed``, so a run is repeatable.

    >>> H = np.diag([0.5, 2.0, 3.0, 10.0])
    >>> c = extreme_curvatures(lambda v: H @ v, 4)
    >>> print(round(c.lambda_min, 10), round(c.lambda_max, 10))
    0.5 10.0
    """
    if not (isinstance(n, int) and n >= 1):
        raise ValueError(f"n must be an integer >= 1; got {n!r}")
    if not (math.isfinite(tol) and 0 < tol < 1):
        raise ValueError(f"tol must lie in (0, 1); got {tol!r}")
    count = 0

    def product(v: np.ndarray) -> np.ndarray:
        nonlocal count
        count += 1
        out = np.asarray(hvp(np.asarray(v, dtype=float).reshape(n)), dtype=float).reshape(n)
        if not np.all(np.isfinite(out)):
            raise ValueError("hvp returned a non-finite value (NaN or inf)")
        return out

    if n <= 3:  # ARPACK needs n > k + 1: form the tiny Hessian column by column instead
        H = np.column_stack([product(e) for e in np.eye(n)])
        if not np.allclose(H, H.T, rtol=1e-10, atol=1e-12 * max(1.0, np.abs(H).max())):
            raise ValueError("hvp is not symmetric: not a Hessian-vector product")
        values = np.linalg.eigvalsh((H + H.T) / 2)
        return Curvature(float(values[0]), float(values[-1]), 0.0, 0.0, count)

    from scipy.sparse.linalg import LinearOperator

    v0 = np.random.default_rng(seed).standard_normal(n)
    top, vec = _largest(LinearOperator((n, n), matvec=product, dtype=float), n, tol, v0)
    res_max = float(np.linalg.norm(product(vec) - top * vec))
    shifted = LinearOperator((n, n), matvec=lambda v: top * v - product(v), dtype=float)
    width, vec = _largest(shifted, n, tol, v0)
    bottom = top - width
    res_min = float(np.linalg.norm(product(vec) - bottom * vec))
    return Curvature(bottom, top, res_min, res_max, count)


def _largest(op, n: int, tol: float, v0: np.ndarray) -> tuple[float, np.ndarray]:
    """The largest eigenvalue of a symmetric operator and its Ritz vector (ARPACK).

    A wide Krylov basis (64 vectors, or all n) because the ends of a Hessian's spectrum
    are often clustered; if ARPACK stops before its tolerance, its best Ritz pair is kept
    (the caller reports the pair's residual, which bounds the error either way).
    """
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    start = v0 / np.linalg.norm(v0)
    if not np.any(op.matvec(start)):
        # v0 is in the kernel: for σI − H this means H = σI on a random vector, so the
        # spectrum is (almost surely) the single point σ; ARPACK cannot start from it.
        return 0.0, start
    try:
        (value,), vec = eigsh(op, k=1, which="LA", tol=tol, v0=v0, ncv=min(n, 64), maxiter=50 * n)
    except ArpackNoConvergence as err:
        if len(err.eigenvalues) == 0:
            raise ValueError(
                f"Lanczos did not converge to tol = {tol}: the curvature at this end is too "
                "clustered; raise tol"
            ) from None
        value, vec = err.eigenvalues[-1:], err.eigenvectors[:, -1:]
        (value,) = value
    return float(value), vec[:, 0]
