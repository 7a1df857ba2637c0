"""Sphinx role ``:tuned:``: a setting computed by :func:`momentum_proofs.tune` at build time.

``:tuned:`1,100 nesterov lr``` renders ``tune(1, 100).methods["nesterov"]["torch"]["lr"]``
with five decimals, so a number that the docs tell a reader to use is never typed
by hand.  The text is ``MU,L METHOD KEY``: ``KEY`` is ``lr``, ``momentum`` (from the
method's ``torch`` entry), ``alpha``, ``beta``, ``rate`` or ``iterations_per_decade``.
A bad role text is an error of the build (``-W``), never a guess.
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes

TORCH_KEYS = ("lr", "momentum")
KEYS = ("alpha", "beta", "rate", "iterations_per_decade", *TORCH_KEYS)


@functools.cache
def _methods(mu: float, L: float) -> dict[str, dict[str, Any]]:
    from momentum_proofs.tune import tune

    return tune(mu, L).methods


def tuned_value(text: str) -> str:
    """The number named by a ``:tuned:`` role text, formatted with five decimals.

    >>> tuned_value("1,100 nesterov lr")
    '0.01329'
    """
    parts = text.split()
    if len(parts) != 3 or parts[2] not in KEYS:
        raise ValueError(f"tuned: expected 'MU,L METHOD KEY' with KEY in {', '.join(KEYS)}")
    bounds, method, key = parts
    mu, L = (float(x) for x in bounds.split(","))
    methods = _methods(mu, L)
    if method not in methods:
        raise ValueError(f"tuned: METHOD must be one of {', '.join(methods)}; got {method!r}")
    entry = methods[method]
    value = entry["torch"][key] if key in TORCH_KEYS else entry[key]
    return f"{value:.5f}"


def tuned_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content=()
) -> tuple[list[nodes.Node], list[nodes.Node]]:
    try:
        value = tuned_value(text)
    except ValueError as exc:
        msg = inliner.reporter.error(str(exc), line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.literal(rawtext, value, classes=["tuned-value"])], []


def setup(app: Any) -> dict[str, Any]:
    app.add_role("tuned", tuned_role)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
