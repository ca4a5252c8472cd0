"""``wenlint archive``: lint a large collection on a Dask cluster and write the findings as Parquet.

The work goes in three steps, each a set of Dask tasks:

1. **lint** — the files, in the order ``wenlint check`` would take them, are cut into batches of
   consecutive files; a task lints one batch with the very code ``check`` runs
   (``Checker.check_file``) and writes ``findings/part-NNNNNN.parquet`` itself, plus what the
   cross-file rules kept of each file (``_work/facts-NNNNNN.parquet``) and the keys of those facts
   (``_work/keys-NNNNNN.parquet``). A marker ``_work/batch-NNNNNN.json``, written last, names the
   batch's inputs (names, sizes, modification times) and settings: ``--resume`` skips a batch
   whose marker matches.
2. **shuffle** — the keys of every file (for D101, its paragraphs' fingerprints) are grouped by
   key across the cluster (a Dask DataFrame groupby): for each key, the first file holding it, by
   ``check``'s order. A file that shares a key with an earlier file is joined to those first
   holders.
3. **finish** — for each such file, a task replays its first holders' facts into fresh rule
   instances and then runs the rule's ``finish`` on the file, exactly as ``check`` does in its main
   process: the findings (``findings/part-cross-NNNNNN.parquet``) are the same. A cross-file rule
   without keys (``Rule.finish_keys`` None) gets one task that passes every file through, in order.

Files that cannot be read or linted go to ``errors.parquet`` with the reason; a task that fails
on every retry (a worker killed each time) puts each of its files there, never loses one. The
totals are in ``summary.json``.

The modules: ``archive_sources`` (settings, files, batches), ``archive_tasks`` (the Dask tasks,
on the workers), ``archive_store`` (the output folder and its Parquet tables), ``archive_report``
(reading the results); this one is the client, which runs the tasks on a cluster.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wenlint import __version__
from wenlint.archive_report import read_findings, report
from wenlint.archive_sources import Entry, Settings, batches, resolve_sources
from wenlint.archive_store import (
    FINDINGS,
    LAYOUT,
    MARKER,
    WORK,
    ArchiveError,
    table_schema,
    write_arrow,
    write_bytes,
)
from wenlint.archive_tasks import BatchDone, FinishItem, finish_files, finish_serial, lint_batch
from wenlint.check import Checker
from wenlint.registry import load_registry


# -- the client --
@dataclass
class Plan:
    sources: Sequence[str]
    out: Path
    settings: Settings
    files_from: Sequence[str] = ()
    scheduler: str = "local"
    workers: int | None = None
    batch_size: int = 200
    resume: bool = False
    retries: int = 2
    progress: bool = True


def prepare_out(out: Path, resume: bool) -> None:
    """The output folder: created, or cleared of an earlier run's results (only when it is an
    archive folder: anything else is never deleted)."""
    if out.exists() and not out.is_dir():
        raise ArchiveError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise ArchiveError(f"{out}: not empty and not an archive folder; choose another --out")
        if not resume:
            for name in (FINDINGS, WORK):
                shutil.rmtree(out / name, ignore_errors=True)
            for name in ("summary.json", "errors.parquet"):
                with contextlib.suppress(FileNotFoundError):
                    (out / name).unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"wenlint archive output, layout {LAYOUT}\n", encoding="utf-8")
    (out / FINDINGS).mkdir(exist_ok=True)
    (out / WORK).mkdir(exist_ok=True)
    if resume:  # cross-file results are always made again: they depend on every batch
        for p in (out / FINDINGS).glob("part-cross-*.parquet"):
            p.unlink()
        for p in (out / WORK).glob("errors-cross-*.parquet"):
            p.unlink()


@contextlib.contextmanager
def connect(scheduler: str, workers: int | None) -> Iterator[Any]:
    """A Dask client: on a LocalCluster of ``workers`` single-threaded processes (``local``), or
    on the scheduler at an address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ArchiveError("wenlint archive needs Dask: pip install 'wenlint[dask]'") from None
    if scheduler == "local":
        n = workers or len(os.sched_getaffinity(0))
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        )
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ArchiveError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        yield client
    finally:
        client.close()


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    file_errors: int = 0
    batches: int = 0
    batches_skipped: int = 0
    failed_batches: list[int] = field(default_factory=list)
    seconds: float = 0.0


def run(plan: Plan, say: Callable[[str], None]) -> Summary:
    """The whole run: sources, lint tasks, shuffle, finish tasks, errors, summary."""
    started = time.perf_counter()
    settings = plan.settings
    checker = Checker(load_registry(), settings.options())
    entries = resolve_sources(plan.sources, plan.files_from, checker)
    if not entries:
        raise ArchiveError("no files to lint")
    prepare_out(plan.out, plan.resume)
    out = str(plan.out.resolve())
    parts = batches(entries, plan.batch_size)
    summary = Summary(files=len(entries), batches=len(parts))
    failed: dict[int, str] = {}
    with connect(plan.scheduler, plan.workers) as client:
        done = _lint_all(client, plan, settings, parts, out, failed, summary)
        good = [n for n in range(len(parts)) if n not in failed]
        cross = _cross(client, plan, settings, parts, good, done, out)
        for code, n in cross.items():
            summary.by_rule[code] += n
            summary.findings += n
    errors = _errors(plan.out, parts, failed)
    summary.file_errors = errors
    summary.failed_batches = sorted(failed)
    summary.seconds = round(time.perf_counter() - started, 3)
    _write_summary(plan.out, summary, settings)
    say(
        f"wenlint archive: {summary.files} files, {summary.findings} findings, "
        f"{summary.file_errors} file errors, {summary.batches} batches "
        f"({summary.batches_skipped} resumed) in {summary.seconds:.1f} s -> {plan.out}"
    )
    return summary


def _lint_all(
    client: Any,
    plan: Plan,
    settings: Settings,
    parts: list[list[Entry]],
    out: str,
    failed: dict[int, str],
    summary: Summary,
) -> dict[int, BatchDone]:
    from distributed import as_completed

    futures = {
        client.submit(
            lint_batch,
            settings,
            n,
            part,
            out,
            plan.resume,
            retries=plan.retries,
            pure=False,
            key=f"wenlint-lint-{n:06d}-{os.getpid()}-{time.monotonic_ns()}",
        ): n
        for n, part in enumerate(parts)
    }
    done: dict[int, BatchDone] = {}
    with _progress(plan.progress, len(parts), "linting") as advance:
        for fut in as_completed(futures):
            n = futures[fut]
            try:
                r: BatchDone = fut.result()
            except Exception as exc:  # failed on every retry (a worker killed each time)
                failed[n] = f"{type(exc).__name__}: {exc}"
            else:
                done[n] = r
                summary.findings += r.findings
                summary.by_rule.update(r.by_rule)
                summary.by_severity.update(r.by_severity)
                summary.batches_skipped += r.skipped
            advance()
    return done


def _cross(
    client: Any,
    plan: Plan,
    settings: Settings,
    parts: list[list[Entry]],
    good: list[int],
    done: dict[int, BatchDone],
    out: str,
) -> dict[str, int]:
    """The shuffle and the finish tasks; the cross-file findings by rule."""
    work = Path(out) / WORK
    key_parts = [str(work / f"keys-{n:06d}.parquet") for n in good]
    items = _join(client, key_parts, plan.batch_size) if key_parts else []
    size = max(1, plan.batch_size // 4)
    futures = [
        client.submit(
            finish_files, settings, k, items[i : i + size], out, retries=plan.retries, pure=False
        )
        for k, i in enumerate(range(0, len(items), size))
    ]
    serial = sorted({c for r in done.values() for c in r.serial_rules})
    counts = [(n, len(parts[n])) for n in good]
    futures += [
        client.submit(finish_serial, settings, code, counts, out, retries=plan.retries, pure=False)
        for code in serial
    ]
    total: Counter[str] = Counter()
    with _progress(plan.progress and bool(futures), len(futures), "cross-file") as advance:
        from distributed import as_completed

        for fut in as_completed(futures):
            total.update(fut.result())
            advance()
    return dict(total)


def _join(client: Any, key_parts: list[str], batch_size: int) -> list[FinishItem]:
    """The shuffle: for each (config, rule, key), the first file holding it; then, for each file,
    the first holders of its keys that come before it."""
    import dask.dataframe as dd

    keys = dd.read_parquet(key_parts)
    group = ["ruleset", "code", "key"]
    first = keys.groupby(group).file.min().rename("owner").reset_index()
    joined = keys.merge(first, on=group)
    pairs = joined[joined.file > joined.owner][["file", "code", "owner"]].drop_duplicates()
    table = client.compute(pairs).result()
    by_file: dict[int, dict[str, set[int]]] = {}
    for f, code, owner in zip(table["file"], table["code"], table["owner"], strict=True):
        by_file.setdefault(int(f), {}).setdefault(str(code), set()).add(int(owner))
    items = []
    for f in sorted(by_file):
        earlier = {
            code: [(o, o // batch_size) for o in sorted(owners)]
            for code, owners in sorted(by_file[f].items())
        }
        items.append(FinishItem(f, f // batch_size, earlier))
    return items


def _errors(out: Path, parts: list[list[Entry]], failed: dict[int, str]) -> int:
    """``errors.parquet``: the files each batch could not read or lint, and every file of a batch
    that failed on every retry."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = []
    for p in sorted((out / WORK).glob("errors-*.parquet")):
        stem = p.stem.removeprefix("errors-")
        if stem.isdigit() and int(stem) in failed:
            continue  # (a stale table of a batch that failed this time)
        tables.append(pq.read_table(p))
    cols: dict[str, list[Any]] = {"path": [], "file_index": [], "error": []}
    for n, reason in sorted(failed.items()):
        for e in parts[n]:
            cols["path"].append(e.shown)
            cols["file_index"].append(e.index)
            cols["error"].append(
                f"{e.shown}: not linted: the task failed on every retry ({reason})"
            )
    tables.append(pa.table(cols, schema=table_schema("errors")))
    table = pa.concat_tables(tables).sort_by("file_index")
    write_arrow(out / "errors.parquet", table)
    return int(table.num_rows)


def _write_summary(out: Path, s: Summary, settings: Settings) -> None:
    data = {
        "version": __version__,
        "layout": LAYOUT,
        "files": s.files,
        "findings": s.findings,
        "by_severity": dict(sorted(s.by_severity.items())),
        "by_rule": dict(sorted(s.by_rule.items())),
        "file_errors": s.file_errors,
        "batches": s.batches,
        "batches_resumed": s.batches_skipped,
        "failed_batches": s.failed_batches,
        "seconds": s.seconds,
        "settings": asdict(settings),
    }
    write_bytes(
        out / "summary.json", json.dumps(data, ensure_ascii=False, indent=2).encode() + b"\n"
    )


@contextlib.contextmanager
def _progress(show: bool, total: int, label: str) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr (when it is a terminal), or nothing."""
    import sys

    if not show or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


__all__ = ["ArchiveError", "Plan", "Settings", "Summary", "read_findings", "report", "run"]
