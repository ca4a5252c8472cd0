"""K805: user glossaries as ``[[style]]`` rules of kind "consistency" (either form, not both)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from wenlint.config import ConfigError
from wenlint.declarative import rules_from_config
from wenlint.testing import lint_string, run_cli

LOGIN = {
    "code": "U201",
    "name": "mixed-login-term",
    "kind": "consistency",
    "either": {"登录": "登陆"},
    "message": {"zh": "此处作“{a}”，全文多作“{b}”", "en": "“{a}” here, “{b}” elsewhere"},
    "examples": [
        {"bad": "请先登录系统。登陆后修改密码。再次登录时使用新密码。"},
        {"good": "请先登录系统。登录后修改密码。"},
        {"good": "请先登陆系统。登陆后修改密码。"},
    ],
}


def _lint(text: str, *tables: dict[str, Any]) -> list[Any]:
    return lint_string(text, config={"select": ["U"], "style": list(tables)})


def test_minority_form_points_at_the_majority() -> None:
    text = "请先登录系统。\n\n登陆后修改密码。\n\n再次登录时使用新密码。\n"
    (found,) = _lint(text, LOGIN)
    assert (found.code, found.message.zh) == ("U201", "此处作“登陆”，全文多作“登录”")
    assert text[found.span.start : found.span.end] == "登陆"
    assert found.position[:2] == (3, 1)
    (rel,) = found.related
    assert text[rel.span.start : rel.span.end] == "登录" and rel.span.start == 2
    assert rel.note.zh == "“登录”首次出现"
    assert found.fix is not None and not found.fix.safe  # default fix = "unsafe"


def test_either_form_alone_is_fine_and_a_tie_keeps_the_first() -> None:
    assert _lint("请先登录系统。登录后修改密码。", LOGIN) == []
    assert _lint("请先登陆系统。登陆后修改密码。", LOGIN) == []
    # one each: the form used first is the document's; the later one is reported
    (found,) = _lint("请先登陆系统。登录后修改密码。", LOGIN)
    assert found.args["a"] == "登录" and found.args["b"] == "登陆"


def test_pairs_are_independent_and_safe_fix_unifies() -> None:
    table = {
        **LOGIN,
        "either": {"登录": "登陆", "帐号": "账号"},
        "fix": "safe",
        "examples": {
            "bad": "登录账号，登陆帐号，再登录账号",
            "good": "登录账号，登录账号，再登录账号",
        },
    }
    text = "用账号登录。\n\n账号须实名。\n\n帐号登录后即可使用。\n"
    found = _lint(text, table)
    assert [d.args["a"] for d in found] == ["帐号"]  # 登录 is never mixed
    fix = found[0].fix
    assert fix is not None and fix.safe
    (edit,) = fix.edits
    assert text[: edit.start] + edit.text + text[edit.end :] == text.replace("帐", "账")


def test_default_message_and_summary() -> None:
    table = {k: v for k, v in LOGIN.items() if k != "message"}
    (rule,) = rules_from_config([table], "cfg.toml")
    assert rule.summary.zh == "同一文件只用一种写法：“登录”/“登陆”"
    (found,) = _lint("登录。登录。登陆。", table)
    assert found.message.zh == "同一文件中“登陆”与“登录”混用，应统一"
    assert found.help is not None and found.help.zh == "统一为“登录”"


@pytest.mark.parametrize(
    ("change", "key", "what"),
    [
        ({"either": {}}, "style[0].either", "non-empty"),
        ({"either": {"登录": "登录"}}, "style[0].either.登录", "another text"),
        ({"either": {"登录": "登陆", "登陆": "登入"}}, "style[0].either.登陆", "two pairs"),
        ({"regex": True}, "style[0].regex", "literal"),
        ({"swap": {"a": "b"}}, "style[0].swap", "unknown key"),
        ({"message": "写{good}"}, "style[0].message", "{a} and {b}"),
        ({"examples": {"bad": "请先登录系统。"}}, "style[0].examples.bad", "not matched"),
        (
            {"examples": {"bad": "登录。登陆。", "good": "登录。登陆。"}},
            "style[0].examples.good",
            "",
        ),
    ],
)
def test_bad_tables_name_file_and_key(change: dict[str, Any], key: str, what: str) -> None:
    with pytest.raises(ConfigError) as err:
        rules_from_config([{**LOGIN, **change}], "/proj/wenlint.toml")
    msg = str(err.value)
    assert msg.startswith("/proj/wenlint.toml: ") and f"'{key}'" in msg and what in msg, msg


def test_listed_explained_selected_and_suppressed(tmp_path: Path) -> None:
    (tmp_path / "wenlint.toml").write_text(
        '[[style]]\ncode = "U201"\nname = "mixed-login-term"\nkind = "consistency"\n'
        'either = { "登录" = "登陆" }\n'
        'examples = { bad = "登录。登录。登陆。", good = "登录。登录。" }\n',
        "utf-8",
    )
    doc = tmp_path / "a.txt"
    doc.write_text("请先登录系统。\n\n登录后修改密码。\n\n登陆即可。\n", "utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the config of the working directory
    try:
        out = run_cli("rules").stdout
        assert "U201" in out and "mixed-login-term" in out
        assert "登录" in run_cli("explain", "U201").stdout
        res = run_cli("check", "--select", "U201", "--format", "json", "a.txt")
        (d,) = json.loads(res.stdout)["diagnostics"]
        assert d["code"] == "U201" and d["related"], res
        doc.write_text(
            "请先登录系统。\n\n登录后修改密码。\n\n"
            "<!-- wenlint-disable-next-line U201 -->\n登陆即可。\n",
            "utf-8",
        )
        res = run_cli("check", "--select", "U201", "a.txt")
        assert res.code == 0, res
    finally:
        os.chdir(cwd)
