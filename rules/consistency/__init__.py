"""K — consistency (一致性): one document, one way of writing."""

from __future__ import annotations

from wenlint.rule import Rule
from wenlint.rules.consistency.abbreviation_early import AbbreviationBeforeDefinition
from wenlint.rules.consistency.abbreviation_not_used import AbbreviationNotUsed
from wenlint.rules.consistency.name_spelling import NameSpelling
from wenlint.rules.consistency.number_form import NumberForm
from wenlint.rules.consistency.variant_form import VariantForm

RULES: tuple[type[Rule], ...] = (
    VariantForm,
    NameSpelling,
    AbbreviationNotUsed,
    NumberForm,
    AbbreviationBeforeDefinition,
)
