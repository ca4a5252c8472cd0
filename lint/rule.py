"""The rule protocol: metadata as fields, a pure ``check``, optional ``finish`` for cross-file work.

A rule is a class. The engine reads its fields to list, select, explain and report it, and calls
``check(doc, ctx)`` once per document. ``check`` reports spans through ``ctx.report``; it never does
I/O, never mutates the document and never picks an output language.
"""

from __future__ import annotations

import enum
import re
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final, NamedTuple, Protocol

from wenlint.record import Frozen, Record
from wenlint.text import locate

if TYPE_CHECKING:
    from wenlint.diagnostic import Fix, Related
    from wenlint.document import Block, Document, Span
    from wenlint.suppress import Suppressions


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class FixAvailability(enum.Enum):
    """What ``--fix`` can do for a rule's findings, as its examples and fixtures show (checked
    by tests/test_meta.py). A *safe* fix is applied by ``--fix``; an unsafe one is a suggestion,
    shown (需人工确认) and never applied."""

    NONE = "none"  # no finding carries a fix
    SUGGESTION = "suggestion"  # findings carry suggestions (unsafe fixes) only, never a safe fix
    SOMETIMES = "sometimes"  # some findings carry a safe fix; others a suggestion or nothing
    ALWAYS = "always"  # every finding carries a safe fix


class T(Frozen):
    """A text in both languages the reporters speak."""

    __slots__ = ("en", "zh")
    _fields = ("zh", "en")
    zh: Final[str]
    en: Final[str]

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Example(Frozen):
    """An executable example: ``bad`` must fire, ``good`` must stay quiet.

    When the rule's fix is safe for ``bad``, applying it must give ``good`` (unless ``fixed`` says
    otherwise). ``options`` overrides the rule's option defaults for this example.
    """

    __slots__ = ("bad", "fixed", "good", "options")
    _fields = ("bad", "good", "fixed", "options")
    bad: Final[str | None]
    good: Final[str | None]
    fixed: Final[str | None]
    options: Final[Mapping[str, Any]]

    def __init__(
        self,
        bad: str | None = None,
        good: str | None = None,
        fixed: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.bad = bad
        self.good = good
        self.fixed = fixed
        self.options = {} if options is None else options


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


#: The default of an option that has none (its rule's ``Options`` must be given it).
REQUIRED: Any = _Required()


class OptionField(Frozen):
    """One of a rule's options, as ``Rule.option_fields`` lists it."""

    __slots__ = ("default", "name", "type")
    _fields = ("name", "type", "default")
    name: Final[str]
    type: Final[Any]
    default: Final[Any]

    def __init__(self, name: str, type: Any, default: Any) -> None:
        self.name = name
        self.type = type
        self.default = default


class Rule:
    """Base class of every rule, built-in or plugin. Subclasses set the class fields below."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    summary: ClassVar[T]
    rationale: ClassVar[T]
    fix_safety: ClassVar[T | None] = None
    standard: ClassVar[str | None] = None  # the clause a rule enforces, e.g. "GB/T 15834-2011 §4.1"
    examples: ClassVar[Sequence[Example]] = ()
    messages: ClassVar[Mapping[str, T]]
    #: Off unless selected (opt-in conventions such as software-doc spacing).
    default_enabled: ClassVar[bool] = True

    class Options(NamedTuple):
        """A rule's options: a ``typing.NamedTuple`` of typed fields with defaults (a plugin's
        may still be a frozen dataclass); ``option_fields`` lists them."""

    def __init__(self, options: Options | None = None) -> None:
        # Typed Any: each rule reads its own Options subclass's fields.
        self.options: Any = options if options is not None else self.Options()

    def check(self, doc: Document, ctx: Context) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    # Cross-file rules keep picklable per-file facts with ctx.keep(...) in check(). In the main
    # process the runner then passes each file's facts to finish(), file by file in run order, as
    # soon as that file is linted; finish() reports findings in that file, against what the rule
    # remembers of the earlier files (state on the instance, which lasts one run).
    def finish(self, path: str, facts: Any, ctx: FinishContext) -> None:
        return None

    # A cross-file rule may also name the keys of a file's facts (64-bit integers, such as
    # fingerprints). It promises that finish() on a file reports only through keys the file
    # shares with earlier files, and needs of the earlier files only the first to hold each of
    # them; a distributed run (``wenlint archive``) then joins files by key (a shuffle) rather
    # than passing every file through one process. None: finish() needs every earlier file.
    def finish_keys(self, facts: Any) -> Iterable[int] | None:
        return None

    @classmethod
    def option_fields(cls) -> list[OptionField]:
        """The rule's options in order: each one's name, type and default (``REQUIRED`` when
        it has none). Read from the ``Options`` named tuple's fields, or from a plugin's
        dataclass (imported only then)."""
        opts: Any = cls.Options
        hints = typing.get_type_hints(opts)
        if hasattr(opts, "_fields"):
            defaults = opts._field_defaults
            return [OptionField(n, hints[n], defaults.get(n, REQUIRED)) for n in opts._fields]
        import dataclasses

        out = []
        for f in dataclasses.fields(opts):
            default = f.default
            if default is dataclasses.MISSING:
                factory = f.default_factory
                default = REQUIRED if factory is dataclasses.MISSING else factory()
            out.append(OptionField(f.name, hints.get(f.name, f.type), default))
        return out

    @classmethod
    def family(cls) -> str:
        return cls.code.rstrip("0123456789")


class Finding(Record):
    """What a rule reported (``ctx.report``), before the engine places it in its file."""

    __slots__ = ("args", "fix", "help", "key", "related", "span")
    _fields = ("span", "key", "help", "fix", "related", "args")
    span: Span
    key: str  # a key of the rule's ``messages``
    help: str | None  # another message key, telling the cure
    fix: Fix | None
    related: tuple[Related, ...]
    args: Mapping[str, Any]

    def __init__(
        self,
        span: Span,
        key: str,
        help: str | None = None,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        args: Mapping[str, Any] | None = None,
    ) -> None:
        self.span = span
        self.key = key
        self.help = help
        self.fix = fix
        self.related = related
        self.args = {} if args is None else args


class Sink(Protocol):
    """Where a context's findings go: the engine's findings of one file, or a test's list."""

    def __call__(self, rule: Rule, finding: Finding, /) -> None: ...


class Reporter:
    """Reporting findings of one rule in one file; the base of ``Context`` and ``FinishContext``."""

    def __init__(self, rule: Rule, sink: Sink) -> None:
        self.rule = rule
        self._sink = sink

    def report(
        self,
        span: Span,
        key: str,
        *,
        help: str | None = None,
        fix: Fix | None = None,
        related: Sequence[Related] = (),
        **args: Any,
    ) -> None:
        """Report ``span`` with message ``key`` (a key of the rule's ``messages``).

        ``help`` is another message key (formatted with the same ``args``) telling the cure.
        """
        if key not in self.rule.messages:
            raise KeyError(f"{self.rule.code} has no message {key!r}")
        if help is not None and help not in self.rule.messages:
            raise KeyError(f"{self.rule.code} has no message {help!r}")
        self._sink(self.rule, Finding(span, key, help, fix, tuple(related), args))


class Context(Reporter):
    """What ``check`` may do besides reading the document: report findings, keep facts, and use
    the engine's services on the document (made once per rule and document)."""

    def __init__(
        self,
        rule: Rule,
        doc: Document,
        sink: Sink,
        dictionary: Mapping[str, Any] | None = None,
        suppressions: Callable[[], Suppressions] | None = None,
    ) -> None:
        super().__init__(rule, sink)
        self.doc = doc
        self.kept: Any = None
        #: The config's ``[dictionary]`` table (user word lists), validated by the config loader.
        self.dictionary: Mapping[str, Any] = dictionary or {}
        self._suppressions = suppressions
        self._sup: Suppressions | None = None

    def keep(self, facts: Any) -> None:
        """Keep picklable per-file facts for the rule's ``finish``."""
        self.kept = facts

    # -- services: scanning the document ----------------------------------------------------------
    def block_at(self, start: int, end: int | None = None) -> Block | None:
        """The block holding ``[start, end)`` (or the character at ``start``), or None."""
        return self.doc.block_at(start, end)

    def blocks_with(
        self,
        chars: Iterable[str] = (),
        *,
        literals: Iterable[str] = (),
        pattern: re.Pattern[str] | Iterable[re.Pattern[str]] | None = None,
    ) -> list[Block]:
        """The blocks, in order, whose text holds one of the single characters ``chars``, one
        of the strings ``literals`` or a match of ``pattern`` (one pattern or several; none may
        match the empty string, and a match's lookaround must stay inside its block): the
        prefilter of a rule that has work only where one of these occurs, found in the whole
        view at C speed. (Several patterns led by a literal, such as ``和[，。]`` and ``与[，。]``,
        are scanned faster than one led by a character class.)"""
        doc = self.doc
        view, blocks = doc.view, doc.blocks
        parts: list[list[Block]] = []
        if chars:
            parts.append(locate.blocks_with(view, blocks, chars))
        if literals:
            parts.append(locate.blocks_containing(view, blocks, literals))
        if pattern is not None:
            patterns = [pattern] if isinstance(pattern, re.Pattern) else list(pattern)
            parts.append(locate.blocks_matching(view, blocks, *patterns))
        if len(parts) == 1:
            return parts[0]
        seen = {b.index: b for part in parts for b in part}
        return [seen[i] for i in sorted(seen)]

    # -- services: suppression comments -----------------------------------------------------------
    def suppressed(self, offset: int, code: str | None = None) -> bool:
        """Whether a ``<!-- wenlint-disable… -->`` comment turns this rule (or ``code``) off at
        ``offset``. The engine drops such findings itself; a rule asks only when it must know
        before reporting (what a cross-file rule keeps for later files)."""
        sup = self._sup
        if sup is None:
            if self._suppressions is None:
                return False
            sup = self._sup = self._suppressions()  # read once per document, then kept here
        return bool(sup.ranges) and sup.suppressed(code or self.rule.code, offset)


class FinishContext(Reporter):
    """Reporting for ``finish``: findings in the file whose facts were passed."""
