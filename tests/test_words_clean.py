"""Clean formal prose (tests/corpus/clean_*.txt: a government work report, news stories, official
notices, letters, a speech, minutes, a survey report — over 20,000 characters) gives no finding
under any rule. Other families lint against the same corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.testing import lint_string

CORPUS = sorted((Path(__file__).parent / "corpus").glob("clean_*.txt"))


def test_corpus_is_large_enough() -> None:
    assert sum(len(p.read_text("utf-8")) for p in CORPUS) >= 20_000


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_words_rules_are_silent(path: Path) -> None:
    found = lint_string(path.read_text("utf-8"), ["W"], path=path.name)
    assert found == [], [(d.position, d.code, d.message.zh) for d in found]


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_rule_is_silent(path: Path) -> None:
    found = lint_string(path.read_text("utf-8"), ["ALL"], path=path.name)
    assert found == [], [(d.position, d.code, d.message.zh) for d in found]
