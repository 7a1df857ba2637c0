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
