"""N301 misnumbered-item: a sibling number that repeats, skips, goes backwards or starts late."""

from __future__ import annotations

from lint.diagnostic import Related
from lint.document import Document
from lint.rule import Context, Example, Rule, Severity, T
from lint.text.chars import normalize_for_compare
from rules.numbering.common import GBT9704, marker_span, number_as
from rules.numbering.outline import Item, outline_of


def _same_title(a: Item, b: Item) -> bool:
    key = normalize_for_compare(a.title)
    return bool(key) and key == normalize_for_compare(b.title)


class MisnumberedItem(Rule):
    code = "N301"
    name = "misnumbered-item"
    severity = Severity.ERROR
    summary = T(
        zh="同级序号重复、跳号、倒退，或下级序号不从一开始",
        en="A sibling number repeats, skips or goes backwards, or a nested list starts past one",
    )
    rationale = T(
        zh="结构层次序数（一、（一）1.（1），第一章、第一条）按顺序逐一编号"
        "（GB/T 9704-2012 §7.3.3）。"
        "重号、跳号多半是增删段落或复制粘贴后没有重排序号，读者据序号引用时会指错地方。"
        "规则先推断全文的层次结构：同一序号样式的段落是兄弟项，中间夹着的其他样式是下级，"
        "所以下级列表不会打断上级的编号；条文编号（第X条）全文连续。"
        "一个序号与前项不接续时，若两项之间隔着不带序号的小标题（如“2024年工作安排”），"
        "视为新的列表而不报告；最外层列表不从一开始（报纸节选常见）也不报告。",
        en="Outline numbers (一、 （一） 1. （1）, 第一章, 第一条) count up one by one "
        "(GB/T 9704-2012 §7.3.3). A repeated or skipped number usually means paragraphs were "
        "added, deleted or pasted without renumbering. The rule infers the outline first, so a "
        "nested list does not break its parent's count, and articles (第X条) count through the "
        "whole law. A number that does not follow on after an unnumbered heading starts a new "
        "list instead, and an outermost list may start past one (newspapers print excerpts).",
    )
    standard = GBT9704
    examples = (
        Example(bad="一、总体要求\n\n二、主要任务\n\n二、保障措施\n"),
        Example(bad="一、总体要求\n\n二、主要任务\n\n四、保障措施\n"),
        Example(bad="一、总体要求\n\n（二）指导思想\n\n（三）基本原则\n"),
        Example(good="一、总体要求\n\n（一）指导思想\n\n（二）基本原则\n\n二、主要任务\n"),
        Example(
            good="第一章　总则\n\n第一条　为了规范管理，制定本办法。\n\n"
            "第二章　管理\n\n第二条　本办法适用于本市。\n"
        ),
    )
    messages = {
        "skip": T(
            zh="序号“{found}”跳号，此处应为“{expected}”",
            en="“{found}” skips a number: “{expected}” expected",
        ),
        "repeat": T(
            zh="序号“{found}”与上一项重复，此处应为“{expected}”",
            en="“{found}” repeats the previous item's number: “{expected}” expected",
        ),
        "backward": T(
            zh="序号“{found}”倒退，此处应为“{expected}”",
            en="“{found}” goes backwards: “{expected}” expected",
        ),
        "start": T(
            zh="下一层序号从“{found}”开始，应从“{expected}”开始",
            en="the nested list starts at “{found}” instead of “{expected}”",
        ),
        "skip.help": T(
            zh="补上缺漏的项，或把本项及其后的序号依次改为从“{expected}”起",
            en="add the missing item, or renumber from “{expected}” on",
        ),
        "repeat.help": T(
            zh="若本项是重复粘贴的内容则删去，否则把序号改为“{expected}”并顺延其后各项",
            en="delete the item if it was pasted twice; otherwise renumber it “{expected}” and on",
        ),
        "repeat-copy.help": T(
            zh="本项与上一项序号、标题都相同，像是重复粘贴：删去本项（连同其正文）",
            en="same number and title as the previous item, likely pasted twice: delete it "
            "with its body",
        ),
        "backward.help": T(
            zh="把序号改为“{expected}”并顺延其后各项",
            en="renumber it “{expected}” and the items after it",
        ),
        "start.help": T(
            zh="本层第一项的序号改为“{expected}”并依次顺延",
            en="number the first item “{expected}” and renumber the rest",
        ),
        "prev": T(zh="上一项", en="previous item"),
        "parent": T(zh="所属上一层", en="parent item"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for item in outline_of(doc).items:
            if item.problem is None or item.expected is None or item.prev is None:
                continue
            note = self.messages["parent" if item.problem == "start" else "prev"]
            help_key = f"{item.problem}.help"
            if item.problem == "repeat" and _same_title(item, item.prev):
                help_key = "repeat-copy.help"
            ctx.report(
                marker_span(item, doc),
                item.problem,
                help=help_key,
                related=[Related(marker_span(item.prev, doc), note)],
                found=item.marker.text,
                expected=number_as(item, item.expected),
            )
