"""Repository-wide pytest hooks: doctests that need an optional package.

A module lists what its examples need in ``__doctest_requires__``, a mapping from
the names of its documented objects to the packages they import, for example
``{"figure": ("matplotlib",)}``.  Where a package is not installed, those doctests are
skipped with the reason, as the tests that need it skip, rather than failing on an
ImportError: matplotlib, numba, dask and torch are optional extras.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem


def _missing(packages: tuple[str, ...]) -> list[str]:
    return [p for p in packages if importlib.util.find_spec(p) is None]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, DoctestItem) or item.dtest is None:
            continue
        requires = item.dtest.globs.get("__doctest_requires__") or {}
        module = item.dtest.globs.get("__name__", "")
        name = item.dtest.name.removeprefix(module + ".")
        missing = _missing(tuple(requires.get(name, ())))
        if missing:
            item.add_marker(pytest.mark.skip(reason=f"needs {', '.join(missing)}"))


#: Modules that import an optional package when imported (their doctests would fail at
#: collection without it): not collected where the package is missing.
_IMPORTS_AT_LOAD = {"numeric/_numba_rates.py": "numba"}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    for suffix, package in _IMPORTS_AT_LOAD.items():
        if collection_path.as_posix().endswith(suffix) and _missing((package,)):
            return True
    return None
