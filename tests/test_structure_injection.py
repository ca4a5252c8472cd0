"""S501 on paragraphs broken before a number: injected into clean published documents.

Each document of ``tests/official_corpus/official`` is broken in the middle of a sentence just
before a quantity (6.3万, 4.1%, 2019年, 7个, 一批...), one kind at a time; S501 must find most of
the breaks, and must stay silent on the documents as they are.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

from wenlint.testing import lint_string

CORPUS = Path(__file__).parent / "official_corpus" / "official"
HAN = "[\u4e00-\u9fff]"
# The kinds of quantity a break can come before, with the recall each must keep.
KINDS = {
    "decimal": (r"\d+\.\d+", 0.9),  # 11.3年
    "percent": (r"\d+(?:\.\d+)?%", 0.9),  # 5%
    "wan-yi": (r"\d+(?:\.\d+)?[万亿]", 0.85),  # 6.3万平方公里
    "year": (r"\d{4}年", 0.9),  # 2019年2月底前
    "month-day": (r"\d{1,2}[月日]", 0.6),  # 于2018年 / 12月31日前
    "count": (r"\d+[个项名人家条次件元天日年月分户所座批种类倍位]", 0.75),  # 7个工作日
    "zh-count": (r"[一二两三四五六七八九十百千]+[个项名位家条次件批种类所座套部篇份届]", 0.7),
}


@cache
def _documents() -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def _sites(text: str, pattern: str) -> list[int]:
    """Offsets inside a prose paragraph (a sentence before, text after) where a quantity
    follows a Han character."""
    sites = []
    start = 0
    for para in text.split("\n"):
        if len(para) >= 60 and "。" in para:
            for m in re.finditer(f"(?<={HAN})(?:{pattern})", para):
                if 15 < m.start() < len(para) - 10:
                    sites.append(start + m.start())
        start += len(para) + 1
    return sites


def _found(text: str, i: int) -> bool:
    broken = text[:i] + "\n\n" + text[i:]
    return any(d.span.start < i + 6 and d.span.end > i - 5 for d in lint_string(broken, ["S501"]))


@pytest.mark.parametrize("kind", list(KINDS))
def test_breaks_before_a_number_are_found(kind: str) -> None:
    pattern, floor = KINDS[kind]
    rng = random.Random(kind)
    tried = found = 0
    for _name, text in _documents():
        sites = _sites(text, pattern)
        for i in rng.sample(sites, min(4, len(sites))):
            tried += 1
            found += _found(text, i)
    assert tried >= 20
    assert found / tried >= floor, f"{kind}: {found}/{tried}"


def test_the_documents_as_published_have_no_broken_paragraph() -> None:
    for name, text in _documents():
        assert [d.code for d in lint_string(text, ["S501", "S502"], path=name)] == [], name
