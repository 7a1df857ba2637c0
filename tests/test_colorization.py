"""Colorization: graph Laplacians, their spectra, and GD / heavy ball / CG on grids."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import claims
from momentum_proofs.verify import verify
from numeric import graphs, krylov, simulate

EPS = float(np.finfo(float).eps)


def test_small_grid_by_hand():
    # 2 × 3 grid: corners have degree 2, the two middle pixels degree 3; 7 edges.
    lap = graphs.grid_laplacian(2, 3).toarray()
    assert list(np.diag(lap)) == [2, 3, 2, 2, 3, 2]
    assert -lap[np.triu_indices(6, 1)].sum() == 7
    assert np.all(lap.sum(axis=1) == 0)


@given(st.integers(1, 60), st.sampled_from(["free", "dirichlet"]))
def test_path_spectrum_closed_form(n, boundary):
    got = np.linalg.eigvalsh(graphs.path_laplacian(n, boundary).toarray())
    ref = graphs.path_laplacian_eigenvalues(n, boundary)
    assert np.max(np.abs(got - ref)) <= 64 * n * EPS


@given(st.integers(1, 7), st.integers(1, 7))
def test_grid_spectrum_is_sum_of_path_spectra(rows, cols):
    got = np.linalg.eigvalsh(graphs.grid_laplacian(rows, cols).toarray())
    ref = graphs.grid_laplacian_eigenvalues(rows, cols)
    assert np.max(np.abs(got - ref)) <= 64 * rows * cols * EPS


def test_condition_number_by_hand_and_growth():
    # 2 × 2 grid: eigenvalues 0, 2, 2, 4 (the 4-cycle), so λ_max/λ₂ = 2.
    assert graphs.grid_condition_number(2) == pytest.approx(2.0, rel=1e-15)
    values = [graphs.grid_condition_number(n) / n**2 for n in (4, 16, 64, 256, 4096)]
    assert all(a < b for a, b in zip(values, values[1:], strict=False))
    assert values[-1] == pytest.approx(8 / math.pi**2, rel=1e-6)


def test_optimum_is_all_ones():
    from scipy.sparse.linalg import spsolve

    A, b = graphs.colorization_problem(9, 11, [3, 50, 98])
    assert np.max(np.abs(spsolve(A.tocsc(), b) - 1)) < 1e-10


def _counts(n: int, tol: float = 1e-6) -> dict[str, float]:
    A, b = graphs.colorization_problem(n, n, [0, n * n - 1, (n // 2) * n + n // 2])
    from scipy.sparse.linalg import eigsh

    # Lanczos (shift-invert at 0 for the bottom): dense eigvalsh at 1024 pixels is slow here.
    mu = float(eigsh(A.tocsc(), k=1, sigma=0, return_eigenvectors=False)[0])
    big_l = float(eigsh(A, k=1, which="LA", return_eigenvectors=False, tol=1e-10)[0])
    kappa = big_l / mu
    s = math.sqrt(kappa)
    rho = (s - 1) / (s + 1)
    gd = simulate.gradient_descent(A, b, 2 / (big_l + mu), 10**6, record="last", tol=tol)
    hb = simulate.heavy_ball(
        A, b, (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2, rho**2, 10**6, record="last", tol=tol
    )
    cg = krylov.conjugate_gradient(A, b, 10**4, tol=tol)
    assert gd.converged and hb.converged and cg.converged
    return {
        "kappa": kappa,
        "gd": gd.iterations,
        "hb": hb.iterations,
        "cg": cg.iterations,
        "scipy": krylov.scipy_cg_iterations(A, b, tol),
        "gd_bound": math.ceil(math.log(tol) / math.log((kappa - 1) / (kappa + 1))),
        "hb_rate_only": math.ceil(math.log(tol) / math.log(rho)),
        "hb_bound": next(k for k in range(10**6) if rho**k * (1 + (1 + rho) * k) <= tol),
    }


def test_iteration_counts_on_grids():
    """GD, heavy ball and CG to a relative gradient of 1e-6 on 8², 16² and 32² grids."""
    rows = {n: _counts(n) for n in (8, 16, 32)}
    for n, c in rows.items():
        # Proven: the relative gradient is at most max|p_k| on [μ, L].
        assert c["gd"] <= c["gd_bound"]
        assert c["hb"] <= c["hb_bound"]
        # and not far below: the slowest eigencomponent is excited from w⁰ = 0.
        assert 0.5 * c["gd_bound"] <= c["gd"]
        assert 0.5 * c["hb_rate_only"] <= c["hb"]
        assert c["cg"] < c["hb"] < c["gd"]
        assert abs(c["cg"] - c["scipy"]) <= 1, (n, c)
    # Heavy ball's count grows like √κ, gradient descent's like κ.
    ratio_kappa = rows[32]["kappa"] / rows[8]["kappa"]
    assert rows[32]["gd"] / rows[8]["gd"] == pytest.approx(ratio_kappa, rel=0.35)
    assert rows[32]["hb"] / rows[8]["hb"] == pytest.approx(math.sqrt(ratio_kappa), rel=0.35)
    print({n: {k: round(v, 1) for k, v in c.items()} for n, c in rows.items()})


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: graphs.path_laplacian(0), ValueError, "n must be an integer >= 1"),
        (lambda: graphs.path_laplacian(3.0), TypeError, "n must be an integer"),
        (lambda: graphs.path_laplacian(3, "open"), ValueError, "boundary must be"),
        (lambda: graphs.grid_laplacian(2, True), TypeError, "cols"),
        (lambda: graphs.colorization_problem(2, 2, [4]), ValueError, r"distinguished .*\[0, 4\)"),
        (lambda: graphs.colorization_problem(2, 2, [0.5]), TypeError, "distinguished"),
        (lambda: graphs.colorization_problem(2, 2, []), ValueError, "at least one pixel"),
        (lambda: graphs.grid_condition_number(1), ValueError, "n must be an integer >= 2"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_verify_statuses():
    ids = [
        "COLOR-STEP",
        "COLOR-VECTORISED",
        "COLOR-OPTIMUM",
        "COLOR-ZERO-MODE",
        "COLOR-PATH-SPECTRUM",
        "COLOR-GRID-SPECTRUM",
        "COLOR-CONDITION",
        "COLOR-GROWTH",
    ]
    claims.ids()  # loads every family (claims.get alone does not)
    status = {o.claim.id: o.status for o in verify(ids)}
    assert status.pop("COLOR-CONDITION") == "erratum"
    assert status.pop("COLOR-ZERO-MODE") == "erratum"  # the "matrix of all 1's" slip
    assert set(status.values()) == {"verified"}
