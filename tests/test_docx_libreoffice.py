"""Another office suite reads what wenlint writes: LibreOffice, headless, opens the review copy
and the revised file of the seed.

- The review copy (``soffice --convert-to``): saved as ODT by LibreOffice it holds one comment
  (office:annotation) per finding, by wenlint, whose range covers exactly the characters of the
  finding; as text it is the original; it converts to PDF.
- The revised file (driven over UNO by the system Python's ``uno`` module): LibreOffice sees the
  tracked changes; after its own "accept all changes" (``.uno:AcceptAllTrackedChanges``) the
  text is what ``--fix`` makes of the .txt; it converts to PDF. (The review copy is not loaded
  over UNO: LibreOffice 7.4's headless build crashes loading any document with a comment that
  way, python-docx's own included; ``--convert-to`` reads them fine.)

CI installs ``libreoffice-writer-nogui`` and ``python3-uno`` (``.ci/run``); without them these
tests skip and say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_docx import SEED_TEXT, findings, run, seed_docx

pytestmark = pytest.mark.slow

SYSTEM_PYTHON = "/usr/bin/python3"

# Run with the system Python (the one LibreOffice's uno module is built for): loads each file,
# counts its tracked changes, accepts them all when asked, stores the text and a PDF.
UNO_SCRIPT = r"""
import json, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

profile, pipe, jobs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
# a new profile is made on the first start, which then restarts: make it before connecting
subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless",
                "--terminate_after_init"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
               timeout=300)
office = subprocess.Popen(
    ["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible", "--norestore",
     "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local)
for attempt in range(240):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        desktop.getComponents()
        break
    except Exception:
        if attempt == 239:
            raise
        time.sleep(0.5)
dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
out = []
try:
    for job in jobs:
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
        redlines = doc.getRedlines().createEnumeration()
        changes = 0
        while redlines.hasMoreElements():
            redlines.nextElement()
            changes += 1
        if job.get("accept"):
            dispatcher.executeDispatch(
                doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(job["txt"]), (
            prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        doc.storeToURL(uno.systemPathToFileUrl(job["pdf"]), (
            prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        out.append({"changes": changes})
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(60)
    except Exception:
        office.kill()
print(json.dumps(out))
"""


def _office() -> str | None:
    """Why LibreOffice cannot be driven here, or None."""
    if shutil.which("soffice") is None:
        return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return "the system Python has no uno module (apt-get install python3-uno)"
    return None


def office(work: Path, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r = subprocess.run(
        [
            SYSTEM_PYTHON,
            "-c",
            UNO_SCRIPT,
            (work / "lo-profile").as_uri(),
            f"wenlint-test-{work.name}",
            json.dumps(jobs),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    out: list[dict[str, Any]] = json.loads(r.stdout.strip().splitlines()[-1])
    return out


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    why = _office()
    if why is not None:
        pytest.skip(why)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def convert(work: Path, fmt: str, *files: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(work / "out"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def odt_comments(path: Path) -> list[tuple[str, str, str]]:
    """(author, text, the document text its range covers) of each comment of an ODT file, in
    document order."""
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    body = root.find(f"{{{OFFICE}}}body")
    found: dict[str, tuple[str, str]] = {}
    covered: dict[str, list[str]] = {}
    order: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{{{OFFICE}}}annotation":
                name = child.get(f"{{{OFFICE}}}name")
                author = child.findtext(f"{{{DC}}}creator") or ""
                note = "\n".join("".join(p.itertext()) for p in child.iter(f"{{{TEXT}}}p"))
                found[name] = (author, note)
                covered[name] = []
                order.append(name)
                open_.add(name)
            elif tag == f"{{{OFFICE}}}annotation-end":
                open_.discard(child.get(f"{{{OFFICE}}}name"))
            else:
                if tag == f"{{{TEXT}}}s":
                    add(" " * int(child.get(f"{{{TEXT}}}c", "1")))
                elif tag == f"{{{TEXT}}}tab":
                    add("\t")
                elif child.text and tag != f"{{{TEXT}}}p":
                    add(child.text)
                if tag == f"{{{TEXT}}}p" and child.text:
                    add(child.text)
                walk(child)
                if tag == f"{{{TEXT}}}p":
                    add("\n")
            if child.tail:
                add(child.tail)

    open_: set[str] = set()

    def add(text: str) -> None:
        for name in open_:
            covered[name].append(text)

    walk(body)
    return [(*found[n], "".join(covered[n])) for n in order]


def _pdf_ok(path: Path) -> None:
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "朔州" in text


def test_libreoffice_reads_the_review_copy_and_the_revised_file(work: Path) -> None:
    seed_docx(work / "seed.docx")
    diags = findings("seed.docx")
    assert run("--review", "seed.docx").code == 1
    (work / "seed.txt").write_text(SEED_TEXT, "utf-8")
    assert run("--fix", "seed.txt").code == 1
    fixed = (work / "seed.txt").read_text("utf-8")
    assert run("--fix", "seed.docx").code == 1
    review = work / "seed.wenlint.docx"
    # the review copy: one comment per finding, by wenlint, on exactly its characters
    convert(work, "odt", review)
    comments = odt_comments(work / "out" / "seed.wenlint.odt")
    assert len(comments) == len(diags) == 30
    want = []
    for d in diags:
        s, e = d["offset"], d["end_offset"]
        chars = SEED_TEXT[s:e] if e > s else SEED_TEXT[s - 1 : s]
        want.append((d["code"], d["message"], chars.strip("\n")))
    got = []
    for author, note, anchored in comments:
        assert author == "wenlint"
        code, _, rest = note.partition(" ")
        message = next((m for c, m, _ in want if c == code and m in rest), "")
        got.append((code, message, anchored.strip("\n")))
    assert sorted(got) == sorted(want)
    convert(work, "txt:Text (encoded):UTF8", review)
    as_text = (work / "out" / "seed.wenlint.txt").read_text("utf-8-sig")
    assert as_text.replace("\r\n", "\n").strip("\n") == SEED_TEXT.strip("\n")
    convert(work, "pdf", review)
    _pdf_ok(work / "out" / "seed.wenlint.pdf")
    # the revised file: LibreOffice's own accept-all gives the text --fix makes of the .txt
    (revised,) = office(
        work,
        [
            {
                "in": str(work / "seed.docx"),
                "txt": str(work / "revised.txt"),
                "pdf": str(work / "revised.pdf"),
                "accept": True,
            }
        ],
    )
    assert revised["changes"] > 19  # a deletion and an insertion (or a paragraph mark) a fix
    assert (work / "revised.txt").read_text("utf-8-sig").strip("\n") == fixed.strip("\n")
    _pdf_ok(work / "revised.pdf")
