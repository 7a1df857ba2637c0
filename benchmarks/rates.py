"""Benchmark 1: the rate kernels against the memory bandwidth, hand-written numpy and eigvals.

Candidates per method, all on the same 10⁷ points (α, β, λ) spread over the valid
domain (convergent and divergent), run in interleaved rounds:

- ``numeric.rates.<method>`` as a user calls it (``backend="auto"``: numba when it is
  installed and the input is large, :mod:`numeric.backends`), input checks included;
- the same with ``backend="numpy"`` (the generated straight-line numpy kernel in
  cache-sized chunks);
- a hand-written numpy closed form (the two-case eigenvalue formula);
- ``np.linalg.eigvals`` of the batched 2×2 iteration matrices, timed on a subsample
  and scaled (it is ~50× slower, and only √ε-accurate near double roots).

Hardware references, measured in the same process and rounds: the memory bandwidth of
a streaming kernel (numpy copy, 16 bytes per element; numpy add, 24; a numba triad
a = b + s·c, 24, when numba is installed; the best of them), against which each rate
function's bytes per second (8 per input and 8 per output element: 32 for heavy ball
and Nesterov, 24 for gradient descent) are reported; and the throughput of square
roots and divisions on data in cache (numpy's vectorized loops).  The printed kernel's
square roots and divisions per point (counted in its source) set a ceiling of their
own; where it is below the bandwidth's, they bind, and the rate function's points
per second are reported against it too.
"""

from __future__ import annotations

import numpy as np

from numeric import backends, rates

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


def _streams(n: int) -> dict[str, tuple[object, int]]:
    """Streaming kernels over n float64 elements: (callable, bytes moved per element)."""
    x, y, z = np.full(n, 1.0), np.full(n, 2.0), np.empty(n)
    kernels: dict[str, tuple[object, int]] = {
        "numpy copy": (lambda: np.copyto(z, x), 16),
        "numpy add": (lambda: np.add(x, y, out=z), 24),
    }
    if "numba" in backends.installed():
        import numba

        @numba.njit(nogil=True)
        def triad(a, b, c, s):  # STREAM's triad: a = b + s·c
            for i in range(a.size):
                a[i] = b[i] + s * c[i]

        triad(z, x, y, 3.0)
        kernels["numba triad"] = (lambda: triad(z, x, y, 3.0), 24)
    return kernels


def _root_and_division_counts(method: str) -> tuple[int, int]:
    """Square roots and divisions per point of the printed kernel (its scalar twin)."""
    import ast
    import inspect

    from numeric._generated import fused

    tree = ast.parse(inspect.getsource(getattr(fused, f"{method}_rate")))
    nodes = list(ast.walk(tree))
    roots = sum(isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "sqrt" for n in nodes)
    divisions = sum(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) for n in nodes)
    return roots, divisions


def _arithmetic() -> dict[str, tuple[object, int]]:
    """√ and ÷ on 2¹⁴ values in cache, 64 times per call: their throughput, no memory."""
    size, repeat = 1 << 14, 64
    x = np.random.default_rng(2).uniform(1.0, 2.0, size)
    y, z = x[::-1].copy(), np.empty(size)

    def roots() -> None:
        for _ in range(repeat):
            np.sqrt(x, out=z)

    def divisions() -> None:
        for _ in range(repeat):
            np.divide(x, y, out=z)

    return {"sqrt in cache": (roots, size * repeat), "divide in cache": (divisions, size * repeat)}


def run(quick: bool = False) -> Result:
    n = 100_000 if quick else 10_000_000
    m = 10_000 if quick else 200_000  # eigvals subsample
    repeat = 3 if quick else 7
    a, b, lm = _points(n)
    auto = backends.choose("auto", n)
    res = Result(f"rates: rate kernels on {n:.0e} points (backend='auto' is {auto} here)")
    if "numba" not in backends.installed():
        res.notes.append("numba not installed: the numpy path only (pip install '.[fast]')")
    streams = _streams(n)
    arithmetic = _arithmetic()
    methods = {
        "heavy_ball": ((a, b, lm), 32, lambda: _hand_heavy_ball(a, b, lm)),
        "gradient_descent": ((a, lm), 24, lambda: _hand_gd(a, lm)),
        "nesterov": ((a, b, lm), 32, lambda: _hand_nesterov(a, b, lm)),
    }
    bandwidth = fresh_bandwidth = per_root = per_division = 0.0
    for method, (args, nbytes, hand) in methods.items():
        fn = getattr(rates, method)
        sub = tuple(x[:m] for x in (a, b, lm))
        into = np.empty(n)
        candidates = {
            "auto": lambda fn=fn, args=args: fn(*args),
            "auto, out=": lambda fn=fn, args=args, into=into: fn(*args, out=into),
            "numpy": lambda fn=fn, args=args: fn(*args, backend="numpy"),
            "hand": hand,
            "eigvals": lambda sub=sub, method=method: _eigvals_rate(method, *sub),
        }
        if method == "heavy_ball":  # the hardware references, in the same rounds
            candidates.update({name: f for name, (f, _) in streams.items()})
            candidates.update({name: f for name, (f, _) in arithmetic.items()})
            candidates["numpy add, new output"] = lambda: np.add(a, lm)
        t = interleaved(candidates, repeat)
        best = {name: min(ts) for name, ts in t.items()}
        if method == "heavy_ball":
            by_stream = {name: per * n / best[name] for name, (_, per) in streams.items()}
            stream, bandwidth = max(by_stream.items(), key=lambda kv: kv[1])
            for name, value in by_stream.items():
                res.times[f"bandwidth reference: {name}"] = best[name]
                res.notes.append(f"memory bandwidth, {name}: {value / 1e9:.2f} GB/s")
            res.notes.append(
                f"reference bandwidth (the best): {stream}, {bandwidth / 1e9:.2f} GB/s"
            )
            # A rate function returns a new array, whose pages the system must map and
            # zero on first write; the same add into a new array shows that cost.
            fresh_bandwidth = 24 * n / best["numpy add, new output"]
            res.notes.append(
                f"numpy add into a new array (what a function returning one pays): "
                f"{fresh_bandwidth / 1e9:.2f} GB/s"
            )
            per_root, per_division = (best[k] / count for k, (_, count) in arithmetic.items())
            res.notes.append(
                f"in cache: {per_root * 1e9:.3f} ns per square root, "
                f"{per_division * 1e9:.3f} ns per division (numpy's vectorized loops)"
            )
        scale = n / m
        res.times[f"{method}: numeric.rates, backend='auto' ({auto})"] = best["auto"]
        res.times[f"{method}: numeric.rates, backend='auto' ({auto}), out="] = best["auto, out="]
        res.times[f"{method}: numeric.rates, backend='numpy'"] = best["numpy"]
        res.times[f"{method}: hand-written numpy"] = best["hand"]
        res.times[f"{method}: np.linalg.eigvals (scaled from {m:.0e})"] = best["eigvals"] * scale
        # Bytes per second against the bandwidth measured above (the streaming kernels
        # write into arrays they reuse, so the rate function is timed writing into an
        # array it reuses too: out=); and, where the kernel's square roots and divisions
        # alone take longer than moving its bytes, against their throughput, which then
        # bounds it.  The call returning a new array is reported beside it.
        speed = nbytes * n / best["auto, out="]
        fresh_speed = nbytes * n / best["auto"]
        roots, divisions = _root_and_division_counts(method)
        ceiling = 1 / max(roots * per_root + divisions * per_division, 1e-30)  # points/s
        arithmetic_binds = ceiling * nbytes < bandwidth
        of_bandwidth = speed / bandwidth
        of_ceiling = (n / best["auto, out="]) / ceiling
        target = method == "heavy_ball"
        met = of_bandwidth >= 0.5 or (arithmetic_binds and of_ceiling >= 0.5)
        res.ratio(
            f"{method}: bytes/s of numeric.rates ({auto}, out=) / memory bandwidth",
            of_bandwidth,
            ">= 0.5 (or next)" if target else "(info)",
            met if target else None,
        )
        if roots or divisions:
            binds = "√/÷ bind" if arithmetic_binds else "memory binds"
            res.ratio(
                f"{method}: points/s / √÷ throughput ({roots} √, {divisions} ÷; {binds})",
                of_ceiling,
                ">= 0.5 if √/÷ bind" if target else "(info)",
                met if target else None,
            )
        allow = (
            f"its {roots} square roots and {divisions} divisions per point alone allow "
            f"{ceiling * nbytes / 1e9:.2f} GB/s"
            if roots or divisions
            else "no square roots or divisions"
        )
        res.notes.append(
            f"{method}: numeric.rates ({auto}) moves {speed / 1e9:.2f} GB/s with out=, "
            f"{fresh_speed / 1e9:.2f} GB/s returning a new array; {allow}"
        )
        res.ratio(
            f"{method}: bytes/s of numeric.rates ({auto}, new array) / memory bandwidth",
            fresh_speed / bandwidth,
            "(info)",
        )
        res.ratio(
            f"{method}: bytes/s of numeric.rates ({auto}, new array) / numpy add into a new array",
            fresh_speed / fresh_bandwidth,
            "(info)",
        )
        numpy_speed = nbytes * n / best["numpy"]
        res.ratio(
            f"{method}: bytes/s of the numpy path / memory bandwidth",
            numpy_speed / bandwidth,
            "(info)",
        )
        # Targets on the best round of each (unchunked numpy pays for page faults on
        # its large temporaries, more so when the machine is busy); the median of
        # per-round ratios is shown beside one of them.
        r_hand = best["hand"] / best["numpy"]
        r_eig = best["eigvals"] * scale / best["numpy"]
        res.ratio(f"{method}: hand-written / numpy path", r_hand, ">= 0.8", r_hand >= 0.8)
        # Gradient descent's "matrix" is 1×1: eigvals there times LAPACK's call overhead,
        # and its kernel is three operations already, so its ratios are information only.
        two_by_two = method != "gradient_descent"
        res.ratio(
            f"{method}: eigvals / numpy path",
            r_eig,
            ">= 30" if two_by_two else "(info: 1×1)",
            (r_eig >= 30) if two_by_two else None,
        )
        res.ratio(
            f"{method}: hand-written / numpy path, median of rounds",
            median_ratio(t["hand"], t["numpy"]),
            "(info)",
        )
        if auto == "numba":
            r_fast = best["numpy"] / best["auto"]
            res.ratio(
                f"{method}: numpy path / numba path",
                r_fast,
                ">= 3" if two_by_two else "(info: 3 operations)",
                (r_fast >= 3) if two_by_two else None,
            )
            same = np.array_equal(
                fn(*args).view(np.uint64), fn(*args, backend="numpy").view(np.uint64)
            )
            res.notes.append(f"{method}: numba and numpy paths bit-identical on all points: {same}")
        ours = fn(*args, backend="numpy")
        eig = _eigvals_rate(method, *sub)
        res.notes.append(
            f"{method}: max |numeric.rates - eigvals| on the subsample = "
            f"{float(np.max(np.abs(ours[:m] - eig))):.2e} (eigvals is √ε-accurate at double roots)"
        )
    res.notes.append(
        f"{repeat} interleaved rounds; times and target ratios from each one's best round"
    )
    return res
