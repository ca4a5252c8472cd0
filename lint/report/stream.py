"""Standard output as reporters write to it: a write that fails is an error of the run.

A full disk (``/dev/full``), a closed standard output (``>&-``) or a reader that went away (a
broken pipe: ``wenlint check | head``) raise ``ReportWriteError`` from any write or flush, in every
format; the command line turns it into one line on stderr and exit 2, so a cut report is never
taken for a whole one.
"""

from __future__ import annotations

import io
import os
import sys
from typing import IO, Any


class ReportWriteError(Exception):
    """The report could not be written (the message says why, in one line)."""


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _write(target: IO[Any] | None, data: Any) -> None:
    """Write to ``target`` (None: standard output is closed); any failure is a ReportWriteError."""
    if target is None:
        raise ReportWriteError("cannot write the report: standard output is closed")
    try:
        target.write(data)
    except (OSError, ValueError) as exc:
        raise ReportWriteError(f"cannot write the report: {_why(exc)}") from None


def _flush(target: IO[Any] | None) -> None:
    if target is None:
        return
    try:
        target.flush()
    except (OSError, ValueError) as exc:
        raise ReportWriteError(f"cannot write the report: {_why(exc)}") from None


class _Bytes(io.RawIOBase):
    """``sys.stdout.buffer`` of a guarded stdout."""

    def __init__(self, target: IO[bytes] | None) -> None:
        self._target = target

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        _write(self._target, data)
        return len(data)

    def flush(self) -> None:
        _flush(self._target)


class GuardedOut(io.TextIOBase):
    """A text stream over ``target`` (None: standard output is closed) whose write errors raise
    ``ReportWriteError``."""

    def __init__(self, target: IO[str] | None) -> None:
        self._target = target
        self._buffer = _Bytes(getattr(target, "buffer", None) if target is not None else None)

    @property
    def target(self) -> IO[str] | None:
        return self._target

    @property
    def buffer(self) -> _Bytes:
        return self._buffer

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._target, "errors", None)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self._target is not None and self._target.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._target is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self._target.fileno()

    def write(self, text: str) -> int:
        _write(self._target, text)
        return len(text)

    def flush(self) -> None:
        _flush(self._target)


def guard_stdout() -> GuardedOut:
    """Put a ``GuardedOut`` in place of ``sys.stdout`` (once) and return it."""
    if not isinstance(sys.stdout, GuardedOut):
        sys.stdout = GuardedOut(sys.stdout)
    return sys.stdout


def drop_stdout() -> None:
    """After a write error: what is still buffered for standard output goes nowhere, so the
    interpreter's last flush at exit cannot fail a second time."""
    out = sys.stdout
    target = out.target if isinstance(out, GuardedOut) else out
    try:
        fd = target.fileno() if target is not None else 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError):
        pass
    sys.stdout = GuardedOut(None)  # nothing more is written
