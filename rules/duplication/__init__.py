"""D — duplication: blocks and paragraphs that repeat."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.duplication.duplicate_block import DuplicateBlock
    from wenlint.rules.duplication.near_duplicate_block import NearDuplicateBlock

    return (DuplicateBlock, NearDuplicateBlock)
