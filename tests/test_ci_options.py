"""The options CI users reach for: --exit-zero, --output-file, --exclude (issue 17, item 4)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from wenlint.testing import run_cli

run = run_cli
BAD = "今天的会议,大家都来了。\n"  # P401: a half-width comma between Han characters
CLEAN = "今天天气很好。\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _linted(*args: str) -> list[str]:
    """The files with a finding in a JSON run (every test file has one)."""
    code, out, err = run("check", "--select", "P401", "--format", "json", *args)
    assert code in (0, 1), err
    return sorted({d["path"] for d in json.loads(out)["diagnostics"]})


# -- --exit-zero -----------------------------------------------------------------------------------
def test_exit_zero_reports_findings_and_exits_0(workdir: Path) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    assert run("check", "a.txt").code == 1
    code, out, _ = run("check", "--exit-zero", "--fail-on", "info", "a.txt")
    assert code == 0 and "P401" in out
    assert run("check", "--exit-zero", "--diff", "a.txt").code == 0  # a diff to show: still 0


def test_exit_zero_still_fails_on_errors(workdir: Path) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    code, _, err = run("check", "--exit-zero", "a.txt", "gone.txt")
    assert code == 2 and "gone.txt" in err
    (workdir / "bad.bin").write_bytes(b"\xff\xfe\x00\x00broken\x00\x01")
    code, _, _ = run("check", "--exit-zero", "bad.bin")
    assert code == 2
    code, _, err = run("check", "--exit-zero", "--select", "NOPE1", "a.txt")
    assert code == 2 and err.count("\n") == 1


# -- --output-file ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_output_file_holds_what_stdout_would(workdir: Path, fmt: str) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    code, want, _ = run("check", "--format", fmt, "a.txt")
    code2, out, err = run("check", "--format", fmt, "--output-file", "report.out", "a.txt")
    assert code == code2 == 1
    assert out == ""
    got = (workdir / "report.out").read_text("utf-8")
    if fmt == "json":  # the run's timing differs
        assert json.loads(got)["diagnostics"] == json.loads(want)["diagnostics"]
    elif fmt == "sarif":
        assert json.loads(got)["runs"][0]["results"] == json.loads(want)["runs"][0]["results"]
    elif fmt == "html":
        assert got.startswith("<!DOCTYPE html>") and "P401" in got and got.endswith("\n")
    else:
        assert got == want
    assert "report.out" in err and "1" in err
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []  # no temp left
    mode = stat.S_IMODE(os.stat(workdir / "report.out").st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_output_file_replaced_only_by_a_complete_report(workdir: Path) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    (workdir / "report.json").write_text("old report\n", "utf-8")
    # the run fails after the report was started (the baseline cannot be written): old file kept
    code, _, err = run(
        "check",
        "--format",
        "json",
        "-o",
        "report.json",
        "--write-baseline",
        "no/such/folder/b.json",
        "a.txt",
    )
    assert code == 2 and err.strip().count("\n") == 0, err
    assert (workdir / "report.json").read_text("utf-8") == "old report\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["a.txt", "report.json"]
    code, _, _ = run("check", "--format", "json", "-o", "report.json", "a.txt")
    assert code == 1 and json.loads((workdir / "report.json").read_text("utf-8"))["diagnostics"]


def test_output_file_with_file_errors_is_written_and_exits_2(workdir: Path) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    code, _, err = run("check", "--format", "sarif", "-o", "r.sarif", "a.txt", "gone.txt")
    assert code == 2 and "gone.txt" in err
    log = json.loads((workdir / "r.sarif").read_text("utf-8"))
    assert log["runs"][0]["results"] and not log["runs"][0]["invocations"][0]["executionSuccessful"]


def test_output_file_that_cannot_be_written(workdir: Path) -> None:
    (workdir / "a.txt").write_text(BAD, "utf-8")
    code, out, err = run("check", "-o", "missing/dir/r.json", "a.txt")
    assert code == 2 and out == ""
    assert err.startswith("wenlint: error: --output-file missing/dir/r.json: no such folder")
    assert err.count("\n") == 1
    code, out, err = run("check", "-o", ".", "a.txt")  # a usage error
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("wenlint: error: argument -o/--output-file: file '.' is a directory")
    (workdir / "ro").mkdir()
    (workdir / "ro" / "r.txt").write_text("old\n", "utf-8")
    (workdir / "ro" / "r.txt").chmod(0o444)
    code, out, err = run("check", "-o", "ro/r.txt", "a.txt")
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith("wenlint: error: --output-file ro/r.txt: file is read-only")
    assert (workdir / "ro" / "r.txt").read_text("utf-8") == "old\n"


def test_output_file_quiet_says_nothing(workdir: Path) -> None:
    (workdir / "a.txt").write_text(CLEAN, "utf-8")
    code, out, err = run("check", "-q", "-o", "r.txt", "a.txt")
    assert (code, out, err) == (0, "", "")
    assert (workdir / "r.txt").read_text("utf-8") == ""


# -- --exclude -------------------------------------------------------------------------------------
def _tree(root: Path) -> None:
    for rel in ["docs/a.txt", "docs/legacy/old.txt", "docs/legacy/deep/older.md", "notes.md"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(BAD, "utf-8")


def test_exclude_globs_without_a_config(workdir: Path) -> None:
    _tree(workdir)
    every = ["docs/a.txt", "docs/legacy/deep/older.md", "docs/legacy/old.txt", "notes.md"]
    assert _linted(".") == every
    assert _linted(".", "--exclude", "docs/legacy/*") == ["docs/a.txt", "notes.md"]
    assert _linted("docs", "--exclude", "docs/legacy/*") == ["docs/a.txt"]  # from here, as named
    assert _linted(".", "--exclude", "*.md", "--exclude", "a.txt") == ["docs/legacy/old.txt"]
    assert _linted(".", "--exclude", "*.md,*.txt") == every  # one glob, not a list
    # a file named on the command line is excluded too (pre-commit passes names)
    assert _linted("docs/a.txt", "notes.md", "--exclude", "notes.md") == ["docs/a.txt"]


def test_exclude_adds_to_the_config(workdir: Path) -> None:
    _tree(workdir)
    (workdir / "docs" / "wenlint.toml").write_text('exclude = ["legacy/deep/*"]\n', "utf-8")
    assert _linted("docs") == ["docs/a.txt", "docs/legacy/old.txt"]
    # globs relative to the config's folder, like its own, and added to them
    assert _linted("docs", "--exclude", "legacy/*.txt") == ["docs/a.txt"]
    assert _linted("docs/legacy/old.txt", "--exclude", "legacy/old.txt") == []
