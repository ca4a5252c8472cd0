"""An open document as the language server holds it: its text, its version, and the conversion
between wenlint's offsets (code points) and LSP positions (line and character in the code units of
the negotiated encoding: UTF-16 by default, UTF-8 or UTF-32 when the client offers them).

Lines end as LSP and wenlint's ``LineIndex`` say: LF, CRLF or CR (not the other characters
``str.splitlines`` would split at, such as U+2028 or a form feed). Nothing here needs pygls.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from wenlint.document import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(s: str, encoding: str) -> int:
    """The length of ``s`` in code units of ``encoding``."""
    if encoding == UTF32 or s.isascii():
        return len(s)
    if encoding == UTF16:
        return len(s) + sum(1 for c in s if c > "\uffff")
    return len(s.encode("utf-8", "surrogatepass"))


def chars_for_units(s: str, count: int, encoding: str) -> int:
    """How many code points of ``s`` its first ``count`` code units hold; a position inside a
    character (half of a surrogate pair, a byte inside UTF-8) counts as before it."""
    if count <= 0:
        return 0
    if encoding == UTF32 or s.isascii():
        return min(count, len(s))
    used = 0
    for i, c in enumerate(s):
        w = (2 if c > "\uffff" else 1) if encoding == UTF16 else _utf8_width(c)
        if used + w > count:
            return i
        used += w
    return len(s)


def _utf8_width(c: str) -> int:
    o = ord(c)
    return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4


@dataclass(frozen=True)
class Change:
    """One content change of ``didChange``: a range (LSP positions) and its new text, or the
    whole text when ``range`` is None."""

    text: str
    range: tuple[int, int, int, int] | None = None  # start line, character, end line, character


class OpenText:
    """The text of one open document and its version."""

    def __init__(self, text: str, version: int | None = None) -> None:
        self.version = version
        self._set(text)

    def _set(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        # every character is in the BMP (almost every Chinese document): UTF-16 columns are
        # code point columns, no line needs to be measured
        self.bmp = text.isascii() or max(text) <= "\uffff"

    # -- positions -------------------------------------------------------------------------------
    def offset_at(self, line: int, character: int, encoding: str) -> int:
        """The offset of an LSP position (0-based line, character in code units); a position
        past the end of a line is its end (before the line break), past the last line the end."""
        starts = self.lines.starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        begin = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        content = self.text[begin:end].rstrip("\r\n")
        if encoding == UTF32 or (encoding == UTF16 and self.bmp):
            return begin + min(max(character, 0), len(content))
        return begin + chars_for_units(content, character, encoding)

    def position_at(self, offset: int, encoding: str) -> tuple[int, int]:
        """The LSP position (0-based line, character in code units) of an offset."""
        offset = min(max(offset, 0), len(self.text))
        starts = self.lines.starts
        line = bisect.bisect_right(starts, offset) - 1
        begin = starts[line]
        if encoding == UTF32 or (encoding == UTF16 and self.bmp):
            return line, offset - begin
        return line, units(self.text[begin:offset], encoding)

    def range_at(self, start: int, end: int, encoding: str) -> tuple[int, int, int, int]:
        return (*self.position_at(start, encoding), *self.position_at(end, encoding))

    # -- changes ---------------------------------------------------------------------------------
    def apply(self, changes: Iterable[Change], version: int | None, encoding: str) -> None:
        """Apply ``didChange`` content changes in order (each against the text the one before
        left), then take the new version."""
        for ch in changes:
            if ch.range is None:
                self._set(ch.text)
                continue
            sl, sc, el, ec = ch.range
            a = self.offset_at(sl, sc, encoding)
            b = max(a, self.offset_at(el, ec, encoding))
            self._set(self.text[:a] + ch.text + self.text[b:])
        self.version = version


def minimal_edit(before: str, after: str) -> tuple[int, int, str]:
    """One replacement that turns ``before`` into ``after``: ``before[start:end]`` becomes the
    returned text (the common prefix and suffix are kept)."""
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    return p, len(before) - s, after[p : len(after) - s]
