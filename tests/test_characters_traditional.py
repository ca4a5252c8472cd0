"""C701 traditional-char: traditional characters in simplified text, quiet on traditional text."""

from __future__ import annotations

from wenlint.rules.characters import traditional_char
from wenlint.rules.characters.traditional_char import tables
from wenlint.testing import fix_string, lint_string

SIMPLIFIED = (
    "全年收集整理社情民意信息1239篇，编辑审核采用359篇，上报市政协311篇、采用28篇；"
    "报送市委、市政府《朔州政协专报》3期，推动了一些民生问题的解决。\n"
)
TRADITIONAL = (
    "全年收集整理社情民意資訊1239篇，編輯審核採用359篇，上報市政協311篇、採用28篇；"
    "報送市委、市政府《朔州政協專報》3期，推動了一些民生問題的解決。\n"
)


def test_traditional_characters_in_simplified_text() -> None:
    text = SIMPLIFIED.replace("编辑", "編輯")
    (d,) = lint_string(text, ["C701"])
    assert text[d.span.start : d.span.end] == "編輯"
    assert d.args["fixed"] == "编辑"
    assert fix_string(text, ["C701"]) == SIMPLIFIED


def test_document_traditional_throughout_is_quiet() -> None:
    assert lint_string(TRADITIONAL * 3, ["C701"]) == []


def test_simplified_text_and_shared_characters_are_quiet() -> None:
    text = SIMPLIFIED + "毕昇发明了活字印刷术，他的著作等身，乾坤朗朗，宫商角徵羽。\n"
    assert lint_string(text, ["C701"]) == []


def test_a_pasted_traditional_paragraph_is_reported_once() -> None:
    text = SIMPLIFIED * 4 + "\n" + TRADITIONAL
    found = lint_string(text, ["C701"])
    assert len(found) == 1
    assert found[0].message.en.startswith("this paragraph has")
    assert found[0].fix is not None and not found[0].fix.safe


def test_one_to_many_characters_get_no_safe_fix() -> None:
    text = SIMPLIFIED + "剩餘的工作明年完成。\n"  # 餘 → 余 or 馀
    (d,) = lint_string(text, ["C701"])
    assert d.fix is not None and not d.fix.safe


def test_japanese_text_is_not_simplified_chinese() -> None:
    text = SIMPLIFIED + "これは日本語の文章です。東京駅の後ろにあります。\n"
    assert lint_string(text, ["C701"]) == []


def test_dictionary_allow_list() -> None:
    text = SIMPLIFIED + "本文引用了书法作品“寧靜致遠”。\n"
    assert lint_string(text, ["C701"])
    config = {"dictionary": {"allow": ["寧靜致遠"]}}
    assert lint_string(text, ["C701"], config=config) == []


def test_opencc_is_loaded_only_when_a_traditional_character_appears() -> None:
    traditional_char.converter.cache_clear()
    lint_string(SIMPLIFIED * 5, ["C701"])
    assert traditional_char.converter.cache_info().currsize == 0
    lint_string(SIMPLIFIED.replace("编辑", "編輯"), ["C701"])
    assert traditional_char.converter.cache_info().currsize == 1


def test_tables_are_sane() -> None:
    tab = tables()
    assert {"機", "關", "後", "髮"} <= tab.trad
    assert not {"乾", "著", "瞭", "昇", "机", "关"} & tab.trad
    assert {"国", "这", "说"} <= tab.simp
    assert "餘" in tab.ambiguous


def test_gb2312_hint_holds_every_traditional_character_gb2312_encodes() -> None:
    # The gate that skips loading the tables relies on this (see _GB2312_TRAD).
    tab = tables()
    assert set(traditional_char._in_gb2312(tab.trad)) <= set(traditional_char._GB2312_TRAD)
    assert set(traditional_char._GB2312_TRAD) <= tab.trad


def test_tables_are_loaded_only_when_a_text_may_hold_a_traditional_character() -> None:
    traditional_char.tables.cache_clear()
    try:
        assert lint_string("今天的会议按时召开。\n", ["C701"]) == []
        assert traditional_char.tables.cache_info().currsize == 0
        (d,) = lint_string(SIMPLIFIED + "会议之後，各组分头讨论。\n", ["C701"])  # 後 is in GB 2312
        assert d.args["fixed"] == "后"
        assert traditional_char.tables.cache_info().currsize == 1
    finally:
        tables()


def test_the_shipped_tables_are_those_of_the_installed_opencc() -> None:
    # after an opencc upgrade: python -c "from wenlint.rules.characters.traditional_char import
    # write_tables; write_tables()"
    assert tables() == traditional_char.tables_from_opencc()


# A README's language switcher: each link names the language of the version it points at.
README = (
    "# 数据工具\n\n"
    "{switcher}\n\n"
    "这是一个用于数据处理的工具，支持多种文件格式。我们希望它能帮助开发者提高效率，"
    "欢迎大家提出意见和建议。\n"
)


def _c701(switcher: str) -> list[str]:
    text = README.format(switcher=switcher)
    return [d.args["text"] for d in lint_string(text, ["C701"], path="README.md")]


def test_a_link_to_another_language_version_names_that_language() -> None:
    assert _c701("[English](README.md) | [繁體中文](README.zh-TW.md) | 简体中文") == []
    assert _c701("[繁體版](README-zh-TW.md)") == []
    assert _c701('<a href="./docs/README_zh-Hant.md">繁體中文</a>') == []
    assert _c701("[繁體中文](https://github.com/o/r/blob/main/docs/zh-tw/README.md)") == []


def test_traditional_characters_elsewhere_in_the_readme_are_still_reported() -> None:
    # a link to a page that is no language version: its text is prose like any other
    assert _c701("[詳細說明](docs/guide.md)") == ["詳細說"]
    assert _c701("[繁體中文](https://en.wikipedia.org/wiki/Chinese)") == ["體"]
    # the switcher's name is left alone, a slip beside it is not
    assert _c701("[繁體中文](README.zh-TW.md)，更多內容见文档") == ["內"]
