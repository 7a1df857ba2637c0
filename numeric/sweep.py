"""Evaluate the generated kernels over large inputs and parameter grids in bounded memory.

Three ways to run the same proven kernel (printed by :mod:`momentum_proofs.codegen`
into :mod:`numeric._generated`) over many points:

- :func:`evaluate`: elementwise with broadcasting, in chunks of ``chunk_size``
  points.  A kernel is a chain of numpy operations, each of which would
  otherwise allocate a temporary the size of the whole input; in chunks the
  temporaries stay small (and in cache), so memory is bounded by the output plus
  a few chunks, and large inputs evaluate faster.  Every operation is
  elementwise, so the result is bit-for-bit the unchunked one.
- :func:`sweep`: over the outer grid of 1-d axes (α × β × λ …) without forming
  the grid, optionally reducing the last axis (``reduce="max"`` gives the rate on
  a whole spectrum, the worst λ), so a grid far larger than memory can be swept.
- dask arrays: :func:`evaluate` given a ``dask.array`` returns a lazy dask array
  built block by block with the same kernel (each block validated when it is
  computed), for dask's schedulers.  dask is the optional extra ``dask``.

:func:`fused` compiles the scalar twin of a single-output kernel
(``numeric/_generated/fused.py``, printed from the same sympy expression) with
``numba.vectorize`` into one loop with no temporaries; numba is the optional extra
``fast``.  The default install needs numpy only.

Examples
--------
>>> import numpy as np
>>> rho = sweep("heavy_ball_rate", [0.25, 0.5], [0.0, 0.25], [1.0], chunk_size=2)
>>> print(rho[:, :, 0])
[[0.75 0.5 ]
 [0.5  0.5 ]]
>>> worst = sweep("heavy_ball_rate", [0.25], [0.25], [0.5, 1.0, 4.0], reduce="max")
>>> print(np.round(worst, 6))   # the smallest λ is the slowest here
[[0.820194]]
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as v

# How the size was chosen (a developer's note, kept out of the API page): on 10⁷ points
# of ``heavy_ball_rate`` (EPYC, 2 cores shared) 2¹² took 136 ms, 2¹³ 121 ms, 2¹⁴ 113 ms,
# 2¹⁵ 252 ms, 2¹⁶ 278 ms on a quiet machine; 221, 208, 251 and 587 ms under a load of
# 7, where less cache is left to each process.
#: The number of points per chunk.  2¹³ float64 values are 64 KiB per array, so a
#: chunk's inputs and the printed kernels' half-dozen buffers stay in cache.
DEFAULT_CHUNK = 1 << 13

# Domains of the kernel arguments, by parameter name (the generated kernels use
# the names of the sympy symbols).
_DOMAINS: dict[str, dict[str, Any]] = {
    "alpha": {"low": 0},
    "beta": {"low": 0, "high": 1, "low_open": False},
    "lam": {"low": 0},
}

_REDUCERS = {"max": np.maximum, "min": np.minimum}


def _generated_modules() -> list[Any]:
    import pkgutil  # only when a kernel is looked up by name: keeps `import numeric` lean

    package = importlib.import_module("numeric._generated")
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__))
    return [importlib.import_module(f"numeric._generated.{n}") for n in names if n != "fused"]


def kernel(name: str, backend: str = "numpy") -> Callable[..., Any]:
    """The generated kernel called ``name``: the numpy one, or the fused compiled one.

    Parameters
    ----------
    name : str
        A kernel of :mod:`numeric._generated` (for example ``"heavy_ball_rate"``).
    backend : {"numpy", "numba"}
        ``"numba"`` compiles the scalar twin (see :func:`fused`).

    Examples
    --------
    >>> print(kernel("gradient_descent_rate")(0.5, 1.0))
    0.5
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a kernel name (str); got {type(name).__name__}")
    if backend == "numba":
        return fused(name)
    if backend != "numpy":
        raise ValueError(f"backend must be 'numpy' or 'numba'; got {backend!r}")
    for module in _generated_modules():
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    raise ValueError(f"name must be a generated kernel; no kernel called {name!r}")


@functools.cache
def fused(name: str) -> Callable[..., Any]:
    """The scalar twin of kernel ``name`` compiled by ``numba.vectorize`` (float64 ufunc).

    Raises ``ImportError`` naming the extra when numba is not installed, and
    ``ValueError`` when ``name`` has no scalar twin (multi-output kernels have none).
    """
    from ._generated import fused as twins

    if name not in twins.__all__:
        raise ValueError(f"name must be one of {sorted(twins.__all__)} for the fused backend")
    try:
        import numba
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the fused backend needs numba: pip install 'momentum-proofs[fast]'"
        ) from None
    import inspect

    fn = getattr(twins, name)
    nargs = len(inspect.signature(fn).parameters)
    signature = f"float64({', '.join(['float64'] * nargs)})"
    return numba.vectorize([signature], nopython=True)(fn)


def _arg_names(fn: Callable[..., Any], nargs: int) -> list[str | None]:
    import inspect  # only for named kernels: keeps `import numeric` lean

    twin = getattr(fn, "py_func", None) or getattr(fn, "__wrapped__", None) or fn
    try:
        names = list(inspect.signature(twin).parameters)
    except (TypeError, ValueError):
        return [None] * nargs
    return (names + [None] * nargs)[:nargs]


def _resolve(kernel_: str | Callable[..., Any]) -> Callable[..., Any]:
    if isinstance(kernel_, str):
        return kernel(kernel_)
    if not callable(kernel_):
        raise TypeError(f"kernel must be a kernel name or a callable; got {type(kernel_).__name__}")
    return kernel_


def _chunk(chunk_size: Any) -> int:
    return v.count("chunk_size", DEFAULT_CHUNK if chunk_size is None else chunk_size, minimum=1)


def _is_dask(x: Any) -> bool:
    array = sys.modules.get("dask.array")
    return array is not None and isinstance(x, array.Array)


def _check(names: Sequence[str | None], args: Sequence[Any]) -> list[np.ndarray]:
    return [
        v.real_array(name or f"argument {i}", a, **_DOMAINS.get(name or "", {}))
        for i, (name, a) in enumerate(zip(names, args, strict=True))
    ]


def evaluate(kernel_: str | Callable[..., Any], *args: Any, chunk_size: int | None = None) -> Any:
    """``kernel_(*args)`` with broadcasting, in chunks of at most ``chunk_size`` points.

    Parameters
    ----------
    kernel_ : str or collections.abc.Callable
        A generated kernel's name, or an elementwise callable on float64 arrays
        returning one array or a tuple of them.
    *args : array_like or dask.array.Array
        Broadcast together.  Arguments named ``alpha``, ``beta``, ``lam`` in the
        kernel's signature are checked against their domains (α > 0, 0 ≤ β < 1,
        λ > 0), others for being finite reals.
    chunk_size : int, optional
        Points per chunk (default :data:`DEFAULT_CHUNK`).  With dask arrays the
        blocks are the arrays' own chunks and this is ignored.

    Returns
    -------
    numpy.ndarray or tuple of numpy.ndarray
        Of the broadcast shape; a lazy dask array when any argument is one.

    Examples
    --------
    >>> print(evaluate("heavy_ball_rate", [0.25, 1.0], 0.25, 1.0, chunk_size=1))
    [0.5 0.5]
    """
    fn = _resolve(kernel_)
    size = _chunk(chunk_size)
    names = _arg_names(fn, len(args))
    if any(_is_dask(a) for a in args):
        return _evaluate_dask(fn, names, args)
    arrays = v.broadcast(**{f"a{i}": a for i, a in enumerate(_check(names, args))})
    return _chunked(fn, arrays, size)


def chunked(
    fn: Callable[..., Any],
    *arrays: np.ndarray,
    chunk_size: int = DEFAULT_CHUNK,
    out: np.ndarray | None = None,
) -> Any:
    """``fn(*arrays)`` in chunks, for arrays already validated and broadcast (no checks).

    The numeric layer's public functions validate, broadcast and then call this,
    so a large input costs no more than the kernel's arithmetic on cached chunks.
    ``out`` (one float64 array of the broadcast shape, for a one-output ``fn``) receives
    the result instead of a new array, so a caller evaluating again and again does not
    pay each time for fresh pages.

    >>> print(chunked(np.add, np.arange(5.0), np.ones(5), chunk_size=2))
    [1. 2. 3. 4. 5.]
    """
    return _chunked(fn, arrays, chunk_size, out)


def _chunked(
    fn: Callable[..., Any],
    arrays: Sequence[np.ndarray],
    size: int,
    out: np.ndarray | None = None,
) -> Any:
    """Evaluate on already validated, broadcast float64 arrays, ``size`` points at a time."""
    shape = arrays[0].shape
    if int(np.prod(shape)) <= size:
        result = _as_float(fn(*arrays), shape)
        if out is None:
            return result
        out[...] = result
        return out
    # nditer walks the broadcast inputs in buffered chunks of at most `size`
    # elements without materialising the broadcast; outputs are allocated once.
    nin = len(arrays)
    first = _as_float(fn(*(a.flat[:1] for a in arrays)), (1,))
    nout = len(first) if isinstance(first, tuple) else 1
    if out is not None and nout != 1:
        raise ValueError("out is for a function with one output")
    it = np.nditer(
        [*arrays, *([None] * nout if out is None else [out])],
        flags=["external_loop", "buffered", "zerosize_ok"],
        op_flags=[["readonly"]] * nin + [["writeonly", "allocate"]] * nout,
        op_dtypes=["float64"] * (nin + nout),
        buffersize=size,
    )
    with it:
        for chunk in it:
            result = fn(*chunk[:nin])
            if nout == 1:
                chunk[nin][...] = result
            else:
                for out, r in zip(chunk[nin:], result, strict=True):
                    out[...] = r
        outs = tuple(it.operands[nin:])
    return outs[0] if nout == 1 else outs


def _as_float(result: Any, shape: tuple[int, ...]) -> Any:
    if isinstance(result, tuple):
        return tuple(np.broadcast_to(np.asarray(r, dtype=np.float64), shape).copy() for r in result)
    return np.broadcast_to(np.asarray(result, dtype=np.float64), shape).copy()


def _evaluate_dask(fn: Callable[..., Any], names: Sequence[str | None], args: Sequence[Any]):
    import dask.array as da

    def block(*blocks: np.ndarray) -> np.ndarray:
        checked = _check(names, blocks)
        out = fn(*v.broadcast(**{f"a{i}": b for i, b in enumerate(checked)}))
        if isinstance(out, tuple):
            raise ValueError("kernel must have one output to run on dask arrays")
        return np.asarray(out, dtype=np.float64)

    arrays = [a if _is_dask(a) else da.from_array(np.asarray(a)) for a in args]
    return da.map_blocks(block, *da.broadcast_arrays(*arrays), dtype=np.float64)


def sweep(
    kernel_: str | Callable[..., Any],
    *axes: ArrayLike,
    chunk_size: int | None = None,
    reduce: str | None = None,
    client: Any = None,
) -> np.ndarray:
    """A kernel over the outer grid of 1-d ``axes``, chunked, optionally reduced over the last.

    ``sweep(k, alpha, beta, lam)`` is ``k(alpha[:, None, None], beta[None, :, None],
    lam[None, None, :])`` of shape ``(len(alpha), len(beta), len(lam))``, evaluated
    ``chunk_size`` points at a time.  With ``reduce="max"`` (or ``"min"``) the last
    axis is reduced chunk by chunk, so only the reduced result is ever held: the
    worst rate over a sampled spectrum for every (α, β), say.

    With ``client`` (a ``dask.distributed.Client``, the optional extra ``dask``) the
    grid is cut along its first axis into blocks, each swept on a worker the same way,
    and the blocks are joined here.  The result is the local one bit for bit: every
    point goes through the same elementwise operations, and a maximum or minimum does
    not depend on the order it is taken in.

    >>> print(sweep("gradient_descent_rate", [0.1, 0.2], [1.0, 5.0, 10.0], reduce="max"))
    [0.9 1. ]
    """
    fn = _resolve(kernel_)
    size = _chunk(chunk_size)
    if not axes:
        raise ValueError("axes must name at least one 1-d axis")
    names = _arg_names(fn, len(axes))
    checked = _check(names, axes)
    for name, axis in zip(names, checked, strict=True):
        if axis.ndim != 1:
            raise ValueError(f"{name or 'axis'} must be a 1-d axis; got shape {axis.shape}")
    if reduce is not None and reduce not in _REDUCERS:
        raise ValueError(f"reduce must be None, 'max' or 'min'; got {reduce!r}")
    shape = tuple(a.size for a in checked)
    if client is not None:
        return _on_cluster(client, kernel_, checked, size, reduce)
    if reduce is None:
        views = [
            a.reshape((1,) * i + (-1,) + (1,) * (len(shape) - i - 1)) for i, a in enumerate(checked)
        ]
        return _chunked(fn, v.broadcast(**{f"a{i}": a for i, a in enumerate(views)}), size)
    return _reduced(fn, checked, shape, size, _REDUCERS[reduce])


#: The number of grid points per task on a cluster, enough that a task's work outweighs
#: its overhead (a few milliseconds per task on a local cluster).
POINTS_PER_TASK = 1 << 22


def _on_cluster(
    client: Any,
    kernel_: str | Callable[..., Any],
    axes: list[np.ndarray],
    size: int,
    reduce: str | None,
) -> np.ndarray:
    """:func:`sweep` with its first axis cut into blocks, one task each on ``client``."""
    submit = getattr(client, "submit", None)
    if not callable(submit):
        raise TypeError(f"client must be a dask.distributed.Client; got {type(client).__name__}")
    first, rest = axes[0], axes[1:]
    per_row = int(np.prod([a.size for a in rest])) if rest else 1
    rows = max(1, min(first.size, POINTS_PER_TASK // max(per_row, 1)))
    # at least one block per worker when the first axis allows it
    workers = max(1, len(getattr(client, "nthreads", dict)() or {}))
    rows = max(1, min(rows, -(-first.size // workers)))
    futures = [
        submit(
            sweep, kernel_, first[i : i + rows], *rest, chunk_size=size, reduce=reduce, pure=False
        )
        for i in range(0, first.size, rows)
    ]
    return np.concatenate(client.gather(futures), axis=0)


def _reduced(fn, axes, shape, size, combine) -> np.ndarray:
    """Blocks of leading grid points × segments of the last axis, combined in place."""
    lead, last = shape[:-1], axes[-1]
    if not lead:  # one axis: a single leading point
        return _reduced(lambda _, x: fn(x), [np.zeros(1), last], (1, last.size), size, combine)[0]
    n_lead = int(np.prod(lead))
    seg = min(last.size, size)
    rows = max(1, size // seg)
    out = np.empty(n_lead)
    for start in range(0, n_lead, rows):
        idx = np.unravel_index(np.arange(start, min(start + rows, n_lead)), lead)
        coords = [a[i][:, None] for a, i in zip(axes[:-1], idx, strict=True)]
        acc = None
        for s in range(0, last.size, seg):
            vals = np.asarray(fn(*coords, last[None, s : s + seg]), dtype=np.float64)
            part = vals.max(axis=1) if combine is np.maximum else vals.min(axis=1)
            acc = part if acc is None else combine(acc, part)
        out[start : start + acc.size] = acc
    return out.reshape(lead)
