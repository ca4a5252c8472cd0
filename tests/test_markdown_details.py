"""Markdown details seen on real Chinese READMEs (issue 17, item 6): footnotes are prose with
their markers masked, a bare URL is masked whole (Han in its path, percent-encoding, balanced
parentheses), and a parenthesis around inline code is judged by the text around it."""

from __future__ import annotations

import pytest

from wenlint.document import Document
from wenlint.markup import machine_spans, markdown_prose
from wenlint.testing import fix_string, lint_string
from wenlint.text.chars import MASK

# -- footnotes ---------------------------------------------------------------------------------

NOTES = """\
本工具支持简繁转换[^1]，也支持拼音标注[^注]。

- 列表项里的引用[^1]

[^1]: 转换表来自开放中文转换项目,按词组转换。
    续行也是脚注的正文(第二行)。

    脚注的第二段。
[^注]: 拼音按《汉语拼音方案》标注。

后文。
"""


def test_footnote_text_is_prose_and_its_markers_are_masked() -> None:
    view, blocks = markdown_prose(NOTES)
    assert len(view) == len(NOTES)
    texts = [(b.kind, b.text.replace(MASK, ""), bool(b.meta.get("footnote"))) for b in blocks]
    assert texts == [
        ("paragraph", "本工具支持简繁转换，也支持拼音标注。", False),
        ("list_item", "列表项里的引用", False),
        (
            "paragraph",
            "转换表来自开放中文转换项目,按词组转换。\n续行也是脚注的正文(第二行)。",
            True,
        ),
        ("paragraph", "脚注的第二段。", True),
        ("paragraph", "拼音按《汉语拼音方案》标注。", True),
        ("paragraph", "后文。", False),
    ]
    assert "[^" not in view and "^1" not in view and "^注" not in view
    # blocks stay in text order (the parser puts footnotes last) and point into the source
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    for b in blocks:  # the view keeps the source's characters where it does not mask
        source = NOTES[b.start : b.end]
        assert all(v in (MASK, c) for v, c in zip(b.text, source, strict=True))


def test_defects_in_a_footnote_are_found_and_fixed_in_place() -> None:
    found = [(d.code, d.position[:2]) for d in lint_string(NOTES, ["P401"], path="a.md")]
    assert found == [("P401", (5, 20)), ("P401", (6, 14))]
    fixed = fix_string(NOTES, ["P401"], path="a.md")
    assert "[^1]: 转换表来自开放中文转换项目，按词组转换。" in fixed
    assert "续行也是脚注的正文（第二行）。" in fixed
    assert "支持简繁转换[^1]，" in fixed  # the markers are untouched


def test_a_clean_footnote_gives_nothing() -> None:
    note = "[^1]: 见《国务院关于印发某某方案的通知》（国发〔2024〕1号）。"
    text = f"正文引用了一份文件[^1]。\n\n{note}\n"
    assert lint_string(text, path="a.md") == []


def test_an_undefined_footnote_marker_is_left_as_written() -> None:
    # without a definition GitHub prints “[^9]” as text; wenlint reads it as it is shown
    _, blocks = markdown_prose("见注释[^9]。\n")
    assert [b.text for b in blocks] == ["见注释[^9]。"]


# -- bare URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "见https://zh.wikipedia.org/wiki/中文维基百科，了解",
            "https://zh.wikipedia.org/wiki/中文维基百科",
        ),
        (
            "见 https://zh.wikipedia.org/wiki/Python中文教程/第一章 了解",
            "https://zh.wikipedia.org/wiki/Python中文教程/第一章",
        ),
        ("见 https://example.com/2024年报告.pdf。", "https://example.com/2024年报告.pdf"),
        (
            "见 https://de.wikipedia.org/wiki/Größe_und_中文 了解",
            "https://de.wikipedia.org/wiki/Größe_und_中文",
        ),
        (
            "见 https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87。",
            "https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87",
        ),
        (
            "（见 https://en.wikipedia.org/wiki/Bracket_(mathematics)）",
            "https://en.wikipedia.org/wiki/Bracket_(mathematics)",
        ),
        (
            "(见 https://en.wikipedia.org/wiki/Bracket_(mathematics))",
            "https://en.wikipedia.org/wiki/Bracket_(mathematics)",
        ),
        (
            "访问https://zh.wikipedia.org/wiki/汉字(文字)了解更多",
            "https://zh.wikipedia.org/wiki/汉字(文字)",
        ),
        (
            "见 https://example.com/search?q=中文&page=2，然后",
            "https://example.com/search?q=中文&page=2",
        ),
        ("见 https://example.com/report2021.htm等文件", "https://example.com/report2021.htm"),
        ("见 https://example.com/2024年报告。", "https://example.com/2024"),
    ],
)
def test_a_bare_url_is_masked_whole(text: str, url: str) -> None:
    assert [text[a:b] for a, b in machine_spans(text)] == [url]


def test_han_in_a_url_path_gives_no_finding() -> None:
    # the path would give P401 (half-width parentheses) and W201 (两两) as prose
    text = "详见 https://zh.wikipedia.org/wiki/Python教程/两两分组(第一章) 的说明。\n"
    for path in ("a.md", "a.txt"):
        assert lint_string(text, path=path) == []


# -- a parenthesis around inline code ------------------------------------------------------------


def test_a_parenthesis_around_inline_code_is_judged_by_the_text_around_it() -> None:
    text = "运行命令(`wenlint --fix`)即可修复全部问题。\n"
    [d] = lint_string(text, ["P401"], path="a.md")
    assert d.message.zh.startswith("中文语境中的半角括号“(`wenlint --fix`)”")
    assert (
        fix_string(text, ["P401"], path="a.md") == "运行命令（`wenlint --fix`）即可修复全部问题。\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "运行命令（`wenlint --fix`）即可修复全部问题。\n",  # already full-width
        "调用 `print`(x) 函数即可。\n",  # code right before: a call
        "需要 Python (`3.11`) 以上版本。\n",  # an English phrase's note
        "见官方文档([说明](https://example.com/a))即可。\n",  # a link inside: markup
        "在文件中写 `f(a, b)` 的调用即可。\n",  # parentheses inside the code
    ],
)
def test_parenthesis_and_inline_code_left_alone(text: str) -> None:
    assert lint_string(text, ["P401"], path="a.md") == []


def test_inline_code_is_still_no_prose() -> None:
    doc = Document("a.md", "命令(`a,b`)。\n", markdown=True)
    assert "a,b" not in doc.view
