"""C — characters: the script a document is written in."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.characters.traditional_char import TraditionalChar

    return (TraditionalChar,)
