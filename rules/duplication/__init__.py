"""D — duplication: blocks and paragraphs that repeat."""

from __future__ import annotations

from lint.rule import Rule
from rules.duplication.duplicate_block import DuplicateBlock

RULES: tuple[type[Rule], ...] = (DuplicateBlock,)
