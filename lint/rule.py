"""The rule protocol: metadata as fields, a pure ``check``, optional ``finish`` for cross-file work.

A rule is a class. The engine reads its fields to list, select, explain and report it, and calls
``check(doc, ctx)`` once per document. ``check`` reports spans through ``ctx.report``; it never does
I/O, never mutates the document and never picks an output language.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from lint.diagnostic import Fix, Related
    from lint.document import Document, Span


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
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True)
class T:
    """A text in both languages the reporters speak."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Example:
    """An executable example: ``bad`` must fire, ``good`` must stay quiet.

    When the rule's fix is safe for ``bad``, applying it must give ``good`` (unless ``fixed`` says
    otherwise). ``options`` overrides the rule's option defaults for this example.
    """

    bad: str | None = None
    good: str | None = None
    fixed: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


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

    @dataclass(frozen=True)
    class Options:
        pass

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

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field[Any]]:
        return list(dataclasses.fields(cls.Options))

    @classmethod
    def family(cls) -> str:
        return cls.code.rstrip("0123456789")


class Reporter:
    """Reporting findings of one rule in one file; the base of ``Context`` and ``FinishContext``."""

    def __init__(self, rule: Rule, sink: Callable[..., None]) -> None:
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
        self._sink(self.rule, span, key, help, fix, tuple(related), args)


class Context(Reporter):
    """What ``check`` may do besides reading the document: report findings and keep facts."""

    def __init__(
        self,
        rule: Rule,
        doc: Document,
        sink: Callable[..., None],
        dictionary: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(rule, sink)
        self.doc = doc
        self.kept: Any = None
        #: The config's ``[dictionary]`` table (user word lists), validated by the config loader.
        self.dictionary: Mapping[str, Any] = dictionary or {}

    def keep(self, facts: Any) -> None:
        """Keep picklable per-file facts for the rule's ``finish``."""
        self.kept = facts


class FinishContext(Reporter):
    """Reporting for ``finish``: findings in the file whose facts were passed."""
