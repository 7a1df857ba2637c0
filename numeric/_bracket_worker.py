"""One M-matrix bound in a second Python process, so that both bounds use both cores.

:func:`numeric.spectrum.bounds` certifies λ_min and λ_max of a large matrix one after
the other by default; each is one process's work (pyamg's smoothers and scipy's sparse
products hold the GIL, so threads would not help).  :func:`start` hands the λ_max bound
to ``python -m numeric._bracket_worker FILE``: the CSR arrays and the signature go
through a temporary ``.npz`` file, the answer comes back as one JSON line on stdout.
A process is started, not forked or spawned by :mod:`multiprocessing`: spawning
re-imports the caller's main script, which breaks any script without a
``if __name__ == "__main__"`` guard, and forking a process with BLAS threads can
deadlock.

The worker's time limit is the caller's remaining budget, measured on its own clock.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np


class Worker:
    """A running λ_max bound: :meth:`result` waits for it, :meth:`close` ends it."""

    def __init__(self, process: subprocess.Popen, folder: tempfile.TemporaryDirectory) -> None:
        self._process = process
        self._folder = folder

    def result(self) -> Any:
        """The worker's :class:`numeric.mmatrix.Bracket`, or its error raised here."""
        from . import mmatrix

        out, err = self._process.communicate()
        try:
            answer = json.loads(out.strip().splitlines()[-1])
        except (IndexError, ValueError):
            tail = "\n".join(err.strip().splitlines()[-5:])
            raise RuntimeError(
                f"the second process for the largest eigenvalue failed "
                f"(exit code {self._process.returncode}): {tail}"
            ) from None
        if "error" in answer:
            kind = {"TimeLimitError": mmatrix.TimeLimitError}.get(answer["error"], ValueError)
            raise kind(answer["message"])
        return mmatrix.Bracket(answer["certified"], answer["estimate"], answer["steps"])

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._folder.cleanup()


def start(m: Any, signs: np.ndarray, *, rtol: float, deadline: float) -> Worker:
    """Start the λ_max bound of the CSR matrix ``m`` (``signs`` its bipartite signature)."""
    folder = tempfile.TemporaryDirectory(prefix="momentum-proofs-")
    path = Path(folder.name) / "matrix.npz"
    budget = deadline - time.perf_counter()
    np.savez(
        path,
        data=m.data,
        indices=m.indices,
        indptr=m.indptr,
        shape=np.array(m.shape),
        signs=signs,
        settings=np.array([rtol, budget]),
    )
    env = dict(os.environ)
    # the package's own folder first, so the worker imports this very copy of numeric
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    # one BLAS thread unless the user chose: the caller's bound runs on the other core
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    process = subprocess.Popen(
        [sys.executable, "-m", "numeric._bracket_worker", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    return Worker(process, folder)


def main(path: str) -> int:
    from scipy import sparse

    from . import mmatrix

    with np.load(path) as f:
        m = sparse.csr_matrix((f["data"], f["indices"], f["indptr"]), shape=tuple(f["shape"]))
        signs = f["signs"]
        rtol, budget = (float(x) for x in f["settings"])
    deadline = time.perf_counter() + budget if math.isfinite(budget) else math.inf
    try:
        found = mmatrix.bracket(m, signs, upper=True, rtol=rtol, deadline=deadline)
    except ValueError as error:  # TimeLimitError is one
        answer = {"error": type(error).__name__, "message": str(error)}
    else:
        answer = {"certified": found.certified, "estimate": found.estimate, "steps": found.steps}
    print(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
