"""W — words: doubled words, misspellings, garbled names."""

from __future__ import annotations

from lint.rule import Rule
from rules.words.doubled_word import DoubledWord
from rules.words.misspelling import Misspelling
from rules.words.suspicious_name import SuspiciousName

RULES: tuple[type[Rule], ...] = (DoubledWord, Misspelling, SuspiciousName)
