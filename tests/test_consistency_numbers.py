"""K804 number-form: exact counts of one classifier in one paragraph, the exemptions of
GB/T 15835-2011 (set phrases, approximations, ordinals, 一/两, quotes, titles), off by default,
and recall on clean paragraphs with a Chinese-numeral count injected beside Arabic ones."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from wenlint.rules.consistency.number_form import counts, zh_value
from wenlint.testing import lint_string

TESTS = Path(__file__).parent
CLEAN = (
    sorted((TESTS / "corpus").glob("*.txt"))
    + sorted((TESTS / "official_corpus" / "official").glob("*.txt"))
    + sorted((TESTS.parent / "seeds").glob("*.txt"))
)


def _k804(text: str) -> list[tuple[str, str]]:
    return [(text[d.span.start : d.span.end], d.message.zh) for d in lint_string(text, ["K804"])]


@pytest.mark.parametrize(
    ("s", "value"),
    [("三", 3), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("三千二百", 3200),
     ("三万", 30000), ("两", 2), ("三四", None), ("五六十", None)],
)  # fmt: skip
def test_zh_value(s: str, value: int | None) -> None:
    assert zh_value(s) == value


def test_counts_skip_what_is_not_an_exact_count() -> None:
    text = (
        "统筹两个大局，落实八项规定，坚持五项原则，办好三件大事，召开七届五次全会，"
        "第五个工作日，一个决议，两个关口，三四个县，十余个乡镇，五个多月，几个村，"
        "“四个一批”，《关于三个县的报告》，走访六个村"
    )
    found = counts(text)
    assert [(cl, [text[c.start : c.end] for c in cs]) for cl, cs in found.items()] == [
        ("个", ["六"])
    ]


def test_minority_form_points_at_the_other() -> None:
    text = "今年以来，调研组先后深入3个县、12个乡镇，走访五个行政村。\n"
    (d,) = lint_string(text, ["K804"])
    assert text[d.span.start : d.span.end] == "五"
    assert d.message.zh == "本段的“个”数一处写作“五个”，一处写作“3个”，同类数字宜用同一种形式"
    assert d.fix is not None and not d.fix.safe and d.fix.edits[0].text == "5"
    assert text[d.related[0].span.start : d.related[0].span.end] == "3"


def test_arabic_minority_is_reported_too() -> None:
    text = "先后深入三个县、十二个乡镇，走访5个行政村。\n"
    assert [s for s, _ in _k804(text)] == ["5"]


@pytest.mark.parametrize(
    "text",
    [
        "深入3个县。\n\n走访五个行政村。\n",  # two paragraphs: two occasions
        "深入3个县，开展五次调研。\n",  # another classifier: another kind
        "新设12个试验区，统筹国内国际两个大局，落实中央八项规定。\n",
        "新建8个服务站，走访十余个乡镇，开展三四次调研。\n",
        # the total of the items just listed, written in words (held-out check, issue 20)
        "围绕肉羊、奶牛、杂粮三个主导产业，新增农民专业合作社45个。\n",
        "由市场监管、税务和海关三个部门会同办理，新建12个服务点。\n",
    ],
)
def test_not_reported(text: str) -> None:
    assert _k804(text) == []


def test_a_count_that_is_not_the_lists_total_is_reported() -> None:
    # three items listed, 五个 counts something else
    text = "围绕肉羊、奶牛、杂粮五个主导产业，新增农民专业合作社45个。\n"
    assert [s for s, _ in _k804(text)] == ["五"]


def test_off_by_default() -> None:
    text = "深入3个县、12个乡镇，走访五个行政村。\n"
    assert [d for d in lint_string(text) if d.code == "K804"] == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_corpora_stay_clean(path: Path) -> None:
    assert lint_string(path.read_text("utf-8"), ["K804"], path=path.name) == []


ZH = ["三", "四", "五", "六", "七", "八", "九", "十一", "十五", "二十三"]
ARABIC = re.compile(r"(?<![第\d.])(\d+)(个|项|家|次|条|件|名)(?![多余月])")


def test_recall_on_injected_counts() -> None:
    """A clean paragraph with an Arabic count (326个, 41项): a Chinese-numeral count of the
    same classifier is put after one of its commas (走访五个…)."""
    rng = random.Random(804)
    paras = []
    for p in CLEAN:
        for line in p.read_text("utf-8").splitlines():
            m = ARABIC.search(line)
            if m and line.count("，") >= 1 and not _k804(line):
                paras.append((line, m.group(2)))
    assert len(paras) >= 80
    found = n = 0
    for line, cl in rng.sample(paras, min(150, len(paras))):
        commas = [m.start() for m in re.finditer("，", line)]
        at = rng.choice(commas)
        zh = rng.choice(ZH)
        slip = f"，另有{zh}{cl}正在推进，"
        text = line[:at] + slip + line[at + 1 :]
        want = at + slip.index(zh)
        n += 1
        found += any(d.span.start == want for d in lint_string(text, ["K804"]))
    assert found / n >= 0.9, f"{found}/{n}"
