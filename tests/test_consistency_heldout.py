"""The K family on documents written for issue 20's held-out check (tests/consistency_heldout/:
ten short official texts of kinds the rules were not developed on, 4,212 Han characters: minutes,
a notice with 主送/抄送 lines and a signature, a regulation, a report, news, a pilot-city notice,
rules, a county meeting, a plan with 《方案》 and a quoted short form, a statistics bulletin).

First run, before any change made for them: K801 0, K802 0, K806 0 findings; K803 2 false (the
full names of a 抄送 line) and 1 true (a slip planted in the rules, since removed); K804 (off by
default) 1 false (肉羊、奶牛、杂粮三个主导产业 beside 45个合作社: a list's own total). Those two
cases are now left alone; the texts must stay quiet. Recall is measured on slips injected into
these texts: each name beside a title written another way in one place (K802), each later short
form written in full (K803), each sentence using a short form copied before its definition (K806),
each Arabic count beside another of its kind written in Chinese numerals (K804)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wenlint.document import Document
from wenlint.rules.consistency import _abbrev
from wenlint.rules.consistency.name_spelling import names_in
from wenlint.testing import lint_string

DOCS = sorted((Path(__file__).parent / "consistency_heldout").glob("*.txt"))
K = ["K801", "K802", "K803", "K804", "K806"]


def _texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8")) for p in DOCS]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_the_held_out_texts_stay_quiet(path: Path) -> None:
    assert len(DOCS) == 10
    assert lint_string(path.read_text("utf-8"), K, path=path.name) == []


def test_names_written_another_way() -> None:
    """Each name written beside a title at least twice, one use changed in one character."""
    found = n = 0
    for name, text in _texts():
        uses: dict[str, list[int]] = {}
        for x in names_in(Document(name, text)):
            uses.setdefault(text[x.start : x.end], []).append(x.start)
        for person, starts in uses.items():
            if len(starts) < 2:
                continue
            for at in starts:
                for i in range(1, len(person)):
                    for c in "林新锋华":
                        if c == person[i]:
                            continue
                        slip = person[:i] + c + person[i + 1 :]
                        t = text[:at] + slip + text[at + len(person) :]
                        n += 1
                        # on a tie (one use each) the later form is reported, pointing at the
                        # other: the slip is then the related location
                        found += any(
                            d.span.start == at or any(r.span.start == at for r in d.related)
                            for d in lint_string(t, ["K802"])
                        )
    assert n >= 90
    assert found / n >= 0.95, f"{found}/{n}"


def _later_uses(text: str, d: _abbrev.Definition) -> list[int]:
    return [d.end + m.start() for m in re.finditer(re.escape(d.abbr), text[d.end :])]


def test_full_name_again_and_short_form_early() -> None:
    n803 = f803 = n806 = f806 = 0
    for name, text in _texts():
        for d in _abbrev.definitions(Document(name, text)):
            if d.full is None:
                continue
            start = text.rfind("\n", 0, d.start) + 1
            for at in _later_uses(text, d):
                t = text[:at] + d.full + text[at + len(d.abbr) :]
                n803 += 1
                f803 += any(x.span.end == at + len(d.full) for x in lint_string(t, ["K803"]))
                s0 = max(text.rfind(c, 0, at) for c in "。；\n") + 1
                s1 = text.find("。", at)
                if s1 < 0 or "\n" in text[at:s1]:
                    continue
                sentence = text[s0 : s1 + 1]
                t = f"{text[:start]}{sentence}\n\n{text[start:]}"
                n806 += 1
                want = start + sentence.index(d.abbr)
                f806 += any(x.span.start == want for x in lint_string(t, ["K806"]))
    assert n803 >= 12 and n806 >= 10
    assert f803 == n803, f"K803 {f803}/{n803}"
    assert f806 == n806, f"K806 {f806}/{n806}"


ZH = {3: "三", 5: "五", 6: "六", 9: "九", 12: "十二", 18: "十八", 21: "二十一", 45: "四十五"}


def test_a_count_in_chinese_numerals_beside_arabic_ones() -> None:
    found = n = 0
    for _, text in _texts():
        for m in re.finditer(r"(?<![第\d.])(\d+)(个|项|家|次|所|座|期)(?![多余月])", text):
            value, cl = int(m.group(1)), m.group(2)
            lo, hi = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            others = [
                x for x in re.finditer(rf"\d+{cl}", text[lo:hi]) if lo + x.start() != m.start()
            ]
            if value not in ZH or not others:
                continue
            t = text[: m.start()] + ZH[value] + text[m.end(1) :]
            n += 1
            found += any(d.span.start == m.start() for d in lint_string(t, ["K804"]))
    assert n >= 6
    assert found == n, f"{found}/{n}"
