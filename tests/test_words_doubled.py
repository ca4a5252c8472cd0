"""W201 doubled-word: slips are found, ordinary reduplication and adjacent identical characters are
not."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from wenlint.testing import fix_string, lint_string

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
    "运动员动员大会",
    # forms of reduplication that are not ABAB, numbers and dates, enumerations of reduplications
    "看一看",
    "说一说",
    "是不是",
    "一个一个地解决",
    "2024年2024个项目",
    "大家商量商量、研究研究再定",
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
        # the second copy begins a longer word (城镇化, 消费者, 卫生院, 卫生间)
        ("推进城镇城镇化建设", "城镇"),
        ("保护消费消费者合法权益", "消费"),
        ("加强基层医疗卫生卫生院建设", "卫生"),
        ("推进公共卫生卫生间改造", "卫生"),
        # a doubled word of three characters; a word that is also an ordinary business term
        ("推动高质量高质量发展", "高质量"),
        ("督促公司公司完善治理", "公司"),
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


# A rule that calls itself 本规定, as a ministry rule does (rule-household-car-warranty-2021.txt).
_RULE = (
    "第一条 为了保护家用汽车产品消费者的合法权益，制定本规定。\n\n"
    "第二条 在中华人民共和国境内销售家用汽车产品，适用本规定。\n\n"
    "第三条 本规定所称家用汽车产品，是指消费者为生活消费需要而购买和使用的乘用车。\n\n"
    "第四条 生产者应当依照本规定承担三包责任。\n\n"
)


def test_the_documents_own_term_is_two_words() -> None:
    sentence = "家用汽车产品符合本规定规定的更换条件的，销售者应当负责更换。"
    # alone, 本规定规定 reads as 规定 written twice; in the rule that calls itself 本规定, it is
    # 本规定 (the rule) and 规定 (stipulates)
    assert [d.message.zh for d in lint_string(sentence, ["W201"])] == ["词语“规定”重复"]
    assert lint_string(_RULE + sentence, ["W201"]) == []


def test_a_frequent_term_does_not_hide_its_doubling() -> None:
    # 医疗卫生 is the document's term, and exactly what a slip doubles
    doc = "完善医疗卫生服务体系。\n\n深化医疗卫生体制改革。\n\n加强基层医疗卫生卫生人才队伍建设。"
    assert [d.message.zh for d in lint_string(doc, ["W201"])] == ["词语“卫生”重复"]
    # 的 comes before 部门 often, but is no part of it: 的 mostly stands before other words
    law = (
        "处理个人信息应当遵循合法、正当、必要和诚信的原则，采取对个人权益影响最小的方式。\n\n"
        "履行个人信息保护职责的部门依法履行职责。\n\n"
        "履行个人信息保护职责的部门有权进行调查。\n\n"
        "由履行个人信息保护职责的部门部门责令改正，没收违法所得。"
    )
    assert [d.message.zh for d in lint_string(law, ["W201"])] == ["词语“部门”重复"]


@pytest.mark.parametrize(
    ("text", "word"),
    [("根据教育教育、医疗、住房等支出", "教育"), ("支持科学研究研究、技术开发等活动", "研究")],
)
def test_a_reduplicable_word_listed_among_nouns(text: str, word: str) -> None:
    # 教育教育 could be a verb tried out (教育教育他); an item of a list of nouns it is not
    (d,) = lint_string(text, ["W201"])
    assert d.message.zh == f"词语“{word}”重复"
    assert d.fix is not None and not d.fix.safe  # at a clause edge: shown, not applied


def test_a_rule_text_with_the_term_at_a_clause_end_is_still_found() -> None:
    # 本规定 closes a clause (符合本规定规定。): the second copy opens nothing
    assert [d.message.zh for d in lint_string(_RULE + "应当符合本规定规定。", ["W201"])] == [
        "词语“规定”重复"
    ]


def test_a_reduplicable_word_ending_a_compound_of_the_document() -> None:
    doc = "大力发展职业教育。\n\n把军队相关的职业教育教育纳入国家职业教育大体系。"
    (d,) = lint_string(doc, ["W201"])
    assert d.message.zh == "词语“教育”重复"
    # the same word tried out as a verb, with no such compound in the document
    assert lint_string("这件事大家商量商量，再教育教育他。", ["W201"]) == []
    # 我们研究 is in the document, but never as a noun (after 的, before 、和与及等)
    speech = "我们研究决定，成立工作专班。\n\n这件事我们研究研究再定。"
    assert lint_string(speech, ["W201"]) == []


def test_doubled_across_a_markdown_line_break() -> None:
    text = "推动经济\n经济高质量发展，建设现代化经济体系。\n"
    (d,) = lint_string(text, ["W201"], path="a.md")
    assert d.message.zh == "词语“经济”重复"
    assert (d.span.start, d.span.end) == (2, 7)
    assert d.fix is not None and not d.fix.safe
    quoted = "> 推动经济\n> 经济高质量发展。\n"
    assert [d.message.zh for d in lint_string(quoted, ["W201"], path="a.md")] == ["词语“经济”重复"]
    # a reduplication across the break stays quiet, and so do two lines of a text file (each
    # line is a paragraph of its own)
    assert lint_string("这件事我们研究\n研究再定。\n", ["W201"], path="a.md") == []
    assert lint_string("推动经济\n经济高质量发展。\n", ["W201"], path="a.txt") == []


_OFFICIAL = sorted((Path(__file__).parent / "official_corpus" / "official").glob("*.txt"))


def test_official_corpus_is_quiet() -> None:
    for path in _OFFICIAL:
        assert lint_string(path.read_text("utf-8"), ["W201"], path=path.name) == [], path.name


def test_injected_doubled_words_are_found() -> None:
    # a word typed twice at a word boundary of published prose (tests/injection.py's injector)
    from injection import doubled_word

    tried = found = 0
    for path in _OFFICIAL:
        text = path.read_text("utf-8")
        for seed in range(2):
            for inj in doubled_word(text, random.Random(f"W201:{seed}:{path.name}")):
                tried += 1
                found += any(
                    d.span.start < inj.end and d.span.end > inj.start
                    for d in lint_string(inj.text, ["W201"], path=path.name)
                )
    assert tried > 250
    assert found / tried >= 0.9, (found, tried)
