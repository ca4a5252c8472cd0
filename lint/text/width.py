"""Display width in a terminal: East Asian wide and full-width characters take two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from wenlint.text.locate import lazy_re


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
    return sum(map(width_of, text))


class _Widths(dict[str, int]):
    """``char_width`` of each character seen, computed once (the cache of every width lookup);
    looked up in C."""

    def __missing__(self, ch: str) -> int:
        w = self[ch] = char_width(ch)
        return w


#: One character's width, as ``char_width``, without a Python call per character.
width_of = _Widths().__getitem__


# Text made only of these characters (Chinese prose: ASCII, general punctuation, CJK symbols,
# kana, ideographs, full-width forms) has its widths read off the UTF-16 high byte of each
# character, all in C: within these ranges every character of one 256-code-point block has the
# same width (tests/test_width.py checks each one against char_width). Compiled on first use: its
# 30,000 characters take re a millisecond, and a run without findings draws no excerpt.
_SIMPLE = lazy_re(
    "[\x20-\x7e\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303e\u3041-\u3096"
    "\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]*"
)
_BLOCK_WIDTH = bytes(
    1 if hi in (0x00, 0x20) else 2 if hi == 0x30 or 0x34 <= hi <= 0x9F or hi == 0xFF else 0
    for hi in range(256)
)


def block_widths(text: str) -> bytes | None:
    """The display width of each character of ``text`` as bytes, each 1 or 2, when every
    character is in the fast ranges above; None otherwise."""
    if _SIMPLE().fullmatch(text):
        return text.encode("utf-16-le")[1::2].translate(_BLOCK_WIDTH)
    return None


def column_widths(text: str) -> Iterable[int]:
    """The display width of each character of ``text``."""
    widths = block_widths(text)
    return map(width_of, text) if widths is None else widths
