"""F family: dates, years, number ranges and document numbers, on defects and on clean prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.testing import fix_string, lint_string

SEED = Path(__file__).parent.parent / "seeds" / "shuozhou-cppcc-2024-report.txt"


def _hits(text: str, select: str = "F") -> list[tuple[str, str]]:
    return [(d.code, text[d.span.start : d.span.end]) for d in lint_string(text, [select])]


def test_seed_gives_exactly_the_two_zero_padded_dates() -> None:
    text = SEED.read_text("utf-8")
    assert _hits(text) == [("F601", "2024年03月12日"), ("F601", "2017年11月01日")]
    fixed = fix_string(text, ["F"])
    assert "发证日期：2024年3月12日" in fixed and "设立日期：2017年11月1日" in fixed
    assert _hits(fixed) == []


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("2024年03月12日", "2024年3月12日"),
        ("2017年11月01日", "2017年11月1日"),
        ("2024年3月05日", "2024年3月5日"),
        ("2024年09月", "2024年9月"),
        ("于03月12日召开", "于3月12日召开"),
    ],
)
def test_zero_padded_date_is_fixed(bad: str, good: str) -> None:
    assert [c for c, _ in _hits(bad, "F601")] == ["F601"]
    assert fix_string(bad, ["F601"]) == good


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-12",  # GB/T 7408 all-numeric form pads by design
        "2024年3月12日至12月31日",
        "第03号文件，编号0349-6669672",
        "13月05日",  # not a month
        "12.05月",
    ],
)
def test_zero_padded_date_near_misses(text: str) -> None:
    assert _hits(text, "F601") == []


def test_mixed_date_formats_report_the_minority() -> None:
    text = (
        "2024年3月12日开会，2024年3月13日返程。\n\n材料于2024-03-08报送。\n\n二〇二四年三月一日\n"
    )
    assert _hits(text, "F602") == [("F602", "2024-03-08"), ("F602", "二〇二四年三月一日")]


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月12日开会，3月13日返程，2024年3月印发。\n",
        "电话：0349-6669672，地址：文远路82-84号，版本1.2.3，比分3-1。\n2024年3月12日\n",
        "二〇二四年三月十二日\n\n二〇二四年三月一日\n",
        "2024-03-12\n\n2024-03-13\n",
    ],
)
def test_one_date_style_is_silent(text: str) -> None:
    assert _hits(text, "F602") == []


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("二O二四年三月十二日", "二〇二四年三月十二日"),
        ("二零一七年", "二〇一七年"),
        ("一九九○年", "一九九〇年"),
        ("二〇一0年", "二〇一〇年"),
    ],
)
def test_wrong_zero_in_year(bad: str, good: str) -> None:
    assert fix_string(bad, ["F603"]) == good


@pytest.mark.parametrize(
    "text", ["二〇二四年", "三千零五十二人", "OO年", "一百零八年", "十零年", "二十年来"]
)
def test_wrong_zero_near_misses(text: str) -> None:
    assert _hits(text, "F603") == []


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("增长15～30%", "增长15%～30%"),
        ("9～16亿", "9亿～16亿"),
        ("13～17万元", "13万～17万元"),
        ("3-5万人次", "3万-5万人次"),
        ("2—3万亿元", "2万亿—3万亿元"),
        ("1.5~2.5‰", "1.5‰~2.5‰"),
    ],
)
def test_range_missing_unit(bad: str, good: str) -> None:
    assert fix_string(bad, ["F604"]) == good


@pytest.mark.parametrize(
    "text",
    [
        "15%～30%",
        "9亿～16亿",
        "100～150kg",
        "-36～-8℃",
        "2023—2024年",
        "文远路82-84号",
        "0349-6669672",
        "2024-03-12",
        "400—429页",
        "12 500～20 000元",
    ],
)
def test_range_near_misses(text: str) -> None:
    assert _hits(text, "F604") == []


def test_shortened_year_fix_is_safe_only_when_the_century_is_known() -> None:
    text = "2024年工作要点。24年3月12日召开会议。"
    assert fix_string(text, ["F605"]) == "2024年工作要点。2024年3月12日召开会议。"
    text = "香港于97年7月1日回归祖国。"
    (d,) = lint_string(text, ["F605"])
    assert d.fix is not None and not d.fix.safe
    assert d.args["full"] == "1997"


@pytest.mark.parametrize(
    "text",
    [
        "1997年7月1日",
        "服刑10年6个月",
        "工作了10年3月",  # a duration or a year: not certain, left alone
        "建市35周年",
        "90年代",
        "2024年3月",
    ],
)
def test_shortened_year_near_misses(text: str) -> None:
    assert _hits(text, "F605") == []


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("国办发[2012]10号", "国办发〔2012〕10号"),
        ("晋政发（2023）5号", "晋政发〔2023〕5号"),
        ("晋政发(2023)5号", "晋政发〔2023〕5号"),
        ("某政发【2021】18号", "某政发〔2021〕18号"),
        ("某政发﹝2021﹞18号", "某政发〔2021〕18号"),
        ("国办发〔2012〕第10号", "国办发〔2012〕10号"),
        ("国办发〔2012〕01号", "国办发〔2012〕1号"),
        ("国办发[2012]第001号", "国办发〔2012〕1号"),
    ],
)
def test_malformed_document_number(bad: str, good: str) -> None:
    assert fix_string(bad, ["F606"]) == good


def test_short_year_in_document_number_is_reported_without_fix() -> None:
    (d,) = lint_string("某政办发〔21〕3号", ["F606"])
    assert d.fix is None and d.args["year"] == "21"


@pytest.mark.parametrize(
    "text",
    [
        "（国办发〔2012〕10号）",
        "（2012）京民初字第10号民事判决书",
        "文远路82-84号",
        "第(1)号",
        "[2012]10号",  # no issuer: not read as a document number
        "1(2012)10号",
    ],
)
def test_document_number_near_misses(text: str) -> None:
    assert _hits(text, "F606") == []


CLEAN_PROSE = """\
新华社北京3月12日电 在我国第46个植树节到来之际，全国绿化委员会办公室发布\
《2023年中国国土绿化状况公报》。\
公报显示，全国全年完成造林399.8万公顷、种草改良437.9万公顷，国土绿化面积超800万公顷。

2023年，全国林草产业总产值达9.28万亿元，同比增长2.3%，增幅较上年提高0.5至1个百分点。\
全年新建和改造提升城市绿地3.4万公顷，开工建设“口袋公园”4128个，建设绿道5325公里。

根据《国务院办公厅关于科学绿化的指导意见》（国办发〔2021〕19号），各地要科学确定绿化目标。\
本方案自2024年3月12日起施行，有效期至2026年12月31日。

1997年7月1日，香港回归祖国；20世纪90年代以来，我国经济持续快速发展。\
市政协成立于1989年，至今已走过35年历程。

联系电话：0349-6669672；地址：文远路82-84号；邮政编码：036000。

二〇二四年是新中国成立75周年。
"""


def test_clean_prose_is_silent() -> None:
    assert _hits(CLEAN_PROSE) == []
