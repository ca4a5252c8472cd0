"""Word documents (.docx): read one into the engine's Document, write findings back into a copy as
comments, and fixes into the file as tracked changes.

Reading. The text of a .docx is its paragraphs in reading order, one per line, joined by ``\\n``:
the body (paragraphs, and tables cell by cell, nested tables inside their cell), then the headers
and footers of each section (each part once), then the footnotes and endnotes. So a finding's
``line`` is the paragraph's number in that order and its ``column`` the character in the
paragraph; a run boundary (bold in the middle of a word) is invisible to the rules. Text boxes,
drawings, comments and deleted text (``w:del``) are not prose; text inserted as a tracked change
is read as if accepted. ``w:tab`` reads as a tab, a line break inside a paragraph (``w:br``) as
U+2028.

Every character of the text is a *piece* of the XML: one ``w:t`` (several characters), a
``w:tab``, a ``w:br``... and its run (``w:r``). ``Paragraph.pieces`` is that map, from a
character of the paragraph back to (run, element, character); comments and revisions split the
runs at exactly the characters they need, each part keeping a copy of the run's formatting.

Fixes. A fix that would join or split paragraphs, or edit a character that is not plain run text
(a tab, a break, a field's result, text already inside a tracked change) cannot be a revision:
it is shown as a suggestion (unsafe) instead. The safe fixes are applied in rounds as for text,
each character remembering where it came from, and the result is written as ``w:del`` (the old
characters, in their runs) and ``w:ins`` (the new ones, in the formatting of the run they
replace or follow), author ``wenlint``, with the time of the run.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from wenlint.document import Block, Document
from wenlint.fix import MAX_ROUNDS, apply_edits, select_fixes
from wenlint.io import InputError

if TYPE_CHECKING:
    from wenlint.check import Checker, FileResult

DOCX_SUFFIX = ".docx"
REVIEW_SUFFIX = ".wenlint.docx"
AUTHOR = "wenlint"
BREAK = "\u2028"  # a line break inside a paragraph (w:br, w:cr)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + W_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Subtrees of a paragraph that are not its prose.
_SKIP = {
    _W + "del",
    _W + "moveFrom",
    _W + "pPr",
    _W + "rPr",
    _W + "txbxContent",
    _W + "drawing",
    _W + "pict",
    _W + "object",
    _W + "footnoteReference",
    _W + "endnoteReference",
    "{" + MC_NS + "}AlternateContent",
}
# Containers whose runs are shown but must not be edited: an earlier revision, a simple field.
_FROZEN = {_W + "ins", _W + "moveTo", _W + "fldSimple"}
_STORY_BLOCKS = {_W + "p", _W + "tbl", _W + "sdt", _W + "customXml", _W + "sdtContent"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNPACKED = 512 * 1024 * 1024  # a .docx that unpacks to more is refused (a ZIP bomb)

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


# -- reading ---------------------------------------------------------------------------------------


@dataclass
class Piece:
    """One element of a paragraph's prose: ``text`` starts at ``start`` in the paragraph."""

    start: int
    text: str
    el: Any  # w:t, w:tab, w:br, w:cr, w:noBreakHyphen, w:sym
    run: Any  # its w:r
    frozen: bool  # inside a field result or an earlier revision: never edited


@dataclass
class Paragraph:
    el: Any  # w:p
    story: str  # body | header | footer | footnote | endnote
    part: Any  # the part holding it (saved when changed)
    cell: int = -1  # the table cell it is in (a number per cell of the story), -1 outside tables
    heading: int = 0  # the level of its heading style (Heading N / 标题 N), 0 for none
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class DocxSource:
    """A .docx read into paragraphs; ``text`` is what the rules see."""

    path: Path
    raw: bytes
    package: Any  # the python-docx Document
    paragraphs: list[Paragraph]
    blob_parts: list[tuple[Any, Any]]  # (part, root element) of parts python-docx keeps as bytes
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset of each paragraph in ``text``

    def __post_init__(self) -> None:
        texts = [p.text for p in self.paragraphs]
        self.text = "\n".join(texts)
        pos, starts = 0, []
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        self.starts = starts

    def frozen_mask(self) -> str:
        """One character per character of ``text``: ``x`` where a fix may not edit, else ``.``.
        A paragraph end is ``.`` (a fix may join the two paragraphs, a deleted paragraph mark)
        when both are of one story and one table cell and the first ends no section; else ``x``.
        Line breaks, tabs, fields and earlier revisions are ``x``."""
        out: list[str] = []
        paras = self.paragraphs
        for i, p in enumerate(paras):
            if i:
                q = paras[i - 1]
                ppr = q.el.find(_W + "pPr")
                joinable = (
                    q.story == p.story
                    and q.part is p.part
                    and q.cell == p.cell
                    and q.el.getparent() is p.el.getparent()
                    and (ppr is None or ppr.find(_W + "sectPr") is None)
                )
                out.append("." if joinable else "x")
            for pc in p.pieces:
                if pc.frozen or pc.text == BREAK or pc.el.tag != _W + "t":
                    out.append("x" * len(pc.text))
                else:
                    out.append("." * len(pc.text))
        return "".join(out)

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph index, character in it) of a document offset."""
        import bisect

        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return i, offset - self.starts[i]


def sniff(raw: bytes, name: str) -> None:
    """Refuse what is not a .docx, with one line that says what it is."""
    if raw.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in raw or b"EncryptionInfo" in raw:
            raise InputError(
                f"{name}: password-protected (encrypted) Word document, skipped; "
                "save a copy without a password"
            )
        raise InputError(
            f"{name}: a Word 97-2003 document (.doc, binary), not .docx, skipped; "
            "save it as .docx (Word, WPS, or soffice --convert-to docx)"
        )
    if not raw.startswith(b"PK"):
        what = "a PDF file" if raw.startswith(b"%PDF") else "not a ZIP package"
        if not raw:
            what = "an empty file"
        raise InputError(f"{name}: not a Word document ({what}), skipped")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > _MAX_UNPACKED:
                raise InputError(f"{name}: unpacks to more than {_MAX_UNPACKED >> 20} MB, skipped")
            bad = z.testzip()
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name}: corrupt .docx (a damaged ZIP package: {exc}), skipped") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise InputError(f"{name}: corrupt .docx ({exc}), skipped") from None
    if bad is not None:
        raise InputError(f"{name}: corrupt .docx (damaged member {bad}), skipped")
    if "word/document.xml" not in names and "[Content_Types].xml" in names:
        kind = next(
            (
                k
                for d, k in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint deck"))
                if any(n.startswith(d) for n in names)
            ),
            "an Office package without a Word document",
        )
        raise InputError(f"{name}: not a Word document ({kind}), skipped")
    if "[Content_Types].xml" not in names:
        raise InputError(f"{name}: not a Word document (a ZIP archive, not .docx), skipped")


def read_docx(path: Path, name: str) -> DocxSource:
    """Read ``path`` (a regular file), or raise ``InputError`` with one line."""
    from wenlint.io import read_bytes

    return parse_docx(read_bytes(path, name), path, name)


def parse_docx(raw: bytes, path: Path, name: str) -> DocxSource:
    sniff(raw, name)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(
            f"{name}: reading .docx needs python-docx (pip install python-docx)"
        ) from None
    try:
        package = docx.Document(io.BytesIO(raw))
        paragraphs, blob_parts = _paragraphs(package)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name}: not a readable Word document ({_short(exc)}), skipped") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like, from a damaged part
        raise InputError(f"{name}: corrupt .docx ({_short(exc)}), skipped") from None
    return DocxSource(path, raw, package, paragraphs, blob_parts)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _paragraphs(package: Any) -> tuple[list[Paragraph], list[tuple[Any, Any]]]:
    from docx.oxml import parse_xml

    doc_part = package.part
    styles = _heading_styles(package)
    out: list[Paragraph] = []
    cells = [0]
    body = package.element.body
    out.extend(_story(body, "body", doc_part, styles, cells))
    seen: set[str] = set()
    for sect in body.iter(_W + "sectPr"):
        for ref in sect:
            kind = {_W + "headerReference": "header", _W + "footerReference": "footer"}.get(ref.tag)
            if kind is None:
                continue
            rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            part = doc_part.related_parts.get(rid) if rid else None
            if part is None or str(part.partname) in seen or not hasattr(part, "element"):
                continue
            seen.add(str(part.partname))
            out.extend(_story(part.element, kind, part, styles, cells))
    blob_parts: list[tuple[Any, Any]] = []
    for reltype, kind in ((_FOOTNOTES, "footnote"), (_ENDNOTES, "endnote")):
        for rel in doc_part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            part = rel.target_part
            root = part.element if hasattr(part, "element") else parse_xml(part.blob)
            if not hasattr(part, "element"):
                blob_parts.append((part, root))
            for note in root:
                if note.get(_W + "type") in ("separator", "continuationSeparator"):
                    continue
                out.extend(_story(note, kind, part, styles, cells))
    return out, blob_parts


def _heading_styles(package: Any) -> dict[str, int]:
    """Style id -> heading level, for the paragraph styles that are headings (by their outline
    level or their name: Heading N, 标题 N)."""
    levels: dict[str, int] = {}
    try:
        root = package.styles.element
    except Exception:  # no styles part
        return levels
    for st in root.iter(_W + "style"):
        sid = st.get(_W + "styleId") or ""
        name_el = st.find(_W + "name")
        name = (name_el.get(_W + "val") if name_el is not None else "") or ""
        low = name.lower().replace(" ", "")
        for prefix in ("heading", "标题"):
            if low.startswith(prefix) and low[len(prefix) :].isdigit():
                levels[sid] = int(low[len(prefix) :])
        ppr = st.find(_W + "pPr")
        if ppr is not None and sid not in levels:
            ol = ppr.find(_W + "outlineLvl")
            if ol is not None and (ol.get(_W + "val") or "").isdigit():
                lvl = int(ol.get(_W + "val") or "9")
                if lvl < 9:
                    levels[sid] = lvl + 1
    return levels


def _story(
    root: Any, story: str, part: Any, styles: dict[str, int], cells: list[int], cell: int = -1
) -> Iterator[Paragraph]:
    for el in root:
        tag = el.tag
        if tag == _W + "p":
            yield _paragraph(el, story, part, styles, cell)
        elif tag == _W + "tbl":
            for tr in el.iter(_W + "tr"):
                if _nearest_table(tr) is not el:
                    continue  # a row of a nested table: read inside its cell
                for tc in tr:
                    if tc.tag == _W + "tc":
                        cells[0] += 1
                        yield from _story(tc, story, part, styles, cells, cells[0])
                    elif tc.tag in (_W + "sdt", _W + "customXml"):
                        for inner in tc.iter(_W + "tc"):
                            cells[0] += 1
                            yield from _story(inner, story, part, styles, cells, cells[0])
        elif tag in _STORY_BLOCKS or tag in (_W + "ins", _W + "moveTo"):
            yield from _story(el, story, part, styles, cells, cell)


def _nearest_table(el: Any) -> Any:
    p = el.getparent()
    while p is not None and p.tag != _W + "tbl":
        p = p.getparent()
    return p


def _paragraph(p: Any, story: str, part: Any, styles: dict[str, int], cell: int) -> Paragraph:
    para = Paragraph(p, story, part, cell)
    ppr = p.find(_W + "pPr")
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        if ps is not None:
            para.heading = styles.get(ps.get(_W + "val") or "", 0)
    para.pieces = list(_pieces(p))
    return para


_T, _TAB, _BR, _CR, _FLD = _W + "t", _W + "tab", _W + "br", _W + "cr", _W + "fldChar"
_PIECE_TAGS = (_T, _TAB, _BR, _CR, _FLD, _W + "noBreakHyphen", _W + "sym")
_R = _W + "r"


def _pieces(p: Any) -> Iterator[Piece]:
    pos = 0
    field_depth = 0  # complex fields: inside begin..end
    result = [False]  # per open field: past its separate (its shown result)
    runs: dict[Any, bool | None] = {}  # run -> frozen (None: not prose)
    # the elements that can hold text, found by lxml in document order; the walk up from each
    # run (once per run) drops those in text boxes, deletions and the like
    for child in p.iter(_PIECE_TAGS):
        r = child.getparent()
        if r is None or r.tag != _R:
            continue
        state = runs[r] if r in runs else runs.setdefault(r, _run_state(r, p))
        if state is None:
            continue
        tag = child.tag
        if tag == _FLD:
            kind = child.get(_W + "fldCharType")
            if kind == "begin":
                field_depth += 1
                result.append(False)
            elif kind == "separate" and field_depth:
                result[-1] = True
            elif kind == "end" and field_depth:
                field_depth -= 1
                result.pop()
            continue
        if tag == _T:
            text = child.text or ""
        elif tag == _TAB:
            text = "\t"
        elif tag in (_BR, _CR):
            text = BREAK
        elif tag == _PIECE_TAGS[5]:
            text = "\u2011"
        else:
            try:
                text = chr(int(child.get(_W + "char") or "", 16))
            except ValueError:
                continue
        if not text or (field_depth and not result[-1]):
            continue  # (a field's code is w:instrText; nothing before its separate is shown)
        yield Piece(pos, text, child, r, state or bool(field_depth))
        pos += len(text)


def _run_state(r: Any, p: Any) -> bool | None:
    """None when run ``r`` is not prose (in a text box, a deletion...), else whether it is
    frozen (in a field or an earlier revision)."""
    frozen = False
    a = r.getparent()
    while a is not None and a is not p:
        tag = a.tag
        if tag in _SKIP or tag == _W + "p":
            return None
        if tag in _FROZEN:
            frozen = True
        a = a.getparent()
    return frozen


class DocxDocument(Document):
    """A Document whose blocks know the Word structure: a table cell's paragraphs are
    ``table_cell`` blocks, a heading style makes a ``heading``, and blocks of different cells
    or parts (body, header, footnote) are never adjacent."""

    def __init__(self, path: str, text: str, paragraphs: Sequence[Paragraph], **kw: Any) -> None:
        super().__init__(path, text, **kw)
        self._paras = paragraphs

    @cached_property
    def _prose(self) -> tuple[str, list[Block], list[tuple[int, int]]]:
        from wenlint.markup import plain_prose

        view, blocks = plain_prose(self.text)
        paras = self._paras
        prev: Paragraph | None = None
        for b in blocks:
            line = self.lines.line_col(b.start)[0]
            para = paras[line - 1] if line - 1 < len(paras) else None
            if para is None:
                continue
            if para.cell >= 0:
                b.kind = "table_cell"
            elif para.heading:
                b.kind, b.level = "heading", para.heading
            if prev is not None and (prev.cell != para.cell or prev.story != para.story):
                b.blank_before = True
                if b.index:
                    blocks[b.index - 1].blank_after = True
            b.meta["paragraph"] = line
            prev = para
        return view, blocks, []


# -- fixes that a .docx can take -------------------------------------------------------------------


def _fits(d: Diagnostic, text: str, mask: str) -> bool:
    """Whether every edit of ``d``'s fix touches only plain run text and paragraph ends that
    can join (see ``DocxSource.frozen_mask``), and inserts no paragraph or line break."""
    assert d.fix is not None
    for e in d.fix.edits:
        if "\n" in e.text or BREAK in e.text or "x" in mask[e.start : e.end]:
            return False
        if (
            e.start == e.end
            and 0 < e.start < len(text)
            and mask[e.start - 1] == "x" == mask[e.start]
            and text[e.start - 1] != "\n"
            and text[e.start] != "\n"
        ):
            return False  # an insertion between two frozen characters (inside a field)
    return True


def downgrade(diags: list[Diagnostic], text: str, mask: str) -> list[Diagnostic]:
    """The findings with each safe fix a .docx cannot take as a revision made a suggestion."""
    out = []
    for d in diags:
        if d.fix is not None and d.fix.safe and d.fix.edits and not _fits(d, text, mask):
            d = d._replace(fix=Fix(d.fix.edits, Applicability.UNSAFE))
        out.append(d)
    return out


@dataclass
class Fixed:
    text: str
    origin: list[int]  # for each character of ``text``: its offset in the original, or -1 (new)
    applied: int
    diagnostics: list[Diagnostic]
    converged: bool


def fix_rounds(text: str, mask: str, lint: Callable[[str, str], list[Diagnostic]]) -> Fixed:
    """``wenlint.fix.fix_text`` for a .docx: rounds of safe fixes, each character tracked back to
    the original (so the result can be written as deletions and insertions)."""
    origin = list(range(len(text)))
    applied = 0
    diags = lint(text, mask)
    for _ in range(MAX_ROUNDS):
        edits, count = select_fixes(diags)
        if not count:
            return Fixed(text, origin, applied, diags, True)
        new = apply_edits(text, edits)
        if new == text:
            return Fixed(text, origin, applied, diags, True)
        mask = apply_edits(mask, [Edit(e.start, e.end, "." * len(e.text)) for e in edits])
        origin = _apply_origin(origin, edits)
        text, applied = new, applied + count
        diags = lint(text, mask)
    return Fixed(text, origin, applied, diags, not select_fixes(diags)[1])


def _apply_origin(origin: list[int], edits: Sequence[Edit]) -> list[int]:
    out: list[int] = []
    pos = 0
    for e in edits:
        out.extend(origin[pos : e.start])
        out.extend([-1] * len(e.text))
        pos = e.end
    out.extend(origin[pos:])
    return out


def changes(original: str, fixed: str, origin: list[int]) -> list[tuple[int, int, str]]:
    """The difference as (start, end, new text) on the original: replace ``original[start:end]``
    with the text; in order, never overlapping."""
    ops: list[tuple[int, int, str]] = []
    nxt = 0  # the next original offset expected
    pending: list[str] = []
    for ch, o in zip(fixed, origin, strict=True):
        if o < 0:
            pending.append(ch)
            continue
        if o != nxt or pending:
            ops.append((nxt, o, "".join(pending)))
            pending = []
        nxt = o + 1
    if nxt != len(original) or pending:
        ops.append((nxt, len(original), "".join(pending)))
    return ops


# -- writing: splitting runs, comments, revisions --------------------------------------------------


def _new(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_W + k, v)
    return el


def _split_run(run: Any, child: Any, at: int) -> tuple[Any, Any]:
    """Split ``run`` before character ``at`` of its content element ``child`` (``at`` 0: before
    ``child``). The left part stays ``run``; the new right part (same formatting), already placed
    after it, is returned with the element holding the cut-off text (or None)."""
    right = copy.deepcopy(run)
    for c in list(right):
        if c.tag != _W + "rPr":
            right.remove(c)
    kids = [c for c in run if c.tag != _W + "rPr"]
    idx = kids.index(child)
    moving = kids[idx:]
    tail_el = None
    if at > 0:
        text = child.text or ""
        head, tail = text[:at], text[at:]
        child.text = head
        _keep_space(child)
        tail_el = copy.deepcopy(child)
        tail_el.text = tail
        _keep_space(tail_el)
        moving = [tail_el, *kids[idx + 1 :]]
    for c in moving:
        right.append(c)  # (moves the element out of ``run``)
    run.addnext(right)
    return right, tail_el


def _keep_space(t: Any) -> None:
    if t.text and (t.text[0].isspace() or t.text[-1].isspace()):
        t.set(_XML_SPACE, "preserve")


def _boundary(para: Paragraph, offset: int) -> None:
    """Make ``offset`` (a character of the paragraph) start a run; the piece map follows."""
    for i, pc in enumerate(para.pieces):
        if pc.start <= offset < pc.start + len(pc.text):
            prev = para.pieces[i - 1] if i else None
            if offset == pc.start and (prev is None or prev.run is not pc.run):
                return  # already the first character of its run
            right, tail = _split_run(pc.run, pc.el, offset - pc.start)
            moved = [q for q in para.pieces[i:] if q.run is pc.run]
            if tail is not None:  # the piece itself was cut in two
                cut = Piece(offset, pc.text[offset - pc.start :], tail, right, pc.frozen)
                pc.text = pc.text[: offset - pc.start]
                para.pieces.insert(i + 1, cut)
                moved = moved[1:]
            for q in moved:
                q.run = right
            return


def _covered_runs(para: Paragraph, start: int, end: int) -> list[Any]:
    """The runs of ``[start, end)`` (after ``_boundary`` at both ends), in order, each once."""
    runs: list[Any] = []
    for pc in para.pieces:
        if (
            pc.start < end
            and pc.start + len(pc.text) > start
            and (not runs or runs[-1] is not pc.run)
        ):
            runs.append(pc.run)
    return runs


class Writer:
    """Changes to one loaded .docx; ``save`` writes it whole."""

    def __init__(self, src: DocxSource) -> None:
        self.src = src
        self.date = _dt.datetime.now(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = _max_revision_id(src) + 1

    def _id(self) -> str:
        self._ids += 1
        return str(self._ids)

    # comments
    def comment(self, start: int, end: int, text: str) -> bool:
        """One comment on the characters ``[start, end)`` of the document text (a point: the
        character before it, or after it); False when it cannot be anchored there (a header or
        footer, which Word gives no comments; an empty paragraph)."""
        src, full = self.src, self.src.text
        s, e = start, end
        if e <= s:
            if 0 < s <= len(full) and full[s - 1] != "\n":
                s, e = s - 1, s
            elif s < len(full) and full[s] != "\n":
                e = s + 1
            else:
                return False
        while s < e and full[s] == "\n":
            s += 1
        while e > s and full[e - 1] == "\n":
            e -= 1
        if s >= e:
            return False
        pa, ca = src.locate(s)
        pb, cb = src.locate(e - 1)
        a, b = src.paragraphs[pa], src.paragraphs[pb]
        if a.story != "body" or b.story != "body":
            return False
        _boundary(a, ca)
        if cb + 1 < len(b.text):
            _boundary(b, cb + 1)
        first = _covered_runs(a, ca, ca + 1)[0]
        last = _covered_runs(b, cb, cb + 1)[-1]
        comment = src.package.comments.add_comment(text=text, author=AUTHOR, initials="WL")
        cid = str(comment.comment_id)
        _outer(first, a.el).addprevious(_new("w:commentRangeStart", id=cid))
        end_el = _new("w:commentRangeEnd", id=cid)
        ref_run = _new("w:r")
        rpr = _new("w:rPr")
        rpr.append(_new("w:rStyle", val="CommentReference"))
        ref_run.append(rpr)
        ref_run.append(_new("w:commentReference", id=cid))
        _outer(last, b.el).addnext(end_el)
        end_el.addnext(ref_run)
        return True

    def first_body_char(self) -> int | None:
        """The offset of the first character of the body, for comments on what has no anchor."""
        for p, start in zip(self.src.paragraphs, self.src.starts, strict=True):
            if p.story == "body" and p.text:
                return start
        return None

    # revisions
    def revise(self, ops: Sequence[tuple[int, int, str]]) -> None:
        """Write ``ops`` (see ``changes``) as tracked changes, from the last to the first so the
        offsets before each stay valid. A deletion across paragraph ends deletes their marks
        (the paragraphs join when the change is accepted)."""
        src = self.src
        for start, end, new in reversed(ops):
            pi, c0 = src.locate(start)
            pj, c1 = src.locate(end) if end > start else (pi, c0)
            if pj == pi:
                self._revise(src.paragraphs[pi], c0, c1, new)
                continue
            self._revise(src.paragraphs[pj], 0, c1, "")
            for k in range(pj - 1, pi, -1):
                mid = src.paragraphs[k]
                self._revise(mid, 0, len(mid.text), "")
            first = src.paragraphs[pi]
            self._revise(first, c0, len(first.text), new)
            for k in range(pi, pj):
                self._delete_mark(src.paragraphs[k])

    def _delete_mark(self, para: Paragraph) -> None:
        """Mark the end of ``para`` deleted (w:pPr/w:rPr/w:del)."""
        ppr = para.el.find(_W + "pPr")
        if ppr is None:
            ppr = _new("w:pPr")
            para.el.insert(0, ppr)
        rpr = ppr.find(_W + "rPr")
        if rpr is None:
            rpr = _new("w:rPr")
            later = [c for c in ppr if c.tag in (_W + "sectPr", _W + "pPrChange")]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, _new("w:del", id=self._id(), author=AUTHOR, date=self.date))

    def _revise(self, para: Paragraph, c0: int, c1: int, new: str) -> None:
        n = len(para.text)
        if c0 < n:
            _boundary(para, c0)
        if c1 < n:
            _boundary(para, c1)
        deleted = _covered_runs(para, c0, c1) if c1 > c0 else []
        before = _covered_runs(para, c0 - 1, c0) if c0 > 0 else []
        after = _covered_runs(para, c0, c0 + 1) if c0 < n else []
        template = (deleted or before or after or [None])[0]
        last_del = None
        for r in deleted:
            d = _new("w:del", id=self._id(), author=AUTHOR, date=self.date)
            r.addprevious(d)
            d.append(r)  # moves the run into w:del
            for t in r.iter(_W + "t"):
                t.tag = _W + "delText"
            for t in r.iter(_W + "instrText"):
                t.tag = _W + "delInstrText"
            last_del = d
        # the pieces of deleted runs are gone from the paragraph's prose
        gone = {id(r) for r in deleted}
        kept = [pc for pc in para.pieces if id(pc.run) not in gone]
        if not new:
            para.pieces = _renumber(kept)
            return
        ins = _new("w:ins", id=self._id(), author=AUTHOR, date=self.date)
        run = _new("w:r")
        if template is not None:
            rpr = template.find(_W + "rPr")
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
        added = _fill(run, new)
        ins.append(run)
        if last_del is not None:
            last_del.addnext(ins)
        elif before:
            _outer(before[-1], para.el).addnext(ins)
        elif after:
            _outer(after[0], para.el).addprevious(ins)
        else:
            ppr = para.el.find(_W + "pPr")
            if ppr is not None:
                ppr.addnext(ins)
            else:
                para.el.insert(0, ins)
        # the new text is prose now (frozen: it sits in a revision)
        at = next((i for i, pc in enumerate(kept) if pc.start >= c0), len(kept))
        new_pieces = [Piece(0, t, el, run, True) for t, el in added]
        para.pieces = _renumber([*kept[:at], *new_pieces, *kept[at:]])

    def save(self, target: Path) -> None:
        for part, root in self.src.blob_parts:
            from lxml import etree

            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        buf = io.BytesIO()
        self.src.package.save(buf)
        from wenlint.io import replace_contents

        if target == self.src.path:
            replace_contents(target, buf.getvalue(), expect=self.src.raw, what="fixes")
        else:
            replace_contents(target, buf.getvalue(), what="the review copy")


def _renumber(pieces: list[Piece]) -> list[Piece]:
    pos = 0
    for pc in pieces:
        pc.start = pos
        pos += len(pc.text)
    return pieces


def _fill(run: Any, text: str) -> list[tuple[str, Any]]:
    """Fill a new run with ``text`` (tabs as w:tab); its (text, element) pieces."""
    out: list[tuple[str, Any]] = []
    for i, part in enumerate(text.split("\t")):
        if i:
            tab = _new("w:tab")
            run.append(tab)
            out.append(("\t", tab))
        if part:
            t = _new("w:t")
            t.text = part
            _keep_space(t)
            run.append(t)
            out.append((part, t))
    return out


def _outer(run: Any, p: Any) -> Any:
    """The element to place a revision or comment mark beside: the run, or the earlier revision or
    simple field holding it (never nest a revision in a revision)."""
    el = run
    a = run.getparent()
    while a is not None and a is not p:
        if a.tag in _FROZEN:
            el = a
        a = a.getparent()
    return el


def _max_revision_id(src: DocxSource) -> int:
    best = 0
    roots = [src.package.element]
    roots += [p.part.element for p in src.paragraphs if hasattr(p.part, "element")]
    roots += [root for _, root in src.blob_parts]
    seen: set[int] = set()
    for root in roots:
        if id(root) in seen:
            continue
        seen.add(id(root))
        for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange"):
            for el in root.iter(_W + tag):
                v = el.get(_W + "id") or ""
                if v.isdigit():
                    best = max(best, int(v))
    return best


# -- the checker's side ----------------------------------------------------------------------------


def review_path(path: Path, review_dir: Path | None) -> Path:
    name = path.name[: -len(DOCX_SUFFIX)] + REVIEW_SUFFIX
    return (review_dir / name) if review_dir is not None else path.with_name(name)


def comment_text(d: Diagnostic, text: str, lang: str) -> str:
    """What a review comment says: code and rule name, the message, the help, the fix."""
    parts = [
        f"{d.code} {d.name}：{d.message.get(lang)}"
        if lang == "zh"
        else f"{d.code} {d.name}: {d.message.get(lang)}"
    ]
    if d.help is not None:
        parts.append(d.help.get(lang))
    if d.fix is not None and d.fix.edits:
        shown = "；".join(
            f"“{_cut(text[e.start : e.end])}” → “{_cut(e.text)}”"
            if e.end > e.start
            else f"插入“{_cut(e.text)}”"
            for e in d.fix.edits[:5]
        )
        label = (
            ("修改建议" if lang == "zh" else "Suggested fix")
            if not d.fix.safe
            else ("可自动修复" if lang == "zh" else "Fix")
        )
        parts.append(f"{label}：{shown}" if lang == "zh" else f"{label}: {shown}")
    return "\n".join(parts)


def _cut(s: str, n: int = 40) -> str:
    """A quoted part of the text, short enough for a comment, paragraph ends shown as ↵."""
    s = s.replace("\n", "↵")
    return s if len(s) <= n else s[: n // 2] + "…" + s[-(n // 2) :]


def check_docx(checker: Checker, name: str, path: Path) -> FileResult:
    """``Checker.check_file`` for a .docx: lint, and write the review copy or the revisions."""
    from wenlint.check import FileResult, unified_diff
    from wenlint.config import ConfigError
    from wenlint.runner import lint_document

    options = checker.options
    result = FileResult(name)
    try:
        src = read_docx(path, name)
        cfg = checker.config_for(path)
        ruleset = checker.ruleset_for(cfg)
    except (InputError, ConfigError) as exc:
        result.error = str(exc)
        return result
    result.ruleset = ruleset
    text = src.text
    mask = src.frozen_mask()
    result.timings = {} if options.timing else None

    def lint(t: str, m: str) -> list[Diagnostic]:
        doc = DocxDocument(name, t, src.paragraphs)
        diags, kept = lint_document(doc, ruleset, result.timings)
        result.kept, result.lines = kept, doc.lines
        return downgrade(diags, t, m)

    if options.fix or options.diff:
        fixed = fix_rounds(text, mask, lint)
        result.unconverged = not fixed.converged
        result.diagnostics, result.fixed = fixed.diagnostics, fixed.applied
        if fixed.text != text:
            if options.diff:
                result.diff = unified_diff(name, text, fixed.text)
                result.diagnostics = lint(text, mask)
                result.text = text
                return result
            try:
                writer = Writer(src)
                writer.revise(changes(text, fixed.text, fixed.origin))
                from wenlint.check import uninterrupted

                with uninterrupted():
                    writer.save(path)
            except InputError as exc:
                result.error = str(exc)
                result.diagnostics = lint(text, mask)
                result.text, result.fixed = text, 0
                return result
            text = fixed.text
        result.text = text
        return result
    result.diagnostics = lint(text, mask)
    result.text = text
    if options.review:
        target = review_path(path, options.review_dir)
        writer = Writer(src)
        for d in result.diagnostics:
            body = comment_text(d, text, cfg.lang)
            if not writer.comment(d.span.start, d.span.end, body):
                line, col = d.position[0], d.position[1]
                where = src.paragraphs[line - 1].story if 0 < line <= len(src.paragraphs) else ""
                label = {"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注"}
                note = (
                    f"（{label.get(where, where)}，段{line}:{col}）"
                    if cfg.lang == "zh"
                    else (f"({where}, paragraph {line}:{col}) ")
                )
                first = writer.first_body_char()
                if first is not None:
                    writer.comment(first, first + 1, note + body)
        try:
            writer.save(target)
        except InputError as exc:
            result.error = str(exc)
    return result
