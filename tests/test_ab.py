"""tests/perf/ab.py runs two revisions on a small corpus and reports the paired figure (that it
runs and reports, not how fast: timings are never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AB = ROOT / "tests" / "perf" / "ab.py"


@pytest.mark.slow
def test_ab_runs_two_revisions_and_reports(tmp_path: Path) -> None:
    if subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("not a git checkout: ab.py compares git revisions")
    cmd = [sys.executable, str(AB), "HEAD", "HEAD", "--files", "3", "--file-kb", "2"]
    cmd += ["--rounds", "2", "--out", str(tmp_path)]
    out = subprocess.run(
        [*cmd, "--select", "N305,P401"], capture_output=True, text=True, timeout=300, check=True
    ).stdout
    assert out.startswith("rules: N305,P401 (2)\n")
    assert "corpus: 3 files of about 2 KB; CPU user+sys, --jobs 1" in out
    assert re.search(r"^  HEAD: median \d+\.\d\d s \(2 runs\)$", out, re.MULTILINE), out
    assert re.search(
        r"^HEAD / HEAD: median of 2 paired ratios \d\.\d{3} \(min \d\.\d{3}, max \d\.\d{3}\)$",
        out,
        re.MULTILINE,
    ), out
    # without --select: every rule both revisions register (here the same revision's)
    out = subprocess.run(
        [*cmd[:-4], "--rounds", "1", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    codes = out.splitlines()[0].split()[1].split(",")
    assert "D101" in codes and "P401" in codes and codes == sorted(codes)


def test_ab_refuses_an_unknown_revision(tmp_path: Path) -> None:
    if subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("not a git checkout: ab.py compares git revisions")
    proc = subprocess.run(
        [sys.executable, str(AB), "no-such-rev", "HEAD", "--files", "1", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "no-such-rev" in proc.stderr
