"""The declared dependency floors are the ones CI installs: pyproject.toml against .ci/oldest.txt."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines.extend(extra)
    out: dict[str, Requirement] = {}
    for line in lines:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        if name == canonicalize_name(project["name"]):
            continue  # an extra made of other extras
        # one requirement per package across the extras, so a floor is stated once
        assert out.get(name, req).specifier == req.specifier, line
        out[name] = req
    return out


def _floor(req: Requirement) -> Version:
    # the lowest release a requirement admits: its >= bound, or a pin (== X.Y.* → X.Y.0)
    lows = []
    for spec in req.specifier:
        if spec.operator == ">=":
            lows.append(Version(spec.version))
        elif spec.operator == "==":
            lows.append(Version(spec.version.removesuffix(".*")))
    assert lows, f"{req}: no lower bound"
    return max(lows)


def _oldest() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / ".ci" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.]*)", line)
        assert m, f"not an exact pin: {line!r}"
        pins[canonicalize_name(m[1])] = Version(m[2])
    return pins


def test_every_declared_floor_is_pinned_in_oldest():
    floors = {name: _floor(req) for name, req in _requirements().items()}
    assert floors == _oldest()


def test_the_oldest_versions_satisfy_every_bound():
    # upper bounds included: a pin outside the declared range would test nothing real
    oldest = _oldest()
    for name, req in _requirements().items():
        assert req.specifier.contains(oldest[name], prereleases=False), (name, req)


def test_floor_reads_bounds_and_pins():
    assert _floor(Requirement("numpy>=2.0.0")) == Version("2.0.0")
    assert _floor(Requirement("mpmath>=1.3.0,<1.4")) == Version("1.3.0")
    assert _floor(Requirement("sphinx==9.0.*")) == Version("9.0.0")
    assert _floor(Requirement("ruff==0.17.6")) == Version("0.17.6")
