"""Hostile documents, names and runs against wenlint's output (issue 16, items 2, 5, 7-9, 11-14).

Each class of attack or accident has its test: machine-readable text (URLs, e-mail addresses,
paths) is never prose; a report that cannot be written is one line and exit 2; document text and
file names never become markup, terminal escapes or workflow commands; undecodable names are shown
escaped in every format; Ctrl-C and dead workers end a parallel run cleanly; a user regex has a
budget; findings are cheap in memory.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint.markup import machine_spans, markdown_prose, plain_prose
from wenlint.testing import fix_string, lint_string
from wenlint.text.chars import MASK

# -- item 2: URLs, e-mail addresses and paths are not prose ---------------------------------------

BAIKE = "https://baike.baidu.com/item/政协(中国人民政治协商会议)/1234"
MACHINE = [
    BAIKE,
    "https://zh.wikipedia.org/wiki/中华人民共和国宪法",
    "http://www.gov.cn/search?q=政协&c=委员&page=2",
    "www.gov.cn/a,b",
    "ftp://files.example.org/文件(一)/a;b.txt",
    "/usr/share/doc/政协(中国)/x,y.txt",
    "./configure,x",
    "~/文档/说明(草稿).txt",
    "C:\\Users\\张三\\文档(一)\\a,b.docx",
    "a,b@example.com",
]


def test_machine_text_is_found_whole() -> None:
    for m in MACHINE:
        text = f"详见{m}，请查阅。"
        found = [text[a:b] for a, b in machine_spans(text)]
        want = m.split(",", 1)[1] if m.startswith("a,b@") else m
        assert found == [want], (m, found)


def test_prose_next_to_machine_text_stays_prose() -> None:
    # Han text straight after ASCII ends a URL; a sentence's punctuation is not the URL's
    text = "见https://www.gov.cn/zhengce/2021.htm等文件(草稿)。也见（www.gov.cn）."
    found = [text[a:b] for a, b in machine_spans(text)]
    assert found == ["https://www.gov.cn/zhengce/2021.htm", "www.gov.cn"]
    # slashes of prose are no paths: 元/吨, 和/或, 1/2/3, 中国/美国/日本
    for prose in ("价格为5元/吨/天", "和/或", "比例为1/2/3", "中国/美国/日本", "km/h"):
        assert machine_spans(prose) == [], prose
    # and the halfwidth bracket in the prose is still found
    assert any(d.code == "P401" for d in lint_string(text))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(MACHINE),
    st.sampled_from(["", "参见", "（见", "网址："]),
    st.sampled_from(["", "，", "。", "）", " 和", "\n"]),
    st.sampled_from(["test.txt", "test.md"]),
)
def test_machine_text_is_never_fixed_nor_reported(
    m: str, before: str, after: str, path: str
) -> None:
    text = f"我们今天开会,讨论工作。{before}{m}{after}请大家(务必)准时参加。\n"
    fixed = fix_string(text, path=path)
    assert m in fixed, fixed
    if after or m[-1].isascii():  # (Han right after a Han ending is the URL's, who can tell)
        assert "（务必）" in fixed  # the prose around it is still fixed
    start = text.index(m)
    for d in lint_string(text, path=path):
        assert d.span.end <= start or d.span.start >= start + len(m) or len(d.span) > len(m), d


def test_machine_text_is_masked_in_both_views_at_the_same_offsets() -> None:
    text = f"见{BAIKE}，完。\n"
    for view, _ in (plain_prose(text), markdown_prose(text)):
        assert len(view) == len(text)
        i = text.index(BAIKE)
        assert view[i : i + len(BAIKE)] == MASK * len(BAIKE)
        assert view[i + len(BAIKE) :] == "，完。\n"
