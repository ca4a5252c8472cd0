"""Running rules over documents: selection per config, isolation, suppression, cross-file finish.

The runner knows rules only through the registry. Each ``check`` runs in isolation: an exception
becomes one internal-error diagnostic naming the rule and the file, and the other rules go on.
"""

from __future__ import annotations

import fnmatch
import time
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import Any

from wenlint.config import Config, check_selectors, rule_settings
from wenlint.diagnostic import Args, Diagnostic, Message, Related
from wenlint.document import Document, Span
from wenlint.engine_rules import InternalError, UnknownRuleInComment
from wenlint.record import Record
from wenlint.registry import Registry
from wenlint.rule import Context, Finding, FinishContext, Rule, Severity
from wenlint.suppress import Suppressions, parse_suppressions

# The order of findings within one file (all of one path): ``Diagnostic.sort_key`` without the path.
IN_FILE_ORDER = attrgetter("span.start", "span.end", "code")

# Findings of the engine itself (wenlint.engine_rules): they cannot be selected or ignored.
INTERNAL_ERROR = (InternalError.code, InternalError.name)
UNKNOWN_SUPPRESSION = (UnknownRuleInComment.code, UnknownRuleInComment.name)


class Overrides(Record):
    """Command-line choices that take precedence over the config file."""

    __slots__ = ("extend_select", "ignore", "select")
    _fields = ("select", "ignore", "extend_select")
    select: list[str] | None
    ignore: list[str]
    extend_select: list[str]

    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
    ) -> None:
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select


class RuleSet(Record):
    """The rules selected for one config, instantiated with their options."""

    __slots__ = ("config", "registry", "rules", "severity")
    _fields = ("config", "registry", "rules", "severity")
    config: Config
    registry: Registry
    rules: list[Rule]
    severity: dict[str, Severity]

    def __init__(
        self, config: Config, registry: Registry, rules: list[Rule], severity: dict[str, Severity]
    ) -> None:
        self.config = config
        self.registry = registry
        self.rules = rules
        self.severity = severity

    def suppressions(self, doc: Document) -> Suppressions:
        """The suppression comments of ``doc``, read once per document."""
        return doc.derived(
            parse_suppressions, lambda d: parse_suppressions(d, self.registry.resolve)
        )

    def ignored_for(self, path: str) -> set[str]:
        if not self.config.per_file_ignores:
            return set()
        p = PurePosixPath(Path(path).as_posix())
        try:
            rel = PurePosixPath(Path(path).resolve().relative_to(self.config.root).as_posix())
        except ValueError:
            rel = p
        out: set[str] = set()
        for glob, tokens in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(str(rel), glob) or fnmatch.fnmatch(p.name, glob):
                for tok in tokens:
                    out.update(self.registry.resolve(tok))
        return out


def registry_with_style(registry: Registry, config: Config | None) -> Registry:
    """The rules a config can select: the registry's, and the config's house-style rules
    (``[[style]]``, which join a copy of the registry). The one place they are loaded."""
    if config is None or not config.style:
        return registry
    from wenlint.declarative import with_style_rules

    return with_style_rules(registry, config.style, config.where)


def build_ruleset(registry: Registry, config: Config, cli: Overrides | None = None) -> RuleSet:
    cli = cli or Overrides()
    registry = registry_with_style(registry, config)
    check_selectors(config, registry)
    settings = rule_settings(config, registry)
    select = cli.select if cli.select else config.select
    ignore = [*config.ignore, *cli.ignore]
    extend = [*config.extend_select, *cli.extend_select]
    codes = registry.select(select, ignore, extend)
    rules: list[Rule] = []
    severity: dict[str, Severity] = {}
    for code in codes:
        cls = registry.rules[code]
        sev, opts = settings.get(code, (None, None))
        rules.append(cls(opts))
        severity[code] = sev or cls.severity
    return RuleSet(config, registry, rules, severity)


def lint_document(
    doc: Document, ruleset: RuleSet, timings: dict[str, float] | None = None
) -> tuple[list[Diagnostic], dict[str, Any]]:
    """All findings for one document, suppressions applied, sorted by position; and kept facts.

    With ``timings``, each rule's seconds are added to it under the rule's code."""
    diags: list[Diagnostic] = []
    kept: dict[str, Any] = {}
    skip = ruleset.ignored_for(doc.path)
    sink = _File(doc, diags, ruleset.severity)
    words = ruleset.config.dictionary

    def suppressions() -> Suppressions:
        return ruleset.suppressions(doc)

    if timings is not None:  # shared work (decode view, split blocks) is timed on its own
        t0 = time.perf_counter()
        doc.blocks  # noqa: B018
        timings["(document)"] = timings.get("(document)", 0.0) + time.perf_counter() - t0
    for rule in ruleset.rules:
        if rule.code in skip:
            continue
        ctx = Context(rule, doc, sink, words, suppressions)
        before = len(diags)
        t0 = time.perf_counter() if timings is not None else 0.0
        try:
            rule.check(doc, ctx)
        except Exception as exc:  # isolate: one rule's bug must not stop the others
            del diags[before:]
            diags.append(internal_error(doc, rule, exc))
        if timings is not None:
            timings[rule.code] = timings.get(rule.code, 0.0) + time.perf_counter() - t0
        if ctx.kept is not None:
            kept[rule.code] = ctx.kept
    diags = _settle(doc, ruleset, diags, report_unknown=True)
    return diags, kept


def finish_file(doc: Document, ruleset: RuleSet, kept: dict[str, Any]) -> list[Diagnostic]:
    """Cross-file findings in ``doc``: each rule's ``finish`` with the facts it kept for this file
    (called in run order), suppressions applied, sorted by position."""
    diags: list[Diagnostic] = []
    sink = _File(doc, diags, ruleset.severity)
    for rule in ruleset.rules:
        facts = kept.get(rule.code)
        if facts is None or type(rule).finish is Rule.finish:
            continue
        before = len(diags)
        try:
            rule.finish(doc.path, facts, FinishContext(rule, sink))
        except Exception as exc:
            del diags[before:]
            diags.append(internal_error(doc, rule, exc))
    return _settle(doc, ruleset, diags, report_unknown=False) if diags else diags


class _File:
    """The sink of the runner's contexts: the findings of one file, each built positioned."""

    __slots__ = ("diags", "limit", "path", "position", "severity")

    def __init__(
        self, doc: Document, diags: list[Diagnostic], severity: dict[str, Severity]
    ) -> None:
        self.diags, self.path, self.limit = diags, doc.path, len(doc.text)
        self.position = doc.lines.position
        self.severity = severity

    def __call__(self, rule: Rule, found: Finding) -> None:
        """What ``Reporter.report`` found (it has checked the message keys)."""
        span = found.span
        if span.end > self.limit:
            raise ValueError(f"span {span} outside the text ({self.limit} code points)")
        messages, position, args = rule.messages, self.position, Args.of(found.args)
        self.diags.append(
            Diagnostic(
                self.path,
                rule.code,
                rule.name,
                self.severity[rule.code],
                span,
                Message(messages[found.key], args),
                Message(messages[found.help], args) if found.help else None,
                found.fix,
                _placed(found.related, position) if found.related else (),
                position(span.start, span.end),
                args,
            )
        )


def _placed(related: tuple[Related, ...], position: Any) -> tuple[Related, ...]:
    """Related locations in this file get their positions; those in other files came with one."""
    return tuple(
        Related(r.span, r.note, None, position(r.span.start, r.span.end))
        if r.path is None and r.position is None
        else r
        for r in related
    )


def _settle(
    doc: Document, ruleset: RuleSet, diags: list[Diagnostic], *, report_unknown: bool
) -> list[Diagnostic]:
    """Apply the file's suppression comments and sort by position (findings come positioned)."""
    sup = ruleset.suppressions(doc)
    if sup.ranges:
        diags = [d for d in diags if not sup.suppressed(d.code, d.span.start)]
    if report_unknown:
        for span, tok in sup.unknown:
            diags.append(
                _engine_finding(doc, UnknownRuleInComment, span, "unknown", "see", token=tok)
            )
    diags.sort(key=IN_FILE_ORDER)
    return diags


def internal_error(doc: Document, rule: Rule, exc: BaseException) -> Diagnostic:
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    detail = f"{type(exc).__name__}: {exc}{where}"
    return _engine_finding(
        doc, InternalError, Span(0, 0), "failed", "report", rule=rule.code, name=rule.name,
        detail=detail,
    )  # fmt: skip


def _engine_finding(
    doc: Document, kind: type[Rule], span: Span, key: str, help: str, **args: Any
) -> Diagnostic:
    """A finding of one of the engine's rules (which cannot be selected, so keep their
    default severity)."""
    return Diagnostic(
        doc.path,
        kind.code,
        kind.name,
        kind.severity,
        span,
        Message(kind.messages[key], args),
        Message(kind.messages[help], args),
        position=doc.lines.position(span.start, span.end),
        args=args,
    )
