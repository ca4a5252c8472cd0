"""S family: broken paragraphs and dangling conjunctions, on defects and on clean formal prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.testing import fix_string, lint_string

SEED = Path(__file__).parent.parent / "seeds" / "shuozhou-cppcc-2024-report.txt"


def _codes(text: str, select: str = "S") -> list[str]:
    return [d.code for d in lint_string(text, [select])]


def test_seed_gives_its_six_broken_paragraphs_and_the_dangling_conjunction() -> None:
    text = SEED.read_text("utf-8")
    diags = lint_string(text, ["S"])
    broken = [d for d in diags if d.code == "S501"]
    lines = [(d.position[0], d.args["line"]) for d in broken]
    assert lines == [(31, 33), (49, 51), (63, 65), (75, 77), (109, 111), (113, 115)]
    assert all(d.fix is not None and d.fix.safe for d in broken)
    dangling = [d for d in diags if d.code == "S502"]
    assert [(d.position[0], text[d.span.start : d.span.end]) for d in dangling] == [(25, "和")]
    assert len(diags) == 7


def test_seed_fix_joins_the_six_paragraphs() -> None:
    text = SEED.read_text("utf-8")
    fixed = fix_string(text, ["S501"])
    for joined in (
        "凝聚共识、视察监督",
        "调研、视察、监督",
        "融入党想、铸入灵魂",
        "深刻领悟“两个确立”",
        "领导干部带头履“植”",
        "治理面积6.3万平方公里",
    ):
        assert joined in fixed
    assert fixed.count("\n") == text.count("\n") - 12
    assert not _codes(fixed, "S501")


def test_crlf_and_fullwidth_indent_are_removed_by_the_join() -> None:
    first, rest = "\u3000\u3000全年组织调研12次，提出建议86条。凝聚共", "识、视察于一体。\r\n"
    text = f"{first}\r\n\r\n\u3000\u3000{rest}"
    assert fix_string(text, ["S501"]) == first + rest


@pytest.mark.parametrize(
    ("prev", "nxt"),
    [
        ("坚持问题导向，推动解决了一批群众关心的热点难点问", "题。"),  # split word
        ("一年来，各参加单位和广大委员围绕中心工作", "，积极建言献策。"),  # opens with a comma
        ("强化理论武装，各支部深入开展“学习", "贯彻”主题活动，引导党员坚定信念。"),  # quotation
        ("全市农业生产形势良好。全年粮食总产量达", "135.2万吨，同比增长3.1%。"),  # quantity
        ("详见官方文档，其中介绍了配置方法和", "常见问题的解决办法。"),  # conjunction
        # before a number: a particle or word that asks for it, a date cut after its year
        ("二、引导降低费率。原则上不高于承担风险责任的", "0.5%，单户担保金额500万元。"),
        ("（三）报送材料。各地区要于", "2019年12月底前，对本地区工作进行总结。"),
        ("第九条　本规则自2021年8月起施行。有效期自2021年", "8月1日起计算，为期三年。"),
        ("全年工作取得新进展。城镇登记失业率", "4.1%，城镇新增就业1310万人。"),
        ("补贴政策进一步完善。小麦收购价每50公斤提高7.4元和", "16元，农民收入增加。"),
        ("可渐进调整支付标准，在", "2—3年内调整到位，并制定配套措施。"),
    ],
)
def test_certain_breaks_are_safe(prev: str, nxt: str) -> None:
    (d,) = lint_string(f"{prev}\n\n{nxt}\n", ["S501"])
    assert d.fix is not None and d.fix.safe
    assert fix_string(f"{prev}\n\n{nxt}\n", ["S501"]) == f"{prev}{nxt}\n"


@pytest.mark.parametrize(
    ("prev", "nxt"),
    [
        ("推动品牌建设。体育竞赛表演产业加快发展，打造", "100个具有自主知识产权的品牌。"),
        ("（二）公开执法决定。执法决定信息要在执法决定作出之日起", "7个工作日内公开，不得延误。"),
        ("鼓励地方开展创新。推动农业机械化发展，走出", "一条中国特色农业机械化发展道路。"),
    ],
)
def test_prose_broken_before_a_number_is_suggested(prev: str, nxt: str) -> None:
    (d,) = lint_string(f"{prev}\n\n{nxt}\n", ["S501"])
    assert d.fix is not None and not d.fix.safe


def test_prose_without_sign_of_continuation_is_only_suggested() -> None:
    text = "今年以来，全市经济运行稳中有进。规模以上工业增加值增长\n\n较快，投资保持稳定。\n"
    (d,) = lint_string(text, ["S501"])
    assert d.fix is not None and not d.fix.safe
    assert fix_string(text, ["S501"]) == text


CLEAN = [
    # title block, dateline, byline, salutation
    "中国人民政治协商会议某市委员会常务委员会工作报告\n\n——在政协第七届某市委员会第三次会议上\n\n"
    "（2024年2月26日）\n\n市政协主席 王建国\n\n各位委员：\n\n我代表常务委员会向大会报告工作。\n",
    # a heading with a comma, then its body
    "一、坚持高举旗帜、维护核心，着力夯实共同的思想政治基础\n\n常委会始终坚持正确方向。\n",
    # an introduction ending with a colon, then a numbered list
    "围绕总体要求，重点做好以下工作：\n\n1. 强化创新理论武装\n\n2. 强化专门协商效能\n",
    # a paragraph ending in a closing quotation mark or bracket, or a dash
    "正如一位老委员所说：“履职尽责，贵在坚持”\n\n全年开展集中学习24次。\n",
    "全年开展集中学习24次（含线上学习）\n\n形成调研报告9篇。\n",
    "会议要求，要认真贯彻落实会议精神——\n\n坚持稳中求进工作总基调。\n",
    # form lines of a licence notice
    "交通银行股份有限公司某某支行\n发证日期：2024年3月12日\n机构编码：B0005S314060006\n"
    "住所：山西省某某市开发区文远路82-84号\n邮政编码：036000\n电话：0349-6669672\n",
    # the last paragraph
    "我们要坚持稳中求进，推动高质量发展。此外还要",
    # signature block
    "特此通知。\n\n某某市人民政府办公室\n\n2024年3月12日\n",
    # a sentence of prose, then a title
    "以上为本期全部内容，感谢读者支持。下期将刊发\n\n2024年工作安排\n",
    # a title set on two lines
    "关于开展“学习\n贯彻”主题活动的通知\n\n各乡镇人民政府，市直各有关单位：\n",
    "关于进一步加强基层治理\n工作的实施意见\n\n各乡镇人民政府：\n",
    # paragraphs that open with a number after a heading, a caption, a list, a table, a date
    "坚持稳中求进，推动高质量发展\n\n2024年，全市经济运行稳中有进，发展质量稳步提升。\n",
    "（一）主要指标完成情况\n\n2023年，地区生产总值增长5.2%，完成年度目标。\n",
    "这是3月5日拍摄的开幕会现场。新华社记者 李学仁 摄\n\n3月5日，十四届全国人大二次会议开幕。\n",
    "全年新增就业岗位，分行业统计如下\n\n制造业　3.2万个\n\n服务业　5.1万个\n",
    "特此通知。\n\n某某市人民政府办公室\n\n2024年3月1日\n",
    "某某市国民经济和社会发展统计公报\n\n（2024年）\n\n2024年，全市上下坚定信心。\n",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_structure_is_silent(text: str) -> None:
    assert _codes(text, "S501") == []


def test_hard_wrapped_text_is_not_read_line_by_line() -> None:
    text = (
        "新华社北京3月12日电 在我国第46个植树节到来之际，全国绿化委员会办公室发布\n"
        "《2023年中国国土绿化状况公报》显示，全国全年完成造林399.8万公顷、种草改\n"
        "良437.9万公顷，国土绿化面积超800万公顷。此外，还治理沙化石漠化土地190.5\n"
        "万公顷。公报显示，2023年，全民义务植树深入推进，线上线下活动蓬勃开展。\n"
    )
    assert _codes(text, "S501") == []


@pytest.mark.parametrize(
    "text",
    [
        "深入学习市委全会、经济工作会议精神和，聚焦中心任务。",
        "要进一步完善协商机制与，推动提案办理提质增效。",
        "认真梳理就业、教育、医疗及，形成专题报告。",
        "全面加强基层组织建设以及，提高基层治理能力。",
        "提高产品质量、稳定石油和，促进消费。",
        "在政治方面和，在经济方面都取得了进展。",
        # the characters before 和 make a word of their own (思维|和, not 思|维和)
        "强化底线思维和，维护国家核心利益。",
        "国务院办公厅将加强统筹协调和，适时开展督查。",
        "应当明确数据安全负责人和，落实保护责任。",
        "进一步提高居民生活水平和，改善人居环境。",
        "签订廉政承诺书和，接受社会监督。",
        # a comma, then a conjunction or preposition opening the next clause: not a list of them
        "了解未成年人学习、生活情况和，与被委托人共同履行家庭教育责任。",
        "做好矛盾纠纷的排查工作，防范和，及时调解纠纷。",
    ],
)
def test_dangling_conjunction(text: str) -> None:
    (d,) = lint_string(text, ["S502"])
    assert d.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "数据的总和，与公报口径一致。",
        "态度温和，局势缓和，心平气和。",
        "各方积极参与，共同推进；内容涉及，普及，惠及群众。",
        "或者另行商定，抑或延期召开；间或有之。",
        "会议由副主任李建和主持，请联系秘书长王同和，电话另告。",
        "出席会议的有：王建和、李明、赵德和。",
        "特别感谢王建和，他为此付出了大量心血。",
        "常用的并列连词有和、与、及、或等。",
        "坚持天时、地利、人和，做到政通人和。",
        "“和”文化源远流长，讲求以和为贵、和而不同。",
        "时不我与，力所能及，过犹不及。",
        # 和 as the noun "sum", and words whose reading takes fewer words than 和 alone
        "累计修理时间，指单次修理时间累加之和。",
        "境外各项所得抵免限额之和，为该国家的抵免限额。",
        "当地天气温和，性格平和，数据的总和，碳达峰、碳中和。",
    ],
)
def test_words_ending_in_conjunction_characters_are_silent(text: str) -> None:
    assert _codes(text, "S502") == []


def test_typed_paragraph_openings_are_not_joined_without_a_sign() -> None:
    # both paragraphs open with the typed two-character indent: a missing full stop, not a break
    text = "\u3000\u3000全市经济运行稳中有进。下一步将继续努力\n\u3000\u3000同时，要加强统筹。\n"
    assert _codes(text, "S501") == []
    # a split word is a break whatever the indent
    text = "\u3000\u3000全年组织调研12次，提出建议86条。凝聚共\n\u3000\u3000识、视察于一体。\n"
    assert _codes(text, "S501") == ["S501"]


def test_hard_wrapped_items_with_a_hanging_indent_are_not_read_line_by_line() -> None:
    item = (
        "“2”表示您已经仔细验证了那把密钥，并核对了指纹。\n"
        "    例如说，这能表示您验证了这把密钥的指纹和\n"
        "    用户标识，并比对了照片标识。\n\n"
    )
    other = (
        "“3”表示您做了大规模的验证工作，例如说，您向持有人核对了\n"
        "    密钥指纹，并通过难以伪造的证件确认了持有人的姓名与\n"
        "    密钥上用户标识的一致，最后还验证了电子邮件地址。\n\n"
    )
    assert _codes(item + other + item, "S501") == []


def test_s501_join_over_markdown_markup_is_not_a_safe_fix() -> None:
    # a hard-break space (masked markup) lies between the paragraphs: the join is only offered
    text = "00000000、不 \n\n是"
    (d,) = [d for d in lint_string(text, ["S501"], path="x.md")]
    assert d.fix is not None and not d.fix.safe
