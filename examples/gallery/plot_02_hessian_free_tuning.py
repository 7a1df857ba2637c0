"""
Hessian-free tuning: a torch model and a numpy loss
===================================================

When the Hessian is too big to form, :func:`momentum_proofs.tune_function` finds
its extreme eigenvalues by Lanczos on Hessian-vector products alone, and
:func:`momentum_proofs.tune_model` gets those products from a torch model by double
backpropagation. Both return the same object as :func:`momentum_proofs.tune`.

First a numpy loss: ridge-regularised logistic regression on synthetic data, whose
Hessian-vector product is written by hand.
"""

import matplotlib.pyplot as plt
import numpy as np

from momentum_proofs import tune_function

rng = np.random.default_rng(0)
n, d = 400, 20
X = rng.standard_normal((n, d)) * np.geomspace(1.0, 0.05, d)  # features of unequal scale
labels = (X @ rng.standard_normal(d) + 0.3 * rng.standard_normal(n) > 0).astype(float)
ridge = 1e-3


def loss(w):
    z = X @ w
    return np.mean(np.logaddexp(0.0, z) - labels * z) + 0.5 * ridge * w @ w


def grad(w):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p - labels) / n + ridge * w


def hvp(w, v):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p * (1 - p) * (X @ v)) / n + ridge * v


w0 = np.zeros(d)
t = tune_function(hvp, w0)
nag = t.methods["nesterov"]
print(f"[mu, L] = [{t.lambda_min:.4g}, {t.lambda_max:.4g}], {t.spectrum['products']} products")
print("Nesterov:", nag["torch"])

# %%
# The loss is not quadratic, so the curvature changes along the way: here the
# tuning at w⁰ is run with Nesterov momentum (the look-ahead form) on the true
# gradient, against plain gradient descent at its own tuning.

w, v = w0.copy(), np.zeros(d)
w_gd = w0.copy()
history = {"Nesterov": [], "gradient descent": []}
for _ in range(400):
    v = nag["beta"] * v - nag["alpha"] * grad(w + nag["beta"] * v)
    w = w + v
    w_gd = w_gd - t.methods["gradient_descent"]["alpha"] * grad(w_gd)
    history["Nesterov"].append(np.linalg.norm(grad(w)))
    history["gradient descent"].append(np.linalg.norm(grad(w_gd)))
fig, ax = plt.subplots()
for label, values in history.items():
    ax.semilogy(values, label=label)
ax.set(xlabel="iteration", ylabel="‖∇f(w)‖", title="Logistic regression, tuned from products only")
ax.legend()

# %%
# A small torch model
# -------------------
# ``tune_model(loss_fn, params)`` with ``loss_fn()`` the loss of the model's current
# parameters: the same logistic regression as a ``torch.nn.Linear`` layer. The
# tuning is checked at a second point (``start``); a tuned step that leaves a
# method's stability region there would be reported as a ``StabilityWarning``.

try:
    import torch
except ImportError:
    torch = None
    print("torch is not installed: skipping tune_model (pip install torch)")

if torch is not None:
    from momentum_proofs import tune_model

    torch.manual_seed(0)
    model = torch.nn.Linear(d, 1, bias=False).double()
    Xt, yt = torch.tensor(X), torch.tensor(labels)

    def loss_fn():
        z = model(Xt).squeeze(1)
        reg = 0.5 * ridge * sum((p**2).sum() for p in model.parameters())
        return torch.nn.functional.binary_cross_entropy_with_logits(z, yt) + reg

    tm = tune_model(loss_fn, model.parameters())
    print(f"tune_model: [mu, L] = [{tm.lambda_min:.4g}, {tm.lambda_max:.4g}]")
    opt = torch.optim.SGD(model.parameters(), **tm.methods["nesterov"]["torch"])
    losses = []
    for _ in range(300):
        opt.zero_grad()
        value = loss_fn()
        value.backward()
        opt.step()
        losses.append(value.item())
    final = losses[-1]
    fig, ax = plt.subplots()
    ax.semilogy(np.array(losses) - final + 1e-16)
    ax.set(xlabel="step", ylabel="loss − final loss", title="torch SGD(nesterov=True), tuned")
    print(f"loss: {losses[0]:.5f} -> {final:.5f}")
