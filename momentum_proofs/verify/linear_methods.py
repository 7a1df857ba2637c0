"""Cross-checks of LIN-RADIUS: the generic 2×2 radius as the method engine uses it.

Route ``engine rate~mpmath roots``: for every built-in two-entry method without a
kernel of its own (QHM, triple momentum, robust momentum), the engine's rate (the
committed trace/determinant kernel fed to the generated radius) against the roots of
the characteristic polynomial at 60 digits, at the hard points of
:func:`momentum_proofs.verify.points.method_point` (generic, on and near double roots,
on and near the stability boundary), within the error model's
:func:`~momentum_proofs.verify.error_model.quadratic_radius_tolerance`, with the rounding
of T and D themselves (:func:`~momentum_proofs.verify.error_model.trace_det_errors`).
"""

from __future__ import annotations

import numpy as np

from .. import methods
from . import Route, cross_check
from .error_model import quadratic_radius_tolerance, reference_method_rate, trace_det_errors
from .points import KINDS, NumpySampler, method_point

METHODS = ("qhm", "triple_momentum", "robust_momentum")
PER_KIND = 20


@cross_check("LIN-RADIUS")
def engine_rate_against_mpmath() -> list[Route]:
    routes = []
    for name in METHODS:
        m = methods.get(name)
        sample = NumpySampler(seed=sum(map(ord, name)))
        worst, ok, count = 0.0, True, 0
        for kind in KINDS:
            for _ in range(PER_KIND):
                params, lam, _ = method_point(m, sample, kind)
                got = float(m.rate(lam, **params))
                ref = reference_method_rate(m, params, lam)
                t, d = (float(x) for x in m._compiled_rate.fn(*params.values(), lam))
                err = abs(got - ref)
                ok &= err <= quadratic_radius_tolerance(t, d, *trace_det_errors(m, params, lam))
                worst = max(worst, err / max(ref, np.finfo(float).tiny))
                count += 1
        routes.append(Route(f"engine rate~mpmath roots [{name}]", worst, bool(ok), count))
    return routes
