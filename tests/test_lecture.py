"""The lecture's worked examples (family LECT), with the numbers worked by hand."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from momentum_proofs import claims, lecture, verify
from momentum_proofs.verify import lecture as checks

LECT_IDS = [
    "LECT-BACKPROP",
    "LECT-RELU-CONDITION",
    "LECT-UPDATE",
    "LECT-L1-L2",
    "LECT-REGULARISED",
    "LECT-STEEPEST-ASCENT",
    "LECT-NONCONVEX",
    "LECT-EPOCH",
    "LECT-CONVEX-LOCAL",
    "LECT-MOMENTUM-LOCAL-MIN",
]


def test_backprop_numbers_by_hand():
    # Forward: z = 1/3, σ = 1/3, ŷ = 2/3, L = 4/9.  Backward: dL/dŷ = 4/3,
    # dL/dw₂ = 4/3 · σ = 4/9, dL/dw₁ = 4/3 · w₂ · 1 · x = 8/3.
    g1, g2 = (g.subs(lecture.POINT) for g in lecture.gradient())
    assert (g1, g2) == (Fraction(8, 3), Fraction(4, 9))
    assert np.allclose(checks.network_gradient(np.array([1 / 3, 2.0])), [8 / 3, 4 / 9], rtol=1e-15)


def test_dead_relu_has_zero_gradient():
    assert list(checks.network_gradient(np.array([-1.0, 2.0]))) == [0.0, 0.0]


def test_l1_l2_quoted_numbers_match_hand_values():
    # The claim's quote (verbatim from the slides) must carry the squared norms worked by
    # hand: (3/4)² = 9/16 = 0.5625 and (1/4)² + (1/2)² + (1/4)² = 6/16 = 0.375.
    claims.all()
    quote = claims.get("LECT-L1-L2").source.quote
    l2 = [Fraction(3, 4) ** 2, 2 * Fraction(1, 4) ** 2 + Fraction(1, 2) ** 2]
    assert l2 == [Fraction(9, 16), Fraction(3, 8)]
    assert f"= {float(l2[0])}" in quote and f"= {float(l2[1])}" in quote


@pytest.mark.parametrize("cid", LECT_IDS)
def test_lecture_claims_verify(cid):
    claims.all()
    (outcome,) = verify.verify([cid])
    expected = "erratum" if cid == "LECT-RELU-CONDITION" else "verified"  # the boxed slip
    assert outcome.status == expected, (
        outcome.error,
        [(r.name, r.detail) for r in outcome.routes],
    )


def test_relu_slip_is_a_refuted_rendition_with_severity_slip():
    c = claims.get("LECT-RELU-CONDITION")
    assert c.kind == "printed-formula" and c.severity == "slip"
    proof = c.prove()
    assert proof.printed_holds is False and proof.holds
    assert "x > 0" in c.printed and "z > 0" in c.corrected


def test_relu_condition_is_wrong_in_one_rendition_only(seeds_dir):
    # The rule "one-rendition" needs the other renditions to be right: count them in the seed.
    text = (seeds_dir / claims.get("LECT-RELU-CONDITION").source.seed).read_text("utf-8")
    relu = [line for line in text.splitlines() if r"\sigma = \max(0, z) \Rightarrow" in line]
    wrong = [line for line in relu if r"\text{if } x > 0" in line]
    right = [line for line in relu if r"\text{if } z > 0" in line]
    assert len(wrong) == 1 and len(right) == 3 and len(relu) == 4
