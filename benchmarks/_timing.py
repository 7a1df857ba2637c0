"""Timing helpers shared by the benchmarks: best-of-n wall time, ratios in one process."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def best_time(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best wall time in seconds of ``number`` calls of ``fn``, over ``repeat`` rounds.

    The minimum is the least noisy estimate of what the code costs on an otherwise
    idle machine (other processes only ever add time); one warm-up call first.
    """
    fn()
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def interleaved(candidates: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Wall times of each candidate, run once per round in turn (after one warm-up each).

    On a shared machine the load drifts; running the candidates back to back in
    every round exposes them to the same drift, so per-round ratios (and their
    median) compare like with like where separate best-of runs may not.
    """
    for fn in candidates.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def median_ratio(num: list[float], den: list[float], scale: float = 1.0) -> float:
    """Median over rounds of num[i]·scale / den[i]."""
    ratios = sorted(scale * x / y for x, y in zip(num, den, strict=True))
    mid = len(ratios) // 2
    return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2


@dataclass
class Result:
    """One benchmark's measured times and the ratios (with their targets) derived from them."""

    name: str
    times: dict[str, float] = field(default_factory=dict)
    ratios: list[tuple[str, float, str, bool | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def ratio(self, label: str, value: float, target: str = "", ok: bool | None = None) -> None:
        self.ratios.append((label, value, target, ok))

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "times_s": self.times,
            "ratios": [
                {"ratio": label, "value": value, "target": target, "met": ok}
                for label, value, target, ok in self.ratios
            ],
            "notes": self.notes,
        }
