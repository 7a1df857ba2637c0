"""
The errata, each with its counterexample
========================================

``momentum-proofs errata`` lists every formula of the source texts that this run
refutes while verifying its correction. The same rows come from
:func:`momentum_proofs.commands.errata.rows` over the outcomes of
:func:`momentum_proofs.verify.verify`; each outcome carries its derivation, and the
steps that refute the printed form (a rational point where it fails, or the printed
object shown to be of the wrong kind) are printed here under each erratum.
"""

from collections import Counter

import matplotlib.pyplot as plt

from momentum_proofs import claims, verify
from momentum_proofs.commands import errata

printed = [c.id for c in claims.all() if c.kind == "printed-formula"]
outcomes = {o.claim.id: o for o in verify.verify(printed)}
rows = errata.rows(outcomes[cid] for cid in sorted(outcomes))
print(f"{len(printed)} printed formulas checked, {len(rows)} refuted in this run\n")

for row in rows:
    outcome = outcomes[row["claim"]]
    print(f"{row['claim']} [{row['severity']}]: {outcome.claim.title}")
    print(f"  printed:  {row['printed']}")
    print(f"  correct:  {row['correct']}")
    steps = outcome.proof.steps if outcome.proof is not None else []
    against = [s.text for s in steps if "printed" in s.text.lower()] or [s.text for s in steps[-1:]]
    for text in against:
        print(f"  refuted:  {text}")
    print()

# %%
# By severity and by family: an *erratum* is false in every rendition of its file,
# a *slip* is one wrong rendition or name in a statement that is right elsewhere,
# *typography* is an extraction artefact (a footnote marker glued to a formula).

by = Counter((row["claim"].split("-")[0], row["severity"]) for row in rows)
families = sorted({f for f, _ in by})
fig, ax = plt.subplots()
bottom = [0] * len(families)
for severity, colour in (("erratum", "C3"), ("slip", "C1"), ("typography", "C0")):
    counts = [by[(f, severity)] for f in families]
    ax.bar(families, counts, bottom=bottom, color=colour, label=severity)
    bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
ax.set(xlabel="claim family", ylabel="refuted printed formulas", title="Errata found in this run")
ax.legend()
