"""Reading an archive folder's results: ``wenlint archive --report DIR`` and the findings in
``check``'s order."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from wenlint.archive_store import (
    FINDINGS,
    ArchiveError,
)


def report(out: Path, top: int = 10) -> str:
    """The summary of an archive folder, its top rules and top files (read from Parquet)."""
    try:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"{out}: not a finished archive run (summary.json: {exc})") from None
    import pyarrow.parquet as pq

    table = read_table(out)
    names = (
        dict(zip(table.column("code").to_pylist(), table.column("name").to_pylist(), strict=True))
        if table is not None
        else {}
    )
    lines = [
        f"{summary['files']} files, {summary['findings']} findings "
        + ", ".join(f"{k} {v}" for k, v in summary.get("by_severity", {}).items())
        + f"; {summary['file_errors']} file errors",
        "",
        "top rules:",
    ]
    for code, n in Counter(summary["by_rule"]).most_common(top):
        lines.append(f"  {n:>8}  {code} {names.get(code, '')}".rstrip())
    if table is not None and table.num_rows:
        lines += ["", "top files:"]
        for path, n in Counter(table.column("path").to_pylist()).most_common(top):
            lines.append(f"  {n:>8}  {path}")
    if summary["file_errors"]:
        errs = pq.read_table(out / "errors.parquet").column("error").to_pylist()
        lines += ["", "file errors:"] + [f"  {e}" for e in errs[:top]]
    return "\n".join(lines)


def read_table(out: Path) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted((out / FINDINGS).glob("part-*.parquet"))
    if not parts:
        return None
    return pa.concat_tables([pq.read_table(p) for p in parts])


def read_findings(out: Path) -> list[dict[str, Any]]:
    """Every finding of an archive folder, in ``check``'s order (file, then position, code)."""
    table = read_table(out)
    if table is None:
        return []
    rows = table.to_pylist()
    rows.sort(key=lambda r: (r["file_index"], r["offset"], r["end_offset"], r["code"]))
    return rows
