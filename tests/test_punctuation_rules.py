"""P family (GB/T 15834-2011): the seed's exact findings and fix, defects and clean near-misses per
rule, technical Chinese that must stay clean, and fixes that reach a fixed point."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.rules.punctuation._context import Protected, chinese_block
from wenlint.testing import fix_string, lint_string

SEED = Path(__file__).parent.parent / "seeds" / "shuozhou-cppcc-2024-report.txt"


def codes(text: str, select: list[str] | None = None, **kw: object) -> list[str]:
    return [d.code for d in lint_string(text, select or ["P", "C"], **kw)]  # type: ignore[arg-type]


# -- the seed ---------------------------------------------------------------------------------


def test_seed_gives_exactly_the_parentheses_and_the_split_quotation() -> None:
    text = SEED.read_text("utf-8")
    found = lint_string(text, ["P", "C"])
    got = [(d.code, d.position[0], text[d.span.start : d.span.end]) for d in found]
    assert got == [
        ("P401", 7, "(2024年2月26日)"),
        ("P401", 35, "(市、区)"),
        ("P401", 37, "(市、区)"),
        ("P401", 61, "(试行)"),
        ("P402", 75, "“"),
        ("P401", 87, "(试行)"),
        ("P401", 95, "(市、区)"),
        ("P401", 101, "(市、区)"),
        ("P401", 107, "(记者 胡璐)"),
    ]
    split = next(d for d in found if d.code == "P402")
    # reported once, where the quotation opens; the related location is where it closes (77)
    assert [r.span.start for r in split.related] == [text.index("个确立”的决定性意义，增强") + 3]


def test_seed_fix_changes_every_halfwidth_paren_and_nothing_else() -> None:
    text = SEED.read_text("utf-8")
    fixed = fix_string(text, ["P", "C"])
    assert fixed == text.replace("(", "（").replace(")", "）")
    assert fix_string(fixed, ["P", "C"]) == fixed


# -- clean text of the kinds the rules meet ----------------------------------------------------

TECHNICAL = """\
本系统要求 Python (3.11) 及以上版本，安装命令为 `pip install wenlint`，配置文件为 ~/.wenlint.toml。

会议定于下午16:30在市政府第二会议室召开，地图比例尺为1:500，圆周率取3.14。

详情见 https://www.example.cn/a?id=12&t=2,3 或发邮件至 office@example.cn 咨询。

联系地址：山西省朔州市开发区文远路82-84号，联系电话：0349-6669672，邮政编码：036000。

调用 print(x) 函数可以输出 f(a,b) 的结果，表达式 a:b 表示切片，正则表达式写作 ^[a-z]+$。

程序启动后输出 Hello, world! 并退出；日志中出现 Loading... 表示正在加载。

运行 wenlint --fix 即可修复，数组下标取值为1...10，版本号为 v2.0.1。

沈括（1031—1095）是北宋科学家，北京—上海特别旅客快车今日开行。

他大声喊道：“快跑！！！”这难道不是事实？！

获一、二等奖的作品将结集出版，一、二年级的学生参加了活动。

《红楼梦》《三国演义》都是古典名著，撰写形成《关于“深化‘放管服’改革”的建议报告》。

新华社北京电（记者 胡璐）在我国第46个植树节到来之际，全国完成造林399.8万公顷。

市政协主席 张立新

第一条　为了规范公文处理工作，制定本条例。

主要措施包括：1）加强理论学习；2）完善工作制度。

全国林草产业总产值达9.28万亿元，同比增长2.3%，国办发〔2012〕10号文件已印发。
"""

ENGLISH_WITH_EXAMPLES = """\
A person's name before a title (书记, 市长, 主席, 部长, 同志, …) whose first character is not a \
plausible surname. Repeated marks (，， 。。 ；；), while ？！ and ！！！ are left alone; \
document numbers (发文字号): flag (2012) and leading zeros (01号).
"""


def test_technical_chinese_is_clean() -> None:
    assert lint_string(TECHNICAL, ["P", "C"]) == []


def test_english_prose_quoting_chinese_examples_is_clean() -> None:
    assert lint_string(ENGLISH_WITH_EXAMPLES, ["P", "C"]) == []


def test_markdown_code_is_not_linted() -> None:
    md = '说明如下：\n\n```\nprint("你好")，，\n```\n\n使用 `f(中文,文本)` 调用。\n'
    assert lint_string(md, ["P"], path="doc.md") == []


# -- per rule: defects and near-misses ---------------------------------------------------------

BAD = [
    ("P401", "会议强调,要抓好落实。"),
    ("P401", "世界贸易组织(WTO)发布报告。"),
    ("P401", "这难道不是我们的责任吗?"),
    ("P401", "年度报告（2023年版)已发布。"),
    ("P402", "形成《关于推进工作的建议报告，报送市委。"),
    ("P402", "认真贯彻落实市委部署要求）推动工作落地见效。"),
    ("P402", "他说：“请认真阅读《朔州政协”》。"),
    ("P403", "会议圆满完成了各项议程。。"),
    ("P403", "要加强学习，。完善制度。"),
    ("P404", '请在表中填写"是"或"否"。'),
    ("P404", '他说 "我们要坚持" 的原则。'),
    ("P405", "着力夯实共同的 思想政治基础，推动事业发展。"),
    ("P405", "安装完成后重启 。"),
    ("P406", "煤炭、电力、化工...都在其中。"),
    ("P407", "这就是我们的目标--建设现代化塞上绿都。"),
    ("P408", "涉及能源、产业、生态……等多个方面。"),
    ("P409", "每周开展三、四次检查。"),
    ("P410", "全年完成造林３９９．８万公顷。"),
    ("P411", "力争全年增长3%－5%。"),
    ("P411", "发布实施2011-2020年中国农村扶贫开发纲要。"),
]

GOOD = [
    "本项目要求 Python (3.11) 以上版本。",
    "括号(、)、[、]、{、}都可以配对。",
    "调用 print(x) 函数，返回 f(a,b) 的值。",
    "Xi’an 是西安的拼音，students’ 是所有格。",
    "“第一段引文，\n\n“第二段引文，到这里结束。”",
    "三、四个意识的内涵需要深入学习。",
    "第三、四个方案都可行，获一、二等奖的作品已公布。",
    "大家一直在……等待消息。",
    "他想了想，说道：“好……”",
    "…………",
    "姓名　张三",
    "出席会议的有：王　刚、李　明等同志。",
    "形成《关于推动煤化一体化 助力产业转型升级的建议报告》。",
    "新华社北京3月12日电 记者从国家林草局获悉，全国完成造林任务。",
    '配置项 "name" 必须填写。',
    "坚持「第一议题」制度，开展「书香政协」建设。",
    "全年完成造林399.8万公顷，使用API接口上报数据。",
    "贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。",
    "依照《中华人民共和国土地管理法》、《中华人民共和国水法》等有关法律的规定。",
    "力争全年增长3%～5%，经过5—10年努力，打造中国－东盟自贸区，举办中国—中亚峰会。",
    "中共中央办公厅 国务院办公厅",
]


@pytest.mark.parametrize(("code", "text"), BAD, ids=[f"{c}-{t[:8]}" for c, t in BAD])
def test_defect_is_found(code: str, text: str) -> None:
    assert code in codes(text, [code])


@pytest.mark.parametrize("text", GOOD, ids=[t[:10] for t in GOOD])
def test_near_miss_is_clean(text: str) -> None:
    assert codes(text) == []


# -- details of individual rules ---------------------------------------------------------------


def test_halfwidth_fix_drops_the_space_typed_after_the_mark() -> None:
    assert (
        fix_string("主要问题是: 制度建设需要深化。", ["P401"]) == "主要问题是：制度建设需要深化。"
    )
    assert fix_string("北京, 上海, 广州", ["P401"]) == "北京，上海，广州"


def test_halfwidth_colon_before_a_time_but_not_inside_it() -> None:
    got = lint_string("会议时间:16:30，地点:第二会议室。", ["P401"])
    assert [d.args["text"] for d in got] == [":", ":"]
    assert fix_string("会议时间:16:30，地点:第二会议室。", ["P401"]) == (
        "会议时间：16:30，地点：第二会议室。"
    )


def test_unbalanced_reports_the_split_once_with_the_closing_location() -> None:
    text = "深刻领悟“两\n\n个确立”的决定性意义。"
    found = lint_string(text, ["P402"])
    assert len(found) == 1
    assert found[0].message.en.startswith("opening quotation mark “ is closed only in the next")
    assert found[0].related[0].span.start == text.index("”")


@pytest.mark.parametrize(
    ("text", "turned", "lone"),
    [
        ("有“关键字“的概念，“好的“错误类型。", [5, 13], []),
        ("推动”高效办成一件事”改革。", [2], []),
        ("他说：“好“，又说“不。", [5], [9]),  # the third quote stays lone
        # a sentence end, another mark or a long stretch between them: halves of two pairs
        ("他说“好。我说“不。", [], [2, 7]),
        ("他说“好《书》“不对。", [], [2, 7]),
        ("他说“" + "好" * 40 + "“不对。", [], [2, 43]),
    ],
)
def test_quotes_typed_the_wrong_way_round_are_reported_once_with_a_suggestion(
    text: str, turned: list[int], lone: list[int]
) -> None:
    found = lint_string(text, ["P402"])
    assert [d.span.start for d in found if "打反了" in d.message.zh] == turned
    assert [d.span.start for d in found if "打反了" not in d.message.zh] == lone
    for d in found:
        want = {"“": "”", "”": "“"}[text[d.span.start]] if d.span.start in turned else None
        assert (d.fix.edits[0].text if d.fix else None) == want
        assert d.fix is None or not d.fix.safe


def test_repeated_emphatic_marks_are_configurable() -> None:
    text = "这难道不是事实？！他说：“快跑！！”"
    assert codes(text, ["P403"]) == []
    opts = {"repeated-punct": {"allow-emphatic": False}}
    found = lint_string(text, ["P403"], options=opts)
    assert [text[d.span.start : d.span.end] for d in found] == ["？！"]  # not the quoted ！！


def test_mixed_quote_style_reports_the_minority_style() -> None:
    text = "坚持「第一议题」制度，开展「书香政协」建设，深化“智慧政协”建设。"
    found = lint_string(text, ["P404"])
    assert [text[d.span.start : d.span.end] for d in found] == ["“智慧政协”"]
    assert all(d.fix is not None and not d.fix.safe for d in found)


def test_space_fix_is_offered_but_not_applied() -> None:
    text = "集中力量 用时半年，形成报告。"
    (d,) = lint_string(text, ["P405"])
    assert d.fix is not None and not d.fix.safe
    assert fix_string(text, ["P405"]) == text


def test_ellipsis_and_dash_fixes() -> None:
    assert fix_string("我们要坚持。。。", ["P406"]) == "我们要坚持……"
    assert fix_string("他想了想…说道。", ["P406"]) == "他想了想……说道。"
    assert fix_string("—在全市工作会议上的讲话", ["P407"]) == "——在全市工作会议上的讲话"
    assert fix_string("成绩――来之不易。", ["P407"]) == "成绩——来之不易。"
    assert fix_string("成绩──来之不易。", ["P407"]) == "成绩——来之不易。"


def test_fullwidth_alphanumerics_fold_to_ascii() -> None:
    assert fix_string("使用ＡＰＩ接口，版本号为Ｖ２。", ["P410"]) == "使用API接口，版本号为V2。"


def test_all_safe_fixes_reach_a_fixed_point() -> None:
    text = "".join(t + "\n\n" for _, t in BAD)
    once = fix_string(text, ["P", "C"])
    assert once != text
    assert fix_string(once, ["P", "C"]) == once
    assert not [d for d in lint_string(once, ["P", "C"]) if d.fix is not None and d.fix.safe]


# -- helpers -------------------------------------------------------------------------------------


def test_protected_covers_urls_emails_and_inline_code() -> None:
    text = "见 https://a.cn/x?y=1,2 和 a.b@c.cn 以及 `f(x,y)` 的说明"
    prot = Protected(text)
    for needle in ("?", "1,2", "@", "(x,y)"):
        i = text.index(needle)
        assert prot.covers(i, i + len(needle)), needle
    assert not prot.covers(text.index("和"))


def test_chinese_block_tells_chinese_prose_from_english_with_examples() -> None:
    assert chinese_block("会议强调,要抓好落实;各地要按时报送材料.")
    assert chinese_block("本系统要求 Python 3.11 及以上版本，安装命令为 pip install wenlint。")
    assert not chinese_block("A title (书记, 市长, 主席) after a name is fine, as in the seed.")
