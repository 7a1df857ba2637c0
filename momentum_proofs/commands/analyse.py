"""``momentum-proofs analyse METHOD [--set NAME=VALUE]… [--lambda-min A --lambda-max B] [--json]``.

METHOD is a built-in method's name or the path of a spec file (TOML).  The output is
what the method engine derives with sympy: the iteration matrix, the characteristic
polynomial and the stability conditions (Jury's test, for state dimensions 1 and 2),
as LaTeX, and the values given with ``--set``.  For a built-in method these come from
its card (:mod:`momentum_proofs.methods.card`, printed by codegen), so no sympy is
loaded unless a numeric minimax or an N-step worst case is asked for.  With a spectrum [A, B]: the worst
spectral radius over it when every parameter is set (``rate``), otherwise the minimax
tuning of the free ones (``tuning``); and the ``torch.optim.SGD`` and ``optax.sgd``
keywords that iterate the method at those values, or ``null`` with the reason
(``torch``, ``torch_note``, ``optax``, ``optax_note``).
"""

from __future__ import annotations

import argparse
import math
import os

from . import UsageError, positive_float, print_json

NAME = "analyse"
HELP = "derive a method's iteration matrix, characteristic polynomial and stability conditions"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("method", help="a built-in method (see --list) or a spec file (.toml)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="give a parameter a value (repeatable)",
    )
    p.add_argument("--lambda-min", metavar="A", help="smallest eigenvalue of the spectrum")
    p.add_argument("--lambda-max", metavar="B", help="largest eigenvalue of the spectrum")
    p.add_argument(
        "--steps",
        metavar="N|A:B|N,M,...",
        help="with a spectrum and every parameter set: the exact worst case of |x_N/x_0|^2 "
        "over it after N steps from rest (a list or range also reports the peak)",
    )
    p.add_argument(
        "--function-class",
        choices=["smooth-strongly-convex", "smooth-convex"],
        help="with --steps: also PEPit's worst case of ||x_N - x*||^2/||x_0 - x*||^2 over every "
        "function of this class (mu = --lambda-min, or 0 for smooth-convex; L = --lambda-max), "
        "N <= 50; needs the pep extra",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _card(text: str, args: argparse.Namespace):
    """A built-in method's card (no sympy) when it answers everything asked, else None."""
    from ..methods.card import card

    found = card(text)
    if found is None or _registered_elsewhere(text):
        return None
    given = {item.partition("=")[0] for item in args.set}
    free = tuple(p for p in found.parameters if p not in given) if args.lambda_min else ()
    return found if found.can(tune_free=free, steps=args.steps is not None) else None


def _registered_elsewhere(text: str) -> bool:
    """True when this session replaced the built-in method ``text`` (methods.register)."""
    import sys

    methods = sys.modules.get("momentum_proofs.methods")
    registered = getattr(methods, "_REGISTERED", {})
    return text in registered and registered[text].source != "built-in"


def _method(text: str):
    from .. import methods

    if text in methods.names():
        return methods.get(text)
    if not (text.endswith(".toml") or os.sep in text):
        raise UsageError(f"METHOD: unknown method {text!r}; known: {', '.join(methods.names())}")
    if not os.path.isfile(text):
        raise UsageError(f"METHOD: spec file {text!r} not found")
    try:
        return methods.from_spec(text)
    except methods.SpecError as exc:
        raise UsageError(str(exc)) from None


def _over_class(method, function_class: str, lo: float, hi: float, steps, given) -> list:
    from numeric import pep

    if not pep.available():
        raise UsageError("--function-class needs PEPit: pip install 'momentum-proofs[pep]'")
    if max(steps) > 50:
        raise UsageError(
            f"--function-class: N must be <= 50 (PEPit's time grows with N); got {max(steps)}"
        )
    mu = 0.0 if function_class == "smooth-convex" else lo
    return [
        method.worst_case_over_class(function_class, mu, hi, n, **given).as_dict() for n in steps
    ]


def _inside(method, name: str) -> float:
    """Some value inside parameter ``name``'s domain (to check another one alone)."""
    low, high, low_open, _ = method.domain(name)
    if high == math.inf:
        return low + 1.0
    return (low + high) / 2


def _values(items: list[str], parameters: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or name not in parameters:
            raise UsageError(
                f"--set: expected NAME=VALUE with NAME one of {', '.join(parameters)}; got {item!r}"
            )
        try:
            value = float(text)
        except ValueError:
            raise UsageError(f"--set {name}: must be a finite number; got {text!r}") from None
        if not math.isfinite(value):
            raise UsageError(f"--set {name}: must be a finite number; got {text!r}")
        out[name] = value
    return out


MAX_STEPS = 1000
MAX_COUNT = 200


def _steps(text: str | None) -> list[int] | None:
    """``N``, ``A:B`` (inclusive) or ``N,M,...`` as a list of step counts."""
    if text is None:
        return None
    allowed = f"integers in [0, {MAX_STEPS}], at most {MAX_COUNT} of them"
    try:
        if ":" in text:
            a, b = (int(x) for x in text.split(":"))
            values = list(range(a, b + 1))
        else:
            values = [int(x) for x in text.split(",")]
    except ValueError:
        raise UsageError(f"--steps: expected N, A:B or N,M,... ({allowed}); got {text!r}") from None
    if not values or len(values) > MAX_COUNT or not all(0 <= v <= MAX_STEPS for v in values):
        raise UsageError(f"--steps: expected {allowed}; got {text!r}")
    return values


def _bounds(args: argparse.Namespace) -> tuple[float, float] | None:
    if (args.lambda_min is None) != (args.lambda_max is None):
        raise UsageError("--lambda-min and --lambda-max go together")
    if args.lambda_min is None:
        return None
    lo = positive_float("--lambda-min", args.lambda_min)
    hi = positive_float("--lambda-max", args.lambda_max)
    if lo > hi:
        raise UsageError(f"--lambda-min must be <= --lambda-max; got {lo!r} > {hi!r}")
    return lo, hi


def run(args: argparse.Namespace) -> int:
    card = _card(args.method, args)
    method = card if card is not None else _method(args.method)
    given = _values(args.set, method.parameters)
    for name, value in given.items():  # each value inside its domain, as one line
        try:
            method.rate(
                1.0, **{p: value if p == name else _inside(method, p) for p in method.parameters}
            )
        except (ValueError, TypeError) as exc:
            raise UsageError(f"--set {str(exc).splitlines()[0]}") from None
    if card is not None:
        text = card.text
    else:
        from ..methods.card import derived_text

        text = derived_text(method)
    result = {
        "method": method.name,
        "parameters": list(method.parameters),
        "state": list(method.state),
        **text,
        "set": given,
    }
    bounds = _bounds(args)
    steps = _steps(args.steps)
    if steps is not None and (bounds is None or set(given) != set(method.parameters)):
        raise UsageError("--steps needs --lambda-min, --lambda-max and every parameter (--set)")
    if args.function_class and steps is None:
        raise UsageError("--function-class needs --steps")
    params = dict(given)
    if bounds is not None:
        lo, hi = bounds
        try:
            if set(given) == set(method.parameters):
                result["rate"] = method.worst_rate(lo, hi, **given)
                if steps is not None:
                    cases = [method.worst_case(lo, hi, n, **given).as_json() for n in steps]
                    result["worst_case"] = cases[0] if len(cases) == 1 else cases
                    if len(cases) > 1:
                        top = max(cases, key=lambda c: c["value"])
                        result["peak"] = {"steps": top["steps"], "value": top["value"]}
                    if args.function_class:
                        result["pepit"] = _over_class(
                            method, args.function_class, lo, hi, steps, given
                        )
            else:
                tuned = method.tune(lo, hi, **given)
                result["tuning"] = tuned.as_json()
                params = tuned.parameters
        except (ValueError, TypeError) as exc:
            raise UsageError(str(exc).splitlines()[0]) from None
    if set(params) == set(method.parameters):
        torch, note = method.torch_settings(**params)
        result["torch"] = torch
        result["torch_note"] = note
        optax, optax_note = method.optax_settings(**params)
        result["optax"] = optax
        result["optax_note"] = optax_note
    if args.json:
        print_json(result, ensure_ascii=False)
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0
