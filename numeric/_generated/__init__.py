"""Kernels printed by ``momentum-proofs codegen``; do not edit by hand."""
