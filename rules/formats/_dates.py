"""Date patterns shared by the formats family: the three ways a Chinese text writes a date.

- ``arabic``: 2024年3月12日, 2024年3月 (Arabic numerals with 年 月 日; GB/T 15835-2011 §5.1.4);
- ``numeric``: 2024-03-12, 2024/3/12, 2024.3.12 (the all-numeric form of GB/T 7408);
- ``han``: 二〇二四年三月十二日 (Chinese numerals, the dateline of older official documents).

Only ASCII digits count as Arabic numerals here (full-width digits are the punctuation family's).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from wenlint.document import Block, Document, Span
from wenlint.record import Frozen
from wenlint.text.locate import ascii_of, lazy_re

# A year, month and optional day in Arabic numerals with 年 月 日; the year may be missing.
ARABIC = lazy_re(
    r"(?<![0-9.．/\-])(?:(?P<y>[0-9]{2,4})年)?(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?"
    r"(?![0-9])"
)
HAN_DIGIT = "〇零OoＯｏ○0一二三四五六七八九"
_HAN_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
_HAN_DAY = r"(?:三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# Characters that may stand for zero in a year written in Chinese numerals; only 〇 is right.
WRONG_ZEROS = "零OoＯｏ○0"


def valid(month: str, day: str | None) -> bool:
    return 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31)


def han_year(y: str) -> bool:
    """Four characters that read as a year: at least two real Chinese numerals among them."""
    return sum(c in "一二三四五六七八九" for c in y) >= 2


class DateHit(Frozen):
    __slots__ = ("span", "style", "text")
    _fields = ("style", "span", "text")
    style: Final[str]  # arabic | numeric- | numeric/ | numeric. | han
    span: Final[Span]
    text: Final[str]

    def __init__(self, style: str, span: Span, text: str) -> None:
        self.style = style
        self.span = span
        self.text = text


_ARABIC_TAIL = lazy_re(r"年(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?(?![0-9])")
_HAN_TAIL = lazy_re(rf"年{_HAN_MONTH}月(?:{_HAN_DAY}日)?")
NUMERIC = lazy_re(
    r"(?<![0-9.．/\-])(?:19|20)[0-9]{2}(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<d>[0-9]{1,2})(?![0-9]|[-/.][0-9])"
)
# What every NUMERIC match contains; a literal-led pattern that re scans for in C.
_NUMERIC_QUICK = lazy_re(r"(?:19|20)[0-9]{2}[-/.]")
_NOT_BEFORE_ARABIC = frozenset("0123456789.．/-")
_NOT_BEFORE_HAN = frozenset(HAN_DIGIT + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def years(text: str) -> Iterator[tuple[int, str]]:
    """Each four-character year before 年: (its offset, "arabic" or "han")."""
    p = text.find("年", 4)
    while p != -1:
        s = p - 4
        y = text[s:p]
        if y.isdigit() and y.isascii():  # four ASCII digits
            if not s or text[s - 1] not in _NOT_BEFORE_ARABIC:
                yield s, "arabic"
        elif not y.strip(HAN_DIGIT) and (not s or text[s - 1] not in _NOT_BEFORE_HAN):
            yield s, "han"  # four characters of HAN_DIGIT
        p = text.find("年", p + 1)


def full_dates(block: Block) -> Iterator[DateHit]:
    """Dates with at least a year and a month, in each style (arabic and han first)."""
    text = block.text
    for s, kind in years(text):
        if kind == "arabic":
            m = _ARABIC_TAIL().match(text, s + 4)
            if m and valid(m.group("m"), m.group("d")):
                yield DateHit("arabic", block.span(s, m.end()), text[s : m.end()])
        elif han_year(text[s : s + 4]):
            m = _HAN_TAIL().match(text, s + 4)
            if m:
                yield DateHit("han", block.span(s, m.end()), text[s : m.end()])
    if ("-" in text or "/" in text or "." in text) and _NUMERIC_QUICK().search(text):
        for m in NUMERIC().finditer(text):
            if valid(m.group("m"), m.group("d")):
                # 2024-03-12, 2024/3/12 and 2024.3.12 are three different styles
                yield DateHit("numeric" + m.group("sep"), block.span(m.start(), m.end()), m.group())


# Where a year of each kind may stand: 年 after four ASCII digits / four Chinese-numeral characters
# (the characters are part of the year, hence inside the block; literal-led: re skips to each 年).
ARABIC_YEAR = lazy_re("年(?<=[0-9]{4}年)")
HAN_YEAR = lazy_re(f"年(?<=[{HAN_DIGIT}]{{4}}年)")


def styles_possible(doc: Document) -> int:
    """An upper bound on the number of date styles of a document (for a rule that needs two):
    the numeric date is all ASCII, so it shows in the view's ASCII characters as well."""
    view = doc.view
    n = 0
    if "年" in view:  # (the years' patterns are compiled only then)
        n = bool(ARABIC_YEAR().search(view)) + bool(HAN_YEAR().search(view))
    asc = ascii_of(doc)
    if "-" in asc or "/" in asc or "." in asc:
        n += len({m.group()[-1] for m in _NUMERIC_QUICK().finditer(asc)})
    return n
