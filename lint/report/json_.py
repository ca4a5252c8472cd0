"""JSON output: one object, ``{"version": 1, "diagnostics": [...], "summary": {...}}``, compact
(one finding a line) or, with ``--pretty``, indented.

The shape is fixed by ``schema.json`` beside this file (JSON Schema 2020-12); tests validate every
output against it. Lines and columns are 1-based code points, ends exclusive; offsets 0-based.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from wenlint.diagnostic import Diagnostic, Related
from wenlint.report.visible import json_safe
from wenlint.rule import Severity

if TYPE_CHECKING:
    from wenlint.check import FileResult
    from wenlint.report import Totals

VERSION = 1
CHUNK = 512  # findings made into text at a time
SLICE = 1 << 20  # bytes of kept JSON made back into text at a time


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
    """Writes one JSON document sorted by path and position. Compact by default: no indentation,
    one finding a line, each made by the C encoder in the process that linted its file;
    ``pretty``: the whole document indented (``write_json``). Both parse to the same value.

    Compact, it streams: told the run's files beforehand (``expect``), it writes each file's
    lines as soon as every file before it in path order is done; a file done early waits as one
    UTF-8 block (about a third of a kilobyte a finding), never as findings. ``--pretty`` keeps
    the findings and writes at the end."""

    prepare: Callable[[FileResult], None] | None = None

    def __init__(self, out: TextIO, *, lang: str = "zh", pretty: bool = False) -> None:
        self.out = out
        self.lang = lang
        self.pretty = pretty
        self._renderer = JsonRenderer(lang)
        if not pretty:
            self.prepare = self._renderer.prepare
        self._started = False  # the document's start is written (with the first finding)
        #: the run's paths in path order (``expect``), the next to write, files done early
        self._order: list[str] | None = None
        self._expected: set[str] = set()
        self._next = 0
        self._pending: dict[str, bytearray | None] = {}
        #: files not expected (no ``expect``): (path, block), put in path order at the end
        self._blocks: list[tuple[str, bytearray]] = []
        self._all: list[Diagnostic] = []  # --pretty: every finding

    def expect(self, paths: Sequence[str]) -> None:
        """The paths of the run's results, before the first (the session says): with them the
        findings are written as they come (not with a path twice: then all at the end)."""
        if not self.pretty and len(set(paths)) == len(paths):
            self._order = sorted(paths)
            self._expected = set(paths)

    def result(self, r: FileResult) -> None:
        if self.pretty:
            self._all.extend(r.diagnostics)  # the whole document is made at the end
            return
        order = self._order
        if order is None or r.path not in self._expected:
            if r.diagnostics:
                self._blocks.append((r.path, _encoded(self._pieces(r))))
            return
        if self._next < len(order) and order[self._next] == r.path:
            self._emit(self._pieces(r))  # its turn: written as it is made
            self._next += 1
            self._catch_up()
        else:
            self._pending[r.path] = _encoded(self._pieces(r)) if r.diagnostics else None

    def _pieces(self, r: FileResult) -> Iterator[str]:
        """A file's findings as compact JSON lines joined by ",\n", CHUNK lines a piece."""
        diags = r.diagnostics
        rendered: Sequence[str | None] | None = r.rendered
        if rendered is None or len(rendered) != len(diags):
            rendered = [None] * len(diags)  # a baseline filtered them: made here
        order: Sequence[int] = range(len(diags))
        if any(diags[i].sort_key > diags[i + 1].sort_key for i in order[:-1]):  # (never, as linted)
            order = sorted(order, key=lambda i: diags[i].sort_key)
        lang = self.lang
        for c in range(0, len(order), CHUNK):
            part = (
                # cross-file findings (added in this process) are made here
                one if (one := rendered[i]) is not None else dump(diagnostic_json(diags[i], lang))
                for i in order[c : c + CHUNK]
            )
            yield (",\n" if c else "") + ",\n".join(part)

    def _emit(self, pieces: Iterable[str]) -> None:
        """Write one file's lines (nothing when it has none)."""
        write, first = self.out.write, True
        for piece in pieces:
            if first:
                write(",\n" if self._started else f'{{"version":{VERSION},"diagnostics":[\n')
                self._started, first = True, False
            write(piece)

    def _catch_up(self) -> None:
        """Write the files done early whose turn has come."""
        order, pending = self._order or [], self._pending
        while self._next < len(order) and order[self._next] in pending:
            block = pending.pop(order[self._next])
            self._next += 1
            if block is not None:
                self._emit(_decoded(block))

    def close(self, totals: Totals) -> None:
        if self.pretty:
            diags = sorted(self._all, key=lambda d: d.sort_key)
            self._all = []
            write_json(
                self.out,
                diags,
                lang=self.lang,
                files=totals.files,
                errors=totals.errors,
                fixed=totals.fixed,
            )
            return
        for path in (self._order or [])[self._next :]:  # (a file expected but not reported)
            block = self._pending.pop(path, None)
            if block is not None:
                self._emit(_decoded(block))
        for block in _in_path_order(self._blocks):
            self._emit(_decoded(block))
        self._blocks = []
        summary = dump(summary_json(totals.diagnostics, totals.files, totals.errors, totals.fixed))
        if self._started:
            self.out.write(f'\n],"summary":{summary}}}\n')
        else:
            self.out.write(f'{{"version":{VERSION},"diagnostics":[],"summary":{summary}}}\n')


def _encoded(pieces: Iterable[str]) -> bytearray:
    block = bytearray()
    for piece in pieces:
        block += piece.encode("utf-8", "surrogatepass")
    return block


def _decoded(block: bytearray) -> Iterator[str]:
    """``block`` as text a slice at a time, each cut after a line (LF is never inside a UTF-8
    character): a large file's block is never all text at once."""
    view, at, n = memoryview(block), 0, len(block)
    try:
        while at < n:
            cut = block.find(b"\n", at + SLICE)
            cut = n if cut == -1 else cut + 1
            yield str(view[at:cut], "utf-8", "surrogatepass")
            at = cut
    finally:
        view.release()


def _in_path_order(blocks: list[tuple[str, bytearray]]) -> list[bytearray]:
    """The blocks in path order (stable); the findings of blocks of one path (twice in a run:
    standard input named as a file) merged by position, as one sort of every finding would."""
    blocks.sort(key=lambda kv: kv[0])
    out: list[bytearray] = []
    i = 0
    while i < len(blocks):
        j = i + 1
        while j < len(blocks) and blocks[j][0] == blocks[i][0]:
            j += 1
        if j == i + 1:
            out.append(blocks[i][1])
        else:  # rare: sort their lines by (offset, end_offset, code), stable
            lines = [
                line
                for _, block in blocks[i:j]
                for line in block.decode("utf-8", "surrogatepass").split(",\n")
            ]

            def key(line: str) -> tuple[int, int, str]:
                d = json.loads(line)
                return d["offset"], d["end_offset"], d["code"]

            lines.sort(key=key)
            out.append(bytearray(",\n".join(lines).encode("utf-8", "surrogatepass")))
        i = j
    return out
