"""W202 misspelling: the dictionary (size, sources, integrity), boundary-aware matching, exception
contexts, and the config's [dictionary] merged into the one automaton."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.rules.consistency._data import variant_groups
from wenlint.rules.words import _data
from wenlint.rules.words.misspelling import _matcher
from wenlint.testing import fix_string, lint_string

SOURCES = (Path(_data.DATA) / "SOURCES.md").read_text("utf-8")
ENTRIES = _data.misspellings()


def test_dictionary_size_and_sources() -> None:
    assert len(ENTRIES) >= 500
    assert len({e.wrong for e in ENTRIES}) == len(ENTRIES), "duplicate wrong forms"
    for e in ENTRIES:
        assert e.wrong != e.right
        assert f"`{e.source}`" in SOURCES, f"{e.wrong}: source {e.source} not in SOURCES.md"
        assert all(c.partition("…")[0].find(e.wrong) >= 0 for c in e.exceptions), e


def test_a_variant_form_is_k801s_not_a_misspelling() -> None:
    # a word is reported by one rule: GF 1001-2001's non-recommended forms (图象, 百废具兴) are
    # K801's, with the table as the source, and W202 leaves them to it
    variants = {v for g in variant_groups() for v in g.variants}
    assert {e.wrong for e in ENTRIES} & variants == set()
    both = "会议播放了影象资料。他们的工作百废具兴。"
    assert [d.code for d in lint_string(both, ["W202", "K801"])] == ["K801", "K801"]


def test_every_entry_fires_alone_and_its_correction_is_clean() -> None:
    missed, wrong_fix, fires_on_right = [], [], []
    for e in ENTRIES:
        found = [d for d in lint_string(f"“{e.wrong}”。", ["W202"])]
        if not found:
            missed.append(e.wrong)
        elif found[0].fix is None or found[0].fix.edits[0].text != e.right:
            wrong_fix.append(e.wrong)
        if lint_string(f"“{e.right}”。", ["W202"]):
            fires_on_right.append(e.right)
    assert not missed and not wrong_fix and not fires_on_right, (missed, wrong_fix, fires_on_right)


@pytest.mark.parametrize(
    "text",
    [
        "既使用传统媒体，也使用新媒体。",
        "除了望着窗外，他什么也没做。",
        "这项措施既使企业受益，又使群众得利。",
        "他激动得不能自已，久久难以自已。",
        "他站起来望了望四周。",
        "考察团前往堪察加半岛。",
        "按装修标准验收，按排放标准监管。",
        "要保护好象群栖息地，图象征着团结。",
        "这是自己经手的事情，为了望远镜的事他跑了三趟。",
        "治理成效显著，资讯期刊按时出版。",
        "驰而不息正风肃纪，笃行不怠。",
        "接待兄弟省市政协调研组，分别就“煤矸石综合利用”等课题考察。",
    ],
)
def test_no_hit_inside_correct_words(text: str) -> None:
    assert lint_string(text, ["W202"]) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right", "safe"),
    [
        ("分别就“文旅融合”“煤研石综合利用”等课题考察", "煤研石", "煤矸石", True),
        ("各项工作按步就班推进", "按步就班", "按部就班", True),
        ("既使困难再大，也要抓好落实", "既使", "即使", False),
        ("检查了望塔的安全设施", "了望", "瞭望", False),
        ("全体干部要再接再励", "再接再励", "再接再厉", True),
        ("请核对单位帐户信息", "帐户", "账户", False),
        ("这件事情他自已负责", "自已", "自己", False),
    ],
)
def test_misspelling_is_found(text: str, wrong: str, right: str, safe: bool) -> None:
    (d,) = lint_string(text, ["W202"])
    assert d.message.zh == f"“{wrong}”应为“{right}”"
    assert d.fix is not None and d.fix.safe is safe
    expected = text.replace(wrong, right) if safe else text
    assert fix_string(text, ["W202"]) == expected


def test_config_dictionary_extends_and_allows() -> None:
    cfg = {"dictionary": {"misspellings": {"发改局": "发展和改革局"}, "allow": ["针贬时弊"]}}
    found = lint_string("市发改局对此针贬时弊，又再接再励。", ["W202"], config=cfg)
    assert [(d.args["wrong"], d.args["right"]) for d in found] == [
        ("发改局", "发展和改革局"),
        ("再接再励", "再接再厉"),
    ]
    # a user entry may also correct a built-in one
    cfg = {"dictionary": {"misspellings": {"再接再励": "再接再厉（用户）"}}}
    (d,) = lint_string("要再接再励。", ["W202"], config=cfg)
    assert d.args["right"] == "再接再厉（用户）"


def test_builtin_option_off_leaves_only_config_entries() -> None:
    cfg = {"dictionary": {"misspellings": {"发改局": "发展和改革局"}}}
    opts = {"misspelling": {"builtin": False}}
    found = lint_string("市发改局要再接再励。", ["W202"], options=opts, config=cfg)
    assert [d.args["wrong"] for d in found] == ["发改局"]


def test_one_automaton_per_distinct_dictionary() -> None:
    _matcher.cache_clear()
    for _ in range(3):
        lint_string("要再接再励。", ["W202"])
        lint_string("要再接再励。", ["W202"], config={"dictionary": {"allow": ["再接再励"]}})
    info = _matcher.cache_info()
    assert info.misses == 2 and info.hits >= 4
