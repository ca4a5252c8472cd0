"""Hostile or unlucky files named on the command line (issue 16): nothing that is not a regular
file is read, so a FIFO cannot block the run and a device cannot fill the memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WENLINT = [sys.executable, "-m", "wenlint", "check", "--no-config", "--color", "never"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # the timeout is the test: reading a FIFO without a writer, or /dev/zero, never ends
    return subprocess.run([*WENLINT, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once_and_the_other_files_are_linted(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("加强卫生卫生工作。\n", "utf-8")
    run = _run("pipe.txt", "a.txt", cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.splitlines() == [
        "wenlint: error: pipe.txt: not a regular file (a FIFO); wenlint reads regular files, "
        "or standard input as -"
    ]
    assert "W201" in run.stdout  # the regular file was still linted
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_reading() -> None:
    run = _run("/dev/zero", cwd=Path.cwd())
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "wenlint: error: /dev/zero: not a regular file (a device); wenlint reads regular files, "
        "or standard input as -"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_inside_a_walked_folder_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("今年的工作取得了新进展。\n", "utf-8")
    run = _run(".", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "pipe.txt" not in run.stdout + run.stderr
