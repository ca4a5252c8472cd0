"""Word lists of the structure family, loaded once on first use (see data/SOURCES.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"


def _load(name: str) -> frozenset[str]:
    with open(_DATA / name, encoding="utf-8") as f:
        text = f.read()
    if "#" not in text:  # no comment: the fast path, all in C
        return frozenset(text.split())
    return frozenset(w for w in text.split() if not w.startswith("#"))


@cache
def words() -> frozenset[str]:
    """Common two- and three-character words."""
    return _load("words.txt")


@cache
def conjunction_words() -> frozenset[str]:
    """Words and names that end in 和/与/及/或 (总和, 参与, 涉及, 抑或, 李玉和, ...)."""
    return _load("conjunction_words.txt")
