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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from lint.document import Block


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
    offsets into the view, in any order)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s < ends[-1]:  # overlaps the previous span: merge them
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    if not starts:
        return []
    n = len(ends)
    out = []
    for b in blocks:
        k = bisect_right(ends, b.start)  # the first span that ends after the block starts
        if k < n and starts[k] < b.start + len(b.text):
            out.append(b)
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


def blocks_matching(view: str, blocks: Sequence[Block], pattern: re.Pattern[str]) -> list[Block]:
    """The blocks that overlap a match of ``pattern`` (which must not match the empty string)."""
    return blocks_touched(blocks, (m.span() for m in pattern.finditer(view)))


#: The characters ``regex``'s ``\s`` matches, for ``re`` character classes that must keep its
#: meaning (``re``'s ``\s`` also matches the control characters U+001C–U+001F).
REGEX_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
