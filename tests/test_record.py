"""wenlint.record: the engine's records behave as the dataclasses they replace (equality,
hashing, order, copies, pickling), without generated code; the rules' options list their fields."""

from __future__ import annotations

import pickle

import pytest

from wenlint.document import Span
from wenlint.record import Record
from wenlint.registry import load_registry
from wenlint.rule import REQUIRED, OptionField


def test_records_compare_order_hash_and_pickle_by_their_fields() -> None:
    assert Span(1, 3) == Span(1, 3) and Span(1, 3) != (1, 3)
    assert sorted([Span(2, 4), Span(1, 5), Span(1, 3)]) == [Span(1, 3), Span(1, 5), Span(2, 4)]
    assert len({Span(1, 3), Span(1, 3)}) == 1
    assert pickle.loads(pickle.dumps(Span(1, 3))) == Span(1, 3)
    assert Span(1, 3)._replace(end=4) == Span(1, 4)
    assert repr(Span(1, 3)) == "Span(start=1, end=3)"


def test_a_mutable_record_is_unhashable_and_its_fields_must_be_its_slots() -> None:
    class Box(Record):
        __slots__ = ("a", "b")
        _fields = ("a", "b")

        def __init__(self, a: int, b: int = 0) -> None:
            self.a, self.b = a, b

    box = Box(1)
    box.b = 2
    assert box == Box(1, 2) and box._asdict() == {"a": 1, "b": 2}
    with pytest.raises(TypeError):
        hash(box)
    with pytest.raises(TypeError, match="are not its __slots__"):

        class Wrong(Record):
            __slots__ = ("a",)
            _fields = ("a", "b")


def test_every_built_in_rule_lists_its_options_from_its_named_tuple() -> None:
    rules = {r.code: r for r in load_registry().sorted()}
    assert rules["W201"].option_fields() == [OptionField("allow", tuple[str, ...], ())]
    for code, rule in rules.items():
        fields = rule.option_fields()
        assert [f.name for f in fields] == list(rule.Options._fields), code
        defaults = {f.name: f.default for f in fields if f.default is not REQUIRED}
        assert rule.Options() == rule.Options(**defaults), code  # every option has a default
