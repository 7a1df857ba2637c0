"""The error model of the numeric kernels, as tolerance formulas.

Rounding perturbs the inputs of a kernel by a few ulps; how far that moves the
result depends on where it is evaluated, so every tolerance here is a formula of
the point, never a blanket constant (FIELD-NOTES, "Error model").

- Rates and eigenvalue moduli.  A perturbation δ of q = d/4 (d the
  discriminant (1 + β − αλ)² − 4β) moves the roots by |√(q + δ) − √q|, at most
  min(√|δ|, |δ|/(2√|q|)).  The kernel forms q as a product of four factors
  whose rounding is relative to each factor's own terms (see
  :func:`rate_tolerance`), so δ is a few ε times the size of q's terms: the
  error is a few ε away from the double-root curves, grows like ε/√|d| near
  them, and reaches √ε only on them.  (FIELD-NOTES states the same shape,
  ε(1 + c/√|d|); forming t² − 4β by subtraction instead would make δ ≈ ε
  absolute and lose eight digits near β → 1 with tiny αλ: the tests show that
  formula failing this tolerance.)
- Powers Rᵏ.  The entries are polynomials in the inputs, so they are well
  conditioned even on the double root; the error is measured relative to ‖Rᵏ‖
  and grows like k² ε at most (the derivative of kσ^{k−1} with respect to σ).

The constants were set with a margin over the worst errors measured on the
hard points the tests build; the tests would fail a kernel that loses digits
(for example the textbook eigenvalue formula near β → 1).
"""

from __future__ import annotations

import mpmath as mp

EPS = 2.0**-52
C_RATE = 16.0
C_POWER = 32.0


def rate_tolerance(alpha: float, beta: float, lam: float) -> float:
    """Allowed |ρ − ρ_ref| for the rate kernel at the float point (α, β, λ).

    The kernel forms q = d/4 as a product of four factors
    f₁ = (1 − √β) − √(αλ), f₂ = (1 − √β) + √(αλ), f₃ = (1 + √β) − √(αλ),
    f₄ = (1 + √β) + √(αλ), each with an absolute rounding error of a few ε times
    the size of its terms.  So q carries δq ≈ cε/4 · Σᵢ sizeᵢ · Πⱼ≠ᵢ |fⱼ| (no
    division by a small factor: the error shrinks with q), and √q moves by at
    most min(√δq, δq/(2√|q|)).  Add cε times the size of the trace for |m|.

    >>> rate_tolerance(0.1, 0.5, 1.0) < 1e-14
    True
    >>> rate_tolerance(0.25, 0.25, 1.0) > 1e-8   # exactly on the double root: √ε
    True
    """
    with mp.workdps(30):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        r, u = mp.sqrt(b), mp.sqrt(a * lm)
        one_minus_r = 1 - r
        factors = [one_minus_r - u, one_minus_r + u, 1 + r - u, 1 + r + u]
        sizes = [max(one_minus_r, u), one_minus_r + u, 1 + r + u, 1 + r + u]
        q = abs(factors[0] * factors[1] * factors[2] * factors[3]) / 4
        delta_q = 0
        for i in range(4):
            others = 1
            for j in range(4):
                if j != i:
                    others *= abs(factors[j])
            delta_q += sizes[i] * others
        delta_q *= C_RATE * EPS / 4
        shift = mp.sqrt(delta_q) if q == 0 else min(mp.sqrt(delta_q), delta_q / (2 * mp.sqrt(q)))
        return float(C_RATE * EPS * (1 + b + a * lm) + shift)


def power_tolerance(k: int, norm: float) -> float:
    """Allowed max-entry error of Rᵏ, relative to ‖Rᵏ‖ (max entry)."""
    return C_POWER * EPS * (1 + k) ** 2 * norm


def reference_rate(alpha: float, beta: float, lam: float) -> tuple[mp.mpf, mp.mpf]:
    """(ρ, d) at 60 digits on the exact float inputs, from the complex roots."""
    with mp.workdps(60):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        t = 1 + b - a * lm
        d = t * t - 4 * b
        root = mp.sqrt(mp.mpc(d))
        rho = max(abs((t + root) / 2), abs((t - root) / 2))
        return +rho, +d


def reference_power(alpha: float, beta: float, lam: float, k: int) -> mp.matrix:
    """Rᵏ at 60 digits by repeated squaring of the exact float matrix."""
    with mp.workdps(60):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        R = mp.matrix([[b, lm], [-a * b, 1 - a * lm]])
        out = mp.eye(2)
        base = R
        n = k
        while n:
            if n & 1:
                out = out * base
            base = base * base
            n >>= 1
        return out
