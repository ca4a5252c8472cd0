"""The ``re`` character classes in lint.text that stand for ``regex``'s (so rules need not import
``regex``) match exactly what ``regex`` matches, over every code point."""

from __future__ import annotations

import re

import pytest
import regex

from wenlint.text.chars import HAN, HAN_SCRIPT, REGEX_DIGIT, is_han, is_han_script
from wenlint.text.locate import REGEX_SPACE

_ALL = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(HAN_SCRIPT, r"\p{Han}"), (REGEX_DIGIT, r"\d"), (REGEX_SPACE, r"\s")],
)
def test_class_matches_regex(ours: str, theirs: str) -> None:
    mine = "".join(re.findall(f"[{ours}]", _ALL))
    want = "".join(regex.findall(theirs, _ALL))
    assert mine == want
    assert len(want) > 10


def test_is_han_script_matches_regex() -> None:
    want = set(regex.findall(r"\p{Han}", _ALL))
    assert {c for c in _ALL if is_han_script(c)} == want


def test_is_han_matches_the_han_class() -> None:
    assert {c for c in _ALL if is_han(c)} == set(re.findall(f"[{HAN}]", _ALL))
