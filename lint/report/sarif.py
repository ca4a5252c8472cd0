"""SARIF 2.1.0 output (``--format sarif``): one run, every rule, one result per finding.

Columns are Unicode code points (``run.columnKind``), lines break at CRLF, LF and CR
(``run.newlineSequences``); regions carry line/column and ``charOffset``/``charLength`` in the same
unit, end column exclusive, as SARIF defines them. ``partialFingerprints["wenlint/v1"]`` is the
baseline fingerprint (rule, flagged text, context) plus an occurrence number, so it survives lines
added above a finding. The output validates against the OASIS schema vendored beside this file
(``sarif-schema-2.1.0.json``, see ``SARIF-SCHEMA.md``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from wenlint import __version__
from wenlint.baseline import fingerprint
from wenlint.diagnostic import Diagnostic, Edit
from wenlint.document import LineIndex, Span
from wenlint.engine_rules import ENGINE_RULES
from wenlint.report import FileFed
from wenlint.report.visible import json_safe
from wenlint.rule import Rule, Severity

if TYPE_CHECKING:
    from wenlint.registry import Registry

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "wenlint/v1"
SNIPPET_MAX = 400

FAMILY_TAGS = {
    "D": "duplication",
    "W": "words",
    "N": "numbering",
    "P": "punctuation",
    "S": "structure",
    "F": "formats",
    "C": "characters",
    "U": "house-style",
}


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path becomes a URI reference under ``%SRCROOT%``; an absolute one a file URI."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return {"uri": p.as_uri()}
    rel = str(PurePosixPath(*p.parts)) if p.parts else path
    if os.name == "nt":
        rel = rel.replace("\\", "/")
    return {"uri": quote(rel, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: type[Rule], lang: str) -> dict[str, Any]:
    from wenlint.explain import explain_text

    family = rule.family()
    props: dict[str, Any] = {
        "tags": ["chinese-text", FAMILY_TAGS.get(family, family.lower())],
        "fixable": rule.fix.value,
        "precision": "high",
    }
    if rule.standard:
        props["standard"] = rule.standard
    help_text = explain_text(rule, lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.get(lang)},
        "fullDescription": {"text": rule.rationale.get(lang)},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {
            "level": LEVEL[rule.severity],
            "enabled": rule.default_enabled,
        },
        "properties": props,
    }


def _engine_descriptor(rule: type[Rule], lang: str) -> dict[str, Any]:
    """An engine rule (``wenlint.engine_rules``): not configurable, so no more than its summary."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.get(lang)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["wenlint-engine"]},
    }


class SarifReporter(FileFed):
    """Fed file by file (``file``), writes one SARIF log at ``finish``."""

    def __init__(self, out: TextIO, *, registry: Registry, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.rules = [rule_descriptor(r, lang) for r in registry.sorted()]
        known = {r["id"] for r in self.rules}
        self.rules += [_engine_descriptor(r, lang) for r in ENGINE_RULES if r.code not in known]
        self.index = {r["id"]: i for i, r in enumerate(self.rules)}
        self.results: list[dict[str, Any]] = []
        self._occurrence: Counter[tuple[str, str, str]] = Counter()

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        if not diags:
            return
        src = text or ""
        lines = LineIndex(src)
        for d in sorted(diags, key=lambda d: d.sort_key):
            fp = fingerprint(src, d)
            self._occurrence[(d.path, d.code, fp)] += 1
            n = self._occurrence[(d.path, d.code, fp)]
            self.results.append(self._result(d, src, lines, f"{fp}:{n}"))

    def _region(
        self, span: Span, position: tuple[int, int, int, int], text: str | None
    ) -> dict[str, Any]:
        line, col, end_line, end_col = position
        region: dict[str, Any] = {
            "startLine": max(line, 1),
            "startColumn": max(col, 1),
            "endLine": max(end_line, line, 1),
            "endColumn": max(end_col, 1) if end_line > line else max(end_col, col, 1),
            "charOffset": span.start,
            "charLength": len(span),
        }
        if text is not None and len(span):
            snippet = text[span.start : span.end]
            if len(snippet) > SNIPPET_MAX:
                snippet = snippet[:SNIPPET_MAX] + "…"
            region["snippet"] = {"text": snippet}
        return region

    def _edit_region(self, e: Edit, lines: LineIndex) -> dict[str, Any]:
        span = Span(e.start, max(e.start, e.end))
        return self._region(span, (*lines.line_col(span.start), *lines.line_col(span.end)), None)

    def _result(self, d: Diagnostic, text: str, lines: LineIndex, fp: str) -> dict[str, Any]:
        loc = artifact_location(d.path)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVEL[d.severity],
            "message": {"text": d.message.get(self.lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": loc,
                        "region": self._region(d.span, d.position, text),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
        }
        if d.code in self.index:
            result["ruleIndex"] = self.index[d.code]
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(r.path or d.path),
                        "region": self._region(
                            r.span,
                            r.position
                            or (*lines.line_col(r.span.start), *lines.line_col(r.span.end)),
                            text if r.path is None else None,
                        ),
                    },
                    "message": {"text": r.note.get(self.lang)},
                }
                for i, r in enumerate(d.related)
            ]
        help_text = d.help.get(self.lang) if d.help else None
        if d.fix is not None and d.fix.edits:
            replacements = []
            for e in d.fix.edits:
                rep: dict[str, Any] = {"deletedRegion": self._edit_region(e, lines)}
                if e.text:
                    rep["insertedContent"] = {"text": e.text}
                replacements.append(rep)
            result["fixes"] = [
                {
                    "description": {"text": help_text or d.message.get(self.lang)},
                    "artifactChanges": [{"artifactLocation": loc, "replacements": replacements}],
                    "properties": {"applicability": d.fix.applicability.value},
                }
            ]
        props: dict[str, Any] = {"name": d.name}
        if help_text:
            props["help"] = help_text
        result["properties"] = props
        return result

    def finish(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> None:
        write_sarif(self.out, self.log(files=files, errors=errors, fixed=fixed))

    def log(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> dict[str, Any]:
        internal = any(r["ruleId"] == "E001" for r in self.results)
        invocation: dict[str, Any] = {
            "executionSuccessful": not errors and not internal,
            "properties": {"files": files, "fixed": fixed},
        }
        if errors:
            invocation["toolExecutionNotifications"] = [
                {"level": "error", "message": {"text": e}, **_error_location(e)} for e in errors
            ]
        run = {
            "tool": {
                "driver": {
                    "name": "wenlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "language": "zh-CN" if self.lang == "zh" else "en-US",
                    "rules": self.rules,
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "newlineSequences": ["\r\n", "\n", "\r"],
            "results": self.results,
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _error_location(error: str) -> dict[str, Any]:
    """``path: what is wrong`` → a location for the notification, when the path is recognisable."""
    path, sep, _ = error.partition(": ")
    if not sep or not path or path.startswith(" "):
        return {}
    return {"locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]}


def write_sarif(out: TextIO, log: dict[str, Any]) -> None:
    out.write(json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n")
