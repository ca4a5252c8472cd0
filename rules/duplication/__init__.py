"""D — duplication: blocks and paragraphs that repeat."""

from __future__ import annotations

from lint.rule import Rule
from rules.duplication.duplicate_block import DuplicateBlock
from rules.duplication.near_duplicate_block import NearDuplicateBlock

RULES: tuple[type[Rule], ...] = (DuplicateBlock, NearDuplicateBlock)
