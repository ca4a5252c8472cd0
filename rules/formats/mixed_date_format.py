"""F602 mixed-date-format: one document writes its dates in more than one style."""

from __future__ import annotations

from collections import Counter

from wenlint.diagnostic import Related
from wenlint.document import Document
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.formats._dates import DateHit, full_dates, styles_possible


class MixedDateFormat(Rule):
    code = "F602"
    name = "mixed-date-format"
    severity = Severity.INFO
    standard = "GB/T 15835-2011 §5.1.4"
    summary = T(
        zh="同一文档的日期混用多种写法（2024年3月12日、2024-03-12、二〇二四年三月十二日）",
        en="One document writes dates in more than one style (2024年3月12日, 2024-03-12, "
        "二〇二四年三月十二日)",
    )
    rationale = T(
        zh="GB/T 15835-2011 要求数字用法“局部体例一致”：同一篇文字里的日期应采用同一种写法。"
        "只比较带年份的完整日期；以全文用得最多的写法为准，报告其余写法的每一处。",
        en="GB/T 15835-2011 asks for consistent usage within a text. Only dates with a year are "
        "compared; the style used most often is taken as the document's, and every date in "
        "another style is reported.",
    )
    examples = (
        Example(bad="2024年3月12日召开会议。\n\n会议纪要于2024-03-15印发。\n"),
        Example(bad="2024年3月12日召开会议。\n\n二〇二四年三月十五日\n"),
        Example(good="2024年3月12日召开会议。\n\n会议纪要于2024年3月15日印发。\n"),
    )
    messages = {
        "mixed": T(
            zh="日期“{date}”与全文写法（如“{example}”）不一致",
            en="date “{date}” is not written like the rest of the document (e.g. “{example}”)",
        ),
        "mixed.help": T(zh="统一为“{example}”的写法", en="write it in the style of “{example}”"),
        "first": T(zh="全文通用写法的一例", en="a date in the document's style"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        hits: list[DateHit] = []
        if styles_possible(doc) < 2:
            return
        for block in doc.blocks:
            text = block.text
            if "年" in text or "-" in text or "/" in text or "." in text:  # else no date
                hits.extend(full_dates(block))
        styles = Counter(h.style for h in hits)
        if len(styles) < 2:
            return
        hits.sort(key=lambda h: h.span.start)
        first_seen = {h.style: i for i, h in reversed(list(enumerate(hits)))}
        main = max(styles, key=lambda s: (styles[s], -first_seen[s]))
        example = hits[first_seen[main]]
        for h in hits:
            if h.style == main:
                continue
            ctx.report(
                h.span,
                "mixed",
                help="mixed.help",
                related=[Related(example.span, self.messages["first"])],
                date=h.text,
                example=example.text,
            )
