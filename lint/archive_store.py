"""The output folder of ``wenlint archive``: its layout, the Parquet tables the tasks write
(findings, cross-file facts and their keys, errors), each written whole or not at all."""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wenlint.diagnostic import Diagnostic

MARKER = ".wenlint-archive"  # names a folder as an archive run's output (safe to clear)
FINDINGS = "findings"
WORK = "_work"
LAYOUT = 1  # the version of the output folder's layout

#: The findings table's columns, in order, each with its Parquet type.
FINDING_COLUMNS = {
    "path": "str",
    "file_index": "int",
    "line": "int",
    "column": "int",
    "end_line": "int",
    "end_column": "int",
    "offset": "int",
    "end_offset": "int",
    "code": "str",
    "name": "str",
    "severity": "str",
    "message": "str",
    "help": "str",
    "fix": "str",
    "related_path": "str",
    "related_line": "int",
}


class ArchiveError(Exception):
    """What stops an archive run before it starts: one line for the user."""


@dataclass
class Facts:
    file: int
    path: str  # as findings show it
    location: str  # where to read it: an absolute path or a URL
    ruleset: str
    sha256: str
    kept: dict[str, Any]


class FactsReader:
    """Facts of files by (batch, file), each batch's table read once per task."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self._tables: dict[int, dict[int, Facts]] = {}

    def _batch(self, batch: int) -> dict[int, Facts]:
        got = self._tables.get(batch)
        if got is None:
            import pyarrow.parquet as pq

            t = pq.read_table(self.work / f"facts-{batch:06d}.parquet").to_pydict()
            cols = ("file", "path", "location", "ruleset", "sha256", "kept")
            got = {
                f: Facts(f, p, loc, rs, sha, pickle.loads(k))
                for f, p, loc, rs, sha, k in zip(*(t[c] for c in cols), strict=True)
            }
            if len(self._tables) > 64:  # bounded: the oldest batch read goes
                self._tables.pop(next(iter(self._tables)))
            self._tables[batch] = got
        return got

    def get(self, batch: int, file: int) -> Facts:
        return self._batch(batch)[file]

    def all(self, batch: int) -> list[Facts]:
        return [v for _, v in sorted(self._batch(batch).items())]


# -- Parquet --
@functools.cache
def table_schema(name: str) -> Any:
    """The Parquet schema of the ``findings``, ``facts``, ``keys`` or ``errors`` tables."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    findings = pa.schema([(c, i if t == "int" else s) for c, t in FINDING_COLUMNS.items()])
    facts = pa.schema(
        [
            ("file", i),
            ("path", s),
            ("location", s),
            ("ruleset", s),
            ("sha256", s),
            ("kept", pa.binary()),
        ]
    )
    keys = pa.schema([("ruleset", s), ("code", s), ("key", i), ("file", i)])
    errors = pa.schema([("path", s), ("file_index", i), ("error", s)])
    return {"findings": findings, "facts": facts, "keys": keys, "errors": errors}[name]


class Rows:
    """Findings as Parquet columns, and their counts."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {c: [] for c in FINDING_COLUMNS}
        self.count = 0
        self.by_rule: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()

    def add(self, diags: Iterable[Diagnostic], index: int, lang: str) -> None:
        c = self.columns
        for d in diags:
            line, col, end_line, end_col = d.position
            rel = d.related[0] if d.related else None
            values = (
                d.path,
                index,
                line,
                col,
                end_line,
                end_col,
                d.span.start,
                d.span.end,
                d.code,
                d.name,
                d.severity.label,
                d.message.get(lang),
                d.help.get(lang) if d.help else None,
                d.fix.applicability.value if d.fix is not None else None,
                (rel.path or d.path) if rel else None,
                (rel.position[0] if rel.position else None) if rel else None,
            )
            for name, v in zip(FINDING_COLUMNS, values, strict=True):
                c[name].append(v)
            self.count += 1
            self.by_rule[d.code] += 1
            self.by_severity[d.severity.label] += 1


def write_table(path: Path, columns: dict[str, list[Any]], schema: str) -> None:
    """A Parquet file, written whole or not at all (a temporary file, then a rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(columns, schema=table_schema(schema))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_arrow(path: Path, table: Any) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
