"""Bad input is refused with the parameter and its allowed range named."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import closed_form, matrices, rates, simulate

A = np.diag([1.0, 2.0])
B = np.ones(2)

CASES = [
    ("rates alpha nan", lambda: rates.heavy_ball(np.nan, 0.5, 1.0), ValueError, "alpha must be"),
    ("rates alpha inf", lambda: rates.heavy_ball(np.inf, 0.5, 1.0), ValueError, "alpha must be"),
    ("rates alpha 0", lambda: rates.heavy_ball(0.0, 0.5, 1.0), ValueError, r"alpha must be .*> 0"),
    ("rates alpha negative", lambda: rates.gradient_descent(-1.0, 1.0), ValueError, "alpha"),
    ("rates beta 1", lambda: rates.heavy_ball(0.1, 1.0, 1.0), ValueError, r"beta .*\[0, 1\)"),
    ("rates beta negative", lambda: rates.heavy_ball(0.1, -0.1, 1.0), ValueError, r"\[0, 1\)"),
    ("rates lam 0", lambda: rates.heavy_ball(0.1, 0.5, 0.0), ValueError, r"lam must be .*> 0"),
    ("rates lam -inf", lambda: rates.heavy_ball(0.1, 0.5, -np.inf), ValueError, "lam"),
    ("rates string", lambda: rates.heavy_ball("0.1", 0.5, 1.0), TypeError, "alpha"),
    ("rates bool", lambda: rates.heavy_ball(0.1, True, 1.0), TypeError, "beta"),
    ("rates None", lambda: rates.heavy_ball(0.1, 0.5, None), TypeError, "lam"),
    ("rates complex", lambda: rates.heavy_ball(0.1 + 0j, 0.5, 1.0), TypeError, "alpha"),
    ("rates empty", lambda: rates.heavy_ball([], 0.5, 1.0), ValueError, "alpha must be non-empty"),
    (
        "rates shapes",
        lambda: rates.heavy_ball([0.1, 0.2], [0.1, 0.2, 0.3], 1.0),
        ValueError,
        "broadcast",
    ),
    (
        "power k negative",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, -1),
        ValueError,
        r"k must be .*>= 0",
    ),
    (
        "power k float",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, 2.0),
        TypeError,
        "k must be",
    ),
    (
        "power k bool",
        lambda: closed_form.heavy_ball_power(0.1, 0.5, 1.0, True),
        TypeError,
        "k must be",
    ),
    ("sim steps float", lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 10.0), TypeError, "steps"),
    ("sim steps negative", lambda: simulate.heavy_ball(A, B, 0.1, 0.5, -3), ValueError, "steps"),
    ("sim steps bool", lambda: simulate.gradient_descent(A, B, 0.1, True), TypeError, "steps"),
    (
        "sim non-square",
        lambda: simulate.heavy_ball(np.ones((2, 3)), B, 0.1, 0.5, 3),
        ValueError,
        "square",
    ),
    (
        "sim non-symmetric",
        lambda: simulate.heavy_ball(np.array([[1.0, 2.0], [0.0, 1.0]]), B, 0.1, 0.5, 3),
        ValueError,
        "symmetric",
    ),
    (
        "sim indefinite",
        lambda: simulate.heavy_ball(np.diag([1.0, -1.0]), B, 0.1, 0.5, 3),
        ValueError,
        "positive definite",
    ),
    (
        "sim nan matrix",
        lambda: simulate.heavy_ball(np.diag([1.0, np.nan]), B, 0.1, 0.5, 3),
        ValueError,
        "finite",
    ),
    (
        "sim b shape",
        lambda: simulate.heavy_ball(A, np.ones(3), 0.1, 0.5, 3),
        ValueError,
        "length 2",
    ),
    (
        "sim w0 shape",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, w0=np.ones(5)),
        ValueError,
        "w0",
    ),
    ("sim beta 1", lambda: simulate.heavy_ball(A, B, 0.1, 1.0, 3), ValueError, "beta"),
    ("sim alpha string", lambda: simulate.gradient_descent(A, B, "fast", 3), TypeError, "alpha"),
    (
        "sim record",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, record="some"),
        ValueError,
        "record",
    ),
    (
        "sim tol negative",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, tol=-1.0),
        ValueError,
        "tol",
    ),
    (
        "sim complex A",
        lambda: simulate.heavy_ball(A.astype(complex), B, 0.1, 0.5, 3),
        TypeError,
        "real",
    ),
    ("sim A string", lambda: simulate.heavy_ball("eye", B, 0.1, 0.5, 3), TypeError, "A must be"),
    (
        "sim empty A",
        lambda: simulate.heavy_ball(np.zeros((0, 0)), B, 0.1, 0.5, 3),
        ValueError,
        "non-empty",
    ),
    (
        "sim history too large",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 10**15),
        ValueError,
        "record='last'",
    ),
    (
        "sim paths too many",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, paths=10**12),
        ValueError,
        "paths",
    ),
    (
        "sim alpha array",
        lambda: simulate.heavy_ball(A, B, [0.1, 0.2], 0.5, 3),
        TypeError,
        "alpha must be a single",
    ),
    (
        "sim tol array",
        lambda: simulate.heavy_ball(A, B, 0.1, 0.5, 3, tol=[1e-3]),
        TypeError,
        "tol must be a single",
    ),
    (
        "sim grad returns str",
        lambda: simulate.gradient_descent(None, None, 0.1, 3, w0=[1.0], grad=lambda w: "x"),
        TypeError,
        "grad must return a real vector",
    ),
    (
        "sim grad returns complex",
        lambda: simulate.gradient_descent(None, None, 0.1, 3, w0=[1.0], grad=lambda w: w * 1j),
        TypeError,
        "grad must return a real vector",
    ),
    ("matrix seed", lambda: matrices.spd_with_spectrum([1.0, 2.0], seed=-1), ValueError, "seed"),
    (
        "matrix seed str",
        lambda: matrices.spd_with_spectrum([1.0, 2.0], seed="a"),
        TypeError,
        "seed",
    ),
    (
        "matrix too big",
        lambda: matrices.spd_with_spectrum(np.ones(10**6)),
        ValueError,
        "at most 4096",
    ),
]


@pytest.mark.parametrize("name,call,exc,match", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused(name, call, exc, match):
    with pytest.raises(exc, match=match):
        call()
