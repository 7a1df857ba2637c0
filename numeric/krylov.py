"""The polynomial (Krylov) view: conjugate gradients, residual polynomials, Chebyshev bounds.

Every linear first-order method started at w⁰ leaves the error
wᵏ − w* = p_k(A)(w⁰ − w*) with p_k a polynomial of degree ≤ k and p_k(0) = 1
(claim ``CHEB-RESIDUAL``).  Here are the numeric counterparts of
:mod:`momentum_proofs.polynomial_view`: a conjugate-gradient iteration that
keeps its iterates, an iteration counter around ``scipy.sparse.linalg.cg``,
the heavy-ball residual polynomial by its three-term recurrence, and the
Chebyshev minimax value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v


@dataclass
class CGRun:
    """Iterates of :func:`conjugate_gradient` and whether the tolerance was met."""

    iterates: np.ndarray  #: shape (iterations + 1, n)
    iterations: int
    converged: bool


def conjugate_gradient(
    A: Any, b: ArrayLike, steps: int, w0: ArrayLike | None = None, *, tol: float | None = None
) -> CGRun:
    """Hestenes–Stiefel conjugate gradients on ½wᵀAw − bᵀw, keeping every iterate.

    Stops after ``steps`` iterations or once ‖Aw − b‖ ≤ tol·‖b‖.

    >>> run = conjugate_gradient(np.diag([1.0, 2.0, 3.0]), np.ones(3), 3)
    >>> print(np.round(run.iterates[-1], 12))
    [1.  0.5  0.33333333]
    """
    A = v.spd_matrix("A", A)
    n = A.shape[0]
    bb = v.vector("b", b, n)
    steps = v.count("steps", steps)
    if tol is not None:
        tol = float(v.real_array("tol", tol, low=0))
    w = np.zeros(n) if w0 is None else v.vector("w0", w0, n).copy()
    with np.errstate(over="ignore", invalid="ignore"):
        r = bb - A @ w  # checked just below
    if not np.all(np.isfinite(r)):
        raise ValueError("b - A @ w0 overflows float64; rescale A, b or w0")
    # CG is equivariant under r → r/c, p → p/c (the step rr/pᵀAp is unchanged), so it runs
    # on the residual divided by a power of two c ≈ max|r⁰|: exact, and rᵀr cannot overflow
    # (or underflow) however large or small b is.  w advances by step·(c·p̃).
    exp_c = int(np.frexp(float(np.max(np.abs(r))))[1])
    r = np.ldexp(r, -exp_c)
    exp_b = int(np.frexp(float(np.max(np.abs(bb))))[1])
    # ‖b‖ relative to c, formed without overflow: ‖b/2^e_b‖·2^(e_b − e_c).
    shift = exp_b - exp_c  # beyond ±1000, ‖b‖/c is out of range: inf (or 0) is the answer
    scale = float(np.linalg.norm(np.ldexp(bb, -exp_b))) * (2.0**shift if shift < 1000 else np.inf)
    scale = scale or 2.0**-exp_c  # b = 0: the tolerance is absolute, as ‖r‖ ≤ tol
    p = r.copy()
    rr = float(r @ r)
    rows = [w.copy()]
    converged = tol is not None and np.sqrt(rr) <= tol * scale
    done = 0
    while done < steps and not converged and rr > 0:
        ap = A @ p
        step = rr / float(p @ ap)
        w = w + step * np.ldexp(p, exp_c)
        r = r - step * ap
        rr_new = float(r @ r)
        p = r + (rr_new / rr) * p
        rr = rr_new
        done += 1
        rows.append(w.copy())
        converged = tol is not None and np.sqrt(rr) <= tol * scale
    return CGRun(np.array(rows), done, bool(converged or (tol is not None and rr == 0)))


def scipy_cg_iterations(A: Any, b: ArrayLike, tol: float) -> int:
    """Iterations ``scipy.sparse.linalg.cg`` takes to ‖Aw − b‖ ≤ tol·‖b‖ from w = 0.

    >>> print(scipy_cg_iterations(np.diag([1.0, 2.0, 3.0]), np.ones(3), 1e-10))
    3
    """
    from scipy.sparse.linalg import cg

    A = v.spd_matrix("A", A)
    bb = v.vector("b", b, A.shape[0])
    tol = float(v.real_array("tol", tol, low=0))
    count = 0

    def tick(_: np.ndarray) -> None:
        nonlocal count
        count += 1

    _, info = cg(A, bb, rtol=tol, atol=0.0, maxiter=50 * A.shape[0], callback=tick)
    if info != 0:
        raise RuntimeError(f"scipy cg did not reach rtol={tol} (info={info})")
    return count


def heavy_ball_residual(alpha: float, beta: float, lam: ArrayLike, k: int) -> np.ndarray:
    """p_k(λ) of heavy ball: p₀ = 1, p₁ = 1 − αλ, p_{j+1} = (1 + β − αλ)p_j − βp_{j−1}.

    Claim ``CHEB-HB-RECURRENCE``.  Outside the convergent region (αλ > 2 + 2β)
    |p_k(λ)| grows like |t|ᵏ with t = 1 + β − αλ and soon leaves the float64 range.
    The recurrence therefore runs on a pair rescaled by a power of two after every
    step (exact, so results inside the range are bit-identical to the plain
    recurrence) with the exponent kept apart; a value whose magnitude exceeds the
    float64 range comes back as ±inf with its true sign, one below it as a signed
    zero or subnormal.  No overflow warning is raised and no NaN (inf − inf) is ever
    formed.  An αλ that itself overflows float64 is refused.

    Parameters
    ----------
    alpha : float
        Step size, > 0.
    beta : float
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalues λ ≥ 0.
    k : int
        Degree, ≥ 0.

    Returns
    -------
    numpy.ndarray
        p_k(λ), shaped like ``lam``.

    Examples
    --------
    >>> print(heavy_ball_residual(1.0, 0.0, [0.5], 3))
    [0.125]

    Far outside the convergent region the value is out of range, reported as ±inf:

    >>> print(heavy_ball_residual(1.0, 0.5, [10.0, 1e3], 201))
    [-1.7...e+186 -inf]
    """
    a = float(v.real_array("alpha", alpha, low=0))
    bt = float(v.real_array("beta", beta, low=0, high=1, low_open=False))
    lm = v.real_array("lam", lam, low=0, low_open=False)
    k = v.count("k", k)
    with np.errstate(over="ignore"):
        alm = a * lm  # checked just below: an overflowed product is refused, not used
    if not np.all(np.isfinite(alm)):
        raise ValueError(
            f"alpha*lam must be finite in float64 (at most {np.finfo(float).max:.3g}); "
            f"got alpha={a!r} with max(lam)={float(np.max(lm))!r}"
        )
    prev, cur = np.ones_like(lm), 1.0 - alm
    if k == 0:
        return prev
    t = 1.0 + bt - alm
    # Invariant: the true (p_{j−1}, p_j) equals (prev, cur)·2^scale, max(|prev|, |cur|) < 1/2.
    # Then |t·cur − β·prev| ≤ (|t| + 1)/2 is finite for every finite t.
    scale = np.zeros(lm.shape, dtype=np.int64)

    def renormalise(prev: np.ndarray, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        big = np.maximum(np.abs(prev), np.abs(cur))
        _, ex = np.frexp(big)
        # 2^-shift·max < 1/2; a pair of zeros (β = 0, αλ = 1) stays unscaled, else its
        # exponent would grow by one a step and the final 0·2^scale would read as inf.
        shift = np.where(big == 0, 0, ex.astype(np.int64) + 1)
        scale[...] += shift
        return np.ldexp(prev, -shift), np.ldexp(cur, -shift)

    prev, cur = renormalise(prev, cur)
    for _ in range(k - 1):
        prev, cur = renormalise(cur, t * cur - bt * prev)
    mant, ex = np.frexp(cur)
    total = scale + ex.astype(np.int64)  # |p_k| = |mant|·2^total, |mant| in [1/2, 1)
    # ldexp would warn on overflow; |p_k| ≥ 2^1024 is beyond float64, so write ±inf.
    out = np.where(
        (total > 1024) & (mant != 0),
        np.copysign(np.inf, mant),
        np.ldexp(mant, np.clip(total, -1100, 1024).astype(np.int32)),
    )
    return out[()] if out.ndim == 0 else out


def chebyshev_minimax(kappa: ArrayLike, k: ArrayLike) -> np.ndarray:
    """min over residual polynomials of degree k of max_{[μ, L]} |p| = 1/T_k((κ+1)/(κ−1)).

    Evaluated as 1/cosh(2k·artanh(1/√κ)) = 2ρᵏ/(1 + ρ²ᵏ), ρ = (√κ − 1)/(√κ + 1)
    (claim ``CHEB-MINIMAX``); 0 for κ = 1, k ≥ 1.

    >>> print(round(float(chebyshev_minimax(9.0, 1)), 12))
    0.8
    """
    kap = v.real_array("kappa", kappa, low=1, low_open=False)
    kk = v.integer_array("k", k)
    kap, kk = v.broadcast(kappa=kap, k=kk)
    # t = log(1/ρ) is inf at κ = 1, where 0·inf must read 0 (T₀ = 1) and k·inf is inf.
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        # 2·artanh(1/√κ) = log((√κ + 1)/(√κ − 1)) = log1p(2(√κ + 1)/(κ − 1)): no 1 − 1/√κ
        # is ever formed, so κ near 1 keeps its digits (arctanh near 1 lost ~ε/(κ − 1)).
        t = np.log1p(2.0 * (np.sqrt(kap) + 1.0) / (kap - 1.0))
        x = np.where(kk == 0, 0.0, kk * t)
    # 1/cosh(x) = 2e^{−x}/(1 + e^{−2x}), finite for every x ≥ 0.
    e = np.exp(-x)
    out = 2.0 * e / (1.0 + e * e)
    return out[()] if out.ndim == 0 else out
