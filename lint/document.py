"""The document model: source text, its line index, and its blocks (paragraphs) with exact spans.

Offsets are code points into ``Document.text``. Rules read ``Document.view``, a same-length copy of
the text in which markup that is not prose (Markdown code, URLs, HTML, front matter) is replaced by
``MASK``; so a position found in the view is a position in the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from functools import cached_property
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any, Final, TypeVar

from wenlint.record import Frozen, Record, Sorted
from wenlint.text.chars import WHITESPACE

if TYPE_CHECKING:
    import regex

R = TypeVar("R")


class Span(Sorted):
    """A half-open range ``[start, end)`` of code-point offsets."""

    __slots__ = ("end", "start")
    _fields = ("start", "end")
    start: Final[int]
    end: Final[int]

    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}..{end}")
        self.start = start
        self.end = end

    def __len__(self) -> int:
        return self.end - self.start


def is_docx(path: str) -> bool:
    """Whether the file ``path`` is a Word document, whose lines are its paragraphs."""
    return path[-5:].lower() == ".docx"


class LineNumber(int):
    """A 1-based line number that names its unit when a message asks: ``{line:zh}`` is 第 12 行
    and ``{line:en}`` is line 12, but 第 12 段 and paragraph 12 in a Word document, whose lines
    are its paragraphs; ``{line}`` is the bare number."""

    paragraph: bool

    def __new__(cls, n: int, *, paragraph: bool = False) -> LineNumber:
        self = super().__new__(cls, n)
        self.paragraph = paragraph
        return self

    @classmethod
    def of(cls, path: str, n: int) -> LineNumber:
        """Line ``n`` of the file ``path``."""
        return cls(n, paragraph=is_docx(path))

    def __reduce__(self) -> tuple[Any, ...]:
        return _line_number, (int(self), self.paragraph)

    def __format__(self, spec: str) -> str:
        if spec == "zh":
            return f"第 {int(self)} {'段' if self.paragraph else '行'}"
        if spec == "en":
            return f"{'paragraph' if self.paragraph else 'line'} {int(self)}"
        return int(self).__format__(spec)


def _line_number(n: int, paragraph: bool) -> LineNumber:
    return LineNumber(n, paragraph=paragraph)


class SourceInfo(Frozen):
    """How the file was stored, so a fix can write it back the same way."""

    __slots__ = ("bom", "encoding", "newline")
    _fields = ("encoding", "bom", "newline")
    encoding: Final[str]
    bom: Final[bool]
    newline: Final[str]

    def __init__(self, encoding: str = "utf-8", bom: bool = False, newline: str = "\n") -> None:
        self.encoding = encoding
        self.bom = bom
        self.newline = newline


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
        if nxt == len(starts) or end < starts[nxt]:
            line, first = la + 1, starts[la]  # one line number object for both ends
            return line, start - first + 1, line, end - first + 1
        lb = bisect.bisect_right(starts, end) - 1
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


class Block(Record):
    """A paragraph-like unit: a line of a text file, or a Markdown paragraph, heading or list item.

    ``text`` is the block's slice of the prose view, stripped of surrounding whitespace;
    ``start`` is its offset in the document. Rules turn positions inside ``text`` into document
    spans with ``span()``, never by adding offsets by hand.
    """

    __slots__ = ("blank_after", "blank_before", "index", "kind", "level", "meta", "start", "text")
    _fields = ("index", "start", "text", "kind", "blank_before", "blank_after", "level", "meta")
    index: int
    start: int
    text: str
    kind: str  # paragraph | heading | list_item | table_cell
    blank_before: bool  # separated from the previous block by a blank line (or first)
    blank_after: bool
    level: int  # Markdown heading level or list depth; 0 for plain text
    meta: dict[str, Any]

    def __init__(
        self,
        index: int,
        start: int,
        text: str,
        kind: str = "paragraph",
        blank_before: bool = True,
        blank_after: bool = True,
        level: int = 0,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.index = index
        self.start = start
        self.text = text
        self.kind = kind
        self.blank_before = blank_before
        self.blank_after = blank_after
        self.level = level
        self.meta = {} if meta is None else meta

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
        self._derived: dict[Hashable, Any] = {}
        if lines is not None:  # already built for this text (by a worker process)
            self.__dict__["lines"] = lines

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def _prose(self) -> tuple[str, list[Block], list[tuple[int, int]]]:
        if self.markdown:
            from wenlint.markup import markdown_parse

            return markdown_parse(self.text)
        from wenlint.markup import plain_prose

        view, blocks = plain_prose(self.text)
        return view, blocks, []

    @cached_property
    def view(self) -> str:
        return self._prose[0]

    @cached_property
    def blocks(self) -> list[Block]:
        return self._prose[1]

    @cached_property
    def code_spans(self) -> list[tuple[int, int]]:
        """(start, end) of Markdown code blocks, inline code and math (none in plain text)."""
        return self._prose[2]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.lines.line_col(offset)

    def line_number(self, offset: int) -> LineNumber:
        """The line holding ``offset``, for a message: ``{line:zh}`` names it 第 N 行 (第 N 段 in
        a Word document)."""
        return LineNumber.of(self.path, self.lines.line_col(offset)[0])

    def derived(self, key: Hashable, build: Callable[[Document], R]) -> R:
        """``build(self)``, computed on the first call with ``key`` and kept with the document.

        Data derived from one document (a rule family's scan of the view, a table of its
        blocks) belongs here rather than in a module-level cache: it lives as long as the
        document, and documents can be linted in any order in one process. ``key`` names what
        ``build`` computes (use the function or a tuple with it, so two modules never share one).
        """
        try:
            value: R = self._derived[key]
        except KeyError:
            value = self._derived[key] = build(self)
        return value

    def block_at(self, start: int, end: int | None = None) -> Block | None:
        """The block whose text holds ``[start, end)`` whole (the character at ``start`` when
        ``end`` is None), or None: between blocks, or across two."""
        blocks = self.blocks
        starts = self._block_starts
        i = bisect.bisect_right(starts, start) - 1
        stop = start + 1 if end is None else end
        if i >= 0 and stop <= blocks[i].end:
            return blocks[i]
        return None


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
