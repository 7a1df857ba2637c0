"""The claims of momentum_proofs/heavy_ball.py verify in the run, with the verdicts stated here.

The numeric properties of these claims' kernels are tested where the kernels are used
(tests/test_rates.py, tests/test_closed_form.py, tests/test_error_model.py); this file
is the family module's mirror: every claim it defines, and its expected verdict.
"""

from __future__ import annotations

import pytest

from momentum_proofs import claims, verify

MODULE = "momentum_proofs.heavy_ball"
IDS = sorted(c.id for c in claims.all() if c.prove.__module__ == MODULE)
ERRATA = set()  # the printed Rᵏ and Qᵀ errata live in heavy_ball_printed


@pytest.mark.parametrize("cid", IDS)
def test_claim_verdict(cid):
    (o,) = verify.verify([cid])
    assert o.status == ("erratum" if cid in ERRATA else "verified"), (o.error, o.routes)
    assert o.evidence == "symbolic"


def test_the_module_holds_its_claims():
    assert set(ERRATA) <= set(IDS) and IDS
