"""One line to standard output or standard error, as the command line prints its messages.

What ``click.echo`` did for wenlint, without click: the stream is looked up when the line is
written (a test's capture, the progress bar's stand-in for stderr), the line is flushed at once
(messages and findings interleave in the order they happen), a missing stream (``sys.stderr`` is
None under ``pythonw`` or a closed descriptor) is skipped, and a character the stream's encoding
cannot show is written as a ``\\uXXXX`` escape instead of failing the run. A write error on
standard output is the caller's (``wenlint.report.stream.GuardedOut`` makes it a
``ReportWriteError``); one on standard error is dropped, since there is nowhere left to say it.
"""

from __future__ import annotations

import sys


def echo(line: str = "", *, err: bool = False) -> None:
    """Write ``line`` and a newline to stdout (``err``: stderr), then flush."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = f"{line}\n"
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))
        stream.flush()
    except (OSError, ValueError):
        if not err:
            raise
