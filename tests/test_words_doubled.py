"""W201 doubled-word: slips are found, ordinary reduplication and adjacent identical characters are
not."""

from __future__ import annotations

import pytest

from lint.testing import fix_string, lint_string

# Each must stay quiet, alone and inside a sentence of formal prose.
LEGITIMATE = [
    # single characters doubled (AA) and AABB / ABAC forms
    "看看",
    "常常",
    "人人",
    "天天",
    "清清楚楚",
    "大大小小",
    "同心同德",
    "谈心谈话",
    "做实做细",
    "的的确确",
    "一一对应",
    "把把握",
    "明明白白",
    "认认真真",
    "踏踏实实",
    "干干净净",
    "整整齐齐",
    "高高兴兴",
    "平平安安",
    "实实在在",
    "方方面面",
    "家家户户",
    "时时处处",
    "子子孙孙",
    "祖祖辈辈",
    "上上下下",
    "里里外外",
    "来来往往",
    "进进出出",
    "许许多多",
    "星星点点",
    "分分秒秒",
    "年年岁岁",
    "一心一意",
    "一点一滴",
    "一丝一毫",
    "一言一行",
    "一草一木",
    "同谋划、同部署",
    "对标对表",
    "大团结大联合",
    "建言建在需要时",
    "议政议到点子上",
    "监督监在关键处",
    "新优势新动能新形象",
    "职责责任",
    "党建建地",
    "会会长",
    "组织部部长",
    "检察院院长",
    "理事会会长",
    "村村通",
    "个个",
    "层层",
    "步步",
    "事事",
    "处处",
    "节节",
    "年年",
    "家家",
    "时时",
    "刚刚",
    "渐渐",
    "慢慢",
    "好好",
    "轻轻",
    "偷偷",
    "悄悄",
    "匆匆",
    "默默",
    "往往",
    "仅仅",
    "统统",
    "稍稍",
    # tentative verbs, state adjectives, emphatic adverbs, onomatopoeia, quantities (ABAB)
    "研究研究",
    "讨论讨论",
    "商量商量",
    "考虑考虑",
    "学习学习",
    "休息休息",
    "打听打听",
    "收拾收拾",
    "整理整理",
    "活动活动",
    "介绍介绍",
    "琢磨琢磨",
    "锻炼锻炼",
    "了解了解",
    "交流交流",
    "沟通沟通",
    "思考思考",
    "总结总结",
    "梳理梳理",
    "分析分析",
    "雪白雪白",
    "通红通红",
    "冰凉冰凉",
    "笔直笔直",
    "崭新崭新",
    "非常非常",
    "特别特别",
    "千万千万",
    "很多很多",
    "许多许多",
    "哗啦哗啦",
    "轰隆轰隆",
    "咕噜咕噜",
    "叮当叮当",
    "哈哈哈哈",
    "一步一步",
    "一天一天",
    "一点一点",
    "一个一个",
    "一批一批",
    "一年一年",
    "二〇二〇年",
    "再见再见",
    "谢谢谢谢",
    "彼此彼此",
    "大片大片",
    # tentative context and a longer word across the pair
    "请大家再完善完善方案",
    "这个问题要好好想想",
    "公共卫生卫生间改造",
    "运动员动员大会",
]


def test_at_least_a_hundred_legitimate_cases() -> None:
    assert len(LEGITIMATE) >= 100


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_doubling_is_quiet(text: str) -> None:
    for sentence in (text, f"会议强调，{text}是一项长期任务。"):
        assert lint_string(sentence, ["W201"]) == [], sentence


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("加强基层医疗卫生卫生人才队伍建设", "卫生"),
        ("大力支持派驻纪检纪检监察组工作", "纪检"),
        ("推动经济经济高质量发展", "经济"),
        ("全面推进乡村振兴乡村振兴战略", "乡村振兴"),
        ("会议听取了政协委员政协委员的意见", "政协委员"),
        ("坚持以人民人民为中心的发展思想", "人民"),
    ],
)
def test_doubled_word_is_found(text: str, word: str) -> None:
    (d,) = lint_string(text, ["W201"])
    assert d.message.zh == f"词语“{word}”重复"
    assert d.help is not None and d.help.zh == f"删去重复的“{word}”"
    assert d.span.end - d.span.start == 2 * len(word)
    assert fix_string(text, ["W201"]) == text.replace(word * 2, word, 1)


def test_fix_is_unsafe_at_a_clause_edge() -> None:
    (d,) = lint_string("座谈会上，群众群众纷纷发言。", ["W201"])
    assert d.fix is not None and not d.fix.safe
    assert fix_string("座谈会上，群众群众纷纷发言。", ["W201"]) == "座谈会上，群众群众纷纷发言。"


def test_allow_option_and_dictionary_allow() -> None:
    text = "推动经济经济高质量发展"
    assert lint_string(text, ["W201"], options={"doubled-word": {"allow": ["经济"]}}) == []
    assert lint_string(text, ["W201"], config={"dictionary": {"allow": ["经济"]}}) == []


def test_seed_paragraphs() -> None:
    seed = (
        "坚持从严治政协，大力支持派驻纪检纪检监察组工作，驰而不息正风肃纪。"
        "常委会始终把把握新时代人民政协的新方位新使命，将党建工作与业务工作同谋划、同部署。"
    )
    assert [d.message.zh for d in lint_string(seed, ["W201"])] == ["词语“纪检”重复"]
