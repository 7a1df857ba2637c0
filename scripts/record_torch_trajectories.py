"""Record ``torch.optim.SGD`` trajectories into ``tests/fixtures/torch_trajectories.json``.

The fixture lets the tests compare :func:`numeric.simulate.nesterov` (Bengio form)
and :func:`numeric.simulate.heavy_ball` with PyTorch's optimiser without torch
installed.  Run it (torch is optional and never part of the ``test`` extra)::

    pip install torch==2.13.0   # the CPU build; never a bare `pip install torch`
    python scripts/record_torch_trajectories.py

Each case holds the problem (a quadratic ½wᵀAw − bᵀw, or a mean logistic loss on
data X, y), the start w0, the optimiser's ``lr``, ``momentum`` and ``nesterov``
(``dampening=0``, ``weight_decay=0``), and the recorded parameters after every
step, all in float64.  Gradients come from torch's autograd of the loss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "torch_trajectories.json"


#: the spectrum and seed of each random SPD matrix: A = Q diag(λ) Qᵀ, where Q is the
#: orthogonal factor (diag R > 0) of a seeded Gaussian matrix.  The tests rebuild A
#: from these in mpmath, because the float A depends on the BLAS/LAPACK kernels.
SPD_SOURCES: dict[str, tuple[list[float], int]] = {
    "spd3": ([0.05, 0.5, 2.0], 1),
    "spd4": ([1.0, 5.0, 40.0, 100.0], 2),
}


def gaussian(n: int, seed: int) -> np.ndarray:
    """The seeded n×n standard normal matrix whose QR factor rotates the spectrum."""
    return np.random.default_rng(seed).standard_normal((n, n))


def _spd(source: str) -> np.ndarray:
    eigenvalues, seed = SPD_SOURCES[source]
    q, r = np.linalg.qr(gaussian(len(eigenvalues), seed))
    q = q * np.sign(np.diag(r))
    a = (q * np.asarray(eigenvalues)) @ q.T
    return (a + a.T) / 2


def _cases() -> list[dict]:
    kappa = 100.0
    root = np.sqrt(3 * kappa + 1)
    rng = np.random.default_rng(7)
    X = rng.standard_normal((30, 3))
    y = np.where(rng.random(30) < 0.5, -1.0, 1.0)
    # The same problem, step and momentum under both optimisers.
    spd3 = {
        "name": "spd3_nesterov",
        "kind": "quadratic",
        "A": _spd("spd3").tolist(),
        "b": [0.5, 1.0, -1.0],
        "w0": [1.0, -1.0, 2.0],
        "lr": 0.4,
        "momentum": 0.5,
        "nesterov": True,
        "steps": 80,
    }
    return [
        {
            "name": "diag2_nesterov",
            "kind": "quadratic",
            "A": [[1.0, 0.0], [0.0, 10.0]],
            "b": [1.0, 1.0],
            "w0": [0.0, 0.0],
            "lr": 0.1,
            "momentum": 0.9,
            "nesterov": True,
            "steps": 60,
        },
        spd3,
        {**spd3, "name": "spd3_heavy_ball", "nesterov": False},
        {
            "name": "spd4_nesterov_minimax_kappa100",
            "kind": "quadratic",
            "A": _spd("spd4").tolist(),
            "b": [1.0, 0.0, -1.0, 2.0],
            "w0": [0.0, 0.0, 0.0, 0.0],
            "lr": float(4 / (3 * kappa + 1)),
            "momentum": float((root - 2) / (root + 2)),
            "nesterov": True,
            "steps": 120,
        },
        {
            "name": "logistic_nesterov",
            "kind": "logistic",
            "X": X.tolist(),
            "y": y.tolist(),
            "w0": [2.0, -1.0, 0.5],
            "lr": 1.0,
            "momentum": 0.8,
            "nesterov": True,
            "steps": 100,
        },
    ]


def _record(case: dict, torch) -> list[list[float]]:
    p = torch.tensor(case["w0"], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD(
        [p], lr=case["lr"], momentum=case["momentum"], nesterov=case["nesterov"], dampening=0.0
    )
    if case["kind"] == "quadratic":
        A = torch.tensor(case["A"], dtype=torch.float64)
        b = torch.tensor(case["b"], dtype=torch.float64)

        def loss_fn():
            return 0.5 * p @ (A @ p) - b @ p
    else:
        X = torch.tensor(case["X"], dtype=torch.float64)
        y = torch.tensor(case["y"], dtype=torch.float64)

        def loss_fn():
            return torch.nn.functional.softplus(-y * (X @ p)).mean()

    out = [p.detach().clone().tolist()]
    for _ in range(case["steps"]):
        opt.zero_grad()
        loss_fn().backward()
        opt.step()
        out.append(p.detach().clone().tolist())
    return out


def main() -> int:
    try:
        import torch
    except ImportError:
        print("torch is not installed: pip install torch==2.13.0", file=sys.stderr)
        return 1
    cases = _cases()
    for case in cases:
        case["trajectory"] = _record(case, torch)
    payload = {
        "torch_version": torch.__version__,
        "dtype": "float64",
        "optimizer": "torch.optim.SGD(dampening=0, weight_decay=0)",
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, indent=1, allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(cases)} cases, torch {torch.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
