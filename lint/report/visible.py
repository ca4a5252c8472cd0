"""Document text and file names as a reader may see them: never as commands to a terminal.

A document or a file name can hold anything: ESC/CSI/OSC sequences (clear the screen, write the
clipboard), other C0 and C1 controls, bidirectional overrides that reorder what is shown, line
breaks that start a line of their own (a forged ``::error::`` in a CI log), bytes that are not
UTF-8 (a name read with ``surrogateescape``). Everything wenlint prints for a person shows such
characters as visible stand-ins:

- C0 controls as their Control Pictures (ESC → ``␛``, LF → ``␊``, CR → ``␍``; tab is kept), DEL
  as ``␡``;
- C1 controls, bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and the line and
  paragraph separators U+2028/U+2029 as ``\\x9b`` / ``\\u202e``;
- a byte that was not UTF-8 (surrogate escape U+DC80–U+DCFF) as ``\\xff``, any other lone surrogate
  as ``\\udxxx``: so every string printed is valid Unicode, and encodes under a strict UTF-8
  stdout.
"""

from __future__ import annotations

import re

_TAB = "\t"
# What is never printed as it is (tab and, in ``excerpt``, nothing else is let through).
_HIDDEN = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)


def _stand_in(c: str) -> str:
    o = ord(c)
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    if o <= 0x9F:
        return f"\\x{o:02x}"
    if 0xDC80 <= o <= 0xDCFF:
        return f"\\x{o - 0xDC00:02x}"
    return f"\\u{o:04x}"


def _sub(m: re.Match[str]) -> str:
    return _stand_in(m.group())


def visible(s: str) -> str:
    """``s`` with every control, bidi control, separator and lone surrogate shown visibly."""
    if _HIDDEN.search(s) is None:
        return s
    return _HIDDEN.sub(_sub, s)


def has_hidden(s: str) -> bool:
    return _HIDDEN.search(s) is not None


def visible_at(s: str, *offsets: int) -> tuple[str, list[int]]:
    """``visible(s)`` and where each of ``offsets`` (into ``s``) is in it."""
    if _HIDDEN.search(s) is None:
        return s, list(offsets)
    out = visible(s)
    return out, [len(visible(s[:k])) for k in offsets]


def name(path: str) -> str:
    """A file name to print at the start of a line: visible, and never starting with ``::``
    (a GitHub workflow command): ``./`` is put before such a relative name."""
    shown = visible(path)
    return "./" + shown if shown.startswith("::") else shown


_SURROGATE = re.compile("[\ud800-\udfff]")


def unicode_name(path: str) -> str:
    """A file name read with ``surrogateescape`` made valid Unicode: each byte that was not
    UTF-8 as ``\\xff``; everything else as it is (machine-readable formats escape the rest)."""
    if _SURROGATE.search(path) is None:
        return path
    return _SURROGATE.sub(_sub, path)


def _json_sub(m: re.Match[str]) -> str:
    return "\\" + _stand_in(m.group())  # a backslash in a JSON string is written twice


def json_safe(dumped: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with each lone surrogate, which would
    make it invalid UTF-8, written as the visible ``\\xff`` / ``\\udxxx`` text instead."""
    if _SURROGATE.search(dumped) is None:
        return dumped
    return _SURROGATE.sub(_json_sub, dumped)
