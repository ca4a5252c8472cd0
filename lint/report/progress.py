"""A progress bar on stderr while many files are linted, only where a person is watching.

Shown when stderr is a terminal and there are at least ``MIN_FILES`` files, and not when findings
are being printed to the same terminal as the files go by (they are progress enough, and a live bar
would tear them). The bar is transient: it leaves nothing behind. Redirected output gets nothing.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

MIN_FILES = 30
#: Formats that write nothing to stdout until the last file is done.
DEFERRED = frozenset({"json", "sarif"})

Item = TypeVar("Item")


def wanted(n: int, fmt: str) -> bool:
    if n < MIN_FILES or os.environ.get("TERM") == "dumb" or "WENLINT_NO_PROGRESS" in os.environ:
        return False
    try:
        if not sys.stderr.isatty():
            return False
        return fmt in DEFERRED or not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def track(
    items: Iterable[Item], total: int, fmt: str = "text", name: Callable[[Item], str] = str
) -> Iterator[Item]:
    """Yield ``items`` (``total`` of them), advancing a bar on stderr when ``wanted``."""
    if not wanted(total, fmt):
        yield from items
        return
    from rich.console import Console
    from rich.file_proxy import FileProxy
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from wenlint.report.visible import visible

    console = Console(file=sys.stderr, highlight=False)
    columns = (
        TextColumn("[bold]wenlint[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}", style="dim", markup=False),
    )
    # stdout is left alone: it may be a file or a pipe. Messages written to stderr meanwhile
    # (click.echo(err=True)) are printed above the bar.
    real = sys.stderr
    with Progress(
        *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
    ) as progress:
        sys.stderr = _Above(FileProxy(console, real), real)
        try:
            task = progress.add_task("lint", total=total, name="")
            for item in items:
                label = visible(name(item))
                progress.update(task, name=label if len(label) <= 40 else "…" + label[-39:])
                yield item
                progress.advance(task)
        finally:
            sys.stderr.flush()
            sys.stderr = real


class _Above(io.TextIOBase):
    """stderr while the bar is live: lines go through rich, above the bar.

    rich's own FileProxy reports no ``encoding``, so click would wrap the real stream's buffer
    and write straight through the bar; this one says what it is and hides the buffer.
    """

    def __init__(self, proxy: io.TextIOBase, real: TextIO) -> None:
        self._proxy = proxy
        self._real = real

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._real.encoding or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._real.errors

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._real.fileno()

    def write(self, text: str) -> int:
        return self._proxy.write(text)

    def flush(self) -> None:
        self._proxy.flush()
