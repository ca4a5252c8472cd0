"""Findings and the fixes they carry."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lint.document import Span
from lint.rule import Severity, T


class Applicability(enum.Enum):
    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # shown, never applied automatically


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``[start, end)`` with ``text``: empty text deletes, an empty range inserts."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, span: Span, text: str, *, safe: bool = True) -> Fix:
        return cls((Edit(span.start, span.end, text),), _app(safe))

    @classmethod
    def delete(cls, span: Span, *, safe: bool = True) -> Fix:
        return cls((Edit(span.start, span.end, ""),), _app(safe))

    @classmethod
    def of(cls, *edits: Edit, safe: bool = True) -> Fix:
        return cls(tuple(sorted(edits)), _app(safe))

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


def _app(safe: bool) -> Applicability:
    return Applicability.SAFE if safe else Applicability.UNSAFE


@dataclass(frozen=True)
class Related:
    """Another location that explains a finding: ``path`` None means the same file."""

    span: Span
    note: T
    path: str | None = None
    # Filled in by the runner for locations in other files (line, column, end_line, end_column).
    position: tuple[int, int, int, int] | None = None


@dataclass
class Diagnostic:
    path: str
    code: str
    name: str
    severity: Severity
    span: Span
    message: T
    help: T | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # 1-based line/column of start and (exclusive) end, in code points.
    position: tuple[int, int, int, int] = (0, 0, 0, 0)
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)


def format_message(template: T, args: Mapping[str, Any]) -> T:
    return T(zh=template.zh.format(**args), en=template.en.format(**args))
