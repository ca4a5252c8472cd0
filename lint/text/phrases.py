"""Literal phrase lists matched in one pass: an Aho–Corasick automaton over every phrase, with
exception contexts.

The automaton is ahocorasick-rs (Rust; a DFA scans Chinese text at tens of millions of characters
per second, some fifteen times faster than pyahocorasick, whose trie searches a node's children
one by one), imported on first use so that loading a rule module stays cheap.

Used by word-list rules (W202 misspelling) and by literal declarative house-style rules. There are
no implicit word boundaries (Han text has no spaces); a rule that needs boundaries checks its hits.

An *exception* of a phrase is a longer text that contains it and is correct as a whole: the phrase
“自已” is excepted inside “不能自已”. ``"A…B"`` excepts ``A`` when ``B`` follows later in the same
sentence (“既使…又” for 既使企业受益，又使群众得利).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    import ahocorasick_rs

V = TypeVar("V")

#: Where an ``A…B`` exception stops looking for ``B``.
SENTENCE_END = frozenset("。！？；!?;\n")
ELLIPSIS = "…"
_REACH = 80  # characters an "A…B" exception looks ahead at most
#: Up to this many phrases the automaton is a DFA (fastest scan; built in milliseconds for the
#: W202 dictionary); a larger list gets the library's own choice, which bounds memory.
_DFA_MAX = 5000


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
        self._auto: ahocorasick_rs.AhoCorasick | None = None
        self._phrases = list(phrases)
        self._values = [phrases[p] for p in self._phrases]
        self._exc: dict[str, tuple[_Exception, ...]] = {}
        if not phrases:
            return
        if not all(self._phrases):
            raise ValueError("empty phrase")
        import ahocorasick_rs

        dfa = ahocorasick_rs.Implementation.DFA if len(phrases) <= _DFA_MAX else None
        self._auto = ahocorasick_rs.AhoCorasick(self._phrases, implementation=dfa)
        for phrase, contexts in (exceptions or {}).items():
            if phrase in phrases:
                self._exc[phrase] = compile_exceptions(phrase, contexts)

    def __bool__(self) -> bool:
        return self._auto is not None

    def finditer(self, text: str) -> Iterator[Hit[V]]:
        if self._auto is None:
            return
        # Every occurrence of every phrase (overlapping; offsets in code points), then
        # leftmost-longest in Python: hits are rare, so resolving overlaps costs nothing. An
        # excepted hit does not hide a shorter or later phrase overlapping it.
        found = sorted(
            (start, start - end, i)
            for i, start, end in self._auto.find_matches_as_indexes(text, overlapping=True)
        )
        phrases, values = self._phrases, self._values
        taken = 0
        for start, neg, i in found:
            if start < taken:
                continue
            end = start - neg
            phrase = phrases[i]
            exc = self._exc.get(phrase)
            if exc and excepted(text, start, end, exc):
                continue
            taken = end
            yield Hit(start, end, phrase, values[i])
