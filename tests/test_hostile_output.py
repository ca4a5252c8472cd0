"""Hostile documents, names and runs against wenlint's output (issue 16, items 2, 5, 7-9, 11-14).

Each class of attack or accident has its test: machine-readable text (URLs, e-mail addresses,
paths) is never prose; a report that cannot be written is one line and exit 2; document text and
file names never become markup, terminal escapes or workflow commands; undecodable names are shown
escaped in every format; Ctrl-C and dead workers end a parallel run cleanly; a user regex has a
budget; findings are cheap in memory.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint.diagnostic import Diagnostic, Fix, Related
from wenlint.document import LineIndex, Span
from wenlint.markup import machine_spans, markdown_prose, plain_prose
from wenlint.report.github import GithubReporter
from wenlint.report.stream import GuardedOut, ReportWriteError
from wenlint.report.text import TextRenderer, TextReporter
from wenlint.rule import Severity, T
from wenlint.testing import fix_string, lint_string
from wenlint.text.chars import MASK
from wenlint.text.width import text_width

# -- item 2: URLs, e-mail addresses and paths are not prose ---------------------------------------

BAIKE = "https://baike.baidu.com/item/政协(中国人民政治协商会议)/1234"
MACHINE = [
    BAIKE,
    "https://zh.wikipedia.org/wiki/中华人民共和国宪法",
    "http://www.gov.cn/search?q=政协&c=委员&page=2",
    "www.gov.cn/a,b",
    "ftp://files.example.org/文件(一)/a;b.txt",
    "/usr/share/doc/政协(中国)/x,y.txt",
    "./configure,x",
    "~/文档/说明(草稿).txt",
    "C:\\Users\\张三\\文档(一)\\a,b.docx",
    "a,b@example.com",
]


def test_machine_text_is_found_whole() -> None:
    for m in MACHINE:
        text = f"详见{m}，请查阅。"
        found = [text[a:b] for a, b in machine_spans(text)]
        want = m.split(",", 1)[1] if m.startswith("a,b@") else m
        assert found == [want], (m, found)


def test_prose_next_to_machine_text_stays_prose() -> None:
    # Han text straight after ASCII ends a URL; a sentence's punctuation is not the URL's
    text = "见https://www.gov.cn/zhengce/2021.htm等文件(草稿)。也见（www.gov.cn）."
    found = [text[a:b] for a, b in machine_spans(text)]
    assert found == ["https://www.gov.cn/zhengce/2021.htm", "www.gov.cn"]
    # slashes of prose are no paths: 元/吨, 和/或, 1/2/3, 中国/美国/日本
    for prose in ("价格为5元/吨/天", "和/或", "比例为1/2/3", "中国/美国/日本", "km/h"):
        assert machine_spans(prose) == [], prose
    # and the halfwidth bracket in the prose is still found
    assert any(d.code == "P401" for d in lint_string(text))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(MACHINE),
    st.sampled_from(["", "参见", "（见", "网址："]),
    st.sampled_from(["", "，", "。", "）", " 和", "\n"]),
    st.sampled_from(["test.txt", "test.md"]),
)
def test_machine_text_is_never_fixed_nor_reported(
    m: str, before: str, after: str, path: str
) -> None:
    text = f"我们今天开会,讨论工作。{before}{m}{after}请大家(务必)准时参加。\n"
    fixed = fix_string(text, path=path)
    assert m in fixed, fixed
    if after or m[-1].isascii():  # (Han right after a Han ending is the URL's, who can tell)
        assert "（务必）" in fixed  # the prose around it is still fixed
    start = text.index(m)
    for d in lint_string(text, path=path):
        assert d.span.end <= start or d.span.start >= start + len(m) or len(d.span) > len(m), d


def test_machine_text_is_masked_in_both_views_at_the_same_offsets() -> None:
    text = f"见{BAIKE}，完。\n"
    for view, _ in (plain_prose(text), markdown_prose(text)):
        assert len(view) == len(text)
        i = text.index(BAIKE)
        assert view[i : i + len(BAIKE)] == MASK * len(BAIKE)
        assert view[i + len(BAIKE) :] == "，完。\n"


# -- items 11, 12, 13: document text and names never drive the terminal or the CI log -------------

# What no human-readable output may carry raw: controls but tab and the line breaks wenlint writes,
# DEL, C1, bidi controls, line/paragraph separators, lone surrogates.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
SGR = re.compile("\x1b\\[[0-9;]*m")  # the colour codes wenlint itself writes
HOSTILE = [
    "\x1b]52;c;ZXZpbA==\x1b\\",  # OSC 52: write the clipboard
    "\x1b[2J",  # CSI: clear the screen
    "\x1b]8;;https://evil.example\x1b\\点我\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\u202e反转\u202c",  # bidi override
    "\n::error file=README.md::forged\n",
    "\r::warning::x",
    "\u2028::notice::y",
    "[/etc/wenlint]",
    "[link=https://evil.example]点我[/link]",
    "[note]",
    "\udcff",  # a byte of a name that was not UTF-8
]


def _finding(path: str, text: str, message: str) -> tuple[Diagnostic, LineIndex]:
    lines = LineIndex(text)
    i = text.index(",")
    d = Diagnostic(
        path,
        "P401",
        "halfwidth-punct-in-han",
        Severity.WARNING,
        Span(i, i + 1),
        T(zh=message, en=message),
        help=T(zh=f"改为“，”{message}", en="use full width"),
        fix=Fix.replace(Span(i, i + 1), "，"),
        related=(Related(Span(0, 1), T(zh=message, en=message), path=path),),
    )
    d.position = (*lines.line_col(i), *lines.line_col(i + 1))
    return d, lines


def _human_outputs(path: str, text: str, message: str) -> dict[str, str]:
    """What a person reads of one finding: text (plain and coloured), GitHub annotations."""
    d, lines = _finding(path, text, message)
    outs: dict[str, str] = {}
    for color in (False, True):
        buf = io.StringIO()
        TextReporter(buf, color=color).file(text, lines, [d])
        outs[f"text color={color}"] = buf.getvalue()
    buf = io.StringIO()
    rep = GithubReporter(buf)
    rep.file(path, text, [d])
    rep.finish(files=1, errors=[f"{path}: cannot read {message}"])
    outs["github"] = buf.getvalue()
    return outs


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("".join),
    st.lists(st.sampled_from(HOSTILE), min_size=0, max_size=2).map("".join),
    st.booleans(),
)
def test_document_text_and_names_are_shown_not_obeyed(
    attack: str, in_name: str, long_line: bool
) -> None:
    line = attack.replace("\n", "").replace("\r", "").replace("\u2028", "")
    pad = "甲" * 200 if long_line else ""
    text = f"第一行\n{pad}{line}我们开会,讨论{line}工作。\n"
    for kind, out in _human_outputs(f"{in_name}报告.txt", text, f"“{attack}”").items():
        shown = SGR.sub("", out) if "color=True" in kind else out
        assert RAW.search(shown) is None, (kind, shown)
        for row in out.split("\n"):
            # only wenlint writes a line that starts with "::", and only in the GitHub format
            if row.startswith("::"):
                assert kind == "github" and re.match(r"::(warning|error) file=", row), row
        if kind == "github":  # one line per annotation and per file error, nothing else
            assert len(out.splitlines()) == 2
        if kind.startswith("text"):
            assert "\x1b]8;" not in out  # no live hyperlink
            for markup in ("[/etc/wenlint]", "[note]", "[link="):  # never read as markup
                assert (markup in out) == (markup in attack + in_name)


def test_carets_stay_under_the_finding_when_controls_are_shown() -> None:
    text = "\x1b[2J\u202e我们开会,讨论工作。\n"
    d, lines = _finding("a.txt", text, "m")
    out = TextRenderer(width=100).render(d, text, lines)
    excerpt, carets = out.split("\n")[2], out.split("\n")[3]
    col = carets.index("^")
    shown = excerpt[excerpt.index("| ") + 2 :]
    assert text_width(shown[: shown.index(",")]) == col - (carets.index("|") + 2)


def _run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wenlint", "check", "--no-config", *args],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", **(env or {})},
        timeout=120,
    )


def test_hostile_names_and_documents_through_every_format(tmp_path: Path) -> None:
    body = (
        "标题\n\n他说：“\x1b]52;c;ZXZpbA==\x1b\\[link=https://e.example]点[/link]”我们开会,讨论。\n"
    )
    names = [b"::error file=README.md::forged.txt", b"a\nb\x1b[2J.txt", b"c\xff\xfe.txt"]
    for n in names:
        (tmp_path / os.fsdecode(n)).write_text(body, encoding="utf-8")
    for fmt in ("text", "github", "json", "sarif", "html"):
        args = ["--format", fmt] + (["--color", "always"] if fmt == "text" else [])
        r = _run(*args, ".", cwd=tmp_path)
        assert r.returncode == 1, (fmt, r.stderr)
        out = r.stdout.decode("utf-8")  # valid UTF-8 under a strict UTF-8 stdout
        assert r.stderr == b""
        if fmt == "json":
            paths = {d["path"] for d in json.loads(out)["diagnostics"]}
            assert "c\\xff\\xfe.txt" in paths and "a\nb\x1b[2J.txt" in paths
        elif fmt == "sarif":
            uris = json.dumps(json.loads(out)["runs"][0]["results"])
            assert "c%5Cxff%5Cxfe.txt" in uris
        elif fmt == "html":
            assert "c\\\\xff\\\\xfe.txt" in out
        else:
            assert RAW.search(SGR.sub("", out)) is None, out
            assert "c\\xff\\xfe.txt" in out
            rows = out.split("\n")
            commands = [row for row in rows if row.startswith("::")]
            if fmt == "text":
                assert not commands
            for row in commands:  # wenlint's: properties without a raw ':', no README.md
                m = re.match("::(warning|error|notice) ([^:]*)::", row)
                assert m, row
                props = dict(p.split("=", 1) for p in m.group(2).split(","))
                assert props.get("file") != "README.md", row
    # the real names are kept for fixing
    r = _run("--fix", ".", cwd=tmp_path)
    assert r.returncode == 1 and "已修复 3 处" in r.stdout.decode(), r.stderr  # (D101 stays)
    for n in names:
        assert "开会，讨论" in (tmp_path / os.fsdecode(n)).read_text(encoding="utf-8")


def test_file_errors_on_stderr_are_one_visible_line(tmp_path: Path) -> None:
    bad = tmp_path / "x\n::error file=README.md::forged\x1b[2J.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    for fmt in ("text", "github"):
        r = _run("--format", fmt, str(bad.name), cwd=tmp_path)
        assert r.returncode == 2
        err = r.stderr.decode("utf-8")
        assert err.count("\n") == 1 and err.startswith("wenlint: error: x␊::error"), err
        assert "\x1b" not in err
        assert not any(
            row.startswith("::") and "forged" in row for row in r.stdout.decode().split("\n")[1:]
        )


# -- item 5: a report that cannot be written is one line and exit 2 -------------------------------

FORMATS = ("text", "json", "sarif", "github", "html")


def _docs(folder: Path, n: int, repeat: int = 40) -> Path:
    folder.mkdir(exist_ok=True)
    para = "我们今天开会,讨论工作(草案)。" * repeat
    for i in range(n):
        (folder / f"d{i:04d}.txt").write_text(f"第{i}份\n\n{para}\n", encoding="utf-8")
    return folder


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_disk_is_one_line_and_exit_2_in_every_format(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs", 30)
    for fmt in FORMATS:
        with open("/dev/full", "w") as full:
            r = subprocess.run(
                [sys.executable, "-m", "wenlint", "check", "--no-config", "--format", fmt, "docs"],
                cwd=tmp_path,
                stdout=full,
                stderr=subprocess.PIPE,
                timeout=120,
            )
        err = r.stderr.decode()
        assert r.returncode == 2, (fmt, err)
        assert err == "wenlint: error: cannot write the report: No space left on device\n", fmt
    assert docs.exists()


def test_closed_stdout_and_broken_pipe_are_one_line_and_exit_2(tmp_path: Path) -> None:
    _docs(tmp_path / "docs", 30)
    base = [sys.executable, "-m", "wenlint", "check", "--no-config", "--jobs", "1"]
    for fmt in FORMATS:
        # stdout closed (``>&-``)
        closed = subprocess.run(
            [*base, "--format", fmt, "docs"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
            preexec_fn=lambda: os.close(1),
        )
        assert closed.returncode == 2, (fmt, closed.stderr)
        assert closed.stderr.decode().splitlines() == [
            "wenlint: error: cannot write the report: standard output is closed"
        ]
        # a reader that went away (``| head -c0``) before the report is written
        p = subprocess.Popen(
            [*base, "--format", fmt, "docs"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert p.stdout is not None and p.stderr is not None
        p.stdout.close()
        err = p.stderr.read().decode()
        assert p.wait(timeout=120) == 2, (fmt, err)
        assert err == "wenlint: error: cannot write the report: Broken pipe\n", (fmt, err)


def test_guarded_stdout_turns_every_write_error_into_one_error() -> None:
    class Failing(io.StringIO):
        def write(self, s: str) -> int:
            raise OSError(28, "No space left on device")

    for target in (Failing(), None):
        out = GuardedOut(target)
        with pytest.raises(ReportWriteError, match="cannot write the report"):
            out.write("x")
        with pytest.raises(ReportWriteError):
            out.buffer.write(b"x")
    closed = io.StringIO()
    closed.close()
    with pytest.raises(ReportWriteError, match="closed file"):
        GuardedOut(closed).write("x")
    assert GuardedOut(closed).isatty() is False  # asked before anything is written: no crash


# -- item 7: Ctrl-C, dead workers and a dead parent in a parallel run -----------------------------


def _default_sigint() -> None:
    # a shell starts background jobs with SIGINT ignored; a terminal's Ctrl-C reaches a
    # foreground process group whose SIGINT is not
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "wenlint", "check", "--no-config", "--jobs", "2", *args, "docs"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_workers(p: subprocess.Popen[bytes], count: int = 2) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = _children(p.pid)
        if len(kids) >= count:
            time.sleep(0.3)  # linting has begun
            return kids
        time.sleep(0.05)
    raise AssertionError("no workers started")


posix_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="real signals and /proc"
)


@pytest.mark.slow
@posix_only
@pytest.mark.parametrize("presses", [1, 2])
@pytest.mark.parametrize("fix", [False, True])
def test_ctrl_c_stops_a_parallel_run_at_once(tmp_path: Path, presses: int, fix: bool) -> None:
    docs = _docs(tmp_path / "docs", 400, repeat=200)
    for _ in range(3):
        p = _start(tmp_path, *(["--fix"] if fix else []))
        kids = _wait_for_workers(p)
        t = time.monotonic()
        for _ in range(presses):  # Ctrl-C: SIGINT to the whole foreground process group
            os.killpg(p.pid, signal.SIGINT)
            time.sleep(0.02)
        assert p.wait(timeout=10) == 130
        assert time.monotonic() - t < 1.5
        assert p.stderr is not None
        assert p.stderr.read().decode() == "wenlint: interrupted\n"  # no traceback, no Aborted!
        time.sleep(0.2)
        assert not [k for k in kids if _alive(k)]
        assert not [f.name for f in docs.iterdir() if not f.name.startswith("d")]  # no temp file


@pytest.mark.slow
@posix_only
def test_a_dead_worker_is_one_line_naming_its_file(tmp_path: Path) -> None:
    _docs(tmp_path / "docs", 400, repeat=200)
    p = _start(tmp_path, "-q")
    kids = _wait_for_workers(p)
    os.kill(kids[0], signal.SIGKILL)
    assert p.wait(timeout=10) == 2
    assert p.stderr is not None
    err = p.stderr.read().decode()
    assert re.fullmatch(
        r"wenlint: error: a worker process was killed by SIGKILL while linting "
        r"docs/d\d{4}\.txt\n",
        err,
    ), err
    time.sleep(0.2)
    assert not _alive(kids[1])


@pytest.mark.slow
@posix_only
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    _docs(tmp_path / "docs", 400, repeat=200)
    p = _start(tmp_path, "-q")
    kids = _wait_for_workers(p)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=10)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.05)
    assert not [k for k in kids if _alive(k)]


def test_a_worker_error_names_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from wenlint.check import Checker, Options
    from wenlint.parallel import WorkerFailed, WorkerSetup, lint_in_pool
    from wenlint.testing import registry

    def broken(self: Checker, shown: str, path: Path | None, stdin: bytes | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Checker, "check_file", broken)
    files = [("a.txt", Path("a.txt")), ("b.txt", Path("b.txt"))]
    setup = WorkerSetup(registry(), Options(), files, None)
    with pytest.raises(WorkerFailed, match=r"internal error while linting a\.txt: RuntimeError"):
        list(lint_in_pool(setup, 2, "fork"))
