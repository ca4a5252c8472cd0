"""S — structure: paragraphs broken mid-sentence, conjunctions left dangling."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.structure.broken_paragraph import BrokenParagraph
from wenlint.rules.structure.dangling_conjunction import DanglingConjunction

RULES: tuple[type[Rule], ...] = (BrokenParagraph, DanglingConjunction)
