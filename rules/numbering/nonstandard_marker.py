"""N305 nonstandard-marker: a marker form GB/T 9704 does not allow: (一) （一）、 一."""

from __future__ import annotations

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.numbering.common import GBT9704, marker_span
from wenlint.rules.numbering.markers import ARABIC_PAREN, CN, CN_PAREN, Marker
from wenlint.rules.numbering.outline import outline_of
from wenlint.text.chars import is_han


def nonstandard(marker: Marker, text: str) -> tuple[str, str] | None:
    """(message key, the standard marker) when ``marker`` (opening ``text``) is a form GB/T 9704
    does not allow, else None."""
    if marker.synthetic:
        return None
    form, num = marker.form, marker.numeral
    if marker.kind == CN and form in ("N.", "N．"):
        return "cn-dot", f"{num}、"
    if marker.kind not in (CN_PAREN, ARABIC_PAREN) or " " in form or "\u3000" in form:
        return None
    good = f"（{num}）"
    if form[-1] in "、.．":
        return "paren-punct", good
    if "(" in form or ")" in form:
        body = text[marker.body : marker.body + 1]
        if marker.kind == CN_PAREN or (body and is_han(body)):
            return "halfwidth", good
    return None


class NonstandardMarker(Rule):
    code = "N305"
    name = "nonstandard-marker"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    summary = T(
        zh="序号写法不合 GB/T 9704：半角括号“(一)”、括号后加标点“（一）、”、“一.”",
        en="A marker form GB/T 9704 does not allow: half-width (一), （一）、 with a mark, 一.",
    )
    rationale = T(
        zh="GB/T 9704-2012 §7.3.3 的序号依次为“一、”“（一）”“1.”“（1）”：汉字序号后用顿号，"
        "括号序号用全角括号、括号后不再加标点（GB/T 15834-2011 附录 B 序次语的用法同此）。"
        "“(一)”“（一）、”“一.”都是常见的录入错误。阿拉伯数字的半角括号“(1)”只在其后是汉字时报告。",
        en="GB/T 9704-2012 §7.3.3 writes the levels 一、, （一）, 1., （1）: a Chinese numeral "
        "takes a 顿号, a bracketed number takes full-width brackets and no mark after them "
        "(GB/T 15834-2011 annex B agrees). (一), （一）、 and 一. are common typing slips; a "
        "half-width (1) is reported only before Chinese text.",
    )
    fix_safety = T(
        zh="只替换序号本身的符号，不改动文字，可以自动修复",
        en="Only the marker's punctuation changes, never the words: safe",
    )
    standard = GBT9704
    examples = (
        Example(bad="(一)加强组织领导\n", good="（一）加强组织领导\n"),
        Example(bad="（一）、加强组织领导\n", good="（一）加强组织领导\n"),
        Example(bad="一.总体要求\n", good="一、总体要求\n"),
        Example(bad="(1)成立工作专班\n", good="（1）成立工作专班\n"),
        Example(good="（一）加强组织领导\n\n(1) Install the package\n"),
    )
    messages = {
        "halfwidth": T(
            zh="序号“{found}”用了半角括号，应为“{good}”",
            en="“{found}” uses half-width brackets: write “{good}”",
        ),
        "paren-punct": T(
            zh="括号序号“{found}”后不加标点，应为“{good}”",
            en="no mark follows a bracketed number: “{found}” should be “{good}”",
        ),
        "cn-dot": T(
            zh="汉字序号后用顿号，“{found}”应为“{good}”",
            en="a Chinese numeral takes a 顿号: “{found}” should be “{good}”",
        ),
        "fix.help": T(zh="改为“{good}”", en="write “{good}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for item in outline_of(doc).items:
            bad = nonstandard(item.marker, item.block.text)
            if bad is None:
                continue
            key, good = bad
            span = marker_span(item, doc)
            ctx.report(
                span,
                key,
                help="fix.help",
                fix=Fix.replace(span, good),
                found=item.marker.text,
                good=good,
            )
