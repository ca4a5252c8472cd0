"""P family against official practice: soft clauses of GB/T 15834 that official texts practise
otherwise are opt-in (P409 marked-items), recall of spaced straight quotes (P404), spaces before
full-width marks (P405), hyphens in ranges (P411), and each rule's declared fix availability."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.diagnostic import Diagnostic
from wenlint.rule import FixAvailability, Rule
from wenlint.rules.punctuation import RULES
from wenlint.testing import fix_string, lint_string

FIXTURES = Path(__file__).parent / "rules"
MARKED = {"superfluous-dunhao": {"marked-items": True}}


def spans(text: str, code: str, **kw: object) -> list[str]:
    found = lint_string(text, [code], **kw)  # type: ignore[arg-type]
    return [text[d.span.start : d.span.end] for d in found if d.code == code]


# -- P409: quoted and titled items are official practice ------------------------------------

WORK_REPORTS = [
    "我们将坚定不移地贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。",
    "持续做好“六稳”、“六保”工作，落实“爱国者治港”、“爱国者治澳”原则。",
    "还应当适用《中华人民共和国水法》、《中华人民共和国防洪法》等有关法律的规定。",
    "推动加入《数字经济伙伴关系协定》、《全面与进步跨太平洋伙伴关系协定》。",
]


@pytest.mark.parametrize("text", WORK_REPORTS, ids=[t[:8] for t in WORK_REPORTS])
def test_marked_items_are_left_alone_by_default(text: str) -> None:
    assert spans(text, "P409") == []


@pytest.mark.parametrize("text", WORK_REPORTS, ids=[t[:8] for t in WORK_REPORTS])
def test_marked_items_are_reported_and_fixed_when_opted_in(text: str) -> None:
    found = lint_string(text, ["P409"], options=MARKED)
    assert found and all(d.fix is not None and d.fix.safe for d in found)
    fixed = fix_string(text, ["P409"], options=MARKED)
    assert "”、“" not in fixed and "》、《" not in fixed
    assert fixed.replace("、", "") == text.replace("、", "")


def test_marked_items_with_a_note_between_keep_the_comma_when_opted_in() -> None:
    text = "在《作家》（孟十还主编）、《译文》（黄源主编）之后，又创办了新的刊物。"
    assert spans(text, "P409", options=MARKED) == []


def test_approximate_numbers_stay_on_by_default_with_an_unsafe_fix() -> None:
    text = "每周开展三、四次检查，参加人数约五、六十人。"
    found = lint_string(text, ["P409"])
    assert [text[d.span.start : d.span.end] for d in found] == ["三、四", "五、六"]
    assert all(d.fix is not None and not d.fix.safe for d in found)
    assert fix_string(text, ["P409"]) == text
    assert spans("一二三产业协调发展，获一、二等奖，一、二年级，第三、四个方案。", "P409") == []


# -- P404: straight quotes with spaces around them ----------------------------------------------


def test_spaced_straight_quotes_in_chinese_are_found_and_fixed_with_their_spaces() -> None:
    text = '他说 "我们要坚持" 的原则，推动"放管服" 改革。'
    assert spans(text, "P404") == ['"我们要坚持"', '"放管服"']
    assert fix_string(text, ["P404"]) == "他说“我们要坚持”的原则，推动“放管服”改革。"


@pytest.mark.parametrize(
    "text",
    [
        '配置文件中的 "name" 字段必须填写，例如 name = "王五"。',
        '运行 echo "你好" 命令后回车。',
        '在配置中写入 {"名称": "值"} 即可。',
        'The slogan "一国两制" means one country, two systems.',
        '列表写作 " 甲 " 与 " 乙 " 两项。',
    ],
)
def test_spaced_straight_quotes_in_code_or_english_are_clean(text: str) -> None:
    assert spans(text, "P404") == []


# -- P405: a space before a full-width mark -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("安装完成后重启 。", "安装完成后重启。"),
        ("参见第5条 ，按程序办理。", "参见第5条，按程序办理。"),
        ("他说：“好的 ”。", "他说：“好的”。"),
        ("（2024年3月12日 ）", "（2024年3月12日）"),
        ("运行 wenlint ，检查文件。", "运行 wenlint，检查文件。"),
        ("确保见效，  确保落实。", "确保见效，确保落实。"),
    ],
)
def test_space_next_to_a_chinese_mark_is_deleted_safely(text: str, fixed: str) -> None:
    found = lint_string(text, ["P405"])
    assert found and all(d.fix is not None and d.fix.safe for d in found)
    assert fix_string(text, ["P405"]) == fixed


def test_space_between_han_keeps_its_unsafe_fix() -> None:
    (d,) = lint_string("集中力量 用时半年，形成报告。", ["P405"])
    assert d.fix is not None and not d.fix.safe


@pytest.mark.parametrize(
    "text",
    [
        "第一章\u3000总\u3000\u3000则",
        "国务院总理\u3000李克强",
        "中共中央办公厅 国务院办公厅",
        "召 集 人：王刚",
        "姓名：\u3000\u3000\u3000\u3000，性别：\u3000\u3000。",
        "签名：    ，日期：    。",
        "第一条\u3000为了规范公文处理工作，制定本条例。",
        "这是3月5日拍摄的开幕会现场。新华社记者 李学仁 摄",
    ],
)
def test_layout_spaces_are_clean(text: str) -> None:
    assert spans(text, "P405") == []


def test_markdown_markup_before_a_mark_is_left_alone() -> None:
    for text in ("请先**重启** 。\n", "执行 `make` ，再检查。\n"):
        assert spans(text, "P405", markdown=True) == []
    assert spans("安装完成后重启 。\n", "P405", markdown=True) == ["\u0020"]


# -- P411: hyphens in ranges ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "suggested"),
    [
        ("力争全年增长3%－5%。", "3%－5%", "～"),
        ("颁布实施2011-2020年中国农村扶贫开发纲要。", "2011-2020", "—"),
        ("编制规划（2021－2025年）。", "2021－2025", "—"),
        ("经过5-10年努力。", "5-10", "～"),
        ("每年接待游客3万-5万人次。", "3万-5万", "～"),
        ("第1-3条规定的情形。", "1-3", "～"),
        ("用时2.5–3.5小时。", "2.5–3.5", "～"),
    ],
)
def test_hyphen_ranges_are_found_with_an_unsafe_suggestion(
    text: str, hit: str, suggested: str
) -> None:
    (d,) = lint_string(text, ["P411"])
    assert text[d.span.start : d.span.end] == hit
    assert d.fix is not None and not d.fix.safe
    assert [e.text for e in d.fix.edits] == [suggested]
    assert fix_string(text, ["P411"]) == text


def test_the_suggestion_follows_the_documents_own_connector() -> None:
    text = "经过5—10年努力，力争全年增长3%－5%。"
    (d,) = lint_string(text, ["P411"])
    assert d.fix is not None and [e.text for e in d.fix.edits] == ["—"]
    text = "增长15%～20%，2011-2020年。"
    (d,) = lint_string(text, ["P411"])
    assert d.fix is not None and [e.text for e in d.fix.edits] == ["～"]


@pytest.mark.parametrize(
    "text",
    [
        "打造中国－东盟自贸区，推进澜沧江－湄公河合作，举办中国—中亚峰会。",
        "按照GB/T 15834-2011执行，GB 50016-2014另有规定，参照GB/T15834-2011。",
        "本通知于2024-03-12印发，2024-3-12生效。",
        "联系电话：0349-6669672，传真010-88842603。",
        "地址：文远路82-84号，3-502室，3-5层。",
        "如图2-8所示，见表3-1，附件1-2。",
        "气温-5℃，计算10-3=7，以2-3负于对手，比分3-1。",
        "型号ARJ21-700，适用Python 3.8-3.11版本，V1.0-2.0。",
        "办公时间9:00-18:30，国务院令第711-712号。",
        "力争全年增长3%～5%，经过5—10年努力。",
    ],
)
def test_codes_dates_numbers_and_names_are_clean(text: str) -> None:
    assert spans(text, "P411") == []


# -- declared fix availability is the truth ---------------------------------------------------


def _findings(rule: type[Rule]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for ex in rule.examples:
        if ex.bad is not None:
            opts = {rule.name: dict(ex.options)} if ex.options else None
            found += lint_string(ex.bad, [rule.code], options=opts)
    bad = FIXTURES / f"{rule.code}-{rule.name}" / "bad.txt"
    if bad.exists():
        found += lint_string(bad.read_text("utf-8"), [rule.code])
    return [d for d in found if d.code == rule.code]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_declared_fix_availability_matches_the_fixes(rule: type[Rule]) -> None:
    found = _findings(rule)
    assert found
    safe = [d.fix is not None and d.fix.safe for d in found]
    if rule.fix is FixAvailability.ALWAYS:
        assert all(safe), "ALWAYS: every finding carries a safe fix"
    elif rule.fix is FixAvailability.NONE:
        assert all(d.fix is None for d in found)
    else:
        assert any(d.fix is not None for d in found) and not all(safe), (
            "SOMETIMES: some finding has no safe fix (else declare ALWAYS)"
        )
