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


# -- the ``regex`` module's classes, for ``re`` patterns (importing ``regex`` costs ~20 ms) --------
# Character-class bodies that match exactly what ``regex`` matches (its Unicode is newer than
# ``re``'s); tests/test_text_classes.py checks them against the installed ``regex``.

#: ``regex``'s ``\p{Han}`` (Script=Han: ideographs, radicals, 々 〇 〡…, Hangzhou numerals).
HAN_SCRIPT = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)

#: ``regex``'s ``\d`` (every Unicode decimal digit, Nd).
REGEX_DIGIT = (
    "\u0030-\u0039\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f"
    "\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def"
    "\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819"
    "\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49"
    "\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59"
    "\uabf0-\uabf9\uff10-\uff19\U000104a0-\U000104a9\U00010d30-\U00010d39\U00010d40-\U00010d49"
    "\U00011066-\U0001106f\U000110f0-\U000110f9\U00011136-\U0001113f\U000111d0-\U000111d9"
    "\U000112f0-\U000112f9\U00011450-\U00011459\U000114d0-\U000114d9\U00011650-\U00011659"
    "\U000116c0-\U000116c9\U000116d0-\U000116e3\U00011730-\U00011739\U000118e0-\U000118e9"
    "\U00011950-\U00011959\U00011bf0-\U00011bf9\U00011c50-\U00011c59\U00011d50-\U00011d59"
    "\U00011da0-\U00011da9\U00011de0-\U00011de9\U00011f50-\U00011f59\U00016130-\U00016139"
    "\U00016a60-\U00016a69\U00016ac0-\U00016ac9\U00016b50-\U00016b59\U00016d70-\U00016d79"
    "\U0001ccf0-\U0001ccf9\U0001d7ce-\U0001d7ff\U0001e140-\U0001e149\U0001e2f0-\U0001e2f9"
    "\U0001e4f0-\U0001e4f9\U0001e5f1-\U0001e5fa\U0001e950-\U0001e959\U0001fbf0-\U0001fbf9"
)
