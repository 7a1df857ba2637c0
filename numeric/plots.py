"""Figures of the documentation, drawn from the numeric layer.

Every figure is computed when it is drawn: rates from :mod:`numeric.rates`,
powers of the iteration matrix from :mod:`numeric.closed_form`, trajectories
from :mod:`numeric.simulate`.  The Sphinx build and ``momentum-proofs plot NAME
--out FILE`` both call :func:`save`, so the pictures in the docs and on the
command line are the same.

matplotlib is imported inside the functions (the numeric layer imports only
numpy at module level) and only through :class:`matplotlib.figure.Figure`, so
no GUI backend and no global pyplot state are involved.

The figures follow the pictures of Goh, "Why Momentum Really Works" (Distill,
2017): the rate map and its taxonomy of regions ("The Dynamics of Momentum"),
critical damping, the colorization problem, the convex Rosenbrock function and
its lower bound ("The Limits of Descent"), and the split of the error under
stochastic gradients ("Momentum with Stochastic Gradients"); the Nesterov
comparison uses the look-ahead form of the blog post and the lecture slides.

>>> sorted(FIGURES)[:3]
['colorization', 'hb-vs-nesterov', 'rate-map']
"""

from __future__ import annotations

import importlib
import operator
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _validate as v
from . import closed_form, rates, simulate

#: the examples of these functions draw, so they need matplotlib (see conftest.py)
__doctest_requires__ = {"figure": ("matplotlib",), "save": ("matplotlib",)}

#: file extensions :func:`save` writes, and the matplotlib format of each
FORMATS = {".png": "png", ".svg": "svg"}


class OptionError(ValueError):
    """A figure option out of range; ``option`` names it (``size``, ``dpi``, ``grid``, …)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option} {message}")
        self.option = option
        self.message = message


@dataclass(frozen=True)
class Option:
    """What an option means for one figure, and its check (value in, normalised value out)."""

    meaning: str
    check: Callable[[Any], Any]


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: its drawing function, a one-line caption and its options.

    ``options`` maps ``"grid"``, ``"range"`` or ``"methods"`` to an :class:`Option`; the
    drawing function takes the checked values as keywords of the same names.
    """

    name: str
    caption: str
    draw: Callable[..., None]
    options: dict[str, Option] = field(default_factory=dict)


FIGURES: dict[str, FigureSpec] = {}

#: ``tuner(mu, L)`` returns ``{method: {"alpha": …, "beta": …}}``: the derived optimal
#: tunings (``momentum_proofs.tune``), installed by the bridge module
#: ``momentum_proofs.methods.figures``; without it the figures know gradient descent's and
#: heavy ball's tunings only.
TUNER: Callable[[float, float], dict[str, dict[str, float]]] | None = None

#: Figure size (inches) and resolution (dots per inch) limits and defaults.
SIZE_LIMITS, DEFAULT_SIZE = (1.0, 30.0), (6.4, 4.4)
DPI_LIMITS, DEFAULT_DPI = (30, 600), 110


def register(name: str, caption: str, options: dict[str, Option] | None = None) -> Callable:
    """Register a drawing function ``draw(fig, **options)`` as figure ``name`` (a decorator).

    The figures of this module register themselves; a figure that needs the symbolic
    layer (the worst cases of :mod:`momentum_proofs.methods`) is registered by a bridge
    module of that layer, ``momentum_proofs.methods.figures``, which the ``plot``
    command and the docs import.
    """

    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        FIGURES[name] = FigureSpec(name, caption, fn, dict(options or {}))
        return fn

    return wrap


def _optional(module: str) -> Any:
    """A sibling numeric module if another part of the project provides it, else None."""
    try:
        return importlib.import_module(f"{__package__}.{module}")
    except ImportError:
        return None


def _check_name(name: Any) -> FigureSpec:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, one of {', '.join(sorted(FIGURES))}; got {name!r}")
    if name not in FIGURES:
        raise ValueError(f"name must be one of {', '.join(sorted(FIGURES))}; got {name!r}")
    return FIGURES[name]


def _real(option: str, value: Any, low: float, high: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise OptionError(option, f"must be {what}; got {value!r}")
    x = float(value)
    if not (np.isfinite(x) and low <= x <= high):
        raise OptionError(option, f"must be {what}; got {value!r}")
    return x


def _integer(option: str, value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool):
        raise OptionError(option, f"must be {what}; got {value!r}")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    try:
        n = operator.index(value)
    except TypeError:
        raise OptionError(option, f"must be {what}; got {value!r}") from None
    if not low <= n <= high:
        raise OptionError(option, f"must be {what}; got {value!r}")
    return n


def check_options(name: str, **given: Any) -> dict[str, Any]:
    """Check the options of figure ``name``; return them normalised (``None`` ones dropped).

    ``size`` (W, H) in inches and ``dpi`` apply to every figure; ``grid``, ``range`` and
    ``methods`` to the figures that declare them (see ``FIGURES[name].options``).  An
    option out of range raises :class:`OptionError` naming it and the allowed range.

    >>> check_options("rate-map", size=(8, 5), grid=200)
    {'size': (8.0, 5.0), 'grid': (200, 200)}
    >>> check_options("rosenbrock", grid=10)
    Traceback (most recent call last):
    ...
    numeric.plots.OptionError: grid does not apply to figure rosenbrock; it applies to colorization, hb-vs-nesterov, rate-map, regions
    """
    spec = _check_name(name)
    out: dict[str, Any] = {}
    for option, value in given.items():
        if value is None:
            continue
        if option == "size":
            lo, hi = SIZE_LIMITS
            what = f"W,H in inches, each in [{lo:g}, {hi:g}]"
            try:
                w, h = value
            except (TypeError, ValueError):
                raise OptionError("size", f"must be {what}; got {value!r}") from None
            out["size"] = (_real("size", w, lo, hi, what), _real("size", h, lo, hi, what))
        elif option == "dpi":
            lo, hi = DPI_LIMITS
            out["dpi"] = _integer("dpi", value, lo, hi, f"an integer in [{lo}, {hi}]")
        elif option in ("grid", "range", "methods"):
            if option not in spec.options:
                having = sorted(n for n, f in FIGURES.items() if option in f.options)
                raise OptionError(
                    option,
                    f"does not apply to figure {name}; it applies to {', '.join(having)}",
                )
            out[option] = spec.options[option].check(value)
        else:
            raise TypeError(f"unknown figure option {option!r}")
    return out


def figure(name: str, **options: Any) -> Any:
    """Draw the registered figure ``name`` and return the matplotlib ``Figure``.

    ``options``: ``size`` (W, H) in inches, and ``grid``, ``range``, ``methods`` where the
    figure has them (:func:`check_options`).

    >>> fig = figure("regions")
    >>> len(fig.axes) >= 1
    True
    """
    checked = check_options(name, **options)
    checked.pop("dpi", None)
    from matplotlib.figure import Figure

    fig = Figure(figsize=checked.pop("size", DEFAULT_SIZE), layout="constrained")
    FIGURES[name].draw(fig, **checked)
    return fig


def save(name: str, path: str | os.PathLike, **options: Any) -> str:
    """Draw figure ``name`` and write it to ``path`` (PNG or SVG by extension).

    Returns the path written.  The extension and the options (``dpi`` besides those of
    :func:`figure`) are checked before anything is drawn.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "rates.svg"
    >>> _ = save("rate-map", out)
    >>> out.read_text()[:5]
    '<?xml'
    """
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        raise ValueError(f"path must end in one of {', '.join(FORMATS)}; got {path!r}")
    checked = check_options(name, **options)
    dpi = checked.pop("dpi", DEFAULT_DPI)
    fig = figure(name, **checked)
    metadata = {"Date": None} if ext == ".svg" else {}
    fig.savefig(path, format=FORMATS[ext], dpi=dpi, metadata=metadata)
    return path


# --- option checks shared by several figures ----------------------------------------------


def _pair_of_counts(option: str, low: int, high: int) -> Callable[[Any], tuple[int, int]]:
    what = f"N or N,M with integers in [{low}, {high}]"

    def check(value: Any) -> tuple[int, int]:
        values = value if isinstance(value, (tuple, list)) else (value, value)
        if len(values) != 2:
            raise OptionError(option, f"must be {what}; got {value!r}")
        a, b = (_integer(option, x, low, high, what) for x in values)
        return a, b

    return check


def _interval(
    option: str,
    value: Any,
    low: float,
    high: float,
    what: str,
    *,
    open_low: bool = False,
    open_high: bool = False,
) -> tuple[float, float]:
    try:
        a, b = value
    except (TypeError, ValueError):
        raise OptionError(option, f"must be {what}; got {value!r}") from None
    a = _real(option, a, low, high, what)
    b = _real(option, b, low, high, what)
    if not a < b or (open_low and a <= low) or (open_high and b >= high):
        raise OptionError(option, f"must be {what}; got {value!r}")
    return a, b


def _methods_check(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    def check(value: Any) -> tuple[str, ...]:
        names = (value,) if isinstance(value, str) else tuple(value)
        if not names or not all(isinstance(n, str) and n in allowed for n in names):
            raise OptionError(
                "methods", f"must be one or more of {', '.join(allowed)}; got {list(names)!r}"
            )
        return tuple(dict.fromkeys(names))  # in the order given, once each

    return check


#: the (αλ, β) window of the plane figures: closed, inside [0, 8] × [0, 1]
PLANE_LIMITS = (8.0, 1.0)


def _plane_range(value: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    umax, bmax = PLANE_LIMITS
    what = f"U0:U1,B0:B1 with 0 <= U0 < U1 <= {umax:g} (αλ) and 0 <= B0 < B1 <= {bmax:g} (β)"
    try:
        u, b = value
    except (TypeError, ValueError):
        raise OptionError("range", f"must be {what}; got {value!r}") from None
    return _interval("range", u, 0.0, umax, what), _interval("range", b, 0.0, bmax, what)


PLANE_OPTIONS = {
    "grid": Option(
        "samples along αλ and β (N for both, or N,M; default 400,300)",
        _pair_of_counts("grid", 10, 2000),
    ),
    "range": Option(
        "the (αλ, β) window U0:U1,B0:B1, closed (default 0:4.2,0:1)",
        _plane_range,
    ),
}

#: methods the figures of this module can simulate or evaluate
NUMERIC_METHODS = ("gradient_descent", "heavy_ball", "nesterov")


def _tuning(method: str, lmin: float, lmax: float) -> dict[str, float]:
    """The optimal tuning of a method on [λ_min, λ_max]: from :data:`TUNER` when installed."""
    if TUNER is not None:
        found = TUNER(lmin, lmax)[method]
        return {"alpha": float(found["alpha"]), "beta": float(found.get("beta", 0.0))}
    if method == "gradient_descent":
        return {"alpha": 2 / (lmin + lmax), "beta": 0.0}
    if method == "heavy_ball":
        alpha, beta = _hb_optimal(lmin, lmax)
        return {"alpha": alpha, "beta": beta}
    raise ValueError(
        f"methods: the tuning of {method} needs momentum_proofs (import "
        "momentum_proofs.methods.figures, which installs numeric.plots.TUNER)"
    )


def _simulate(method: str, A: Any, b: np.ndarray, params: dict[str, float], steps: int):
    if method == "gradient_descent":
        return simulate.gradient_descent(A, b, params["alpha"], steps)
    if method == "heavy_ball":
        return simulate.heavy_ball(A, b, params["alpha"], params["beta"], steps)
    return simulate.nesterov(A, b, params["alpha"], params["beta"], steps)


METHOD_LABELS = {
    "gradient_descent": "gradient descent",
    "heavy_ball": "heavy ball",
    "nesterov": "Nesterov",
}
METHOD_COLOURS = {
    "gradient_descent": "tab:purple",
    "heavy_ball": "tab:blue",
    "nesterov": "tab:green",
}


# --- the (αλ, β) plane -----------------------------------------------------------------


DEFAULT_GRID, DEFAULT_WINDOW = (400, 300), ((0.0, 4.2), (0.0, 1.0))


def _plane(
    grid: tuple[int, int] = DEFAULT_GRID,
    window: tuple[tuple[float, float], tuple[float, float]] = DEFAULT_WINDOW,
) -> tuple[np.ndarray, np.ndarray]:
    """A grid over the closed (αλ, β) window, endpoints included (λ = 1, so α plays αλ)."""
    (u0, u1), (b0, b1) = window
    return np.meshgrid(np.linspace(u0, u1, grid[0]), np.linspace(b0, b1, grid[1]))


def _plane_rate(kernel: Callable[..., Any], uu: np.ndarray, bb: np.ndarray) -> np.ndarray:
    """A rate kernel over the plane, its closed edges αλ = 0 and β = 1 included.

    The kernels take αλ > 0 and β < 1.  At αλ = 0 the gradient term vanishes and σ = 1
    is a root of each method's characteristic polynomial (gradient descent 1 − σ, heavy
    ball and Nesterov (σ − 1)(σ − β)), so the rate is max(1, β) = 1.  At β = 1 the
    spectral radius, continuous in the matrix entries, is evaluated at the largest
    float64 below 1 (heavy ball is then at rate 1 for 0 < αλ < 4, since σ₁σ₂ = β).
    """
    rho = np.ones_like(uu)
    inside = uu > 0
    below_one = np.minimum(bb[inside], np.nextafter(1.0, 0.0))
    rho[inside] = kernel(uu[inside], below_one)
    return rho


def _boundaries(ax: Any, *, labels: bool = True) -> None:
    """Stability boundary αλ = 2 + 2β and the double-root curve β = (1 − √(αλ))².

    The double-root curve is one curve: the discriminant (1 + β − αλ)² − 4β vanishes
    iff √(αλ) = 1 ± √β, that is β = (1 − √(αλ))² on both sides of αλ = 1.  Left of
    αλ = 1 it is Goh's critical damping (a positive double root); right of it the
    double root is negative.  It meets the stability line at (αλ, β) = (4, 1).
    """
    b = np.linspace(0.0, 1.0, 300)
    # The two curves are tangent at (4, 1) (both have slope dβ/d(αλ) = 1/2 there), so
    # near that point one covers the other: the stability line is drawn wider, below
    # the double-root curve, and shows as a black edge on both sides of it.
    ax.plot(
        2 + 2 * b,
        b,
        color="black",
        lw=2.6,
        label="stability boundary αλ = 2 + 2β" if labels else None,
    )
    u = np.linspace(0.0, 4.0, 600)
    ax.plot(
        u,
        (1 - np.sqrt(u)) ** 2,
        color="tab:red",
        lw=1.3,
        label="double root β = (1 − √(αλ))² (critical damping left of αλ = 1)" if labels else None,
    )


@register(
    "rate-map",
    "Heavy-ball rate max|σ| over (αλ, β), the stability boundary, the double-root "
    "(critical-damping) curve and the optimal tuning for κ = 10",
    PLANE_OPTIONS,
)
def _rate_map(fig: Any, grid: tuple[int, int] = DEFAULT_GRID, range: Any = DEFAULT_WINDOW) -> None:
    uu, bb = _plane(grid, range)
    rho = _plane_rate(lambda u, b: rates.heavy_ball(u, b, 1.0), uu, bb)
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(
        uu,
        bb,
        np.minimum(rho, 1.0),
        cmap="viridis",
        shading="auto",
        vmin=0,
        vmax=1,
        rasterized=True,
    )
    fig.colorbar(mesh, ax=ax, label="rate max(|σ₁|, |σ₂|) (clipped at 1)")
    _boundaries(ax)
    # The optimum for a spectrum [μ, L] = [1, κ]: α = (2/(√L + √μ))², β = ((√κ − 1)/(√κ + 1))².
    # It puts αμ and αL on the double-root curve, αμ on its left (critical-damping) branch.
    kappa = 10.0
    s = np.sqrt(kappa)
    beta_opt = ((s - 1) / (s + 1)) ** 2
    alpha_opt = (2 / (s + 1)) ** 2
    ends = np.array([alpha_opt, alpha_opt * kappa])
    ax.plot(ends, [beta_opt, beta_opt], color="white", lw=3)
    ax.plot(
        ends,
        [beta_opt, beta_opt],
        "o",
        color="tab:orange",
        ms=7,
        label=f"optimum for κ = {kappa:g}: αλ ∈ [αμ, αL]",
    )
    ax.set(
        xlabel="αλ", ylabel="β", xlim=range[0], ylim=range[1], title="Heavy-ball convergence rate"
    )
    ax.legend(loc="upper left", fontsize=7, framealpha=0.9)


@register(
    "regions",
    "Taxonomy of the (αλ, β) plane: monotone decay, oscillation from complex eigenvalues, "
    "sign-alternating decay, no convergence",
    PLANE_OPTIONS,
)
def _regions(fig: Any, grid: tuple[int, int] = DEFAULT_GRID, range: Any = DEFAULT_WINDOW) -> None:
    from matplotlib.colors import ListedColormap

    uu, bb = _plane(grid, range)
    r = np.sqrt(bb)
    below = uu < (1 - r) ** 2  # real eigenvalues, both positive: monotone decay
    complex_ = (uu > (1 - r) ** 2) & (uu < (1 + r) ** 2)  # |σ| = √β, ripples
    # rate ≥ 1: beyond the stability line, and on the closed edges αλ = 0 (σ = 1) and
    # β = 1 (σ₁σ₂ = β = 1)
    divergent = (uu >= 2 + 2 * bb) | (uu <= 0) | (bb >= 1)
    region = np.where(below, 0, np.where(complex_, 1, 2))
    region = np.where(divergent, 3, region)
    names = [
        "real σ > 0: monotone decay",
        "complex σ: ripples, rate √β",
        "real σ < 0: sign-alternating decay",
        "no convergence (rate ≥ 1): αλ ≥ 2 + 2β",
    ]
    colors = ["#9ecae1", "#a1d99b", "#fdd0a2", "#d9d9d9"]
    ax = fig.add_subplot()
    ax.pcolormesh(
        uu,
        bb,
        region,
        cmap=ListedColormap(colors),
        vmin=-0.5,
        vmax=3.5,
        shading="auto",
        rasterized=True,
    )
    _boundaries(ax, labels=False)
    # The regions are named by a legend of colour patches below the plot, not by text
    # placed on the plane: two of the regions are too narrow to hold their label, and a
    # label outside its region reads as naming the region it sits in.
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=c, edgecolor="0.4", lw=0.5, label=n)
        for c, n in zip(colors, names, strict=True)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    ax.set(
        xlabel="αλ",
        ylabel="β",
        xlim=range[0],
        ylim=range[1],
        title="Regions of heavy-ball behaviour",
    )


_STABILITY = {  # label and colour of each method's stability region in the plane
    "gradient_descent": ("gradient descent: αλ < 2", "tab:orange"),
    "heavy_ball": ("heavy ball: αλ < 2 + 2β", "tab:blue"),
    "nesterov": ("Nesterov: αλ < (2 + 2β)/(1 + 2β)", "tab:green"),
}


def _plane_kernel(method: str) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    if method == "gradient_descent":
        return lambda u, b: rates.gradient_descent(u, 1.0)
    fn = rates.heavy_ball if method == "heavy_ball" else rates.nesterov
    return lambda u, b: fn(u, b, 1.0)


@register(
    "hb-vs-nesterov",
    "Where heavy ball and Nesterov momentum converge in the (αλ, β) plane",
    {
        **PLANE_OPTIONS,
        "methods": Option(
            "the methods whose stability regions are compared (default heavy_ball, nesterov)",
            _methods_check(NUMERIC_METHODS),
        ),
    },
)
def _hb_vs_nesterov(
    fig: Any,
    grid: tuple[int, int] = DEFAULT_GRID,
    range: Any = DEFAULT_WINDOW,
    methods: tuple[str, ...] = ("heavy_ball", "nesterov"),
) -> None:
    from matplotlib.lines import Line2D

    uu, bb = _plane(grid, range)
    ax = fig.add_subplot()
    handles = []
    for method in methods:
        label, colour = _STABILITY[method]
        rho = _plane_rate(_plane_kernel(method), uu, bb)
        stable = (rho < 1).astype(float)
        ax.contourf(uu, bb, stable, levels=[0.5, 1.5], colors=[colour], alpha=0.25)
        # the boundary is the level set ρ = 1 of the rate kernel itself, not a retyped formula
        if np.any(rho < 1) and np.any(rho >= 1):
            ax.contour(uu, bb, rho, levels=[1.0], colors=[colour], linewidths=1.8)
        handles.append(Line2D([], [], color=colour, lw=1.8, label=label))
    ax.set(
        xlabel="αλ",
        ylabel="β",
        xlim=range[0],
        ylim=range[1],
        title="Stability regions (shading: rate < 1 from numeric.rates)",
    )
    ax.title.set_fontsize(9)
    ax.legend(handles=handles, loc="upper left", fontsize=8)


# --- worked problems ---------------------------------------------------------------------


def _hb_optimal(lmin: float, lmax: float) -> tuple[float, float]:
    """The heavy-ball tuning α = (2/(√L + √μ))², β = ((√κ − 1)/(√κ + 1))² on [μ, L]."""
    s = np.sqrt(lmax / lmin)
    return float((2 / (np.sqrt(lmax) + np.sqrt(lmin))) ** 2), float(((s - 1) / (s + 1)) ** 2)


def _grid_colorization(side: int, fixed: list[int]) -> tuple[Any, np.ndarray]:
    """The colorization Hessian L_G + Σ_{i∈D} e_i e_iᵀ on a side×side grid, and b = 1_D."""
    import scipy.sparse as sp

    path = sp.diags([-np.ones(side - 1), 2 * np.ones(side), -np.ones(side - 1)], [-1, 0, 1])
    path = path.tolil()
    path[0, 0] = path[side - 1, side - 1] = 1  # path-graph Laplacian: degree 1 at the ends
    eye = sp.identity(side)
    lap = sp.kron(path, eye) + sp.kron(eye, path)
    data = np.zeros(side * side)
    data[fixed] = 1.0
    return (lap + sp.diags(data)).tocsr(), data


def _colorization_problem(side: int = 24) -> tuple[Any, np.ndarray, str]:
    """A side×side grid with four distinguished pixels (corners and centre), from
    numeric.graphs when it is there."""
    n = side * side
    fixed = [0, side - 1, side * (side // 2) + side // 2, n - 1]
    graphs = _optional("graphs")
    if graphs is not None and hasattr(graphs, "colorization_problem"):
        A, b = graphs.colorization_problem(side, side, fixed)
        return A, np.asarray(b, dtype=float), "numeric.graphs"
    A, b = _grid_colorization(side, fixed)
    return A, b, "grid Laplacian built in numeric.plots"


@register(
    "colorization",
    "Gradient descent versus heavy ball on a 24×24 colorization problem, each optimally "
    "tuned; heavy ball's error levels off below 1e-12, at the rounding floor of float64 "
    "arithmetic (it scales with the machine epsilon), not a limit of the method",
    {
        "grid": Option(
            "side N of the N×N pixel grid (an integer in [4, 64]; default 24)",
            lambda v: _integer("grid", v, 4, 64, "an integer N in [4, 64] (an N×N pixel grid)"),
        ),
        "methods": Option(
            "the methods run, each at its optimal tuning (default gradient_descent, heavy_ball)",
            _methods_check(NUMERIC_METHODS),
        ),
    },
)
def _colorization(
    fig: Any, grid: int = 24, methods: tuple[str, ...] = ("gradient_descent", "heavy_ball")
) -> None:
    A, b, origin = _colorization_problem(grid)
    dense = A.toarray() if hasattr(A, "toarray") else np.asarray(A)
    lam = np.linalg.eigvalsh(dense)
    lmin, lmax = float(lam[0]), float(lam[-1])
    # A·1 = L_G·1 + P_D·1 = 0 + 1_D = b exactly, so the minimiser is the all-ones vector;
    # measuring against it (not a computed solve) keeps the solver's rounding out.
    w_star = np.ones(b.size)
    # enough steps for the fastest method to reach the floor: heavy ball's error falls by
    # a factor e about every √κ/2 steps, and from 24 to 1e-13 is 33 factors of e
    steps = int(np.clip(31 * np.sqrt(lmax / lmin), 300, 20_000))
    k = np.arange(steps + 1)
    ax = fig.add_subplot()
    errors = {}
    for method in methods:
        params = _tuning(method, lmin, lmax)
        errors[method] = np.linalg.norm(_simulate(method, A, b, params, steps) - w_star, axis=1)
        extra = f", β = {params['beta']:.3f}" if method != "gradient_descent" else ""
        ax.semilogy(
            k,
            errors[method],
            color=METHOD_COLOURS[method],
            label=f"{METHOD_LABELS[method]}, optimal α{extra}",
        )
    eps = float(np.finfo(float).eps)
    spacing = eps * float(np.linalg.norm(w_star)) / 2
    ax.axhline(spacing, color="0.5", lw=0.8, ls=":")
    ax.annotate(
        "ε‖w*‖/2: spacing of float64 numbers at w*",
        (steps * 0.02, spacing),
        xytext=(0, 3),
        textcoords="offset points",
        fontsize=7,
        color="0.35",
    )
    if "heavy_ball" in errors:
        # The plateau: each gradient Aw − b is computed with a rounding error of order
        # ε‖A‖‖w‖, and the iteration cannot resolve the error below what that
        # perturbation keeps stirring up.  The level is read off the run (median of its
        # last fifth).
        floor = float(np.median(errors["heavy_ball"][-(steps // 5) :]))
        ax.annotate(
            f"float64 rounding floor ≈ {floor:.1e}:\nthe gradient Aw − b carries rounding\n"
            f"errors of order ε‖A‖‖w‖ (ε = {eps:.1e})",
            (steps * 0.8, floor),
            xytext=(steps * 0.5, floor * 1e5),
            fontsize=7,
            arrowprops={"arrowstyle": "->", "lw": 0.8},
        )
    ax.set(
        xlabel="iteration k",
        ylabel="‖wᵏ − w*‖₂",
        ylim=(spacing / 10, None),
        title=f"Colorization, κ = {lmax / lmin:.0f} (problem: {origin})",
    )
    ax.title.set_fontsize(9)
    ax.legend(fontsize=8, loc="upper right", bbox_to_anchor=(1, 0.9))


def _rosenbrock_matrix(n: int, kappa: float) -> tuple[np.ndarray, np.ndarray]:
    """Hessian and linear term of ½(w₁ − 1)² + ½Σᵢ₌₁ⁿ(wᵢ − wᵢ₊₁)² + (2/(κ − 1))‖w‖², w_{n+1} = 0.

    From :func:`numeric.problems.convex_rosenbrock` when it is there, else built here
    with the same convention.
    """
    problems = _optional("problems")
    if problems is not None and hasattr(problems, "convex_rosenbrock"):
        A, b = problems.convex_rosenbrock(n, kappa)
        return (A.toarray() if hasattr(A, "toarray") else np.asarray(A, dtype=float)), np.asarray(
            b, dtype=float
        )
    A = 2 * np.eye(n) - np.eye(n, k=1) - np.eye(n, k=-1) + (4 / (kappa - 1)) * np.eye(n)
    b = np.zeros(n)
    b[0] = 1.0
    return A, b


@register(
    "rosenbrock",
    "Heavy ball on the convex Rosenbrock function against the lower bound for linear "
    "first-order methods (κ = 100, n = 60)",
    {
        "methods": Option(
            "the methods run, each at its optimal tuning (default heavy_ball)",
            _methods_check(NUMERIC_METHODS),
        ),
    },
)
def _rosenbrock(fig: Any, methods: tuple[str, ...] = ("heavy_ball",)) -> None:
    n, kappa, steps = 60, 100.0, 150
    A, b = _rosenbrock_matrix(n, kappa)
    lam = np.linalg.eigvalsh(A)
    w_star = np.linalg.solve(A, b)
    k = np.arange(steps + 1)
    # After k steps from w⁰ = 0 only the first k coordinates can be nonzero, so the error is
    # at least the largest |w*_i| with i > k (1-based): the "speed of light" argument.
    tail = np.maximum.accumulate(np.abs(w_star)[::-1])[::-1]
    bound = np.where(k < n, tail[np.minimum(k, n - 1)], np.nan)  # no bound once k ≥ n
    q = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    ax = fig.add_subplot()
    # Heavy ball and the bounds coincide until the chain runs out (k ≈ n): the methods
    # are drawn first, wide and light, so the two bounds drawn over them (thin, dashed
    # and dotted) leave them visible.
    for method in methods:
        params = _tuning(method, float(lam[0]), float(lam[-1]))
        run = _simulate(method, A, b, params, steps)
        extra = f", β = {params['beta']:.3f}" if method != "gradient_descent" else ""
        ax.semilogy(
            k,
            np.max(np.abs(run - w_star), axis=1),
            color=METHOD_COLOURS[method],
            lw=4,
            alpha=0.45,
            solid_capstyle="butt",
            label=f"{METHOD_LABELS[method]} (optimal α{extra}): ‖wᵏ − w*‖∞",
        )
    ax.semilogy(
        k,
        bound,
        "--",
        color="tab:orange",
        lw=1.4,
        label="max over i > k of |w*ᵢ| (any linear first-order method)",
    )
    ax.semilogy(
        k,
        q ** (k + 1),
        ":",
        color="black",
        lw=1.2,
        label="((√κ − 1)/(√κ + 1))^(k+1), the n → ∞ bound",
    )
    ax.set(
        xlabel="iteration k",
        ylabel="error (∞-norm)",
        title="Convex Rosenbrock: momentum against the lower bound",
    )
    ax.legend(fontsize=7)


#: α, β, noise, steps and paths of the stochastic-split figure
STOCHASTIC_SETTINGS = (1.0, 0.6, 0.05, 120, 2000)
#: heavy ball at α = 1, β = 0.6 is stable exactly for λ < (2 + 2β)/α = 3.2 (HB-STABILITY)
STOCHASTIC_LAMBDA_MAX = 3.2


def stochastic_split(
    lam: np.ndarray,
    x0: np.ndarray,
    alpha: float,
    beta: float,
    noise: float,
    steps: int,
    route: str = "auto",
) -> tuple[np.ndarray, np.ndarray]:
    """Expected f(wᵏ) − f* of heavy ball with noisy gradients, as (deterministic, stochastic).

    With gradient noise ε ~ N(0, noise²) per coordinate, the state s = (y, x) of
    each eigencomponent evolves by s⁺ = R s + (1, −α)ε, so E x_k² splits into the
    noise-free part (Rᵏ s⁰)ₓ² and the covariance C_k of the noise-driven part, each
    weighted by λ/2 in the loss (Goh 2017, "Momentum with Stochastic Gradients").
    Two routes for C_k, both on :func:`numeric.closed_form.heavy_ball_power`:

    ``"stationary"``
        C_k = C_∞ − Rᵏ C_∞ Rᵏᵀ with the stationary covariance C_∞ of the generated
        kernel ``heavy_ball_noise_covariance`` (claim ``SGD-SPLIT``);
    ``"sum"``
        C_k = noise² Σ_{j<k} Rʲ c cᵀ Rʲᵀ with c = (1, −α), summed directly.

    ``"auto"`` takes the stationary route when that kernel exists and the
    iteration is stable on every λ, else the sum.

    >>> det, sto = stochastic_split(np.array([1.0]), np.array([1.0]), 0.5, 0.0, 0.1, 2)
    >>> print(det, sto)
    [0.5     0.125   0.03125] [0.       0.00125  0.0015625]
    """
    lam = v.real_array("lam", lam, low=0)
    x0 = v.real_array("x0", x0)
    steps = v.count("steps", steps)
    if route not in ("auto", "stationary", "sum"):
        raise ValueError(f"route must be 'auto', 'stationary' or 'sum'; got {route!r}")
    k = np.arange(steps + 1)
    power = closed_form.heavy_ball_power(alpha, beta, lam[:, None], k[None, :])  # (n, K, 2, 2)
    det_x = power[..., 1, 1] * x0[:, None]  # y⁰ = z⁰ = 0
    kernels = _optional("_generated.stochastic")
    if route == "auto":
        stable = bool(np.all(rates.heavy_ball(alpha, beta, lam) < 1))
        route = "stationary" if kernels is not None and stable else "sum"
    if route == "stationary":
        if kernels is None:
            raise ValueError("route 'stationary' needs numeric._generated.stochastic")
        cyy, cxy, cxx = (
            np.asarray(c, dtype=float)
            for c in kernels.heavy_ball_noise_covariance(alpha, beta, lam)
        )
        cinf = np.stack([np.stack([cyy, cxy], -1), np.stack([cxy, cxx], -1)], -2)[
            :, None
        ]  # (n, 1, 2, 2)
        transient = power @ cinf @ np.swapaxes(power, -1, -2)
        var = noise**2 * (cinf[..., 1, 1] - transient[..., 1, 1])
    else:
        kick = power[..., 1, 0] - alpha * power[..., 1, 1]  # (Rʲ c)ₓ
        var = noise**2 * np.concatenate(
            [np.zeros((lam.size, 1)), np.cumsum(kick**2, axis=1)[:, :-1]], axis=1
        )
    half = 0.5 * lam[:, None]
    return (half * det_x**2).sum(axis=0), (half * var).sum(axis=0)


@register(
    "stochastic-split",
    "Expected loss of heavy ball with noisy gradients: deterministic and stochastic parts "
    "in closed form against a Monte Carlo estimate",
    {
        "range": Option(
            "the eigenvalues λ of the quadratic, LO:HI with 0 < LO < HI < 3.2 (stable at "
            "α = 1, β = 0.6; six values spaced geometrically; default 0.05:1)",
            lambda v: _interval(
                "range",
                v,
                0.0,
                STOCHASTIC_LAMBDA_MAX,
                f"LO:HI with 0 < LO < HI < {STOCHASTIC_LAMBDA_MAX:g} (the eigenvalues λ)",
                open_low=True,
                open_high=True,
            ),
        ),
    },
)
def _stochastic(fig: Any, range: tuple[float, float] = (0.05, 1.0)) -> None:
    lam = np.geomspace(range[0], range[1], 6)
    alpha, beta, noise, steps, paths = STOCHASTIC_SETTINGS
    A = np.diag(lam)
    w_star = np.ones(lam.size)
    b = A @ w_star
    det, sto = stochastic_split(lam, -w_star, alpha, beta, noise, steps)
    runs = simulate.heavy_ball(A, b, alpha, beta, steps, noise=noise, rng=20170404, paths=paths)
    loss = 0.5 * ((runs - w_star) ** 2 * lam).sum(axis=2)  # (paths, steps + 1)
    mean = loss.mean(axis=0)
    se = loss.std(axis=0, ddof=1) / np.sqrt(paths)
    k = np.arange(steps + 1)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 1.4])
    top.semilogy(k, det, color="tab:blue", label="deterministic part")
    # Once the deterministic part has decayed the sum equals the stochastic part: the
    # stochastic part is drawn wide and light under the thin dashed sum, so both show.
    top.semilogy(k[1:], sto[1:], color="tab:orange", lw=4, alpha=0.5, label="stochastic part")
    top.semilogy(k, det + sto, color="black", lw=1.0, label="sum (closed form)")
    # every other step only, so the closed-form line shows between the dots
    top.semilogy(
        k[::2], mean[::2], ".", color="tab:red", ms=2.5, label=f"Monte Carlo mean, {paths} paths"
    )
    top.set(
        ylabel="E f(wᵏ) − f*",
        ylim=(1e-5, 2),
        title=f"Stochastic gradients: α = {alpha:g}, β = {beta:g}, noise σ = {noise:g}",
    )
    top.legend(fontsize=8)
    # On the log scale above, ± 2 standard errors (a few per cent of the mean) are
    # thinner than a marker; the lower panel shows them relative to the closed form.
    exact = det + sto
    bottom.axhline(0.0, color="black", lw=1.0)
    bottom.errorbar(
        k,
        100 * (mean - exact) / exact,
        yerr=100 * 2 * se / exact,
        fmt=".",
        color="tab:red",
        ms=3,
        elinewidth=0.8,
        capsize=0,
        label="Monte Carlo mean ± 2 s.e.",
    )
    bottom.set(xlabel="iteration k", ylabel="MC − closed form\n(% of closed form)")
    bottom.yaxis.label.set_fontsize(8)
    bottom.legend(fontsize=7, loc="upper right")
