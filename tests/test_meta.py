"""Every registered rule is complete: identity, docs in both languages, fixtures, and examples that
execute (bad fires, good stays quiet, a safe fix turns bad into good)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.diagnostic import Message
from wenlint.registry import CODE_RE, NAME_RE
from wenlint.rule import FixAvailability, Rule
from wenlint.testing import fix_string, lint_string, registry

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
    for ex in rule.examples:
        opts = {rule.name: dict(ex.options)} if ex.options else None
        if ex.bad is not None:
            found = [
                d for d in lint_string(ex.bad, [rule.code], options=opts) if d.code == rule.code
            ]
            assert found, f"bad example does not fire: {ex.bad!r}"
            for d in found:  # templates fit their arguments in both languages
                for text in (d.message, d.help):
                    if isinstance(text, Message):
                        assert text.format("zh") and text.format("en")
            if rule.fix is FixAvailability.NONE:
                assert all(d.fix is None for d in found), "a rule without fixes offered one"
            expected = ex.fixed if ex.fixed is not None else ex.good
            if expected is not None and any(d.fix and d.fix.safe for d in found):
                assert fix_string(ex.bad, [rule.code], options=opts) == expected
        if ex.good is not None:
            hits = [
                d for d in lint_string(ex.good, [rule.code], options=opts) if d.code == rule.code
            ]
            assert not hits, f"good example fires: {ex.good!r}: {[d.message.en for d in hits]}"
