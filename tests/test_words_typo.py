"""W204 possible-typo: the search on a tiny model written here (needs the extra's Python packages,
not the language model), the rule on the installed model (needs both; skipped with the reason
when absent), and what a run without them does (always runs)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint.rules.words import possible_typo as pt
from wenlint.testing import lint_string

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "official_corpus" / "official"
CLEAN = ROOT / "tests" / "corpus"
WENLINT = str(Path(sys.executable).with_name("wenlint"))

MISSING_EXTRA = [m for m in ("jieba", "kenlm", "pypinyin", "wordfreq") if not pt._importable(m)]
needs_extra = pytest.mark.skipif(
    bool(MISSING_EXTRA), reason=f"{', '.join(MISSING_EXTRA)} not installed: {pt.INSTALL}"
)
REASON = pt.unavailable()
needs_model = pytest.mark.skipif(REASON is not None, reason=f"W204 cannot run ({REASON})")


def _arpa(path: Path, unigrams: dict[str, float], bigrams: dict[tuple[str, str], float]) -> str:
    """A word model in ARPA text (log10 probabilities), which kenlm reads as it reads a binary."""
    uni = {"<unk>": -6.0, "<s>": -99.0, "</s>": -1.0, **unigrams}
    lines = ["\\data\\", f"ngram 1={len(uni)}", f"ngram 2={len(bigrams)}", "", "\\1-grams:"]
    lines += [f"{p:.4f}\t{w}\t-0.3000" for w, p in uni.items()]
    lines += ["", "\\2-grams:"]
    lines += [f"{p:.4f}\t{a} {b}" for (a, b), p in bigrams.items()]
    lines += ["", "\\end\\", ""]
    path.write_text("\n".join(lines), "utf-8")
    return str(path)


# A handful of words: the frequencies the rule would read from wordfreq.
VOCABULARY = {"推动": 1e-4, "经济": 5e-4, "高质量": 5e-5, "发展": 1e-3, "经": 1e-4, "挤": 1e-5}
SENTENCE = "推动经挤高质量发展"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> pt.Checker:
    pytest.importorskip("kenlm", reason=pt.INSTALL)
    path = tmp_path_factory.mktemp("lm") / "tiny.arpa"
    model = _arpa(
        path,
        {"推动": -3.0, "经济": -2.5, "高质量": -3.5, "发展": -2.0, "经": -4.5, "挤": -5.0},
        {("推动", "经济"): -0.8, ("经济", "高质量"): -0.7, ("高质量", "发展"): -0.3},
    )
    return pt.Checker(model, vocabulary=VOCABULARY)


@needs_extra
def test_tiny_model_finds_the_slip_and_its_correction(tiny: pt.Checker) -> None:
    (slip,) = tiny.slips(SENTENCE)
    assert (SENTENCE[slip.start : slip.end], slip.wrong, slip.right) == ("经挤", "经挤", "经济")
    assert slip.seg_gain >= pt.MIN_SEG_GAIN and slip.lm_gain >= pt.MIN_LM_GAIN


@needs_extra
def test_tiny_model_leaves_the_correct_sentence_alone(tiny: pt.Checker) -> None:
    assert tiny.slips("推动经济高质量发展") == []


@needs_extra
def test_no_report_without_the_language_models_agreement(tmp_path: Path) -> None:
    """Segmentation alone prefers 经济, but a model that finds 经 挤 as likely as 经济 vetoes it."""
    model = _arpa(
        tmp_path / "flat.arpa",
        {"推动": -3.0, "经济": -4.0, "高质量": -3.5, "发展": -2.0, "经": -2.0, "挤": -2.0},
        {("推动", "经"): -0.5, ("经", "挤"): -0.5, ("挤", "高质量"): -0.5},
    )
    assert pt.Checker(model, vocabulary=VOCABULARY).slips(SENTENCE) == []


@needs_extra
def test_a_correction_must_be_a_frequent_word(tmp_path: Path) -> None:
    model = _arpa(tmp_path / "m.arpa", {"经济": -2.5, "经": -4.5, "挤": -5.0}, {})
    rare = {**VOCABULARY, "经济": pt.MIN_FREQ / 10}
    assert pt.Checker(model, vocabulary=rare).slips(SENTENCE) == []


def test_spans_are_runs_of_han() -> None:
    text = "2024年，推动经挤A发展。一"
    assert list(pt.han_runs(text)) == [(6, "推动经挤"), (11, "发展")]


# -- without the extra or the model -------------------------------------------------------------


def test_missing_model_is_one_info_line_not_an_error(tmp_path: Path) -> None:
    """A model file that does not exist: W204 is skipped with one line naming the install
    command; the other rules run, the exit code is theirs."""
    (tmp_path / "wenlint.toml").write_text(
        '[rules.possible-typo]\nmodel = "no/such/model.lm"\n', "utf-8"
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("各地要推动经挤高质量发展,并且\n", "utf-8")
    proc = subprocess.run(
        [WENLINT, "check", "--extend-select", "W204", "--jobs", "2", "a.txt", "b.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 1, proc.stderr  # P401's ASCII comma, not W204
    assert "P401" in proc.stdout and "W204" not in proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("wenlint: info: W204 possible-typo skipped")
    assert pt.INSTALL in lines[0]
    assert "Traceback" not in proc.stderr


def test_runs_without_w204_load_nothing(tmp_path: Path) -> None:
    """Importing the rules and a default run (W204 is off) import none of the extra's modules."""
    f = tmp_path / "a.txt"
    f.write_text("各地要推动经挤高质量发展。\n", "utf-8")
    code = (
        "import sys\n"
        "from wenlint.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-config', {str(f)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('jieba', 'kenlm', 'wordfreq', 'pypinyin') if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr
    assert "W204" not in proc.stderr


def test_off_by_default() -> None:
    assert pt.PossibleTypo.default_enabled is False


# -- the rule on the installed model ------------------------------------------------------------


def _w204(text: str, **kw: object) -> list:
    return [d for d in lint_string(text, ["W204"], **kw) if d.code == "W204"]  # type: ignore[arg-type]


@needs_model
def test_reports_the_slip_with_an_unsafe_suggestion() -> None:
    (d,) = _w204("各地要推动经挤高质量发展。")
    assert (d.args["wrong"], d.args["right"]) == ("经挤", "经济")
    assert d.fix is not None and not d.fix.safe and d.fix.edits[0].text == "经济"
    assert d.message.format("zh") == "“经挤”疑为“经济”之误"


@needs_model
def test_clean_formal_prose_of_the_same_kind() -> None:
    text = (
        "坚持稳中求进工作总基调，推动经济高质量发展，深化改革开放，因城施策促进房地产市场平稳健康发展，"
        "建设宜居宜业和美乡村，持之以恒正风肃纪反腐。\n"
    )
    assert _w204(text) == []


@needs_model
def test_a_repeated_span_is_a_term() -> None:
    once = "各地要推动经挤高质量发展。\n"
    assert _w204(once)
    assert _w204(once + "经挤是本地的说法。\n") == []


@needs_model
def test_allow_list_of_the_config() -> None:
    text = "各地要推动经挤高质量发展。"
    assert _w204(text, config={"dictionary": {"allow": ["经挤"]}}) == []
    assert _w204(text, config={"dictionary": {"allow": ["别的"]}})


@needs_model
def test_names_are_left_alone() -> None:
    assert _w204("张爱文同志出席会议并讲话。") == []
    assert _w204("我是张爱文。") == []


@needs_model
@pytest.mark.slow
def test_silent_on_the_published_official_corpus() -> None:
    """The precision gate for W204 (off by default, so not in test_official_corpus.py's run)."""
    proc = subprocess.run(
        [WENLINT, "check", "--no-config", "--select", "W204", "--format", "json", "."],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    found = [
        f"{Path(d['path']).name}:{d['line']}: {d['message']}"
        for d in json.loads(proc.stdout)["diagnostics"]
    ]
    assert not found, "W204 false alarms on published official prose:\n" + "\n".join(found)


@needs_model
@pytest.mark.slow
def test_silent_on_the_clean_corpus() -> None:
    for path in sorted(CLEAN.glob("*.txt")):
        assert _w204(path.read_text("utf-8")) == [], path.name


@needs_model
@pytest.mark.slow
def test_recall_on_injected_homophone_slips() -> None:
    """A common word of a published document typed with one homophone (一 → 衣), making a
    non-word: W204 finds at least half, and its suggestion restores the word."""
    checker = pt.load()
    assert isinstance(checker, pt.Checker)
    freq, counts = checker.freq, checker.counts
    by_reading: dict[str, list[str]] = {}
    for ch, syms in checker.readings.items():
        if freq.get(ch, 0.0) >= 1e-5:
            for s in syms:
                by_reading.setdefault(s, []).append(ch)
    tried = found = right = 0
    for path in sorted(CORPUS.glob("*.txt"))[1::4]:
        text = path.read_text("utf-8")
        rng = random.Random(f"W204:{path.name}")
        words, pos = [], 0
        for w in checker.tokenizer.cut(text, HMM=False):
            common = counts.get(w, 0) >= 100 and freq.get(w, 0.0) >= 1e-5
            if 2 <= len(w) <= 4 and pt._all_han(w) and common:
                words.append((pos, w))
            pos += len(w)
        for pos, w in rng.sample(words, min(6, len(words))):
            j = rng.randrange(len(w))
            alts = [a for s in checker.readings.get(w[j], ()) for a in by_reading.get(s, ())]
            alts = [a for a in alts if a != w[j]]
            rng.shuffle(alts)
            wrong = next(
                (
                    v
                    for v in (w[:j] + a + w[j + 1 :] for a in alts)
                    if not counts.get(v) and not freq.get(v)
                ),
                None,
            )
            if wrong is None:
                continue
            bad = text[:pos] + wrong + text[pos + len(w) :]
            hits = [d for d in _w204(bad) if d.span.start < pos + len(w) and d.span.end > pos]
            tried += 1
            found += bool(hits)
            right += any(
                bad[: d.span.start] + d.args["right"] + bad[d.span.end :] == text for d in hits
            )
    assert tried >= 50
    assert found / tried >= 0.5, f"{found}/{tried}"
    assert right >= 0.95 * found, f"{right}/{found} suggestions right"
