"""
The noise floor of stochastic gradients
=======================================

With independent noise of variance ς² in every gradient, heavy ball no longer
converges: each eigencomponent settles at the stationary second moment that
:func:`momentum_proofs.stochastic.noise_floor` derives with sympy (claim
``SGD-FLOOR``), E x² = ας²(1 + β)/(λ(1 − β)(2 + 2β − αλ)). Here the derived
expression is evaluated over β and compared with a seeded Monte Carlo run of
:func:`numeric.simulate.heavy_ball` with ``noise=`` and ``paths=``.
"""

import matplotlib.pyplot as plt
import numpy as np
import sympy as sp

from momentum_proofs.stochastic import noise_floor, varsigma
from momentum_proofs.symbols import alpha, beta, lam
from numeric import simulate

floor = sp.lambdify((alpha, beta, lam, varsigma), noise_floor(), modules="numpy")
a, noise, lmb = 0.5, 0.1, 1.0
betas = np.linspace(0.0, 0.9, 10)

# Monte Carlo: one eigencomponent f(w) = λw²/2, 2000 paths, the last 200 of 600 steps
measured = []
for k, bt in enumerate(betas):
    runs = simulate.heavy_ball(
        np.array([[lmb]]),
        np.array([0.0]),
        a,
        bt,
        600,
        w0=np.array([1.0]),
        noise=noise,
        rng=k,
        paths=2000,
    )
    measured.append(np.mean(runs[:, -200:, 0] ** 2))
measured = np.array(measured)

fig, ax = plt.subplots()
fine = np.linspace(0.0, 0.9, 200)
ax.semilogy(fine, floor(a, fine, lmb, noise), label="E x² from noise_floor() (sympy)")
ax.semilogy(betas, measured, "o", label="Monte Carlo, 2000 paths")
ax.set(xlabel="momentum β", ylabel="stationary E x²", title=f"α = {a}, λ = {lmb}, ς = {noise}")
ax.legend()
for bt, m in zip(betas, measured, strict=True):
    print(f"beta = {bt:.1f}: derived {floor(a, bt, lmb, noise):.3e}, Monte Carlo {m:.3e}")

# %%
# More momentum raises the floor at a fixed step (the table above): momentum
# enlarges the effective step, about α/(1 − β) for small αλ, so shrink α as β grows
# to keep the floor where it was.

print(
    f"floor at beta = 0.9 over floor at beta = 0: {floor(a, 0.9, lmb, noise) / floor(a, 0.0, lmb, noise):.2f}"
)
