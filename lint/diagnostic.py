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
    message: T | Message
    help: T | Message | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # 1-based line/column of start and (exclusive) end, in code points.
    position: tuple[int, int, int, int] = (0, 0, 0, 0)
    args: Mapping[str, Any] = field(default_factory=dict)
    # The finding as the text reporter prints it, when it was printed where the file was linted
    # (see ``printed``); the other fields then keep only what counts and summaries need.
    rendered: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)

    def printed(self, rendered: str) -> Diagnostic:
        """This finding, already rendered as text, reduced to what the summary, the statistics
        and the exit code read: code, name, severity, position, whether a safe fix exists. A
        worker process sends this instead of the whole finding (the message, fix edits and
        related locations are in ``rendered``)."""
        fix = None if self.fix is None else _SAFE if self.fix.safe else _UNSAFE
        return Diagnostic(
            self.path, self.code, self.name, self.severity, self.span, PRINTED, None, fix, (),
            self.position, _NO_ARGS, rendered,
        )  # fmt: skip

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send thousands of these: a flat tuple pickles and loads several times
        # faster than the default (a dict per object, an enum call per severity).
        s = self
        if s.rendered is not None and s.message is PRINTED:
            fix = 0 if s.fix is None else 1 if s.fix.safe else 2
            return _printed, (
                s.path, s.code, s.name, int(s.severity), s.span.start, s.span.end, fix,
                s.position, s.rendered,
            )  # fmt: skip
        return _diagnostic, (
            s.path, s.code, s.name, int(s.severity), s.span.start, s.span.end, s.message,
            s.help, s.fix, s.related, s.position, s.args, s.rendered,
        )  # fmt: skip


#: The message of a finding that was rendered where it was found (``Diagnostic.printed``).
PRINTED = T(zh="", en="")
_SAFE = Fix((), Applicability.SAFE)  # what a printed finding keeps of its fix: whether it is safe
_UNSAFE = Fix((), Applicability.UNSAFE)
_NO_ARGS: Mapping[str, Any] = {}
_FIXES = (None, _SAFE, _UNSAFE)
_SEVERITY = {int(s): s for s in Severity}


def _diagnostic(
    path: str,
    code: str,
    name: str,
    severity: int,
    start: int,
    end: int,
    *rest: Any,
) -> Diagnostic:
    return Diagnostic(path, code, name, _SEVERITY[severity], Span(start, end), *rest)


def _printed(
    path: str,
    code: str,
    name: str,
    severity: int,
    start: int,
    end: int,
    fix: int,
    position: tuple[int, int, int, int],
    rendered: str,
) -> Diagnostic:
    return Diagnostic(
        path, code, name, _SEVERITY[severity], Span(start, end), PRINTED, None, _FIXES[fix], (),
        position, _NO_ARGS, rendered,
    )  # fmt: skip


class Message:
    """A rule's message: its template and arguments, formatted when a reporter asks for a language.

    A run prints one language, so the other is never formatted; ``zh`` and ``en`` read like
    ``T``'s fields."""

    __slots__ = ("args", "template")

    def __init__(self, template: T, args: Mapping[str, Any]) -> None:
        self.template = template
        self.args = args

    def __reduce__(self) -> tuple[Any, ...]:
        return Message, (self.template, self.args)

    def format(self, lang: str) -> str:
        """The message in ``lang``; raises if the template does not fit the arguments."""
        return self.template.get(lang).format(**self.args)

    def get(self, lang: str) -> str:
        # (``format`` written out: a reporter asks this once or twice per finding shown)
        template = self.template.zh if lang == "zh" else self.template.en
        try:
            return template.format_map(self.args)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            # a plugin's broken template is shown as it is, never a crash in a reporter
            return f"{template} {dict(self.args)}"

    @property
    def zh(self) -> str:
        return self.get("zh")

    @property
    def en(self) -> str:
        return self.get("en")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message | T):
            return (self.zh, self.en) == (other.zh, other.en)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __repr__(self) -> str:
        return f"Message(zh={self.zh!r}, en={self.en!r})"
