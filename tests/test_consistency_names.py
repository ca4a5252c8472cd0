"""K802 name-spelling: names found beside titles with a known length, one person's name or one
organisation's full name written two ways, siblings and lists left alone, and recall on clean
paragraphs with an injected one-character slip."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from wenlint.document import Document
from wenlint.rules.consistency.name_spelling import names_in
from wenlint.testing import lint_string

TESTS = Path(__file__).parent
CLEAN = (
    sorted((TESTS / "corpus").glob("*.txt"))
    + sorted((TESTS / "official_corpus" / "official").glob("*.txt"))
    + sorted((TESTS.parent / "seeds").glob("*.txt"))
)


def _k802(text: str) -> list[tuple[int, str, str]]:
    return [
        (d.position[0], text[d.span.start : d.span.end], d.message.zh)
        for d in lint_string(text, ["K802"])
    ]


def _names(text: str) -> list[str]:
    return [text[n.start : n.end] for n in names_in(Document("t.txt", text))]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("副主席吴秀玲主持会议。", ["吴秀玲"]),
        ("吴秀玲副主席指出，要抓落实。", ["吴秀玲"]),
        ("，吴秀玲市长批示。", ["吴秀玲"]),  # a place title after three characters
        ("书记王伟说，书记王伟在会上强调。", ["王伟", "王伟"]),  # not 王伟说 / 王伟在
        ("村党支部书记李国强介绍，", ["李国强"]),
        ("副主席王伟主持会议。", ["王伟"]),
        ("副主席王伟作报告。", []),  # 王伟 or 王伟作: the end is unknown
        ("市委书记、党组书记和负责同志参加。", []),  # positions, not names
        ("朔州市长批示。", []),  # 朔州 + 市长
    ],
)
def test_names_beside_titles(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_minority_spelling_points_at_the_majority() -> None:
    text = "副主席吴秀玲主持会议。\n\n副主席吴秀林同志讲话。\n\n副主席吴秀玲指出，要抓落实。\n"
    (d,) = lint_string(text, ["K802"])
    assert text[d.span.start : d.span.end] == "吴秀林"
    assert d.message.zh == "“副主席吴秀林”与第 1 行的“副主席吴秀玲”只差一个字，疑为同一人，核对姓名"
    (rel,) = d.related
    assert text[rel.span.start : rel.span.end] == "吴秀玲" and rel.span.start == 3


def test_a_tie_reports_the_later_form() -> None:
    text = "副主席吴秀玲主持会议。\n\n会议结束时，副主席吴秀林同志讲话。\n"
    assert [(ln, s) for ln, s, _ in _k802(text)] == [(3, "吴秀林")]


@pytest.mark.parametrize(
    "text",
    [
        "副主席王建国、副主席王建军出席会议。",  # one paragraph: a list of two people
        "副主席吴秀玲主持会议。\n\n秘书长吴秀林同志讲话。\n",  # different titles
        "副主席吴秀玲主持会议。\n\n副主席周秀玲同志讲话。\n",  # different surnames
        "副主席吴秀玲主持会议。\n\n副主席吴海林同志讲话。\n",  # two characters apart
        "副主席吴秀玲主持会议。\n\n副主席吴秀玲同志讲话。\n",  # one spelling
    ],
)
def test_different_people_are_not_reported(text: str) -> None:
    assert _k802(text) == []


def test_organisation_written_once_with_one_character_changed() -> None:
    org = "朔州市发展和改革委员会"
    text = f"{org}负责。\n\n{org}要加强调度。\n\n由朔州市发展和改草委员会牵头。\n"
    ((line, span, msg),) = _k802(text)
    assert (line, span) == (5, "朔州市发展和改草委员会")
    assert msg.startswith("“朔州市发展和改草委员会”与第 1 行的“朔州市发展和改革委员会”只差一个字")


@pytest.mark.parametrize(
    "text",
    [
        "朔州市第一中学、朔州市第一中学和朔州市第二中学。",  # numerals: siblings
        "北京市东城区人民政府、北京市东城区人民政府和北京市西城区人民政府。",  # directions
        "省人民政府办公厅、省人民政府办公厅和市人民政府办公厅。",  # levels
        "融资担保机构和银行、融资担保机构和银行，融资担保机构与银行。",  # a conjunction
        "朔州市发展和改革委员会负责，朔州市发展和改草委员会牵头。",  # once each: which is right?
        "山西省人民政府、山西省人民政府和陕西省人民政府。",  # no agreeing context left of it
    ],
)
def test_sibling_organisations_are_not_reported(text: str) -> None:
    assert _k802(text) == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_corpora_stay_clean(path: Path) -> None:
    assert lint_string(path.read_text("utf-8"), ["K802"], path=path.name) == []


def _paragraphs() -> list[str]:
    out = []
    for p in CLEAN:
        for line in p.read_text("utf-8").splitlines():
            line = line.strip()
            if 40 <= len(line) <= 300 and line.count("，") >= 2:
                out.append(line)
    return out


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国秀玲立新海峰志强文华明德春晓红梅宏伟永刚丽娟俊杰"
TITLES = ["副主席", "书记", "主任", "副市长", "局长", "秘书长"]
PEOPLE = ["，{t}{n}主持会议，", "，{n}{t}指出，", "，{t}{n}同志强调，", "。{t}{n}介绍，"]
ORGS = [
    "朔州市发展和改革委员会",
    "山西省财政厅办公室",
    "朔州市人民政府办公室",
    "中国人民政治协商会议朔州市委员会",
    "朔州市住房保障和城乡建设管理局",
    "怀仁市应急管理局办公室",
]
SLIPS = "秀林立心海锋志墙文化明得春小宏维永钢丽涓"


def _slip(word: str, lo: int, hi: int, rng: random.Random) -> str:
    """``word`` with one character in ``[lo, hi)`` changed (not to a numeral or a direction)."""
    i = rng.randrange(lo, hi)
    c = rng.choice([c for c in SLIPS if c != word[i]])
    return word[:i] + c + word[i + 1 :]


def _inject(kind: str, n: int = 150) -> tuple[int, int]:
    rng = random.Random(802)
    paras = _paragraphs()
    found = 0
    for _ in range(n):
        chosen = rng.sample(paras, 3)
        if kind == "person":
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
            title = rng.choice(TITLES)
            slipped = _slip(name, 1, 3, rng)
            forms = [name, name, slipped]
            places = [rng.choice(PEOPLE).format(t=title, n=f) for f in forms]
        else:
            org = rng.choice(ORGS)
            slipped = _slip(org, 4, len(org) - 3, rng)
            forms = [org, org, slipped]
            places = [f"，{f}负责，" for f in forms]
        texts = []
        for para, place in zip(chosen, places, strict=True):
            at = rng.choice([m.start() for m in re.finditer("，", para)])
            texts.append(para[:at] + place + para[at + 1 :])
        text = "会议纪要\n\n" + "\n\n".join(texts) + "\n"
        want = text.rfind(slipped)
        found += any(d.span.start <= want < d.span.end for d in lint_string(text, ["K802"]))
    return found, n


@pytest.mark.parametrize(("kind", "floor"), [("person", 0.9), ("org", 0.9)])
def test_recall_on_injected_slips(kind: str, floor: float) -> None:
    found, n = _inject(kind)
    assert found / n >= floor, f"{kind}: {found}/{n}"
