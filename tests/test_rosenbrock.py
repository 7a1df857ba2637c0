"""Convex Rosenbrock: minimiser, spectrum, the support property and the lower bound."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import claims
from momentum_proofs.verify import verify
from momentum_proofs.verify.rosenbrock import _methods
from numeric import problems

EPS = float(np.finfo(float).eps)
kappas = st.floats(1.5, 1e6)


def test_minimizer_by_hand():
    # n = 1, κ = 9: f = ½(w − 1)² + ½w² + ¼w², so (1 + 1 + ½)w = 1 and w* = 2/5.
    assert problems.rosenbrock_minimizer(1, 9.0)[0] == pytest.approx(0.4, rel=1e-15)
    # n = 2, κ = 5 (shift 1): [[3, −1], [−1, 3]] w = e₁ gives w* = (3/8, 1/8).
    assert problems.rosenbrock_minimizer(2, 5.0) == pytest.approx([0.375, 0.125], rel=1e-15)


@given(st.integers(1, 300), kappas)
def test_minimizer_solves_the_system(n, kappa):
    A, b = problems.convex_rosenbrock(n, kappa)
    w = problems.rosenbrock_minimizer(n, kappa)
    # The residual of an exact solution is rounding only: ‖A‖ ≤ 4 + 4/(κ − 1).
    assert np.max(np.abs(A @ w - b)) <= 16 * EPS * (4 + 4 / (kappa - 1))
    assert np.all(w > 0) and np.all(np.diff(w) < 0)


@given(kappas)
def test_minimizer_tends_to_printed_formula(kappa):
    s = math.sqrt(kappa)
    q = (s - 1) / (s + 1)
    i = np.arange(1, 6)
    # Enough terms that q^{2(n+1)} is below rounding for every κ drawn (q ≤ 1 − 2/(s + 1)).
    n = int(40 * (s + 1)) + 10
    w = problems.rosenbrock_minimizer(n, kappa)[:5]
    assert np.max(np.abs(w - q**i) / q**i) <= 1e-12


def test_minimizer_against_mpmath_solve():
    n, kappa = 25, 1e3
    with mp.workdps(50):
        A = mp.matrix(n, n)
        for i in range(n):
            A[i, i] = 2 + 4 / (mp.mpf(kappa) - 1)
            if i + 1 < n:
                A[i, i + 1] = A[i + 1, i] = -1
        e1 = mp.matrix([1] + [0] * (n - 1))
        ref = mp.lu_solve(A, e1)
        got = problems.rosenbrock_minimizer(n, kappa)
        err = max(float(abs(mp.mpf(got[i]) - ref[i]) / ref[i]) for i in range(n))
    assert err <= 64 * n * EPS


def _thomas(n: int, kappa: float) -> list:
    """A w = e₁ for tridiag(−1, 2 + 4/(κ − 1), −1) at 60 digits (elimination, no closed form)."""
    with mp.workdps(60):
        diag = 2 + 4 / (mp.mpf(kappa) - 1)
        c, d = [-1 / diag], [1 / diag]
        for _ in range(1, n):
            denom = diag + c[-1]
            c.append(-1 / denom)
            d.append(d[-1] / denom)
        x = [d[-1]]
        for j in range(n - 2, -1, -1):
            x.append(d[j] - c[j] * x[-1])
        return x[::-1]


@given(
    st.integers(1, 200),
    st.one_of(
        st.floats(1.0, 1.0 + 1e-10, exclude_min=True),  # κ within ulps of 1: √κ − 1 → 0
        st.floats(1.0, 1e6, exclude_min=True),
        st.floats(1e6, 1e300),  # q rounds to 1 beyond κ ≈ 1e32
    ),
)
def test_minimizer_against_mpmath_over_the_whole_range(n, kappa):
    got = problems.rosenbrock_minimizer(n, kappa)
    ref = _thomas(n, kappa)
    assert np.all(np.isfinite(got))
    for g, r in zip(got, ref, strict=True):
        # Relative error of qⁱ grows like i·ε; below the normal range only the absolute
        # spacing of subnormals is left.
        assert abs(mp.mpf(float(g)) - r) <= 64 * n * EPS * abs(r) + 2.0**-1070


def test_minimizer_limits_by_hand():
    # κ → ∞: the shift 4/(κ − 1) vanishes and tridiag(−1, 2, −1)w = e₁ has the linear
    # solution w_i = (n + 1 − i)/(n + 1): (3/4, 1/2, 1/4) for n = 3.
    assert problems.rosenbrock_minimizer(3, 1e300) == pytest.approx([0.75, 0.5, 0.25], rel=1e-15)
    # κ = 1 + 2⁻⁵²: the diagonal is 2 + 2⁵⁴, so w₁ ≈ 1/(2 + 2⁵⁴) ≈ 2⁻⁵⁴.
    w = problems.rosenbrock_minimizer(3, 1.0 + 2.0**-52)
    assert w[0] == pytest.approx(1 / (2 + 2.0**54), rel=1e-14)


@given(st.integers(2, 80), kappas)
def test_printed_gradient(n, kappa):
    A, b = problems.convex_rosenbrock(n, kappa)
    w = np.sin(np.arange(n) + kappa)
    got = problems.rosenbrock_gradient(w, kappa)
    assert np.max(np.abs(got - (A @ w - b))) <= 8 * EPS * (4 + 4 / (kappa - 1))


def test_spectrum_and_condition_number():
    from scipy.linalg import eigvalsh_tridiagonal

    for n, kappa in ((10, 4.0), (500, 100.0), (5000, 1e4)):
        A, _ = problems.convex_rosenbrock(n, kappa)
        ev = eigvalsh_tridiagonal(A.diagonal(), A.diagonal(1))
        mu, big_l = problems.rosenbrock_limit_interval(kappa)
        j = np.arange(1, n + 1)
        ref = mu + 2 - 2 * np.cos(np.pi * j / (n + 1))
        assert np.max(np.abs(ev - ref)) <= 64 * n * EPS * big_l
        assert mu < ev[0] and ev[-1] < big_l
        assert ev[-1] / ev[0] < kappa
    # Large n: κ_n within 0.01% of κ (n = 5000, κ = 10⁴ is still short of the limit).
    A, _ = problems.convex_rosenbrock(200_000, 100.0)
    ev = eigvalsh_tridiagonal(A.diagonal(), A.diagonal(1), select="i", select_range=(0, 0))
    assert 4 / 99 < ev[0] < 4 / 99 * (1 + 1e-6)


def test_support_and_lower_bound_for_six_methods():
    n, kappa = 120, 1e3
    A, b = problems.convex_rosenbrock(n, kappa)
    w_star = problems.rosenbrock_minimizer(n, kappa)
    runs = _methods(A, b, n, kappa)
    assert set(runs) == {
        "gradient descent",
        "heavy ball",
        "nesterov",
        "conjugate gradient",
        "diagonal preconditioner",
        "adagrad",
    }
    for name, its in runs.items():
        for k, w in enumerate(its):
            assert np.all(w[k:] == 0.0), (name, k)  # coordinates k + 1 … n (0-based k …)
            assert np.max(np.abs(w - w_star)) >= w_star[k], (name, k)


def test_heavy_ball_rate_matches_lower_bound_rate():
    from numeric import simulate

    n, kappa, steps = 400, 100.0, 120
    A, b = problems.convex_rosenbrock(n, kappa)
    w_star = problems.rosenbrock_minimizer(n, kappa)
    mu, big_l = problems.rosenbrock_limit_interval(kappa)
    q = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    alpha = (2 / (math.sqrt(big_l) + math.sqrt(mu))) ** 2
    its = simulate.heavy_ball(A, b, alpha, q * q, steps)
    err = np.max(np.abs(its - w_star), axis=1)
    k = np.arange(steps + 1)
    lower = w_star[1 : steps + 2]
    assert np.all(err >= lower)
    # Upper: ‖e‖∞ ≤ ‖e‖₂ ≤ qᵏ(1 + (1 + q)k)‖e⁰‖₂, with ‖e⁰‖₂ = ‖w*‖₂.
    upper = (q**k * (1 + (1 + q) * k) + 64 * EPS * (k + 1)) * np.linalg.norm(w_star)
    assert np.all(err <= upper)
    # Both sides decay like qᵏ: the per-step ratio of the bounds tends to q.
    assert (lower[-1] / lower[-21]) ** (1 / 20) == pytest.approx(q, rel=1e-9)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: problems.convex_rosenbrock(5, 1.0), ValueError, r"kappa must be .* > 1"),
        (lambda: problems.convex_rosenbrock(0, 10.0), ValueError, "n must be an integer >= 1"),
        (lambda: problems.rosenbrock_minimizer(5, "10"), TypeError, "kappa"),
        (lambda: problems.rosenbrock_gradient([[1.0]], 10.0), ValueError, "w must be a 1-d"),
        (lambda: problems.rosenbrock_limit_interval(float("nan")), ValueError, "kappa"),
        (lambda: problems.rosenbrock_gradient([1e308, -1e308], 1.5), ValueError, "overflows"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_verify_statuses():
    claims.ids()
    ids = [i for i in claims.ids() if i.startswith("ROSEN-")]
    status = {o.claim.id: o.status for o in verify(ids)}
    assert status.pop("ROSEN-MINIMIZER") == "erratum"
    assert status.pop("ROSEN-LOWER-BOUND") == "erratum"
    assert status.pop("ROSEN-GRADIENT") == "erratum"  # the ∇f(x) slip
    assert set(status.values()) == {"verified"} and len(status) == 3
