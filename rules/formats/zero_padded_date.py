"""F601 zero-padded-date: 2024年03月12日 — months and days written with a leading zero."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.formats._dates import ARABIC, valid

# A valid padded month or day shows as one of these (a zero month or day is no date).
_PADDED = (re.compile("0[1-9]月"), re.compile("月0[1-9]日"))  # literal-led: re skips in C


class ZeroPaddedDate(Rule):
    code = "F601"
    name = "zero-padded-date"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 9704-2012 §7.3.5"
    summary = T(
        zh="用“年月日”书写的日期，月、日前补了“0”（2024年03月12日）",
        en="A date written with 年/月/日 pads the month or day with a zero (2024年03月12日)",
    )
    rationale = T(
        zh="GB/T 9704-2012 第7.3.5条：成文日期用阿拉伯数字将年、月、日标全，"
        "月、日不编虚位（即1不编为01）；GB/T 15835-2011 第5.1.4条的示例也写作“2008年8月8日”。"
        "补“0”只属于全数字写法（2024-03-12），该写法不在此列。",
        en="GB/T 9704-2012 §7.3.5: months and days are not padded (1, not 01); GB/T 15835-2011 "
        "§5.1.4 writes 2008年8月8日. Zero padding belongs to the all-numeric form "
        "(2024-03-12), which is not flagged.",
    )
    fix_safety = T(
        zh="去掉月、日前面的“0”，日期不变，是安全修复",
        en="Drops the leading zeros; the date is unchanged, so the fix is safe",
    )
    examples = (
        Example(bad="发证日期：2024年03月12日", good="发证日期：2024年3月12日"),
        Example(bad="设立日期：2017年11月01日", good="设立日期：2017年11月1日"),
        Example(bad="定于3月05日召开", good="定于3月5日召开"),
        Example(good="2024年3月12日发布，有效期至2024-03-12。编号2024年第03号。"),
    )
    messages = {
        "padded": T(
            zh="日期“{date}”的月、日不应补“0”（GB/T 9704-2012 §7.3.5）",
            en="date “{date}” pads month or day with a zero (GB/T 9704-2012 §7.3.5)",
        ),
        "padded.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for block in ctx.blocks_with(pattern=_PADDED):
            if "月" not in block.text:
                continue
            for m in ARABIC().finditer(block.text):
                month, day = m.group("m"), m.group("d")
                if not valid(month, day):
                    continue
                padded = [g for g in ("m", "d") if (m.group(g) or "").startswith("0")]
                if not padded:
                    continue
                fixed = m.group()
                for g in reversed(padded):  # later group first keeps earlier offsets
                    s, e = m.start(g) - m.start(), m.end(g) - m.start()
                    fixed = fixed[:s] + str(int(m.group(g))) + fixed[e:]
                span = block.span(m.start(), m.end())
                ctx.report(
                    span,
                    "padded",
                    help="padded.help",
                    fix=Fix.replace(span, fixed),
                    date=m.group(),
                    fixed=fixed,
                )
