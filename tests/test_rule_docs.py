"""The rule pages ``rules/docs/CODE.md`` (the ``helpUri`` of SARIF rules): one per built-in and
engine rule, generated from the rule's own fields (``wenlint explain CODE`` in Chinese, then in
English), never edited by hand. WENLINT_UPDATE_SNAPSHOTS=1 rewrites them; review the diff."""

from __future__ import annotations

import os
from pathlib import Path

from wenlint.engine_rules import ENGINE_RULES
from wenlint.explain import explain_text
from wenlint.report.sarif import docs_dir
from wenlint.rule import Rule
from wenlint.testing import registry

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "rules" / "docs"
HEADER = (
    "<!-- Generated from the rule's own fields by tests/test_rule_docs.py "
    "(WENLINT_UPDATE_SNAPSHOTS=1): edit the rule, not this page. -->\n\n"
)


def page(rule: type[Rule]) -> str:
    return f"{HEADER}{explain_text(rule, 'zh')}\n\n---\n\n{explain_text(rule, 'en')}\n"


def every_rule() -> list[type[Rule]]:
    return sorted([*registry().sorted(), *ENGINE_RULES], key=lambda r: r.code)


def test_every_rule_has_its_page_and_no_page_is_stale() -> None:
    rules = every_rule()
    want = {f"{r.code}.md": page(r) for r in rules}
    if os.environ.get("WENLINT_UPDATE_SNAPSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        for name, text in want.items():
            (DOCS / name).write_text(text, "utf-8")
        for stale in set(p.name for p in DOCS.glob("*.md")) - set(want):
            (DOCS / stale).unlink()
    have = {p.name: p.read_text("utf-8") for p in DOCS.glob("*.md")}
    assert sorted(have) == sorted(want), "rule pages missing or stale (WENLINT_UPDATE_SNAPSHOTS=1)"
    changed = [name for name in want if have[name] != want[name]]
    assert not changed, f"rule pages out of date: {changed} (WENLINT_UPDATE_SNAPSHOTS=1)"
    assert {"E001.md", "E002.md", "D101.md"} <= set(have)


def test_pages_are_where_the_installed_package_looks() -> None:
    assert docs_dir() == DOCS.resolve()
    text = (DOCS / "D101.md").read_text("utf-8")
    assert "# duplicate-block (D101)" in text and "## 为什么" in text and "## Why" in text
