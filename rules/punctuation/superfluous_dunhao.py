"""P409 superfluous-dunhao: an enumeration comma inside an approximate number (三、四个) and, when
opted in, between items in title marks or quotes (《甲》、《乙》)."""

from __future__ import annotations

import re
from typing import NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import chinese_block
from wenlint.text.chars import HAN
from wenlint.text.locate import lazy_re

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
_DUN_DIGIT = lazy_re(f"、(?<=[{_DIGITS}]、)[{_DIGITS}]")
_APPROX = lazy_re(f"(?<=[{HAN}])(?<![第{_DIGITS}十])([{_DIGITS}])、([{_DIGITS}])(?=(?:{_MEASURE}))")


class SuperfluousDunhao(Rule):
    code = "P409"
    name = "superfluous-dunhao"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §4.5.3.4, §4.5.3.5; GB/T 15835-2011 (概数)"
    summary = T(
        zh="不该用顿号的地方用了顿号：表示概数的相邻数字之间（三、四个）；"
        "启用 marked-items 后，也报告并列的书名号、引号之间的顿号（《红楼梦》、《三国演义》）",
        en="An enumeration comma where none belongs: inside an approximate number (三、四个); "
        "with marked-items on, also between items in title marks or quotes "
        "(《红楼梦》、《三国演义》)",
    )
    rationale = T(
        zh="相邻两个数字连用表示概数（三四个、五六十岁），两数之间不用顿号"
        "（GB/T 15834-2011 第 4.5.3.4 条，GB/T 15835-2011）；表示缩略的序数（一、二年级，"
        "获一、二等奖，第三、四个）仍用顿号，不报告。"
        "GB/T 15834-2011 第 4.5.3.5 条说标有引号、书名号的并列成分之间“通常”不用顿号，"
        "这是软性规定：政府工作报告历年都写“一国两制”、“港人治港”、“澳人治澳”，"
        "法律条文写《中华人民共和国水法》、《中华人民共和国防洪法》，都是正式文本的通行做法。"
        "因此这一情形默认不报告；选项 marked-items = true（如编辑规范要求去掉这类顿号）时才报告，"
        "其间插有括注等其他成分时（《作家》（孟十还主编）、《译文》）仍不报告。",
        en="Two adjacent numerals forming an approximate number (三四个, 五六十岁) take no "
        "enumeration comma (GB/T 15834-2011 §4.5.3.4, GB/T 15835-2011); abbreviated ordinals "
        "(一、二年级, 第三、四个) keep it and are not reported. §4.5.3.5 says items marked by "
        "quotes or title marks *usually* take none, a soft clause that official texts practise "
        "otherwise: every government work report writes “一国两制”、“港人治港”, laws write "
        "《中华人民共和国水法》、《中华人民共和国防洪法》. That case is therefore off by default; "
        "set marked-items = true (a house style that drops these commas) to report it. A "
        "bracketed note between the items (《作家》（孟十还主编）、《译文》) is never reported.",
    )
    fix_safety = T(
        zh="概数中的顿号：删去，但“三、四个”也可能是缩略的序数，需人工确认，不自动应用；"
        "启用 marked-items 后，书名号、引号之间的顿号按编辑规范删去，可自动应用",
        en="In an approximate number the comma is deleted only on confirmation (三、四个 may "
        "be abbreviated ordinals); with marked-items on, the comma between marked items is "
        "deleted as the house style asks (safe)",
    )
    examples = (
        Example(bad="每周开展三、四次检查。", fixed="每周开展三四次检查。"),
        Example(
            bad="《红楼梦》、《三国演义》都是古典名著。",
            good="《红楼梦》《三国演义》都是古典名著。",
            options={"marked-items": True},
        ),
        Example(
            bad="增强“四个意识”、“四个自信”。",
            good="增强“四个意识”“四个自信”。",
            options={"marked-items": True},
        ),
        Example(
            good="获一、二等奖的作品，一、二年级的学生，第三、四个方案；《作家》（孟十还主编）、"
            "《译文》（黄源主编）。",
            options={"marked-items": True},
        ),
        Example(good="贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。"),
        Example(good="适用《中华人民共和国水法》、《中华人民共和国防洪法》等法律的规定。"),
        Example(good="三、四个意识的内涵"),
    )
    messages = {
        "marked": T(
            zh="并列的{kind}之间通常不用顿号（GB/T 15834-2011 第 4.5.3.5 条）",
            en="no enumeration comma between items in {kind_en} (GB/T 15834-2011 §4.5.3.5)",
        ),
        "marked.help": T(zh="删去顿号", en="delete the enumeration comma"),
        "approx": T(
            zh="概数“{text}”的两个数字之间不用顿号（GB/T 15834-2011 第 4.5.3.4 条）",
            en="no enumeration comma inside the approximate number “{text}” "
            "(GB/T 15834-2011 §4.5.3.4)",
        ),
        "approx.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    class Options(NamedTuple):
        # also report 、 between items in quotes or title marks (off: official practice keeps it)
        marked_items: bool = False

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        if "、" not in view:
            return
        marked = self.options.marked_items
        digits = _DUN_DIGIT()
        for block in ctx.blocks_with(pattern=(*_QUICK, digits) if marked else digits):
            text = block.text
            if "、" not in text or not chinese_block(text):
                continue
            for m in _MARKED().finditer(text) if marked else ():
                comma = block.span(m.start() + 1, m.start() + 2)
                title = m.group()[0] == "》"
                ctx.report(
                    block.span(m),
                    "marked",
                    help="marked.help",
                    fix=Fix.delete(comma),
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
