"""Every claim's symbolic route holds, and every quote is verbatim in its seed."""

from __future__ import annotations

import pytest

from momentum_proofs import claims
from momentum_proofs._families import BY_PREFIX, FAMILIES


@pytest.mark.parametrize("claim", claims.all(), ids=lambda c: c.id)
def test_symbolic_route_holds(claim):
    proof = claim.prove()
    failed = [s.text for s in proof.steps if s.text.startswith("FAILED")]
    assert proof.holds and not failed, failed
    if not proof.exact:
        # A claim whose central statement is only measured must have numeric routes,
        # so that `verify` reports its evidence as numeric and names them.
        from momentum_proofs import verify

        verify._load_checks()
        assert verify._CHECKS.get(claim.id), f"{claim.id} is not exact and has no numeric routes"


@pytest.mark.parametrize("claim", claims.all(), ids=lambda c: c.id)
def test_quote_is_verbatim(claim, seeds_dir):
    if claim.source.citation is not None:
        # A claim about a paper cites it; it carries no quote of the seeds.
        assert claim.source.citation.url.startswith("https://") and not claim.source.quote
        return
    text = " ".join((seeds_dir / claim.source.seed).read_text(encoding="utf-8").split())
    assert claim.source.quote in text


def test_registry_shape():
    for c in claims.all():
        assert c.kind in {"theorem", "printed-formula"}
        assert c.family in BY_PREFIX
        assert not hasattr(c, "status")
    with pytest.raises(KeyError, match="unknown claim id"):
        claims.get("HB-NOPE")


def test_a_false_identity_is_not_proven():
    from momentum_proofs.proof import is_zero
    from momentum_proofs.symbols import alpha, beta, lam

    # The printed-with-a-typo stability bound αλ < 2 + β is not the derived one.
    assert not is_zero((2 + 2 * beta) - (2 + beta))
    assert not is_zero(alpha * lam - alpha)


def test_every_claim_sits_in_a_module_of_its_family():
    for c in claims.all():
        module = c.prove.__module__.rsplit(".", 1)[-1]
        assert module in BY_PREFIX[c.family].modules, (c.id, module)


def test_every_declared_module_exists_and_holds_a_claim():
    held = {c.prove.__module__.rsplit(".", 1)[-1] for c in claims.all()}
    declared = {m for f in FAMILIES for m in f.modules}
    assert declared <= held and held <= declared


def test_family_modules_are_mirrored_in_tests_and_cross_checks():
    # Each family module has tests/test_<module>.py; each cross-check module of
    # momentum_proofs/verify is named for a family module.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    modules = {m for f in FAMILIES for m in f.modules}
    missing = sorted(m for m in modules if not (root / "tests" / f"test_{m}.py").exists())
    assert not missing, f"family modules without tests/test_<module>.py: {missing}"
    support = {"__init__", "error_model", "points"}
    checks = {p.stem for p in (root / "momentum_proofs" / "verify").glob("*.py")} - support
    assert checks <= modules, sorted(checks - modules)


def _mentions(c) -> set[str]:
    """Claim ids named in a claim's proof source, its steps, statement and note."""
    import inspect
    import re

    ids = set(claims.ids())
    proof = c.prove()
    text = " ".join(
        [
            inspect.getsource(inspect.unwrap(c.prove)),
            *(s.text for s in proof.steps),
            c.statement,
            proof.note or "",
        ]
    )
    return {m for m in re.findall(r"\b[A-Z]+(?:-[A-Z0-9]+)+\b", text) if m in ids} - {c.id}


@pytest.mark.parametrize("claim", claims.all(), ids=lambda c: c.id)
def test_uses_names_existing_claims_and_every_mention(claim):
    known = set(claims.ids())
    assert set(claim.uses) <= known, set(claim.uses) - known
    assert claim.id not in claim.uses
    # a claim the proof names is a claim it builds on: it must be declared
    assert _mentions(claim) <= set(claim.uses), _mentions(claim) - set(claim.uses)


def test_uses_has_no_cycle():
    graph = {c.id: set(c.uses) for c in claims.all()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 1:
            raise AssertionError(f"cycle in uses: {' -> '.join([*path, node])}")
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(graph[node]):
            visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])


def test_reading_order_puts_each_claim_after_what_it_uses():
    order = claims.reading_order()
    assert sorted(c.id for c in order) == sorted(claims.ids())
    seen: set[str] = set()
    for c in order:
        same_family = {u for u in c.uses if u.split("-", 1)[0] == c.family}
        assert same_family <= seen, (c.id, same_family - seen)
        seen.add(c.id)
