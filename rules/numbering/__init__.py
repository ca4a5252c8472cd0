"""N — numbering: the outline of a document checked against GB/T 9704-2012 §7.3.3."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.numbering.duplicate_item_title import DuplicateItemTitle
    from wenlint.rules.numbering.misnumbered_enumeration import MisnumberedEnumeration
    from wenlint.rules.numbering.misnumbered_item import MisnumberedItem
    from wenlint.rules.numbering.mixed_marker_style import MixedMarkerStyle
    from wenlint.rules.numbering.nonstandard_marker import NonstandardMarker
    from wenlint.rules.numbering.reused_parent_marker import ReusedParentMarker

    return (
        MisnumberedItem,
        DuplicateItemTitle,
        ReusedParentMarker,
        MixedMarkerStyle,
        NonstandardMarker,
        MisnumberedEnumeration,
    )
