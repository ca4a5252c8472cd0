"""Linting files in worker processes, and the wire format their results travel back in.

The pool works under every start method: each worker gets what it needs through the pool's
initializer (the registry, the options, the list of files and how to render a result), not
through module globals inherited by ``fork``; so ``spawn`` (the default on Windows and macOS)
runs the same as ``fork``. Files travel as their index in that list.

A result comes back as a ``FileResult`` whose findings are packed into tuples (``pack`` /
``unpack``): one tuple per finding, without the path (the result's) and, when the text reporter
rendered the file in the worker, without what only rendering reads (message, fix edits, related
locations): then only what the summary, the statistics, the exit code and the merge with cross-file
findings read travels (code, name, severity, span, whether a fix exists and is safe).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint.diagnostic import Applicability, Diagnostic, Fix
from wenlint.document import Span
from wenlint.rule import Severity, T

if TYPE_CHECKING:
    from wenlint.check import Checker, FileResult, Options
    from wenlint.registry import Registry

Target = tuple[str, Path | None]

#: The start method of worker processes; None: ``fork`` on POSIX, ``spawn`` elsewhere.
START_METHOD: str | None = None


@dataclass(frozen=True)
class WorkerSetup:
    """Everything a worker needs, picklable (``spawn`` sends it to each worker once)."""

    registry: Registry
    options: Options
    files: Sequence[Target]
    prepare: Callable[[FileResult], None] | None  # renders a result where it was linted


def lint_in_pool(
    setup: WorkerSetup, jobs: int, start_method: str | None = None
) -> Iterator[FileResult]:
    """Each file's result, in ``setup.files`` order, linted in ``jobs`` worker processes."""
    method = start_method or START_METHOD or ("fork" if os.name == "posix" else "spawn")
    n = len(setup.files)
    chunk = max(1, min(16, n // (jobs * 8)))
    with ProcessPoolExecutor(
        min(jobs, n),
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(setup,),
    ) as pool:
        for packed in pool.map(_lint_one, range(n), chunksize=chunk):
            yield unpack(packed)


# -- in the worker ------------------------------------------------------------------------------

_worker: tuple[Checker, WorkerSetup] | None = None


def _start_worker(setup: WorkerSetup) -> None:
    global _worker
    from wenlint.check import Checker

    _worker = (Checker(setup.registry, setup.options), setup)


def _lint_one(index: int) -> tuple[FileResult, list[tuple[Any, ...]]]:
    assert _worker is not None, "worker started without its setup"
    checker, setup = _worker
    result = checker.check_file(*setup.files[index])
    if setup.prepare is not None:
        setup.prepare(result)
    result.ruleset = None  # rule objects stay in the worker; the main process has its own
    return pack(result)


# -- the wire format ----------------------------------------------------------------------------

#: What a finding rendered in the worker keeps of its fix: whether there is one and is it safe.
_FIX_STATE: tuple[Fix | None, ...] = (
    None,
    Fix((), Applicability.SAFE),
    Fix((), Applicability.UNSAFE),
)
#: The message of a finding that was rendered in the worker (its text is in ``rendered``).
_SHOWN = T(zh="", en="")


def pack(result: FileResult) -> tuple[FileResult, list[tuple[Any, ...]]]:
    """The result without its findings, and its findings as tuples."""
    diags, result.diagnostics = result.diagnostics, []
    packed: list[tuple[Any, ...]]
    if result.rendered is not None:
        packed = [
            (
                d.code,
                d.name,
                int(d.severity),
                d.span.start,
                d.span.end,
                0 if d.fix is None else 1 if d.fix.safe else 2,
            )
            for d in diags
        ]
    else:
        packed = [
            (
                d.code,
                d.name,
                int(d.severity),
                d.span.start,
                d.span.end,
                d.message,
                d.help,
                d.fix,
                d.related,
                d.position,
                d.args,
            )
            for d in diags
        ]
    return result, packed


def unpack(packed: tuple[FileResult, list[tuple[Any, ...]]]) -> FileResult:
    result, rows = packed
    path = result.path
    if result.rendered is not None:
        result.diagnostics = [
            Diagnostic(
                path,
                code,
                name,
                Severity(severity),
                Span(start, end),
                _SHOWN,
                fix=_FIX_STATE[fix],
            )
            for code, name, severity, start, end, fix in rows
        ]
    else:
        result.diagnostics = [
            Diagnostic(path, code, name, Severity(severity), Span(start, end), *rest)
            for code, name, severity, start, end, *rest in rows
        ]
    return result
