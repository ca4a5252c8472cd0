"""--write-baseline / --baseline: adopt wenlint on old documents, see only new findings."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from wenlint.baseline import Baseline, BaselineError, fingerprint, norm_path
from wenlint.diagnostic import Diagnostic
from wenlint.document import Span
from wenlint.rule import Severity, T
from wenlint.testing import run_cli

A = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
B = "全面深化改革开放，持续优化营商环境，激发各类经营主体活力，推动经济实现质的有效提升。"
C = "加强生态环境保护，统筹推进山水林田湖草沙一体化保护和系统治理，筑牢生态安全屏障。"
MID = "第二段内容与前文不同，讲的是另一件事情。"


run = partial(run_cli, "check", "--select", "D101")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "old.txt").write_text(f"{A}\n\n{MID}\n\n{A}\n", "utf-8")
    (tmp_path / "docs" / "other.txt").write_text(f"{B}\n\n{MID}\n\n{B}\n", "utf-8")
    return tmp_path


def entries(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text("utf-8"))
    assert data["tool"] == "wenlint" and data["version"] == 1
    findings: list[dict[str, object]] = data["findings"]
    return findings


def test_write_then_check_reports_nothing_old(workdir: Path) -> None:
    code, out, err = run("--write-baseline", "wenlint-baseline.json", "docs")
    assert code == 0, out + err
    assert "未发现问题" in out
    assert "wrote 2 finding(s) to baseline wenlint-baseline.json" in err
    found = entries(workdir / "wenlint-baseline.json")
    assert [(f["path"], f["code"], f["line"]) for f in found] == [
        ("docs/old.txt", "D101", 5),
        ("docs/other.txt", "D101", 5),
    ]
    assert all(isinstance(f["fingerprint"], str) and len(f["fingerprint"]) == 16 for f in found)
    code, out, err = run("--baseline", "wenlint-baseline.json", "docs")
    assert code == 0, out + err
    assert "未发现问题" in out
    assert "baseline: 2 known finding(s) hidden, 0 new" in err


def test_lines_added_above_keep_findings_known_and_new_ones_show(workdir: Path) -> None:
    run("--write-baseline", "base.json", "docs")
    old = workdir / "docs" / "old.txt"
    old.write_text("新加的标题\n\n新加的导语，放在最前面。\n\n" + old.read_text("utf-8"), "utf-8")
    code, out, err = run("--baseline", "base.json", "docs")
    assert code == 0, out + err
    # a new defect is reported, the known ones stay hidden
    old.write_text(old.read_text("utf-8") + f"\n{C}\n\n{C}\n", "utf-8")
    code, out, err = run("--baseline", "base.json", "docs")
    assert code == 1
    heads = [line for line in out.splitlines() if "D101" in line]
    assert len(heads) == 1 and heads[0].startswith("docs/old.txt:13:1: D101")
    assert "2 known finding(s) hidden, 1 new" in err


def test_fixed_findings_are_counted_stale(workdir: Path) -> None:
    run("--write-baseline", "base.json", "docs")
    (workdir / "docs" / "old.txt").write_text(f"{A}\n\n{MID}\n", "utf-8")
    code, out, err = run("--baseline", "base.json", "docs")
    assert code == 0, out + err
    assert "1 known finding(s) hidden, 0 new; 1 baseline entry is stale" in err
    # linting only one file does not call the other file's entries stale
    code, _, err = run("--baseline", "base.json", "docs/other.txt")
    assert code == 0 and "stale" not in err
    # --write-baseline refreshes it
    run("--baseline", "base.json", "--write-baseline", "base.json", "docs")
    assert len(entries(workdir / "base.json")) == 1
    _, _, err = run("--baseline", "base.json", "docs")
    assert "stale" not in err


def test_json_and_sarif_outputs_are_filtered_too(workdir: Path) -> None:
    run("--write-baseline", "base.json", "docs/old.txt")
    code, out, _ = run("--baseline", "base.json", "--format", "json", "docs")
    assert code == 1
    diags = json.loads(out)["diagnostics"]
    assert [d["path"] for d in diags] == ["docs/other.txt"]
    code, out, _ = run("--baseline", "base.json", "--format", "sarif", "-q", "docs")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == 1


def test_identical_findings_are_counted(workdir: Path) -> None:
    p = workdir / "docs" / "old.txt"
    p.write_text(f"{A}\n\n{MID}\n\n{A}\n", "utf-8")
    run("--write-baseline", "base.json", "docs/old.txt")
    p.write_text(f"{A}\n\n{MID}\n\n{A}\n\n{MID}。\n\n{A}\n", "utf-8")  # a third copy
    code, out, err = run("--baseline", "base.json", "docs/old.txt")
    assert code == 1, out + err
    assert "1 known finding(s) hidden, 1 new" in err


def test_bad_baseline_files_are_one_line_errors(workdir: Path) -> None:
    code, _, err = run("--baseline", "missing.json", "docs")
    assert code == 2
    assert err.strip() == (
        "wenlint: error: missing.json: baseline file not found "
        "(create it with --write-baseline missing.json)"
    )
    (workdir / "bad.json").write_text("{not json", "utf-8")
    code, _, err = run("--baseline", "bad.json", "docs")
    assert code == 2 and err.startswith("wenlint: error: bad.json: not a wenlint baseline")
    assert len(err.strip().splitlines()) == 1
    (workdir / "v9.json").write_text('{"tool": "wenlint", "version": 9, "findings": []}', "utf-8")
    code, _, err = run("--baseline", "v9.json", "docs")
    assert code == 2 and "version 9" in err
    (workdir / "short.json").write_text(
        '{"tool": "wenlint", "version": 1, "findings": [{"path": "x"}]}', "utf-8"
    )
    with pytest.raises(BaselineError, match="finding 1 needs path, code and fingerprint"):
        Baseline.load(workdir / "short.json")
    code, _, err = run("--write-baseline", "no/such/dir/base.json", "docs")
    assert code == 2 and err.startswith("wenlint: error: no/such/dir/base.json: cannot write")


def test_quiet_prints_no_baseline_note(workdir: Path) -> None:
    run("--write-baseline", "base.json", "docs")
    code, out, err = run("--baseline", "base.json", "-q", "docs")
    assert code == 0 and out == "" and err == ""


def _diag(start: int, end: int, code: str = "P401") -> Diagnostic:
    return Diagnostic("a.txt", code, "x", Severity.WARNING, Span(start, end), T(zh="", en=""))


def test_fingerprint_uses_text_and_same_line_context_only() -> None:
    text = "上一行内容\n甲乙,丙丁\n下一行内容\n"
    i = text.index(",")
    fp = fingerprint(text, _diag(i, i + 1))
    assert (
        fingerprint("完全不同的上一行\n" + text.replace("下一行", "别的行"), _diag(i + 9, i + 10))
        == fp
    )
    assert fingerprint(text.replace("甲乙", "甲丙"), _diag(i, i + 1)) != fp  # context changed
    assert fingerprint(text, _diag(i, i + 1, "P402")) != fp  # another rule
    crlf = text.replace("\n", "\r\n")
    j = crlf.index(",")
    assert fingerprint(crlf, _diag(j, j + 1)) == fp


def test_paths_are_stored_relative_with_slashes(workdir: Path) -> None:
    assert norm_path("./docs/old.txt") == "docs/old.txt"
    assert norm_path(str(workdir / "docs" / "old.txt")) == "docs/old.txt"
    assert norm_path("-") == "-"
