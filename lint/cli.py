"""The ``wenlint`` command. Heavy modules are imported inside commands, so start-up stays short."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from lint import __version__

if TYPE_CHECKING:
    from lint.registry import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """One clear line on stderr, exit 2."""
    click.echo(f"wenlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _registry(with_config: bool = False) -> Registry:
    """Every registered rule; with ``with_config``, plus the house-style rules of the config
    found from the current directory."""
    from lint.config import ConfigError
    from lint.registry import RegistryError, load_registry

    try:
        registry = load_registry()
        if with_config:
            from pathlib import Path

            from lint.config import find_config, load_config

            found = find_config(Path.cwd())
            cfg = load_config(found) if found is not None else None
            if cfg is not None and cfg.style:
                from lint.declarative import with_style_rules

                registry = with_style_rules(registry, cfg.style, cfg.where)
        return registry
    except (RegistryError, ConfigError) as exc:
        fail(str(exc))


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


class _Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        # click reports usage errors itself (exit 2); anything else unexpected stays one line.
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("wenlint: interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wenlint", message="%(prog)s %(version)s")
def main() -> None:
    """wenlint — a quality and consistency linter for Chinese documents."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "html"]),
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
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Use this config file.",
)
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--stdin-filename", default=None, help="Name (and type) of the text read from '-'.")
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
    help="Worker processes when linting several files [0 = one per core].",
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
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    fix: bool,
    diff: bool,
    config_file: str | None,
    no_config: bool,
    stdin_filename: str | None,
    lang: str | None,
    color: str,
    statistics: bool,
    quiet: bool,
    jobs: int,
    timing: bool,
    baseline: str | None,
    write_baseline: str | None,
) -> None:
    """Lint files and directories ('-' reads standard input)."""
    from pathlib import Path

    from lint.check import Checker, Options
    from lint.config import ConfigError
    from lint.io import InputError
    from lint.rule import Severity
    from lint.runner import Overrides

    if fix and diff:
        fail("--fix and --diff cannot be used together")
    registry = _registry()
    overrides = Overrides(
        select=_split(select) or None, ignore=_split(ignore), extend_select=_split(extend_select)
    )
    options = Options(
        config_file=Path(config_file) if config_file else None,
        no_config=no_config,
        overrides=overrides,
        fix=fix,
        diff=diff,
        stdin_filename=stdin_filename,
        timing=timing,
    )
    try:
        checker = Checker(registry, options)
        base_cfg = checker.config_for(Path.cwd())
        base_rules = registry
        if base_cfg.style:  # the config's house-style rules can be selected too
            from lint.declarative import with_style_rules

            base_rules = with_style_rules(registry, base_cfg.style, base_cfg.where)
        for tok in [*(overrides.select or []), *overrides.ignore, *overrides.extend_select]:
            try:
                base_rules.resolve(tok)
            except KeyError:
                fail(f"unknown rule {tok!r} (see `wenlint rules`)")
        checker.ruleset_for(base_cfg)
        missing = [p for p in paths if p != "-" and not Path(p).exists()]
        targets = list(checker.collect([p for p in paths if p not in missing] if paths else ["."]))
    except (ConfigError, InputError) as exc:
        fail(str(exc))
    lang = lang or base_cfg.lang
    threshold = Severity.parse(fail_on) if fail_on else base_cfg.fail_on
    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )

    stdin_bytes = sys.stdin.buffer.read() if any(p is None for _, p in targets) else None

    from lint.report.text import TextReporter

    width = _terminal_width()
    reporter = TextReporter(sys.stdout, lang=lang, color=use_color, width=width)
    streamed = not diff and not (fix and stdin_bytes is not None)
    stream = _stream_reporter(fmt, registry, lang) if streamed else None
    gate = _gate(baseline, write_baseline, lang)
    from lint.report.progress import track

    results = []
    all_diags = []
    errors = [f"{p}: no such file or directory" for p in missing]
    for e in errors:
        click.echo(f"wenlint: error: {e}", err=True)
    timings: dict[str, float] = {}
    # What exists now (modules, rules, configs) lives for the whole run, and so do the results:
    # keep the collector off the former and let it run less often (worker processes inherit this).
    if not gc.get_freeze_count():
        gc.freeze()
        gc.set_threshold(20_000, 20, 100)
    # plain text findings are rendered where each file is linted (in parallel, and far less to
    # send back); a baseline needs the whole findings, and --diff prints no findings
    prepare = reporter.prepare if fmt == "text" and streamed and gate is None else None
    run = checker.run(targets, stdin_bytes, jobs or os.cpu_count() or 1, prepare)
    for r in track(run, len(targets), fmt, lambda r: r.path):
        if gate is not None:
            r.diagnostics = gate.file(r.path, r.text, r.diagnostics)
        for code, secs in (r.timings or {}).items():
            timings[code] = timings.get(code, 0.0) + secs
        if r.error:
            errors.append(r.error)
            click.echo(f"wenlint: error: {r.error}", err=True)
        if r.unconverged:
            click.echo(
                f"wenlint: warning: {r.path}: fixes did not converge; check the result", err=True
            )
        if r.stdin and fix:
            _write_stdin_fix(r.text, r.source, stdin_bytes)
        elif diff:
            sys.stdout.write(r.diff)
        elif fmt == "text" and r.diagnostics:
            reporter.file(r.text, r.lines, r.diagnostics, r.rendered)
        elif stream is not None:
            stream.file(r.path, r.text, r.diagnostics)
        all_diags.extend(r.diagnostics)
        if fmt != "json" and not r.stdin:
            r.text = r.lines = None  # keep memory to the largest file, not the corpus
        results.append(r)
    internal = any(d.code == "E001" for d in all_diags)
    if timing:
        _print_timings(registry, timings)
    fixed = sum(r.fixed for r in results)

    if fmt == "json" and not diff and not (fix and stdin_bytes is not None):
        from lint.report.json_ import write_json

        all_diags.sort(key=lambda d: d.sort_key)
        write_json(sys.stdout, all_diags, lang=lang, files=len(results), errors=errors, fixed=fixed)
    elif stream is not None:
        stream.finish(files=len(results), errors=errors, fixed=fixed)
    elif not diff and not (fix and stdin_bytes is not None):
        if statistics:
            reporter.statistics(all_diags)
        if not quiet:
            reporter.summary(all_diags, fixed=fixed, errors=len(errors))
    if gate is not None:
        _close_gate(gate, quiet)
    if errors or internal:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if any(r.diff for r in results) else EXIT_OK)
    sys.exit(EXIT_FINDINGS if any(d.severity >= threshold for d in all_diags) else EXIT_OK)


def _write_stdin_fix(text: str | None, source: Any, original: bytes | None) -> None:
    """``--fix`` on stdin: the fixed text on stdout, in the input's encoding, BOM and newlines;
    input that could not be decoded passes through unchanged, so a pipe never loses text."""
    from lint.io import encode

    sys.stdout.flush()
    if text is None:
        data = original or b""
    else:
        try:
            data = encode(text, source) if source is not None else text.encode("utf-8")
        except UnicodeEncodeError:
            data = text.encode("utf-8", "surrogateescape")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _print_timings(registry: Registry, timings: dict[str, float]) -> None:
    """Per-rule cost, costliest first (like textlint's TIMING=1); on stderr, so JSON stays valid."""
    total = sum(timings.values()) or 1.0
    click.echo(f"{'rule':<34} {'ms':>10} {'share':>7}", err=True)
    for code, secs in sorted(timings.items(), key=lambda kv: -kv[1]):
        rule = registry.rules.get(code)
        label = f"{code} {rule.name}" if rule else code
        click.echo(f"{label:<34} {secs * 1000:>10.1f} {secs / total:>7.1%}", err=True)


def _stream_reporter(fmt: str, registry: Registry, lang: str) -> Any:
    """The reporters fed file by file (``file(path, text, diags)``, then ``finish``)."""
    if fmt == "sarif":
        from lint.report.sarif import SarifReporter

        return SarifReporter(sys.stdout, registry=registry, lang=lang)
    if fmt == "github":
        from lint.report.github import GithubReporter

        return GithubReporter(sys.stdout, registry=registry, lang=lang)
    if fmt == "html":
        from lint.report.html import HtmlReporter

        return HtmlReporter(sys.stdout, registry=registry, lang=lang)
    return None


def _gate(baseline: str | None, write_baseline: str | None, lang: str) -> Any:
    """Baseline filtering/recording (``--baseline``, ``--write-baseline``), or None."""
    if not baseline and not write_baseline:
        return None
    from lint.baseline import BaselineError, Gate

    try:
        return Gate.open(baseline, write_baseline, lang)
    except BaselineError as exc:
        fail(str(exc))


def _close_gate(gate: Any, quiet: bool) -> None:
    from lint.baseline import BaselineError

    try:
        notes = gate.close()
    except BaselineError as exc:
        fail(str(exc))
    if not quiet:
        for note in notes:
            click.echo(f"wenlint: {note}", err=True)


def _terminal_width() -> int:
    env = os.environ.get("COLUMNS")
    if env and env.isdigit():
        return int(env)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    return 80


@main.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def rules_cmd(fmt: str, lang: str) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    from lint.explain import rule_json

    registry = _registry(with_config=True)
    if fmt == "json":
        import json

        click.echo(
            json.dumps([rule_json(r) for r in registry.sorted()], ensure_ascii=False, indent=2)
        )
        return
    for r in registry.sorted():
        fixable = {"none": " ", "sometimes": "*", "always": "*"}[r.fix.value]
        off = (
            "" if r.default_enabled else (" （默认关闭）" if lang == "zh" else " (off by default)")
        )
        click.echo(
            f"{r.code:<6} {r.name:<28} {r.severity.label:<8} {fixable} {r.summary.get(lang)}{off}"
        )


@main.command()
@click.argument("rule")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule: str, lang: str) -> None:
    """A rule's documentation: what, why, bad and good examples, options."""
    from lint.explain import explain_text

    registry = _registry(with_config=True)
    try:
        codes = registry.resolve(rule)
    except KeyError:
        fail(f"unknown rule {rule!r} (see `wenlint rules`)")
    if len(codes) != 1:
        fail(f"{rule!r} names {len(codes)} rules; give one code or name")
    click.echo(explain_text(registry.rules[codes[0]], lang))


if __name__ == "__main__":  # pragma: no cover
    main()
