"""W203 suspicious-name: a garbled name before a title; real names, organisations, positions,
places and foreign names pass."""

from __future__ import annotations

import pytest

from wenlint.rules.words import _data
from wenlint.testing import lint_string


def test_surname_list() -> None:
    single, compound = _data.surnames()
    assert len(single) >= 400 and len(compound) >= 50
    assert {"张", "王", "李", "吴", "卫", "肖", "闫"} <= single and "委" not in single
    assert {"欧阳", "司马", "诸葛"} <= compound


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市委对政协工作高度重视，委四清书记亲自出题目。", "委四清"),
        ("委四清书记批示，要求相关部门认真研究吸纳。", "委四清"),
        ("会议由市政协主持，卉晓明主席出席会议。", "卉晓明"),
        ("会上，朔四清市长作了讲话。", "朔四清"),
        ("市政协主席 卉晓明", "卉晓明"),
    ],
)
def test_garbled_name_is_found(text: str, name: str) -> None:
    (d,) = lint_string(text, ["W203"])
    assert d.args["name"] == name
    assert d.message.zh == f"“{name}”不像人名：“{name[0]}”不是常见姓氏"
    assert d.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "吴秀玲市长批示，要认真研究，推进落实。",
        "市政协主席 张立新",
        "母亲李存兰不慎将孩子的《出生医学证明》丢失。",
        "市委书记、党组书记、第一书记、支部书记参加会议。",
        "习近平总书记作出重要指示。",
        "副市长、常务副市长出席会议。",
        "负责同志、各位同志、有关同志和全体同志参加。",
        "朔州市长，平鲁区长。",
        "欧阳明书记、司马青主任到会指导。",
        "党支部书记、党总支书记和村委会主任座谈。",
        "组织部长、宣传部长、公安局长出席。",
        "阿巴斯主席会见了代表团。",
        "请与秘书长联系，请向主任报告。",
        "这位同志，该同志，老同志。",
        "院长、校长、董事长、总经理分别发言。",
    ],
)
def test_real_names_and_positions_pass(text: str) -> None:
    assert lint_string(text, ["W203"]) == []


def test_option_and_allow_list() -> None:
    text = "，卉晓明主席出席会议。"
    assert lint_string(text, ["W203"], options={"suspicious-name": {"surnames": ["卉"]}}) == []
    assert lint_string(text, ["W203"], config={"dictionary": {"allow": ["卉晓明"]}}) == []
