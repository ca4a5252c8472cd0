"""D101 across the files of one run: a block that repeats one of an earlier file, reported once,
with the other file as the related location; the same with worker processes; facts hold no text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.document import Document
from lint.rule import Context
from rules.duplication._keys import fingerprint, fingerprints
from rules.duplication.duplicate_block import DuplicateBlock

P1 = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
P2 = "深化“放管服”改革，推行企业开办“一网通办”，压减审批事项和办理时限，营商环境持续优化。"
P3 = "聚焦基础设施和民生短板，谋划实施重点项目，推动项目早开工、早投产、早见效。"
P4 = "统筹发展和安全，守牢安全生产底线，全力维护社会大局和谐稳定。"


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(d: Path, name: str, *paras: str) -> None:
    (d / name).write_text("\n\n".join(paras) + "\n", "utf-8")


def _json(*args: str) -> list[dict]:
    _, out = run("check", "--no-config", "--select", "D101", "--format", "json", *args)
    return json.loads(out)["diagnostics"]


def test_block_of_an_earlier_file_is_reported_in_the_later_one(workdir: Path) -> None:
    _write(workdir, "a.txt", "各位代表：", P1, P2)
    _write(workdir, "b.txt", "各位委员：", P3, P1, P2, P4)
    code, out = run(
        "check", "--no-config", "--select", "D101", "--color", "never", "a.txt", "b.txt"
    )
    assert code == 1
    assert out.startswith("b.txt:5:1: D101 duplicate-block 与 a.txt 第 3 行起的 2 段重复（")
    assert "= 首次出现：a.txt:3:1" in out
    assert "共 1 处问题" in out
    [d] = _json("a.txt", "b.txt")
    assert (d["path"], d["line"], d["end_line"], d["fix"]) == ("b.txt", 5, 7, None)
    [rel] = d["related"]
    assert (rel["path"], rel["line"], rel["column"], rel["end_line"]) == ("a.txt", 3, 1, 5)
    assert rel["end_column"] == len(P2) + 1


def test_first_file_in_run_order_holds_the_original(workdir: Path) -> None:
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1)
    [d] = _json("b.txt", "a.txt")
    assert d["path"] == "a.txt" and d["related"][0]["path"] == "b.txt"


def test_short_common_blocks_are_not_reported(workdir: Path) -> None:
    _write(workdir, "a.txt", "各位委员：", P1, "谢谢大家！")
    _write(workdir, "b.txt", "各位委员：", P3, "谢谢大家！")
    assert _json("a.txt", "b.txt") == []


def test_a_block_is_reported_once_across_and_within_files(workdir: Path) -> None:
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1, P4, P1)
    found = [(d["path"], d["line"], d["message"]) for d in _json("a.txt", "b.txt")]
    assert sorted(found) == [
        ("b.txt", 3, f"与 a.txt 第 1 行起的 1 段重复（{len(P1)} 字）"),
        ("b.txt", 7, f"与第 3 行起的 1 段重复（{len(P1)} 字）"),
    ]


def test_cross_file_findings_are_printed_with_the_file_in_order(workdir: Path) -> None:
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1, P4, P3)
    _write(workdir, "c.txt", P4)
    _, out = run("check", "--no-config", "--select", "D101", "--color", "never", "-q", ".")
    heads = [line.split(" D101")[0] for line in out.splitlines() if " D101 " in line]
    # b.txt's finding against a.txt (line 3) comes before its own repeat (line 7), not at the end
    assert heads == ["b.txt:3:1:", "b.txt:7:1:", "c.txt:1:1:"]


def test_suppression_comment_covers_the_cross_file_finding(workdir: Path) -> None:
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, "<!-- wenlint-disable-next-line duplicate-block -->", P1, P4)
    _write(workdir, "c.txt", "第三份文件另有开头。", "<!-- wenlint-disable W201 -->", P2)
    found = [(d["path"], d["line"]) for d in _json("a.txt", "b.txt", "c.txt")]
    assert found == [("c.txt", 5)]


def test_option_cross_file_off(workdir: Path) -> None:
    (workdir / "wenlint.toml").write_text("[rules.duplicate-block]\ncross-file = false\n", "utf-8")
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1, P2)
    code, out = run("check", "--select", "D101", "a.txt", "b.txt")
    assert code == 0, out


def test_jobs_gives_the_same_cross_file_findings(workdir: Path) -> None:
    paras = [P1, P2, P3, P4]
    for i in range(6):
        _write(workdir, f"doc{i}.txt", f"第{i}号文件。", *paras[i % 4 :], *paras[: i % 4])
    _write(workdir, "doc6.txt", P4, P4)
    for fmt in ("text", "json"):
        args = ["check", "--no-config", "--select", "D", "--format", fmt, "--color", "never", "."]
        serial = run(*args, "--jobs", "1")
        parallel = run(*args, "--jobs", "2")
        assert serial == parallel
        assert serial[0] == 1 and "与 doc0.txt 第" in serial[1]


def test_jobs_in_real_worker_processes(workdir: Path) -> None:
    """Worker processes started afresh (another hash seed): fingerprints still agree."""
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1, P2)
    exe = [sys.executable, "-m", "lint.cli", "check", "--no-config", "--select", "D101", "-q"]
    outs = []
    for seed, jobs in (("1", "1"), ("2", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([*exe, "--jobs", jobs, "."], capture_output=True, text=True, env=env)
        outs.append(r.stdout)
    assert outs[0] == outs[1] and "与 a.txt 第 1 行起的 2 段重复" in outs[0]


def test_fingerprint_is_the_same_in_every_process() -> None:
    code = "from rules.duplication._keys import fingerprint; print(fingerprint('政协工作报告'))"
    got = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout.strip()
        for seed in ("0", "1", "12345")
    }
    assert got == {str(fingerprint("政协工作报告"))}


def test_kept_facts_hold_no_text_and_grow_with_blocks() -> None:
    text = "\n\n".join([P1, P2, P3, P4] * 50) + "\n"
    doc = Document("x.txt", text)
    ctx = Context(DuplicateBlock(), doc, lambda *a: None)
    DuplicateBlock().check(doc, ctx)
    facts = ctx.kept
    assert len(facts.fps) == len(doc.blocks) == 200
    assert len(facts.pos) == 6 * len(doc.blocks)
    # arrays of numbers and one flag per block: no str anywhere
    assert not any(isinstance(x, str) for part in facts for x in part)
    # the 196 repeats were reported within the file, so none is reported across files again
    assert sum(facts.reported) == 196
    assert facts.fps.itemsize * len(facts.fps) + facts.pos.itemsize * len(facts.pos) < len(
        text.encode()
    )


def test_fingerprints_of_many_keys_are_their_fingerprints() -> None:
    keys = ["政协工作报告", "annual report", "", "Straße", "政协 report ①", "abc"]
    assert fingerprints(keys).tolist() == [fingerprint(k) if k else 0 for k in keys]
    assert len(set(fingerprints(keys).tolist())) == len(keys)  # ASCII and not ASCII never meet
