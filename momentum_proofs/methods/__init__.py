"""Methods as data: any stationary linear first-order method in, its analysis out.

A method is given by its update on one eigencomponent of a quadratic, as a spec
(:mod:`~momentum_proofs.methods.spec`: a TOML file or a mapping) or as one of the
built-in specs below; :class:`~momentum_proofs.methods.engine.Method` derives its
iteration matrix, characteristic polynomial and stability conditions with sympy.

>>> from momentum_proofs import methods
>>> methods.names()
['gradient_descent', 'heavy_ball', 'nesterov', 'qhm', 'robust_momentum', 'triple_momentum']
>>> methods.get("qhm").parameters
('alpha', 'beta', 'nu')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Method

# Method and SpecError are importable from here but documented where they are defined.
# They load sympy, so they are imported on first use: ``momentum_proofs.methods.card``
# (what ``analyse`` shows of a built-in method, generated) needs neither.
__all__ = ["BUILTIN", "ENGINE_KERNELS", "builtin_spec", "from_spec", "get", "names", "register"]


def __getattr__(name: str) -> Any:
    if name == "Method":
        from .engine import Method

        return Method
    if name == "SpecError":
        from .spec import SpecError

        return SpecError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The built-in methods, each defined by ``SPEC`` in the module of the same name (with
#: that method's claims); parameter names are part of the interface.
BUILTIN: tuple[str, ...] = (
    "gradient_descent",
    "heavy_ball",
    "nesterov",
    "qhm",
    "triple_momentum",
    "robust_momentum",
)


#: Built-in methods whose rate the engine evaluates from their generated trace and
#: determinant (numeric/_generated/<name>.py, printed by codegen from the derived R) and
#: the radius of claim LIN-RADIUS; the others have hand-proven kernels of their own.
ENGINE_KERNELS: tuple[str, ...] = ("qhm", "triple_momentum", "robust_momentum")


def builtin_spec(name: str) -> dict:
    """The spec of a built-in method, read from its module's ``SPEC``."""
    import importlib

    return dict(importlib.import_module(f"momentum_proofs.{name}").SPEC)


_REGISTERED: dict[str, Method] = {}


def _plugins() -> dict:
    """Methods that installed packages add (entry-point group ``momentum_proofs.methods``).

    Each entry point loads a :class:`Method` or a spec mapping.
    """
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group="momentum_proofs.methods")}


def names() -> list[str]:
    """Every method's name: built-in, from installed plug-ins, and registered this session."""
    return sorted({*BUILTIN, *_REGISTERED, *_plugins()})


def get(name: str) -> Method:
    """The method called ``name``; ``KeyError`` naming the known ones otherwise."""
    from .engine import Method
    from .spec import load

    if name in _REGISTERED:
        return _REGISTERED[name]
    plugins = _plugins()
    if name in plugins and name not in BUILTIN:
        loaded = plugins[name].load()
        method = (
            loaded
            if isinstance(loaded, Method)
            else Method(load(loaded), source=plugins[name].value)
        )
        _REGISTERED[name] = method
        return method
    if name in BUILTIN:
        method = Method(load({"name": name, **builtin_spec(name)}), source="built-in")
        _REGISTERED[name] = method
        return method
    raise KeyError(f"unknown method {name!r}; known: {', '.join(names())}")


def from_spec(source: str | Path | Mapping) -> Method:
    """A method from a TOML spec file or a mapping (see :mod:`.spec`)."""
    from .engine import Method
    from .spec import load

    method = Method(load(source), source=str(source) if not isinstance(source, Mapping) else "")
    method.iteration_matrix()  # derive now, so a circular _next is refused here
    return method


def register(method: Method) -> Method:
    """Add a user method for this session (it replaces one of the same name)."""
    _REGISTERED[method.name] = method
    return method
