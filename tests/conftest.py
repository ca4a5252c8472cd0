from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from wenlint.testing import UPDATE_ENV, assert_snapshot

# CLI runs in tests (in-process and subprocesses) use no result cache: no .wenlint_cache in the
# repository, no result carried from one test to the next. tests/test_cache.py turns it on.
os.environ["WENLINT_NO_CACHE"] = "1"

UPDATE = os.environ.get(UPDATE_ENV) == "1"


@pytest.fixture
def snapshot() -> Callable[[Path, str], None]:
    """``snapshot(path, text)``: wenlint.testing.assert_snapshot (WENLINT_UPDATE_SNAPSHOTS=1
    rewrites)."""
    return assert_snapshot
