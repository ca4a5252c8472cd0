"""Linting for the language server, in-process, the way ``wenlint check`` lints a file.

Each file gets the config ``wenlint check`` would find for it (the same discovery from its
folder up, ``wenlint.check.Checker``), the rules that config selects, and the findings of
``wenlint.runner.lint_document`` on the editor's text: the same findings as ``wenlint check`` on
that text saved to the file. A config is read again when its file changes (its size or
modification time), or when a config file appears closer to the document. Nothing here needs
pygls.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from wenlint.check import Checker, Options, is_markdown
from wenlint.config import Config, ConfigError, find_config
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.files import excluded
from wenlint.fix import fix_text
from wenlint.record import Record
from wenlint.registry import Registry
from wenlint.rule import Rule
from wenlint.runner import RuleSet, lint_document


class Cancelled(BaseException):
    """A lint run given up because a newer text superseded it (not an ``Exception``, so the
    runner's isolation of a failing rule does not turn it into an E001 finding)."""


class _Checked(list[Rule]):
    """The rules of a ruleset; iterating asks ``cancelled`` before each rule, so a superseded
    run stops at the next rule instead of finishing a text nobody will see."""

    def __init__(self, rules: list[Rule], cancelled: Callable[[], bool]) -> None:
        super().__init__(rules)
        self._cancelled = cancelled

    def __iter__(self) -> Iterator[Rule]:
        for rule in super().__iter__():
            if self._cancelled():
                raise Cancelled
            yield rule


class Setup(Record):
    """What lints one file: its config and the rules it selects."""

    __slots__ = ("config", "ruleset")
    _fields = ("config", "ruleset")
    config: Config
    ruleset: RuleSet

    def __init__(self, config: Config, ruleset: RuleSet) -> None:
        self.config = config
        self.ruleset = ruleset


# (config path, size, modification time) of a config file; None for no config
ConfigKey = tuple[str, int, int] | None


class Engine:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._setups: dict[ConfigKey, Setup | ConfigError] = {}
        #: Configs discovery ignored as unsafe, one line each, in the order found (the server
        #: shows each once, as ``wenlint check`` prints them)
        self.warnings: list[str] = []

    def _warn(self, line: str) -> None:
        if line not in self.warnings:
            self.warnings.append(line)

    def _key(self, folder: Path) -> ConfigKey:
        found = find_config(folder, self._warn)
        if found is None:
            return None
        try:
            st = os.stat(found)
        except OSError:
            return (str(found), -1, -1)
        return (str(found), st.st_size, st.st_mtime_ns)

    def setup_for(self, path: Path) -> Setup:
        """The config and rules of ``path``; raises ``ConfigError`` for a config that does not
        load (until the file changes)."""
        key = self._key(path.parent)
        got = self._setups.get(key)
        if got is None:
            try:
                options = Options(config_file=Path(key[0])) if key else Options(no_config=True)
                checker = Checker(self.registry, options)
                cfg = checker.config_for(path)
                got = Setup(cfg, checker.ruleset_for(cfg))
            except ConfigError as exc:
                got = exc
            # a config edited many times keeps one entry: drop the older ones of the same file
            for old in [k for k in self._setups if k and key and k[0] == key[0]]:
                del self._setups[old]
            self._setups[key] = got
        if isinstance(got, ConfigError):
            raise got
        return got

    def wanted(self, path: Path, setup: Setup) -> bool:
        """Whether ``wenlint check`` on the folder would lint this file: the config's
        ``include`` (``*.txt``, ``*.md`` by default) and not its ``exclude``."""
        cfg = setup.config
        root = cfg.root if cfg.path else path.parent
        if cfg.include and not excluded(path, root, cfg.include):
            return False
        return not (cfg.exclude and excluded(path, root, cfg.exclude))

    def lint(
        self, path: Path, text: str, cancelled: Callable[[], bool] | None = None
    ) -> list[Diagnostic]:
        """The findings of ``text`` as the file ``path``; raises ``ConfigError`` (a broken
        config) or ``Cancelled`` (when ``cancelled()`` says so between two rules)."""
        setup = self.setup_for(path)
        ruleset = setup.ruleset
        if cancelled is not None:
            ruleset = ruleset._replace(rules=_Checked(ruleset.rules, cancelled))
        name = str(path)
        doc = Document(name, text, markdown=is_markdown(name))
        diags, _kept = lint_document(doc, ruleset)
        return diags

    def fix_all(self, path: Path, text: str) -> str:
        """``text`` with every safe fix applied, in rounds as ``wenlint check --fix`` does."""
        return fix_text(text, lambda t: self.lint(path, t)).text

    def rule(self, path: Path, code: str) -> type[Rule] | None:
        """The rule class of ``code`` as the file's config knows it (house-style rules
        included), or an engine rule (E001, E002)."""
        from wenlint.engine_rules import ENGINE_BY_CODE

        if code in ENGINE_BY_CODE:
            return ENGINE_BY_CODE[code]
        try:
            registry = self.setup_for(path).ruleset.registry
        except ConfigError:
            registry = self.registry
        return registry.rules.get(code)
