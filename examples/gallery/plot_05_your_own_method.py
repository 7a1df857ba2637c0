"""
Analysing your own method from a spec file
==========================================

A method is data: a TOML file names its parameters, its state and its update on one
eigencomponent of a quadratic (``grad(w)`` is λw there). The engine derives the
iteration matrix, the characteristic polynomial and the stability region with
sympy, and evaluates rates and worst cases with numpy. The file below is
``examples/polyak_heavy_ball.toml``: heavy ball written in Polyak's two-step form,
w⁺ = w − α∇f(w) + β(w − w⁻). Its state (w, w⁻) differs from Distill's (z, w), yet
the engine finds the same characteristic polynomial, so the same rates.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from momentum_proofs import methods

here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
spec = here.parent / "polyak_heavy_ball.toml"
print(spec.read_text(encoding="utf-8"))

mine = methods.from_spec(spec)
print("parameters:", mine.parameters, " state:", mine.state)
print("R =", mine.iteration_matrix())
print("characteristic polynomial:", mine.characteristic_polynomial())
print("stable for:", mine.stability_region())

# %%
# Same method, different state: the rates agree with the built-in heavy ball at
# every λ, and so do the exact worst cases after N steps.

hb = methods.get("heavy_ball")
params = hb.tune(1.0, 100.0).parameters
lam = np.geomspace(0.5, 300.0, 400)
fig, ax = plt.subplots()
ax.semilogx(lam, mine.rate(lam, **params), lw=4, alpha=0.5, label="polyak_heavy_ball.toml")
ax.semilogx(lam, hb.rate(lam, **params), "k--", lw=1, label="built-in heavy_ball")
ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
ax.axvspan(1.0, 100.0, color="0.9", zorder=0, label="the tuned range [1, 100]")
ax.set(
    xlabel="eigenvalue λ",
    ylabel="rate",
    title=f"α = {params['alpha']:.4f}, β = {params['beta']:.4f}",
)
ax.legend(fontsize=8)
print("max rate difference:", np.max(np.abs(mine.rate(lam, **params) - hb.rate(lam, **params))))
for n in (1, 5, 20):
    a = mine.worst_case(1.0, 100.0, n, **params).value
    b = hb.worst_case(1.0, 100.0, n, **params).value
    print(f"worst case after {n:2d} steps: spec {a:.6f}, built-in {b:.6f}")
