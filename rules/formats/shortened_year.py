"""F605 shortened-year: 97年7月1日 — a year cut to two digits in a date."""

from __future__ import annotations

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.formats._dates import valid
from wenlint.text.locate import lazy_re

# Two digits, 年, a month, and a day or a zero-led year (08年8月): a date, never a duration
# (10年6个月 has 个; 5年3月 alone may be one, so it needs the day or the leading zero).
_SHORT = lazy_re(
    r"(?<![0-9.．/\-'’])(?P<y>[0-9]{2})年(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?(?![0-9])"
)
_FULL_YEAR = lazy_re(r"(?<![0-9])(19|20)([0-9]{2})(?![0-9])")


# Every _SHORT match holds two digits, 年 and a digit (literal-led: re skips to each 年 in C).
_QUICK = lazy_re("年(?<=[0-9]{2}年)[0-9]")
# The same in a text file, where the character before a block is never a digit or a mark of
# _SHORT's lookbehind (blocks are whole lines): no digit or mark before the two digits.
_QUICK_TXT = lazy_re("年(?<=[0-9]{2}年)(?<![0-9.．/\\-'’][0-9]{2}年)[0-9]")


class ShortenedYear(Rule):
    code = "F605"
    name = "shortened-year"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15835-2011 §5.1.4"
    summary = T(
        zh="日期中的四位年份简写成了两位（97年7月1日、08年8月）",
        en="A date cuts its four-digit year to two digits (97年7月1日, 08年8月)",
    )
    rationale = T(
        zh="GB/T 15835-2011 第5.1.4条：四位数字表示的年份不应简写为两位数字（“1990年”不写为"
        "“90年”）。只检查后接月、日的年份（97年7月1日）或以0开头的年份（08年8月），"
        "这样不会把“10年6个月”之类的时长当成年份。",
        en="GB/T 15835-2011 §5.1.4: a four-digit year is not cut to two digits. Only years "
        "followed by a month and day (97年7月1日) or led by a zero (08年8月) are checked, so "
        "durations are never taken for years.",
    )
    fix_safety = T(
        zh="文中别处写出了同尾两位的完整年份（如“2024年”）时补全世纪，是安全修复；"
        "否则只给出建议（世纪需人工确认）",
        en="Safe when the document spells the same year in full elsewhere (2024 for 24); "
        "otherwise the century is a guess and the fix is only suggested",
    )
    examples = (
        Example(
            bad="2024年工作要点。24年3月12日召开会议。",
            fixed="2024年工作要点。2024年3月12日召开会议。",
        ),
        Example(bad="香港于97年7月1日回归祖国。"),
        Example(good="1997年7月1日；服刑10年6个月；建市35年；90年代；第10年3月。"),
    )
    messages = {
        "short": T(
            zh="年份“{year}年”简写为两位（GB/T 15835-2011 §5.1.4）",
            en="year “{year}年” is cut to two digits (GB/T 15835-2011 §5.1.4)",
        ),
        "short.help": T(zh="写全年份：“{full}年”", en="write the full year: “{full}年”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        if "年" not in doc.view:
            return  # (no pattern compiled)
        centuries: dict[str, set[str]] | None = None
        quick = _QUICK() if doc.markdown else _QUICK_TXT()
        for block in ctx.blocks_with(pattern=quick):
            if "年" not in block.text:
                continue
            for m in _SHORT().finditer(block.text):
                y, month, day = m.group("y"), m.group("m"), m.group("d")
                if not valid(month, day) or (day is None and not y.startswith("0")):
                    continue
                if centuries is None:
                    centuries = {}
                    for f in _FULL_YEAR().finditer(doc.view):
                        centuries.setdefault(f.group(2), set()).add(f.group(1))
                known = centuries.get(y, set())
                century = next(iter(known)) if len(known) == 1 else ("20" if y <= "30" else "19")
                full = century + y
                span = block.span(m.start("y"), m.end("y"))
                ctx.report(
                    span,
                    "short",
                    help="short.help",
                    fix=Fix.replace(span, full, safe=len(known) == 1),
                    year=y,
                    full=full,
                )
