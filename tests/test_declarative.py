"""Declarative house-style rules ([[style]] in the config): kinds, literal vs regex matching,
validation at load time (naming file and key) and timeouts."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from wenlint.config import ConfigError
from wenlint.declarative import rules_from_config
from wenlint.testing import lint_string, run_cli

ORG = {
    "code": "U101",
    "name": "org-full-name",
    "kind": "substitution",
    "swap": {"发改局": "发展和改革局"},
    "fix": "safe",
    "message": {"zh": "应写作“{good}”", "en": "write “{good}”"},
    "examples": {"bad": "市发改局印发", "good": "市发展和改革局印发"},
}
SLANG = {
    "code": "U102",
    "name": "colloquial-word",
    "kind": "existence",
    "tokens": ["搞定", "咋办"],
    "exceptions": ["搞定型"],
    "examples": [{"bad": "这件事要搞定"}, {"good": "这件事要办好"}],
}


def _lint(text: str, *tables: dict[str, Any]) -> list[Any]:
    return lint_string(text, config={"select": ["U"], "style": list(tables)})


def test_substitution_reports_and_fixes() -> None:
    found = _lint("市发改局印发通知。", ORG)
    assert [(d.code, d.message.zh) for d in found] == [("U101", "应写作“发展和改革局”")]
    assert found[0].fix is not None and found[0].fix.safe
    rs_config = {"select": ["U101"], "style": [ORG]}
    assert lint_string("市发展和改革局印发通知。", config=rs_config) == []


def test_fix_applies_safe_substitution(tmp_path: Path) -> None:
    # through the CLI with a config file: the config's own select names the style rule
    (tmp_path / "wenlint.toml").write_text(
        'select = ["U"]\n[[style]]\ncode = "U101"\nname = "org-full-name"\nkind = "substitution"\n'
        'swap = { "发改局" = "发展和改革局" }\nfix = "safe"\n'
        'examples = { bad = "市发改局印发", good = "市发展和改革局印发" }\n',
        "utf-8",
    )
    target = tmp_path / "a.txt"
    target.write_text("市发改局印发通知。\n", "utf-8")
    result = run_cli("check", "--fix", str(target))
    assert target.read_text("utf-8") == "市发展和改革局印发通知。\n", result


def test_existence_literal_without_word_boundaries() -> None:
    # no implicit \b: a token inside a run of Han characters is found
    found = _lint("这件事一定要搞定，咋办都行。", SLANG)
    assert [d.span.end - d.span.start for d in found] == [2, 2]
    assert all(d.fix is None for d in found)
    assert _lint("这是一种搞定型方案。", SLANG) == []  # exception context


def test_regex_substitution_expands_groups_and_is_opt_in() -> None:
    table = {
        "code": "U103",
        "name": "year-abbreviation",
        "kind": "substitution",
        "regex": True,
        "swap": {r"'(\d\d)年": r"20\1年"},
        "examples": {"bad": "'24年工作要点"},
    }
    found = _lint("'24年工作要点", table)
    assert found and found[0].fix is not None and found[0].fix.edits[0].text == "2024年"
    assert not found[0].fix.safe  # fix defaults to unsafe
    literal = {**table, "regex": False, "swap": {"(": "（"}, "examples": {"bad": "见(附件"}}
    assert _lint("见(附件", literal)  # "(" is literal unless regex = true


def test_ignore_case_literal() -> None:
    table = {
        "code": "U104",
        "name": "product-name",
        "kind": "substitution",
        "ignore-case": True,
        "swap": {"wechat": "微信"},
        "examples": {"bad": "打开WeChat", "good": "打开微信"},
    }
    assert len(_lint("打开WeChat和wechat", table)) == 2


@pytest.mark.parametrize(
    ("change", "key", "what"),
    [
        ({"kind": "grammar"}, "style[0].kind", "must be one of"),
        ({"colour": "red"}, "style[0].colour", "unknown key"),
        ({"code": "W999"}, "style[0].code", "belongs to wenlint"),
        ({"code": "U1"}, "style[0].code", "three digits"),
        ({"name": "No_Good"}, "style[0].name", "kebab-case"),
        ({"severity": "fatal"}, "style[0].severity", "unknown severity"),
        ({"regex": "yes"}, "style[0].regex", "true or false"),
        ({"fix": "always"}, "style[0].fix", "safe"),
        ({"swap": {}}, "style[0].swap", "non-empty"),
        ({"message": {"zh": "写{right}"}}, "style[0].message", "placeholder"),
        ({"examples": {"bad": "市发展和改革局"}}, "style[0].examples.bad", "not matched"),
        ({"examples": {"bad": "发改局", "good": "发改局长"}}, "style[0].examples.good", "matched"),
        ({"examples": None}, "style[0].examples", "required"),
        ({"exceptions": ["国务院"]}, "style[0].swap", "none of the rule's tokens"),
        ({"regex": True, "swap": {"发改(局": "x"}}, "style[0].swap", "does not compile"),
        ({"regex": True, "swap": {"局*": "x"}}, "style[0].swap", "empty string"),
        (
            {"examples": {"bad": "市发改局印发", "good": "市发改委印发"}},
            "style[0].examples",
            "the fix turns",
        ),
    ],
)
def test_bad_table_is_a_config_error_naming_file_and_key(
    change: dict[str, Any], key: str, what: str
) -> None:
    table = {**ORG, **change}
    table = {k: v for k, v in table.items() if v is not None}
    with pytest.raises(ConfigError) as err:
        rules_from_config([table], "/proj/wenlint.toml")
    msg = str(err.value)
    assert msg.startswith("/proj/wenlint.toml: "), msg
    assert f"'{key}'" in msg and what in msg, msg


def test_duplicate_and_clashing_codes() -> None:
    with pytest.raises(ConfigError, match="already defined"):
        rules_from_config([ORG, {**ORG, "name": "other-name"}], "cfg.toml")
    clash = {**SLANG, "code": "U105", "name": "doubled-word"}  # the name of a built-in rule
    with pytest.raises(ConfigError, match="doubled-word"):
        lint_string("x", config={"style": [clash]})


def test_catastrophic_pattern_cannot_hang() -> None:
    table = {
        "code": "U106",
        "name": "slow-pattern",
        "kind": "existence",
        "regex": True,
        "tokens": [r"(a|aa)+c"],  # exponential backtracking on a run of a's without c
        "examples": {"bad": "aac"},
    }
    start = time.monotonic()
    found = _lint("a" * 40 + "\n" + "aac见附件。\n", table)
    assert time.monotonic() - start < 10
    assert [d.message.en.split(" (")[0] for d in found] == [
        "the rule's pattern timed out on this paragraph",
        "avoid “aac”",
    ]
    assert (found[0].position[0], found[1].position[0]) == (1, 2)  # the next paragraph still ran
    with pytest.raises(ConfigError, match=r"'style\[0\]\.tokens'.*takes over"):
        rules_from_config([{**table, "examples": {"bad": "aac", "good": "a" * 40}}], "cfg.toml")


def test_rule_metadata_is_complete() -> None:
    (rule,) = rules_from_config([ORG], "cfg.toml")
    assert (rule.code, rule.name, rule.family()) == ("U101", "org-full-name", "U")
    assert rule.summary.zh and rule.rationale.en and rule.fix_safety is not None
    assert rule.examples[0].bad == "市发改局印发"
