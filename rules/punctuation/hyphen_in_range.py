"""P411 hyphen-in-range: a hyphen - or a full-width hyphen-minus － joining the two ends of a
range of numbers or years in Chinese text (增长3%－5%, 2011-2020年), where GB/T 15834 wants ～ or
—."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import Protected, chinese_block, is_zh
from wenlint.text.locate import ascii_of, lazy_re

_HYPHENS = "-－–"
# Two numbers joined by a hyphen, each perhaps with % or 万/亿; not inside a longer code (a letter,
# digit, point, slash, colon or another connector before it: GB/T 15834-2011, 9:00-18:30, x-1).
_RANGE = lazy_re(
    r"(?<![0-9A-Za-z.．,/:_+=#\-－–~～—])"
    r"(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<ua>[%％‰]|万亿|亿|万)?"
    r"(?P<sep>[-－–])"
    r"(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<ub>[%％‰]|万亿|亿|万)?"
)
# What may follow a range without % or 万/亿: a unit or measure word (3-5年, 第1-3条, 5-10个).
# Not 号 楼 室 层 单元 (house and room numbers: 文远路82-84号, 3-502室), not 版 (versions).
_MEASURE = lazy_re(
    "(?:年|月|日|天|周|旬|季度|小时|时|分钟|秒|岁|个|元|倍|人|次|家|项|条|款|章|节|页|篇|名|位|"
    "种|件|台|辆|吨|米|克|公斤|斤|亩|公里|公顷|千米|千克|平方米|立方米|毫米|厘米|度|℃|级|期|届|"
    "批|座|块|株|头|只|户|成|折|类|份|场|轮|册|本|张|百|千)"
)
# Numbers of figures, tables, formulas and annexes are written with a hyphen (图2-8, 表3-1).
_NUMBERED = "图表式件例"
# Ranges the document writes with a Chinese connector: its own scheme decides the suggestion.
_OWN = lazy_re(r"[0-9][%％‰万亿]?([—～~〜])[0-9]")


def _number(s: str) -> float | None:
    """The value of one end, None when it reads as a code (a leading zero: 0349, 03)."""
    if len(s) > 1 and s[0] == "0" and s[1] != ".":
        return None
    return float(s)


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1000 <= int(s) <= 2099


class HyphenInRange(Rule):
    code = "P411"
    name = "hyphen-in-range"
    severity = Severity.WARNING
    fix = FixAvailability.SUGGESTION
    standard = "GB/T 15834-2011 §4.13"
    summary = T(
        zh="数值或年份范围用短横线“-”或全角“－”连接（3%－5%、2011-2020年），应为“～”或“—”",
        en="A range of numbers or years joined by a hyphen or a full-width hyphen-minus "
        "(3%－5%, 2011-2020年) where “～” or “—” belongs",
    )
    rationale = T(
        zh="GB/T 15834-2011 第 4.13 条：标示数值范围的起止一般用浪纹线“～”（25～30克），"
        "标示时间、地域的起止一般用一字线“—”（2011—2020年、北京—上海），两者也可互换；"
        "短横线“-”用于编号（电话号码、门牌号码、图表编号：010-88842603、27-1号、图2-8）。"
        "用短横线或全角减号“－”连接数值范围，是从英文习惯或输入法带来的。"
        "只报告两端都是数值、其后是百分号、万/亿或量词单位的范围，以及两个年份的范围；"
        "编号、门牌号、电话号码、日期（2024-03-12，F602 的范围）、标准号（GB/T 15834-2011）、"
        "型号、版本号、负数和算式中的减号不报告。专名之间的“－”（中国－东盟）也不报告。",
        en="GB/T 15834-2011 §4.13: a range of values usually takes the wave dash “～” (25～30克), "
        "a span of time or places the em dash “—” (2011—2020年, 北京—上海), either may stand "
        "for the other; the short hyphen is for codes (phone and house numbers, figure numbers: "
        "010-88842603, 27-1号, 图2-8). A range of numbers joined by a hyphen or a full-width "
        "hyphen-minus comes from English habits or an input method. Only ranges of two numbers "
        "followed by %, 万/亿 or a unit or measure word, and ranges of two years, are reported; "
        "codes, house and phone numbers, dates (2024-03-12, F602's business), standard numbers "
        "(GB/T 15834-2011), model and version numbers, negative numbers, minus signs and pairs "
        "of names (中国－东盟) are not.",
    )
    fix_safety = T(
        zh="建议改为本文档其他范围已用的连接号；文档中没有时，年份范围用“—”，数值范围用“～”。"
        "两者标准都允许，由编辑决定，不自动应用",
        en="Suggests the connector the document's other ranges use; without any, “—” for years "
        "and “～” for values. The standard allows both, so the editor decides",
    )
    examples = (
        Example(bad="力争全年增长3%－5%。", fixed="力争全年增长3%～5%。"),
        Example(bad="发布实施2011-2020年中国农村扶贫开发纲要。"),
        Example(bad="经过5-10年努力，基本建成现代职业教育体系。"),
        Example(
            good="推动中国－东盟自贸区升级，举办中国—中亚峰会；按照GB/T 15834-2011执行，"
            "电话0349-6669672，地址文远路82-84号，见图2-8，气温-5℃，2024-03-12印发。"
        ),
        Example(good="力争全年增长3%～5%，2011—2020年，经过5—10年努力。"),
    )
    messages = {
        "range": T(
            zh="范围“{text}”用了短横线“{sep}”，应为“～”或“—”（GB/T 15834-2011 第 4.13 条）",
            en="the range “{text}” is joined by the hyphen “{sep}”; use “～” or “—” "
            "(GB/T 15834-2011 §4.13)",
        ),
        "range.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        if not ("-" in ascii_of(doc) or "－" in view or "–" in view):
            return
        own = [m.group(1) for m in _OWN().finditer(view)]
        for block in doc.blocks:
            text = block.text
            if not any(h in text for h in _HYPHENS) or not chinese_block(text):
                continue
            prot: Protected | None = None
            for m in _RANGE().finditer(text):
                if not self._is_range(text, m):
                    continue
                prot = prot or Protected(text)
                if prot.covers(m.start(), m.end()):
                    continue
                year = _is_year(m.group("a")) and not (m.group("ua") or m.group("ub"))
                connector = _connector(own, year)
                k = m.start("sep") - m.start()
                ctx.report(
                    block.span(m),
                    "range",
                    help="range.help",
                    fix=Fix.replace(
                        block.span(m.start("sep"), m.end("sep")), connector, safe=False
                    ),
                    text=m.group(),
                    sep=m.group("sep"),
                    fixed=m.group()[:k] + connector + m.group()[k + 1 :],
                )

    @staticmethod
    def _is_range(text: str, m: re.Match[str]) -> bool:
        i, j = m.span()
        prev = text[i - 1] if i else ""
        nxt = text[j] if j < len(text) else ""
        if prev and (not is_zh(prev) or prev in _NUMBERED):
            return False  # a code after Latin text or a space, or a figure number
        if nxt in _HYPHENS or nxt in "0123456789.．" or (nxt.isascii() and nxt.isalpha()):
            return False  # a chain (2024-3-12) or a longer code
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or b is None or not a < b:
            return False  # a code (0349-…), a date (2024-03), a score or a difference (5-3)
        if m.group("ua") or m.group("ub"):
            return True
        if _is_year(m.group("a")) and _is_year(m.group("b")):
            return b - a <= 100 and (not nxt or is_zh(nxt))
        if len(m.group("b").split(".")[0]) > 4:
            return False  # a phone or serial number
        return _MEASURE().match(text, j) is not None


def _connector(own: list[str], year: bool) -> str:
    """The document's own range connector when it has one scheme, else the standard's default."""
    kinds = {"—" if c == "—" else "～" for c in own}
    if len(kinds) == 1:
        return kinds.pop()
    return "—" if year else "～"
