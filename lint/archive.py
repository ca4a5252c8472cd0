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
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import json
import os
import pickle
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wenlint import __version__
from wenlint.check import Checker, FileResult, Options, is_markdown
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.io import InputError, decode
from wenlint.registry import load_registry
from wenlint.rule import FinishContext
from wenlint.runner import Overrides, RuleSet, finish_file, lint_document

MARKER = ".wenlint-archive"  # names a folder as an archive run's output (safe to clear)
FINDINGS = "findings"
WORK = "_work"
LAYOUT = 1  # the version of the output folder's layout

FINDING_COLUMNS = (
    "path",
    "file_index",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "end_offset",
    "code",
    "name",
    "severity",
    "message",
    "help",
    "fix",
    "related_path",
    "related_line",
)


class ArchiveError(Exception):
    """What stops an archive run before it starts: one line for the user."""


# -- settings and sources --
@dataclass(frozen=True)
class Settings:
    """What every task needs to lint as ``wenlint check`` would: picklable, sent to workers."""

    config_file: str | None = None
    no_config: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    lang: str | None = None
    encoding: str | None = None  # --encoding: the files' encoding, not detected
    cwd: str = field(default_factory=os.getcwd)

    def options(self) -> Options:
        return Options(
            config_file=Path(self.config_file) if self.config_file else None,
            no_config=self.no_config,
            overrides=Overrides(
                select=list(self.select) if self.select else None,
                ignore=list(self.ignore),
                extend_select=list(self.extend_select),
            ),
            encoding=self.encoding,
        )

    def signature(self) -> str:
        """Changes when anything that changes findings does (the config files are in the batch
        signature: their size and time)."""
        return json.dumps([__version__, LAYOUT, asdict(self)], sort_keys=True)


@dataclass(frozen=True)
class Entry:
    """One file to lint: its place in the run, the name findings show, and where to read it
    (a local path, or an fsspec URL)."""

    index: int
    shown: str
    location: str
    url: bool = False


def resolve_sources(
    sources: Sequence[str], files_from: Sequence[str], checker: Checker
) -> list[Entry]:
    """The files of ``sources`` (folders, files, glob patterns, fsspec URLs) and of the list files
    ``files_from`` (one path or URL a line; ``#`` comments and blank lines skipped). Local files
    come first, each once, in the order ``wenlint check`` takes the same paths; then URLs."""
    items = list(sources)
    for lf in files_from:
        try:
            lines = Path(lf).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{lf}: cannot read the list of files ({exc})") from None
        items += [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
    local: list[str] = []
    urls: list[str] = []
    for item in items:
        if "://" in item and not item.startswith("file://"):
            urls.extend(_expand_url(item, checker))
        else:
            path = item.removeprefix("file://")
            if not os.path.lexists(path) and glob.has_magic(path):
                hits = sorted(glob.glob(path, recursive=True))
                if not hits:
                    raise ArchiveError(f"{item}: the pattern matches no file")
                local.extend(hits)
            elif not os.path.lexists(path):
                raise ArchiveError(f"{item}: no such file or directory")
            else:
                local.append(path)
    entries = [
        Entry(i, shown, os.path.abspath(p))  # absolute: a worker may run elsewhere
        for i, (shown, p) in enumerate(checker.collect(local) if local else [])
        if p is not None
    ]
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            entries.append(Entry(len(entries), url, url, url=True))
    return entries


def _expand_url(url: str, checker: Checker) -> list[str]:
    """The files of an fsspec URL: itself, the files under it (filtered by the config's
    include/exclude like a local folder) or a glob pattern's matches, sorted."""
    fs, path, protocol = _fs(url)
    try:
        if glob.has_magic(path):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            from wenlint.files import excluded

            cfg = checker.config_for(Path(checker.options.config_file or "."))
            found = []
            for f in sorted(fs.find(path)):
                rel = f[len(path.rstrip("/")) + 1 :]
                if _included(rel, cfg.include) and not excluded(Path(rel), Path(), cfg.exclude):
                    found.append(f)
        elif fs.exists(path):
            found = [path]
        else:
            raise ArchiveError(f"{url}: no such file or directory")
    except ArchiveError:
        raise
    except Exception as exc:  # a backend's own error: one line
        raise ArchiveError(f"{url}: cannot list ({type(exc).__name__}: {exc})") from None
    return [
        f"{protocol}://{f.lstrip('/')}" if protocol == "memory" else _unstrip(fs, f) for f in found
    ]


def _unstrip(fs: Any, path: str) -> str:
    return str(fs.unstrip_protocol(path))


def _included(rel: str, include: Sequence[str]) -> bool:
    import fnmatch

    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include)


def _fs(url: str) -> tuple[Any, str, str]:
    try:
        import fsspec
    except ImportError:
        raise ArchiveError(f"{url}: URLs need fsspec (pip install 'wenlint[dask]')") from None
    protocol = url.split("://", 1)[0]
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ArchiveError(f"{url}: no filesystem for {protocol}:// ({exc})") from None
    return fs, path, protocol


def batches(entries: Sequence[Entry], size: int) -> list[list[Entry]]:
    """Consecutive runs of ``size`` files: batch ``n`` holds files ``n*size`` to ``n*size+size-1``
    (so a file's batch is its index divided by ``size``)."""
    return [list(entries[i : i + size]) for i in range(0, len(entries), size)]


# -- worker side: one checker per process and settings --
_CHECKERS: dict[str, Checker] = {}  # a worker's checker for a run's settings (rules load once)


def _checker(settings: Settings) -> Checker:
    key = settings.signature()
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = Checker(load_registry(), settings.options())
    return checker


def _lang(settings: Settings, checker: Checker) -> str:
    return settings.lang or checker.config_for(Path(settings.cwd)).lang


def _stat(entry: Entry) -> list[Any]:
    """What tells a changed input: size and modification time (None when unknown)."""
    try:
        if entry.url:
            fs, path, _ = _fs(entry.location)
            info = fs.info(path)
            stamp = info.get("mtime") or info.get("LastModified") or info.get("created")
            return [entry.shown, info.get("size"), str(stamp) if stamp is not None else None]
        st = os.stat(entry.location)
        return [entry.shown, st.st_size, st.st_mtime_ns]
    except Exception:
        return [entry.shown, None, None]


def _config_stamp(checker: Checker, entries: Sequence[Entry]) -> list[Any]:
    """The config files the batch's files use, with their sizes and times."""
    out = set()
    for e in entries:
        if e.url:
            continue
        with contextlib.suppress(Exception):
            cfg = checker.config_for(Path(e.location))
            if cfg.path:
                st = os.stat(cfg.path)
                out.add((str(cfg.path), st.st_size, st.st_mtime_ns))
    return sorted(out)


def batch_signature(settings: Settings, checker: Checker, entries: Sequence[Entry]) -> str:
    data = [settings.signature(), [_stat(e) for e in entries], _config_stamp(checker, entries)]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


@dataclass
class BatchDone:
    """What a lint task tells the client: counts, and whether it was skipped (``--resume``)."""

    batch: int
    files: int
    findings: int
    by_rule: dict[str, int]
    by_severity: dict[str, int]
    errors: int
    serial_rules: list[str]  # cross-file rules without keys, seen in this batch
    skipped: bool = False


def lint_batch(
    settings: Settings, number: int, entries: list[Entry], out: str, resume: bool
) -> BatchDone:
    """Lint one batch and write its Parquet files (a Dask task)."""
    checker = _checker(settings)
    work = Path(out) / WORK
    marker = work / f"batch-{number:06d}.json"
    signature = batch_signature(settings, checker, entries)
    if resume and marker.exists():
        try:
            done = json.loads(marker.read_text(encoding="utf-8"))
            if done["signature"] == signature:
                return BatchDone(**done["result"], skipped=True)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged marker: do the batch again
    lang = _lang(settings, checker)
    rows = _Rows()
    facts: dict[str, list[Any]] = {
        "file": [],
        "path": [],
        "location": [],
        "ruleset": [],
        "sha256": [],
        "kept": [],
    }
    keys: dict[str, list[Any]] = {"ruleset": [], "code": [], "key": [], "file": []}
    errors: dict[str, list[Any]] = {"path": [], "file_index": [], "error": []}
    serial: set[str] = set()
    for e in entries:
        r, digest = _lint_entry(checker, e, settings.cwd)
        if r.error:
            errors["path"].append(e.shown)
            errors["file_index"].append(e.index)
            errors["error"].append(r.error)
            continue
        rows.add(r.diagnostics, e.index, lang)
        if r.kept and r.ruleset is not None:
            rs_key = _ruleset_key(r.ruleset)
            facts["file"].append(e.index)
            facts["path"].append(e.shown)
            facts["location"].append(e.location)
            facts["ruleset"].append(rs_key)
            facts["sha256"].append(digest)
            facts["kept"].append(pickle.dumps(r.kept, protocol=pickle.HIGHEST_PROTOCOL))
            rules = {rule.code: rule for rule in r.ruleset.rules}
            for code, kept in r.kept.items():
                found = rules[code].finish_keys(kept)
                if found is None:
                    serial.add(code)
                    continue
                for k in dict.fromkeys(found):
                    keys["ruleset"].append(rs_key)
                    keys["code"].append(code)
                    keys["key"].append(k)
                    keys["file"].append(e.index)
    _write_table(Path(out) / FINDINGS / f"part-{number:06d}.parquet", rows.columns, "findings")
    _write_table(work / f"facts-{number:06d}.parquet", facts, "facts")
    _write_table(work / f"keys-{number:06d}.parquet", keys, "keys")
    _write_table(work / f"errors-{number:06d}.parquet", errors, "errors")
    result = BatchDone(
        number,
        len(entries),
        rows.count,
        dict(rows.by_rule),
        dict(rows.by_severity),
        len(errors["path"]),
        sorted(serial),
    )
    done = {"signature": signature, "result": asdict(result) | {"skipped": False}}
    del done["result"]["skipped"]
    _write_bytes(marker, json.dumps(done, ensure_ascii=False).encode())
    return result


def _lint_entry(checker: Checker, e: Entry, cwd: str) -> tuple[FileResult, str]:
    """Lint one file as ``check`` does; and the digest of the bytes linted."""
    if not e.url:
        r = checker.check_file(e.shown, Path(e.location))
        digest = _digest(r.text) if r.text is not None else ""
        return r, digest
    r = FileResult(e.shown)
    try:
        fs, path, _ = _fs(e.location)
        with fs.open(path, "rb") as f:
            raw = f.read()
        cfg = checker.config_for(Path(cwd))
        decoded = decode(raw, e.shown, _encoding(checker, cfg))
        ruleset = checker.ruleset_for(cfg)
    except (InputError, ArchiveError) as exc:
        r.error = str(exc)
        return r, ""
    except Exception as exc:
        r.error = f"{e.shown}: cannot read ({type(exc).__name__}: {exc})"
        return r, ""
    doc = Document(e.shown, decoded.text, source=decoded.source, markdown=is_markdown(e.shown))
    r.diagnostics, r.kept = lint_document(doc, ruleset)
    r.ruleset, r.text = ruleset, decoded.text
    return r, _digest(decoded.text)


def _encoding(checker: Checker, cfg: Any) -> str | None:
    """The encoding ``check`` reads a file in: ``--encoding``, else its config's (else detected)."""
    return checker.options.encoding or cfg.encoding


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _ruleset_key(rs: RuleSet) -> str:
    """Which rule instances a file's facts meet in ``check``: one set per config file."""
    return str(rs.config.path or "")


# -- worker side: finishing the cross-file rules --
@dataclass
class FinishItem:
    """A file whose cross-file findings are to be computed, and the earlier files (first holders
    of its keys, per rule) to replay before it; ``earlier`` None means every earlier file."""

    file: int
    batch: int
    earlier: dict[str, list[tuple[int, int]]]  # code -> [(file, batch)], in run order


def finish_files(
    settings: Settings, number: int, items: list[FinishItem], out: str
) -> dict[str, int]:
    """The cross-file findings of ``items`` (a Dask task): for each file, fresh instances of its
    cross-file rules see its first holders' facts, then the file's own, as in ``check``."""
    checker = _checker(settings)
    lang = _lang(settings, checker)
    facts = _FactsReader(Path(out) / WORK)
    rows = _Rows()
    errors: dict[str, list[Any]] = {"path": [], "file_index": [], "error": []}
    for item in items:
        me = facts.get(item.batch, item.file)
        rs = _fresh(checker, me, item.earlier, settings.cwd)
        discard: Callable[..., None] = lambda rule, finding: None  # noqa: E731
        for rule in rs.rules:
            for f, b in item.earlier[rule.code]:
                other = facts.get(b, f)
                rule.finish(other.path, other.kept[rule.code], FinishContext(rule, discard))
        diags, error = _finish_one(checker, me, rs)
        if error:
            errors["path"].append(me.path)
            errors["file_index"].append(item.file)
            errors["error"].append(error)
        rows.add(diags, item.file, lang)
    _write_table(
        Path(out) / FINDINGS / f"part-cross-{number:06d}.parquet", rows.columns, "findings"
    )
    _write_table(Path(out) / WORK / f"errors-cross-{number:06d}.parquet", errors, "errors")
    return dict(rows.by_rule)


def finish_serial(
    settings: Settings, code: str, counts: list[tuple[int, int]], out: str
) -> dict[str, int]:
    """A cross-file rule without keys: every file with its facts passes through one instance per
    config, in run order (``counts``: (batch, files) of every batch)."""
    checker = _checker(settings)
    lang = _lang(settings, checker)
    facts = _FactsReader(Path(out) / WORK)
    rows = _Rows()
    states: dict[str, RuleSet] = {}
    for batch, _ in counts:
        for me in facts.all(batch):
            if code not in me.kept:
                continue
            rs = states.get(me.ruleset)
            if rs is None:
                rs = states[me.ruleset] = _fresh(checker, me, [code], settings.cwd)
            diags, _ = _finish_one(checker, me, rs)
            rows.add(diags, me.file, lang)
    _write_table(Path(out) / FINDINGS / f"part-cross-{code}.parquet", rows.columns, "findings")
    return dict(rows.by_rule)


def _fresh(checker: Checker, me: _Facts, codes: Iterable[str], cwd: str) -> RuleSet:
    """New instances of the file's cross-file rules ``codes`` (their state is one run's)."""
    base = checker.ruleset_for(_config(checker, me, cwd))
    wanted = set(codes)
    rules = [type(r)(r.options) for r in base.rules if r.code in wanted]
    return RuleSet(base.config, base.registry, rules, base.severity)


def _config(checker: Checker, me: _Facts, cwd: str) -> Any:
    return checker.config_for(Path(me.location) if "://" not in me.location else Path(cwd))


def _finish_one(checker: Checker, me: _Facts, rs: RuleSet) -> tuple[list[Diagnostic], str | None]:
    """``finish`` on the file, placed in its text (read again: it must be the text linted)."""
    try:
        enc = _encoding(checker, rs.config)
        if "://" in me.location:
            fs, path, _ = _fs(me.location)
            with fs.open(path, "rb") as f:
                text = decode(f.read(), me.path, enc).text
        else:
            from wenlint.io import read_file

            text = read_file(Path(me.location), enc).text
    except InputError as exc:
        return [], str(exc)
    except Exception as exc:
        return [], f"{me.path}: cannot read again ({type(exc).__name__}: {exc})"
    if _digest(text) != me.sha256:
        return [], f"{me.path}: changed during the run; its cross-file findings were not computed"
    doc = Document(me.path, text, markdown=is_markdown(me.path))
    kept = {rule.code: me.kept[rule.code] for rule in rs.rules if rule.code in me.kept}
    return finish_file(doc, rs, kept), None


@dataclass
class _Facts:
    file: int
    path: str  # as findings show it
    location: str  # where to read it: an absolute path or a URL
    ruleset: str
    sha256: str
    kept: dict[str, Any]


class _FactsReader:
    """Facts of files by (batch, file), each batch's table read once per task."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self._tables: dict[int, dict[int, _Facts]] = {}

    def _batch(self, batch: int) -> dict[int, _Facts]:
        got = self._tables.get(batch)
        if got is None:
            import pyarrow.parquet as pq

            t = pq.read_table(self.work / f"facts-{batch:06d}.parquet").to_pydict()
            cols = ("file", "path", "location", "ruleset", "sha256", "kept")
            got = {
                f: _Facts(f, p, loc, rs, sha, pickle.loads(k))
                for f, p, loc, rs, sha, k in zip(*(t[c] for c in cols), strict=True)
            }
            if len(self._tables) > 64:  # bounded: the oldest batch read goes
                self._tables.pop(next(iter(self._tables)))
            self._tables[batch] = got
        return got

    def get(self, batch: int, file: int) -> _Facts:
        return self._batch(batch)[file]

    def all(self, batch: int) -> list[_Facts]:
        return [v for _, v in sorted(self._batch(batch).items())]


# -- Parquet --
@functools.cache
def _schema(name: str) -> Any:
    """The Parquet schema of the ``findings``, ``facts``, ``keys`` or ``errors`` tables."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    findings = pa.schema([(c, i if c in _INT_COLUMNS else s) for c in FINDING_COLUMNS])
    facts = pa.schema(
        [
            ("file", i),
            ("path", s),
            ("location", s),
            ("ruleset", s),
            ("sha256", s),
            ("kept", pa.binary()),
        ]
    )
    keys = pa.schema([("ruleset", s), ("code", s), ("key", i), ("file", i)])
    errors = pa.schema([("path", s), ("file_index", i), ("error", s)])
    return {"findings": findings, "facts": facts, "keys": keys, "errors": errors}[name]


_INT_COLUMNS = {
    "file_index",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "end_offset",
    "related_line",
}


class _Rows:
    """Findings as Parquet columns, and their counts."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {c: [] for c in FINDING_COLUMNS}
        self.count = 0
        self.by_rule: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()

    def add(self, diags: Iterable[Diagnostic], index: int, lang: str) -> None:
        c = self.columns
        for d in diags:
            line, col, end_line, end_col = d.position
            rel = d.related[0] if d.related else None
            values = (
                d.path,
                index,
                line,
                col,
                end_line,
                end_col,
                d.span.start,
                d.span.end,
                d.code,
                d.name,
                d.severity.label,
                d.message.get(lang),
                d.help.get(lang) if d.help else None,
                d.fix.applicability.value if d.fix is not None else None,
                (rel.path or d.path) if rel else None,
                (rel.position[0] if rel.position else None) if rel else None,
            )
            for name, v in zip(FINDING_COLUMNS, values, strict=True):
                c[name].append(v)
            self.count += 1
            self.by_rule[d.code] += 1
            self.by_severity[d.severity.label] += 1


def _write_table(path: Path, columns: dict[str, list[Any]], schema: str) -> None:
    """A Parquet file, written whole or not at all (a temporary file, then a rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(columns, schema=_schema(schema))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


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
    tables.append(pa.table(cols, schema=_schema("errors")))
    table = pa.concat_tables(tables).sort_by("file_index")
    _write_arrow(out / "errors.parquet", table)
    return int(table.num_rows)


def _write_arrow(path: Path, table: Any) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


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
    _write_bytes(
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


# -- reading results --
def report(out: Path, top: int = 10) -> str:
    """The summary of an archive folder, its top rules and top files (read from Parquet)."""
    try:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"{out}: not a finished archive run (summary.json: {exc})") from None
    import pyarrow.parquet as pq

    table = _read_findings(out)
    names = (
        dict(zip(table.column("code").to_pylist(), table.column("name").to_pylist(), strict=True))
        if table is not None
        else {}
    )
    lines = [
        f"{summary['files']} files, {summary['findings']} findings "
        + ", ".join(f"{k} {v}" for k, v in summary.get("by_severity", {}).items())
        + f"; {summary['file_errors']} file errors",
        "",
        "top rules:",
    ]
    for code, n in Counter(summary["by_rule"]).most_common(top):
        lines.append(f"  {n:>8}  {code} {names.get(code, '')}".rstrip())
    if table is not None and table.num_rows:
        lines += ["", "top files:"]
        for path, n in Counter(table.column("path").to_pylist()).most_common(top):
            lines.append(f"  {n:>8}  {path}")
    if summary["file_errors"]:
        errs = pq.read_table(out / "errors.parquet").column("error").to_pylist()
        lines += ["", "file errors:"] + [f"  {e}" for e in errs[:top]]
    return "\n".join(lines)


def _read_findings(out: Path) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted((out / FINDINGS).glob("part-*.parquet"))
    if not parts:
        return None
    return pa.concat_tables([pq.read_table(p) for p in parts])


def read_findings(out: Path) -> list[dict[str, Any]]:
    """Every finding of an archive folder, in ``check``'s order (file, then position, code)."""
    table = _read_findings(out)
    if table is None:
        return []
    rows = table.to_pylist()
    rows.sort(key=lambda r: (r["file_index"], r["offset"], r["end_offset"], r["code"]))
    return rows
