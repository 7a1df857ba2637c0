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
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as v
from . import closed_form, rates, simulate

#: the examples of these functions draw, so they need matplotlib (see conftest.py)
__doctest_requires__ = {"figure": ("matplotlib",), "save": ("matplotlib",)}

#: file extensions :func:`save` writes, and the matplotlib format of each
FORMATS = {".png": "png", ".svg": "svg"}


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: its drawing function and a one-line caption."""

    name: str
    caption: str
    draw: Callable[[Any], None]


FIGURES: dict[str, FigureSpec] = {}


def register(name: str, caption: str) -> Callable:
    """Register a drawing function ``draw(fig)`` as figure ``name`` (a decorator).

    The figures of this module register themselves; a figure that needs the symbolic
    layer (the worst cases of :mod:`momentum_proofs.methods`) is registered by a bridge
    module of that layer, ``momentum_proofs.methods.figures``, which the ``plot``
    command and the docs import.
    """

    def wrap(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        FIGURES[name] = FigureSpec(name, caption, fn)
        return fn

    return wrap


def _optional(module: str) -> Any:
    """A sibling numeric module if another part of the project provides it, else None."""
    try:
        return importlib.import_module(f"{__package__}.{module}")
    except ImportError:
        return None


def figure(name: str) -> Any:
    """Draw the registered figure ``name`` and return the matplotlib ``Figure``.

    >>> fig = figure("regions")
    >>> len(fig.axes) >= 1
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, one of {', '.join(sorted(FIGURES))}; got {name!r}")
    if name not in FIGURES:
        raise ValueError(f"name must be one of {', '.join(sorted(FIGURES))}; got {name!r}")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.4), layout="constrained")
    FIGURES[name].draw(fig)
    return fig


def save(name: str, path: str | os.PathLike) -> str:
    """Draw figure ``name`` and write it to ``path`` (PNG or SVG by extension).

    Returns the path written.  The extension is checked before anything is drawn.

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
    if name not in FIGURES:
        raise ValueError(f"name must be one of {', '.join(sorted(FIGURES))}; got {name!r}")
    fig = figure(name)
    metadata = {"Date": None} if ext == ".svg" else {}
    fig.savefig(path, format=FORMATS[ext], dpi=110, metadata=metadata)
    return path


# --- the (αλ, β) plane -----------------------------------------------------------------


def _plane(n_u: int = 400, n_b: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """A grid of αλ in (0, 4.2] and β in [0, 0.995] (λ = 1, so α plays αλ)."""
    u = np.linspace(4.2 / n_u, 4.2, n_u)
    b = np.linspace(0.0, 0.995, n_b)
    return np.meshgrid(u, b)


def _boundaries(ax: Any, *, labels: bool = True) -> None:
    """Stability boundary αλ = 2 + 2β and the two double-root curves αλ = (1 ± √β)²."""
    b = np.linspace(0.0, 0.995, 300)
    ax.plot(
        2 + 2 * b,
        b,
        color="black",
        lw=1.6,
        label="stability boundary αλ = 2 + 2β" if labels else None,
    )
    ax.plot(
        (1 - np.sqrt(b)) ** 2,
        b,
        color="tab:red",
        lw=1.6,
        label="critical damping β = (1 − √(αλ))²" if labels else None,
    )
    ax.plot(
        (1 + np.sqrt(b)) ** 2,
        b,
        color="tab:red",
        lw=1.0,
        ls="--",
        label="double root αλ = (1 + √β)²" if labels else None,
    )


@register(
    "rate-map",
    "Heavy-ball rate max|σ| over (αλ, β), the stability boundary, the critical-damping "
    "curve and the optimal tuning for κ = 10",
)
def _rate_map(fig: Any) -> None:
    uu, bb = _plane()
    rho = rates.heavy_ball(uu, bb, 1.0)
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
    # It puts αμ on the critical-damping curve and αL on the other double-root curve.
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
    ax.set(xlabel="αλ", ylabel="β", xlim=(0, 4.2), ylim=(0, 1), title="Heavy-ball convergence rate")
    ax.legend(loc="upper left", fontsize=7, framealpha=0.9)


@register(
    "regions",
    "Taxonomy of the (αλ, β) plane: monotone decay, oscillation from complex eigenvalues, "
    "sign-alternating decay, divergence",
)
def _regions(fig: Any) -> None:
    from matplotlib.colors import ListedColormap

    uu, bb = _plane()
    r = np.sqrt(bb)
    below = uu < (1 - r) ** 2  # real eigenvalues, both positive: monotone decay
    complex_ = (uu > (1 - r) ** 2) & (uu < (1 + r) ** 2)  # |σ| = √β, ripples
    divergent = uu >= 2 + 2 * bb
    region = np.where(below, 0, np.where(complex_, 1, 2))
    region = np.where(divergent, 3, region)
    names = [
        "real σ > 0: monotone decay",
        "complex σ: ripples, rate √β",
        "real σ < 0: sign-alternating decay",
        "divergent: αλ ≥ 2 + 2β",
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
    places = (
        ((0.12, 0.06), (0.8, 0.42)),
        ((1.6, 0.75),) * 2,
        ((2.1, 0.1), (3.0, 0.1)),
        ((3.5, 0.45),) * 2,
    )
    for (point, where), text in zip(places, names, strict=True):
        arrow = None if point == where else {"arrowstyle": "->", "lw": 0.8}
        ax.annotate(
            text.replace(": ", ":\n"),
            point,
            xytext=where,
            fontsize=8,
            ha="center",
            va="center",
            arrowprops=arrow,
        )
    ax.set(
        xlabel="αλ", ylabel="β", xlim=(0, 4.2), ylim=(0, 1), title="Regions of heavy-ball behaviour"
    )


def _nesterov_rate(alpha: np.ndarray, beta: np.ndarray, lam: float) -> np.ndarray:
    """Nesterov's rate: :func:`numeric.rates.nesterov` when present, else the roots directly.

    The fallback solves σ² − (1 + β)(1 − αλ)σ + β(1 − αλ) = 0 in complex arithmetic,
    which is fine for a picture (it is not a reference near double roots).
    """
    if hasattr(rates, "nesterov"):
        return np.asarray(rates.nesterov(alpha, beta, lam), dtype=float)
    q = 1 - alpha * lam
    t = (1 + beta) * q
    root = np.sqrt((t * t - 4 * beta * q).astype(complex))
    return np.maximum(np.abs((t + root) / 2), np.abs((t - root) / 2))


@register(
    "hb-vs-nesterov",
    "Where heavy ball and Nesterov momentum converge in the (αλ, β) plane",
)
def _hb_vs_nesterov(fig: Any) -> None:
    uu, bb = _plane()
    hb = rates.heavy_ball(uu, bb, 1.0) < 1
    nag = _nesterov_rate(uu, bb, 1.0) < 1
    ax = fig.add_subplot()
    ax.contourf(uu, bb, hb.astype(float), levels=[0.5, 1.5], colors=["tab:blue"], alpha=0.25)
    ax.contourf(uu, bb, nag.astype(float), levels=[0.5, 1.5], colors=["tab:green"], alpha=0.35)
    b = np.linspace(0, 0.995, 300)
    ax.plot(2 + 2 * b, b, color="tab:blue", lw=1.8, label="heavy ball: αλ < 2 + 2β")
    ax.plot(
        (2 + 2 * b) / (1 + 2 * b),
        b,
        color="tab:green",
        lw=1.8,
        label="Nesterov: αλ < (2 + 2β)/(1 + 2β)",
    )
    source = (
        "numeric.rates.nesterov"
        if hasattr(rates, "nesterov")
        else "roots of its characteristic polynomial"
    )
    ax.set(
        xlabel="αλ",
        ylabel="β",
        xlim=(0, 4.2),
        ylim=(0, 1),
        title=f"Stability regions (shading: rate < 1 from {source})",
    )
    ax.title.set_fontsize(9)
    ax.legend(loc="upper left", fontsize=8)


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


def _colorization_problem() -> tuple[Any, np.ndarray, str]:
    """A 24×24 grid with four distinguished pixels, from numeric.graphs when it is there."""
    side, fixed = 24, [0, 23, 24 * 12 + 12, 24 * 24 - 1]
    graphs = _optional("graphs")
    if graphs is not None and hasattr(graphs, "colorization_problem"):
        A, b = graphs.colorization_problem(side, side, fixed)
        return A, np.asarray(b, dtype=float), "numeric.graphs"
    A, b = _grid_colorization(side, fixed)
    return A, b, "grid Laplacian built in numeric.plots"


@register(
    "colorization",
    "Gradient descent versus heavy ball on a 24×24 colorization problem, each optimally tuned",
)
def _colorization(fig: Any) -> None:
    A, b, origin = _colorization_problem()
    dense = A.toarray() if hasattr(A, "toarray") else np.asarray(A)
    lam = np.linalg.eigvalsh(dense)
    lmin, lmax = float(lam[0]), float(lam[-1])
    w_star = np.linalg.solve(dense, b)
    steps = 1500
    gd = simulate.gradient_descent(A, b, 2 / (lmin + lmax), steps)
    alpha, beta = _hb_optimal(lmin, lmax)
    hb = simulate.heavy_ball(A, b, alpha, beta, steps)
    k = np.arange(steps + 1)
    ax = fig.add_subplot()
    ax.semilogy(k, np.linalg.norm(gd - w_star, axis=1), label="gradient descent, α = 2/(μ + L)")
    ax.semilogy(
        k, np.linalg.norm(hb - w_star, axis=1), label=f"heavy ball, optimal α, β = {beta:.3f}"
    )
    ax.set(
        xlabel="iteration k",
        ylabel="‖wᵏ − w*‖₂",
        title=f"Colorization, κ = {lmax / lmin:.0f} (problem: {origin})",
    )
    ax.title.set_fontsize(9)
    ax.legend(fontsize=8)


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
)
def _rosenbrock(fig: Any) -> None:
    n, kappa, steps = 60, 100.0, 150
    A, b = _rosenbrock_matrix(n, kappa)
    lam = np.linalg.eigvalsh(A)
    w_star = np.linalg.solve(A, b)
    alpha, beta = _hb_optimal(float(lam[0]), float(lam[-1]))
    hb = simulate.heavy_ball(A, b, alpha, beta, steps)
    k = np.arange(steps + 1)
    err = np.max(np.abs(hb - w_star), axis=1)
    # After k steps from w⁰ = 0 only the first k coordinates can be nonzero, so the error is
    # at least the largest |w*_i| with i > k (1-based): the "speed of light" argument.
    tail = np.maximum.accumulate(np.abs(w_star)[::-1])[::-1]
    bound = np.where(k < n, tail[np.minimum(k, n - 1)], np.nan)  # no bound once k ≥ n
    q = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    ax = fig.add_subplot()
    ax.semilogy(k, err, label=f"heavy ball (optimal α, β = {beta:.3f}): ‖wᵏ − w*‖∞")
    ax.semilogy(k, bound, "--", label="max over i > k of |w*ᵢ| (any linear first-order method)")
    ax.semilogy(
        k, q ** (k + 1), ":", color="black", label="((√κ − 1)/(√κ + 1))^(k+1), the n → ∞ bound"
    )
    ax.set(
        xlabel="iteration k",
        ylabel="error (∞-norm)",
        title="Convex Rosenbrock: momentum against the lower bound",
    )
    ax.legend(fontsize=7)


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
)
def _stochastic(fig: Any) -> None:
    lam = np.geomspace(0.05, 1.0, 6)
    alpha, beta, noise, steps, paths = 1.0, 0.6, 0.05, 120, 2000
    A = np.diag(lam)
    w_star = np.ones(lam.size)
    b = A @ w_star
    det, sto = stochastic_split(lam, -w_star, alpha, beta, noise, steps)
    runs = simulate.heavy_ball(A, b, alpha, beta, steps, noise=noise, rng=20170404, paths=paths)
    loss = 0.5 * ((runs - w_star) ** 2 * lam).sum(axis=2)  # (paths, steps + 1)
    mean = loss.mean(axis=0)
    se = loss.std(axis=0, ddof=1) / np.sqrt(paths)
    k = np.arange(steps + 1)
    ax = fig.add_subplot()
    ax.semilogy(k, det, label="deterministic part")
    ax.semilogy(k[1:], sto[1:], label="stochastic part")
    ax.semilogy(k, det + sto, color="black", lw=1.2, label="sum (closed form)")
    ax.fill_between(k, np.maximum(mean - 2 * se, 1e-12), mean + 2 * se, color="tab:red", alpha=0.3)
    ax.semilogy(
        k, mean, ".", color="tab:red", ms=3, label=f"Monte Carlo mean ± 2 s.e., {paths} paths"
    )
    ax.set(
        xlabel="iteration k",
        ylabel="E f(wᵏ) − f*",
        ylim=(1e-5, 2),
        title=f"Stochastic gradients: α = {alpha:g}, β = {beta:g}, noise σ = {noise:g}",
    )
    ax.legend(fontsize=8)
