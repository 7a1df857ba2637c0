"""momentum-proofs: derive, generate, simulate and cross-check momentum methods.

The symbolic layer (this package's family modules) imports only sympy and the
standard library; :mod:`momentum_proofs.verify` is the one place that also sees
the numeric layer (:mod:`numeric`).
"""

__version__ = "0.1.0"


#: The public names for a user's own claims and families (lazy: sympy loads on use).
_PUBLIC = {
    "claim": ("._registry", "claim"),
    "Citation": ("._registry", "Citation"),
    "Proof": (".proof", "Proof"),
    "Family": ("._families", "Family"),
    "register_family": ("._families", "register"),
    "tune_function": (".curvature_tuning", "tune_function"),
    "tune_model": (".curvature_tuning", "tune_model"),
    "StabilityWarning": (".curvature_tuning", "StabilityWarning"),
}


def __getattr__(name: str):
    if name in _PUBLIC:
        import importlib

        module, attr = _PUBLIC[name]
        return getattr(importlib.import_module(module, __name__), attr)
    # Lazy, so `import momentum_proofs` stays cheap: tune pulls in sympy and mpmath.
    # The submodule momentum_proofs.tune is itself callable (it forwards to tune()),
    # so momentum_proofs.tune(...) works whether this attribute is the function or,
    # once the import system has bound it, the submodule.
    if name in ("tune", "tune_matrix"):
        import importlib

        return getattr(importlib.import_module(f"{__name__}.tune"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
