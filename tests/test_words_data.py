"""The W family's data loading: the fast comment-skipping split agrees with the plain regex."""

from __future__ import annotations

import random
import re

from wenlint.rules.words import _data

_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


def test_words_of_matches_the_comment_regex() -> None:
    rnd = random.Random(7)
    alphabet = ["#", "# ", " ", "\n", "\n\n", "\t", "\u3000", "一一", "C#", "词", "ab", "\r"]
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert _data.words_of(text) == _COMMENT.sub("", text).split(), repr(text)


def test_words_of_a_data_file() -> None:
    text = "# header\n# more\n一一\n  # indented comment\n一七 C#语言\n#\n一万"
    assert _data.words_of(text) == ["一一", "一七", "C#语言", "一万"]
    text = (_data.DATA / "words.txt").read_text("utf-8")
    assert _data.words_of(text) == _COMMENT.sub("", text).split()
