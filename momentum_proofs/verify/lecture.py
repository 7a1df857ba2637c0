"""Numeric cross-checks of the lecture's worked examples (family ``LECT``).

Routes:

- ``backprop~mpmath differences``: the chain-rule gradient of the network (coded
  by hand in numpy) against central differences of the loss in mpmath at 50
  digits, at the slides' point and at random points with w₁x ≠ 0;
- ``simulation~printed update``: one step of :func:`numeric.simulate.gradient_descent`
  with ``grad=`` against (1/3, 2) − α(8/3, 4/9).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import simulate

from . import Route, cross_check

EPS = 2.0**-52


def network_gradient(w: np.ndarray, x: float = 1.0, y: float = 0.0) -> np.ndarray:
    """Backpropagation through L = (w₂ max(0, w₁x) − y)², derivative of ReLU 1 for z > 0."""
    w1, w2 = w
    z = w1 * x
    sig = max(z, 0.0)
    dl_dyhat = 2 * (w2 * sig - y)
    dsig = 1.0 if z > 0 else 0.0
    return np.array([dl_dyhat * w2 * dsig * x, dl_dyhat * sig])


def _mp_gradient(w1: float, w2: float, x: float, y: float) -> list[mp.mpf]:
    with mp.workdps(50):

        def loss(a, b):
            return (b * max(mp.mpf(0), a * mp.mpf(x)) - mp.mpf(y)) ** 2

        h = mp.mpf(10) ** -20
        a, b = mp.mpf(w1), mp.mpf(w2)
        return [
            (loss(a + h, b) - loss(a - h, b)) / (2 * h),
            (loss(a, b + h) - loss(a, b - h)) / (2 * h),
        ]


@cross_check("LECT-BACKPROP")
def backprop_against_differences() -> list[Route]:
    rng = np.random.default_rng(71)
    points = [(1 / 3, 2.0, 1.0, 0.0)] + [
        (
            rng.uniform(-2, 2),
            rng.uniform(-2, 2),
            rng.uniform(0.1, 2) * rng.choice([-1, 1]),
            rng.normal(),
        )
        for _ in range(30)
    ]
    worst, ok = 0.0, True
    for w1, w2, x, y in points:
        if abs(w1 * x) < 1e-6:
            continue
        got = network_gradient(np.array([w1, w2]), x, y)
        ref = _mp_gradient(w1, w2, x, y)
        for g, r in zip(got, ref, strict=True):
            err = abs(mp.mpf(float(g)) - r)
            scale = 4 * (abs(w2 * w1 * x) + abs(y)) * (abs(w2 * x) + abs(w1 * x))
            ok = ok and err <= 8 * EPS * (scale + 1e-300)
            # Mixed measure: error over the size of the chain-rule terms, since a gradient
            # component can be ≈ 0 (w₂σ ≈ y) where err/|r| would mean nothing.
            worst = max(worst, float(err / (scale + 1e-300)))
    return [
        Route("backprop~mpmath central differences (error/size of terms)", worst, ok, len(points))
    ]


@cross_check("LECT-UPDATE")
def one_step() -> list[Route]:
    worst, ok = 0.0, True
    for a in (0.01, 0.05, 0.1):
        w = simulate.gradient_descent(
            None, None, a, 1, np.array([1 / 3, 2.0]), grad=lambda v: network_gradient(v)
        )
        printed = np.array([1 / 3 - a * 8 / 3, 2 - a * 4 / 9])
        err = float(np.max(np.abs(w[1] - printed) / np.abs(printed)))
        worst = max(worst, err)
        ok = ok and err <= 8 * EPS
        loss = (w[1][1] * max(w[1][0], 0.0)) ** 2
        ok = ok and loss < 4 / 9
    # α = 1/2: the step kills the unit (w₁ < 0): loss 0 and gradient 0 from then on.
    w = simulate.gradient_descent(None, None, 0.5, 3, np.array([1 / 3, 2.0]), grad=network_gradient)
    dead = w[1][0] < 0 and np.array_equal(w[1], w[3])
    return [
        Route("simulation~printed update (α = 0.01, 0.05, 0.1; loss decreases)", worst, ok, 3),
        Route("simulation: α = 1/2 switches the ReLU off for good", 0.0, bool(dead), 1),
    ]


def double_well_grad(w: np.ndarray) -> np.ndarray:
    x = w[0]
    return np.array([4 * (x + 1) + 1 if x < -1 else (-x if x < 1 else x - 2)])


@cross_check("LECT-MOMENTUM-LOCAL-MIN")
def double_well_runs() -> list[Route]:
    ends = {}
    for name, beta, x0 in (("gd", 0.0, -2.0), ("hb", 0.9, -2.0), ("hb_stuck", 0.9, -1.5)):
        run = simulate.heavy_ball(
            None, None, 0.1, beta, 600, np.array([x0]), grad=double_well_grad, record="last"
        )
        ends[name] = float(run.last[0])
    targets = {"gd": -1.25, "hb": 2.0, "hb_stuck": -1.25}
    err = max(abs(ends[k] - t) / abs(t) for k, t in targets.items())
    return [
        Route(
            "float simulation~exact outcomes (GD → −5/4, HB from −2 → 2, HB from −3/2 → −5/4)",
            err,
            err < 1e-9,
            3,
            detail=", ".join(f"{k}: {v:.12f}" for k, v in ends.items()),
        )
    ]
