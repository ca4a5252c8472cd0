"""Linting files in worker processes, and the wire format their results travel back in.

The pool works under every start method: each worker gets what it needs as the arguments of its
process (the registry, the options, the list of files and how to render a result), not through
module globals inherited by ``fork``; so ``spawn`` (the default on Windows and macOS) runs the same
as ``fork``. Files travel as their index in that list, over one pipe per worker, so the main
process always knows which file each worker is linting (and names it if the worker dies), ends
every worker however the run ends (Ctrl-C included), and a worker ends with its parent.

A result comes back as a ``FileResult`` whose findings are packed into tuples (``pack`` /
``unpack``): one tuple per finding, without the path (the result's) and, when the text reporter
rendered the file in the worker, without what only rendering reads (message, fix edits, related
locations): then only what the summary, the statistics, the exit code and the merge with cross-file
findings read travels (code, name, severity, span, whether a fix exists and is safe).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint.check import PoolError, light, light_row
from wenlint.diagnostic import Diagnostic
from wenlint.document import Span
from wenlint.rule import Severity

if TYPE_CHECKING:
    from wenlint.check import FileResult, Options
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


class WorkerDied(PoolError):
    """A worker process ended while it was linting a file (killed, out of memory)."""

    def __init__(self, path: str | None, exitcode: int | None) -> None:
        how = (
            f"was killed by {signal.Signals(-exitcode).name}"
            if exitcode is not None and exitcode < 0 and -exitcode in _SIGNALS
            else f"exited with code {exitcode}"
        )
        where = f" while linting {path}" if path is not None else ""
        super().__init__(f"a worker process {how}{where}")
        self.path = path


class WorkerFailed(PoolError):
    """Linting a file raised in a worker process (an internal error)."""

    def __init__(self, path: str, error: str) -> None:
        super().__init__(f"internal error while linting {path}: {error}")
        self.path = path


_SIGNALS = {int(s) for s in signal.Signals}


@dataclass
class _Worker:
    proc: Any  # multiprocessing.Process
    conn: Connection
    #: the indexes sent to it, in order: the first is the file it is linting
    pending: deque[int] = field(default_factory=deque)


def lint_in_pool(
    setup: WorkerSetup, jobs: int, start_method: str | None = None
) -> Generator[FileResult, None, None]:
    """Each file's result, in ``setup.files`` order, linted in ``jobs`` worker processes.

    Each worker has a pipe of its own: it is sent batches of file indexes and sends back one
    result per file, in order, so the file a worker is linting is always known (``WorkerDied``
    names it when the worker dies). At most a few batches per worker are handed out past the next
    result to yield, so the results held back for order stay few. However the loop ends
    (finished, Ctrl-C, a dead worker, the consumer stopping), the workers are ended before this
    returns: asked to stop, then terminated, then killed, within about a second."""
    method = start_method or START_METHOD or ("fork" if os.name == "posix" else "spawn")
    ctx = multiprocessing.get_context(method)
    n = len(setup.files)
    count = max(1, min(jobs, n))
    chunk = max(1, min(16, n // (count * 8)))
    ahead = count * chunk * 4
    workers: list[_Worker] = []
    finished = False
    try:
        for _ in range(count):
            here, there = ctx.Pipe()
            proc = ctx.Process(  # type: ignore[attr-defined]
                target=_serve, args=(setup, there, os.getpid()), daemon=True
            )
            proc.start()
            there.close()
            workers.append(_Worker(proc, here))
        sent = nxt = 0
        done: dict[int, tuple[FileResult, list[tuple[Any, ...]]]] = {}

        def refill(w: _Worker) -> None:
            nonlocal sent
            while len(w.pending) <= chunk and sent < n and sent - nxt < ahead:
                batch = list(range(sent, min(n, sent + chunk)))
                try:
                    w.conn.send(batch)
                except OSError:  # the worker is gone
                    w.proc.join(1)
                    raise _died(setup, w) from None
                w.pending.extend(batch)
                sent += len(batch)

        for w in workers:
            refill(w)
        by_wait: dict[Any, _Worker] = {}
        for w in workers:
            by_wait[w.conn] = by_wait[w.proc.sentinel] = w
        while nxt < n:
            if nxt in done:
                yield unpack(done.pop(nxt))
                nxt += 1
                for w in workers:
                    refill(w)
                continue
            for ready in wait(list(by_wait)):
                w = by_wait[ready]
                if ready is w.conn or w.conn.poll():
                    try:
                        index, ok, payload = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        raise _died(setup, w) from None
                    w.pending.popleft()
                    if not ok:
                        raise WorkerFailed(setup.files[index][0], payload)
                    done[index] = payload
                    refill(w)
                elif not w.proc.is_alive():
                    raise _died(setup, w)
        finished = True
    finally:
        _stop(workers, finished)


def _died(setup: WorkerSetup, w: _Worker) -> WorkerDied:
    path = setup.files[w.pending[0]][0] if w.pending else None
    return WorkerDied(path, w.proc.exitcode)


def _stop(workers: Sequence[_Worker], finished: bool) -> None:
    """End every worker: an idle one is asked to leave; one still busy (the run was cut short) is
    terminated, then killed. Ctrl-C is held off meanwhile, so a second press cannot
    leave a worker behind."""
    import threading

    main = threading.current_thread() is threading.main_thread()
    held = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for w in workers:
            # ask it to leave (with ``fork`` its siblings hold copies of this end of its pipe:
            # closing it here is no end of file there)
            with contextlib.suppress(OSError):
                w.conn.send(None)
            w.conn.close()
        deadline = time.monotonic() + (5.0 if finished else 0.5)
        for w in workers:
            if finished or not w.pending:
                w.proc.join(max(0.0, deadline - time.monotonic()))
        for w in workers:
            if w.proc.is_alive():
                w.proc.terminate()
        deadline = time.monotonic() + 0.5
        for w in workers:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(1)
    finally:
        if held is not None:
            signal.signal(signal.SIGINT, held)


# -- in the worker ------------------------------------------------------------------------------


def _serve(setup: WorkerSetup, conn: Connection, parent: int) -> None:
    """A worker: lint the files whose indexes arrive on ``conn`` and send back each result.

    Ctrl-C is for the main process (which then ends the workers); SIGTERM ends the worker at
    once, but not in the middle of writing a fix. The worker ends when its pipe is
    closed, and when its parent is gone (Linux: the kernel signals it; elsewhere a watch thread
    notices the new parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminated)
    _die_with(parent)
    from wenlint.check import Checker

    checker = Checker(setup.registry, setup.options)
    if checker._cache is not None and setup.prepare is not None:
        from wenlint.cache import render_key

        checker.render_key = render_key(setup.prepare)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for index in batch:
            try:
                result = checker.check_file(*setup.files[index])
                if setup.prepare is not None and result.rendered is None:
                    setup.prepare(result)
                checker.finalize(result)
                result.ruleset = None  # rule objects stay here; the main process has its own
                message: tuple[Any, ...] = (index, True, pack(result))
            except Exception as exc:  # an internal error, reported by the main process
                message = (index, False, f"{type(exc).__name__}: {exc}")
            try:
                conn.send(message)
            except (BrokenPipeError, EOFError, OSError):
                return


def _terminated(signum: int, frame: Any) -> None:
    # Nothing to unwind: a fix being written holds the signal until it is done
    # (``wenlint.check.uninterrupted``), and an exception raised here could land where Python
    # only prints it (a weakref callback) and goes on.
    os._exit(128 + signum)


def _die_with(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watch thread
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="wenlint-parent-watch", daemon=True).start()


# -- the wire format ----------------------------------------------------------------------------


def pack(result: FileResult) -> tuple[FileResult, list[tuple[Any, ...]]]:
    """The result without its findings, and its findings as tuples."""
    diags, result.diagnostics = result.diagnostics, []
    packed: list[tuple[Any, ...]]
    if result.rendered is not None:
        packed = [light_row(d) for d in diags]
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
            light(path, code, name, severity, start, end, fix)
            for code, name, severity, start, end, fix in rows
        ]
    else:
        result.diagnostics = [
            Diagnostic(path, code, name, Severity(severity), Span(start, end), *rest)
            for code, name, severity, start, end, *rest in rows
        ]
    return result
