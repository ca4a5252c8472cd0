"""The result cache (wenlint.cache): a run that reads results from it prints exactly what a run
without it prints, in every format; a changed file, setting or wenlint is a miss; a corrupt or
foreign entry is a miss, never a crash; runs sharing the folder stay right; it stays bounded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from wenlint import cache as cache_mod
from wenlint.testing import run_cli

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
OFFICIAL = ROOT / "tests" / "official_corpus" / "official"
FORMATS = ("text", "json", "sarif", "github", "html")
WENLINT = str(Path(sys.executable).with_name("wenlint"))

DUP = "今天的会议讨论了明年的工作计划和预算安排，与会同志一致同意。"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache on (conftest turns it off for every other test), in a fresh folder."""
    monkeypatch.delenv("WENLINT_NO_CACHE", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def tables(folder: Path) -> list[Path]:
    """The settings folders."""
    d = folder / ".wenlint_cache" / cache_mod.__version__
    return sorted(p for p in d.iterdir() if p.is_dir()) if d.exists() else []


def entries(folder: Path) -> list[Path]:
    """Every entry file of every settings folder (not the temporary ones)."""
    return sorted(p for t in tables(folder) for p in t.iterdir() if not p.name.startswith("."))


def temporary(folder: Path) -> list[Path]:
    return [p for t in tables(folder) for p in t.iterdir() if p.name.startswith(".tmp-")]


class Parsed:
    """An entry file as the module docstring describes it: a header line, sections, a trailer
    line (the number of findings, the encoding, each section's name, offset, length, hash)."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        head = data.partition(b"\n")[0]
        self.header = head.decode("utf-8").split("\t")
        start = len(head) + 1
        trailer = json.loads(data[data.rindex(b"\n", 0, len(data) - 1) + 1 :])
        self.n, self.encoding = trailer["n"], trailer["e"]
        self.sections = {
            name: data[off : off + length].decode("utf-8")
            for name, off, length, _ in trailer["s"]
            if off >= start
        }

    @property
    def key(self) -> str:
        key: str = json.loads(self.header[5])
        return key

    def lines(self, name: str) -> list[Any]:
        return [json.loads(line) for line in self.sections[name].splitlines()]

    def write(self, path: Path) -> None:
        import hashlib

        out = ("\t".join(self.header) + "\n").encode()
        listed = []
        for name, text in self.sections.items():
            data = text.encode("utf-8")
            h = hashlib.blake2b(data, digest_size=16).hexdigest()
            listed.append([name, len(out), len(data), h])
            out += data
        trailer = {"n": self.n, "e": self.encoding, "s": listed}
        path.write_bytes(out + json.dumps(trailer).encode() + b"\n")


def corpus(root: Path) -> Path:
    """Files of the seed with repeats inside and across files (D101 cross-file findings)."""
    root.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text("utf-8")
    paras = [p for p in seed.split("\n") if p.strip()]
    for i in range(4):
        part = paras[i * 7 : i * 7 + 12] + paras[:3]
        (root / f"doc{i}.txt").write_text("\n\n".join(part) + "\n", "utf-8")
    (root / "notes.md").write_text(f"# 标题\n\n{DUP}\n\n{DUP}\n", "utf-8")
    return root


def test_cached_output_equals_uncached_in_every_format(cached: Path) -> None:
    docs = corpus(cached / "docs")
    for fmt in FORMATS:
        # (W204's notice that it cannot run here is printed once per process)
        args = ("check", "--format", fmt, "--select", "ALL", "--ignore", "W204", str(docs))
        plain = run_cli(*args, "--no-cache")
        cold = run_cli(*args)
        warm = run_cli(*args)
        assert plain.code == 1
        assert cold == plain and warm == plain, fmt
    assert len(entries(cached)) == 5  # one settings, five files: the formats share entries


@pytest.mark.slow
@pytest.mark.parametrize("where", [SEEDS, OFFICIAL], ids=["seeds", "official_corpus"])
def test_cached_output_equals_uncached_on_the_corpora(cached: Path, where: Path) -> None:
    files = len(list(where.glob("*.txt")))
    run_cli("check", "--format", "json", str(where))  # fills the cache
    assert len(entries(cached)) == files
    for fmt in FORMATS:
        args = ("check", "--format", fmt, str(where))
        assert run_cli(*args) == run_cli(*args, "--no-cache"), fmt
    jobs = ("check", "--jobs", "2", str(where))
    assert run_cli(*jobs) == run_cli(*jobs, "--no-cache")


def test_a_changed_file_is_linted_again(cached: Path) -> None:
    f = cached / "a.txt"
    f.write_text(f"{DUP}\n\n{DUP}\n", "utf-8")
    assert "D101" in run_cli("check", str(f)).stdout
    f.write_text(f"{DUP}\n", "utf-8")
    assert run_cli("check", str(f)).code == 0
    f.write_text(f"{DUP}\n\n{DUP}\n", "utf-8")  # back: its old result is not kept
    assert run_cli("check", str(f)).code == 1
    assert len(entries(cached)) == 1  # the file's entry is replaced, not added to


def test_a_changed_setting_is_a_miss(cached: Path) -> None:
    f = cached / "a.txt"
    f.write_text(f"{DUP}\n\n{DUP}\n", "utf-8")
    assert "D101" in run_cli("check", str(f)).stdout
    assert run_cli("check", "--ignore", "D101", str(f)).code == 0
    cfg = cached / "wenlint.toml"
    cfg.write_text("[rules.D101]\nmin-chars = 200\n", "utf-8")  # a rule option
    assert run_cli("check", str(f)).code == 0
    cfg.write_text('[rules.D101]\nseverity = "info"\n', "utf-8")  # a severity
    shown = json.loads(run_cli("check", "--format", "json", str(f)).stdout)["diagnostics"]
    assert [d["severity"] for d in shown] == ["info"]
    cfg.write_text('[per-file-ignores]\n"a.txt" = ["D101"]\n', "utf-8")
    assert run_cli("check", str(f)).code == 0
    cfg.unlink()
    assert run_cli("check", str(f)).code == 1


def test_the_same_bytes_read_in_another_encoding_are_a_miss(cached: Path) -> None:
    f = cached / "a.txt"
    f.write_bytes(f"{DUP}\n\n{DUP}\n".encode("gbk"))  # also valid Big5, read as other text
    runs = [("check", str(f)), ("check", "--encoding", "big5", str(f)), ("check", str(f))]
    outs = [run_cli(*args) for args in runs]
    assert outs[0] != outs[1] and outs[0] == outs[2]
    assert DUP in outs[0].stdout and DUP not in outs[1].stdout
    for args, out in zip(runs, outs, strict=True):
        assert out == run_cli(*args, "--no-cache")


def test_a_changed_dictionary_is_a_miss(cached: Path) -> None:
    f = cached / "a.txt"
    f.write_text("我们要按装新的设备。\n", "utf-8")
    first = run_cli("check", str(f))
    assert first.code == 1, first.stdout
    code = json.loads(run_cli("check", "--format", "json", str(f)).stdout)["diagnostics"][0]
    (cached / "wenlint.toml").write_text('[dictionary]\nallow = ["按装"]\n', "utf-8")
    again = json.loads(run_cli("check", "--format", "json", str(f)).stdout)["diagnostics"]
    assert code["code"] not in {d["code"] for d in again if d["offset"] == code["offset"]}


def test_a_changed_rule_module_is_a_miss(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings hold each rule's source file (size, time): an edited rule is a new setting
    even when the version is the same."""
    from wenlint.check import Checker, Options
    from wenlint.registry import load_registry
    from wenlint.runner import Overrides

    checker = Checker(load_registry(), Options(no_config=True, overrides=Overrides(["D101"])))
    checker.use_cache(cached / ".wenlint_cache")
    rs = checker.ruleset_for(checker.config_for(cached))
    assert checker._cache is not None
    before = checker._cache.settings(rs)
    settings = cache_mod.settings_of(rs, {})
    assert settings[2][0][0] == "D101" and settings[2][0][6][0].endswith("duplicate_block.py")
    monkeypatch.setattr(cache_mod, "_CODE", [["another build"]])
    checker._cache._settings.clear()
    assert checker._cache.settings(rs) != before


@pytest.mark.parametrize(
    "garbage",
    [
        lambda b: b"",
        lambda b: b"\x00\xff not an entry",
        lambda b: b"wenlint-cache\t1\t0.0.0\tx\n",
        lambda b: b"\n\n\t\t\t\n",
        lambda b: b[: len(b) // 2],  # cut
        lambda b: b[:-1],  # cut in the trailer
        lambda b: b[: b.index(b"\n") + 1],  # the header alone
        lambda b: b.replace(b'"', b"'"),  # the JSON broken
        lambda b: b[: len(b) // 3] + b"\x00" * 40 + b[len(b) // 3 + 40 :],  # zeros inside
        lambda b: b + b"more\n",  # something after the trailer
    ],
    ids=["empty", "binary", "old", "tabs", "half", "trailer", "header", "quotes", "zeros", "more"],
)
def test_a_corrupt_entry_is_a_miss(cached: Path, garbage: Any) -> None:
    docs = corpus(cached / "docs")
    for fmt in ("text", "json"):
        want = run_cli("check", "--format", fmt, "--no-cache", str(docs))
        run_cli("check", "--format", fmt, str(docs))
        for e in entries(cached):
            e.write_bytes(garbage(e.read_bytes()))
        assert run_cli("check", "--format", fmt, str(docs)) == want
        assert len(entries(cached)) == 5  # written again
        assert run_cli("check", "--format", fmt, str(docs)) == want


def test_a_folder_or_a_foreign_file_in_place_of_an_entry_is_a_miss(cached: Path) -> None:
    docs = corpus(cached / "docs")
    want = run_cli("check", "--no-cache", str(docs))
    run_cli("check", str(docs))
    first, second, third, *_ = entries(cached)
    os.rename(first, second)  # another file's entry: its header names another path
    first.mkdir()
    (first / "x").write_text("not an entry", "utf-8")
    third.unlink()
    third.symlink_to("/dev/zero")
    assert run_cli("check", str(docs)) == want
    assert run_cli("check", str(docs)) == want


def test_an_entry_with_wrong_values_is_a_miss(cached: Path) -> None:
    docs = corpus(cached / "docs")
    want = run_cli("check", "--no-cache", str(docs))
    run_cli("check", str(docs))
    for i, file in enumerate(entries(cached)):
        e = Parsed(file)
        assert e.n == sum(len(x) for x in e.lines("light")) > 0 or i > 0
        if i == 0:
            e.sections["light"] = '[["D101","x",9,0,1]]\n'  # a finding of the wrong shape
            e.sections["full"] = '[["D101","x",9,0,1]]\n'
        elif i == 1:
            kept = {"D101": ["n", "os", "stat_result", []]}  # of no rule
            e.sections["kept"] = json.dumps(kept) + "\n"
        elif i == 2:
            e.header[4] = "0" * 40  # another text
        elif i == 3:
            e.sections = {k: "{not json\n" for k in e.sections}
        else:
            e.n += 1  # more findings than it holds
        e.write(file)
    assert run_cli("check", str(docs)) == want
    changed = 0
    for file in entries(cached):  # a rendering changed after it was written: its hash differs
        data = bytearray(file.read_bytes())
        trailer = json.loads(data[data.rindex(b"\n", 0, len(data) - 1) + 1 :])
        for name, off, length, _ in trailer["s"]:
            if name.startswith("r:") and length > 3:
                data[off : off + length] = b"[" + b" " * (length - 3) + b"]\n"
                changed += 1
        file.write_bytes(bytes(data))
    assert changed and run_cli("check", str(docs)) == want


def test_fix_and_diff_stay_right(cached: Path) -> None:
    f = cached / "a.txt"
    bad = "会议于2024年3月1日召开 ，与会同志一致同意。\n"
    f.write_text(bad, "utf-8")
    first = run_cli("check", str(f))
    assert first.code == 1
    diff = run_cli("check", "--diff", str(f))  # from the cache: the fix is still computed
    assert diff.stdout.startswith("--- a/") and diff == run_cli(
        "check", "--diff", "--no-cache", str(f)
    )
    assert f.read_text("utf-8") == bad
    run_cli("check", "--fix", str(f))
    fixed = f.read_text("utf-8")
    assert fixed != bad
    after = run_cli("check", str(f))  # the fixed file is a new key
    assert after == run_cli("check", "--no-cache", str(f))
    assert run_cli("check", "--fix", str(f)) == run_cli("check", "--fix", "--no-cache", str(f))
    assert f.read_text("utf-8") == fixed


def test_folder_beside_the_config_with_its_gitignore(cached: Path) -> None:
    (cached / "wenlint.toml").write_text("", "utf-8")
    sub = cached / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text(f"{DUP}\n", "utf-8")
    os.chdir(sub)
    assert run_cli("check", "a.txt").code == 0
    folder = cached / ".wenlint_cache"
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").exists() and len(entries(cached)) == 1
    assert not (sub / ".wenlint_cache").exists()


def test_no_cache_and_cache_dir(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = cached / "a.txt"
    f.write_text(f"{DUP}\n", "utf-8")
    run_cli("check", "--no-cache", str(f))
    monkeypatch.setenv("WENLINT_NO_CACHE", "1")
    run_cli("check", str(f))
    assert not (cached / ".wenlint_cache").exists()
    monkeypatch.delenv("WENLINT_NO_CACHE")
    run_cli("check", "--cache-dir", str(cached / "elsewhere"), str(f))
    assert not (cached / ".wenlint_cache").exists()
    (settings,) = (cached / "elsewhere" / cache_mod.__version__).iterdir()
    assert len(list(settings.iterdir())) == 1  # an entry
    run_cli("check", "--timing", str(f))  # --timing measures the rules: no cache
    assert not (cached / ".wenlint_cache").exists()


def test_a_folder_that_cannot_be_made_is_a_warning(cached: Path) -> None:
    (cached / "file").write_text("", "utf-8")
    f = cached / "a.txt"
    f.write_text(f"{DUP}\n\n{DUP}\n", "utf-8")
    r = run_cli("check", "--cache-dir", str(cached / "file" / "sub"), str(f))
    assert r.code == 1 and "D101" in r.stdout
    assert r.stderr.count("warning: cannot use the cache folder") == 1


def test_bounded_and_other_versions_dropped(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = corpus(cached / "docs")
    old = cached / ".wenlint_cache" / "0.0.1"
    old.mkdir(parents=True)
    (old / "x").write_text("{}", "utf-8")
    run_cli("check", str(docs))
    assert not old.exists() and len(entries(cached)) == 5
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 3)
    for i, e in enumerate(entries(cached)):  # used in this order, doc0 first
        os.utime(e, (time.time() - 3600 + i,) * 2)
    newest = {Parsed(e).key for e in entries(cached)[-2:]}
    (docs / "zz-new.txt").write_text(f"{DUP}\n", "utf-8")  # last: the others' chains hold
    run_cli("check", str(docs))  # a new entry: the least recently used past 3 go
    assert {Parsed(e).key for e in entries(cached)} == {*newest, str(docs / "zz-new.txt")}
    (table,) = tables(cached)
    c = cache_mod.Cache(cached / ".wenlint_cache")
    tmp = table / ".tmp-1-x"
    tmp.write_text("half", "utf-8")
    os.utime(tmp, (time.time() - 7200,) * 2)
    fresh = table / ".tmp-2-x"  # another run's, being written
    fresh.write_text("half", "utf-8")
    old = table.with_name("0" * 40)  # settings unused for long
    old.mkdir()
    (old / "x").write_text("unused", "utf-8")
    os.utime(old, (time.time() - cache_mod.MAX_AGE - 10,) * 2)
    loose = table.with_name(".tmp-3-x")
    loose.write_text("half", "utf-8")
    os.utime(loose, (time.time() - 7200,) * 2)
    assert c.prune_entries(table.name) == 1 and c.prune() == 2
    assert not tmp.exists() and not old.exists() and not loose.exists()
    assert fresh.exists() and len(entries(cached)) == 3


def test_entries_unused_for_long_are_dropped(cached: Path) -> None:
    docs = corpus(cached / "docs")
    run_cli("check", str(docs))
    (doc0,) = [e for e in entries(cached) if Parsed(e).key == str(docs / "doc0.txt")]
    os.utime(doc0, (time.time() - cache_mod.MAX_AGE - 10,) * 2)
    (docs / "doc0.txt").unlink()  # the old entry is of a file gone
    (docs / "new.txt").write_text(f"{DUP}\n", "utf-8")
    run_cli("check", str(docs))
    assert len(entries(cached)) == 5  # 4 kept, doc0's (unused for long) gone, one new
    assert str(docs / "doc0.txt") not in {Parsed(e).key for e in entries(cached)}


def test_a_used_entry_is_refreshed_daily(cached: Path) -> None:
    docs = corpus(cached / "docs")
    run_cli("check", str(docs))
    old = time.time() - cache_mod.REFRESH - 100
    for e in entries(cached):
        os.utime(e, (old, old))
    run_cli("check", str(docs))  # read back: each entry's time is now
    assert all(e.stat().st_mtime > old + 50 for e in entries(cached))


def test_a_rerun_that_only_reads_writes_nothing(cached: Path) -> None:
    docs = corpus(cached / "docs")
    run_cli("check", str(docs))
    before = [(e.stat().st_ino, e.stat().st_mtime_ns) for e in entries(cached)]
    run_cli("check", str(docs))
    run_cli("check", "--jobs", "2", str(docs))
    assert [(e.stat().st_ino, e.stat().st_mtime_ns) for e in entries(cached)] == before


def test_two_runs_sharing_the_folder(cached: Path) -> None:
    docs = corpus(cached / "docs")
    for i in range(6):
        shutil.copy(docs / "doc0.txt", docs / f"copy{i}.txt")
    env = {k: v for k, v in os.environ.items() if k != "WENLINT_NO_CACHE"}
    want = subprocess.run(
        [WENLINT, "check", "--no-cache", str(docs)], capture_output=True, text=True, env=env
    ).stdout
    for _ in range(2):  # cold, then warm, both times two at once
        procs = [
            subprocess.Popen(
                [WENLINT, "check", "--jobs", str(j), str(docs)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for j in (1, 2)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [o for o, _ in outs] == [want, want]
        assert all("Traceback" not in e for _, e in outs)
    assert len(entries(cached)) == 11
    assert len(tables(cached)) == 1
    assert not temporary(cached)


def test_run_wide_consistency_reads_the_same_from_the_cache(cached: Path) -> None:
    """consistency = "run" (K802's names, a [[style]] glossary) keeps each file's uses as facts:
    read back from the cache, they decide across the run as when the files were linted."""
    (cached / "wenlint.toml").write_text(
        'consistency = "run"\nselect = ["K802", "U201"]\n[[style]]\ncode = "U201"\n'
        'name = "mixed-login-term"\nkind = "consistency"\neither = { "登录" = "登陆" }\n'
        'examples = { bad = "请先登录系统。登陆后修改密码。" }\n',
        "utf-8",
    )
    (cached / "a.txt").write_text("请先登录系统。\n\n市政协副主席吴秀玲出席会议。\n", "utf-8")
    (cached / "b.txt").write_text("登陆后修改密码。\n\n副主席吴秀林同志作总结讲话。\n", "utf-8")
    for fmt in ("text", "json"):
        args = ("check", "--format", fmt, "a.txt", "b.txt")
        plain = run_cli(*args, "--no-cache")
        assert plain.code == 1 and "U201" in plain.stdout and "K802" in plain.stdout
        assert run_cli(*args) == plain and run_cli(*args) == plain, fmt
        assert run_cli(*args, "--jobs", "2") == plain
    assert len(entries(cached)) == 2  # both files' facts were cacheable


def _same(*args: str) -> None:
    """A run with the cache prints what a run without it prints (and exits the same)."""
    assert run_cli(*args) == run_cli(*args, "--no-cache"), args


def test_each_reporters_rendering_is_its_own(cached: Path) -> None:
    """Findings are kept as each reporter printed them: another format, language, colour or
    width, or the file named otherwise (another folder, an absolute path), is rendered anew."""
    docs = corpus(cached / "docs")
    base = ("check", "--select", "ALL", "--ignore", "W204")
    runs = [
        ("--format", "text", "docs"),
        ("--format", "json", "docs"),
        ("--format", "text", "--lang", "en", "docs"),
        ("--format", "text", "--color", "always", "docs"),
        ("--format", "json", "--lang", "en", "docs"),
        ("--format", "text", str(docs)),
    ]
    for _ in range(2):  # the second time, each is read back
        for args in runs:
            _same(*base, *args)
    os.chdir(docs)
    _same(*base, ".")
    _same(*base, "--format", "json", "doc0.txt", "notes.md")


def test_cross_file_findings_held_for_another_reporter_are_rendered_for_this_one(
    cached: Path,
) -> None:
    """A run whose reporter renders nothing ahead (SARIF, GitHub, --pretty JSON) keeps the
    cross-file findings whole; the next text run renders them itself (the file read again when
    its own findings were read back) and keeps that rendering for the run after."""
    docs = corpus(cached / "docs")
    for other in (("--format", "sarif"), ("--format", "github"), ("--format", "json", "--pretty")):
        shutil.rmtree(cached / ".wenlint_cache", ignore_errors=True)
        _same("check", *other, str(docs))
        _same("check", *other, str(docs))
        for _ in range(3):
            _same("check", "--color", "always", str(docs))


def test_cross_file_findings_follow_the_files_before(cached: Path) -> None:
    """D101's cross-file findings are read back only while every file before is the same: a
    new file that joins a group of copies, an earlier file edited or deleted, another order or
    another selection of files, each prints what a run without the cache prints."""
    docs = corpus(cached / "docs")
    seed = (docs / "doc0.txt").read_text("utf-8")
    for fmt in ("text", "json"):
        for jobs in ("1", "2"):
            _same("check", "--format", fmt, "--jobs", jobs, str(docs))
    steps = [
        lambda: (docs / "a-first.txt").write_text(seed, "utf-8"),  # now the first copy
        lambda: (docs / "doc2.txt").write_text(seed + "\n多一段。\n", "utf-8"),
        lambda: (docs / "a-first.txt").unlink(),
        lambda: (docs / "doc1.txt").unlink(),
        lambda: (docs / "zz-last.txt").write_text(seed.split("\n\n")[0] + "\n", "utf-8"),
    ]
    for step in steps:
        step()
        for fmt in ("text", "json"):
            for jobs in ("1", "2"):
                _same("check", "--format", fmt, "--jobs", jobs, str(docs))
                _same("check", "--format", fmt, "--jobs", jobs, str(docs))  # read back
    names = sorted(p.name for p in docs.iterdir())
    os.chdir(docs)
    _same("check", *reversed(names))  # another order: the chain differs from the start
    _same("check", *names[1:])
    _same("check", *names)


def test_an_entry_whose_facts_do_not_decode_is_linted_again(cached: Path) -> None:
    docs = corpus(cached / "docs")
    want = run_cli("check", "--no-cache", str(docs))
    assert run_cli("check", str(docs)) == want
    (cached / "docs" / "doc0.txt").write_text(
        (docs / "doc0.txt").read_text("utf-8") + "\n新的一段。\n", "utf-8"
    )  # the join is made again from here on: every earlier file's facts are needed
    want = run_cli("check", "--no-cache", str(docs))
    for file in entries(cached):
        e = Parsed(file)
        if "kept" in e.sections:
            e.sections["kept"] = json.dumps({"D101": ["n", "os", "stat_result", []]}) + "\n"
            e.write(file)
    assert run_cli("check", str(docs)) == want


def test_a_tree_the_cache_holds_is_read_in_this_process(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By default, the choice between this process and a pool counts the files the cache does
    not hold (``SERIAL_BYTES`` of them), not every file: a re-run of an unchanged tree starts
    no workers; edited files count again; --jobs given is obeyed."""
    from wenlint import check, parallel

    docs = corpus(cached / "docs")
    monkeypatch.setattr(check, "SERIAL_BYTES", 2_000)  # the corpus is over it
    monkeypatch.setattr(check, "available_cpus", lambda: 2)
    pools: list[int] = []
    real = parallel.lint_in_pool

    def counted(setup: Any, jobs: int, start_method: str | None = None) -> Any:
        pools.append(jobs)
        return real(setup, jobs, start_method)

    monkeypatch.setattr(parallel, "lint_in_pool", counted)
    want = run_cli("check", "--no-cache", str(docs))
    assert want == run_cli("check", str(docs)) and pools == [2, 2]  # none held: a pool
    assert run_cli("check", str(docs)) == want and pools == [2, 2]  # all held: this process
    for p in sorted(docs.iterdir())[:3]:
        p.write_text(p.read_text("utf-8") + "\n新的一段，足够长，让文件再次超过门槛。\n", "utf-8")
        os.utime(p, (time.time() + 5,) * 2)  # edited after its entry was last used
    want = run_cli("check", "--no-cache", str(docs))
    assert run_cli("check", str(docs)) == want and pools == [2, 2, 2, 2]
    assert run_cli("check", "--jobs", "2", str(docs)) == want and len(pools) == 5


@pytest.mark.slow
def test_cached_output_equals_uncached_on_the_bench_corpus(cached: Path) -> None:
    """The benchmark's corpus (tests/perf/bench.py, made smaller): seeds shuffled into files with
    repeats across them, in every format, serial and with workers: the first run and the re-run
    print what a run without the cache prints, byte for byte."""
    sys.path.insert(0, str(ROOT / "tests" / "perf"))
    try:
        import bench
    finally:
        sys.path.pop(0)
    docs, _ = bench.build_corpus(SEEDS, cached / "bench", 60, 4, 0.01)
    for fmt in FORMATS:
        for jobs in ("1", "2"):
            args = ("check", "--format", fmt, "--jobs", jobs, "--select", "ALL", "--ignore", "W204")
            plain = run_cli(*args, "--no-cache", str(docs))
            assert plain.code == 1
            assert run_cli(*args, str(docs)) == plain, (fmt, jobs)
            assert run_cli(*args, str(docs)) == plain, (fmt, jobs)


def test_whole_findings_read_back_as_they_were_made() -> None:
    """A message made from its finding's arguments is held by its template when they read back
    exactly (formatted again from it), otherwise as its two texts."""
    from wenlint.cache import _diagnostic, _full
    from wenlint.diagnostic import Args, Diagnostic, Message
    from wenlint.document import Span
    from wenlint.rule import Severity, T

    said = T(zh="“{word}”重复 {n} 次", en="“{word}” repeated {n} times")
    cure = T(zh="删去“{word}”", en="delete “{word}”")
    made = []
    for i, value in enumerate([2, 2.5, (1, 2), Severity.WARNING]):
        args = Args.of({"word": "卫生", "n": value})
        made.append(
            Diagnostic(
                "a.txt", "W201", "doubled-word", Severity.WARNING, Span(i, i + 2),
                Message(said, args), Message(cure, args), position=(1, i + 1, 1, i + 3),
                args=args,
            )
        )  # fmt: skip
    (line,) = list(_full(made)())
    templates, rows = json.loads(line)
    assert templates == [[said.zh, said.en], [cure.zh, cure.en]]  # each once
    assert [r[5] for r in rows[:2]] == [0, 0] and [r[6] for r in rows[:2]] == [1, 1]
    assert all(isinstance(r[5], list) for r in rows[2:])  # not exact in JSON: the texts
    held = [T(zh=zh, en=en) for zh, en in templates]
    back = [_diagnostic("a.txt", r, held) for r in rows]
    for d, b in zip(made, back, strict=True):
        assert (b.message.zh, b.message.en) == (d.message.zh, d.message.en)
        assert b.help is not None and d.help is not None
        assert (b.help.zh, b.help.en) == (d.help.zh, d.help.en)
        assert (b.span, b.position) == (d.span, d.position)
