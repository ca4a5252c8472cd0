"""F606 malformed-document-number: 发文字号 such as 国办发[2012]10号 or 国办发〔2012〕第01号."""

from __future__ import annotations

import re

from wenlint.diagnostic import Edit, Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.text.chars import is_han_script
from wenlint.text.locate import lazy_re

# The year in brackets, an optional 第, the serial number, 号; after an issuer's abbreviation
# (Han: tested in code, as a lookbehind Han class takes ~8 ms to compile; matches cannot overlap,
# as none holds a second opening bracket, so a dropped match hides no other).
_NUMBER = lazy_re(
    r"(?P<open>[\[(（【［﹝〔])(?P<year>[0-9]{4}|[0-9]{2})(?P<close>[\])）】］﹞〕])"
    r"(?P<di>第)?(?P<num>[0-9]{1,5})号"
)
# Every _NUMBER match ends with a digit and 号 (literal-led: re skips to each 号 in C).
_QUICK = re.compile("号(?<=[0-9]号)")
_CLOSE = {"[": "]", "(": ")", "（": "）", "【": "】", "［": "］", "﹝": "﹞", "〔": "〕"}


class MalformedDocumentNumber(Rule):
    code = "F606"
    name = "malformed-document-number"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 9704-2012 §7.2.4"
    summary = T(
        zh="发文字号格式不规范：年份未用六角括号“〔〕”、年份不全、顺序号加“第”或编虚位",
        en="A document number (发文字号) uses the wrong brackets, a short year, 第 or a "
        "zero-padded serial",
    )
    rationale = T(
        zh="GB/T 9704-2012 第7.2.4条：发文字号由发文机关代字、年份、发文顺序号组成；"
        "年份、发文顺序号用阿拉伯数字标注，年份应标全称，用六角括号“〔〕”括入；"
        "发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。"
        "例如“国办发〔2012〕10号”。方括号、圆括号、鱼尾号都不是六角括号。",
        en="GB/T 9704-2012 §7.2.4: the year is written in full inside 〔〕 (not [], (), 【】), "
        "the serial number has no 第 and no leading zeros: 国办发〔2012〕10号.",
    )
    fix_safety = T(
        zh="换成六角括号、删去“第”和虚位“0”是安全修复；两位年份无法确定世纪，不修复",
        en="Replacing the brackets and dropping 第 or leading zeros is safe; a two-digit "
        "year is left to the editor",
    )
    examples = (
        Example(bad="国办发[2012]10号", good="国办发〔2012〕10号"),
        Example(bad="晋政发（2023）5号", good="晋政发〔2023〕5号"),
        Example(bad="国办发〔2012〕第10号", good="国办发〔2012〕10号"),
        Example(bad="国办发〔2012〕01号", good="国办发〔2012〕1号"),
        Example(bad="国办发〔12〕10号"),
        Example(good="根据《国务院办公厅关于印发……的通知》（国办发〔2012〕10号）要求。"),
        Example(good="（2012）京民初字第10号民事判决书；文远路82-84号。"),
    )
    messages = {
        "bracket": T(
            zh="发文字号的年份应用六角括号“〔〕”括入，不用“{brackets}”（GB/T 9704-2012 §7.2.4）",
            en="the year of a document number goes in 〔〕, not “{brackets}” "
            "(GB/T 9704-2012 §7.2.4)",
        ),
        "bracket.help": T(zh="改为“〔{year}〕”", en="write “〔{year}〕”"),
        "year": T(
            zh="发文字号的年份应标全称：“{year}”（GB/T 9704-2012 §7.2.4）",
            en="the year of a document number is written in full, not “{year}” "
            "(GB/T 9704-2012 §7.2.4)",
        ),
        "year.help": T(zh="写出四位年份", en="write the four-digit year"),
        "di": T(
            zh="发文顺序号不加“第”字（GB/T 9704-2012 §7.2.4）",
            en="the serial number of a document number takes no 第 (GB/T 9704-2012 §7.2.4)",
        ),
        "di.help": T(zh="删去“第”", en="delete 第"),
        "zero": T(
            zh="发文顺序号不编虚位：“{num}号”（GB/T 9704-2012 §7.2.4）",
            en="the serial number “{num}号” is zero-padded (GB/T 9704-2012 §7.2.4)",
        ),
        "zero.help": T(zh="改为“{fixed}号”", en="write “{fixed}号”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for block in ctx.blocks_with(pattern=_QUICK):
            text = block.text
            for m in _NUMBER().finditer(text):
                if m.start() == 0 or not is_han_script(text[m.start() - 1]):
                    continue
                op, cl = m.group("open"), m.group("close")
                if _CLOSE[op] != cl and not (op in "(（" and cl in ")）"):
                    continue  # mismatched brackets: not a document number we can read
                year = m.group("year")
                if op != "〔":
                    span = block.span(m.start("open"), m.end("close"))
                    fix = Fix.of(
                        Edit(span.start, span.start + 1, "〔"),
                        Edit(span.end - 1, span.end, "〕"),
                    )
                    ctx.report(
                        span, "bracket", help="bracket.help", fix=fix, brackets=op + cl, year=year
                    )
                if len(year) == 2:
                    ctx.report(
                        block.span(m.start("year"), m.end("year")),
                        "year",
                        help="year.help",
                        year=year,
                    )
                if m.group("di"):
                    span = block.span(m.start("di"), m.end("di"))
                    ctx.report(span, "di", help="di.help", fix=Fix.delete(span))
                num = m.group("num")
                if len(num) > 1 and num.startswith("0") and int(num) > 0:
                    span = block.span(m.start("num"), m.end("num"))
                    fixed = str(int(num))
                    ctx.report(
                        span,
                        "zero",
                        help="zero.help",
                        fix=Fix.replace(span, fixed),
                        num=num,
                        fixed=fixed,
                    )
