"""--format github: workflow commands the Actions runner parses, escaped as it requires."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from wenlint.diagnostic import Diagnostic, Fix
from wenlint.document import LineIndex, Span
from wenlint.report.github import (
    GithubReporter,
    annotation,
    escape_data,
    escape_property,
    not_shown,
)
from wenlint.rule import Severity, T
from wenlint.testing import run_cli

PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
DUP = f"{PARA}\n\n第二段内容与前文不同，讲的是另一件事情。\n\n{PARA}\n"
COMMAND = re.compile(
    r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$"
)


run = run_cli


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """What the runner does: split the properties on ',' and '=', then unescape."""
    m = COMMAND.match(line)
    assert m, line
    unesc = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}

    def un(s: str) -> str:
        return re.sub(r"%25|%0D|%0A|%3A|%2C", lambda x: unesc[x.group()], s)

    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: un(v) for k, v in props.items()}, un(m.group(3))


def make(text: str, start: int, end: int, severity: Severity, path: str = "a.txt") -> Diagnostic:
    lines = LineIndex(text)
    d = Diagnostic(
        path,
        "P401",
        "halfwidth-punct-in-han",
        severity,
        Span(start, end),
        T(zh="半角“%”与“,”: 50%\r\n换行", en="half-width"),
        help=T(zh="改为全角", en="use full width"),
        fix=Fix.replace(Span(start, end), "，"),
    )
    d.position = (*lines.line_col(start), *lines.line_col(end))
    return d


def test_escaping_as_the_runner_requires() -> None:
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_one_line_annotation_with_columns() -> None:
    text = "第一行\n甲乙,丙丁\n"
    d = make(text, 6, 7, Severity.WARNING, path="目录/报告,一:二.txt")
    line = annotation(d)
    assert "\n" not in line and "\r" not in line
    kind, props, message = parse(line)
    assert kind == "warning"
    assert props == {
        "file": "目录/报告,一:二.txt",
        "line": "2",
        "col": "3",
        "endLine": "2",
        "endColumn": "4",
        "title": "P401 halfwidth-punct-in-han",
    }
    # a line break inside the message (document text it quotes) is shown, not kept: the only
    # break is the one wenlint puts before the fix
    assert message == "半角“%”与“,”: 50%␍␊换行\n修复：改为全角"


def test_multi_line_span_has_no_columns_and_severities_map() -> None:
    text = "第一行\n第二行\n第三行\n"
    d = make(text, 0, 6, Severity.ERROR)
    kind, props, _ = parse(annotation(d, "en"))
    assert kind == "error"
    assert props["line"] == "1" and props["endLine"] == "2"
    assert "col" not in props and "endColumn" not in props  # the runner rejects them here
    info = make(text, 2, 2, Severity.INFO)
    kind, props, message = parse(annotation(info, "en"))
    assert kind == "notice"
    assert props["col"] == props["endColumn"] == "3"  # an insertion point: endColumn not < col
    assert message.endswith("\nfix: use full width")


def test_reporter_sorts_and_reports_file_errors() -> None:
    out = io.StringIO()
    rep = GithubReporter(out)
    text = "甲,乙,丙\n"
    rep.file("a.txt", text, [make(text, 3, 4, Severity.WARNING), make(text, 1, 2, Severity.ERROR)])
    rep.finish(files=1, errors=["b.txt: cannot decode: not UTF-8, GB18030 or UTF-16"])
    lines = out.getvalue().splitlines()
    assert [parse(x)[1]["col"] for x in lines[:2]] == ["2", "4"]
    kind, props, message = parse(lines[2])
    assert kind == "error" and props == {"file": "b.txt", "title": "wenlint"}
    assert message == "cannot decode: not UTF-8, GB18030 or UTF-16"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_github_format(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    (workdir / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    code, out, _ = run("check", "--select", "D101", "--format", "github", "dup.txt", "ok.txt")
    assert code == 1
    (line,) = out.splitlines()  # annotations only: no summary line for the log
    kind, props, message = parse(line)
    assert kind == "error"
    assert props["file"] == "dup.txt" and props["line"] == "5" and props["col"] == "1"
    assert props["title"] == "D101 duplicate-block"
    assert message.startswith("与第 1 行起的 1 段重复")
    code, out, _ = run("check", "--select", "D101", "--format", "github", "ok.txt")
    assert code == 0 and out == ""


# -- what GitHub does not show, and the step summary (issue 17, item 3) ---------------------------
def test_not_shown_counts_per_level_and_per_job() -> None:
    assert not_shown(Counter({"warning": 10, "error": 10, "notice": 10})) == 0
    assert not_shown(Counter({"warning": 25})) == 15
    assert not_shown(Counter({"warning": 25, "error": 3})) == 15
    assert not_shown(Counter({"warning": 40, "error": 40, "notice": 40})) == 90
    assert not_shown(Counter({"w1": 10, "w2": 10, "w3": 10, "w4": 10, "w5": 10, "w6": 10})) == 10


def _many(workdir: Path, name: str, n: int) -> None:
    (workdir / name).write_text("甲乙,丙丁。\n" * n, "utf-8")


def test_capped_annotations_are_said_on_stderr(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _many(workdir, "a.txt", 25)
    code, out, err = run("check", "--select", "P401", "--format", "github", "--lang", "en", "a.txt")
    assert code == 1
    assert len(out.splitlines()) == 25  # every annotation is still printed
    (line,) = err.splitlines()
    assert "25 printed (25 warnings), 15 of them not shown" in line
    assert "--format text" in line and "--format sarif" in line
    _many(workdir, "b.txt", 10)
    _, _, err = run("check", "--select", "P401", "--format", "github", "b.txt")
    assert err == ""  # all shown: nothing to say


def _summary_tables(md: str) -> dict[str, list[list[str]]]:
    """Each ### section's table rows, split on unescaped pipes."""
    tables: dict[str, list[list[str]]] = {}
    section = ""
    for line in md.splitlines():
        if line.startswith("### "):
            section = line[4:]
            tables[section] = []
        elif line.startswith("|") and section and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            tables[section].append([c.strip() for c in cells])
    return tables


def test_step_summary_counts_rules_and_files(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = workdir / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _many(workdir, "a.txt", 30)
    _many(workdir, "b.txt", 2)
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    args = ("--select", "P401,D101", "--lang", "en", "a.txt", "b.txt", "dup.txt", "gone.txt")
    code, _, err = run("check", "--format", "github", *args)
    assert code == 2
    assert "not shown" in err and "the step summary counts them per rule" in err
    md = summary.read_text("utf-8")
    assert md.startswith("earlier step\n## wenlint\n")  # appended, as GitHub expects
    _, js, _ = run("check", "--format", "json", *args)
    by_rule = json.loads(js)["summary"]["by_rule"]
    assert f"**{sum(by_rule.values())}** findings in 3 files checked" in md
    assert "1 file could not be checked" in md and "gone.txt" in md
    tables = _summary_tables(md)
    assert {r[0]: int(r[3]) for r in tables["By rule"][1:]} == by_rule
    per_file = Counter(d["path"] for d in json.loads(js)["diagnostics"])
    files = tables["Files with the most findings"][1:]
    assert [(f, int(n)) for f, n in files] == sorted(per_file.items(), key=lambda kv: -kv[1])
    assert files[0][0] == "a.txt" and per_file["a.txt"] >= 30
    first = tables["First findings"][1:]
    assert len(first) == 20 and first[0][0] == "a.txt:1:3" and first[0][1] == "P401"
    assert f"{sum(by_rule.values()) - 20} more findings are not listed here" in md
    hidden = re.search(r"(\d+) of them not shown", err)
    assert hidden and int(hidden.group(1)) > 20
    assert f"GitHub shows 10 annotations of each level per step: {hidden.group(1)} are not" in md


def test_step_summary_is_literal_text(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = workdir / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    name = "a|b*_`<img src=x>[x](y).txt"
    (workdir / name).write_text("甲乙,丙丁。<b>|*粗*\n", "utf-8")
    code, _, _ = run("check", "--select", "P401", "--format", "github", name)
    assert code == 1
    md = summary.read_text("utf-8")
    assert "<img" not in md and "<b>" not in md and "[x](y)" not in md
    tables = _summary_tables(md)
    assert all(len(row) == 2 for row in tables["问题最多的文件"])
    assert all(len(row) == 3 for row in tables["最先发现的问题"])
    assert "\\|" in tables["问题最多的文件"][1][0] and "&lt;img" in tables["问题最多的文件"][1][0]


def test_clean_run_summary_and_a_summary_that_cannot_be_written(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir / "s.md"))
    code, out, err = run("check", "--format", "github", "--lang", "en", "ok.txt")
    assert (code, out, err) == (0, "", "")
    assert "**0** findings in 1 file checked." in (workdir / "s.md").read_text("utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir))  # a folder: cannot be appended to
    code, _, err = run("check", "--format", "github", "ok.txt")
    assert code == 0
    (line,) = err.splitlines()
    assert line.startswith("wenlint: warning: cannot write the step summary")
