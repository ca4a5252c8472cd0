"""Display widths: the cached lookup agrees with the per-character rule everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lint.text.width import char_width, column_widths, text_width

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
) | st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs",))


@given(st.text(ALPHABET, max_size=60))
def test_column_widths_match_char_width(text: str) -> None:
    assert list(column_widths(text)) == list(map(char_width, text))
    assert text_width(text) == sum(map(char_width, text))


def test_known_widths() -> None:
    assert list(column_widths("政a，“")) == [2, 1, 2, 1]  # “ is ambiguous width: one column
    assert text_width("e\u0301") == 1  # a combining mark takes no column
    assert list(column_widths("\u200b")) == [0]


def test_every_character_of_the_fast_ranges_has_its_block_width() -> None:
    from lint.text.width import _SIMPLE

    chars = [chr(c) for c in range(0x10000) if _SIMPLE.fullmatch(chr(c))]
    assert len(chars) > 28_000
    assert list(column_widths("".join(chars))) == list(map(char_width, chars))


def test_a_per_last_text_result_is_computed_once_per_text() -> None:
    from lint.text.locate import per_last_text

    calls: list[str] = []

    @per_last_text
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    a, b = "政协 abc", "会议 xyz"
    assert [upper(a), upper(a), upper(b), upper(a)] == [
        "政协 ABC",
        "政协 ABC",
        "会议 XYZ",
        "政协 ABC",
    ]
    assert calls == [a, b, a]  # one remembered text: the last
