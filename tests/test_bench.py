"""The benchmark script runs from one command on a small corpus and reports every figure
(that it runs and reports, not how fast: timings are never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent / "perf" / "bench.py"


@pytest.mark.slow
def test_bench_runs_and_reports(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--files",
            "4",
            "--file-kb",
            "4",
            "--big-mb",
            "0.02",
            "--repeat",
            "1",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert "corpus: 4 files" in out
    assert "wenlint, all rules " in out and "one big file" in out
    assert "wenlint, family D only" in out
    assert "start-up, `wenlint check` on a one-line file:" in out
    for fmt in ("text", "json"):
        assert re.search(
            rf"^  {fmt} +no cache \d+\.\d\d s, first run \d+\.\d\d s, unchanged re-run "
            r"\d+\.\d\d s CPU: re-run / first run \d\.\d{3} \(1/\d+\.\d\)$",
            out,
            re.MULTILINE,
        ), out
    assert not (tmp_path / "cache").exists()  # the bench's cache folder is removed
    # which rules rank among the costliest is a timing: only that rules are listed is asserted
    assert re.search(r"^  [A-Z]\d{3} [a-z-]+ ", out.split("costliest rules")[1], re.MULTILINE)
    assert len(list((tmp_path / "corpus").glob("*.txt"))) == 4
    try:
        import autocorrect_py  # noqa: F401
    except ImportError:
        assert "autocorrect-py not installed" in out
    else:
        assert "autocorrect-py (peer), same corpus" in out
        assert re.search(r"throughput ratio: \d+\.\d\d\n", out)
        assert re.search(r"median of the \d+ paired runs' ratios: \d+\.\d\d\n", out)


@pytest.mark.slow
def test_bench_startup_only_reports_each_command(tmp_path: Path) -> None:
    bin_folder = Path(sys.executable).parent
    out = subprocess.run(
        [sys.executable, str(BENCH), "--startup-only", "--repeat", "2", "--out", str(tmp_path)]
        + (["--baseline", str(bin_folder)] if (bin_folder / "wenlint").exists() else []),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    cases = [
        "python -c pass (floor)",
        "wenlint --version",
        "wenlint check one-line.txt",
        "echo 中文 | wenlint check -",
    ]
    row = r" +\d+ ms +\d+ ms +\d+ ms +\d+ ms"
    for case in cases:
        assert re.search(rf"^  {re.escape(case)}{row}", out, re.MULTILINE), out
    if (bin_folder / "wenlint").exists():
        assert re.search(rf"^  wenlint --version \(baseline\){row}", out, re.MULTILINE), out
