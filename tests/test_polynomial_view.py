"""The polynomial view: residual polynomials, Chebyshev minimax, CG and heavy ball."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import claims
from momentum_proofs.verify import verify
from numeric import closed_form, graphs, krylov, matrices

EPS = float(np.finfo(float).eps)


def test_chebyshev_by_hand():
    # κ = 9: x₀ = 10/8, T₁ = 5/4 so 1/T₁ = 4/5; T₂ = 2x₀² − 1 = 17/8 so 1/T₂ = 8/17.
    assert krylov.chebyshev_minimax(9.0, 1) == pytest.approx(0.8, rel=1e-15)
    assert krylov.chebyshev_minimax(9.0, 2) == pytest.approx(8 / 17, rel=1e-15)
    # κ = 1: the interval is a point; p(λ) = 1 − λ/μ vanishes on it.
    assert krylov.chebyshev_minimax(1.0, 0) == 1.0
    assert krylov.chebyshev_minimax(1.0, 5) == 0.0


@given(st.floats(1.0 + 1e-9, 1e14), st.integers(0, 400))
def test_chebyshev_against_mpmath(kappa, k):
    with mp.workdps(60):
        x0 = (mp.mpf(kappa) + 1) / (mp.mpf(kappa) - 1)
        ref = 1 / mp.chebyt(k, x0)
        x = float(2 * k * mp.atanh(1 / mp.sqrt(kappa)))
    got = float(krylov.chebyshev_minimax(kappa, k))
    if ref < mp.mpf(2.0**-1022):
        assert got <= 2.0**-1022
    else:
        assert abs(mp.mpf(got) - ref) <= 8 * EPS * (1 + x) * ref


@given(
    st.floats(0.01, 1.0),
    st.floats(0.0, 0.99),
    st.lists(st.floats(0.01, 3.0), min_size=1, max_size=8),
    st.integers(0, 300),
)
def test_heavy_ball_residual_is_the_power_entry(alpha, beta, lam, k):
    lam = np.array(lam)
    got = krylov.heavy_ball_residual(alpha, beta, lam, k)
    ref = closed_form.heavy_ball_power(alpha, beta, lam, k)[..., 1, 1]
    # Both are O(k·ρ^k)-sized; compare with a tolerance that scales with k.
    scale = np.maximum(np.abs(ref), 1e-300) + 1e-300
    assert np.all(np.abs(got - ref) <= 1e-12 * (k + 1) * np.maximum(scale, 1.0))


def _mp_residual(alpha: float, beta: float, lam: float, k: int) -> tuple[mp.mpf, mp.mpf]:
    """p_k(λ) at 60 digits on the exact float inputs, and a first-order rounding bound.

    The float recurrence commits a local error δ_j ≤ ε(|t·p_{j−1}| + β|p_{j−2}|) at step j
    (ε(1 + αλ) at p₁), which reaches p_k multiplied by q_{k−j+1}, the recurrence's impulse
    response (q₀ = 0, q₁ = 1); the rounding of t = 1 + β − αλ (≤ ε(1 + β + αλ)) reaches it
    through D_k = ∂p_k/∂t.  The bound is twice that sum (second-order terms), plus
    2^−1074 per step for subnormal rounding.
    """
    with mp.workdps(60):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        t = 1 + b - a * lm
        p = [mp.mpf(1), 1 - a * lm]
        q = [mp.mpf(0), mp.mpf(1)]
        d = [mp.mpf(0), mp.mpf(0)]
        for j in range(1, k):
            p.append(t * p[j] - b * p[j - 1])
            q.append(t * q[j] - b * q[j - 1])
            d.append(p[j] + t * d[j] - b * d[j - 1])
        if k == 0:
            return p[0], mp.mpf(0)
        local = [mp.mpf(0), 1 + a * lm] + [
            abs(t * p[j - 1]) + b * abs(p[j - 2]) for j in range(2, k + 1)
        ]
        first_order = sum(local[j] * abs(q[k - j + 1]) for j in range(1, k + 1))
        first_order += abs(d[k]) * (1 + b + a * lm)
        tiny = mp.mpf(2) ** -1074 * (k + 1) * max(abs(x) for x in q[: k + 1])
        return p[k], 2 * EPS * first_order + tiny


def _check_residual(alpha: float, beta: float, lam: float, k: int) -> None:
    got = float(krylov.heavy_ball_residual(alpha, beta, [lam], k)[0])
    ref, tol = _mp_residual(alpha, beta, lam, k)
    assert not math.isnan(got)
    if abs(ref) >= mp.mpf(2) ** 1024:
        assert got == math.copysign(math.inf, ref)
    else:
        assert abs(mp.mpf(got) - ref) <= tol


@given(st.floats(0.01, 5.0), st.floats(0.0, 0.99), st.floats(0.0, 10.0), st.integers(0, 400))
def test_heavy_ball_residual_against_mpmath(alpha, beta, lam, k):
    # Convergent and divergent (αλ > 2 + 2β) regions alike, inside and beyond float64.
    _check_residual(alpha, beta, lam, k)


@given(st.floats(0.01, 50.0), st.floats(0.0, 0.99), st.floats(10.0, 1e6), st.integers(200, 800))
def test_heavy_ball_residual_far_divergent(alpha, beta, lam, k):
    # |p_k| far beyond float64: ±inf with the true sign, never NaN, never a warning.
    _check_residual(alpha, beta, lam, k)


def test_heavy_ball_residual_divergent_by_hand():
    # β = 0: p_k(λ) = (1 − αλ)ᵏ.  α = 1, λ = 3: (−2)ᵏ, exactly 2^1023·(−1) at k = 1023,
    # and (−2)^1025 = −2^1025 beyond float64 (max ≈ 2^1024): −inf.
    assert krylov.heavy_ball_residual(1.0, 0.0, [3.0], 1023)[0] == -(2.0**1023)
    assert krylov.heavy_ball_residual(1.0, 0.0, [3.0], 1024)[0] == math.inf
    assert krylov.heavy_ball_residual(1.0, 0.0, [3.0], 1025)[0] == -math.inf
    # (1/2)^1074 is the smallest subnormal; one more step underflows to zero.
    assert krylov.heavy_ball_residual(1.0, 0.0, [0.5], 1074)[0] == 2.0**-1074
    assert krylov.heavy_ball_residual(1.0, 0.0, [0.5], 1200)[0] == 0.0
    # αλ = 1, β = 0: p_k = 0 for every k ≥ 1, however many steps (a zero pair must not
    # accumulate scale and come back as inf).
    assert krylov.heavy_ball_residual(1.0, 0.0, [1.0], 2000)[0] == 0.0


def test_heavy_ball_residual_refuses_overflowing_alpha_lam():
    with pytest.raises(ValueError, match=r"alpha\*lam must be finite"):
        krylov.heavy_ball_residual(1e300, 0.5, [1e100], 3)


def test_heavy_ball_first_polynomial_by_hand():
    # p₁(L) = 1 − αL with α = 4/(√L + 1)², μ = 1: (1 − s)(1 + 3s)/(s + 1)² = −ρ(2 + ρ).
    for kappa in (4.0, 100.0):
        s = math.sqrt(kappa)
        rho = (s - 1) / (s + 1)
        p1 = krylov.heavy_ball_residual(4 / (s + 1) ** 2, rho**2, [kappa], 1)[0]
        assert p1 == pytest.approx(-rho * (2 + rho), rel=1e-14)


@pytest.mark.parametrize("kappa", [4.0, 50.0, 1e4])
def test_heavy_ball_against_chebyshev(kappa):
    s = math.sqrt(kappa)
    rho = (s - 1) / (s + 1)
    lam = np.linspace(1.0, kappa, 20001)
    for k in (1, 3, 10, 40, 200):
        p = krylov.heavy_ball_residual(4 / (s + 1) ** 2, rho**2, lam, k)
        worst = float(np.max(np.abs(p)))
        assert worst == pytest.approx(rho**k * (1 + (1 + rho) * k), rel=1e-10)
        cheb = float(krylov.chebyshev_minimax(kappa, k))
        assert worst >= cheb
        assert worst / cheb == pytest.approx(
            (1 + (1 + rho) * k) * (1 + rho ** (2 * k)) / 2, rel=1e-9
        )


def test_our_cg_matches_scipy_iterates():
    from scipy.sparse.linalg import cg

    A = matrices.spd_with_spectrum(np.geomspace(1, 100, 30), seed=5)
    b = np.linspace(-1, 1, 30)
    ours = krylov.conjugate_gradient(A, b, 12).iterates
    seen = []
    cg(A, b, rtol=1e-30, atol=0.0, maxiter=12, callback=lambda xk: seen.append(xk.copy()))
    assert np.max(np.abs(ours[1:] - np.array(seen))) <= 1e-10 * np.max(np.abs(ours))


@pytest.mark.parametrize("power", [-1000, -500, 500, 1000])
def test_cg_is_scale_equivariant_to_the_bit(power):
    # Scaling b by 2^power scales every exact CG quantity by 2^power; the float iteration
    # runs on the residual over a power of two, so the iterates must scale bit for bit
    # (before the rescaling, rᵀr overflowed to inf at |b| ~ 1e300 and gave NaN).
    A = matrices.spd_with_spectrum(np.geomspace(1, 50, 8), seed=6)
    b = np.linspace(-1, 2, 8)
    base = krylov.conjugate_gradient(A, b, 8, tol=1e-12)
    scaled = krylov.conjugate_gradient(A, b * 2.0**power, 8, tol=1e-12)
    assert np.array_equal(scaled.iterates, base.iterates * 2.0**power)
    assert (scaled.iterations, scaled.converged) == (base.iterations, base.converged)


def test_cg_huge_right_hand_side_by_hand():
    # diag(1, 2)w = (1e300, 1e300): w* = (1e300, 5e299), reached in two steps.
    run = krylov.conjugate_gradient(np.diag([1.0, 2.0]), [1e300, 1e300], 5, tol=1e-14)
    assert run.converged and run.iterations == 2
    assert run.iterates[-1] == pytest.approx([1e300, 5e299], rel=1e-15)
    # Started on the solution of a huge b: ‖r‖/‖b‖ is 0 at once.
    start = krylov.conjugate_gradient(np.eye(2), [1e300, 1e300], 5, [1e300, 1e300], tol=1e-12)
    assert start.converged and start.iterations == 0


def test_cg_bound_on_a_colorization_grid():
    A, b = graphs.colorization_problem(14, 14, [0, 105, 195])
    dense = A.toarray()
    ev = np.linalg.eigvalsh(dense)
    kappa = ev[-1] / ev[0]
    w_star = np.linalg.solve(dense, b)
    run = krylov.conjugate_gradient(A, b, 80)
    e = run.iterates - w_star
    a_norm = np.sqrt(np.einsum("ki,ij,kj->k", e, dense, e))
    k = np.arange(a_norm.size)
    bound = krylov.chebyshev_minimax(kappa, k)
    assert np.all(a_norm / a_norm[0] <= bound + 1e-10)
    assert np.all(bound <= 2 * ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** k)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: krylov.chebyshev_minimax(0.5, 1), ValueError, r"kappa must be .*>= 1"),
        (lambda: krylov.chebyshev_minimax(2.0, 1.5), TypeError, "k must be an integer"),
        (lambda: krylov.heavy_ball_residual(0.1, 1.0, [1.0], 2), ValueError, r"beta .*\[0, 1\)"),
        (lambda: krylov.conjugate_gradient(-np.eye(2), [1.0, 1.0], 2), ValueError, "positive"),
        (lambda: krylov.scipy_cg_iterations(np.eye(2), [1.0, 1.0], 0.0), ValueError, "tol"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_verify_statuses():
    ids = [i for i in claims.ids() if i.startswith("CHEB-")]
    assert {o.status for o in verify(ids)} == {"verified"} and len(ids) == 5
