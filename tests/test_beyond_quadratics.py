"""Beyond quadratics: descent lemma, counterexamples, the Lessard–Recht–Packard cycle."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_proofs import beyond_quadratics as bq
from momentum_proofs import claims, verify
from momentum_proofs.verify import beyond_quadratics as checks

IDS = ["GD-DESCENT-LEMMA", "GD-LOCAL-MIN", "HB-LESSARD-CYCLE", "GD-MINIMISER", "GD-KAPPA"]


def _grad(x: Fraction) -> Fraction:
    return 25 * x if x < 1 else (x + 24 if x < 2 else 25 * x - 24)


def test_cycle_by_hand_in_fractions():
    """One period of x⁺ = x − f'(x)/9 + 4(x − x⁻)/9 in exact fractions, written out."""
    a, b = Fraction(1, 9), Fraction(4, 9)
    p = [Fraction(792, 1225), Fraction(-2208, 1225), Fraction(2592, 1225)]
    # From (p₂, p₀): p₀ − 25p₀/9 + 4(p₀ − p₂)/9 = (−12p₀ − 4p₂)/9 = p₁.
    assert p[0] - a * _grad(p[0]) + b * (p[0] - p[2]) == p[1]
    assert p[1] - a * _grad(p[1]) + b * (p[1] - p[0]) == p[2]
    assert p[2] - a * _grad(p[2]) + b * (p[2] - p[1]) == p[0]
    assert bq.lessard_tuning() == (Fraction(1, 9), Fraction(4, 9))


def test_both_cycles_found_and_only_those():
    cycles = [tuple(Fraction(int(v.p), int(v.q)) for v in c) for c in bq.lessard_cycles()]
    assert cycles == [
        (Fraction(792, 1367), Fraction(-2208, 1367), Fraction(2592, 1367)),
        (Fraction(792, 1225), Fraction(-2208, 1225), Fraction(2592, 1225)),
    ]


def test_strong_convexity_and_smoothness_of_the_gradient():
    xs = np.linspace(-3, 4, 701)
    g = np.array([checks.lessard_grad(np.array([x]))[0] for x in xs])
    slopes = np.diff(g) / np.diff(xs)
    assert slopes.min() >= 1 - 1e-9 and slopes.max() <= 25 + 1e-9


@settings(max_examples=50)
@given(
    w=st.lists(st.floats(-4, 4), min_size=4, max_size=4),
    frac=st.floats(0.01, 1.99),
)
def test_descent_lemma_on_logistic_loss(w, frac):
    f, grad, lip = checks._logistic()
    w = np.array(w)
    a = frac / lip
    g = grad(w)
    assert f(w - a * g) <= f(w) - a * (1 - a * lip / 2) * (g @ g) + 1e-14 * (1 + abs(f(w)))


@pytest.mark.parametrize("cid", IDS)
def test_claims_verify(cid):
    claims.all()
    (outcome,) = verify.verify([cid])
    expected = "erratum" if cid == "GD-LOCAL-MIN" else "verified"
    assert outcome.status == expected, (outcome.error, [(r.name, r.detail) for r in outcome.routes])
