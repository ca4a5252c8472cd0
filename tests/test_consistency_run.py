"""consistency = "run": the consistency rules that compare two ways of writing one thing (K802's
names, K805's glossaries) compare across all files of a run, in run order, pointing into the
earlier file; the same with worker processes; a bad value is one clear config error."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wenlint.config import ConfigError, parse_config, rule_settings
from wenlint.testing import registry, run_cli

GLOSSARY = """
[[style]]
code = "U201"
name = "mixed-login-term"
kind = "consistency"
either = { "登录" = "登陆" }
examples = { bad = "请先登录系统。登陆后修改密码。" }
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def _config(workdir: Path, scope: str | None, select: str) -> None:
    head = f'consistency = "{scope}"\n' if scope else ""
    (workdir / "wenlint.toml").write_text(
        f'{head}select = ["{select}"]\n{GLOSSARY}', encoding="utf-8"
    )


def _json(*args: str) -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)["diagnostics"]


def _write(workdir: Path, name: str, *paras: str) -> None:
    (workdir / name).write_text("\n\n".join(paras) + "\n", encoding="utf-8")


def test_glossary_form_compared_across_the_run(workdir: Path) -> None:
    _write(workdir, "a.txt", "请先登录系统。", "再次登录时使用新密码。")
    _write(workdir, "b.txt", "登陆后修改密码。")
    _config(workdir, None, "U201")
    assert _json("a.txt", "b.txt") == []  # each file uses one form
    _config(workdir, "run", "U201")
    for jobs in ("1", "2"):
        [d] = _json("--jobs", jobs, "a.txt", "b.txt")
        assert (d["path"], d["line"], d["column"], d["code"]) == ("b.txt", 1, 1, "U201")
        [rel] = d["related"]
        assert (rel["path"], rel["line"], rel["column"]) == ("a.txt", 1, 3)
        assert d["message"] == "本次检查的文件中“登陆”与“登录”混用，应统一"
        assert d["fix"]["applicability"] == "unsafe"  # --fix applies one file's findings only


def test_run_majority_decides_against_the_file_own(workdir: Path) -> None:
    # a.txt: 登录 x3; b.txt: 登陆 x2 and 登录 x1. Within b.txt 登录 would be the minority; over
    # the run 登陆 is (2 against 4), so b.txt's two 登陆 are reported.
    _write(workdir, "a.txt", "请先登录系统。", "登录后修改密码。", "再次登录时使用新密码。")
    _write(workdir, "b.txt", "登陆后修改密码。", "登陆失败时重试。", "退出后重新登录。")
    _config(workdir, "run", "U201")
    found = [(d["path"], d["line"]) for d in _json("a.txt", "b.txt")]
    assert found == [("b.txt", 1), ("b.txt", 3)]
    _config(workdir, "document", "U201")
    assert [(d["path"], d["line"]) for d in _json("a.txt", "b.txt")] == [("b.txt", 5)]


def test_name_spelling_across_the_run(workdir: Path) -> None:
    _write(workdir, "a.txt", "市政协副主席吴秀玲出席会议。", "会议由副主席吴秀玲主持。")
    _write(workdir, "b.txt", "副主席吴秀林同志作总结讲话。")
    _config(workdir, None, "K802")
    assert _json("a.txt", "b.txt") == []
    _config(workdir, "run", "K802")
    for jobs in ("1", "2"):
        [d] = _json("--jobs", jobs, "a.txt", "b.txt")
        assert (d["path"], d["line"], d["column"]) == ("b.txt", 1, 4)
        assert (
            d["message"]
            == "“副主席吴秀林”与 a.txt 第 1 行的“副主席吴秀玲”只差一个字，疑为同一人，核对姓名"
        )
        assert d["related"][0]["path"] == "a.txt"


def test_within_a_file_run_mode_finds_what_document_mode_finds(workdir: Path) -> None:
    text = ("副主席吴秀玲主持会议。", "副主席吴秀林同志讲话。", "副主席吴秀玲指出，要抓落实。")
    _write(workdir, "a.txt", *text)
    for scope in ("document", "run"):
        _config(workdir, scope, "K802")
        assert [(d["line"], d["column"]) for d in _json("a.txt")] == [(3, 4)]


def test_the_option_is_checked() -> None:
    with pytest.raises(ConfigError, match='\'consistency\' must be "document" or "run"'):
        parse_config({"consistency": "project"}, None)
    cfg = parse_config({"consistency": "run"}, None)
    settings = rule_settings(cfg, registry())
    k802: Any = settings["K802"][1]  # the rule's own Options subclass
    assert k802.consistency == "run"
    assert "W201" not in settings  # a rule without the option is left alone
    own = parse_config({"consistency": "run", "rules": {"K802": {"consistency": "document"}}}, None)
    own_k802: Any = rule_settings(own, registry())["K802"][1]
    assert own_k802.consistency == "document"
    bad = parse_config({"rules": {"K802": {"consistency": "all"}}}, None)
    with pytest.raises(ConfigError, match=r"rules\.K802\.consistency"):
        rule_settings(bad, registry())


def test_bad_value_in_a_config_file_is_one_line(workdir: Path) -> None:
    (workdir / "wenlint.toml").write_text('consistency = "project"\n', encoding="utf-8")
    _write(workdir, "a.txt", "请先登录系统。")
    code, _, err = run_cli("check", "a.txt")
    assert code == 2 and "consistency" in err and "Traceback" not in err
