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

    The kernel forms q = d/4 as a product of two factors over (1 + √β)²:
    f₁ = (1 + √β)² − αλ and f₂ = ((1 − β)² − αλ(1 + √β)²)/(1 + √β)² (the same as
    (1 − √β)² − αλ, without the cancellation of 1 − √β as β → 1), each with an
    absolute rounding error of a few ε times the size of its terms.  So q carries
    δq ≈ cε/4 · Σᵢ sizeᵢ · Πⱼ≠ᵢ |fⱼ| (no division by a small factor: the error
    shrinks with q), and √q moves by at most min(√δq, δq/(2√|q|)).  Add cε times the
    size of the trace for |m|.

    >>> rate_tolerance(0.1, 0.5, 1.0) < 1e-14
    True
    >>> rate_tolerance(0.25, 0.25, 1.0) > 1e-8   # exactly on the double root: √ε
    True
    """
    with mp.workdps(30):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        p, square = a * lm, (1 + mp.sqrt(b)) ** 2
        factors = [square - p, ((1 - b) ** 2 - p * square) / square]
        sizes = [square + p, ((1 - b) ** 2 + p * square) / square]
        return float(C_RATE * EPS * (1 + b + a * lm) + _product_root_shift(factors, sizes))


def _root_shift(delta: mp.mpf, x: mp.mpf) -> mp.mpf:
    """How far √|x| can move when x carries an absolute error δ: min(√δ, δ/(2√|x|))."""
    if x == 0:
        return mp.sqrt(delta)
    return min(mp.sqrt(delta), delta / (2 * mp.sqrt(abs(x))))


def _product_root_shift(factors: list, sizes: list) -> mp.mpf:
    """Shift of √q for q = |Π fᵢ| / 4 when each fᵢ is rounded relative to sizeᵢ.

    The shared step of the rate models (heavy ball: two factors, Nesterov:
    three): δq = C_RATE ε/4 · Σᵢ sizeᵢ Πⱼ≠ᵢ |fⱼ|, then :func:`_root_shift`.
    """
    q = abs(mp.fprod(factors)) / 4
    delta_q = 0
    for i in range(len(factors)):
        others = 1
        for j in range(len(factors)):
            if j != i:
                others *= abs(factors[j])
        delta_q += sizes[i] * others
    delta_q *= C_RATE * EPS / 4
    return _root_shift(delta_q, q)


def nesterov_rate_tolerance(alpha: float, beta: float, lam: float) -> float:
    """Allowed |ρ − ρ_ref| for :func:`numeric.rates.nesterov` at the float point.

    The same model as :func:`rate_tolerance` with the Nesterov factors: the
    kernel forms q = d/4 as the product of c = αλ − 1 (rounded at the size
    max(1, αλ)), f₁ = (1 − β) − (1 + β)√(αλ) and f₂ = (1 − β) + (1 + β)√(αλ)
    (each rounded at the size of its larger term; 1 − β is formed first).  So
    √q moves by a few ε away from the double roots (c = 0 and (1 + β)²c = 4β),
    by ε/√|q| near them and by √ε only on them.  The other branch √(β|c|) moves
    by √β·min(√δc, δc/(2√|c|)) with δc = Cε·max(1, αλ); |m| by Cε(1 + β)max(1, αλ).

    >>> nesterov_rate_tolerance(0.1, 0.5, 1.0) < 1e-14
    True
    >>> nesterov_rate_tolerance(0.0625, 0.6, 1.0) > 1e-9   # on (1+β)²c = 4β: √ε
    True
    """
    with mp.workdps(30):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        al = a * lm
        u = (1 + b) * mp.sqrt(al)
        c = 1 - al
        factors = [c, (1 - b) - u, (1 - b) + u]
        sizes = [max(1, al), max(1 - b, u), (1 - b) + u]
        shift_q = _product_root_shift(factors, sizes)
        delta_c = C_RATE * EPS * max(1, al)
        shift_c = mp.sqrt(b) * _root_shift(delta_c, c)
        return float(C_RATE * EPS * (1 + b) * max(1, al) + shift_q + shift_c)


def power_tolerance(k: int, norm: float) -> float:
    """Allowed max-entry error of Rᵏ, relative to ‖Rᵏ‖ (max entry).

    Coarse: it misses entries far smaller than the largest (the αβ column when
    λ ≫ 1) and powers near a zero of sin(kθ), where ‖Rᵏ‖ itself is a cancellation;
    :func:`power_entry_tolerance` is the entrywise model that covers both.

    >>> print(power_tolerance(1, 1.0) == 4 * C_POWER * EPS)
    True
    """
    return C_POWER * EPS * (1 + k) ** 2 * norm


def power_entry_tolerance(alpha: float, beta: float, lam: float, k: int) -> list[list[float]]:
    """Allowed error of each entry of Rᵏ at the float point, as a 2×2 nested list.

    Rᵏ = D_k R − β D_{k−1} I with |D_k| ≤ k ρ^{k−1} and β ≤ ρ², so every entry
    is bounded by its natural scale k ρ^{k−1} (s_ij + ρ [i = j]), where s is
    the size of R's entries as they are rounded: [[β, λ], [αβ, 1 + αλ]].  The
    kernel's error relative to that scale has two parts:

    - a few ε · (1 + k) from D_k / ρ^{k−1} and from raising ρ to the power k − 1;
    - (k − 1) η / ρ from the absolute error η = a few ε · (1 + β + αλ) of the
      trace 1 + β − αλ (each eigenvalue moves by about η, so D_k, of degree
      k − 1, moves by (k − 1) η ρ^{k−2} times its scale).  This is the absolute
      part of the mixed model: it dominates where the rate approaches 0.

    Near the double root D_k depends on the trace through Chebyshev polynomials
    whose slope at 1 is k³/3, so both parts carry one more factor
    1 + min(k, ρ/√|d|).  ρ is taken high by the rate tolerance (by η at β = 0,
    where the kernel uses |1 − αλ| exactly), since the kernel's ρ may be that
    far off.  The exact zeros of Rᵏ (the first column at β = 0) get only an
    absolute floor of a few 2⁻¹⁰⁷⁴, which every entry gets: subnormal results
    carry fewer significant bits.

    >>> t = power_entry_tolerance(0.25, 0.25, 1.0, 3)   # double root, σ = 1/2
    >>> 0 < t[0][1] < 1e-12
    True
    >>> power_entry_tolerance(3.0, 0.0, 1.0, 5)[1][0] < 1e-300   # β = 0: exact zero, floor only
    True
    """
    if k == 0:
        return [[0.0, 0.0], [0.0, 0.0]]
    rho, d = reference_rate(alpha, beta, lam)
    with mp.workdps(30):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        eta = C_POWER * EPS * (1 + b + a * lm)
        if b == 0:
            rho_hi, near = rho + eta, 0
        else:
            rho_hi = rho + mp.mpf(rate_tolerance(alpha, beta, lam))
            near = k if d == 0 else min(k, rho_hi / mp.sqrt(abs(d)))
        relative = C_POWER * EPS * (1 + k) + (k - 1) * eta / rho_hi
        scale = k * rho_hi ** (k - 1) * relative * (1 + near)
        sizes = [[b, lm], [a * b, 1 + a * lm]]
        # Entries in the subnormal range carry an absolute rounding error of a few
        # 2⁻¹⁰⁷⁴, before (scaled by ρ^{k−1}) and after the final scaling.
        floor = 4 * mp.mpf(2) ** -1074 * (1 + rho_hi ** (k - 1))
        return [
            [float(scale * (sizes[i][j] + (rho_hi if i == j else 0)) + floor) for j in range(2)]
            for i in range(2)
        ]


def reference_rate(alpha: float, beta: float, lam: float) -> tuple[mp.mpf, mp.mpf]:
    """(ρ, d) at 60 digits on the exact float inputs, from the complex roots.

    At α = β = 1/4, λ = 1 the trace is 1 and d = 1 − 4β = 0: a double root 1/2.

    >>> rho, d = reference_rate(0.25, 0.25, 1.0)
    >>> print(float(rho), float(d))
    0.5 0.0
    """
    with mp.workdps(60):
        a, b, lm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(lam)
        t = 1 + b - a * lm
        d = t * t - 4 * b
        root = mp.sqrt(mp.mpc(d))
        rho = max(abs((t + root) / 2), abs((t - root) / 2))
        return +rho, +d


def reference_power(alpha: float, beta: float, lam: float, k: int) -> mp.matrix:
    """Rᵏ at 60 digits by repeated squaring of the exact float matrix.

    By hand, R = [[1/4, 1], [−1/16, 3/4]] at α = β = 1/4, λ = 1 squares to
    [[0, 1], [−1/16, 1/2]]:

    >>> m = reference_power(0.25, 0.25, 1.0, 2)
    >>> print([[float(m[i, j]) for j in range(2)] for i in range(2)])
    [[0.0, 1.0], [-0.0625, 0.5]]
    """
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


def quadratic_radius_tolerance(
    trace: float, det: float, trace_error: float = 0.0, det_error: float = 0.0
) -> float:
    """Allowed |ρ − ρ_ref| for the generic 2×2 radius (claim LIN-RADIUS) at (T, D).

    The kernel runs on T/s, D/s² with s the power of two nearest max(|T|, √|D|).
    There the discriminant T² − 4D carries an absolute error δ ≈ 8ε(T² + 4|D|), plus
    2|T|·ΔT + 4ΔD when T and D themselves come with errors ΔT, ΔD (as when a method's
    trace and determinant are evaluated from its parameters); its square root turns δ
    into min(δ/(2√|T² − 4D|), √δ).  The rest is a few ulps of ρ plus ΔT + 2ΔD (in those
    units ρ ≥ 1/4, and ∂ρ/∂T ≤ 1, ∂ρ/∂D ≤ 1/(2ρ) away from the double root).
    """
    import math

    size = max(abs(trace), math.sqrt(abs(det)))
    if size == 0:
        return trace_error + math.sqrt(det_error)
    e = math.frexp(size)[1]
    t, d = math.ldexp(trace, -e), math.ldexp(det, -2 * e)
    dt, dd = math.ldexp(trace_error, -e), math.ldexp(det_error, -2 * e)
    delta = 8 * EPS * (t * t + 4 * abs(d)) + 2 * abs(t) * dt + 4 * dd
    disc = abs(t * t - 4 * d)
    root = math.sqrt(delta) if disc <= delta else delta / (2 * math.sqrt(disc))
    return math.ldexp(C_RATE * EPS + dt + 2 * dd + min(root, math.sqrt(delta)), e)


def trace_det_errors(method, params: dict, lam: float) -> tuple[float, float]:
    """Rounding bounds of a method's T(λ) and D(λ) evaluated in float64: a few ε times the
    sum of the absolute values of their monomials at the point."""
    terms = _trace_det_terms(method)
    args = [params[p] for p in method.parameters] + [lam]
    return tuple(8 * EPS * sum(abs(f(*args)) for f in fs) for fs in terms)


def _trace_det_terms(method):
    cached = getattr(method, "_trace_det_terms", None)
    if cached is None:
        import sympy as sp

        from ..symbols import lam as lam_symbol

        R = method.iteration_matrix()
        symbols = [*method.spec.parameters, lam_symbol]
        cached = tuple(
            [sp.lambdify(symbols, term, modules="math") for term in sp.Add.make_args(expr)]
            for expr in (sp.expand(R.trace()), sp.expand(R.det(method="berkowitz")))
        )
        object.__setattr__(method, "_trace_det_terms", cached)
    return cached


def reference_method_rate(method, params: dict, lam: float) -> float:
    """ρ at one point from the characteristic polynomial's roots: mpmath at 60 digits on
    the exact float inputs (a route independent of the float kernels;
    :func:`momentum_proofs.methods.evaluate.exact_rate`)."""
    from ..methods.evaluate import exact_rate

    return exact_rate(method, params, lam, digits=60)
