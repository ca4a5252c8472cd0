"""Reading files the way Chinese offices store them, and writing them back the same way.

Decoding order:

1. A byte-order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
2. NUL bytes without a BOM: UTF-16 without a BOM when one byte order decodes strictly to text
   without control, unassigned or private-use characters (the wrong order, or binary data, is
   full of them); otherwise the file is binary and skipped.
3. Strict UTF-8. UTF-8 is tried before GB18030 because the reverse mistake is the common one:
   UTF-8 Chinese (three bytes a character) very often also decodes as GB18030 into nonsense
   ("中文" → "涓枃"), while real GBK text is almost never valid UTF-8 (GBK lead bytes 0x81–0xFE
   followed by 0x40–0xFE rarely form UTF-8 sequences for more than a few characters in a row).
4. Text that is mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not GBK: it is reported
   with the line of the first bad byte and skipped, rather than decoded into GB18030 nonsense.
5. GB18030 (a superset of GBK and GB2312, the default of Chinese editions of Windows), but only
   when the result is plausibly Chinese: Big5 or Shift_JIS bytes also decode as GB18030, into
   private-use characters, kana and Han characters in neither GB 2312 nor Big5's common
   characters (a Big5 "，" becomes "ㄛ", "今天" becomes "さぱ"). When more than one in twenty
   characters are of that kind, the file is refused with "cannot tell the encoding" (naming
   the legacy encoding it decodes in, when one does) and nothing is written: ``--encoding``
   (or the config's ``encoding``) then says what it is. Traditional characters are not
   suspect (GBK has them), nor are Greek, Cyrillic or box drawing (formulas, drawn tables).
   Known limit: EUC-KR and EUC-JP kanji share GB 2312's byte layout and decode into common
   characters; only their kana give EUC-JP away.

With an explicit encoding the bytes are decoded strictly in it (a BOM of that encoding is kept),
and a byte that does not decode is an error naming its line.

Whatever decodes, text with many control characters is binary. A decoded file is never altered:
newlines stay as they are in the text (LF, CRLF, CR, even mixed), so line numbers hold and a fix
writes them back unchanged, in the same encoding and with the same BOM.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import os
import re
import stat
from pathlib import Path
from typing import Final

from wenlint.document import SourceInfo
from wenlint.record import Frozen

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file that cannot be linted: the message is one line for the user."""


class Decoded(Frozen):
    __slots__ = ("raw", "source", "text")
    _fields = ("text", "source", "raw")
    text: Final[str]
    source: Final[SourceInfo]
    raw: Final[bytes]

    def __init__(self, text: str, source: SourceInfo, raw: bytes) -> None:
        self.text = text
        self.source = source
        self.raw = raw


def decode(raw: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes (see the module docstring), or raise ``InputError``. With
    ``encoding`` (a name ``check_encoding`` accepted), in that encoding only."""
    if encoding is not None:
        return _decode_as(raw, name, encoding)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: not valid {enc} after its byte-order mark (byte {exc.start}), "
                    "skipped; re-save it as UTF-8"
                ) from None
            info = SourceInfo(enc, True, detect_newline(text))
            return _checked(text, info, raw, name, utf8=enc == "utf-8")
    if b"\x00" in raw:
        text16 = _utf16_without_bom(raw)
        if text16 is None:
            raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
        enc, text = text16
        return _checked(text, SourceInfo(enc, False, detect_newline(text)), raw, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(raw):
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(
                f"{name}:{line}: invalid UTF-8 (byte 0x{raw[exc.start]:02x} at byte {col} of "
                "the line) in a file that is otherwise UTF-8, skipped; repair or re-save it"
            ) from None
    else:
        return _checked(
            text, SourceInfo("utf-8", False, detect_newline(text)), raw, name, utf8=True
        )
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode as UTF-8 or GB18030, skipped; re-save it as UTF-8"
            + _or_encoding(raw)
        ) from None
    odd, total = _implausible(text)
    if odd * 20 > total and odd >= 2:
        raise InputError(
            f"{name}: cannot tell the encoding ({odd} of {total} characters are unlikely in "
            f"GB18030 text), skipped, nothing written{_or_encoding(raw, 'use')}"
        )
    return _checked(text, SourceInfo("gb18030", False, detect_newline(text)), raw, name)


_LEGACY = ("big5", "shift_jis", "euc_kr")


def _or_encoding(raw: bytes, verb: str = "or use") -> str:
    """The hint at ``--encoding``, naming a legacy encoding the bytes decode in cleanly."""
    for enc in _LEGACY:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if not any(_unlikely(ch) for ch in text if ch > "\x7f"):
            return f"; {verb} --encoding {enc} if it is {enc}"
    return f"; {verb} --encoding NAME"


def _implausible(text: str) -> tuple[int, int]:
    """(unlikely characters, non-ASCII characters) of a GB18030 reading (module docstring)."""
    total = len(text) - len(text.encode("ascii", "ignore"))
    foreign = [ch for ch in set(text) if ch > "\x7f" and _foreign(ch)]
    if not foreign:
        return 0, total
    kept = text.translate(dict.fromkeys(map(ord, foreign)))
    return len(text) - len(kept), total


@functools.cache
def _foreign(ch: str) -> bool:
    """A character a GB18030 reading of Big5 or Shift_JIS bytes is full of and Chinese text
    almost never has: private use (GBK's user-defined rows, where Big5's commonest characters
    land), kana (Big5 rows A4-A5; EUC-JP's own kana) and Han characters in neither GB 2312 nor
    Big5's common characters (its level 1, A440-C67E; Shift_JIS kana and kanji land there).
    Greek, Cyrillic, bopomofo and box drawing are not counted: Big5 gives them too, but a real
    GBK file has them in formulas and drawn tables."""
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0xE000 <= o <= 0xF8FF or _unlikely(ch):
        return True
    if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"):
        return False  # other punctuation and symbols: both readings have them
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        pass
    try:
        return ch.encode("big5") > b"\xc6\x7e"  # not among Big5's 5,401 common characters
    except UnicodeEncodeError:
        return True


def check_encoding(name: str) -> str:
    """The codec's own name for a text encoding named by the user; ValueError when none."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def _decode_as(raw: bytes, name: str, encoding: str) -> Decoded:
    enc = check_encoding(encoding)
    bom = False
    if enc in ("utf-16", "utf-32"):  # the byte order from the BOM, little-endian without one
        for mark, full in _BOMS:
            if full.startswith(enc) and raw.startswith(mark):
                enc, bom, raw_text = full, True, raw[len(mark) :]
                break
        else:
            enc, raw_text = f"{enc}-le", raw
    elif enc in ("utf-8", "utf-8-sig"):
        bom = raw.startswith(codecs.BOM_UTF8)
        enc, raw_text = "utf-8", raw[3:] if bom else raw
    else:
        raw_text = raw
    try:
        text = raw_text.decode(enc)
    except UnicodeDecodeError as exc:
        at = exc.start + len(raw) - len(raw_text)
        line = raw.count(b"\n", 0, at) + 1
        raise InputError(
            f"{name}:{line}: not valid {encoding} (byte 0x{raw[at]:02x}), skipped; check --encoding"
        ) from None
    return _checked(text, SourceInfo(enc, bom, detect_newline(text)), raw, name)


# C0 and C1 control characters other than tab, line feed, vertical tab, form feed, carriage
# return and escape (an ANSI colour code in a log is text, a run of controls is not).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_ASCII = re.compile("[\t\n\r -~]")
_ASCII_BYTES = bytes(range(128))


# The same characters in UTF-8: a C0 control or DEL is its own byte (never part of a longer
# sequence), a C1 control is C2 80-9F.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def _checked(
    text: str, source: SourceInfo, raw: bytes, name: str, *, utf8: bool = False
) -> Decoded:
    # UTF-8 is checked in its bytes (a loop in C; the regex over the text was 1/3 of a file's read)
    if (
        utf8
        and len(raw.translate(None, _CONTROL_BYTES)) == len(raw)
        and (b"\xc2" not in raw or _C1_UTF8.search(raw) is None)
    ):
        return Decoded(text, source, raw)
    if _CONTROL.search(text) is not None:
        controls = len(_CONTROL.findall(text))
        if "\x00" in text or controls * 100 > len(text):
            raise InputError(f"{name}: binary file ({controls} control characters), skipped")
    return Decoded(text, source, raw)


def _mostly_utf8(raw: bytes) -> bool:
    """Four in five non-ASCII bytes form valid UTF-8: damaged UTF-8 rather than GBK (GBK text is
    about one in three, by chance). Each bad byte (or truncated sequence) counts once."""
    bad = raw.decode("utf-8", errors="replace").count("\ufffd")
    good = len(raw.translate(None, _ASCII_BYTES)) - bad
    return good >= 4 * bad


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """(encoding, text) when NUL-bearing bytes are plainly UTF-16 without a BOM, else None.

    Both byte orders are tried on a sample; text read in the wrong order, or binary data read as
    UTF-16, is full of control, unassigned and private-use characters (a line feed read the wrong
    way round is U+0A00, unassigned). The order that gives no such characters wins."""
    if len(raw) % 2:
        return None
    sample = raw[:65536]
    best: tuple[int, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        text = sample.decode(enc, errors="replace")
        bad = sum(1 for ch in text if _unlikely(ch))
        if best is None or bad < best[0]:
            best = (bad, enc)
    assert best is not None
    if best[0] * 200 > len(sample) // 2:
        return None
    enc = best[1]
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _CONTROL.search(text) is not None or not _ASCII.search(text):
        return None  # real text has a line break, a space or a digit somewhere
    return enc, text


def _unlikely(ch: str) -> bool:
    """Not a character of text: a control (but whitespace), unassigned, private use, U+FFFD."""
    import unicodedata

    if ch in "\t\n\r\f\v":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")


def detect_newline(text: str) -> str:
    i = text.find("\n")
    j = text.find("\r")
    if j != -1 and (i == -1 or j < i):
        return "\r\n" if text[j : j + 2] == "\r\n" else "\r"
    return "\n"


def read_file(path: Path, encoding: str | None = None) -> Decoded:
    return decode(read_bytes(path, str(path)), str(path), encoding)


def read_bytes(path: Path, name: str) -> bytes:
    """The bytes of the regular file ``path``, or ``InputError`` with one line naming ``name``."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def write_special(path: str | os.PathLike[str], data: bytes) -> None:
    """Output sent to what is not a regular file (``/dev/stdout``, a FIFO with a reader) is
    written to it directly, never renamed over or replaced; a FIFO without a reader is an error
    at once, not a wait."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file. Anything else (a FIFO, a device such as /dev/zero, a socket)
    is refused before a byte is read: reading it could block forever or never end. (The file is
    opened without blocking, so opening a FIFO with no writer returns at once.) /dev/null, the
    empty file by convention, is read as empty."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            if _is_devnull(st):
                return b""
            raise InputError(
                f"{path}: not a regular file ({_kind(st.st_mode)}); wenlint reads regular "
                "files, or standard input as -"
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def _is_devnull(st: os.stat_result) -> bool:
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (null.st_dev, null.st_ino)


def _kind(mode: int) -> str:
    """What a non-regular file is, in a word or two."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


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
    """Write ``text`` back in the file's encoding (see ``replace_contents`` for how).

    Refuses when the file changed since it was read (``original`` is what was read), when it is
    read-only and when the text cannot be encoded in the file's encoding.
    """
    try:
        data = encode(text, source)
    except UnicodeEncodeError:
        raise InputError(
            f"{path}: the fixed text cannot be stored as {source.encoding}; not written"
        ) from None
    replace_contents(path, data, expect=original, what="fixes")


# The file as it was checked: a change to any of these between the check and the rename is a
# change by someone else (an editor saving the file meanwhile).
def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def replace_contents(
    path: Path, data: bytes, *, expect: bytes | None = None, what: str = "fixes"
) -> None:
    """Make ``data`` the contents of the file at ``path``, whole or not at all.

    - A symbolic link is written through: the file it names changes, the link stays a link.
    - Only a regular file is replaced (a missing one is created); anything else is refused.
    - With ``expect``, the file must still hold exactly those bytes: checked when writing
      starts and again (size, modification time, inode) just before the new contents take its
      place, so an edit saved meanwhile is never lost.
    - Usually a short-named temporary file in the same folder is written, flushed to disk
      (``fsync``), given the file's mode (and owner, group and extended attributes, ACLs
      included, where allowed), renamed over the file, and the folder is flushed too. The
      temporary file is removed on every path that does not rename it.
    - The file is written in place instead, keeping its inode, when a rename would change what
      the file is: it has several hard links (they all stay one file), it belongs to another
      user or group the rename cannot keep, its extended attributes cannot be copied, or its
      folder is not writable. Room is reserved first, so a full disk fails before a byte
      changes.
    - A read-only file is refused, even for root: read-only is the owner's wish.
    """
    real = Path(os.path.realpath(path))
    try:
        st = _checked_target(path, real, expect, what)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); left unchanged") from None
    try:
        if st is not None and _in_place(real, st):
            _write_in_place(path, real, data, st, expect)
        else:
            _write_by_rename(path, real, data, st)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); left unchanged") from None


def _checked_target(
    path: Path, real: Path, expect: bytes | None, what: str
) -> os.stat_result | None:
    """The target's stat after the checks (None: it does not exist yet and may be created)."""
    try:
        fd = os.open(real, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _BINARY)
    except FileNotFoundError:
        if expect is not None:
            raise InputError(f"{path}: removed since it was read; not written") from None
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file ({_kind(st.st_mode)}); not written")
        if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError(f"{path}: file is read-only; {what} not written")
        if expect is not None:
            with os.fdopen(fd, "rb", closefd=False) as fh:
                if st.st_size != len(expect) or fh.read() != expect:
                    raise InputError(
                        f"{path}: changed on disk since it was read; not written, run again"
                    )
        return st
    finally:
        os.close(fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _in_place(real: Path, st: os.stat_result) -> bool:
    """Whether the file must keep its inode (see ``replace_contents``)."""
    if st.st_nlink > 1 or not os.access(real.parent, os.W_OK):
        return True
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # no owners to keep (Windows)
        return False
    if geteuid() == 0:
        return False  # root gives the new file the old owner and group
    if st.st_uid != geteuid():
        return True
    return st.st_gid != os.getegid() and st.st_gid not in os.getgroups()


def _temp_name(folder: Path) -> Path:
    """A short name (16 bytes): a file name near the length limit can still be fixed."""
    import secrets

    return folder / f".wl{secrets.token_hex(4)}.tmp"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_by_rename(path: Path, real: Path, data: bytes, st: os.stat_result | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    for _ in range(100):
        tmp = _temp_name(real.parent)
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 32 random bits
        raise InputError(f"{path}: cannot make a temporary file; left unchanged")
    renamed = False
    try:
        try:
            _write_all(fd, data)
            if st is None:
                umask = os.umask(0)
                os.umask(umask)
                _fchmod(fd, 0o666 & ~umask)
            else:
                _fchmod(fd, st.st_mode & 0o7777)
                if not _keep_owner_and_attributes(fd, real, st):
                    os.close(fd)
                    fd = -1
                    os.unlink(tmp)
                    _write_in_place(path, real, data, st, None)
                    return
            os.fsync(fd)
        finally:
            if fd != -1:
                os.close(fd)
        if st is not None and _stamp(os.stat(real, follow_symlinks=False)) != _stamp(st):
            raise InputError(f"{path}: changed on disk since it was read; not written, run again")
        os.replace(tmp, real)
        renamed = True
        _fsync_folder(real.parent)
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fchmod(fd: int, mode: int) -> None:
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)


def _keep_owner_and_attributes(fd: int, real: Path, st: os.stat_result) -> bool:
    """Give the temporary file the owner, group and extended attributes (ACLs are stored as
    such) of the file it replaces; False when one of them cannot be kept."""
    fchown = getattr(os, "fchown", None)
    if fchown is not None:
        new = os.fstat(fd)
        if (new.st_uid, new.st_gid) != (st.st_uid, st.st_gid):
            try:
                fchown(fd, st.st_uid, st.st_gid)
            except OSError:
                return False
    listxattr = getattr(os, "listxattr", None)
    if listxattr is None:
        return True
    try:
        names = listxattr(real)
    except OSError:
        return True  # no extended attributes here (or the file system has none)
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(real, name))
        except OSError:
            return False
    return True


def _fsync_folder(folder: Path) -> None:
    """Flush the rename itself to disk (POSIX; nothing to do where folders cannot be opened)."""
    directory = getattr(os, "O_DIRECTORY", None)
    if directory is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | directory)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_in_place(
    path: Path, real: Path, data: bytes, st: os.stat_result, expect: bytes | None
) -> None:
    """Overwrite the file through its own inode (hard links, owner and attributes stay)."""
    fd = os.open(real, os.O_RDWR | _NOFOLLOW | _BINARY)
    try:
        now = os.fstat(fd)
        if _stamp(now) != _stamp(st):
            raise InputError(f"{path}: changed on disk since it was read; not written, run again")
        before = expect
        if before is None:
            with os.fdopen(fd, "rb", closefd=False) as fh:
                before = fh.read()
        fallocate = getattr(os, "posix_fallocate", None)
        if fallocate is not None and len(data) > now.st_size:
            try:
                fallocate(fd, 0, len(data))  # a full disk fails here, the file untouched
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except OSError:
            with contextlib.suppress(OSError):  # put the old contents back
                os.lseek(fd, 0, os.SEEK_SET)
                _write_all(fd, before)
                os.ftruncate(fd, len(before))
            raise
    finally:
        os.close(fd)
