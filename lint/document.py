"""The document model: source text, its line index, and its blocks (paragraphs) with exact spans.

Offsets are code points into ``Document.text``. Rules read ``Document.view``, a same-length copy of
the text in which markup that is not prose (Markdown code, URLs, HTML, front matter) is replaced by
``MASK``; so a position found in the view is a position in the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any

from lint.text.chars import WHITESPACE

if TYPE_CHECKING:
    import regex


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code-point offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class SourceInfo:
    """How the file was stored, so a fix can write it back the same way."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"


class LineIndex:
    """Offsets of line starts (LF, CRLF and CR each end a line); offsets to 1-based line/column."""

    def __init__(self, text: str) -> None:
        self._len = len(text)
        self._text = text
        if "\r" not in text:
            # LF only (the usual case): each line starts one past the end of the one before, summed
            # in C (a Python loop per line was a tenth of reading a file)
            lens = map(len, text.split("\n"))
            self.starts = list(accumulate(map(add, lens, repeat(1)), initial=0))
            self.starts.pop()  # the start after the last line
            return
        starts = [0]
        i, n = 0, len(text)
        find_r, find_n = text.find, text.find
        # Scan for the next line break of either kind; CRLF counts once.
        next_r, next_n = find_r("\r"), find_n("\n")
        while True:
            if next_r == -1 and next_n == -1:
                break
            if next_n == -1 or (next_r != -1 and next_r < next_n):
                i = next_r + 1
                if i < n and text[i] == "\n":
                    i += 1
                    next_n = find_n("\n", i)
                next_r = find_r("\r", i)
            else:
                i = next_n + 1
                next_n = find_n("\n", i)
            starts.append(i)
        self.starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of ``start`` and of ``end`` (1-based), for a span."""
        starts = self.starts
        la = bisect.bisect_right(starts, start) - 1
        nxt = la + 1  # most spans end on the line they start on: one bisection, not two
        lb = la if nxt == len(starts) or end < starts[nxt] else bisect.bisect_right(starts, end) - 1
        return la + 1, start - starts[la] + 1, lb + 1, end - starts[lb] + 1

    def line_span(self, line: int) -> Span:
        """The span of 1-based ``line`` without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else self._len
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    @property
    def line_count(self) -> int:
        return len(self.starts)


@dataclass
class Block:
    """A paragraph-like unit: a line of a text file, or a Markdown paragraph, heading or list item.

    ``text`` is the block's slice of the prose view, stripped of surrounding whitespace;
    ``start`` is its offset in the document. Rules turn positions inside ``text`` into document
    spans with ``span()``, never by adding offsets by hand.
    """

    index: int
    start: int
    text: str
    kind: str = "paragraph"  # paragraph | heading | list_item | table_cell
    blank_before: bool = True  # separated from the previous block by a blank line (or first)
    blank_after: bool = True
    level: int = 0  # Markdown heading level or list depth; 0 for plain text
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def whole(self) -> Span:
        return Span(self.start, self.end)

    def span(
        self, start: int | re.Match[str] | regex.Match[str], end: int | None = None, group: int = 0
    ) -> Span:
        """Document span of ``text[start:end]``, or of a match (group) found in ``text``."""
        if not isinstance(start, int):
            s, e = start.span(group)
            return Span(self.start + s, self.start + e)
        return Span(self.start + start, self.start + (end if end is not None else start))


class Document:
    """One linted file. ``blocks`` is built on first use and shared by every rule."""

    def __init__(
        self,
        path: str,
        text: str,
        *,
        source: SourceInfo | None = None,
        markdown: bool = False,
        lines: LineIndex | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.source = source or SourceInfo()
        self.markdown = markdown
        if lines is not None:  # already built for this text (by a worker process)
            self.__dict__["lines"] = lines

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def _prose(self) -> tuple[str, list[Block]]:
        if self.markdown:
            from lint.markup import markdown_prose

            return markdown_prose(self.text)
        from lint.markup import plain_prose

        return plain_prose(self.text)

    @property
    def view(self) -> str:
        return self._prose[0]

    @property
    def blocks(self) -> list[Block]:
        return self._prose[1]

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.lines.line_col(offset)


_PARA = "paragraph"


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text file: each non-blank line is a paragraph (the convention of Chinese
    text files, where a line break ends a paragraph and lines are not hard-wrapped)."""
    if "\r" in text:
        return _text_blocks_any_newline(text)
    # LF only (the usual case): str.split finds the lines in C
    blocks: list[Block] = []
    blank_before = True
    pos = 0
    for line in text.split("\n"):
        n = len(line)
        stripped = line.strip(WHITESPACE) if n else ""
        if stripped:
            if blocks and not blank_before:
                blocks[-1].blank_after = False
            lead = 0 if line[0] == stripped[0] else n - len(line.lstrip(WHITESPACE))
            # positional, meta given: a quarter cheaper than keywords and the default factory
            blocks.append(
                Block(len(blocks), pos + lead, stripped, _PARA, blank_before, True, 0, {})
            )
            blank_before = False
        else:
            blank_before = True
        pos += n + 1
    return blocks


def _text_blocks_any_newline(text: str) -> list[Block]:
    blocks: list[Block] = []
    blank_before = True
    prev_end = 0
    for m in _LINE.finditer(text):
        gap = text[prev_end : m.start()]
        if prev_end and gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1:
            blank_before = True
        prev_end = m.end()
        line = m.group()
        stripped = line.strip(WHITESPACE)
        if not stripped:
            blank_before = True
            continue
        lead = len(line) - len(line.lstrip(WHITESPACE))
        if blocks and not blank_before:
            blocks[-1].blank_after = False
        blocks.append(Block(len(blocks), m.start() + lead, stripped, blank_before=blank_before))
        blank_before = False
    return blocks


_LINE = re.compile(r"[^\r\n]+")
