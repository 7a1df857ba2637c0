"""Tuning from a loss (momentum_proofs.curvature_tuning, numeric.curvature).

Independent routes: the explicit Hessian (formed here, which the code never does) and
numpy's eigvalsh; heavy ball run on the loss itself with the tuned parameters, whose
measured contraction near the optimum is compared with the predicted rate.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from momentum_proofs import StabilityWarning, tune_function, tune_model
from numeric import curvature, simulate

EPS = np.finfo(float).eps


def _logistic(n: int = 300, d: int = 12, c: float = 1e-2, seed: int = 3):
    """L2-regularised logistic regression: f(w) = mean log(1 + exp(−y xᵀw)) + (c/2)‖w‖²."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) * np.linspace(0.2, 3.0, d)
    y = np.sign(X @ rng.standard_normal(d) + 0.5 * rng.standard_normal(n))

    def sigma(z):
        return 0.5 * (1 + np.tanh(z / 2))  # 1/(1 + e^{−z}) without overflow

    def grad(w):
        return -(X.T @ (y * sigma(-y * (X @ w)))) / n + c * w

    def hessian(w):
        p = sigma(y * (X @ w))
        return X.T @ ((p * (1 - p))[:, None] * X) / n + c * np.eye(d)

    def hvp(w, v):
        p = sigma(y * (X @ w))
        return X.T @ (p * (1 - p) * (X @ v)) / n + c * v

    w = np.zeros(d)
    for _ in range(40):  # Newton to the minimiser, with the explicit Hessian
        w = w - np.linalg.solve(hessian(w), grad(w))
    return grad, hessian, hvp, w


def test_extreme_curvatures_match_eigvalsh():
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((60, 60)))
    lam = np.geomspace(1e-3, 1e2, 60)
    H = (Q * lam) @ Q.T
    c = curvature.extreme_curvatures(lambda v: H @ v, 60, tol=1e-12)
    ref = np.linalg.eigvalsh((H + H.T) / 2)
    # Ritz values of a symmetric operator: within the residual of an eigenvalue, and
    # the Lanczos tolerance is relative to the largest one
    assert abs(c.lambda_max - ref[-1]) <= max(c.residual_max, 1e-9 * ref[-1])
    assert abs(c.lambda_min - ref[0]) <= max(c.residual_min, 1e-9 * ref[-1])
    assert c.products < 60 * 10


def test_logistic_regression_range_and_measured_rate():
    grad, hessian, hvp, w_star = _logistic()
    t = tune_function(hvp, w_star)
    ref = np.linalg.eigvalsh(hessian(w_star))
    assert abs(t.lambda_min - ref[0]) <= 1e-6 * ref[-1]
    assert abs(t.lambda_max - ref[-1]) <= 1e-6 * ref[-1]
    assert t.spectrum["warnings"] == [] and t.spectrum["n"] == 12
    hb = t.methods["heavy_ball"]
    rng = np.random.default_rng(1)
    w0 = w_star + 1e-4 * rng.standard_normal(w_star.size)
    path = simulate.heavy_ball(None, None, hb["alpha"], hb["beta"], 80, w0, grad=grad)
    err = np.linalg.norm(path - w_star, axis=1)
    measured = (err[80] / err[20]) ** (1 / 60)
    # Near the optimum the loss is its quadratic model up to O(‖w − w*‖): the measured
    # contraction approaches ρ from above (the double root's factor (1 + cN) fades)
    assert hb["rate"] * (1 - 1e-3) <= measured <= hb["rate"] * 1.05


def test_far_point_triggers_a_stability_warning():
    # f(w) = Σ (w_i⁴/4 + w_i²/2): Hessian diag(3w_i² + 1), range [1, 1] at w = 0 and up to
    # 3·5² + 1 = 76 at a start with a coordinate 5.
    def hvp(w, v):
        return (3 * w**2 + 1) * v

    start = np.array([5.0, 0.0, 0.0, 0.0])
    with pytest.warns(StabilityWarning, match="outside the stability region"):
        t = tune_function(hvp, np.zeros(4), start=start)
    rows = {r["point"]: r for r in t.spectrum["checked"]}
    assert abs(rows["start"]["lambda_max"] - 76.0) <= 1e-6 * 76
    assert not rows["start"]["stable"]["heavy_ball"] and rows["w"]["stable"]["heavy_ball"]
    assert abs(t.spectrum["change"]["lambda_max"] - 76.0) <= 1e-6 * 76
    assert any("heavy_ball" in m for m in t.spectrum["warnings"])


def test_negative_curvature_is_reported():
    def hvp(w, v):
        return np.array([1.0, 1.0 - w[0], 2.0, 3.0]) * v  # the second curvature turns at w₀ = 1

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = tune_function(hvp, np.zeros(4), path=[np.array([2.0, 0, 0, 0])])
    assert any("not strongly convex" in m for m in t.spectrum["warnings"])
    assert any(issubclass(w.category, StabilityWarning) for w in caught)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"w": np.zeros((2, 2))}, "w must be a non-empty vector"),
        ({"w": np.array([np.nan, 0, 0, 0])}, "w must be finite"),
        ({"start": np.zeros(3)}, "start must be a vector of length 4"),
        ({"tol": 2.0}, r"tol must lie in \(0, 1\)"),
    ],
)
def test_bad_input_is_named(kwargs, match):
    args = {"w": np.zeros(4), **kwargs}
    with pytest.raises(ValueError, match=match):
        tune_function(lambda x, v: v, args.pop("w"), **args)


def test_indefinite_hessian_at_w_is_refused():
    with pytest.raises(ValueError, match="not positive definite"):
        tune_function(lambda x, v: np.array([1.0, -1.0, 2.0, 3.0]) * v, np.zeros(4))


def test_non_finite_products_are_refused():
    with pytest.raises(ValueError, match="non-finite"):
        tune_function(lambda x, v: v * np.nan, np.zeros(5))


def test_tiny_problems_use_the_explicit_hessian():
    t = tune_function(lambda x, v: np.array([[2.0, 1.0], [1.0, 2.0]]) @ v, np.zeros(2))
    assert (t.lambda_min, t.lambda_max) == (1.0, 3.0)
    with pytest.raises(ValueError, match="not symmetric"):
        tune_function(lambda x, v: np.array([[2.0, 1.0], [0.0, 2.0]]) @ v, np.zeros(2))


def test_torch_model_against_the_explicit_hessian():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    X = torch.randn(64, 3, dtype=torch.float64)
    y = torch.sin(X @ torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64))
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1)
    ).double()
    params = list(model.parameters())

    def loss_fn():
        reg = sum((p**2).sum() for p in params)
        return ((model(X).squeeze(-1) - y) ** 2).mean() + 0.05 * reg

    opt = torch.optim.LBFGS(params, max_iter=500, tolerance_grad=1e-12, tolerance_change=0)

    def closure():
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        return loss

    opt.step(closure)  # near a minimiser, where the Hessian is positive definite
    before = [p.detach().clone() for p in params]
    t = tune_model(loss_fn, params)
    assert all(torch.equal(a, b) for a, b in zip(before, params, strict=True))  # restored

    def loss_of(flat):
        pieces, offset = [], 0
        for p in params:
            pieces.append(flat[offset : offset + p.numel()].view_as(p))
            offset += p.numel()
        out = torch.func.functional_call(
            model, {n: q for (n, _), q in zip(model.named_parameters(), pieces, strict=True)}, X
        )
        return ((out.squeeze(-1) - y) ** 2).mean() + 0.05 * sum((q**2).sum() for q in pieces)

    flat = torch.cat([p.detach().reshape(-1) for p in params])
    H = torch.autograd.functional.hessian(loss_of, flat).numpy()
    ref = np.linalg.eigvalsh((H + H.T) / 2)
    assert ref[0] > 0
    assert abs(t.lambda_min - ref[0]) <= 1e-6 * ref[-1]
    assert abs(t.lambda_max - ref[-1]) <= 1e-6 * ref[-1]

    # The predicted rate against the measured one: torch's SGD with the tuned heavy-ball
    # settings (its momentum buffer is heavy ball's z), from a small perturbation of the
    # minimiser, contracts the distance at the predicted rate ρ.
    hb = t.methods["heavy_ball"]
    best = [p.detach().clone() for p in params]
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for p in params:
            p.add_(1e-5 * torch.randn(p.shape, generator=gen, dtype=p.dtype))
    sgd = torch.optim.SGD(params, lr=hb["torch"]["lr"], momentum=hb["torch"]["momentum"])

    def distance() -> float:
        with torch.no_grad():
            total = sum(((p - b) ** 2).sum() for p, b in zip(params, best, strict=True))
        return float(total) ** 0.5

    errors = [distance()]
    for _ in range(60):
        sgd.zero_grad()
        loss_fn().backward()
        sgd.step()
        errors.append(distance())
    measured = (errors[60] / errors[20]) ** (1 / 40)
    assert hb["rate"] * (1 - 1e-3) <= measured <= hb["rate"] * 1.05, (measured, hb["rate"])
