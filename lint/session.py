"""One ``wenlint check`` run, from options to a reporter: the session resolves the config of the
current directory and the rules it adds, collects the files, runs the checker over them (in
worker processes or not) and feeds each result, then the totals, to the reporter. The command
line (``wenlint.cli``) only turns flags into options and the outcome into an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from wenlint.check import STDIN, Checker, FileResult, Options
from wenlint.config import Config
from wenlint.diagnostic import Diagnostic
from wenlint.echo import echo
from wenlint.record import Record
from wenlint.registry import Registry
from wenlint.report import Reporter, Totals, tally
from wenlint.report.visible import unicode_name, visible
from wenlint.runner import registry_with_style


class UnknownRule(Exception):
    """A ``--select``/``--ignore``/``--extend-select`` token that names no rule."""


class Outcome(Record):
    __slots__ = ("diagnostics", "errors", "notes", "results", "timings")
    _fields = ("results", "diagnostics", "errors", "timings", "notes")
    results: list[FileResult]  # reported: without findings
    #: a stand-in of each finding, in run order (``wenlint.report.tally``)
    diagnostics: list[Diagnostic]
    errors: list[str]
    timings: dict[str, float]
    notes: list[str]  # run-level warnings, each printed once

    def __init__(
        self,
        results: list[FileResult] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        errors: list[str] | None = None,
        timings: dict[str, float] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.results = [] if results is None else results
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.errors = [] if errors is None else errors
        self.timings = {} if timings is None else timings
        self.notes = [] if notes is None else notes

    @property
    def internal_error(self) -> bool:
        """Whether a rule failed (the engine's rule E001 was reported)."""
        return any(d.code == "E001" for d in self.diagnostics)


class Session:
    """Raises ``ConfigError``, ``InputError`` or ``UnknownRule`` for what stops a run early."""

    def __init__(self, registry: Registry, options: Options) -> None:
        self.options = options
        self.checker = Checker(registry, options)
        #: The config of the current directory (language, fail-on of the run).
        self.config: Config = self.checker.config_for(Path.cwd())
        #: Every rule a selector may name: the registry and the config's house-style rules.
        self.rules = registry_with_style(registry, self.config)
        o = options.overrides
        for tok in [*(o.select or []), *o.ignore, *o.extend_select]:
            try:
                self.rules.resolve(tok)
            except KeyError:
                raise UnknownRule(tok) from None
        self.checker.ruleset_for(self.config)
        self._warned = 0

    def _open_cache(self, folder: Path | None) -> None:
        """The result cache: beside the config, or where ``--cache-dir`` says; a folder that
        cannot be made is one warning, and the run goes on without it."""
        from wenlint.cache import Cache, default_folder

        folder = folder or default_folder(self.config.path)
        try:
            Cache(folder).prepare()
        except OSError as exc:
            shown = visible(unicode_name(str(folder)))
            reason = visible(exc.strerror or str(exc))
            echo(
                f"wenlint: warning: cannot use the cache folder {shown} ({reason}); "
                "running without it",
                err=True,
            )
            return
        self.checker.use_cache(folder)
        self.checker.warm_cache(self.config)

    def targets(self, paths: Sequence[str]) -> tuple[list[tuple[str, Path | None]], list[str]]:
        """The files to lint (each once) and the paths given that do not exist."""
        missing = [p for p in paths if p != STDIN and not Path(p).exists()]
        given = [p for p in paths if p not in missing] if paths else ["."]
        targets = list(self.checker.collect(given))
        for _, path in targets:  # discovery here, so that an ignored config warns once
            self.checker.discover(path or Path(self.options.stdin_filename or "."))
        self.print_warnings()
        # standard input is never cached: a run that reads only it needs no cache folder
        if self.options.cache and not self.options.timing and any(p for _, p in targets):
            self._open_cache(self.options.cache_dir)
        return targets, missing

    def print_warnings(self) -> None:
        """Configs ignored as unsafe, one line each, once per run."""
        for line in self.checker.warnings[self._warned :]:
            echo(f"wenlint: warning: {visible(line)}", err=True)
        self._warned = len(self.checker.warnings)

    def run(
        self,
        targets: Sequence[tuple[str, Path | None]],
        missing: Sequence[str],
        reporter: Reporter,
        *,
        jobs: int,
        stdin: bytes | None,
        gate: Any = None,
        progress: str = "text",
    ) -> Outcome:
        """Lint ``targets`` and report them; file errors go to stderr as they happen."""
        out = Outcome(errors=[unicode_name(f"{p}: no such file or directory") for p in missing])
        out.errors += self.checker.walk_errors
        for e in out.errors:
            echo(f"wenlint: error: {visible(e)}", err=True)
        # findings are rendered where each file is linted when the reporter can (a baseline
        # needs the whole findings)
        prepare = reporter.prepare if gate is None else None
        expect = getattr(reporter, "expect", None)
        if expect is not None:  # a reporter writing files in path order (JSON) streams with it
            stdin_name = unicode_name(self.options.stdin_filename or STDIN)
            expect([shown if path is not None else stdin_name for shown, path in targets])
        run = self.checker.run(targets, stdin, jobs, prepare)
        try:
            self._feed(run, len(targets), progress, reporter, gate, out)
        finally:
            run.close()  # worker processes end here, however the run ends
        return out

    def _feed(
        self,
        run: Iterable[FileResult],
        count: int,
        progress: str,
        reporter: Reporter,
        gate: Any,
        out: Outcome,
    ) -> None:
        from wenlint.report.progress import track

        for r in track(run, count, progress, lambda r: r.path):
            if gate is not None:
                r.diagnostics = gate.file(r.path, r.text, r.diagnostics)
                r.rendered = None
            for code, secs in (r.timings or {}).items():
                out.timings[code] = out.timings.get(code, 0.0) + secs
            if r.error:
                out.errors.append(unicode_name(r.error))
                echo(f"wenlint: error: {visible(r.error)}", err=True)
            for note in r.notes:
                if note not in out.notes:
                    out.notes.append(note)
                    echo(f"wenlint: warning: {visible(note)}", err=True)
            if r.unconverged:
                shown = visible(r.path)
                echo(
                    f"wenlint: warning: {shown}: fixes did not converge; check the result", err=True
                )
            reporter.result(r)
            # keep memory to the largest file, not the corpus: of each finding only a shared
            # stand-in for the totals (code, name, severity, fixability)
            out.diagnostics.extend(tally(r.diagnostics))
            r.diagnostics, r.rendered = [], None
            if not r.stdin:
                r.text = r.lines = None
            out.results.append(r)

    def close(self, reporter: Reporter, out: Outcome) -> None:
        fixed = sum(r.fixed for r in out.results)
        reporter.close(Totals(len(out.results), out.errors, fixed, out.diagnostics))


def read_stdin(targets: Sequence[tuple[str, Path | None]]) -> bytes | None:
    """Standard input, when ``-`` is among the targets."""
    return sys.stdin.buffer.read() if any(p is None for _, p in targets) else None
