"""Simulations against the closed forms, on dense and sparse matrices."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sps

from numeric import closed_form, matrices, simulate


def _eigen_setup(lam, seed=3):
    A = matrices.spd_with_spectrum(lam, seed=seed)
    b = np.arange(1.0, len(lam) + 1)
    lam_sorted, q = np.linalg.eigh(A)
    return A, b, lam_sorted, q, np.linalg.solve(A, b)


@pytest.mark.parametrize(
    "alpha,beta", [(0.5, 0.0), (0.9, 0.6), (1.5, 0.95), (0.3, (1 - np.sqrt(0.3)) ** 2)]
)
def test_heavy_ball_trajectory_matches_closed_form(alpha, beta):
    A, b, lam, q, w_star = _eigen_setup(np.array([0.05, 0.5, 1.0, 2.0]))
    steps = 80
    w = simulate.heavy_ball(A, b, alpha, beta, steps)
    assert w.shape == (steps + 1, 4)
    x0 = q.T @ (w[0] - w_star)
    powers = closed_form.heavy_ball_power(alpha, beta, lam[None, :], np.arange(steps + 1)[:, None])
    predicted = powers[..., 1, 1] * x0
    assert np.max(np.abs((w - w_star) @ q - predicted)) <= 1e-12 * np.max(np.abs(x0)) * steps


def test_gradient_descent_closed_form():
    # Goh (2017), "First Steps": xᵏ = (1 − αλ)ᵏ x⁰ in the eigenbasis.
    A, b, lam, q, w_star = _eigen_setup(np.array([0.1, 1.0, 1.9]))
    w = simulate.gradient_descent(A, b, 0.7, 50)
    x0 = q.T @ (w[0] - w_star)
    predicted = (1 - 0.7 * lam)[None, :] ** np.arange(51)[:, None] * x0
    assert np.max(np.abs((w - w_star) @ q - predicted)) <= 1e-13 * 50


def test_sparse_and_dense_agree():
    lam = np.array([1.0, 2.0, 3.0, 4.0])
    A = matrices.spd_with_spectrum(lam, seed=5)
    b = np.ones(4)
    dense = simulate.heavy_ball(A, b, 0.3, 0.5, 40)
    sparse = simulate.heavy_ball(sps.csr_array(A), b, 0.3, 0.5, 40)
    assert np.allclose(dense, sparse, rtol=0, atol=1e-14)


def test_record_and_tol():
    A = np.diag([1.0, 10.0])
    b = np.ones(2)
    run = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, record=100)
    assert list(run.steps) == list(range(0, 1001, 100))
    full = simulate.heavy_ball(A, b, 0.1, 0.5, 1000)
    assert np.array_equal(run.iterates, full[::100])
    last = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, record="last")
    assert last.iterates.shape == (2, 2) and np.array_equal(last.last, full[-1])
    stop = simulate.heavy_ball(A, b, 0.1, 0.5, 1000, tol=1e-8)
    assert stop.converged and stop.iterations < 1000
    grads = np.linalg.norm(full @ A - b, axis=1) / np.linalg.norm(b)
    assert stop.iterations == int(np.argmax(grads <= 1e-8))


def test_divergence_is_reported_once():
    A = np.diag([1.0])
    with pytest.warns(simulate.DivergenceWarning, match="overflowed at step"):
        w = simulate.gradient_descent(A, [1.0], 3.0, 2000)
    assert w.shape == (2001, 1) and np.isinf(w[-1]).all() and not np.isnan(w).any()
    run = simulate.gradient_descent(A, [1.0], 3.0, 2000, record="last")
    assert run.diverged and not run.converged


# -- tol: the stopping test shares the step's gradient --------------------------------

EPS = np.finfo(float).eps


def _colorization(n: int = 16):
    from numeric.graphs import colorization_problem

    return colorization_problem(n, n, np.arange(0, n * n, 37))


def _exact_gradient_norm(A, b, w) -> float:
    """‖Aw − b‖ with every row sum and the sum of squares exactly rounded (math.fsum).

    An independent route: no BLAS, no scipy kernel, no summation order of the code
    under test.
    """
    import math

    A = sps.csr_matrix(A)
    rows = [
        math.fsum(
            [float(A.data[k]) * float(w[A.indices[k]]) for k in range(A.indptr[i], A.indptr[i + 1])]
            + [-float(b[i])]
        )
        for i in range(A.shape[0])
    ]
    return math.sqrt(math.fsum(r * r for r in rows))


def _rounding_bound(A, b, w) -> float:
    """Bound on |‖g computed‖ − ‖g exact‖| for the stopping test's gradient at w.

    Each component is a sum of m = (entries in the row) + 1 terms, each with one
    rounded product, and with heavy ball's α folded into A's entries and b (one
    more rounding each), then divided by α: by the standard bound on a recursive sum
    the error is at most γ_{m+3}·(|A||w| + |b|) componentwise, γ_k = kε/(1 − kε).
    The norm (a sum of n squares, a square root, a division) adds at most
    γ_{n+3}·‖g‖; ‖g‖ ≤ ‖|A||w| + |b|‖ bounds that term too.
    """
    A = sps.csr_matrix(A)
    m = int(np.max(np.diff(A.indptr))) + 1
    n = A.shape[0]

    def gamma(k):
        return k * EPS / (1 - k * EPS)

    size = float(np.linalg.norm(abs(A) @ np.abs(w) + np.abs(b)))
    return (gamma(m + 3) + gamma(n + 3)) * size


RUNNERS = {
    # Steps inside each method's stability region for λ ≤ 8 (the grid's λ_max < 8 + 1).
    "gradient_descent": lambda A, b, **kw: simulate.gradient_descent(A, b, 0.2, **kw),
    "heavy_ball": lambda A, b, **kw: simulate.heavy_ball(A, b, 0.2, 0.7, **kw),
    "nesterov_bengio": lambda A, b, **kw: simulate.nesterov(A, b, 0.1, 0.7, form="bengio", **kw),
    "nesterov_sutskever": lambda A, b, **kw: simulate.nesterov(A, b, 0.1, 0.7, **kw),
}


@pytest.mark.parametrize("kind", ["csr", "csc", "dense"])
@pytest.mark.parametrize("method", sorted(RUNNERS))
def test_tol_run_is_the_plain_run_up_to_the_stopping_step(method, kind):
    A, b = _colorization()
    A = {"csr": A, "csc": A.tocsc(), "dense": A.toarray()}[kind]
    steps = 10_000
    tol = 1e-6
    full = RUNNERS[method](A, b, steps=steps)
    run = RUNNERS[method](A, b, steps=steps, tol=tol)
    assert run.converged and 10 < run.iterations < steps
    k = run.iterations
    assert list(run.steps) == list(range(k + 1))
    # Same arithmetic: bit for bit, every recorded row.
    assert np.array_equal(run.iterates, full[: k + 1])
    # The stopping step is the first whose gradient is small, by an independent route:
    # exactly rounded residuals, with the test's own rounding as the only slack.
    scale = tol * np.linalg.norm(b)
    here, before = full[k], full[k - 1]
    assert _exact_gradient_norm(A, b, here) <= scale + _rounding_bound(A, b, here)
    assert _exact_gradient_norm(A, b, before) > scale - _rounding_bound(A, b, before)
    # ... and no earlier step was small either (the test ran at every step).
    exact = [_exact_gradient_norm(A, b, full[j]) for j in range(0, k, max(1, k // 25))]
    assert min(exact) > scale - _rounding_bound(A, b, full[0])


def test_tol_with_noise_draws_the_same_numbers():
    A, b = _colorization(8)
    full = simulate.heavy_ball(A, b, 0.2, 0.7, 2000, noise=1e-9, rng=5)
    run = simulate.heavy_ball(A, b, 0.2, 0.7, 2000, noise=1e-9, rng=5, tol=1e-6)
    k = run.iterations
    assert run.converged and 0 < k < 2000
    assert np.array_equal(run.iterates, full[: k + 1])


def test_tol_costs_no_extra_gradient():
    # With grad= the calls are countable: k steps and k + 1 tests share k + 1 gradients.
    A, b = _colorization(8)
    dense = A.toarray()
    calls = [0]

    def grad(w):
        calls[0] += 1
        return dense @ w - b

    w0 = np.zeros(len(b))
    run = simulate.gradient_descent(None, None, 0.2, 10_000, w0=w0, grad=grad, tol=1e-6)
    assert run.converged and calls[0] == run.iterations + 1
    calls[0] = 0
    run = simulate.heavy_ball(None, None, 0.2, 0.7, 10_000, w0=w0, grad=grad, tol=1e-6)
    assert run.converged and calls[0] == run.iterations + 1
    # Sutskever's gradient is taken at the look-ahead point, not the iterate: the test
    # needs its own, one more per step.
    calls[0] = 0
    run = simulate.nesterov(None, None, 0.1, 0.7, 10_000, w0=w0, grad=grad, tol=1e-6)
    assert run.converged and calls[0] == 2 * run.iterations + 1


def test_tol_on_csr_costs_one_product_per_step(monkeypatch):
    A, b = _colorization(8)
    calls = [0]
    real = simulate._accumulating_matvec

    def counting(*args, **kwargs):
        inner = real(*args, **kwargs)

        def accumulate(x, y):
            calls[0] += 1
            inner(x, y)

        return accumulate

    monkeypatch.setattr(simulate, "_accumulating_matvec", counting)
    run = simulate.heavy_ball(A, b, 0.2, 0.7, 10_000, record="last", tol=1e-8)
    assert run.converged and calls[0] == run.iterations + 1
    calls[0] = 0
    simulate.heavy_ball(A, b, 0.2, 0.7, 50, record="last")
    assert calls[0] == 50


def test_check_false_skips_symmetry_and_definiteness_only():
    A = sps.csr_matrix(np.array([[2.0, 1.0], [0.0, 2.0]]))  # not symmetric
    with pytest.raises(ValueError, match="symmetric"):
        simulate.heavy_ball(A, np.ones(2), 0.1, 0.5, 3)
    out = simulate.heavy_ball(A, np.ones(2), 0.1, 0.5, 3, check=False)
    assert out.shape == (4, 2)
    # The iterates are the update applied to this A: z = βz + (Aw − b), w = w − αz.
    w, z = np.zeros(2), np.zeros(2)
    for _ in range(3):
        z = 0.5 * z + (A.toarray() @ w - 1.0)
        w = w - 0.1 * z
    assert np.allclose(out[-1], w, rtol=0, atol=8 * EPS)
    bad = sps.csr_matrix(np.array([[np.nan, 0.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="finite"):
        simulate.heavy_ball(bad, np.ones(2), 0.1, 0.5, 3, check=False)
    with pytest.raises(TypeError, match="check must be True or False"):
        simulate.heavy_ball(A, np.ones(2), 0.1, 0.5, 3, check="no")


def test_validation_leaves_the_callers_matrix_alone():
    A, _ = _colorization(6)
    with_zero = sps.csr_matrix(
        (np.r_[A.tocoo().data, 0.0, 0.0], (np.r_[A.tocoo().row, 0, 5], np.r_[A.tocoo().col, 5, 0])),
        shape=A.shape,
    )
    before = (with_zero.data.copy(), with_zero.indices.copy(), with_zero.indptr.copy())
    simulate.heavy_ball(with_zero, np.ones(A.shape[0]), 0.1, 0.5, 2)
    assert np.array_equal(with_zero.data, before[0]) and with_zero.nnz == len(before[0])
    assert np.array_equal(with_zero.indices, before[1])
    assert np.array_equal(with_zero.indptr, before[2])
