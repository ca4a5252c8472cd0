"""Messages are formatted when a reporter asks for a language; a broken template never crashes."""

from __future__ import annotations

import pytest

from wenlint.diagnostic import Message
from wenlint.rule import T


def test_formatted_on_demand_in_each_language() -> None:
    m = Message(T(zh="词语“{w}”重复", en="“{w}” is doubled"), {"w": "卫生"})
    assert (m.zh, m.en, m.get("zh")) == ("词语“卫生”重复", "“卫生” is doubled", "词语“卫生”重复")
    assert m == T(zh="词语“卫生”重复", en="“卫生” is doubled")
    assert m != Message(T(zh="{w}", en="{w}"), {"w": "卫生"})


def test_a_template_that_does_not_fit_is_shown_not_raised() -> None:
    m = Message(T(zh="缺少{missing}", en="bad {0}"), {"w": "x"})
    with pytest.raises(KeyError):
        m.format("zh")
    assert m.get("zh") == "缺少{missing} {'w': 'x'}"
    assert m.get("en").startswith("bad {0}")


def test_a_diagnostic_survives_the_trip_from_a_worker_process() -> None:
    import pickle

    from wenlint.testing import lint_string

    found = lint_string("会议于2024年1月1日召开,请准时参加。\n\n报告报告了今年的工作。\n", ["ALL"])
    assert found and any(d.fix for d in found)
    back = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == found
    assert [type(d.severity) for d in back] == [type(d.severity) for d in found]
