"""
The colorization problem at scale
=================================

Goh's colorization problem: pixels on a grid, each pulled towards its four
neighbours, a few distinguished pixels pulled towards 1. The Hessian is the grid
Laplacian plus the indicator of the distinguished pixels (:mod:`numeric.graphs`), a
sparse matrix with 9 216 rows on a 96×96 grid. :func:`momentum_proofs.tune_matrix`
bounds its spectrum with a certificate (the M-matrix test of :mod:`numeric.mmatrix`
when pyamg is installed, else Lanczos certified by an LDLᵀ inertia count), and
:func:`numeric.simulate.heavy_ball` runs the tuned method on the sparse matrix,
recording every 25th iterate and stopping at a tolerance.
"""

import matplotlib.pyplot as plt
import numpy as np

from momentum_proofs import tune_matrix
from numeric import graphs, simulate

side = 96
n = side * side
fixed = [0, side - 1, n // 2 + side // 2, n - side, n - 1]  # corners and the centre
A, b = graphs.colorization_problem(side, side, fixed)
t = tune_matrix(A)
print(
    f"{n} unknowns, {A.nnz} nonzeros; spectrum [{t.lambda_min:.3g}, {t.lambda_max:.3g}] "
    f"(kappa = {t.kappa:.3g}), certified by the {t.spectrum['method']} route"
)

# %%
# The minimiser is the all-ones vector (every pixel takes the colour of the
# distinguished ones). Heavy ball and gradient descent, each at its tuning, for the
# same number of steps; heavy ball stops when the gradient falls below the tolerance.

w_star = np.ones(n)
hb, gd = t.methods["heavy_ball"], t.methods["gradient_descent"]
run = simulate.heavy_ball(A, b, hb["alpha"], hb["beta"], 6000, record=25, tol=1e-8)
print(f"heavy ball: {run.iterations} iterations, converged={run.converged}")
slow = simulate.gradient_descent(A, b, gd["alpha"], run.iterations, record=25)
print(
    f"per decade of accuracy: heavy ball {hb['iterations_per_decade']:.0f} iterations, "
    f"gradient descent {gd['iterations_per_decade']:.0f}"
)

fig, ax = plt.subplots()
ax.semilogy(run.steps, np.linalg.norm(run.iterates - w_star, axis=1), label="heavy ball")
ax.semilogy(slow.steps, np.linalg.norm(slow.iterates - w_star, axis=1), label="gradient descent")
ax.set(xlabel="iteration k", ylabel="‖wᵏ − w*‖", title=f"Colorization, {side}×{side} grid")
ax.legend()

# %%
# What gradient descent has done by then: the colour has spread only a short way
# from the distinguished pixels, while heavy ball has filled the grid.

fig, axes = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
for ax, w, title in ((axes[0], slow.last, "gradient descent"), (axes[1], run.last, "heavy ball")):
    image = ax.imshow(w.reshape(side, side), vmin=0, vmax=1, cmap="magma")
    ax.set(title=f"{title}, k = {run.iterations}", xticks=[], yticks=[])
fig.colorbar(image, ax=axes, shrink=0.8)
