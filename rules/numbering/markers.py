"""List markers at the start of a paragraph, and Chinese numerals.

A *marker* is the number that opens a numbered paragraph: 一、 （一） 1. （1） ① 第一章 第三条.
``parse_marker(text)`` reads one at the start of a block's text, or returns None when the text
merely starts with a number (2023年，… / 6.3万平方公里 / 一年来，… / 一、二年级学生 …).

Each marker has a *kind* (the numbering system, which tells the levels of an outline apart) and
a *form* (how this kind is written here, with the numeral replaced by ``N`` — or ``Ｎ`` for
full-width digits): ``（N）`` and ``(N)`` are two forms of the kind ``cn-paren``. The outline
compares kinds; the style rules compare forms.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Final

from wenlint.record import Frozen

# ---------------------------------------------------------------------------------------------
# Chinese numerals

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "两": 2,
}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_DIGIT_CN = "零一二三四五六七八九"
CN_NUMERAL_CHARS = "零〇一二三四五六七八九十百千两"


@lru_cache(maxsize=1024)
def cn_numeral(n: int) -> str:
    """The standard Chinese numeral for ``1 <= n <= 9999`` (十一, 二十, 一百零一)."""
    if not 0 < n < 10000:
        raise ValueError(f"no Chinese numeral for {n}")
    out: list[str] = []
    started = zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = started
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == 10 and d == 1 and not started):
            out.append(_DIGIT_CN[d])
        out.append(name)
        started = True
    return "".join(out)


@lru_cache(maxsize=1024)  # the same few numerals come up again and again
def parse_cn_numeral(s: str) -> int | None:
    """Value of a well-formed Chinese numeral (一 … 九千九百九十九), else None.

    〇 is read as 零; 两 counts only before 百 or 千 (两百, 两千), never alone (两、 is no marker);
    一十五 is accepted for 十五. Ill-formed strings (十十, 二二, 三百五) are rejected.
    """
    if not s or any(ch not in _CN_DIGIT and ch not in _CN_UNIT for ch in s):
        return None
    for i, ch in enumerate(s):
        if ch == "两" and (i + 1 >= len(s) or s[i + 1] not in "百千"):
            return None
    total = cur = 0
    for ch in s:
        if ch in _CN_DIGIT:
            cur = _CN_DIGIT[ch]
        else:
            total += (cur or 1) * _CN_UNIT[ch]
            cur = 0
    total += cur
    if total <= 0 or total >= 10000:
        return None
    norm = s.replace("〇", "零").replace("两", "二")
    canon = cn_numeral(total)
    if norm == canon or (canon.startswith("十") and norm == "一" + canon):
        return total
    return None


def parse_arabic(s: str) -> int | None:
    """Value of ASCII or full-width decimal digits."""
    if not s:
        return None
    digits = s.translate(_FW_DIGITS)
    return int(digits) if digits.isascii() and digits.isdigit() else None


_DIGITS = "0123456789０１２３４５６７８９"
_FW_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}

# ---------------------------------------------------------------------------------------------
# Markers

#: Kinds of marker. The first four are GB/T 9704-2012 §7.3.3's levels, in order.
CN = "cn"  # 一、
CN_PAREN = "cn-paren"  # （一）
ARABIC = "arabic"  # 1.
ARABIC_PAREN = "arabic-paren"  # （1）
ARABIC_HALF = "arabic-half"  # 1）
CIRCLED = "circled"  # ①
PART, SUBPART, CHAPTER, SECTION, ARTICLE = "part", "subpart", "chapter", "section", "article"
MARKUP = "markup"  # a Markdown ordered list item: its number is markup, not text

GBT9704_LEVELS = (CN, CN_PAREN, ARABIC, ARABIC_PAREN)

#: The form GB/T 9704-2012 §7.3.3 prints for each of its kinds (N = the numeral).
STANDARD_FORM = {CN: "N、", CN_PAREN: "（N）", ARABIC: "N.", ARABIC_PAREN: "（N）"}

_STRUCT_UNIT = {"编": PART, "分编": SUBPART, "章": CHAPTER, "节": SECTION, "条": ARTICLE}


# a record: built for every numbered block, cheaper than a frozen dataclass or a named tuple
class Marker(Frozen):
    """A list marker found at the start of a block's text (offsets are into that text)."""

    __slots__ = (
        "body",
        "end",
        "form",
        "kind",
        "numeral",
        "start",
        "supplement",
        "synthetic",
        "value",
    )
    _fields = (
        "kind",
        "value",
        "start",
        "end",
        "body",
        "numeral",
        "form",
        "supplement",
        "synthetic",
    )
    kind: Final[str]
    value: Final[int]
    start: Final[int]  # where the marker begins (0 for text markers)
    end: Final[int]  # just after its closing punctuation
    body: Final[int]  # where the item's own text begins (after any spaces)
    numeral: Final[str]  # the numeral as written: "十一", "3", "３", "①"
    form: Final[str]  # the marker with its numeral replaced by N (Ｎ for full-width digits)
    supplement: Final[bool]  # 第一百二十条之一: an inserted article, outside the count
    synthetic: Final[bool]  # given by markup (Markdown), not written in the text

    def __init__(
        self,
        kind: str,
        value: int,
        start: int,
        end: int,
        body: int,
        numeral: str,
        form: str,
        supplement: bool = False,
        synthetic: bool = False,
    ) -> None:
        self.kind = kind
        self.value = value
        self.start = start
        self.end = end
        self.body = body
        self.numeral = numeral
        self.form = form
        self.supplement = supplement
        self.synthetic = synthetic

    @property
    def text(self) -> str:
        if self.kind == CIRCLED:
            return self.numeral
        return self.form.replace("Ｎ", self.numeral).replace("N", self.numeral)


_SPACE = " \t\u3000\u00a0"
_CN_NUM = "[零〇一二三四五六七八九十百千两]{1,7}"
_AR_NUM = "[0-9０-９]{1,3}"
_SYMBOLS = "".join(map(chr, range(0x2460, 0x249C)))  # ①..⑳, ⑴..⒇, ⒈..⒛ (see _symbol)


# Compiled on first use (a few ms at start-up otherwise): each kind of marker has its pattern.
@cache
def _struct_re() -> re.Pattern[str]:
    return re.compile(rf"第({_CN_NUM}|{_AR_NUM})(分编|编|章|节|条)(?:之({_CN_NUM}))?")


@cache
def _paren_re() -> re.Pattern[str]:
    return re.compile(rf"([（(])[{_SPACE}]?({_CN_NUM}|{_AR_NUM})[{_SPACE}]?([）)])([、.．，,]?)")


@cache
def _cn_re() -> re.Pattern[str]:
    return re.compile(rf"({_CN_NUM})([、.．])")


@cache
def _ar_re() -> re.Pattern[str]:
    return re.compile(rf"({_AR_NUM})([.．、)）])")


#: Every character a marker in the text can open with (``parse_marker`` decides by the first
#: one): a block opening with any other character is no item, and callers may skip it cheaply.
MARKER_START = frozenset("第（(" + CN_NUMERAL_CHARS + _DIGITS + _SYMBOLS)


def parse_marker(text: str) -> Marker | None:
    """The marker opening ``text`` (a block's stripped text), or None."""
    if not text:
        return None
    c = text[0]
    if c == "第":
        return _struct(text)
    if c in "（(":
        return _paren(text)
    if c in CN_NUMERAL_CHARS:
        return _cn(text)
    if "0" <= c <= "9" or "０" <= c <= "９":
        return _arabic(text)
    if "\u2460" <= c <= "\u249b":  # one of _SYMBOLS
        return _symbol(text)
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _form(numeral: str, before: str, after: str) -> str:
    n = "Ｎ" if numeral and "０" <= numeral[0] <= "９" else "N"
    return f"{before}{n}{after}"


def _struct(text: str) -> Marker | None:
    m = _struct_re().match(text)
    if m is None:
        return None
    num, unit, sub = m.group(1), m.group(2), m.group(3)
    value = parse_cn_numeral(num) if num[0] in CN_NUMERAL_CHARS else parse_arabic(num)
    if value is None or (sub is not None and parse_cn_numeral(sub) is None):
        return None
    end = m.end()
    body = _skip_space(text, end)
    rest = text[body:]
    if unit == "条":
        # 第一条　为了…: an article is followed by a space; 第一条规定，… is a sentence about one
        if body == end and rest:
            return None
    elif body == end and rest and not _title_like(rest):
        # 第一章总则 is a heading; 第一节课上，… is not
        return None
    kind = _STRUCT_UNIT[unit]
    return Marker(
        kind,
        value,
        0,
        end,
        body,
        num,
        f"第N{unit}" + ("之" + sub if sub else ""),
        supplement=sub is not None,
    )


def _title_like(rest: str) -> bool:
    return len(rest) <= 30 and not any(ch in rest for ch in "，。；！？、：")


def _paren(text: str) -> Marker | None:
    m = _paren_re().match(text)
    if m is None:
        return None
    num, trail = m.group(2), m.group(4)
    if num[0] in CN_NUMERAL_CHARS:
        kind, value = CN_PAREN, parse_cn_numeral(num)
        if value is None or value > 99:
            return None
    else:
        kind, value = ARABIC_PAREN, parse_arabic(num)
        if not value:
            return None
    if trail and trail in ".．" and m.end() < len(text) and text[m.end()].isdigit():
        return None
    if trail and trail in ",，":
        # （一），（二）… is an inline enumeration, not a marker
        return None
    before = text[m.start(1) : m.start(2)]
    after = text[m.end(2) : m.end()]
    end = m.end()
    return Marker(kind, value, 0, end, _skip_space(text, end), num, _form(num, before, after))


def _cn(text: str) -> Marker | None:
    m = _cn_re().match(text)
    if m is None:
        return None
    num, punct = m.group(1), m.group(2)
    value = parse_cn_numeral(num)
    if value is None or value > 99:
        return None
    end = m.end()
    nxt = text[end : end + 1]
    if nxt in CN_NUMERAL_CHARS and _continues_count(
        text, end, value, CN_NUMERAL_CHARS, parse_cn_numeral
    ):
        return None
    if punct in ".．" and nxt.isascii() and nxt.isalnum():
        return None  # 一.5: a marker is followed by the heading's words
    body = end if nxt not in _SPACE else _skip_space(text, end)
    return Marker(CN, value, 0, end, body, num, f"N{punct}")


def _arabic(text: str) -> Marker | None:
    m = _ar_re().match(text)
    if m is None:
        return None
    num, punct = m.group(1), m.group(2)
    value = parse_arabic(num)
    if not value:
        return None
    end = m.end()
    nxt = text[end] if end < len(text) else ""
    if punct in ".．" and nxt and (nxt.isdigit() or nxt in "%％‰"):
        return None  # 6.3万 / 1.1 / 3.5%
    if punct in ".．" and nxt.isascii() and nxt.isalpha():
        return None  # 1.a, file names
    if punct == "、" and _continues_count(text, end, value, _DIGITS, parse_arabic):
        return None  # 1、2号楼
    kind = ARABIC_HALF if punct in ")）" else ARABIC
    return Marker(kind, value, 0, end, _skip_space(text, end), num, _form(num, "", punct))


def _continues_count(text: str, end: int, value: int, chars: str, parse: object) -> bool:
    """True for 一、二年级 / 1、2号楼: the next word is the following number, so the first
    numeral is one of a list of numbers sharing a noun, not a marker."""
    j = end
    while j < len(text) and text[j] in chars:
        j += 1
    if j == end:
        return False
    nxt = parse(text[end:j])  # type: ignore[operator]
    return bool(nxt == value + 1)


def _symbol(text: str) -> Marker | None:
    c = text[0]
    o = ord(c)
    if 0x2460 <= o <= 0x2473:
        value, form = o - 0x2460 + 1, "①"
    elif 0x2474 <= o <= 0x2487:
        value, form = o - 0x2474 + 1, "⑴"
    else:
        value, form = o - 0x2488 + 1, "⒈"
    return Marker(CIRCLED, value, 0, 1, _skip_space(text, 1), c, form)


def render(kind: str, value: int, form: str | None = None) -> str:
    """The marker for ``value`` in ``form`` (default: the kind's GB/T 9704 form)."""
    f = form or STANDARD_FORM.get(kind, "N、")
    if kind == CIRCLED:
        base = {"①": 0x2460, "⑴": 0x2474, "⒈": 0x2488}.get(f, 0x2460)
        return chr(base + value - 1) if 1 <= value <= 20 else str(value)
    if kind in (CN, CN_PAREN) or kind in _STRUCT_UNIT.values():
        return f.replace("N", cn_numeral(value))
    if "Ｎ" in f:
        return f.replace("Ｎ", str(value).translate(_TO_FW))
    return f.replace("N", str(value))


_TO_FW = {0x30 + i: 0xFF10 + i for i in range(10)}


def gbt9704_child(kind: str) -> str | None:
    """The kind GB/T 9704-2012 §7.3.3 puts one level below ``kind``, if it says."""
    if kind in GBT9704_LEVELS:
        i = GBT9704_LEVELS.index(kind)
        return GBT9704_LEVELS[i + 1] if i + 1 < len(GBT9704_LEVELS) else None
    return None
