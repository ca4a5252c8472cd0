"""Display width in a terminal: East Asian wide and full-width characters take two columns."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if ch == "\t":
        return 4
    o = ord(ch)
    if o < 0x300:
        return 0 if o < 0x20 or 0x7F <= o < 0xA0 else 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(char_width, text))
