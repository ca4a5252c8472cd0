"""Reading files the way Chinese offices store them, and writing them back the same way.

Decoding order: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); else strict UTF-8; else GB18030 (a
superset of GBK and GB2312). NUL bytes without a UTF-16/32 BOM mean binary. Newlines are kept as
they are in the text, so line numbers stay right and a fix writes them back unchanged.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lint.document import SourceInfo

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file that cannot be linted: the message is one line for the user."""


@dataclass(frozen=True)
class Decoded:
    text: str
    source: SourceInfo
    raw: bytes


def decode(raw: bytes, name: str) -> Decoded:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: not valid {enc} after its byte-order mark (byte {exc.start}); "
                    "re-save it as UTF-8"
                ) from None
            return Decoded(text, SourceInfo(enc, True, detect_newline(text)), raw)
    if b"\x00" in raw:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return Decoded(text, SourceInfo(enc, False, detect_newline(text)), raw)
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030, skipped; re-save it as UTF-8")


def detect_newline(text: str) -> str:
    i = text.find("\n")
    j = text.find("\r")
    if j != -1 and (i == -1 or j < i):
        return "\r\n" if text[j : j + 2] == "\r\n" else "\r"
    return "\n"


def read_file(path: Path) -> Decoded:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(raw, str(path))


def encode(text: str, source: SourceInfo) -> bytes:
    data = text.encode(source.encoding)
    if source.bom:
        bom = {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[source.encoding]
        data = bom + data
    return data


def write_atomic(path: Path, text: str, source: SourceInfo, original: bytes) -> None:
    """Write ``text`` back in the file's encoding, via a temporary file and a rename.

    Refuses when the file changed since it was read (``original`` is what was read) and when the
    text cannot be encoded in the file's encoding.
    """
    try:
        data = encode(text, source)
    except UnicodeEncodeError:
        raise InputError(
            f"{path}: the fixed text cannot be stored as {source.encoding}; not written"
        ) from None
    try:
        if path.read_bytes() != original:
            raise InputError(f"{path}: changed on disk since it was read; not written, run again")
        st = path.stat()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".wenlint", dir=path.parent)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); left unchanged") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, st.st_mode & 0o7777)
        if not os.access(path, os.W_OK):
            raise PermissionError(13, "file is read-only")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); left unchanged") from None
