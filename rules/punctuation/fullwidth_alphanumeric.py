"""P410 fullwidth-alphanumeric: full-width Latin letters and digits (ＡＢＣ１２３) in text."""

from __future__ import annotations

import re

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import chinese_block
from wenlint.text.chars import fold_width
from wenlint.text.locate import lazy_re

# A run of full-width letters and digits, with full-width points and commas inside numbers.
_RUN = lazy_re("[０-９Ａ-Ｚａ-ｚ]+(?:[．][０-９]+)*")
# The same letters and digits as UTF-16-BE code units (U+FF10–FF19, FF21–FF3A, FF41–FF5A): a byte
# pattern led by a literal byte scans faster than any character class over the text.
_UNIT = re.compile(rb"\xff[\x10-\x19\x21-\x3a\x41-\x5a]")


def _has_fullwidth(text: str) -> bool:
    """Whether ``text`` holds a full-width letter or digit (``_RUN().search(text)``, faster)."""
    units = text.encode("utf-16-be", "surrogatepass")
    return any(not m.start() & 1 for m in _UNIT.finditer(units))  # aligned on a code unit


class FullwidthAlphanumeric(Rule):
    code = "P410"
    name = "fullwidth-alphanumeric"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 15835-2011 §5.1"
    summary = T(
        zh="正文中用了全角的拉丁字母或阿拉伯数字（ＡＢＣ１２３），应使用半角",
        en="Full-width Latin letters or digits (ＡＢＣ１２３) in running text; use half-width",
    )
    rationale = T(
        zh="阿拉伯数字和拉丁字母在中文文稿中用半角形式（GB/T 15835-2011 第 5.1 条的书写规定）。"
        "全角字母数字宽度不一、无法正确检索和排序，多是输入法处于全角状态时留下的。",
        en="Arabic digits and Latin letters are written half-width in Chinese text "
        "(GB/T 15835-2011 §5.1). Full-width forms break search and sorting and are left by an "
        "input method in full-width mode.",
    )
    fix_safety = T(
        zh="换成对应的半角字符，字形和含义不变，可自动应用",
        en="Swaps in the half-width characters; safe",
    )
    examples = (
        Example(bad="全年完成造林３９９．８万公顷。", good="全年完成造林399.8万公顷。"),
        Example(bad="使用ＡＰＩ接口上报数据。", good="使用API接口上报数据。"),
        Example(good="全年完成造林399.8万公顷，使用API接口上报数据。"),
    )
    messages = {
        "fullwidth": T(
            zh="全角字母或数字“{text}”，应使用半角“{fixed}”",
            en="full-width “{text}”; write “{fixed}”",
        ),
        "fullwidth.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        if not _has_fullwidth(doc.view):
            return
        for block in doc.blocks:
            for m in _RUN().finditer(block.text):
                if not chinese_block(block.text):
                    break
                span = block.span(m)
                fixed = fold_width(m.group())
                ctx.report(
                    span,
                    "fullwidth",
                    help="fullwidth.help",
                    fix=Fix.replace(span, fixed),
                    text=m.group(),
                    fixed=fixed,
                )
