"""Worked problems of Goh (2017): polynomial regression and the convex Rosenbrock function.

- :func:`vandermonde`, :func:`regression_data`: "Example: Polynomial Regression",
  the least-squares fit ½‖Zw − d‖² with Z the Vandermonde matrix of the data.
- :func:`convex_rosenbrock`, :func:`rosenbrock_minimizer`: "The Resisting
  Oracle", the path-graph quadratic with the pinned end w_{n+1} = 0 (the
  convention under which the printed gradient holds for every i ≠ 1; see
  :mod:`momentum_proofs.rosenbrock`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v


def vandermonde(xi: ArrayLike, n: int) -> np.ndarray:
    """The m × n design Z with Z[i, j] = ξᵢʲ (columns 1, ξ, …, ξⁿ⁻¹).

    >>> print(vandermonde([2.0, 3.0], 3))
    [[1. 2. 4.]
     [1. 3. 9.]]
    """
    x = v.real_array("xi", xi)
    if x.ndim != 1:
        raise ValueError(f"xi must be a 1-d array of data points; got shape {x.shape}")
    n = v.count("n", n, minimum=1)
    with np.errstate(over="ignore"):
        z = x[:, None] ** np.arange(n)[None, :]  # checked just below
    if not np.all(np.isfinite(z)):
        big = float(np.max(np.abs(x)))
        raise ValueError(
            f"xi**(n-1) must be finite in float64; got max|xi| = {big!r} with n = {n} "
            "(rescale the data points)"
        )
    return z


def regression_data(
    m: int, n: int, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A generated regression set: (ξ, d, Z) with ξ uniform on [−1, 1].

    The observations follow a smooth target, d = sin(πξ) + noise·N(0, 1).

    >>> xi, d, Z = regression_data(20, 4, seed=1)
    >>> print(Z.shape, d.shape)
    (20, 4) (20,)
    """
    m = v.count("m", m, minimum=1)
    sigma = float(v.real_array("noise", noise, low=0, low_open=False))
    rng = np.random.default_rng(v.count("seed", seed))
    xi = np.sort(rng.uniform(-1.0, 1.0, m))
    d = np.sin(np.pi * xi) + sigma * rng.standard_normal(m)
    return xi, d, vandermonde(xi, n)


def _kappa(kappa: Any) -> float:
    return float(v.real_array("kappa", kappa, low=1))


def convex_rosenbrock(n: int, kappa: float) -> tuple[Any, np.ndarray]:
    """(A, b) of the convex Rosenbrock quadratic f(w) = ½wᵀAw − bᵀw + ½.

    f(w) = ½(w₁ − 1)² + ½ Σ_{i=1}^{n} (wᵢ − wᵢ₊₁)² + 2/(κ − 1) ‖w‖² with w_{n+1} = 0,
    so A = tridiag(−1, 2, −1) + 4/(κ − 1) I (sparse CSR) and b = e₁.

    >>> A, b = convex_rosenbrock(3, 5.0)
    >>> print(A.toarray())
    [[ 3. -1.  0.]
     [-1.  3. -1.]
     [ 0. -1.  3.]]
    """
    from scipy import sparse

    n = v.count("n", n, minimum=1)
    shift = 4.0 / (_kappa(kappa) - 1.0)
    off = -np.ones(n - 1)
    a = sparse.diags([off, np.full(n, 2.0 + shift), off], [-1, 0, 1], format="csr")
    b = np.zeros(n)
    b[0] = 1.0
    return a, b


def rosenbrock_gradient(w: ArrayLike, kappa: float) -> np.ndarray:
    """∇f(w) componentwise as printed, 2wᵢ − wᵢ₋₁ − wᵢ₊₁ + 4wᵢ/(κ − 1), with w₀ = 1, w_{n+1} = 0.

    >>> print(rosenbrock_gradient([0.0, 0.0, 0.0], 5.0))
    [-1.  0.  0.]
    """
    x = v.real_array("w", w)
    if x.ndim != 1:
        raise ValueError(f"w must be a 1-d vector; got shape {x.shape}")
    shift = 4.0 / (_kappa(kappa) - 1.0)
    padded = np.concatenate([[1.0], x, [0.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        # Differences first: no intermediate 2wᵢ overflows where the gradient itself is finite.
        g = (x - padded[:-2]) + (x - padded[2:]) + shift * x  # checked just below
    if not np.all(np.isfinite(g)):
        raise ValueError(
            "the gradient overflows float64 at this w (|w| up to "
            f"{float(np.max(np.abs(x)))!r}, kappa = {kappa!r}); rescale w"
        )
    return g


def rosenbrock_minimizer(n: int, kappa: float) -> np.ndarray:
    """Exact minimiser for finite n: wᵢ* = (qⁱ − q^{2(n+1)−i})/(1 − q^{2(n+1)}), q = (√κ−1)/(√κ+1).

    As n → ∞ it tends to the printed qⁱ (claim ``ROSEN-MINIMIZER``).

    >>> A, b = convex_rosenbrock(4, 9.0)
    >>> print(np.allclose(A @ rosenbrock_minimizer(4, 9.0), b, rtol=0, atol=1e-15))
    True
    """
    n = v.count("n", n, minimum=1)
    k = _kappa(kappa)
    s = float(np.sqrt(k))
    if s < 3.0:
        # q = (κ − 1)/(√κ + 1)² keeps its digits as κ → 1, where √κ − 1 would round to 0
        # (and log q to −inf) for κ within an ulp or two of 1.
        q = (k - 1.0) / (s + 1.0) ** 2
        log_q = float(np.log(q))
    else:
        # q = 1 − 2/(√κ + 1): log1p keeps log q ≠ 0 even where q itself rounds to 1
        # (κ ≳ 1e32), which would otherwise make the ratio below 0/0.
        q = (s - 1.0) / (s + 1.0)
        log_q = float(np.log1p(-2.0 / (s + 1.0)))
    i = np.arange(1, n + 1)
    big = 2 * (n + 1)
    # qⁱ(1 − q^{2(n+1)−2i})/(1 − q^{2(n+1)}) with expm1 so nothing cancels near q = 1.
    return q**i * np.expm1((big - 2 * i) * log_q) / np.expm1(big * log_q)


def rosenbrock_limit_interval(kappa: float) -> tuple[float, float]:
    """(μ, L) = (4/(κ − 1), 4κ/(κ − 1)): every f^n's spectrum lies strictly inside.

    >>> print(rosenbrock_limit_interval(5.0))
    (1.0, 5.0)
    """
    k = _kappa(kappa)
    return 4.0 / (k - 1.0), 4.0 * k / (k - 1.0)
