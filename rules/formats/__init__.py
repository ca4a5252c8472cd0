"""F — formats: dates, number ranges, years and document numbers (GB/T 15835, GB/T 9704)."""

from __future__ import annotations

from lint.rule import Rule
from rules.formats.malformed_document_number import MalformedDocumentNumber
from rules.formats.mixed_date_format import MixedDateFormat
from rules.formats.range_missing_unit import RangeMissingUnit
from rules.formats.shortened_year import ShortenedYear
from rules.formats.wrong_zero_in_year import WrongZeroInYear
from rules.formats.zero_padded_date import ZeroPaddedDate

RULES: tuple[type[Rule], ...] = (
    ZeroPaddedDate,
    MixedDateFormat,
    WrongZeroInYear,
    RangeMissingUnit,
    ShortenedYear,
    MalformedDocumentNumber,
)
