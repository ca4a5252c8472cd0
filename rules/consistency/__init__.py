"""K — consistency (一致性): one document, one way of writing."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``RULES``, imported when first asked for (a run imports only its rules' modules)."""
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from wenlint.rules.consistency.abbreviation_early import AbbreviationBeforeDefinition
    from wenlint.rules.consistency.abbreviation_not_used import AbbreviationNotUsed
    from wenlint.rules.consistency.name_spelling import NameSpelling
    from wenlint.rules.consistency.number_form import NumberForm
    from wenlint.rules.consistency.variant_form import VariantForm

    return (
        VariantForm,
        NameSpelling,
        AbbreviationNotUsed,
        NumberForm,
        AbbreviationBeforeDefinition,
    )
