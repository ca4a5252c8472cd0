"""Literal phrase lists matched in one pass: an Aho–Corasick automaton over every phrase, with
exception contexts.

Used by word-list rules (W202 misspelling) and by literal declarative house-style rules. There are
no implicit word boundaries (Han text has no spaces); a rule that needs boundaries checks its hits.

An *exception* of a phrase is a longer text that contains it and is correct as a whole: the phrase
“自已” is excepted inside “不能自已”. ``"A…B"`` excepts ``A`` when ``B`` follows later in the same
sentence (“既使…又” for 既使企业受益，又使群众得利).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")

#: Where an ``A…B`` exception stops looking for ``B``.
SENTENCE_END = frozenset("。！？；!?;\n")
ELLIPSIS = "…"
_REACH = 80  # characters an "A…B" exception looks ahead at most


@dataclass(frozen=True)
class Hit(Generic[V]):
    start: int
    end: int
    phrase: str
    value: V


@dataclass(frozen=True)
class _Exception:
    head: str  # the text around the phrase that makes it correct
    offsets: tuple[int, ...]  # where the phrase sits inside ``head``
    tail: str  # "" or a text that must follow later in the sentence


def compile_exceptions(phrase: str, contexts: Iterable[str]) -> tuple[_Exception, ...]:
    """Exceptions of ``phrase``; a context that does not contain it raises ValueError."""
    out = []
    for ctx in contexts:
        head, _, tail = ctx.partition(ELLIPSIS)
        offsets = tuple(i for i in range(len(head)) if head.startswith(phrase, i))
        if not offsets:
            raise ValueError(f"exception {ctx!r} does not contain {phrase!r}")
        out.append(_Exception(head, offsets, tail))
    return tuple(out)


def excepted(text: str, start: int, end: int, exceptions: Sequence[_Exception]) -> bool:
    """Whether the hit ``text[start:end]`` lies inside one of its exception contexts."""
    for exc in exceptions:
        for off in exc.offsets:
            s = start - off
            if s < 0 or not text.startswith(exc.head, s):
                continue
            if not exc.tail:
                return True
            stop = s + len(exc.head)
            limit = min(len(text), stop + _REACH)
            j = stop
            while j < limit and text[j] not in SENTENCE_END:
                j += 1
            if text.find(exc.tail, stop, j) != -1:
                return True
    return False


class PhraseMatcher(Generic[V]):
    """Leftmost-longest, non-overlapping hits of many literal phrases in one scan."""

    def __init__(
        self,
        phrases: Mapping[str, V],
        exceptions: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self._auto: ahocorasick.Automaton | None = None
        self._exc: dict[str, tuple[_Exception, ...]] = {}
        if not phrases:
            return
        auto = ahocorasick.Automaton()
        for phrase, value in phrases.items():
            if not phrase:
                raise ValueError("empty phrase")
            auto.add_word(phrase, (phrase, value))
        auto.make_automaton()
        self._auto = auto
        for phrase, contexts in (exceptions or {}).items():
            if phrase in phrases:
                self._exc[phrase] = compile_exceptions(phrase, contexts)

    def __bool__(self) -> bool:
        return self._auto is not None

    def finditer(self, text: str) -> Iterator[Hit[V]]:
        if self._auto is None:
            return
        # All hits (the automaton's plain scan is the fastest), then leftmost-longest in Python:
        # hits are rare, so resolving overlaps costs nothing.
        found = sorted(
            (last + 1 - len(phrase), -len(phrase), phrase, value)
            for last, (phrase, value) in self._auto.iter(text)
        )
        taken = 0
        for start, neg, phrase, value in found:
            end = start - neg
            if start < taken:
                continue
            exc = self._exc.get(phrase)
            if exc and excepted(text, start, end, exc):
                continue
            taken = end
            yield Hit(start, end, phrase, value)
