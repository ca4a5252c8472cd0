"""Property tests over random Unicode with every registered rule (built-in families included):
no rule fails, every span lies inside the text, safe fixes converge and leave none of the fixed
findings, a second --fix changes nothing, fixing keeps every character outside its edits, and in
Markdown fixes never touch code. Random bytes on stdin end in findings or one clear error."""

from __future__ import annotations

import itertools
import os
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.fix import MAX_ROUNDS, apply_edits, fix_text, select_fixes
from wenlint.runner import RuleSet, lint_document
from wenlint.testing import ruleset, run_cli_bytes
from wenlint.text.chars import MASK

EXAMPLES = int(os.environ.get("WENLINT_PROPERTY_EXAMPLES", "120"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that make rules fire: Han (BMP and astral), Chinese and ASCII punctuation, list markers,
# dates, quotes, brackets, spaces of every width, every newline, combining marks, full-width
# forms, the mask character itself, a BOM, Markdown syntax and suppression comments.
PIECES = [
    *"的是在了不和有人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经",
    "卫生卫生",
    "研究研究",
    "常常",
    "一一",
    "𠀀",
    "𪚥",
    "😀",
    "e\u0301",
    "\u0301",
    "\u200b",
    "\ufeff",
    MASK,
    *"，。、；：？！…—“”‘’《》（）【】「」·",
    *",.;:?!()[]\"'-/",
    "...",
    "。。。",
    "--",
    "——",
    "……",
    " ",
    "  ",
    "\u3000",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "一、",
    "二、",
    "（一）",
    "(一)",
    "1.",
    "2、",
    "（1）",
    "第一章",
    "第三条",
    "2024年03月12日",
    "2024-3-12",
    "ＡＢＣ１２３",
    "abc",
    "123",
    "國務院",
    "发展",
    "经济工作会议精神和，",
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "```",
    "`",
    "    ",
    "|",
    "| 甲 | 乙 |\n|---|---|\n",
    "[链接](http://a.cn/x,y)",
    "![图](a.png)",
    "<b>",
    "$x,y$",
    "**",
    "_",
    "\\",
    "&amp;",
    "https://example.com/a,b",
    "---\n",
    "<!-- wenlint-disable-next-line -->\n",
    "<!-- wenlint-disable P -->",
    "<!-- wenlint-enable -->",
    "<!-- wenlint-disable Q999 -->",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=80),
    # a paragraph pasted twice, with numbered items: the duplication and numbering rules
    st.lists(st.sampled_from(PIECES), min_size=8, max_size=30)
    .map("".join)
    .map(lambda p: f"一、{p}\n\n{p}\n\n一、{p}\n"),
)
MARKERS = [
    "一、",
    "二、",
    "三、",
    "四、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2.",
    "2、",
    "（1）",
    "第一条",
    "第二章",
]
TITLES = [
    "坚持高举旗帜",
    "着力优化营商环境",
    "加强基层医疗卫生人才队伍建设",
    "工作回顾",
    "主要做法。正文",
]
outlines = st.lists(
    st.tuples(st.sampled_from(MARKERS), st.sampled_from(TITLES), st.sampled_from(PIECES)),
    min_size=2,
    max_size=12,
).map(lambda items: "\n".join(f"{m}{t}{x}" for m, t, x in items) + "\n")
texts = st.one_of(texts, outlines)
paths = st.sampled_from(["t.txt", "t.md"])


@cache
def rules() -> RuleSet:
    return ruleset(select=["ALL"])


def lint(text: str, path: str) -> list[Diagnostic]:
    diags, _ = lint_document(Document(path, text, markdown=path.endswith(".md")), rules())
    return diags


def describe(d: Diagnostic) -> str:
    return f"{d.code} {d.name} {d.span} {d.message.en}"


def check_spans(text: str, diags: list[Diagnostic]) -> None:
    n = len(text)
    for d in diags:
        assert 0 <= d.span.start <= d.span.end <= n, describe(d)
        for r in d.related:
            if r.path is None:
                assert 0 <= r.span.start <= r.span.end <= n, describe(d)
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= n, describe(d)


@SETTINGS
@given(text=texts, path=paths)
def test_no_rule_fails_and_every_span_is_inside_the_text(text: str, path: str) -> None:
    diags = lint(text, path)
    failed = [d.message.en for d in diags if d.code == "E001"]
    assert not failed, (failed, text)
    check_spans(text, diags)


@SETTINGS
@given(text=texts, path=paths)
def test_safe_fixes_converge_keep_other_text_and_a_second_fix_is_a_no_op(
    text: str, path: str
) -> None:
    doc_md = path.endswith(".md")
    current = text
    diags = lint(current, path)
    for _ in range(MAX_ROUNDS):
        edits, count = select_fixes(diags)
        if not count:
            break
        # edits are sorted and disjoint, and the text between them survives untouched
        for a, b in itertools.pairwise(edits):
            assert a.end <= b.start, (a, b)
        new = apply_edits(current, edits)
        pos = 0
        rest = new
        for e in edits:
            keep = current[pos : e.start]
            assert rest.startswith(keep), (current, e)
            rest = rest[len(keep) :]
            assert rest.startswith(e.text)
            rest = rest[len(e.text) :]
            pos = e.end
        assert rest == current[pos:]
        if doc_md:  # fixes never touch what the prose view masks (code, URLs, HTML, markup)
            view = Document(path, current, markdown=True).view
            for e in edits:
                touched = view[e.start : e.end]
                assert MASK not in touched or MASK in current[e.start : e.end], (
                    [describe(d) for d in diags if d.fix and e in d.fix.edits],
                    current,
                )
        current = new
        diags = lint(current, path)
        check_spans(current, diags)
    result = fix_text(text, lambda t: lint(t, path))
    assert result.converged, ([describe(d) for d in result.diagnostics if d.fix], text)
    assert not [d for d in result.diagnostics if d.fix is not None and d.fix.safe], text
    again = fix_text(result.text, lambda t: lint(t, path))
    assert again.text == result.text and again.applied == 0


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None)
@given(
    text=st.text(st.characters(), max_size=60),
    junk=st.binary(max_size=20),
    path=paths,
    fix=st.booleans(),
)
def test_stdin_bytes_end_in_findings_or_one_clear_error(
    text: str, junk: bytes, path: str, fix: bool
) -> None:
    # lone surrogates pass through "surrogatepass" as invalid UTF-8 bytes
    raw = text.encode("utf-8", "surrogatepass") + junk
    args = ["check", "--no-config", "--color", "never", "--stdin-filename", path, "-"]
    code, out, stderr = run_cli_bytes(*args, *(["--fix"] if fix else []), input=raw)
    assert code in (0, 1, 2)
    err = [ln for ln in stderr.splitlines() if ln.strip()]
    if code == 2:
        assert len(err) == 1 and err[0].startswith("wenlint: error: "), stderr
    assert "Traceback" not in stderr and b"Traceback" not in out
    if fix and code == 2:
        assert out == raw  # undecodable input passes through unchanged


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
def test_fixed_findings_do_not_come_back_on_the_seed(path: str) -> None:
    from pathlib import Path

    seed = (Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt").read_text(
        "utf-8"
    )
    before = lint(seed, path)
    result = fix_text(seed, lambda t: lint(t, path))
    assert result.converged
    assert not [d for d in result.diagnostics if d.fix is not None and d.fix.safe]
    assert len(result.diagnostics) <= len(before)
    assert fix_text(result.text, lambda t: lint(t, path)).applied == 0


md_texts = st.lists(
    st.sampled_from([*PIECES, "\n", "\n\n", "    ", "1) ", "+ ", "===\n", "~~~\n", "<!--", "-->"]),
    max_size=80,
).map("".join)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(text=st.one_of(md_texts, texts), markdown=st.booleans())
def test_prose_view_invariants(text: str, markdown: bool) -> None:
    doc = Document("t.md" if markdown else "t.txt", text, markdown=markdown)
    view, blocks = doc.view, doc.blocks
    assert len(view) == len(text)
    for a, b in zip(text, view, strict=True):
        assert b == a or (b == MASK and a not in "\r\n"), (a, b, text)
    last = 0
    for i, blk in enumerate(blocks):
        assert blk.index == i
        assert blk.start >= last, (text, blocks)
        assert blk.text and view[blk.start : blk.end] == blk.text
        assert blk.text[0] not in " \t\n\r\u3000" and blk.text[-1] not in " \t\n\r\u3000"
        # a block never starts or ends with masked markup (a literal U+FFFC in the text may)
        assert text[blk.start] == blk.text[0] and text[blk.end - 1] == blk.text[-1]
        last = blk.end


@given(st.lists(st.sampled_from(["政", "a", " ", "\u3000", "\t", "\n", "\n", "\r\n", "\r"])))
def test_plain_paragraphs_are_the_same_by_the_fast_and_the_general_split(parts: list[str]) -> None:
    text = "".join(parts)
    from wenlint.document import Block, _text_blocks_any_newline, text_blocks

    def key(blocks: list[Block]) -> list[tuple[int, int, str, bool, bool]]:
        return [(b.index, b.start, b.text, b.blank_before, b.blank_after) for b in blocks]

    assert key(text_blocks(text)) == key(_text_blocks_any_newline(text))


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(1, 6)), max_size=8),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5)), max_size=8),
)
def test_blocks_touched_are_the_blocks_a_span_overlaps(
    layout: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> None:
    from wenlint.document import Block
    from wenlint.text.locate import blocks_touched

    blocks: list[Block] = []
    pos = 0
    for gap, size in layout:  # blocks in order, apart or touching
        pos += gap
        blocks.append(Block(len(blocks), pos, "字" * size))
        pos += size
    spans = [(s, s + n) for s, n in spans]
    expected = [b for b in blocks if any(s < b.end and b.start < e for s, e in spans)]
    assert blocks_touched(blocks, spans) == expected


@given(st.lists(st.sampled_from(["政", "a", "\n", "\r\n", "\r"]), max_size=30), st.data())
def test_a_span_position_is_the_line_and_column_of_its_ends(
    parts: list[str], data: st.DataObject
) -> None:
    from wenlint.document import LineIndex

    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lines = LineIndex(text)
    assert lines.position(start, end) == (*lines.line_col(start), *lines.line_col(end))
