"""K804 number-form: counts of one kind written with Arabic digits and with Chinese numerals in
one paragraph (调研3个县，走访五个乡镇), GB/T 15835-2011 §4.3 (同类别同形式)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from wenlint.diagnostic import Fix, Related
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T

_ZH = "一二三四五六七八九十百千万两〇零"
# Classifiers of counted things (个, 项, 家 …) and durations (个月, 天): the kind of a count.
_CLASSIFIERS = "个项名家次条件人天倍批所座处类种台辆份篇场期轮"
_COUNT = re.compile(rf"(?<![第几数届每\d{_ZH}])(?P<num>\d+|[{_ZH}]+)(?P<cl>个月|[{_CLASSIFIERS}])")
# Set phrases that count in Chinese numerals by their nature (GB/T 15835-2011 §4.2.3: 定型的词语;
# 两个大局 and 两个维护 start with 两, which is never a count here), and words after which a count
# is mostly one (三个方面, 五次全会).
_FIXED = [
    "三个代表",
    "三个务必",
    "三个有利于",
    "四个意识",
    "四个自信",
    "四个全面",
    "四个服从",
    "四项基本原则",
    "五项原则",
    "八项规定",
    "三件大事",
    "三个一批",
    "四个一批",
    "三个转变",
    "三个不变",
]
_FIXED_AFTER = ("方面", "全会")
_FIXED_TUPLE = tuple(_FIXED)
# After a count, a word that makes it approximate (十余个, 三个多月, 五个左右): GB/T 15835 §4.2.2.
_APPROX_AFTER = "余多来左上以"
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def zh_value(s: str) -> int | None:
    """The value of a plain Chinese numeral (三, 十二, 二十三, 一百零五, 三千二百), or None."""
    total, section, digit = 0, 0, None
    for c in s:
        if c in "零〇" and digit is None and (section or total):
            continue  # 一百零五
        if c in _DIGIT:
            if digit is not None:
                return None  # 三四: two digits in a row are an approximation
            digit = _DIGIT[c]
        elif c in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[c]
            digit = None
        elif c == "万":
            total = (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


class _Count(NamedTuple):
    start: int
    end: int  # of the numeral
    arabic: bool
    value: int | None


def counts(text: str) -> dict[str, list[_Count]]:
    """The exact counts of a paragraph, by classifier: not 一 or 两 (一个 is "a", 两个 a set
    phrase more often than a count), not approximate (三四个, 十余个, 几个), not an ordinal
    (第五个, 七届五次), not in quotes or a title, not a fixed expression (两个大局)."""
    out: dict[str, list[_Count]] = defaultdict(list)
    for m in _COUNT.finditer(text):
        num, cl = m.group("num"), m.group("cl")
        arabic = num.isdigit()
        value = int(num) if arabic else zh_value(num)
        if value is None or (not arabic and value <= 2):
            continue
        end = m.end()
        if text[end : end + 1] in tuple(_APPROX_AFTER) or text.startswith(_FIXED_AFTER, end):
            continue
        if text.startswith(_FIXED_TUPLE, m.start()):
            continue
        if _inside(text, m.start(), "“", "”") or _inside(text, m.start(), "《", "》"):
            continue
        if not arabic and _sums_list(text, m.start("num"), value):
            continue
        out[cl].append(_Count(m.start("num"), m.end("num"), arabic, value))
    return out


def _sums_list(text: str, at: int, value: int) -> bool:
    """A numeral that counts the items its clause has just listed (围绕肉羊、奶牛、杂粮三个主导
    产业, 市场监管、税务和海关三个部门): the list's own total, written in words, not a count
    of another kind."""
    lo = max(text.rfind(c, 0, at) for c in "，。；：！？“（\n") + 1
    clause = text[lo:at]
    if "、" not in clause:
        return False
    last = clause[clause.rfind("、") + 1 :]
    items = clause.count("、") + 1 + any(w in last for w in "和及与")
    return items == value


def _inside(text: str, at: int, opener: str, closer: str) -> bool:
    return text.rfind(opener, 0, at) > text.rfind(closer, 0, at)


class NumberForm(Rule):
    code = "K804"
    name = "number-form"
    severity = Severity.INFO
    fix = FixAvailability.SUGGESTION
    default_enabled = False
    standard = "GB/T 15835-2011 §4.3（同类别同形式）"
    summary = T(
        zh="同一段里同类的计数一处用阿拉伯数字、一处用汉字数字（调研3个县，走访五个乡镇）",
        en="Counts of one kind written in Arabic digits and in Chinese numerals in one paragraph "
        "(调研3个县，走访五个乡镇)",
    )
    rationale = T(
        zh="GB/T 15835-2011 §4.3 规定，阿拉伯数字与汉字数字均可时，同一场合出现的数字应遵循"
        "“同类别同形式”原则。本规则把带同一量词的计数（“3个县”“五个乡镇”，“个”“项”“次”“个月”"
        "等）视为同类，同一段落（同一场合）里两种写法都有时，报告用得少的一种（次数相同时报告汉字"
        "数字），并指出另一种写法首次出现的位置。不算计数的：“一”“两”（“一个”多是“某个”，"
        "“两个维护”之类多为定型说法），概数（三四个、十余个、几个），序数（第五个、七届五次），"
        "引号和书名号内的文字，总括前面所列各项的数（“肉羊、奶牛、杂粮三个主导产业”），以及“八项规定”“两个大局”“五项原则”“三件大事”等定型说法"
        "（GB/T 15835 §4.2 要求用汉字数字）。定型说法的表取自开发语料，没有另外的语料检验精确率，"
        '所以默认不启用：需要时用 extend-select = ["K804"] 打开。',
        en="GB/T 15835-2011 §4.3: where Arabic digits and Chinese numerals are both allowed, the "
        "numbers of one occasion follow the rule of one form per kind. Counts with the same "
        "classifier (3个县, 五个乡镇; 个, 项, 次, 个月 …) are one kind here; when a paragraph "
        "writes them both ways, the less used form (on a tie the Chinese numerals) is reported, "
        "pointing at the first use of the other. Not counts: 一 and 两 (一个 is mostly 'a', 两个 "
        "mostly a set phrase), approximations (三四个, 十余个, 几个), ordinals (第五个, 七届五次), "
        "text in quotes or titles, a total of the items just listed (肉羊、奶牛、杂粮三个主导"
        "产业), and set phrases (八项规定, 两个大局, 五项原则, 三件大事; "
        "§4.2 wants Chinese numerals there). The list of set phrases comes from the development "
        "corpus and no other corpus measures the precision, so the rule is off by default: "
        'extend-select = ["K804"] turns it on.',
    )
    fix_safety = T(
        zh="只提示改为阿拉伯数字：哪一种写法更合适，要看整篇的用法",
        en="digits are only suggested: which form suits the document is the author's choice",
    )
    examples = (
        Example(bad="今年以来，调研组先后调研3个县、12个乡镇，走访五个村，召开座谈会8次。"),
        Example(good="今年以来，调研组先后调研3个县、12个乡镇，走访5个村，召开座谈会8次。"),
        Example(good="坚持统筹国内国际两个大局，落实中央八项规定精神，新设12个试验区。"),
        Example(good="开展三四次专题调研，走访十余个乡镇，新建8个服务站。"),
    )
    messages = {
        "count": T(
            zh="本段的“{cl}”数一处写作“{found}{cl}”，一处写作“{other}{cl}”，同类数字宜用同一种形式",
            en="counts with “{cl}” are written both “{found}{cl}” and “{other}{cl}” in this "
            "paragraph; use one form",
        ),
        "help": T(zh="统一为“{suggest}{cl}”一类的写法", en="write it like “{suggest}{cl}”"),
        "other": T(zh="另一种写法首次出现", en="the other form, first used"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        for block in ctx.blocks_with(_CLASSIFIERS):
            if block.kind == "heading":
                continue
            text = block.text
            for cl, found in counts(text).items():
                arabic = [c for c in found if c.arabic]
                chinese = [c for c in found if not c.arabic]
                if not arabic or not chinese:
                    continue
                minority, other = (
                    (arabic, chinese[0]) if len(arabic) < len(chinese) else (chinese, arabic[0])
                )
                shown = text[other.start : other.end]
                for c in minority:
                    span = block.span(c.start, c.end)
                    suggest = str(c.value) if not c.arabic else shown
                    fix = Fix.replace(span, str(c.value), safe=False) if not c.arabic else None
                    ctx.report(
                        span,
                        "count",
                        help="help",
                        fix=fix,
                        related=[
                            Related(block.span(other.start, other.end), self.messages["other"])
                        ],
                        found=text[c.start : c.end],
                        other=shown,
                        cl=cl,
                        suggest=suggest,
                    )
