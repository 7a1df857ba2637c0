"""Nesterov momentum: the rate kernel, stability, tuning, the two forms, and PyTorch.

References are independent of the code under test: mpmath complex roots at 60
digits on the exact float inputs (``reference_rate``), direct loops written out
here, hand calculations in the test, and trajectories recorded with
``torch.optim.SGD`` (committed fixture; live torch when it is installed).
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import mpmath as mp
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from momentum_proofs.verify import nesterov as vn
from numeric import rates, simulate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "torch_trajectories.json"
EPS = 2.0**-52

lam_s = st.floats(1e-6, 1e6)
beta_s = st.floats(0.0, 1.0, exclude_max=True)
offset_s = st.tuples(st.sampled_from([-1.0, 1.0, 0.0]), st.floats(-15.0, -1.0))


def _offset(pair) -> float:
    sign, log = pair
    return sign * 10.0**log


@st.composite
def near_double_root(draw):
    """αλ = ((1 − β)/(1 + β))²·(1 + δ), δ log-uniform: the real/complex boundary."""
    lm, b = draw(lam_s), draw(beta_s)
    return ((1 - b) / (1 + b)) ** 2 * (1 + _offset(draw(offset_s))) / lm, b, lm


@st.composite
def near_root_at_zero(draw):
    """αλ = 1·(1 + δ): the second double root (σ = 0 at αλ = 1)."""
    lm, b = draw(lam_s), draw(beta_s)
    return (1 + _offset(draw(offset_s))) / lm, b, lm


@st.composite
def near_edge(draw):
    lm, b = draw(lam_s), draw(beta_s)
    return (2 + 2 * b) / (1 + 2 * b) * (1 + _offset(draw(offset_s))) / lm, b, lm


@st.composite
def beta_near_one(draw):
    lm = draw(lam_s)
    b = 1 - 10.0 ** draw(st.floats(-15.0, -1.0))
    if draw(st.booleans()):
        al = ((1 - b) / (1 + b)) ** 2 * (1 + _offset(draw(offset_s)))
    else:
        al = draw(st.floats(1e-12, 1.3))
    return al / lm, b, lm


@st.composite
def generic(draw):
    lm = draw(lam_s)
    return draw(st.floats(1e-6, 1.4)) / lm, draw(beta_s), lm


hard = st.one_of(generic(), near_double_root(), near_root_at_zero(), near_edge(), beta_near_one())


def _check(a: float, b: float, lm: float) -> None:
    got = float(rates.nesterov(a, b, lm))
    ref = float(vn.reference_rate(a, b, lm))
    assert math.isfinite(got)
    assert abs(got - ref) <= vn.rate_tolerance(a, b, lm), (a, b, lm, got, ref)


@given(hard)
def test_rate_matches_mpmath_at_hard_points(point):
    a, b, lm = point
    if not (a > 0 and math.isfinite(a)):
        return
    _check(a, b, lm)


def test_reference_is_an_independent_formula():
    # Hand calculation: α = 1/4, λ = 1, β = 0: σ² − (3/4)σ = 0, rate 3/4; and
    # β = 1/2, αλ = 1/2: σ² − (3/4)σ + 1/4, complex pair of modulus 1/2.
    assert float(vn.reference_rate(0.25, 0.0, 1.0)) == 0.75
    assert abs(float(vn.reference_rate(0.5, 0.5, 1.0)) - 0.5) < 1e-50
    assert float(rates.nesterov(0.25, 0.0, 1.0)) == 0.75
    assert abs(float(rates.nesterov(0.5, 0.5, 1.0)) - 0.5) <= 2 * EPS


def test_textbook_eigenvalue_formula_fails_the_same_tolerance():
    """The tolerance discriminates: the quadratic formula with t² − 4βc formed by
    subtraction (what lambdify of sympy's roots computes) loses digits near the
    double root with β → 1, where the factored kernel keeps them."""
    b = 1 - 1e-6
    a = ((1 - b) / (1 + b)) ** 2 * (1 - 1e-3)  # just on the real side
    c = 1 - a
    t = (1 + b) * c
    root = np.sqrt(complex(t * t - 4 * b * c))
    naive = max(abs((t + root) / 2), abs((t - root) / 2))
    ref = float(vn.reference_rate(a, b, 1.0))
    assert abs(naive - ref) > vn.rate_tolerance(a, b, 1.0)
    _check(a, b, 1.0)


def test_no_warnings_and_no_nan_on_a_dense_grid():
    a = np.linspace(1e-9, 2.0, 401)[:, None]
    b = np.linspace(0.0, 0.999999, 301)[None, :]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rho = rates.nesterov(a, b, 1.0)
    assert rho.shape == (401, 301) and np.isfinite(rho).all()


def test_complex_region_has_modulus_sqrt_beta_c():
    # Between the double roots 0 < c < 4β/(1+β)² the pair is complex with |σ|² = βc.
    b = np.linspace(0.05, 0.95, 40)
    c = 2 * b / (1 + b) ** 2  # half-way to the upper double root
    got = rates.nesterov(1 - c, b, 1.0)
    assert np.all(np.abs(got - np.sqrt(b * c)) <= 4 * EPS)


def test_beta_zero_is_gradient_descent():
    a = np.geomspace(1e-4, 1.99, 50)
    assert np.all(np.abs(rates.nesterov(a, 0.0, 1.0) - np.abs(1 - a)) <= 2 * EPS)


@pytest.mark.parametrize(
    "kwargs,exc,match",
    [
        ({"alpha": 0.0, "beta": 0.5, "lam": 1.0}, ValueError, "alpha must be"),
        ({"alpha": 0.1, "beta": 1.0, "lam": 1.0}, ValueError, r"beta must be .*\[0, 1\)"),
        ({"alpha": 0.1, "beta": 0.5, "lam": -1.0}, ValueError, "lam must be"),
        ({"alpha": "0.1", "beta": 0.5, "lam": 1.0}, TypeError, "alpha"),
        ({"alpha": [0.1, 0.2], "beta": [0.1, 0.2, 0.3], "lam": 1.0}, ValueError, "broadcast"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        rates.nesterov(**kwargs)


def test_broadcasting_and_scalar_result():
    out = rates.nesterov(np.full((3, 1), 0.5), np.full((1, 4), 0.3), 1.0)
    assert out.shape == (3, 4)
    assert isinstance(rates.nesterov(0.5, 0.3, 1.0), float)


# --- stability ---------------------------------------------------------------------


@given(beta_s, lam_s, st.floats(-12.0, -2.0))
# found by a random seed: δ = 10⁻² > 2β, outside heavy ball's region
@example(b=0.00390625, lm=1.0, log_delta=-2.0)
def test_stability_edge(b, lm, log_delta):
    edge = (2 + 2 * b) / (1 + 2 * b)
    delta = 10.0**log_delta
    assert rates.nesterov(edge * (1 - delta) / lm, b, lm) < 1
    assert rates.nesterov(edge * (1 + delta) / lm, b, lm) > 1
    # Heavy ball's region is 1 + 2β times longer, so edge·(1 + δ) < 2 + 2β exactly when
    # δ < 2β. With δ ≤ β the point is inside by a relative margin β/(1 + 2β) ≥ δ/3,
    # far above the rounding of αλ: heavy ball is stable there.
    if delta <= b:
        assert rates.heavy_ball(edge * (1 + delta) / lm, b, lm) < 1


@given(beta_s, lam_s)
def test_edge_rate_is_one_by_mpmath(b, lm):
    edge = (2 + 2 * b) / (1 + 2 * b) / lm
    # σ = −1 is a simple root on the edge, so rounding the edge moves ρ by O(ε)
    assert abs(float(vn.reference_rate(edge, b, lm)) - 1) <= 64 * EPS
    _check(edge, b, lm)


# --- tuning ------------------------------------------------------------------------


@pytest.mark.parametrize("kappa", [1.0, 10.0, 100.0, 1e4, 1e8])
def test_minimax_tuning_equioscillates(kappa):
    a, b, one_minus = vn.optimal(kappa)
    target = 1 - one_minus
    lam = np.geomspace(1.0, kappa, 2001) if kappa > 1 else np.array([1.0])
    rho = rates.nesterov(a, b, lam)
    # mpmath at the two ends on the float tuning; the end values agree to the double
    # root's √ε (β is rounded off the double root), and nothing inside is larger.
    for lm in (1.0, kappa):
        ref = float(vn.reference_rate(a, b, lm))
        assert abs(ref - target) <= vn.rate_tolerance(a, b, 1.0) + 4 * EPS
    assert rho.max() <= target + vn.rate_tolerance(a, b, 1.0)


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1e4])
def test_textbook_tuning_is_slower_by_the_derived_ratio(kappa):
    sk = math.sqrt(kappa)
    a, b = 1 / kappa, (sk - 1) / (sk + 1)
    lam = np.geomspace(1.0, kappa, 2001)
    worst = float(rates.nesterov(a, b, lam).max())
    assert abs(worst - (1 - 1 / sk)) <= vn.rate_tolerance(a, b, 1.0)
    assert float(rates.nesterov(a, b, kappa)) == 0.0  # αL = 1: both roots 0
    opt = 1 - vn.optimal(kappa)[2]
    assert worst > opt
    ratio = math.log(opt) / math.log(worst)  # iterations per decade, textbook / optimum
    # above the κ → ∞ limit 2/√3 (claim NAG-TEXTBOOK), approaching it from above
    assert 2 / math.sqrt(3) < ratio < 1.18


def test_nothing_beats_the_minimax_on_a_random_search():
    rng = np.random.default_rng(0)
    kappa = 100.0
    target = 1 - vn.optimal(kappa)[2]
    a = rng.uniform(1e-4, 2.0 / kappa, 20000)
    b = rng.uniform(0, 0.999, 20000)
    worst = np.maximum(rates.nesterov(a, b, 1.0), rates.nesterov(a, b, kappa))
    assert worst.min() >= target - 1e-12


# --- simulation: forms, matrix, an independent loop ----------------------------------


def _direct_sutskever(A, b, alpha, beta, steps, w0):
    theta, v = np.array(w0, dtype=float), np.zeros(len(w0))
    out = [theta.copy()]
    for _ in range(steps):
        look = theta + beta * v
        v = beta * v - alpha * (A @ look - b)
        theta = theta + v
        out.append(theta.copy())
    return np.array(out)


@given(st.floats(0.01, 1.2), beta_s)
def test_sutskever_matches_a_direct_loop_and_bengio_is_the_change_of_variables(alpha, beta):
    A = np.array([[2.0, 0.3], [0.3, 0.5]])
    b = np.array([1.0, -1.0])
    w0 = np.array([0.5, 2.0])
    th = simulate.nesterov(A, b, alpha / 2.2, beta, 30, w0=w0)
    ref = _direct_sutskever(A, b, alpha / 2.2, beta, 30, w0)
    scale = max(1.0, float(np.max(np.abs(ref))))
    assert np.max(np.abs(th - ref)) <= 64 * EPS * 30 * scale
    big = simulate.nesterov(A, b, alpha / 2.2, beta, 30, w0=w0, form="bengio")
    assert np.array_equal(big[0], th[0])
    assert np.max(np.abs(big[1:] - (th[1:] + beta * (th[1:] - th[:-1])))) <= 64 * EPS * 30 * scale


def test_forms_agree_on_a_non_quadratic_with_grad():
    _, grad, _, _, _ = vn._logistic(seed=1)
    w0 = np.array([1.0, -2.0, 0.5])
    th = simulate.nesterov(None, None, 0.5, 0.9, 60, w0=w0, grad=grad)
    big = simulate.nesterov(None, None, 0.5, 0.9, 60, w0=w0, grad=grad, form="bengio")
    scale = max(1.0, float(np.max(np.abs(th))))
    err = np.max(np.abs(big[1:] - (th[1:] + 0.9 * (th[1:] - th[:-1]))))
    assert err <= 64 * EPS * 60 * scale  # a few ε per step, as in the quadratic case
    assert np.max(np.abs(big - th)) > 1e-3  # they are different sequences


def test_first_steps_by_hand():
    # f(w) = ½w², α = ½, β = ½, w0 = 1.  Sutskever: v¹ = −½·1 = −½, θ¹ = ½;
    # v² = −¼ − ½(½ − ¼) = −⅜, θ² = ⅛.  Bengio: Θ¹ = θ¹ + βv¹ = ¼, Θ² = ⅛ − 3/16 = −1/16.
    A, b = np.array([[1.0]]), np.array([0.0])
    th = simulate.nesterov(A, b, 0.5, 0.5, 2, w0=[1.0])[:, 0]
    big = simulate.nesterov(A, b, 0.5, 0.5, 2, w0=[1.0], form="bengio")[:, 0]
    assert th.tolist() == [1.0, 0.5, 0.125]
    assert big.tolist() == [1.0, 0.25, -0.0625]


def test_bad_form_is_refused():
    with pytest.raises(ValueError, match="form must be"):
        simulate.nesterov(np.eye(2), np.ones(2), 0.1, 0.5, 3, form="torch")


def test_record_last_and_tol():
    A = np.diag([1.0, 10.0])
    b = np.array([1.0, 1.0])
    full = simulate.nesterov(A, b, 0.05, 0.8, 300)
    last = simulate.nesterov(A, b, 0.05, 0.8, 300, record="last")
    assert np.array_equal(last.last, full[-1])
    stop = simulate.nesterov(A, b, 0.05, 0.8, 300, tol=1e-8)
    assert stop.converged and stop.iterations < 300
    g = A @ stop.last - b
    assert np.linalg.norm(g) <= 1e-8 * np.linalg.norm(b)


def test_divergence_past_the_edge_is_reported():
    run = simulate.nesterov(np.array([[1.0]]), np.array([1.0]), 1.5, 0.9, 5000, record="last")
    # αλ = 1.5 > (2 + 1.8)/(1 + 1.8) ≈ 1.357: unstable
    assert run.diverged


# --- PyTorch -------------------------------------------------------------------------


def _fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _simulate_case(case: dict, form: str = "bengio") -> np.ndarray:
    w0 = np.array(case["w0"])
    if case["kind"] == "quadratic":
        A, b = np.array(case["A"]), np.array(case["b"])
        if not case["nesterov"]:
            return simulate.heavy_ball(A, b, case["lr"], case["momentum"], case["steps"], w0=w0)
        return simulate.nesterov(
            A, b, case["lr"], case["momentum"], case["steps"], w0=w0, form=form
        )
    X, y = np.array(case["X"]), np.array(case["y"])

    def grad(w):
        z = -y * (X @ w)
        return X.T @ (-y * 0.5 * (1 + np.tanh(z / 2))) / len(y)

    return simulate.nesterov(
        None, None, case["lr"], case["momentum"], case["steps"], w0=w0, grad=grad, form=form
    )


def _tolerance(traj: np.ndarray, steps: int) -> float:
    # rounding of one update is a few ε of the iterate's size; it accumulates at most
    # linearly over the recorded (contracting) steps
    return 8 * EPS * (steps + 1) * max(1.0, float(np.max(np.abs(traj))))


@pytest.mark.parametrize("index", range(5))
def test_simulation_matches_the_torch_fixture(index):
    case = _fixture()["cases"][index]
    traj = np.array(case["trajectory"])
    got = _simulate_case(case)
    assert got.shape == traj.shape
    assert np.max(np.abs(got - traj)) <= _tolerance(traj, case["steps"]), case["name"]


def test_torch_is_not_the_sutskever_sequence():
    case = next(c for c in _fixture()["cases"] if c["name"] == "spd3_nesterov")
    traj = np.array(case["trajectory"])
    assert np.max(np.abs(_simulate_case(case, form="sutskever") - traj)) > 1e-2


def test_fixture_matches_the_update_rule_written_out():
    # A second route to the fixture: torch's documented rule in plain numpy.
    for case in _fixture()["cases"]:
        if case["kind"] != "quadratic":
            continue
        A, b = np.array(case["A"]), np.array(case["b"])
        ref = vn.torch_rule(
            lambda p, A=A, b=b: A @ p - b,
            np.array(case["w0"]),
            case["lr"],
            case["momentum"],
            case["nesterov"],
            case["steps"],
        )
        traj = np.array(case["trajectory"])
        assert np.max(np.abs(ref - traj)) <= _tolerance(traj, case["steps"]), case["name"]


def _recording_script():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "record_torch_trajectories.py"
    spec = importlib.util.spec_from_file_location("record_torch_trajectories", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spd_at_50_digits(eigenvalues: list[float], g: np.ndarray) -> np.ndarray:
    # The exact A = Q diag(λ) Qᵀ of the script, Q the QR factor of g with diag R > 0,
    # by mpmath's Householder QR at 50 digits on the exact float entries of g.
    with mp.workdps(50):
        q, r = mp.qr(mp.matrix(g.tolist()))
        n = len(eigenvalues)
        for j in range(n):
            if r[j, j] < 0:
                for i in range(n):
                    q[i, j] = -q[i, j]
        a = q * mp.diag([mp.mpf(x) for x in eigenvalues]) * q.T
        return np.array([[float(a[i, j]) for j in range(n)] for i in range(n)])


def _spd_tolerance(eigenvalues: list[float], g: np.ndarray) -> float:
    # How far a float A = fl(Q̂ diag(λ) Q̂ᵀ) may sit from the exact one.  The product
    # adds at most γ_n·λ_max per entry (rows of Q are unit vectors); Householder QR
    # gives Q̂ within about n·ε·κ₂(g) of Q (the R-factor's conditioning amplifies
    # the backward error), and A moves by 2·λ_max·‖Q̂ − Q‖.  Constants rounded up.
    n = len(eigenvalues)
    return 4 * n * n * EPS * max(eigenvalues) * (1 + np.linalg.cond(g))


def test_fixture_inputs_are_the_scripts():
    # The committed fixture was made by scripts/record_torch_trajectories.py: the
    # script's cases (everything but the recorded trajectory) must match it.  Every
    # input is built by correctly rounded arithmetic and numpy's seeded generator,
    # and is compared exactly, except the random SPD matrices: those pass through
    # LAPACK's QR and a BLAS product, which round differently from one CPU kernel to
    # the next (FMA or not), so both the fixture's A and the script's A are checked
    # against the 50-digit A instead, within the error bound of the float route.
    module = _recording_script()
    recorded = _fixture()["cases"]
    cases = module._cases()
    assert [c["name"] for c in cases] == [c["name"] for c in recorded]
    checked = 0
    for case, rec in zip(cases, recorded, strict=True):
        source = case["name"].split("_")[0]
        if source in module.SPD_SOURCES:
            eigenvalues, seed = module.SPD_SOURCES[source]
            g = module.gaussian(len(eigenvalues), seed)
            exact = _spd_at_50_digits(eigenvalues, g)
            tol = _spd_tolerance(eigenvalues, g)
            for a in (np.array(rec["A"]), np.array(case["A"])):
                np.testing.assert_array_equal(a, a.T)
                assert np.max(np.abs(a - exact)) <= tol
            checked += 1
        exact_keys = {k: v for k, v in rec.items() if k not in ("trajectory", "A")}
        assert exact_keys == {k: v for k, v in case.items() if k != "A"}
        if source not in module.SPD_SOURCES and "A" in case:
            assert rec["A"] == case["A"]
        assert len(rec["trajectory"]) == case["steps"] + 1
    assert checked == 3


def test_spd_tolerance_is_tight_enough_to_catch_a_wrong_matrix():
    # The bound must separate the fixture's A from one rotated by a different Q: a
    # different seed gives a matrix far outside it.
    module = _recording_script()
    eigenvalues, seed = module.SPD_SOURCES["spd4"]
    g = module.gaussian(4, seed)
    exact = _spd_at_50_digits(eigenvalues, g)
    other = _spd_at_50_digits(eigenvalues, module.gaussian(4, seed + 1))
    assert np.max(np.abs(other - exact)) > 1e6 * _spd_tolerance(eigenvalues, g)


@pytest.mark.parametrize("index", range(5))
def test_simulation_matches_live_torch(index):
    torch = pytest.importorskip("torch")
    case = _fixture()["cases"][index]
    p = torch.tensor(case["w0"], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=case["lr"], momentum=case["momentum"], nesterov=case["nesterov"])
    if case["kind"] == "quadratic":
        A = torch.tensor(case["A"], dtype=torch.float64)
        b = torch.tensor(case["b"], dtype=torch.float64)

        def loss():
            return 0.5 * p @ (A @ p) - b @ p
    else:
        X = torch.tensor(case["X"], dtype=torch.float64)
        y = torch.tensor(case["y"], dtype=torch.float64)

        def loss():
            return torch.nn.functional.softplus(-y * (X @ p)).mean()

    rows = [p.detach().clone().numpy()]
    for _ in range(case["steps"]):
        opt.zero_grad()
        loss().backward()
        opt.step()
        rows.append(p.detach().clone().numpy())
    live = np.array(rows)
    got = _simulate_case(case)
    assert np.max(np.abs(got - live)) <= _tolerance(live, case["steps"]), case["name"]


# --- beyond quadratics ----------------------------------------------------------------


def test_schedule_by_hand():
    # f = ½x², s = ½, x0 = 4: x1 = 2, y1 = x1 + 0 = 2; x2 = 1, y2 = 1 + (1/4)(1 − 2) = ¾;
    # x3 = ⅜.
    xs = vn.accelerated_schedule(lambda x: x, np.array([4.0]), 0.5, 3)[:, 0]
    assert xs.tolist() == [4.0, 2.0, 1.0, 0.375]


def test_order_one_over_k_squared_on_a_logistic_loss():
    ratio, scaled, ok = vn.convex_bound_check(steps=400, seed=0)
    assert ok and ratio <= 1


@pytest.mark.parametrize("seed", [1, 2])
def test_order_one_over_k_squared_other_data(seed):
    ratio, _, ok = vn.convex_bound_check(steps=200, seed=seed)
    assert ok and ratio <= 1


def test_mpmath_reference_uses_exact_float_inputs():
    # 0.1 is not 1/10 in binary: the reference must see the float, not the decimal.
    a = 0.1
    with mp.workdps(60):
        assert mp.mpf(a) != mp.mpf("0.1")
    ref = vn.reference_rate(a, 0.0, 1.0)
    with mp.workdps(60):
        assert abs(ref - abs(1 - mp.mpf(a))) < mp.mpf(10) ** -55


# --- tune ---------------------------------------------------------------------------


@pytest.mark.parametrize("kappa", [1.0, 10.0, 100.0, 1e4, 1e12])
def test_tune_reports_the_minimax_nesterov_tuning(kappa):
    tune = pytest.importorskip("momentum_proofs.tune")
    m = tune.tune(2.0, 2.0 * kappa).methods["nesterov"]
    with mp.workdps(60):
        k = mp.mpf(kappa)
        root = mp.sqrt(3 * k + 1)
        want = {
            "alpha": 4 / (3 * 2 * k + 2),
            "beta": (root - 2) / (root + 2),
            "rate": 1 - 2 / root,
            "iterations_per_decade": 0 if kappa == 1 else mp.log(10) / -mp.log(1 - 2 / root),
        }
    for key, value in want.items():
        assert abs(m[key] - float(value)) <= 2 * EPS * abs(float(value)), (key, m[key], value)
    assert m["torch"] == {"lr": m["alpha"], "momentum": m["beta"], "nesterov": True}
    if kappa > 1:
        # the reported rate is the kernel's worst case over [μ, L] at the reported tuning
        lam = np.geomspace(2.0, 2.0 * kappa, 501)
        worst = float(rates.nesterov(m["alpha"], m["beta"], lam).max())
        assert abs(worst - m["rate"]) <= vn.rate_tolerance(m["alpha"], m["beta"], 2.0) + 4 * EPS
