"""D102 near-duplicate-block: a paragraph pasted again with a few characters changed.

Exact repeats are D101's. Here paragraphs are indexed by their clauses (the text between
punctuation marks) and, for long clauses, by the clause's first and last eight characters, so an
edit breaks only the features it touches. A paragraph's candidates are the earlier paragraphs that
share enough of those features; only the best few are compared exactly (difflib), so the work grows
with the text, not with the number of pairs. A feature that has turned up in many paragraphs
(boilerplate) stops collecting candidates.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter
from typing import NamedTuple

from wenlint.diagnostic import Related
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.duplication._keys import block_keys, source_text
from wenlint.rules.duplication._structure import Outline, outline
from wenlint.text.locate import lazy_re

# Clauses end at these marks (keys are NFKC-folded, so the full-width ，；：！？ are ASCII here).
_MARKS = "。、;:!?"
_MIN_CLAUSE = 4  # shorter clauses (“一年来”“同时”) say nothing about which paragraph this is
_EDGE = 8  # long clauses are also indexed by their first and last _EDGE characters
_LONG_CLAUSE = 3 * _EDGE
_POSTING_CAP = 32  # a feature seen in this many paragraphs is boilerplate: no more candidates
_VERIFY = 6  # at most this many candidates per paragraph are compared exactly
_MIN_SHARED = 0.2  # a candidate must share this share of the paragraph's features (and two)
_MAX_MIDDLE = 2000  # the differing middle of two long paragraphs is not diffed beyond this
_KINDS = ("paragraph", "list_item")
# Differences made only of numbers or Latin words (dates, amounts, product names, versions).
_ONLY_CODES = re.compile(r"[0-9A-Za-z.,%+\-_~ ]*")
_DIGITS = re.compile(r"[0-9]+")
_CONTEXT = 2  # characters shown around an insertion or deletion
_SHOWN = 3  # differences shown in the message
_SHOWN_CHARS = 12  # characters shown of each side of a difference

_A = (
    "围绕“做强现代农业”专题议政，提出三方面九条建议，助力走出“特”“优”“强”发展新路径，"
    "推动农业产业化经营水平持续提升，带动农民稳定增收。"
)
_BATCH = (
    "2024年第{}批重点项目于{}月{}日集中开工，计划总投资{}亿元，建设内容包括道路、管网、绿化等"
    "配套工程，预计2025年{}月底前建成投用。"
)
_ARTICLE = (
    "第{}条 有下列情形之一的，由县级以上地方人民政府市场监督管理部门按照职责责令限期改正；"
    "逾期不改正的，{}处1万元以上3万元以下的罚款："
)
_CLAUSE_ADDED = "责令暂停相关业务，并"
_B = "围绕“打造龙头景区”开展专题调研，形成调研报告一篇，推动文旅融合发展。"


class NearDuplicateBlock(Rule):
    code = "D102"
    name = "near-duplicate-block"
    severity = Severity.WARNING
    fix = FixAvailability.NONE
    summary = T(
        zh="段落与前文某段几乎相同，只改了少数字词（复制粘贴后漏改或多粘）",
        en="A paragraph nearly repeats an earlier one, with only a few characters changed",
    )
    rationale = T(
        zh="把一段文字复制到别处再改几个字，常会留下两段几乎一样的内容：要么忘了改写，"
        "要么是多粘了一次又被零星改动。逐字相同的重复由 D101 报告；"
        "本规则找相似度不低于 similarity（默认 90%）、长度不短于 min-chars 的段落，"
        "指出首次出现的位置和不同之处。只有数字或拉丁字母不同的段落"
        "（如日期、金额、型号各异的并列条目），以及把某个词全部换成另一个词的段落"
        "（按同一模板写成的并列条目）不报告；标题和表格单元格不比较。"
        "法规的条文、文件的分项常按同一模板写成：两个序号不同的条、项"
        "（第五十六条与第五十七条，（三十）与（三十一），不同条下的（五）与（三）），"
        "如果只在数字、数额（百分之五十 → 百分之十）、所指对象（城市、机关等两个字以上的词，"
        "武汉 → 成都）上不同，或者只多了一个分句（“责令暂停相关业务，并”），"
        "就是有意写成的并列条款，不报告；"
        "但即使序号不同，只要错了、漏了、多了一两个字，仍是复制时的笔误，照常报告。"
        "Markdown 文档中，并列章节（同级标题下骨架相同）里位置相同的段落，"
        "以及并列的条目（同一列表中的列表项，或同一节中接连的几段）只替换了一处两个字以上的词语"
        "（“提取文本关键词”“提取文本摘要”），或者与相邻的第三项同一骨架"
        "（接连几段“感谢[某交易所](…)提供的数据”），是按结构写成的，不报告。",
        en="Copying a paragraph and changing a few words often leaves two nearly identical "
        "paragraphs: a rewrite that was forgotten, or a paste done twice and then touched up. "
        "Exact repeats are D101's; this rule finds paragraphs at least `similarity` alike "
        "(90 % by default) and at least min-chars long, and shows the first copy and what "
        "differs. Paragraphs that differ only in numbers or Latin words (dates, amounts, model "
        "names of like items), or where one term was replaced by another wherever it occurs "
        "(like items written from one pattern), are not reported; headings and table cells are not "
        "compared. Articles and items of a regulation or notice are often written from one "
        "template: two items with different item numbers of one kind (第五十六条 and 第五十七条, "
        "(三十) and (三十一), (五) and (三) under two articles) that differ only in numbers "
        "or amounts, in named objects (words of two characters or more, such as cities or "
        "organs), or by one added clause are deliberate parallel provisions and are not "
        "reported; a character changed, dropped or doubled in them is still a slip. In Markdown, "
        "paragraphs at the same place of parallel sections (headings of one level sharing a "
        "skeleton) and like items (items of one list, or paragraphs in a row in one section) "
        "that differ in one stretch of two characters or more (one filling), with nothing in "
        "common or on the skeleton of a third item next to them (a run of “thanks to [an "
        "exchange](…) for the data”), are written by design and are not reported.",
    )
    examples = (
        Example(bad=f"{_A}\n\n{_B}\n\n{_A.replace('九条', '十条')}\n"),
        Example(bad=f"{_A}\n\n{_A.replace('持续', '')}\n"),
        Example(good=f"{_A}\n\n{_B}\n"),
        Example(good=f"{_BATCH.format(1, 3, 15, 12, 6)}\n\n{_BATCH.format(2, 5, 20, 18, 9)}\n"),
        Example(
            good=f"{_ARTICLE.format('五十六', '')}\n\n{_ARTICLE.format('五十七', _CLAUSE_ADDED)}\n"
        ),
        Example(
            bad=f"{_ARTICLE.format('五十六', '')}\n\n"
            + _ARTICLE.format("五十七", "").replace("改正；", "改；")
            + "\n"
        ),
    )
    messages = {
        "near": T(
            zh="与{line:zh}的段落几乎相同（相似度 {percent}%），差异：{diff}",
            en="nearly repeats the paragraph at {line:en} ({percent}% alike); differs: {diff}",
        ),
        "near.help": T(
            zh="删去重复的段落，或改写使两段各有所述",
            en="delete the repeated paragraph, or rewrite it to say something of its own",
        ),
        "first": T(zh="相似的段落", en="the similar paragraph"),
    }

    class Options(NamedTuple):
        similarity: float = 0.9  # report paragraphs at least this alike (difflib ratio, 0–1)
        min_chars: int = 60  # shorter paragraphs (after normalising) are not compared

    def check(self, doc: Document, ctx: Context) -> None:
        keys = block_keys(doc)
        blocks = doc.blocks
        threshold = self.options.similarity
        min_chars = self.options.min_chars
        seen: set[str] = set()
        # feature -> the paragraphs holding it: a bare int while there is one (most features,
        # stored in one dict call), a list from the second on
        index: dict[str, int | list[int]] = {}
        put = index.setdefault
        for j, block in enumerate(blocks):
            key = keys[j]
            if len(key) < min_chars or block.kind not in _KINDS or key in seen:
                continue  # too short, not prose, or an exact repeat (D101)
            seen.add(key)
            feats = _features(key)
            hits: list[int] = []
            for f in feats:
                post = put(f, j)
                if post is j:  # new
                    continue
                if isinstance(post, int):
                    hits.append(post)
                    index[f] = [post, j]
                elif len(post) < _POSTING_CAP:
                    hits += post
                    post.append(j)
            if not hits:
                continue
            need = max(2, _MIN_SHARED * len(feats))
            # most shared features first; ties by position, so the result never depends on the
            # (per-run randomised) iteration order of the feature set
            ranked = heapq.nsmallest(_VERIFY, Counter(hits).items(), key=lambda kv: (-kv[1], kv[0]))
            best = [i for i, n in ranked if n >= need]
            found: tuple[int, float] | None = None
            for i in best:
                if found is not None and i > found[0]:
                    continue  # report against the first copy
                ratio = _similarity(keys[i], key, threshold)
                if ratio is not None:
                    found = (i, ratio)
            if found is None:
                continue
            i, ratio = found
            if doc.markdown and _by_design(outline(doc), keys, j, i):
                continue
            first = blocks[i]
            # show the differences in the text as written (only whitespace dropped)
            shown = _differences(
                _squeeze(source_text(doc, first)), _squeeze(source_text(doc, block))
            )
            if not shown:
                continue
            ctx.report(
                block.whole,
                "near",
                help="near.help",
                related=[Related(first.whole, self.messages["first"])],
                line=doc.line_number(first.start),
                percent=int(ratio * 100),
                diff="；".join(f"“{a}” → “{b}”" for a, b in shown[:_SHOWN])
                + ("……" if len(shown) > _SHOWN else ""),
            )


def _by_design(scheme: Outline, keys: list[str], j: int, i: int) -> bool:
    """Whether paragraph ``j`` is like ``i`` by the document's design: they stand at the same
    place of two parallel sections (the sections' fillings differ), or they are like items
    (two items of one list, or paragraphs of a run in one section) that differ in one filling:
    one stretch replaced by another of two characters or more, which has nothing in common
    with it (“提取文本关键词” and “提取文本摘要”), or which a third item of the run also
    fills on the same skeleton (“感谢[上海证券交易所](…)提供的数据”, “感谢[深圳证券交易所](…)
    提供的数据”, then a third exchange). Paragraphs of a run are like items only when those
    between them are on their skeleton too (list items need that for a shared filling only)."""
    if scheme.structural(j, i):
        return True
    if not scheme.sibling_items(j, i):
        return False
    a, b = keys[i], keys[j]
    p, s = _middle(a, b)
    ma, mb = a[p : len(a) - s], b[p : len(b) - s]
    if len(ma) < 2 or len(mb) < 2:
        return False  # a character changed, dropped or doubled: a slip
    head, tail = a[:p], a[len(a) - s :]
    on_skeleton = scheme.on_skeleton
    between = [x for x in range(i + 1, j) if on_skeleton(x, i, "", "")]  # at their depth
    if not set(ma) & set(mb) and (scheme.kind(i) == "list_item" or not between):
        return True
    if any(not on_skeleton(x, i, head, tail) for x in between):
        return False  # another item between them is not on their skeleton
    if between:
        return True
    return on_skeleton(i - 1, i, head, tail) or on_skeleton(j + 1, j, head, tail)


def _features(key: str) -> set[str]:
    # str.replace and str.split run at C speed; a regex split with a class of marks is slower
    for mark in _MARKS:
        if mark in key:
            key = key.replace(mark, ",")
    clauses = key.split(",")
    # sorted by length, the short and the long clauses are found by bisection (no loop in Python)
    clauses.sort(key=len)
    out = set(clauses[bisect_left(clauses, _MIN_CLAUSE, key=len) :])
    for c in clauses[bisect_left(clauses, _LONG_CLAUSE, key=len) :]:
        out.add("<" + c[:_EDGE])
        out.add(">" + c[-_EDGE:])
    return out


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search with slice comparisons: C speed, no per-character loop
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b)) - limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _middle(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of ``a`` and ``b`` (not overlapping)."""
    p = _common_prefix(a, b)
    return p, _common_suffix(a, b, p)


def _similarity(a: str, b: str, threshold: float) -> float | None:
    """Similarity of ``a`` and ``b`` (matched characters over total, as difflib's ratio), or None
    when they are less alike than ``threshold`` or differ only in numbers and Latin words."""
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < threshold * total:
        return None
    p, s = _middle(a, b)
    ma, mb = a[p : len(a) - s], b[p : len(b) - s]
    if 2 * (p + s + min(len(ma), len(mb))) < threshold * total:
        return None
    if len(ma) > _MAX_MIDDLE or len(mb) > _MAX_MIDDLE:
        return None
    if _DIGITS.sub("", ma) == _DIGITS.sub("", mb):
        return None  # only numbers differ (the common case of like items, checked cheaply)
    from difflib import SequenceMatcher  # imported on first use: most runs never diff

    sm = SequenceMatcher(None, ma, mb, autojunk=False)
    if 2 * (p + s) + sm.quick_ratio() * (len(ma) + len(mb)) < threshold * total:
        return None
    matched = p + s + sum(m.size for m in sm.get_matching_blocks())
    ratio = 2 * matched / total
    if ratio < threshold:
        return None
    diffs = [(ma[i1:i2], mb[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    if _like_items(a, b, diffs) or _parallel_provisions(a, b, diffs):
        return None
    return ratio


def _like_items(a: str, b: str, diffs: list[tuple[str, str]]) -> bool:
    """Whether ``a`` and ``b`` read as two like items written from one pattern rather than as a
    paste: they differ only in numbers or Latin words (dates, amounts, model names), or ``b`` is
    ``a`` with one term replaced wherever it occurs (“鼠标” → “触摸板” twice or more)."""
    if all(_ONLY_CODES.fullmatch(x) and _ONLY_CODES.fullmatch(y) for x, y in diffs) and any(
        ch.isalnum() for x, y in diffs for ch in x + y
    ):
        return True
    x, y = diffs[0]
    return bool(x) and a.count(x) >= 2 and a.replace(x, y) == b


# Item numbers that open a provision: 第十二条, (三), 三、, 1. or 1、, ① (keys are NFKC-folded,
# so the full-width parentheses are ASCII here). Group 1 is the number. Compiled on first use:
# only two near-duplicate candidates are tested with it.
_NUMERAL = "〇零一二三四五六七八九十百千两"
_ITEM = lazy_re(
    rf"第([{_NUMERAL}]+|[0-9]+)条|\(([{_NUMERAL}]+|[0-9]+)\)|([{_NUMERAL}]+)、|([0-9]+)[.、](?![0-9])"
)
_NUMBERS = frozenset(_NUMERAL + "0123456789.%万亿")
_CLAUSE = 4  # an insertion this long is an added clause, not a dropped or doubled character


def _item_number(key: str) -> tuple[int, str] | None:
    """The kind of item number ``key`` opens with (which pattern) and the number, or None."""
    m = _ITEM().match(key)
    if m is None:
        return None
    kind = m.lastindex or 0
    return kind, m.group(kind)


def _parallel_provisions(a: str, b: str, diffs: list[tuple[str, str]]) -> bool:
    """Whether ``a`` and ``b`` are two provisions built on one template: items with item numbers
    of one kind but different (第五十六条 and 第五十七条, (三) and (五)), that differ only in
    numbers or amounts (百分之五十 → 百分之十), in named objects (郑州 → 西安, 河南 → 陕西:
    whole words of two characters or more on both sides), and in at most one added clause
    (“责令项目停工，并”). A single character changed, dropped or doubled is still a slip."""
    ia, ib = _item_number(a), _item_number(b)
    if ia is None or ib is None or ia[0] != ib[0] or ia[1] == ib[1]:
        return False
    clauses = 0
    for x, y in diffs:
        if _NUMBERS.issuperset(x + y):
            continue  # numbers, amounts, the item number itself
        if x and y:
            if len(x) < 2 or len(y) < 2:
                return False
        elif len(x + y) >= _CLAUSE and clauses == 0:
            clauses = 1
        else:
            return False
    return True


def _differences(a: str, b: str) -> list[tuple[str, str]]:
    """The differing pieces of ``a`` and ``b`` for the message, each with two characters of
    context when one side is empty, each side shortened to a few characters."""
    p, s = _middle(a, b)
    ma, mb = a[p : len(a) - s], b[p : len(b) - s]
    if len(ma) > _MAX_MIDDLE or len(mb) > _MAX_MIDDLE:
        return []
    from difflib import SequenceMatcher

    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ma, mb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + p, i2 + p, j1 + p, j2 + p
        if i1 == i2 or j1 == j2:  # insertion or deletion: show where, with a neighbour
            before = min(i1, j1, _CONTEXT)
            after = min(len(a) - i2, len(b) - j2, _CONTEXT - before)
            i1, j1, i2, j2 = i1 - before, j1 - before, i2 + after, j2 + after
        out.append((_clip(a[i1:i2]), _clip(b[j1:j2])))
    return out


def _clip(s: str) -> str:
    return s if len(s) <= _SHOWN_CHARS else s[: _SHOWN_CHARS - 1] + "…"
