"""The W family's word lists, read from ``rules/words/data/`` on first use and kept for the process.

Sources are named in ``data/SOURCES.md``. Nothing here runs at import time: ``wenlint --version``
and a run without W rules never read these files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from wenlint.record import Frozen
from wenlint.text import names

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text("utf-8")
    return [ln for ln in (raw.strip() for raw in text.splitlines()) if ln and ln[0] != "#"]


@cache
def common_words() -> frozenset[str]:
    """Common two- and three-character words (a vocabulary, not a dictionary of meanings).

    One word a line and some 63,000 lines: split in C, not line by line (about four times
    faster); the rules ask for it only when a hit needs it, so a clean file never reads it."""
    text = (DATA / "words.txt").read_text("utf-8")
    return frozenset(words_of(text))


def words_of(text: str) -> list[str]:
    """The words of ``text``, its comment lines (``#`` after spaces only, to the line's end)
    left out: ``re.sub(r"^\\s*#.*$", "", text, flags=re.MULTILINE).split()``.

    A data file has a few comments (a header): each ``#`` is found with ``str.find`` and its line
    cut out when only spaces come before it (a regex pass over 490 kB costs ~8 ms)."""
    parts: list[str] = []
    start = 0
    j = text.find("#")
    while j != -1:
        line = text.rfind("\n", 0, j) + 1
        if text[line:j].strip():  # not a comment: words before it
            j = text.find("#", j + 1)
            continue
        parts.append(text[start:line])
        end = text.find("\n", j)
        start = len(text) if end == -1 else end
        j = text.find("#", start)
    if not parts:
        return text.split()
    parts.append(text[start:])
    return "".join(parts).split()


class Misspelling(Frozen):
    __slots__ = ("exceptions", "right", "source", "wrong")
    _fields = ("wrong", "right", "source", "exceptions")
    wrong: Final[str]
    right: Final[str]
    source: Final[str]
    exceptions: Final[tuple[str, ...]]

    def __init__(
        self,
        wrong: str,
        right: str,
        source: str,
        exceptions: tuple[str, ...] = (),
    ) -> None:
        self.wrong = wrong
        self.right = right
        self.source = source
        self.exceptions = exceptions


@cache
def misspellings() -> tuple[Misspelling, ...]:
    out = []
    for ln in _lines("misspellings.tsv"):
        cols = ln.split("\t")
        exc = tuple(c for c in cols[3].split("|") if c) if len(cols) > 3 else ()
        out.append(Misspelling(cols[0], cols[1], cols[2], exc))
    return tuple(out)


@cache
def reduplications() -> frozenset[str]:
    """Units whose doubling (ABAB) is ordinary Chinese: 研究研究, 雪白雪白, 哗啦哗啦."""
    return frozenset(w for ln in _lines("reduplications.txt") for w in ln.split())


def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound surnames (``wenlint.text.names``, shared with K802)."""
    return names.surnames()
