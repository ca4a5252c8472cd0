"""JSON output: one object, ``{"version": 1, "diagnostics": [...], "summary": {...}}``.

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


def write_json(
    out: TextIO,
    diags: Sequence[Diagnostic],
    *,
    lang: str,
    files: int,
    errors: Sequence[str],
    fixed: int = 0,
) -> None:
    doc = {
        "version": VERSION,
        "diagnostics": [diagnostic_json(d, lang) for d in diags],
        "summary": summary_json(diags, files, errors, fixed),
    }
    out.write(json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n")  # one write


class JsonReporter:
    """Collects every finding; writes one JSON document, sorted by path and position, at the
    end (the shape of ``write_json``)."""

    prepare: Callable[[FileResult], None] | None = None

    def __init__(self, out: TextIO, *, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang

    def result(self, r: FileResult) -> None:
        pass  # the totals hold every finding

    def close(self, totals: Totals) -> None:
        diags = sorted(totals.diagnostics, key=lambda d: d.sort_key)
        write_json(
            self.out,
            diags,
            lang=self.lang,
            files=totals.files,
            errors=totals.errors,
            fixed=totals.fixed,
        )
