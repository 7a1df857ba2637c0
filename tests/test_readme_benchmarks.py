"""The README's performance table is the rendering of one committed benchmark run."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import table

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_table_is_the_committed_run_rendered():
    payload = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    assert not payload["quick"], "the README's table comes from a full run"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table.replace_block(readme, table.render(payload)) == readme
    # the machine is named as /proc/cpuinfo names it, not left unknown
    assert payload["machine"]["cpu"] != "unknown"


def test_render_escapes_bars_and_marks_targets():
    payload = {
        "quick": False,
        "machine": {
            "cores": "2",
            "cpu": "Some CPU",
            "python": "3.11",
            "numpy": "2.4",
            "packages": "scipy 1",
            "OPENBLAS_CORETYPE": "(unset)",
            "load average at start": "0.50",
        },
        "results": [
            {
                "name": "rates: kernels",
                "ratios": [
                    {"ratio": "a | b", "value": 0.25, "target": ">= 0.5", "met": False},
                    {"ratio": "c", "value": 123456.0, "target": "(info)", "met": None},
                ],
            }
        ],
    }
    block = table.render(payload)
    assert '"Some CPU"' in block
    assert "| rates | a \\| b | >= 0.5 | 0.25 | **no** |" in block
    assert "|  | c | (info) | 1.23e+05 |  |" in block
