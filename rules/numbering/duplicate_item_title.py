"""N302 duplicate-item-title: two sibling items with the same title."""

from __future__ import annotations

from typing import NamedTuple

from wenlint.diagnostic import Related
from wenlint.document import Document
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.numbering.common import title_span
from wenlint.rules.numbering.outline import Item, outline_of
from wenlint.text.chars import normalize_for_compare


class DuplicateItemTitle(Rule):
    code = "N302"
    name = "duplicate-item-title"
    severity = Severity.WARNING
    summary = T(
        zh="同一层的两个项标题相同",
        en="Two sibling items have the same title",
    )
    rationale = T(
        zh="同级标题各管一块内容，标题相同说明要么复制后忘了改标题，要么两项本应合并。"
        "标题取序号之后到第一个“。：；！？”或段尾的文字，比较时统一全角/半角并忽略空白；"
        "只比较同一列表中的兄弟项。只有真正的标题参与比较：单独成行的标题、段首的短标题"
        "（一、标题。正文……）或独立成段的一句短话；长句的第一分句不是标题，"
        "条文（第五十五条　有下列情形之一的，由……责令限期改正：）的正文也不是标题，"
        "法规中相邻条文开头相同很常见。序号也相同的重复项由 N301 报告，这里不再重复。",
        en="Sibling headings each head their own content; the same title twice means a heading "
        "was copied and not edited, or two items should be merged. The title is the text after "
        "the number up to the first 。：；！？ or the end, compared after folding width and "
        "whitespace, among the items of one list. Only real headings are compared: a title "
        "line, a run-in title (一、标题。正文…) or a paragraph of one short sentence; the first "
        "clause of a long sentence is none, nor is an article's text (第五十五条　有下列情形之一"
        "的，由……责令限期改正：), and articles often open alike. A repeated item with the same "
        "number too is N301's finding and is not reported again.",
    )
    examples = (
        Example(bad="一、加强组织领导。成立工作专班。\n\n二、加强组织领导。定期调度。\n"),
        Example(good="一、加强组织领导。成立工作专班。\n\n二、强化督促检查。定期调度。\n"),
        Example(good="一、总体要求\n\n（一）工作目标\n\n二、主要任务\n\n（一）工作目标\n"),
        Example(
            good="第五条　有下列情形之一的，由主管部门责令限期改正：\n\n（一）未按规定登记的；\n\n"
            "第六条　有下列情形之一的，由主管部门责令限期改正：\n\n（一）未按时报告的。\n"
        ),
    )
    messages = {
        "dup": T(
            zh="同级标题“{title}”与前面的“{first}”项重复",
            en="sibling title “{title}” repeats item “{first}”",
        ),
        "dup.help": T(
            zh="修改本项标题，使之概括本项内容；若两项内容相同，合并为一项",
            en="retitle this item after its own content, or merge the two items",
        ),
        "first": T(zh="首次出现", en="first occurrence"),
    }

    class Options(NamedTuple):
        min_chars: int = 2  # titles shorter than this (after normalising) are not compared

    def check(self, doc: Document, ctx: Context) -> None:
        for lst in outline_of(doc).lists:
            if len(lst.items) < 2:  # (most lists: a lone item has no sibling to repeat)
                continue
            seen: dict[str, Item] = {}
            for item in lst.items:
                if not item.headed:  # the first clause of a provision is no heading
                    continue
                key = normalize_for_compare(item.title)
                if len(key) < self.options.min_chars:
                    continue
                first = seen.setdefault(key, item)
                if first is item or first.value == item.value:
                    continue
                ctx.report(
                    title_span(item),
                    "dup",
                    help="dup.help",
                    related=[Related(title_span(first), self.messages["first"])],
                    title=item.title,
                    first=first.marker.text.strip() or str(first.value),
                )
