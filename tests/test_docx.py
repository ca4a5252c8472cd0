"""Word documents: .docx in (paragraphs in reading order, runs invisible to the rules), a review
copy out with one comment per finding on exactly its characters, fixes as tracked changes, and
one line with exit 2 for what is not a .docx.

The .docx files are made here, with python-docx (and a little XML for what it cannot write:
footnotes, text boxes, earlier revisions); none is committed.
"""

from __future__ import annotations

import io
import json
import pickle
import re
import zipfile
from functools import partial
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from fake_rules import DoubledDe, register

from wenlint.document import LineNumber
from wenlint.docx import AUTHOR, BREAK, parse_docx, read_docx
from wenlint.testing import run_cli

SEED = Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt"
SEED_TEXT = SEED.read_text("utf-8")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

run = partial(run_cli, "check", "--no-config", "--color", "never")


# -- making .docx files ----------------------------------------------------------------------------


def add_runs(p: Any, line: str, seed: int = 0) -> None:
    """Write ``line`` into paragraph ``p`` as runs of 1-4 characters, plain, bold and italic in
    turn, so that words are split across differently formatted runs."""
    k = i = 0
    while k < len(line):
        n = 1 + (k * 7 + seed) % 4
        r = p.add_run(line[k : k + n])
        if i % 3 == 1:
            r.bold = True
        elif i % 3 == 2:
            r.italic = True
        k, i = k + n, i + 1


def make_docx(path: Path, lines: list[str], *, split: bool = True) -> Path:
    d = docx.Document()
    for i, line in enumerate(lines):
        p = d.add_paragraph()
        if split:
            add_runs(p, line, i)
        elif line:
            p.add_run(line)
    d.save(str(path))
    return path


def seed_docx(path: Path) -> Path:
    return make_docx(path, SEED_TEXT.split("\n"))


def paragraphs_after_accepting(path: Path) -> str:
    """The text of the body once every tracked change is accepted: w:del (and what it holds)
    goes, w:ins gives up its runs, a deleted paragraph mark joins the paragraph with the next."""
    d = docx.Document(str(path))
    body = d.element.body
    for el in list(body.iter(W + "del")):
        if el.getparent().tag != W + "rPr":
            el.getparent().remove(el)
    for el in list(body.iter(W + "ins")):
        parent = el.getparent()
        if parent.tag == W + "rPr":
            continue
        i = parent.index(el)
        for c in list(el):
            parent.insert(i, c)
            i += 1
        parent.remove(el)
    texts: list[str] = []
    joining = False
    for p in body.iter(W + "p"):
        t = "".join(x.text or "" for x in p.iter(W + "t"))
        if joining:
            texts[-1] += t
        else:
            texts.append(t)
        joining = p.find(f"{W}pPr/{W}rPr/{W}del") is not None
    return "\n".join(texts)


def commented(path: Path) -> dict[int, tuple[str, str]]:
    """Comment id -> (the document text its range covers, the comment's text)."""
    d = docx.Document(str(path))
    covered: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for el in d.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(int(el.get(W + "id")))
            covered.setdefault(int(el.get(W + "id")), [])
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        elif el.tag == W + "t":
            for i in open_ids:
                covered[i].append(el.text or "")
        elif el.tag == W + "p" and open_ids:
            for i in open_ids:
                covered[i].append("\n")
    notes = {c.comment_id: c for c in d.comments}
    assert all(c.author == AUTHOR for c in notes.values())
    return {i: ("".join(covered[i]).strip("\n"), notes[i].text) for i in covered}


def rewrite_zip(path: Path, change: dict[str, Any]) -> None:
    """Replace or add members of the ZIP package at ``path`` (value: new bytes, or a function of
    the old bytes)."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    for name, new in change.items():
        members[name] = new(members.get(name, b"")) if callable(new) else new
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def add_footnote(path: Path, text: str) -> None:
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {WNS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>'
        f"{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    rel = (
        b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    ctype = (
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>'
    )
    rewrite_zip(
        path,
        {
            "word/footnotes.xml": notes,
            "word/_rels/document.xml.rels": lambda b: b.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda b: b.replace(b"</Types>", ctype),
        },
    )


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> list[dict[str, Any]]:
    r = run("--format", "json", *args)
    assert r.code in (0, 1), r.stderr
    out: list[dict[str, Any]] = json.loads(r.stdout)["diagnostics"]
    return out


def without_path(diags: list[dict[str, Any]], name: str) -> str:
    return json.dumps(diags, ensure_ascii=False).replace(json.dumps(name)[1:-1], "P")


# -- reading ---------------------------------------------------------------------------------------


def test_seed_as_docx_with_split_runs_finds_what_the_text_finds(work: Path) -> None:
    path = seed_docx(work / "seed.docx")
    raw = path.read_bytes()
    # the runs really split words across formats
    body = docx.Document(str(path)).paragraphs[2]
    assert (
        len(body.runs) > 3 and any(r.bold for r in body.runs) and any(r.italic for r in body.runs)
    )
    (work / "seed.txt").write_text(SEED_TEXT, "utf-8")
    as_docx, as_text = findings("seed.docx"), findings("seed.txt")
    assert len(as_text) == 30
    # the same findings; a message that points at another place names a paragraph, not a line
    docx_json = without_path(as_docx, "seed.docx")
    assert "接第 33 段的“识”" in docx_json and "第 33 行" not in docx_json
    assert re.sub(r"第 (\d+) 段", r"第 \1 行", docx_json) == without_path(as_text, "seed.txt")
    assert path.read_bytes() == raw  # linting never writes


def test_text_output_shows_paragraph_numbers(work: Path) -> None:
    seed_docx(work / "seed.docx")
    r = run("seed.docx")
    assert r.code == 1
    assert "seed.docx:段7:1: P401 " in r.stdout
    assert "上一层：seed.docx:段19:1" in r.stdout  # related locations too
    assert "seed.docx:段7:1:" in run("seed.docx", "--lang", "zh").stdout
    assert "seed.docx:¶7:1: P401 " in run("seed.docx", "--lang", "en").stdout
    # messages pointing at another place say paragraph too (the text said 第 33 行 there)
    assert "“凝聚共”接第 33 段的“识”" in r.stdout
    assert "goes on at paragraph 33 with" in run("seed.docx", "--lang", "en").stdout


def test_reading_order_tables_headers_footers_footnotes(work: Path) -> None:
    d = docx.Document()
    d.add_paragraph("第一段正文。")
    table = d.add_table(rows=2, cols=2)
    for i, cell in enumerate(table._cells):
        cell.text = f"单元格{i + 1}"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套表格"
    d.add_paragraph("第二段正文。")
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "页眉文字"
    sec.footer.paragraphs[0].text = "页脚文字"
    # a text box inside a paragraph is not prose; nor is deleted text; inserted text is
    p = d.add_paragraph("有")
    p._p.append(
        parse_xml(
            f'<w:r {WNS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {WNS} w:id="90" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
            "<w:delText>删掉的</w:delText></w:r></w:del>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:ins {WNS} w:id="91" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
            "<w:t>插入的</w:t></w:r></w:ins>"
        )
    )
    p.add_run("字").add_tab()
    p.add_run("尾").add_break()
    p.add_run("下")
    path = work / "order.docx"
    d.save(str(path))
    add_footnote(path, "脚注文字")
    src = read_docx(path, "order.docx")
    texts = [para.text for para in src.paragraphs]
    assert texts == [
        "第一段正文。",
        "单元格1",
        "单元格2",
        "单元格3",
        "单元格4",
        "嵌套表格",
        "",  # (python-docx, like Word, ends a cell holding a table with a paragraph)
        "第二段正文。",
        "有插入的字\t尾" + BREAK + "下",
        "页眉文字",
        "页脚文字",
        "脚注文字",
    ]
    assert src.text == "\n".join(texts)
    stories = [para.story for para in src.paragraphs]
    assert stories == ["body"] * 9 + ["header", "footer", "footnote"]
    cells = [para.cell for para in src.paragraphs]
    assert cells[0] == -1 and cells[7] == -1 and len(set(cells[1:6])) == 5
    assert cells[6] == cells[4]  # the paragraph after the nested table is in the outer cell


def test_blocks_know_cells_and_headings(work: Path) -> None:
    from wenlint.docx import DocxDocument

    d = docx.Document()
    d.add_heading("一、总体要求", level=1)
    d.add_paragraph("正文第一段。")
    d.add_paragraph("正文第二段。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "甲"
    t.cell(0, 1).text = "乙"
    path = work / "b.docx"
    d.save(str(path))
    src = read_docx(path, "b.docx")
    doc = DocxDocument("b.docx", src.text, src.paragraphs)
    kinds = [(b.text, b.kind, b.level, b.blank_before) for b in doc.blocks]
    assert kinds == [
        ("一、总体要求", "heading", 1, True),
        ("正文第一段。", "paragraph", 0, False),
        ("正文第二段。", "paragraph", 0, False),
        ("甲", "table_cell", 0, True),
        ("乙", "table_cell", 0, True),
    ]


def test_folder_walk_finds_docx_but_not_lock_files_or_review_copies(
    work: Path, monkeypatch: Any
) -> None:
    register(monkeypatch, DoubledDe)
    make_docx(work / "a.docx", ["我的的书"])
    make_docx(work / "a.wenlint.docx", ["我的的书"])
    (work / "~$a.docx").write_bytes(b"\x05lock")  # Word's owner file while a.docx is open
    (work / "b.txt").write_text("我的的书\n", "utf-8")
    r = run("--select", "XT101", "--format", "json", ".")
    assert r.code == 1, r.stderr
    paths = sorted(Path(d["path"]).name for d in json.loads(r.stdout)["diagnostics"])
    assert paths == ["a.docx", "b.txt"]


# -- bad input -------------------------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def _truncated(work: Path) -> bytes:
    raw = make_docx(work / "whole.docx", ["正文。"]).read_bytes()
    return raw[: len(raw) // 2]


def _bad_xml(work: Path) -> bytes:
    path = make_docx(work / "x.docx", ["正文。"])
    rewrite_zip(path, {"word/document.xml": b"<w:document><w:body><w:p>"})
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda w: _OLE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "password"),
        (lambda w: _OLE + b"\0" * 600 + "WordDocument".encode("utf-16-le"), ".doc"),
        (lambda w: "这是改了扩展名的文本文件。\n".encode(), "not a ZIP"),
        (lambda w: b"%PDF-1.7\n", "PDF"),
        (lambda w: b"", "empty"),
        (lambda w: _xlsx(), "Excel"),
        (_truncated, "corrupt"),
        (_bad_xml, "corrupt"),
    ],
    ids=["encrypted", "doc", "renamed-text", "pdf", "empty", "xlsx", "truncated", "bad-xml"],
)
@pytest.mark.parametrize("mode", [(), ("--fix",), ("--review",), ("--diff",)])
def test_bad_input_is_one_line_exit_2_nothing_written(
    work: Path, make: Any, says: str, mode: tuple[str, ...]
) -> None:
    path = work / "bad.docx"
    path.write_bytes(make(work))
    before = sorted(p.name for p in work.iterdir())
    raw = path.read_bytes()
    r = run(*mode, "bad.docx")
    assert r.code == 2
    lines = r.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and lines[0].startswith("wenlint: error: bad.docx: ") and says in lines[0]
    )
    assert "Traceback" not in r.stderr
    assert path.read_bytes() == raw
    assert sorted(p.name for p in work.iterdir()) == before


def test_bad_docx_does_not_stop_the_other_files(work: Path) -> None:
    (work / "bad.docx").write_bytes(b"not a zip")
    (work / "ok.txt").write_text("（2024年)\n", "utf-8")
    r = run("bad.docx", "ok.txt")
    assert r.code == 2 and "ok.txt:1:" in r.stdout


# -- review copies ---------------------------------------------------------------------------------


def test_review_copy_has_one_comment_per_finding_on_its_characters(work: Path) -> None:
    path = seed_docx(work / "seed.docx")
    raw = path.read_bytes()
    diags = findings("seed.docx")
    r = run("--review", "seed.docx")
    assert r.code == 1, r.stderr
    assert path.read_bytes() == raw  # the original is never touched
    notes = commented(work / "seed.wenlint.docx")
    assert len(notes) == len(diags) == 30
    text = SEED_TEXT
    for d, (cid, (covered, note)) in zip(diags, sorted(notes.items()), strict=True):
        s, e = d["offset"], d["end_offset"]
        want = text[s:e] if e > s else text[s - 1 : s]
        assert covered == want.strip("\n"), (cid, d["code"])
        assert note.startswith(f"{d['code']} {d['name']}：") and d["message"] in note
        if d["fix"]:
            assert "→" in note or "插入" in note
    # the review copy still reads as the same document, and keeps the formatting of split runs
    src = read_docx(work / "seed.wenlint.docx", "seed.wenlint.docx")
    assert src.text == SEED_TEXT
    before = [
        [(c, bool(r.bold), bool(r.italic)) for r in p.runs for c in r.text]
        for p in docx.Document(str(path)).paragraphs
    ]
    after = [
        [(c, bool(r.bold), bool(r.italic)) for r in p.runs for c in r.text]
        for p in docx.Document(str(work / "seed.wenlint.docx")).paragraphs
    ]
    assert before == after


def test_review_dir_and_text_files(work: Path) -> None:
    make_docx(work / "a.docx", ["（2024年)"])
    (work / "b.txt").write_text("（2024年)\n", "utf-8")
    (work / "out").mkdir()
    r = run("--review-dir", "out", "a.docx", "b.txt")
    assert r.code == 1
    assert sorted(p.name for p in (work / "out").iterdir()) == ["a.wenlint.docx"]
    assert not (work / "a.wenlint.docx").exists()
    assert run("--review-dir", "missing", "a.docx").code == 2
    bad = run("--review", "--fix", "a.docx")
    assert bad.code == 2 and "--review" in bad.stderr


def test_review_of_a_point_and_a_span_over_paragraphs(work: Path, monkeypatch: Any) -> None:
    """Findings anchored exactly: a point takes the character before it; header findings go on
    the first character of the body with their place."""
    register(monkeypatch, DoubledDe)
    d = docx.Document()
    d.add_paragraph("")
    p = d.add_paragraph()
    add_runs(p, "我们的的书在这里")
    d.sections[0].header.paragraphs[0].text = "页眉的的字"
    d.save(str(work / "p.docx"))
    r = run("--select", "XT101", "--review", "p.docx")
    assert r.code == 1, r.stderr
    notes = sorted(commented(work / "p.wenlint.docx").values())
    assert [n[0] for n in notes] == ["我", "的的"]
    assert "页眉" in notes[0][1] and "段3:3" in notes[0][1]


# -- fixes as tracked changes ----------------------------------------------------------------------


def test_fix_as_tracked_changes_accepts_to_the_text_fix(work: Path) -> None:
    path = seed_docx(work / "seed.docx")
    (work / "seed.txt").write_text(SEED_TEXT, "utf-8")
    r_docx, r_text = run("--fix", "seed.docx"), run("--fix", "seed.txt")
    assert "已修复 19 处" in r_docx.stdout and "已修复 19 处" in r_text.stdout
    fixed = (work / "seed.txt").read_text("utf-8")
    assert fixed != SEED_TEXT
    assert paragraphs_after_accepting(path) == fixed.rstrip("\n")
    # rejecting them all is the original: the deleted text is still there, marked
    body = docx.Document(str(path)).element.body
    dels, inss = list(body.iter(W + "del")), list(body.iter(W + "ins"))
    assert dels and inss
    for el in [*dels, *inss]:
        assert el.get(W + "author") == AUTHOR and el.get(W + "date", "").endswith("Z")
    ids = [el.get(W + "id") for el in [*dels, *inss]]
    assert len(set(ids)) == len(ids)
    # the reviewer's view (what wenlint reads: insertions in, deletions out) is the fixed text
    assert read_docx(path, "seed.docx").text.replace("\n", "") == fixed.replace("\n", "")
    # runs no fix touched keep their formatting
    untouched = docx.Document(str(path)).paragraphs[0]
    assert [(r.text, r.bold, r.italic) for r in untouched.runs] == [
        (r.text, r.bold, r.italic)
        for r in docx.Document(str(seed_docx(work / "o.docx"))).paragraphs[0].runs
    ]


def test_inserted_text_takes_the_formatting_it_replaces(work: Path, monkeypatch: Any) -> None:
    register(monkeypatch, DoubledDe)
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("我")
    p.add_run("的的").bold = True
    p.add_run("书")
    d.save(str(work / "f.docx"))
    assert run("--select", "XT101", "--fix", "f.docx").code == 0
    p = docx.Document(str(work / "f.docx")).paragraphs[0]._p
    deleted = [r for el in p.iter(W + "del") for r in el.iter(W + "r")]
    assert len(deleted) == 1 and deleted[0].find(f"{W}rPr/{W}b") is not None
    assert "".join(t.text for t in deleted[0].iter(W + "delText")) == "的"
    assert paragraphs_after_accepting(work / "f.docx") == "我的书"


def test_diff_of_a_docx_is_the_diff_of_its_text(work: Path) -> None:
    path = seed_docx(work / "seed.docx")
    raw = path.read_bytes()
    (work / "seed.txt").write_text(SEED_TEXT, "utf-8")
    a, b = run("--diff", "seed.docx"), run("--diff", "seed.txt")
    assert a.code == 1 and a.stdout
    assert a.stdout.replace("seed.docx", "X") == b.stdout.replace("seed.txt", "X")
    assert path.read_bytes() == raw


def test_fix_that_a_docx_cannot_take_is_a_suggestion(work: Path) -> None:
    """A fix over a tab or a field stays a suggestion (unsafe), never a broken revision."""
    src = parse_docx(make_docx(work / "t.docx", ["甲\t乙"]).read_bytes(), work / "t.docx", "t")
    mask = src.frozen_mask()
    assert mask == "." + "x" + "."
    from wenlint.diagnostic import Diagnostic, Edit, Fix
    from wenlint.document import Span
    from wenlint.docx import downgrade
    from wenlint.rule import Severity, T

    def diag(*edits: Edit) -> Diagnostic:
        return Diagnostic("t", "X1", "x", Severity.WARNING, Span(0, 1), T("m", "m"), fix=Fix(edits))

    kept, dropped, newline = downgrade(
        [diag(Edit(0, 1, "丙")), diag(Edit(1, 2, "")), diag(Edit(0, 1, "a\nb"))], src.text, mask
    )
    assert kept.fix is not None and kept.fix.safe
    assert dropped.fix is not None and not dropped.fix.safe
    assert newline.fix is not None and not newline.fix.safe


def test_fix_refuses_a_file_changed_meanwhile(work: Path, monkeypatch: Any) -> None:
    import wenlint.docx as wd

    register(monkeypatch, DoubledDe)
    path = make_docx(work / "c.docx", ["我的的书"])
    real = wd.read_docx

    def read_then_change(p: Path, name: str) -> Any:
        src = real(p, name)
        make_docx(p, ["别人改过"])
        return src

    monkeypatch.setattr(wd, "read_docx", read_then_change)
    r = run("--select", "XT101", "--fix", "c.docx")
    assert r.code == 2 and "changed on disk" in r.stderr
    assert read_docx(path, "c").text == "别人改过"
    assert sorted(p.name for p in work.iterdir()) == ["c.docx"]  # no temporary file left


def test_html_report_shows_docx_findings(work: Path) -> None:
    seed_docx(work / "seed.docx")
    r = run("--format", "html", "seed.docx")
    assert r.code == 1
    assert "seed.docx" in r.stdout and "P401" in r.stdout
    assert "2024年2月26日" in r.stdout  # the paragraph text travels with the report


def test_a_copy_in_another_file_names_the_paragraph_of_the_docx(work: Path) -> None:
    para = "全市各级政协组织围绕中心、服务大局，坚持把协商议政贯穿履职全过程，形成了高质量成果。"
    make_docx(work / "a.docx", ["标题", "", para])
    (work / "b.txt").write_text(f"前言。\n\n{para}\n", "utf-8")
    for jobs in ("1", "2"):  # findings travel back from workers with their units
        r = run("--select", "D101", "--jobs", jobs, "a.docx", "b.txt")
        assert "与 a.docx 第 3 段起的 1 段重复" in r.stdout, r.stdout
        en = run("--select", "D101", "--jobs", jobs, "--lang", "en", "a.docx", "b.txt").stdout
        assert "from paragraph 3 of a.docx" in en, en


def test_line_numbers_name_their_unit_and_survive_pickling() -> None:
    line, para = LineNumber.of("a.txt", 12), LineNumber.of("A.DOCX", 12)
    assert (f"{line:zh}", f"{line:en}", f"{para:zh}", f"{para:en}") == (
        "第 12 行", "line 12", "第 12 段", "paragraph 12"
    )  # fmt: skip
    assert f"{para}" == "12" and para == 12 and json.dumps([para]) == "[12]"
    back = pickle.loads(pickle.dumps(para))
    assert back == 12 and f"{back:zh}" == "第 12 段"
