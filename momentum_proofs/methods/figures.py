"""Figures that need the method engine, registered with :mod:`numeric.plots`.

A bridge module (it sees both layers): importing it adds ``worst-cases`` to
``numeric.plots.FIGURES`` and installs ``numeric.plots.TUNER`` (the derived optimal
tunings of :func:`momentum_proofs.tune`, so the figures can run Nesterov momentum at its
own optimum).  The ``plot`` command and the docs import it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from numeric import pep, plots

#: The spectrum of the figure, κ = 100, normalised to L = 1.
MU, L = 0.01, 1.0
#: Steps shown for the exact quadratic curves, and for PEPit (its time grows with N).
STEPS, PEPIT_STEPS = 60, 12


#: The methods the figure can compare, with their labels and colours.
METHODS = {
    "gradient_descent": ("gradient descent", "C0"),
    "heavy_ball": ("heavy ball", "C3"),
    "nesterov": ("Nesterov", "C2"),
    "triple_momentum": ("triple momentum", "C4"),
}
#: The largest N of the quadratic curves that ``range`` accepts.
MAX_STEPS = 200


def _tuner(mu: float, L: float) -> dict[str, dict[str, float]]:
    from ..tune import tune

    return tune(mu, L).methods


plots.TUNER = _tuner


def _tunings(names: tuple[str, ...]) -> dict[str, tuple[Any, dict[str, float]]]:
    from . import get

    out = {}
    for name in names:
        method = get(name)
        if name == "triple_momentum":
            params = {k: float(v) for k, v in method.published_tuning(MU, L).items()}
        else:
            params = method.tune(MU, L).parameters
        out[name] = (method, params)
    return out


def _steps_range(value: Any) -> tuple[int, int]:
    what = f"N0:N1, integers with 0 <= N0 < N1 <= {MAX_STEPS} (the steps N shown)"
    try:
        a, b = value
    except (TypeError, ValueError):
        raise plots.OptionError("range", f"must be {what}; got {value!r}") from None
    n0 = plots._integer("range", a, 0, MAX_STEPS, what)
    n1 = plots._integer("range", b, 0, MAX_STEPS, what)
    if not n0 < n1:
        raise plots.OptionError("range", f"must be {what}; got {value!r}")
    return n0, n1


@plots.register(
    "worst-cases",
    "Worst ‖x_N − x*‖²/‖x₀ − x*‖² against N for κ = 100, each method at its tuning: over "
    "quadratics (exact, lines) and over smooth strongly convex functions (PEPit, markers), "
    "with heavy ball's transient peak marked",
    {
        "range": plots.Option(
            f"the steps N shown, N0:N1 with integers 0 <= N0 < N1 <= {MAX_STEPS} (default "
            f"0:{STEPS}; PEPit's markers up to N = {PEPIT_STEPS})",
            _steps_range,
        ),
        "methods": plots.Option(
            "the methods compared, each at its tuning (default all four)",
            plots._methods_check(tuple(METHODS)),
        ),
    },
)
def _worst_cases(
    fig: Any, range: tuple[int, int] = (0, STEPS), methods: tuple[str, ...] = tuple(METHODS)
) -> None:
    ax = fig.add_subplot()
    n_all = np.arange(range[0], range[1] + 1)
    for name, (method, params) in _tunings(methods).items():
        label, colour = METHODS[name]
        values = [method.worst_case(MU, L, int(n), **params).value for n in n_all]
        ax.semilogy(n_all, values, color=colour, lw=1.6, label=label)
        if name == "heavy_ball" and range[0] < int(np.argmax(values)) + range[0] < range[1]:
            top = int(np.argmax(values))
            ax.plot(n_all[top], values[top], "v", color="k", ms=7, zorder=5)
            ax.annotate(
                f"peak {values[top]:.1f} at N = {n_all[top]}",
                (n_all[top], values[top]),
                textcoords="offset points",
                xytext=(8, 6),
                fontsize=8,
            )
        if pep.available() and max(range[0], 1) <= min(range[1], PEPIT_STEPS):
            ns = [int(n) for n in np.arange(max(range[0], 1), min(range[1], PEPIT_STEPS) + 1)]
            over = [
                method.worst_case_over_class("smooth-strongly-convex", MU, L, n, **params).value
                for n in ns
            ]
            ax.semilogy(ns, over, "o", mfc="none", color=colour, ms=4)
    ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
    ax.set_xlabel("steps N")
    ax.set_ylabel(r"worst $\|x_N - x_\star\|^2 / \|x_0 - x_\star\|^2$")
    ax.set_title(f"Worst case after N steps, κ = {L / MU:g} (L = 1)", fontsize=10)
    ax.set_xlim(*range)
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
