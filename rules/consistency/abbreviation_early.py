"""K806 abbreviation-before-definition: a short form used before the sentence that defines it
(（以下简称“自贸试验区”）)."""

from __future__ import annotations

from wenlint.diagnostic import Related
from wenlint.document import Document, Span
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.consistency import _abbrev


class AbbreviationBeforeDefinition(Rule):
    code = "K806"
    name = "abbreviation-before-definition"
    severity = Severity.WARNING
    standard = "《国家行政机关公文处理办法》（2000）第二十八条（先用全称，注明简称）"
    summary = T(
        zh="简称在约定它的“（以下简称……）”之前就用了",
        en="A short form used before the bracket that defines it (以下简称…)",
    )
    rationale = T(
        zh="简称应在全称第一次出现时约定，约定之前读者还不知道它指什么；约定之前已经用了简称，"
        "多是段落调整了顺序，或约定写错了位置。本规则只检查缩略的简称（“自贸试验区”“市场监管"
        "总局”：简称不是全称的一部分），因为全称末尾的词（“关键信息基础设施运营者（以下简称"
        "运营者）”里的“运营者”）在约定之前单用多是泛指。文件标题和小标题（不含句读的短行）"
        "常用简称，不报告；书名号内照录，不报告。",
        en="A short form is defined where the full name first appears; before that the reader "
        "cannot know what it means, and a use before the definition usually means paragraphs "
        "were moved or the definition sits in the wrong place. Only contractions are checked "
        "(自贸试验区, 市场监管总局: the short form is not a part of the full name), since the "
        "last word of a full name (运营者 in 关键信息基础设施运营者（以下简称运营者）) used "
        "alone before the definition is mostly generic. Titles and headings (short lines without "
        "sentence punctuation) often use the short form and are not reported, nor text inside "
        "a 《title》.",
    )
    examples = (
        Example(
            bad="各地要加快自贸试验区建设。\n\n建设自由贸易试验区（以下简称自贸试验区）是重大举措。"
        ),
        Example(
            good="建设自由贸易试验区（以下简称自贸试验区）是重大举措。各地要加快自贸试验区建设。"
        ),
        Example(
            good="关于复制推广自贸试验区经验的通知\n\n建设自由贸易试验区（以下简称自贸试验区）"
            "是重大举措。"
        ),
    )
    messages = {
        "early": T(
            zh="简称“{abbr}”在{line:zh}才约定，此前应写全称",
            en="the short form “{abbr}” is defined only on {line:en}; write the full name "
            "before that",
        ),
        "help": T(
            zh="此处写全称，或把约定移到这里",
            en="write the full name here, or move the definition here",
        ),
        "defined": T(zh="简称在此约定", en="the short form is defined here"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        defs = _abbrev.definitions(doc)
        if not defs:
            return
        view = doc.view
        seen: set[str] = set()
        for d in defs:
            if d.abbr in seen:
                continue
            seen.add(d.abbr)
            if not d.contraction:
                continue
            line = doc.line_number(d.start)
            related = [Related(Span(d.start, d.end), self.messages["defined"])]
            at = view.find(d.abbr, 0, d.full_start)
            while at >= 0:
                end = at + len(d.abbr)
                block = ctx.block_at(at, end)
                if (
                    block is not None
                    and block.kind != "heading"
                    and not _abbrev.heading_like(block.text)
                    and (d.abbr[0] == "《" or not _abbrev.in_title(view, at))
                ):
                    ctx.report(
                        Span(at, end), "early", help="help", related=related, abbr=d.abbr,
                        line=line,
                    )  # fmt: skip
                at = view.find(d.abbr, end, d.full_start)
