"""--jobs: worker processes give the same output, in the same order, as a serial run;
--timing reports each rule's cost on stderr without disturbing the findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
