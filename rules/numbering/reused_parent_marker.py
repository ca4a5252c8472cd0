"""N303 reused-parent-marker: a nested list numbered in its parent's style (一、 under 一、)."""

from __future__ import annotations

from wenlint.diagnostic import Edit, Fix, Related
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.numbering.common import GBT9704, marker_span
from wenlint.rules.numbering.markers import gbt9704_child, render
from wenlint.rules.numbering.outline import outline_of

_PARENT = "一、坚持围绕中心，着力助推高质量发展\n\n常委会始终把服务高质量发展作为第一要务。\n\n"
_BAD = "一、着力三件大事献计出力。形成调研报告。\n\n二、着力优化营商环境。提出建议。\n"
_GOOD = "（一）着力三件大事献计出力。形成调研报告。\n\n（二）着力优化营商环境。提出建议。\n"


class ReusedParentMarker(Rule):
    code = "N303"
    name = "reused-parent-marker"
    severity = Severity.WARNING
    fix = FixAvailability.SUGGESTION
    summary = T(
        zh="下一层序号沿用了上一层的样式（如“一、”标题下又用“一、”）",
        en="A nested list is numbered in its parent's style (一、 items under a 一、 heading)",
    )
    rationale = T(
        zh="GB/T 9704-2012 §7.3.3 规定结构层次序数依次用“一、”“（一）”“1.”“（1）”。"
        "下一层再用上一层的样式，读者分不清“二、”是新的一部分还是上一部分里的第二点。"
        "规则从版式判断层次：单独成行的标题之下、以“一、标题。正文……”形式出现的一组序号，"
        "即使样式与标题相同，也是下一层。每个下一层列表只报告一次，指向它的第一项。",
        en="GB/T 9704-2012 §7.3.3 numbers the levels 一、, （一）, 1., （1）. A nested list in its "
        "parent's style leaves the reader unable to tell a new part from a point inside the last "
        "one. Items written as run-in headings (一、标题。正文……) under a heading on its own line "
        "are taken as the level below even when they use the heading's style. Each nested list is "
        "reported once, at its first item.",
    )
    fix_safety = T(
        zh="把本层各项的序号改为下一层的规范样式；本层下面若还有用该样式的更低层级，会造成新的冲突，"
        "因此需人工确认",
        en="Renumbers the list in the next GB/T 9704 style; a lower level already using that "
        "style would then clash, so it is shown, not applied",
    )
    standard = GBT9704
    examples = (
        Example(bad=_PARENT + _BAD),
        Example(good=_PARENT + _GOOD),
    )
    messages = {
        "reused": T(
            zh="下一层序号沿用了上一层的“{marker}”，按 GB/T 9704-2012 §7.3.3 应改用“{suggest}”",
            en="the nested list reuses its parent's “{marker}”: "
            "GB/T 9704-2012 §7.3.3 wants “{suggest}”",
        ),
        "reused-other": T(
            zh="下一层序号沿用了上一层的“{marker}”，应改用另一种序号",
            en="the nested list reuses its parent's “{marker}”: number it in another style",
        ),
        "reused.help": T(
            zh="把本层 {n} 项的序号改为“{suggest}”“{second}”……",
            en="renumber the {n} item(s) of this list “{suggest}”, “{second}”, …",
        ),
        "reused-other.help": T(
            zh="为本层 {n} 项换用与上一层不同的序号样式",
            en="give the {n} item(s) of this list a style other than their parent's",
        ),
        "parent": T(zh="上一层", en="parent item"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for lst in outline_of(doc).lists:
            parent = lst.parent
            if parent is None or parent.group is None or parent.group.kind != lst.kind:
                continue
            first = lst.items[0]
            child = gbt9704_child(lst.kind)
            related = [Related(marker_span(parent, doc), self.messages["parent"])]
            marker = first.marker.text
            if child is None:
                ctx.report(
                    marker_span(first, doc),
                    "reused-other",
                    help="reused-other.help",
                    related=related,
                    marker=marker,
                    n=len(lst.items),
                )
                continue
            edits = [
                Edit(span.start, span.end, render(child, it.value))
                for it in lst.items
                if not it.marker.synthetic
                for span in (marker_span(it, doc),)
            ]
            ctx.report(
                marker_span(first, doc),
                "reused",
                help="reused.help",
                fix=Fix.of(*edits, safe=False) if edits else None,
                related=related,
                marker=marker,
                suggest=render(child, first.value),
                second=render(child, first.value + 1),
                n=len(lst.items),
            )
