"""Recall on real documents: slips injected into the official corpus must be found.

The harness is ``tests/injection.py`` (``python tests/injection.py -v`` prints the table and the
misses). The floors below are what wenlint reaches today, rounded down; a change that loses recall
fails here, one that gains it should raise the floor.
"""

from __future__ import annotations

import pytest
from injection import INJECTORS, Tally, measure

# Each kind's floor: today's recall less three points (at most 97%), so a small loss is caught
# and a tie with the noise of one injection is not.
FLOORS: dict[str, float] = {
    "paste-twice": 0.97,  # 132/132 today
    "paste-later": 0.97,  # 74/74 today
    "item-skip": 0.97,  # 101/101 today
    "item-repeat": 0.97,  # 101/101 today
    "item-one-repeat": 0.97,  # 101/101 today
    "item-one-skip": 0.97,  # 101/101 today
    "halfwidth-marker": 0.97,  # 72/72 today
    "enumeration-skip": 0.97,  # 6/6 today
    "ascii-comma": 0.97,  # 138/138 today
    "ascii-colon-semicolon": 0.97,  # 104/104 today
    "ascii-parens": 0.97,  # 58/58 today
    "unbalanced-quote": 0.97,  # 103/103 today
    "unbalanced-title": 0.97,  # 73/73 today
    "doubled-stop": 0.97,  # 138/138 today
    "straight-quotes": 0.97,  # 103/103 today
    "straight-quotes-spaced": 0.97,  # 79/79 today
    "space-between-han": 0.86,  # 123/138 today
    "space-before-stop": 0.97,  # 138/138 today
    "ascii-ellipsis": 0.97,  # 26/26 today
    "ascii-dash": 0.97,  # 24/24 today
    "fullwidth-digits": 0.97,  # 90/90 today
    "fullwidth-range-dash": 0.97,  # 4/4 today
    "broken-paragraph": 0.51,  # 71/131 today
    "broken-before-number": 0.77,  # 28/35 today
    "dangling-conjunction": 0.96,  # 123/124 today
    "zero-padded-date": 0.97,  # 31/31 today
    "shortened-year": 0.97,  # 47/47 today
    "letter-o-year": 0.97,  # 1/1 today
    "traditional-char": 0.95,  # 136/138 today
    "doubled-word": 0.89,  # 128/138 today
}

TOTAL_FLOOR = 0.95


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    return measure()


def test_every_injector_made_injections(tallies: dict[str, Tally]) -> None:
    assert set(tallies) == set(INJECTORS)
    assert sum(t.tried for t in tallies.values()) > 2000


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_recall_of_each_kind(tallies: dict[str, Tally], kind: str) -> None:
    t = tallies[kind]
    assert t.tried >= 5, f"{kind}: only {t.tried} injections: the harness found no site"
    assert t.recall >= FLOORS[kind], f"{kind}: {t.found}/{t.tried}; missed: {t.missed[:5]}"


def test_total_recall(tallies: dict[str, Tally]) -> None:
    found = sum(t.found for t in tallies.values())
    tried = sum(t.tried for t in tallies.values())
    assert found / tried >= TOTAL_FLOOR, f"{found}/{tried}"
