"""--format gitlab: the Code Climate JSON array GitLab's code quality report reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wenlint.testing import run_cli, run_cli_bytes

run = run_cli
PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
TEXT = f"{PARA}\n\n今天的会议,大家都来了。\n\n{PARA}\n"
KEYS = {"type", "description", "check_name", "categories", "fingerprint", "severity", "location"}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _issues(*args: str) -> list[dict]:
    code, out, err = run("check", "--format", "gitlab", *args)
    assert code in (0, 1), err
    issues = json.loads(out)
    assert isinstance(issues, list)
    return issues


def test_one_issue_per_finding_as_gitlab_reads_them(workdir: Path) -> None:
    (workdir / "docs").mkdir()
    (workdir / "docs" / "a.txt").write_text(TEXT, "utf-8")
    issues = _issues("--select", "D101,P401", str(workdir / "docs"))  # an absolute path
    _, js, _ = run("check", "--format", "json", "--select", "D101,P401", "docs")
    want = json.loads(js)["diagnostics"]
    assert len(issues) == len(want) == 2
    for issue, d in zip(issues, want, strict=True):
        assert set(issue) == KEYS
        assert issue["type"] == "issue" and issue["categories"] == ["Style"]
        assert issue["check_name"] == d["code"] and issue["description"] == d["message"]
        assert (
            issue["severity"]
            == {"error": "major", "warning": "minor", "info": "info"}[d["severity"]]
        )
        assert issue["location"] == {"path": "docs/a.txt", "lines": {"begin": d["line"]}}
        assert len(issue["fingerprint"]) == 32
    assert len({i["fingerprint"] for i in issues}) == 2


def test_fingerprints_survive_lines_added_above(workdir: Path) -> None:
    (workdir / "a.txt").write_text(TEXT, "utf-8")
    before = [i["fingerprint"] for i in _issues("a.txt")]
    (workdir / "a.txt").write_text("新的标题\n\n又一段新增的文字，放在最前面。\n\n" + TEXT, "utf-8")
    after = _issues("a.txt")
    assert [i["fingerprint"] for i in after] == before
    assert after[0]["location"]["lines"]["begin"] > 1
    (workdir / "a.txt").write_text(TEXT.replace("大家", "人们"), "utf-8")
    assert [i["fingerprint"] for i in _issues("a.txt")] != before


def test_clean_run_is_an_empty_array_and_output_file_works(workdir: Path) -> None:
    (workdir / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    assert _issues("ok.txt") == []
    (workdir / "bad.txt").write_text(TEXT, "utf-8")
    code, out, _ = run("check", "--format", "gitlab", "-o", "gl-code-quality.json", "bad.txt")
    assert code == 1 and out == ""
    assert json.loads((workdir / "gl-code-quality.json").read_text("utf-8"))


def test_undecodable_file_name_stays_valid_utf8(workdir: Path) -> None:
    name = b"r\xff.txt"
    (workdir / name.decode("utf-8", "surrogateescape")).write_text(TEXT, "utf-8")
    code, out, _ = run_cli_bytes("check", "--format", "gitlab", ".")
    assert code == 1
    issues = json.loads(out.decode("utf-8"))  # strict UTF-8
    assert all(i["location"]["path"] == "r\\xff.txt" for i in issues)
