"""Properties of the .docx writer, over random documents (paragraphs of runs, bold or not) and
random changes:

- revisions: accepting all of them gives exactly the edited text, rejecting all of them gives the
  original, and every character kept keeps its formatting;
- comments: each covers exactly its characters, and the document's text and formatting do not
  change.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_docx import W, commented, paragraphs_after_accepting

from wenlint.diagnostic import Edit
from wenlint.docx import Writer, _apply_origin, changes, parse_docx
from wenlint.fix import apply_edits

CHARS = "甲乙丙的，。a "
runs = st.lists(st.tuples(st.text(CHARS, min_size=1, max_size=4), st.booleans()), max_size=4)
documents = st.lists(runs, min_size=1, max_size=4)


def build(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    d = docx.Document()
    for p_runs in paragraphs:
        p = d.add_paragraph()
        for text, bold in p_runs:
            p.add_run(text).bold = bold
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _bold(run: object) -> bool:
    b = run.find(f"{W}rPr/{W}b")  # type: ignore[attr-defined]
    return b is not None and b.get(W + "val") not in ("0", "false")


def _chars(el: Any) -> list[tuple[str, bool]]:
    """The characters of ``el``'s text elements (w:t, so deleted text is left out), each with
    its run's boldness."""
    return [(c, _bold(t.getparent())) for t in el.iter(W + "t") for c in t.text or ""]


def formats(path: Path) -> list[list[tuple[str, bool]]]:
    """Each body paragraph's characters with their boldness (deleted text left out)."""
    return [_chars(p) for p in docx.Document(str(path)).element.body.iter(W + "p")]


@st.composite
def edits(draw: st.DrawFn, text: str) -> list[Edit]:
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    out: list[Edit] = []
    for a, b in zip(points[::2], points[1::2], strict=False):
        new = draw(st.text("丁戊，", max_size=3))
        if out and a <= out[-1].end and (a == b or out[-1].start == out[-1].end):
            continue  # (touching insertions: select_fixes never picks those)
        if out and a < out[-1].end:
            continue
        out.append(Edit(a, b, new))
    return out


def reject_all(path: Path) -> str:
    d = docx.Document(str(path))
    body = d.element.body
    for el in list(body.iter(W + "ins")):
        if el.getparent().tag != W + "rPr":
            el.getparent().remove(el)
    for el in list(body.iter(W + "delText")):
        el.tag = W + "t"
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p"))


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(st.data(), documents)
def test_revisions_accept_to_the_edit_and_reject_to_the_original(
    data: st.DataObject, paragraphs: list[list[tuple[str, bool]]]
) -> None:
    raw = build(paragraphs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.docx"
        path.write_bytes(raw)
        src = parse_docx(raw, path, "d.docx")
        text = src.text
        assert src.frozen_mask() == "." * len(text)
        chosen = data.draw(edits(text))
        fixed = apply_edits(text, chosen)
        origin = _apply_origin(list(range(len(text))), chosen)
        writer = Writer(src)
        writer.revise(changes(text, fixed, origin))
        writer.save(path)
        assert paragraphs_after_accepting(path) == fixed
        assert reject_all(path) == text
        # a kept character keeps its run's formatting
        orig = [c for c in text if c != "\n"]
        bold_before = [b for p in paragraphs for t, b in p for _ in t]
        assert len(bold_before) == len(orig)
        index = {o: i for i, o in enumerate(o for o, c in enumerate(text) if c != "\n")}
        after = accepted_chars(path)
        assert "".join(c for c, _ in after) == fixed.replace("\n", "")
        kept = [o for o in origin if o >= 0 and text[o] != "\n"]
        new_kept = [
            i
            for i, o in enumerate(o for o, c in zip(origin, fixed, strict=True) if c != "\n")
            if o >= 0
        ]
        assert [after[i][1] for i in new_kept] == [bold_before[index[o]] for o in kept]


def accepted_chars(path: Path) -> list[tuple[str, bool]]:
    """The body's characters with their boldness once every change is accepted."""
    d = docx.Document(str(path))
    body = d.element.body
    for el in list(body.iter(W + "del")):
        if el.getparent().tag != W + "rPr":
            el.getparent().remove(el)
    return _chars(body)


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(st.data(), documents)
def test_comments_cover_exactly_their_characters(
    data: st.DataObject, paragraphs: list[list[tuple[str, bool]]]
) -> None:
    raw = build(paragraphs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.docx"
        path.write_bytes(raw)
        src = parse_docx(raw, path, "d.docx")
        text = src.text
        spans = data.draw(
            st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 4)), max_size=5)
        )
        writer = Writer(src)
        want = {}
        for i, (s, n) in enumerate(spans):
            e = min(s + n, len(text))
            if writer.comment(s, e, f"c{i}"):
                chars = (
                    text[s:e]
                    if e > s
                    else (text[s - 1 : s] if s and text[s - 1] != "\n" else text[s : s + 1])
                )
                want[f"c{i}"] = chars.strip("\n")
            else:
                stripped = text[s:e].strip("\n") if e > s else ""
                assert not stripped or e == s  # only an empty span can have no anchor
        out = Path(tmp) / "r.docx"
        writer.save(out)
        got = {note: covered for covered, note in commented(out).values()}
        assert got == want
        d0 = Path(tmp) / "o.docx"
        d0.write_bytes(raw)
        assert formats(out) == formats(d0)
