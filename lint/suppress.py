"""Inline suppression comments, the same in .txt and .md files.

    <!-- wenlint-disable-next-line W201 -->      the next non-blank line
    <!-- wenlint-disable W201 doubled-word -->   from here ...
    <!-- wenlint-enable W201 -->                 ... to here (or to the end of the file)

Without codes a comment applies to every rule. Codes, prefixes and names are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wenlint.document import Document, Span
from wenlint.record import Record

_TOKEN_RE = re.compile(r"[^\s,]+")
COMMENT_RE = re.compile(r"<!--\s*wenlint-(disable-next-line|disable|enable)\b([^>]*?)-->")


class Suppressions(Record):
    __slots__ = ("comments", "ranges", "unknown")
    _fields = ("ranges", "unknown", "comments")
    ranges: list[tuple[int, int, frozenset[str] | None]]  # (start, end, codes or None for all)
    unknown: list[tuple[Span, str]]
    comments: list[Span]

    def __init__(
        self,
        ranges: list[tuple[int, int, frozenset[str] | None]] | None = None,
        unknown: list[tuple[Span, str]] | None = None,
        comments: list[Span] | None = None,
    ) -> None:
        self.ranges = [] if ranges is None else ranges
        self.unknown = [] if unknown is None else unknown
        self.comments = [] if comments is None else comments

    def suppressed(self, code: str, offset: int) -> bool:
        for start, end, codes in self.ranges:
            if start <= offset < end and (codes is None or code in codes):
                return True
        return False


def parse_suppressions(doc: Document, resolve: Callable[[str], list[str]]) -> Suppressions:
    sup = Suppressions()
    text = doc.text
    if "wenlint-" not in text:
        return sup
    open_ranges: dict[str | None, int] = {}
    code = doc.code_spans
    for m in COMMENT_RE.finditer(text):
        if code and any(a <= m.start() < b for a, b in code):
            continue  # an example in a code block or inline code, not a comment
        kind = m.group(1)
        sup.comments.append(Span(m.start(), m.end()))
        tokens = list(_TOKEN_RE.finditer(m.group(2)))
        codes: set[str] = set()
        for t in tokens:
            try:
                codes.update(resolve(t.group()))
            except KeyError:  # reported at the token itself
                at = m.start(2) + t.start()
                sup.unknown.append((Span(at, at + len(t.group())), t.group()))
        if tokens and not codes:
            continue
        key = frozenset(codes) if codes else None
        if kind == "disable-next-line":
            start, end = _next_line(doc, m.end())
            sup.ranges.append((start, end, key))
        elif kind == "disable":
            for c in sorted(codes) if codes else [None]:
                open_ranges.setdefault(c, m.end())
        else:  # enable
            for c in sorted(codes) if codes else list(open_ranges):
                if c in open_ranges:
                    begin = open_ranges.pop(c)
                    sup.ranges.append((begin, m.start(), frozenset([c]) if c else None))
    for c, start in open_ranges.items():
        sup.ranges.append((start, len(text), frozenset([c]) if c else None))
    return sup


def _next_line(doc: Document, offset: int) -> tuple[int, int]:
    lines = doc.lines
    line, _ = lines.line_col(offset)
    for ln in range(line + 1, lines.line_count + 1):
        span = lines.line_span(ln)
        if doc.text[span.start : span.end].strip():
            return span.start, span.end
    return offset, offset
