"""
Tune a real Hessian: least squares on the diabetes data
=======================================================

The diabetes data set that scikit-learn ships (442 patients, 10 standardised
features) gives a least-squares problem f(w) = ‖Xw − y‖²/(2n) whose Hessian
H = XᵀX/n is a real 10×10 matrix. :func:`momentum_proofs.tune_matrix` finds its
curvature range [μ, L] and returns each method's optimal α and β with the
``torch.optim.SGD`` settings that run it; here we run the methods on the problem,
with numpy and then with torch (where torch is installed).
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from momentum_proofs import tune_matrix
from numeric import simulate

X, y = load_diabetes(return_X_y=True)
X = (X - X.mean(axis=0)) / X.std(axis=0)  # standardised features
y = y - y.mean()  # the intercept is then zero
n = len(y)
H = X.T @ X / n  # the Hessian of f
g0 = X.T @ y / n  # f(w) = ½ wᵀHw − g0ᵀw + const

t = tune_matrix(H)
print(f"mu = {t.lambda_min:.5g}, L = {t.lambda_max:.5g}, kappa = {t.kappa:.1f}")
for name, m in t.methods.items():
    print(
        f"{name:17} alpha={m['alpha']:.5f} beta={m['beta']:.5f} rate={m['rate']:.5f} "
        f"torch={m['torch']}"
    )

# %%
# Each method at its own tuning, simulated by :mod:`numeric.simulate`
# -------------------------------------------------------------------
# The error to the least-squares solution falls at the rate ``tune`` printed.

w_star = np.linalg.solve(H, g0)
steps = 300
runs = {
    "gradient descent": simulate.gradient_descent(
        H, g0, t.methods["gradient_descent"]["alpha"], steps
    ),
    "heavy ball": simulate.heavy_ball(
        H, g0, t.methods["heavy_ball"]["alpha"], t.methods["heavy_ball"]["beta"], steps
    ),
    "Nesterov": simulate.nesterov(
        H, g0, t.methods["nesterov"]["alpha"], t.methods["nesterov"]["beta"], steps
    ),
}
fig, ax = plt.subplots()
for label, w in runs.items():
    ax.semilogy(np.linalg.norm(w - w_star, axis=1), label=label)
ax.set(xlabel="iteration k", ylabel="‖wᵏ − w*‖", title=f"Diabetes least squares, κ = {t.kappa:.0f}")
ax.legend()

# %%
# The same settings in PyTorch
# ----------------------------
# ``torch.optim.SGD(**settings)`` with each method's ``torch`` entry, on the
# mean-squared-error loss of a linear model. Heavy ball's pair belongs to
# ``nesterov=False`` and Nesterov's pair to ``nesterov=True``.

try:
    import torch
except ImportError:
    torch = None
    print("torch is not installed: skipping the PyTorch run (pip install torch)")

if torch is not None:
    Xt, yt = torch.tensor(X), torch.tensor(y)
    fig, ax = plt.subplots()
    for name in ("heavy_ball", "nesterov"):
        w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([w], **t.methods[name]["torch"])
        errors = []
        for _ in range(steps):
            opt.zero_grad()
            loss = ((Xt @ w - yt) ** 2).sum() / (2 * n)
            loss.backward()
            opt.step()
            errors.append(np.linalg.norm(w.detach().numpy() - w_star))
        print(f"torch {name}: error after {steps} steps {errors[-1]:.2e}")
        ax.semilogy(errors, label=f"torch SGD, {t.methods[name]['torch']}")
    ax.set(xlabel="step", ylabel="‖w − w*‖", title="torch.optim.SGD with the tuned settings")
    ax.legend(fontsize=7)
