"""Benchmark 1: the rate kernels against hand-written numpy, batched eigvals and numba.

Candidates per method, all on the same 10⁷ points (α, β, λ) spread over the
valid domain (convergent and divergent):

- ``numeric.rates.<method>``: the default path, input validation included;
- a hand-written numpy closed form (the two-case eigenvalue formula);
- ``np.linalg.eigvals`` of the batched 2×2 iteration matrices, timed on a
  subsample and scaled (it is ~50× slower, and only √ε-accurate near double roots);
- the fused backend (``numeric.sweep.fused``, numba) when numba is installed.
"""

from __future__ import annotations

import numpy as np

from numeric import rates, sweep

from ._timing import Result, interleaved, median_ratio


def _points(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    beta = rng.uniform(0.0, 1.0, n)
    lam = np.exp(rng.uniform(np.log(1e-3), np.log(1e3), n))
    # αλ uniform on (0, 1.2·(2 + 2β)): mostly convergent, some divergent.
    alpha = rng.uniform(1e-6, 1.2, n) * (2 + 2 * beta) / lam
    return alpha, beta, lam


def _hand_heavy_ball(a: np.ndarray, b: np.ndarray, lm: np.ndarray) -> np.ndarray:
    # Roots of σ² − tσ + β: real pair when t² ≥ 4β, else modulus √β.
    t = 1.0 + b - a * lm
    d = t * t - 4.0 * b
    return np.where(d >= 0, (np.abs(t) + np.sqrt(np.maximum(d, 0.0))) / 2, np.sqrt(b))


def _hand_nesterov(a: np.ndarray, b: np.ndarray, lm: np.ndarray) -> np.ndarray:
    # Roots of σ² − (1 + β)(1 − αλ)σ + β(1 − αλ).
    s = 1.0 - a * lm
    t = (1.0 + b) * s
    c = b * s
    d = t * t - 4.0 * c
    return np.where(d >= 0, (np.abs(t) + np.sqrt(np.maximum(d, 0.0))) / 2, np.sqrt(np.abs(c)))


def _hand_gd(a: np.ndarray, lm: np.ndarray) -> np.ndarray:
    return np.abs(1.0 - a * lm)


def _matrices(method: str, a, b, lm) -> np.ndarray:
    s = 1.0 - a * lm
    if method == "heavy_ball":
        rows = [[b, lm], [-a * b, s]]
    elif method == "nesterov":
        rows = [[b * s, -a * lm], [b * s, s]]
    else:
        return s[:, None, None]
    return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)


def _eigvals_rate(method: str, a, b, lm) -> np.ndarray:
    return np.abs(np.linalg.eigvals(_matrices(method, a, b, lm))).max(axis=-1)


def run(quick: bool = False) -> Result:
    n = 100_000 if quick else 10_000_000
    m = 10_000 if quick else 200_000  # eigvals subsample
    repeat = 3 if quick else 7
    a, b, lm = _points(n)
    res = Result(f"rates: rate kernels on {n:.0e} points")
    methods = {
        "heavy_ball": (lambda: rates.heavy_ball(a, b, lm), lambda: _hand_heavy_ball(a, b, lm)),
        "gradient_descent": (lambda: rates.gradient_descent(a, lm), lambda: _hand_gd(a, lm)),
    }
    if hasattr(rates, "nesterov"):
        methods["nesterov"] = (lambda: rates.nesterov(a, b, lm), lambda: _hand_nesterov(a, b, lm))
    else:
        res.notes.append("numeric.rates.nesterov is not there yet: skipped")
    try:
        import numba  # noqa: F401

        have_numba = True
    except ImportError:
        have_numba = False
        res.notes.append("numba not installed: fused backend skipped (pip install '.[fast]')")
    for method, (ours, hand) in methods.items():
        sub = (a[:m], b[:m], lm[:m])
        candidates = {
            "ours": ours,
            "hand": hand,
            "eigvals": lambda sub=sub, method=method: _eigvals_rate(method, *sub),
        }
        args = (a, lm) if method == "gradient_descent" else (a, b, lm)
        if have_numba:
            fused = sweep.fused(f"{method}_rate")
            candidates["fused"] = lambda fused=fused, args=args: fused(*args)
        t = interleaved(candidates, repeat)
        scale = n / m
        res.times[f"{method}: numeric.rates (validated)"] = min(t["ours"])
        res.times[f"{method}: hand-written numpy"] = min(t["hand"])
        res.times[f"{method}: np.linalg.eigvals (scaled from {m:.0e})"] = min(t["eigvals"]) * scale
        # Targets on the best round of each (the conservative comparison: unchunked
        # numpy pays for page faults on its large temporaries, more so when the
        # machine is busy); the median of per-round ratios is shown beside it.
        best = {name: min(ts) for name, ts in t.items()}
        r_hand = best["hand"] / best["ours"]
        r_eig = best["eigvals"] * scale / best["ours"]
        res.ratio(f"{method}: hand-written / numeric.rates", r_hand, ">= 0.8", r_hand >= 0.8)
        res.ratio(f"{method}: eigvals / numeric.rates", r_eig, ">= 30", r_eig >= 30)
        res.ratio(
            f"{method}: eigvals / hand-written", best["eigvals"] * scale / best["hand"], "(info)"
        )
        res.ratio(
            f"{method}: hand-written / numeric.rates, median of rounds",
            median_ratio(t["hand"], t["ours"]),
            "(info)",
        )
        ref = ours()
        eig = _eigvals_rate(method, *sub)
        res.notes.append(
            f"{method}: max |numeric.rates - eigvals| on the subsample = "
            f"{float(np.max(np.abs(ref[:m] - eig))):.2e} (eigvals is √ε-accurate at double roots)"
        )
        if have_numba:
            res.times[f"{method}: fused numba"] = min(t["fused"])
            r_fused = best["ours"] / best["fused"]
            res.ratio(f"{method}: numeric.rates / fused numba", r_fused, ">= 3", r_fused >= 3)
            diff = float(np.max(np.abs(fused(*args) - ref)))
            res.notes.append(f"{method}: max |fused - numeric.rates| = {diff:.2e}")
    res.notes.append(
        f"{repeat} interleaved rounds; times and target ratios from each one's best round"
    )
    return res
