"""The performance edits keep their meaning: in-place heavy ball, cheap checks, Taussky's test.

Reference routes: the update written out as in the text (z = βz + ∇f(w),
w = w − αz, fresh arrays each step), which the in-place loop must reproduce bit
for bit; dense Cholesky for definiteness; numpy's elementwise ``isfinite``.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from numeric import _validate as v
from numeric import rates, simulate
from numeric._generated import heavy_ball as kernels


def _textbook(A, b, alpha, beta, steps, w0):
    w, z = w0.copy(), np.zeros_like(w0)
    for _ in range(steps):
        z = beta * z + (A @ w - b)
        w = w - alpha * z
    return w


def _problem(kind: str):
    rng = np.random.default_rng(0)
    n = 40
    lap = sparse.diags([-np.ones(n - 1), 2.0 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1])
    A = (lap + sparse.identity(n) * 0.1).tocsr()
    return (A if kind == "sparse" else A.toarray()), rng.standard_normal(n), rng.standard_normal(n)


@pytest.mark.parametrize("kind", ["dense", "sparse-public-product"])
def test_in_place_heavy_ball_is_the_textbook_loop_bit_for_bit(kind, monkeypatch):
    A, b, w0 = _problem(kind.split("-")[0])
    if kind == "dense":
        # A dense product goes through the BLAS kernel the CPU picks, and kernels sum a
        # row in different orders (with or without FMA).  On a diagonal matrix every
        # other term of a row is an exact zero, so each entry of A @ w is one rounded
        # product whatever the kernel, and the comparison below stays exact on every
        # machine; the tridiagonal case is the sparse run and the tolerance test below.
        A = np.diag(np.diag(A))
    # The CSR fast path reorders two additions; without it the loop is exact.
    monkeypatch.setattr(simulate, "_accumulating_matvec", lambda *args, **kwargs: None)
    keep = w0.copy()
    run = simulate.heavy_ball(A, b, 0.3, 0.8, 57, w0=w0, record="last")
    assert np.array_equal(run.last, _textbook(A, b, 0.3, 0.8, 57, w0))
    assert np.array_equal(w0, keep)  # the caller's start vector is not updated in place
    full = simulate.heavy_ball(A, b, 0.3, 0.8, 5, w0=w0)
    for k in range(6):
        assert np.array_equal(full[k], _textbook(A, b, 0.3, 0.8, k, w0))


def test_csr_accumulating_path_matches_the_textbook_loop_to_rounding():
    A, b, w0 = _problem("sparse")
    keep = w0.copy()
    assert simulate._accumulating_matvec(simulate._setup(A, b, w0, None, None, None, None))
    for steps in (1, 2, 57, 400):
        got = simulate.heavy_ball(A, b, 0.3, 0.8, steps, w0=w0, record="last").last
        want = _textbook(A, b, 0.3, 0.8, steps, w0)
        # Each step reorders a three-term sum (a few ulps of the terms' size); the
        # iteration contracts (rate < 1), so the difference stays at that level.
        scale = np.max(np.abs(want)) + np.max(np.abs(b)) + np.max(np.abs(w0))
        assert np.max(np.abs(got - want)) <= 64 * np.finfo(float).eps * scale * (1 + steps) ** 0.5
    assert np.array_equal(w0, keep)
    full = simulate.heavy_ball(A, b, 0.3, 0.8, 6, w0=w0)  # every row recorded
    for k in range(7):
        want = _textbook(A, b, 0.3, 0.8, k, w0)
        assert np.max(np.abs(full[k] - want)) <= 64 * np.finfo(float).eps * (
            1 + np.max(np.abs(want))
        )
    run = simulate.heavy_ball(A, b, 0.3, 0.8, 10_000, w0=w0, record="last", tol=1e-10)
    assert run.converged
    assert np.linalg.norm(A @ run.last - b) <= 1e-10 * np.linalg.norm(b)
    # Not taken with noise, several paths, grad=, or a dense matrix.
    noisy = simulate._setup(A, b, w0, None, 0.1, 0, None)
    assert simulate._accumulating_matvec(noisy) is None
    assert simulate._accumulating_matvec(simulate._setup(A, b, w0, None, None, None, 2)) is None
    dense = simulate._setup(A.toarray(), b, w0, None, None, None, None)
    assert simulate._accumulating_matvec(dense) is None


def test_divergence_still_reported_at_the_first_non_finite_iterate():
    A = np.diag([1.0, 2.0])
    with pytest.warns(simulate.DivergenceWarning):
        out = simulate.heavy_ball(A, np.ones(2), alpha=3.0, beta=0.9, steps=2000)
    assert np.isinf(out[-1]).all()
    run = simulate.heavy_ball(A, np.ones(2), alpha=3.0, beta=0.9, steps=2000, record="last")
    assert run.diverged and run.iterations < 2000
    assert np.isfinite(run.iterates[-2]).all()


def test_all_finite_is_exact_where_the_sum_overflows():
    assert simulate._all_finite(np.array([[1e308, 1e308, -1e308]]))  # sum overflows, all finite
    assert not simulate._all_finite(np.array([[1.0, np.inf]]))
    assert not simulate._all_finite(np.array([[np.nan, 1.0]]))
    assert not simulate._all_finite(np.array([[np.inf, -np.inf]]))


def test_fast_range_check_agrees_with_the_mask():
    # valid: returned unchanged; invalid: the same message as before, naming the entry.
    arr = np.array([0.0, 0.5, 0.999])
    assert v.real_array("beta", arr, low=0, high=1, low_open=False) is arr
    assert v.real_array("beta", -0.0, low=0, high=1, low_open=False) == 0.0
    for bad, shown in [([0.5, 1.0], "1.0"), ([np.nan, 0.5], "nan"), ([0.1, -1e-300], "-1e-300")]:
        with pytest.raises(ValueError, match=f"beta must be .* got {shown}"):
            v.real_array("beta", bad, low=0, high=1, low_open=False)


def _grid(n: int, data: list[int]) -> sparse.csr_matrix:
    path = sparse.diags(
        [-np.ones(n - 1), np.r_[1.0, 2 * np.ones(n - 2), 1.0], -np.ones(n - 1)], [-1, 0, 1]
    )
    lap = sparse.kron(path, sparse.identity(n)) + sparse.kron(sparse.identity(n), path)
    mask = np.zeros(n * n)
    mask[data] = 1.0
    return (lap + sparse.diags(mask)).tocsr()


def test_taussky_accepts_laplacian_plus_data_term_and_agrees_with_cholesky():
    A = _grid(12, [0, 77])
    np.linalg.cholesky(A.toarray())  # independent route: definite
    margin = A.diagonal() - (np.asarray(abs(A).sum(axis=1)).ravel() - A.diagonal())
    assert v._irreducibly_dominant(A.copy(), margin)
    assert v.spd_matrix("A", A) is not None


def test_taussky_refuses_a_block_without_a_strict_row():
    # Two decoupled grids, data only on the first: the second block is a bare
    # Laplacian (singular), so the test must not settle it.
    A = sparse.block_diag([_grid(4, [0]), _grid(4, [])]).tocsr()
    margin = A.diagonal() - (np.asarray(abs(A).sum(axis=1)).ravel() - A.diagonal())
    assert not v._irreducibly_dominant(A.copy(), margin)
    # A stored zero must not join the blocks.
    coo = A.tocoo()
    explicit = sparse.csr_matrix(
        (np.r_[coo.data, 0.0, 0.0], (np.r_[coo.row, 0, 16], np.r_[coo.col, 16, 0])), shape=A.shape
    )
    assert explicit.nnz == A.nnz + 2
    assert not v._irreducibly_dominant(explicit, margin)
    # Independent route: the matrix is singular (a bare Laplacian block).
    assert np.linalg.eigvalsh(A.toarray())[0] < 1e-12


def test_chunked_rates_keep_scalars_scalar():
    out = rates.heavy_ball(0.25, 0.25, 1.0)
    assert isinstance(out, np.float64) and out == 0.5
    assert float(rates.nesterov(1.0, 0.9, 1.0)) == 0.0
    big = np.full(200_000, 0.3)
    assert np.array_equal(rates.heavy_ball(big, 0.5, 1.0), kernels.heavy_ball_rate(big, 0.5, 1.0))


def _shuffled_rows(m: sparse.csr_matrix, seed: int) -> sparse.csr_matrix:
    """The same matrix with each row's entries stored in a random order (unsorted indices)."""
    rng = np.random.default_rng(seed)
    data, indices = m.data.copy(), m.indices.copy()
    for i in range(m.shape[0]):
        lo, hi = m.indptr[i], m.indptr[i + 1]
        perm = lo + rng.permutation(hi - lo)
        data[lo:hi], indices[lo:hi] = m.data[perm], m.indices[perm]
    out = sparse.csr_matrix((data, indices, m.indptr.copy()), shape=m.shape)
    out.has_sorted_indices = False
    return out


@pytest.mark.parametrize("seed", range(6))
def test_sparse_symmetry_check_agrees_with_the_dense_difference(seed):
    rng = np.random.default_rng(seed)
    n = 30
    m = sparse.random(n, n, density=0.1, random_state=seed, format="csr")
    sym = (m + m.T).tocsr()
    nudged = sym.copy()
    k = rng.integers(nudged.nnz)
    nudged.data[k] += 1e-9  # one entry off: not symmetric at 1e-12
    one_sided = sym + sparse.csr_matrix(([1e-15], ([0], [n - 1])), shape=(n, n))
    cases = [sym, nudged, one_sided, _shuffled_rows(sym, seed), m.tocsr()]
    for a in cases:
        dense = a.toarray()
        tol = 1e-12 * np.max(np.abs(dense))
        want = bool(np.max(np.abs(dense - dense.T)) <= tol)
        assert v._sparse_symmetric(a, tol) == want
    assert v._sparse_symmetric(sym, 0.0) and not v._sparse_symmetric(nudged, 1e-12)
    assert v._sparse_symmetric(one_sided, 1e-12 * 2)  # within the tolerance, stored one-sided


def test_real_matrix_checks_only_shape_kind_and_finiteness():
    a = sparse.csr_matrix(np.array([[1.0, 5.0], [0.0, -3.0]]))
    assert v.real_matrix("A", a) is a  # CSR float64: returned as given
    assert v.real_matrix("A", [[1, 2], [3, 4]]).dtype == np.float64
    with pytest.raises(ValueError, match="A must have finite entries"):
        v.real_matrix("A", sparse.csr_matrix(np.array([[np.inf, 0.0], [0.0, 1.0]])))
    with pytest.raises(ValueError, match="square"):
        v.real_matrix("A", sparse.csr_matrix(np.ones((2, 3))))
