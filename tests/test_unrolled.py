"""Unrolled forms of gradient descent, momentum and Nesterov (family UNROLL)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_proofs import claims, unrolled, verify
from momentum_proofs.symbols import alpha, beta

UNROLL_IDS = ["UNROLL-GD", "UNROLL-MOMENTUM", "UNROLL-VELOCITY", "UNROLL-LINEAR"]


def test_two_momentum_steps_by_hand():
    # z¹ = g₀, w¹ = w⁰ − αg₀; z² = βg₀ + g₁, w² = w¹ − αz² = w⁰ − α(1 + β)g₀ − αg₁.
    w, _ = unrolled.heavy_ball_iterates(2)
    g0, g1, w0 = sp.symbols("g0 g1 w0", real=True)
    assert sp.expand(w[2] - (w0 - alpha * (1 + beta) * g0 - alpha * g1)) == 0
    assert sp.simplify(unrolled.momentum_weight(1, 0) + alpha * (1 + beta)) == 0


fractions = st.fractions(min_value=-3, max_value=3, max_denominator=20)


@settings(max_examples=60)
@given(
    a=st.fractions(min_value=Fraction(1, 50), max_value=1, max_denominator=50),
    b=st.fractions(min_value=0, max_value=Fraction(49, 50), max_denominator=50),
    gs=st.lists(fractions, min_size=1, max_size=12),
)
def test_weights_match_exact_rational_iteration(a, b, gs):
    """Iterate both updates in exact rationals and compare with the derived weights."""
    w, z = Fraction(0), Fraction(0)
    th, v = Fraction(0), Fraction(0)
    for g in gs:
        z = b * z + g
        w = w - a * z
        new = b * v - a * g
        th = th + new + b * (new - v)
        v = new
    k = len(gs) - 1
    point = {
        alpha: sp.Rational(a.numerator, a.denominator),
        beta: sp.Rational(b.numerator, b.denominator),
    }
    hb = sum(
        unrolled.momentum_weight(k, i).subs(point) * sp.Rational(str(g)) for i, g in enumerate(gs)
    )
    ne = sum(
        unrolled.nesterov_weight(k, i).subs(point) * sp.Rational(str(g)) for i, g in enumerate(gs)
    )
    assert hb == sp.Rational(str(w))
    assert ne == sp.Rational(str(th))


def test_printed_sign_is_an_erratum():
    claims.all()
    proof = claims.get("UNROLL-MOMENTUM").prove()
    assert proof.printed_holds is False and "Erratum" in proof.note


@pytest.mark.parametrize("cid", UNROLL_IDS)
def test_unroll_claims_verify(cid):
    claims.all()
    (outcome,) = verify.verify([cid])
    # the printed sign (an erratum) and the slide's "average" (a slip)
    expected = "erratum" if cid in {"UNROLL-MOMENTUM", "UNROLL-VELOCITY"} else "verified"
    assert outcome.status == expected, (outcome.error, [(r.name, r.detail) for r in outcome.routes])
