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
reported as a skip (a figure caption 图1　… or an address 各位代表！ is no such heading). A 一 after
a list of one item repeats the number (一、A … 一、B … 二、C) rather than starting a new list.

Sibling numbers are checked as the outline is built. The first number of a nested list is checked
once it is built, against the document's own scheme: nested numbers either restart at 1 under
each parent (work plans: 一、（一）（二） 二、（一）…) or run on through the parents (State Council
opinions: 一、（一）（二） 二、（三）…; the third level 1. 2. too). ``nested_scheme`` infers the
scheme for each kind and depth of nested list in each part of the document (one top-level list):
a list under the second, third … parent of one list that starts at 1 votes for restarting, one
that goes on from the last number under the previous parent votes for running on, and the
majority wins. A list then breaks the scheme when it starts past 1 in a restarting scheme, or
restarts, repeats, skips or steps back in a running one. A tie or no vote (one parent) decides
nothing and nothing is reported. ``Item.problem`` records what is wrong (skip, repeat, backward,
start, restart) and ``Item.expected`` which number was due.

An item's title (``Item.title``) is its text up to the first 。：；！？; ``Item.headed`` tells
whether that is a heading at all: a title line or a run-in title is, the first clause of a
provision (第五条　有下列情形之一的，……：) is not, and an article's text is never a title.

Markdown: an ordered ``list_item`` block (``meta["list_number"]``: its number is markup, not text)
enters the outline with a synthetic marker of kind ``markup-<level>``; lazy numbering (1. 1. 1.)
reads as restarts and is never reported.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Final

from wenlint.document import Block, Document
from wenlint.record import Frozen
from wenlint.rules.numbering.markers import ARTICLE, MARKER_START, MARKUP, Marker, parse_marker
from wenlint.text.locate import lazy_re

TITLE, RUNIN, TEXT = "title", "run-in", "text"

_STOPS = "。！？；"
_TITLE_STOPS = "。！？；：:;"
_STOP_RE = lazy_re(f"[{_STOPS}]")  # (compiled on first use: a document may have no item)
_TITLE_STOP_RE = lazy_re(f"[{_TITLE_STOPS}]")
_MAX_TITLE = 60  # a standalone title longer than this reads as text
_MAX_RUNIN = 40  # a run-in title (up to its 。) longer than this reads as a sentence
_MAX_HEADING = 30  # unnumbered heading-like lines
_CAPTION_RE = lazy_re(r"[图表][0-9０-９]+(?:[-－.][0-9]+)?[\s\u3000]")


class Item:
    """A numbered block (compared by identity)."""

    __slots__ = (
        "block",
        "children",
        "expected",
        "group",
        "marker",
        "prev",
        "problem",
        "section",
        "shape",
        "title_end",
    )  # fmt: skip

    def __init__(
        self, block: Block, marker: Marker, shape: str, title_end: int, *, section: int = 0
    ) -> None:
        self.block = block
        self.marker = marker
        self.shape = shape
        self.title_end = (
            title_end  # end of the title in block.text: to the first 。：；！？ or the end
        )
        self.group: OList | None = None  # the list it belongs to
        self.children: list[OList] = []
        self.problem: str | None = None  # skip | repeat | backward | start
        self.expected: int | None = None  # the number that was due, when ``problem`` is set
        self.prev: Item | None = None  # the previous sibling (or the parent, for ``start``)
        # count of unnumbered heading-like lines before it (parts of a page)
        self.section = section

    @property
    def value(self) -> int:
        return self.marker.value

    @property
    def title(self) -> str:
        return self.block.text[self.marker.body : self.title_end]

    @property
    def depth(self) -> int:
        return self.group.depth if self.group else 0

    @property
    def headed(self) -> bool:
        """The item opens with a heading: a title line, a run-in title, or a paragraph that is one
        short sentence (（一）推动改革取得新突破。). The first clause of a longer text is none."""
        if self.shape != TEXT:
            return True
        t, end = self.block.text, self.title_end
        if end - self.marker.body > _MAX_RUNIN or end >= len(t):
            return False
        if t[end] in "：:":  # 标题：正文, unless the clause before the colon is a sentence's
            return "，" not in t[self.marker.body : end]
        return end == len(t) - 1 and t[end] in _STOPS  # one short sentence, alone


class OList:
    """A run of sibling items (compared by identity)."""

    __slots__ = ("alt", "depth", "fresh", "items", "kind", "last", "parent", "replaced", "shape")

    def __init__(
        self, kind: str, shape: str, parent: Item | None, depth: int, *, fresh: bool = False
    ) -> None:
        self.kind = kind
        self.shape = shape
        self.parent = parent
        self.depth = depth
        self.items: list[Item] = []
        self.last = 0
        self.alt: int | None = None  # after a misnumbered item, the number it should have had
        self.fresh = fresh  # started after a heading-like line: not checked for its first number
        self.replaced: OList | None = (
            None  # the list this one restarted (1. 2. 1. …), until it goes on
        )


class Outline(Frozen):
    __slots__ = ("items", "lists")
    _fields = ("items", "lists")
    items: Final[list[Item]]
    lists: Final[list[OList]]

    def __init__(self, items: list[Item], lists: list[OList]) -> None:
        self.items = items
        self.lists = lists

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


def item_shape(text: str, body: int, kind: str = "") -> tuple[str, int]:
    """(shape, title end) of an item whose own text starts at ``body``.

    An article (第五条　……) has no title: what follows its number is the provision itself. A
    clause that introduces a list (有下列情形之一的，由……责令改正：) is a sentence, not a title."""
    if kind == ARTICLE:
        return TEXT, body
    size = len(text) - body  # of the item's own text
    t = _TITLE_STOP_RE().search(text, body)
    # the first stop is at or after the first title stop: often it is that very mark
    m = t if t is None or t.group() in _STOPS else _STOP_RE().search(text, t.end())
    title = t.start() - body if t is not None else size
    if m is None:
        lead_in = text[-1:] in "：:" and "，" in text[body:]
        shape = TITLE if size <= _MAX_TITLE and not lead_in else TEXT
    else:
        stop = m.start() - body
        shape = TEXT if stop == size - 1 or stop > _MAX_RUNIN else RUNIN
    return shape, body + title


def heading_like(block: Block) -> bool:
    """An unnumbered line that reads as a heading: it separates lists."""
    if block.kind == "heading":
        return True
    t = block.text
    if len(t) > _MAX_HEADING or "。" in t or t[-1] in "，、；：,;:！？!?":
        return False  # (各位代表！ addresses the audience: it ends a sentence, heads nothing)
    return _CAPTION_RE().match(t) is None  # 图1　… labels a figure inside the item


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
            shape, title_end = item_shape(t, m.body, m.kind)
            item = Item(b, m, shape, title_end, section=self.section)
            items.append(item)
            self.place(item, m)
            if m.kind == ARTICLE and not m.supplement:
                self.last_article = item
        for it in items:
            if it.children and not all(c.items for c in it.children):
                it.children = [c for c in it.children if c.items]
        lists = [lst for lst in self.lists if lst.items]
        check_nested_starts(lists)
        return Outline(items, lists)

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
        elif v == 1 and not barrier and lst.last == 1 and not kind.startswith(MARKUP):
            # 一、A … 一、B … 二、C: a list of one item does not restart; its number was repeated
            self.misnumbered(item, prev, 2)
            self.append(idx, item, 1)
            lst.alt = 2
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
        item.group = lst
        lst.items.append(item)
        lst.last = v

    @staticmethod
    def misnumbered(item: Item, prev: Item, due: int) -> None:
        v = item.value
        item.problem = "repeat" if v == prev.value else "skip" if v > due else "backward"
        item.expected, item.prev = due, prev


RESTART, RUN_ON = "restart", "run-on"
_Chained = tuple["OList | None", OList, tuple[str, int, int]]


def chained(lists: list[OList]) -> list[_Chained]:
    """Each nested list, with the list of its kind under the previous parent item of the same
    parent list (None for a first list, or under the same parent), and the key its numbering
    scheme is decided by: kind, depth and the top-level list (the part of the document) it is in.
    """
    last: dict[tuple[str, int, int], OList] = {}
    out: list[_Chained] = []
    for lst in lists:
        parent = lst.parent
        if parent is None or lst.kind == ARTICLE or lst.items[0].marker.supplement:
            continue
        key = (lst.kind, lst.depth, id(parent.group))
        prev = last.get(key)
        last[key] = lst
        root = parent.group
        while root is not None and root.parent is not None:
            root = root.parent.group
        same = prev is not None and prev.parent is parent
        out.append((None if same else prev, lst, (lst.kind, lst.depth, id(root))))
    return out


def nested_scheme(links: list[_Chained]) -> dict[tuple[str, int, int], str]:
    """How each kind and depth of nested list is numbered in each part of the document: RESTART
    from one under each parent, or RUN_ON through the parents; absent when the evidence ties or
    is missing. The evidence is the first number of each list under the second, third …
    parent: 1 votes for RESTART; the last number under the previous parent + 1, or the count of
    the items under the earlier parents + 1, votes for RUN_ON."""
    votes: dict[tuple[str, int, int], list[int]] = {}
    counted: dict[int, int] = {}  # items so far under the parents of one list
    for prev, lst, key in links:
        chain = id(lst.parent.group) if lst.parent is not None else 0
        before = counted.get(chain, 0)
        counted[chain] = before + len(lst.items)
        if prev is None:
            continue
        v = lst.items[0].value
        tally = votes.setdefault(key, [0, 0])
        if v == 1:
            tally[0] += 1
        elif v == prev.last + 1 or v == before + 1:  # (on from a slip, or on through it)
            tally[1] += 1
    return {key: RESTART if r > o else RUN_ON for key, (r, o) in votes.items() if r != o}


def check_nested_starts(lists: list[OList]) -> None:
    """Mark the first item of a nested list that breaks its part's scheme (``nested_scheme``):
    in a restarting scheme one that does not start at 1; in a running one a restart at 1, or a
    repeat, skip or step back from the last number under the previous parent. A first list starts
    at 1 in both schemes. Nothing is marked where the scheme is undecided, nor for a list that
    starts after an unnumbered heading."""
    links = chained(lists)
    scheme = nested_scheme(links)
    before: dict[tuple[str, int], OList] = {}  # the previous list of a kind and depth, anywhere
    # a list with a slip is renumbered in the reader's mind: the next one may go on from the
    # numbers it should have had (一、（一）（二） 二、（一）!（二） 三、（五）)
    corrected: dict[int, int] = {}
    for prev, lst, key in links:
        earlier = before.get(key[:2])
        before[key[:2]] = lst
        first = lst.items[0]
        how = scheme.get(key)
        if how is None or lst.fresh or first.problem is not None or lst.parent is None:
            continue
        v = first.value
        if prev is None:
            # a first list: at 1, or (a page printed in parts) on from the part before
            if v != 1 and not (earlier is not None and v == earlier.last + 1):
                first.problem, first.expected, first.prev = "start", 1, lst.parent
        elif how == RESTART:
            if v != 1:
                first.problem, first.expected, first.prev = "start", 1, lst.parent
        elif v == 1:
            first.problem, first.expected, first.prev = "restart", prev.last + 1, prev.items[-1]
        elif v != prev.last + 1 and v != corrected.get(id(prev), prev.last) + 1:
            _Builder.misnumbered(first, prev.items[-1], prev.last + 1)
        due = first.expected if first.problem is not None and first.expected is not None else v
        corrected[id(lst)] = due + len(lst.items) - 1


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
