"""The precision gate: wenlint on published official prose raises nothing but the known slips.

``tests/official_corpus/official/`` holds 46 published State Council documents, reports, laws and
rules (a copy of the development corpus, with its README and manifest). They were drafted and
proof-read before publication, so a finding there is a false alarm unless the text really has the
defect. ``allowed.tsv`` lists the findings that point at a real slip of the source, each with its
reason. The test lints the whole folder in one run (cross-file rules included, default rules, no
config) and fails on any finding not in the list — and on any listed finding that is gone, so the
list stays the reviewed truth rather than a growing excuse.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "official_corpus"
ALLOWED = HERE / "allowed.tsv"
# The console script installed beside this interpreter (the venv's bin/ or Scripts/).
WENLINT = str(Path(sys.executable).with_name("wenlint"))


def _han(text: str) -> int:
    return sum("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def _allowed() -> dict[tuple[str, int, int, str], str]:
    with ALLOWED.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    allowed = {}
    for file, line, column, code, reason in rows:
        assert reason.strip(), f"{file}:{line}:{column} {code} needs a reason"
        allowed[(file, int(line), int(column), code)] = reason
    return allowed


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    cmd = [WENLINT, "check", "--no-config", "--format", "json", "."]
    proc = subprocess.run(
        cmd, cwd=HERE / "official", capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["diagnostics"]


def test_corpus_is_present() -> None:
    files = sorted((HERE / "official").glob("*.txt"))
    assert len(files) == 46
    assert sum(_han(p.read_text("utf-8")) for p in files) > 300_000


def test_no_finding_but_the_known_slips(findings: list[dict]) -> None:
    allowed = _allowed()
    seen = {(Path(d["path"]).name, d["line"], d["column"], d["code"]) for d in findings}
    unexpected = [
        f"{Path(d['path']).name}:{d['line']}:{d['column']}: {d['code']} {d['message']}"
        for d in findings
        if (Path(d["path"]).name, d["line"], d["column"], d["code"]) not in allowed
    ]
    assert not unexpected, "false alarms on published official prose:\n" + "\n".join(unexpected)
    gone = sorted(k for k in allowed if k not in seen)
    assert not gone, f"allowed.tsv lists findings that no longer occur (remove them): {gone}"
