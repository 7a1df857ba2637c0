"""The API reference: every public module has its page once, and docstring formulas typeset.

The expected module list comes from the package itself (``pkgutil``, as the docs
extension lists public modules), not from docs/api.rst.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import momentum_api  # noqa: E402

#: Private modules documented on purpose: what the package re-exports for user claims
#: (claim, Citation, Family, register_family), the kernel record, and the generated code.
DOCUMENTED_PRIVATE = {
    "momentum_proofs._registry",
    "momentum_proofs._families",
    "momentum_proofs._kernel",
    "numeric._generated",
}


def _listed() -> dict[str, list[str]]:
    """Modules of each ``autosummary`` block of api.rst, by section title."""
    text = (ROOT / "docs" / "api.rst").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    title = ""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and set(lines[i + 1]) == {"-"} and line.strip():
            title = line.strip()
        m = re.fullmatch(r"   ((?:momentum_proofs|numeric)[\w.]*)", line)
        if m:
            out.setdefault(title, []).append(m[1])
    return out


def test_every_public_module_has_exactly_one_page():
    import pkgutil

    import momentum_proofs
    import numeric

    public = set()
    for pkg in (momentum_proofs, numeric):
        public.add(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}."):
            if not any(part.startswith("_") for part in info.name.split(".")):
                public.add(info.name)
    listed = [m for group in _listed().values() for m in group]
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert set(listed) == public | DOCUMENTED_PRIVATE


def test_modules_are_grouped_by_layer():
    from momentum_proofs._families import FAMILIES

    groups = _listed()
    families = {f"momentum_proofs.{m}" for f in FAMILIES for m in f.modules}
    assert set(groups["Symbolic families"]) == families
    assert all(m.startswith("momentum_proofs.methods") for m in groups["Methods engine"])
    assert all(m.startswith("momentum_proofs.verify") for m in groups["Verification"])
    assert all(m.split(".")[0] == "numeric" for m in groups["Numeric layer"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("D_{k+1} = t D_k", ":math:`D_{k+1}` = t :math:`D_k`"),
        ("Rᵏ = σ^{k−1}(kR − I)", r"Rᵏ = :math:`σ^{k−1}`\ (kR − I)"),
        ("(1 − αλ)^{2k} λ", r"(1 − αλ)\ :math:`^{2k}` λ"),
        ("½ Σ_{{i,j}∈E} (w_i − w_j)²", "½ :math:`Σ_{{i,j}∈E}` (:math:`w_i` − :math:`w_j`)²"),
        ("Σ_{i=1}^{n} x", ":math:`Σ_{i=1}^{n}` x"),
        ("the best max_{[μ,L]} |p|", r"the best :math:`\max_{[μ,L]}` |p|"),
        ("δξ_{N−1}; y_N", ":math:`δξ_{N−1}`; :math:`y_N`"),
        ("−βD_{k−1}I here", r"−\ :math:`βD_{k−1}`\ I here"),
        ("Rᵏ = D_k R, p_k(A)e⁰, 2x_k", r"Rᵏ = :math:`D_k` R, :math:`p_k`\ (A)e⁰, :math:`2x_k`"),
        # "*" is punctuation, but not one that docutils lets end a role: without the
        # escaped space the role would run on to the next backtick
        ("give x_i* with φ_k(λ)", r"give :math:`x_i`\ * with :math:`φ_k`\ (λ)"),
        # left alone: longer names, parameter names, code, roles
        ("chunk_size, λ_min, s_ij", "chunk_size, λ_min, s_ij"),
        ("x_0 : float", "x_0 : float"),
        ("``w_{n+1}`` and :math:`x_{k}`", "``w_{n+1}`` and :math:`x_{k}`"),
    ],
)
def test_docstring_formulas_become_math(line, expected):
    lines = [line]
    momentum_api.mark_math(lines)
    assert lines == [expected]


def test_examples_and_literal_blocks_are_not_marked():
    lines = [
        "Example::",
        "",
        "    x_{k+1} = 0",
        "",
        ">>> print('x_{k}')",
        "x_{k}",
        "",
        "then x_{k}",
    ]
    momentum_api.mark_math(lines)
    assert lines[2] == "    x_{k+1} = 0"
    assert lines[4:6] == [">>> print('x_{k}')", "x_{k}"]
    assert lines[7] == "then :math:`x_{k}`"


def test_signatures_show_type_aliases_by_name():
    sig, ret = momentum_api.plain_type_aliases(
        None,
        "function",
        "f",
        None,
        {},
        "(w0: TypeAliasForwardRef('numpy.typing.ArrayLike') | None = None)",
        None,
    )
    assert sig == "(w0: numpy.typing.ArrayLike | None = None)" and ret is None


def test_every_proof_function_says_what_it_proves():
    import inspect

    from momentum_proofs import claims

    for c in claims.all():
        summary = (inspect.getdoc(c.prove) or "").split("\n\n")[0]
        assert len(summary.split()) >= 4 and summary.endswith("."), c.id  # a sentence


def test_claim_proofs_lists_a_module_s_proofs_in_source_order():
    import importlib

    for name in ("momentum_proofs.heavy_ball", "momentum_proofs.colorization"):
        module = importlib.import_module(name)
        source = Path(module.__file__).read_text(encoding="utf-8")
        expected = re.findall(r"^def (prove_\w+)\(", source, re.M)
        assert momentum_api.proof_functions(module) == expected
    assert momentum_api.claims_proved("momentum_proofs.heavy_ball", "prove_power") == ["HB-POWER"]
    assert momentum_api.claims_proved("momentum_proofs.heavy_ball", "trace") == []


def test_a_reexported_name_links_to_where_it_is_defined():
    target = momentum_api.reexport_target
    assert target("momentum_proofs.tune_function") == (
        "momentum_proofs.curvature_tuning.tune_function"
    )
    assert target("momentum_proofs.Citation") == "momentum_proofs._registry.Citation"
    assert target("momentum_proofs.curvature_tuning.tune_function") is None  # already home
    assert target("momentum_proofs.no_such_name") is None
    assert target("no_such_package.f") is None


def test_only_qualified_private_names_of_the_package_are_set_as_text():
    # A signature's private helper class has no page: shown as text, not a broken link.
    assert momentum_api.private_name("momentum_proofs.methods.evaluate._Compiled")
    assert momentum_api.private_name("numeric._numba_rates")
    # Public names, other projects' private names and bare names keep their warnings.
    assert not momentum_api.private_name("momentum_proofs.methods.engine.Method")
    assert not momentum_api.private_name("numpy._typing.ArrayLike")
    assert not momentum_api.private_name("_worst_case_mp")
