"""The K family's data, read from ``rules/consistency/data/`` on first use (see data/SOURCES.md),
and the word-boundary test its rules share."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from wenlint.record import Frozen
from wenlint.text.locate import lazy_re

DATA = Path(__file__).parent / "data"


class Group(Frozen):
    """One group of variant forms: the recommended form and the others."""

    __slots__ = ("good", "matched", "senses", "variants")
    _fields = ("good", "variants", "senses", "matched")
    good: Final[str]
    variants: Final[tuple[str, ...]]
    senses: Final[bool]  # the forms differ in some senses: a replacement needs an editor's eye
    matched: Final[bool]  # False: kept for the record, the variant string is too ambiguous to match

    def __init__(self, good: str, variants: tuple[str, ...], senses: bool, matched: bool) -> None:
        self.good = good
        self.variants = variants
        self.senses = senses
        self.matched = matched


def parse_group(line: str) -> Group:
    """``推荐 异形1 异形2 [~]``, with a leading ``!`` for a group not matched; ValueError when
    the line has no variant or names a form twice."""
    matched = not line.startswith("!")
    parts = line.lstrip("!").split()
    senses = "~" in parts
    forms = [p for p in parts if p != "~"]
    if len(forms) < 2 or len(set(forms)) != len(forms):
        raise ValueError(f"a group needs a recommended form and other forms, each once: {line!r}")
    return Group(forms[0], tuple(forms[1:]), senses, matched)


@cache
def variant_groups() -> tuple[Group, ...]:
    """The 《第一批异形词整理表》 groups, in the table's order."""
    text = (DATA / "variants.txt").read_text("utf-8")
    lines = (ln.strip() for ln in text.splitlines())
    return tuple(parse_group(ln) for ln in lines if ln and not ln.startswith("#"))


@cache
def common_words() -> frozenset[str]:
    """Common two- and three-character words: a vocabulary for boundary checks (a copy of the
    structure family's list, see data/SOURCES.md)."""
    text = (DATA / "words.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


def inside_word(text: str, start: int, end: int, words: frozenset[str]) -> str | None:
    """A common word of two or three characters that crosses an edge of ``text[start:end]``
    (the hit's first or last character belongs to a word with its neighbour: 制定|单位 is not
    定单, 希|有关 is not 希有), or None."""
    lo, hi = max(0, start - 2), min(len(text), end + 2)
    hit = text[start:end]
    for a in range(lo, end):
        for b in range(max(a + 2, start + 1), min(a + 3, hi) + 1):
            if (a < start < b or a < end < b) and text[a:b] != hit and text[a:b] in words:
                return text[a:b]
    return None


def in_title(text: str, start: int, lo: int = 0) -> bool:
    """Whether ``start`` lies inside a 《…》 title (a document's name is quoted as it is)."""
    return text.rfind("《", lo, start) > text.rfind("》", lo, start)


_OPEN, _CLOSE = "“「『", "”」』"
# What stands just before an attributed quotation's opening mark: the title of the work quoted
# (《岳阳楼记》“…”, 《岳阳楼记》中写道：“…”) or a cue of quoting (子曰：“…”, 古人云：“…”, 有言).
_ATTRIBUTION = lazy_re(
    r"(?:》[中里]?(?:所?(?:说|写|言)|写道|有言|云|曰|道)?|曰|云|有言|有云)[：:，,]?\s*$"
)


def in_attributed_quote(text: str, start: int, end: int, lo: int = 0) -> bool:
    """Whether ``text[start:end]`` lies inside a quotation (“…”, 「…」) attributed to a work or
    a speaker: quoted text is reproduced as written (范仲淹《岳阳楼记》“政通人和，百废具兴”),
    while the same words in one's own prose, or in quotation marks of one's own, are not."""
    o = max(text.rfind(q, lo, start) for q in _OPEN)
    if o < 0 or any(text.find(q, o + 1, start) >= 0 for q in _CLOSE):
        return False  # no quotation open at the hit
    if not any(text.find(q, end) >= 0 for q in _CLOSE):
        return False
    return _ATTRIBUTION().search(text, max(lo, o - 12), o) is not None
