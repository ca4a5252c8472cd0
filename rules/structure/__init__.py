"""S — structure: paragraphs broken mid-sentence, conjunctions left dangling."""

from __future__ import annotations

from lint.rule import Rule
from rules.structure.broken_paragraph import BrokenParagraph
from rules.structure.dangling_conjunction import DanglingConjunction

RULES: tuple[type[Rule], ...] = (BrokenParagraph, DanglingConjunction)
