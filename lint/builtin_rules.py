"""The built-in rules as the registry knows them before their modules are imported:
each rule's entry point (code prefix), code, name, module, class and whether it is on
by default.

Made by ``WENLINT_UPDATE_REGISTRY=1 pytest tests/test_registry_table.py``, which fails
while this file does not match the rules; never edited by hand."""

ENTRY_POINTS = {
    "C": "wenlint.rules.characters:RULES",
    "D": "wenlint.rules.duplication:RULES",
    "F": "wenlint.rules.formats:RULES",
    "K": "wenlint.rules.consistency:RULES",
    "N": "wenlint.rules.numbering:RULES",
    "P": "wenlint.rules.punctuation:RULES",
    "S": "wenlint.rules.structure:RULES",
    "W": "wenlint.rules.words:RULES",
}

RULES = (
    ("C", "C701", "traditional-char", "wenlint.rules.characters.traditional_char", "TraditionalChar", True),
    ("D", "D101", "duplicate-block", "wenlint.rules.duplication.duplicate_block", "DuplicateBlock", True),
    ("D", "D102", "near-duplicate-block", "wenlint.rules.duplication.near_duplicate_block", "NearDuplicateBlock", True),
    ("F", "F601", "zero-padded-date", "wenlint.rules.formats.zero_padded_date", "ZeroPaddedDate", True),
    ("F", "F602", "mixed-date-format", "wenlint.rules.formats.mixed_date_format", "MixedDateFormat", True),
    ("F", "F603", "wrong-zero-in-year", "wenlint.rules.formats.wrong_zero_in_year", "WrongZeroInYear", True),
    ("F", "F604", "range-missing-unit", "wenlint.rules.formats.range_missing_unit", "RangeMissingUnit", True),
    ("F", "F605", "shortened-year", "wenlint.rules.formats.shortened_year", "ShortenedYear", True),
    ("F", "F606", "malformed-document-number", "wenlint.rules.formats.malformed_document_number", "MalformedDocumentNumber", True),
    ("K", "K801", "variant-form", "wenlint.rules.consistency.variant_form", "VariantForm", True),
    ("K", "K802", "name-spelling", "wenlint.rules.consistency.name_spelling", "NameSpelling", True),
    ("K", "K803", "abbreviation-not-used", "wenlint.rules.consistency.abbreviation_not_used", "AbbreviationNotUsed", True),
    ("K", "K804", "number-form", "wenlint.rules.consistency.number_form", "NumberForm", False),
    ("K", "K806", "abbreviation-before-definition", "wenlint.rules.consistency.abbreviation_early", "AbbreviationBeforeDefinition", True),
    ("N", "N301", "misnumbered-item", "wenlint.rules.numbering.misnumbered_item", "MisnumberedItem", True),
    ("N", "N302", "duplicate-item-title", "wenlint.rules.numbering.duplicate_item_title", "DuplicateItemTitle", True),
    ("N", "N303", "reused-parent-marker", "wenlint.rules.numbering.reused_parent_marker", "ReusedParentMarker", True),
    ("N", "N304", "mixed-marker-style", "wenlint.rules.numbering.mixed_marker_style", "MixedMarkerStyle", True),
    ("N", "N305", "nonstandard-marker", "wenlint.rules.numbering.nonstandard_marker", "NonstandardMarker", True),
    ("N", "N306", "misnumbered-enumeration", "wenlint.rules.numbering.misnumbered_enumeration", "MisnumberedEnumeration", True),
    ("P", "P401", "halfwidth-punct-in-han", "wenlint.rules.punctuation.halfwidth_punct_in_han", "HalfwidthPunctInHan", True),
    ("P", "P402", "unbalanced-pair", "wenlint.rules.punctuation.unbalanced_pair", "UnbalancedPair", True),
    ("P", "P403", "repeated-punct", "wenlint.rules.punctuation.repeated_punct", "RepeatedPunct", True),
    ("P", "P404", "mixed-quote-style", "wenlint.rules.punctuation.mixed_quote_style", "MixedQuoteStyle", True),
    ("P", "P405", "space-between-han", "wenlint.rules.punctuation.space_between_han", "SpaceBetweenHan", True),
    ("P", "P406", "malformed-ellipsis", "wenlint.rules.punctuation.malformed_ellipsis", "MalformedEllipsis", True),
    ("P", "P407", "malformed-dash", "wenlint.rules.punctuation.malformed_dash", "MalformedDash", True),
    ("P", "P408", "ellipsis-with-deng", "wenlint.rules.punctuation.ellipsis_with_deng", "EllipsisWithDeng", True),
    ("P", "P409", "superfluous-dunhao", "wenlint.rules.punctuation.superfluous_dunhao", "SuperfluousDunhao", True),
    ("P", "P410", "fullwidth-alphanumeric", "wenlint.rules.punctuation.fullwidth_alphanumeric", "FullwidthAlphanumeric", True),
    ("P", "P411", "hyphen-in-range", "wenlint.rules.punctuation.hyphen_in_range", "HyphenInRange", True),
    ("S", "S501", "broken-paragraph", "wenlint.rules.structure.broken_paragraph", "BrokenParagraph", True),
    ("S", "S502", "dangling-conjunction", "wenlint.rules.structure.dangling_conjunction", "DanglingConjunction", True),
    ("W", "W201", "doubled-word", "wenlint.rules.words.doubled_word", "DoubledWord", True),
    ("W", "W202", "misspelling", "wenlint.rules.words.misspelling", "Misspelling", True),
    ("W", "W203", "suspicious-name", "wenlint.rules.words.suspicious_name", "SuspiciousName", True),
    ("W", "W204", "possible-typo", "wenlint.rules.words.possible_typo", "PossibleTypo", False),
)
