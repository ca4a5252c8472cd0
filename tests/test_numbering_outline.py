"""Outline inference and the N rules on real-shaped documents: clean ones stay silent, defective
variants give exactly the expected findings."""

from __future__ import annotations

from pathlib import Path

from wenlint.document import Document
from wenlint.rules.numbering.outline import build_outline, format_outline, outline_of
from wenlint.testing import lint_string

SEED = Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt"


def findings(text: str, path: str = "t.txt") -> list[tuple[str, int]]:
    return [(d.code, d.position[0]) for d in lint_string(text, ["N"], path=path)]


def doc(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def test_seed_outline() -> None:
    d = Document(str(SEED), SEED.read_text("utf-8"))
    assert format_outline(d) == SEED_OUTLINE


SEED_OUTLINE = """\
一、坚持高举旗帜、维护核心，着力夯实共同的思想政治…  (line 19, title)
  一、以贯之学党的创新理论凝心铸魂  (line 23, run-in)
  二、以贯之学市委决策部署凝聚共识  (line 25, run-in)
二、坚持围绕中心、服务大局，着力助推经济社会高质量…  (line 27, title)
  一、着力三件大事献计出力  (line 31, run-in)
  二、着力优化营商环境  (line 35, run-in)
  三、着力优化营商环境  (line 37, run-in)
  四、着力重点领域调研建言  (line 39, run-in)
三、坚持履职为民、凝聚人心，着力画好团结奋进最大同…  (line 41, title)
  一、资政建言回应民需  (line 45, run-in)
  二、畅通渠道反映民意  (line 47, run-in)
  三、团结合作汇聚民智  (line 49, run-in)
  四、深入基层温暖民心  (line 53, run-in)
四、坚持党建统领、固本强基，着力保障和推动工作提质…  (line 55, title)
  一、持续加强政协党的建设  (line 59, run-in)
  二、持续推进工作机制优化  (line 61, run-in)
  三、持续强化两支队伍建设  (line 63, run-in)
一、强化创新理论武装，在思想政治引领上有新境界  (line 81, title)
二、强化专门协商效能，在务实建言献策上有新作为  (line 85, title)
三、强化统一战线功能，在广泛凝心聚力上有新气象  (line 89, title)
四、强化政协自身建设，在履职能力水平上有新提升  (line 93, title)
四、强化政协自身建设，在履职能力水平上有新提升  (line 99, title)  [repeat: expected 5]"""


def test_seed_findings() -> None:
    found = findings(SEED.read_text("utf-8"))
    assert found == [
        ("N303", 23),
        ("N303", 31),
        ("N302", 37),
        ("N303", 45),
        ("N303", 59),
        ("N301", 99),
    ]


def test_outline_is_cached_per_document() -> None:
    d = Document("t.txt", doc("一、总体要求", "二、主要任务"))
    assert outline_of(d) is outline_of(d)
    assert outline_of(Document("t.txt", d.text)) is not outline_of(d)


TWO_LEVEL = [
    "关于进一步优化营商环境的实施意见",
    "各县（市、区）人民政府，市直各有关单位：",
    "为深入贯彻落实党中央、国务院决策部署，持续优化营商环境，现提出如下意见。",
    "一、总体要求",
    "坚持以习近平新时代中国特色社会主义思想为指导，对标国内一流水平，打造市场化法治化国际化营商环境。",
    "（一）工作目标。到2025年，营商环境主要指标进入全省前列。",
    "（二）基本原则。坚持问题导向、系统推进、改革创新。",
    "二、重点任务",
    "（一）深化“放管服”改革。全面推行证明事项告知承诺制，压减审批时限。",
    "（二）强化要素保障。健全用地、用能、用工保障机制。",
    "（三）加强法治保障。严格规范公正文明执法。",
    "三、保障措施",
    "各地各部门要加强组织领导，压实工作责任，确保各项措施落地见效。",
]


def test_two_level_official_document_is_clean() -> None:
    text = doc(*TWO_LEVEL)
    assert findings(text) == []
    outline = build_outline(Document("t.txt", text).blocks)
    assert [len(lst.items) for lst in outline.lists] == [3, 2, 3]
    assert [lst.depth for lst in outline.lists] == [0, 1, 1]


def test_two_level_defects() -> None:
    paras = list(TWO_LEVEL)
    paras[9] = "（三）强化要素保障。健全用地、用能、用工保障机制。"  # （一）（三）（三）
    paras[11] = "二、保障措施"  # 一 二 二
    # the second （三） follows on from a （三） that should have been （二）: one finding per slip
    assert findings(doc(*paras)) == [("N301", 19), ("N301", 23)]


FOUR_LEVEL = [
    "一、主要任务",
    "（一）推进产业转型升级",
    "1.培育壮大新兴产业",
    "（1）加快发展新能源产业。推进风电、光伏项目建设。",
    "（2）积极发展新材料产业。建设煤基新材料产业园。",
    "2.改造提升传统产业",
    "（1）推动煤炭产业智能化改造。",
    "（2）推动电力产业绿色低碳发展。",
    "（二）推进城乡融合发展",
    "1.深入实施乡村振兴战略。",
    "2.持续推进新型城镇化。",
    "二、保障措施",
    "（一）加强组织领导。",
    "（二）强化督导考核。",
]


def test_four_level_official_document_is_clean() -> None:
    text = doc(*FOUR_LEVEL)
    assert findings(text) == []
    outline = build_outline(Document("t.txt", text).blocks)
    assert max(lst.depth for lst in outline.lists) == 3


def test_four_level_defects() -> None:
    paras = list(FOUR_LEVEL)
    paras[4] = "（3）积极发展新材料产业。建设煤基新材料产业园。"  # skip at level 4
    paras[9] = "1、深入实施乡村振兴战略。"  # 1、 beside 1.
    paras[13] = "（二）、强化督导考核。"  # GB/T 9704 form with a mark after the bracket
    assert findings(doc(*paras)) == [("N301", 9), ("N304", 19), ("N305", 27)]


LAW = [
    "中华人民共和国某某法",
    "第一章　总则",
    "第一条　为了规范管理，保护当事人的合法权益，制定本法。",
    "第二条　本法适用于中华人民共和国境内的有关活动。",
    "第二章　管理制度",
    "第一节　一般规定",
    "第三条　国家建立统一的管理制度。",
    "第三条之一　国家鼓励社会力量参与。",
    "第四条　有下列情形之一的，不予登记：",
    "（一）申请材料不齐全的；",
    "（二）不符合法定条件的。",
    "第二节　登记程序",
    "第五条　申请登记的，应当提交申请书。",
    "第三章　附则",
    "第六条　本法自公布之日起施行。",
]


def test_law_is_clean() -> None:
    assert findings(doc(*LAW)) == []


def test_law_defects() -> None:
    paras = list(LAW)
    paras[12] = "第六条　申请登记的，应当提交申请书。"  # article 5 missing, across a section
    paras[14] = "第六条　本法自公布之日起施行。"  # repeated, across a chapter
    paras[11] = "第三节　登记程序"  # section skips
    assert findings(doc(*paras)) == [("N301", 23), ("N301", 25), ("N301", 29)]


NEWS = [
    "这个春节，如何办理电子社保卡",
    "记者从市人社局了解到，电子社保卡申领流程已进一步简化。市民只需三步即可完成：",
    "1. 下载并登录政务服务应用。",
    "2. 在首页点击“电子社保卡”，按提示完成实名认证。",
    "“整个过程不超过两分钟。”市人社局有关负责人说。",
    "3. 设置支付密码后即可使用。",
    "1939年出生的市民王大爷说，现在办事方便多了。6.3万名老年人已经领取了电子社保卡。",
    "一年来，全市累计发放电子社保卡120万张。",
]


def test_news_steps_are_clean() -> None:
    text = doc(*NEWS)
    assert findings(text) == []
    outline = build_outline(Document("t.txt", text).blocks)
    assert [it.value for it in outline.items] == [1, 2, 3]


def test_news_steps_defect() -> None:
    paras = list(NEWS)
    paras[5] = "2. 设置支付密码后即可使用。"
    assert findings(doc(*paras)) == [("N301", 11)]


def test_list_interrupted_by_quotation_and_table() -> None:
    text = doc(
        "二、主要指标",
        "（一）地区生产总值增长百分之五。",
        "“发展是第一要务。”全市上下要牢固树立这一理念。",
        "表1　主要经济指标",
        "指标\t2023年\t2024年",
        "1\t地区生产总值\t增长5%",
        "（二）一般公共预算收入增长百分之三。",
        "（三）城乡居民人均可支配收入与经济增长同步。",
    )
    assert findings(text) == []


def test_numbers_that_open_paragraphs_are_not_items() -> None:
    text = doc(
        "2023年，是贯彻落实党的二十大精神的开局之年。",
        "一年来，国土绿化行动扎实开展。",
        "6.3万平方公里，建设生态清洁小流域505条。",
        "1939年出生，中共党员，大学学历。",
        "一、二年级学生参加了植树活动。",
        "3.12植树节当天，全市开展了义务植树活动。",
    )
    assert build_outline(Document("t.txt", text).blocks).items == []
    assert findings(text) == []


def test_new_part_after_an_unnumbered_heading_restarts_numbering() -> None:
    text = doc(
        "2023年工作回顾",
        "一、坚持围绕中心，着力助推高质量发展",
        "二、坚持履职为民，着力凝聚人心",
        "2024年工作安排",
        "三、强化创新理论武装",
        "四、强化专门协商效能",
    )
    # a newspaper page may print part of a report: a new part may start anywhere
    assert findings(text) == []


REPORT = (
    "过去一年，我们重点抓了三个方面：一是抓学习，组织集中学习十二次；二是抓调研，"
    "形成调研报告八篇；三是抓落实，推动问题整改到位。"
)


def test_report_enumeration() -> None:
    assert findings(doc(REPORT, "祖国统一是大势所趋，原因之一是投入不足。")) == []
    assert findings(doc(REPORT.replace("三是", "二是"))) == [("N306", 1)]
    assert findings(doc(REPORT.replace("三是", "四是"))) == [("N306", 1)]


def test_enumeration_runs_on_across_paragraphs() -> None:
    text = doc("一是强化理论武装，筑牢思想根基。", "二是提升履职能力。", "四是加强队伍建设。")
    assert findings(text) == [("N306", 5)]
    clean = doc("一是强化理论武装。", "二是提升履职能力。", "三是加强队伍建设。")
    assert findings(clean) == []


def test_nested_list_reusing_parent_style_keeps_parent_sequence() -> None:
    text = doc(
        "一、坚持高举旗帜，着力夯实思想政治基础",
        "常委会始终坚持以党的创新理论武装头脑。",
        "一、学习党的创新理论。坚持理论学习、调查研究一体推进。",
        "二、学习市委决策部署。主动向市委请示报告十三次。",
        "二、坚持围绕中心，着力助推高质量发展",
        "一、着力三件大事献计出力。形成调研报告三篇。",
        "三、坚持履职为民，着力凝聚人心",
    )
    outline = build_outline(Document("t.txt", text).blocks)
    assert [it.value for it in outline.roots[0].items] == [1, 2, 3]
    assert findings(text) == [("N303", 5), ("N303", 11)]


def test_markdown_ordered_list_feeds_the_outline() -> None:
    text = "# 操作指南\n\n## 一、安装\n\n1. 下载安装包。\n2. 运行安装程序。\n4. 重启计算机。\n"
    assert findings(text, path="t.md") == [("N301", 7)]
    lazy = "## 一、配置\n\n1. 打开设置页面。\n1. 选择语言。\n1. 保存设置。\n"
    assert findings(lazy, path="t.md") == []
