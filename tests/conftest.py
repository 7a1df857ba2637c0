"""Shared test configuration: hypothesis profiles and the seeds' location.

Profiles (select with ``HYPOTHESIS_PROFILE``):

- ``ci`` (default): derandomised, no deadline, modest example counts;
- ``thorough``: at least 10⁵ examples per property, for a local deep run:
  ``HYPOTHESIS_PROFILE=thorough python -m pytest tests``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=100_000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS
