"""Inline suppression comments (SPEC §3), the same in .txt and .md; unknown codes are reported
(E002); the comments themselves are never linted. A test-only rule XT101 ("的的") is used."""

from __future__ import annotations

import pytest
from fake_rules import DoubledDe

from wenlint.config import parse_config
from wenlint.document import Document
from wenlint.registry import Registry, load_registry
from wenlint.rule import FixAvailability, Rule, Severity, T
from wenlint.runner import build_ruleset, lint_document


class AnyComma(Rule):
    """Reports every ASCII comma in the view: shows what the view hides."""

    code = "XT102"
    name = "ascii-comma-test"
    severity = Severity.WARNING
    fix = FixAvailability.NONE
    summary = T(zh="测试规则", en="test rule")
    rationale = T(zh="测试", en="test")
    messages = {"m": T(zh="逗号", en="comma")}

    def check(self, doc, ctx):  # type: ignore[no-untyped-def]
        from wenlint.document import Span

        i = doc.view.find(",")
        while i != -1:
            ctx.report(Span(i, i + 1), "m")
            i = doc.view.find(",", i + 1)


_REG: list[Registry] = []


def lint(text: str, path: str = "t.txt") -> list[tuple[str, int, int]]:
    if not _REG:
        reg = load_registry()
        reg.add(DoubledDe, "tests")
        reg.add(AnyComma, "tests")
        _REG.append(reg)
    rs = build_ruleset(_REG[0], parse_config({"select": ["XT"]}, None))
    doc = Document(path, text, markdown=path.endswith(".md"))
    diags, _ = lint_document(doc, rs)
    return [(d.code, d.position[0], d.position[1]) for d in diags if d.position]


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
def test_disable_next_line(path: str) -> None:
    text = "我的的书\n\n<!-- wenlint-disable-next-line XT101 -->\n我的的书\n\n我的的书\n"
    assert lint(text, path) == [("XT101", 1, 2), ("XT101", 6, 2)]


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
@pytest.mark.parametrize("token", ["XT101", "doubled-de-test", "XT1", "xt101", "XT101,XT102", ""])
def test_tokens_codes_names_prefixes_and_all(path: str, token: str) -> None:
    text = f"<!-- wenlint-disable-next-line {token} -->\n我的的书\n"
    assert lint(text, path) == []


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
def test_disable_enable_range_and_open_range_to_the_end(path: str) -> None:
    text = (
        "甲的的\n\n<!-- wenlint-disable XT101 -->\n\n乙的的\n\n丙的的\n\n"
        "<!-- wenlint-enable XT101 -->\n\n丁的的\n\n<!-- wenlint-disable -->\n\n戊的的\n"
    )
    assert lint(text, path) == [("XT101", 1, 2), ("XT101", 11, 2)]


def test_disable_one_rule_leaves_the_others() -> None:
    text = "<!-- wenlint-disable XT102 -->\n我的的书,甲\n"
    assert lint(text) == [("XT101", 2, 2)]


def test_enable_without_disable_and_comment_at_end_of_file() -> None:
    assert lint("<!-- wenlint-enable XT101 -->\n我的的\n") == [("XT101", 2, 2)]
    assert lint("我的的\n<!-- wenlint-disable-next-line -->") == [("XT101", 1, 2)]
    assert lint("<!-- wenlint-disable-next-line -->\n\n\n") == []


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
def test_unknown_code_is_reported_where_it_is_written(path: str) -> None:
    text = "正文。\n<!-- wenlint-disable-next-line XT101 Q999 -->\n我的的书\n"
    assert lint(text, path) == [("E002", 2, 38)]
    doc_only_unknown = "<!-- wenlint-disable Q999 -->\n我的的书\n"
    # an unknown code alone suppresses nothing
    assert lint(doc_only_unknown, path) == [("E002", 1, 22), ("XT101", 2, 2)]


@pytest.mark.parametrize("path", ["t.txt", "t.md"])
def test_comments_themselves_are_not_linted(path: str) -> None:
    text = "<!-- wenlint-disable-next-line XT102,XT101 -->\n正文。\n"
    assert lint(text, path) == []  # the comma inside the comment is no finding
    assert lint("正文<!-- wenlint-enable XT102,的的 -->。\n", path) == [("E002", 1, 29)]


def test_markdown_disable_next_line_covers_one_source_line() -> None:
    # a wrapped paragraph is one block, but the comment means the next line only
    text = "<!-- wenlint-disable-next-line XT101 -->\n我的的书\n你的的书\n"
    assert lint(text, "t.md") == [("XT101", 3, 2)]


def test_markdown_comment_in_code_is_an_example() -> None:
    text = (
        "```\n<!-- wenlint-disable XT101 -->\n```\n\n我的的书\n\n"
        "`<!-- wenlint-disable -->` 你的的\n"
    )
    assert lint(text, "t.md") == [("XT101", 5, 2), ("XT101", 7, 29)]
    # the same text as plain text: the comments are comments
    assert lint(text, "t.txt") == []


def test_a_rule_can_ask_whether_a_comment_turns_it_off() -> None:
    """The engine reads the comments once per document; a rule asks ``ctx.suppressed``."""
    from wenlint.document import Document
    from wenlint.rule import Context
    from wenlint.testing import registry, ruleset

    text = "甲。\n<!-- wenlint-disable-next-line W201 -->\n乙乙。\n丙。\n"
    doc = Document("t.txt", text)
    rs = ruleset(["W201"])
    rule = registry().rules["W201"]()
    ctx = Context(rule, doc, lambda rule, finding: None, suppressions=lambda: rs.suppressions(doc))
    second = text.index("乙")
    assert ctx.suppressed(second)
    assert not ctx.suppressed(text.index("丙"))
    assert not ctx.suppressed(second, "P401")
    assert rs.suppressions(doc) is rs.suppressions(doc)  # parsed once
