"""P — punctuation (GB/T 15834-2011): mark forms, widths, pairing and repetition in Chinese text."""

from __future__ import annotations

from lint.rule import Rule
from rules.punctuation.ellipsis_with_deng import EllipsisWithDeng
from rules.punctuation.fullwidth_alphanumeric import FullwidthAlphanumeric
from rules.punctuation.halfwidth_punct_in_han import HalfwidthPunctInHan
from rules.punctuation.hyphen_in_range import HyphenInRange
from rules.punctuation.malformed_dash import MalformedDash
from rules.punctuation.malformed_ellipsis import MalformedEllipsis
from rules.punctuation.mixed_quote_style import MixedQuoteStyle
from rules.punctuation.repeated_punct import RepeatedPunct
from rules.punctuation.space_between_han import SpaceBetweenHan
from rules.punctuation.superfluous_dunhao import SuperfluousDunhao
from rules.punctuation.unbalanced_pair import UnbalancedPair

RULES: tuple[type[Rule], ...] = (
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
