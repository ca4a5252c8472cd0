"""C — characters: the script a document is written in."""

from __future__ import annotations

from lint.rule import Rule
from rules.characters.traditional_char import TraditionalChar

RULES: tuple[type[Rule], ...] = (TraditionalChar,)
