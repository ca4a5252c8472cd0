"""A third-party rule package is listed, selected, suppressed, explained and fixed like a built-in;
registration errors name the offending package. The plugin is a fake dist-info on sys.path."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from wenlint.io import InputError, read_file, write_atomic
from wenlint.registry import RegistryError, load_registry
from wenlint.testing import run_cli

PLUGIN = """
from wenlint.diagnostic import Fix
from wenlint.rule import Example, FixAvailability, Rule, Severity, T


class DoubledDe(Rule):
    code = "{code}"
    name = "{name}"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    summary = T(zh="“的的”多了一个“的”", en="a doubled 的")
    rationale = T(zh="演示插件", en="a demo plugin")
    fix_safety = T(zh="删去一个“的”", en="deletes one 的")
    examples = (Example(bad="我的的书", good="我的书"),)
    messages = {{"m": T(zh="多余的“的”", en="extra 的"), "h": T(zh="删去", en="delete it")}}

    def check(self, doc, ctx):
        for b in doc.blocks:
            i = b.text.find("的的")
            while i != -1:
                ctx.report(b.span(i, i + 2), "m", help="h", fix=Fix.delete(b.span(i + 1, i + 2)))
                i = b.text.find("的的", i + 2)


RULES = (DoubledDe,)
"""


def install_plugin(root: Path, dist: str, module: str, prefix: str, code: str, name: str) -> None:
    (root / f"{module}.py").write_text(PLUGIN.format(code=code, name=name), "utf-8")
    info = root / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", "utf-8")
    (info / "entry_points.txt").write_text(f"[wenlint.rules]\n{prefix} = {module}:RULES\n", "utf-8")


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site, "wenlint-demo", "wenlint_demo", "GW", "GW101", "doubled-de")
    monkeypatch.syspath_prepend(str(site))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield work
    sys.modules.pop("wenlint_demo", None)


run = run_cli


def test_plugin_rule_is_listed_and_explained(plugin: Path) -> None:
    assert "GW101  doubled-de" in run("rules")[1]
    code, out, _ = run("explain", "gw101")
    assert code == 0 and "# doubled-de (GW101)" in out


def test_plugin_rule_selected_by_prefix_and_name(plugin: Path) -> None:
    (plugin / "a.txt").write_text("这是我的的书。\n", "utf-8")
    for sel in ("GW", "GW101", "doubled-de"):
        code, out, _ = run("check", "--select", sel, "a.txt")
        assert code == 1 and "a.txt:1:4: GW101 doubled-de 多余的“的”" in out
    assert run("check", "--select", "GW", "--ignore", "doubled-de", "a.txt")[0] == 0


def test_plugin_rule_suppressed_inline(plugin: Path) -> None:
    text = "<!-- wenlint-disable-next-line GW101 -->\n这是我的的书。\n其次是他的的书。\n"
    (plugin / "a.txt").write_text(text, "utf-8")
    code, out, _ = run("check", "--select", "GW", "a.txt")
    assert code == 1 and "a.txt:3:" in out and "a.txt:2:" not in out
    text = (
        "<!-- wenlint-disable doubled-de -->\n我的的书。\n"
        "<!-- wenlint-enable doubled-de -->\n他的的书。\n"
    )
    (plugin / "a.txt").write_text(text, "utf-8")
    out = run("check", "--select", "GW", "a.txt")[1]
    assert "a.txt:4:" in out and "a.txt:2:" not in out


def test_unknown_code_in_comment_is_reported(plugin: Path) -> None:
    (plugin / "a.txt").write_text("<!-- wenlint-disable-next-line ZZ999 -->\n正文。\n", "utf-8")
    code, out, _ = run("check", "a.txt")
    assert code == 1 and "E002" in out and "ZZ999" in out


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", b"\xef\xbb\xbf", "\r\n"),
        ("gb18030", b"", "\r\n"),
        ("utf-16-le", b"\xff\xfe", "\r"),
    ],
)
def test_fix_keeps_encoding_bom_newlines_and_reaches_fixed_point(
    plugin: Path, encoding: str, bom: bytes, newline: str
) -> None:
    text = newline.join(["第一行我的的书。", "", "第二行他的的的笔。", ""])
    (plugin / "a.txt").write_bytes(bom + text.encode(encoding))
    code, out, _ = run("check", "--select", "GW", "--fix", "a.txt")
    assert code == 0, out
    assert "已修复 3 处" in out
    expected = newline.join(["第一行我的书。", "", "第二行他的笔。", ""])
    assert (plugin / "a.txt").read_bytes() == bom + expected.encode(encoding)
    before = (plugin / "a.txt").read_bytes()
    run("check", "--select", "GW", "--fix", "a.txt")
    assert (plugin / "a.txt").read_bytes() == before


def test_diff_prints_and_writes_nothing(plugin: Path) -> None:
    (plugin / "a.txt").write_text("我的的书。\n", "utf-8")
    code, out, _ = run("check", "--select", "GW", "--diff", "a.txt")
    assert code == 1
    assert "-我的的书。" in out and "+我的书。" in out and out.startswith("--- a/a.txt")
    assert (plugin / "a.txt").read_text("utf-8") == "我的的书。\n"


def test_file_changed_since_read_is_not_written(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("原文。\n", "utf-8")
    decoded = read_file(p)
    p.write_text("别人刚改过。\n", "utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(p, "修复后。\n", decoded.source, decoded.raw)
    assert p.read_text("utf-8") == "别人刚改过。\n"
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]


def test_clash_names_both_distributions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugin(tmp_path, "pkg-one", "mod_one", "GW", "GW101", "doubled-de")
    install_plugin(tmp_path, "pkg-two", "mod_two", "GX", "GX101", "doubled-de")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RegistryError, match=r"pkg-one.*pkg-two|pkg-two.*pkg-one"):
        load_registry()


@pytest.mark.parametrize(
    ("prefix", "code", "name", "message"),
    [
        ("GW", "GW1", "demo", "not a letter prefix"),
        ("GW", "GX101", "demo", "does not start with its entry point"),
        ("W", "W901", "demo", "reserved"),
        ("GW", "GW101", "No_Good", "kebab-case"),
    ],
)
def test_invalid_plugins_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str, code: str, name: str, message: str
) -> None:
    module = f"bad_mod_{code}_{name.replace('-', '_')}"
    install_plugin(tmp_path, "bad-plugin", module, prefix, code, name)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RegistryError, match=message):
        load_registry()
    sys.modules.pop(module, None)
    result = run_cli("rules")
    assert result.code == 2 and message in result.stderr


def test_rules_fixture_text_is_dedented() -> None:
    # guard for the plugin source above: it must be valid Python as written
    compile(textwrap.dedent(PLUGIN.format(code="GW101", name="x")), "plugin", "exec")
