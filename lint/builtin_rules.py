"""The built-in rules as the registry knows them before their modules are imported:
each rule's entry point (code prefix), code and name.

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
    ("C", "C701", "traditional-char"),
    ("D", "D101", "duplicate-block"),
    ("D", "D102", "near-duplicate-block"),
    ("F", "F601", "zero-padded-date"),
    ("F", "F602", "mixed-date-format"),
    ("F", "F603", "wrong-zero-in-year"),
    ("F", "F604", "range-missing-unit"),
    ("F", "F605", "shortened-year"),
    ("F", "F606", "malformed-document-number"),
    ("K", "K801", "variant-form"),
    ("K", "K802", "name-spelling"),
    ("K", "K803", "abbreviation-not-used"),
    ("K", "K804", "number-form"),
    ("K", "K806", "abbreviation-before-definition"),
    ("N", "N301", "misnumbered-item"),
    ("N", "N302", "duplicate-item-title"),
    ("N", "N303", "reused-parent-marker"),
    ("N", "N304", "mixed-marker-style"),
    ("N", "N305", "nonstandard-marker"),
    ("N", "N306", "misnumbered-enumeration"),
    ("P", "P401", "halfwidth-punct-in-han"),
    ("P", "P402", "unbalanced-pair"),
    ("P", "P403", "repeated-punct"),
    ("P", "P404", "mixed-quote-style"),
    ("P", "P405", "space-between-han"),
    ("P", "P406", "malformed-ellipsis"),
    ("P", "P407", "malformed-dash"),
    ("P", "P408", "ellipsis-with-deng"),
    ("P", "P409", "superfluous-dunhao"),
    ("P", "P410", "fullwidth-alphanumeric"),
    ("P", "P411", "hyphen-in-range"),
    ("S", "S501", "broken-paragraph"),
    ("S", "S502", "dangling-conjunction"),
    ("W", "W201", "doubled-word"),
    ("W", "W202", "misspelling"),
    ("W", "W203", "suspicious-name"),
    ("W", "W204", "possible-typo"),
)
