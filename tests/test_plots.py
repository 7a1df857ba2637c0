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
