"""One ``wenlint check`` run: resolve files and configs, lint (and fix) each file, and add each
file's cross-file findings as its results come in. Output is left to the reporters; this module
returns results file by file."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint import notes
from wenlint.config import Config, ConfigError, find_config, load_config
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document, LineIndex, SourceInfo
from wenlint.files import excluded, walk_stat
from wenlint.fix import fix_text
from wenlint.io import InputError, decode, read_file, write_atomic
from wenlint.registry import Registry
from wenlint.report.visible import unicode_name
from wenlint.runner import (
    IN_FILE_ORDER,
    Overrides,
    RuleSet,
    build_ruleset,
    finish_file,
    lint_document,
)

if TYPE_CHECKING:
    from wenlint.cache import Cache

MARKDOWN_SUFFIXES = (".md", ".markdown")
STDIN = "-"


class PoolError(Exception):
    """The worker processes could not lint the files (``wenlint.parallel``: a worker died or
    raised); defined here so that a serial run never imports the pool's modules to catch it."""


@dataclass
class Options:
    config_file: Path | None = None
    no_config: bool = False
    overrides: Overrides = field(default_factory=Overrides)
    fix: bool = False
    diff: bool = False
    stdin_filename: str | None = None
    timing: bool = False
    exclude: tuple[str, ...] = ()  # --exclude: globs added to every config's exclude
    review: bool = False  # .docx: write a copy with a comment per finding (wenlint.docx)
    review_dir: Path | None = None
    encoding: str | None = None  # the files' encoding, not detected (--encoding)
    #: Use the result cache (``wenlint.cache``), in ``cache_dir`` (None: the default folder).
    cache: bool = False
    cache_dir: Path | None = None


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None  # the text the positions refer to (after fixes)
    error: str | None = None
    fixed: int = 0
    diff: bytes = b""  # --diff: the patch, in the file's bytes (wenlint.diff)
    kept: dict[str, Any] = field(default_factory=dict)
    ruleset: RuleSet | None = None  # not sent back from worker processes
    unconverged: bool = False
    timings: dict[str, float] | None = None
    stdin: bool = False
    source: SourceInfo | None = None  # how the input was stored (stdin --fix writes it back so)
    lines: LineIndex | None = None  # the line index of ``text``, built once where it was linted
    # The findings as the text reporter prints them, one per finding in order, when they were
    # rendered where the file was linted (a worker process): see ``wenlint.parallel``.
    rendered: list[str | None] | None = None
    cached: bool = False  # the findings were read from the result cache
    # For the main process to note in the cache: (settings, file, content hash, new entry or
    # None when the findings were read from it).
    cache_note: tuple[str, str, str, str | None] | None = None
    #: Run-level warnings raised while this file was linted (``wenlint.notes``).
    notes: list[str] = field(default_factory=list)


class Checker:
    def __init__(self, registry: Registry, options: Options) -> None:
        self.registry = registry
        self.options = options
        self._configs: dict[Path | None, Config] = {}
        self._rulesets: dict[Path | None, RuleSet] = {}
        self._dir_config: dict[Path, Path | None] = {}
        #: Configs discovery ignored as unsafe, one line each (``wenlint.config.find_config``);
        #: the session prints those of the main process (a worker's are the same, unprinted).
        self.warnings: list[str] = []
        #: Folders of a walked tree that could not be read, one line each (exit 2).
        self.walk_errors: list[str] = []
        if options.config_file is not None:
            self._explicit: Config | None = load_config(options.config_file)
        elif options.no_config:
            self._explicit = Config()
        else:
            self._explicit = None
        self._cache: Cache | None = None
        if options.cache and options.cache_dir is not None and not options.timing:
            from wenlint.cache import Cache  # (--timing measures the rules: no cache)

            self._cache = Cache(options.cache_dir, registry.versions)

    def use_cache(self, folder: Path) -> None:
        """Read and write results in the cache ``folder`` (worker processes too)."""
        import dataclasses

        from wenlint.cache import Cache

        self.options = dataclasses.replace(self.options, cache=True, cache_dir=folder)
        self._cache = Cache(folder, self.registry.versions)

    def warm_cache(self, config: Config) -> None:
        """Read the cache table of ``config``'s settings now: forked workers inherit it."""
        if self._cache is not None:
            settings = self._cache.settings(self.ruleset_for(config))
            if settings is not None:
                self._cache.table(settings)

    # -- configuration ---------------------------------------------------------------------------
    def config_for(self, path: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        cp = self.discover(path)
        if cp not in self._configs:
            cfg = load_config(cp) if cp else Config()
            if self.options.exclude:  # relative to the config's folder (none: the current one)
                cfg.exclude = [*cfg.exclude, *self.options.exclude]
            self._configs[cp] = cfg
        return self._configs[cp]

    def discover(self, path: Path) -> Path | None:
        """The config file that applies to ``path`` (found once per folder), or None."""
        if self._explicit is not None:
            return self._explicit.path
        d = (path if path.is_dir() else path.parent).resolve()
        if d not in self._dir_config:
            self._dir_config[d] = find_config(d, self._warn)
        return self._dir_config[d]

    def _unreadable(self, folder: Path, exc: OSError) -> None:
        why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
        self.walk_errors.append(f"{unicode_name(str(folder))}: cannot read folder ({why}), skipped")

    def _warn(self, line: str) -> None:
        if line not in self.warnings:
            self.warnings.append(line)

    def ruleset_for(self, cfg: Config) -> RuleSet:
        key = cfg.path
        if key not in self._rulesets:
            self._rulesets[key] = build_ruleset(self.registry, cfg, self.options.overrides)
        return self._rulesets[key]

    # -- files -----------------------------------------------------------------------------------
    def collect(self, paths: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
        """(display path, path) for every file to lint; (``-``, None) for stdin. Each file once."""
        seen: set[Any] = set()
        for p in paths:
            if p == STDIN:
                yield STDIN, None
                continue
            path = Path(p)
            if path.is_dir():
                cfg = self.config_for(path)
                base = cfg.root if cfg.path or cfg.exclude else path
                files = walk_stat(path, cfg.include, cfg.exclude, base, on_error=self._unreadable)
                for f, st in files:
                    key = (st.st_dev, st.st_ino) if st.st_ino else f.resolve()  # as _identity
                    if key not in seen:
                        seen.add(key)
                        yield unicode_name(str(f)), f
            elif path.exists() or path.is_symlink():
                key = _identity(path)
                if key in seen:
                    continue
                seen.add(key)
                cfg = self.config_for(path)
                if cfg.exclude and excluded(path, cfg.root, cfg.exclude):
                    continue
                yield unicode_name(p), path
            else:
                raise InputError(f"{p}: no such file or directory")

    # -- linting ---------------------------------------------------------------------------------
    def check_file(self, shown: str, path: Path | None, stdin: bytes | None = None) -> FileResult:
        result = self._check_file(shown, path, stdin)
        result.notes = notes.take()
        return result

    def _check_file(self, shown: str, path: Path | None, stdin: bytes | None) -> FileResult:
        name = unicode_name(self.options.stdin_filename or STDIN) if path is None else shown
        if path is not None and shown[-5:].lower() == ".docx":
            from wenlint.docx import check_docx

            return check_docx(self, name, path)
        result = FileResult(name, stdin=path is None)
        try:
            cfg = self.config_for(
                Path(self.options.stdin_filename or ".") if path is None else path
            )
            enc = self.options.encoding or cfg.encoding
            decoded = decode(stdin or b"", name, enc) if path is None else read_file(path, enc)
            ruleset = self.ruleset_for(cfg)
        except (InputError, ConfigError) as exc:
            result.error = str(exc)
            return result
        result.ruleset = ruleset
        result.source = decoded.source
        markdown = is_markdown(name)
        text = decoded.text

        result.timings = {} if self.options.timing else None
        cache, settings, content, key = self._cache, None, "", ""
        if cache is not None and path is not None:
            settings = cache.settings(ruleset)
            if settings is not None:
                from wenlint.cache import content_key

                key, content = (
                    os.path.abspath(path),
                    content_key(decoded.raw, decoded.source.encoding),
                )
                hit = cache.load(settings, key, content, name, ruleset)
                # with --fix or --diff, a hit is the answer when it has nothing to fix
                if hit is not None and not (
                    (self.options.fix or self.options.diff)
                    and any(d.fix is not None and d.fix.safe and d.fix.edits for d in hit[0])
                ):
                    result.diagnostics, result.kept = hit
                    result.text, result.lines, result.cached = text, LineIndex(text), True
                    result.cache_note = (settings, key, content, None)
                    return result

        def store() -> None:
            if settings is not None and cache is not None:
                entry = cache.entry(result.diagnostics, result.kept)
                if entry is not None:
                    result.cache_note = (settings, key, content, entry)

        def lint(t: str) -> list[Diagnostic]:
            doc = Document(name, t, source=decoded.source, markdown=markdown)
            diags, kept = lint_document(doc, ruleset, result.timings)
            result.kept, result.lines = kept, doc.lines
            return diags

        if self.options.fix or self.options.diff:
            from wenlint.diff import DiffError, file_diff

            fixed = fix_text(text, lint)
            result.unconverged = not fixed.converged
            result.diagnostics, result.fixed = fixed.diagnostics, fixed.applied
            if fixed.text != text:
                if self.options.diff:
                    real = (self.options.stdin_filename or STDIN) if path is None else str(path)
                    try:
                        result.diff = file_diff(real, text, fixed.text, decoded.source)
                    except DiffError as exc:
                        result.error = unicode_name(str(exc))
                    result.diagnostics = lint(text)  # report against what is on disk
                    result.text = text
                    store()
                    return result
                if path is not None:
                    try:
                        with uninterrupted():
                            write_atomic(path, fixed.text, decoded.source, decoded.raw)
                    except InputError as exc:
                        result.error = str(exc)
                        result.diagnostics = lint(text)
                        result.text, result.fixed = text, 0
                        return result
                text = fixed.text
            else:
                store()
            result.text = text
            return result
        result.diagnostics = lint(text)
        result.text = text
        store()
        return result

    def run(
        self,
        targets: Sequence[tuple[str, Path | None]],
        stdin: bytes | None,
        jobs: int,
        prepare: Callable[[FileResult], None] | None = None,
    ) -> Generator[FileResult, None, None]:
        """Results in ``targets`` order, cross-file findings included; files are linted in
        ``jobs`` worker processes when there are several (the order, and so the output, is the
        same as a serial run). ``prepare`` runs on each result where the file was linted, before
        the result travels (a reporter rendering it there)."""
        files = [t for t in targets if t[1] is not None]
        jobs = 1 if stdin is not None else worker_count(jobs, files)
        if jobs <= 1:
            for shown, path in targets:
                # (no ``prepare``: the reporter renders each finding as it writes it, never the
                # whole file's at once)
                r = self.check_file(shown, path, stdin if path is None else None)
                yield self.cross_file(r)
            self.save_cache()
            return
        from wenlint.parallel import WorkerSetup, lint_in_pool

        setup = WorkerSetup(self.registry, self.options, files, prepare)
        pool = lint_in_pool(setup, jobs)
        try:
            for result in pool:
                yield self.cross_file(result)
        finally:
            pool.close()  # the workers end with the run, however it ends
        self.save_cache()

    def save_cache(self) -> None:
        """Write down what the run added to the result cache (in the main process)."""
        if self._cache is not None:
            self._cache.save()

    def cross_file(self, r: FileResult) -> FileResult:
        """Add the findings of cross-file rules to ``r``: the rules see each file's kept facts in
        run order, in this (the main) process, and report against the files seen before."""
        if r.cache_note is not None and self._cache is not None:
            self._cache.note(*r.cache_note)
            r.cache_note = None
        if r.kept and not r.error and r.text is not None:
            rs = r.ruleset or self.ruleset_for(self._explicit or self.config_for(Path(r.path)))
            doc = Document(r.path, r.text, markdown=is_markdown(r.path), lines=r.lines)
            extra = finish_file(doc, rs, r.kept)
            if extra:
                merged = [*r.diagnostics, *extra]
                order = sorted(range(len(merged)), key=lambda i: IN_FILE_ORDER(merged[i]))
                r.diagnostics = [merged[i] for i in order]
                if r.rendered is not None:  # cross-file findings are rendered by the reporter
                    shown = [*r.rendered, *[None] * len(extra)]
                    r.rendered = [shown[i] for i in order]
        r.kept = {}  # facts live on in the rules that need them, not in every result
        return r


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM wait until the block is done: a file being fixed is written
    whole or not at all, and its temporary file never stays behind. The write takes
    milliseconds; a signal that came meanwhile (or just before, its handler not yet run) acts
    right after it, through the handler that was in place."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    kinds = (signal.SIGINT, signal.SIGTERM)
    before = {k: signal.signal(k, lambda signum, frame: came.append(signum)) for k in kinds}
    try:
        yield
    finally:
        for k, handler in before.items():
            signal.signal(k, handler)
        for signum in dict.fromkeys(came):
            handler = before[signal.Signals(signum)]
            if callable(handler):
                handler(signum, None)
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), signum)


#: Below this many bytes of files in all, a run with the default ``--jobs`` (0) lints in this
#: process: starting the workers costs more than they save (measured: tests/perf/bench.py).
SERIAL_BYTES = 1_000_000


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, as ``taskset`` or a container sets it),
    not the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def worker_count(jobs: int, files: Sequence[tuple[str, Path | None]]) -> int:
    """The worker processes of a run asked for ``jobs`` (0: one per available CPU); 1 means the
    run is serial. Never more than the CPUs available (``--jobs 64`` on two cores was five times
    slower than ``--jobs 2``) nor than the files; with the default, serial when the files are
    too few or too small to pay for the pool (``SERIAL_BYTES``)."""
    cpus = available_cpus()
    count = min(jobs or cpus, cpus, len(files))
    if jobs == 0 and count > 1:
        total = 0
        for _, path in files:
            try:
                total += os.stat(path).st_size if path is not None else 0
            except OSError:
                continue
            if total >= SERIAL_BYTES:
                break
        else:
            return 1
    return max(1, count)


def is_markdown(name: str) -> bool:
    """Whether the file is linted as Markdown, by its suffix."""
    # a name ending in .txt (most files) is not: no Path to build for it
    return not name.endswith(".txt") and Path(name).suffix.lower() in MARKDOWN_SUFFIXES


def _identity(path: Path) -> Any:
    """What makes two paths one file: its device and inode (one stat, where resolving a path
    costs a system call per folder), or the resolved path when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return path.resolve()
    return (st.st_dev, st.st_ino) if st.st_ino else path.resolve()


def unified_diff(name: str, before: str, after: str) -> bytes:
    """The diff of two texts as UTF-8 (see ``wenlint.diff.file_diff`` for a file's own bytes)."""
    from wenlint.diff import file_diff

    return file_diff(name, before, after)
