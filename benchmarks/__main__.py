"""``python -m benchmarks [--quick] [--only NAME ...] [--suite] [--json FILE]``: run and print."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from . import colorization, power, rates, scaleout, spectrum, startup, worst_case

BENCHMARKS = {
    "rates": rates.run,
    "power": power.run,
    "colorization": colorization.run,
    "startup": startup.run,
    "scaleout": scaleout.run,
    "worst_case": worst_case.run,
    "spectrum": spectrum.run,
}


def machine() -> dict[str, str]:
    """What the ratios were measured on: cores, CPU, Python, numpy and its BLAS."""
    import numpy as np

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    blas = "unknown"
    try:
        config = np.show_config(mode="dicts")
        info = config["Build Dependencies"]["blas"]
        blas = f"{info.get('name')} {info.get('version')}"
    except Exception:  # noqa: BLE001 - best effort across numpy versions
        pass
    extras = []
    for name in ("scipy", "numba", "dask"):
        try:
            extras.append(f"{name} {__import__(name).__version__}")
        except ImportError:
            extras.append(f"{name} -")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "numpy": f"{np.__version__} (BLAS {blas})",
        "packages": ", ".join(extras),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
        "load average at start": f"{load:.2f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run these only")
    parser.add_argument("--suite", action="store_true", help="also time verify and the tests")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    info = machine()
    for key, value in info.items():
        print(f"# {key}: {value}")
    results = []
    for name in args.only or list(BENCHMARKS):
        start = time.perf_counter()
        fn = BENCHMARKS[name]
        res = fn(quick=args.quick, suite=args.suite) if name == "startup" else fn(quick=args.quick)
        results.append(res)
        print(f"\n## {res.name}  ({time.perf_counter() - start:.1f} s)")
        for label, seconds in res.times.items():
            print(f"  {label:<62} {seconds * 1e3:12.3f} ms")
        for label, value, target, ok in res.ratios:
            mark = {True: "met", False: "NOT MET", None: ""}[ok]
            print(f"  ratio {label:<56} {value:10.3g}  {target:>10} {mark}")
        for note in res.notes:
            print(f"  - {note}")
        sys.stdout.flush()
    if args.json:
        payload = {"machine": info, "quick": args.quick, "results": [r.as_dict() for r in results]}
        args.json.write_text(
            json.dumps(payload, indent=1, allow_nan=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
