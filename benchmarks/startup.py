"""Benchmark 4: start-up of ``numeric`` and of the quick commands against numpy.

Each candidate runs in a fresh process, several times, interleaved, and the medians
are compared with ``python -c "import numpy"``: target ``import numeric`` ≤ 1.2 ×,
``momentum-proofs tune --lambda-min 1 --lambda-max 100`` ≤ 1.5 × (the tuned
parameters come from generated kernels: no sympy), and ``momentum-proofs analyse
heavy_ball`` for information (its text comes from the built-in method's card).  With
``--suite`` the full ``momentum-proofs verify`` and the test suite are timed too
(minutes, so not by default).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ._timing import Result

ROOT = Path(__file__).resolve().parents[1]


def _fresh(args: list[str], cpu: list[float] | None = None) -> float:
    """Wall time of one run; its CPU time (user + system) appended to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def _console_script() -> list[str]:
    """The installed ``momentum-proofs`` script beside this interpreter, as a user runs it
    (or ``python -m momentum_proofs.cli`` when the package is not installed)."""
    script = Path(sys.executable).parent / "momentum-proofs"
    return [str(script)] if script.exists() else [sys.executable, "-m", "momentum_proofs.cli"]


def _command(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, proc.returncode


def run(quick: bool = False, suite: bool = False) -> Result:
    rounds = 3 if quick else 11
    res = Result("startup: import cost and the project's commands")
    cli = _console_script()
    commands = {
        "python -c 'pass'": [sys.executable, "-c", "pass"],
        "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
        "python -c 'import numeric'": [sys.executable, "-c", "import numeric"],
        "momentum-proofs tune --lambda-min 1 --lambda-max 100": [
            *cli,
            *"tune --lambda-min 1 --lambda-max 100".split(),
        ],
        "momentum-proofs analyse heavy_ball": [*cli, "analyse", "heavy_ball"],
    }
    timings: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            timings[name].append(_fresh(args, cpu[name]))
    med = {name: statistics.median(ts) for name, ts in timings.items()}
    for name, value in med.items():
        res.times[f"{name} (median of {rounds})"] = value
    python, numpy = med["python -c 'pass'"], med["python -c 'import numpy'"]
    ratio = med["python -c 'import numeric'"] / numpy
    res.ratio("import numeric / import numpy (whole process)", ratio, "<= 1.2", ratio <= 1.2)
    net = (med["python -c 'import numeric'"] - python) / max(numpy - python, 1e-9)
    res.ratio("same, interpreter start-up subtracted", net, "(info)")
    tune_name = "momentum-proofs tune --lambda-min 1 --lambda-max 100"
    tune = med[tune_name] / numpy
    res.ratio("momentum-proofs tune / import numpy (whole process)", tune, "<= 1.5", tune <= 1.5)
    # CPU time is what the process itself spent: on a busy machine wall time also
    # counts the wait for a core, which inflates both sides by about the same amount.
    tune_cpu = min(cpu[tune_name]) / min(cpu["python -c 'import numpy'"])
    res.ratio("same, CPU time (best of the rounds)", tune_cpu, "(info)")
    analyse = med["momentum-proofs analyse heavy_ball"] / numpy
    res.ratio("momentum-proofs analyse heavy_ball / import numpy", analyse, "(info)")
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
