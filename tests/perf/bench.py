"""The benchmark: ``python tests/perf/bench.py`` (wall-clock figures; ``instructions.py`` beside it
counts instructions, the figures quoted in commit messages).

Builds its corpus from ``seeds/`` (1,000 files of about 10 KB, the seed's paragraphs shuffled and
varied, plus one file of about 10 MB), then prints: throughput with all rules and with each family
alone, the costliest rules, start-up time of ``wenlint check`` on a one-line file (median of
repeated runs), peak memory, and, when autocorrect-py is installed (``pip install -e '.[bench]'``),
the same figures for autocorrect on the same corpus in the same run. Timings are wall-clock on a
shared machine: compare the ratios within one run, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Measure what users get: byte-compiled modules are cached as usual; whether the result cache is
# used is said by each command (--no-cache, --cache-dir), not by the environment (tests set it).
ENV = {
    k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "WENLINT_NO_CACHE")
}

_AUTOCORRECT = """
import sys, pathlib, autocorrect_py
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    n += len(autocorrect_py.lint_for(p.read_text("utf-8"), str(p)).lines)
print(n)
"""


def build_corpus(
    seeds: Path, out: Path, files: int, file_kb: int, big_mb: float
) -> tuple[Path, Path]:
    """Deterministic corpus: paragraphs of the seeds shuffled into files, numbers varied."""
    paras: list[str] = []
    for p in sorted(seeds.glob("*.txt")):
        paras += [x.strip() for x in p.read_text("utf-8").splitlines() if x.strip()]
    if not paras:
        raise SystemExit(f"no .txt seeds in {seeds}")
    rng = random.Random(20240226)
    corpus = out / "corpus"
    marker = out / f".built-{files}-{file_kb}-{big_mb}"
    big = out / "big" / "big.txt"
    if marker.exists():
        return corpus, big
    corpus.mkdir(parents=True, exist_ok=True)
    big.parent.mkdir(parents=True, exist_ok=True)
    digits = re.compile(r"\d+")
    for i in range(files):
        chunk: list[str] = []
        size = 0
        while size < file_kb * 1024:
            para = rng.choice(paras)
            para = digits.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)), para)
            chunk.append(para)
            size += len(para.encode("utf-8")) + 2
        (corpus / f"doc{i:04d}.txt").write_text("\n\n".join(chunk) + "\n", "utf-8")
    with big.open("w", encoding="utf-8") as fh:
        written = 0
        for p in sorted(corpus.glob("*.txt")):
            if written >= big_mb * 1024 * 1024:
                break
            t = p.read_text("utf-8")
            fh.write(t + "\n")
            written += len(t.encode("utf-8")) + 1
    marker.touch()
    return corpus, big


def run(cmd: list[str], cpu: list[float] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB (of the process), exit code; the user+sys CPU seconds of the
    process and the workers it waited for are appended to ``cpu`` when given."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def cache_rows(base: list[str], corpus: Path, folder: Path, runs: int, fmt: str) -> list[str]:
    """The result cache on the corpus, in one format: CPU (user+sys, workers included) of a run
    without the cache, a first run into an empty cache folder and a re-run on the unchanged
    tree, alternating (each triple sees the same load); medians, and the re-run's share of the
    first run's CPU, paired triple by triple."""
    import shutil

    cmd = [*base, "--select", "ALL", "--format", fmt, str(corpus)]
    off: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        for cpu, extra in ((off, ["--no-cache"]), (cold, []), (warm, [])):
            if run([*cmd[:-1], *extra, "--cache-dir", str(folder), cmd[-1]], cpu)[2] == 2:
                raise SystemExit(f"bench: wenlint failed (exit 2) with the cache, {fmt}")
    shutil.rmtree(folder, ignore_errors=True)
    med = statistics.median
    share = med(w / c for w, c in zip(warm, cold, strict=True))
    return [
        f"  {fmt:<5} no cache {med(off):.2f} s, first run {med(cold):.2f} s, "
        f"unchanged re-run {med(warm):.2f} s CPU: re-run / first run {share:.3f} "
        f"(1/{1 / share:.1f})"
    ]


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else list(path.rglob("*.txt"))
    return sum(f.stat().st_size for f in files) / 1e6


def wenlint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("wenlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "wenlint"]


def startup(tmp: Path, repeat: int) -> float:
    one = tmp / "one-line.txt"
    one.write_text("今天的会议按时召开。\n", "utf-8")
    cmd = [*wenlint_cmd(), "check", "--no-config", "--no-cache", str(one)]
    run(cmd)  # warm the bytecode cache
    times = [run(cmd)[0] for _ in range(repeat)]
    return statistics.median(times)


def run_stdin(cmd: list[str], data: bytes) -> tuple[float, float]:
    """Wall and user+sys CPU seconds of ``cmd`` reading ``data`` on its standard input."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    assert proc.stdin is not None
    proc.stdin.write(data)
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) == 2:
        raise SystemExit(f"bench: {' '.join(cmd)} failed (exit 2)")
    return elapsed, usage.ru_utime + usage.ru_stime


def regular_install(src: Path, dest: Path) -> Path:
    """A regular (not editable) install of the project at ``src`` in a new environment at
    ``dest``, its dependencies taken from this one; returns its ``bin`` folder, with ``python``
    and the ``wenlint`` script in it. Start-up is measured there: what a user's ``pip install``
    gives, without the import hook of an editable install (about 12 ms at every start)."""
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dest)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", dest / "lib", src],
        check=True,
    )
    py = dest / "bin" / "python"
    site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    (Path(site) / "wenlint-bench.pth").write_text(f"{dest / 'lib'}\n{deps}\n", "utf-8")
    script = dest / "bin" / "wenlint"  # what pip writes for the project's console script
    script.write_text(
        f"#!{py}\nimport sys\nfrom wenlint.__main__ import run\nsys.exit(run())\n", "utf-8"
    )
    script.chmod(0o755)
    return dest / "bin"


def startup_rows(tmp: Path, repeat: int, baseline: Path | None = None) -> list[str]:
    """Start-up, in a regular install of this checkout (``regular_install``): its ``python -c
    pass`` (the floor: the interpreter's own start on this machine, now), ``wenlint --version``,
    ``wenlint check`` on a one-line file and ``echo 中文 | wenlint check -``, all alternating
    ``repeat`` times (each round sees the same load); for each, the median and the minimum of
    wall and of CPU (user+sys) milliseconds, and the median's excess over the floor. With
    ``baseline`` (another install's ``bin`` folder, say ``regular_install`` of main before a
    change), its three wenlint commands join each round: before and after in the same run."""
    one = tmp / "one-line.txt"
    one.write_text("今天的会议按时召开。\n", "utf-8")
    here = regular_install(ROOT, tmp / "install")
    cases: list[tuple[str, list[str], bytes | None]] = [
        ("python -c pass (floor)", [str(here / "python"), "-c", "pass"], None)
    ]
    installs = [("", [str(here / "wenlint")])]
    if baseline is not None:
        installs.append((" (baseline)", [str(baseline / "wenlint")]))
    for tag, wl in installs:
        check = [*wl, "check", "--no-config"]
        cases += [
            (f"wenlint --version{tag}", [*wl, "--version"], None),
            (f"wenlint check one-line.txt{tag}", [*check, "--no-cache", str(one)], None),
            (f"echo 中文 | wenlint check -{tag}", [*check, "-"], "中文\n".encode()),
        ]
    for _, cmd, data in cases:  # warm-up: byte-compile, fill the disk cache
        run_stdin(cmd, data or b"")
    walls: list[list[float]] = [[] for _ in cases]
    cpus: list[list[float]] = [[] for _ in cases]
    for _ in range(repeat):
        for i, (_, cmd, data) in enumerate(cases):
            wall, cpu = run_stdin(cmd, data or b"")
            walls[i].append(wall * 1000)
            cpus[i].append(cpu * 1000)
    med = statistics.median
    floor = med(walls[0])
    rows = [f"  {'command':<41} {'wall med':>9} {'wall min':>9} {'CPU med':>8} {'CPU min':>8}"]
    for i, (name, _, _) in enumerate(cases):
        over = "" if i == 0 else f"  (+{med(walls[i]) - floor:.0f} over the floor)"
        rows.append(
            f"  {name:<41} {med(walls[i]):>6.0f} ms {min(walls[i]):>6.0f} ms "
            f"{med(cpus[i]):>5.0f} ms {min(cpus[i]):>5.0f} ms{over}"
        )
    return rows


def rule_costs(corpus: Path, limit: int) -> list[tuple[str, float]]:
    """Seconds per rule over the corpus, in-process, costliest first."""
    from wenlint.config import Config
    from wenlint.document import Document
    from wenlint.io import read_file
    from wenlint.registry import load_registry
    from wenlint.runner import build_ruleset, lint_document

    registry = load_registry()
    rs = build_ruleset(registry, Config(select=["ALL"]))
    timings: dict[str, float] = {}
    for p in sorted(corpus.rglob("*.txt")):
        d = read_file(p)
        lint_document(Document(str(p), d.text, source=d.source), rs, timings)
    names = {c: r.name for c, r in registry.rules.items()}
    ranked = sorted(timings.items(), key=lambda kv: -kv[1])[:limit]
    return [(f"{code} {names.get(code, '')}".strip(), secs) for code, secs in ranked]


def _w204_line(base: list[str], one: Path, corpus: Path, runs: int) -> str:
    """W204 possible-typo alone: its load (a one-line file, start-up included), characters per
    second over the corpus once loaded, peak memory. Needs the typo extra and its model."""
    from wenlint.rules.words import possible_typo as pt

    missing = [m for m in ("jieba", "wordfreq", "pypinyin", "kenlm") if not pt._importable(m)]
    if missing or pt.find_model() is None:
        return f"W204 possible-typo: not measured (extra or model missing: {pt.INSTALL})"
    load = min(run([*base, "--select", "W204", str(one)])[0] for _ in range(runs))
    secs, peak = min(run([*base, "--select", "W204", str(corpus)])[:2] for _ in range(runs))
    chars = sum(len(p.read_text("utf-8")) for p in corpus.rglob("*.txt"))
    rate = chars / max(secs - load, 1e-9)
    return (
        f"W204 possible-typo alone: {rate:,.0f} chars/s once loaded, "
        f"load (start-up included) {load:.2f} s, peak {peak} MB"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python tests/perf/bench.py", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--file-kb", type=int, default=10)
    ap.add_argument("--big-mb", type=float, default=10)
    ap.add_argument("--repeat", type=int, default=7, help="start-up runs (median)")
    ap.add_argument("--runs", type=int, default=3, help="runs per throughput figure (best)")
    ap.add_argument("--families", default="D,W,N,P,S,F,C")
    ap.add_argument("--cache-formats", default="text,json", help="formats of the cache rows")
    ap.add_argument("--jobs", default=None, help="pass --jobs N to wenlint (when supported)")
    ap.add_argument(
        "--startup-only",
        action="store_true",
        help="only the start-up figures (median and min of --repeat alternating runs)",
    )
    ap.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="with --startup-only: the bin folder of another install, measured alternately "
        "(make one with: python -c 'import bench; bench.regular_install(SRC, DEST)')",
    )
    args = ap.parse_args(argv)
    if args.startup_only:
        args.out.mkdir(parents=True, exist_ok=True)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
        )
        print(f"start-up, {args.repeat} alternating rounds:")
        for line in startup_rows(args.out, args.repeat, args.baseline):
            print(line)
        return 0

    corpus, big = build_corpus(args.seeds, args.out, args.files, args.file_kb, args.big_mb)
    mb, big_mb = size_mb(corpus), size_mb(big)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"corpus: {args.files} files, {mb:.1f} MB; big file: {big_mb:.1f} MB")
    print(f"throughput: best of {args.runs} runs; wenlint and autocorrect runs alternate\n")

    # the rules' cost is measured without the result cache (a re-run would read it back)
    cached = [*wenlint_cmd(), "check", "--no-config", "-q"]
    base = [*cached, "--no-cache"]
    jobs = ["--jobs", args.jobs] if args.jobs else []
    warm = args.out / "one-line.txt"
    warm.write_text("今天的会议按时召开。\n", "utf-8")
    run([*base, str(warm)])  # warm-up: byte-compile, fill the disk cache
    try:
        import autocorrect_py  # noqa: F401

        peer: list[str] | None = [sys.executable, "-c", _AUTOCORRECT, str(corpus)]
    except ImportError:
        peer = None

    def best(cmd: list[str], what: str) -> tuple[float, int]:
        """Best of ``--runs`` (the machine is shared: the least disturbed run is the truest)."""
        times, peak = [], 0
        for _ in range(args.runs):
            secs, rss, code = run(cmd)
            if code == 2:
                raise SystemExit(f"bench: wenlint failed (exit 2) on {what}")
            times.append(secs)
            peak = max(peak, rss)
        return min(times), peak

    rows: list[tuple[str, float, float, int]] = []
    # wenlint and the peer alternate, so that both see the same load on the machine
    ours, theirs, peak, peer_peak = [], [], 0, 0
    for _ in range(args.runs):
        secs, rss, code = run([*base, *jobs, "--select", "ALL", str(corpus)])
        if code == 2:
            raise SystemExit("bench: wenlint failed (exit 2) on the corpus")
        ours.append(secs)
        peak = max(peak, rss)
        if peer is not None:
            secs, rss, _ = run(peer)
            theirs.append(secs)
            peer_peak = max(peer_peak, rss)
    rows.append(("wenlint, all rules", min(ours), mb / min(ours), peak))
    secs, rss = best([*base, *jobs, "--select", "ALL", str(big)], "the big file")
    rows.append(("wenlint, all rules, one big file", secs, big_mb / secs, rss))
    from wenlint.registry import load_registry

    registered = {r.family() for r in load_registry().sorted()}
    for fam in [f for f in args.families.split(",") if f in registered]:
        secs, rss = best([*base, *jobs, "--select", fam, str(corpus)], f"family {fam}")
        rows.append((f"wenlint, family {fam} only", secs, mb / secs, rss))
    w204 = _w204_line(base, warm, corpus, args.runs)
    ac = min(theirs) if theirs else None
    if ac is not None:
        rows.append(("autocorrect-py (peer), same corpus", ac, mb / ac, peer_peak))
    print(f"{'run':<40} {'seconds':>8} {'MB/s':>8} {'peak MB':>8}")
    for name, secs, rate, rss in rows:
        print(f"{name:<40} {secs:>8.2f} {rate:>8.2f} {rss:>8}")
    if ac:
        print(f"\nwenlint (all rules) / autocorrect throughput ratio: {ac / rows[0][1]:.2f}")
        # each wenlint run against the peer run right after it: steadier than best against best
        # when the machine's load changes during the bench
        paired = statistics.median(t / o for o, t in zip(ours, theirs, strict=True))
        print(f"median of the {len(ours)} paired runs' ratios: {paired:.2f}")
    else:
        print("\nautocorrect-py not installed: pip install -e '.[bench]' to compare")
    print(f"\n{w204}")
    print(
        f"\nstart-up, `wenlint check` on a one-line file: {startup(args.out, args.repeat):.3f} s "
        f"(median of {args.repeat})"
    )
    print(f"\nresult cache, all rules, median of {args.runs} alternating triples (CPU):")
    for fmt in args.cache_formats.split(","):
        for line in cache_rows([*cached, *jobs], corpus, args.out / "cache", args.runs, fmt):
            print(line)
    print("\ncostliest rules (in-process, whole corpus):")
    for name, s in rule_costs(corpus, 10):
        print(f"  {name:<36} {s:>7.2f} s  {mb / s if s else float('inf'):>8.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
