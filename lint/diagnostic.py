"""Findings and the fixes they carry.

A run can hold a million findings at once (one large file full of them), so each costs little:
every class here has ``__slots__``, the code, rule name and message templates are the rule's own
objects (shared, never copied), and a finding's arguments are an ``Args`` (a tuple of the values
beside a tuple of the keys shared by every finding of that message), short strings among them
interned. Measured with tests/perf/memory.py.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Mapping
from typing import Any, Final

from wenlint.document import Span
from wenlint.record import Frozen, Record, Sorted
from wenlint.rule import Severity, T


class Applicability(enum.Enum):
    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # shown, never applied automatically


class Edit(Sorted):
    """Replace ``[start, end)`` with ``text``: empty text deletes, an empty range inserts."""

    __slots__ = ("end", "start", "text")
    _fields = ("start", "end", "text")
    start: Final[int]
    end: Final[int]
    text: Final[str]

    def __init__(self, start: int, end: int, text: str = "") -> None:
        self.start = start
        self.end = end
        self.text = text


class Fix(Frozen):
    __slots__ = ("applicability", "edits")
    _fields = ("edits", "applicability")
    edits: Final[tuple[Edit, ...]]
    applicability: Final[Applicability]

    def __init__(
        self, edits: tuple[Edit, ...], applicability: Applicability = Applicability.SAFE
    ) -> None:
        self.edits = edits
        self.applicability = applicability

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


class Related(Frozen):
    """Another location that explains a finding: ``path`` None means the same file."""

    __slots__ = ("note", "path", "position", "span")
    _fields = ("span", "note", "path", "position")
    span: Final[Span]
    note: Final[T]
    path: Final[str | None]
    # Filled in by the runner for locations in other files (line, column, end_line, end_column).
    position: Final[tuple[int, int, int, int] | None]

    def __init__(
        self,
        span: Span,
        note: T,
        path: str | None = None,
        position: tuple[int, int, int, int] | None = None,
    ) -> None:
        self.span = span
        self.note = note
        self.path = path
        self.position = position


class Diagnostic(Record):
    __slots__ = (
        "args",
        "code",
        "fix",
        "help",
        "message",
        "name",
        "path",
        "position",
        "related",
        "severity",
        "span",
    )
    _fields = (
        "path",
        "code",
        "name",
        "severity",
        "span",
        "message",
        "help",
        "fix",
        "related",
        "position",
        "args",
    )
    path: str
    code: str
    name: str
    severity: Severity
    span: Span
    message: T | Message
    help: T | Message | None
    fix: Fix | None
    related: tuple[Related, ...]
    # 1-based line/column of start and (exclusive) end, in code points.
    position: tuple[int, int, int, int]
    args: Mapping[str, Any]

    def __init__(
        self,
        path: str,
        code: str,
        name: str,
        severity: Severity,
        span: Span,
        message: T | Message,
        help: T | Message | None = None,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        position: tuple[int, int, int, int] = (0, 0, 0, 0),
        args: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.code = code
        self.name = name
        self.severity = severity
        self.span = span
        self.message = message
        self.help = help
        self.fix = fix
        self.related = related
        self.position = position
        self.args = {} if args is None else args

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)


#: The keys of findings' arguments, each tuple once (``Args``).
_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}
_INTERN_LONGEST = 32  # strings up to this long are interned (words, quotes), not whole lines


class Args(Mapping[str, Any]):
    """A finding's arguments (a read-only mapping) as two tuples: the keys, one tuple shared by
    every finding with the same keys, and the values; a short string value is interned, so the
    same word found a thousand times is one string. A dict of one key costs 184 bytes, this 56."""

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._keys = keys
        self._values = values

    @classmethod
    def of(cls, args: Mapping[str, Any]) -> Args:
        """``args`` made compact (an ``Args`` is returned as it is)."""
        if isinstance(args, Args):
            return args
        keys = tuple(args)
        shared = _KEYS.get(keys)
        if shared is None:
            shared = _KEYS[keys] = tuple(sys.intern(k) for k in keys)
        values = tuple(
            sys.intern(v)
            if type(v) is str and len(v) <= _INTERN_LONGEST  # (a str subclass cannot be)
            else v
            for v in args.values()
        )
        return cls(shared, values)

    def __getitem__(self, key: str) -> Any:
        keys = self._keys
        for i in range(len(keys)):
            if keys[i] == key:
                return self._values[i]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[Any, ...]:
        return Args, (self._keys, self._values)

    def __repr__(self) -> str:
        return repr(dict(zip(self._keys, self._values, strict=True)))


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
