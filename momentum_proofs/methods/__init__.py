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

from .engine import Method
from .spec import SpecError as SpecError  # re-exported: methods.SpecError
from .spec import load

# Method and SpecError are importable from here but documented where they are defined.
__all__ = ["BUILTIN", "from_spec", "get", "names", "register"]

#: The built-in methods' specs (parameter names are part of the interface).
BUILTIN: dict[str, dict] = {
    # w⁺ = w − α∇f(w)
    "gradient_descent": {
        "parameters": ["alpha"],
        "state": ["w"],
        "iterate": "w",
        "update": {"w": "w - alpha*grad(w)"},
    },
    # Distill's form (and torch's): z⁺ = βz + ∇f(w), w⁺ = w − αz⁺
    "heavy_ball": {
        "parameters": ["alpha", "beta"],
        "state": ["z", "w"],
        "iterate": "w",
        "update": {"z": "beta*z + grad(w)", "w": "w - alpha*z_next"},
    },
    # Sutskever's look-ahead form: v⁺ = βv − α∇f(θ + βv), θ⁺ = θ + v⁺
    "nesterov": {
        "parameters": ["alpha", "beta"],
        "state": ["v", "theta"],
        "iterate": "theta",
        "update": {"v": "beta*v - alpha*grad(theta + beta*v)", "theta": "theta + v_next"},
    },
    # Quasi-hyperbolic momentum (Ma & Yarats 2019)
    "qhm": {
        "parameters": ["alpha", "beta", "nu"],
        "state": ["g", "w"],
        "iterate": "w",
        "update": {
            "g": "beta*g + (1 - beta)*grad(w)",
            "w": "w - alpha*((1 - nu)*grad(w) + nu*g_next)",
        },
        "domain": {"nu": "[0, 1]"},
    },
    # The two-step family w⁺ = w + β(w − w⁻) − α∇f(w + γ(w − w⁻)), from rest w⁻ = w⁰:
    # triple momentum (Van Scoy, Freeman & Lynch 2018) and robust momentum (Cyrus et al.
    # 2018) are tunings of it.
    "triple_momentum": {
        "parameters": ["alpha", "beta", "gamma"],
        "state": ["w", "wprev"],
        "iterate": "w",
        "update": {
            "w": "w + beta*(w - wprev) - alpha*grad(w + gamma*(w - wprev))",
            "wprev": "w",
        },
        "start": {"wprev": "w"},
        "domain": {"gamma": "[0, inf)"},
    },
    "robust_momentum": {
        "parameters": ["alpha", "beta", "gamma"],
        "state": ["w", "wprev"],
        "iterate": "w",
        "update": {
            "w": "w + beta*(w - wprev) - alpha*grad(w + gamma*(w - wprev))",
            "wprev": "w",
        },
        "start": {"wprev": "w"},
        "domain": {"gamma": "[0, inf)"},
    },
}

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
        method = Method(load({"name": name, **BUILTIN[name]}), source="built-in")
        _REGISTERED[name] = method
        return method
    raise KeyError(f"unknown method {name!r}; known: {', '.join(names())}")


def from_spec(source: str | Path | Mapping) -> Method:
    """A method from a TOML spec file or a mapping (see :mod:`.spec`)."""
    method = Method(load(source), source=str(source) if not isinstance(source, Mapping) else "")
    method.iteration_matrix()  # derive now, so a circular _next is refused here
    return method


def register(method: Method) -> Method:
    """Add a user method for this session (it replaces one of the same name)."""
    _REGISTERED[method.name] = method
    return method
