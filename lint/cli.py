"""The ``wenlint`` command. Heavy modules are imported inside commands, so start-up stays short.

The command line is read with the standard library's argparse, and only the parser of the
command given is built. What is promised whatever a command does lives in ``_Main.invoke``: a
usage error is one line and exit 2, Ctrl-C exits 130, a report that cannot be written is one
line and exit 2, an internal error is one line and exit 2 (``WENLINT_DEBUG=1`` re-raises it).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from wenlint import __version__
from wenlint.echo import echo

if TYPE_CHECKING:
    import argparse

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


# -- the command line -----------------------------------------------------------------------------


class UsageError(Exception):
    """A command line that cannot be run (an unknown option, a bad value...): one line, exit 2."""

    def __init__(self, message: str, command: str | None = None) -> None:
        super().__init__(message)
        self.command = command

    def line(self) -> str:
        from wenlint.report.visible import visible

        see = f"wenlint {self.command} --help" if self.command else "wenlint --help"
        return f"wenlint: error: {visible(str(self))} (see `{see}`)"


class Options:
    """The options of one command, declared as click declared them; each adds to ``parser``."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser
        self.many: list[str] = []  # repeatable options: () when not given

    def flag(self, *names: str, help: str) -> None:
        self.parser.add_argument(*names, action="store_true", help=help)

    def value(
        self,
        *names: str,
        dest: str | None = None,
        metavar: str = "TEXT",
        type: Callable[[str], Any] | None = None,
        choices: Sequence[str] | None = None,
        default: Any = None,
        show_default: bool = False,
        help: str | None = None,
    ) -> None:
        if show_default:
            help = f"{help}  [default: {default}]" if help else f"[default: {default}]"
        settings: dict[str, Any] = {"metavar": metavar, "default": default, "help": help}
        if dest:
            settings["dest"] = dest
        if type is not None:
            settings["type"] = type
        if choices is not None:
            settings["choices"] = choices
        self.parser.add_argument(*names, **settings)

    def choice(
        self,
        name: str,
        choices: Sequence[str],
        *,
        dest: str | None = None,
        default: str | None = None,
        help: str | None = None,
    ) -> None:
        """One of ``choices``; a default is shown in the help."""
        metavar = "[" + "|".join(choices) + "]"
        self.value(
            name,
            dest=dest,
            metavar=metavar,
            choices=choices,
            default=default,
            show_default=default is not None,
            help=help,
        )

    def repeated(self, name: str, *, metavar: str = "TEXT", help: str) -> None:
        self.parser.add_argument(name, action="append", metavar=metavar, help=help)
        self.many.append(self.parser._actions[-1].dest)


def _at_least(low: int) -> Callable[[str], int]:
    """click.IntRange(min=low): a whole number, ``low`` or more."""

    def whole(text: str) -> int:
        from argparse import ArgumentTypeError

        try:
            n = int(text)
        except ValueError:
            raise ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < low:
            raise ArgumentTypeError(f"{n} is not in the range x>={low}")
        return n

    whole.__name__ = f"whole number >= {low}"
    return whole


def _file(text: str) -> str:
    """click.Path(dir_okay=False): a file, which may not exist yet."""
    from argparse import ArgumentTypeError

    if os.path.isdir(text):
        raise ArgumentTypeError(f"file {text!r} is a directory")
    if os.path.exists(text) and not os.access(text, os.R_OK):
        raise ArgumentTypeError(f"file {text!r} is not readable")
    return text


def _folder(text: str) -> str:
    """click.Path(file_okay=False): a folder, which may not exist yet."""
    from argparse import ArgumentTypeError

    if os.path.exists(text) and not os.path.isdir(text):
        raise ArgumentTypeError(f"directory {text!r} is a file")
    if os.path.exists(text) and not os.access(text, os.R_OK):
        raise ArgumentTypeError(f"directory {text!r} is not readable")
    return text


def _help_width() -> int:
    """shutil.get_terminal_size's width, less 2 (argparse's own default), without importing
    shutil (and bz2, lzma...): argparse makes a formatter for every option it adds."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env) - 2
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns - 2  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 78


class Command:
    """One ``wenlint NAME`` command: its function, its options and its positional arguments
    (``positional``: every one given, a tuple; with ``one``, exactly one, a string)."""

    def __init__(
        self,
        name: str,
        run: Callable[..., None],
        options: Callable[[Options], None],
        positional: tuple[str, str] | None = None,
        one: bool = False,
    ) -> None:
        self.name, self.run, self.options = name, run, options
        self.positional, self.one = positional, one

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0]

    def parser(self) -> tuple[argparse.ArgumentParser, Options]:
        import argparse

        command = self.name

        class Parser(argparse.ArgumentParser):
            def error(self, message: str) -> NoReturn:
                unknown = "unrecognized arguments: "
                if message.startswith(unknown):  # said as click said it, the first one only
                    first = message[len(unknown) :].split(" ")[0]
                    if first.startswith("-"):
                        message = f"no such option: {first}"
                    else:
                        message = f"unexpected extra argument {first!r}"
                raise UsageError(message, command)

        if self.positional is None:
            usage = f"wenlint {command} [options]"
        else:
            shown = self.positional[1]
            usage = f"wenlint {command} [options] {shown if self.one else f'[{shown} ...]'}"
        parser = Parser(
            prog=f"wenlint {command}",
            usage=usage,
            description=(self.run.__doc__ or "").strip(),
            allow_abbrev=False,
            add_help=False,
            formatter_class=lambda prog: argparse.HelpFormatter(
                prog, max_help_position=34, width=_help_width()
            ),
        )
        if self.positional is not None:
            dest, shown = self.positional
            parser.add_argument(dest, nargs="*", metavar=shown, help=argparse.SUPPRESS)
        options = Options(parser)
        self.options(options)
        parser.add_argument("-h", "--help", action="help", help="Show this message and exit.")
        return parser, options

    def parse(self, argv: Sequence[str]) -> dict[str, Any]:
        """The command's parameters, by name; ``UsageError`` on a command line it cannot run."""
        args = list(argv)
        tail: list[str] = []
        if "--" in args:  # what follows is positional, even '-x' (parsed apart: argparse 3.11
            cut = args.index("--")  # mishandles '--' in parse_intermixed_args)
            args, tail = args[:cut], args[cut + 1 :]
        parser, options = self.parser()
        params = vars(parser.parse_intermixed_args(args))
        for dest in options.many:
            params[dest] = tuple(params[dest] or ())
        if self.positional is not None:
            dest, shown = self.positional
            given = (*params[dest], *tail)
            if self.one:
                if not given:
                    raise UsageError(f"missing argument {shown}", self.name)
                if len(given) > 1:
                    raise UsageError(f"unexpected extra argument {given[1]!r}", self.name)
                params[dest] = given[0]
            else:
                params[dest] = given
        elif tail:
            raise UsageError(f"unexpected extra argument {tail[0]!r}", self.name)
        return params


class Main:
    """``wenlint``. ``main(args)`` runs a command line (``sys.argv[1:]`` by default) and exits
    with its code, as click's ``main`` did; ``main.commands`` are the commands, by name."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self._on_close: list[Callable[[], None]] = []

    def command(
        self,
        name: str,
        options: Callable[[Options], None],
        positional: tuple[str, str] | None = None,
        one: bool = False,
    ) -> Callable[[Callable[..., None]], Callable[..., None]]:
        def add(run: Callable[..., None]) -> Callable[..., None]:
            self.commands[name] = Command(name, run, options, positional, one)
            return run

        return add

    def call_on_close(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the command ends, however it ends."""
        self._on_close.append(callback)

    def __call__(self, args: Sequence[str] | None = None, prog_name: str = "wenlint") -> NoReturn:
        self.invoke(list(sys.argv[1:] if args is None else args))
        sys.exit(EXIT_OK)

    def invoke(self, argv: list[str]) -> None:
        # an interrupted run exits 130, a report that cannot be written (full disk, closed
        # stdout, broken pipe) is one line and exit 2, whenever it happens, the last flush
        # before exit included
        from wenlint.report.stream import ReportWriteError, drop_stdout, guard_stdout

        out = guard_stdout()
        try:
            try:
                try:
                    self._dispatch(argv)
                finally:
                    while self._on_close:
                        self._on_close.pop()()
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
        except UsageError as exc:
            _say(exc.line())
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            from wenlint.registry import RegistryError

            if isinstance(exc, RegistryError):  # a family imported when first used
                _say(f"wenlint: error: {exc}")
                sys.exit(EXIT_ERROR)
            # an internal error (a bug): one line and exit 2, never a traceback and never 1
            # (the "findings" code); WENLINT_DEBUG=1 lets it through with its traceback
            if os.environ.get("WENLINT_DEBUG", "") not in ("", "0"):
                raise
            _internal_error(exc)

    def _dispatch(self, argv: list[str]) -> None:
        at = 0
        while at < len(argv) and argv[at].startswith("-") and argv[at] != "-":
            option = argv[at]
            if option in ("-h", "--help"):
                echo(self.help())
                return
            if option == "--version":
                echo(f"wenlint {__version__}")
                return
            if option == "--":
                at += 1
                break
            raise UsageError(f"no such option: {option}")
        if at == len(argv):  # no command: the help, as a usage error
            echo(self.help(), err=True)
            sys.exit(EXIT_ERROR)
        command = self.commands.get(argv[at])
        if command is None:
            names = ", ".join(sorted(self.commands))
            raise UsageError(f"no such command {argv[at]!r} (the commands: {names})")
        command.run(**command.parse(argv[at + 1 :]))

    def help(self) -> str:
        width = max(len(name) for name in self.commands)
        rows = [f"  {n:<{width}}  {self.commands[n].summary}" for n in sorted(self.commands)]
        return "\n".join(
            [
                "usage: wenlint [--version] [-h] COMMAND [ARGS]...",
                "",
                "wenlint — a quality and consistency linter for Chinese documents.",
                "",
                "commands:",
                *rows,
                "",
                "options:",
                "  --version   Show the version and exit.",
                "  -h, --help  Show this message and exit.",
                "",
                "`wenlint COMMAND --help` lists the options of a command.",
            ]
        )


main = Main()


# -- check ----------------------------------------------------------------------------------------

FORMATS = ("text", "json", "sarif", "github", "gitlab", "html")


def _check_options(o: Options) -> None:
    o.choice("--format", FORMATS, dest="fmt", default="text")
    o.repeated(
        "--select", metavar="CODES", help="Codes, prefixes or names to check (comma-separated)."
    )
    o.repeated("--ignore", metavar="CODES", help="Codes, prefixes or names to skip.")
    o.repeated("--extend-select", metavar="CODES", help="Add to the selection of the config.")
    o.choice(
        "--fail-on",
        ("error", "warning", "info"),
        help="Lowest severity that fails the run [config or info].",
    )
    o.flag("--fix", help="Apply safe fixes in place.")
    o.flag("--diff", help="Print safe fixes as a unified diff; write nothing.")
    o.flag("--review", help=".docx: write NAME.wenlint.docx, a comment a finding.")
    o.value("--review-dir", metavar="DIRECTORY", type=_folder, help="Put review copies here.")
    o.value(
        "--config", dest="config_file", metavar="FILE", type=_file, help="Use this config file."
    )
    o.flag("--no-config", help="Ignore config files.")
    o.value("--stdin-filename", help="Name (and type) of the text read from '-'.")
    o.value("--encoding", help="The files' encoding (big5, gbk...), not detected.")
    o.choice("--lang", ("zh", "en"), help="Language of messages [config or zh].")
    o.choice("--color", ("auto", "always", "never"), default="auto")
    o.flag("--statistics", help="Print counts per rule.")
    o.flag("-q", "--quiet", help="Print findings only, no summary.")
    o.value(
        "-j",
        "--jobs",
        metavar="N",
        type=_at_least(0),
        default=0,
        help="Worker processes [0 = one per CPU available; serial below 1 MB of files].",
    )
    o.flag("--timing", help="Print the time each rule took (on stderr).")
    o.value(
        "--baseline",
        metavar="FILE",
        type=_file,
        help="Report only findings not recorded in this baseline file.",
    )
    o.value(
        "--write-baseline",
        metavar="FILE",
        type=_file,
        help="Record every finding in this baseline file (and report none).",
    )
    o.flag(
        "--exit-zero",
        help="Exit 0 whatever the findings (a file that cannot be checked still exits 2).",
    )
    o.value(
        "-o",
        "--output-file",
        metavar="FILE",
        type=_file,
        help="Write the report to this file (replaced whole, once complete) instead of stdout.",
    )
    o.repeated(
        "--exclude",
        metavar="GLOB",
        help="Skip files matching this glob (repeatable; added to the config's exclude).",
    )
    o.flag("--pretty", help="--format json: indent the document (compact by default).")
    o.flag("--no-cache", help="Lint every file anew (also WENLINT_NO_CACHE=1).")
    o.value(
        "--cache-dir",
        metavar="DIRECTORY",
        type=_folder,
        help="Result cache folder [.wenlint_cache beside the config].",
    )


@main.command("check", _check_options, positional=("paths", "PATH"))
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
        main.call_on_close(report.restore)
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


def _archive_options(o: Options) -> None:
    o.value("--out", dest="out_dir", metavar="DIRECTORY", type=_folder, help="Output folder.")
    o.repeated("--files-from", help="A file listing paths or URLs, one a line.")
    o.value(
        "--scheduler",
        default="local",
        show_default=True,
        help="'local' (a LocalCluster) or a Dask scheduler address (tcp://host:8786).",
    )
    o.value("--workers", metavar="N", type=_at_least(1), help="Local workers.")
    o.value("--batch-size", metavar="N", type=_at_least(1), default=200, show_default=True)
    o.flag("--resume", help="Skip batches finished by an earlier run.")
    o.repeated("--select", metavar="CODES", help="Codes, prefixes or names to check.")
    o.repeated("--ignore", metavar="CODES", help="Codes, prefixes or names to skip.")
    o.repeated("--extend-select", metavar="CODES", help="Add to the selection of the config.")
    o.value("--config", dest="config_file", metavar="FILE", type=_file)
    o.flag("--no-config", help="Ignore config files.")
    o.value("--encoding", help="The files' encoding (big5, gbk...), not detected.")
    o.choice("--lang", ("zh", "en"))
    o.value(
        "--report",
        dest="report_dir",
        metavar="DIRECTORY",
        type=_folder,
        help="Print the summary of an earlier run's output folder and exit.",
    )


@main.command("archive", _archive_options, positional=("sources", "SOURCE"))
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


def _server_options(o: Options) -> None:
    o.flag("--stdio", help="Talk over stdin/stdout (the default and only way).")


@main.command("server", _server_options)
def server(stdio: bool) -> None:
    """The language server for editors (LSP over stdio; needs the extra wenlint[lsp])."""
    from wenlint.lsp import INSTALL_HINT, missing

    if missing():
        fail(INSTALL_HINT)
    from wenlint.lsp.server import main as serve

    serve()


def _rules_options(o: Options) -> None:
    o.choice("--format", ("text", "json"), dest="fmt", default="text")
    o.choice("--lang", ("zh", "en"), default="zh")


@main.command("rules", _rules_options)
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


def _explain_options(o: Options) -> None:
    o.choice("--lang", ("zh", "en"), default="zh")


@main.command("explain", _explain_options, positional=("rule", "RULE"), one=True)
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
