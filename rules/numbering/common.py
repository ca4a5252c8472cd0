"""Small helpers the N rules share: where an item's marker and title are, how a number is shown."""

from __future__ import annotations

from wenlint.document import Document, Span
from wenlint.rules.numbering.markers import render
from wenlint.rules.numbering.outline import Item

GBT9704 = "GB/T 9704-2012 §7.3.3"


def marker_span(item: Item, doc: Document | None = None) -> Span:
    m = item.marker
    if m.synthetic:  # a Markdown list number: it sits in the source just before the block
        start = item.block.start
        if doc is not None:
            src = doc.text
            j = start
            while j > 0 and src[j - 1] in " \t":
                j -= 1
            k = j - 1 if j > 0 and src[j - 1] in ".)" else j
            i = k
            while i > 0 and src[i - 1].isdigit():
                i -= 1
            if i < k:
                return Span(i, j)
        return item.block.span(0, min(1, len(item.block.text)))
    return item.block.span(m.start, m.end)


def title_span(item: Item) -> Span:
    return item.block.span(item.marker.body, item.title_end)


def number_as(item: Item, value: int) -> str:
    """``value`` written the way ``item`` writes its number (四、 → 五、, （２） → （３）)."""
    m = item.marker
    return render(m.kind, value, m.form)
