"""The structure family."""

from __future__ import annotations

from lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
