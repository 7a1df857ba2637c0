"""
The rate landscape of any method
================================

Goh's Distill article draws the convergence rate of heavy ball over its two
parameters for one spectrum [μ, L]. The method engine does the same for any method:
``methods.get(name).rate(lam, **params)`` evaluates the spectral radius of the
iteration matrix with numpy broadcasting, so the worst rate over the spectrum is a
maximum over a grid of λ. (Between grid points the rate can be a little higher:
this is a picture, and ``Method.worst_rate`` refines it.) The cross marks each
method's tuning from ``Method.tune``.
"""

import matplotlib.pyplot as plt
import numpy as np

from momentum_proofs import methods

mu, L = 1.0, 100.0
lam = np.geomspace(mu, L, 60)[:, None, None]
alpha = np.linspace(0.001, 0.06, 120)[None, None, :]
beta = np.linspace(0.0, 0.98, 100)[None, :, None]

fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained", sharey=True)
for ax, name in zip(axes, ("heavy_ball", "nesterov"), strict=True):
    method = methods.get(name)
    worst = method.rate(lam, alpha=alpha, beta=beta).max(axis=0)
    mesh = ax.pcolormesh(
        alpha[0, 0], beta[0, :, 0], np.minimum(worst, 1.0), vmin=0.6, vmax=1.0, cmap="viridis"
    )
    best = method.tune(mu, L)
    ax.plot(best.parameters["alpha"], best.parameters["beta"], "wx", ms=10, mew=2)
    ax.set(xlabel="α", title=f"{name}: worst rate on [{mu:g}, {L:g}]")
    print(f"{name}: tuned {best.parameters}, rate {best.rate:.5f} ({best.how})")
axes[0].set_ylabel("β")
fig.colorbar(mesh, ax=axes, label="max over λ of the rate (clipped at 1)")

# %%
# A method from the engine's built-ins with a third parameter: quasi-hyperbolic
# momentum at ν = 0.7, its rate against λ at its tuning.

qhm = methods.get("qhm")
tuned = qhm.tune(mu, L, nu=0.7)
grid = np.geomspace(mu, L, 400)
fig, ax = plt.subplots()
ax.semilogx(grid, qhm.rate(grid, **tuned.parameters), label=f"QHM, ν = 0.7 ({tuned.how})")
hb = methods.get("heavy_ball")
ax.semilogx(grid, hb.rate(grid, **hb.tune(mu, L).parameters), label="heavy ball, optimal")
ax.set(xlabel="eigenvalue λ", ylabel="rate", title="Rate across the spectrum at each tuning")
ax.legend()
