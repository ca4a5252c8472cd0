"""What the P rules share: which characters make a "Chinese context", and which stretches of a
paragraph are not prose (URLs, e-mail addresses, inline code) even in a plain-text file."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from wenlint.text.chars import HAN, MASK, ZH_STOPS, is_han
from wenlint.text.locate import REGEX_SPACE as _S
from wenlint.text.locate import lazy_re

if TYPE_CHECKING:
    pass

# Marks that end a Chinese phrase on their left / open one on their right.
ZH_CLOSERS = "”’》〉）」』〕】"
ZH_OPENERS = "“‘《〈（「『〔【"
# Anything that counts as Chinese on either side of an ASCII mark.
ZH_PUNCT_ALL = ZH_CLOSERS + ZH_OPENERS + ZH_STOPS + "…—"

_PROTECTED = lazy_re(
    rf"""
    (?:https?|ftp|file)://[^{_S}<>"“”‘’（）【】《》，。；！？、\u3000]+   # URL with a scheme
  | www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^{_S}<>"“”（）《》，。；！？、]*  # bare www. address
  | [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+               # e-mail address
  | `[^`\n]+`                                                          # inline code
    """,
    re.VERBOSE,
)


class Protected:
    """The non-prose stretches of one paragraph: ``covers(i)`` says whether position i is in one."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        if "/" in text or "@" in text or "`" in text or "www." in text:
            for m in _PROTECTED().finditer(text):
                starts.append(m.start())
                ends.append(m.end())
        self._starts = starts
        self._ends = ends

    def covers(self, i: int, j: int | None = None) -> bool:
        """True when ``[i, j)`` (or position i) overlaps a protected stretch."""
        if not self._starts:
            return False
        j = i + 1 if j is None else j
        k = bisect.bisect_right(self._starts, j - 1) - 1
        return k >= 0 and self._ends[k] > i


def is_zh(ch: str) -> bool:
    """Han or a Chinese punctuation mark."""
    return bool(ch) and (is_han(ch) or ch in ZH_PUNCT_ALL)


def is_zh_left(ch: str) -> bool:
    """A character that, standing left of a mark, puts the mark in Chinese text."""
    return bool(ch) and (is_han(ch) or ch in ZH_CLOSERS or ch in "…")


def is_zh_right(ch: str) -> bool:
    """A character that, standing right of a mark, puts the mark in Chinese text."""
    return bool(ch) and (is_han(ch) or ch in ZH_OPENERS)


def is_masked(ch: str) -> bool:
    return ch == MASK


_LATIN_WORD = re.compile(r"[A-Za-z]+")
_HAN_CHAR = lazy_re(f"[{HAN}]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A Chinese point mark used as one (followed by text), not quoted as an example ("(，， 。。)").
_ZH_MARK = lazy_re(f"[，。；：？！、](?=[{HAN}“”‘’《》（）「」]|$)")
_EN_MARK = lazy_re(f"[,.;:?!](?=[{_S}]|$)")


@lru_cache(maxsize=1024)
def chinese_block(text: str) -> bool:
    """Whether a paragraph is Chinese prose (perhaps with English words and stray ASCII marks)
    rather than English prose that quotes Chinese examples ("names (书记, 市长) are fine.").

    Chinese point marks outnumbering English-style ones (a mark then a space) decide it; without
    either kind, or when English marks win, Han characters must clearly outnumber Latin words.
    """
    if not _ASCII_LETTER.search(text):
        return True
    zh = len(_ZH_MARK().findall(text))
    en = len(_EN_MARK().findall(text))
    if zh > en:
        return True
    han = len(_HAN_CHAR().findall(text))
    words = len(_LATIN_WORD.findall(text))
    if zh == en == 0:
        return han > words
    return han > 3 * words
