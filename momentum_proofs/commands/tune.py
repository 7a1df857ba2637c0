"""``momentum-proofs tune --lambda-min A --lambda-max B [--json]`` or ``tune --matrix FILE``."""

from __future__ import annotations

import argparse

from . import UsageError, positive_float, print_json

NAME = "tune"
HELP = (
    "optimal step size and momentum per method for a curvature range "
    "(--lambda-min/--lambda-max) or a matrix file (--matrix FILE.npy|.mtx)"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lambda-min", metavar="A", help="smallest Hessian eigenvalue (> 0)")
    p.add_argument("--lambda-max", metavar="B", help="largest Hessian eigenvalue (>= A)")
    p.add_argument(
        "--matrix",
        metavar="FILE",
        help="symmetric positive-definite matrix as .npy (no pickles) or Matrix Market .mtx",
    )
    p.add_argument(
        "--method",
        action="append",
        metavar="NAME",
        help="a method to tune (repeatable; default: gradient_descent, heavy_ball, nesterov; "
        "see `momentum-proofs analyse --help` for the engine's methods)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    given = args.lambda_min is not None or args.lambda_max is not None
    if args.matrix is not None and given:
        raise UsageError("give either --matrix or --lambda-min/--lambda-max, not both")
    if args.matrix is None:
        if args.lambda_min is None or args.lambda_max is None:
            raise UsageError("give --lambda-min and --lambda-max (or --matrix FILE)")
        lo = positive_float("--lambda-min", args.lambda_min)
        hi = positive_float("--lambda-max", args.lambda_max)
        if lo > hi:
            raise UsageError(
                f"--lambda-min must be <= --lambda-max; got {args.lambda_min} > {args.lambda_max}"
            )
        from ..tune import tune

        try:
            result = tune(lo, hi)
        except ValueError as exc:
            raise UsageError(str(exc).replace("lambda_", "--lambda-")) from None
    else:
        from ..tune import tune_matrix

        try:
            result = tune_matrix(args.matrix)
        except (ValueError, TypeError, OSError, MemoryError) as exc:
            message = " ".join(str(exc).split()) or type(exc).__name__
            raise UsageError(f"--matrix: {message}") from None
    if args.method:
        result = _with_methods(result, args.method)
    if args.json:
        print_json(result.as_json())
    else:
        _print_table(result)
    return 0


def _with_methods(result, names: list[str]):
    """The tuning restricted to (or extended by) the named methods of the engine."""
    import dataclasses
    import math

    from .. import methods

    out = {}
    for name in names:
        if name in result.methods:
            out[name] = result.methods[name]
            continue
        if name not in methods.names():
            raise UsageError(
                f"--method: unknown method {name!r}; known: {', '.join(methods.names())}"
            )
        method = methods.get(name)
        tuned = method.tune(result.lambda_min, result.lambda_max)
        rho = tuned.rate
        torch, note = method.torch_settings(**tuned.parameters)
        out[name] = {
            **{k: tuned.parameters[k] for k in ("alpha", "beta") if k in tuned.parameters},
            "parameters": tuned.parameters,
            "rate": rho,
            "iterations_per_decade": (
                0.0 if rho == 0 else (math.log(10) / -math.log(rho) if rho < 1 else None)
            ),
            "how": tuned.how,
            "torch": torch,
            "torch_note": note,
        }
    return dataclasses.replace(result, methods=out)


def _print_table(result) -> None:
    where = "given"
    if result.spectrum is not None:
        s = result.spectrum
        where = f"from {s['file'] or 'matrix'} (n = {s['n']}, {s['method']})"
    print(
        f"bounds used: lambda_min = {result.lambda_min:.17g}, "
        f"lambda_max = {result.lambda_max:.17g} ({where}); kappa = {result.kappa:.17g}"
    )
    rows = [("method", "alpha", "beta", "rate", "iter/decade", "torch.optim.SGD")]
    for name, m in result.methods.items():
        t = m["torch"]
        n = m["iterations_per_decade"]
        rows.append(
            (
                name,
                f"{m['alpha']:.10g}" if "alpha" in m else "-",
                f"{m['beta']:.10g}" if "beta" in m else "-",
                f"{m['rate']:.10g}",
                "diverges" if n is None else f"{n:.6g}",
                "none (see --json)"
                if t is None
                else f"lr={t['lr']:.10g}, momentum={t['momentum']:.10g}, nesterov={t['nesterov']}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
