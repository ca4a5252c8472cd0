"""Every registered rule is complete: identity, docs in both languages, fixtures, and examples that
execute (bad fires, good stays quiet, a safe fix turns bad into good)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rule_table
from conftest import UPDATE

from wenlint.diagnostic import Diagnostic
from wenlint.registry import CODE_RE, NAME_RE
from wenlint.rule import FixAvailability, Rule
from wenlint.testing import assert_examples, lint_string, registry

RULES = registry().sorted()
IDS = [f"{r.code}-{r.name}" for r in RULES]
FIXTURES = Path(__file__).parent / "rules"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_identity_and_docs(rule: type[Rule]) -> None:
    assert CODE_RE.match(rule.code) and NAME_RE.match(rule.name)
    assert not rule.name.startswith("no-")
    for text in (rule.summary, rule.rationale, *rule.messages.values()):
        assert text.zh.strip() and text.en.strip()
    if rule.fix is not FixAvailability.NONE:
        assert rule.fix_safety is not None, "a fixable rule documents its fix safety"
    assert any(e.bad for e in rule.examples), "at least one bad example"
    assert any(e.good for e in rule.examples), "at least one good example"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_fixture_folder_exists(rule: type[Rule]) -> None:
    folder = FIXTURES / f"{rule.code}-{rule.name}"
    assert folder.is_dir(), f"missing fixtures: {folder}"
    assert (folder / "good.txt").exists() or (folder / "good.md").exists()


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_examples_execute(rule: type[Rule]) -> None:
    why = getattr(rule, "unavailable", None)  # a rule that needs an optional install
    if why is not None and (reason := why()):
        pytest.skip(f"{rule.code}: {reason}")
    assert_examples(rule)


def _emitted(rule: type[Rule]) -> list[Diagnostic]:
    """The rule's findings on its bad examples and on its fixtures' bad files."""
    found = []
    for ex in rule.examples:
        if ex.bad is not None:
            opts = {rule.name: dict(ex.options)} if ex.options else None
            found += lint_string(ex.bad, [rule.code], options=opts)
    folder = FIXTURES / f"{rule.code}-{rule.name}"
    for bad in sorted(folder.glob("bad.*")):
        if bad.suffix in (".txt", ".md") and not bad.stem.endswith(".fixed"):
            found += lint_string(bad.read_text("utf-8"), [rule.code], path=bad.name)
    return [d for d in found if d.code == rule.code]


def availability(found: list[Diagnostic]) -> FixAvailability:
    """What the findings show: every one safe, some safe, only suggestions, or no fix at all."""
    safe = sum(1 for d in found if d.fix is not None and d.fix.safe)
    if found and safe == len(found):
        return FixAvailability.ALWAYS
    if safe:
        return FixAvailability.SOMETIMES
    if any(d.fix is not None for d in found):
        return FixAvailability.SUGGESTION
    return FixAvailability.NONE


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_declared_fix_availability_is_what_examples_and_fixtures_show(rule: type[Rule]) -> None:
    """``explain``, ``rules``, SARIF and the README say what ``--fix`` can do from ``rule.fix``:
    the rule's examples and fixtures must show exactly that (a rule that declares "sometimes"
    shows a finding with a safe fix and one without)."""
    why = getattr(rule, "unavailable", None)
    if why is not None and (reason := why()):
        pytest.skip(f"{rule.code}: {reason}")
    found = _emitted(rule)
    shown = availability(found)
    kinds = Counter(
        "safe" if d.fix and d.fix.safe else "unsafe" if d.fix else "none" for d in found
    )
    assert rule.fix is shown, (
        f"{rule.code} declares fix {rule.fix.value!r}; its examples and fixtures show "
        f"{shown.value!r} ({dict(kinds)})"
    )


def test_availability_of_findings() -> None:
    """The classification itself, on made-up findings."""
    from wenlint.diagnostic import Fix
    from wenlint.document import Span
    from wenlint.rule import Severity, T

    def diag(fix: Fix | None) -> Diagnostic:
        return Diagnostic("a.txt", "X101", "x", Severity.WARNING, Span(0, 1), T("m", "m"), fix=fix)

    safe, unsafe = Fix.delete(Span(0, 1)), Fix.delete(Span(0, 1), safe=False)
    assert availability([diag(safe), diag(safe)]) is FixAvailability.ALWAYS
    assert availability([diag(safe), diag(unsafe)]) is FixAvailability.SOMETIMES
    assert availability([diag(safe), diag(None)]) is FixAvailability.SOMETIMES
    assert availability([diag(unsafe), diag(None)]) is FixAvailability.SUGGESTION
    assert availability([diag(None)]) is FixAvailability.NONE
    assert availability([]) is FixAvailability.NONE


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    text = rule_table.README.read_text("utf-8")
    want = rule_table.updated(text)
    if UPDATE and want != text:
        rule_table.README.write_text(want, "utf-8")
        text = want
    assert text == want, (
        "README's rule table is out of date: run .venv/bin/python tests/rule_table.py"
    )
    for rule in rule_table.builtin_rules():
        assert f"| [{rule.code}](rules/docs/{rule.code}.md) | `{rule.name}` |" in text
