"""C — characters: the script a document is written in."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.characters.traditional_char import TraditionalChar

RULES: tuple[type[Rule], ...] = (TraditionalChar,)
