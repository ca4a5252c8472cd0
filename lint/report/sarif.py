"""SARIF 2.1.0 output (``--format sarif``): one run, every rule, one result per finding.

Columns count UTF-16 code units (``run.columnKind`` ``utf16CodeUnits``, the SARIF default, and the
only unit GitHub code scanning reads): a character outside the Basic Multilingual Plane (an emoji,
𠮷) counts two. Lines break at CRLF, LF and CR (``run.newlineSequences``); regions carry
line/column and ``charOffset``/``charLength`` in that unit, end column exclusive, as SARIF defines
them (the JSON and text formats keep code points). ``partialFingerprints["wenlint/v1"]`` is the
baseline fingerprint (rule, flagged text, context) plus an occurrence number, so it survives lines
added above a finding.

Every rule, the engine's E001/E002 included, has its summary, rationale and ``explain`` text, and a
``helpUri`` to its documentation page (``rules/docs/CODE.md``, see ``docs_base``). The driver's
``informationUri`` is the project's web address from the installed metadata (``[project.urls]``)
or the GitHub/GitLab repository it was installed from; with neither it is left out (see
``information_uri``). A run holds at
most ``MAX_RESULTS`` (25,000: GitHub rejects a run with more) results; beyond that the least severe,
latest in run order, are left out and a ``toolExecutionNotifications`` warning says how many. The
log is written compactly with the C JSON encoder. Each result is encoded as it is made and kept in
a spool (a temporary file beyond 256 KiB) until the log is written, so a run holds a few bytes per
result, not the result. The tests validate it against the OASIS schema
(``tests/sarif/sarif-2.1.0.json``, source in ``tests/sarif/SOURCE.md``).
"""

from __future__ import annotations

import bisect
import json
import os
import re
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, TextIO
from urllib.parse import quote, urlsplit

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
#: GitHub code scanning rejects a run of more results than this.
MAX_RESULTS = 25_000
#: Environment variable: the URL of the folder holding the rule pages (``…/rules/docs/``).
DOCS_URL_ENV = "WENLINT_DOCS_URL"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}
_LEFT_OUT = 3  # the rank of a result left out to make room for a more severe one
#: Bytes of results held in memory before the spool moves to a temporary file.
_SPOOL_IN_MEMORY = 256 << 10

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


def docs_dir() -> Path:
    """The generated rule pages as installed: ``rules/docs/CODE.md`` in the repository, one per
    built-in and engine rule (``tests/test_rule_docs.py`` keeps them equal to ``explain``)."""
    import wenlint.rules

    return Path(wenlint.rules.__file__).resolve().parent / "docs"


def docs_base(environ: Any = None) -> str:
    """The URL of the folder holding the rule pages, ending in ``/``: ``$WENLINT_DOCS_URL`` when
    set (a team hosting wenlint: ``https://git.example.org/org/wenlint/blob/v0.2.0/rules/docs/``);
    when wenlint was installed from a GitHub or GitLab git URL, the pages of the installed commit
    there (pip records the URL and commit in ``direct_url.json``); otherwise the installed pages
    themselves, as a file URI."""
    env = (os.environ if environ is None else environ).get(DOCS_URL_ENV, "").strip()
    if env:
        return env if env.endswith("/") else env + "/"
    return vcs_docs_url(_direct_url()) or docs_dir().as_uri() + "/"


def _direct_url() -> str | None:
    from importlib import metadata

    try:
        return metadata.distribution("wenlint").read_text("direct_url.json")
    except (metadata.PackageNotFoundError, OSError):  # pragma: no cover - not installed
        return None


_WEB_BLOB = {"github.com": "/blob/", "gitlab.com": "/-/blob/"}


def _vcs_repo(direct_url: str | None) -> tuple[str, str, str, str] | None:
    """(host, repository path, commit, subdirectory) of an install from a git URL on GitHub or
    GitLab, from pip's ``direct_url.json`` (PEP 610); else None."""
    try:
        info = json.loads(direct_url) if direct_url else None
    except ValueError:
        return None
    if not isinstance(info, dict) or not isinstance(info.get("vcs_info"), dict):
        return None
    vcs = info["vcs_info"]
    commit = str(vcs.get("commit_id") or "")
    url = urlsplit(str(info.get("url", "")).removeprefix("git+"))
    host = (url.hostname or "").lower()
    if (
        vcs.get("vcs") != "git"
        or not re.fullmatch(r"[0-9a-f]{40}", commit)
        or host not in _WEB_BLOB
    ):
        return None
    repo = url.path.rstrip("/").removesuffix(".git")
    if not re.fullmatch(r"(/[\w.-]+){2,}", repo):
        return None
    return host, repo, commit, str(info.get("subdirectory") or "").strip("/")


def vcs_docs_url(direct_url: str | None) -> str | None:
    """The web folder of the rule pages at the installed commit, from pip's ``direct_url.json``
    (PEP 610), when the install came from a git URL on GitHub or GitLab; else None."""
    vcs = _vcs_repo(direct_url)
    if vcs is None:
        return None
    host, repo, commit, sub = vcs
    return f"https://{host}{repo}{_WEB_BLOB[host]}{commit}/{sub + '/' if sub else ''}rules/docs/"


#: ``[project.urls]`` labels read as the tool's home, best first (compared as PEP 753 normalises
#: them: lower case, without punctuation or spaces)
_HOME_LABELS = ("homepage", "home", "repository", "source", "sourcecode", "documentation")


def information_uri(
    project_urls: Sequence[str] | None = None, direct_url: str | None = None
) -> str | None:
    """The tool's ``informationUri``: the project's web address from the installed metadata
    (``[project.urls]`` of pyproject.toml, stored as ``Project-URL: label, URL``; a home page or
    repository first); else, when wenlint was installed from a GitHub or GitLab git URL, that
    repository; else None: the property is left out rather than made up. Without arguments,
    reads the installed distribution."""
    if project_urls is None:
        project_urls, direct_url = _project_urls(), _direct_url()
    found: dict[str, str] = {}
    for entry in project_urls:
        label, _, url = entry.partition(",")
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme in ("https", "http") and parts.hostname:
            found.setdefault(re.sub(r"[^a-z0-9]", "", label.lower()), url)
    for label in _HOME_LABELS:
        if label in found:
            return found[label]
    if found:
        return next(iter(found.values()))
    vcs = _vcs_repo(direct_url)
    return f"https://{vcs[0]}{vcs[1]}" if vcs else None


def _project_urls() -> list[str]:
    from importlib import metadata

    try:
        return metadata.metadata("wenlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - not installed
        return []


def rule_descriptor(
    rule: type[Rule], lang: str, help_uri: str | None = None, *, engine: bool = False
) -> dict[str, Any]:
    """A rule's ``reportingDescriptor``: summary, rationale, the ``explain`` text as help, its
    page (``help_uri``), default level; an engine rule (E001/E002) is always enabled."""
    from wenlint.explain import explain_text

    family = rule.family()
    props: dict[str, Any] = {
        "tags": [
            "chinese-text",
            "wenlint-engine" if engine else FAMILY_TAGS.get(family, family.lower()),
        ],
        "fixable": rule.fix.value,
        "precision": "high",
    }
    if rule.standard:
        props["standard"] = rule.standard
    help_text = explain_text(rule, lang)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.get(lang)},
        "fullDescription": {"text": rule.rationale.get(lang)},
        "help": {"text": help_text, "markdown": help_text},
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {
        "level": LEVEL[rule.severity],
        "enabled": True if engine else rule.default_enabled,
    }
    descriptor["properties"] = props
    return descriptor


class _Utf16:
    """Code point offsets of one text as UTF-16 offsets: each astral character counts two."""

    __slots__ = ("astral",)

    def __init__(self, text: str, first: int) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text, first)]

    def offset(self, off: int) -> int:
        return off + bisect.bisect_left(self.astral, off)

    def region(
        self, start: int, end: int, position: tuple[int, int, int, int]
    ) -> tuple[tuple[int, int, int, int], int, int]:
        """(line, column, end line, end column), offset and length of a span, in UTF-16 units
        (``position`` is the span's in code points)."""
        line, col, end_line, end_col = position
        a, b = self.offset(start), self.offset(end)
        if col >= 1:
            col = a - self.offset(max(start - col + 1, 0)) + 1
        if end_col >= 1:
            end_col = b - self.offset(max(end - end_col + 1, 0)) + 1
        return (line, col, end_line, end_col), a, b - a


def _utf16(text: str) -> _Utf16 | None:
    """The converter of ``text``, or None when it has no astral character (units = points)."""
    m = _ASTRAL.search(text)
    return None if m is None else _Utf16(text, m.start())


class SarifReporter(FileFed):
    """Fed file by file (``file``), writes one SARIF log at ``finish``."""

    def __init__(
        self,
        out: TextIO,
        *,
        registry: Registry,
        lang: str = "zh",
        max_results: int = MAX_RESULTS,
        docs_url: str | None = None,
    ) -> None:
        self.out = out
        self.lang = lang
        self.max_results = max_results
        base = docs_url or docs_base()
        self.information_uri = information_uri()
        pages = {p.stem for p in docs_dir().glob("*.md")}

        def uri(code: str) -> str | None:
            return f"{base}{quote(code)}.md" if code in pages else None

        self.rules = [rule_descriptor(r, lang, uri(r.code)) for r in registry.sorted()]
        known = {r["id"] for r in self.rules}
        self.rules += [
            rule_descriptor(r, lang, uri(r.code), engine=True)
            for r in ENGINE_RULES
            if r.code not in known
        ]
        self.index = {r["id"]: i for i, r in enumerate(self.rules)}
        # Each result made is written at once, as compact JSON in UTF-8, to a spool (in memory,
        # on disk once it grows): the log is written from it at the end, in run order. Held per
        # result: its length, and its rank (severity: 0 error, 1 warning, 2 note; _LEFT_OUT
        # when a more severe one took its place); per rank, the indexes still kept, latest last.
        # closed by finish: it lives as long as the reporter
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
        self._lengths = array("L")
        self._ranks = bytearray()
        self._kept: tuple[array[int], ...] = (array("L"), array("L"), array("L"))
        self._count = 0  # results kept
        self._seq = 0  # results found
        self._dropped: Counter[int] = Counter()
        self._internal = False
        # occurrences of a fingerprint in a file, keyed by (file number << 64) | fingerprint
        self._occurrence: Counter[int] = Counter()
        self._file_numbers: dict[str, int] = {}
        self._units: dict[str, _Utf16] = {}  # files holding astral characters
        self._locations: dict[str, dict[str, Any]] = {}  # path -> artifactLocation (shared)

    @property
    def results(self) -> list[dict[str, Any]]:
        """The results kept, in run order."""
        return [json.loads(r) for r in self._results()]

    def _results(self) -> Iterator[bytes]:
        """The results kept, in run order, as compact JSON (UTF-8), read back from the spool."""
        self._spool.seek(0)
        read = self._spool.read
        for length, rank in zip(self._lengths, self._ranks, strict=True):
            data = read(length)
            if rank != _LEFT_OUT:
                yield data
        self._spool.seek(0, os.SEEK_END)

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        src = text or ""
        units = _utf16(src)
        if units is not None:
            self._units[path] = units  # a later file's finding may point here
        if not diags:
            return
        lines = LineIndex(src)
        for d in sorted(diags, key=lambda d: d.sort_key):
            fp = fingerprint(src, d)  # the rule's code is part of it
            number = self._file_numbers.setdefault(d.path, len(self._file_numbers))
            key = number << 64 | int(fp, 16)
            self._occurrence[key] += 1
            n = self._occurrence[key]
            self._internal = self._internal or d.code == "E001"
            rank = _SEVERITY_ORDER[LEVEL[d.severity]]
            self._seq += 1
            if self._count >= self.max_results:
                worst = max(i for i, kept in enumerate(self._kept) if kept) if self._count else -1
                if rank >= worst:  # no less severe result to make room: this one is left out
                    self._dropped[rank] += 1
                    continue
                self._ranks[self._kept[worst].pop()] = _LEFT_OUT  # the latest of the least severe
                self._dropped[worst] += 1
                self._count -= 1
            data = _dump(self._result(d, src, lines, f"{fp}:{n}", units)).encode(
                "utf-8", "surrogatepass"
            )
            self._spool.write(data)
            self._kept[rank].append(len(self._lengths))
            self._lengths.append(len(data))
            self._ranks.append(rank)
            self._count += 1

    def _region(
        self,
        span: Span,
        position: tuple[int, int, int, int],
        text: str | None,
        units: _Utf16 | None,
    ) -> dict[str, Any]:
        if units is None:
            offset, length = span.start, len(span)
        else:
            position, offset, length = units.region(span.start, span.end, position)
        line, col, end_line, end_col = position
        region: dict[str, Any] = {
            "startLine": max(line, 1),
            "startColumn": max(col, 1),
            "endLine": max(end_line, line, 1),
            "endColumn": max(end_col, 1) if end_line > line else max(end_col, col, 1),
            "charOffset": offset,
            "charLength": length,
        }
        if text is not None and len(span):
            snippet = text[span.start : span.end]
            if len(snippet) > SNIPPET_MAX:
                snippet = snippet[:SNIPPET_MAX] + "…"
            region["snippet"] = {"text": snippet}
        return region

    def _edit_region(self, e: Edit, lines: LineIndex, units: _Utf16 | None) -> dict[str, Any]:
        span = Span(e.start, max(e.start, e.end))
        position = (*lines.line_col(span.start), *lines.line_col(span.end))
        return self._region(span, position, None, units)

    def _location(self, path: str) -> dict[str, Any]:
        """``artifact_location(path)``, made once per path (results share the object)."""
        loc = self._locations.get(path)
        if loc is None:
            loc = self._locations[path] = artifact_location(path)
        return loc

    def _result(
        self, d: Diagnostic, text: str, lines: LineIndex, fp: str, units: _Utf16 | None
    ) -> dict[str, Any]:
        loc = self._location(d.path)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVEL[d.severity],
            "message": {"text": d.message.get(self.lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": loc,
                        "region": self._region(d.span, d.position, text, units),
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
                        "artifactLocation": self._location(r.path or d.path),
                        "region": self._region(
                            r.span,
                            r.position
                            or (*lines.line_col(r.span.start), *lines.line_col(r.span.end)),
                            text if r.path is None else None,
                            units if r.path is None else self._units.get(r.path),
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
                rep: dict[str, Any] = {"deletedRegion": self._edit_region(e, lines, units)}
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
        """Write the log: the same line as ``write_sarif(out, log(...))``, with each result
        written from its kept JSON, never all of them as objects at once."""
        head = _dump(self.log(files=files, errors=errors, fixed=fixed, results=False))
        end = '"results":[]}]}'
        assert head.endswith(end)  # ``results`` is the run's last key, the run the only one
        write = self.out.write
        write(head[: -len("[]}]}")] + "[")
        for i, r in enumerate(self._results()):
            write(("," if i else "") + r.decode("utf-8", "surrogatepass"))
        write("]}]}\n")
        self._spool.close()

    def _left_out_note(self) -> dict[str, Any]:
        n, total = sum(self._dropped.values()), self._seq
        if self.lang == "zh":
            kinds = ("错误", "警告", "提示")
            parts = "、".join(f"{kinds[k]} {c:,} 条" for k, c in sorted(self._dropped.items()))
            text = (
                f"共 {total:,} 条结果，略去 {n:,} 条（{parts}）：一次运行至多写 "
                f"{self.max_results:,} 条（GitHub 代码扫描拒收更多），"
                "保留最严重的、按运行顺序在前的；全部结果请用 --format json 或 text 查看"
            )
        else:
            kinds = ("error", "warning", "note")
            parts = ", ".join(
                f"{c:,} {kinds[k]}{'s' * (c != 1)}" for k, c in sorted(self._dropped.items())
            )
            text = (
                f"{n:,} of {total:,} results left out ({parts}): a run holds at most "
                f"{self.max_results:,} (GitHub code scanning rejects more); the most severe, "
                "earliest in run order, were kept. Every finding: --format json or text"
            )
        return {"level": "warning", "message": {"text": text}}

    def log(
        self, *, files: int, errors: Sequence[str] = (), fixed: int = 0, results: bool = True
    ) -> dict[str, Any]:
        """The SARIF log (``results``: with the results, else with an empty list)."""
        left_out = sum(self._dropped.values())
        invocation: dict[str, Any] = {
            "executionSuccessful": not errors and not self._internal,
            "properties": {
                "files": files,
                "fixed": fixed,
                "results": self._seq,
                "resultsLeftOut": left_out,
            },
        }
        notes = [{"level": "error", "message": {"text": e}, **_error_location(e)} for e in errors]
        if left_out:
            notes.append(self._left_out_note())
        if notes:
            invocation["toolExecutionNotifications"] = notes
        run = {
            "tool": {
                "driver": {
                    "name": "wenlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    **({"informationUri": self.information_uri} if self.information_uri else {}),
                    "language": "zh-CN" if self.lang == "zh" else "en-US",
                    "rules": self.rules,
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "utf16CodeUnits",
            "newlineSequences": ["\r\n", "\n", "\r"],
            "results": self.results if results else [],
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _error_location(error: str) -> dict[str, Any]:
    """``path: what is wrong`` → a location for the notification, when the path is recognisable."""
    path, sep, _ = error.partition(": ")
    if not sep or not path or path.startswith(" "):
        return {}
    return {"locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]}


#: Compact, by the C encoder (``indent`` would select the slow Python one); made once.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _dump(value: Any) -> str:
    return json_safe(_ENCODER.encode(value))


def write_sarif(out: TextIO, log: dict[str, Any]) -> None:
    """The log in one line."""
    out.write(_dump(log) + "\n")
