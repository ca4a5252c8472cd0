"""K802 name-spelling: one person's name written two ways beside the same title (副主席吴秀玲 /
副主席吴秀林)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any, Final, NamedTuple

from wenlint.diagnostic import Related
from wenlint.document import Document, LineNumber, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FinishContext, Rule, Severity, T
from wenlint.rules.consistency import _data
from wenlint.text import names
from wenlint.text.chars import is_han
from wenlint.text.forms import Use
from wenlint.text.phrases import LongestLiterals

# What may stand right after a name written after its title (副主席吴秀玲，/ 副主席吴秀玲同志 /
# 书记王伟说): punctuation and space, or these words. Anything else leaves the name's end unknown
# (副主席王伟主持会: 王伟 or 王伟主?), and the name is not taken.
_AFTER_NAME = [
    "同志",
    "主持",
    "出席",
    "讲话",
    "指出",
    "强调",
    "表示",
    "介绍",
    "率队",
    "带队",
    "一行",
    "调研",
    "参加",
    "会见",
    "告诉",
    "认为",
    "提出",
    "要求",
    "说",
    "在",
    "到",
    "对",
    "就",
    "和",
    "与",
    "及",
    "等",
    "率",
]
_AFTER_TUPLE = tuple(_AFTER_NAME)
# Characters a name does not end with: the ends of organisations and positions written before a
# title (市委书记, 党组书记, 办公室主任, 支行行长) and of words such as 负责同志.
_NOT_END = frozenset(
    "委部组局厅处科院校所会社司办站队室区县市省镇乡村州旗协联行团党支盟届级班馆厂营连署府庭台"
    "报刊网家方界业园场港军宫中心责位体员代长记席任"
)
# Characters a name does not start with, although they are surnames (该同志, 原书记, 全体同志).
_NOT_START = frozenset("该本原前现首历新老小各每诸众某这那此其全副总代常执名第我你他她您贵大两几多")


class _Name(Frozen):
    __slots__ = ("block", "end", "start", "title")
    _fields = ("start", "end", "title", "block")
    start: Final[int]
    end: Final[int]
    title: Final[str]
    block: Final[int]

    def __init__(self, start: int, end: int, title: str, block: int) -> None:
        self.start = start
        self.end = end
        self.title = title
        self.block = block


@cache
def _titles() -> LongestLiterals:
    return LongestLiterals(names.TITLES + names.PLACE_TITLES)


def _han(c: str) -> bool:
    return is_han(c)


def _plausible(name: str, single: frozenset[str], compound: frozenset[str]) -> bool:
    if name[0] in _NOT_START or name[-1] in _NOT_END:
        return False
    if not (name[0] in single or name[:2] in compound):
        return False
    words = _data.common_words()
    return name not in words and name[:2] not in words


def names_in(doc: Document) -> list[_Name]:
    """Names written beside a title: before it (吴秀玲副主席, standing alone after punctuation or
    at a paragraph's start) or after it (副主席吴秀玲，/ 副主席吴秀玲同志), each a surname and two
    or three characters."""
    view = doc.view
    n = len(view)
    single, compound = names.surnames()
    tl = _titles()
    out = []
    for t0, t1, which in tl.spans(view):
        title = tl.words[which]
        block = doc.block_at(t0, t1)
        if block is None:
            continue
        # before the title: exactly two or three Han characters after a non-Han character
        # (a place title only after three: 朔州市长 is 朔州 + 市长)
        for k in (3, 2):
            s = t0 - k
            if s >= block.start and all(map(_han, view[s:t0])):
                alone = s == block.start or not _han(view[s - 1])
                if alone and (k == 3 or title not in names.PLACE_TITLES):
                    if _plausible(view[s:t0], single, compound):
                        out.append(_Name(s, t0, title, block.index))
                    break
        # after the title: two characters when a known word follows them (书记王伟说), else
        # three when punctuation or a known word follows (书记李国强介绍)
        for k in (2, 3):
            e = t1 + k
            if e > block.end or not all(map(_han, view[t1:e])):
                break
            if e == n or not _han(view[e]) or view.startswith(_AFTER_TUPLE, e):
                if _plausible(view[t1:e], single, compound):
                    out.append(_Name(t1, e, title, block.index))
                break
    return out


# Ends of an organisation's full name. Single characters (局, 部, 委) end too many words.
_ORG_ENDS = [
    "委员会",
    "人民政府",
    "办公室",
    "办公厅",
    "管理局",
    "研究院",
    "研究所",
    "研究中心",
    "服务中心",
    "大学",
    "学院",
    "有限公司",
    "公司",
    "集团",
    "银行",
    "医院",
    "人民法院",
    "人民检察院",
    "协会",
    "联合会",
    "商会",
    "学会",
    "基金会",
    "领导小组",
    "联席会议",
]
# Characters whose one-for-another change names a sibling, not a slip: numerals and ordinals
# (第一中学/第二中学), directions (东城区/西城区), levels (省/市), kinds (工学院/医学院); and
# function words, which join two names rather than spell one (担保机构和银行/担保机构与银行).
_CONTRAST = frozenset(
    "〇零一二三四五六七八九十百千万两第甲乙丙丁东南西北中上下前后左右内外大小高初省市县区乡镇村"
    "正副总分男女新老旧文理工农医商法城郊"
)
_FUNCTION = frozenset("和与及或的之在对为同跟向并且等")
_ORG_CONTEXT = 3  # characters that must agree on the left of the one that differs
_ORG_RUN = 16  # the longest name part looked at before its ending


@cache
def _org_ends() -> LongestLiterals:
    return LongestLiterals(_ORG_ENDS)


class _Org(Frozen):
    __slots__ = ("block", "body", "end", "start")
    _fields = ("start", "body", "end", "block")
    start: Final[int]  # where the Han run before the ending starts
    body: Final[int]  # where the ending starts
    end: Final[int]
    block: Final[int]

    def __init__(self, start: int, body: int, end: int, block: int) -> None:
        self.start = start
        self.body = body
        self.end = end
        self.block = block


def orgs_in(doc: Document) -> dict[str, list[_Org]]:
    """Occurrences of each organisation ending, with the Han run before it (in one paragraph)."""
    view = doc.view
    ends = _org_ends()
    out: dict[str, list[_Org]] = defaultdict(list)
    for e0, e1, which in ends.spans(view):
        block = doc.block_at(e0, e1)
        if block is None:
            continue
        s = e0
        while s > max(block.start, e0 - _ORG_RUN) and _han(view[s - 1]):
            s -= 1
        if e0 - s > _ORG_CONTEXT:
            out[ends.words[which]].append(_Org(s, e0, e1, block.index))
    return out


def _org_pair(a: str, b: str) -> int | None:
    """For two name parts before the same ending (aligned at their ends): the length of the
    stretch they share with exactly one character different, when at least _ORG_CONTEXT
    agreeing characters stand left of it and the change is not a sibling's (第一/第二); else
    None."""
    n = min(len(a), len(b))
    diff = None
    k = 1
    while k <= n:
        if a[-k] != b[-k]:
            if diff is not None:
                break
            diff = k
        k += 1
    if diff is None or k - 1 - diff < _ORG_CONTEXT:
        return None
    x, y = a[-diff], b[-diff]
    if (x in _CONTRAST and y in _CONTRAST) or x in _FUNCTION or y in _FUNCTION:
        return None
    return k - 1


def _one_apart(a: str, b: str) -> bool:
    """Same length, same first character (the surname), exactly one other character differs."""
    return (
        len(a) == len(b)
        and a[0] == b[0]
        and a != b
        and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    )


class NameSpelling(Rule):
    code = "K802"
    name = "name-spelling"
    severity = Severity.WARNING
    summary = T(
        zh="同一职务后的人名写法不一（副主席吴秀玲 / 副主席吴秀林），疑有一处写错",
        en="A name beside the same title written two ways (副主席吴秀玲 / 副主席吴秀林): one is "
        "likely a slip",
    )
    rationale = T(
        zh="人名写错是校对中最严重的差错之一，而同一个人在文中多次出现时，错的那一处往往只差一个字。"
        "本规则收集紧挨职务的人名（“吴秀玲副主席”“副主席吴秀玲，”“吴秀玲同志”；职务表与 W203 "
        "相同），首字须是姓氏、不是常用词；同一职务下两个人名长度相同、姓相同、只差一个字时，"
        "报告用得少的一种（次数相同时报告后出现的），并指出另一种写法首次出现的位置。"
        "不同的人可能同姓同职务，所以两个写法出现在同一段里（如名单）时不报告；"
        "职务后的人名只在后面紧跟标点或“同志”“主持”“讲话”等词时才认，人名的长度才确定。",
        en="A misspelt name is among the worst slips, and where one person is named several "
        "times the wrong one usually differs by one character. The rule collects names right "
        "beside a title (吴秀玲副主席, 副主席吴秀玲，, 吴秀玲同志; the titles of W203), starting "
        "with a surname and not a common word; when two names under the same title have the "
        "same length and surname and differ in one character, the less used one (on a tie, the "
        "later) is reported, pointing at the first use of the other. Different people may share "
        "a surname and a title, so two forms in one paragraph (a list of names) are not "
        "reported; a name after its title counts only when punctuation or a word such as "
        "同志, 主持, 讲话 follows it, so that its length is known.",
    )
    examples = (
        Example(
            bad="市政协副主席吴秀玲出席会议并讲话。\n\n会议由副主席吴秀玲主持。\n\n"
            "副主席吴秀林同志作总结。"
        ),
        Example(good="市政协副主席吴秀玲出席会议并讲话。\n\n会议由副主席吴秀玲主持。"),
        Example(good="副主席王建国、副主席王建军出席会议。"),
    )
    messages = {
        "name": T(
            zh="“{title}{found}”与{line:zh}的“{title}{other}”只差一个字，疑为同一人，核对姓名",
            en="“{found}” ({title}) differs by one character from “{other}” on {line:en}: "
            "check the name",
        ),
        "help": T(
            zh="核对是“{other}”还是“{found}”", en="check whether “{other}” or “{found}” is right"
        ),
        "name.file": T(
            zh="“{title}{found}”与 {path} {line:zh}的“{title}{other}”只差一个字，疑为同一人，"
            "核对姓名",
            en="“{found}” ({title}) differs by one character from “{other}” in {path}, "
            "{line:en}: check the name",
        ),
        "org": T(
            zh="“{found}”与{line:zh}的“{other}”只差一个字，疑为同一单位，核对名称",
            en="“{found}” differs by one character from “{other}” on {line:en}: check the "
            "organisation's name",
        ),
        "other": T(zh="另一种写法首次出现", en="the other form, first used"),
    }

    class Options(NamedTuple):
        # "run": a name is compared with the names of all files of the run (the config's
        # top-level consistency key sets it); organisations are compared within a document
        consistency: str = "document"

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        # per title: name -> [uses so far in the run, (path, start, end, position) of the first]
        self._run: dict[str, dict[str, list[Any]]] = defaultdict(dict)

    def check(self, doc: Document, ctx: Context) -> None:
        if self.options.consistency == "run":
            view, pos = doc.view, doc.lines.position
            ctx.keep(
                [
                    Use(
                        n.title, view[n.start : n.end], n.start, n.end, pos(n.start, n.end), n.block
                    )
                    for n in names_in(doc)
                ]
            )
        else:
            self._people(doc, ctx)
        self._orgs(doc, ctx)

    def finish(self, path: str, facts: Any, ctx: FinishContext) -> None:
        """consistency = "run": this file's names against the names of the files before it and
        its own, under the same title; the less used (on a tie the later) is reported."""
        uses: list[Use] = facts
        by_title: dict[str, dict[str, list[Use]]] = defaultdict(lambda: defaultdict(list))
        for u in uses:
            by_title[u.group][u.form].append(u)
        for title, forms in by_title.items():
            run = self._run[title]
            self._settle(ctx, path, title, forms, run)
            for form, us in forms.items():
                if form in run:
                    run[form][0] += len(us)
                else:
                    run[form] = [len(us), (path, us[0].start, us[0].end, us[0].position)]

    def _settle(
        self,
        ctx: FinishContext,
        path: str,
        title: str,
        forms: dict[str, list[Use]],
        run: dict[str, list[Any]],
    ) -> None:
        """Report this file's names that are the less used of two one character apart."""

        def rank(form: str) -> tuple[int, int, int]:
            # more uses first; then earlier files, then earlier in this file
            n = (run[form][0] if form in run else 0) + len(forms.get(form, ()))
            return (-n, 0 if form in run else 1, forms[form][0].start if form not in run else 0)

        for a, mine in forms.items():
            for b in dict.fromkeys([*run, *forms]):
                if not _one_apart(a, b):
                    continue
                if b in forms and {u.args for u in mine} & {u.args for u in forms[b]}:
                    continue  # one paragraph: two people
                if rank(a) < rank(b):
                    continue
                if b in run:
                    p, s, e, position = run[b][1]
                    related = Related(Span(s, e), self.messages["other"], p, position)
                    key, where = "name.file", {"path": p, "line": LineNumber.of(p, position[0])}
                else:
                    other = forms[b][0]
                    related = Related(Span(other.start, other.end), self.messages["other"])
                    key, where = "name", {"line": LineNumber.of(path, other.position[0])}
                for u in mine:
                    ctx.report(
                        Span(u.start, u.end), key, help="help", related=[related], found=a,
                        other=b, title=title, **where,
                    )  # fmt: skip
                break

    def _orgs(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        for uses in orgs_in(doc).values():
            parts = {view[u.start : u.body] for u in uses}
            if len(parts) < 2:
                continue
            reported: set[int] = set()
            for u in uses:
                a = view[u.start : u.body]
                for o in uses:
                    b = view[o.start : o.body]
                    shared = _org_pair(a, b) if a != b else None
                    if shared is None or u.start in reported:
                        continue
                    mine = view[u.body - shared : u.end]
                    theirs = view[o.body - shared : o.end]
                    # the slip is written once, the other form at least twice
                    if view.count(mine) != 1 or view.count(theirs) < 2:
                        continue
                    first = view.find(theirs)
                    reported.add(u.start)
                    ctx.report(
                        Span(u.body - shared, u.end),
                        "org",
                        help="help",
                        related=[Related(Span(first, first + len(theirs)), self.messages["other"])],
                        found=mine,
                        other=theirs,
                        line=doc.line_number(first),
                    )

    def _people(self, doc: Document, ctx: Context) -> None:
        found = names_in(doc)
        if len(found) < 2:
            return
        view = doc.view
        by_title: dict[str, dict[str, list[_Name]]] = defaultdict(lambda: defaultdict(list))
        for nm in found:
            by_title[nm.title][view[nm.start : nm.end]].append(nm)
        for title, forms in by_title.items():
            if len(forms) < 2:
                continue
            count = {f: view.count(f) for f in forms}
            for a, uses in forms.items():
                for b, others in forms.items():
                    if not _one_apart(a, b):
                        continue
                    if {u.block for u in uses} & {o.block for o in others}:
                        continue  # one paragraph: two people (a list of names)
                    later = uses[0].start > others[0].start
                    if count[a] > count[b] or (count[a] == count[b] and not later):
                        continue
                    first = others[0]
                    line = doc.line_number(first.start)
                    for u in uses:
                        ctx.report(
                            Span(u.start, u.end),
                            "name",
                            help="help",
                            related=[Related(Span(first.start, first.end), self.messages["other"])],
                            found=a,
                            other=b,
                            title=title,
                            line=line,
                        )
