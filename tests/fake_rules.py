"""Test-only rules shared by the engine tests, and a way to register them for one test."""

from __future__ import annotations

import pytest

import wenlint.registry
from wenlint.diagnostic import Fix
from wenlint.rule import Example, FixAvailability, Rule, Severity, T


class DoubledDe(Rule):
    """Reports “的的” with a safe fix that deletes one “的”: a predictable fixable rule."""

    code = "XT101"
    name = "doubled-de-test"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    summary = T(zh="测试规则", en="test rule")
    rationale = T(zh="测试", en="test")
    examples = (Example(bad="我的的书", good="我的书"),)
    messages = {"m": T(zh="多余的“的”", en="extra 的")}

    def check(self, doc, ctx):  # type: ignore[no-untyped-def]
        for b in doc.blocks:
            i = b.text.find("的的")
            while i != -1:
                ctx.report(b.span(i, i + 2), "m", fix=Fix.delete(b.span(i + 1, i + 2)))
                i = b.text.find("的的", i + 2)


def register(monkeypatch: pytest.MonkeyPatch, *rules: type[Rule]) -> None:
    """Make ``load_registry`` return the installed rules plus ``rules`` for this test."""
    real = wenlint.registry.load_registry

    def load() -> wenlint.registry.Registry:
        reg = real()
        for rule in rules:
            reg.add(rule, "tests")
        return reg

    monkeypatch.setattr(wenlint.registry, "load_registry", load)
