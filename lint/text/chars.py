"""The one character-class table. Rules build their patterns from these pieces."""

from __future__ import annotations

import unicodedata

# Han ideographs: the CJK Unified Ideographs blocks, compatibility ideographs and 〇.
HAN = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)

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
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007
    )


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
