"""P — punctuation (GB/T 15834-2011): mark forms, widths, pairing and repetition in Chinese text."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.punctuation.ellipsis_with_deng import EllipsisWithDeng
    from wenlint.rules.punctuation.fullwidth_alphanumeric import FullwidthAlphanumeric
    from wenlint.rules.punctuation.halfwidth_punct_in_han import HalfwidthPunctInHan
    from wenlint.rules.punctuation.hyphen_in_range import HyphenInRange
    from wenlint.rules.punctuation.malformed_dash import MalformedDash
    from wenlint.rules.punctuation.malformed_ellipsis import MalformedEllipsis
    from wenlint.rules.punctuation.mixed_quote_style import MixedQuoteStyle
    from wenlint.rules.punctuation.repeated_punct import RepeatedPunct
    from wenlint.rules.punctuation.space_between_han import SpaceBetweenHan
    from wenlint.rules.punctuation.superfluous_dunhao import SuperfluousDunhao
    from wenlint.rules.punctuation.unbalanced_pair import UnbalancedPair

    return (
        HalfwidthPunctInHan,
        UnbalancedPair,
        RepeatedPunct,
        MixedQuoteStyle,
        SpaceBetweenHan,
        MalformedEllipsis,
        MalformedDash,
        EllipsisWithDeng,
        SuperfluousDunhao,
        FullwidthAlphanumeric,
        HyphenInRange,
    )
