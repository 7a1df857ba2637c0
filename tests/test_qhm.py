"""Quasi-hyperbolic momentum: its limits ν = 0, 1 and its stability region.

Expected values come from hand-written iterations of QHM, heavy ball and gradient
descent on a non-quadratic function, from numpy eigenvalues of the 2×2 iteration
matrix written out here from the update rule (away from the boundary, where their
√ε accuracy near double roots cannot flip a verdict), and from long simulations.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from momentum_proofs import qhm, verify
from momentum_proofs.symbols import beta as beta_sym
from numeric import matrices

EPS = 2.0**-52


@pytest.mark.parametrize("claim_id", ["QHM-LIMITS", "QHM-STABILITY"])
def test_claim_verifies(claim_id):
    (outcome,) = verify.verify([claim_id])
    assert outcome.status == "verified", outcome.error or outcome.proof.steps
    assert outcome.evidence == "symbolic"


def test_published_tuning_is_the_rule_of_thumb():
    t = qhm.published_tuning(1, 100)
    assert t == {"nu": sp.Rational(7, 10), "beta": sp.Rational(999, 1000)}
    with pytest.raises(TypeError, match="no extra parameter"):
        qhm.published_tuning(1, 100, rho=0.5)


def _problem():
    A = matrices.spd_with_spectrum(np.array([0.2, 1.0, 2.0, 4.0]), seed=71)
    b = np.array([1.0, -1.0, 2.0, 0.5])

    def grad(x):  # ½xᵀAx − bᵀx + ½ Σ log cosh xᵢ: smooth, strongly convex, not quadratic
        return A @ x - b + 0.5 * np.tanh(x)

    return grad


def _qhm(grad, alpha, beta, nu, steps):
    w, g = np.zeros(4), np.zeros(4)
    out = [w]
    for _ in range(steps):
        gw = grad(w)
        g = beta * g + (1 - beta) * gw
        w = w - alpha * ((1 - nu) * gw + nu * g)
        out.append(w)
    return np.array(out)


def test_nu_one_is_heavy_ball_with_step_alpha_one_minus_beta():
    grad = _problem()
    alpha, beta, steps = 0.8, 0.7, 200
    got = _qhm(grad, alpha, beta, 1.0, steps)
    # Heavy ball (Distill form) by hand: z⁺ = βz + ∇f(w), w⁺ = w − α′z⁺, α′ = α(1 − β).
    step = alpha * (1 - beta)
    w, z = np.zeros(4), np.zeros(4)
    ref = [w]
    for _ in range(steps):
        z = beta * z + grad(w)
        w = w - step * z
        ref.append(w)
    ref = np.array(ref)
    k = np.arange(steps + 1)[:, None]
    scale = np.max(np.abs(ref))
    # Both runs converge; a few roundings per step accumulate at most linearly.
    assert np.all(np.abs(got - ref) <= 32 * EPS * (k + 1) * scale)


def test_nu_zero_is_gradient_descent():
    grad = _problem()
    alpha, steps = 0.3, 200
    got = _qhm(grad, alpha, 0.9, 0.0, steps)
    w = np.zeros(4)
    ref = [w]
    for _ in range(steps):
        w = w - alpha * grad(w)
        ref.append(w)
    # Same operations in the same order on w (the buffer never enters): bit-identical up to
    # the (1 − ν)·∇f = 1.0·∇f product, which is exact.
    assert np.array_equal(got, np.array(ref))


def _matrix(alpha, beta, nu, lam):
    # From the update on f = ½λw², state (g, w):
    # g⁺ = βg + (1 − β)λw, w⁺ = w − α((1 − ν)λw + νg⁺).
    return np.array(
        [
            [beta, (1 - beta) * lam],
            [-alpha * nu * beta, 1 - alpha * lam * (1 - nu) - alpha * nu * (1 - beta) * lam],
        ]
    )


def _bound(beta, nu):
    # The statement under test: ρ < 1 iff αλ < 2(1 + β)/(1 + β − 2βν).
    return 2 * (1 + beta) / (1 + beta - 2 * beta * nu)


@given(beta=st.floats(0.0, 0.99), nu=st.floats(0.0, 1.0), lam=st.floats(1e-3, 1e3))
def test_stability_edge_by_eigenvalues(beta, nu, lam):
    # 10 % inside and outside the edge the spectral radius is 1 ∓ O(0.1·(1 − β)), far beyond
    # eigvals' accuracy (√ε near a double root).
    edge = _bound(beta, nu)
    inside = max(abs(np.linalg.eigvals(_matrix(0.9 * edge / lam, beta, nu, lam))))
    outside = max(abs(np.linalg.eigvals(_matrix(1.1 * edge / lam, beta, nu, lam))))
    assert inside < 1 - 1e-4 * (1 - beta)
    assert outside > 1 + 1e-4 * (1 - beta)


@pytest.mark.parametrize(("beta", "nu"), [(0.0, 0.5), (0.9, 0.0), (0.9, 0.7), (0.9, 1.0)])
def test_stability_edge_by_simulation(beta, nu):
    lam = 2.0
    edge = _bound(beta, nu)
    runs = {}
    for factor in (0.95, 1.05):
        w, g = 1.0, 0.0
        alpha = factor * edge / lam
        for _ in range(3000):
            gw = lam * w
            g = beta * g + (1 - beta) * gw
            w = w - alpha * ((1 - nu) * gw + nu * g)
            if abs(w) > 1e6:  # diverged; stop before overflow
                break
        runs[factor] = abs(w)
    assert runs[0.95] < 1e-3 and runs[1.05] > 1e6


def test_stability_region_at_the_ends_of_nu():
    # By hand: ν = 0 gives αλ < 2 (gradient descent); ν = 1, β = 1/2 gives αλ < 6,
    # i.e. α(1 − β)λ < 3 = 2 + 2β, heavy ball's edge.
    bound = qhm.stability_bound()
    nu = qhm.nu_symbol()
    assert sp.cancel(bound.subs(nu, 0)) == 2
    assert bound.subs({nu: 1, beta_sym: sp.Rational(1, 2)}) == 6
    assert math.isclose(_bound(0.5, 1.0), 6.0, rel_tol=4 * EPS)
