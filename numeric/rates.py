"""Convergence rates (spectral radii of the iteration matrices), per eigenvalue.

Each function validates its inputs, broadcasts them, and evaluates a kernel that
:mod:`momentum_proofs.codegen` printed from a proven-equal sympy form, so the
result is finite and warning-free on the whole valid domain (including the
double-root curves, where the eigenvalue formula itself is ill-conditioned).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v
from . import backends, closed_form
from .sweep import chunked

# The allowed range of each argument, by name: alpha > 0, beta in [0, 1), lam > 0.
_DOMAINS: dict[str, dict] = {
    "alpha": {"low": 0},
    "beta": {"low": 0, "high": 1, "low_open": False},
    "lam": {"low": 0},
    "trace": {},
    "det": {},
}


def _checked(args: dict[str, ArrayLike]) -> tuple[np.ndarray, ...]:
    """Each argument validated (in the order given) and all broadcast together."""
    return v.broadcast(
        **{name: v.real_array(name, x, **_DOMAINS[name]) for name, x in args.items()}
    )


def _rate(
    kernel: Callable[..., np.ndarray],
    backend: str = "numpy",
    method: str = "",
    out: np.ndarray | None = None,
    **args: ArrayLike,
) -> np.ndarray | np.float64:
    """Validate each argument (in the order given), broadcast them, evaluate ``kernel``;
    or, when :func:`numeric.backends.choose` picks numba, the compiled ``method``.

    A 0-d result comes back as a numpy scalar, as from a ufunc; with ``out`` given, the
    result is written there and ``out`` itself is returned.
    """
    if out is not None:
        _check_out(out, args)
    which = "numpy" if backend == "numpy" else backends.choose(backend, _size(args))
    if which == "numba":
        result = _numba_rate(method, args, out)
    else:
        result = _numpy_rate(kernel, args, out)
    if out is not None:
        return out
    return result[()] if result.ndim == 0 else result


def _check_out(out: object, args: dict[str, ArrayLike]) -> None:
    """``out`` must be a writeable float64 array of exactly the broadcast shape."""
    if not isinstance(out, np.ndarray) or out.dtype != np.float64 or not out.flags.writeable:
        raise TypeError(
            f"out must be a writeable numpy float64 array; got {type(out).__name__}"
            + (f" of dtype {out.dtype}" if isinstance(out, np.ndarray) else "")
        )
    try:
        shape = np.broadcast_shapes(*(np.shape(x) for x in args.values()))
    except ValueError:
        return  # the argument checks say which shapes do not broadcast
    if out.shape != shape:
        raise ValueError(f"out must have the broadcast shape {shape}; got {out.shape}")
    # The compiled path reads the inputs again after its first pass (for the points that
    # need the large-step form), so an output over an input would change what it reads.
    for name, x in args.items():
        if isinstance(x, np.ndarray) and np.may_share_memory(out, x):
            raise ValueError(f"out must not share memory with the input {name}")


class _Outside(Exception):
    """A chunk holds a value outside its argument's domain."""


def _numpy_rate(
    kernel: Callable[..., np.ndarray],
    args: dict[str, ArrayLike],
    out: np.ndarray | None = None,
) -> np.ndarray:
    """``kernel`` in cache-sized chunks, each chunk's values checked as it is evaluated.

    The kinds and shapes are checked first; the domains chunk by chunk, while the
    chunk is in cache, instead of in passes over the whole inputs beforehand.  On any
    problem the whole-input checks run instead and raise the error they always raise
    (the first argument at fault, in order, named with a value outside its domain).
    """
    try:
        arrays = v.broadcast(**{name: v.float_array(name, x) for name, x in args.items()})
    except (TypeError, ValueError):
        _checked(args)
        raise
    domains = [_DOMAINS[name] for name in args]

    def checked_kernel(*chunk: np.ndarray) -> np.ndarray:
        for x, domain in zip(chunk, domains, strict=True):
            if not v.within(x, **domain):
                raise _Outside
        return kernel(*chunk)

    try:
        return chunked(checked_kernel, *arrays, out=out)
    except _Outside:
        _checked(args)
        raise AssertionError("a chunk was outside its domain, the whole input not") from None


def _size(args: dict[str, ArrayLike]) -> int:
    """Points in the broadcast of ``args`` (0 when they do not broadcast: the checks
    then say why, on the numpy path)."""
    try:
        return math.prod(np.broadcast_shapes(*(np.shape(x) for x in args.values())))
    except (ValueError, TypeError):
        return 0


def _numba_rate(
    method: str, args: dict[str, ArrayLike], out: np.ndarray | None = None
) -> np.ndarray:
    """The compiled rate: checks fused into its one pass when the arguments are
    contiguous float64 arrays of one shape; any other input is checked by numpy first,
    then broadcast by the compiled ufunc."""
    compiled = backends.compiled()
    values = list(args.values())
    first = values[0]
    if all(
        type(x) is np.ndarray
        and x.dtype == np.float64
        and x.shape == first.shape
        and x.flags.c_contiguous
        for x in values
    ) and (out is None or out.flags.c_contiguous):
        target = np.empty(first.shape) if out is None else out
        flat = [x.reshape(-1) for x in values] + [target.reshape(-1)]
        bad, big = getattr(compiled, f"{method}_flat")(*flat)
        if big:
            getattr(compiled, f"{method}_large")(*flat)
        if not bad:
            return target
        # a point outside the domain: the numpy checks name its parameter and value
    arrays = _checked(args)
    # The compiled ufunc evaluates both the small- and the large-step form on vector
    # lanes and keeps one, which can raise the invalid or divide flag that numpy reports
    # after a ufunc; the inputs are checked, and every kept value is the numpy path's.
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        result = np.asarray(compiled.ufunc(method)(*arrays), dtype=np.float64)
    if out is None:
        return result
    # Copied rather than passed as the ufunc's out: numba 0.68's DUFunc writes a
    # strided out as if it were contiguous (tests/test_backends.py has the case).
    out[...] = result
    return out


def heavy_ball(
    alpha: ArrayLike,
    beta: ArrayLike,
    lam: ArrayLike,
    *,
    backend: str = "auto",
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Rate max(|σ₁|, |σ₂|) of heavy-ball momentum on an eigenvalue λ.

    The iteration converges in that eigenspace iff the rate is below 1, which
    happens exactly for 0 < αλ < 2 + 2β (claim ``HB-STABILITY``; Goh, "Why
    Momentum Really Works", 2017, "The Dynamics of Momentum").

    Parameters
    ----------
    alpha : array_like
        Step size, > 0.
    beta : array_like
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalue, > 0.  The three broadcast together.
    backend : {"auto", "numpy", "numba"}
        Who evaluates the kernel (:mod:`numeric.backends`): ``"auto"`` takes numba for
        large inputs when it is installed.  Every backend gives the same bits.
    out : numpy.ndarray, optional
        A float64 array of the broadcast shape, sharing no memory with the inputs, to
        write the rates into (it is returned).  Evaluating again and again into one
        array saves the system's cost of a new array's pages, which on 10⁷ points is
        as large as the arithmetic.  After an error its contents are unspecified.

    Examples
    --------
    Critical damping at αλ = 1/4 gives the rate 1 − √(1/4) = 1/2:

    >>> print(heavy_ball(0.25, 0.25, 1.0))
    0.5
    >>> print(heavy_ball(1.0, 0.0, [0.5, 2.5]))
    [0.5 1.5]
    >>> buffer = np.empty(2)
    >>> heavy_ball(1.0, 0.0, [0.5, 2.5], out=buffer) is buffer
    True
    """
    return _rate(
        closed_form.heavy_ball_rate_kernel,
        backend,
        "heavy_ball",
        out,
        alpha=alpha,
        beta=beta,
        lam=lam,
    )


def gradient_descent(
    alpha: ArrayLike, lam: ArrayLike, *, backend: str = "auto", out: np.ndarray | None = None
) -> np.ndarray:
    """Rate |1 − αλ| of gradient descent on an eigenvalue λ (claim ``GD-RATE``).

    ``backend`` and ``out`` as for :func:`heavy_ball`.

    >>> print(gradient_descent(0.5, [1.0, 2.0, 5.0]))
    [0.5 0.  1.5]
    """
    return _rate(
        closed_form.gradient_descent_rate_kernel,
        backend,
        "gradient_descent",
        out,
        alpha=alpha,
        lam=lam,
    )


def nesterov(
    alpha: ArrayLike,
    beta: ArrayLike,
    lam: ArrayLike,
    *,
    backend: str = "auto",
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Rate max(|σ₁|, |σ₂|) of Nesterov momentum on an eigenvalue λ.

    σ₁, σ₂ are the roots of σ² − (1 + β)(1 − αλ)σ + β(1 − αλ) (claim
    ``NAG-MATRIX``); the kernel is the branch-free form of claim ``NAG-RATE``.
    The rate is below 1 exactly for 0 < αλ < (2 + 2β)/(1 + 2β) (``NAG-STABILITY``;
    update from the lecture slides "Optimization", "Nesterov Momentum").

    Parameters
    ----------
    alpha : array_like
        Step size, > 0.
    beta : array_like
        Momentum, in [0, 1).
    lam : array_like
        Eigenvalue, > 0.  The three broadcast together.
    backend : {"auto", "numpy", "numba"}
        As for :func:`heavy_ball`.
    out : numpy.ndarray, optional
        As for :func:`heavy_ball`.

    Examples
    --------
    At αλ = 1 both roots are 0; at β = 0 the rate is gradient descent's |1 − αλ|:

    >>> print(nesterov(1.0, 0.9, 1.0))
    0.0
    >>> print(nesterov(0.5, 0.0, [1.0, 3.0]))
    [0.5 0.5]
    """
    return _rate(
        closed_form.nesterov_rate_kernel,
        backend,
        "nesterov",
        out,
        alpha=alpha,
        beta=beta,
        lam=lam,
    )


def two_by_two(trace: ArrayLike, det: ArrayLike) -> np.ndarray:
    """Spectral radius of a real 2×2 matrix from its trace T and determinant D.

    The roots of σ² − Tσ + D have largest modulus max(√|D|, (|T| + √max(T² − 4D, 0))/2)
    for every real T and D (claim ``LIN-RADIUS``); the method engine
    (:mod:`momentum_proofs.methods`) evaluates any two-entry method's T(λ) and D(λ) and
    calls this.  Accuracy: a few ulps of the result away from a double root; within
    about √(ε(T² + 4|D|)) on it, where T² − 4D cancels.  The kernel runs on T/s and
    D/s² with s the power of two nearest max(|T|, √|D|) (exact scalings), so T² neither
    overflows nor underflows for any finite T and D.

    Parameters
    ----------
    trace, det : array_like
        Finite; broadcast together.

    Examples
    --------
    Heavy ball at α = 1/4, β = 1/4, λ = 1 has T = 1 + β − αλ = 1 and D = β = 1/4, a
    double root 1/2:

    >>> print(two_by_two(1.0, 0.25))
    0.5
    >>> print(two_by_two([0.0, 3.0], [-4.0, 2.0]))
    [2. 2.]
    """
    from ._generated.linear_methods import quadratic_radius

    def scaled(t: np.ndarray, d: np.ndarray) -> np.ndarray:
        size = np.maximum(np.abs(t), np.sqrt(np.abs(d)))
        _, e = np.frexp(np.where(size > 0, size, 1.0))
        return np.ldexp(quadratic_radius(np.ldexp(t, -e), np.ldexp(d, -2 * e)), e)

    return _rate(scaled, trace=trace, det=det)  # numpy only: no compiled twin
