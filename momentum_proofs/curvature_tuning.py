"""Tuning from a loss: the curvature range from Hessian-vector products, then ``tune``.

``tune_function(hvp, w)`` finds λ_min and λ_max of ∇²f(w) by Lanczos on products
v ↦ ∇²f(w)v (:func:`numeric.curvature.extreme_curvatures`), never forming the Hessian,
and returns the :class:`~momentum_proofs.tune.Tuning` of :func:`~momentum_proofs.tune.tune`
on that range.  Given other points (``start``, or a ``path`` of iterates) it measures
the range there too, reports how much it changes, and checks each method's tuned
(α, β) against its stability region at every point: the stable λ of gradient descent,
heavy ball and Nesterov form an interval (0, λ̄) (claims GD-STABILITY, HB-STABILITY,
NAG-STABILITY), so a step is stable over [λ_min, λ_max] iff the rate is < 1 at both
ends.  Any point where it is not is reported in the result (``spectrum["warnings"]``)
and as a :class:`StabilityWarning` (shown on stderr).

``tune_model(loss_fn, params)`` does the same for a torch model: ``loss_fn()`` computes
the loss from the tensors ``params`` (a model's ``parameters()``), and the products
come from double backpropagation.  torch is optional.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from numeric import curvature, rates

from .tune import Tuning, tune


class StabilityWarning(UserWarning):
    """A tuned step is outside a method's stability region at a checked point."""


def _rate(name: str, params: dict[str, Any], lam: float) -> float:
    a = params["alpha"]
    if name == "gradient_descent":
        return float(rates.gradient_descent(a, lam))
    fn = rates.heavy_ball if name == "heavy_ball" else rates.nesterov
    return float(fn(a, params["beta"], lam))


def _point(name: str, value: Any, n: int) -> np.ndarray:
    x = np.asarray(value, dtype=float)
    if x.shape != (n,):
        raise ValueError(f"{name} must be a vector of length {n} (the size of w); got {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return x


def tune_function(
    hvp: Callable[[np.ndarray, np.ndarray], Any],
    w: Any,
    *,
    start: Any = None,
    path: Iterable[Any] | None = None,
    tol: float = 1e-8,
) -> Tuning:
    """Tune every method on the curvature range of f at ``w``, from products only.

    Parameters
    ----------
    hvp : collections.abc.Callable
        ``hvp(x, v)`` returns ∇²f(x)v for vectors x, v of the same length.
    w : array_like
        The point whose curvature range sets the tuning (the optimum, or a good guess).
    start, path : array_like, optional
        Further points where the range is measured and the tuning's stability checked.
    tol : float
        Relative accuracy of each Lanczos Ritz value.

    Returns
    -------
    ~momentum_proofs.tune.Tuning
        ``tune(λ_min, λ_max)`` at ``w``; ``spectrum`` holds the method, the products
        used, every point checked, the largest change of λ_max and λ_min against ``w``,
        and ``warnings``.

    Examples
    --------
    A quadratic with Hessian diag(1, 4, 9, 100): the range is [1, 100].

    >>> H = np.diag([1.0, 4.0, 9.0, 100.0])
    >>> t = tune_function(lambda x, v: H @ v, np.zeros(4))
    >>> print(round(t.lambda_min, 9), round(t.lambda_max, 9), t.spectrum["warnings"])
    1.0 100.0 []
    """
    w = np.asarray(w, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"w must be a non-empty vector; got shape {w.shape}")
    w = _point("w", w, w.size)
    n = w.size
    points = [("w", w)]
    if start is not None:
        points.append(("start", _point("start", start, n)))
    for k, x in enumerate(path or ()):
        points.append((f"path[{k}]", _point(f"path[{k}]", x, n)))
    found = {
        label: curvature.extreme_curvatures(lambda v, x=x: hvp(x, v), n, tol=tol)
        for label, x in points
    }
    here = found["w"]
    if not here.lambda_min > 0:
        raise ValueError(
            f"the Hessian at w is not positive definite (lambda_min = {here.lambda_min:.6g}): "
            "tune at a point where f is strongly convex, such as its minimiser"
        )
    result = tune(here.lambda_min, here.lambda_max)
    messages: list[str] = []
    checked = []
    for label, c in found.items():
        row: dict[str, Any] = {"point": label, **c.as_dict(), "stable": {}}
        if c.lambda_min <= 0:
            messages.append(
                f"at {label} the Hessian has lambda_min = {c.lambda_min:.6g} <= 0: f is not "
                "strongly convex there, and no rate applies"
            )
        for name, params in result.methods.items():
            ends = [lam for lam in (c.lambda_min, c.lambda_max) if lam > 0]
            worst = max(_rate(name, params, lam) for lam in ends)
            row["stable"][name] = worst < 1
            if worst >= 1:
                messages.append(
                    f"{name}: alpha * lambda_max = {params['alpha'] * c.lambda_max:.6g} at "
                    f"{label} is outside the stability region (rate {worst:.6g} >= 1)"
                )
        checked.append(row)
    change = {
        "lambda_max": max(c.lambda_max / here.lambda_max for c in found.values()),
        "lambda_min": min(c.lambda_min / here.lambda_min for c in found.values()),
    }
    for message in messages:
        warnings.warn(message, StabilityWarning, stacklevel=2)
    spectrum = {
        "method": "lanczos (Hessian-vector products)",
        "n": n,
        "products": sum(c.products for c in found.values()),
        "checked": checked,
        "change": change,
        "warnings": messages,
    }
    return Tuning(result.lambda_min, result.lambda_max, result.kappa, result.methods, spectrum)


def tune_model(
    loss_fn: Callable[[], Any],
    params: Iterable[Any],
    *,
    start: Sequence[Any] | None = None,
    tol: float | None = None,
) -> Tuning:
    """:func:`tune_function` for a torch model, at the current values of ``params``.

    ``loss_fn()`` returns the scalar loss computed from the tensors ``params``
    (``model.parameters()``).  ``start`` (tensors shaped like ``params``, or one flat
    vector) is a second point to check.  The products are exact (double
    backpropagation); ``tol`` defaults to 1e-8 in float64 and to 1e-4 in float32.
    """
    try:
        import torch
    except ImportError:
        raise ModuleNotFoundError("tune_model needs torch: pip install torch") from None
    tensors = [p for p in params]
    if not tensors or not all(isinstance(p, torch.Tensor) for p in tensors):
        raise TypeError("params must be a non-empty iterable of torch tensors")
    dtype = tensors[0].dtype
    sizes = [p.numel() for p in tensors]

    def flat(values: Sequence[Any]) -> np.ndarray:
        return np.concatenate([v.detach().cpu().numpy().ravel().astype(float) for v in values])

    def assign(x: np.ndarray) -> None:
        with torch.no_grad():
            offset = 0
            for p, k in zip(tensors, sizes, strict=True):
                p.copy_(torch.as_tensor(x[offset : offset + k], dtype=p.dtype).view_as(p))
                offset += k

    original = flat(tensors)

    def hvp(x: np.ndarray, v: np.ndarray) -> np.ndarray:
        assign(x)
        loss = loss_fn()
        grads = torch.autograd.grad(loss, tensors, create_graph=True)
        pieces, offset = [], 0
        for p, k in zip(tensors, sizes, strict=True):
            pieces.append(torch.as_tensor(v[offset : offset + k], dtype=p.dtype).view_as(p))
            offset += k
        inner = sum((g * u).sum() for g, u in zip(grads, pieces, strict=True))
        hv = torch.autograd.grad(inner, tensors)
        return flat(hv)

    if start is not None and not isinstance(start, np.ndarray):
        start = flat(list(start)) if not hasattr(start, "detach") else flat([start])
    eps = float(torch.finfo(dtype).eps)
    try:
        return tune_function(
            hvp, original, start=start, tol=tol if tol is not None else max(1e-8, 1000 * eps)
        )
    finally:
        assign(original)  # the model keeps the values it came with


__all__ = ["StabilityWarning", "tune_function", "tune_model"]
