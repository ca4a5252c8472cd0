"""F604 range-missing-unit: 15～30%, 9～16亿 — a range whose first number lost a unit it needs."""

from __future__ import annotations

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.text.locate import lazy_re

# first number, a range mark, second number, then % ‰ or the multipliers 万 亿 (万亿 first).
_RANGE = lazy_re(
    r"(?<![0-9.．,%％‰\-–—～~〜/])(?P<a>[0-9]+(?:\.[0-9]+)?)"
    r"(?P<sep>[～~〜]|—{1,2}|–|-)"
    r"(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<u>%|％|‰|万亿|亿|万)"
)


def _has_sep(t: str) -> bool:
    return "～" in t or "~" in t or "〜" in t or "—" in t or "–" in t or "-" in t


def _has_unit(t: str) -> bool:
    return "%" in t or "％" in t or "‰" in t or "万" in t or "亿" in t


class RangeMissingUnit(Rule):
    code = "F604"
    name = "range-missing-unit"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 15835-2011 §5.1.3"
    summary = T(
        zh="数值范围省略了前一个数值的“%”或“万”“亿”（15～30%、9～16亿）",
        en="A range drops the % or the 万/亿 of its first number (15～30%, 9～16亿)",
    )
    rationale = T(
        zh="GB/T 15835-2011 第5.1.3条：前后两个数值的附加符号或计量单位相同时，"
        "在不造成歧义的情况下前一个可以省略（100～150kg）；省略会造成歧义的则不应省略："
        "“15%～30%”不写为“15～30%”，“9亿～16亿”不写为“9～16亿”——"
        "后者可读作“9至16亿”，即从9到1 600 000 000。",
        en="GB/T 15835-2011 §5.1.3: a shared unit may be left off the first number only where "
        "that is unambiguous (100～150kg). % and the multipliers 万/亿 must be repeated: "
        "15%～30%, not 15～30%; 9亿～16亿, not 9～16亿.",
    )
    fix_safety = T(
        zh="在前一个数值后补上同样的“%”“万”或“亿”，数值不变，是安全修复",
        en="Repeats the %, 万 or 亿 after the first number; safe",
    )
    examples = (
        Example(bad="增幅为15～30%。", good="增幅为15%～30%。"),
        Example(bad="总投资9～16亿元。", good="总投资9亿～16亿元。"),
        Example(bad="每年接待游客3-5万人次。", good="每年接待游客3万-5万人次。"),
        Example(good="气温-36～-8℃，重量100～150kg，15%～30%，2023—2024年，82-84号。"),
    )
    messages = {
        "range": T(
            zh="数值范围“{range}”的前一个数值省略了“{unit}”（GB/T 15835-2011 §5.1.3）",
            en="the first number of “{range}” drops “{unit}” (GB/T 15835-2011 §5.1.3)",
        ),
        "range.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        if not (_has_sep(doc.view) and _has_unit(doc.view)):
            return
        for block in doc.blocks:
            text = block.text
            if not (_has_sep(text) and _has_unit(text)):
                continue
            for m in _RANGE().finditer(text):
                unit = m.group("u")
                span = block.span(m)
                fixed = m.group("a") + unit + m.group("sep") + m.group("b") + unit
                ctx.report(
                    span,
                    "range",
                    help="range.help",
                    fix=Fix.replace(span, fixed),
                    range=m.group(),
                    unit=unit,
                    fixed=fixed,
                )
