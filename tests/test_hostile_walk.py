"""Failures the user must hear about (issue 16, "also"): a folder of a walked tree that cannot be
read was skipped in silence with exit 0; an internal error printed a traceback and exited 1, the
"findings" code. Both are now one line on stderr and exit 2, the rest of the run going on (the
readable files are still linted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wenlint.testing import invoke_cli, run_cli

DOC = "经研究，同意该方案。\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # no config above the test is read
    for sub in ("a", "b", "b/deep"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "doc.txt").write_text(DOC, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` unreadable to the walk (root reads anything, whatever its mode)."""
    import wenlint.files

    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(wenlint.files.os, "scandir", scandir)


def test_an_unreadable_folder_in_a_walked_tree_is_one_line_and_exit_2(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    _deny(monkeypatch, tree / "b")
    line = "b: cannot read folder (permission denied), skipped"
    for jobs in ("1", "2"):
        r = run_cli("check", "--color", "never", "--format", "json", "--jobs", jobs, ".")
        assert r.code == 2
        assert r.stderr.splitlines() == [f"wenlint: error: {line}"]
        summary = json.loads(r.stdout)["summary"]
        assert summary["files"] == 1  # a/doc.txt is still linted; b and b/deep are not
        assert summary["file_errors"] == [line]
    r = run_cli("check", "--color", "never", ".")
    assert r.code == 2 and f"wenlint: error: {line}" in r.stderr.splitlines()


def test_a_folder_unreadable_for_real_is_reported(tree: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads a folder whatever its mode (the scandir case above covers it)")
    (tree / "b").chmod(0)
    try:
        r = run_cli("check", "--color", "never", ".")
    finally:
        (tree / "b").chmod(0o755)
    assert r.code == 2
    assert "b: cannot read folder (permission denied), skipped" in r.stderr


def test_a_readable_tree_still_exits_0(tree: Path) -> None:
    r = run_cli("check", "--color", "never", "--quiet", ".")
    assert (r.code, r.stderr) == (0, "")


def test_an_internal_error_is_one_line_and_exit_2(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wenlint.session

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom\n::error::forged")

    monkeypatch.setattr(wenlint.session.Session, "run", boom)
    monkeypatch.delenv("WENLINT_DEBUG", raising=False)
    r = invoke_cli(["check", "."])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        "wenlint: internal error: RuntimeError: boom␊::error::forged; please report it "
        "(WENLINT_DEBUG=1 shows where)"
    ]
    # WENLINT_DEBUG lets the exception through, with its traceback
    r = invoke_cli(["check", "."], env={"WENLINT_DEBUG": "1"})
    assert isinstance(r.exception, RuntimeError)


def test_a_real_process_prints_no_traceback(tree: Path) -> None:
    code = (
        "import wenlint.session as s\n"
        "def boom(*a, **k): raise KeyError('x')\n"
        "s.Session.run = boom\n"
        "from wenlint.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "WENLINT_DEBUG"}
    p = subprocess.run(
        [sys.executable, "-c", code, "check", "."], capture_output=True, text=True, env=env
    )
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        "wenlint: internal error: KeyError: 'x'; please report it (WENLINT_DEBUG=1 shows where)"
    ]


def test_usage_errors_are_one_line_and_exit_2(tree: Path) -> None:
    r = invoke_cli(["check", "--format", "nope", "."])
    assert (r.exit_code, r.stdout, r.exception) == (2, "", None)
    (line,) = r.stderr.splitlines()
    assert line.startswith("wenlint: error: argument --format: invalid choice: 'nope'")
    assert line.endswith(" (see `wenlint check --help`)")
    r = invoke_cli(["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("wenlint ")
