"""``--diff``: a file's fixes as a unified diff that ``git apply`` and ``patch`` apply as they are.

The diff is made of the file's bytes, not of its text: each side is encoded back as the fix would
write it (``wenlint.io.encode``: the file's encoding and BOM), so a GBK file's patch holds GBK bytes
and applies to the file on disk (shown on a UTF-8 terminal it looks garbled: a patch carries the
bytes it changes). Lines are split after each LF byte only: CRLF lines keep their CR, a file of
CR-only newlines is one line, and a form feed, U+2028, U+0085 or a lone CR inside a line stays
inside it (``str.splitlines`` broke lines on them, so the patch did not match the file). A last
line without a newline is followed by ``\\ No newline at end of file``, as diff and git write it.

File names in the ``---``/``+++`` headers are quoted the way git quotes them (and ``patch``
reads them) when they hold a space, a quote, a backslash, a control character or bytes that are
not UTF-8: ``"a/x\\ty.txt"``, each such byte as an octal escape; undecodable names keep their real
bytes that way. UTF-16 and UTF-32 files have NUL bytes in every line, which neither tool patches:
``DiffError`` says so.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator

from wenlint.document import SourceInfo
from wenlint.io import encode

NO_NEWLINE = b"\\ No newline at end of file\n"
_PLAIN = frozenset(range(0x21, 0x7F)) - {ord('"'), ord("\\")}
_ESCAPES = {ord('"'): b'\\"', ord("\\"): b"\\\\", 7: b"\\a", 8: b"\\b", 9: b"\\t", 10: b"\\n",
            11: b"\\v", 12: b"\\f", 13: b"\\r"}  # fmt: skip


class DiffError(Exception):
    """A file whose fixes cannot be shown as a patch."""


def file_diff(name: str, before: str, after: str, source: SourceInfo | None = None) -> bytes:
    """The unified diff turning ``before`` into ``after`` as the file stores them; ``name`` is
    the file's name (a ``str`` from ``os.fsdecode``: undecodable bytes as surrogates)."""
    source = source or SourceInfo()
    if source.encoding.startswith(("utf-16", "utf-32")):
        raise DiffError(
            f"{name}: --diff cannot show fixes to a {source.encoding.upper()} file as a patch "
            "(git apply and patch need lines of bytes); use --fix"
        )
    try:
        a, b = encode(before, source), encode(after, source)
    except UnicodeEncodeError:
        raise DiffError(
            f"{name}: the fixed text cannot be stored as {source.encoding}; no diff"
        ) from None
    return bytes_diff(os.fsencode(name), a, b)


def bytes_diff(name: bytes, before: bytes, after: bytes) -> bytes:
    """The unified diff of two versions of the file ``name`` (``a/`` and ``b/`` prefixed)."""
    if before == after:
        return b""
    out = difflib.diff_bytes(
        difflib.unified_diff,
        _lines(before),
        _lines(after),
        fromfile=quote_name(b"a/" + name),
        tofile=quote_name(b"b/" + name),
    )
    return b"".join(_marked(out))


def _lines(data: bytes) -> list[bytes]:
    """``data`` cut after each LF byte (each line keeps its LF; the last may have none)."""
    lines = data.split(b"\n")
    last = lines.pop()
    out = [line + b"\n" for line in lines]
    if last:
        out.append(last)
    return out


def _marked(out: Iterator[bytes]) -> Iterator[bytes]:
    """difflib's lines, with the marker after a content line that has no newline (difflib puts
    the next line straight after it)."""
    for i, line in enumerate(out):
        if i >= 2 and not line.endswith(b"\n") and line[:1] in (b" ", b"-", b"+"):
            yield line + b"\n" + NO_NEWLINE
        else:
            yield line


def quote_name(name: bytes) -> bytes:
    """``name`` as git writes it in a diff header: as it is when plain, else in double quotes
    with C escapes (octal for bytes that are not printable ASCII or valid UTF-8)."""
    text = name.decode("utf-8", "surrogateescape")
    if all(c in _PLAIN for c in name) or (
        not any(0xDC80 <= ord(ch) <= 0xDCFF for ch in text)
        and all(c >= 0x80 or c in _PLAIN for c in name)
    ):
        return name
    out = bytearray(b'"')
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte
            out += b"\\%03o" % (code - 0xDC00)
        elif code >= 0x80:
            out += ch.encode("utf-8")
        elif code in _PLAIN or code == 0x20:
            out.append(code)
        else:
            out += _ESCAPES.get(code, b"\\%03o" % code)
    out += b'"'
    return bytes(out)
