"""Reporters: one module per output format, all behind one protocol.

A run (``wenlint.session``) hands a reporter each file's result as it comes in (``result``), then
the totals of the run (``close``). ``prepare``, when a reporter has one, renders a result where
the file was linted (in a worker process), so that less travels back.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from wenlint.record import Record

if TYPE_CHECKING:
    from wenlint.check import FileResult
    from wenlint.diagnostic import Diagnostic


class Totals(Record):
    """What a run found, for the end of a report."""

    __slots__ = ("diagnostics", "errors", "files", "fixed")
    _fields = ("files", "errors", "fixed", "diagnostics")
    files: int
    errors: Sequence[str]  # files that could not be checked, one line each
    fixed: int
    #: every finding, in run order, as its ``tally`` stand-in: code, name, severity and whether
    #: it has a (safe) fix, not its file, place or message (a reporter that needs those keeps
    #: them from ``result``)
    diagnostics: Sequence[Diagnostic]

    def __init__(
        self, files: int, errors: Sequence[str], fixed: int, diagnostics: Sequence[Diagnostic]
    ) -> None:
        self.files = files
        self.errors = errors
        self.fixed = fixed
        self.diagnostics = diagnostics


#: The stand-ins of ``tally``, one per kind of finding.
_TALLIES: dict[tuple[str, str, int, int], Diagnostic] = {}


def tally(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """What a run keeps of findings already reported, for its totals and exit code: one shared
    stand-in per (code, rule name, severity, fix: none, safe or unsafe), so a million findings
    cost a million list slots (8 bytes each), not a million findings."""
    out = []
    for d in diags:
        fix = d.fix
        key = (d.code, d.name, int(d.severity), 0 if fix is None else 1 if fix.safe else 2)
        one = _TALLIES.get(key)
        if one is None:
            one = _TALLIES[key] = _stand_in(d)
        out.append(one)
    return out


def _stand_in(d: Diagnostic) -> Diagnostic:
    from wenlint.diagnostic import Diagnostic, Fix
    from wenlint.document import Span
    from wenlint.rule import T

    fix = None if d.fix is None else Fix((), d.fix.applicability)
    return Diagnostic("", d.code, d.name, d.severity, Span(0, 0), T(zh="", en=""), fix=fix)


class Reporter(Protocol):
    prepare: Callable[[FileResult], None] | None

    def result(self, r: FileResult) -> None: ...

    def close(self, totals: Totals) -> None: ...


class FileFed:
    """The protocol for reporters fed ``file(path, text, diags)`` and closed by
    ``finish(files=, errors=, fixed=)`` (SARIF, GitHub, HTML)."""

    prepare: Callable[[FileResult], None] | None = None

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        raise NotImplementedError  # pragma: no cover - interface

    def finish(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> None:
        raise NotImplementedError  # pragma: no cover - interface

    def result(self, r: FileResult) -> None:
        self.file(r.path, r.text, r.diagnostics)

    def close(self, totals: Totals) -> None:
        self.finish(files=totals.files, errors=totals.errors, fixed=totals.fixed)


class DiffReporter:
    """``--diff``: each file's safe fixes as a unified diff, nothing else.

    Written to a file or a pipe, the patch is the bytes ``git apply`` and ``patch`` need, in the
    file's own encoding (``wenlint.diff``). On a terminal it is shown, not applied: decoded from
    that encoding, with control characters, bidi controls and undecodable bytes made visible as
    in every other human-readable output (``wenlint.report.visible``), so a document's escape
    sequences never reach the terminal."""

    prepare: Callable[[FileResult], None] | None = None

    def result(self, r: FileResult) -> None:
        if not r.diff:  # bytes: the file's own encoding (wenlint.diff)
            return
        out = sys.stdout
        if out.isatty():
            out.write(shown_diff(r.diff, r.source.encoding if r.source else "utf-8"))
            out.flush()
            return
        out.flush()
        out.buffer.write(r.diff)
        out.buffer.flush()

    def close(self, totals: Totals) -> None:
        pass


def shown_diff(diff: bytes, encoding: str) -> str:
    """A patch as a terminal shows it: each line decoded (bytes that are not ``encoding`` as
    ``\\xff``) and made visible; the line breaks between lines are kept (a CR before one is
    shown, as ``␍``)."""
    from wenlint.report.visible import visible

    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    text = diff.decode(encoding, "surrogateescape")
    return "\n".join(visible(line) for line in text.split("\n"))


class StdinFixReporter:
    """``--fix`` with standard input among the inputs: the fixed text on stdout, in the input's
    encoding, BOM and newlines (input that could not be decoded passes through unchanged, so a
    pipe never loses text); other files' findings only as text, and no summary."""

    prepare: Callable[[FileResult], None] | None = None

    def __init__(self, original: bytes | None, text: Any = None) -> None:
        self.original = original
        self.text = text  # the text reporter, when the format is text

    def result(self, r: FileResult) -> None:
        if r.stdin:
            from wenlint.io import encode

            sys.stdout.flush()
            if r.text is None:
                data = self.original or b""
            else:
                try:
                    data = encode(r.text, r.source) if r.source is not None else r.text.encode()
                except UnicodeEncodeError:
                    data = r.text.encode("utf-8", "surrogateescape")
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        elif self.text is not None and r.diagnostics:
            self.text.result(r)

    def close(self, totals: Totals) -> None:
        pass


def reporter_for(
    fmt: str,
    registry: Any,
    *,
    lang: str,
    color: bool = False,
    width: int = 80,
    statistics: bool = False,
    summary: bool = True,
    pretty: bool = False,
) -> Reporter:
    """The reporter of ``--format fmt``, writing to stdout (``pretty``: JSON indented)."""
    if fmt == "json":
        from wenlint.report.json_ import JsonReporter

        return JsonReporter(sys.stdout, lang=lang, pretty=pretty)
    if fmt == "sarif":
        from wenlint.report.sarif import SarifReporter

        return SarifReporter(sys.stdout, registry=registry, lang=lang)
    if fmt == "github":
        from wenlint.report.github import GithubReporter

        return GithubReporter(sys.stdout, registry=registry, lang=lang)
    if fmt == "gitlab":
        from wenlint.report.gitlab import GitlabReporter

        return GitlabReporter(sys.stdout, registry=registry, lang=lang)
    if fmt == "html":
        from wenlint.report.html import HtmlReporter

        return HtmlReporter(sys.stdout, registry=registry, lang=lang)
    from wenlint.report.text import TextReporter

    return TextReporter(
        sys.stdout, lang=lang, color=color, width=width, statistics=statistics, summary=summary
    )
