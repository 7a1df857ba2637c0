"""Worst cases over a function class by performance estimation (PEPit), for any method.

A stationary linear first-order method, given as its linear form (the numbers that
:func:`numeric.simulate.run` uses: see
:func:`momentum_proofs.methods.evaluate.linear_form`), is run for N steps on PEPit's
abstract points instead of arrays.  PEPit then poses the exact worst case over every
function of the class (L-smooth and convex; L-smooth and μ-strongly convex; or the
quadratics ½xᵀAx with spectrum in [μ, L]; in any dimension) as a semidefinite program, and a conic solver bounds it from both sides: the
primal value is attained by a worst-case function that the solver built (up to its
feasibility tolerance), the dual value is the bound its multipliers prove (up to the same
tolerance).

This is a numeric route, never a proof: the two values agree only to the solver's
accuracy, which :class:`Estimate` reports as ``gap``.  PEPit comes with the ``test``
extra; without it, :func:`available` is ``False`` and :func:`worst_case` raises
``ModuleNotFoundError`` with the install command.

Sources: A. B. Taylor, J. M. Hendrickx, F. Glineur, "Smooth strongly convex
interpolation and exact worst-case performance of first-order methods", Math. Program.
161, 2017 (the interpolation conditions that make the program exact); B. Goujaud et
al., "PEPit: computer-assisted worst-case analyses of first-order optimization methods
in Python", Math. Program. Comput. 16, 2024 (the package).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: The function classes a worst case can range over.
FUNCTION_CLASSES = ("smooth-strongly-convex", "smooth-convex", "quadratic")
#: What is bounded after N steps (x = the method's iterate).
METRICS = {
    "distance": "‖x_N − x*‖²",
    "function": "f(x_N) − f*",
    "gradient": "‖∇f(x_N)‖²",
}
#: What is normalised to 1 at the start.
INITIAL = {
    "distance": "‖x₀ − x*‖²",
    "function": "f(x₀) − f*",
    "function+distance": "f(x₀) − f* + μ/2‖x₀ − x*‖²",
}


@dataclass(frozen=True)
class Estimate:
    """PEPit's answer: the worst case of a metric after N steps, bounded from both sides.

    ``upper`` is the dual value (the bound PEPit's multipliers give), ``lower`` the
    primal value (the worst function the solver found); ``gap`` is their relative
    difference, the accuracy of the route.  ``value`` is ``upper``.  ``accurate`` is
    ``False`` when the solver stopped at its reduced tolerances.
    """

    steps: int
    value: float
    lower: float
    upper: float
    gap: float
    solver: str
    accurate: bool
    seconds: float
    function_class: str
    metric: str
    initial: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "steps": self.steps,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "gap": self.gap,
            "solver": self.solver,
            "accurate": self.accurate,
            "seconds": self.seconds,
            "function_class": self.function_class,
            "metric": self.metric,
            "initial": self.initial,
        }


def available() -> bool:
    """True iff PEPit and cvxpy can be imported (the ``test`` extra installs both)."""
    return all(importlib.util.find_spec(m) is not None for m in ("PEPit", "cvxpy"))


def _solvers() -> list[str]:
    # Clarabel (an interior-point solver that cvxpy installs) reaches ~1e-8 relative on
    # these programs but can fail on badly scaled ones (N ≳ 20 on quadratics with κ = 100);
    # SCS, a first-order solver, then still answers, to ~1e-5.
    import cvxpy as cp

    return [s for s in ("CLARABEL", "SCS") if s in cp.installed_solvers()]


def _check(mu: float, L: float, steps: int, function_class: str, metric: str, initial: str):
    if function_class not in FUNCTION_CLASSES:
        raise ValueError(f"function_class must be one of {', '.join(FUNCTION_CLASSES)}")
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}; got {metric!r}")
    if initial not in INITIAL:
        raise ValueError(f"initial must be one of {', '.join(INITIAL)}; got {initial!r}")
    if not (math.isfinite(L) and L > 0):
        raise ValueError(f"L must be a finite number > 0; got {L}")
    if function_class == "smooth-convex":
        if mu != 0:
            raise ValueError(f"mu must be 0 for smooth-convex functions; got {mu}")
    elif not (math.isfinite(mu) and 0 < mu < L):
        raise ValueError(f"mu must lie in (0, L) = (0, {L}); got {mu}")
    if not (isinstance(steps, int) and 0 <= steps <= 200):
        raise ValueError(f"steps must be an integer in [0, 200]; got {steps!r}")


def worst_case(
    form: Mapping[str, Any],
    function_class: str,
    mu: float,
    L: float,
    steps: int,
    *,
    metric: str = "distance",
    initial: str = "distance",
    solver: str | None = None,
    output: Sequence[float] | None = None,
) -> Estimate:
    """The worst case of ``metric`` after ``steps`` steps over the class, by PEPit.

    The state starts at rest (each entry its multiple of x₀, as in the linear form), and
    the worst case ranges over every function of the class and every start with the
    ``initial`` quantity at most 1.  ``output`` (weights on the final state's entries)
    measures another combination of the state than the iterate, e.g. triple momentum's
    output point (1 + δ)ξ_N − δξ_{N−1}.

    >>> gd = {"order": [0], "own": np.eye(1), "new": np.zeros((1, 1)), "calls": [[0]],
    ...       "coef": np.array([-1.0]), "arg_own": np.eye(1), "arg_new": np.zeros((1, 1)),
    ...       "start": np.ones(1), "iterate": 0}
    >>> e = worst_case(gd, "smooth-convex", 0.0, 1.0, 1, metric="function")  # doctest: +SKIP
    >>> round(e.value, 6)  # L/(4N + 2) at N = 1 (Drori & Teboulle)  # doctest: +SKIP
    0.166667
    """
    _check(mu, L, steps, function_class, metric, initial)
    if not available():
        raise ModuleNotFoundError(
            "PEPit is not installed: pip install 'momentum-proofs[test]' (or pip install pepit)"
        )
    from PEPit import PEP
    from PEPit.functions import (
        SmoothConvexFunction,
        SmoothStronglyConvexFunction,
        SmoothStronglyConvexQuadraticFunction,
    )

    start = time.perf_counter()
    problem = PEP()
    if function_class == "smooth-convex":
        f = problem.declare_function(SmoothConvexFunction, L=L)
    elif function_class == "quadratic":
        f = problem.declare_function(SmoothStronglyConvexQuadraticFunction, mu=mu, L=L)
    else:
        f = problem.declare_function(SmoothStronglyConvexFunction, mu=mu, L=L)
    xs = f.stationary_point()
    fs = f(xs)
    x0 = problem.set_initial_point()
    if initial == "distance":
        problem.set_initial_condition((x0 - xs) ** 2 <= 1)
    elif initial == "function":
        problem.set_initial_condition(f(x0) - fs <= 1)
    else:
        problem.set_initial_condition(f(x0) - fs + mu / 2 * (x0 - xs) ** 2 <= 1)

    own, new = np.asarray(form["own"], float), np.asarray(form["new"], float)
    coef = np.asarray(form["coef"], float)
    arg_own, arg_new = np.asarray(form["arg_own"], float), np.asarray(form["arg_new"], float)
    d = len(form["start"])

    def combine(w_old, old, w_new, fresh):
        # The starting state is a multiple of x₀, so every combination is a multiple of
        # x₀ plus PEPit expressions: offsets are measured from x* = 0 implicitly by PEPit.
        out = None
        for i in range(d):
            for weight, term in ((w_old[i], old[i]), (w_new[i], fresh[i])):
                if weight != 0:
                    piece = float(weight) * term
                    out = piece if out is None else out + piece
        return 0 * x0 if out is None else out

    state = [float(c) * x0 for c in form["start"]]
    for _ in range(steps):
        fresh: list[Any] = [None] * d
        for j in form["order"]:
            value = combine(own[j], state, new[j], fresh)
            for c in form["calls"][j]:
                value = value + float(coef[c]) * f.gradient(
                    combine(arg_own[c], state, arg_new[c], fresh)
                )
            fresh[j] = value
        state = fresh
    if output is None:
        x = state[int(form["iterate"])]
    else:
        weights = np.asarray(output, float)
        if weights.shape != (d,) or not np.all(np.isfinite(weights)):
            raise ValueError(f"output must be {d} finite weights, one per state entry")
        x = combine(weights, state, np.zeros(d), state)
    if metric == "distance":
        problem.set_performance_metric((x - xs) ** 2)
    elif metric == "function":
        problem.set_performance_metric(f(x) - fs)
    else:
        problem.set_performance_metric(f.gradient(x) ** 2)

    import cvxpy as cp

    names = [solver] if solver else _solvers()
    upper, failures = None, []
    for name in names:
        try:
            with (
                contextlib.redirect_stdout(io.StringIO()),  # PEPit prints even at verbose=0
                warnings.catch_warnings(record=True) as caught,
            ):
                warnings.simplefilter("always")
                upper = problem.solve(wrapper="cvxpy", solver=name, verbose=0)
        except cp.error.SolverError as exc:
            failures.append(f"{name}: {exc}")
            continue
        if upper is not None and math.isfinite(upper):
            upper = float(upper)
            break
        failures.append(f"{name}: no value (status infeasible or unbounded)")
        upper = None
    if upper is None:
        raise RuntimeError(f"PEPit's solvers gave no worst case at N = {steps}: {failures}")
    # cvxpy warns "Solution may be inaccurate" when the solver stopped at its reduced
    # tolerances: kept in the result rather than printed.
    accurate = not any("inaccurate" in str(w.message) for w in caught)
    lower = float(problem.objective.eval())
    scale = max(abs(upper), abs(lower), np.finfo(float).tiny)
    return Estimate(
        steps=steps,
        value=upper,
        lower=lower,
        upper=upper,
        gap=abs(upper - lower) / scale,
        solver=name,
        accurate=accurate,
        seconds=time.perf_counter() - start,
        function_class=function_class,
        metric=metric,
        initial=initial,
    )
