"""Helpers for testing rules, built-in or plugin: lint or fix a string with chosen rules and
options, and run the command line in-process (``run_cli``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from click.testing import CliRunner

from wenlint.config import parse_config
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.fix import fix_text
from wenlint.registry import Registry, load_registry
from wenlint.runner import RuleSet, build_ruleset, lint_document


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


class CliResult(NamedTuple):
    """Exit code, standard output and standard error of one in-process command-line run."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | bytes | None = None) -> CliResult:
    """Run ``wenlint ARGS`` in-process, like a shell would. An exception that is not a clean exit
    (a traceback the user would see) is raised, so the calling test fails on it."""
    from wenlint.cli import main

    r = CliRunner(env=_DEBUG).invoke(main, list(args), input=input)
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return CliResult(r.exit_code, r.stdout, r.stderr)


def run_cli_bytes(*args: str, input: str | bytes | None = None) -> tuple[int, bytes, str]:
    """``run_cli`` with standard output as the bytes written (for encoding tests)."""
    from wenlint.cli import main

    r = CliRunner(env=_DEBUG).invoke(main, list(args), input=input)
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout_bytes, r.stderr
