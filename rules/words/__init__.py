"""W — words: doubled words, misspellings, garbled names."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.words.doubled_word import DoubledWord
from wenlint.rules.words.misspelling import Misspelling
from wenlint.rules.words.possible_typo import PossibleTypo
from wenlint.rules.words.suspicious_name import SuspiciousName

RULES: tuple[type[Rule], ...] = (DoubledWord, Misspelling, SuspiciousName, PossibleTypo)
