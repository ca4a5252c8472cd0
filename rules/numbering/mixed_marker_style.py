"""N304 mixed-marker-style: one level of one document written two ways (1. beside 1、)."""

from __future__ import annotations

from collections import Counter

from wenlint.diagnostic import Fix, Related
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.numbering.common import GBT9704, marker_span
from wenlint.rules.numbering.markers import STANDARD_FORM, render
from wenlint.rules.numbering.nonstandard_marker import nonstandard
from wenlint.rules.numbering.outline import Item, outline_of

_STYLED = frozenset(("cn", "cn-paren", "arabic", "arabic-paren", "arabic-half"))


class MixedMarkerStyle(Rule):
    code = "N304"
    name = "mixed-marker-style"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = T(
        zh="同一层序号写法不一致（“1.”与“1、”，“1.”与“1．”混用）",
        en="One level of the outline is written two ways (1. beside 1、 or 1．)",
    )
    rationale = T(
        zh="同一层级的序号应当一种写法到底（GB/T 9704-2012 §7.3.3 第三层为“1.”）。"
        "规则按推断出的层次比较：同一部分（以不带序号的小标题分隔）里同一深度、同一种序号的写法，"
        "以多数写法为准，报告少数写法；两种写法一样多时，只报告同一列表内与该列表首项写法不同的序号"
        "（不同列表可能出自不同的稿件）。"
        "GB/T 9704 不允许的写法（“(一)”“（一）、”“一.”）由 N305 报告。",
        en="One level of an outline is written one way throughout (GB/T 9704-2012 §7.3.3 writes "
        "the third level 1.). Items of the same depth and numbering system within one part of the "
        "document (parts are separated by unnumbered headings) are compared; the majority form "
        "wins; on a tie only an item unlike the first of its own list is reported (separate "
        "lists may come from separate stories). Forms GB/T 9704 does not allow at all are "
        "N305's.",
    )
    fix_safety = T(
        zh="多数写法正是 GB/T 9704 的写法时可自动改为该写法；否则改向哪一种由编辑决定，只作提示",
        en="Safe when the majority form is GB/T 9704's own; otherwise the editor picks, so unsafe",
    )
    standard = GBT9704
    examples = (
        Example(
            bad="1.成立工作专班。\n\n2.制定实施方案。\n\n3、开展督促检查。\n",
            good="1.成立工作专班。\n\n2.制定实施方案。\n\n3.开展督促检查。\n",
        ),
        # the majority writes 1、, which GB/T 9704 does not: the fix is a suggestion
        Example(bad="1、成立工作专班。\n\n2、制定实施方案。\n\n3.开展督促检查。\n"),
        Example(good="1、成立工作专班。\n\n2、制定实施方案。\n\n3、开展督促检查。\n"),
    )
    messages = {
        "mixed": T(
            zh="同一层序号混用“{found}”与“{ref}”两种写法",
            en="this level mixes “{found}” with “{ref}”",
        ),
        "mixed.help": T(zh="统一写作“{good}”", en="write “{good}”"),
        "ref": T(zh="本层通行的写法", en="the form this level uses"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        groups: dict[tuple[int, int, str], list[Item]] = {}
        mixed = False  # does any group hold two forms? (almost never: then nothing is counted)
        for item in outline_of(doc).items:
            m = item.marker
            if m.kind not in _STYLED or m.synthetic or nonstandard(m, item.block.text):
                continue
            group = groups.setdefault((item.section, item.depth, m.kind), [])
            if group and group[0].marker.form != m.form:
                mixed = True
            group.append(item)
        if not mixed:
            return
        for (_, _, kind), items in groups.items():
            counts = Counter(it.marker.form for it in items)
            if len(counts) < 2:
                continue
            top = max(counts.values())
            tie = sum(1 for n in counts.values() if n == top) > 1
            ref = next(it for it in items if counts[it.marker.form] == top)
            for it in items:
                if tie:
                    # no majority: only a list written two ways is inconsistent for sure, and the
                    # form it opened with is its own (separate lists may be separate stories)
                    lst = it.group
                    if lst is None or lst.items[0].marker.kind != kind:
                        continue
                    ref = lst.items[0]
                ref_form = ref.marker.form
                if it.marker.form == ref_form:
                    continue
                safe = ref_form == STANDARD_FORM.get(kind)
                span = marker_span(it, doc)
                good = render(kind, it.value, ref_form)
                ctx.report(
                    span,
                    "mixed",
                    help="mixed.help",
                    fix=Fix.replace(span, good, safe=safe),
                    related=[Related(marker_span(ref, doc), self.messages["ref"])],
                    found=it.marker.text,
                    ref=ref.marker.text,
                    good=good,
                )
