"""The benchmark suite runs (smallest sizes) and reports finite ratios; no timing is asserted."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.__main__ import main  # noqa: E402


def test_quick_run_writes_finite_ratios(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "power", "scaleout", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "# cores:" in printed and "ratio" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True and {"cores", "cpu", "numpy"} <= set(data["machine"])
    names = [r["name"] for r in data["results"]]
    assert len(names) == 2
    for result in data["results"]:
        assert result["ratios"]
        for ratio in result["ratios"]:
            assert math.isfinite(ratio["value"]) and ratio["value"] > 0
    notes = " ".join(n for r in data["results"] for n in r["notes"])
    assert "results identical" in notes  # the chunked sweep equals the naive one


def test_quick_rates_and_startup_report_bandwidth_and_the_tune_ratio(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "rates", "startup", "--json", str(out)]) == 0
    capsys.readouterr()
    results = {r["name"].split(":")[0]: r for r in json.loads(out.read_text())["results"]}
    for result in results.values():
        for ratio in result["ratios"]:
            assert math.isfinite(ratio["value"]) and ratio["value"] > 0, ratio
    labels = [r["ratio"] for r in results["rates"]["ratios"]]
    assert any("bytes/s of numeric.rates" in label for label in labels)
    assert any("reference bandwidth" in note for note in results["rates"]["notes"])
    assert any(
        "momentum-proofs tune / import numpy" in r["ratio"] for r in results["startup"]["ratios"]
    )
