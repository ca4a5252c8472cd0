"""N301 misnumbered-item: a sibling number that repeats, skips, goes backwards or starts late."""

from __future__ import annotations

from wenlint.diagnostic import Related
from wenlint.document import Document
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.numbering.common import GBT9704, marker_span, number_as
from wenlint.rules.numbering.outline import Item, outline_of
from wenlint.text.chars import normalize_for_compare


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
        "下级序号有两种通行编法：在每个上级项下重新从（一）编起（工作方案常见），"
        "或跨上级项连续编号（国务院的意见常见：一、（一）（二）二、（三）（四）……），"
        "第三层（1. 2.）同样可以连续。规则按文档的每一部分（一个最外层列表），"
        "对每一种下级序号分别推断其编法：看第二个及以后的上级项下第一个序号，"
        "是“1”算一票“重新起编”，接着前一上级项下的最后一个序号算一票“连续编号”，"
        "多数即本部分的编法。然后只报告违背该编法之处：连续编号中重新从一起编、重号、跳号、倒退，"
        "重新起编中不从一开始。票数相同或没有证据（如只有一个上级项）时不报告下级列表的起始序号。"
        "一个序号与前项不接续时，若两项之间隔着不带序号的小标题（如“2024年工作安排”），"
        "视为新的列表而不报告；最外层列表不从一开始（报纸节选常见）也不报告。"
        "只有一项的列表后再出现“一、”，是重号而不是新列表（一、……一、……二、……）。",
        en="Outline numbers (一、 （一） 1. （1）, 第一章, 第一条) count up one by one "
        "(GB/T 9704-2012 §7.3.3). A repeated or skipped number usually means paragraphs were "
        "added, deleted or pasted without renumbering. The rule infers the outline first, so a "
        "nested list does not break its parent's count, and articles (第X条) count through the "
        "whole law. Nested numbers follow one of two schemes in practice: they restart at （一） "
        "under each parent (work plans), or run on through the parents (State Council opinions: "
        "一、（一）（二）二、（三）（四）…); the third level (1. 2.) may run on too. For each kind "
        "and depth of nested list in each part of a document (one top-level list) the rule "
        "infers the scheme from the first number under the second and later parents: 1 is a "
        "vote for restarting, one past the last number under the previous parent a vote for "
        "running on, and the majority decides. It then reports only breaks of that scheme: a "
        "restart, repeat, skip or step back in a running scheme, a start past one in a "
        "restarting scheme. On a tie or without evidence (a single parent) the start of a "
        "nested list is not reported. A number that does not follow on after an unnumbered "
        "heading starts a new list instead, and an outermost list may start past one "
        "(newspapers print excerpts). 一、 again after a list of one item is a repeat, not a new "
        "list (一、… 一、… 二、…).",
    )
    standard = GBT9704
    examples = (
        Example(bad="一、总体要求\n\n二、主要任务\n\n二、保障措施\n"),
        Example(bad="一、总体要求\n\n二、主要任务\n\n四、保障措施\n"),
        Example(bad="一、总体要求\n\n一、主要任务\n\n二、保障措施\n"),
        Example(
            bad="一、总体要求\n\n（一）指导思想\n\n二、主要任务\n\n（一）深化改革\n\n"
            "三、保障措施\n\n（一）加强领导\n\n四、组织实施\n\n（二）明确分工\n"
        ),
        Example(
            bad="一、总体要求\n\n（一）指导思想\n\n二、主要任务\n\n（二）深化改革\n\n"
            "三、保障措施\n\n（三）加强领导\n\n四、组织实施\n\n（一）明确分工\n"
        ),
        Example(good="一、总体要求\n\n（一）指导思想\n\n（二）基本原则\n\n二、主要任务\n"),
        Example(
            good="一、总体要求\n\n（一）指导思想\n\n（二）基本原则\n\n二、主要任务\n\n"
            "（三）深化改革\n\n三、保障措施\n\n（四）加强领导\n"
        ),
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
        "restart": T(
            zh="本文下一层序号跨上一层各项连续编号，“{found}”不应重新起编，此处应为“{expected}”",
            en="this document numbers nested items straight through its parts: “{found}” "
            "restarts the count, “{expected}” expected",
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
        "restart.help": T(
            zh="把序号改为“{expected}”，接续上一层前一项下的编号，并顺延其后各项",
            en="number it “{expected}”, on from the previous part, and renumber the rest",
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
