"""Bad input never ends in a traceback and never stops the other files: binary, empty, huge, one
huge line, unreadable, vanishing, a rule that raises, a read-only file under --fix."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from fake_rules import DoubledDe, register

import wenlint.check
import wenlint.io
import wenlint.registry
from wenlint.rule import FixAvailability, Rule, Severity, T
from wenlint.testing import run_cli

SEED = Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt"


class Faulty(Rule):
    code = "XT901"
    name = "faulty-test"
    severity = Severity.WARNING
    fix = FixAvailability.NONE
    default_enabled = False
    summary = T(zh="总是出错的测试规则", en="a test rule that always fails")
    rationale = T(zh="测试", en="test")
    messages = {"m": T(zh="不会报告", en="never reported")}

    def check(self, doc, ctx):  # type: ignore[no-untyped-def]
        ctx.report(doc.blocks[0].whole, "m")  # reported, then dropped with the failure
        raise RuntimeError("boom")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    register(monkeypatch, DoubledDe, Faulty)
    monkeypatch.chdir(tmp_path)
    return tmp_path


run = partial(run_cli, "check", "--no-config", "--color", "never")


def one_line_errors(err: str) -> list[str]:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert all(ln.startswith("wenlint: ") for ln in lines), err
    assert "Traceback" not in err
    return lines


def test_binary_file_is_skipped_with_a_note_others_still_linted(work: Path) -> None:
    (work / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (work / "b.txt").write_text("我的的书\n", "utf-8")
    code, out, err = run("--select", "XT101", "a.txt", "b.txt")
    assert code == 2
    assert one_line_errors(err) == [
        "wenlint: error: a.txt: binary file (contains NUL bytes), skipped"
    ]
    assert "b.txt:1:2: XT101" in out


def test_empty_and_blank_files(work: Path) -> None:
    for name, text in (("e.txt", ""), ("n.txt", "\n\n\r\n"), ("e.md", ""), ("s.md", "   \n")):
        (work / name).write_text(text, "utf-8")
    code, out, err = run("e.txt", "n.txt", "e.md", "s.md")
    assert code == 0, out + err
    assert err == ""


def test_50_mb_file(work: Path) -> None:
    # Throughput is the benchmark's business; this is about size: no crash, right positions.
    para = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕。\n"
    n = 50_000_000 // len(para.encode()) + 1
    with open(work / "big.txt", "w", encoding="utf-8") as fh:
        fh.write(para * (n // 2))
        fh.write("他的的确确来了，我的的书在这里。\n")
        fh.write(para * (n - n // 2))
    assert (work / "big.txt").stat().st_size >= 50_000_000
    code, out, err = run("--select", "XT101", "big.txt")
    assert code == 1, err
    assert f"big.txt:{n // 2 + 1}:2: XT101" in out
    assert f"big.txt:{n // 2 + 1}:10: XT101" in out


def test_5_mb_single_line_with_every_rule(work: Path) -> None:
    seed = SEED.read_text("utf-8").replace("\n", "")
    text = seed * (5_000_000 // len(seed.encode()) + 1)
    (work / "line.txt").write_text(text, "utf-8")
    code, out, err = run("--quiet", "line.txt")
    assert code in (0, 1), err
    assert "E001" not in out  # no rule failed on it
    # excerpts are windowed: no output line carries the megabytes of the source line
    assert max(len(ln) for ln in out.splitlines()) < 1000


def test_permission_denied_is_a_clear_error(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "secret.txt").write_text("我的的书\n", "utf-8")
    (work / "ok.txt").write_text("我的的书\n", "utf-8")
    if os.geteuid() == 0:
        # root reads through mode 000: simulate the kernel's refusal at the one read
        real = wenlint.io.read_regular

        def read_regular(path: Path) -> bytes:
            if path.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(wenlint.io, "read_regular", read_regular)
    else:  # pragma: no cover - CI runs as root
        (work / "secret.txt").chmod(0)
    code, out, err = run("--select", "XT101", "--jobs", "1", "secret.txt", "ok.txt")
    assert code == 2
    assert one_line_errors(err) == [
        "wenlint: error: secret.txt: permission denied; check the file's permissions"
    ]
    assert "ok.txt:1:2: XT101" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(work: Path) -> None:  # pragma: no cover - not root
    (work / "secret.txt").write_text("正文\n", "utf-8")
    (work / "secret.txt").chmod(0)
    code, _, err = run("secret.txt")
    assert code == 2 and "permission denied" in err


def test_file_that_disappears_mid_run(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (work / name).write_text("我的的书\n", "utf-8")
    real = wenlint.check.Checker.check_file

    def check_file(self, shown, path, stdin=None):  # type: ignore[no-untyped-def]
        if shown == "a.txt":
            (work / "b.txt").unlink()  # gone after the walk listed it, before it is read
        return real(self, shown, path, stdin)

    monkeypatch.setattr(wenlint.check.Checker, "check_file", check_file)
    code, out, err = run("--select", "XT101", "--jobs", "1", "a.txt", "b.txt", "c.txt")
    assert code == 2
    assert one_line_errors(err) == ["wenlint: error: b.txt: no such file"]
    assert "a.txt:1:2" in out and "c.txt:1:2" in out


def test_rule_that_raises_is_an_internal_error_naming_rule_and_file(work: Path) -> None:
    (work / "a.txt").write_text("我的的书\n", "utf-8")
    (work / "b.md").write_text("# 标题\n\n你的的书\n", "utf-8")
    code, out, err = run("--select", "XT101,XT901", "--lang", "en", "a.txt", "b.md")
    assert code == 2, out + err
    assert "Traceback" not in out + err
    assert "a.txt:1:1: E001 internal-error rule XT901 faulty-test failed: RuntimeError: boom" in out
    assert "b.md:1:1: E001" in out
    assert "a.txt:1:2: XT101" in out and "b.md:3:2: XT101" in out  # the others still ran
    assert "never reported" not in out


def test_rule_that_raises_does_not_block_fixes_of_the_others(work: Path) -> None:
    (work / "a.txt").write_text("我的的书\n", "utf-8")
    code, _, _ = run("--select", "XT101,XT901", "--fix", "a.txt")
    assert code == 2
    assert (work / "a.txt").read_text("utf-8") == "我的书\n"


def test_read_only_file_under_fix_is_reported_and_left_intact(work: Path) -> None:
    p = work / "ro.txt"
    p.write_text("我的的书\n", "utf-8")
    p.chmod(0o444)
    (work / "rw.txt").write_text("你的的书\n", "utf-8")
    code, out, err = run("--select", "XT101", "--fix", "--jobs", "1", "ro.txt", "rw.txt")
    assert code == 2
    assert one_line_errors(err) == ["wenlint: error: ro.txt: file is read-only; fixes not written"]
    assert p.read_text("utf-8") == "我的的书\n" and p.stat().st_mode & 0o777 == 0o444
    assert "ro.txt:1:2: XT101" in out  # still reported, against the text on disk
    assert (work / "rw.txt").read_text("utf-8") == "你的书\n"
    assert sorted(f.name for f in work.iterdir()) == ["ro.txt", "rw.txt"]  # no temporary left


def test_file_changed_between_read_and_write_is_not_written(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = work / "a.txt"
    p.write_text("我的的书\n", "utf-8")
    import wenlint.fix

    real = wenlint.fix.fix_text

    def fix_text(text, lint_fn):  # type: ignore[no-untyped-def]
        result = real(text, lint_fn)
        p.write_text("别人刚改过的的\n", "utf-8")  # an editor saved meanwhile
        return result

    monkeypatch.setattr(wenlint.check, "fix_text", fix_text)
    code, _, err = run("--select", "XT101", "--fix", "a.txt")
    assert code == 2 and "changed on disk" in err
    assert p.read_text("utf-8") == "别人刚改过的的\n"


def test_directory_and_special_paths(work: Path) -> None:
    (work / "d").mkdir()
    code, _, err = run("d")  # an empty folder: nothing to lint, no error
    assert code == 0, err
    code, _, err = run("/dev/null")
    assert code == 0, err


def test_stdin_garbage_is_a_clear_error(work: Path) -> None:
    code, _, err = run("-", input=b"\x00\x01\x02binary")
    assert code == 2 and one_line_errors(err) == [
        "wenlint: error: -: binary file (contains NUL bytes), skipped"
    ]
    raw = "正文\ud800正文。".encode("utf-8", "surrogatepass")
    code, _, err = run("--stdin-filename", "x.md", "-", input=raw)
    assert code == 2 and len(one_line_errors(err)) == 1 and "x.md:1: invalid UTF-8" in err


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)))
    (tmp_path / "bad.txt").write_bytes(b"\x80\xff\xfe\x80")
    (tmp_path / "ok.txt").write_text("正文。\n", "utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "wenlint", "check", "--no-config", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(one_line_errors(r.stderr)) == 2


MARKDOWN_DOC = """# 关于开展调研的通知

各单位要按时按时报送材料。

<!-- wenlint-disable-next-line W201 -->
请各单位认真认真组织。

```
<!-- wenlint-disable W201 --> 这是代码示例
```

第二段内容内容，要求“完成任务。
"""


def test_documents_linted_in_any_order_in_one_process_match_separate_runs(tmp_path: Path) -> None:
    """Per-document data lives on the Document: linting A, B, A in one process (the language
    server's way) gives each the findings of a run on that file alone."""
    import json

    from wenlint.check import is_markdown
    from wenlint.document import Document
    from wenlint.report.json_ import diagnostic_json
    from wenlint.runner import lint_document
    from wenlint.testing import ruleset

    a = tmp_path / "a.md"
    a.write_text(MARKDOWN_DOC, "utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes(SEED.read_bytes())
    alone = {}
    for p in (a, b):
        out = subprocess.run(
            [sys.executable, "-m", "wenlint", "check", "--no-config", "--select", "ALL",
             "--format", "json", str(p)],
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        alone[str(p)] = json.loads(out)["diagnostics"]
    assert alone[str(a)] and alone[str(b)]
    rs = ruleset(["ALL"])
    for p in (a, b, a, b):
        # a fresh copy of the text each time: no cache may recognise a string by its identity
        text = "".join(list(p.read_text("utf-8")))
        doc = Document(str(p), text, markdown=is_markdown(str(p)))
        found = [diagnostic_json(d, "zh") for d in lint_document(doc, rs)[0]]
        assert found == alone[str(p)]


def test_context_services_find_blocks() -> None:
    from wenlint.document import Document
    from wenlint.rule import Context

    doc = Document("t.txt", "第一段，有逗号。\n\n第二段没有\n第三段有“引号”。\n")
    rule = Faulty()
    ctx = Context(rule, doc, lambda rule, finding: None)
    first, second, third = doc.blocks
    assert ctx.block_at(0) is first and ctx.block_at(first.end - 1) is first
    assert ctx.block_at(first.end) is None  # the line break between blocks
    assert ctx.block_at(second.start, second.end) is second
    assert ctx.block_at(second.start, third.end) is None  # across two blocks
    assert ctx.blocks_with("，“") == [first, third]
    assert ctx.blocks_with(literals=["没有"]) == [second]
    import re

    assert ctx.blocks_with("“", literals=["第一"], pattern=re.compile("第二")) == doc.blocks
    assert ctx.blocks_with("？") == []


def test_derived_data_is_computed_once_per_document() -> None:
    from wenlint.document import Document

    calls: list[str] = []

    def count(doc: Document) -> int:
        calls.append(doc.path)
        return len(doc.text)

    one, two = Document("1.txt", "甲乙"), Document("2.txt", "甲乙丙")
    assert [one.derived(count, count), one.derived(count, count), two.derived(count, count)] == [
        2,
        2,
        3,
    ]
    assert calls == ["1.txt", "2.txt"]
