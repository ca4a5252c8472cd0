"""--format sarif: validated against the official SARIF 2.1.0 schema (tests/sarif/sarif-2.1.0.json,
source in tests/sarif/SOURCE.md; jsonschema, no network), positions in UTF-16 code units,
rules metadata and pages (helpUri), related locations, fixes, fingerprints that survive unrelated
edits, the 25,000-result cap, a compact dump."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from wenlint.diagnostic import Diagnostic, Edit, Fix, Related
from wenlint.document import LineIndex, Span
from wenlint.engine_rules import ENGINE_RULES
from wenlint.report import sarif
from wenlint.report.sarif import (
    DOCS_URL_ENV,
    SarifReporter,
    docs_base,
    docs_dir,
    information_uri,
    vcs_docs_url,
)
from wenlint.rule import Severity, T
from wenlint.testing import lint_string, registry, run_cli

ROOT = Path(__file__).parents[1]
SCHEMA = json.loads((ROOT / "tests/sarif/sarif-2.1.0.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
OTHER = "第二段内容与前文不同，讲的是另一件事情，篇幅也足够长，可以用来对照。"
DUP = f"{PARA}\n\n{OTHER}\n\n{PARA}\n"


def validate(log: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:10])


run = run_cli


def diag(
    text: str,
    start: int,
    end: int,
    code: str = "D101",
    name: str = "duplicate-block",
    severity: Severity = Severity.WARNING,
    path: str = "doc.txt",
    **kw: Any,
) -> Diagnostic:
    lines = LineIndex(text)
    d = Diagnostic(
        path, code, name, severity, Span(start, end), T(zh="消息“x”", en="message “x”"), **kw
    )
    d.position = (*lines.line_col(start), *lines.line_col(end))
    return d


def sarif_of(
    text: str, diags: list[Diagnostic], max_results: int = 25_000, **finish: Any
) -> dict[str, Any]:
    rep = SarifReporter(io.StringIO(), registry=registry(), lang="zh", max_results=max_results)
    rep.file(diags[0].path if diags else "doc.txt", text, diags)
    log: dict[str, Any] = rep.log(files=1, **finish)
    return log


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_seed_output_validates_and_matches_json_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check", "seeds/", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    validate(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "utf16CodeUnits"
    # the seed has no character outside the BMP: its UTF-16 positions are its code point ones
    seed = (ROOT / "seeds/shuozhou-cppcc-2024-report.txt").read_text("utf-8")
    assert all(ord(c) < 0x10000 for c in seed)
    assert run_["newlineSequences"] == ["\r\n", "\n", "\r"]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert results, "the seed has findings"
    _, js, _ = run("check", "seeds/", "--format", "json")
    expected = json.loads(js)["diagnostics"]
    assert len(results) == len(expected)
    got = sorted(
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["locations"][0]["physicalLocation"]["region"]["endLine"],
            r["locations"][0]["physicalLocation"]["region"]["endColumn"],
            r["locations"][0]["physicalLocation"]["region"]["charOffset"],
            r["message"]["text"],
        )
        for r in results
    )
    want = sorted(
        (
            d["code"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["offset"],
            d["message"],
        )
        for d in expected
    )
    assert got == want
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc == {"uri": "seeds/shuozhou-cppcc-2024-report.txt", "uriBaseId": "%SRCROOT%"}
        assert r["partialFingerprints"]["wenlint/v1"]
    assert run_["invocations"][0]["executionSuccessful"] is True
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_rules_carry_the_registry_metadata() -> None:
    log = sarif_of("", [])
    validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    level = {"error": "error", "warning": "warning", "info": "note"}
    for rule in registry().sorted():
        r = rules[rule.code]
        assert r["name"] == rule.name
        assert r["shortDescription"]["text"] == rule.summary.zh
        assert r["fullDescription"]["text"] == rule.rationale.zh
        assert f"# {rule.name} ({rule.code})" in r["help"]["text"]
        assert r["defaultConfiguration"] == {
            "level": level[rule.severity.label],
            "enabled": rule.default_enabled,
        }
        assert r["properties"]["fixable"] == rule.fix.value
    # the engine's own findings resolve too
    assert {"E001", "E002"} <= set(rules)


def test_related_fixes_and_utf16_columns() -> None:
    # 𠀀 (U+20000) is one code point but two UTF-16 units: SARIF columns count it twice.
    text = "第一行\n𠀀甲乙,丙丁\n第三行重复内容\n"
    comma = text.index(",")
    d = diag(
        text,
        comma,
        comma + 1,
        code="P401",
        name="halfwidth-punct-in-han",
        fix=Fix.replace(Span(comma, comma + 1), "，"),
        help=T(zh="改为全角逗号", en="use a full-width comma"),
        related=(
            Related(Span(0, 3), T(zh="同一文件", en="same file"), None, (1, 1, 1, 4)),
            Related(Span(5, 9), T(zh="另一文件", en="other file"), "其他/文件.txt", (2, 3, 2, 7)),
        ),
    )
    multi = diag(
        text,
        0,
        len(text) - 1,
        severity=Severity.ERROR,
        fix=Fix.of(Edit(0, 0, "【"), Edit(4, 6, ""), safe=False),
    )
    point = diag(text, 3, 3, code="S501", name="broken-paragraph", severity=Severity.INFO)
    log = sarif_of(text, [d, multi, point], errors=["gone.txt: no such file or directory"])
    validate(log)
    res = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    region = res["P401"]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 5, 6)
    assert (region["charOffset"], region["charLength"]) == (comma + 1, 1)
    assert region["snippet"]["text"] == ","
    assert res["P401"]["level"] == "warning"
    (fix,) = res["P401"]["fixes"]
    assert fix["description"]["text"] == "改为全角逗号"
    assert fix["properties"]["applicability"] == "safe"
    (rep,) = fix["artifactChanges"][0]["replacements"]
    assert rep["insertedContent"]["text"] == "，"
    assert rep["deletedRegion"]["startColumn"] == 5 and rep["deletedRegion"]["charLength"] == 1
    same, other = res["P401"]["relatedLocations"]
    assert same["message"]["text"] == "同一文件"
    assert same["physicalLocation"]["artifactLocation"]["uri"] == "doc.txt"
    assert other["physicalLocation"]["artifactLocation"]["uri"] == (
        "%E5%85%B6%E4%BB%96/%E6%96%87%E4%BB%B6.txt"
    )
    assert other["physicalLocation"]["region"]["startLine"] == 2
    assert res["D101"]["level"] == "error"
    d_region = res["D101"]["locations"][0]["physicalLocation"]["region"]
    assert (d_region["startLine"], d_region["endLine"]) == (1, 3)
    assert d_region["charLength"] == len(text) - 1 + 1  # the whole text less its last LF, 𠀀 two
    edits = res["D101"]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert edits[0]["deletedRegion"]["charLength"] == 0  # an insertion
    assert "insertedContent" not in edits[1]  # a deletion
    assert res["D101"]["fixes"][0]["properties"]["applicability"] == "unsafe"
    p_region = res["S501"]["locations"][0]["physicalLocation"]["region"]
    assert p_region["startColumn"] == p_region["endColumn"] == 4 and p_region["charLength"] == 0
    assert res["S501"]["level"] == "note"
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("gone.txt")


def test_unknown_rule_has_no_rule_index_but_validates() -> None:
    text = "甲乙丙\n"
    log = sarif_of(text, [diag(text, 0, 1, code="GW101", name="plugin-rule")])
    validate(log)
    (r,) = log["runs"][0]["results"]
    assert r["ruleId"] == "GW101" and "ruleIndex" not in r


def _fingerprints(text: str) -> list[str]:
    diags = lint_string(text, ["D101"])
    assert diags
    log = sarif_of(text, diags)
    return [r["partialFingerprints"]["wenlint/v1"] for r in log["runs"][0]["results"]]


def test_fingerprints_survive_lines_added_above_and_edits_elsewhere() -> None:
    before = _fingerprints(DUP)
    shifted = "新增的标题\n\n又一段新增的文字，放在最前面。\n\n" + DUP.replace(
        "另一件事情", "别的事情"
    )
    assert _fingerprints(shifted) == before
    # a change to the duplicated text itself is a different finding
    changed = DUP.replace(PARA, PARA.replace("共同富裕", "共同繁荣"))
    assert _fingerprints(changed) != before


def test_identical_findings_get_distinct_fingerprints() -> None:
    text = "甲,乙\n甲,乙\n"
    a = diag(text, 1, 2, code="P401", name="halfwidth-punct-in-han")
    b = diag(text, 5, 6, code="P401", name="halfwidth-punct-in-han")
    fps = [
        r["partialFingerprints"]["wenlint/v1"] for r in sarif_of(text, [a, b])["runs"][0]["results"]
    ]
    assert fps[0] != fps[1]
    assert fps[0].split(":")[0] == fps[1].split(":")[0]  # same text, numbered occurrences


def test_cli_sarif_file_errors_and_paths(workdir: Path) -> None:
    (workdir / "报告 一.txt").write_text(DUP, "utf-8")
    code, out, _ = run("check", "--select", "D101", "--format", "sarif", "报告 一.txt", "gone.txt")
    assert code == 2
    log = json.loads(out)
    validate(log)
    (r,) = log["runs"][0]["results"]
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "%E6%8A%A5%E5%91%8A%20%E4%B8%80.txt"
    )
    assert r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "gone.txt" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_english_run_and_clean_file(workdir: Path) -> None:
    (workdir / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    code, out, _ = run("check", "--format", "sarif", "--lang", "en", "ok.txt")
    assert code == 0
    log = json.loads(out)
    validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["language"] == "en-US"


def _multitool() -> str | None:
    return os.environ.get("WENLINT_SARIF_MULTITOOL") or shutil.which("sarif-multitool")


def _validate_with_multitool(log: Path, tmp_path: Path) -> list[dict[str, Any]]:
    """The Multitool's findings on ``log`` with its SARIF rules and its GitHub rules (GHxxxx,
    what code scanning requires; only run when asked for with --rule-kind)."""
    tool = _multitool()
    assert tool is not None
    report = tmp_path / f"{log.stem}.validation.sarif"
    proc = subprocess.run(
        [
            tool,
            "validate",
            str(log),
            "--output",
            str(report),
            "--log",
            "ForceOverwrite",
            "--rule-kind",
            "Gh;Sarif",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found: list[dict[str, Any]] = json.loads(report.read_text("utf-8"))["runs"][0]["results"]
    return found


def test_multitool_github_rules_catch_a_broken_log(tmp_path: Path) -> None:
    """The GitHub rules really run: a result without a location fails them."""
    if _multitool() is None:
        pytest.skip("Microsoft SARIF Multitool not installed (see test_multitool_validates_...)")
    text = "甲,乙\n"
    log = sarif_of(text, [diag(text, 1, 2, code="P401", name="halfwidth-punct-in-han")])
    del log["runs"][0]["results"][0]["locations"]
    (tmp_path / "broken.sarif").write_text(json.dumps(log), "utf-8")
    found = _validate_with_multitool(tmp_path / "broken.sarif", tmp_path)
    assert any(r["ruleId"].startswith("GH") and r.get("level") == "error" for r in found)


@pytest.mark.skipif(
    _multitool() is None,
    reason="Microsoft SARIF Multitool not installed "
    "(set WENLINT_SARIF_MULTITOOL to its Sarif.Multitool binary; .ci/run installs it from npm)",
)
def test_multitool_validates_the_seed_and_hard_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = run("check", "seeds/", "--format", "sarif")
    logs = [tmp_path / "seed.sarif"]
    logs[0].write_text(out, "utf-8")
    # astral characters, a cross-file related location, fixes, a file error, the cap's notice
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "a.txt").write_text(f"😀𠮷标题,正文\n\n{PARA}\n", "utf-8")
    (work / "b.txt").write_text(f"另一份文件。\n\n{PARA}\n" + "甲,乙;丙,丁\n" * 30, "utf-8")
    args = ("--format", "sarif", "a.txt", "b.txt", "gone.txt")
    _, out, _ = run("check", *args)
    logs.append(tmp_path / "hard.sarif")
    logs[1].write_text(out, "utf-8")
    capped = SarifReporter(io.StringIO(), registry=registry(), lang="zh", max_results=10)
    text = "甲,乙;丙,丁\n" * 10
    capped.file("c.txt", text, lint_string(text, ["P401"], path="c.txt"))
    logs.append(tmp_path / "capped.sarif")
    logs[2].write_text(json.dumps(capped.log(files=1)), "utf-8")
    assert (
        "toolExecutionNotifications"
        in json.loads(logs[2].read_text("utf-8"))["runs"][0]["invocations"][0]
    )
    for log in logs:
        found = _validate_with_multitool(log, tmp_path)
        problems = [r for r in found if r.get("level", "warning") == "error"]
        assert not problems, (log.name, [r["message"] for r in problems])


@pytest.mark.skipif(
    _multitool() is None,
    reason="Microsoft SARIF Multitool not installed "
    "(set WENLINT_SARIF_MULTITOOL to its Sarif.Multitool binary; .ci/run installs it from npm)",
)
def test_multitool_asks_for_information_uri_only_when_the_project_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SARIF2005 (the driver gives no informationUri) is the one warning the Multitool has on the
    seed's log: gone when the metadata carries a project URL, left when it has none."""
    monkeypatch.chdir(ROOT)
    found = {}
    for name, urls in (("none", []), ("url", ["Homepage, https://example.org/wenlint"])):
        monkeypatch.setattr(sarif, "_project_urls", lambda urls=urls: urls)
        _, out, _ = run("check", "seeds/", "--format", "sarif")
        log = tmp_path / f"{name}.sarif"
        log.write_text(out, "utf-8")
        found[name] = sorted({r["ruleId"] for r in _validate_with_multitool(log, tmp_path)})
    assert found == {"none": ["SARIF2005"], "url": []}


def _utf16_column(line: str, index: int) -> int:
    """What GitHub computes: the 1-based UTF-16 column of ``line[index]``."""
    return len(line[:index].encode("utf-16-le")) // 2 + 1


@pytest.mark.parametrize("before", ["😀", "𠮷", "𠮷😀甲", "甲乙"])
def test_columns_after_astral_characters_are_utf16(workdir: Path, before: str) -> None:
    line = f"第二行{before}文字,内容"
    (workdir / "a.txt").write_text(f"第一行。\n{line}\n", "utf-8")
    _, js, _ = run("check", "--select", "P401", "--format", "json", "a.txt")
    (d,) = json.loads(js)["diagnostics"]
    comma = line.index(",")
    assert d["column"] == comma + 1  # JSON keeps code points, as documented
    _, out, _ = run("check", "--select", "P401", "--format", "sarif", "a.txt")
    log = json.loads(out)
    validate(log)
    (r,) = log["runs"][0]["results"]
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == _utf16_column(line, comma)
    assert region["endColumn"] == _utf16_column(line, comma + 1)
    whole = f"第一行。\n{line}\n"
    offset = whole.index(",")
    assert region["charOffset"] == len(whole[:offset].encode("utf-16-le")) // 2
    assert region["snippet"]["text"] == ","
    fix = r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert fix["startColumn"] == region["startColumn"] and fix["charOffset"] == region["charOffset"]


def test_related_location_in_an_earlier_file_with_astral_characters(workdir: Path) -> None:
    a = f"😀𠮷标题\n\n{PARA}\n"
    (workdir / "a.txt").write_text(a, "utf-8")
    (workdir / "b.txt").write_text(f"另一份文件。\n\n{PARA}\n", "utf-8")
    _, out, _ = run("check", "--select", "D101", "--format", "sarif", "-j", "1", "a.txt", "b.txt")
    log = json.loads(out)
    validate(log)
    (r,) = [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    ]
    (rel,) = r["relatedLocations"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    region = rel["physicalLocation"]["region"]
    start = a.index(PARA)
    assert (region["startLine"], region["startColumn"]) == (3, 1)
    assert region["charOffset"] == len(a[:start].encode("utf-16-le")) // 2 == start + 2


def _page(uri: str) -> Path:
    parts = urlsplit(uri)
    assert parts.scheme == "file", uri
    return Path(unquote(parts.path))


def test_every_rule_has_help_and_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DOCS_URL_ENV, raising=False)
    log = sarif_of("", [])
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r.code for r in ENGINE_RULES} <= {r["id"] for r in rules}
    for r in rules:
        assert r["fullDescription"]["text"] and r["help"]["text"] and r["help"]["markdown"]
        assert f"({r['id']})" in r["help"]["text"]
        page = _page(r["helpUri"])
        assert page == docs_dir() / f"{r['id']}.md" and page.is_file(), r["id"]
        assert r["help"]["text"] in page.read_text("utf-8")
    engine = {r["id"]: r for r in rules if r["id"].startswith("E")}
    assert "wenlint-engine" in engine["E002"]["properties"]["tags"]
    assert engine["E002"]["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert "抑制注释" in engine["E002"]["fullDescription"]["text"]


def test_a_real_e002_resolves_to_its_documented_rule(workdir: Path) -> None:
    (workdir / "a.txt").write_text("<!-- wenlint-disable Q999 -->\n今天天气很好。\n", "utf-8")
    _, out, _ = run("check", "--format", "sarif", "--lang", "en", "a.txt")
    log = json.loads(out)
    validate(log)
    (r,) = log["runs"][0]["results"]
    rule = log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]
    assert r["ruleId"] == rule["id"] == "E002"
    assert rule["fullDescription"]["text"].startswith("A misspelt code")
    assert rule["helpUri"].endswith("/E002.md")


def test_docs_url_from_the_environment_and_from_a_git_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert docs_base({DOCS_URL_ENV: "https://git.example.org/o/wenlint/raw/v1/rules/docs"}) == (
        "https://git.example.org/o/wenlint/raw/v1/rules/docs/"
    )
    assert docs_base({}).startswith("file://")  # an editable install here
    monkeypatch.setenv(DOCS_URL_ENV, "https://docs.example.org/wenlint/")
    log = sarif_of("", [])
    validate(log)
    uris = {r["id"]: r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert uris["D101"] == "https://docs.example.org/wenlint/D101.md"
    commit = "0123456789abcdef0123456789abcdef01234567"

    def direct(url: str, **extra: Any) -> str:
        return json.dumps({"url": url, "vcs_info": {"vcs": "git", "commit_id": commit}, **extra})

    assert vcs_docs_url(direct("https://github.com/acme/wenlint.git")) == (
        f"https://github.com/acme/wenlint/blob/{commit}/rules/docs/"
    )
    assert vcs_docs_url(direct("ssh://git@gitlab.com/g/sub/wenlint", subdirectory="tool")) == (
        f"https://gitlab.com/g/sub/wenlint/-/blob/{commit}/tool/rules/docs/"
    )
    assert vcs_docs_url(direct("https://example.org/your-mirror/wenlint")) is None  # unknown host
    assert vcs_docs_url(json.dumps({"url": "file:///src", "dir_info": {"editable": True}})) is None
    assert vcs_docs_url("not json") is None and vcs_docs_url(None) is None


COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _git_install(url: str) -> str:
    return json.dumps({"url": url, "vcs_info": {"vcs": "git", "commit_id": COMMIT}})


def test_information_uri_is_the_project_url_or_nothing() -> None:
    # [project.urls] as the metadata stores it: a home page or repository first, any label after
    urls = ["Bug Tracker, https://example.org/wenlint/issues", "Source, https://example.org/wl"]
    assert information_uri(urls) == "https://example.org/wl"
    assert information_uri(["Home-Page, https://wenlint.example.org/", *urls]) == (
        "https://wenlint.example.org/"
    )
    assert information_uri(urls[:1]) == "https://example.org/wenlint/issues"
    # no web address in the metadata: the GitHub or GitLab repository it was installed from
    assert information_uri(["Source, git@example.org:wl.git"]) is None
    git = _git_install("git+https://github.com/acme/wenlint.git")
    assert information_uri([], git) == "https://github.com/acme/wenlint"
    assert information_uri([], _git_install("https://example.org/mirror/wenlint")) is None
    # this checkout declares no [project.urls] and is an editable install: nothing made up
    assert information_uri() is None


def test_the_driver_names_its_information_uri_only_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    driver = sarif_of("", [])["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    monkeypatch.setattr(sarif, "_project_urls", lambda: ["Homepage, https://example.org/wenlint"])
    log = sarif_of("", [])
    validate(log)
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/wenlint"


def test_cap_keeps_the_most_severe_and_says_how_many_were_left_out() -> None:
    text = "甲,乙,丙,丁\n" * 4
    commas = [i for i, c in enumerate(text) if c == ","]
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    diags = [
        diag(text, i, i + 1, code="P401", name="halfwidth-punct-in-han", severity=order[k % 3])
        for k, i in enumerate(commas)
    ]
    assert len(diags) == 12
    log = sarif_of(text, diags, max_results=5)
    validate(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning"] + ["error"] * 4
    offsets = [r["locations"][0]["physicalLocation"]["region"]["charOffset"] for r in results]
    assert offsets == sorted(offsets)  # run order
    warnings = [commas[k] for k in range(12) if k % 3 == 1]
    assert offsets[0] == warnings[0]  # the earliest warning stayed
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is True
    assert inv["properties"]["results"] == 12 and inv["properties"]["resultsLeftOut"] == 7
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert (
        "略去 7 条" in note["message"]["text"] and "警告 3 条、提示 4 条" in note["message"]["text"]
    )
    # fingerprints still number every finding, kept or not
    fps = [r["partialFingerprints"]["wenlint/v1"] for r in results]
    assert len(set(fps)) == len(fps)
    uncapped = sarif_of(text, diags)["runs"][0]
    assert len(uncapped["results"]) == 12
    assert "toolExecutionNotifications" not in uncapped["invocations"][0]


@pytest.mark.slow
def test_a_real_run_over_25000_results_is_capped(workdir: Path) -> None:
    (workdir / "many.txt").write_text("甲,乙;丙,丁\n" * 8_400, "utf-8")  # 3 findings a line
    code, out, _ = run("check", "--select", "P401", "--format", "sarif", "--lang", "en", "many.txt")
    assert code == 1
    assert out.count("\n") == 1  # one compact line
    log = json.loads(out)
    validate(log)
    run_ = log["runs"][0]
    assert len(run_["results"]) == 25_000
    inv = run_["invocations"][0]
    assert inv["properties"]["results"] == 25_200
    (note,) = inv["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("200 of 25,200 results left out")


def test_the_log_is_one_compact_line(workdir: Path) -> None:
    (workdir / "a.txt").write_text(DUP, "utf-8")
    _, out, _ = run("check", "--select", "D101", "--format", "sarif", "a.txt")
    assert out.endswith("}\n") and out.count("\n") == 1
    assert '": ' not in out.split('"results"')[0]  # no space after separators
    validate(json.loads(out))
