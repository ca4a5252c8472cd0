"""W201 doubled-word: a word written twice by mistake (医疗卫生卫生人才, 推进城镇城镇化)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Document, Span
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.words import _data
from wenlint.text.chars import HAN, is_han
from wenlint.text.phrases import utf16_of

#: Chinese numerals: 二〇二〇 is a year, not a doubled word.
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
#: Before these a doubled verb is a tentative reduplication (请研究研究, 再完善完善).
_TENTATIVE_BEFORE = frozenset("请去来再让帮想该得好")
#: After these too (商量商量吧, 研究研究一下).
_TENTATIVE_AFTER = ("一下", "吧", "看")
#: After these a word is a noun: an item of a list (职业教育、医疗卫生; 教育和培训).
_NOUN_AFTER = frozenset("、和与及等")


#: Lengths of the units looked for: 2 (卫生卫生) to 6 characters.
_SHORTEST, _LONGEST = 2, 6


@cache
def _pattern() -> re.Pattern[str]:
    # Any run of 2–6 Han characters written twice in a row, tried at every position (a lookahead
    # consumes nothing) so that 生卫生卫 does not hide 卫生卫生.
    return re.compile(rf"(?=([{HAN}]{{{_SHORTEST},{_LONGEST}}}?)\1)")


def _doublings(source: str | Document) -> Iterator[tuple[int, int]]:
    """``(start, n)`` wherever ``n`` Han characters are written twice in a row in a text (or a
    document's prose view), the shortest ``n`` per start, by start: what ``_pattern()`` finds,
    found without trying every position.

    One byte per character (the low byte of its code point) read as a big integer and XORed
    with itself shifted by ``n`` bytes is zero wherever a character's byte equals the byte ``n``
    places on; ``n`` zero bytes in a row (found by ``bytes.find``, in C) mark a possible
    doubling, which is then checked on the text itself. Rare, since two different characters
    share a low byte once in 256 times."""
    text, data = utf16_of(source)  # the W rules' shared encoding (a character's low byte kept)
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
                and all(map(is_han, text[i : i + n]))
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
        "第一遍与前一个字组成更长的词（运动员动员），或组成本文自己反复使用的词"
        "（规章自称本规定：符合本规定规定的条件）时也不报；第一遍与前两个字组成本文单独使用的术语、"
        "第二遍又与后一个字粘成词（前复权数据……复权数据数据源出现：复权数据｜数据源）是两个词相接，不报；"
        "第二遍开启一个更长的词（推进城镇城镇化建设）仍然要报，Markdown 段落折行处的重复也报。",
        en="Copy and paste or input-method prediction often types a word twice. Chinese also "
        "reduplicates freely, and none of that is reported: AABB and ABAC forms (清清楚楚, "
        "大大小小, 同心同德, 谈心谈话) are not one word twice; single-character doubling (常常, "
        "看看, 把把握, 一一对应) is out of scope; of ABAB forms only common words are "
        "reported, and tentative verbs (研究研究), state adjectives (雪白雪白), onomatopoeia, "
        "quantities (一步一步) and "
        "numerals (二〇二〇) pass; nor is a pair reported when the character before it joins "
        "the first copy into a longer word (运动员动员) or into a term the document itself keeps "
        "using (a rule that calls itself 本规定: 符合本规定规定的条件), nor when the first copy "
        "closes a term the document uses on its own and the second is bound to the character "
        "after it (复权数据|数据源 in a change log that says 前复权数据). A second copy that "
        "begins a longer word (推进城镇城镇化建设) is still reported, and so is a pair across a "
        "line break inside a Markdown paragraph.",
    )
    fix_safety = T(
        zh="删去第二遍。词夹在两个汉字之间、前后也不像尝试态时才自动修复，其余只作提示",
        en="Deletes the second copy; applied only when the pair sits between two Han characters "
        "and nothing around it suggests a tentative verb, otherwise only shown",
    )
    examples = (
        Example(bad="加强基层医疗卫生卫生人才队伍建设", good="加强基层医疗卫生人才队伍建设"),
        Example(bad="大力支持派驻纪检纪检监察组工作", good="大力支持派驻纪检监察组工作"),
        Example(bad="推进城镇城镇化建设", good="推进城镇化建设"),
        Example(bad="保护消费消费者合法权益", good="保护消费者合法权益"),
        Example(good="这件事我们研究研究再定。"),
        Example(good="做实做细委员履职考核，对标对表谋划推进工作。"),
        Example(good="把把握新时代的新方位作为前提，的的确确做到一一对应。"),
        Example(good="二〇二〇年，大大小小的问题都讲得清清楚楚。"),
    )
    messages = {
        "doubled": T(zh="词语“{word}”重复", en="“{word}” is doubled"),
        "doubled.help": T(zh="删去重复的“{word}”", en="delete the repeated “{word}”"),
    }

    class Options(NamedTuple):
        allow: tuple[str, ...] = ()  # more words whose doubling is intended

    def check(self, doc: Document, ctx: Context) -> None:
        allow = set(self.options.allow)
        allow.update(ctx.dictionary.get("allow") or ())
        text = doc.view
        taken = -1  # end of the last reported pair: no overlapping reports
        for start, n in _doublings(doc):
            if start < taken:
                continue
            unit = text[start : start + n]
            end = start + 2 * n
            if unit in allow or not _is_doubling(text, start, unit, text):
                continue
            if ctx.block_at(start, end) is None:
                continue
            taken = end
            ctx.report(
                Span(start, end),
                "doubled",
                help="doubled.help",
                fix=Fix.delete(Span(start + len(unit), end), safe=_sure(text, start, end)),
                word=unit,
            )
        for first, second, unit in _wrapped(doc):
            if unit in allow:
                continue
            # the pair read with the break taken out, enough context around it for the checks
            left = max(0, first - _LONGEST)
            joined = text[left : first + len(unit)] + text[second : second + len(unit) + _LONGEST]
            whole = text[: first + len(unit)] + text[second:]
            if _is_doubling(joined, first - left, unit, whole):
                ctx.report(
                    Span(first, second + len(unit)),
                    "doubled",
                    help="doubled.help",
                    fix=Fix.delete(Span(second, second + len(unit)), safe=False),
                    word=unit,
                )


def _is_doubling(text: str, start: int, unit: str, whole: str) -> bool:
    """Whether ``unit`` written twice at ``start`` of ``text`` is a slip rather than ordinary
    Chinese; ``whole`` is the document's view, whose own terms are learned from it."""
    n = len(unit)
    end = start + 2 * n
    if len(set(unit)) == 1 or all(c in _NUMERALS for c in unit):
        return False  # 哈哈哈哈, 二〇二〇
    if unit[0] == "一":
        return False  # 一步一步, 一个一个
    if unit in _data.reduplications() and not (
        _in_enumeration(text, start, end) or _ends_compound(text, start, unit, whole)
    ):
        return False  # 研究研究, 雪白雪白; but not 科学研究研究、技术开发, 职业教育教育纳入
    words = _data.common_words()
    if n <= 3 and unit not in words:
        return False  # not a word: the pair straddles word boundaries
    if start > 0 and text[start - 1] + unit in words:
        return False  # 运动员|动员: the first copy ends a longer word
    if end < len(text) and is_han(text[end]) and _closes_term(text, start, unit, whole):
        return False  # 本规定|规定的: the first copy ends a term of the document's own
    if _compound_boundary(text, start, unit, whole):
        return False  # 复权数据|数据源: a term of the document, then a compound of the copy
    if start > 0 and text[start - 1] in _TENTATIVE_BEFORE:
        return False
    return not text.startswith(_TENTATIVE_AFTER, end)


def _in_enumeration(text: str, start: int, end: int) -> bool:
    """The pair is an item of a list (、 beside it) whose neighbour is not itself doubled: a verb's
    tentative form (商量商量、研究研究再定) is not listed among nouns (教育教育、医疗、住房)."""
    if text.startswith("、", end):
        return not any(_doubled_at(text, end + 1, n) for n in range(_SHORTEST, 5))
    if start > 0 and text[start - 1] == "、":
        return not any(_doubled_at(text, start - 1 - 2 * n, n) for n in range(_SHORTEST, 5))
    return False


def _ends_compound(text: str, start: int, unit: str, whole: str) -> bool:
    """The first copy ends a compound the document uses elsewhere as a noun, a word and the copy
    after 的 or before 、和与及等 (相关的职业教育, 教育活动和): a noun here too, not a verb
    tried out (这件事我们研究研究再定, though the document says 我们研究决定)."""
    before = text[start - 2 : start]
    if len(before) < 2 or before not in _data.common_words():
        return False
    compound = before + unit
    for p in _finds(whole, compound):
        q = p + len(compound)
        if (p > 0 and whole[p - 1] == "的") or (q < len(whole) and whole[q] in _NOUN_AFTER):
            return True
    return False


def _finds(text: str, sub: str) -> Iterator[int]:
    p = text.find(sub)
    while p != -1:
        yield p
        p = text.find(sub, p + 1)


def _doubled_at(text: str, i: int, n: int) -> bool:
    return i >= 0 and i + 2 * n <= len(text) and text[i : i + n] == text[i + n : i + 2 * n]


def _closes_term(text: str, start: int, unit: str, whole: str) -> bool:
    """The first copy ends a term of the document's own: the bound character before it and the
    copy, written elsewhere in the document as a unit (not followed by the copy again) and often
    (本|规定 in a rule that calls itself 本规定, and whose 本 is nearly always 本规定).

    Two characters that make a word (医疗) do not count: a frequent term such as 医疗卫生 is
    exactly what a slip doubles (医疗卫生卫生人才)."""
    if start == 0 or not is_han(text[start - 1]):
        return False
    if start >= 2 and text[start - 2 : start] in _data.common_words():
        return False
    bound = text[start - 1]
    count = _unit_count(whole, bound + unit, unit)
    # bound both ways: 本 mostly before 规定, and 规定 often after 本 (not 的 before 部门)
    return count >= 2 and 3 * count >= whole.count(unit) and 2 * count >= whole.count(bound)


def _compound_boundary(text: str, start: int, unit: str, whole: str) -> bool:
    """Two compounds meeting, not a word typed twice: the first copy closes a term the document
    uses on its own elsewhere, made with two characters that are not a common word (复权 in
    复权数据, a library's 前复权数据、复权数据接口), and the second copy is bound to the character
    after it, which begins no word of its own (数据源出现: 源 with 数据, 源出 no word).

    A slip looks different on one side or the other: its second copy stands free before a word
    (医疗卫生卫生人才: 人才), or its first copy follows a common word rather than a term of the
    document (推进城镇城镇化, 保护消费消费者)."""
    n = len(unit)
    end = start + 2 * n
    words = _data.common_words()
    if start < 2 or end >= len(text) or not is_han(text[end]):
        return False
    prefix = text[start - 2 : start]
    if not all(map(is_han, prefix)) or prefix in words or text[end : end + 2] in words:
        return False
    return _unit_count(whole, prefix + unit, unit) >= 2


def _unit_count(whole: str, term: str, unit: str) -> int:
    """How often ``term`` (ending in ``unit``) stands in ``whole`` as a unit of its own: not
    followed by ``unit`` again nor by a character that makes ``unit`` a longer word (卫生间),
    and not begun by a character that closes a word with the one before it (医|疗卫生)."""
    words = _data.common_words()
    count = 0
    p = whole.find(term)
    while p != -1:
        q = p + len(term)
        if (
            not whole.startswith(unit, q)
            and (q >= len(whole) or unit + whole[q] not in words)
            and (p == 0 or whole[p - 1 : p + 1] not in words)
        ):
            count += 1
        p = whole.find(term, p + 1)
    return count


def _wrapped(doc: Document) -> Iterator[tuple[int, int, str]]:
    """``(first, second, unit)`` where a paragraph wrapped over two lines (a Markdown soft break)
    ends a line with ``unit`` at ``first`` and begins the next with it at ``second``."""
    text = doc.view
    for block in doc.blocks:
        if "\n" not in block.text and "\r" not in block.text:
            continue
        from wenlint.markup import SOFT_BREAK_RE

        for m in SOFT_BREAK_RE.finditer(block.text):
            a, b = block.start + m.start(), block.start + m.end()
            for n in range(_SHORTEST, _LONGEST + 1):
                unit = text[a - n : a]
                if a - n >= block.start and text.startswith(unit, b) and all(map(is_han, unit)):
                    yield a - n, b, unit
                    break


def _sure(text: str, start: int, end: int) -> bool:
    """Safe to delete: the pair is inside a phrase (Han on both sides), as 医疗卫生卫生人才."""
    return start > 0 and end < len(text) and is_han(text[start - 1]) and is_han(text[end])
