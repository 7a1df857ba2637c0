"""Certified spectrum bounds (numeric.spectrum, numeric.mmatrix).

References: ``numpy.linalg.eigvalsh`` on small matrices, and for grid Laplacians
the closed-form spectrum evaluated with mpmath at 50 digits.  The timed runs at
10⁶–4·10⁶ rows are in ``benchmarks/spectrum.py``, not here.
"""

from __future__ import annotations

import time

import mpmath
import numpy as np
import pytest
import scipy.sparse as sps

from numeric import mmatrix, spectrum

EPS = np.finfo(float).eps
RTOL = spectrum.RTOL

needs_amg = pytest.mark.skipif(
    not spectrum._has_pyamg(), reason="the M-matrix route needs pyamg (the amg extra)"
)


def _path(n: int, boundary: str) -> sps.csr_matrix:
    """tridiag(−1, 2, −1) (Dirichlet), or the path graph's Laplacian (free ends)."""
    main = np.full(n, 2.0)
    if boundary == "free":
        main[0] = main[-1] = 1.0
    off = -np.ones(n - 1)
    return sps.diags([off, main, off], [-1, 0, 1], format="csr")


def _grid(sizes: tuple[int, ...], boundary: str, shift: float = 0.0) -> sps.csr_matrix:
    """Kronecker sum of path Laplacians (the grid Laplacian) plus shift·I."""
    total = int(np.prod(sizes))
    out = sps.csr_matrix((total, total))
    for d, n in enumerate(sizes):
        left = sps.identity(int(np.prod(sizes[:d])), format="csr")
        right = sps.identity(int(np.prod(sizes[d + 1 :])), format="csr")
        out = out + sps.kron(sps.kron(left, _path(n, boundary)), right)
    return (out + shift * sps.identity(total)).tocsr()


def _analytic_extremes(sizes, boundary, shift):
    """(λ_min, λ_max) of :func:`_grid` at 50 digits, from the derivation below.

    The path with Dirichlet ends, tridiag(−1, 2, −1) of order n, has the eigenvectors
    vᵢ = sin(ijπ/(n + 1)): row i gives 2vᵢ − vᵢ₋₁ − vᵢ₊₁ = (2 − 2cos(jπ/(n + 1)))vᵢ by
    sin(a − b) + sin(a + b) = 2 sin a cos b, and v₀ = v_{n+1} = 0 are the boundary
    rows; j = 1 … n.  With free ends, vᵢ = cos((i − ½)jπ/n) gives 2 − 2cos(jπ/n),
    j = 0 … n − 1 (the end rows hold because v₀ = v₁ and v_n = v_{n+1}).  A Kronecker
    sum L₁ ⊗ I + I ⊗ L₂ has the eigenvectors u ⊗ w and the eigenvalues α + β, so the
    grid's extreme eigenvalues are the sums of the paths' extreme ones.
    """
    mpmath.mp.dps = 50
    lo = hi = mpmath.mpf(shift)
    for n in sizes:
        if boundary == "dirichlet":
            low, high = 1, n
            denominator = n + 1
        else:
            low, high = 0, n - 1
            denominator = n
        lo += 2 - 2 * mpmath.cos(low * mpmath.pi / denominator)
        hi += 2 - 2 * mpmath.cos(high * mpmath.pi / denominator)
    return lo, hi


def _assert_certified(found: spectrum.Bounds, lo, hi, slack_lo=0, slack_hi=0):
    """Certified sides exactly (mpmath comparison), tight to RTOL, estimates on the other side."""
    assert mpmath.mpf(found.lambda_min) <= lo + slack_lo
    assert mpmath.mpf(found.lambda_min) >= lo * (1 - RTOL) - slack_lo
    assert mpmath.mpf(found.lambda_max) >= hi - slack_hi
    assert mpmath.mpf(found.lambda_max) <= hi * (1 + RTOL) + slack_hi
    # The estimates (Rayleigh quotients, Ritz values) lie on the other side, up to the
    # rounding of a quotient of two sums: 8nε relative is far above it.
    n = found.n
    assert found.lambda_min_estimate >= lo * (1 - 8 * n * EPS) - slack_lo
    assert found.lambda_max_estimate <= hi * (1 + 8 * n * EPS) + slack_hi


@needs_amg
@pytest.mark.parametrize(
    ("sizes", "boundary", "shift"),
    [
        ((100, 200), "free", 1e-3),  # 2·10⁴ rows: a Laplacian plus a data term, κ ≈ 8·10³
        ((22, 22, 22), "dirichlet", 0.0),  # 3-D, 1.06·10⁴ rows
        ((320, 320), "dirichlet", 0.0),  # 1.02·10⁵ rows, κ ≈ 4·10⁴
    ],
)
def test_grid_laplacians_against_the_analytic_spectrum(sizes, boundary, shift):
    a = _grid(sizes, boundary, shift)
    found = spectrum.bounds(a, progress=False)
    assert found.method == "m-matrix" and found.n == a.shape[0]
    _assert_certified(found, *_analytic_extremes(sizes, boundary, shift))


def _triangular_lattice(n: int) -> sps.csr_matrix:
    """Laplacian of an n × n grid with one diagonal per cell: not bipartite (triangles)."""
    idx = np.arange(n * n).reshape(n, n)
    heads = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel(), idx[:-1, :-1].ravel()])
    tails = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel(), idx[1:, 1:].ravel()])
    w = np.random.default_rng(3).uniform(0.5, 2.0, heads.size)
    adj = sps.coo_matrix((w, (heads, tails)), shape=(n * n, n * n))
    adj = (adj + adj.T).tocsr()
    return (sps.diags(np.asarray(adj.sum(axis=1)).ravel()) - adj).tocsr()


def _small_cases():
    rng = np.random.default_rng(7)
    from numeric.graphs import colorization_problem

    color, _ = colorization_problem(14, 15, [0, 37, 150])
    tri = _triangular_lattice(12) + sps.diags(rng.uniform(0.0, 0.2, 144) * (rng.random(144) < 0.1))
    tri = (tri + sps.diags(np.r_[0.05, np.zeros(143)])).tocsr()
    # Not a Z-matrix: positive off-diagonal entries (a Gram-like SPD matrix).
    m = sps.random(120, 120, density=0.05, random_state=4, format="csr")
    gram = (m @ m.T + sps.identity(120) * 0.3).tocsr()
    return {
        "colorization (Z, bipartite)": (color, "m-matrix"),
        "weighted triangles (Z, not bipartite)": (tri, "m-matrix/lanczos"),
        "Gram matrix (not Z)": (gram, "lanczos"),
    }


@pytest.mark.parametrize("case", sorted(_small_cases()))
def test_bounds_against_eigvalsh_on_small_matrices(case):
    a, route = _small_cases()[case]
    if "m-matrix" in route and not spectrum._has_pyamg():
        route = "lanczos"
    found = spectrum.bounds(a, dense_limit=10, progress=False)
    assert found.method == route
    eig = np.linalg.eigvalsh(a.toarray())
    # eigvalsh is backward stable: each computed eigenvalue is within about nε‖A‖ of an
    # exact one (no explicit constant is stated; 4n is generous at these sizes).
    slack = 4 * a.shape[0] * EPS * float(np.max(np.abs(eig)))
    _assert_certified(found, mpmath.mpf(eig[0]), mpmath.mpf(eig[-1]), slack, slack)


@needs_amg
def test_bounds_of_a_matrix_read_from_a_file(tmp_path):
    from scipy.io import mmwrite

    a = _grid((60, 50), "dirichlet")
    path = tmp_path / "lap.mtx"
    mmwrite(str(path), a)
    found = spectrum.bounds(spectrum.load_matrix(path), progress=False)
    assert found.method == "m-matrix"
    _assert_certified(found, *_analytic_extremes((60, 50), "dirichlet", 0.0))


# -- the certificate itself ----------------------------------------------------------


def test_certificate_accepts_below_and_rejects_above_the_eigenvalue():
    a = _grid((9, 7), "dirichlet")
    lo, hi = (float(x) for x in _analytic_extremes((9, 7), "dirichlet", 0.0))
    dense = a.toarray()
    ones = np.ones(a.shape[0])
    signs = mmatrix.bipartite_signature(a)
    for gap in (1e-3, 1e-8):
        below, above = lo * (1 - gap), lo * (1 + gap)
        y = np.linalg.solve(dense - below * np.eye(a.shape[0]), ones)
        assert mmatrix.certifies(a, ones, below, y, upper=False)
        # Above λ_min no positive y can pass: A − σI is not an M-matrix.  Try the
        # vectors a solver would offer: the shifted solve and the eigenvector.
        bottom = np.abs(np.linalg.eigh(dense)[1][:, 0])
        wrong = np.linalg.solve(dense - above * np.eye(a.shape[0]), ones)
        for y in (wrong, np.abs(wrong), bottom, ones):
            assert not mmatrix.certifies(a, ones, above, y, upper=False)
        # λ_max: σ above it passes with the signed solve, below it fails.
        up, down = hi * (1 + gap), hi * (1 - gap)
        y = signs * np.linalg.solve(up * np.eye(a.shape[0]) - dense, signs)
        assert mmatrix.certifies(a, signs, up, y, upper=True)
        assert not mmatrix.certifies(a, signs, down, np.abs(y), upper=True)


def test_certificate_refuses_non_positive_or_non_finite_vectors():
    a = _grid((5, 5), "dirichlet")  # λ_min = 4 − 4cos(π/6) ≈ 0.536
    ones = np.ones(25)
    y = np.linalg.solve(a.toarray() - 0.1 * np.eye(25), ones)
    assert mmatrix.certifies(a, ones, 0.1, y, upper=False)
    for value in (0.0, -1.0, np.inf, np.nan):
        bad = y.copy()
        bad[12] = value
        assert not mmatrix.certifies(a, ones, 0.1, bad, upper=False)


def test_rounding_margin_rejects_an_exactly_singular_shift():
    # λ_min of [[2, −1], [−1, 2]] is exactly 1: A − I is singular, and (A − I)y > 0 has
    # no solution; the computed p = (y₁ − y₂, y₂ − y₁) is exact, so only the margin stands
    # between a tie and a false certificate.
    a = sps.csr_matrix(np.array([[2.0, -1.0], [-1.0, 2.0]]))
    for y in (np.ones(2), np.array([1.0, 1.0 + EPS]), np.array([1.0, 1.0 - EPS / 2])):
        assert not mmatrix.certifies(a, np.ones(2), 1.0, y, upper=False)


def test_bipartite_signature_colours_grids_and_refuses_odd_cycles():
    a = _grid((6, 7), "free", 0.5)
    s = mmatrix.bipartite_signature(a)
    coo = a.tocoo()
    off = coo.row != coo.col
    assert s is not None and np.all(s[coo.row[off]] * s[coo.col[off]] == -1)
    assert mmatrix.bipartite_signature(_triangular_lattice(4)) is None
    # Several components, each coloured on its own.
    two = sps.block_diag([_path(5, "free"), _path(4, "dirichlet"), sps.identity(3)]).tocsr()
    s = mmatrix.bipartite_signature(two)
    coo = two.tocoo()
    off = coo.row != coo.col
    assert s is not None and np.all(s[coo.row[off]] * s[coo.col[off]] == -1)
    # A stored zero is no edge: a triangle with one edge stored as 0 is a path.
    tri = sps.csr_matrix(
        (
            np.array([2.0, -1, 0, -1, 2, -1, 0, -1, 2]),
            (np.repeat([0, 1, 2], 3), np.tile([0, 1, 2], 3)),
        ),
        shape=(3, 3),
    )
    assert tri.nnz == 9 and mmatrix.bipartite_signature(tri) is not None


def test_is_z_matrix():
    assert mmatrix.is_z_matrix(_grid((4, 4), "free", 1.0))
    assert not mmatrix.is_z_matrix(sps.csr_matrix(np.array([[2.0, 0.5], [0.5, 2.0]])))


# -- guards and progress -------------------------------------------------------------


def test_time_limit_is_a_clear_error():
    a = _grid((60, 60), "dirichlet")
    with pytest.raises(ValueError, match="time limit of 1e-09 s"):
        spectrum.bounds(a, dense_limit=10, time_limit=1e-9, progress=False)


def test_bad_rtol_is_refused():
    with pytest.raises(ValueError, match=r"rtol must be a finite real number in \[1e-12, 0.01\]"):
        spectrum.bounds(np.eye(3), rtol=0.5)


def test_progress_goes_to_stderr_after_the_threshold(monkeypatch, capsys):
    a = _grid((30, 30), "dirichlet")
    spectrum.bounds(a, dense_limit=10)
    assert capsys.readouterr().err == ""  # a fast run says nothing
    monkeypatch.setattr(spectrum, "PROGRESS_AFTER", 0.0)
    spectrum.bounds(a, dense_limit=10)
    err = capsys.readouterr().err
    assert "spectrum: smallest eigenvalue" in err and "spectrum: done" in err
    spectrum.bounds(a, dense_limit=10, progress=False)
    assert capsys.readouterr().err == ""


# -- the largest eigenvalue's bound in a second process ------------------------------


@needs_amg
def test_both_bounds_at_once_match_the_analytic_spectrum(monkeypatch, capsys):
    # A 2-D grid plus a data term through the second-process route (forced on at this
    # size): the same certificates as in one process, checked against the closed form.
    monkeypatch.setattr(spectrum, "PARALLEL_FROM", 100)
    monkeypatch.setattr(spectrum, "_cores", lambda: 2)
    monkeypatch.setattr(spectrum, "PROGRESS_AFTER", 0.0)
    sizes, boundary, shift = (60, 70), "free", 1e-2
    found = spectrum.bounds(_grid(sizes, boundary, shift), dense_limit=10)
    assert found.method == "m-matrix"
    assert "in a second process" in capsys.readouterr().err
    _assert_certified(found, *_analytic_extremes(sizes, boundary, shift))


@needs_amg
def test_the_second_process_keeps_the_time_limit(monkeypatch):
    from numeric import _bracket_worker

    a = _grid((60, 60), "dirichlet")
    worker = _bracket_worker.start(
        a, mmatrix.bipartite_signature(a), rtol=1e-6, deadline=time.perf_counter() - 1.0
    )
    try:
        with pytest.raises(mmatrix.TimeLimitError, match="time limit"):
            worker.result()
    finally:
        worker.close()


@needs_amg
def test_a_failed_second_process_is_a_clear_error(monkeypatch):
    from numeric import _bracket_worker

    a = _grid((20, 20), "dirichlet")
    # a signature of the wrong length: the worker's numpy raises, the caller is told
    worker = _bracket_worker.start(a, np.ones(3), rtol=1e-6, deadline=float("inf"))
    try:
        with pytest.raises(RuntimeError, match="second process for the largest eigenvalue"):
            worker.result()
    finally:
        worker.close()
