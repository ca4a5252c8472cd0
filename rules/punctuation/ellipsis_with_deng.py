"""P408 ellipsis-with-deng: an ellipsis followed by 等 or 等等, which say the same thing twice."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import chinese_block
from wenlint.text.locate import ascii_of, lazy_re

# 等 that starts another word after the ellipsis: ……等待 ……等到 ……等级
_WORD_AFTER = "待到级于同候号价量距额比效闲身式第"
_HIT = lazy_re(f"(?:…+|\\.{{3,}}|。{{3,}})(等等|等(?![{_WORD_AFTER}]))")
# What a paragraph with a _HIT match contains.
_QUICK = ("…等", "...等", "。。。等")
_DOTS_DENG = re.compile("。。。等")  # (a literal pattern scans faster than `in`)


class EllipsisWithDeng(Rule):
    code = "P408"
    name = "ellipsis-with-deng"
    severity = Severity.WARNING
    fix = FixAvailability.SUGGESTION
    standard = "GB/T 15834-2011 §4.11"
    summary = T(
        zh="省略号后又用“等”“等等”，意思重复",
        en="An ellipsis followed by 等 or 等等, which repeat what the ellipsis says",
    )
    rationale = T(
        zh="省略号已经表示列举未尽，后面再加“等”“等等”是重复表达（GB/T 15834-2011 第 4.11 条"
        "及其说明）。两者保留其一即可。“……等待”“……等到”这类以“等”开头的词不报告。",
        en="The ellipsis already says the list goes on; adding 等 or 等等 says it twice "
        "(GB/T 15834-2011 §4.11). Keep one of them. Words that begin with 等 (等待, 等到) are "
        "not reported.",
    )
    fix_safety = T(
        zh="建议删去“等”“等等”，从不自动应用：也可以改为删去省略号，由编辑决定",
        en="Suggests deleting 等/等等, never applied: deleting the ellipsis instead is as good, "
        "so the editor decides",
    )
    examples = (
        Example(bad="涉及能源、产业、生态……等多个方面。", fixed="涉及能源、产业、生态……多个方面。"),
        Example(bad="煤炭、电力、化工……等等。"),
        Example(good="涉及能源、产业、生态等多个方面。我们一直在……等待消息。"),
    )
    messages = {
        "deng": T(
            zh="省略号后的“{deng}”多余（GB/T 15834-2011 第 4.11 条）",
            en="“{deng}” after an ellipsis is redundant (GB/T 15834-2011 §4.11)",
        ),
        "deng.help": T(zh="删去“{deng}”或删去省略号", en="delete “{deng}” or the ellipsis"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        # each literal tested after a cheaper necessary one
        quick = [
            s
            for s, ok in (
                ("…等", "…" in view and "…等" in view),
                ("...等", "..." in ascii_of(doc) and "...等" in view),
                ("。。。等", _DOTS_DENG.search(view) is not None),
            )
            if ok
        ]
        for block in ctx.blocks_with(literals=quick):
            if "等" not in block.text or not _HIT().search(block.text):
                continue
            if not chinese_block(block.text):
                continue
            for m in _HIT().finditer(block.text):
                ctx.report(
                    block.span(m),
                    "deng",
                    help="deng.help",
                    fix=Fix.delete(block.span(m, group=1), safe=False),
                    deng=m.group(1),
                )
