"""Findings cost little and are written as each file is done (issue 16, item 9), and the text
excerpt of a long line is cut without scanning the whole line per finding (item 4). Memory and
time are measured by tests/perf/memory.py, never asserted here: these tests check what the
slimming and the streaming must keep the same."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint.diagnostic import Args, Diagnostic, Edit, Fix, Message, Related
from wenlint.document import LineIndex, Span
from wenlint.report import Totals, tally
from wenlint.report.text import TextRenderer, TextReporter
from wenlint.report.visible import has_hidden, visible_at
from wenlint.rule import Severity, T
from wenlint.testing import lint_string, run_cli

# -- the slim finding ----------------------------------------------------------------------------


def test_a_finding_has_no_instance_dict() -> None:
    (d,) = [d for d in lint_string("卫生卫生。\n") if d.code == "W201"]
    for obj in (d, d.span, d.fix, *(d.fix.edits if d.fix else ())):
        assert not hasattr(obj, "__dict__"), type(obj).__name__
    assert isinstance(d.args, Args) and dict(d.args) == {"word": "卫生"}


def test_findings_share_their_words_and_keys() -> None:
    a, b = [d for d in lint_string("卫生卫生。\n我们我们。\n卫生卫生。\n") if d.code == "W201"][::2]
    assert a.args["word"] is b.args["word"]  # interned: one string however often it is found
    assert isinstance(a.args, Args) and isinstance(b.args, Args)
    assert a.args._keys is b.args._keys


def test_args_is_a_read_only_mapping_that_travels() -> None:
    args = Args.of({"word": "卫生", "n": 3})
    assert args == {"word": "卫生", "n": 3} and args["n"] == 3 and len(args) == 2
    assert list(args.items()) == [("word", "卫生"), ("n", 3)]
    assert Args.of(args) is args
    back = pickle.loads(pickle.dumps(args))
    assert back == args and type(back) is Args
    try:
        args["missing"]
    except KeyError:
        pass
    else:  # pragma: no cover - the assertion
        raise AssertionError("a missing key must raise KeyError")
    assert Message(T(zh="“{word}”{n}次", en="{word} x{n}"), args).zh == "“卫生”3次"
    long = "长" * 40
    assert Args.of({"s": long})["s"] == long  # long strings are kept, not interned


def test_a_slim_finding_pickles_and_compares_as_before() -> None:
    d = Diagnostic(
        "a.txt",
        "W201",
        "doubled-word",
        Severity.WARNING,
        Span(0, 4),
        Message(T(zh="{w}", en="{w}"), Args.of({"w": "卫生"})),
        fix=Fix((Edit(2, 4),)),
        related=(Related(Span(0, 2), T(zh="此", en="here")),),
        position=(1, 1, 1, 5),
    )
    back = pickle.loads(pickle.dumps(d))
    assert back == d and back.fix == d.fix and back.related == d.related
    d.position = (2, 1, 2, 5)  # still a plain, mutable value
    assert back != d


def test_tally_keeps_what_the_totals_read_one_object_per_kind() -> None:
    diags = [d for d in lint_string("卫生卫生。\n我们我们。\n今天,我们开会。\n")]
    kept = tally(diags)
    assert len(kept) == len(diags)
    for d, k in zip(diags, kept, strict=True):
        assert (k.code, k.name, k.severity) == (d.code, d.name, d.severity)
        assert (k.fix is None) == (d.fix is None)
        assert d.fix is None or (k.fix is not None and k.fix.safe == d.fix.safe)
    w201 = [k for k in kept if k.code == "W201"]
    assert len(w201) == 2 and w201[0] is w201[1]


# -- streaming -----------------------------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "b").mkdir(parents=True)
    block = "本次会议研究了基层医疗卫生人才队伍建设的有关问题，并作出了具体部署。\n"
    # a folder's files come before its subfolders: run order is not path order
    (folder / "z.txt").write_text(block + "卫生卫生。\n" * 3, "utf-8")
    (folder / "b" / "x.txt").write_text("今天,我们开会。\n" + block, "utf-8")
    (folder / "a.txt").write_text("我们我们。\n" + block, "utf-8")
    return folder


def test_compact_json_is_sorted_by_path_and_matches_pretty(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    for jobs in ("1", "2"):
        base = ["check", "--no-config", "--no-cache", "--jobs", jobs, "--format", "json"]
        code, out, _ = run_cli(*base, str(folder))
        pretty = run_cli(*base, "--pretty", str(folder))[1]
        assert code == 1
        doc = json.loads(out)
        assert doc == json.loads(pretty)
        keys = [(d["path"], d["offset"], d["end_offset"], d["code"]) for d in doc["diagnostics"]]
        assert keys == sorted(keys) and len({k[0] for k in keys}) == 3
        assert "D101" in {k[3] for k in keys}  # cross-file findings are in their file's block
        assert doc["summary"]["total"] == len(keys)
        assert out.splitlines()[0] == '{"version":1,"diagnostics":['


def test_text_is_written_file_by_file_in_run_order(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    out = run_cli("check", "--no-config", "--no-cache", "--jobs", "1", str(folder))[1]
    heads = [line.split(":")[0] for line in out.splitlines() if ".txt:" in line.split(" ")[0]]
    order = list(dict.fromkeys(heads))
    assert [Path(p).name for p in order] == ["a.txt", "z.txt", "x.txt"]  # as walked


def test_the_text_of_many_findings_is_written_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text("卫生卫生。\n" * 1200, "utf-8")
    writes: list[str] = []

    class Out:
        def write(self, s: str) -> int:
            writes.append(s)
            return len(s)

    reporter = TextReporter(Out(), lang="zh")  # type: ignore[arg-type]
    text = path.read_text("utf-8")
    diags = [d for d in lint_string(text, path="many.txt") if d.code == "W201"]
    reporter.file(text, LineIndex(text), diags)
    assert len(writes) == 3  # 512 findings a write
    whole = "".join(writes)
    assert whole.count("W201 doubled-word") == 1200
    assert whole == "".join(reporter.render(d, text, LineIndex(text)) + "\n" for d in diags)


# -- the excerpt of a long line ------------------------------------------------------------------


def _reference_excerpt(
    r: TextRenderer, d: Diagnostic, text: str, lines: LineIndex
) -> tuple[str, str]:
    """The excerpt and caret lines as they were made before: the whole line made visible, then
    cut (quadratic on a long line with many findings; fine for one)."""
    line, _, end_line, _ = d.position
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    src = text[start:end]
    a = d.span.start - start
    b = (min(d.span.end, end)) - start if end_line == line else end - start
    if has_hidden(src):
        src, (a, b) = visible_at(src, max(a, 0), max(b, 0))
    excerpt, pad, marks = TextRenderer.window(src, a, b, r.width - len(str(line)) - 3)
    return excerpt, " " * pad + "^" * marks


_PIECES = st.sampled_from(
    ["卫生", "a", "b c", "\t", "\x1b[2J", "\u202e", "\x9b", "é", "ｗ", "。", "😀", "\u0301", "  "]
)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(_PIECES, min_size=1, max_size=120),
    at=st.floats(0, 1),
    length=st.integers(0, 30),
    width=st.integers(20, 120),
    more=st.booleans(),
)
def test_the_excerpt_is_what_cutting_the_whole_line_gave(
    parts: list[str], at: float, length: int, width: int, more: bool
) -> None:
    line = "".join(parts)
    text = "前一行。\n" + line + ("\n后一行。\n" if more else "")
    lines = LineIndex(text)
    first = 5
    start = first + int(at * len(line))
    end = min(start + length, len(text))
    pos = lines.position(start, end)
    d = Diagnostic("a.txt", "X001", "x", Severity.WARNING, Span(start, end), T(zh="m", en="m"))
    d.position = pos
    r = TextRenderer(width=width)
    out = r.render(d, text, lines).split("\n")
    excerpt, carets = _reference_excerpt(r, d, text, lines)
    assert out[2].split(" | ", 1)[1] == excerpt
    assert out[3] == " " * (len(str(pos[0])) + 1) + "| " + carets


def test_findings_all_along_one_very_long_line() -> None:
    # 卫生 x 20,000 on one line: 10,000 findings, each excerpt cut from a 40,000-character line
    text = "卫生" * 20_000 + "。\n"
    lines = LineIndex(text)
    diags = [d for d in lint_string(text) if d.code == "W201"]
    assert len(diags) == 10_000
    r = TextRenderer(width=80)
    for d in (diags[0], diags[1], diags[4_999], diags[-1]):
        out = r.render(d, text, lines).split("\n")
        excerpt, carets = _reference_excerpt(r, d, text, lines)
        assert out[2] == "1 | " + excerpt and out[3] == "  | " + carets
    middle = r.render(diags[4_999], text, lines).split("\n")
    assert middle[2].startswith("1 | …卫生") and middle[2].endswith("…")
    assert middle[3].endswith("^^^^^^^^")


# -- SARIF: results kept as JSON, the log written as before -------------------------------------


@pytest.mark.parametrize("in_memory", [256 << 10, 1], ids=["spool in memory", "spool on disk"])
def test_sarif_written_from_kept_json_is_the_log_it_was(
    in_memory: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from wenlint.registry import load_registry
    from wenlint.report import sarif
    from wenlint.report.sarif import SarifReporter, write_sarif

    monkeypatch.setattr(sarif, "_SPOOL_IN_MEMORY", in_memory)

    texts = {
        "a.txt": "卫生卫生。\n今天,我们开会。\n",
        "b/😀.md": "# 标题\n\n😀我们我们开会。\n",
        "c.txt": "没有问题的一句话。\n",
    }
    out = io.StringIO()
    rep = SarifReporter(out, registry=load_registry(), lang="zh", max_results=2)
    for path, text in texts.items():
        rep.file(path, text, lint_string(text, path=path))
    whole = io.StringIO()
    write_sarif(whole, rep.log(files=3, errors=["d.txt: cannot read"]))
    rep.finish(files=3, errors=["d.txt: cannot read"])
    assert out.getvalue() == whole.getvalue()
    log = json.loads(out.getvalue())
    assert len(log["runs"][0]["results"]) == 2  # capped, as before
    assert log["runs"][0]["invocations"][0]["properties"]["resultsLeftOut"] > 0


# -- --diff on a terminal ------------------------------------------------------------------------

HOSTILE = "今天,我们开会。\x1b]52;c;SGVsbG8=\x1b\\\x1b[2J\u202e\n"  # OSC 52, clear, RLO


def _on_a_terminal(args: list[str], cwd: Path) -> bytes:
    """What ``wenlint ARGS`` writes to a terminal (a pseudo-terminal)."""
    import os
    import pty
    import subprocess

    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wenlint", *args], stdout=child, stderr=subprocess.PIPE, cwd=cwd
    )
    os.close(child)
    got = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        got += chunk
    proc.wait(60)
    os.close(main)
    return got


def test_diff_on_a_terminal_shows_control_characters(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes(HOSTILE.encode("utf-8"))
    shown = _on_a_terminal(["check", "--no-config", "--no-cache", "--diff", "a.txt"], tmp_path)
    text = shown.decode("utf-8")
    assert "\x1b" not in text and "\u202e" not in text
    assert "-今天,我们开会。␛]52;c;SGVsbG8=␛\\␛[2J\\u202e" in text.replace("\r\n", "\n")
    assert "+今天，我们开会。␛]52;c;SGVsbG8=␛\\␛[2J\\u202e" in text.replace("\r\n", "\n")


def test_diff_to_a_pipe_keeps_the_bytes(tmp_path: Path) -> None:
    import subprocess

    doc = tmp_path / "a.txt"
    doc.write_bytes(HOSTILE.encode("utf-8"))
    args = ["check", "--no-config", "--no-cache", "--diff", "a.txt"]
    piped = subprocess.run(
        [sys.executable, "-m", "wenlint", *args], cwd=tmp_path, capture_output=True
    )
    assert "-今天,我们开会。\x1b]52;c;SGVsbG8=\x1b\\\x1b[2J\u202e\n".encode() in piped.stdout
    (tmp_path / "p.diff").write_bytes(piped.stdout)
    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True)
    assert doc.read_text("utf-8") == HOSTILE.replace(",", "，")


def test_a_gbk_patch_on_a_terminal_is_shown_decoded() -> None:
    from wenlint.report import shown_diff

    patch = "--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-今天,开会\x1b[2J\n+今天，开会\x1b[2J\n".encode(
        "gbk"
    )
    shown = shown_diff(patch + b"-\xff\n", "gbk")
    assert "-今天,开会␛[2J\n+今天，开会␛[2J\n-\\xff\n" in shown and "\x1b" not in shown


def test_html_writes_a_large_file_in_parts_as_one_entry() -> None:
    import io
    import re

    from wenlint.registry import load_registry
    from wenlint.report.html import HtmlReporter, script_json

    text = "卫生卫生。\n" * 600 + "今天,我们开会。\n"
    out = io.StringIO()
    rep = HtmlReporter(out, registry=load_registry(), lang="zh")
    diags = lint_string(text, path="a.txt")
    rep.file("a.txt", text, diags)
    rep.file("b.txt", "没有问题。\n", [])
    (a, b) = re.findall(
        r'<script type="application/json" class="wl-file">(.*?)</script>', out.getvalue()
    )
    entry = json.loads(a)
    assert len(entry["d"]) == len(diags) > 601  # more than one part
    assert [d["s"] for d in entry["d"]] == sorted(d.span.start for d in diags)
    assert a == script_json(entry)  # the bytes one dump of the whole entry gives
    assert json.loads(b) == {"path": "b.txt", "t": None, "d": []} and b == script_json(
        json.loads(b)
    )


def test_compact_json_writes_each_file_when_its_turn_comes() -> None:
    import io

    from wenlint.check import FileResult
    from wenlint.report.json_ import JsonReporter

    def result(path: str, text: str) -> FileResult:
        return FileResult(path, diagnostics=lint_string(text, path=path), text=text)

    out = io.StringIO()
    rep = JsonReporter(out, lang="zh")
    rep.expect(["c.txt", "b.txt", "a.txt"])  # run order; written in path order
    rep.result(result("c.txt", "卫生卫生。\n"))
    assert out.getvalue() == ""  # a.txt and b.txt come first: c.txt waits
    rep.result(result("b.txt", "没有问题。\n"))
    assert out.getvalue() == ""
    rep.result(result("a.txt", "我们我们。\n"))
    written = out.getvalue()
    assert written.startswith('{"version":1,"diagnostics":[\n{"path":"a.txt"')
    assert '{"path":"c.txt"' in written  # its turn came with a.txt's
    rep.close(Totals(3, [], 0, tally([])))
    doc = json.loads(out.getvalue())
    assert [d["path"] for d in doc["diagnostics"]] == ["a.txt", "c.txt"]


def test_standard_input_named_as_a_file_in_the_same_run(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("卫生卫生。\n今天,我们开会。\n", "utf-8")
    base = ["check", "--no-config", "--no-cache", "--format", "json", "--stdin-filename", "a.txt"]
    out = run_cli(*base, "-", "a.txt", input="我们我们。\n")[1]
    pretty = run_cli(*base, "--pretty", "-", "a.txt", input="我们我们。\n")[1]
    doc = json.loads(out)
    assert doc == json.loads(pretty)  # one path twice: merged by position, as one sort did
    offsets = [d["offset"] for d in doc["diagnostics"]]
    assert offsets == sorted(offsets) and len(offsets) == 3
