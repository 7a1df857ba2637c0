"""Figures that need the method engine, registered with :mod:`numeric.plots`.

A bridge module (it sees both layers): importing it adds ``worst-cases`` to
``numeric.plots.FIGURES``.  The ``plot`` command and the docs import it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from numeric import pep, plots

#: The spectrum of the figure, normalised (L = 1): κ = 100.
MU, L = 0.01, 1.0
#: Steps shown for the exact quadratic curves, and for PEPit (its time grows with N).
STEPS, PEPIT_STEPS = 60, 12


def _tunings() -> dict[str, tuple[Any, dict[str, float]]]:
    from . import get

    gd, hb, nag, tm = (
        get(n) for n in ("gradient_descent", "heavy_ball", "nesterov", "triple_momentum")
    )
    return {
        "gradient descent": (gd, gd.tune(MU, L).parameters),
        "heavy ball": (hb, hb.tune(MU, L).parameters),
        "Nesterov": (nag, nag.tune(MU, L).parameters),
        "triple momentum": (tm, {k: float(v) for k, v in tm.published_tuning(MU, L).items()}),
    }


@plots.register(
    "worst-cases",
    "Worst ‖x_N − x*‖²/‖x₀ − x*‖² against N for κ = 100, each method at its tuning: over "
    "quadratics (exact, lines) and over smooth strongly convex functions (PEPit, markers), "
    "with heavy ball's transient peak marked",
)
def _worst_cases(fig: Any) -> None:
    ax = fig.add_subplot()
    n_all = np.arange(0, STEPS + 1)
    colors = {
        "gradient descent": "C0",
        "heavy ball": "C3",
        "Nesterov": "C2",
        "triple momentum": "C4",
    }
    for label, (method, params) in _tunings().items():
        values = [method.worst_case(MU, L, int(n), **params).value for n in n_all]
        ax.semilogy(n_all, values, color=colors[label], lw=1.6, label=label)
        if label == "heavy ball":
            top = int(np.argmax(values))
            ax.plot(top, values[top], "v", color="k", ms=7, zorder=5)
            ax.annotate(
                f"peak {values[top]:.1f} at N = {top}",
                (top, values[top]),
                textcoords="offset points",
                xytext=(8, 6),
                fontsize=8,
            )
        if pep.available():
            ns = list(range(1, PEPIT_STEPS + 1))
            over = [
                method.worst_case_over_class("smooth-strongly-convex", MU, L, n, **params).value
                for n in ns
            ]
            ax.semilogy(ns, over, "o", mfc="none", color=colors[label], ms=4)
    ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
    ax.set_xlabel("steps N")
    ax.set_ylabel(r"worst $\|x_N - x_\star\|^2 / \|x_0 - x_\star\|^2$")
    ax.set_title(f"Worst case after N steps, κ = {L / MU:g} (L = 1)", fontsize=10)
    ax.set_xlim(0, STEPS)
    ax.set_ylim(1e-6, 1e3)
    # one entry per method (colour), and one per class (line or marker)
    from matplotlib.lines import Line2D

    handles, _ = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], color="k", lw=1.6, label="quadratics (exact)"),
        Line2D(
            [],
            [],
            color="k",
            ls="none",
            marker="o",
            mfc="none",
            ms=4,
            label="smooth strongly convex (PEPit)",
        ),
    ]
    ax.legend(handles=handles, fontsize=7, loc="lower left")
    if not pep.available():
        ax.text(
            0.99,
            0.99,
            "PEPit not installed: quadratics only",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=7,
        )
