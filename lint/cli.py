"""The ``wenlint`` command. Heavy modules are imported inside commands, so start-up stays short."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from wenlint import __version__
from wenlint.echo import echo

if TYPE_CHECKING:
    from wenlint.registry import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """One clear line on stderr, exit 2 (what the message quotes of names or text is shown
    visibly: it cannot break the line or drive the terminal)."""
    from wenlint.report.visible import visible

    echo(f"wenlint: error: {visible(message)}", err=True)
    sys.exit(EXIT_ERROR)


def _registry(with_config: bool = False) -> Registry:
    """Every registered rule; with ``with_config``, plus the house-style rules of the config
    found from the current directory."""
    from wenlint.config import ConfigError
    from wenlint.registry import RegistryError, load_registry

    try:
        registry = load_registry()
        if with_config:
            from pathlib import Path

            from wenlint.config import find_config, load_config
            from wenlint.runner import registry_with_style

            found = find_config(Path.cwd(), _warn)
            registry = registry_with_style(registry, load_config(found) if found else None)
        return registry
    except (RegistryError, ConfigError) as exc:
        fail(str(exc))


def _warn(line: str) -> None:
    from wenlint.report.visible import visible

    echo(f"wenlint: warning: {visible(line)}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        # click reports usage errors itself (exit 2). Here, inside click's own handlers (which
        # would print "Aborted!" and exit 1 on Ctrl-C): an interrupted run exits 130, a report
        # that cannot be written (full disk, closed stdout, broken pipe) is one line and exit 2,
        # whenever it happens, the last flush before exit included.
        from wenlint.registry import RegistryError
        from wenlint.report.stream import ReportWriteError, drop_stdout, guard_stdout

        out = guard_stdout()
        try:
            try:
                return super().invoke(ctx)
            finally:
                out.flush()
        except KeyboardInterrupt:
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second press changes nothing now
            _say("wenlint: interrupted")
            sys.exit(130)
        except ReportWriteError as exc:
            drop_stdout()
            _say(f"wenlint: error: {exc}")
            sys.exit(EXIT_ERROR)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors (exit 2) and --help/--version
        except RegistryError as exc:  # a family imported when first used (wenlint.registry)
            _say(f"wenlint: error: {exc}")
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            # an internal error (a bug): one line and exit 2, never a traceback and never 1
            # (the "findings" code); WENLINT_DEBUG=1 lets it through with its traceback
            if os.environ.get("WENLINT_DEBUG", "") not in ("", "0"):
                raise
            _internal_error(exc)


def _internal_error(exc: BaseException) -> NoReturn:
    from wenlint.report.visible import visible

    with contextlib.suppress(Exception):
        sys.stdout.flush()
    what = visible(f"{type(exc).__name__}: {str(exc)[:300]}")
    _say(f"wenlint: internal error: {what}; please report it (WENLINT_DEBUG=1 shows where)")
    sys.exit(EXIT_ERROR)


def _say(line: str) -> None:
    """One line on stderr, when there is a stderr to write to."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        echo(line, err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wenlint", message="%(prog)s %(version)s")
def main() -> None:
    """wenlint — a quality and consistency linter for Chinese documents."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "gitlab", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "--select", multiple=True, help="Codes, prefixes or names to check (comma-separated)."
)
@click.option("--ignore", multiple=True, help="Codes, prefixes or names to skip.")
@click.option("--extend-select", multiple=True, help="Add to the selection of the config.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that fails the run [config or info].",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--diff", is_flag=True, help="Print safe fixes as a unified diff; write nothing.")
@click.option("--review", is_flag=True, help=".docx: write NAME.wenlint.docx, a comment a finding.")
@click.option(
    "--review-dir", type=click.Path(file_okay=False), default=None, help="Put review copies here."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Use this config file.",
)
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--stdin-filename", default=None, help="Name (and type) of the text read from '-'.")
@click.option("--encoding", default=None, help="The files' encoding (big5, gbk...), not detected.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Language of messages [config or zh].",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option("--statistics", is_flag=True, help="Print counts per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes [0 = one per CPU available; serial below 1 MB of files].",
)
@click.option("--timing", is_flag=True, help="Print the time each rule took (on stderr).")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record every finding in this baseline file (and report none).",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 whatever the findings (a file that cannot be checked still exits 2).",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (replaced whole, once complete) instead of stdout.",
)
@click.option(
    "--exclude",
    multiple=True,
    help="Skip files matching this glob (repeatable; added to the config's exclude).",
)
@click.option(
    "--pretty", is_flag=True, help="--format json: indent the document (compact by default)."
)
@click.option("--no-cache", is_flag=True, help="Lint every file anew (also WENLINT_NO_CACHE=1).")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Result cache folder [.wenlint_cache beside the config].",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    fix: bool,
    diff: bool,
    review: bool,
    review_dir: str | None,
    config_file: str | None,
    no_config: bool,
    stdin_filename: str | None,
    encoding: str | None,
    lang: str | None,
    color: str,
    statistics: bool,
    quiet: bool,
    jobs: int,
    timing: bool,
    baseline: str | None,
    write_baseline: str | None,
    exit_zero: bool,
    output_file: str | None,
    exclude: tuple[str, ...],
    pretty: bool,
    no_cache: bool,
    cache_dir: str | None,
) -> None:
    """Lint files and directories ('-' reads standard input)."""
    from pathlib import Path

    from wenlint.check import Options, PoolError
    from wenlint.config import ConfigError
    from wenlint.io import InputError
    from wenlint.report import DiffReporter, Reporter, StdinFixReporter, reporter_for
    from wenlint.rule import Severity
    from wenlint.runner import Overrides
    from wenlint.session import Session, UnknownRule, read_stdin

    if fix and diff:
        fail("--fix and --diff cannot be used together")
    if (review or review_dir) and (fix or diff):
        fail("--review cannot be used with --fix or --diff (review the file, then fix it)")
    if review_dir and not Path(review_dir).is_dir():
        fail(f"--review-dir {review_dir}: no such folder")
    registry = _registry()
    options = Options(
        config_file=Path(config_file) if config_file else None,
        no_config=no_config,
        overrides=Overrides(
            select=_split(select) or None,
            ignore=_split(ignore),
            extend_select=_split(extend_select),
        ),
        fix=fix,
        diff=diff,
        stdin_filename=stdin_filename,
        timing=timing,
        exclude=tuple(g for g in exclude if g.strip()),
        review=review or review_dir is not None,
        review_dir=Path(review_dir) if review_dir else None,
        encoding=_encoding(encoding),
        cache=not no_cache and os.environ.get("WENLINT_NO_CACHE", "") in ("", "0"),
        cache_dir=Path(cache_dir) if cache_dir else None,
    )
    try:
        session = Session(registry, options)
        targets, missing = session.targets(paths)
    except UnknownRule as exc:
        fail(f"unknown rule {exc.args[0]!r} (see `wenlint rules`)")
    except (ConfigError, InputError) as exc:
        fail(str(exc))
    lang = lang or session.config.lang
    threshold = Severity.parse(fail_on) if fail_on else session.config.fail_on
    report_file = _ReportFile.open(output_file) if output_file else None  # stdout goes there
    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    stdin_bytes = read_stdin(targets)

    def text() -> Reporter:
        return reporter_for(
            "text",
            registry,
            lang=lang,
            color=use_color,
            width=_terminal_width(),
            statistics=statistics,
            summary=not quiet,
        )

    reporter: Reporter
    if diff:
        reporter = DiffReporter()
    elif fix and stdin_bytes is not None:
        reporter = StdinFixReporter(stdin_bytes, text() if fmt == "text" else None)
    else:
        reporter = (
            text() if fmt == "text" else reporter_for(fmt, registry, lang=lang, pretty=pretty)
        )
    gate = _gate(baseline, write_baseline, lang)
    # What exists now (modules, rules, configs) lives for the whole run, and so do the results:
    # keep the collector off the former and let it run less often (worker processes inherit this).
    if not gc.get_freeze_count():
        gc.freeze()
        gc.set_threshold(20_000, 20, 100)
    try:
        out = session.run(
            targets, missing, reporter, jobs=jobs, stdin=stdin_bytes, gate=gate, progress=fmt
        )
    except PoolError as exc:  # a worker process died or raised
        fail(str(exc))
    if timing:
        _print_timings(registry, out.timings)
    session.close(reporter, out)
    if gate is not None:
        _close_gate(gate, quiet)
    if report_file is not None:
        report_file.commit()
        if not quiet:
            counted = _counted(out.diagnostics, lang)
            _say(f"wenlint: report written to {report_file.shown} ({counted})")
    if out.errors or out.internal_error:
        sys.exit(EXIT_ERROR)
    if exit_zero:
        sys.exit(EXIT_OK)
    if diff:
        sys.exit(EXIT_FINDINGS if any(r.diff for r in out.results) else EXIT_OK)
    sys.exit(EXIT_FINDINGS if any(d.severity >= threshold for d in out.diagnostics) else EXIT_OK)


class _ReportFile:
    """``--output-file``: standard output is held in memory while the report is written, then
    ``commit`` makes it the file's contents whole (``wenlint.io.replace_contents``: a reader never
    sees half a report, a run that fails midway leaves the old file as it was, a link is written
    through); a FIFO or a device (``/dev/stdout``) is written directly. Standard output is given
    back when the command ends, however it ends."""

    def __init__(self, target: Any, saved: Any) -> None:
        self.target, self.saved = target, saved
        self.data = io.BytesIO()
        self.stream = io.TextIOWrapper(self.data, encoding="utf-8", newline="")

    @classmethod
    def open(cls, path: str) -> _ReportFile:
        from pathlib import Path

        from wenlint.report.stream import GuardedOut

        target = Path(path)
        if target.is_dir():
            fail(f"--output-file {path}: is a folder")
        if not target.parent.is_dir():
            fail(f"--output-file {path}: no such folder {str(target.parent)!r}")
        report = cls(target, sys.stdout)
        sys.stdout = GuardedOut(report.stream)
        click.get_current_context().call_on_close(report.restore)
        return report

    def restore(self) -> None:
        sys.stdout = self.saved

    def commit(self) -> None:
        import stat

        from wenlint.io import InputError, replace_contents, write_special

        sys.stdout.flush()
        self.stream.flush()
        data = self.data.getvalue()
        try:
            st: os.stat_result | None = os.stat(self.target)
        except OSError:
            st = None
        try:
            if st is not None and not stat.S_ISREG(st.st_mode):
                write_special(self.target, data)
            else:
                replace_contents(self.target, data, what="report")
        except InputError as exc:
            fail(f"--output-file {exc}")
        except OSError as exc:
            fail(f"--output-file {self.target}: cannot write ({exc.strerror or exc})")
        self.restore()

    @property
    def shown(self) -> str:
        from wenlint.report.visible import visible

        return visible(str(self.target))


def _counted(diags: Any, lang: str) -> str:
    from collections import Counter

    from wenlint.rule import Severity

    n = Counter(d.severity for d in diags)
    e, w, i = n[Severity.ERROR], n[Severity.WARNING], n[Severity.INFO]
    if lang == "zh":
        return f"共 {len(diags)} 处问题：错误 {e}，警告 {w}，提示 {i}"
    return f"{len(diags)} findings: {e} errors, {w} warnings, {i} info"


def _encoding(name: str | None) -> str | None:
    from wenlint.io import check_encoding

    try:
        return check_encoding(name) if name else None
    except ValueError as exc:
        fail(f"--encoding: {exc}")


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder.")
@click.option("--files-from", multiple=True, help="A file listing paths or URLs, one a line.")
@click.option(
    "--scheduler",
    default="local",
    show_default=True,
    help="'local' (a LocalCluster) or a Dask scheduler address (tcp://host:8786).",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Local workers.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--resume", is_flag=True, help="Skip batches finished by an earlier run.")
@click.option("--select", multiple=True, help="Codes, prefixes or names to check.")
@click.option("--ignore", multiple=True, help="Codes, prefixes or names to skip.")
@click.option("--extend-select", multiple=True, help="Add to the selection of the config.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--encoding", default=None, help="The files' encoding (big5, gbk...), not detected.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Print the summary of an earlier run's output folder and exit.",
)
def archive(
    sources: tuple[str, ...],
    out_dir: str | None,
    files_from: tuple[str, ...],
    scheduler: str,
    workers: int | None,
    batch_size: int,
    resume: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    config_file: str | None,
    no_config: bool,
    encoding: str | None,
    lang: str | None,
    report_dir: str | None,
) -> None:
    """Lint a large collection on a Dask cluster; findings to Parquet (needs wenlint[dask])."""
    from wenlint.archive_cli import archive_command

    archive_command(locals())


def _print_timings(registry: Registry, timings: dict[str, float]) -> None:
    """Per-rule cost, costliest first (like textlint's TIMING=1); on stderr, so JSON stays valid."""
    from wenlint.report.visible import visible

    total = sum(timings.values()) or 1.0
    echo(f"{'rule':<34} {'ms':>10} {'share':>7}", err=True)
    for code, secs in sorted(timings.items(), key=lambda kv: -kv[1]):
        rule = registry.rules.get(code)
        label = visible(f"{code} {rule.name}") if rule else code
        echo(f"{label:<34} {secs * 1000:>10.1f} {secs / total:>7.1%}", err=True)


def _gate(baseline: str | None, write_baseline: str | None, lang: str) -> Any:
    """Baseline filtering/recording (``--baseline``, ``--write-baseline``), or None."""
    if not baseline and not write_baseline:
        return None
    from wenlint.baseline import BaselineError, Gate

    try:
        return Gate.open(baseline, write_baseline, lang)
    except BaselineError as exc:
        fail(str(exc))


def _close_gate(gate: Any, quiet: bool) -> None:
    from wenlint.baseline import BaselineError

    try:
        notes = gate.close()
    except BaselineError as exc:
        fail(str(exc))
    if not quiet:
        from wenlint.report.visible import visible

        for note in notes:
            echo(f"wenlint: {visible(note)}", err=True)


def _terminal_width() -> int:
    env = os.environ.get("COLUMNS")
    if env and env.isdigit():
        return int(env)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    return 80


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way).")
def server(stdio: bool) -> None:
    """The language server for editors (LSP over stdio; needs the extra wenlint[lsp])."""
    from wenlint.lsp import INSTALL_HINT, missing

    if missing():
        fail(INSTALL_HINT)
    from wenlint.lsp.server import main as serve

    serve()


@main.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def rules_cmd(fmt: str, lang: str) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    from wenlint.engine_rules import ENGINE_RULES
    from wenlint.explain import rule_json

    registry = _registry(with_config=True)
    every = sorted([*registry.sorted(), *ENGINE_RULES], key=lambda r: r.code)
    if fmt == "json":
        import json

        echo(json.dumps([rule_json(r) for r in every], ensure_ascii=False, indent=2))
        return
    for r in every:
        fixable = "*" if r.fix.value in ("sometimes", "always") else " "
        off = (
            "" if r.default_enabled else (" （默认关闭）" if lang == "zh" else " (off by default)")
        )
        echo(f"{r.code:<6} {r.name:<28} {r.severity.label:<8} {fixable} {r.summary.get(lang)}{off}")


@main.command()
@click.argument("rule")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule: str, lang: str) -> None:
    """A rule's documentation: what, why, bad and good examples, options."""
    from wenlint.engine_rules import ENGINE_RULES
    from wenlint.explain import explain_text

    registry = _registry(with_config=True)
    engine = [r for r in ENGINE_RULES if rule.strip().upper() == r.code or rule.strip() == r.name]
    if engine:
        echo(explain_text(engine[0], lang))
        return
    try:
        codes = registry.resolve(rule)
    except KeyError:
        fail(f"unknown rule {rule!r} (see `wenlint rules`)")
    if len(codes) != 1:
        fail(f"{rule!r} names {len(codes)} rules; give one code or name")
    echo(explain_text(registry.rules[codes[0]], lang))


if __name__ == "__main__":  # pragma: no cover
    main()
