"""W201 at a compound boundary: 复权数据 + 数据源 (seen in a real README's change log) is two
compounds meeting, not 数据 typed twice; the slips beside it stay reported."""

from __future__ import annotations

from wenlint.testing import lint_string

# A change log that uses 复权数据 as a term of its own (前复权数据、复权数据接口), and 数据 often.
LOG = (
    "- 新增大盘指数历史行情数据（全部）\n"
    "- 新增新股上市数据\n"
    "- 修正基本面模块中数据重复的问题\n"
    "- 修正历史数据缺少一列的问题\n"
    "- 修改数值型数据的类型为浮点数\n"
    "- 历史某一阶段的前复权数据bug修复\n"
    "- 对前复权数据接口的bug进行了修改\n"
    "- 新增历史复权数据接口\n"
    "- {line}\n"
)


def _w201(text: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in lint_string(text, ["W201"])]


def test_a_term_then_a_compound_of_the_copy_is_not_a_doubling() -> None:
    assert _w201(LOG.format(line="修正复权数据数据源出现空值造成异常的问题")) == []


def test_the_second_copy_standing_free_is_still_a_doubling() -> None:
    # 数据|缺失: the second 数据 is a word of its own before another word
    assert _w201(LOG.format(line="修正复权数据数据缺失造成异常的问题")) == ["数据数据"]


def test_without_the_term_in_the_document_it_is_still_a_doubling() -> None:
    # the document never uses 复权数据 on its own: nothing shows the first copy closes a term
    text = "- 修正复权数据数据源出现空值造成异常的问题\n- 新增历史行情接口\n"
    assert _w201(text) == ["数据数据"]


def test_a_common_word_before_the_copy_is_still_a_doubling() -> None:
    # 推进 is a common word, not a term of the document: 推进城镇城镇化 is the slip of the table
    text = "推进城镇化建设。推进城镇工作。推进城镇规划。推进城镇城镇化建设。"
    assert _w201(text) == ["城镇城镇"]
