"""S501 broken-paragraph: a paragraph that stops mid-sentence and goes on in the next one."""

from __future__ import annotations

import itertools
import re
from typing import Final, NamedTuple

from wenlint.diagnostic import Fix, Related
from wenlint.document import Block, Document, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.structure._lexicon import words
from wenlint.rules.structure.dangling_conjunction import ends_in_conjunction
from wenlint.text.chars import MASK, REGEX_DIGIT, WHITESPACE, is_han, is_han_script
from wenlint.text.locate import REGEX_SPACE, lazy_re
from wenlint.text.width import text_width

# A paragraph of prose may end with these: stops, closing quotes and brackets, dashes, ellipses.
_CLOSED_END = set("。！？；：…—”’）》」』】〕〉］｝.!?;:)]}>·～~")
# Marks that cannot open a paragraph: stops and closing marks.
_NO_START = set("，。、；：？！）》」』】〕〉”’,;:)%‰")
_CLAUSE = "，。、；：！？,;"
_SENTENCE_END = "。！？!?"
_CLAUSE_RE = lazy_re(f"[{_CLAUSE}]")
_LAST_CLAUSE_RE = lazy_re(f".*[{_CLAUSE}]", re.DOTALL)
_SENTENCE_END_RE = lazy_re(f"[{_SENTENCE_END}]")
_OPENERS = "“‘（《【〔「『(〈"
# Pairs whose opener left open in one paragraph and closer first in the next prove continuation.
_PAIRS = tuple(zip("“‘《（(【「", "”’》）)】」", strict=True))

# ``regex``'s \d and \s, spelled out for ``re`` (so that ``regex`` need not be imported): \s
# but U+001C–U+001F, as a lookahead (a class of the spaces themselves compiles 10x slower)
_D, _S = REGEX_DIGIT, r"(?![\x1c-\x1f])\s"
# List markers and numbered headings that open a block: 一、 （一） 1. 1、 （1） ① 第一条 A.
_MARKER = lazy_re(
    rf"""^(?:
        [一二三四五六七八九十百零〇]+[、．.]
      | [（(][一二三四五六七八九十百零〇]+[）)]
      | [{_D}]{{1,3}}(?:[、．]|\.(?![{_D}])|{_S})
      | [（(][{_D}]{{1,3}}[）)]
      | [①-⑳⑴-⒇⒈-⒛]
      | 第[一二三四五六七八九十百千零〇{_D}]+[章节条款编部篇项]
      | [A-Za-zＡ-Ｚａ-ｚ][、．.](?![{_D}])
      | [•·\-*+]{_S}
      | ——
    )""",
    re.VERBOSE,
)
# A form or address line: a short label, a colon, a value (发证日期：2024年3月12日).
_FORM = lazy_re(rf"^[^{REGEX_SPACE}，。；：！？、,;:]{{1,12}}[：:][^，。；！？,;!?]*$")
# Characters that open a list or answer (一、 甲、 对，): never a split-off fragment.
_NOT_FRAGMENT = set(
    "一二三四五六七八九十百千万亿零〇两甲乙丙丁戊己庚辛壬癸"
    "对是好嗯唉哦啊喂哎噢呀嘿呵不行否但而故则然且又另首总其此彼即如若"
)
# Nouns and verbs that ask for a quantity next (面积 | 6.3万平方公里).
_QUANTITY = (
    "面积总量总额总数总值产值产量规模人数数量金额余额长度里程增幅增速比重人次"
    "共计合计累计总计达到超过高达突破约为增长下降减少增加提高降低新增完成"
)
_QUANTITY_WORDS = frozenset(_QUANTITY[i : i + 2] for i in range(0, len(_QUANTITY), 2))
_QUANTITY_CHARS = set("达为约超逾近共占计率")
# Words and particles that cannot end a sentence and take the number that follows (总数的 | 5%,
# 于 | 2018年12月底前, 每月 | 400元, 改革等 | 130项, 年满 | 18周岁, 2倍以上 | 5倍以下).
_BEFORE_NUMBER = set("的于在自到至从按第每等满")
_BEFORE_NUMBER_WORDS = frozenset(
    ("以上", "以下", "低于", "高于", "少于", "多于", "不足", "涨幅", "上涨", "下跌", "降至")
)
# A Chinese numeral and its measure word (建设 | 一批); not 年: 一年来，opens a paragraph
_ZH_COUNT = lazy_re("[一二两三四五六七八九十百千]+[个项名位家条次件批种类所座套部篇份届]")
# The Han characters a _MARKER match may start with; no other Han character starts one.
_MARKER_HAN = frozenset("一二三四五六七八九十百零〇第")
# Chinese marks that never start a _MARKER match (a paragraph that opens with a quotation...).
_NOT_MARKER = frozenset("“‘《〈「『【〔，。、；：？！…”’》〉）】」』〕")


def _marker(text: str) -> bool:
    """``_MARKER().match(text)``, decided without the pattern for the usual first characters."""
    if text and (text[0] in _NOT_MARKER or (is_han(text[0]) and text[0] not in _MARKER_HAN)):
        return False
    return _MARKER().match(text) is not None


def _form(text: str) -> bool:
    """``_FORM().match(text)``; a form line has its colon within the first 13 characters."""
    head = text[:13]
    if "：" not in head and ":" not in head:
        return False
    return _FORM().match(text) is not None


# A number (then % ‰ or a Han character: see _number_start)
_NUMBER = lazy_re(rf"[{_D}]+(?:\.[{_D}]+)?")


def _number_start(text: str) -> bool:
    r"""``regex.match(r"\d+(?:\.\d+)?(?:[%‰]|\p{Han})", text)``: the greedy number is the only
    one that can be followed by % ‰ or Han (a shorter one is followed by a digit or a point)."""
    m = _NUMBER().match(text)
    if m is None or m.end() == len(text):
        return False
    c = text[m.end()]
    return c in "%‰" or is_han_script(c)


_TAIL_MAX = 8
# Lines of hard-wrapped text fit this many display columns (80 is usual; 100 leaves room).
_WRAP_WIDTH = 100
_HEAD_MAX = 8


class _Break(Frozen):
    __slots__ = ("evidence", "safe")
    _fields = ("evidence", "safe")
    evidence: Final[str]  # word | fragment | punct | pair | conjunction | quantity | sentence
    safe: Final[bool]

    def __init__(self, evidence: str, safe: bool) -> None:
        self.evidence = evidence
        self.safe = safe


class BrokenParagraph(Rule):
    code = "S501"
    name = "broken-paragraph"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = T(
        zh="段落在句子中间（常常在词语中间）断开，后半句成了下一段",
        en="A paragraph stops mid-sentence, often mid-word, and goes on in the next one",
    )
    rationale = T(
        zh="从 PDF 或排好的版面里复制文字时，换栏、换页处的换行常被当成分段："
        "“凝聚共”“识、视察监督”各成一段，读者只能猜测原文。"
        "报告的条件：上一段是成段的叙述文字，结尾没有句末标点（。！？…”）等），"
        "而下一段明显是接续（词语被拆开、以顿号或逗号开头、引号在上一段打开而在下一段关闭、"
        "上一段以连词“和”“与”结尾、“面积”后接数量等）；或上一段已有完整的句子、末句却没有写完。"
        "标题、小标题、日期行、署名、表单行（发证日期：…）、列表项和全文最后一段都不算断开的段落；"
        "逐行硬换行的纯文本（多数行在句中换行，或各行都不超过一屏宽）不检查相邻的行。",
        en="Text copied from a PDF or a typeset page keeps the line breaks of columns and pages, "
        "so one sentence ends up in two paragraphs. A finding needs a prose paragraph that ends "
        "without closing punctuation and a next paragraph that plainly continues it (a word is "
        "split, it opens with a comma or enumeration comma, a quotation opened above is closed "
        "there, the paragraph ends in a conjunction, a quantity follows 面积, ...), or a "
        "paragraph of whole sentences that ends with an unfinished one. Titles, headings, "
        "datelines, bylines, form lines, list items and the last paragraph are never broken "
        "paragraphs; hard-wrapped plain text is not checked line by line.",
    )
    fix_safety = T(
        zh="删去两段之间的换行，把两段合成一段。词语被拆开、下段以标点开头、引号跨段配对、"
        "上段以连词结尾、“面积”后接数量时是安全修复；仅凭上一段缺少句末标点判断时只作提示"
        "（也可能只是漏了句号，或中间丢了文字）",
        en="Deletes the line break(s) between the two paragraphs. Safe when a word is split, the "
        "next paragraph opens with punctuation, a quotation spans the break, a conjunction ends "
        "the paragraph or a quantity follows; otherwise only suggested (the full stop may just "
        "be missing, or text may be lost)",
    )
    examples = (
        Example(
            bad="坚持考察调研、协商建言、凝聚共\n\n识、视察监督于一体，形成3篇调研报告。\n",
            good="坚持考察调研、协商建言、凝聚共识、视察监督于一体，形成3篇调研报告。\n",
        ),
        Example(
            bad="全民义务植树深入推进。各级领导干部带\n\n头履“植”，8.3万人次参与植树活动。\n",
            good="全民义务植树深入推进。各级领导干部带头履“植”，8.3万人次参与植树活动。\n",
        ),
        Example(
            good="一、坚持高举旗帜、维护核心，着力夯实共同的思想政治基础\n\n"
            "常委会始终坚持以习近平新时代中国特色社会主义思想武装头脑。\n"
        ),
        Example(good="交通银行股份有限公司朔州经济开发区支行\n发证日期：2024年3月12日\n"),
    )
    messages = {
        "broken": T(
            zh="段落在句中断开：“{tail}”接{line:zh}的“{head}”",
            en="paragraph breaks off mid-sentence: “{tail}” goes on at {line:en} with “{head}”",
        ),
        "broken.help": T(
            zh="删去换行，与下一段合为一段", en="delete the line break and join the two paragraphs"
        ),
        "unfinished": T(
            zh="段落没有以句末标点结束，疑在“{tail}”处断开，下接{line:zh}的“{head}”",
            en="paragraph ends without closing punctuation at “{tail}”; it may go on at "
            "{line:en} with “{head}”",
        ),
        "unfinished.help": T(
            zh="若是同一句，删去换行与下一段合并；否则补上句末标点",
            en="join it with the next paragraph if the sentence goes on, else end the sentence",
        ),
        "continues": T(zh="下文从这里接续", en="the sentence continues here"),
    }

    class Options(NamedTuple):
        min_chars: int = 10  # a paragraph shorter than this is a title or a label, never broken

    def check(self, doc: Document, ctx: Context) -> None:
        blocks = doc.blocks
        if len(blocks) < 2:
            return
        found: list[tuple[Block, Block, _Break]] = []
        for i in range(len(blocks) - 1):
            a = blocks[i]
            # (a paragraph that ends with closing punctuation is never broken: skip the call)
            if a.text[-1:] not in _CLOSED_END:
                brk = self._judge(doc, a, blocks[i + 1])
                if brk is not None:
                    found.append((a, blocks[i + 1], brk))
        # Hard-wrapped plain text: most lines of prose that follow one another end mid-sentence.
        # Only breaks across a blank line can then be broken paragraphs.
        # (Only then does it matter whether the text is hard-wrapped: a pass over every line.)
        wrapped = any(not b.blank_before for _, b, _ in found) and self._wrapped(blocks)
        for a, b, brk in found:
            if wrapped and not b.blank_before:
                continue
            self._report(doc, ctx, a, b, brk)

    def _wrapped(self, blocks: list[Block]) -> bool:
        """Most lines of prose that follow one another end mid-sentence; or the lines of prose
        all fit a terminal's width (no line is a whole paragraph)."""
        tight_prose = tight_open = 0
        narrow = True
        for a, b in itertools.pairwise(blocks):
            if not b.blank_before and _prose(a.text, self.options.min_chars):
                tight_prose += 1
                tight_open += _open_end(a.text)
                narrow = narrow and len(a.text) <= _WRAP_WIDTH and text_width(a.text) <= _WRAP_WIDTH
        return tight_open >= 3 and (tight_open * 2 >= tight_prose or narrow)

    def _judge(self, doc: Document, a: Block, b: Block) -> _Break | None:
        if a.kind != "paragraph" or b.kind != "paragraph":
            return None
        prev, nxt = a.text, b.text
        # a paragraph of prose (not a title, byline, dateline, form line) left open at its end
        # (_prose first: it turns down half of the open paragraphs, _open_end almost none)
        if not (_prose(prev, self.options.min_chars) and _open_end(prev)):
            return None
        if _form(nxt) or _marker(nxt):
            return None
        if doc.text[a.end : b.start].strip(WHITESPACE):
            return None  # the paragraph goes on in masked text (a URL, code, a comment)
        evidence = _evidence(prev, nxt)
        if evidence is None:
            # Without a sign in the next paragraph, the previous one must be running prose
            # (whole sentences, then an unfinished one) and the next one prose too.
            # (a list item of whole sentences may go on before a number: （二）…。应当在 | 7日内)
            if (
                not _SENTENCE_END_RE().search(prev, 0, len(prev) - 1)
                or (_marker(prev) and not _quantity_start(nxt))
                or not _CLAUSE_RE().search(nxt)
                or (_indented(doc, a) and _indented(doc, b))  # two typed paragraph openings
            ):
                return None
            evidence = "sentence"
        if evidence in ("sentence", "quantity") and _spaced(_tail(prev)):
            return None  # a credit or signature set with spaces: 新华社记者 李学仁 摄
        heading = _marker(prev) and not _SENTENCE_END_RE().search(prev)
        # a heading does not end in a word that asks for a number (的, 于, 达到, 面积...);
        # one character is no such word there (二、……在建言献策上有新作为 | 2024年第1批)
        if heading and evidence not in ("punct", "fragment", "pair", "quantity"):
            return None
        if heading and evidence == "quantity" and not _asks_for_number_word(prev):
            return None
        safe = evidence != "sentence" and prev[-1] not in "，、,"
        return _Break(evidence, safe)

    def _report(self, doc: Document, ctx: Context, a: Block, b: Block, brk: _Break) -> None:
        tail = _tail(a.text)
        head = _head(b.text)
        # the join deletes the gap; where markup lies in it (Markdown quote markers, a hard-break
        # space), deleting is no longer certain: offer it, don't apply it
        certain = brk.safe and MASK not in doc.view[a.end : b.start]
        fix = Fix.delete(Span(a.end, b.start), safe=certain)
        key = "broken" if brk.safe else "unfinished"
        ctx.report(
            Span(a.end - len(tail), a.end),
            key,
            help=f"{key}.help",
            fix=fix,
            related=[Related(b.span(0, len(head)), self.messages["continues"])],
            tail=tail,
            head=head,
            line=doc.line_number(b.start),
        )


def _spaced(tail: str) -> bool:
    """Is there a space between two characters of the clause (a name set apart: 记者 李学仁 摄)?"""
    return any(c in " \u3000\t" for c in tail.strip(" \u3000\t"))


def _indented(doc: Document, b: Block) -> bool:
    """Does the block's line open with an indent (the typed start of a paragraph)?"""
    return b.start > 0 and doc.text[b.start - 1] in " \t\u3000"


def _prose(text: str, min_chars: int) -> bool:
    """Running text, not a title, byline, dateline or form line: long enough, with clauses."""
    return (
        len(text) >= min_chars
        and _CLAUSE_RE().search(text, 0, len(text) - 1) is not None
        and not _form(text)
    )


def _open_end(text: str) -> bool:
    """Does the paragraph end where no paragraph of prose ends (a character, a comma, an opener)?"""
    last = text[-1]
    return last not in _CLOSED_END and (
        is_han(last) or last in "，、," or last in _OPENERS or last.isdigit()
    )


def _evidence(prev: str, nxt: str) -> str | None:
    """What in the next paragraph shows that it continues the previous sentence."""
    first = nxt[0]
    if first in _NO_START:
        return "punct"
    if (
        len(nxt) > 1
        and is_han(first)
        and nxt[1] in "、，,"
        and first not in _NOT_FRAGMENT
        and is_han(prev[-1])
    ):
        return "fragment"  # 识、视察监督 — one character cut off from its word
    for op, cl in _PAIRS:
        if op in prev and prev.count(op) > prev.count(cl):
            i, j = nxt.find(cl), nxt.find(op)
            if i != -1 and (j == -1 or i < j):
                return "pair"  # “两 / 个确立”
    if _split_word(prev, nxt):
        return "word"
    if is_han(nxt[0]) and ends_in_conjunction(prev):
        return "conjunction"  # 介绍了配置方法和 / 常见问题的解决办法
    if _quantity_start(nxt):
        if ends_in_conjunction(prev):
            return "conjunction"  # 分别提高7.4元和 / 16元
        if prev[-2:] in _QUANTITY_WORDS or (prev[-1] in _QUANTITY_CHARS and is_han(prev[-2])):
            return "quantity"  # 治理面积 / 6.3万平方公里
        asks = prev[-1] in _BEFORE_NUMBER or prev[-2:] in _BEFORE_NUMBER_WORDS
        if _CLAUSE_RE().search(nxt) and (asks or _split_date(prev, nxt)):
            return "quantity"  # 不低于采购金额的 / 30%提前预付
    return None


def _asks_for_number_word(prev: str) -> bool:
    """Does the text end in a whole word that takes a number (面积, 达到, 以上), or in a particle
    no word ends with (的, 于)?"""
    tail = prev[-2:]
    if tail in _QUANTITY_WORDS or tail in _BEFORE_NUMBER_WORDS:
        return True
    return prev[-1] in _BEFORE_NUMBER and tail not in words()


def _quantity_start(text: str) -> bool:
    """Does the paragraph open with a quantity (6.3万, 5%, 2018年, 7个, 一批)?"""
    return (
        _number_start(text)
        or _ZH_COUNT().match(text) is not None
        or _RANGE_START().match(text) is not None
    )


# A range of numbers and its unit: 2—3年, 5～10个
_RANGE_START = lazy_re(rf"[{_D}]+(?:\.[{_D}]+)?[—～~\-][{_D}]+(?:\.[{_D}]+)?[%‰\u4e00-\u9fff]")


_YEAR_END = lazy_re(rf"[{_D}]年$")
_MONTH_END = lazy_re(rf"[{_D}]月$")
_MONTH_START = lazy_re(rf"[{_D}]{{1,2}}月")
_DAY_START = lazy_re(rf"[{_D}]{{1,2}}日")


def _split_date(prev: str, nxt: str) -> bool:
    """A date cut after its year or month: 自2019年 | 1月1日起, 于每年1月 | 31日前."""
    if _YEAR_END().search(prev):
        return _MONTH_START().match(nxt) is not None
    return _MONTH_END().search(prev) is not None and _DAY_START().match(nxt) is not None


def _split_word(prev: str, nxt: str) -> bool:
    """A common word straddles the break (带 / 头), and neither piece belongs to a word of its own
    side (so 效率 / 先行 is not read as 率先)."""
    lex = words()
    for i, j in _SPLITS:
        if len(prev) < i + 2 or len(nxt) < j:
            continue
        w = prev[-i:] + nxt[:j]
        if w not in lex or not all(map(is_han, w)):
            continue
        if prev[-i - 1 :] in lex or prev[-i - 2 :] in lex:
            continue
        if nxt[: j + 1] in lex or nxt[: j + 2] in lex:
            continue
        return True
    return False


# (characters before the break, characters after it) of a word of two or three
_SPLITS = ((1, 1), (1, 2), (2, 1))


def _tail(text: str) -> str:
    """The unfinished clause at the end of a paragraph, at most a few characters."""
    last = _LAST_CLAUSE_RE().match(text, 0, len(text) - 1)  # the last mark before the end
    i = last.end() - 1 if last else -1
    tail = text[i + 1 :] if i >= 0 else text
    if len(tail) > _TAIL_MAX:
        # cut at the start of a word rather than in the middle of one
        tail = tail[-_TAIL_MAX:]
        lex = words()
        for k in range(3):
            if tail[k : k + 2] in lex:
                return tail[k:]
    return tail or text[-1:]


def _head(text: str) -> str:
    """The first clause of the continuing paragraph, at most a few characters."""
    for k, c in enumerate(text[:_HEAD_MAX]):
        if c in _CLAUSE:
            return text[:k] or text[:1]
    head = text[:_HEAD_MAX]
    if len(text) > _HEAD_MAX and text[_HEAD_MAX] not in _CLAUSE:
        # end at the end of a word rather than in the middle of one
        lex = words()
        for k in range(3):
            end = _HEAD_MAX - k
            if head[end - 2 : end] in lex and text[end - 1 : end + 1] not in lex:
                return head[:end]
    return head
