"""The figures of the docs (numeric.plots) and ``momentum-proofs plot``."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from momentum_proofs.cli import main  # noqa: E402
from numeric import plots  # noqa: E402

EXPECTED = {
    "rate-map",
    "regions",
    "hb-vs-nesterov",
    "colorization",
    "rosenbrock",
    "stochastic-split",
}


def test_registry_has_every_figure_of_the_issue():
    assert EXPECTED <= set(plots.FIGURES)
    assert all(spec.caption for spec in plots.FIGURES.values())


@pytest.mark.parametrize("name", sorted(plots.FIGURES))
def test_every_figure_renders_to_png_and_svg(name, tmp_path):
    png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
    plots.save(name, png)
    plots.save(name, svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a drawn figure, not an empty canvas
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert svg.stat().st_size < 2_000_000  # dense meshes are rasterised inside the SVG
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([png.name, svg.name])


def test_figure_and_save_refuse_bad_input(tmp_path):
    with pytest.raises(ValueError, match="name must be one of"):
        plots.figure("no-such-figure")
    with pytest.raises(TypeError, match="name must be a str"):
        plots.figure(3)
    with pytest.raises(ValueError, match=r"path must end in one of \.png, \.svg"):
        plots.save("regions", tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="name must be one of"):
        plots.save("nope", tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def _second_moment_by_recursion(lam, x0, alpha, beta, noise, steps):
    """E f(wᵏ) − f* by iterating the 2×2 second-moment matrix of each eigencomponent.

    P⁺ = R P Rᵀ + noise² c cᵀ with c = (1, −α) and P⁰ = s⁰ s⁰ᵀ, s⁰ = (0, x0): an
    independent route from the closed-form powers used by ``stochastic_split``.
    """
    total = np.zeros(steps + 1)
    for lm, x in zip(lam, x0, strict=True):
        R = np.array([[beta, lm], [-alpha * beta, 1 - alpha * lm]])
        c = np.array([1.0, -alpha])
        P = np.outer([0.0, x], [0.0, x])
        for k in range(steps + 1):
            total[k] += 0.5 * lm * P[1, 1]
            P = R @ P @ R.T + noise**2 * np.outer(c, c)
    return total


@pytest.mark.parametrize("route", ["sum", "stationary", "auto"])
@pytest.mark.parametrize("beta", [0.0, 0.3, 0.81, 0.95])
def test_stochastic_split_matches_the_moment_recursion(beta, route):
    lam = np.array([0.02, 0.3, 1.0, 1.7])
    x0 = np.array([1.0, -0.5, 2.0, 0.25])
    alpha, noise, steps = 1.0, 0.07, 60
    det, sto = plots.stochastic_split(lam, x0, alpha, beta, noise, steps, route=route)
    ref = _second_moment_by_recursion(lam, x0, alpha, beta, noise, steps)
    assert det.shape == sto.shape == (steps + 1,)
    assert sto[0] == 0 and np.all(np.diff(sto) >= -1e-15 * sto[1:])
    # The sum route adds O(steps) terms of size ≤ ref: a few ulps per term.  The
    # stationary route subtracts Rᵏ C∞ Rᵏᵀ from C∞, so its error scales with C∞ / C_k.
    eps = np.finfo(float).eps
    np.testing.assert_allclose(det + sto, ref, rtol=50 * steps * eps, atol=0)
    if route != "sum":
        floor = (
            0.5
            * noise**2
            * (lam * alpha * (1 + beta) / (lam * (1 - beta) * (2 + 2 * beta - alpha * lam))).sum()
        )
        np.testing.assert_allclose(sto[1:], (ref - det)[1:], rtol=50 * eps * floor / sto[1], atol=0)


def test_stochastic_split_refuses_an_unknown_route():
    with pytest.raises(ValueError, match="route must be"):
        plots.stochastic_split(np.array([1.0]), np.array([1.0]), 0.5, 0.0, 0.1, 2, route="mc")


def test_stochastic_split_noise_free_part_by_hand():
    # β = 0, αλ = 1/2: x_k = x0 / 2ᵏ, so the loss is λ x0² / (2·4ᵏ); one noisy step adds
    # λ (α noise)² / 2 and the next one λ((α noise)²/4 + (α noise)²)/2.
    det, sto = plots.stochastic_split(np.array([2.0]), np.array([3.0]), 0.25, 0.0, 0.1, 2)
    np.testing.assert_allclose(det, [9.0, 9.0 / 4, 9.0 / 16], rtol=1e-15)
    np.testing.assert_allclose(sto, [0.0, 0.000625, 0.000625 * 1.25], rtol=1e-14)


def test_plot_command_writes_the_file(tmp_path, capsys):
    out = tmp_path / "rates.svg"
    assert main(["plot", "regions", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert [p.name for p in tmp_path.iterdir()] == ["rates.svg"]
    assert capsys.readouterr().out.strip() == str(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plot", "nope", "--out", "{d}/x.png"], "NAME must be one of colorization"),
        (["plot", "regions", "--out", "{d}/x.pdf"], "--out must end in .png or .svg"),
        (["plot", "regions", "--out", "{d}/x"], "--out must end in .png or .svg"),
        (["plot", "regions", "--out", "{d}/missing/x.png"], "does not exist"),
        (["plot", "regions"], "--out"),
        (["plot"], "NAME"),
    ],
)
def test_plot_command_errors_are_one_line_exit_2(argv, message, tmp_path, capsys):
    argv = [a.format(d=tmp_path) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("momentum-proofs: error:")
    assert message in err
    assert list(tmp_path.iterdir()) == []  # nothing written


# --- what a reader sees (issue 17): regions named right, no hidden line, visible bars ---


def _regions_by_eigenvalues(u, b):
    """Kind of the eigenvalues of R = [[β, λ], [−αβ, 1 − αλ]] at λ = 1, α = u (numpy eigvals).

    An independent route from the figure's curves: 0 both real > 0, 1 complex, 2 both
    real with one < 0, 3 divergent (max |σ| ≥ 1); None within 1e-6 of a boundary.
    """
    sig = np.linalg.eigvals(np.array([[b, 1.0], [-u * b, 1 - u]]))
    if np.max(np.abs(sig)) >= 1 - 1e-6:
        return 3 if np.max(np.abs(sig)) > 1 + 1e-6 else None
    if np.max(np.abs(sig.imag)) > 1e-6:
        return 1
    if np.min(np.abs(sig.real)) < 1e-6 or abs(sig[0].real - sig[1].real) < 1e-6:
        return None
    return 0 if np.min(sig.real) > 0 else 2


def test_regions_legend_names_each_colour_by_the_eigenvalues_found_there():
    fig = plots.figure("regions")
    ax = fig.axes[0]
    mesh = ax.collections[0]
    colours = mesh.cmap(mesh.norm(np.asarray(mesh.get_array()).ravel()))[:, :3]
    corners = mesh.get_coordinates()
    centres = (corners[:-1, :-1] + corners[1:, 1:]) / 2
    centres = centres.reshape(-1, 2)
    (legend,) = fig.legends
    kinds = {"real σ > 0": 0, "complex σ": 1, "real σ < 0": 2, "no convergence": 3}
    by_kind = {}
    for patch, text in zip(legend.get_patches(), legend.get_texts(), strict=True):
        (kind,) = [k for prefix, k in kinds.items() if text.get_text().startswith(prefix)]
        by_kind[kind] = np.asarray(patch.get_facecolor()[:3])
    assert sorted(by_kind) == [0, 1, 2, 3]
    rng = np.random.default_rng(0)
    checked = 0
    for i in rng.choice(len(centres), 3000, replace=False):
        kind = _regions_by_eigenvalues(*centres[i])
        if kind is None:
            continue
        np.testing.assert_allclose(colours[i], by_kind[kind], atol=1e-6, err_msg=str(centres[i]))
        checked += 1
    assert checked > 2500


def _render(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def _line_visibility(fig, ax, line, bins=8):
    """Fraction of a line's own pixels that change when it is hidden, in column bins."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    with_all = _render(fig)
    line.set_visible(False)
    without = _render(fig)
    others = [a for a in (*ax.lines, *ax.collections, *ax.images, *ax.patches) if a is not line]
    states = [a.get_visible() for a in others]
    for a in others:
        a.set_visible(False)
    blank = _render(fig)
    line.set_visible(True)
    alone = _render(fig)
    for a, state in zip(others, states, strict=True):
        a.set_visible(state)

    # A pixel counts where some channel moves by more than a quarter of its range: the
    # anti-aliased fringe of a line drawn over another changes it by less.
    def moved(x, y):
        return np.max(np.abs(x.astype(int) - y.astype(int)), axis=-1) > 64

    own = moved(alone, blank)
    shown = own & moved(with_all, without)
    cols = np.nonzero(own.any(axis=0))[0]
    if cols.size == 0:
        return []
    edges = np.linspace(cols.min(), cols.max() + 1, bins + 1)
    fractions = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        part = own[:, int(lo) : int(hi)]
        if part.sum() >= 30:
            fractions.append(shown[:, int(lo) : int(hi)].sum() / part.sum())
    return fractions


@pytest.mark.parametrize("name", sorted(plots.FIGURES))
def test_no_line_hides_under_another(name):
    """Every drawn line keeps at least 40 % of its pixels visible along its whole length.

    Rendered, not reasoned about: a line's own pixels (drawn alone) are compared with the
    figure with and without it, in eight column bins.  This caught the heavy-ball curve of
    ``rosenbrock`` under the two bounds and the stochastic part of ``stochastic-split``
    under the sum.
    """
    fig = plots.figure(name)
    for ax in fig.axes:
        for line in list(ax.lines):
            if line.get_linestyle() in ("None", "none", " ", "") or not line.get_visible():
                continue
            fractions = _line_visibility(fig, ax, line)
            # before the fix: 0.27 (rosenbrock's heavy ball), 0.10 (the stochastic part)
            assert min(fractions, default=1.0) >= 0.4, (line.get_label(), fractions)


def test_stochastic_error_bars_are_taller_than_a_marker():
    fig = plots.figure("stochastic-split")
    bars = [c for ax in fig.axes for c in ax.containers if "2 s.e." in str(c.get_label())]
    assert len(bars) == 1
    (bar,) = bars
    ax = next(a for a in fig.axes if bar in a.containers)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    segments = bar.lines[2][0].get_segments()
    heights = [abs(np.diff(ax.transData.transform(seg)[:, 1]))[0] for seg in segments]
    assert np.median(heights) >= 8  # pixels, at the default size and dpi


def test_colorization_annotates_its_floor():
    fig = plots.figure("colorization")
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("rounding floor" in t for t in texts)
    assert "rounding floor" in plots.FIGURES["colorization"].caption


def _heavy_ball_floor(dtype):
    """Plateau of a heavy-ball run on a 12×12 colorization problem in the given precision."""
    from numeric import graphs

    A, b = graphs.colorization_problem(12, 12, [0, 11, 78, 143])
    dense = A.toarray()
    lam = np.linalg.eigvalsh(dense)
    s = np.sqrt(lam[-1] / lam[0])
    alpha, beta = (2 / (np.sqrt(lam[-1]) + np.sqrt(lam[0]))) ** 2, ((s - 1) / (s + 1)) ** 2
    A_, b_ = dense.astype(dtype), b.astype(dtype)
    a_, be_ = dtype(alpha), dtype(beta)
    w, z = np.zeros(b.size, dtype), np.zeros(b.size, dtype)
    errs = []
    for _ in range(1500):
        z = be_ * z + (A_ @ w - b_)
        w = w - a_ * z
        errs.append(np.linalg.norm(w.astype(float) - 1.0))
    return float(np.median(errs[-300:]))


def test_the_colorization_floor_scales_with_the_machine_epsilon():
    # The figure says the plateau is rounding, not the method: in float32 the same
    # iteration stalls higher by about the ratio of the two machine epsilons (5e8).
    ratio = _heavy_ball_floor(np.float32) / _heavy_ball_floor(np.float64)
    eps_ratio = np.finfo(np.float32).eps / np.finfo(np.float64).eps
    assert eps_ratio / 100 < ratio < eps_ratio * 100


# --- plot options (issue 17): size, dpi, grid, range, method; one-line errors -------------

from momentum_proofs.methods import figures as _engine_figures  # noqa: E402, F401


def test_size_and_dpi_set_the_pixels(tmp_path):
    out = tmp_path / "r.png"
    assert main(["plot", "regions", "--out", str(out), "--size", "5,3", "--dpi", "50"]) == 0
    import matplotlib.image

    height, width = matplotlib.image.imread(out).shape[:2]
    assert (width, height) == (250, 150)  # 5 in × 50 dpi, 3 in × 50 dpi


def test_grid_sets_the_samples_of_the_plane():
    fig = plots.figure("rate-map", grid=(30, 20))
    assert np.asarray(fig.axes[0].collections[0].get_array()).size == 30 * 20
    fig = plots.figure("colorization", grid=6, methods=["heavy_ball"])
    assert "κ = " in fig.axes[0].get_title()


def test_range_is_closed_and_the_edges_are_handled():
    # the closed window a user types, [0, 4] × [0, 1], with no warning (warnings are errors)
    fig = plots.figure("rate-map", range=((0, 4), (0, 1)), grid=41)
    ax = fig.axes[0]
    values = np.asarray(ax.collections[0].get_array()).reshape(41, 41)
    assert np.all(np.isfinite(values))
    # σ = 1 solves (σ − 1)(σ − β) at αλ = 0: rate 1.  On the top edge σ₁σ₂ = β = 1, so
    # the rate is ≥ 1 (clipped to 1); the kernel there sees the float just below β = 1.
    assert np.all(values[:, 0] == 1.0)
    np.testing.assert_allclose(values[-1, :], 1.0, rtol=0, atol=2 * np.finfo(float).eps)
    assert ax.get_xlim() == (0, 4) and ax.get_ylim() == (0, 1)
    fig = plots.figure("hb-vs-nesterov", range=((0, 4), (0, 1)), grid=41)
    assert fig.axes[0].get_xlim() == (0, 4)
    fig = plots.figure("stochastic-split", range=(0.5, 3.0))
    assert len(fig.axes) == 2


def test_worst_cases_range_and_methods():
    fig = plots.figure("worst-cases", range=(2, 6), methods=["gradient_descent"])
    ax = fig.axes[0]
    assert ax.get_xlim() == (2, 6)
    (curve,) = [line for line in ax.lines if line.get_label() == "gradient descent"]
    np.testing.assert_array_equal(curve.get_xdata(), [2, 3, 4, 5, 6])
    # gradient descent at α = 2/(μ + L): worst (x_N/x₀)² = ((κ − 1)/(κ + 1))^(2N), κ = 100
    np.testing.assert_allclose(curve.get_ydata(), (99 / 101) ** (2 * np.arange(2, 7)), rtol=1e-9)


def test_method_chooses_the_curves():
    fig = plots.figure("hb-vs-nesterov", methods=("gradient_descent",), grid=50)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["gradient descent: αλ < 2"]
    fig = plots.figure("rosenbrock", methods=["nesterov", "heavy_ball"])
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert labels[0].startswith("Nesterov") and labels[1].startswith("heavy ball")


def test_help_lists_every_figure_with_its_caption(capsys):
    assert main(["plot", "--help"]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    for name, spec in plots.FIGURES.items():
        assert f"\n  {name}\n" in out
        assert " ".join(spec.caption.split()) in flat
    assert "--range: the (αλ, β) window" in flat


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--size", "0.5,3"], "--size must be W,H in inches, each in [1, 30]; got 0.5"),
        (["--size", "5"], "--size must be W,H (two numbers, inches); got '5'"),
        (["--size", "5,x"], "--size must be W,H (two numbers, inches); got '5,x'"),
        (["--size", "5,nan"], "--size must be W,H in inches, each in [1, 30]; got nan"),
        (["--dpi", "1000"], "--dpi must be an integer in [30, 600]; got 1000"),
        (["--dpi", "7.5"], "--dpi must be an integer in [30, 600]; got '7.5'"),
        (["--grid", "5"], "--grid must be N or N,M with integers in [10, 2000]; got 5"),
        (["--grid", "10,20,30"], "--grid must be N or N,M (integers); got '10,20,30'"),
        (["--range", "0:9,0:1"], "--range must be U0:U1,B0:B1 with 0 <= U0 < U1 <= 8"),
        (["--range", "0:4,0:1.5"], "(β); got"),
        (["--range", "2:1,0:1"], "--range must be U0:U1,B0:B1"),
        (["--range", "0-4"], "--range must be A:B or A:B,C:D (numbers); got '0-4'"),
        (["--method", "adam"], "--method does not apply to figure regions; it applies to"),
    ],
)
def test_option_errors_are_one_line_exit_2(argv, message, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["plot", "regions", "--out", str(out), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("momentum-proofs: error:")
    assert message in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "argv", "message"),
    [
        ("colorization", ["--grid", "65"], "--grid must be an integer N in [4, 64]"),
        ("colorization", ["--range", "1:2"], "--range does not apply to figure colorization"),
        ("colorization", ["--method", "adam"], "--method must be one or more of gradient_descent"),
        ("stochastic-split", ["--range", "0:1"], "--range must be LO:HI with 0 < LO < HI < 3.2"),
        ("stochastic-split", ["--range", "0.1:3.2"], "LO < HI < 3.2"),
        ("stochastic-split", ["--method", "nesterov"], "--method does not apply"),
        ("rosenbrock", ["--grid", "10"], "--grid does not apply to figure rosenbrock"),
        ("worst-cases", ["--range", "0:500"], "--range must be N0:N1, integers with 0 <= N0"),
        ("worst-cases", ["--range", "0.5:4"], "--range must be N0:N1"),
        ("worst-cases", ["--method", "qhm"], "--method must be one or more of gradient_descent"),
    ],
)
def test_option_errors_per_figure(name, argv, message, tmp_path, capsys):
    assert main(["plot", name, "--out", str(tmp_path / "x.svg"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert list(tmp_path.iterdir()) == []


def test_library_options_raise_option_errors_naming_the_option():
    with pytest.raises(plots.OptionError, match=r"^dpi must be an integer in \[30, 600\]"):
        plots.check_options("regions", dpi=True)
    with pytest.raises(plots.OptionError, match=r"^methods must be one or more of"):
        plots.figure("hb-vs-nesterov", methods=[])
    with pytest.raises(TypeError, match="unknown figure option"):
        plots.check_options("regions", colour="red")
