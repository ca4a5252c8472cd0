"""The document's own scheme, as the D rules need it: which repeats are structure, not pasting.

A Markdown document repeats text by design in three ways, each recognised from the document
itself rather than from a list of phrases:

- a table of contents: a list whose items are the document's headings (an item repeats a
  heading, usually as a link to it);
- a table header row used again as the template of another table (``| 参数 | 说明 | 默认值 |``);
- parallel sections: sections of one kind (headings of one level, or nested list items of one
  depth) that share a skeleton and differ in their filling: two API sections that both say
  “参数调用如下，所有参数都是可选的” at the same place and differ in their code, or two list items
  with the same sub-items. Two blocks at the same place of two such sections are parallel, not a
  paste. A section whose whole body is a copy of another's (only the heading differs) shares no
  filling: its repeats are reported.

Plain text has no headings, lists or tables, so nothing here applies to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wenlint.rules.duplication._keys import block_keys

if TYPE_CHECKING:
    from wenlint.document import Document


class Outline:
    """Headings, list nesting and tables of contents of one document (``outline(doc)``)."""

    def __init__(self, doc: Document) -> None:
        blocks = doc.blocks
        keys = block_keys(doc)
        nb = len(blocks)
        self._doc = doc
        self._keys = keys
        #: per block: the block that opens its section (a heading or a parent list item), or -1;
        #: for a heading, the heading above it
        self.container = [-1] * nb
        #: per heading: where its section ends (the start of the next heading of its level or
        #: higher, or the end of the text)
        self._section_end: dict[int, int] = {}
        #: per heading: the index of the next heading (where its own blocks end)
        self._next_heading: dict[int, int] = {}
        #: per table cell: the keys of its table's header row (the table's template)
        self._template: dict[int, tuple[str, ...]] = {}
        self.toc = bytearray(nb)
        stack: list[int] = []  # the open headings, outermost first
        items: list[int] = []  # the open list items of the current list, outermost first
        header: list[str] = []
        last_heading = -1
        for j, b in enumerate(blocks):
            if b.kind == "heading":
                while stack and blocks[stack[-1]].level >= b.level:
                    # the section ends where the line of the next heading starts (its ``#``)
                    line = doc.lines.line_col(b.start)[0]
                    self._section_end[stack.pop()] = doc.lines.line_span(line).start
                self.container[j] = stack[-1] if stack else -1
                stack.append(j)
                items = []
                if last_heading >= 0:
                    self._next_heading[last_heading] = j
                last_heading = j
                continue
            if b.kind == "table_cell":
                if b.meta.get("row") == 0 and b.meta.get("col") == 0:
                    header = []  # a new table
                if b.meta.get("header"):
                    header.append(keys[j])
                self._template[j] = tuple(header)
            if b.kind == "list_item":
                while items and blocks[items[-1]].level >= b.level:
                    items.pop()
                self.container[j] = items[-1] if items else (stack[-1] if stack else -1)
                items.append(j)
                continue
            if b.kind == "paragraph" and b.meta.get("in_list_item"):
                self.container[j] = items[-1] if items else (stack[-1] if stack else -1)
                continue
            items = []
            self.container[j] = stack[-1] if stack else -1
        for h in stack:
            self._section_end[h] = len(doc.text)
        if last_heading >= 0:
            self._next_heading[last_heading] = nb
        self._mark_toc(doc)

    def _mark_toc(self, doc: Document) -> None:
        """A table of contents is a list whose items are the document's headings: the items of a
        list that repeat a heading, when at least two of them do."""
        blocks, keys = doc.blocks, self._keys
        headings = {keys[j] for j, b in enumerate(blocks) if b.kind == "heading" and keys[j]}
        if not headings:
            return
        j, nb = 0, len(blocks)
        while j < nb:
            if blocks[j].kind != "list_item":
                j += 1
                continue
            end = j
            while end < nb and blocks[end].kind == "list_item":
                end += 1  # one list (or nested lists) without anything else between the items
            hits = [i for i in range(j, end) if keys[i] in headings]
            if len(hits) >= 2:
                for i in hits:
                    self.toc[i] = 1
            j = end

    # -- the verdict on one pair ------------------------------------------------------------------
    def structural(self, later: int, earlier: int) -> bool:
        """Whether block ``later`` repeats block ``earlier`` by the document's design (a table of
        contents and its headings, a table header row, parallel sections) rather than by a
        paste."""
        blocks = self._doc.blocks
        a, b = blocks[later], blocks[earlier]
        if a.meta.get("header") and b.meta.get("header"):
            return True  # the header row of a table used again as the template of another
        toc = self.toc
        if toc[later] or toc[earlier]:
            other = b if toc[later] else a
            if other.kind == "heading" or toc[later] == toc[earlier] == 1:
                return True
        return self.parallel(later, earlier)

    def sibling_items(self, later: int, earlier: int) -> bool:
        """Whether the two blocks are candidates for like items: items of one list at one depth,
        or paragraphs of one section with only paragraphs between them (a run of paragraphs)."""
        blocks = self._doc.blocks
        a, b = blocks[later], blocks[earlier]
        if self.container[later] != self.container[earlier] or a.kind != b.kind:
            return False
        between = blocks[earlier + 1 : later]
        if a.kind == "paragraph":
            return all(x.kind == "paragraph" for x in between)
        if a.kind != "list_item":
            return False
        return all(x.kind == "list_item" and x.level >= a.level for x in between)

    def kind(self, block: int) -> str:
        return self._doc.blocks[block].kind

    def on_skeleton(self, block: int, near: int, head: str, tail: str) -> bool:
        """Whether ``block`` is another item like ``near`` (of its kind and depth, in its
        section) written on the skeleton ``head`` … ``tail`` with a filling of its own."""
        blocks = self._doc.blocks
        if not 0 <= block < len(blocks) or self.container[block] != self.container[near]:
            return False
        x, y = blocks[block], blocks[near]
        if x.kind != y.kind or x.level != y.level:
            return False
        key = self._keys[block]
        return len(key) > len(head) + len(tail) and key.startswith(head) and key.endswith(tail)

    def parallel(self, later: int, earlier: int) -> bool:
        """Whether the two blocks stand at the same place of two parallel sections."""
        blocks, container = self._doc.blocks, self.container
        a, b = blocks[later], blocks[earlier]
        ca, cb = container[later], container[earlier]
        if ca < 0 or cb < 0 or ca == cb:
            return False
        sa, sb = blocks[ca], blocks[cb]
        if sa.kind != sb.kind or sa.level != sb.level:
            return False
        if a.kind == "heading" or b.kind == "heading":
            # a sub-heading (“参数”“高阶用法”) under two parallel headings
            return a.kind == b.kind == "heading" and a.level == b.level
        if sa.kind == "list_item":
            # the sub-items of two items at the same place: the parent items are the filling
            return later - ca == earlier - cb
        if a.kind == b.kind == "table_cell":
            # a row of two tables made from one template (one header row) in two sections:
            # records (a parameter described in two parameter tables), placed where each fits
            template = self._template
            if template[later] and template[later] == template[earlier]:
                return self._body(ca) != self._body(cb)
        ends = self._next_heading
        if later - ca != earlier - cb and ends[ca] - later != ends[cb] - earlier:
            return False  # not at the same place of the two sections, from the top or bottom
        return self._body(ca) != self._body(cb)

    def _body(self, heading: int) -> str:
        """The source of a heading's section after the heading, whitespace dropped."""
        start = self._doc.blocks[heading].end
        return "".join(self._doc.text[start : self._section_end[heading]].split())


def outline(doc: Document) -> Outline:
    """The outline of ``doc``, built once per document and shared by the D rules."""
    return doc.derived(outline, Outline)
