"""--format github: workflow commands the Actions runner parses, escaped as it requires."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from wenlint.diagnostic import Diagnostic, Fix
from wenlint.document import LineIndex, Span
from wenlint.report.github import GithubReporter, annotation, escape_data, escape_property
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
