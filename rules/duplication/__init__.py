"""D — duplication: blocks and paragraphs that repeat."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.duplication.duplicate_block import DuplicateBlock
from wenlint.rules.duplication.near_duplicate_block import NearDuplicateBlock

RULES: tuple[type[Rule], ...] = (DuplicateBlock, NearDuplicateBlock)
