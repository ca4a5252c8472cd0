"""Documents linted in one process in any order, rule by rule, get the findings each gets alone:
no rule keeps one document's data where the next document sees it (issue 15, item 4)."""

from __future__ import annotations

from pathlib import Path

from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.runner import lint_document
from wenlint.testing import registry, ruleset

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "rules").iterdir())


def _texts() -> list[tuple[str, str]]:
    """Three documents with findings of every rule: the fixtures' bad texts, split in two, and
    the seed."""
    bads = [(d / "bad.txt").read_text("utf-8") for d in FIXTURES if (d / "bad.txt").exists()]
    seed = (ROOT / "seeds" / "shuozhou-cppcc-2024-report.txt").read_text("utf-8")
    return [("a.txt", "\n\n".join(bads[0::2])), ("b.txt", "\n\n".join(bads[1::2])), ("s.txt", seed)]


def _key(d: Diagnostic) -> tuple[object, ...]:
    return (d.path, d.span.start, d.span.end, d.code, repr(d.message), repr(d.fix), repr(d.related))


def test_documents_linted_rule_by_rule_in_turn_find_what_each_finds_alone() -> None:
    texts = _texts()
    codes = sorted(registry().rules)
    alone = {
        path: sorted(map(_key, lint_document(Document(path, text), ruleset(["ALL"]))[0]))
        for path, text in texts
    }
    assert all(alone.values())
    for order in (texts, texts[::-1]):
        docs = [Document(path, text) for path, text in order]  # one object each, as a server has
        found: dict[str, list[tuple[object, ...]]] = {path: [] for path, _ in order}
        for code in codes:
            rs = ruleset([code])
            for doc in docs:
                found[doc.path] += map(_key, lint_document(doc, rs)[0])
        assert {path: sorted(keys) for path, keys in found.items()} == alone
