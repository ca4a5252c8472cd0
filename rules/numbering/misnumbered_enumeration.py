"""N306 misnumbered-enumeration: 一是…二是…四是 (or 第一，…第三，, 其次…其次) skips or repeats."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from wenlint.diagnostic import Related
from wenlint.document import Block, Document, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.numbering.markers import cn_numeral, parse_cn_numeral

# A mention opens a clause: at the start of the paragraph or after punctuation, so 统一是, 之一是,
# 第一次 and 唯一是 are not mentions (the character before is checked by hand: a look-behind
# tried at every position is slow).
_OPENERS = frozenset("，。；：、！？“”‘’（）《》,.;:!?() \t\u3000—…")
_NUM = "[一二三四五六七八九十]{1,3}"
_ORDER_VALUE = {"首先": 1, "其次": 2, "再次": 3}
_NEEDLE = {"shi": "是", "di": "第"}
_NUMERALS = "一二三四五六七八九十"
_ORDER_WORDS = ("首先", "其次", "再次", "最后")


@cache  # compiled on first use, not at start-up
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        {
            "shi": rf"({_NUM})是",
            "di": rf"第({_NUM})(?=[，,、：:])",
            "order": "(首先|其次|再次|最后)(?=[，,])",
            "di-cue": f"第[{_NUMERALS}]",
        }[name]
    )


def _cues(view: str, family: str) -> list[int]:
    """Where in the prose view a two-character cue of ``family`` starts (ascending): 一是, 第一,
    首先 …. Every mention holds one, and cues cannot overlap, so the whole view is searched at
    once with C scans and only the few paragraphs holding one need a closer look."""
    out: list[int] = []
    if family == "shi":  # a numeral before 是: look for the literal, much faster than a class
        find = view.find
        i = find("是", 1)
        while i != -1:
            if view[i - 1] in _NUMERALS:
                out.append(i - 1)
            i = find("是", i + 1)
    elif family == "di":
        if "第" in view:  # (the pattern is compiled only then)
            out = [m.start() for m in _pattern("di-cue").finditer(view)]
    else:
        for word in _ORDER_WORDS:
            find = view.find
            i = find(word)
            while i != -1:
                out.append(i)
                i = find(word, i + 2)
        out.sort()
    return out


def _repeats_order_word(view: str) -> bool:
    """Does 其次 or 再次 occur twice? Of 首先…最后 only such a repeat is reported, so without one
    the family is skipped (one fast scan for the single character 次, not four word scans)."""
    seen = ""
    find = view.find
    i = find("次", 1)
    while i != -1:
        c = view[i - 1]
        if c in "其再":
            if c in seen:
                return True
            seen += c
        i = find("次", i + 1)
    return False


def _opens_clause(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENERS


class _Mention(Frozen):
    __slots__ = ("block", "end", "start", "text", "value")
    _fields = ("block", "start", "end", "value", "text")
    block: Final[Block]
    start: Final[int]
    end: Final[int]
    value: Final[int | None]  # None: 最后 (closes an enumeration)
    text: Final[str]

    def __init__(self, block: Block, start: int, end: int, value: int | None, text: str) -> None:
        self.block = block
        self.start = start
        self.end = end
        self.value = value
        self.text = text

    @property
    def span(self) -> Span:
        return self.block.span(self.start, self.end)


def _mentions(block: Block, family: str) -> list[_Mention]:
    text = block.text
    out: list[_Mention] = []
    needle = _NEEDLE.get(family)
    if needle is not None and needle not in text:
        return out
    if family == "order":
        for m in _pattern("order").finditer(text):
            if _opens_clause(text, m.start()):
                value = _ORDER_VALUE.get(m.group())
                out.append(_Mention(block, m.start(), m.end(), value, m.group()))
        return out
    for m in _pattern(family).finditer(text):
        if not _opens_clause(text, m.start()):
            continue
        after = text[m.end() : m.end() + 2]
        if family == "di" and len(after) == 2 and after[0] == "、" and after[1] in "第" + _NUMERALS:
            continue  # 第一、第二产业, 第一、二季度: ordinals joined before one noun, no points
        v = parse_cn_numeral(m.group(1))
        if v is not None and v <= 20:
            out.append(_Mention(block, m.start(), m.end(), v, m.group()))
    return out


def _word(family: str, value: int) -> str:
    if family == "shi":
        return f"{cn_numeral(value)}是"
    if family == "di":
        return f"第{cn_numeral(value)}"
    return {1: "首先", 2: "其次", 3: "再次"}.get(value, "最后")


class MisnumberedEnumeration(Rule):
    code = "N306"
    name = "misnumbered-enumeration"
    severity = Severity.WARNING
    summary = T(
        zh="“一是……二是……”“第一，……第二，……”一类的列举跳号或重复",
        en="An enumeration by 一是/二是 or 第一/第二 skips or repeats a number",
    )
    rationale = T(
        zh="报告和讲话常用“一是……二是……三是……”或“第一，……第二，……”列举要点；"
        "写成“一是……二是……四是……”或两个“二是”，多半是删改后没有重排。"
        "只认分句开头的列举词（段首或标点之后），所以“统一是”“之一是”“第一次”不算；"
        "列举可以跨段延续，但只延续到以列举词开头的段落，遇到不含列举词的段落即告结束；"
        "“一是”重新开始一组列举。“第一、第二产业”“第一、二季度”是修饰同一名词的序数，不是列举。"
        "“首先……其次……”只报告确定无疑的重复（两个“其次，”）。",
        en="Reports enumerate points with 一是…二是…三是 or 第一，…第二，; 一是…二是…四是 "
        "or two 二是 usually means an edit without renumbering. Only words opening a clause "
        "count (统一是, 第一次 do not); an enumeration may run on into the next paragraphs that "
        "open with its next point and ends at a paragraph without one; 一是 starts a new one. "
        "第一、第二产业 and 第一、二季度 are ordinals of one noun, no enumeration. "
        "For 首先/其次 only an unmistakable repeat (其次 twice) is reported.",
    )
    standard = None
    examples = (
        Example(bad="我们重点抓了三项工作：一是抓学习，二是抓调研，四是抓落实。\n"),
        Example(bad="第一，要提高认识。第二，要压实责任。第二，要强化督查。\n"),
        Example(bad="首先，要统一思想。其次，要明确任务。其次，要狠抓落实。\n"),
        Example(good="我们重点抓了三项工作：一是抓学习，二是抓调研，三是抓落实。\n"),
        Example(good="祖国统一是大势所趋。原因之一是投入不足。第一次会议于三月召开。\n"),
        Example(
            good="议程有：第一，审议报告；第二，审查计划；第三，审议方案。\n\n"
            "今年第一季度，全国第一、第二、第三产业增加值均有增长。\n"
        ),
    )
    messages = {
        "skip": T(
            zh="列举“{found}”跳号，此处应为“{expected}”",
            en="“{found}” skips a number: “{expected}” expected",
        ),
        "repeat": T(
            zh="列举“{found}”与前一个重复，此处应为“{expected}”",
            en="“{found}” repeats the previous point: “{expected}” expected",
        ),
        "backward": T(
            zh="列举“{found}”倒退，此处应为“{expected}”",
            en="“{found}” goes backwards: “{expected}” expected",
        ),
        "fix.help": T(
            zh="改为“{expected}”并顺延其后各项",
            en="write “{expected}” and renumber the points after it",
        ),
        "prev": T(zh="前一个列举", en="previous point"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        blocks = doc.blocks
        view = doc.view
        for family in ("shi", "di", "order"):
            if family == "order" and not _repeats_order_word(view):
                continue
            cues = _cues(view, family)
            if not cues:
                continue
            last: _Mention | None = None
            last_value = 0
            alt: int | None = None
            prev = -2
            # the blocks holding a cue (two characters), in order and once each
            held = (ctx.block_at(pos, pos + 2) for pos in cues)
            for bi in dict.fromkeys(b.index for b in held if b is not None):
                if bi != prev + 1:
                    last = None  # a paragraph without a mention came between: the run ended
                prev = bi
                found = _mentions(blocks[bi], family)
                if not found:
                    last = None
                    continue
                text = blocks[bi].text
                if any(c not in _OPENERS for c in text[: found[0].start]):
                    last = None  # a run goes on into a paragraph that opens with its next point
                for m in found:
                    v = m.value
                    if v is None:  # 最后
                        last = None
                    elif (
                        v == 1
                        or last is None
                        or v == last_value + 1
                        or (alt is not None and v == alt + 1)
                    ):
                        last, last_value, alt = m, v, None
                    else:
                        expected = last_value + 1
                        key = (
                            "repeat" if v == last_value else "skip" if v > expected else "backward"
                        )
                        if family != "order" or key == "repeat":
                            ctx.report(
                                m.span,
                                key,
                                help="fix.help",
                                related=[Related(last.span, self.messages["prev"])],
                                found=m.text,
                                expected=_word(family, expected),
                            )
                        last, last_value, alt = m, v, expected
