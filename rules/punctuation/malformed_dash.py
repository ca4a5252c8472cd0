"""P407 malformed-dash: a dash typed as -- －－ ―― ── or a single — where “——” belongs."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import Protected, chinese_block, is_zh
from wenlint.text.chars import has_han
from wenlint.text.locate import ascii_of, lazy_re

# Stand-ins for the dash: hyphens, full-width hyphen-minus, horizontal bars, box-drawing lines,
# and runs of the em dash itself (checked for length below).
# (The lookahead lets re skip to a candidate in C.)
_RUN = lazy_re(r"(?=[-－―─━—])(?:-{2,}|－{2,}|―{2,}|[─━]{2,}|—+)")
# What a paragraph with a _RUN match contains.
_QUICK = ("—", "--", "－－", "――", "─", "━")
# A run of — whose length is not 2 (at its first character).
_ODD_RUN = re.compile("—(?<!——)(?!—(?!—))")


class MalformedDash(Rule):
    code = "P407"
    name = "malformed-dash"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §4.10, §5.1.5"
    summary = T(
        zh="破折号写法不规范：用了 --、－－、――、── 或三个以上的“—”，应为“——”",
        en="A malformed dash (--, －－, ――, ──, three or more —) where “——” belongs",
    )
    rationale = T(
        zh="中文破折号是两个一字线“——”，占两个字的位置（GB/T 15834-2011 第 4.10 条，第 5.1.5 条）。"
        "连字符、全角减号、横线制表符或不同码位的横杠看起来相似，但不是破折号，"
        "在换行、检索和转换时都会出问题。单个“—”是连接号（北京—上海、1031—1095），不报告；"
        "只有段首用来引出副标题的单个“—”才按破折号处理。命令行参数、代码中的 -- 不受影响。",
        en="The Chinese dash is two em dashes “——”, two cells wide (GB/T 15834-2011 §4.10, "
        "§5.1.5). Hyphens, full-width minus signs, box-drawing lines and horizontal bars look "
        "alike but are other characters. A single — is the connector of ranges (北京—上海, "
        "1031—1095) and is left alone, except at the start of a paragraph introducing a subtitle. "
        "Command-line flags and code (--fix) are not touched.",
    )
    fix_safety = T(
        zh="换成“——”，可自动应用；三个以上的“—”可能是两个破折号连写，只作提示",
        en="Replaced by “——” (safe); three or more — may be meant otherwise and are only shown",
    )
    examples = (
        Example(
            bad="--在政协第七届朔州市委员会第三次会议上",
            good="——在政协第七届朔州市委员会第三次会议上",
        ),
        Example(
            bad="这就是我们的目标－－建设现代化塞上绿都。",
            good="这就是我们的目标——建设现代化塞上绿都。",
        ),
        Example(
            bad="—在政协第七届朔州市委员会第三次会议上",
            good="——在政协第七届朔州市委员会第三次会议上",
        ),
        Example(bad="这就是我们的目标———建设现代化塞上绿都。"),
        Example(good="沈括（1031—1095），北京—上海特别旅客快车；运行 wenlint --fix 修复。"),
    )
    messages = {
        "dash": T(
            zh="破折号“{text}”写法不规范，应为“——”（GB/T 15834-2011 第 4.10 条）",
            en="malformed dash “{text}”; write “——” (GB/T 15834-2011 §4.10)",
        ),
        "dash.help": T(zh="改为“——”", en="write “——”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        quick = _present(doc)
        for block in ctx.blocks_with(literals=quick):
            text = block.text
            prot: Protected | None = None
            for m in _RUN().finditer(text):
                if not chinese_block(text):
                    break
                run = m.group()
                i, j = m.span()
                prev = text[i - 1] if i else ""
                nxt = text[j] if j < len(text) else ""
                if run[0] == "—":
                    if len(run) == 2:
                        continue
                    if len(run) == 1 and not (i == 0 and has_han(nxt)):
                        continue  # a connector: 北京—上海
                elif not ((is_zh(prev) or not prev) and (is_zh(nxt) or not nxt)):
                    continue
                if not prev and not nxt:
                    continue  # a rule line on its own
                if run[0] == "-":
                    prot = prot or Protected(text)
                    if prot.covers(i, j):
                        continue
                span = block.span(i, j)
                ctx.report(
                    span,
                    "dash",
                    help="dash.help",
                    fix=Fix.replace(span, "——", safe=not (run[0] == "—" and len(run) >= 3)),
                    text=run,
                )


def _present(doc: Document) -> list[str]:
    """Those of _QUICK that can lead to a finding, each tested after a cheaper necessary one
    (a single character, or the view's few ASCII characters)."""
    view = doc.view
    out = [s for s in _QUICK[2:] if s[0] in view and s in view]
    if "-" in ascii_of(doc) and "--" in view:
        out.append("--")
    # —— is right; in a text file a block is a whole line, so runs are whole too
    if "—" in view and (doc.markdown or _ODD_RUN.search(view)):
        out.append("—")
    return out
