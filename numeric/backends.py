"""Which backend evaluates the rate kernels: numpy, or numba when it is installed.

The numpy path (:func:`numeric.rates.heavy_ball` and friends by default on small
inputs) checks its inputs with a few reductions, then runs the generated kernel in
cache-sized chunks: a dozen or two ufunc passes over each chunk.  The numba path
(the optional extra ``fast``: ``pip install 'momentum-proofs[fast]'``) compiles the
scalar twin of the same kernel (``numeric/_numba_rates.py``) into one loop that reads
each input once, checks it, and writes the rate: about 32 bytes of memory traffic
per point against the numpy path's chunked passes.  Both run the same operations in
the same order, without fast-math, so they give the same bits (tested).

``backend="auto"`` (the default) takes numba for inputs of at least
:data:`AUTO_MIN_SIZE` points when numba is installed: below that, numba's one-off
cost in a process (see there) is not repaid.  jax is not used: where numba is installed it is the
faster of the two (FIELD-NOTES), and where it is not, jax would be a heavier
dependency than the one it replaces.

>>> choose("auto", 10) == "numpy"
True
>>> choose("numpy", 10**9)
'numpy'
"""

from __future__ import annotations

import functools
import importlib.util
from types import ModuleType

# Why 2²² (a developer's note, kept out of the API page): numba's one-off start in a
# process took 0.5 to 1.5 s on the development machine (its import, and its first
# compilation, which initialises numba's CPU target and imports scipy.linalg, even with
# the compiled code cached on disk); the numpy path took 0.1 to 0.2 s at this size, so
# the start is repaid within about ten calls, and every later call is faster by the
# ratio the rates benchmark reports.
#: The input size, in points, from which ``backend="auto"`` uses numba when it is
#: installed: 2²², about four million.  Below it, numba's one-off start in a process
#: (its import and first compilation) costs more than it saves.
AUTO_MIN_SIZE = 1 << 22

BACKENDS = ("auto", "numpy", "numba")


@functools.cache
def installed() -> tuple[str, ...]:
    """The backends that can run here: numpy always, numba when it is importable."""
    found = ["numpy"]
    if importlib.util.find_spec("numba") is not None:
        found.append("numba")
    return tuple(found)


def choose(backend: str, size: int) -> str:
    """The backend to run ``size`` points on: ``"numpy"`` or ``"numba"``.

    ``"numba"`` asked for explicitly raises ``ImportError`` naming the extra when numba
    is not installed; ``"auto"`` falls back to numpy.
    """
    if backend not in BACKENDS:
        raise ValueError(
            f"backend must be one of {', '.join(map(repr, BACKENDS))}; got {backend!r}"
        )
    if backend == "numba" and "numba" not in installed():
        raise ImportError("backend 'numba' needs numba: pip install 'momentum-proofs[fast]'")
    if backend == "auto":
        return "numba" if size >= AUTO_MIN_SIZE and "numba" in installed() else "numpy"
    return backend


@functools.cache
def compiled() -> ModuleType:
    """The module ``numeric._numba_rates`` (imports numba and compiles, or loads from its cache)."""
    return importlib.import_module("numeric._numba_rates")
