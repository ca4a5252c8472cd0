"""The regex budget of house-style rules (issue 16, item 8): a catastrophic user pattern costs a
bounded time per paragraph, per file and per run, then the rule is disabled for the run with one
warning line, and the rest of the run goes on.

Most tests shrink the budgets (monkeypatch) so they run in a fraction of a second; one runs the real
ones on a long document. No test asserts a duration: they assert what was searched and reported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import wenlint.declarative as declarative
from wenlint.testing import lint_string, run_cli

#: Exponential backtracking on a run of a's that does not end the paragraph.
SLOW = {
    "code": "U901",
    "name": "slow-pattern",
    "kind": "existence",
    "regex": True,
    "tokens": ["(a|a)+$"],
    "examples": {"bad": "aaa"},
}
PARAGRAPH = "本段说明工作安排，" + "a" * 40 + "。\n\n"
TOML = """[[style]]
code = "U901"
name = "slow-pattern"
kind = "existence"
regex = true
tokens = ['(a|a)+$']
examples = { bad = "aaa" }
"""


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(declarative, "TIMEOUT", 0.05)
    monkeypatch.setattr(declarative, "FILE_BUDGET", 0.15)
    monkeypatch.setattr(declarative, "RUN_BUDGET", 0.5)


def _kinds(diags: list[Any]) -> list[str]:
    """Each house-style finding (U9xx) as the key of its message: timeout, budget or style."""
    msgs = {
        "the rule's pattern timed out on this paragraph": "timeout",
        "the rule's pattern used up its time budget": "budget",
    }
    return [
        msgs.get(d.message.en.split(" (")[0], "style") for d in diags if d.code.startswith("U9")
    ]


def test_a_long_document_stops_at_the_file_budget(small_budget: None) -> None:
    diags = lint_string(PARAGRAPH * 2_000, config={"select": ["U"], "style": [SLOW]})
    # two paragraphs time out (0.05 s each), the third spends the file's 0.15 s: one finding says
    # where the rest of the file was left, not 2,000 timeouts
    assert _kinds(diags) == ["timeout", "timeout", "budget"]
    assert [d.position[0] for d in diags] == [1, 3, 5]


def test_a_match_before_the_budget_runs_out_is_reported(small_budget: None) -> None:
    text = "文件aaa\n\n" + PARAGRAPH * 10 + "之后的aaa\n"
    diags = lint_string(text, config={"select": ["U"], "style": [SLOW]})
    assert _kinds(diags) == ["style", "timeout", "timeout", "budget"]
    assert diags[0].position[0] == 1 and diags[0].span.end - diags[0].span.start == 3


def test_the_run_budget_disables_the_rule_with_one_warning_and_the_run_goes_on(
    tmp_path: Path, small_budget: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wenlint.toml").write_text(TOML, "utf-8")
    names = [f"f{i}.txt" for i in range(8)]
    for name in names:
        (tmp_path / name).write_text(PARAGRAPH * 50 + "加强卫生卫生工作。\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(
        "check", "--jobs", "1", "--format", "json", "--select", "U901,W201", *names
    )
    assert code == 1
    assert err.splitlines() == [
        "wenlint: warning: U901 (slow-pattern): its pattern lost 0.5 s of the run to paragraphs "
        "and files it could not finish; the rule is disabled for the rest of the run "
        "(simplify the pattern)"
    ]
    diags = json.loads(out)["diagnostics"]
    u901 = {n: [d for d in diags if d["path"] == n and d["code"] == "U901"] for n in names}
    # 0.15 s lost per file (2 timeouts, then the budget): files 1-3 stop at their budget, the
    # first paragraph of the 4th spends the run's 0.5 s
    assert [len(u901[n]) for n in names] == [3, 3, 3, 1, 0, 0, 0, 0]
    assert u901["f3.txt"][-1]["message"].startswith("规则的模式用完了时间预算")
    # every other rule ran on every file
    assert sorted(d["path"] for d in diags if d["code"] == "W201") == names


def test_fix_rounds_share_the_file_budget(tmp_path: Path, small_budget: None) -> None:
    table = {**SLOW, "kind": "substitution", "swap": {"(a|a)+$": "b"}, "fix": "safe"}
    table.pop("tokens")
    table["examples"] = {"bad": "aaa", "good": "b"}
    text = PARAGRAPH * 20 + "加强卫生卫生工作。\n"
    from wenlint.fix import fix_text
    from wenlint.runner import lint_document
    from wenlint.testing import ruleset

    rs = ruleset(None, None, {"extend-select": ["U"], "style": [table]})
    from wenlint.document import Document

    calls: list[int] = []

    def lint(t: str) -> Any:
        calls.append(1)
        return lint_document(Document("a.txt", t), rs)[0]

    fixed = fix_text(text, lint)
    assert "卫生卫生" not in fixed.text and fixed.text.count("a" * 40) == 20
    assert len(calls) >= 2  # a second round linted the fixed text: the rule had no time left
    assert _kinds(fixed.diagnostics) == ["budget"]


def test_a_fast_pattern_on_many_files_is_never_disabled(tmp_path: Path) -> None:
    table = {
        "code": "U902",
        "name": "org-short-name",
        "kind": "existence",
        "regex": True,
        "tokens": ["发改[局委]"],
        "examples": {"bad": "市发改局"},
    }
    text = "市发改局印发通知，市发改委负责落实。\n\n" * 200
    for _ in range(30):  # one budget, as in one run: 30 files of 200 paragraphs
        diags = lint_string(text, config={"select": ["U"], "style": [table]})
        assert _kinds(diags) == ["style"] * 400


def test_a_literal_rule_has_no_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(declarative, "FILE_BUDGET", 0.0)
    monkeypatch.setattr(declarative, "RUN_BUDGET", 0.0)
    table = {
        "code": "U903",
        "name": "slang",
        "kind": "existence",
        "tokens": ["搞定"],
        "examples": {"bad": "要搞定"},
    }
    diags = lint_string("这件事要搞定。\n\n" * 500, config={"select": ["U"], "style": [table]})
    assert _kinds(diags) == ["style"] * 500


def test_a_consistency_rule_ignoring_case_has_the_budget_too(small_budget: None) -> None:
    table = {
        "code": "U904",
        "name": "login-form",
        "kind": "consistency",
        "ignore-case": True,
        "either": {"Log in": "Login"},
        "examples": {"bad": "log in 后 Login", "good": "Login 后 Login"},
    }
    text = "请 log in 系统。\n\n请 Login 系统。\n\n请 LOG IN 系统。\n"
    diags = lint_string(text, config={"select": ["U"], "style": [table]})
    assert _kinds(diags) == ["style"]  # the minority form, found within the budget


def test_the_real_budgets_end_a_catastrophic_pattern_on_a_long_document(tmp_path: Path) -> None:
    # (a|a)+$ costs the whole 1 s timeout on each of 2,000 paragraphs: over half an hour of CPU
    # before the budget; 3 s now (measured in the commit that added the budget)
    (tmp_path / "wenlint.toml").write_text(TOML, "utf-8")
    (tmp_path / "long.txt").write_text(PARAGRAPH * 2_000, "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "wenlint", "check", "--format", "json", "--select", "U", "long.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stderr
    diags = json.loads(run.stdout)["diagnostics"]
    # two paragraphs time out (1 s each), the third spends the file's 3 s
    assert [d["line"] for d in diags] == [1, 3, 5]
    assert diags[-1]["message"] == (
        "规则的模式用完了时间预算（每个文件 3.0 秒，整次运行 10.0 秒），本文件自此以后未检查"
    )
