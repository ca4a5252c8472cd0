"""A test kit for rule authors, built-in or plugin; wenlint's own tests use the same helpers.

- ``lint_string`` / ``fix_string``: lint or fix a string with chosen rules and options;
- ``assert_examples(Rule)``: the rule's ``examples`` execute (bad fires, good stays quiet, a
  safe fix turns bad into good);
- a fixture folder ``<CODE>-<name>/`` with ``bad.txt`` (or ``bad.md``), ``good.txt`` (clean prose
  with near misses), the reviewed snapshot ``bad.snap``, optionally ``bad.fixed.txt`` and
  ``options.toml`` (a config): ``assert_fixture(folder)``, or its three parts
  ``assert_bad_snapshot``, ``assert_good_clean``, ``assert_fix``;
- ``assert_snapshot(path, text)``: compare with a reviewed snapshot; with the environment
  variable WENLINT_UPDATE_SNAPSHOTS=1 it is rewritten instead (review the diff);
- ``run_cli``: run the command line in-process.

A plugin's test file can be as short as::

    from wenlint.testing import assert_examples, assert_fixture
    from my_rules import MyRule

    def test_examples():
        assert_examples(MyRule)

    def test_fixture():
        assert_fixture(Path(__file__).parent / "rules" / "X101-my-rule")
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wenlint.config import parse_config
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.fix import fix_text
from wenlint.registry import Registry, load_registry
from wenlint.runner import RuleSet, build_ruleset, lint_document

if TYPE_CHECKING:
    from wenlint.rule import Rule

#: Set WENLINT_UPDATE_SNAPSHOTS=1 to rewrite snapshots rather than compare with them.
UPDATE_ENV = "WENLINT_UPDATE_SNAPSHOTS"


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_registry()


def ruleset(
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    config: Mapping[str, Any] | None = None,
) -> RuleSet:
    data: dict[str, Any] = dict(config or {})
    if select is not None:
        data["select"] = list(select)
    if options:
        data["rules"] = {k: dict(v) for k, v in options.items()}
    return build_ruleset(registry(), parse_config(data, None))


def lint_string(
    text: str,
    select: Sequence[str] | None = None,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    path: str = "test.txt",
    markdown: bool | None = None,
    config: Mapping[str, Any] | None = None,
) -> list[Diagnostic]:
    rs = ruleset(select, options, config)
    md = path.endswith(".md") if markdown is None else markdown
    return lint_document(Document(path, text, markdown=md), rs)[0]


def fix_string(
    text: str,
    select: Sequence[str] | None = None,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    path: str = "test.txt",
) -> str:
    rs = ruleset(select, options)
    md = path.endswith(".md")
    return fix_text(text, lambda t: lint_document(Document(path, t, markdown=md), rs)[0]).text


# An internal error is one line and exit 2 for users; in tests it is raised, so the test fails.
_DEBUG = {"WENLINT_DEBUG": "1"}


class Invocation(NamedTuple):
    """One in-process command-line run: its exit code, what it wrote to standard output (as
    bytes and as UTF-8 text) and to standard error, and the exception that ended it, if it
    was not a clean exit."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes
    exception: BaseException | None

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")


def invoke_cli(
    args: Sequence[str],
    *,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Invocation:
    """Run ``wenlint ARGS`` in this process: standard input is ``input`` (UTF-8 when a string),
    standard output and error are captured (UTF-8, no terminal), ``env`` is set for the run
    (None unsets a variable) and put back afterwards, as are the three streams. A ``SystemExit``
    gives the exit code; any other exception ends the run with code 1 and is returned, not
    raised (``run_cli`` raises it)."""
    from wenlint.cli import main

    data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8"),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace"),
    )
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_env = {k: os.environ.get(k) for k in env or {}}
    code, exception = 0, None
    try:
        _set_env(env or {})
        sys.stdin, sys.stdout, sys.stderr = streams
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception as exc:
            code, exception = 1, exc
    finally:
        for stream in streams[1:]:
            with contextlib.suppress(ValueError, OSError):
                stream.flush()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        _set_env(saved_env)
    return Invocation(code, out.getvalue(), err.getvalue(), exception)


def _set_env(values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


class CliResult(NamedTuple):
    """Exit code, standard output and standard error of one in-process command-line run."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | bytes | None = None) -> CliResult:
    """Run ``wenlint ARGS`` in-process, like a shell would. An exception that is not a clean exit
    (a traceback the user would see) is raised, so the calling test fails on it."""
    r = invoke_cli(args, input=input, env=_DEBUG)
    if r.exception is not None:
        raise r.exception
    return CliResult(r.exit_code, r.stdout, r.stderr)


def run_cli_bytes(*args: str, input: str | bytes | None = None) -> tuple[int, bytes, str]:
    """``run_cli`` with standard output as the bytes written (for encoding tests)."""
    r = invoke_cli(args, input=input, env=_DEBUG)
    if r.exception is not None:
        raise r.exception
    return r.exit_code, r.stdout_bytes, r.stderr


# -- examples -------------------------------------------------------------------------------------


def findings_of(rule: type[Rule], text: str, **kwargs: Any) -> list[Diagnostic]:
    """``lint_string`` with only ``rule`` selected, keeping only its findings."""
    return [d for d in lint_string(text, [rule.code], **kwargs) if d.code == rule.code]


def assert_examples(rule: type[Rule]) -> None:
    """Each of the rule's examples executes: a bad text fires (its messages format in both
    languages), a good text stays quiet, a rule that declares no fix offers none, and when a
    finding's fix is safe, fixing the bad text gives the good one (or ``fixed``)."""
    from wenlint.diagnostic import Message
    from wenlint.rule import FixAvailability

    assert rule.examples, f"{rule.code} has no examples"
    for ex in rule.examples:
        opts = {rule.name: dict(ex.options)} if ex.options else None
        if ex.bad is not None:
            found = findings_of(rule, ex.bad, options=opts)
            assert found, f"{rule.code}: bad example does not fire: {ex.bad!r}"
            for d in found:  # templates fit their arguments in both languages
                for text in (d.message, d.help):
                    if isinstance(text, Message):
                        assert text.format("zh") and text.format("en")
            if rule.fix is FixAvailability.NONE:
                assert all(d.fix is None for d in found), f"{rule.code} declares no fix, offers one"
            expected = ex.fixed if ex.fixed is not None else ex.good
            if expected is not None and any(d.fix and d.fix.safe for d in found):
                fixed = fix_string(ex.bad, [rule.code], options=opts)
                assert fixed == expected, f"{rule.code}: fixing {ex.bad!r} gives {fixed!r}"
        if ex.good is not None:
            hits = findings_of(rule, ex.good, options=opts)
            assert not hits, (
                f"{rule.code}: good example fires: {ex.good!r}: {[d.message.en for d in hits]}"
            )


# -- snapshots and fixture folders ----------------------------------------------------------------


def assert_snapshot(path: Path, actual: str, *, update: bool | None = None) -> None:
    """``actual`` equals the reviewed snapshot at ``path``. With ``update`` (default: the
    environment variable WENLINT_UPDATE_SNAPSHOTS=1) the snapshot is rewritten instead; a
    missing snapshot is written and the assertion fails, so that someone reviews it."""
    if update is None:
        update = os.environ.get(UPDATE_ENV) == "1"
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        assert update, f"snapshot {path} was missing and has been written; review it and re-run"
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} ({UPDATE_ENV}=1 to rewrite)"


class FixtureRun(NamedTuple):
    """One ``wenlint check`` over a copy of a fixture folder."""

    code: int  # exit code
    output: str  # standard output
    files: dict[str, str]  # the folder's files afterwards (after --fix)


def fixture_code(folder: Path) -> str:
    """The rule code a fixture folder ``<CODE>-<name>`` is for."""
    return folder.name.split("-")[0]


def fixture_file(folder: Path, stem: str) -> Path:
    """``stem.txt`` or ``stem.md`` in ``folder``."""
    for suffix in (".txt", ".md"):
        if (folder / f"{stem}{suffix}").exists():
            return folder / f"{stem}{suffix}"
    raise AssertionError(f"{folder} has no {stem}.txt or {stem}.md")


@contextlib.contextmanager
def _inside(folder: Path | None = None) -> Iterator[Path]:
    """A temporary working directory holding a copy of ``folder``'s files."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        for f in folder.iterdir() if folder else ():
            if f.is_file():
                shutil.copy(f, Path(tmp) / f.name)
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def run_fixture(folder: Path, *args: str, select: str | None = None) -> FixtureRun:
    """``wenlint check --color never ARGS`` in a copy of ``folder``, with its ``options.toml``
    as the config (else ``--no-config``), selecting ``select`` when given."""
    opts = ["--config", "options.toml"] if (folder / "options.toml").exists() else ["--no-config"]
    sel = ["--select", select] if select else []
    with _inside(folder) as tmp:
        result = run_cli("check", *opts, *sel, "--color", "never", *args)
        files = {f.name: f.read_text("utf-8") for f in tmp.iterdir() if f.is_file()}
    return FixtureRun(result.code, result.stdout, files)


def assert_bad_snapshot(folder: Path, *, update: bool | None = None) -> None:
    """The bad file, checked with the folder's rule selected, fails the run with findings of
    that rule, and the report (text, no colour) is the reviewed ``bad.snap``."""
    code = fixture_code(folder)
    bad = fixture_file(folder, "bad")
    run = run_fixture(folder, bad.name, select=code)
    assert run.code == 1, run.output
    assert f" {code} " in run.output, f"{bad} has no {code} finding:\n{run.output}"
    assert_snapshot(folder / "bad.snap", run.output, update=update)


def assert_good_clean(folder: Path) -> None:
    """The good file is clean under the default rules and under the folder's rule selected
    (which may be off by default)."""
    good = fixture_file(folder, "good")
    for select in (None, fixture_code(folder)):
        run = run_fixture(folder, good.name, select=select)
        which = f"--select {select}" if select else "the default rules"
        assert run.code == 0, f"{good} is not clean under {which}:\n{run.output}"


def assert_fix(folder: Path) -> None:
    """``--fix`` with the folder's rule turns the bad file into ``bad.fixed.txt`` (or
    ``.md``), and fixing that again changes nothing."""
    code = fixture_code(folder)
    bad = fixture_file(folder, "bad")
    expected = (folder / f"bad.fixed{bad.suffix}").read_text("utf-8")
    once = run_fixture(folder, "--fix", bad.name, select=code).files[bad.name]
    assert once == expected, f"--fix on {bad} differs from bad.fixed{bad.suffix}"
    with _inside():
        Path(bad.name).write_text(once, "utf-8")
        run_cli("check", "--no-config", "--select", code, "--fix", bad.name)
        assert Path(bad.name).read_text("utf-8") == once, "a second --fix changed the text"


def assert_fixture(folder: Path, *, update: bool | None = None) -> None:
    """Everything a fixture folder promises: the snapshot, the clean good file, the fix."""
    assert_bad_snapshot(folder, update=update)
    assert_good_clean(folder)
    if any((folder / f"bad.fixed{s}").exists() for s in (".txt", ".md")):
        assert_fix(folder)
