"""Benchmark 4: import cost of ``numeric`` against numpy, and the project's own commands timed.

Each import is timed in a fresh interpreter (``python -c "import X"``), several
times, interleaved, and the medians compared: target ``import numeric`` ≤ 1.2 ×
``import numpy``.  With ``--suite`` the full ``momentum-proofs verify`` and the
test suite are timed too (minutes, so not by default).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from ._timing import Result

ROOT = Path(__file__).resolve().parents[1]


def _fresh(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True)
    return time.perf_counter() - start


def _command(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, proc.returncode


def run(quick: bool = False, suite: bool = False) -> Result:
    rounds = 3 if quick else 11
    res = Result("startup: import cost and the project's commands")
    timings: dict[str, list[float]] = {"python": [], "numpy": [], "numeric": []}
    statements = {"python": "pass", "numpy": "import numpy", "numeric": "import numeric"}
    for _ in range(rounds):
        for name, statement in statements.items():
            timings[name].append(_fresh(statement))
    med = {name: statistics.median(ts) for name, ts in timings.items()}
    for name, value in med.items():
        res.times[f"python -c '{statements[name]}' (median of {rounds})"] = value
    ratio = med["numeric"] / med["numpy"]
    res.ratio("import numeric / import numpy (whole process)", ratio, "<= 1.2", ratio <= 1.2)
    net = (med["numeric"] - med["python"]) / max(med["numpy"] - med["python"], 1e-9)
    res.ratio("same, interpreter start-up subtracted", net, "(info)")
    if suite:
        for label, args in {
            "momentum-proofs verify": [sys.executable, "-m", "momentum_proofs.cli", "verify"],
            "python -m pytest -q (whole suite)": [sys.executable, "-m", "pytest", "-q", "-x"],
        }.items():
            seconds, code = _command(args)
            res.times[label] = seconds
            res.notes.append(f"{label}: exit code {code}, {seconds:.1f} s")
    else:
        res.notes.append("verify and the test suite not timed (pass --suite)")
    return res
