"""The marker and numeral parser of the N family."""

from __future__ import annotations

import pytest

from wenlint.rules.numbering.markers import (
    ARABIC,
    ARABIC_HALF,
    ARABIC_PAREN,
    ARTICLE,
    CHAPTER,
    CIRCLED,
    CN,
    CN_PAREN,
    SECTION,
    cn_numeral,
    parse_cn_numeral,
    parse_marker,
    render,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("一十五", 15),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零一", 101),
        ("一百〇一", 101),
        ("一百一十", 110),
        ("两百", 200),
        ("两千零二十", 2020),
    ],
)
def test_cn_numerals(text: str, value: int) -> None:
    assert parse_cn_numeral(text) == value


@pytest.mark.parametrize("text", ["", "两", "十十", "二二", "零", "三百五", "百", "甲"])
def test_ill_formed_cn_numerals(text: str) -> None:
    assert parse_cn_numeral(text) is None


def test_cn_numeral_round_trip() -> None:
    for n in range(1, 2100):
        assert parse_cn_numeral(cn_numeral(n)) == n


@pytest.mark.parametrize(
    ("text", "kind", "value", "form"),
    [
        ("一、坚持高举旗帜", CN, 1, "N、"),
        ("十二、其他事项", CN, 12, "N、"),
        ("二、一体化推进", CN, 2, "N、"),
        ("三、十大工程", CN, 3, "N、"),
        ("一.总体要求", CN, 1, "N."),
        ("（一）加强组织领导", CN_PAREN, 1, "（N）"),
        ("(一)加强组织领导", CN_PAREN, 1, "(N)"),
        ("（二）、抓好春耕", CN_PAREN, 2, "（N）、"),
        ("1.安装", ARABIC, 1, "N."),
        ("12. 安装", ARABIC, 12, "N."),
        ("3、检查", ARABIC, 3, "N、"),
        ("１．检查", ARABIC, 1, "Ｎ．"),
        ("1、2023年以来", ARABIC, 1, "N、"),
        ("（1）落实补贴", ARABIC_PAREN, 1, "（N）"),
        ("(2)落实补贴", ARABIC_PAREN, 2, "(N)"),
        ("3）落实补贴", ARABIC_HALF, 3, "N）"),
        ("③完善机制", CIRCLED, 3, "①"),
        ("第一章　总则", CHAPTER, 1, "第N章"),
        ("第二节 审批程序", SECTION, 2, "第N节"),
        ("第一百零一条　本法自公布之日起施行。", ARTICLE, 101, "第N条"),
    ],
)
def test_markers(text: str, kind: str, value: int, form: str) -> None:
    m = parse_marker(text)
    assert m is not None
    assert (m.kind, m.value, m.form) == (kind, value, form)
    assert text.startswith(m.text)


@pytest.mark.parametrize(
    "text",
    [
        "2023年，是贯彻落实二十大精神的开局之年。",
        "6.3万平方公里，建设生态清洁小流域505条。",
        "一年来，国土绿化行动扎实开展。",
        "1939年出生，中共党员。",
        "一、二年级学生参加活动。",
        "1、2号楼已经封顶。",
        "3.5%的增长。",
        "1.1 范围",
        "第一条规定，当事人应当如实陈述。",
        "第一节课上，老师讲解了新内容。",
        "第一，要提高认识。",
        "一是抓学习，二是抓落实。",
        "（2024年2月26日）",
        "（一），（二）两项由市里负责。",
        "两、三天后再议。",
        "十分重要。",
        "",
    ],
)
def test_numbers_that_are_not_markers(text: str) -> None:
    assert parse_marker(text) is None


def test_supplementary_article() -> None:
    m = parse_marker("第一百二十条之一　资助恐怖活动的，处五年以下有期徒刑。")
    assert m is not None and m.supplement and m.value == 120


def test_render() -> None:
    assert render(CN_PAREN, 3) == "（三）"
    assert render(ARABIC, 4) == "4."
    assert render(ARABIC, 4, "Ｎ．") == "４．"
    assert render(CIRCLED, 2, "①") == "②"
