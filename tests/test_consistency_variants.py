"""K801 variant-form: the GF 1001-2001 table as data, word boundaries, the pointer to the
recommended form in every output format, config groups, and recall on real sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wenlint.config import ConfigError
from wenlint.rules.consistency import _data
from wenlint.testing import lint_string, run_cli

TESTS = Path(__file__).parent
CLEAN = sorted((TESTS / "corpus").glob("*.txt")) + sorted(
    (TESTS / "official_corpus" / "official").glob("*.txt")
)
HAN = re.compile(r"^[\u3400-\u9fff]+(儿)?$")


def _k801(text: str, **options: object) -> list:
    return lint_string(text, ["K801"], options={"K801": options} if options else None)


def test_table_is_the_standard_shape() -> None:
    groups = _data.variant_groups()
    assert len(groups) == 338  # GF 1001-2001 has 338 groups (see data/SOURCES.md)
    forms = [f for g in groups for f in (g.good, *g.variants)]
    assert len(forms) == len(set(forms)), "a form in two groups"
    assert all(HAN.match(f) for f in forms)
    goods = {g.good for g in groups}
    assert not goods & {v for g in groups for v in g.variants}, "a recommended form is a variant"
    assert [g.good for g in groups][:3] == ["按捺", "按语", "百废俱兴"]
    assert {g.good for g in groups if not g.matched} >= {"标志", "分子", "原来"}


def test_reports_variant_with_recommended_fix() -> None:
    (d,) = _k801("各地要把人材培养放在首位。")
    assert d.message.zh == "“人材”是异形词的非推荐词形，推荐写作“人才”"
    assert d.fix is not None and d.fix.safe and d.fix.edits[0].text == "人才"
    (d,) = _k801("突出书法笔划等基础内容。")
    assert d.fix is not None and not d.fix.safe  # 笔画/笔划: the table notes a split of senses


def test_mixed_forms_point_at_the_recommended_one() -> None:
    text = "人才是第一资源。\n\n要把人材培养放在首位。\n"
    (d,) = _k801(text)
    assert d.message.zh.startswith("“人材”与第 1 行的“人才”是同一个词的两种写法")
    (rel,) = d.related
    assert text[rel.span.start : rel.span.end] == "人才" and rel.span.start == 0


@pytest.mark.parametrize(
    "text",
    [
        "制定单位应当及时公开。",  # 制定|单位, not 定单
        "希有关部门认真执行。",  # 希|有关
        "按纳税人类别分类指导。",  # 按|纳税
        "推动产业向高质量发展转型。",  # 发展|转型
        "增加政府绿色采购。",  # 绿色|采购
        "完成220千伏输电线路巡检。",  # 千伏|输电
        "收集个人材料。",  # 个人|材料
        "依照《关于规范定单管理的通知》执行。",  # a title is quoted as it is
        "设置显著的提示标识，落实去标识化措施。",  # 标识: a legal term, not matched
        "凑份子的风气要刹住。",  # 份子: not matched
        "投资5000元来自财政。",  # 元来: not matched
    ],
)
def test_near_misses_are_quiet(text: str) -> None:
    assert _k801(text) == []


def test_config_adds_and_removes_groups() -> None:
    assert [d.args["good"] for d in _k801("请先登陆系统。", groups=["登录 登陆"])] == ["登录"]
    assert _k801("各地要把人材培养放在首位。", groups=["!人才 人材"]) == []
    (d,) = _k801("请输入帐号。", groups=["账号 帐号 ~"])
    assert d.fix is not None and not d.fix.safe
    with pytest.raises(ConfigError, match=r"rules\.variant-form"):
        lint_string("x", config={"rules": {"variant-form": {"groups": ["人才"]}}})


def test_every_output_shows_the_pointer(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("人才是第一资源。\n\n要把人材培养放在首位。\n", "utf-8")
    args = ["check", "--no-config", "--select", "K801", "--color", "never"]
    text = run_cli(*args, str(doc)).stdout
    assert "推荐词形首次出现：" in text and "a.txt:1:1" in text
    (d,) = json.loads(run_cli(*args, "--format", "json", str(doc)).stdout)["diagnostics"]
    assert (d["related"][0]["line"], d["related"][0]["column"]) == (1, 1)
    sarif = json.loads(run_cli(*args, "--format", "sarif", str(doc)).stdout)
    (res,) = sarif["runs"][0]["results"]
    region = res["relatedLocations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 1)
    html = run_cli(*args, "--format", "html", str(doc)).stdout
    assert "推荐词形首次出现" in html or "the recommended form, first used" in html


def test_quiet_on_the_clean_corpora() -> None:
    found = []
    for path in CLEAN:
        found += [(path.name, d.position[0]) for d in _k801(path.read_text("utf-8"))]
    assert found == []


def test_recall_on_real_sentences() -> None:
    """Each recommended form where it stands in the clean corpora, written as its variant: the
    variant is found at that place (boundaries are the corpus's own, not made up)."""
    groups = [g for g in _data.variant_groups() if g.matched]
    tried = found = 0
    for path in CLEAN:
        text = path.read_text("utf-8")
        for g in groups:
            at = text.find(g.good)
            if at < 0:
                continue
            for v in g.variants:
                changed = text[:at] + v + text[at + len(g.good) :]
                para = changed.rfind("\n", 0, at) + 1, changed.find("\n", at)
                chunk = changed[para[0] : para[1] if para[1] > 0 else None]
                tried += 1
                hits = _k801(chunk)
                found += any(d.args["found"] == v for d in hits)
    assert tried > 150
    assert found / tried >= 0.9, (found, tried)


def _found(text: str) -> list[str]:
    return [d.args["found"] for d in lint_string(text, ["K801"])]


def test_an_attributed_quotation_is_reproduced_as_written() -> None:
    # a classical text quoted after its title, or after a cue of quoting (曰, 云, 有言)
    assert _found("正如范仲淹《岳阳楼记》所写：“越明年，政通人和，百废具兴。”") == []
    assert _found("范仲淹《岳阳楼记》“政通人和，百废具兴”的景象，今天已成现实。") == []
    assert _found("古人云：“政通人和，百废具兴。”今天我们更要奋发有为。") == []
    assert _found("诸葛亮《诫子书》有言：“非澹泊无以明志，非宁静无以致远。”") == []


def test_the_same_words_in_ones_own_prose_are_reported() -> None:
    assert _found("经过三年努力，全市各项事业百废具兴。") == ["百废具兴"]
    # quotation marks of one's own, with no work nor speaker named, quote nobody
    assert _found("全市呈现“百废具兴”的良好局面。") == ["百废具兴"]
    assert _found("他说：“要做到百废具兴。”") == ["百废具兴"]
    # the quotation closed before the variant: the variant is the writer's own again
    assert _found("《岳阳楼记》“政通人和”，今天全市百废具兴。") == ["百废具兴"]
