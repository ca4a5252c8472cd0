"""The one character-class table. Rules build their patterns from these pieces."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

# Han ideographs: the blocks of CJK Unified Ideographs (BMP and planes 2-3, unassigned code points
# included), the compatibility ideographs and 〇. ``is_han`` tests one character against it.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Chinese (full-width) punctuation marks as GB/T 15834-2011 lists them.
ZH_STOPS = "，。、；：？！"
ZH_QUOTES = "“”‘’「」『』"
ZH_BRACKETS = "（）〔〕【】《》〈〉［］｛｝"
ZH_PUNCT = ZH_STOPS + ZH_QUOTES + ZH_BRACKETS + "…—～·．／"

# Pairs of opening and closing marks.
PAIRS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "〈": "〉",
    "（": "）",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
}

# Object replacement character: masked markup (code, URLs, HTML) in the prose view.
MASK = "\ufffc"

WHITESPACE = " \t\u3000\u00a0\r\n"


def is_han(ch: str) -> bool:
    """Is the character ``ch`` a Han ideograph (in ``[HAN]``)? The one test of a single character;
    ``has_han`` asks it of a text, ``is_han_script`` asks Unicode's wider Script=Han."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007
    )


def has_han(text: str) -> bool:
    """Does ``text`` hold a Han ideograph? Also the test of a neighbouring character that may be
    missing (``""`` at the edge of a text holds none)."""
    return any(map(is_han, text))


def fold_width(text: str) -> str:
    """Map full-width ASCII variants to ASCII and U+3000 to a space (length-preserving)."""
    return text.translate(_FOLD)


_FOLD = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


# The full-width forms that ordinary Chinese prose is full of, replaced one by one (fast C scans).
COMMON_WIDE = tuple((c, chr(ord(c) - 0xFEE0)) for c in "，：（）；！？％．／～")


def normalize_for_compare(text: str) -> str:
    """Fold width and compatibility variants (NFKC) and drop all whitespace, for comparing texts.

    Chinese prose is almost never NFKC-normal only because of its full-width punctuation, so the
    common marks are replaced first with ``str.replace``; full NFKC runs only when the quick check
    says anything else is left.
    """
    for wide, narrow in COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    text = "".join(text.split())
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "".join(unicodedata.normalize("NFKC", text).split())


# -- the ``regex`` module's classes, for ``re`` patterns (importing ``regex`` costs ~20 ms) --------
# Character-class bodies that match exactly what ``regex`` matches (its Unicode is newer than
# ``re``'s); tests/test_text_classes.py checks them against the installed ``regex``.

#: ``regex``'s ``\p{Han}`` (Script=Han: ideographs, radicals, 々 〇 〡…, Hangzhou numerals). In a
#: ``re`` class it costs ~8 ms to compile (``re`` sets its 28,000 BMP code points one by one in
#: Python): test single characters with ``is_han_script`` instead.
HAN_SCRIPT = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)

#: ``regex``'s ``\d`` (every Unicode decimal digit, Nd): ``re``'s ``\d`` and the digits its newer
#: Unicode adds, all outside the BMP (a class of many BMP ranges takes milliseconds to compile).
REGEX_DIGIT = (
    r"\d"
    "\U00010d40-\U00010d49\U000116d0-\U000116e3\U00011bf0-\U00011bf9\U00011de0-\U00011de9"
    "\U00011f50-\U00011f59\U00016130-\U00016139\U00016d70-\U00016d79\U0001ccf0-\U0001ccf9"
    "\U0001e4f0-\U0001e4f9\U0001e5f1-\U0001e5fa"
)


def _bounds(body: str) -> list[int]:
    """``[lo, hi + 1, ...]`` for a class body of single characters and ``a-b`` ranges."""
    out: list[int] = []
    i = 0
    while i < len(body):
        lo = hi = ord(body[i])
        if body[i + 1 : i + 2] == "-":
            hi = ord(body[i + 2])
            i += 3
        else:
            i += 1
        out += (lo, hi + 1)
    return out


_HAN_SCRIPT_BOUNDS = _bounds(HAN_SCRIPT)


def is_han_script(ch: str) -> bool:
    """Does ``regex``'s ``\\p{Han}`` match the character ``ch``? (No pattern to compile.)"""
    return bisect_right(_HAN_SCRIPT_BOUNDS, ord(ch)) % 2 == 1
