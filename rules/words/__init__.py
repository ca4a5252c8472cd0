"""W — words: doubled words, misspellings, garbled names."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.words.doubled_word import DoubledWord
    from wenlint.rules.words.misspelling import Misspelling
    from wenlint.rules.words.possible_typo import PossibleTypo
    from wenlint.rules.words.suspicious_name import SuspiciousName

    return (DoubledWord, Misspelling, SuspiciousName, PossibleTypo)
