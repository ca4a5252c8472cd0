"""Markdown is linted as prose: the view masks code, HTML, URLs, math, front matter and markup;
blocks are paragraphs, headings, list items and table cells; positions point into the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.document import Document
from wenlint.markup import SOFT_BREAK_RE, front_matter_lines, markdown_prose, plain_prose
from wenlint.testing import fix_string, lint_string, run_cli
from wenlint.text.chars import MASK

DOC = """\
---
title: 工作报告,草稿
---

# 一、总体要求 #

> 引用\\*第一行\\
> 第二行 `a,b` [链接文字](http://example.com/a,b "标题,甲") &amp; $x,y$，见https://example.com/x,y。

1. 第一项
   续行
2) 第二项
   - 子项

| 甲 | 乙 |
|---|---|
| 1 | a\\|b |

```python
print("你好,世界")
```

    缩进代码,不查

<div>块级,HTML</div>

段落<!-- 注释,不查 -->尾巴 ![图片,说明](x.png) **粗体** ~~删除~~ 完。

$$
E=mc^2,不查
$$

价格$5和$6都是文字。
"""


def prose(text: str) -> tuple[str, list]:
    view, blocks = markdown_prose(text)
    assert len(view) == len(text)
    for i, (a, b) in enumerate(zip(text, view, strict=True)):
        assert b == a or (b == MASK and a not in "\r\n"), (i, a, b)
    for blk in blocks:
        assert view[blk.start : blk.end] == blk.text
    return view, blocks


def visible(view: str) -> str:
    return "".join(ch for ch in view if ch != MASK)


def test_view_keeps_prose_and_masks_everything_else() -> None:
    view, _ = prose(DOC)
    seen = visible(view)
    for kept in ("一、总体要求", "引用", "*第一行", "第二行", "链接文字", "第一项", "续行", "子项"):
        assert kept in seen
    for gone in (
        "title",  # front matter
        "a,b",  # inline code, and the URL of the link
        "example.com",
        "标题,甲",  # link title
        "x,y",  # math and bare URL
        "你好",  # fenced code
        "缩进代码",
        "块级",
        "注释",
        "图片",  # image alt text
        "E=mc",
        "#",
        ">",
        "1.",
        "2)",
        "- ",
        "**",
        "~~",
        "&amp;",
        "\\",
    ):
        assert gone not in seen, gone
    assert "价格$5和$6都是文字。" in seen  # dollars before digits are not math
    assert "\n甲乙\n" in seen and "\n1a|b\n" in seen  # table pipes masked, escaped one is text


def test_blocks_kinds_levels_and_list_numbers() -> None:
    _, blocks = prose(DOC)
    got = [(b.kind, b.level, b.text.split("\n")[0]) for b in blocks]
    assert got == [
        ("heading", 1, "一、总体要求"),
        ("paragraph", 0, "引用" + MASK + "*第一行" + MASK),
        ("list_item", 1, "第一项"),
        ("list_item", 1, "第二项"),
        ("list_item", 2, "子项"),
        ("table_cell", 0, "甲"),
        ("table_cell", 0, "乙"),
        ("table_cell", 0, "1"),
        ("table_cell", 0, "a" + MASK + "|b"),
        ("paragraph", 0, blocks[9].text),
        ("paragraph", 0, "价格$5和$6都是文字。"),
    ]
    assert blocks[1].meta == {"quote": 1}
    assert blocks[2].meta == {"ordered": True, "list_marker": ".", "list_number": 1}
    assert blocks[3].meta == {"ordered": True, "list_marker": ")", "list_number": 2}
    assert blocks[4].meta == {"ordered": False, "list_marker": "-"}
    assert blocks[8].meta == {"row": 1, "col": 1, "header": False}
    assert [b.index for b in blocks] == list(range(len(blocks)))


def test_list_numbers_are_written_numbers_not_renumbered() -> None:
    _, blocks = prose("3. 三\n3. 又是三\n5. 五\n")
    assert [b.meta["list_number"] for b in blocks] == [3, 3, 5]
    assert [b.blank_before for b in blocks] == [True, False, False]


def test_soft_wrapped_paragraph_is_one_block_with_the_line_break_in_its_text() -> None:
    text = "> 第一行文字\n> 第二行文字\n\n第三段"
    _, blocks = prose(text)
    assert [b.text for b in blocks] == [f"第一行文字\n{MASK * 2}第二行文字", "第三段"]
    assert SOFT_BREAK_RE.sub("", blocks[0].text) == "第一行文字第二行文字"
    assert blocks[0].blank_after and blocks[1].blank_before


def test_heading_then_paragraph_without_blank_line_are_adjacent() -> None:
    _, blocks = prose("## 标题\n正文第一段\n\n正文第二段\n")
    assert [(b.kind, b.blank_before, b.blank_after) for b in blocks] == [
        ("heading", True, False),
        ("paragraph", False, True),
        ("paragraph", True, True),
    ]


def test_setext_heading() -> None:
    _, blocks = prose("总体要求\n========\n\n正文")
    assert (blocks[0].kind, blocks[0].level, blocks[0].text) == ("heading", 1, "总体要求")


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_same_view_and_blocks(nl: str) -> None:
    lf_view, lf_blocks = prose(DOC)
    view, blocks = prose(DOC.replace("\n", nl))
    assert view.replace("\r\n", "\n").replace("\r", "\n") == lf_view
    assert [b.kind for b in blocks] == [b.kind for b in lf_blocks]
    doc = Document("x.md", DOC.replace("\n", nl), markdown=True)
    lf_doc = Document("x.md", DOC, markdown=True)
    assert [doc.line_col(b.start) for b in blocks] == [lf_doc.line_col(b.start) for b in lf_blocks]


def test_front_matter() -> None:
    assert front_matter_lines(["---", "a: 1", "---", "x"]) == 3
    assert front_matter_lines(["+++", "a = 1", "+++"]) == 3
    assert front_matter_lines(["---", "no end"]) == 0
    assert front_matter_lines(["正文", "---"]) == 0
    _, blocks = prose("---\ntitle: 标题,甲\n---\n正文。")
    assert [b.text for b in blocks] == ["正文。"]


def test_links_images_autolinks_and_references() -> None:
    text = (
        "见[第一(甲)项](<a b.md> '题') 和[参考][ref]、[简写]与<https://a.cn/x,y>及"
        "![图](i.png)完。\n\n[ref]: https://b.cn/p,q\n[简写]: /s\n"
    )
    _, blocks = prose(text)
    assert [b.text.replace(MASK, "") for b in blocks] == ["见第一(甲)项 和参考、简写与及完。"]


def test_nested_emphasis_and_code_with_longer_fences() -> None:
    text = "这是***重要***的``代码`里`面``，还有 `` ` `` 和\\`转义\\`。"
    _, blocks = prose(text)
    assert blocks[0].text.replace(MASK, "") == "这是重要的，还有  和`转义`。"


def test_html_comment_and_inline_html_are_masked() -> None:
    _, blocks = prose("正文<span>甲,乙</span>尾。\n\n<!-- 整段注释,\n两行 -->\n")
    assert [b.text.replace(MASK, "") for b in blocks] == ["正文甲,乙尾。"]


def test_empty_and_markup_only_documents() -> None:
    for text in ("", "\n\n", "---\n", "```\n", "> ", "1.", "|a|\n|-|", "![x](y)", "***"):
        _, blocks = prose(text)
        assert all(b.text.strip() for b in blocks)


def test_plain_text_masks_suppression_comments_and_urls() -> None:
    text = "第一行\n<!-- wenlint-disable-next-line W201 -->\n见https://www.gov.cn/a,b。\n"
    view, blocks = plain_prose(text)
    assert len(view) == len(text)
    assert [b.text for b in blocks] == [
        "第一行",
        "见" + MASK * len("https://www.gov.cn/a,b") + "。",
    ]
    assert blocks[0].blank_after and blocks[1].blank_before  # the comment line counts as blank


def test_plain_text_without_anything_to_mask_is_unchanged() -> None:
    text = "第一行\n第二行\n"
    view, blocks = plain_prose(text)
    assert view is text and [b.text for b in blocks] == ["第一行", "第二行"]


# -- through the rules and the CLI -----------------------------------------------------------------


def test_fixes_never_touch_code_or_urls() -> None:
    fixed = fix_string(DOC, path="doc.md")
    for kept in (
        'print("你好,世界")',
        "    缩进代码,不查",
        "`a,b`",
        "(http://example.com/a,b",
        "<div>块级,HTML</div>",
        "E=mc^2,不查",
        "title: 工作报告,草稿",
        "<!-- 注释,不查 -->",
        "https://example.com/x,y",
    ):
        assert kept in fixed, kept


def test_code_is_not_linted_but_prose_is() -> None:
    code = "```\n甲,乙\n```\n\n    甲,乙\n\n`甲,乙`\n"
    assert lint_string(code, path="a.md") == []
    assert lint_string(code, path="a.md", markdown=False)  # the same text as .txt has findings


def test_markdown_list_numbers_are_not_punctuation() -> None:
    text = "1. 第一项内容。\n2. 第二项内容。\n10. 第十项内容。\n"
    assert [d for d in lint_string(text, path="a.md") if d.code.startswith("P")] == []


def test_cli_positions_point_into_the_markdown_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        "# 标题\n\n```\n<!-- wenlint-disable W999 -->\n```\n\n> 正文<!-- wenlint-disable W999 -->\n"
    )
    Path("a.md").write_text(text, "utf-8")
    r = run_cli("check", "--no-config", "--color", "never", "a.md")
    assert "a.md:7:" in r.stdout and "E002" in r.stdout, r.stdout
