"""P409 superfluous-dunhao: an enumeration comma where GB/T 15834 says none is used — between
items in title marks or quotes (《甲》、《乙》) and inside an approximate number (三、四个)."""

from __future__ import annotations

import re

from lint.diagnostic import Fix
from lint.document import Document
from lint.rule import Context, Example, FixAvailability, Rule, Severity, T
from lint.text.chars import HAN
from lint.text.locate import blocks_touched, lazy_re
from rules.punctuation._context import chinese_block

_MARKED = lazy_re("(?:》、《|”、“)")
# The two _MARKED literals on their own: a literal pattern scans faster than `in` or a class.
_QUICK = (re.compile("》、《"), re.compile("”、“"))
_DIGITS = "一二三四五六七八九"
# What follows an approximate number: a measure word, a unit or a place value (五六十岁).
# 年级 / 等奖 / 月份 and other ordinal abbreviations (一、二年级) keep their 顿号.
_MEASURE = (
    "十|百|千|万|亿|个(?!别)|天|日|岁|人|次|位|名|条|项|本|件|种|家|辆|台|只|头|匹|根|张|块|元|"
    "斤|公斤|吨|米|里|公里|千米|小时|分钟|秒|周|倍|成|篇|部|句|段|层|户|所|座|棵|年(?!级|度)"
)
# Prefilter for _APPROX: a 、 between numerals (a literal first character lets re skip ahead in C).
_DUN_DIGIT = re.compile(f"、(?<=[{_DIGITS}]、)[{_DIGITS}]")
_APPROX = lazy_re(f"(?<=[{HAN}])(?<![第{_DIGITS}十])([{_DIGITS}])、([{_DIGITS}])(?=(?:{_MEASURE}))")


class SuperfluousDunhao(Rule):
    code = "P409"
    name = "superfluous-dunhao"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 15834-2011 §4.5.3.5; GB/T 15835-2011 (概数)"
    summary = T(
        zh="不该用顿号的地方用了顿号：并列的书名号、引号之间（《红楼梦》、《三国演义》），"
        "表示概数的相邻数字之间（三、四个）",
        en="An enumeration comma where none belongs: between items in title marks or quotes "
        "(《红楼梦》、《三国演义》), inside an approximate number (三、四个)",
    )
    rationale = T(
        zh="GB/T 15834-2011 第 4.5.3.5 条：标有引号的并列成分之间、"
        "标有书名号的并列成分之间通常不用顿号"
        "（其间插有括注等其他成分时除外）。相邻两个数字连用表示概数（三四个、五六十岁），"
        "两数之间不用顿号（GB/T 15835-2011）；表示缩略的序数（一、二年级，获一、二等奖）"
        "仍用顿号，不报告。",
        en="GB/T 15834-2011 §4.5.3.5: items marked by quotes or title marks usually take no "
        "enumeration comma between them (unless a bracketed note stands between). Two adjacent "
        "numerals forming an approximate number (三四个, 五六十岁) take none either "
        "(GB/T 15835-2011); abbreviated ordinals (一、二年级) keep it and are not reported.",
    )
    fix_safety = T(
        zh="删去顿号；标准用语是“通常不用”，是否保留由编辑决定，因此不自动应用",
        en="Deletes the comma; the standard says “usually”, so the editor decides",
    )
    examples = (
        Example(
            bad="《红楼梦》、《三国演义》都是古典名著。",
            fixed="《红楼梦》《三国演义》都是古典名著。",
        ),
        Example(bad="增强“四个意识”、“四个自信”。", fixed="增强“四个意识”“四个自信”。"),
        Example(bad="每周开展三、四次检查。", fixed="每周开展三四次检查。"),
        Example(
            good="获一、二等奖的作品，一、二年级的学生，第三、四个方案；《作家》（孟十还主编）、"
            "《译文》（黄源主编）。"
        ),
        Example(good="三、四个意识的内涵"),
    )
    messages = {
        "marked": T(
            zh="并列的{kind}之间通常不用顿号（GB/T 15834-2011 第 4.5.3.5 条）",
            en="no enumeration comma between items in {kind_en} (GB/T 15834-2011 §4.5.3.5)",
        ),
        "marked.help": T(zh="删去顿号", en="delete the enumeration comma"),
        "approx": T(
            zh="概数“{text}”的两个数字之间不用顿号（GB/T 15835-2011）",
            en="no enumeration comma inside the approximate number “{text}” (GB/T 15835-2011)",
        ),
        "approx.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        if "、" not in view:
            return
        spans = [m.span() for p in _QUICK for m in p.finditer(view)]
        spans += [(m.start() - 1, m.end()) for m in _DUN_DIGIT.finditer(view)]
        for block in blocks_touched(doc.blocks, spans):
            text = block.text
            if "、" not in text or not chinese_block(text):
                continue
            for m in _MARKED().finditer(text):
                comma = block.span(m.start() + 1, m.start() + 2)
                title = m.group()[0] == "》"
                ctx.report(
                    block.span(m),
                    "marked",
                    help="marked.help",
                    fix=Fix.delete(comma, safe=False),
                    kind="书名号" if title else "引号",
                    kind_en="title marks" if title else "quotation marks",
                )
            for m in _APPROX().finditer(text):
                a, b = m.group(1), m.group(2)
                if _DIGITS.index(b) != _DIGITS.index(a) + 1:
                    continue
                if m.start() == 0:
                    continue
                comma = block.span(m.start() + 1, m.start() + 2)
                ctx.report(
                    block.span(m),
                    "approx",
                    help="approx.help",
                    fix=Fix.delete(comma, safe=False),
                    text=m.group(),
                    fixed=a + b,
                )
