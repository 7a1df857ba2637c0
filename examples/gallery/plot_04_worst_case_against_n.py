"""
The worst case after N steps, against PEPit
===========================================

A rate describes the long run; the first steps can be worse. ``Method.worst_case``
gives the exact maximum over every quadratic with spectrum in [μ, L] of
‖x_N − x*‖²/‖x₀ − x*‖² after N steps, certified by the engine.
``Method.worst_case_over_class`` asks PEPit (the ``pep`` extra) for the worst case
over every L-smooth, μ-strongly convex function, a semidefinite program per N.
Heavy ball tuned for quadratics first grows to a peak on quadratics, and on the
larger class it does not converge at all; Nesterov's method stays bounded on both.
"""

import matplotlib.pyplot as plt
import numpy as np

from momentum_proofs import methods
from numeric import pep

mu, L = 0.01, 1.0  # κ = 100, normalised to L = 1 (PEPit is better scaled there)
steps = np.arange(0, 31)
fig, ax = plt.subplots()
for name, colour in (("heavy_ball", "C3"), ("nesterov", "C2"), ("gradient_descent", "C0")):
    method = methods.get(name)
    params = method.tune(mu, L).parameters
    exact = [method.worst_case(mu, L, int(n), **params).value for n in steps]
    ax.semilogy(steps, exact, color=colour, label=f"{name}: quadratics (exact)")
    top = int(np.argmax(exact))
    print(f"{name}: worst case over quadratics peaks at {exact[top]:.3f} (N = {top})")
    if pep.available():
        ns = [1, 2, 3, 4, 5, 6]
        over = [
            method.worst_case_over_class("smooth-strongly-convex", mu, L, n, **params).value
            for n in ns
        ]
        ax.semilogy(ns, over, "o", mfc="none", color=colour, label=f"{name}: PEPit, class")
        print(f"{name}: PEPit over the class, N = 1..6: {np.round(over, 3)}")
if not pep.available():
    print("PEPit is not installed (pip install 'momentum-proofs[pep]'): quadratics only")
ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
ax.set(
    xlabel="steps N", ylabel="worst ‖x_N − x*‖² / ‖x₀ − x*‖²", title="κ = 100, each at its tuning"
)
ax.legend(fontsize=7)
