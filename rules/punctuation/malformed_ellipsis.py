"""P406 malformed-ellipsis: an ellipsis typed as ... 。。。 ··· or a single … in Chinese text."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import Protected, chinese_block, is_zh
from wenlint.text.locate import ascii_of, lazy_re

# Dot runs that stand for an ellipsis, and runs of the ellipsis character itself.
_QUICK = ("...", "。。。", "…", "··", "・・", "．．")
_DOTS = re.compile("。。。")  # (a literal pattern scans faster than `in`)
# A run of … whose length is not 2 or 4 (at its first character).
_ODD_RUN = re.compile("…(?<!……)(?!…(?!…)|………(?!…))")
# (The lookahead lets re skip to a candidate in C.)
_RUN = lazy_re(r"(?=[.。·・．…])(?:\.{3,}|。{3,}|[·・]{3,}|．{3,}|…+)")


class MalformedEllipsis(Rule):
    code = "P406"
    name = "malformed-ellipsis"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §4.11, §5.1.5"
    summary = T(
        zh="省略号写法不规范：用了 ...、。。。、··· 或单个…，应为“……”",
        en="A malformed ellipsis (..., 。。。, ···, a single …) where “……” belongs",
    )
    rationale = T(
        zh="中文省略号是两个三连点“……”，占两个字的位置；标示整段或诗行的省略时可连用两个"
        "（十二连点，GB/T 15834-2011 第 4.11 条，第 5.1.5 条）。英文的三点 ...、三个句号、"
        "间隔号连写或单个“…”都不是中文省略号。只在紧挨汉字或中文标点时报告，"
        "英文和代码中的 ... 不受影响。",
        en="The Chinese ellipsis is two three-dot marks “……”, two character cells wide; two of "
        "them (twelve dots) mark a whole omitted paragraph or line of verse (GB/T 15834-2011 "
        "§4.11, §5.1.5). ASCII dots, full stops, middle dots or a single … are not the Chinese "
        "ellipsis. Only runs touching Han text or Chinese punctuation are reported.",
    )
    fix_safety = T(
        zh="换成“……”，可自动应用；三个以上奇数个“…”不知道原意是一组还是两组，只作提示",
        en="Replaced by “……” (safe); an odd run of five or more … is left to the editor",
    )
    examples = (
        Example(bad="煤炭、电力、化工...都在其中。", good="煤炭、电力、化工……都在其中。"),
        Example(bad="我们要坚持。。。", good="我们要坚持……"),
        Example(bad="他想了想…说道。", good="他想了想……说道。"),
        Example(bad="他想了想……………说道。"),
        Example(good="程序输出 Loading... 后退出；数组下标从1...10。"),
        Example(good="…………"),
    )
    messages = {
        "ellipsis": T(
            zh="省略号“{text}”写法不规范，应为“……”（GB/T 15834-2011 第 4.11 条）",
            en="malformed ellipsis “{text}”; write “……” (GB/T 15834-2011 §4.11)",
        ),
        "ellipsis.help": T(zh="改为“……”", en="write “……”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        quick = _present(doc)
        for block in ctx.blocks_with(literals=quick):
            text = block.text
            if not chinese_block(text):
                continue
            prot = None
            for m in _RUN().finditer(text):
                run = m.group()
                i, j = m.span()
                if run[0] == "…" and len(run) in (2, 4):
                    continue  # …… and the twelve-dot …………
                prev = text[i - 1] if i else ""
                nxt = text[j] if j < len(text) else ""
                if run[0] != "。" and not (is_zh(prev) or is_zh(nxt)):
                    continue
                if run[0] != "…" and prev.isascii() and prev and not prev.isspace():
                    continue  # after ASCII punctuation: vLLM/sglang/...
                if run[0] in ".·・．":
                    if (prev.isascii() and prev.isalnum()) or (nxt.isascii() and nxt.isalnum()):
                        continue  # inside Latin or numbers: Loading..., 1...10
                    prot = prot or Protected(text)
                    if prot.covers(i, j):
                        continue
                span = block.span(i, j)
                safe = not (run[0] == "…" and len(run) >= 5)
                ctx.report(
                    span,
                    "ellipsis",
                    help="ellipsis.help",
                    fix=Fix.replace(span, "……", safe=safe),
                    text=run,
                )


def _present(doc: Document) -> list[str]:
    """Those of _QUICK that can lead to a finding, each tested after a cheaper necessary one
    (a single character, or the view's few ASCII characters)."""
    view = doc.view
    out = [s for s in _QUICK[3:] if s[0] in view and s in view]
    if "..." in ascii_of(doc) and "..." in view:
        out.append("...")
    if _DOTS.search(view):
        out.append("。。。")
    # …… and ………… are right; in a text file a block is a whole line, so runs are whole too.
    # (A block visited for its … also shows a mixed ·・· run, which has no _QUICK of its own.)
    mixed = "·" in view and "・" in view
    if "…" in view and (doc.markdown or mixed or _ODD_RUN.search(view)):
        out.append("…")
    return out
