"""``wenlint.echo.echo``: the command line's one-line writer (what click.echo did for it)."""

from __future__ import annotations

import io

import pytest

from wenlint.echo import echo


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="")


def test_a_line_goes_to_the_stream_of_the_moment_flushed(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = _stream("utf-8"), _stream("utf-8")
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    echo("结果")
    echo("wenlint: warning: 注意", err=True)
    # flushed: the bytes are in the buffer without a flush by the caller
    assert out.buffer.getvalue().decode() == "结果\n"  # type: ignore[attr-defined]
    assert err.buffer.getvalue().decode() == "wenlint: warning: 注意\n"  # type: ignore[attr-defined]


def test_what_the_encoding_cannot_show_is_escaped_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = _stream("ascii")
    monkeypatch.setattr("sys.stderr", err)
    echo("wenlint: error: 文.txt: no such file", err=True)
    assert err.buffer.getvalue() == b"wenlint: error: \\u6587.txt: no such file\n"  # type: ignore[attr-defined]


def test_no_stderr_or_a_broken_one_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", None)
    echo("lost", err=True)
    broken = _stream("utf-8")
    broken.close()
    monkeypatch.setattr("sys.stderr", broken)
    echo("lost", err=True)


def test_a_failing_stdout_is_the_callers_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from wenlint.report.stream import GuardedOut, ReportWriteError

    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115
    try:
        monkeypatch.setattr("sys.stdout", GuardedOut(full))
        with pytest.raises(ReportWriteError, match="No space left on device"):
            echo("report")
    finally:
        with pytest.raises(OSError):
            full.close()  # what could not be written is still buffered
