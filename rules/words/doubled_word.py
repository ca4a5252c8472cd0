"""W201 doubled-word: a word written twice by mistake (医疗卫生卫生人才, 纪检纪检监察组)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from lint.diagnostic import Fix
from lint.document import Document, Span
from lint.rule import Context, Example, FixAvailability, Rule, Severity, T
from lint.text.chars import HAN, in_han, is_han
from lint.text.phrases import utf16
from rules.words import _data

#: Chinese numerals: 二〇二〇 is a year, not a doubled word.
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
#: Before these a doubled verb is a tentative reduplication (请研究研究, 再完善完善).
_TENTATIVE_BEFORE = frozenset("请去来再让帮想该得好")
#: After these too (商量商量吧, 研究研究一下).
_TENTATIVE_AFTER = ("一下", "吧", "看")


#: Lengths of the units looked for: 2 (卫生卫生) to 6 characters.
_SHORTEST, _LONGEST = 2, 6


@cache
def _pattern() -> re.Pattern[str]:
    # Any run of 2–6 Han characters written twice in a row, tried at every position (a lookahead
    # consumes nothing) so that 生卫生卫 does not hide 卫生卫生.
    return re.compile(rf"(?=([{HAN}]{{{_SHORTEST},{_LONGEST}}}?)\1)")


def _doublings(text: str) -> Iterator[tuple[int, int]]:
    """``(start, n)`` wherever ``n`` Han characters are written twice in a row, the shortest
    ``n`` per start, by start: what ``_pattern()`` finds, found without trying every position.

    One byte per character (the low byte of its code point) read as a big integer and XORed
    with itself shifted by ``n`` bytes is zero wherever a character's byte equals the byte ``n``
    places on; ``n`` zero bytes in a row (found by ``bytes.find``, in C) mark a possible
    doubling, which is then checked on the text itself. Rare, since two different characters
    share a low byte once in 256 times."""
    data = utf16(text)  # the W rules' shared encoding of the view (one byte a character kept)
    low = data[::2] if data is not None else text.encode("utf-32-le", "surrogatepass")[::4]
    number = int.from_bytes(low, "little")
    shortest: dict[int, int] = {}
    for n in range(_SHORTEST, _LONGEST + 1):
        same = (number ^ (number >> (8 * n))).to_bytes(len(low), "little")
        zeros = bytes(n)
        i = same.find(zeros)
        while i != -1:
            if (
                i not in shortest
                and text[i : i + n] == text[i + n : i + 2 * n]
                and all(map(in_han, text[i : i + n]))
            ):
                shortest[i] = n
            i = same.find(zeros, i + 1)
    for i in sorted(shortest):
        yield i, shortest[i]


class DoubledWord(Rule):
    code = "W201"
    name = "doubled-word"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = T(
        zh="同一个词连写两遍（卫生卫生、纪检纪检），而不是汉语正常的重叠",
        en="A word written twice in a row (卫生卫生) that is not a normal Chinese reduplication",
    )
    rationale = T(
        zh="复制粘贴或输入法联想常把一个词重复输入。汉语又有大量正常的重叠，规则一概不报："
        "AABB、ABAC 形式（清清楚楚、大大小小、同心同德、谈心谈话、做实做细）不是同一个词连写；"
        "单字重叠（常常、看看、人人、把把握、一一对应）不在检查范围；"
        "ABAB 形式只报常用词，动词的尝试态（研究研究、商量商量）、状态形容词（雪白雪白）、"
        "拟声词、数量词（一步一步）和数字（二〇二〇）都放行；"
        "前后字能与词组成更长的词时（运动员动员、卫生卫生间）也不报。",
        en="Copy and paste or input-method prediction often types a word twice. Chinese also "
        "reduplicates freely, and none of that is reported: AABB and ABAC forms (清清楚楚, "
        "大大小小, 同心同德, 谈心谈话) are not one word twice; single-character doubling (常常, "
        "看看, 把把握, 一一对应) is out of scope; of ABAB forms only common words are "
        "reported, and tentative verbs (研究研究), state adjectives (雪白雪白), onomatopoeia, "
        "quantities (一步一步) and "
        "numerals (二〇二〇) pass; nor is a pair reported when a neighbouring character joins "
        "one copy into a longer word (卫生卫生间).",
    )
    fix_safety = T(
        zh="删去第二遍。词夹在两个汉字之间、前后也不像尝试态时才自动修复，其余只作提示",
        en="Deletes the second copy; applied only when the pair sits between two Han characters "
        "and nothing around it suggests a tentative verb, otherwise only shown",
    )
    examples = (
        Example(bad="加强基层医疗卫生卫生人才队伍建设", good="加强基层医疗卫生人才队伍建设"),
        Example(bad="大力支持派驻纪检纪检监察组工作", good="大力支持派驻纪检监察组工作"),
        Example(good="这件事我们研究研究再定。"),
        Example(good="做实做细委员履职考核，对标对表谋划推进工作。"),
        Example(good="把把握新时代的新方位作为前提，的的确确做到一一对应。"),
        Example(good="二〇二〇年，大大小小的问题都讲得清清楚楚。"),
    )
    messages = {
        "doubled": T(zh="词语“{word}”重复", en="“{word}” is doubled"),
        "doubled.help": T(zh="删去重复的“{word}”", en="delete the repeated “{word}”"),
    }

    @dataclass(frozen=True)
    class Options:
        allow: tuple[str, ...] = ()  # more words whose doubling is intended

    def check(self, doc: Document, ctx: Context) -> None:
        allow = set(self.options.allow)
        allow.update(ctx.dictionary.get("allow") or ())
        text = doc.view
        index = _data.BlockIndex.of(doc.blocks)
        taken = -1  # end of the last reported pair: no overlapping reports
        for start, n in _doublings(text):
            if start < taken:
                continue
            unit = text[start : start + n]
            end = start + 2 * n
            if unit in allow or not _is_doubling(text, start, unit):
                continue
            if not index.contains(start, end):
                continue
            taken = end
            ctx.report(
                Span(start, end),
                "doubled",
                help="doubled.help",
                fix=Fix.delete(Span(start + len(unit), end), safe=_sure(text, start, end)),
                word=unit,
            )


def _is_doubling(text: str, start: int, unit: str) -> bool:
    """Whether ``unit`` written twice at ``start`` is a slip rather than ordinary Chinese."""
    n = len(unit)
    if len(set(unit)) == 1 or all(c in _NUMERALS for c in unit):
        return False  # 哈哈哈哈, 二〇二〇
    if unit[0] == "一" or unit in _data.reduplications():
        return False  # 一步一步, 研究研究, 雪白雪白
    words = _data.common_words()
    if n <= 3 and unit not in words:
        return False  # not a word: the pair straddles word boundaries
    end = start + 2 * n
    if start > 0 and text[start - 1] + unit in words:
        return False  # 运动员|动员: the first copy ends a longer word
    if end < len(text) and unit + text[end] in words:
        return False  # 卫生|卫生间: the second copy begins a longer word
    if start > 0 and text[start - 1] in _TENTATIVE_BEFORE:
        return False
    return not text.startswith(_TENTATIVE_AFTER, end)


def _sure(text: str, start: int, end: int) -> bool:
    """Safe to delete: the pair is inside a phrase (Han on both sides), as 医疗卫生卫生人才."""
    return start > 0 and end < len(text) and is_han(text[start - 1]) and is_han(text[end])
