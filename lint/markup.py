"""The prose view of a document: what rules may read, at the same offsets as the source.

``markdown_prose(text)`` and ``plain_prose(text)`` return ``(view, blocks)``. The view has exactly
the length of the text; every character that is not prose is replaced by ``MASK`` (U+FFFC), except
line breaks, which are kept, so an offset or a line found in the view is the same in the source.

Plain text (.txt): every non-blank line is a block (``wenlint.document.text_blocks``). wenlint
suppression comments (``<!-- wenlint-disable … -->``) and bare URLs / e-mail addresses are masked;
a line that holds only masked text is not a block and counts as a blank line for its neighbours.

Markdown (.md), parsed with markdown-it-py (CommonMark + GFM tables + strikethrough, and
``$…$`` / ``$$…$$`` math through mdit-py-plugins when it is installed):

- prose: the text of paragraphs, headings, list items, block quotes and table cells, and the text
  of links (not their URLs);
- masked: fenced and indented code, inline code, HTML blocks and inline HTML (so comments), link
  destinations and titles, autolinks, bare URLs, images (alt text included), math, front matter
  (``---``/``+++`` at the top), entities (``&amp;``), the backslash of an escape (the escaped
  character stays), and every markup character: ``#`` of headings, ``>`` of quotes, list markers
  (``1.``, ``-``), emphasis ``*``/``_``, ``~~``, table pipes, link brackets, indentation.

Blocks: ``paragraph``, ``heading`` (``level`` = 1–6), ``list_item`` (the first paragraph of an
item; ``level`` = list depth from 1; ``meta``: ``ordered``, ``list_marker`` (``.``, ``)``, ``-``,
``*``, ``+``) and, for ordered items, ``list_number`` (int, the number written in the source)),
``table_cell`` (``meta``: ``row``, ``col`` from 0, ``header``). Blocks inside block quotes have
``meta["quote"]`` = quote depth; later paragraphs of a list item have ``meta["in_list_item"]``;
the paragraphs of a footnote definition (``[^1]: …``) have ``meta["footnote"]``: their text is
prose, the ``[^1]:`` label and each ``[^1]`` reference are masked.

Soft line breaks: a paragraph wrapped over several source lines is ONE block. Because
``Block.text`` is a slice of the view (``Block.span`` adds offsets, nothing is remapped), the soft
break appears in ``text`` as the source's own line break (``\\n``, ``\\r\\n`` or ``\\r``) followed
by ``MASK`` for the next line's container markup or indentation (``> ``, list indentation), and
preceded by ``MASK`` for trailing spaces. Rules should read such a run (see ``SOFT_BREAK_RE``) as
nothing between two Han characters (Chinese joins lines without a space) and as one space
otherwise; they must not report it as a space, and a fix must not span it unless it means to.
``blank_before``/``blank_after`` are False only when the neighbouring block ends on the line just
before (or starts on the line just after), as in plain text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from wenlint.document import Block, text_blocks
from wenlint.text.chars import MASK, WHITESPACE, has_han

# A soft line break inside a Markdown block's text: masked trailing spaces, the line break, masked
# markup or indentation of the next line.
SOFT_BREAK_RE = re.compile(f"[ \\t{MASK}]*(?:\\r\\n|\\r|\\n)[ \\t{MASK}]*")

_STRIP = WHITESPACE + MASK
_NOT_NEWLINE = re.compile(r"[^\r\n]")
_BREAK = re.compile(r"\r\n|\r|\n")

# Machine-readable text: bare URLs, e-mail addresses and file paths. A URL or path starts in ASCII
# (``https://``, ``www.``, ``/usr/…``, ``./``, ``~/``, ``C:\\``) and runs over ASCII, and over
# other letters (Han) where a part of it starts: after ``/ ( = ? & # - _ + %``
# (``…/item/政协(中国)/1``, ``?q=政协``); Han straight after ASCII is the URL's only when
# the URL goes on after it (``wiki/Python中文/1``, ``2024年报告.pdf``), else prose
# (``2021.htm等文件``); other non-ASCII letters (``Größe``) anywhere. Whitespace, non-ASCII
# punctuation (``，。）》``), quotes and brackets end it; a trailing ``. , ; : ! ?`` or an
# unbalanced ``)`` / ``]`` is the sentence's, not the URL's (as in GFM).
# The lookahead first: every start is one of these characters, and checking it before the
# alternatives makes the scan of a Chinese text 8 times faster (1.1 s -> 0.13 s on 1.3M characters:
# each alternative's lookbehind was tried at every Han character).
_URL_START_RE = re.compile(
    r"(?=[A-Za-z~./\\])(?:"
    r"(?<![A-Za-z0-9])(?:(?:https?|ftp|file)://|www\.)"
    r"|(?<![\w.:/~\\-])(?:~|\.\.?)?/[A-Za-z0-9._-]+/(?=[^\s/])"
    r"|(?<![\w.:/~\\-])(?:~|\.\.?)/(?=[^\s/])"
    r"|(?<![A-Za-z0-9])[A-Za-z]:\\(?=[^\s\\])"
    r"|(?<![\w\\])\\\\[A-Za-z0-9._-]+\\"
    r")",
    re.ASCII,
)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b", re.ASCII)
#: ASCII characters that end a URL or path: quotes, angle brackets, backtick, brackets of markup.
_URL_STOP = frozenset('"<>`{}|^' + "'")
#: After these a part of a URL or path may start with a non-ASCII letter.
_PART_START = frozenset("/(=?&#-_+%\\")
_URL_TRAIL = ".,;:!?"
#: After a run of Han inside a URL, these say the URL goes on (a path, query or fragment).
_URL_GOES_ON = frozenset("/?#&=%_-+")


def _inside_url(text: str, i: int, j: int) -> bool:
    """Whether the non-ASCII run ``text[i:j]``, straight after an ASCII letter or digit of a
    URL, is part of it: it holds no Han (``Größe``), or the URL goes on after it
    (``wiki/Python中文/1``, ``2024年报告.pdf``), where prose would not (``2021.htm等文件``)."""
    if not has_han(text[i:j]):
        return True
    nxt = text[j : j + 1]
    if nxt and nxt in _URL_GOES_ON:
        return True
    return nxt == "." and text[j + 1 : j + 2].isascii() and text[j + 1 : j + 2].isalnum()


def _url_end(text: str, a: int, i: int) -> int:
    """Where the URL or path that starts at ``a`` and whose head ends at ``i`` ends."""
    from unicodedata import category

    n = len(text)
    while i < n:
        c = text[i]
        if "\x21" <= c <= "\x7e":
            if c in _URL_STOP:
                break
            i += 1
            continue
        if c < "\x80":
            break
        # a run of non-ASCII letters, marks and digits (Han, ö)
        j = i
        while j < n and not ("\x00" <= text[j] <= "\x7f") and category(text[j])[0] in "LMN":
            j += 1
        if j == i:
            break
        if text[i - 1] not in _PART_START and not _inside_url(text, i, j):
            break  # Han straight after ASCII that the URL does not go on after: prose
        i = j
    # the sentence's punctuation and an unbalanced closing bracket are not the URL's
    while i > a:
        c = text[i - 1]
        opening = "(" if c == ")" else "[" if c == "]" else ""
        if c in _URL_TRAIL or (opening and text.count(opening, a, i) < text.count(c, a, i)):
            i -= 1
        else:
            break
    return i


def machine_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every bare URL, e-mail address and file path in ``text``, sorted."""
    if "/" not in text and "@" not in text and "\\" not in text and "www." not in text:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _URL_START_RE.finditer(text):
        a = m.start()
        if a < pos:
            continue
        b = _url_end(text, a, m.end())
        if b > a:
            spans.append((a, b))
            pos = b
    if "@" in text:
        spans += [m.span() for m in _EMAIL_RE.finditer(text)]
        spans.sort()
    return spans


_COMMENT_RE = re.compile(r"<!--\s*wenlint-[\s\S]*?-->")


def mask(s: str) -> str:
    """``s`` with every character except line breaks replaced by MASK."""
    return _NOT_NEWLINE.sub(MASK, s)


def mask_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the given (sorted, non-overlapping) ranges masked."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if b <= a:
            continue
        out.append(text[pos:a])
        out.append(mask(text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def mask_urls(view: str, text: str | None = None) -> str:
    """``view`` with the URLs, e-mail addresses and paths of ``text`` (default: the view) masked:
    they are found in the source, where Markdown has not masked parts of them (``_`` of a URL)."""
    return mask_spans(view, machine_spans(view if text is None else text))


# -- plain text ------------------------------------------------------------------------------------


def plain_prose(text: str) -> tuple[str, list[Block]]:
    """View and blocks of a plain-text file: suppression comments and URLs masked."""
    view = text
    if "wenlint-" in view:
        view = mask_spans(view, [m.span() for m in _COMMENT_RE.finditer(view)])
    view = mask_urls(view)
    blocks = text_blocks(view)
    if view is text:
        return view, blocks
    out: list[Block] = []
    blank = False  # the previous line was masked away: neighbours count it as a blank line
    for b in blocks:
        stripped = b.text.strip(_STRIP)
        if not stripped:
            blank = True
            if out:
                out[-1].blank_after = True
            continue
        lead = len(b.text) - len(b.text.lstrip(_STRIP))
        b.start += lead
        b.text = stripped
        b.index = len(out)
        if blank:
            b.blank_before = True
        blank = False
        out.append(b)
    return view, out


# -- Markdown --------------------------------------------------------------------------------------

_parser_cache: list[Any] = []


def _parser() -> Any:
    if not _parser_cache:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        try:
            from mdit_py_plugins.dollarmath import dollarmath_plugin
        except ImportError:  # pragma: no cover - math stays prose without the plugin
            pass
        else:
            # Pandoc's rules: no space inside the dollars, no digit after the closing one, so
            # "价格$5和$6" is not math.
            md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
        try:
            from mdit_py_plugins.footnote import footnote_plugin
        except ImportError:  # pragma: no cover - footnotes stay link definitions without it
            pass
        else:
            md.use(footnote_plugin)
        md.disable("text_join")  # keep escapes and entities as their own tokens
        _parser_cache.append(md)
    return _parser_cache[0]


def _split_lines(text: str) -> tuple[list[str], list[int]]:
    lines: list[str] = []
    starts = [0]
    pos = 0
    for m in _BREAK.finditer(text):
        lines.append(text[pos : m.start()])
        pos = m.end()
        starts.append(pos)
    lines.append(text[pos:])
    return lines, starts


def front_matter_lines(lines: Sequence[str]) -> int:
    """How many lines at the top are YAML (``---``) or TOML (``+++``) front matter; 0 if none."""
    if not lines:
        return 0
    first = lines[0].rstrip()
    ends = {"---": ("---", "..."), "+++": ("+++",)}.get(first)
    if ends is None:
        return 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ends:
            return i + 1
    return 0


# container markup before a block's content on its line; a footnote definition's label last
_PREFIX_OK = re.compile(r"[ \t>*+#\-0-9.)]*(?:\[\^[^\]\s]+\]:[ \t]*)?")


def _locate(line: str, content: str) -> int | None:
    """Where ``content`` (a line of a block's inline content) starts in its source ``line``: after
    nothing but container markup and indentation."""
    if not content:
        return len(line)
    p = line.find(content)
    while p != -1:
        if _PREFIX_OK.fullmatch(line, 0, p):
            return p
        p = line.find(content, p + 1)
    return None


class _Raw:
    """A block's inline source (``raw``) and where each of its lines starts in the document."""

    def __init__(self, raw: str, segs: list[tuple[int, int]]) -> None:
        self.raw = raw
        self.segs = segs  # (offset in raw, offset in document), one per line, ascending
        self._keys = [s[0] for s in segs]

    def to_src(self, i: int) -> int:
        k = bisect.bisect_right(self._keys, i) - 1
        r, s = self.segs[k]
        return s + (i - r)


def _raw_of(token: Any, lines: list[str], starts: list[int]) -> _Raw | None:
    content: str = token.content
    if token.map is None:
        return None
    l0, l1 = token.map
    segs: list[tuple[int, int]] = []
    r = 0
    for k, cl in enumerate(content.split("\n")):
        ln = l0 + k
        if ln >= l1 or ln >= len(lines):
            return None
        p = _locate(lines[ln], cl)
        shift = 0
        if p is None:
            shift = len(cl) - len(cl.lstrip(" \t"))
            p = _locate(lines[ln], cl[shift:]) if shift else None
            if p is None:
                return None
        segs.append((r + shift, starts[ln] + p))
        r += len(cl) + 1
    return _Raw(content, segs)


def _table_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's stripped text in a GFM table row (outer pipes dropped)."""
    lo, hi = 0, len(line)
    while lo < hi and line[lo] in " \t":
        lo += 1
    while hi > lo and line[hi - 1] in " \t":
        hi -= 1
    if lo < hi and line[lo] == "|":
        lo += 1
    if hi > lo and line[hi - 1] == "|" and (hi - 2 < lo or line[hi - 2] != "\\"):
        hi -= 1
    bounds = [lo - 1]
    i = lo
    while i < hi:
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == "|":
            bounds.append(i)
        i += 1
    bounds.append(hi)
    cells: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        s, e = a + 1, b
        while s < e and line[s] in " \t":
            s += 1
        while e > s and line[e - 1] in " \t":
            e -= 1
        cells.append((s, e))
    return cells


def _find_text(raw: str, s: str, c: int) -> tuple[int, int, list[int]] | None:
    """Find token text ``s`` in ``raw`` from ``c``: (start, end, backslashes to mask) or None."""
    p = raw.find(s, c)
    if p != -1:
        return p, p + len(s), []
    # table cells: markdown-it has already removed the backslash of "\|"
    tries = 0
    for p in range(c, len(raw)):
        if raw[p] != s[0] and raw[p] != "\\":
            continue
        tries += 1
        if tries > 64:
            break
        j, k, masks = p, 0, []
        while k < len(s) and j < len(raw):
            if raw[j] == s[k]:
                j, k = j + 1, k + 1
            elif raw[j] == "\\" and j + 1 < len(raw) and raw[j + 1] == s[k]:
                masks.append(j)
                j, k = j + 2, k + 1
            else:
                break
        if k == len(s):
            return p, j, masks
    return None


def _find_run(raw: str, run: str, c: int) -> int:
    """Position of a backtick/dollar run exactly ``run`` long, from ``c``; -1 if none."""
    ch = run[0]
    p = raw.find(run, c)
    while p != -1:
        before = p > 0 and raw[p - 1] == ch
        after = raw[p + len(run) : p + len(run) + 1] == ch
        if not before and not after:
            return p
        q = p + len(run)
        while q < len(raw) and raw[q] == ch:
            q += 1
        p = raw.find(run, q)
    return -1


def _skip_ws(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in " \t\n":
        i += 1
    return i


def _skip_label(raw: str, i: int) -> int:
    """``raw[i]`` is ``[``: the index after its matching ``]`` (escapes and nesting honoured)."""
    depth = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(raw)


def _skip_link_tail(raw: str, j: int) -> int:
    """After a link's ``]``: skip ``(destination "title")`` or ``[label]``."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if raw[j : j + 1] == "(":
        end = len(raw)
        pos = _skip_ws(raw, j + 1)
        if pos < end and raw[pos] != ")":
            res = parseLinkDestination(raw, pos, end)
            if res.ok:
                pos = _skip_ws(raw, res.pos)
                title = parseLinkTitle(raw, pos, end)
                if title.ok:
                    pos = _skip_ws(raw, title.pos)
        if pos < end and raw[pos] == ")":
            return pos + 1
        q = raw.find(")", j)
        return q + 1 if q != -1 else j
    if raw[j : j + 1] == "[":
        return _skip_label(raw, j)
    return j


def _walk_inline(
    children: Sequence[Any],
    raw: str,
    add: Callable[[int, int], None],
    code: Callable[[int, int], None] | None = None,
) -> None:
    """Mark the prose of one inline token: ``add(a, b)`` for each prose range of ``raw``, and
    ``code(a, b)`` for each code span. Anything not recognised stays masked; on a mismatch the
    rest of the block stays masked."""
    c = 0
    i = 0
    n = len(children)
    while i < n:
        tok = children[i]
        t = tok.type
        i += 1
        if t == "text":
            if not tok.content:
                continue
            found = _find_text(raw, tok.content, c)
            if found is None:
                return
            a, b, masks = found
            for m in [*masks, b]:
                if m > a:
                    add(a, m)
                a = m + 1
            c = b
        elif t == "text_special":
            p = raw.find(tok.markup, c)
            if p == -1:
                return
            if tok.info == "escape" and len(tok.markup) == 2:
                add(p + 1, p + 2)  # the escaped character is prose, its backslash is not
            c = p + len(tok.markup)
        elif t == "code_inline" or t.startswith("math_inline"):
            p = _find_run(raw, tok.markup, c)
            if p == -1:
                return
            q = _find_run(
                raw,
                tok.markup,
                p + len(tok.markup) + (len(tok.content) if t != "code_inline" else 0),
            )
            if q == -1:
                return
            c = q + len(tok.markup)
            if code is not None and t == "code_inline":
                code(p, c)
        elif t == "footnote_ref":  # [^label]: a marker, masked like code
            mark = "[^" + str((tok.meta or {}).get("label", "")) + "]"
            p = raw.find(mark, c)
            if p == -1:
                return
            c = p + len(mark)
        elif t == "html_inline":
            p = raw.find(tok.content, c)
            if p == -1:
                return
            c = p + len(tok.content)
        elif t == "link_open":
            if tok.markup == "autolink" or tok.info == "auto":
                p = raw.find("<", c)
                q = raw.find(">", p + 1) if p != -1 else -1
                if q == -1:
                    return
                c = q + 1
                while i < n and children[i].type != "link_close":
                    i += 1
                i += 1
            else:
                p = raw.find("[", c)
                if p == -1:
                    return
                c = p + 1
        elif t == "link_close":
            p = raw.find("]", c)
            if p == -1:
                return
            c = _skip_link_tail(raw, p + 1)
        elif t == "image":
            p = raw.find("![", c)
            if p == -1:
                return
            c = _skip_link_tail(raw, _skip_label(raw, p + 1))
        elif t in ("softbreak", "hardbreak"):
            p = raw.find("\n", c)
            if p != -1:
                c = p + 1
        # emphasis, strong, strikethrough delimiters: markup, stay masked


def markdown_prose(text: str) -> tuple[str, list[Block]]:
    """The prose view and blocks of a Markdown document (see the module docstring)."""
    view, blocks, _ = markdown_parse(text)
    return view, blocks


def markdown_parse(text: str) -> tuple[str, list[Block], list[tuple[int, int]]]:
    """``markdown_prose``, and the (start, end) of the document's code blocks, inline code and
    math: where a ``<!-- wenlint-… -->`` is an example, not a suppression comment.
    ``Document`` keeps all three, so a text is parsed once."""
    lines, starts = _split_lines(text)
    fm = front_matter_lines(lines)
    source = "\n".join([""] * fm + lines[fm:]) if fm else "\n".join(lines)
    tokens = _parser().parse(source)

    prose: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []  # code and math, where a comment is not a comment
    found: list[tuple[int, int, str, int, dict[str, Any]]] = []  # start, end, kind, level, meta
    list_depth = 0
    quote = 0
    heading = 0
    item: dict[str, Any] | None = None
    item_seen = False
    row = col = -1
    header = False
    footnote = False

    def run(raw: _Raw, children: Sequence[Any]) -> tuple[int, int] | None:
        before = len(prose)

        def add(a: int, b: int) -> None:
            # a text token never holds a line break, but guard: split at any
            while a < b:
                nl = raw.raw.find("\n", a, b)
                e = b if nl == -1 else nl
                if e > a:
                    s = raw.to_src(a)
                    prose.append((s, s + (e - a)))
                a = e + 1

        def add_code(a: int, b: int) -> None:
            code.append((raw.to_src(a), raw.to_src(b - 1) + 1))

        _walk_inline(children, raw.raw, add, add_code)
        if len(prose) == before:
            return None
        return prose[before][0], prose[-1][1]

    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif t == "list_item_open":
            item = {"ordered": tok.markup in (".", ")"), "list_marker": tok.markup}
            if item["ordered"] and tok.info.isdigit():
                item["list_number"] = int(tok.info)
            item_seen = False
        elif t == "list_item_close":
            item = None
        elif t == "blockquote_open":
            quote += 1
        elif t == "blockquote_close":
            quote -= 1
        elif t == "footnote_open":
            footnote = True
        elif t == "footnote_close":
            footnote = False
        elif t == "heading_open":
            heading = int(tok.tag[1:])
        elif t == "heading_close":
            heading = 0
        elif t == "tr_open":
            row += 1
            col = -1
        elif t in ("th_open", "td_open"):
            col += 1
            header = t == "th_open"
        elif t == "table_open":
            row = -1
        elif t in ("fence", "code_block", "html_block", "hr", "math_block", "math_block_label"):
            item_seen = True
            if t != "html_block" and t != "hr" and tok.map is not None:
                a, b = tok.map
                code.append(
                    (starts[min(a, len(lines) - 1)], starts[b] if b < len(starts) else len(text))
                )
        elif t == "inline":
            meta: dict[str, Any] = {}
            if quote:
                meta["quote"] = quote
            if footnote:
                meta["footnote"] = True
            if col >= 0 and tok.map is not None and tok.map[0] < len(lines):
                # a table cell
                kind, level = "table_cell", 0
                meta.update(row=row, col=col, header=header)
                cells = _table_cells(lines[tok.map[0]])
                raw = None
                if col < len(cells):
                    a, b = cells[col]
                    cell = lines[tok.map[0]][a:b]
                    if cell.replace("\\|", "|") == tok.content.replace("\\|", "|"):
                        raw = _Raw(cell, [(0, starts[tok.map[0]] + a)])
            else:
                raw = _raw_of(tok, lines, starts)
                if heading:
                    kind, level = "heading", heading
                elif item is not None and not item_seen:
                    kind, level = "list_item", list_depth
                    meta.update(item)
                else:
                    kind, level = "paragraph", 0
                    if item is not None:
                        meta["in_list_item"] = True
                item_seen = item_seen or item is not None
            if raw is not None:
                ext = run(raw, tok.children or [])
                if ext is not None:
                    found.append((ext[0], ext[1], kind, level, meta))
        elif t in ("th_close", "td_close"):
            pass
        elif t == "table_close":
            col = row = -1
        if t == "tr_close":
            col = -1

    view = mask_urls(_build_view(text, prose), text)
    found.sort(key=lambda f: f[0])  # footnotes come last from the parser, blocks in text order
    return view, _make_blocks(view, found, starts), code


def markdown_code_spans(text: str) -> list[tuple[int, int]]:
    """The code spans of ``markdown_parse`` (a ``Document`` has them as ``code_spans``)."""
    return markdown_parse(text)[2]


def _build_view(text: str, prose: list[tuple[int, int]]) -> str:
    prose.sort()
    out: list[str] = []
    pos = 0
    for a, b in prose:
        if a < pos:
            a = pos
        if b <= a:
            continue
        if a > pos:
            out.append(mask(text[pos:a]))
        out.append(text[a:b])
        pos = b
    out.append(mask(text[pos:]))
    return "".join(out)


def _make_blocks(
    view: str, found: list[tuple[int, int, str, int, dict[str, Any]]], starts: list[int]
) -> list[Block]:
    blocks: list[Block] = []
    prev_last = -2
    for s, e, kind, level, meta in found:
        piece = view[s:e]
        stripped = piece.strip(_STRIP)
        if not stripped:
            continue
        start = s + len(piece) - len(piece.lstrip(_STRIP))
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, start + len(stripped) - 1) - 1
        adjacent = first - prev_last <= 1 and bool(blocks)
        if blocks:
            blocks[-1].blank_after = not adjacent
        blocks.append(
            Block(
                len(blocks),
                start,
                stripped,
                kind=kind,
                blank_before=not adjacent,
                level=level,
                meta=meta,
            )
        )
        prev_last = last
    return blocks
