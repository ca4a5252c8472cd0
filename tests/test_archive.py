"""``wenlint archive`` on a real Dask LocalCluster: the findings equal ``wenlint check``'s on the
same files, cross-file duplicates included; a worker killed mid-run loses nothing; ``--resume``
after an interruption finishes without redoing the batches that were done."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="needs the dask extra: pip install 'wenlint[dask]'")
pytest.importorskip("pyarrow", reason="needs the dask extra: pip install 'wenlint[dask]'")

from wenlint.archive import Plan, Settings, read_findings, run
from wenlint.testing import run_cli

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parent / "official_corpus"


def _paragraphs() -> list[str]:
    """Paragraphs of published documents (clean prose), each long enough to be a block D101
    compares."""
    out = []
    for p in sorted(CORPUS.glob("*/*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n"):
            para = para.strip()
            if len(para) >= 40 and para.endswith("。"):
                out.append(para)
    return out


def make_archive(root: Path, n: int, seed: int = 7) -> Path:
    """``n`` documents of 3-6 paragraphs in nested folders. About one in six repeats a
    paragraph that an earlier document holds (cross-file duplicates, some as runs of two), one in
    ten pastes a paragraph twice in itself, one in ten has a doubled word or ASCII parentheses."""
    rnd = random.Random(seed)
    paras = _paragraphs()
    shared = rnd.sample(paras, 60)
    pool = [p for p in paras if p not in shared]
    docs = root / "docs"
    for i in range(n):
        body = rnd.sample(pool, rnd.randint(3, 6))
        if rnd.random() < 0.17:
            k = rnd.randrange(0, len(shared) - 1)
            body[rnd.randrange(len(body)) :] = shared[k : k + rnd.choice((1, 2))]
        if rnd.random() < 0.1:
            body.append(body[0])
        if rnd.random() < 0.1:
            j = rnd.randrange(len(body))
            body[j] = body[j].replace("，", "，卫生卫生", 1)
        if rnd.random() < 0.1:
            j = rnd.randrange(len(body))
            body[j] = body[j][:10] + "(试行)" + body[j][10:]
        folder = docs / f"{i % 37:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc-{i:05d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return docs


def _from_check(*paths: str, args: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    r = run_cli("check", "--no-config", "--format", "json", "--jobs", "1", *args, *paths)
    assert r.code in (0, 1), r.stderr
    out = []
    for d in json.loads(r.stdout)["diagnostics"]:
        rel = d["related"][0] if d["related"] else None
        out.append(
            (
                d["path"],
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"],
                d["offset"],
                d["end_offset"],
                d["code"],
                d["severity"],
                d["message"],
                d["fix"]["applicability"] if d["fix"] else None,
                rel["path"] if rel else None,
                rel["line"] if rel else None,
            )
        )
    return sorted(out)


def _from_archive(out: Path) -> list[tuple[Any, ...]]:
    cols = (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "end_offset",
        "code",
        "severity",
        "message",
        "fix",
        "related_path",
        "related_line",
    )
    return sorted(tuple(r[c] for c in cols) for r in read_findings(out))


def _plan(docs: Path, out: Path, **kw: Any) -> Plan:
    return Plan(sources=[str(docs)], out=out, settings=Settings(no_config=True), **kw)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[Any, ...]]]:
    docs = make_archive(tmp_path_factory.mktemp("big"), 2000)
    return docs, _from_check(str(docs))


def test_2000_files_equal_check(big: tuple[Path, list[tuple[Any, ...]]], tmp_path: Path) -> None:
    docs, expected = big
    codes = {e[7] for e in expected}
    cross = [e for e in expected if e[7] == "D101" and e[11] != e[0]]
    # the archive holds what the test is about: duplicates across files, and in-file defects
    assert len(cross) > 200 and {"D101", "W201"} <= codes, (len(cross), codes)
    summary = run(_plan(docs, tmp_path / "out", workers=2, batch_size=64), lambda s: None)
    assert _from_archive(tmp_path / "out") == expected
    assert summary.files == 2000 and summary.file_errors == 0
    data = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert data["findings"] == len(expected)
    assert sum(data["by_rule"].values()) == len(expected)
    parts = sorted(p.name for p in (tmp_path / "out" / "findings").glob("part-*.parquet"))
    assert len([p for p in parts if not p.startswith("part-cross")]) == 32  # ceil(2000 / 64)


def test_worker_killed_mid_run_loses_nothing(
    big: tuple[Path, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    docs, expected = big
    out = tmp_path / "out"
    # (no client of the test's own: one client per process, the run's)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        pids = [nanny.process.pid for nanny in cluster.workers.values()]
        killed: list[int] = []

        def kill_one_when_started() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if len(list((out / "_work").glob("batch-*.json"))) >= 3:
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])
                    return
                time.sleep(0.02)

        t = threading.Thread(target=kill_one_when_started)
        t.start()
        plan = _plan(docs, out, scheduler=cluster.scheduler_address, batch_size=25)
        summary = run(plan, lambda s: None)
        t.join()
    assert killed, "the run ended before a worker could be killed"
    import pyarrow.parquet as pq

    errors = pq.read_table(out / "errors.parquet").column("error").to_pylist()
    assert summary.file_errors == 0 and summary.failed_batches == [], errors[:1]
    assert _from_archive(out) == expected


def test_resume_after_interruption_skips_finished_batches(tmp_path: Path) -> None:
    docs = make_archive(tmp_path / "src", 600, seed=11)
    expected = _from_check(str(docs))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "wenlint", "archive", str(docs), "--out", str(out)]
    cmd += ["--no-config", "--workers", "2", "--batch-size", "10"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "_work").glob("batch-*.json"))) >= 12:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the client, its cluster and its workers
    proc.wait()
    before = {p.name: p.stat().st_mtime_ns for p in (out / "_work").glob("batch-*.json")}
    assert 12 <= len(before) < 60, len(before)
    assert not (out / "summary.json").exists()

    r = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["batches"] == 60
    assert summary["batches_resumed"] >= len(before)
    for name, mtime in before.items():  # finished batches were not linted again
        assert (out / "_work" / name).stat().st_mtime_ns == mtime
    assert _from_archive(out) == expected
    assert summary["findings"] == len(expected)


def test_resume_redoes_a_batch_whose_file_changed(tmp_path: Path) -> None:
    docs = make_archive(tmp_path / "src", 30, seed=3)
    out = tmp_path / "out"
    run(_plan(docs, out, workers=1, batch_size=10), lambda s: None)
    victim = sorted(docs.rglob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n卫生卫生工作。\n", encoding="utf-8")
    os.utime(victim, ns=(time.time_ns(), time.time_ns() + 10**9))
    summary = run(_plan(docs, out, workers=1, batch_size=10, resume=True), lambda s: None)
    assert summary.batches_skipped == 2  # 3 batches; the changed file's batch was linted again
    assert _from_archive(out) == _from_check(str(docs))


_BIG5 = [
    "本局依據相關法規，辦理年度業務檢查，並將檢查結果函送各單位參考辦理。",
    "各機關應於每年三月底前，將上一年度之執行情形及經費運用報告送交本部審核。",
    "為提升公共服務品質，本府將持續推動數位化措施，簡化申請流程並縮短辦理時間。",
    "申請人應檢附身分證明文件影本及相關證明資料，向戶籍所在地之區公所提出申請。",
    "本計畫之執行期間自公告日起至明年十二月底止，期滿後將視成效決定是否延續辦理。",
    "凡違反本辦法規定者，主管機關得依情節輕重予以警告、限期改善或停止補助。",
]


def test_encoding_is_checks_for_the_cross_file_pass_too(tmp_path: Path) -> None:
    """Big5 files (detection refuses them) read with --encoding big5: the finish tasks read them
    again in the same encoding, so D101 across files is check's and no file is an error."""
    docs = tmp_path / "big5"
    docs.mkdir()
    for i in range(4):  # each file shares a paragraph with the one before it
        body = [_BIG5[i], _BIG5[i + 1], _BIG5[i + 2]][: 2 + i % 2]
        (docs / f"doc-{i}.txt").write_bytes(("\n\n".join(body) + "\n").encode("big5"))
    expected = _from_check(str(docs), args=("--encoding", "big5"))
    assert [e for e in expected if e[7] == "D101" and e[11] != e[0]], expected
    out = tmp_path / "out"
    settings = Settings(no_config=True, encoding="big5")
    summary = run(Plan(sources=[str(docs)], out=out, settings=settings, workers=1), print)
    assert summary.file_errors == 0
    assert _from_archive(out) == expected


def test_unreadable_files_go_to_errors_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    docs = make_archive(tmp_path / "src", 12, seed=5)
    (docs / "00" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    r = run_cli("archive", str(docs), "--out", str(out), "--no-config", "--workers", "1")
    assert r.code == 1, r.stderr  # some files could not be linted
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    assert [Path(e["path"]).name for e in errors] == ["binary.txt"]
    assert "binary" in errors[0]["error"]
    report = run_cli("archive", "--report", str(out))
    assert report.code == 0
    assert "13 files" in report.stdout and "file errors:" in report.stdout
    assert "top rules:" in report.stdout


def test_sources_globs_list_files_and_memory_urls(tmp_path: Path) -> None:
    import fsspec
    from distributed import LocalCluster

    docs = make_archive(tmp_path / "src", 20, seed=9)
    files = sorted(docs.rglob("*.txt"))
    listing = tmp_path / "list.txt"
    listing.write_text(
        "# the first five\n" + "\n".join(str(p) for p in files[:5]) + "\n\n", encoding="utf-8"
    )
    mem = fsspec.filesystem("memory")
    for p in files[5:9]:
        mem.pipe(f"/arc/{p.name}", p.read_bytes())
    pattern = str(docs / "1*" / "*.txt")
    # in-process workers share the client's memory filesystem
    with LocalCluster(processes=False, n_workers=1, dashboard_address=None) as cluster:
        plan = Plan(
            sources=[pattern, "memory://arc"],
            files_from=[str(listing)],
            out=tmp_path / "out",
            settings=Settings(no_config=True),
            scheduler=cluster.scheduler_address,
        )
        summary = run(plan, lambda s: None)
    globbed = sorted(p for p in files if p.parent.name.startswith("1"))
    assert summary.files == len(globbed) + 5 + 4
    got = {r["path"] for r in read_findings(tmp_path / "out")}
    assert any(p.startswith("memory://arc/") for p in got)
    # a local file's findings, whichever way it was named, are check's
    expected = {e[0] for e in _from_check(*map(str, files[:5]))}
    assert expected <= got


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/at-all"], "no such file or directory"),
        (["nowhere/*.txt"], "matches no file"),
        ([], "no sources"),
    ],
)
def test_bad_sources_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    r = run_cli("archive", *args, "--out", str(tmp_path / "o"))
    assert r.code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_folder_that_is_not_an_archive_is_never_cleared(tmp_path: Path) -> None:
    docs = make_archive(tmp_path / "src", 3)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    r = run_cli("archive", str(docs), "--out", str(out), "--no-config")
    assert r.code == 2 and "not an archive folder" in r.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
