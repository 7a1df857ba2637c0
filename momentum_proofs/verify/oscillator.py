"""Numeric cross-checks of the continuous-time limits (family ``OSC``).

Route ``simulation~ODE solution, order in h``: run the discrete method for the
time steps h, h/2, h/4, h/8 up to the same time T, take the largest deviation
from the ODE's solution on the grid, and check that it halves with h (observed
order between 0.8 and 1.2) and shrinks below a stated size.  The ODE solutions
are evaluated independently of the simulation (closed forms, Bessel J₁ in
mpmath).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import rates, simulate

from . import Route, cross_check
from .error_model import EPS, rate_tolerance, reference_rate

LAM, GAMMA, T = 1.0, 0.5, 10.0
STEPS_H = (0.1, 0.05, 0.025, 0.0125)


def heavy_ball_path(h: float, gamma: float, lam: float = LAM) -> np.ndarray:
    """x_k of heavy ball with α = h², β = 1 − γh on λx²/2 from x⁰ = 1, k·h ≤ T.

    By hand at h = 0.1, γ = 0.5, λ = 1: z¹ = 1, x¹ = 0.99; z² = 1.94, x² = 0.9706.

    >>> x = heavy_ball_path(0.1, 0.5)
    >>> print(x.size, round(float(x[1]), 12), round(float(x[2]), 12))
    101 0.99 0.9706
    """
    steps = int(round(T / h))
    w = simulate.heavy_ball(
        np.array([[lam]]), np.array([0.0]), h * h, 1 - gamma * h, steps, w0=np.array([1.0])
    )
    return w[:, 0]


def underdamped(tt: np.ndarray, gamma: float = GAMMA, lam: float = LAM) -> np.ndarray:
    """x(t) = e^{−γt/2}(cos ωt + γ/(2ω) sin ωt), ω² = λ − γ²/4: the underdamped oscillator.

    It starts from x = 1 at rest (x(0) = 1, ẋ(0) = 0); valid for γ < 2√λ.

    >>> print(float(underdamped(np.array([0.0]))[0]))
    1.0
    """
    omega = np.sqrt(lam - gamma**2 / 4)
    return np.exp(-gamma * tt / 2) * (np.cos(omega * tt) + gamma / (2 * omega) * np.sin(omega * tt))


def critical(tt: np.ndarray, lam: float = LAM) -> np.ndarray:
    """x(t) = (1 + √λ t)e^{−√λ t}: the critically damped oscillator from x = 1 at rest.

    At t = 1, λ = 1 it is 2/e:

    >>> print(round(float(critical(np.array([1.0]))[0]), 6))
    0.735759
    """
    sl = np.sqrt(lam)
    return (1 + sl * tt) * np.exp(-sl * tt)


def _order_route(name: str, errors: list[float], limit: float) -> Route:
    orders = [np.log2(a / b) for a, b in zip(errors, errors[1:], strict=False)]
    ok = all(0.8 <= o <= 1.2 for o in orders) and errors[-1] < limit
    return Route(
        name,
        errors[-1],
        bool(ok),
        len(errors),
        detail="errors "
        + ", ".join(f"{e:.2e}" for e in errors)
        + "; orders "
        + ", ".join(f"{o:.2f}" for o in orders),
    )


def oscillator_errors() -> list[float]:
    """Largest |x_k − x(kh)| on [0, T] for each h in ``STEPS_H`` (underdamped, γ = 0.5).

    >>> e = oscillator_errors()
    >>> print(len(e), 0.4 < e[-1] / e[-2] < 0.6)
    4 True
    """
    out = []
    for h in STEPS_H:
        x = heavy_ball_path(h, GAMMA)
        tt = h * np.arange(x.size)
        out.append(float(np.max(np.abs(x - underdamped(tt)))))
    return out


@cross_check("OSC-CONVERGENCE")
def convergence_order() -> list[Route]:
    return [
        _order_route(
            f"heavy-ball simulation~oscillator solution (λ = {LAM}, γ = {GAMMA}, T = {T})",
            oscillator_errors(),
            0.02,
        )
    ]


@cross_check("OSC-ODE-LIMIT")
def initial_velocity() -> list[Route]:
    ok, worst = True, 0.0
    for h in STEPS_H:
        x = heavy_ball_path(h, GAMMA)
        slope = (x[1] - x[0]) / h
        worst = max(worst, abs(slope + h * LAM) / (h * LAM))
        # x¹ = 1 − h²λ carries a few ε of rounding (α = h·h, the update, the subtraction);
        # dividing the difference by h scales it by 1/h.
        ok = ok and abs(slope + h * LAM) <= 8 * EPS * (1 + h * h * LAM) / h
    return [Route("simulation: (x¹ − x⁰)/h = −hλx⁰ → 0", worst, ok, len(STEPS_H))]


@cross_check("OSC-CRITICAL")
def critical_damping() -> list[Route]:
    errors, rate_ok, worst_rate = [], True, 0.0
    for h in STEPS_H:
        gamma = 2 * np.sqrt(LAM) - LAM * h
        beta = 1 - gamma * h
        rho = float(rates.heavy_ball(h * h, beta, LAM))
        # The kernel against mpmath on the exact float inputs, within the error model ...
        ref, _ = reference_rate(h * h, beta, LAM)
        rate_ok = rate_ok and abs(rho - float(ref)) <= rate_tolerance(h * h, beta, LAM)
        # ... and the exact rate at the exact (α, β) is 1 − h√λ.  Rounding β to a float
        # moves it off the double-root curve by δβ ≈ ε, which moves ρ by up to √δβ.
        dev = abs(float(ref) - (1 - h * np.sqrt(LAM)))
        worst_rate = max(worst_rate, dev / (1 - h * np.sqrt(LAM)))
        rate_ok = rate_ok and dev <= 4 * np.sqrt(EPS)
        x = heavy_ball_path(h, gamma)
        tt = h * np.arange(x.size)
        errors.append(float(np.max(np.abs(x - critical(tt)))))
    return [
        Route("rate kernel~mpmath~1 − h√λ at γ = 2√λ − λh", worst_rate, rate_ok, len(STEPS_H)),
        _order_route("critical heavy ball~(1 + √λt)e^{−√λt}", errors, 0.02),
    ]


def nesterov_path(s: float, lam: float = LAM) -> np.ndarray:
    """Su–Boyd–Candès iterates x_k (x_{k+1} = y_k − s f'(y_k)) from x⁰ = 1, k√s ≤ T.

    By hand at s = 1/4, λ = 1: x¹ = (1 − s)·1 = 3/4, y¹ = x¹ (weight 0), x² = 9/16.

    >>> print(nesterov_path(0.25)[:3].tolist())
    [1.0, 0.75, 0.5625]
    """
    steps = int(round(T / np.sqrt(s)))
    x = np.empty(steps + 1)
    x[0] = x_prev = 1.0
    y = 1.0
    for k in range(steps):
        x_new = y - s * lam * y
        x[k + 1] = x_new
        # y_{k+1} = x_{k+1} + k/(k + 3)(x_{k+1} − x_k)  (index shift of (k − 1)/(k + 2))
        y = x_new + k / (k + 3) * (x_new - x_prev)
        x_prev = x_new
    return x


def bessel_solution(tt: np.ndarray, lam: float = LAM) -> np.ndarray:
    """X(t) = 2J₁(√λ t)/(√λ t) in mpmath (X(0) = 1), the solution of Su–Boyd–Candès' ODE.

    At t = 2, λ = 1 it is J₁(2) ≈ 0.5767248:

    >>> print(round(float(bessel_solution(np.array([0.0, 2.0]))[1]), 6))
    0.576725
    """
    with mp.workdps(20):
        out = [
            1.0 if ti == 0 else float(2 * mp.besselj(1, mp.sqrt(lam) * ti) / (mp.sqrt(lam) * ti))
            for ti in tt
        ]
    return np.array(out)


def nesterov_errors() -> list[float]:
    """Largest |x_k − X(k√s)| on a 150-point sample of [0, T] for h = √s in ``STEPS_H[:3]``.

    >>> e = nesterov_errors()
    >>> print(len(e), 0.4 < e[-1] / e[-2] < 0.6)
    3 True
    """
    out = []
    for h in STEPS_H[:3]:
        x = nesterov_path(h * h)
        tt = h * np.arange(x.size)
        # Sample the grid (150 points) to keep mpmath's cost small.
        idx = np.unique(np.linspace(0, x.size - 1, 150).round().astype(int))
        out.append(float(np.max(np.abs(x[idx] - bessel_solution(tt[idx])))))
    return out


@cross_check("OSC-NESTEROV-ODE")
def nesterov_limit() -> list[Route]:
    return [
        _order_route(
            f"Su–Boyd–Candès iterates~2J₁(√λt)/(√λt) (λ = {LAM}, T = {T})",
            nesterov_errors(),
            0.05,
        )
    ]
