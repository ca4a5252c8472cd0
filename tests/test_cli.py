"""The command line end to end: exit codes, errors as one line, formats, config, languages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from wenlint import __version__
from wenlint.report.text import TextReporter
from wenlint.testing import run_cli
from wenlint.text.width import text_width

PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
DUP = f"{PARA}\n\n第二段内容与前文不同，讲的是另一件事情。\n\n{PARA}\n"
SCHEMA = json.loads((Path(__file__).parents[1] / "lint/report/schema.json").read_text("utf-8"))


run = run_cli


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"wenlint {__version__}"


def test_clean_file_exits_0(workdir: Path) -> None:
    (workdir / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    code, out, err = run("check", "ok.txt")
    assert code == 0, out + err
    assert "未发现问题" in out


def test_duplicate_exits_1_with_carets_and_related(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    code, out, _ = run("check", "--select", "D101", "dup.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("dup.txt:5:1: D101 duplicate-block 与第 1 行起的 1 段重复")
    assert lines[2].startswith("5 | 坚持以人民为中心")
    assert lines[3].startswith("  |") and "^" in lines[3]
    assert "= 首次出现：dup.txt:1:1" in out
    assert "共 1 处问题（错误 1，警告 0，提示 0）" in out


def test_missing_path_is_one_line_exit_2(workdir: Path) -> None:
    code, _out, err = run("check", "nope.txt")
    assert code == 2
    assert err.strip().splitlines() == ["wenlint: error: nope.txt: no such file or directory"]


def test_missing_path_does_not_stop_other_files(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    code, out, err = run("check", "--select", "D101", "nope.txt", "dup.txt")
    assert code == 2 and "D101" in out and "nope.txt" in err


def test_unknown_rule_selector_exit_2(workdir: Path) -> None:
    code, _, err = run("check", "--select", "X999", ".")
    assert code == 2 and "X999" in err and len(err.strip().splitlines()) == 1


def test_english_messages(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    code, out, _ = run("check", "--lang", "en", "--select", "duplicate-block", "dup.txt")
    assert code == 1
    assert "repeats the 1 paragraph(s) from line 1" in out
    assert "= first occurrence: dup.txt:1:1" in out
    assert "Found 1 problem (1 error, 0 warnings, 0 info)" in out


def test_json_output_matches_schema(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    code, out, _ = run("check", "--format", "json", "--select", "D", "dup.txt")
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    (d,) = doc["diagnostics"]
    assert (d["line"], d["column"], d["end_line"]) == (5, 1, 5)
    assert d["end_column"] == len(PARA) + 1
    assert d["offset"] == DUP.index(PARA, 1) and d["end_offset"] == len(DUP) - 1
    assert d["related"][0]["line"] == 1
    assert d["fix"]["applicability"] == "unsafe"
    assert doc["summary"]["by_rule"] == {"D101": 1}


def test_schema_rejects_malformed_output() -> None:
    bad = {"version": 1, "diagnostics": [{"path": "x", "line": 0}], "summary": {}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_quiet_and_statistics(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    _, out, _ = run("check", "-q", "--statistics", "--select", "D101", "dup.txt")
    assert "共 1 处问题" not in out
    assert "    1  D101" in out


def test_fail_on_threshold(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    (workdir / "wenlint.toml").write_text('[rules.duplicate-block]\nseverity = "info"\n', "utf-8")
    assert run("check", "--select", "D101", "--fail-on", "warning", "dup.txt")[0] == 0
    assert run("check", "--select", "D101", "--fail-on", "info", "dup.txt")[0] == 1


def test_rules_and_explain() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "D101   duplicate-block" in out
    code, out, _ = run("explain", "duplicate-block")
    assert code == 0 and out.startswith("# duplicate-block (D101)")
    assert "错误示例" in out and "min-chars" in out
    code, out, _ = run("explain", "D101", "--lang", "en")
    assert "What it does" in out
    code, _, err = run("explain", "Z999")
    assert code == 2 and "Z999" in err
    code, out, _ = run("rules", "--format", "json")
    assert any(r["code"] == "D101" for r in json.loads(out))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("wenlint.toml", "colour = 1\n", "unknown key 'colour'"),
        ("wenlint.toml", 'fail-on = "fatal"\n', "'fail-on'"),
        ("wenlint.toml", "select = [1]\n", "'select' must be a list of strings"),
        ("wenlint.toml", 'select = ["Q123"]\n', "unknown rule 'Q123'"),
        ("wenlint.toml", '[rules.duplicate-block]\nmin-chars = "x"\n', "min-chars' must be int"),
        ("wenlint.toml", "[rules.duplicate-block]\nminchars = 3\n", "unknown option 'minchars'"),
        ("wenlint.toml", "[rules.nonexistent]\n", "'rules.nonexistent': unknown rule"),
        ("wenlint.toml", "select = [\n", "invalid TOML"),
        (".wenlint.toml", "[dictionary]\nwords = []\n", "'dictionary.words'"),
        ("pyproject.toml", '[tool.wenlint]\nlang = "fr"\n', "'lang'"),
    ],
)
def test_bad_config_is_one_line_naming_key_and_file(
    workdir: Path, name: str, content: str, message: str
) -> None:
    (workdir / name).write_text(content, "utf-8")
    (workdir / "a.txt").write_text("正文。\n", "utf-8")
    code, out, err = run("check", "a.txt")
    assert code == 2, out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and name in lines[0]


def test_config_discovered_walking_up_and_no_config(workdir: Path) -> None:
    sub = workdir / "docs" / "2024"
    sub.mkdir(parents=True)
    (sub / "dup.txt").write_text(DUP, "utf-8")
    (workdir / "pyproject.toml").write_text('[tool.wenlint]\nignore = ["D101"]\n', "utf-8")
    assert run("check", "docs")[0] == 0
    assert run("check", "--no-config", "--select", "D101", "docs")[0] == 1


def test_per_file_ignores_and_rule_options(workdir: Path) -> None:
    (workdir / "dup.txt").write_text(DUP, "utf-8")
    (workdir / "wenlint.toml").write_text('[per-file-ignores]\n"dup.txt" = ["D"]\n', "utf-8")
    assert run("check", "--select", "D101", "dup.txt")[0] == 0
    (workdir / "wenlint.toml").write_text("[rules.D101]\nmin-chars = 200\n", "utf-8")
    assert run("check", "--select", "D101", "dup.txt")[0] == 0
    code, _out, _ = run("check", "--config", "wenlint.toml", "--select", "D101", "dup.txt")
    assert code == 0


def test_directory_walk_skips_hidden_and_other_suffixes(workdir: Path) -> None:
    for rel in ("a/dup.txt", ".hidden/dup.txt", "a/dup.py", "b/c/dup.txt"):
        p = workdir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(DUP, "utf-8")
    code, out, _ = run("check", "--select", "D101", "-q", ".")
    assert code == 1
    paths = list(dict.fromkeys(ln.split(":")[0] for ln in out.splitlines() if "D101" in ln))
    assert list(dict.fromkeys(paths)) == ["a/dup.txt", "b/c/dup.txt"]  # (b also repeats a)


def test_stdin(workdir: Path) -> None:
    code, out, _ = run("check", "--select", "D101", "-", input=DUP.encode("utf-8"))
    assert code == 1 and out.startswith("-:5:1: D101")
    code, out, _ = run(
        "check", "--select", "D101", "--stdin-filename", "x.txt", "-", input=DUP.encode()
    )
    assert out.startswith("x.txt:5:1")


def test_long_paragraph_is_windowed_within_80_columns(workdir: Path) -> None:
    long = "这是一个很长的段落，" * 60
    text = f"{long}{PARA}\n\n{PARA}\n"
    (workdir / "long.txt").write_text(text, "utf-8")
    (workdir / "long2.txt").write_text(f"{long}卫生卫生{long}\n", "utf-8")
    _, out, _ = run("check", "--select", "D101", "long.txt")
    for line in out.splitlines():
        assert text_width(line) <= 80, line


def test_window_carets_align_by_display_width() -> None:
    src = "前文" * 200 + "加强基层医疗卫生卫生人才队伍建设" + "后文" * 200
    a = src.index("卫生卫生")
    excerpt, pad, marks = TextReporter.window(src, a, a + 4, 70)
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert text_width(excerpt) <= 70
    # the carets start under 卫 and cover four wide characters
    cols = 0
    for ch in excerpt:
        if cols == pad:
            break
        cols += text_width(ch)
    assert excerpt[len(excerpt[: excerpt.index("卫生卫生")])] == "卫"
    assert text_width(excerpt[: excerpt.index("卫生卫生")]) == pad
    assert marks == 8


def test_window_short_line_is_whole() -> None:
    excerpt, pad, marks = TextReporter.window("abc卫生卫生def", 3, 7, 70)
    assert (excerpt, pad, marks) == ("abc卫生卫生def", 3, 8)


STYLE = (
    '[[style]]\ncode = "U101"\nname = "org-full-name"\nkind = "substitution"\n'
    'swap = { "发改局" = "发展和改革局" }\nfix = "safe"\n'
    'message = { zh = "应写作“{good}”", en = "write “{good}”" }\n'
    'examples = { bad = "市发改局印发", good = "市发展和改革局印发" }\n'
)


def test_house_style_rules_are_listed_explained_and_selectable(workdir: Path) -> None:
    (workdir / "wenlint.toml").write_text(STYLE, "utf-8")
    (workdir / "a.txt").write_text("市发改局印发了通知。\n", "utf-8")
    code, out, _ = run("rules")
    assert code == 0 and "U101   org-full-name" in out
    code, out, _ = run("explain", "org-full-name")
    assert code == 0 and out.startswith("# org-full-name (U101)")
    code, out, _ = run("check", "--select", "U101", "a.txt")
    assert code == 1 and "a.txt:1:2: U101 org-full-name 应写作“发展和改革局”" in out
    code, out, _ = run("check", "--select", "U", "--fix", "a.txt")
    assert (workdir / "a.txt").read_text("utf-8") == "市发展和改革局印发了通知。\n"


def test_engine_findings_are_rules_listed_and_explained(workdir: Path) -> None:
    """E001 and E002 are defined once (wenlint.engine_rules): listed, explained, and described in
    SARIF and HTML from that definition; they still cannot be selected."""
    from wenlint.engine_rules import UnknownRuleInComment

    code, out, _ = run("rules", "--lang", "en")
    assert code == 0
    assert "E001   internal-error" in out and "E002   unknown-rule-in-comment" in out
    code, out, _ = run("explain", "E002", "--lang", "en")
    assert code == 0 and UnknownRuleInComment.rationale.en in out
    assert run("explain", "internal-error")[0] == 0
    (workdir / "a.txt").write_text("<!-- wenlint-disable-next-line ZZ999 -->\n正文。\n", "utf-8")
    code, out, _ = run("check", "--format", "sarif", "a.txt")
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["E002"]["shortDescription"]["text"] == UnknownRuleInComment.summary.zh
    code, out, _ = run("check", "--format", "html", "a.txt")
    assert UnknownRuleInComment.rationale.zh in out
    assert run("check", "--select", "E002", "a.txt")[0] == 2  # not selectable
