"""Display width in a terminal: East Asian wide and full-width characters take two columns."""

from __future__ import annotations

import re
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
    return sum(column_widths(text))


# Widths of whole texts without a Python call per character: the UTF-16 high byte of a BMP
# character names its block of 256 code points, and most blocks (CJK ideographs, kana, ASCII bar
# its controls) have one width throughout. Blocks are classified on first sight; characters of
# mixed blocks (general punctuation, full-width forms) are looked up one by one; text with a
# control character or a character beyond the BMP takes the per-character path.
_UNSEEN, _MIXED = 0xFE, 0xFF
_blocks = bytearray([_UNSEEN]) * 256  # the one width of each block, _MIXED, or _UNSEEN
_table = bytes(_blocks)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _classify(high: bytes) -> None:
    global _table
    for hi in set(high):
        if _blocks[hi] != _UNSEEN:
            continue
        if hi == 0:  # ASCII and Latin-1: one column (texts with controls never get here)
            _blocks[0] = 1
            continue
        found = {char_width(chr(hi << 8 | lo)) for lo in range(256)}
        _blocks[hi] = found.pop() if len(found) == 1 else _MIXED
    _table = bytes(_blocks)


def column_widths(text: str) -> bytes:
    """The display width of each character of ``text`` (as ``char_width``), one byte each."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    if len(high) != len(text) or _CONTROL.search(text):
        return bytes(map(char_width, text))
    widths = high.translate(_table)
    if _UNSEEN in widths:
        _classify(high)
        widths = high.translate(_table)
    if _MIXED not in widths:
        return widths
    out = bytearray(widths)
    i = out.find(_MIXED)
    while i != -1:
        out[i] = char_width(text[i])
        i = out.find(_MIXED, i + 1)
    return bytes(out)
