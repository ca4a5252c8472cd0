"""F — formats: dates, number ranges, years and document numbers (GB/T 15835, GB/T 9704)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.formats.malformed_document_number import MalformedDocumentNumber
    from wenlint.rules.formats.mixed_date_format import MixedDateFormat
    from wenlint.rules.formats.range_missing_unit import RangeMissingUnit
    from wenlint.rules.formats.shortened_year import ShortenedYear
    from wenlint.rules.formats.wrong_zero_in_year import WrongZeroInYear
    from wenlint.rules.formats.zero_padded_date import ZeroPaddedDate

    return (
        ZeroPaddedDate,
        MixedDateFormat,
        WrongZeroInYear,
        RangeMissingUnit,
        ShortenedYear,
        MalformedDocumentNumber,
    )
