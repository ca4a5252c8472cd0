"""The progress bar: on stderr when it is a terminal and many files are linted; else nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint.report.progress import MIN_FILES, wanted

pty = pytest.importorskip("pty", reason="needs a POSIX pseudo-terminal")
WENLINT = [sys.executable, "-m", "wenlint"]
PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"


def corpus(root: Path, n: int) -> None:
    for i in range(n):
        para = f"{PARA}（第{i}篇）"  # one duplicate per file, none across files
        (root / f"doc{i:03}.txt").write_text(f"第{i}篇。\n\n{para}\n\n{para}\n", "utf-8")
    (root / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00")


def run_with_tty_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("WENLINT_NO_PROGRESS", None)
    out_file = cwd / ".stdout"  # a file, not a pipe: a full pipe would block the child
    with out_file.open("wb") as stdout:
        proc = subprocess.Popen([*WENLINT, *args], cwd=cwd, stdout=stdout, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=120)
    os.close(master)
    out = out_file.read_text("utf-8")
    out_file.unlink()
    return code, out, b"".join(chunks).decode("utf-8", "replace")


def test_bar_on_a_terminal_and_clean_redirected_output(tmp_path: Path) -> None:
    n = MIN_FILES + 5
    corpus(tmp_path, n)
    args = ["check", "--select", "D101", "--format", "json", "--jobs", "1", "."]
    code, out, err = run_with_tty_stderr(args, tmp_path)
    assert code == 2  # the undecodable file
    assert f"/{n + 1}" in err and "wenlint" in err  # the bar: "12/36"
    # errors still reach the terminal, on a line of their own above the bar
    assert "\x1b[2Kwenlint: error: broken.txt" in err
    data = json.loads(out)  # stdout untouched by the bar
    assert data["summary"]["total"] == n
    # redirected stderr: not a byte of progress
    proc = subprocess.run(
        [*WENLINT, *args], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert json.loads(proc.stdout)["summary"]["total"] == n
    assert proc.stderr.strip().splitlines() == [
        line for line in proc.stderr.strip().splitlines() if line.startswith("wenlint: error:")
    ]
    assert "\x1b" not in proc.stderr


def test_few_files_get_no_bar(tmp_path: Path) -> None:
    corpus(tmp_path, 3)
    _, _, err = run_with_tty_stderr(["check", "--format", "json", "."], tmp_path)
    assert "/4" not in err and "\x1b[?25l" not in err  # no bar, no hidden cursor


def test_not_wanted_when_findings_stream_to_the_same_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("WENLINT_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(100, "json") and wanted(100, "sarif")
    assert not wanted(100, "text")  # findings scroll past instead
    assert not wanted(MIN_FILES - 1, "json")
    monkeypatch.setenv("WENLINT_NO_PROGRESS", "1")
    assert not wanted(100, "json")
