"""One ``wenlint check`` run: resolve files and configs, lint (and fix) each file, and add each
file's cross-file findings as its results come in. Output is left to the reporters; this module
returns results file by file."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint import notes
from wenlint.config import Config, ConfigError, find_config, load_config
from wenlint.diagnostic import Applicability, Diagnostic, Fix
from wenlint.document import Document, LineIndex, SourceInfo, Span, is_docx
from wenlint.files import excluded, walk_stat
from wenlint.fix import fix_text
from wenlint.io import InputError, decode, read_bytes, read_file, write_atomic
from wenlint.record import Record
from wenlint.registry import Registry
from wenlint.report.visible import unicode_name
from wenlint.rule import Severity, T
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


#: What a finding rendered where it was linted keeps of its fix: whether there is one and
#: whether it is safe (0, 1, 2); and its message (the text is in ``FileResult.rendered``).
FIX_STATE: tuple[Fix | None, ...] = (
    None,
    Fix((), Applicability.SAFE),
    Fix((), Applicability.UNSAFE),
)
SHOWN = T(zh="", en="")


def light(
    path: str, code: str, name: str, severity: int, start: int, end: int, fix: int
) -> Diagnostic:
    """A finding already rendered (by a worker, or read from the cache with its rendering):
    what the totals, the order and the exit code read of it."""
    return Diagnostic(
        path, code, name, Severity(severity), Span(start, end), SHOWN, fix=FIX_STATE[fix]
    )


def light_row(d: Diagnostic) -> tuple[str, str, int, int, int, int]:
    """What ``light`` makes a finding from: its code, name, severity, span and fix state."""
    fix = d.fix
    state = 0 if fix is None else 1 if fix.safe else 2
    return d.code, d.name, int(d.severity), d.span.start, d.span.end, state


def _discard(rule: Any, finding: Any) -> None:
    """The sink of a ``finish`` replayed for its facts only (its findings were read back)."""


class PoolError(Exception):
    """The worker processes could not lint the files (``wenlint.parallel``: a worker died or
    raised); defined here so that a serial run never imports the pool's modules to catch it."""


class Options(Record):
    __slots__ = (
        "cache",
        "cache_dir",
        "config_file",
        "diff",
        "encoding",
        "exclude",
        "fix",
        "no_config",
        "overrides",
        "review",
        "review_dir",
        "stdin_filename",
        "timing",
    )
    _fields = (
        "config_file",
        "no_config",
        "overrides",
        "fix",
        "diff",
        "stdin_filename",
        "timing",
        "exclude",
        "review",
        "review_dir",
        "encoding",
        "cache",
        "cache_dir",
    )
    config_file: Path | None
    no_config: bool
    overrides: Overrides
    fix: bool
    diff: bool
    stdin_filename: str | None
    timing: bool
    exclude: tuple[str, ...]  # --exclude: globs added to every config's exclude
    review: bool  # .docx: write a copy with a comment per finding (wenlint.docx)
    review_dir: Path | None
    encoding: str | None  # the files' encoding, not detected (--encoding)
    #: Use the result cache (``wenlint.cache``), in ``cache_dir`` (None: the default folder).
    cache: bool
    cache_dir: Path | None

    def __init__(
        self,
        config_file: Path | None = None,
        no_config: bool = False,
        overrides: Overrides | None = None,
        fix: bool = False,
        diff: bool = False,
        stdin_filename: str | None = None,
        timing: bool = False,
        exclude: tuple[str, ...] = (),
        review: bool = False,
        review_dir: Path | None = None,
        encoding: str | None = None,
        cache: bool = False,
        cache_dir: Path | None = None,
    ) -> None:
        self.config_file = config_file
        self.no_config = no_config
        self.overrides = Overrides() if overrides is None else overrides
        self.fix = fix
        self.diff = diff
        self.stdin_filename = stdin_filename
        self.timing = timing
        self.exclude = exclude
        self.review = review
        self.review_dir = review_dir
        self.encoding = encoding
        self.cache = cache
        self.cache_dir = cache_dir


class FileResult(Record):
    __slots__ = (
        "cache_entry",
        "cache_note",
        "cached",
        "diagnostics",
        "diff",
        "error",
        "fixed",
        "joined",
        "kept",
        "kept_text",
        "lines",
        "notes",
        "path",
        "real",
        "rendered",
        "ruleset",
        "source",
        "stdin",
        "text",
        "timings",
        "unconverged",
    )
    _fields = (
        "path",
        "diagnostics",
        "text",
        "error",
        "fixed",
        "diff",
        "kept",
        "ruleset",
        "unconverged",
        "timings",
        "stdin",
        "source",
        "lines",
        "rendered",
        "cached",
        "cache_note",
        "cache_entry",
        "real",
        "kept_text",
        "joined",
        "notes",
    )
    path: str
    diagnostics: list[Diagnostic]
    text: str | None  # the text the positions refer to (after fixes)
    error: str | None
    fixed: int
    diff: bytes  # --diff: the patch, in the file's bytes (wenlint.diff)
    kept: dict[str, Any]
    ruleset: RuleSet | None  # not sent back from worker processes
    unconverged: bool
    timings: dict[str, float] | None
    stdin: bool
    source: SourceInfo | None  # how the input was stored (stdin --fix writes it back so)
    lines: LineIndex | None  # the line index of ``text``, built once where it was linted
    # The findings as the text reporter prints them, one per finding in order, when they were
    # rendered where the file was linted (a worker process): see ``wenlint.parallel``.
    rendered: Sequence[str | None] | None
    cached: bool  # the findings were read from the result cache
    # For the main process to note in the cache: (settings, file, content hash, the temporary
    # file its new entry was written to ("" until it is), or None when the findings were read
    # from it).
    cache_note: tuple[str, str, str, str | None] | None
    #: The cache entry of this file (``wenlint.cache.Entry``), while what the reporter renders
    #: where the file was linted may still be added to it (``Checker.finalize``); never sent.
    cache_entry: Any
    #: The file read from the cache without decoding it (its text is read again if needed).
    real: str | None
    #: Read from the cache: the kept facts as the entry holds them (decoded when a cross-file
    #: rule needs them) and the cross-file findings the entry holds (``Checker.cross_file``).
    kept_text: str | None
    joined: dict[str, Any] | None
    #: Run-level warnings raised while this file was linted (``wenlint.notes``).
    notes: list[str]

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] | None = None,
        text: str | None = None,
        error: str | None = None,
        fixed: int = 0,
        diff: bytes = b"",
        kept: dict[str, Any] | None = None,
        ruleset: RuleSet | None = None,
        unconverged: bool = False,
        timings: dict[str, float] | None = None,
        stdin: bool = False,
        source: SourceInfo | None = None,
        lines: LineIndex | None = None,
        rendered: Sequence[str | None] | None = None,
        cached: bool = False,
        cache_note: tuple[str, str, str, str | None] | None = None,
        cache_entry: Any = None,
        real: str | None = None,
        kept_text: str | None = None,
        joined: dict[str, Any] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.text = text
        self.error = error
        self.fixed = fixed
        self.diff = diff
        self.kept = {} if kept is None else kept
        self.ruleset = ruleset
        self.unconverged = unconverged
        self.timings = timings
        self.stdin = stdin
        self.source = source
        self.lines = lines
        self.rendered = rendered
        self.cached = cached
        self.cache_note = cache_note
        self.cache_entry = cache_entry
        self.real = real
        self.kept_text = kept_text
        self.joined = joined
        self.notes = [] if notes is None else notes


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
        #: What the reporter's rendering depends on (``wenlint.cache.render_key``), when the
        #: cache keeps it: set by ``run`` (and in each worker process).
        self.render_key: str | None = None
        # The cross-file join, in the main process: the chain of the files seen so far (None:
        # broken, by a file the cache does not hold), the files whose cross-file findings were
        # read back (their facts are replayed into the rules when a later file is not), and
        # whether the rules have seen every file so far.
        self._chain: str | None = ""
        self._pending: list[tuple[RuleSet, FileResult]] = []
        self._live = False
        self._prepare: Callable[[FileResult], None] | None = None
        if options.cache and options.cache_dir is not None and not options.timing:
            from wenlint.cache import Cache  # (--timing measures the rules: no cache)

            self._cache = Cache(options.cache_dir, registry.versions)

    def use_cache(self, folder: Path) -> None:
        """Read and write results in the cache ``folder`` (worker processes too)."""
        from wenlint.cache import Cache

        self.options = self.options._replace(cache=True, cache_dir=folder)
        self._cache = Cache(folder, self.registry.versions)

    def warm_cache(self, config: Config) -> None:
        """Make the cache's settings key of ``config`` now: forked workers inherit it."""
        if self._cache is not None:
            self._cache.settings(self.ruleset_for(config))

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
        if path is not None and is_docx(shown):
            from wenlint.docx import check_docx

            return check_docx(self, name, path)
        result = FileResult(name, stdin=path is None)
        try:
            cfg = self.config_for(
                Path(self.options.stdin_filename or ".") if path is None else path
            )
            enc = self.options.encoding or cfg.encoding
            if path is None:
                decoded = decode(stdin or b"", name, enc)
            else:
                raw = read_bytes(path, str(path))
                if self._read_back(result, path, raw, enc, cfg):
                    return result
                decoded = decode(raw, str(path), enc)
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

                key = os.path.abspath(path)
                content = content_key(decoded.raw, decoded.source.encoding, enc)
                fixing = self.options.fix or self.options.diff
                rk = None if fixing else self._render_key(name)
                hit = cache.load(settings, key, content, name, ruleset, rk)
                # with --fix or --diff, a hit is the answer when it has nothing to fix
                if hit is not None and not (
                    fixing
                    and any(
                        d.fix is not None and d.fix.safe and d.fix.edits for d in hit.diagnostics
                    )
                ):
                    result.diagnostics, result.kept = hit.diagnostics, hit.kept
                    result.text, result.lines, result.cached = text, LineIndex(text), True
                    result.rendered, result.joined = hit.rendered, hit.joined
                    result.cache_note = (settings, key, content, None)
                    if rk is not None and hit.rendered is None:
                        result.cache_entry = hit.data.entry()  # its rendering is added once made
                    return result

        def store() -> None:
            if settings is not None and cache is not None:
                used = (enc, decoded.source.encoding)
                entry = cache.entry(result.diagnostics, result.kept, used)
                if entry is not None:
                    result.cache_note = (settings, key, content, "")
                    result.cache_entry = entry

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

    def _render_key(self, name: str) -> str | None:
        """The key of the reporter's rendering of the findings of the file shown as ``name``
        (they show its name)."""
        return None if self.render_key is None else f"{self.render_key}:{name}"

    def _read_back(
        self, result: FileResult, path: Path, raw: bytes, enc: str | None, cfg: Config
    ) -> bool:
        """A file whose entry holds for its bytes and has the findings rendered for this run's
        reporter is read back without decoding it: its bytes are hashed with the codec the
        entry says they were read with. Not with --fix, --diff or --timing."""
        cache, rk = self._cache, self._render_key(result.path)
        if cache is None or rk is None or self.options.fix or self.options.diff:
            return False
        try:
            ruleset = self.ruleset_for(cfg)
        except ConfigError:
            return False  # said by the usual path
        settings = cache.settings(ruleset)
        if settings is None:
            return False
        key = os.path.abspath(path)
        row = cache.row(settings, key)
        if row is None:
            return False
        parts = row[0].split(":")
        if len(parts) != 3 or parts[0] != (enc or "*"):
            return False
        from wenlint.cache import content_key

        content = content_key(raw, parts[1], enc)
        if content != row[0]:
            return False
        hit = cache.load(settings, key, content, result.path, ruleset, rk, facts=False)
        if hit is None or hit.rendered is None:
            return False
        result.ruleset = ruleset
        result.diagnostics, result.rendered = hit.diagnostics, hit.rendered
        result.kept_text, result.joined = hit.kept_text, hit.joined
        result.cached, result.real = True, key
        result.cache_note = (settings, key, content, None)
        return True

    def finalize(self, r: FileResult, prepare: Callable[[FileResult], None] | None = None) -> None:
        """Once the reporter rendered ``r`` where it was linted (or, given ``prepare``, as its
        entry is written: then ``r.rendered`` is read back from it as it is printed): its cache
        entry keeps that rendering, and is written to a temporary file (its name is what
        travels back from a worker)."""
        entry, r.cache_entry = r.cache_entry, None
        note, cache = r.cache_note, self._cache
        if entry is None or note is None or cache is None:
            return
        rk = self._render_key(r.path)
        lazy = False
        if rk is not None and not r.diagnostics:
            entry.add_rendering(rk, [])  # no findings: nothing to render
        elif rk is not None and r.rendered is not None and entry.add_rendering(rk, r.rendered):
            pass
        elif rk is not None and prepare is not None and r.text is not None and r.lines is not None:
            entry.render(rk, prepare, r)
            lazy = True
        elif note[3] is None:
            return  # read from the cache, nothing to add
        spool = cache.spool(note[0], note[1], note[2], entry)
        r.cache_note = (note[0], note[1], note[2], spool) if spool is not None else None
        if lazy and spool is not None and rk is not None:
            r.rendered = cache.spooled_rendering(spool, rk)

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
        self._prepare = prepare
        if self._cache is not None and prepare is not None:
            from wenlint.cache import render_key

            self.render_key = render_key(prepare)
        if stdin is not None:
            jobs = 1
        else:  # by default, files the cache holds do not count: they are read back
            jobs = worker_count(jobs, self._probable_misses(files) if jobs == 0 else files)
        if jobs <= 1:
            for shown, path in targets:
                r = self.check_file(shown, path, stdin if path is None else None)
                # No ``prepare`` here: the reporter renders each finding as it writes it, never
                # the whole file's at once. The cache keeps a file's findings as rendered: made
                # a few at a time as its entry is written, and read back from it to be printed.
                self.finalize(r, prepare)
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

    def _probable_misses(
        self, files: Sequence[tuple[str, Path | None]]
    ) -> Sequence[tuple[str, Path | None]]:
        """The files the cache is not likely to hold: no entry, or changed since it was last
        used (by their modification time; the hash of their bytes decides when they are
        read). What is left decides between this process and a pool."""
        cache = self._cache
        if cache is None or self.options.fix or self.options.diff:
            return files
        out = []
        for shown, path in files:
            if path is None:
                continue
            try:
                st = os.stat(path)
                settings = cache.settings(self.ruleset_for(self.config_for(path)))
            except (OSError, ConfigError):
                out.append((shown, path))
                continue
            row = None if settings is None else cache.row(settings, os.path.abspath(path))
            if row is None or int(st.st_mtime) > row[1]:
                out.append((shown, path))
        return out

    def cross_file(self, r: FileResult) -> FileResult:
        """Add the findings of cross-file rules to ``r``: the rules see each file's kept facts in
        run order, in this (the main) process, and report against the files seen before.

        With the cache, the run so far is a chain (each file's settings, name, path and
        content hash, in order): a file the cache holds for the same chain gets the cross-file
        findings it had then, and its facts wait; the first file that is not has every waiting
        file's facts replayed into the rules first, and from then on the rules see each file."""
        cache, note = self._cache, r.cache_note
        if note is not None and cache is not None:
            cache.note(*note)
            r.cache_note = None
        chain = self._chain
        if chain is not None:
            if note is None or r.error or cache is None:
                chain = None
            else:
                from wenlint.cache import _digest

                chain = _digest("\0".join([chain, note[0], r.path, note[1], note[2]]).encode())
            self._chain = chain
        joined, r.joined = r.joined, None
        if (r.kept or r.kept_text) and not r.error and (r.text is not None or r.real):
            rs = r.ruleset or self.ruleset_for(self._explicit or self.config_for(Path(r.path)))
            rk = self._render_key(r.path)
            reused = None
            if cache is not None and chain is not None and not self._live:
                reused = cache.joined(joined, chain, r.path, rk)
            if reused is not None and reused[0] and reused[1] is None and rk is not None:
                # held, but not as this reporter renders them: rendered here (the file's text
                # read again if it was read back), and kept
                if r.text is None:
                    r.text = self._text_again(r)
                if r.text is None or self._prepare is None:
                    reused = None
                else:
                    lines = r.lines or LineIndex(r.text)
                    drawn = FileResult(r.path, reused[0], text=r.text, lines=lines)
                    self._prepare(drawn)
                    reused = (reused[0], drawn.rendered)
                    if cache is not None and note is not None and chain is not None:
                        cache.note_joined(
                            note[0], note[1], note[2], chain, reused[0], rk, drawn.rendered
                        )
            if reused is not None:
                extra, shown_extra = reused
                self._pending.append((rs, r))
            else:
                self._replay()
                made = self._join(r, rs, note, chain, rk)
                if made is None:
                    r.kept, r.kept_text = {}, None
                    return r
                extra, shown_extra = made
            if extra:
                merged = [*r.diagnostics, *extra]
                order = sorted(range(len(merged)), key=lambda i: IN_FILE_ORDER(merged[i]))
                r.diagnostics = [merged[i] for i in order]
                if r.rendered is not None or shown_extra is not None:
                    # cross-file findings not rendered here are rendered by the reporter
                    shown = [
                        *(r.rendered or [None] * (len(merged) - len(extra))),
                        *(shown_extra or [None] * len(extra)),
                    ]
                    r.rendered = [shown[i] for i in order]
        if not self._pending or self._pending[-1][1] is not r:
            r.kept, r.kept_text = {}, None  # facts live on in the rules, not in every result
        return r

    def _join(
        self,
        r: FileResult,
        rs: RuleSet,
        note: tuple[str, str, str, Any] | None,
        chain: str | None,
        rk: str | None,
    ) -> tuple[list[Diagnostic], Sequence[Any] | None] | None:
        """The cross-file findings of ``r`` from the rules, and their rendering when made here;
        None when its facts cannot be had."""
        if not self._facts(r, rs):
            return None
        text = r.text
        if text is None:  # read back without decoding: the join needs it now
            text = r.text = self._text_again(r)
            if text is None:
                return None
        doc = Document(r.path, text, markdown=is_markdown(r.path), lines=r.lines)
        extra = finish_file(doc, rs, r.kept)
        shown_extra = None
        if extra and rk is not None and self._prepare is not None:
            made = FileResult(r.path, extra, text=text, lines=doc.lines)
            self._prepare(made)
            shown_extra = made.rendered
        cache = self._cache
        if cache is not None and note is not None and chain is not None:
            cache.note_joined(note[0], note[1], note[2], chain, extra, rk, shown_extra)
        return extra, shown_extra

    def _facts(self, r: FileResult, rs: RuleSet) -> bool:
        """``r.kept`` decoded from the entry's text when it was read back; an entry whose facts
        do not decode has its file linted again (False: it cannot be)."""
        if r.kept_text is None:
            return True
        text, r.kept_text = r.kept_text, None
        from wenlint.cache import Cache

        try:
            r.kept = Cache.facts_of(text, rs)
            return True
        except Exception:
            pass
        fresh = self._lint_again(r)
        if fresh is None:
            return False
        r.diagnostics, r.kept, r.text, r.lines = (
            fresh.diagnostics,
            fresh.kept,
            fresh.text,
            fresh.lines,
        )
        r.rendered = fresh.rendered
        return True

    def _lint_again(self, r: FileResult) -> FileResult | None:
        """``r``'s file linted anew, without the cache (its entry did not hold)."""
        cache, self._cache = self._cache, None
        try:
            fresh = self.check_file(r.path, Path(r.real or r.path))
        finally:
            self._cache = cache
        if fresh.error:
            return None
        if self._prepare is not None:
            self._prepare(fresh)
        return fresh

    def _replay(self) -> None:
        """The facts of the files whose cross-file findings were read back go into the rules
        (in run order, their findings discarded): a later file is then joined as in a run
        without the cache."""
        self._live = True
        if not self._pending:
            return
        from wenlint.rule import FinishContext, Rule

        pending, self._pending = self._pending, []
        for rs, r in pending:
            got = self._facts(r, rs)
            kept, r.kept = r.kept, {}
            if not got:
                continue
            for rule in rs.rules:
                facts = kept.get(rule.code)
                if facts is None or type(rule).finish is Rule.finish:
                    continue
                # an exception leaves the rule as it left it in the run that made the entry
                with contextlib.suppress(Exception):
                    rule.finish(r.path, facts, FinishContext(rule, _discard))

    def _text_again(self, r: FileResult) -> str | None:
        """The text of a file read back without decoding it."""
        try:
            cfg = self.config_for(Path(r.real or r.path))
            decoded = read_file(Path(r.real or r.path), self.options.encoding or cfg.encoding)
        except (InputError, ConfigError):
            return None
        r.lines = LineIndex(decoded.text)
        return decoded.text


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
