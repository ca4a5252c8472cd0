"""Nested numbering schemes (N301): second- and third-level numbers that run on through their
parents (State Council opinions) or restart under each (work plans). Clean outlines of either
kind stay silent; injected gaps, repeats, restarts and steps back are found where they are.
Also N302 on provisions, and N303/N304/N306 on news-like prose."""

from __future__ import annotations

from wenlint.document import Document
from wenlint.rules.numbering.outline import RESTART, RUN_ON, build_outline, chained, nested_scheme
from wenlint.testing import lint_string


def findings(paras: list[str], select: str = "N") -> list[tuple[str, int]]:
    text = "\n\n".join(paras) + "\n"
    return [(d.code, d.position[0]) for d in lint_string(text, [select], path="t.txt")]


def messages(paras: list[str]) -> list[str]:
    text = "\n\n".join(paras) + "\n"
    return [d.message.zh for d in lint_string(text, ["N301"], path="t.txt")]


def line(i: int) -> int:
    """The line of paragraph ``i`` (paragraphs are joined by blank lines)."""
    return 2 * i + 1


def schemes(paras: list[str]) -> list[str]:
    lists = build_outline(Document("t.txt", "\n\n".join(paras) + "\n").blocks).lists
    return sorted(nested_scheme(chained(lists)).values())


def edit(paras: list[str], **changes: str) -> list[str]:
    """A copy with paragraph ``p<i>`` replaced (``p19="（一）…"``)."""
    out = list(paras)
    for key, text in changes.items():
        out[int(key[1:])] = text
    return out


def renumber(paras: list[str], old: str, new: str, *indices: int) -> list[str]:
    out = list(paras)
    for i in indices:
        assert out[i].startswith(old), out[i]
        out[i] = new + out[i][len(old) :]
    return out


# A State Council guiding opinion: （一）… run on through 一、二、三…, and 1. 2. run on through
# the （七）（八）（九）（十） of section 三.
RUNNING = [
    "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见",  # 0
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",  # 1
    "农业机械化是转变农业发展方式、提高农村生产力的重要基础。为加快推进农业机械化和农机装备"
    "产业转型升级，现提出以下意见。",  # 2
    "一、总体要求",  # 3
    "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，深入贯彻新发展理念，"
    "推动农机装备产业高质量发展。",  # 4
    "（二）基本原则。坚持市场主导、政府引导，坚持创新驱动、协同发展。",  # 5
    "（三）发展目标。到2025年，主要农作物耕种收综合机械化率达到75%。",  # 6
    "二、加快推动农机装备产业高质量发展",  # 7
    "（四）完善农机装备创新体系。瞄准农业机械化需求，加快推进农机装备创新。"
    "（工业和信息化部、农业农村部负责）",  # 8
    "（五）推进全产业链协同发展。支持农机装备制造企业与科研院所开展合作。",  # 9
    "（六）优化产业结构布局。引导企业向专、精、特、新方向发展。",  # 10
    "三、着力推进主要农作物生产全程机械化",  # 11
    "（七）加快补齐全程机械化生产短板。",  # 12
    "1.推进粮食作物生产机械化。重点突破水稻机插、玉米籽粒机收等薄弱环节。",  # 13
    "2.推进经济作物生产机械化。加快棉油糖、果菜茶等作物生产机械化。",  # 14
    "（八）协同构建高效机械化生产体系。",  # 15
    "3.推进农机农艺融合。选育推广适宜机械化的品种。",  # 16
    "4.推进机械化与信息化融合。推动智能农机装备应用。",  # 17
    "（九）提高农机作业质量。",  # 18
    "5.健全作业标准。制修订主要农作物机械化作业规范。",  # 19
    "6.加强作业监测。推广应用作业监测终端。",  # 20
    "（十）推进设施农业机械化。",  # 21
    "7.推进设施种植机械化。加快温室环境调控设备应用。",  # 22
    "8.推进畜牧水产养殖机械化。推广饲料精准投喂等装备。",  # 23
    "四、积极发展农机社会化服务",  # 24
    "（十一）发展农机社会化服务组织。培育壮大农机大户、农机专业户。",  # 25
    "（十二）推进农机服务机制创新。鼓励发展农机服务超市、农机4S店。",  # 26
    "五、强化组织领导",  # 27
    "（十三）健全组织实施机制。各地要把推进农业机械化纳入重要议事日程。",  # 28
    "（十四）强化地方政府责任。地方各级人民政府要将农业机械化纳入考核。",  # 29
    "国务院",  # 30
    "2024年1月1日",  # 31
]

# A municipal work plan: （一）… restart under each 一、, 1. 2. restart under each （一）.
RESTARTING = [
    "某市2024年优化营商环境攻坚行动实施方案",  # 0
    "为深入贯彻落实国家和省关于优化营商环境的决策部署，进一步激发市场主体活力，制定本方案。",  # 1
    "一、总体要求",  # 2
    "（一）指导思想。坚持以市场主体需求为导向，对标国内一流水平。",  # 3
    "（二）工作目标。到2024年底，全市营商环境主要指标进入全省第一方阵。",  # 4
    "二、重点任务",  # 5
    "（一）提升政务服务效能",  # 6
    "1.深化“一网通办”。推动高频事项全程网办，网上可办率达到95%以上。（责任单位：市政务服务局）",
    "2.推进“一件事一次办”。围绕企业开办、工程建设等领域，推出一批集成服务事项。",  # 8
    "（二）优化市场准入环境",  # 9
    "1.压缩企业开办时间。企业开办全流程压缩至1个工作日以内。",  # 10
    "2.放宽经营场所登记条件。推行住所申报承诺制。",  # 11
    "3.清理隐性门槛。全面清理妨碍统一市场和公平竞争的规定。",  # 12
    "（三）强化要素保障",  # 13
    "1.保障项目用地。推行“标准地”出让。",  # 14
    "2.降低用能成本。落实阶段性降低用电成本政策。",  # 15
    "（四）加强法治保障",  # 16
    "1.规范涉企执法。推行包容审慎监管。",  # 17
    "2.保护企业合法权益。依法平等保护各类市场主体产权。",  # 18
    "三、保障措施",  # 19
    "（一）加强组织领导。成立由市政府主要负责同志任组长的工作领导小组。",  # 20
    "（二）强化督查考核。将优化营商环境工作纳入年度绩效考核。",  # 21
    "（三）营造良好氛围。及时总结推广典型经验做法。",  # 22
    "四、工作要求",  # 23
    "（一）各责任单位要于每季度末报送工作进展。",  # 24
    "（二）工作中遇到的重大问题要及时报告。",  # 25
]


def test_running_scheme_is_clean() -> None:
    assert schemes(RUNNING) == [RUN_ON, RUN_ON]
    assert findings(RUNNING) == []


def test_restarting_scheme_is_clean() -> None:
    assert schemes(RESTARTING) == [RESTART, RESTART]
    assert findings(RESTARTING) == []


# --- running scheme: the slips ------------------------------------------------------------------


def test_running_restart_is_found() -> None:
    # section 二 restarts at （一） (and numbers on from it); section 三 goes on as it should
    paras = renumber(RUNNING, "（四）", "（一）", 8)
    paras = renumber(paras, "（五）", "（二）", 9)
    paras = renumber(paras, "（六）", "（三）", 10)
    assert findings(paras) == [("N301", line(8))]
    assert "应为“（四）”" in messages(paras)[0]


def test_running_gap_across_sections_is_found() -> None:
    paras = renumber(RUNNING, "（十一）", "（十二）", 25)
    paras = renumber(paras, "（十二）", "（十三）", 26)
    paras = renumber(paras, "（十三）", "（十四）", 28)
    paras = renumber(paras, "（十四）", "（十五）", 29)
    assert findings(paras) == [("N301", line(25))]


def test_running_repeat_across_sections_is_found() -> None:
    paras = renumber(RUNNING, "（十一）", "（十）", 25)
    paras = renumber(paras, "（十二）", "（十一）", 26)
    paras = renumber(paras, "（十三）", "（十二）", 28)
    paras = renumber(paras, "（十四）", "（十三）", 29)
    assert findings(paras) == [("N301", line(25))]
    assert "重复" in messages(paras)[0]


def test_running_step_back_across_sections_is_found() -> None:
    paras = renumber(RUNNING, "（十一）", "（八）", 25)
    paras = renumber(paras, "（十二）", "（九）", 26)
    assert findings(paras) == [("N301", line(25))]
    assert "倒退" in messages(paras)[0]


def test_running_repeat_inside_a_section_is_found() -> None:
    # （四）（四）（六）: repeated, then the right number
    assert findings(renumber(RUNNING, "（五）", "（四）", 9)) == [("N301", line(9))]
    # （四）（四）（五）: repeated, then on from the repeat
    paras = renumber(RUNNING, "（五）", "（四）", 9)
    paras = renumber(paras, "（六）", "（五）", 10)
    assert findings(paras) == [("N301", line(9))]


def test_running_third_level_restart_is_found() -> None:
    paras = renumber(RUNNING, "3.", "1.", 16)
    paras = renumber(paras, "4.", "2.", 17)
    assert findings(paras) == [("N301", line(16))]


def test_running_third_level_gap_is_found() -> None:
    paras = renumber(RUNNING, "5.", "6.", 19)
    paras = renumber(paras, "6.", "7.", 20)
    paras = renumber(paras, "7.", "8.", 22)
    paras = renumber(paras, "8.", "9.", 23)
    assert findings(paras) == [("N301", line(19))]


# --- restarting scheme: the slips ---------------------------------------------------------------


def test_restarting_run_on_is_found() -> None:
    # section 三 goes on from section 二 instead of starting at （一）
    paras = renumber(RESTARTING, "（一）", "（五）", 20)
    paras = renumber(paras, "（二）", "（六）", 21)
    paras = renumber(paras, "（三）", "（七）", 22)
    assert findings(paras) == [("N301", line(20))]


def test_restarting_late_start_is_found() -> None:
    paras = renumber(RESTARTING, "（一）", "（二）", 24)
    paras = renumber(paras, "（二）", "（三）", 25)
    assert findings(paras) == [("N301", line(24))]


def test_restarting_first_list_late_start_is_found() -> None:
    paras = renumber(RESTARTING, "（一）", "（二）", 3)
    paras = renumber(paras, "（二）", "（三）", 4)
    assert findings(paras) == [("N301", line(3))]


def test_restarting_third_level_run_on_is_found() -> None:
    paras = renumber(RESTARTING, "1.", "4.", 14)
    paras = renumber(paras, "2.", "5.", 15)
    assert findings(paras) == [("N301", line(14))]


def test_restarting_gaps_and_repeats_inside_lists() -> None:
    assert findings(renumber(RESTARTING, "3.", "4.", 12)) == [("N301", line(12))]
    assert findings(renumber(RESTARTING, "（三）", "（二）", 22)) == [("N301", line(22))]
    assert findings(renumber(RESTARTING, "2.", "1.", 11)) == [("N301", line(11))]


# --- no evidence, no finding --------------------------------------------------------------------


def test_one_parent_or_a_tie_decides_nothing() -> None:
    one_parent = [
        "一、总体要求",
        "（二）指导思想。坚持稳中求进。",
        "（三）基本原则。坚持系统观念。",
    ]
    assert findings(one_parent) == []
    tie = [
        "一、总体要求",
        "（一）指导思想。坚持稳中求进。",
        "（二）基本原则。坚持系统观念。",
        "二、主要任务",
        "（三）深化改革。推进重点领域改革。",
        "三、保障措施",
        "（一）加强组织领导。成立工作专班。",
    ]
    assert schemes(tie) == []
    assert findings(tie) == []


def test_two_parts_keep_their_own_schemes() -> None:
    # one notice issuing a running opinion and a restarting plan (separated by the plan's title)
    assert findings(RUNNING[:30] + RESTARTING) == []


# --- a repeated number followed by the continuing sequence --------------------------------------


def test_repeated_first_title_far_from_the_first() -> None:
    paras = renumber(RUNNING, "二、", "一、", 7)
    paras = renumber(paras, "三、", "二、", 11)
    paras = renumber(paras, "四、", "三、", 24)
    paras = renumber(paras, "五、", "四、", 27)
    assert findings(paras) == [("N301", line(7))]
    assert "应为“二、”" in messages(paras)[0]


def test_repeated_first_run_in_item() -> None:
    paras = [
        "关于做好2024年度安全生产工作的通知",
        "一、压实安全生产责任。严格落实党政领导干部安全生产责任制，层层签订责任书。",
        "一、深化重点行业领域专项整治。聚焦矿山、危险化学品、建筑施工等重点行业，开展隐患排查。",
        "二、强化应急处置能力建设。完善应急预案体系，定期组织应急演练。",
        "三、加强安全宣传教育。深入开展安全生产月活动。",
    ]
    assert findings(paras) == [("N301", line(2))]


def test_repeated_first_nested_item_in_running_scheme() -> None:
    # （一）（一）（二）（三） under 一, then （四） under 二 as before
    paras = renumber(RUNNING, "（二）", "（一）", 5)
    paras = renumber(paras, "（三）", "（二）", 6)
    assert findings(paras) == [("N301", line(5))]


def test_repeat_then_the_right_number() -> None:
    # 一、二、二、四、五、
    assert findings(renumber(RUNNING, "三、", "二、", 11)) == [("N301", line(11))]
    # 一、二、二、三、四、
    paras = renumber(RUNNING, "三、", "二、", 11)
    paras = renumber(paras, "四、", "三、", 24)
    paras = renumber(paras, "五、", "四、", 27)
    assert findings(paras) == [("N301", line(11))]


def test_a_restarted_list_of_several_items_is_no_repeat() -> None:
    paras = [
        "一、工作目标",
        "（一）到2024年底，基本建成一体化政务服务平台。",
        "各地要按照以下步骤推进：",
        "1.开展摸底调查。",
        "2.制定实施方案。",
        "有关单位要同步做好以下工作：",
        "1.梳理事项清单。",
        "2.完善配套制度。",
    ]
    assert findings(paras) == []


# --- N302: provisions are no headings -----------------------------------------------------------

REGULATION = [
    "保障农民工工资支付条例",
    "第五十五条　有下列情形之一的，由人力资源社会保障行政部门责令限期改正；逾期不改正的，"
    "处2万元以上5万元以下的罚款：",
    "（一）以实物、有价证券等形式代替货币支付农民工工资的；",
    "（二）未编制工资支付台账并依法保存的。",
    "第五十六条　有下列情形之一的，由人力资源社会保障行政部门责令限期改正；逾期不改正的，"
    "处5万元以上10万元以下的罚款：",
    "（一）施工总承包单位未按规定开设或者使用农民工工资专用账户的；",
    "（二）施工总承包单位未按规定存储工资保证金的。",
    "第五十七条　有下列情形之一的，依法予以处理：",
    "（一）未实行劳动用工实名制管理的；",
    "第五十八条　有下列情形之一的，依法予以处理：",
    "（一）未按规定设置维权信息告示牌的。",
]


def test_provisions_opening_alike_are_no_duplicate_titles() -> None:
    assert findings(REGULATION) == []


def test_real_duplicate_headings_are_still_found() -> None:
    run_in = renumber(RUNNING, "（五）推进全产业链协同发展", "（五）完善农机装备创新体系", 9)
    assert findings(run_in, "N302") == [("N302", line(9))]
    lone = edit(RESTARTING, p22="（三）加强组织领导。")
    assert findings(lone, "N302") == [("N302", line(22))]
    titles = renumber(RESTARTING, "（二）优化市场准入环境", "（二）提升政务服务效能", 9)
    assert findings(titles, "N302") == [("N302", line(9))]


# --- N303, N304, N306 on news-like prose --------------------------------------------------------

NEWS = [
    "九届全国人大一次会议在京开幕",
    "本报北京3月5日讯　记者王建国报道：九届全国人大一次会议今天上午在人民大会堂开幕。",
    "报告提出今年工作的主要任务：一是确保经济增长速度达到百分之八；二是继续深化国有企业改革；"
    "三是进一步扩大对外开放。",
    "代表们认为，报告实事求是，一是一，二是二，成绩讲够，问题讲透。",
    "谈到农业，一位来自河南的代表说，首先要稳定粮食生产，其次要增加农民收入，"
    "最后要加强农田水利建设。",
    "这次会议的议程有：第一，审议政府工作报告；第二，审查国民经济和社会发展计划；"
    "第三，审议国务院机构改革方案。",
    "记者了解到，今年第一季度，全国第一、第二、第三产业增加值均有增长，其中第三产业增长最快。",
    "1998年第一、二季度，工业生产增长平稳。北京队获得第一，上海队第二，广东队第三。",
    "这个厂去年扭亏为盈，主要原因有二：一是转换经营机制，二是加强内部管理。今年以来，"
    "该厂又抓了两件事：一是开发新产品，二是开拓新市场。",
    "全市下岗职工再就业工作取得进展。一是多渠道筹集资金；二是建立再就业服务中心。",
    "三是大力发展第三产业，广开就业门路。",
    "第一次全国农业普查结果显示，我国农村劳动力资源丰富。",
    "记者从国家统计局获悉：",
    "1、今年一季度国内生产总值增长百分之七点二；",
    "2、居民消费价格总水平比去年同期下降百分之零点三。",
    "另据报道：",
    "1.全国铁路客运量增长百分之三；",
    "2.民航客运量增长百分之五。",
    "其一，要坚持改革开放；其二，要保持社会稳定。",
]


def test_news_enumerations_are_clean() -> None:
    assert findings(NEWS) == []


def test_news_enumeration_slips_are_found() -> None:
    assert findings(edit(NEWS, p2=NEWS[2].replace("三是", "四是")), "N306") == [("N306", line(2))]
    assert findings(edit(NEWS, p10="四是大力发展第三产业，广开就业门路。"), "N306") == [
        ("N306", line(10))
    ]
    agenda = NEWS[5].replace("第三，", "第二，")
    assert findings(edit(NEWS, p5=agenda), "N306") == [("N306", line(5))]


def test_one_list_written_two_ways_is_still_found() -> None:
    # two forms as often as each other, but each list switches form half-way
    paras = edit(
        NEWS, p14="2.居民消费价格总水平比去年同期下降百分之零点三。", p16="1、全国铁路客运量增长。"
    )
    assert findings(paras, "N304") == [("N304", line(14)), ("N304", line(17))]
    # a majority form across the part: the odd one out is reported
    paras = edit(NEWS, p16="1、全国铁路客运量增长百分之三；")
    assert findings(paras, "N304") == [("N304", line(17))]
