"""D101 across the files of one run: a block that repeats one of an earlier file, reported once,
with the other file as the related location; the same with worker processes; facts hold no text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint.document import Document
from wenlint.rule import Context
from wenlint.rules.duplication._keys import compare_keys, fingerprint, fingerprints
from wenlint.rules.duplication.duplicate_block import DuplicateBlock, frame_blocks
from wenlint.testing import lint_string, run_cli

P1 = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
P2 = "深化“放管服”改革，推行企业开办“一网通办”，压减审批事项和办理时限，营商环境持续优化。"
P3 = "聚焦基础设施和民生短板，谋划实施重点项目，推动项目早开工、早投产、早见效。"
P4 = "统筹发展和安全，守牢安全生产底线，全力维护社会大局和谐稳定。"


run = run_cli


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(d: Path, name: str, *paras: str) -> None:
    (d / name).write_text("\n\n".join(paras) + "\n", "utf-8")


def _json(*args: str) -> list[dict]:
    _, out, _ = run("check", "--no-config", "--select", "D101", "--format", "json", *args)
    return json.loads(out)["diagnostics"]


def test_block_of_an_earlier_file_is_reported_in_the_later_one(workdir: Path) -> None:
    _write(workdir, "a.txt", "各位代表：", P1, P2)
    _write(workdir, "b.txt", "各位委员：", P3, P1, P2, P4)
    code, out, _ = run(
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
    _, out, _ = run("check", "--no-config", "--select", "D101", "--color", "never", "-q", ".")
    heads = [line.split(" D101")[0] for line in out.splitlines() if " D101 " in line]
    # b.txt's finding against a.txt (line 3) comes before its own repeat (line 7), not at the end
    assert heads == ["b.txt:3:1:", "b.txt:7:1:", "c.txt:1:1:"]


def test_suppression_comment_covers_the_cross_file_finding(workdir: Path) -> None:
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, "<!-- wenlint-disable-next-line duplicate-block -->", P1, P4)
    _write(workdir, "c.txt", "第三份文件另有开头。", "<!-- wenlint-disable W201 -->", P2)
    found = [(d["path"], d["line"]) for d in _json("a.txt", "b.txt", "c.txt")]
    assert found == [("c.txt", 5)]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<!-- wenlint-disable D10 -->", "<!-- wenlint-enable D10 -->"),  # a code prefix
        ("<!-- wenlint-disable -->", "<!-- wenlint-enable -->"),  # every rule
        ("<!-- wenlint-disable-next-line D101 W201 -->", ""),
    ],
)
def test_cross_file_suppression_is_the_engines(workdir: Path, opening: str, closing: str) -> None:
    """What D101 keeps for later files honours every form of comment the engine reads (D101
    asks ``ctx.suppressed``, it parses no comment itself): the suppressed block of b.txt is
    neither reported against a.txt nor, in c.txt, reported against b.txt."""
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, opening, P1, *([closing] if closing else []), P4)
    _write(workdir, "c.txt", "第三份文件另有开头。", P4)
    found = [(d["path"], d["line"]) for d in _json("a.txt", "b.txt", "c.txt")]
    assert found == [("c.txt", 3)]  # P4 of b.txt, outside the comment's reach


def test_option_cross_file_off(workdir: Path) -> None:
    (workdir / "wenlint.toml").write_text("[rules.duplicate-block]\ncross-file = false\n", "utf-8")
    _write(workdir, "a.txt", P1, P2)
    _write(workdir, "b.txt", P3, P1, P2)
    code, out, _ = run("check", "--select", "D101", "a.txt", "b.txt")
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
    exe = [sys.executable, "-m", "wenlint", "check", "--no-config", "--select", "D101", "-q"]
    outs = []
    for seed, jobs in (("1", "1"), ("2", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([*exe, "--jobs", jobs, "."], capture_output=True, text=True, env=env)
        outs.append(r.stdout)
    assert outs[0] == outs[1] and "与 a.txt 第 1 行起的 2 段重复" in outs[0]


def test_fingerprint_is_the_same_in_every_process() -> None:
    code = (
        "from wenlint.rules.duplication._keys import fingerprint; "
        "print(fingerprint('政协工作报告'))"
    )
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
    assert not any(isinstance(x, str) for part in facts._asdict().values() for x in part)
    # the 196 repeats were reported within the file, so none is reported across files again
    assert sum(facts.reported) == 196
    assert facts.fps.itemsize * len(facts.fps) + facts.pos.itemsize * len(facts.pos) < len(
        text.encode()
    )


def test_fingerprints_of_many_keys_are_their_fingerprints() -> None:
    keys = ["政协工作报告", "annual report", "", "Straße", "政协 report ①", "abc"]
    assert fingerprints(keys).tolist() == [fingerprint(k) if k else 0 for k in keys]
    assert len(set(fingerprints(keys).tolist())) == len(keys)  # ASCII and not ASCII never meet


# The frame of a State Council notice and of a work report: recipient line, opening formula,
# signature and date repeat in every document of the kind, by design.
RECIPIENTS = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
OPENING = "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。"
BODY_A = (
    "为进一步推动党中央、国务院重大决策部署贯彻落实，国务院部署开展了第五次大督查，"
    "各地区、各部门积极探索创新，形成了一批好的经验做法。"
)
BODY_B = (
    "农业机械化和农机装备是转变农业发展方式、提高农村生产力的重要基础，"
    "是实施乡村振兴战略的重要支撑。"
)
BODY_C = (
    "体育竞赛表演产业是体育产业的重要组成部分，对推动体育产业成为国民经济支柱性产业具有重要意义。"
)
BODY_D = (
    "各地区、各部门要充分认识发展体育竞赛表演产业的重要意义，加强组织领导，"
    "结合实际抓紧制定具体实施方案，确保各项任务落到实处。"
)


def _notice(d: Path, name: str, title: str, number: str, *body: str) -> None:
    _write(
        d,
        name,
        title,
        number,
        RECIPIENTS,
        *body,
        "国务院办公厅",
        "2018年12月5日",
        "（此件公开发布）",
    )


def test_recipient_line_and_signature_of_notices_are_not_duplicates(workdir: Path) -> None:
    _notice(workdir, "a.txt", "国务院办公厅关于印发试点方案的通知", "国办发〔2018〕1号", BODY_A)
    _notice(workdir, "b.txt", "国务院办公厅关于加快推进农机装备的意见", "国办发〔2018〕2号", BODY_B)
    _notice(workdir, "c.txt", "国务院办公厅关于加快发展体育产业的意见", "国办发〔2018〕3号", BODY_C)
    assert _json("a.txt", "b.txt", "c.txt") == []
    assert _json("c.txt", "b.txt", "a.txt") == []


def test_opening_formula_of_reports_is_not_a_duplicate(workdir: Path) -> None:
    _write(workdir, "gwr-2015.txt", "各位代表：", OPENING, "一、2014年工作回顾", P1, P2)
    _write(workdir, "gwr-2017.txt", "政府工作报告", "国务院总理　李克强", "各位代表：", OPENING, P3)
    assert _json("gwr-2015.txt", "gwr-2017.txt") == []


def test_body_paragraph_pasted_into_another_notice_is_reported(workdir: Path) -> None:
    _notice(
        workdir, "a.txt", "国务院办公厅关于印发试点方案的通知", "国办发〔2018〕1号", BODY_A, BODY_D
    )
    _notice(
        workdir,
        "b.txt",
        "国务院办公厅关于加快发展体育产业的意见",
        "国办发〔2018〕3号",
        BODY_C,
        BODY_D,
    )
    [d] = _json("a.txt", "b.txt")
    assert (d["path"], d["line"], d["related"][0]["line"]) == ("b.txt", 9, 9)
    assert d["message"] == f"与 a.txt 第 9 行起的 1 段重复（{len(BODY_D)} 字）"


def test_pasted_block_stops_before_the_shared_signature(workdir: Path) -> None:
    _notice(
        workdir, "a.txt", "国务院办公厅关于印发试点方案的通知", "国办发〔2018〕1号", BODY_A, BODY_B
    )
    _notice(
        workdir,
        "b.txt",
        "国务院办公厅关于加快发展体育产业的意见",
        "国办发〔2018〕3号",
        BODY_A,
        BODY_B,
    )
    [d] = _json("a.txt", "b.txt")
    # two paragraphs of substance in one finding; the recipient line before and the signature
    # after them are the notices' frame
    assert (d["line"], d["end_line"]) == (7, 9) and "2 段重复" in d["message"]


def test_formula_moved_from_the_frame_into_the_body_is_reported(workdir: Path) -> None:
    _write(workdir, "a.txt", "各位代表：", OPENING, P1)
    _write(workdir, "b.txt", "各位委员：", P3, OPENING, P4)
    [d] = _json("a.txt", "b.txt")
    assert (d["path"], d["line"]) == ("b.txt", 5)


def test_recipient_line_repeated_inside_one_file_is_still_reported(workdir: Path) -> None:
    _write(
        workdir,
        "a.txt",
        "国务院办公厅关于印发试点方案的通知",
        RECIPIENTS,
        BODY_A,
        RECIPIENTS,
        BODY_B,
    )
    [d] = _json("a.txt")
    assert (d["line"], d["message"]) == (7, f"与第 3 行起的 1 段重复（{len(RECIPIENTS)} 字）")


def test_frame_of_a_notice_and_of_a_report() -> None:
    notice = [
        "国务院办公厅关于印发方案的通知",
        "国办发〔2018〕1号",
        RECIPIENTS,
        "现将《方案》印发给你们，请认真贯彻执行。",
        BODY_A,
        BODY_D,
        "国务院办公厅",
        "2018年12月5日",
        "（此件公开发布）",
    ]
    keys = compare_keys(notice)
    assert frame_blocks(keys) == ([0, 1, 2, 6, 7, 8], [3])
    # a closing formula right before the signature is frame too; a long last paragraph is not
    short_end = [*notice[:6], "请认真贯彻执行。", *notice[6:]]
    assert frame_blocks(compare_keys(short_end)) == ([0, 1, 2, 7, 8, 9], [3, 6])
    # no salutation before it: the first sentence is body, however short
    assert frame_blocks(compare_keys(["各位代表", OPENING, P1])) == ([0], [])
    assert frame_blocks(compare_keys(["一、总体要求", "（一）指导思想"])) == ([], [])


def test_paragraph_cut_short_before_or_after_its_whole_is_reported() -> None:
    lead = P1 + P2[:30]  # the first sentence and a half of a paragraph, pasted on its own
    whole = P1 + P2
    for text, line, key in [
        (f"{P3}\n\n{lead}\n\n{whole}\n\n{P4}\n", 5, "开头"),
        (f"{whole}\n\n{P2}\n\n{P4}\n", 1, "结尾"),
        (f"{P2}\n\n{whole}\n", 3, "结尾"),
    ]:
        [d] = lint_string(text, ["D101"])
        shown = (d.position[0], d.args["line"])
        assert key in d.message.zh and shown[1] == line and shown[0] != line, (text, d.message)
        assert d.fix is not None and not d.fix.safe


def test_cut_short_needs_a_long_part_next_to_its_whole_in_prose() -> None:
    # a short lead-in sentence, a short part, a heading: not reported; a long part is
    text = (
        "加大简政放权力度。\n\n加大简政放权力度。今年再取消和下放一批行政审批事项，"
        "全部取消非行政许可审批。\n\n"
        f"{P1[:20]}\n\n{P1}\n\n# {P2[:30]}\n\n{P2}\n\n{P3}\n\n{P3}{P4}\n"
    )
    found = lint_string(text, ["D101"], path="x.md")
    assert [d.args.get("chars") for d in found] == [len(compare_keys([P3])[0])]
    # the part and its whole apart: an ordinary paragraph and a longer one that quotes it
    assert lint_string(f"{P1}\n\n{P3}\n\n{P1}{P2}\n", ["D101"]) == []
