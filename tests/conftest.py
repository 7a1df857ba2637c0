"""Shared test configuration: hypothesis profiles and the seeds' location.

Profiles (select with ``HYPOTHESIS_PROFILE``):

- ``ci`` (default): derandomised, no deadline, modest example counts;
- ``thorough``: at least 10⁵ examples per property, for a local deep run:
  ``HYPOTHESIS_PROFILE=thorough python -m pytest tests``;
- ``random``: the ``ci`` example counts, but a fresh random search each run with no
  example database, so ``--hypothesis-seed=N`` picks the search:
  ``HYPOTHESIS_PROFILE=random python -m pytest --hypothesis-seed=N``.  ``ci`` is
  derandomised, and hypothesis ignores the seed there, so only this profile shows
  whether a strategy strays outside the domain its assertion assumes.
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
settings.register_profile(
    "random",
    derandomize=False,
    database=None,
    deadline=None,
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "200")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS
