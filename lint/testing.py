"""Helpers for testing rules, built-in or plugin: lint a string with chosen rules and options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

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
