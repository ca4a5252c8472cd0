"""The fast scans of the W rules find exactly what their plain definitions find.

W201 looks for doubled units through XORed byte strings instead of trying a regex lookahead at
every position; the phrase matcher (W202, literal house-style rules) runs an automaton over
fixed-width bytes (or, for its first few thousand characters, looks up each substring in a
dict). Both are checked here against a straightforward reference on random text that mixes Han,
ASCII, characters outside the BMP and lone surrogates.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wenlint.rules.words.doubled_word import _doublings, _pattern
from wenlint.text import phrases
from wenlint.text.phrases import LongestLiterals, PhraseMatcher

# Few distinct characters, so that doublings and phrase hits are frequent; 𠀀 and 😀 are
# outside the BMP, \ud800 is a lone surrogate; the low byte of 一 (U+4E00) is that of Ā
# (U+0100), the low byte of 卫 (U+536B) that of 乫 (U+4E6B) and 歫 (U+6B6B); in UTF-16 the
# bytes of "歫\u1f53u" hold those of 卫生 across character boundaries.
ALPHABET = "卫生间一二a b，。𠀀😀\ud800乫歫Ā\u1f53u"
texts = st.text(alphabet=ALPHABET, max_size=60)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_doublings_are_the_pattern_matches(text: str) -> None:
    expected = [(m.start(), len(m.group(1))) for m in _pattern().finditer(text)]
    assert list(_doublings(text)) == expected


def test_doublings_in_prose() -> None:
    text = "加强基层医疗卫生卫生人才队伍建设，派驻纪检纪检监察组；生卫生卫。𠀀𠀀𠀀𠀀，哈哈哈"
    found = [text[i : i + 2 * n] for i, n in _doublings(text)]
    assert found == ["卫生卫生", "纪检纪检", "生卫生卫", "𠀀𠀀𠀀𠀀"]


def _reference(text: str, phrases: dict[str, int]) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping occurrences by brute force."""
    out = []
    i = 0
    while i < len(text):
        best = max((p for p in phrases if text.startswith(p, i)), key=len, default=None)
        if best is None:
            i += 1
            continue
        out.append((i, i + len(best), best))
        i += len(best)
    return out


PHRASES = {"卫生": 1, "卫生间": 2, "生卫": 3, "𠀀卫": 4, "a b": 5, "\ud800一": 6, "乫": 7}
PHRASES["😀😀"] = 8


@pytest.fixture(params=["lookups", "automaton"])
def scan(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each matcher test twice: with the dict lookups of a matcher's first characters, and with
    the automaton from the first character on."""
    saved = phrases._LOOKUP_UNTIL
    phrases._LOOKUP_UNTIL = saved if request.param == "lookups" else 0
    yield request.param
    phrases._LOOKUP_UNTIL = saved


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_phrase_matcher_is_leftmost_longest(scan: str, text: str) -> None:
    matcher = PhraseMatcher(PHRASES)
    got = [(h.start, h.end, h.phrase) for h in matcher.finditer(text)]
    assert got == _reference(text, PHRASES)
    assert all(h.value == PHRASES[h.phrase] for h in matcher.finditer(text))
    assert (matcher._autos == {}) == (scan == "lookups" or not text)


def test_lookups_give_way_to_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrases, "_LOOKUP_UNTIL", 100)
    matcher = PhraseMatcher(PHRASES)
    words = LongestLiterals(WORDS)
    rng = random.Random(3)
    for k in range(10):
        text = "".join(rng.choices(ALPHABET, k=30))
        got = [(h.start, h.end, h.phrase) for h in matcher.finditer(text)]
        assert got == _reference(text, PHRASES)
        assert words.spans(text) == _alternation(text)
        assert (matcher._autos == {}) == (k < 3)  # 3 x 30 characters looked up, then 120 > 100
    assert words._scanned == 90  # the same for the literals (then automaton or alternation)


def test_dfa_finds_what_the_first_automaton_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrases, "_DFA_AFTER", 500)
    monkeypatch.setattr(phrases, "_LOOKUP_UNTIL", 0)
    matcher = PhraseMatcher(PHRASES)
    rng = random.Random(8)
    for _ in range(60):
        text = "".join(rng.choices(ALPHABET, k=40))
        got = [(h.start, h.end, h.phrase) for h in matcher.finditer(text)]
        assert got == _reference(text, PHRASES)
    assert matcher._scanned == -1  # the DFAs took over


def test_excepted_hit_leaves_room_for_an_overlapping_phrase(scan: str) -> None:
    matcher = PhraseMatcher({"卫生间": "a", "生间": "b"}, {"卫生间": ["卫生间里"]})
    hits = [(h.start, h.end, h.phrase) for h in matcher.finditer("卫生间里，卫生间外")]
    assert hits == [(1, 3, "生间"), (5, 8, "卫生间")]


def test_bytes_across_characters_are_no_hit(scan: str) -> None:
    assert "卫生".encode("utf-16-le") in "歫\u1f53u".encode("utf-16-le")
    assert list(PhraseMatcher({"卫生": 1}).finditer("歫\u1f53u")) == []
    assert list(PhraseMatcher({"卫生": 1}).finditer("𠀀歫\u1f53u")) == []


WORDS = ("卫生", "卫生间", "生卫", "间", "𠀀卫", "a b", "\ud800一")


def _alternation(text: str) -> list[tuple[int, int, int]]:
    alternation = re.compile("|".join(sorted(WORDS, key=len, reverse=True)))
    return [(m.start(), m.end(), WORDS.index(m.group())) for m in alternation.finditer(text)]


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_longest_literals_are_the_alternation(scan: str, text: str) -> None:
    words = LongestLiterals(WORDS)
    assert words.spans(text) == _alternation(text)
    assert (words._auto is None) == (scan == "lookups" or not text or phrases.utf16(text) is None)


def test_longest_literals_hit_inside_a_character_takes_the_alternation(scan: str) -> None:
    literals = LongestLiterals(["卫生", "生"])
    assert literals.spans("歫\u1f53u卫生生") == [(3, 5, 0), (5, 6, 1)]


def test_empty_matcher_finds_nothing() -> None:
    matcher: PhraseMatcher[str] = PhraseMatcher({})
    assert not matcher
    assert list(matcher.finditer("卫生卫生")) == []


def test_a_document_is_scanned_as_its_view_with_its_encoding_kept(scan: str) -> None:
    """A document's view is encoded once for all the scans (kept with that document, so two
    documents in turn, in any order, never share an encoding)."""
    from wenlint.document import Document
    from wenlint.text.locate import ascii_of

    a = Document("a.txt", "卫生卫生间，a b\n")
    b = Document("b.txt", "生卫 𠀀卫 卫生卫生\n")
    matcher = PhraseMatcher(PHRASES)
    for doc in (a, b, a, b):
        text = doc.view
        assert list(matcher.finditer(doc)) == list(matcher.finditer(text))
        assert LongestLiterals(WORDS).spans(doc) == LongestLiterals(WORDS).spans(text)
        assert list(_doublings(doc)) == list(_doublings(text))
    assert (
        phrases.utf16_of(a)[1] is phrases.utf16_of(a)[1] == "卫生卫生间，a b\n".encode("utf-16-le")
    )
    assert phrases.utf16_of(b)[1] is None  # 𠀀 is outside the BMP
    assert ascii_of(a) == "a b\n" and ascii_of(b) == "  \n" and ascii_of(a) is ascii_of(a)
