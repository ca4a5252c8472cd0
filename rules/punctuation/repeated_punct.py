"""P403 repeated-punct: a point mark typed twice (，，  。。  ；；) or two different point marks
side by side (，。)."""

from __future__ import annotations

from typing import NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import chinese_block
from wenlint.text.locate import lazy_re

_PLAIN = "，、；：。"
_EMPHATIC = "？！"
_RUN = lazy_re("[，、；：。？！]{2,}")
# Two marks side by side, one pattern per first mark: a pattern led by a literal is scanned for
# in C far faster than a character class, so a document without any (nearly all) costs little.
# Each is compiled when the view first holds its mark.
_PAIRS = tuple((c, lazy_re(f"{c}[{_PLAIN}{_EMPHATIC}]")) for c in _PLAIN + _EMPHATIC)


def _inside_quotes(text: str, i: int) -> bool:
    """Whether position i sits inside an open “…” or 「…」 of its paragraph."""
    head = text[:i]
    return head.count("“") > head.count("”") or head.count("「") > head.count("」")


class RepeatedPunct(Rule):
    code = "P403"
    name = "repeated-punct"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §4.2, §4.3"
    summary = T(
        zh="点号重复（，，  。。  ；；）或两个不同的点号连用（，。）",
        en="A point mark doubled (，，  。。  ；；) or two different point marks together (，。)",
    )
    rationale = T(
        zh="逗号、顿号、分号、冒号、句号在一处只能用一个；连打两个或把两个不同的点号挤在一起"
        "是录入失误。GB/T 15834-2011 允许问号、叹号叠用以加强语气（最多三个，第 4.2.3、4.3.3 条）"
        "以及“？！”连用，这些默认不报告；关闭 allow-emphatic 后，引语以外的叠用会被报告。"
        "三个以上的句号是省略号写错了，由 P406 报告。",
        en="Only one comma, enumeration comma, semicolon, colon or full stop goes in one place; "
        "a doubled mark or two different marks together is a typing slip. GB/T 15834-2011 lets "
        "question and exclamation marks repeat for emphasis (up to three, §4.2.3, §4.3.3) and "
        "allows ？！; these are left alone unless allow-emphatic is off, and then only outside "
        "quoted speech. Three or more full stops are a malformed ellipsis (P406).",
    )
    fix_safety = T(
        zh="同一个点号重复时删去多余的，可自动应用；不同点号连用时保留哪一个需要判断，不给修复",
        en="A doubled mark is reduced to one (safe); for two different marks the editor chooses",
    )
    examples = (
        Example(
            bad="提出4方面13条建议，，助力健康朔州建设。",
            good="提出4方面13条建议，助力健康朔州建设。",
        ),
        Example(bad="会议圆满结束。。", good="会议圆满结束。"),
        Example(bad="加强学习，。完善制度。"),
        Example(bad="真的吗！！！！", good="真的吗！"),
        Example(bad="这难道不是事实？！", options={"allow-emphatic": False}),
        Example(good="他大声喊道：“快跑！！！”这难道不是事实？！"),
    )
    messages = {
        "doubled": T(zh="点号“{mark}”重复了 {n} 次", en="the mark “{mark}” is repeated {n} times"),
        "doubled.help": T(zh="只保留一个“{mark}”", en="keep one “{mark}”"),
        "mixed": T(
            zh="点号“{text}”连用，只应保留一个", en="the marks “{text}” stand together; keep one"
        ),
        "mixed.help": T(zh="删去多余的点号", en="delete the extra mark"),
        "emphatic": T(
            zh="叠用的点号“{text}”不宜用于正式行文（GB/T 15834-2011 第 4.2.3、4.3.3 条）",
            en="repeated marks “{text}” do not suit formal prose (GB/T 15834-2011 §4.2.3, §4.3.3)",
        ),
        "emphatic.help": T(zh="改为单个“{mark}”", en="write a single “{mark}”"),
    }

    class Options(NamedTuple):
        # ？？ ！！！ ？！ (GB/T 15834 allows up to three) are fine; off: flagged outside quotes
        allow_emphatic: bool = True

    def check(self, doc: Document, ctx: Context) -> None:
        allow = self.options.allow_emphatic
        # a block with a _RUN holds a pair (a mark absent from the view leads none)
        view = doc.view
        for block in ctx.blocks_with(pattern=[p() for c, p in _PAIRS if c in view]):
            text = block.text
            for m in _RUN().finditer(text):
                if not chinese_block(text):
                    break
                run = m.group()
                span = block.span(m.start(), m.end())
                if set(run) == {"。"} and len(run) >= 3:
                    continue  # 。。。 is a malformed ellipsis (P406)
                if len(set(run)) == 1 and run[0] in _PLAIN:
                    ctx.report(
                        span,
                        "doubled",
                        help="doubled.help",
                        fix=Fix.replace(span, run[0]),
                        mark=run[0],
                        n=len(run),
                    )
                elif set(run) <= set(_EMPHATIC):
                    if len(set(run)) == 1 and len(run) > 3:
                        ctx.report(
                            span,
                            "doubled",
                            help="doubled.help",
                            fix=Fix.replace(span, run[0]),
                            mark=run[0],
                            n=len(run),
                        )
                    elif not allow and not _inside_quotes(text, m.start()):
                        ctx.report(
                            span,
                            "emphatic",
                            help="emphatic.help",
                            fix=Fix.replace(span, run[0], safe=False),
                            text=run,
                            mark=run[0],
                        )
                else:
                    ctx.report(span, "mixed", help="mixed.help", text=run)
