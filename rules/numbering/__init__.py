"""N — numbering: the outline of a document checked against GB/T 9704-2012 §7.3.3."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.numbering.duplicate_item_title import DuplicateItemTitle
from wenlint.rules.numbering.misnumbered_enumeration import MisnumberedEnumeration
from wenlint.rules.numbering.misnumbered_item import MisnumberedItem
from wenlint.rules.numbering.mixed_marker_style import MixedMarkerStyle
from wenlint.rules.numbering.nonstandard_marker import NonstandardMarker
from wenlint.rules.numbering.reused_parent_marker import ReusedParentMarker

RULES: tuple[type[Rule], ...] = (
    MisnumberedItem,
    DuplicateItemTitle,
    ReusedParentMarker,
    MixedMarkerStyle,
    NonstandardMarker,
    MisnumberedEnumeration,
)
