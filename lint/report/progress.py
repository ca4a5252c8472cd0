"""A progress bar on stderr while many files are linted, only where a person is watching.

Shown when stderr is a terminal and there are at least ``MIN_FILES`` files, and not when findings
are being printed to the same terminal as the files go by (they are progress enough, and a live bar
would tear them). The bar is transient: it leaves nothing behind. Redirected output gets nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

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
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=sys.stderr, highlight=False)
    columns = (
        TextColumn("[bold]wenlint[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}", style="dim", markup=False),
    )
    # stdout is not captured: it may be a file or a pipe; stderr messages print above the bar.
    with Progress(
        *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=True
    ) as progress:
        task = progress.add_task("lint", total=total, name="")
        for item in items:
            label = name(item)
            progress.update(task, name=label if len(label) <= 40 else "…" + label[-39:])
            yield item
            progress.advance(task)
