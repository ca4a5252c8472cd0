"""Abbreviations a document defines (``（以下简称“住建部”）``, ``（简称自贸试验区）``): where
each is defined, the full name it stands for, and the places a rule may look at around it. Shared by
K803 (the full name used again) and K806 (the short form used before it is defined)."""

from __future__ import annotations

from typing import Final

from wenlint.document import Document
from wenlint.record import Frozen
from wenlint.text.chars import is_han
from wenlint.text.locate import lazy_re

# （以下简称“X”） （简称X） （下称X） （以下称X）; X is one name: no comma, no second bracket.
DEFINITION = lazy_re(
    r"（(?:(?:以下|下文|下)?简称|(?:以下|下文|下)称)为?[“\"]?(?P<abbr>《[^《》（）]{1,30}》|"
    r"[^“”\"《》（）()，,。；;：:、\s]{2,20})[”\"]?）"
)
# Characters that may stand before a name (it starts there) or after it (it ends there): a name
# inside a longer name (国务院自由贸易试验区工作部际联席会议) is another name.
_BEFORE = frozenset("的和与及或在对向为由将把被从经按据各该是了并同会报请交送")
_AFTER = frozenset("的和与及或在对向为应要可将是等会不已也都均并须依按")


# Verbs a name is the subject of (住建部负责, 自贸试验区要): a name may end before them.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VERBS = _words(
    "负责 牵头 会同 组织 指导 统筹 制定 印发 发布 批准 同意 建立 加强 开展 推进 落实 研究 "
    "审核 审查 审批 备案 公布 确定 规定 提出 授权 监督 协调 配合 作出 做好 完善 设立 召开 "
    "认定 决定 出台 部署 实施 执行 履行 承担 给予 支持 参照 结合 有关 联系"
)
# Two-character verbs a name may follow (报告省人力资源社会保障厅, 征求住建部意见).
_BEFORE_WORDS = _words("报告 告知 提请 商请 征求 听取 委托 通报 通知 抄送 请示")
CLAUSE = 30  # the longest full name looked for before a definition


class Definition(Frozen):
    __slots__ = ("abbr", "contraction", "end", "full", "full_start", "start")
    _fields = ("abbr", "start", "end", "full", "full_start", "contraction")
    abbr: Final[str]  # the short form, as written (a 《title》 keeps its brackets)
    start: Final[int]  # the definition's （
    end: Final[int]  # after its ）
    full: Final[str | None]  # the full name it stands for, when it can be told exactly
    full_start: Final[int]  # where the full name starts (== start when unknown)
    contraction: Final[bool]  # the short form is not a part of the full name (自贸试验区, 住建部)

    def __init__(
        self,
        abbr: str,
        start: int,
        end: int,
        full: str | None,
        full_start: int,
        contraction: bool,
    ) -> None:
        self.abbr = abbr
        self.start = start
        self.end = end
        self.full = full
        self.full_start = full_start
        self.contraction = contraction


def _clause(view: str, end: int) -> int:
    """Where the clause before ``end`` starts: after punctuation or space, at most CLAUSE back."""
    lo = max(0, end - CLAUSE)
    i = end
    while i > lo and (is_han(view[i - 1]) or view[i - 1].isalnum()):
        i -= 1
    return i


def _subsequence_start(clause: str, abbr: str) -> int | None:
    """The start of the shortest suffix of ``clause`` holding ``abbr``'s characters in order,
    the first one at that start (国家市场监督管理总局 → 市场监督管理总局 for 市场监管总局)."""
    j = len(abbr) - 1
    for i in range(len(clause) - 1, -1, -1):
        if clause[i] == abbr[j]:
            if j == 0:
                return i
            j -= 1
    return None


def definitions(doc: Document) -> list[Definition]:
    """The document's definitions of short forms, in order (cached on the document)."""
    return doc.derived(definitions, _find)


def _find(doc: Document) -> list[Definition]:
    view = doc.view
    if "称" not in view:
        return []
    out = []
    for m in DEFINITION().finditer(view):
        abbr, s = m.group("abbr"), m.start()
        full, fs = None, s
        if s > 0 and view[s - 1] in "》”":
            opener = "《" if view[s - 1] == "》" else "“"
            o = view.rfind(opener, max(0, s - 80), s)
            if o >= 0 and view.find("\n", o, s) < 0:
                full, fs = view[o:s], o
        else:
            c = _clause(view, s)
            clause = view[c:s]
            at = None if abbr in clause else _subsequence_start(clause, abbr)
            if at is not None and s - (c + at) > len(abbr):
                full, fs = clause[at:], c + at
        # a title's short form is a name of that document, never a generic word
        contraction = (full or "")[:1] == "《" or abbr not in (full or view[_clause(view, s) : s])
        out.append(Definition(abbr, s, m.end(), full, fs, contraction))
    return out


def starts_name(view: str, i: int) -> bool:
    """Whether a name may start at ``i``: punctuation, space or a function word before it."""
    c = view[i - 1] if i > 0 else " "
    return (
        not (is_han(c) or c.isalnum()) or c in _BEFORE or view[max(0, i - 2) : i] in _BEFORE_WORDS
    )


def ends_name(view: str, i: int) -> bool:
    """Whether a name may end at ``i``: punctuation, space or a function word after it."""
    c = view[i] if i < len(view) else " "
    return not (is_han(c) or c.isalnum()) or c in _AFTER or view[i : i + 2] in _VERBS


def standalone(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is a name of its own, not a part of a longer run of Han text
    (国务院自由贸易试验区工作部际联席会议 holds no 自由贸易试验区 of its own)."""
    return starts_name(view, start) and ends_name(view, end)


def in_title(view: str, start: int) -> bool:
    """Inside a 《…》 title on the same line (a title is quoted as it is)."""
    o = view.rfind("《", 0, start)
    return o >= 0 and view.rfind("》", o, start) < 0 and view.find("\n", o, start) < 0


# Lines of an official document that name organisations in full by rule: the 党政机关公文处理
# 工作条例 (2012) §9 wants 主送机关 and 抄送机关 written as 全称, 规范化简称 or 统称, and the
# 发文机关署名 as 全称 or 规范化简称 (a signature line is heading_like).
_ROSTER = ("主送", "抄送", "抄报", "报送", "分送", "发送")


def roster_line(text: str) -> bool:
    """A 主送/抄送 line (抄送：山西省财政厅，山西省教育厅。): its names are written in full."""
    t = text.lstrip()
    return t.startswith(_ROSTER) and t[2:3] in ("：", ":")


def heading_like(text: str) -> bool:
    """A title or heading line: short, no sentence punctuation (a title may use the short form
    the body defines later)."""
    return len(text) < 60 and not any(c in text for c in "。；，")
