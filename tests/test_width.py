"""Display widths: the cached lookup agrees with the per-character rule everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wenlint.text.width import char_width, column_widths, text_width

# Chinese prose, its punctuation (mixed blocks), ASCII, controls, combining marks, beyond the BMP
ALPHABET = st.sampled_from(
    [
        *"政协工作报告，。“”‘’（）《》、；：！？—…·ＡＢ１２ｱｲabc 123",
        "\t",
        "\x01",
        "\x7f",
        "é",
        "\u0301",
        "\u200b",
        "\u3000",
        "𠀀",
        "😀",
    ]
) | st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=["Cs"])


@given(st.text(ALPHABET, max_size=60))
def test_column_widths_match_char_width(text: str) -> None:
    assert list(column_widths(text)) == list(map(char_width, text))
    assert text_width(text) == sum(map(char_width, text))


def test_known_widths() -> None:
    assert list(column_widths("政a，“")) == [2, 1, 2, 1]  # “ is ambiguous width: one column
    assert text_width("e\u0301") == 1  # a combining mark takes no column
    assert list(column_widths("\u200b")) == [0]


def test_every_character_of_the_fast_ranges_has_its_block_width() -> None:
    from wenlint.text.width import _SIMPLE

    chars = [chr(c) for c in range(0x10000) if _SIMPLE().fullmatch(chr(c))]
    assert len(chars) > 28_000
    assert list(column_widths("".join(chars))) == list(map(char_width, chars))


# Chinese prose as it comes: runs of ideographs, quotes and digits; now and then a character
# outside the fast ranges (a tab, a combining mark, an emoji)
PROSE = [
    "政协工作报告",
    "会议",
    "，",
    "。",
    "“",
    "”",
    "……",
    "——",
    "2024",
    "年",
    "GB/T",
    " ",
    "ＡＢ",
    "、",
]
ODD = ["\t", "e\u0301", "😀", "\u200b", "\x01"]


@given(
    st.lists(st.sampled_from(PROSE), max_size=120),
    st.lists(st.tuples(st.integers(0, 120), st.sampled_from(ODD)), max_size=2),
    st.integers(0, 400),
    st.integers(0, 60),
    st.integers(10, 120),
)
def test_the_window_fits_and_points_at_the_span(
    runs: list[str], odd: list[tuple[int, str]], a: int, length: int, avail: int
) -> None:
    """One caret-window algorithm: the excerpt fits ``avail`` columns, and the carets start
    where the span starts and stay within the excerpt."""
    from wenlint.report.text import TextReporter

    for at, ch in odd:
        runs.insert(at, ch)
    src = "".join(runs)
    a = min(a, len(src))
    b = min(a + length, len(src))
    excerpt, pad, marks = TextReporter.window(src, a, b, avail)
    width = text_width(excerpt)
    assert width <= avail or len(src) <= 2 * avail  # a short line is shown whole
    assert marks >= 1 and pad <= width
    if b > a and not odd:
        # the caret column is where the span's first character is shown
        k = next((k for k in range(len(excerpt) + 1) if text_width(excerpt[:k]) >= pad), None)
        assert k is not None and text_width(excerpt[:k]) == pad
        assert excerpt[k] == src[a]
