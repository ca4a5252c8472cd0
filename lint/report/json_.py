"""JSON output: one object, ``{"version": 1, "diagnostics": [...], "summary": {...}}``, compact
(one finding a line) or, with ``--pretty``, indented.

The shape is fixed by ``schema.json`` beside this file (JSON Schema 2020-12); tests validate every
output against it. Lines and columns are 1-based code points, ends exclusive; offsets 0-based.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from wenlint.diagnostic import Diagnostic, Related
from wenlint.report.visible import json_safe
from wenlint.rule import Severity

if TYPE_CHECKING:
    from wenlint.check import FileResult
    from wenlint.report import Totals

VERSION = 1


def diagnostic_json(d: Diagnostic, lang: str) -> dict[str, Any]:
    line, col, end_line, end_col = d.position
    return {
        "path": d.path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "offset": d.span.start,
        "end_offset": d.span.end,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message.get(lang),
        "help": d.help.get(lang) if d.help else None,
        "related": [_related(r, d.path, lang) for r in d.related],
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "edits": [
                {"offset": e.start, "end_offset": e.end, "content": e.text} for e in d.fix.edits
            ],
        },
    }


def _related(r: Related, path: str, lang: str) -> dict[str, Any]:
    pos = r.position or (0, 0, 0, 0)
    return {
        "path": r.path or path,
        "line": pos[0],
        "column": pos[1],
        "end_line": pos[2],
        "end_column": pos[3],
        "offset": r.span.start,
        "end_offset": r.span.end,
        "message": r.note.get(lang),
    }


def summary_json(
    diags: Sequence[Diagnostic], files: int, errors: Sequence[str], fixed: int
) -> dict[str, Any]:
    counts = Counter(d.severity for d in diags)
    return {
        "files": files,
        "total": len(diags),
        "error": counts[Severity.ERROR],
        "warning": counts[Severity.WARNING],
        "info": counts[Severity.INFO],
        "fixable": sum(1 for d in diags if d.fix is not None and d.fix.safe),
        "fixed": fixed,
        "by_rule": dict(sorted(Counter(d.code for d in diags).items())),
        "file_errors": list(errors),
    }


#: Compact, by the C encoder (``indent`` would take the pure-Python one); made once, where
#: ``json.dumps`` with options builds an encoder per call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dump(value: Any) -> str:
    """``value`` as compact JSON (valid UTF-8: lone surrogates made visible)."""
    return json_safe(_COMPACT.encode(value))


def write_json(
    out: TextIO,
    diags: Sequence[Diagnostic],
    *,
    lang: str,
    files: int,
    errors: Sequence[str],
    fixed: int = 0,
) -> None:
    """The whole document indented by two spaces (``--pretty``)."""
    doc = {
        "version": VERSION,
        "diagnostics": [diagnostic_json(d, lang) for d in diags],
        "summary": summary_json(diags, files, errors, fixed),
    }
    out.write(json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n")  # one write


class JsonRenderer:
    """Each finding of a file as its compact JSON object, made where the file was linted (a
    worker process, as the text reporter renders there): what travels back is that text and a
    few fields per finding. Picklable."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def prepare(self, result: FileResult) -> None:
        if result.diagnostics:
            lang = self.lang
            result.rendered = [dump(diagnostic_json(d, lang)) for d in result.diagnostics]


class JsonReporter:
    """Collects every finding; writes one JSON document, sorted by path and position, at the
    end. Compact by default: no indentation, one finding a line, each made by the C encoder in
    the process that linted its file; ``pretty``: the whole document indented (``write_json``).
    Both parse to the same value."""

    prepare: Callable[[FileResult], None] | None = None

    def __init__(self, out: TextIO, *, lang: str = "zh", pretty: bool = False) -> None:
        self.out = out
        self.lang = lang
        self.pretty = pretty
        self._renderer = JsonRenderer(lang)
        if not pretty:
            self.prepare = self._renderer.prepare
        #: (sort key, JSON object) of every finding, in run order
        self._shown: list[tuple[tuple[str, int, int, str], str]] = []

    def result(self, r: FileResult) -> None:
        if self.pretty or not r.diagnostics:
            return  # the totals hold every finding
        rendered: Sequence[str | None] | None = r.rendered
        if rendered is None or len(rendered) != len(r.diagnostics):
            rendered = [None] * len(r.diagnostics)  # a baseline filtered them: made here
        lang, shown = self.lang, self._shown
        for d, one in zip(r.diagnostics, rendered, strict=True):
            # cross-file findings (added in this process) are made here
            shown.append((d.sort_key, one if one is not None else dump(diagnostic_json(d, lang))))

    def close(self, totals: Totals) -> None:
        if self.pretty:
            diags = sorted(totals.diagnostics, key=lambda d: d.sort_key)
            write_json(
                self.out,
                diags,
                lang=self.lang,
                files=totals.files,
                errors=totals.errors,
                fixed=totals.fixed,
            )
            return
        self._shown.sort(key=lambda kv: kv[0])  # stable: run order among equal keys
        body = ",\n".join(one for _, one in self._shown)
        summary = dump(summary_json(totals.diagnostics, totals.files, totals.errors, totals.fixed))
        listed = f"[\n{body}\n]" if body else "[]"
        self.out.write(f'{{"version":{VERSION},"diagnostics":{listed},"summary":{summary}}}\n')
        self._shown = []
