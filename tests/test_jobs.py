"""--jobs: worker processes give the same output, in the same order, as a serial run;
--timing reports each rule's cost on stderr without disturbing the findings."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from wenlint import parallel
from wenlint.testing import run_cli

SEED = next((Path(__file__).parents[1] / "seeds").glob("*.txt"))


run = run_cli


def make_corpus(root: Path, n: int) -> Path:
    corpus = root / "corpus"
    for i in range(n):
        sub = corpus / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, sub / f"doc{i:02d}.txt")
    (corpus / "clean.txt").write_text("今天的会议按时召开。\n", "utf-8")
    return corpus


# Worker processes get their state through the pool's initializer, so every start method works
# (``spawn`` is the default on Windows and macOS).
@pytest.fixture
def start_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    method: str = request.param
    monkeypatch.setattr(parallel, "START_METHOD", method)
    return method


@pytest.mark.parametrize("start_method", ["fork", "spawn"], indirect=True)
def test_parallel_output_equals_serial(tmp_path: Path, start_method: str) -> None:
    corpus = make_corpus(tmp_path, 9)
    for fmt in ("text", "json"):
        serial = run("check", "--no-config", "--format", fmt, "--jobs", "1", str(corpus))
        parallel = run("check", "--no-config", "--format", fmt, "--jobs", "2", str(corpus))
        assert serial == parallel
        assert serial[0] == 1
    doc = json.loads(parallel[1])
    paths = [d["path"] for d in doc["diagnostics"]]
    assert paths == sorted(paths)
    assert doc["summary"]["files"] == 10


@pytest.mark.parametrize("start_method", ["fork", "spawn"], indirect=True)
def test_parallel_fix_equals_serial(tmp_path: Path, start_method: str) -> None:
    a = make_corpus(tmp_path / "a", 4)
    b = make_corpus(tmp_path / "b", 4)
    run("check", "--no-config", "--fix", "--jobs", "1", str(a))
    run("check", "--no-config", "--fix", "--jobs", "2", str(b))
    for fa in sorted(a.rglob("*.txt")):
        assert fa.read_bytes() == (b / fa.relative_to(a)).read_bytes()


def test_timing_lists_rules_on_stderr(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 2)
    _, out, err = run("check", "--no-config", "--format", "json", "--timing", str(corpus))
    json.loads(out)  # stdout stays valid JSON
    assert "D101 duplicate-block" in err and "share" in err.splitlines()[0]


def test_findings_rendered_in_a_worker_print_as_in_the_main_process(tmp_path: Path) -> None:
    import io
    import pickle

    from wenlint.check import Checker, Options
    from wenlint.registry import load_registry
    from wenlint.report.text import TextRenderer, TextReporter
    from wenlint.runner import Overrides

    checker = Checker(load_registry(), Options(no_config=True, overrides=Overrides(["ALL"])))
    result = checker.check_file(str(SEED), SEED)
    assert len(result.diagnostics) > 20
    for lang in ("zh", "en"):
        for color in (False, True):
            direct, via_worker = io.StringIO(), io.StringIO()
            rep = TextReporter(direct, lang=lang, color=color)
            rep.file(result.text, result.lines, result.diagnostics)
            sent = pickle.loads(pickle.dumps(result))
            renderer = pickle.loads(pickle.dumps(TextRenderer(lang=lang, color=color)))
            renderer.prepare(sent)
            back = parallel.unpack(pickle.loads(pickle.dumps(parallel.pack(sent))))
            assert back.rendered is not None and all(back.rendered)
            TextReporter(via_worker, lang=lang, color=color).file(
                None, None, back.diagnostics, back.rendered
            )
            assert via_worker.getvalue() == direct.getvalue()
            # what the summary and the exit code read survives
            assert [
                (d.code, d.severity, d.span, d.fix is not None and d.fix.safe)
                for d in back.diagnostics
            ] == [
                (d.code, d.severity, d.span, d.fix is not None and d.fix.safe)
                for d in result.diagnostics
            ]


def test_whole_findings_travel_unchanged() -> None:
    import pickle

    from wenlint.check import Checker, Options
    from wenlint.registry import load_registry
    from wenlint.runner import Overrides

    checker = Checker(load_registry(), Options(no_config=True, overrides=Overrides(["ALL"])))
    result = checker.check_file(str(SEED), SEED)
    before = list(result.diagnostics)
    back = parallel.unpack(pickle.loads(pickle.dumps(parallel.pack(result))))
    assert back.diagnostics == before and back.rendered is None


def _pretty_of(compact: str) -> str:
    return json.dumps(json.loads(compact), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("start_method", ["fork", "spawn"], indirect=True)
def test_compact_json_is_the_pretty_document_one_finding_a_line(
    tmp_path: Path, start_method: str
) -> None:
    corpus = make_corpus(tmp_path, 5)  # copies of one seed: cross-file D101 findings too
    base = ["check", "--no-config", "--select", "ALL", "--format", "json"]
    pretty = run(*base, "--pretty", "--jobs", "1", str(corpus))
    assert pretty[1].startswith('{\n  "version": 1,\n  "diagnostics": [\n    {\n')
    for jobs in ("1", "2"):
        code, out, _ = run(*base, "--jobs", jobs, str(corpus))
        assert code == pretty[0] == 1
        assert _pretty_of(out) == pretty[1]  # the same value, key order and all
        lines = out.splitlines()
        assert lines[0] == '{"version":1,"diagnostics":['
        assert lines[-1].startswith('],"summary":{"files":6,') and lines[-1].endswith("}}")
        findings = lines[1:-1]
        assert len(findings) == len(json.loads(out)["diagnostics"]) > 5
        codes = {json.loads(f.removesuffix(","))["code"] for f in findings}
        assert "D101" in codes and len(codes) > 3
        assert all(f.startswith('{"path":') for f in findings)
    # (stderr: W204's notice that it cannot run here is printed once per process)
    assert run(*base, "--pretty", "--jobs", "2", str(corpus))[:2] == pretty[:2]


def test_compact_json_without_findings_and_with_a_baseline(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("今天的会议按时召开。\n", "utf-8")
    code, out, _ = run("check", "--no-config", "--format", "json", str(clean))
    assert code == 0
    assert out == (
        '{"version":1,"diagnostics":[],"summary":{"files":1,"total":0,"error":0,"warning":0,'
        '"info":0,"fixable":0,"fixed":0,"by_rule":{},"file_errors":[]}}\n'
    )
    corpus = make_corpus(tmp_path, 3)
    recorded = tmp_path / "baseline.json"
    run("check", "--no-config", "--write-baseline", str(recorded), str(corpus / "part0"))
    args = ["check", "--no-config", "--format", "json", "--baseline", str(recorded), str(corpus)]
    compact = run(*args, "--jobs", "2")
    pretty = run(*args, "--pretty", "--jobs", "2")
    assert compact[0] == pretty[0] == 1
    assert _pretty_of(compact[1]) == pretty[1]
    paths = {d["path"] for d in json.loads(compact[1])["diagnostics"]}
    assert paths and not any("part0" in p for p in paths)  # recorded findings are not reported


def test_worker_count_is_capped_at_the_cpus_available(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wenlint import check

    if hasattr(os, "sched_getaffinity"):
        assert check.available_cpus() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(check, "available_cpus", lambda: 2)
    small = [(f"s{i}.txt", tmp_path / f"s{i}.txt") for i in range(4)]
    for _, p in small:
        p.write_text("今天的会议按时召开。\n", "utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * check.SERIAL_BYTES)
    large = [*small, ("big.txt", big)]
    assert check.worker_count(64, small) == 2  # asked for more than there are CPUs
    assert check.worker_count(2, small) == 2  # asked for: obeyed, however small the files
    assert check.worker_count(1, large) == 1
    assert check.worker_count(0, small) == 1  # the default: too little to pay for a pool
    assert check.worker_count(0, large) == 2
    assert check.worker_count(0, [("-", None), *small]) == 1
    assert check.worker_count(8, small[:1]) == 1  # one file: no pool
    assert check.worker_count(0, []) == 1
    monkeypatch.setattr(check, "available_cpus", lambda: 1)
    assert check.worker_count(4, large) == 1


def test_jobs_beyond_the_cpus_start_no_more_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wenlint import check

    monkeypatch.setattr(check, "available_cpus", lambda: 2)
    started: list[int] = []
    pool = parallel.lint_in_pool

    def spy(setup: parallel.WorkerSetup, jobs: int, start_method: str | None = None) -> Any:
        started.append(jobs)
        return pool(setup, jobs, start_method)

    monkeypatch.setattr(parallel, "lint_in_pool", spy)
    corpus = make_corpus(tmp_path, 5)
    serial = run("check", "--no-config", "--jobs", "1", str(corpus))
    assert run("check", "--no-config", "--jobs", "64", str(corpus)) == serial
    assert started == [2]
    assert run("check", "--no-config", str(corpus)) == serial  # 6 small files: serial
    assert started == [2]
