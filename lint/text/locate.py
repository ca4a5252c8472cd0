"""Cheap scanning for rules: prefilters and patterns compiled on first use.

Prefilters find candidates once in the whole prose view, in C, so that a rule visits only the
blocks that hold one. A block's ``text`` is a slice of ``Document.view`` at the same offsets, so a
pattern with no lookaround that matches inside a block also matches the view there; the rule then
runs its own per-block logic, unchanged, on those blocks alone.

``lazy_re`` / ``lazy_regex``: a pattern with a big character class (all Han) takes milliseconds to
compile and ``regex`` milliseconds to import; most runs on small files never reach such a pattern.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from wenlint.document import Block, Document


_START = attrgetter("start")


def lazy_re(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns ``re.compile(pattern, flags)``, compiled on its first call."""

    @cache
    def get() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return get


def lazy_regex(pattern: str, flags: int = 0) -> Callable[[], regex.Pattern[str]]:
    """The same with the ``regex`` module (for ``\\p{Han}`` and its ``\\d`` ``\\s``), which is
    imported only then."""

    @cache
    def get() -> regex.Pattern[str]:
        import regex

        return regex.compile(pattern, flags)

    return get


def blocks_touched(blocks: Sequence[Block], spans: Iterable[tuple[int, int]]) -> list[Block]:
    """The blocks, in their order, that overlap one of ``spans`` (non-empty ``(start, end)``
    offsets into the view, in any order). Each span is placed by bisection on the block starts:
    hits are few, blocks many."""
    out: list[Block] = []
    n, last = len(blocks), -1
    for s, e in sorted(spans):
        i = bisect_right(blocks, s, key=_START) - 1
        if i < 0 or blocks[i].start + len(blocks[i].text) <= s:
            i += 1  # s falls between blocks: the next one is the first that can overlap
        if i <= last:
            i = last + 1  # already taken for an earlier span
        while i < n and blocks[i].start < e:
            out.append(blocks[i])
            last = i
            i += 1
    return out


def blocks_containing(view: str, blocks: Sequence[Block], literals: Iterable[str]) -> list[Block]:
    """The blocks that contain one of ``literals`` (tested only for those the view contains)."""
    present = [s for s in literals if s in view]
    if not present:
        return []
    if len(present) == 1:
        (lit,) = present
        return [b for b in blocks if lit in b.text]
    return [b for b in blocks if any(s in b.text for s in present)]


def literal_spans(view: str, literal: str) -> Iterator[tuple[int, int]]:
    """Where ``literal`` occurs in ``view`` (``str.find`` is faster than any pattern)."""
    n = len(literal)
    i = view.find(literal)
    while i != -1:
        yield i, i + n
        i = view.find(literal, i + n)


def blocks_matching(view: str, blocks: Sequence[Block], *patterns: re.Pattern[str]) -> list[Block]:
    """The blocks that overlap a match of one of ``patterns`` (which must not match the empty
    string)."""
    spans: list[tuple[int, int]] = []
    for p in patterns:
        spans += [m.span() for m in p.finditer(view)]
    return blocks_touched(blocks, spans) if spans else []


#: The characters ``regex``'s ``\s`` matches, for ``re`` character classes that must keep its
#: meaning (``re``'s ``\s`` also matches the control characters U+001C–U+001F).
REGEX_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


# -- characters across the whole view: C scans instead of per-block character classes --------


def positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of the characters ``chars`` in ``text``. ``str.find`` per character beats
    a character class: ``re`` tests a class character by character, ``find`` scans in C."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def ascii_of(doc: Document) -> str:
    """The ASCII characters of the document's prose view, in order (few in Chinese text): one C
    pass per document, kept with it, so that the rules test ASCII marks on a short string."""
    return doc.derived(ascii_of, _ascii_of_view)


def _ascii_of_view(doc: Document) -> str:
    return doc.view.encode("ascii", "ignore").decode("ascii")


def ascii_present(doc: Document, chars: str) -> str:
    """Those of the ASCII ``chars`` that the document's prose view holds."""
    kept = ascii_of(doc)
    return "".join(ch for ch in chars if ch in kept)


def blocks_with(view: str, blocks: Sequence[Block], chars: Iterable[str]) -> list[Block]:
    """The blocks, in order, whose text holds one of the single characters ``chars``: found with
    ``str.find`` in the whole view (C speed) rather than tested block by block."""
    found: set[int] = set()
    for ch in chars:
        i = view.find(ch)
        while i != -1:
            k = bisect_right(blocks, i, key=_START) - 1
            end = blocks[k].start + len(blocks[k].text) if k >= 0 else 0
            if i < end:  # inside block k: go on after it
                found.add(k)
                i = view.find(ch, end)
            else:
                i = view.find(ch, i + 1)
    return [blocks[k] for k in sorted(found)]
