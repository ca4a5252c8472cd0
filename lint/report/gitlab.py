"""GitLab code quality report (``--format gitlab``): the Code Climate JSON array GitLab reads from
a job's ``artifacts:reports:codequality`` file, shown in merge requests and pipelines.

One object per finding: ``description`` (the message), ``check_name`` (the rule code),
``fingerprint`` (stable across runs, so GitLab can tell new findings from fixed ones: the baseline
fingerprint of the rule, flagged text and context, numbered like SARIF's, hashed with the path),
``severity`` (error ``major``, warning ``minor``, info ``info``), ``location`` (the path relative
to the current folder, POSIX style, and the 1-based line). Files that could not be checked are on
stderr and in the exit code, as in every format.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO

from wenlint.baseline import fingerprint
from wenlint.diagnostic import Diagnostic
from wenlint.report import FileFed
from wenlint.report.visible import json_safe
from wenlint.rule import Severity

if TYPE_CHECKING:
    from wenlint.registry import Registry

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report_path(path: str) -> str:
    """The path as GitLab wants it: relative to the current folder (the project's root in a
    job), with ``/``."""
    p = Path(path)
    if p.is_absolute():
        with contextlib.suppress(ValueError):
            p = p.relative_to(Path.cwd())
    return str(PurePosixPath(*p.parts)) if p.parts else path


class GitlabReporter(FileFed):
    """Fed file by file, writes the JSON array at ``finish``."""

    def __init__(self, out: TextIO, *, registry: Registry | None = None, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.issues: list[dict[str, Any]] = []
        self._occurrence: Counter[tuple[str, str, str]] = Counter()
        self._paths: dict[str, str] = {}

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        src = text or ""
        for d in sorted(diags, key=lambda d: d.sort_key):
            fp = fingerprint(src, d)
            self._occurrence[(d.path, d.code, fp)] += 1
            n = self._occurrence[(d.path, d.code, fp)]
            where = self._paths.get(d.path) or self._paths.setdefault(d.path, report_path(d.path))
            key = f"{where}\0{d.code}\0{fp}\0{n}".encode("utf-8", "surrogateescape")
            self.issues.append(
                {
                    "type": "issue",
                    "description": d.message.get(self.lang),
                    "check_name": d.code,
                    "categories": ["Style"],
                    "fingerprint": hashlib.sha256(key).hexdigest()[:32],
                    "severity": SEVERITY[d.severity],
                    "location": {"path": where, "lines": {"begin": max(d.position[0], 1)}},
                }
            )

    def finish(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> None:
        dumped = json.dumps(self.issues, ensure_ascii=False, separators=(",", ":"))
        self.out.write(json_safe(dumped) + "\n")
