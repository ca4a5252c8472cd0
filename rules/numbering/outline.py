"""The outline of a document: which numbered paragraphs are siblings, which list sits in which item.

Built once per document (``outline_of(doc)``, cached on the Document) and shared by the N rules.

The builder walks the numbered blocks in order, keeping a stack of open lists (outermost first).
An item joins the open list of its marker kind — 一、 joins the 一、 list, 1. the 1. list — and
closes the lists nested deeper; an item whose kind has no open list starts a list nested in the
innermost open item. Two things make real documents harder, and both decide by the *shape* of an
item (a title on its own line, a run-in title 一、标题。正文……, or plain text):

* A nested list may reuse its parent's marker (the defect N303 reports): 一、 title lines with
  一、 run-in items under them. A 一 that would restart the list is taken as nested when the open
  item is a title and the new one is not, so the parent sequence stays intact.
* When several open lists share a kind, an item goes to the one whose shape it has and whose next
  number it is, before the nearest one.

A short unnumbered heading-like line (2024年工作安排, a new article's headline) between two items
separates their lists: a number that does not follow on after it starts a new list instead of being
reported as a skip. Numbers are checked as the outline is built; ``Item.problem`` records what is
wrong (skip, repeat, backward, start) and ``Item.expected`` which number was due.

Markdown: an ordered ``list_item`` block (``meta["list_number"]``: its number is markup, not text)
enters the outline with a synthetic marker of kind ``markup-<level>``; lazy numbering (1. 1. 1.)
reads as restarts and is never reported.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from lint.document import Block, Document
from rules.numbering.markers import ARTICLE, MARKER_START, MARKUP, Marker, parse_marker

TITLE, RUNIN, TEXT = "title", "run-in", "text"

_STOPS = "。！？；"
_TITLE_STOPS = "。！？；：:;"
_STOP_RE = re.compile(f"[{_STOPS}]")
_TITLE_STOP_RE = re.compile(f"[{_TITLE_STOPS}]")
_MAX_TITLE = 60  # a standalone title longer than this reads as text
_MAX_RUNIN = 40  # a run-in title (up to its 。) longer than this reads as a sentence
_MAX_HEADING = 30  # unnumbered heading-like lines


@dataclass(eq=False)
class Item:
    """A numbered block."""

    block: Block
    marker: Marker
    shape: str
    title_end: int  # end of the title in block.text: up to the first 。：；！？ or the end
    group: OList | None = None  # the list it belongs to
    children: list[OList] = field(default_factory=list)
    problem: str | None = None  # skip | repeat | backward | start
    expected: int | None = None  # the number that was due, when ``problem`` is set
    prev: Item | None = None  # the previous sibling (or the parent, for ``start``)
    section: int = 0  # count of unnumbered heading-like lines before it (parts of a page)

    @property
    def value(self) -> int:
        return self.marker.value

    @property
    def title(self) -> str:
        return self.block.text[self.marker.body : self.title_end]

    @property
    def depth(self) -> int:
        return self.group.depth if self.group else 0


@dataclass(eq=False)
class OList:
    """A run of sibling items."""

    kind: str
    shape: str
    parent: Item | None
    depth: int
    items: list[Item] = field(default_factory=list)
    last: int = 0
    alt: int | None = None  # after a misnumbered item, the number it should have had
    fresh: bool = False  # started after a heading-like line: not checked for its first number
    replaced: OList | None = None  # the list this one restarted (1. 2. 1. …), until it goes on


@dataclass
class Outline:
    items: list[Item]
    lists: list[OList]

    @property
    def roots(self) -> list[OList]:
        return [lst for lst in self.lists if lst.parent is None]


_CACHE: weakref.WeakKeyDictionary[Document, Outline] = weakref.WeakKeyDictionary()


def outline_of(doc: Document) -> Outline:
    """The document's outline, built on first use and shared by every N rule."""
    out = _CACHE.get(doc)
    if out is None:
        out = build_outline(doc.blocks)
        _CACHE[doc] = out
    return out


def block_marker(block: Block) -> Marker | None:
    if block.kind == "table_cell":
        return None
    number = block.meta.get("list_number")
    if block.kind == "list_item" and isinstance(number, int) and number > 0:
        form = "N" + str(block.meta.get("list_marker", "."))
        return Marker(f"{MARKUP}-{block.level}", number, 0, 0, 0, str(number), form, synthetic=True)
    return parse_marker(block.text)


def item_shape(text: str, body: int) -> tuple[str, int]:
    """(shape, title end) of an item whose own text starts at ``body``."""
    size = len(text) - body  # of the item's own text
    t = _TITLE_STOP_RE.search(text, body)
    # the first stop is at or after the first title stop: often it is that very mark
    m = t if t is None or t.group() in _STOPS else _STOP_RE.search(text, t.end())
    title = t.start() - body if t is not None else size
    if m is None:
        shape = TITLE if size <= _MAX_TITLE else TEXT
    else:
        stop = m.start() - body
        shape = TEXT if stop == size - 1 or stop > _MAX_RUNIN else RUNIN
    return shape, body + title


def heading_like(block: Block) -> bool:
    """An unnumbered line that reads as a heading: it separates lists."""
    if block.kind == "heading":
        return True
    t = block.text
    return len(t) <= _MAX_HEADING and "。" not in t and t[-1] not in "，、；：,;:"


def build_outline(blocks: Iterable[Block]) -> Outline:
    return _Builder().run(blocks)


class _Builder:
    def __init__(self) -> None:
        self.stack: list[OList] = []
        self.items: list[Item] = []
        self.lists: list[OList] = []
        self.last_barrier = -1
        self.section = 0
        self.last_article: Item | None = None

    def run(self, blocks: Iterable[Block]) -> Outline:
        items = self.items
        for b in blocks:
            t = b.text
            # most blocks open with no marker character: decided here, without a call
            if b.kind == "paragraph":
                m = parse_marker(t) if t[:1] in MARKER_START else None
            else:
                m = block_marker(b)
            if m is None:
                # (heading_like, with its usual answer for a paragraph decided by the length)
                if t and (b.kind == "heading" or len(t) <= _MAX_HEADING) and heading_like(b):
                    self.last_barrier = b.index
                    self.section += 1
                continue
            shape, title_end = item_shape(t, m.body)
            item = Item(b, m, shape, title_end, section=self.section)
            items.append(item)
            self.place(item, m)
            if m.kind == ARTICLE and not m.supplement:
                self.last_article = item
        for it in items:
            if it.children and not all(c.items for c in it.children):
                it.children = [c for c in it.children if c.items]
        return Outline(items, [lst for lst in self.lists if lst.items])

    def barrier_after(self, item: Item | None) -> bool:
        return item is not None and self.last_barrier > item.block.index

    def place(self, item: Item, m: Marker) -> None:
        v, kind, stack = m.value, m.kind, self.stack
        if len(stack) == 1:  # the usual case: one open list
            cands = [0] if stack[0].kind == kind else []
        else:
            cands = [i for i, lst in enumerate(stack) if lst.kind == kind]
        if not cands:
            parent = stack[-1].items[-1] if stack else None
            self.start_list(item, parent, len(stack), fresh=self.barrier_after(parent))
            return
        idx = cands[0] if len(cands) == 1 else self.choose(cands, item)
        lst = stack[idx]
        prev = lst.items[-1]
        barrier = self.last_barrier > prev.block.index
        if m.supplement:  # 第X条之一 sits between X and X+1
            self.append(idx, item, lst.last)
        elif self.follows(lst, v) or self.stray_restart(idx, item):
            self.append(idx, item, v)
        elif v == 1 and prev.shape == TITLE and item.shape != TITLE and not barrier:
            # a nested list that reuses its parent's marker (一、 items under a 一、 title)
            del stack[idx + 1 :]
            self.start_list(item, prev, lst.depth + 1, fresh=False)
        elif v == 1 or barrier:
            del stack[idx:]
            self.start_list(item, lst.parent, lst.depth, fresh=True)
            if not barrier and item.shape == lst.shape:
                stack[-1].replaced = lst
        else:
            self.misnumbered(item, prev, lst.last + 1)
            self.append(idx, item, v)
            lst.alt = item.expected

    @staticmethod
    def follows(lst: OList, v: int) -> bool:
        return v == lst.last + 1 or (lst.alt is not None and v == lst.alt + 1)

    def stray_restart(self, idx: int, item: Item) -> bool:
        """1. 2. 1. 3.: the second 1 restarted the list, and 3 shows it was a slip for 3 (or an
        intruder): put the old list back with the stray item in it, reported."""
        lst = self.stack[idx]
        old = lst.replaced
        v = item.value
        if old is None or len(lst.items) != 1 or v == lst.last + 1:
            return False
        if v not in (old.last + 1, old.last + 2):
            return False
        stray = lst.items[0]
        self.stack[idx] = old
        lst.items = []  # dropped when the outline is done (removing here would be quadratic)
        self.misnumbered(stray, old.items[-1], old.last + 1)
        stray.group = old
        old.items.append(stray)
        old.last = v - 1
        return True

    def choose(self, cands: list[int], item: Item) -> int:
        """The innermost candidate list that the item follows on and has the shape of; else the
        innermost it follows on; else the innermost of its shape; else the innermost."""
        if len(cands) == 1:
            return cands[0]
        v, shape = item.value, item.shape
        both = fits = same = -1
        for i in cands:
            lst = self.stack[i]
            f = self.follows(lst, v)
            s = lst.shape == shape
            if f:
                fits = i
                if s:
                    both = i
            if s:
                same = i
        for i in (both, fits, same):
            if i >= 0:
                return i
        return cands[-1]

    def append(self, idx: int, item: Item, last: int) -> None:
        del self.stack[idx + 1 :]
        lst = self.stack[idx]
        item.group = lst
        lst.items.append(item)
        lst.last = last
        lst.alt = None

    def start_list(self, item: Item, parent: Item | None, depth: int, *, fresh: bool) -> None:
        lst = OList(item.marker.kind, item.shape, parent, depth, fresh=fresh)
        self.lists.append(lst)
        if parent is not None:
            parent.children.append(lst)
        self.stack.append(lst)
        v = item.value
        if item.marker.kind == ARTICLE and self.last_article is not None and v != 1:
            # articles are numbered through the whole law, across its chapters and sections
            due = self.last_article.value + 1
            if v != due and not fresh:
                self.misnumbered(item, self.last_article, due)
        elif parent is not None and v != 1 and not fresh and not item.marker.supplement:
            item.problem, item.expected, item.prev = "start", 1, parent
        item.group = lst
        lst.items.append(item)
        lst.last = v

    @staticmethod
    def misnumbered(item: Item, prev: Item, due: int) -> None:
        v = item.value
        item.problem = "repeat" if v == prev.value else "skip" if v > due else "backward"
        item.expected, item.prev = due, prev


def format_outline(doc: Document, outline: Outline | None = None) -> str:
    """The outline as an indented tree, one item a line (for debugging and reports)."""
    outline = outline or outline_of(doc)
    lines: list[str] = []

    def walk(lst: OList, indent: int) -> None:
        for it in lst.items:
            line = doc.line_col(it.block.start)[0]
            title = it.title if len(it.title) <= 24 else it.title[:23] + "…"
            note = f"  [{it.problem}: expected {it.expected}]" if it.problem else ""
            lines.append(f"{'  ' * indent}{it.marker.text}{title}  (line {line}, {it.shape}){note}")
            for child in it.children:
                walk(child, indent + 1)

    for root in outline.roots:
        walk(root, 0)
    return "\n".join(lines)
