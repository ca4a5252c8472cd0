"""``--diff`` output applies with ``git apply`` and with ``patch`` (issue 16): each class of file
that broke it (no final newline, CR-only and CRLF newlines, a form feed, U+2028 or a lone CR inside
a line, a GBK file, names that need quoting) is diffed, the patch checked and applied by both
tools to copies of the file, and each copy must then hold exactly the bytes ``--fix`` writes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from wenlint.diff import NO_NEWLINE, bytes_diff, quote_name
from wenlint.testing import run_cli, run_cli_bytes

GIT = shutil.which("git")
PATCH = shutil.which("patch")
BAD = "加强卫生卫生工作。"  # W201 has a safe fix: 卫生卫生 -> 卫生

CASES: dict[str, tuple[str, bytes]] = {
    "no-final-newline": ("a.txt", f"第一行。\n{BAD}".encode()),
    "cr-only": ("a.txt", f"第一行。\r{BAD}\r第三行。\r".encode()),
    "crlf": ("a.txt", f"第一行。\r\n{BAD}\r\n末行。".encode()),
    "form-feed-u2028": ("a.txt", f"第一段\x0c续。\n{BAD}\u2028续写。\n第三行。\n".encode()),
    "lone-cr": ("a.txt", f"第一行\r内。\n{BAD}\n".encode()),
    "gbk": ("a.txt", f"第一行。\n{BAD}\n第三行。\n".encode("gbk")),
    "utf8-bom": ("a.txt", b"\xef\xbb\xbf" + f"{BAD}\n".encode()),
    "space": ("my file.txt", f"{BAD}\n".encode()),
    "tab": ("tab\tname.txt", f"{BAD}\n".encode()),
    "quote-backslash": ('q"uo\\te.txt', f"{BAD}\n".encode()),
    "han": ("中文名.txt", f"{BAD}\n".encode()),
    "in-folder": ("sub dir/b.txt", f"{BAD}\n".encode()),
}
if os.path.supports_unicode_filenames is False or os.name == "posix":
    CASES["undecodable-name"] = (os.fsdecode(b"bad\xff.txt"), f"{BAD}\n".encode())


def _diff(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli_bytes("check", "--no-config", "--diff", "--", name)
    assert code == 1 and err == "", err
    return out


def _fixed(tmp_path: Path, name: str, data: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    d = tmp_path / "fixed"
    (d / name).parent.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)
    monkeypatch.chdir(d)
    run_cli("check", "--no-config", "--fix", "--", name)
    fixed = (d / name).read_bytes()
    assert fixed != data
    return fixed


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize(
    "tool",
    [
        pytest.param("git", marks=pytest.mark.skipif(GIT is None, reason="git not installed")),
        pytest.param("patch", marks=pytest.mark.skipif(PATCH is None, reason="no patch tool")),
    ],
)
def test_the_diff_applies_and_gives_what_fix_writes(
    tmp_path: Path, case: str, tool: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, data = CASES[case]
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_bytes(data)
    patch = _diff(tmp_path, name, monkeypatch)
    want = _fixed(tmp_path, name, data, monkeypatch)
    if case in ("no-final-newline", "cr-only"):
        assert NO_NEWLINE in patch
    (tmp_path / "p.diff").write_bytes(patch)
    if tool == "git":
        checks = [[GIT, "apply", "--check", "p.diff"], [GIT, "apply", "p.diff"]]
    else:
        checks = [[PATCH, "-p1", "--dry-run", "-i", "p.diff"], [PATCH, "-p1", "-i", "p.diff"]]
    for cmd in checks:
        run = subprocess.run([str(c) for c in cmd], cwd=tmp_path, capture_output=True, timeout=60)
        assert run.returncode == 0, (cmd, run.stdout, run.stderr, patch)
    assert (tmp_path / name).read_bytes() == want


def test_a_gbk_file_gets_a_gbk_patch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_bytes(f"{BAD}\n".encode("gbk"))
    patch = _diff(tmp_path, "a.txt", monkeypatch)
    assert f"-{BAD}\n+加强卫生工作。\n".encode("gbk") in patch
    assert BAD.encode() not in patch  # never UTF-8 for a GBK file


def test_a_utf16_file_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe" + f"{BAD}\n".encode("utf-16-le"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli_bytes("check", "--no-config", "--diff", "a.txt")
    assert code == 2 and out == b""
    assert err.splitlines() == [
        "wenlint: error: a.txt: --diff cannot show fixes to a UTF-16-LE file as a patch "
        "(git apply and patch need lines of bytes); use --fix"
    ]


def test_lines_split_on_lf_only() -> None:
    before = "甲\x0c乙\u2028丙\x85丁\r戊\n".encode()
    after = before.replace("戊".encode(), "己".encode())
    assert bytes_diff(b"a.txt", before, after).split(b"\n")[2:] == [
        b"@@ -1 +1 @@",
        "-甲\x0c乙\u2028丙\x85丁\r戊".encode(),
        "+甲\x0c乙\u2028丙\x85丁\r己".encode(),
        b"",
    ]


def test_header_names_are_quoted_as_git_quotes_them() -> None:
    assert quote_name(b"a/plain.txt") == b"a/plain.txt"
    assert quote_name("a/中文.txt".encode()) == "a/中文.txt".encode()
    assert quote_name(b"a/my file.txt") == b'"a/my file.txt"'
    assert quote_name(b'a/x"y\\z\t\n\x1b.txt') == b'"a/x\\"y\\\\z\\t\\n\\033.txt"'
    assert quote_name(b"a/bad\xff.txt") == b'"a/bad\\377.txt"'
    # no line of the patch can be forged by a name: a newline in it stays inside the quotes
    diff = bytes_diff(b"x\n+++ b/evil", b"1\n", b"2\n")
    assert diff.splitlines()[:2] == [b'--- "a/x\\n+++ b/evil"', b'+++ "b/x\\n+++ b/evil"']


def test_an_unchanged_file_has_no_diff() -> None:
    assert bytes_diff(b"a.txt", b"same\n", b"same\n") == b""
