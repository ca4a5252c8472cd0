"""Literal phrase lists matched in one pass: an Aho–Corasick automaton over every phrase, with
exception contexts.

The automaton is ahocorasick-rs (Rust; a DFA scans Chinese text at tens of millions of characters
per second, some fifteen times faster than pyahocorasick, whose trie searches a node's children
one by one), imported on first use so that loading a rule module stays cheap. It scans the text
encoded in a fixed width, UTF-16 (two bytes a character) or, when the text has characters
outside the BMP, UTF-32, so that a byte offset divided by the width is a character offset and
lone surrogates cannot fail an encoding; a hit at an offset that is not a multiple of the width
is a coincidence of bytes and is dropped. A matcher's first couple of thousand characters are
looked up substring by substring in a dict instead: a one-line check builds no automaton.

Used by word-list rules (W202 misspelling) and by literal declarative house-style rules;
``LongestLiterals`` finds a few words without exceptions (W203's titles). There are
no implicit word boundaries (Han text has no spaces); a rule that needs boundaries checks its hits.

An *exception* of a phrase is a longer text that contains it and is correct as a whole: the phrase
“自已” is excepted inside “不能自已”. ``"A…B"`` excepts ``A`` when ``B`` follows later in the same
sentence (“既使…又” for 既使企业受益，又使群众得利).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from wenlint.record import Frozen

if TYPE_CHECKING:
    import ahocorasick_rs

    from wenlint.document import Document

V = TypeVar("V")

#: Where an ``A…B`` exception stops looking for ``B``.
SENTENCE_END = frozenset("。！？；!?;\n")
ELLIPSIS = "…"
_REACH = 80  # characters an "A…B" exception looks ahead at most
#: A matcher starts with the library's own choice of automaton (an NFA for the W202 dictionary:
#: built in 3 ms) and, once it has scanned this many characters, builds a DFA (12 ms, but it scans
#: twice as fast), so that linting one short file does not pay for a DFA it hardly uses.
_DFA_AFTER = 1_000_000
#: No DFA for more phrases than this: its memory grows with the list.
_DFA_MAX = 5000
#: The first characters a matcher scans (a short file, the first few of a run) are not worth an
#: automaton: loading the library takes about a millisecond and building W202's 1.5 ms, while
#: looking up each substring of a phrase's length in a dict costs 0.3 µs a character (W202's three
#: lengths). A text longer than what is left of this goes to the automaton at once.
_LOOKUP_UNTIL = 2000


# Records rather than dataclasses or named tuples: cheaper to define, at every start-up.
class Hit(Frozen, Generic[V]):
    __slots__ = ("end", "phrase", "start", "value")
    _fields = ("start", "end", "phrase", "value")
    start: Final[int]
    end: Final[int]
    phrase: Final[str]
    value: V  # (not Final: mypy refuses a Final of a type variable)

    def __init__(self, start: int, end: int, phrase: str, value: V) -> None:
        self.start = start
        self.end = end
        self.phrase = phrase
        self.value = value


def _substrings(
    text: str, index: Mapping[str, int], lengths: Iterable[int]
) -> list[tuple[int, int, int]]:
    """``(start, -length, i)`` of every occurrence of phrase ``i`` in ``text``, overlapping, in
    order (longest first at one start): what the automaton finds, by dict lookups."""
    get = index.get
    found = []
    for n in lengths:
        found += [
            (s, -n, i) for s in range(len(text) - n + 1) if (i := get(text[s : s + n])) is not None
        ]
    found.sort()
    return found


def utf16(text: str) -> bytes | None:
    """``text`` in UTF-16-LE, two bytes a character (``None`` when it has characters outside the
    BMP)."""
    data = text.encode("utf-16-le", "surrogatepass")
    return data if len(data) == 2 * len(text) else None


def utf16_of(source: str | Document) -> tuple[str, bytes | None]:
    """The text to scan, ``source`` itself or a document's prose view, and its ``utf16``. A
    document's encoding is computed once and kept with it: the W rules scan the same view in
    turn."""
    if isinstance(source, str):
        return source, utf16(source)
    return source.view, source.derived(_view_utf16, _view_utf16)


def _view_utf16(doc: Document) -> bytes | None:
    return utf16(doc.view)


class _Exception(Frozen):
    __slots__ = ("head", "offsets", "tail")
    _fields = ("head", "offsets", "tail")
    head: Final[str]  # the text around the phrase that makes it correct
    offsets: Final[tuple[int, ...]]  # where the phrase sits inside ``head``
    tail: Final[str]  # "" or a text that must follow later in the sentence

    def __init__(self, head: str, offsets: tuple[int, ...], tail: str) -> None:
        self.head = head
        self.offsets = offsets
        self.tail = tail


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
        self._phrases = list(phrases)
        self._values = [phrases[p] for p in self._phrases]
        self._autos: dict[str, ahocorasick_rs.BytesAhoCorasick] = {}  # by encoding, on first use
        self._scanned = 0  # characters scanned so far; -1 once the automata are DFAs
        self._exc: dict[str, tuple[_Exception, ...]] = {}
        self._index = {p: i for i, p in enumerate(self._phrases)}
        self._lengths = {len(p) for p in self._phrases}
        if not all(self._phrases):
            raise ValueError("empty phrase")
        for phrase, contexts in (exceptions or {}).items():
            if phrase in phrases:
                self._exc[phrase] = compile_exceptions(phrase, contexts)

    def _automaton(self, encoding: str, size: int) -> ahocorasick_rs.BytesAhoCorasick:
        import ahocorasick_rs

        dfa = None
        if self._scanned >= 0 and len(self._phrases) <= _DFA_MAX:
            self._scanned += size
            if self._scanned > _DFA_AFTER:
                self._scanned = -1  # from now on, DFAs
                self._autos.clear()
        if self._scanned < 0:
            dfa = ahocorasick_rs.Implementation.DFA
        auto = self._autos.get(encoding)
        if auto is None:
            auto = ahocorasick_rs.BytesAhoCorasick(
                [p.encode(encoding, "surrogatepass") for p in self._phrases], implementation=dfa
            )
            self._autos[encoding] = auto
        return auto

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def _scan(self, source: str | Document) -> list[tuple[int, int, int]]:
        """``_substrings`` by the automaton, over the text's fixed-width bytes."""
        text, data = utf16_of(source)
        if data is not None:
            shift, encoding = 1, "utf-16-le"
        else:
            shift, encoding = 2, "utf-32-le"
            data = text.encode(encoding, "surrogatepass")
        auto = self._autos.get(encoding)
        if auto is None or self._scanned >= 0:
            auto = self._automaton(encoding, len(text))
        hits = auto.find_matches_as_indexes(data, overlapping=True)
        odd = (1 << shift) - 1
        return sorted(
            (start >> shift, (start - end) >> shift, i) for i, start, end in hits if not start & odd
        )

    def finditer(self, source: str | Document) -> Iterator[Hit[V]]:
        """The hits in a text, or in a document's prose view."""
        if not self._phrases:
            return
        # Every occurrence of every phrase (overlapping), then leftmost-longest in Python: hits
        # are rare, so resolving overlaps costs nothing. An excepted hit does not hide a shorter
        # or later phrase overlapping it.
        text = source if isinstance(source, str) else source.view
        if 0 <= self._scanned <= _LOOKUP_UNTIL - len(text):
            self._scanned += len(text)
            found = _substrings(text, self._index, self._lengths)
        else:
            found = self._scan(source)
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


class LongestLiterals:
    """Leftmost-longest, non-overlapping occurrences of a few literal words: what ``re`` finds
    with the words in one alternation, longest first, found by an automaton over the text's
    UTF-16 bytes (several times faster than the alternation). Text with characters outside the
    BMP, or with a hit that starts inside a character, is left to the alternation."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)
        if not self.words or not all(self.words):
            raise ValueError("no words, or an empty word")
        self._index = {w: i for i, w in enumerate(self.words)}
        self._lengths = {len(w) for w in self.words}
        self._scanned = 0  # characters looked up, as PhraseMatcher's first ones
        self._auto: ahocorasick_rs.BytesAhoCorasick | None = None
        self._regex: re.Pattern[str] | None = None

    def spans(self, source: str | Document) -> list[tuple[int, int, int]]:
        """``(start, end, i)`` of every hit of ``words[i]`` in a text, or in a document's prose
        view, by position."""
        text = source if isinstance(source, str) else source.view
        if self._scanned <= _LOOKUP_UNTIL - len(text):
            self._scanned += len(text)
            out: list[tuple[int, int, int]] = []
            taken = 0
            for start, neg, i in _substrings(text, self._index, self._lengths):
                if start >= taken:
                    taken = start - neg
                    out.append((start, taken, i))
            return out
        text, data = utf16_of(source)
        if data is not None:
            if self._auto is None:
                import ahocorasick_rs

                self._auto = ahocorasick_rs.BytesAhoCorasick(
                    [w.encode("utf-16-le", "surrogatepass") for w in self.words],
                    matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                )
            found = self._auto.find_matches_as_indexes(data)
            if not any(start & 1 for _, start, _ in found):
                return [(start >> 1, end >> 1, i) for i, start, end in found]
        if self._regex is None:
            longest = sorted(self.words, key=len, reverse=True)
            self._regex = re.compile("|".join(map(re.escape, longest)))
        index = self._index
        return [(m.start(), m.end(), index[m.group()]) for m in self._regex.finditer(text)]
