"""momentum-proofs: derive, generate, simulate and cross-check momentum methods.

The symbolic layer (this package's family modules) imports only sympy and the
standard library; :mod:`momentum_proofs.verify` is the one place that also sees
the numeric layer (:mod:`numeric`).
"""

__version__ = "0.1.0"
