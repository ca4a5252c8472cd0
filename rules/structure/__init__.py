"""S — structure: paragraphs broken mid-sentence, conjunctions left dangling."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.structure.broken_paragraph import BrokenParagraph
    from wenlint.rules.structure.dangling_conjunction import DanglingConjunction

    return (BrokenParagraph, DanglingConjunction)
