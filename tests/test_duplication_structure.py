"""D101/D102 on Markdown read the document's own scheme: a table of contents repeats the
headings, a header row is a table's template, parallel sections share a skeleton with different
fillings. Those repeats are structure; a real paste in the same documents is still reported."""

from __future__ import annotations

from pathlib import Path

from wenlint.testing import lint_string

INTRO = "本工具把中文数字转换为阿拉伯数字，也可以把阿拉伯数字转换回中文数字，支持金额、日期与分数。"
PASTE = "转换结果以字符串返回，因此不会出现超大数和浮点数精度丢失的问题，请放心在金额计算中使用。"


def _found(text: str, code: str = "D101", path: str = "README.md") -> list[tuple[str, int]]:
    return [(d.code, d.position[0]) for d in lint_string(text, [code], path=path)]


# -- a table of contents -------------------------------------------------------------------------

TOC = f"""\
# 数字转换工具

- [一、安装与引入方式说明（浏览器和 Node.js 环境）](#一安装)
- [二、中文数字转换为阿拉伯数字的接口说明](#二中文数字)
- [三、阿拉伯数字转换为中文数字的接口说明](#三阿拉伯数字)

{INTRO}

## 一、安装与引入方式说明（浏览器和 Node.js 环境）

运行 `npm install nzh` 即可安装。

## 二、中文数字转换为阿拉伯数字的接口说明

调用 `decode` 方法。

## 三、阿拉伯数字转换为中文数字的接口说明

调用 `encode` 方法。
"""


def test_table_of_contents_does_not_repeat_its_headings() -> None:
    assert _found(TOC) == []


def test_a_paste_in_a_document_with_a_table_of_contents_is_reported() -> None:
    text = TOC.replace("调用 `decode` 方法。", f"{PASTE}\n\n调用 `decode` 方法。")
    text += f"\n{PASTE}\n"
    assert _found(text) == [("D101", text.count("\n"))]


def test_a_list_item_that_repeats_one_heading_is_no_table_of_contents() -> None:
    # one item equal to a heading is not a scheme: the list is prose, the repeat a paste
    long = "中文数字转换为阿拉伯数字的接口说明、参数含义与使用时的注意事项"
    text = f"# 说明\n\n- {long}\n- 其他内容\n\n## {long}\n\n正文。\n"
    assert _found(text) == [("D101", 6)]


def test_the_same_lines_in_plain_text_are_still_reported() -> None:
    # plain text has no headings or lists: nothing is structure there
    line = "一、安装与引入方式说明（浏览器和 Node.js 环境）"
    text = f"{line}\n\n说明。\n\n{line}\n"
    assert _found(text, path="README.txt") == [("D101", 5)]


# -- a table header row as a template -----------------------------------------------------------

TABLES = """\
## 省级数据

| 行政区划代码 | 行政区划名称 | 所属城市代码 | 所属省份代码 | 数据更新日期 |
|---|---|---|---|---|
| 13 | 河北省 | -- | -- | 2024 |

## 市级数据

| 行政区划代码 | 行政区划名称 | 所属城市代码 | 所属省份代码 | 数据更新日期 |
|---|---|---|---|---|
| 1301 | 石家庄市 | 1301 | 13 | 2024 |
"""


def test_a_repeated_table_header_row_is_a_template() -> None:
    assert _found(TABLES) == []


def test_a_row_pasted_twice_in_one_table_is_reported() -> None:
    row = "| 130102 | 石家庄市长安区人民政府驻地街道办事处 | 1301 | 13 | 2024 |\n"
    text = TABLES + row + row
    assert [code for code, _ in _found(text)] == ["D101"]


# -- parallel sections -----------------------------------------------------------------------------

SHARED = "参数调用如下，所有附加参数都是可选的，不传时按默认方式转换。"
API = """\
# 接口

## 拼音接口

{shared}

```js
cnchar.spell(string, arg1, arg2);
```

{tail}

## 笔画接口

{shared}

```js
cnchar.stroke(string, arg1, arg2);
```

{tail2}
"""


def test_parallel_sections_share_their_skeleton() -> None:
    tail = "返回每个汉字的拼音，多音字按最常用读音给出，可以通过参数改为返回全部读音。"
    tail2 = "返回每个汉字的笔画数，繁体字需要先安装繁体字插件，否则按简体字计算笔画。"
    text = API.format(shared=SHARED, tail=tail, tail2=tail2)
    assert _found(text) == []


def test_a_section_copied_whole_under_another_heading_is_reported() -> None:
    # only the heading differs: the section shares no filling, its body is a paste
    body = f"{SHARED}\n\n{PASTE}\n"
    text = f"# 接口\n\n## 拼音接口\n\n{body}\n## 笔画接口\n\n{body}"
    assert _found(text) == [("D101", 11)]


def test_a_paragraph_pasted_elsewhere_in_a_parallel_section_is_reported() -> None:
    # same paragraph, but not at the same place of the two sections
    tail = "返回每个汉字的拼音，多音字按最常用读音给出，可以通过参数改为返回全部读音。"
    text = API.format(shared=SHARED, tail=tail, tail2=f"另有说明。\n\n{tail}\n\n再有说明。")
    assert [code for code, _ in _found(text)] == ["D101"]


def test_sub_items_of_parallel_list_items() -> None:
    text = (
        "## 功能\n\n"
        "- 支持把中文数字转换为阿拉伯数字：\n  - 支持日期、分数、百分比和摄氏度的写法；\n"
        "  - 支持带单位的金额写法；\n"
        "- 支持把阿拉伯数字转换为中文数字：\n  - 支持日期、分数、百分比和摄氏度的写法；\n"
        "  - 支持带单位的金额写法；\n"
    )
    assert _found(text) == []


def test_repeated_sub_heading_under_parallel_headings() -> None:
    sub = "高级用法：通过配置文件和忽略文件定制检查的规则、范围与输出格式"
    text = (
        f"# 用法\n\n## 命令行\n\n运行 `zhlint file.md`。\n\n### {sub}\n\n见下。\n\n"
        f"## 编程接口\n\n调用 `run(text)` 即可。\n\n另见示例。\n\n### {sub}\n\n见下例。\n"
    )
    assert _found(text) == []


# -- D102 ----------------------------------------------------------------------------------------

NEAR = (
    "cnchar 在 2.2.0 加入了{}功能，启用该功能需要先安装对应的功能库，该功能库可以独立于 cnchar "
    "主库运行，也可以与主库一起通过 script 标签引入页面使用。"
)


def test_near_repeat_in_parallel_sections_is_a_filling() -> None:
    text = (
        f"# 功能\n\n## 成语\n\n{NEAR.format('成语')}\n\n```js\nidiom('五');\n```\n\n"
        f"## 歇后语\n\n{NEAR.format('歇后语')}\n\n```js\nxhy('大');\n```\n"
    )
    assert _found(text, "D102") == []


FEATURE = (
    "提取文本{}（使用 TextRank 算法，参考 Mihalcea 与 Tarau 在 2004 年发表的论文实现，"
    "可以指定返回的条数和所用的停用词表）"
)


def test_like_items_of_one_list_differ_in_their_filling() -> None:
    text = f"## 特点\n\n* {FEATURE.format('关键词')}\n* {FEATURE.format('摘要')}\n"
    assert _found(text, "D102") == []


def test_a_slip_in_like_items_is_still_reported() -> None:
    # one character dropped: no filling, a slip
    slip = FEATURE.format("关键词").replace("算法", "算")
    text = f"## 特点\n\n* {FEATURE.format('关键词')}\n* {slip}\n"
    assert _found(text, "D102") == [("D102", 4)]


def test_near_repeat_in_one_section_is_reported() -> None:
    text = f"## 说明\n\n{NEAR.format('成语')}\n\n其他说明。\n\n{NEAR.format('歇后语')}\n"
    assert _found(text, "D102") == [("D102", 7)]


THANKS = "感谢[{}](http://www.{}.cn/)公开发布的行情数据，本项目的股票行情接口以这些数据为准，数据仅供学习和研究使用。"
EXCHANGES = [("上海证券交易所", "sse.com"), ("深圳证券交易所", "szse"), ("北京证券交易所", "bse")]


def _thanks(*lines: str) -> str:
    return "## 致谢\n\n" + "\n\n".join(lines) + "\n"


def test_a_run_of_paragraphs_on_one_skeleton_is_like_items() -> None:
    # the fillings (exchange and its address) share characters: the third paragraph on the
    # same skeleton shows the design
    text = _thanks(*(THANKS.format(*e) for e in EXCHANGES))
    assert _found(text, "D102") == []


def test_two_paragraphs_alike_in_a_shared_filling_are_reported() -> None:
    # without a third on the skeleton, a filling that shares characters may be a paste
    text = _thanks(*(THANKS.format(*e) for e in EXCHANGES[:2]))
    assert _found(text, "D102") == [("D102", 5)]


def test_a_slip_in_a_run_of_paragraphs_is_still_reported() -> None:
    # the last paragraph pasted from the first, one character lost, no filling changed
    first = THANKS.format(*EXCHANGES[0])
    text = _thanks(*(THANKS.format(*e) for e in EXCHANGES), first.replace("研究", "研"))
    assert _found(text, "D102") == [("D102", 9)]


def test_a_paragraph_off_the_skeleton_breaks_the_run() -> None:
    other = (
        "行情数据每天收盘后更新一次，节假日不更新，更新失败时接口返回上一个交易日的数据并给出提示。"
    )
    lines = [THANKS.format(*EXCHANGES[0]), other, THANKS.format(*EXCHANGES[1])]
    assert _found(_thanks(*lines), "D102") == [("D102", 7)]


# -- the fixtures' good.md: every kind of structure above, in one README -------------------------

FIXTURES = Path(__file__).parent / "rules"


def test_the_d101_fixture_readme_is_structure_and_a_paste_in_it_is_found() -> None:
    text = (FIXTURES / "D101-duplicate-block" / "good.md").read_text("utf-8")
    assert _found(text) == []
    intro = next(line for line in text.splitlines() if line.startswith("本工具"))
    pasted = text.replace("```html", f"{intro}\n\n```html")
    line = pasted.splitlines().index(intro, 10) + 1
    assert _found(pasted) == [("D101", line)]


def test_the_d102_fixture_readme_is_structure_and_a_slip_in_it_is_found() -> None:
    text = (FIXTURES / "D102-near-duplicate-block" / "good.md").read_text("utf-8")
    assert _found(text, "D102") == []
    last = text.splitlines()[-1]
    slipped = text + "\n" + last.replace("学习和研究", "学习和研") + "\n"
    assert _found(slipped, "D102") == [("D102", slipped.count("\n"))]


# -- min-chars counts the prose, not a link's address ----------------------------------------------


def test_a_repeated_pointer_is_short_whatever_its_link_address() -> None:
    # eleven characters of prose: the sixty of the address do not make it a paragraph
    pointer = "更多说明可见 [安装文档](https://example.readthedocs.io/zh-cn/stable/install/)。"
    text = f"## 安装\n\n运行 `pip install demo`。\n\n{pointer}\n\n## 使用\n\n{pointer}\n\n"
    text += "见下例。\n\n另见示例。\n"
    assert _found(text) == []
    long = "安装完成后请先运行一次自检命令，确认模型文件已经下载到本地缓存目录，再开始正式使用"
    text = text.replace("更多说明可见", long)
    assert _found(text) == [("D101", 9)]
    (d,) = lint_string(text, ["D101"], path="README.md")
    assert f"（{len(long) + 4 + 1} 字）" in str(d.message.zh)  # the prose, the link's text, 。


def test_a_repeated_pointer_in_two_readmes_is_short_too(tmp_path: Path) -> None:
    from wenlint.testing import run_cli

    pointer = "更多说明可见 [安装文档](https://example.readthedocs.io/zh-cn/stable/install/)。\n"
    (tmp_path / "a.md").write_text(f"# 甲\n\n{pointer}", "utf-8")
    (tmp_path / "b.md").write_text(f"# 乙\n\n{pointer}", "utf-8")
    code, out, _ = run_cli("check", "--no-config", "--select", "D101", str(tmp_path))
    assert code == 0, out
