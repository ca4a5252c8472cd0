from __future__ import annotations

import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("WENLINT_UPDATE_SNAPSHOTS") == "1"
# CLI runs in tests (in-process and subprocesses) use no result cache: no .wenlint_cache in the
# repository, no result carried from one test to the next. tests/test_cache.py turns it on.
os.environ["WENLINT_NO_CACHE"] = "1"


def assert_snapshot(path: Path, actual: str) -> None:
    """Compare with a reviewed snapshot; WENLINT_UPDATE_SNAPSHOTS=1 rewrites it."""
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {path} was missing and has been written; review it and re-run")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (WENLINT_UPDATE_SNAPSHOTS=1 to rewrite)"


@pytest.fixture
def snapshot():
    return assert_snapshot
