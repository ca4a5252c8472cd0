"""Memory per finding: ``python tests/perf/memory.py`` (issue 16, item 9).

Builds inputs where every line, or every pair of words, is a finding (W201, a doubled word):

- ``lines``: ``卫生卫生。`` on each of ``--lines`` lines of one file (one finding a line);
- ``one-line``: ``卫生`` × ``--words`` on ONE line (the text reporter's excerpt of a long line);
- ``files``: ``--files`` files of ``--file-lines`` such lines each.

and runs ``wenlint check --no-cache --format F [--jobs 2]`` on each, for text, json, sarif,
github and html. For each run it prints the findings, the wall time, and the peak RSS of the main
process and of the worker processes (``ru_maxrss``) minus that of a tiny run of the same format
(one finding; two tiny files with ``--jobs 2``), divided by the findings: bytes per finding at the
peak; and "over clean", the same over the peak of the case's clean twin (as many lines and
characters, one finding), what the findings cost beyond the document. ``--trace`` instead lints
the ``lines`` case in this process under ``tracemalloc`` and prints where the memory held at the
peak was allocated. ``--cache`` adds serial runs with the result cache (``c1``: an empty cache,
``c2``: the same run again, reading it back). Figures vary with the machine's load only for the
time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k != "WENLINT_NO_CACHE"}
LINE = "卫生卫生。\n"
CLEAN = "卫生工作。\n"  # the same length, not a finding

#: Runs wenlint's command line in this process and, at exit, writes its own peak RSS and that of
#: its waited-for children (the workers) in KiB to the file named by $WENLINT_RSS_OUT.
_WRAPPER = """
import atexit, os, resource, sys
def _rss():
    s = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["WENLINT_RSS_OUT"], "w") as f:
        f.write(f"{s} {c}")
atexit.register(_rss)
sys.argv = ["wenlint", *sys.argv[1:]]
from wenlint.cli import main
main()
"""

FORMATS = ("text", "json", "sarif", "github", "html")


def build(out: Path, lines: int, words: int, files: int, file_lines: int) -> dict[str, list[Path]]:
    """The inputs (made once per size) and the tiny ones, by case."""
    out.mkdir(parents=True, exist_ok=True)
    cases: dict[str, list[Path]] = {}

    def write(path: Path, text: str) -> Path:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        return path

    cases["tiny"] = [write(out / "tiny" / "a.txt", LINE), write(out / "tiny" / "b.txt", LINE)]
    # each case and its clean twin: as many lines and characters, and one finding (its first
    # line), so that the twin loads all a run with findings loads (the reporter's rendering, the
    # matchers' automata, which a short text does without) and only the findings differ
    for kind, line, long in (
        ("", LINE, "卫生" * words),
        ("clean-", CLEAN, "卫生卫生，" + "卫生工作，" * (words // 2 - 1)),
    ):
        name = "clean1-" if kind else ""  # (the twins of before had no finding)
        first = LINE
        cases[kind + "lines"] = [
            write(out / f"{name}lines-{lines}.txt", first + line * (lines - 1))
        ]
        cases[kind + "one-line"] = [write(out / f"{name}one-line-{words}.txt", long + "。\n")]
        folder = out / f"{name}files-{files}x{file_lines}"
        cases[kind + "files"] = [folder]
        if not (folder / ".done").exists():
            for i in range(files):
                write(
                    folder / f"{i:04d}.txt", (first if i == 0 else line) + line * (file_lines - 1)
                )
            (folder / ".done").write_text("")
    return cases


def run(
    paths: list[Path], fmt: str, jobs: int, out: Path, cache: str = ""
) -> tuple[float, int, int]:
    """(seconds, main peak KiB, workers' peak KiB) of one run; its report is in ``out/report``.
    ``cache``: "" without the result cache, "first" with an empty one, "again" with what the
    run before it left there.

    The report goes to a file, never through this process: on Linux a peak RSS survives
    ``exec``, so a child forked from a large parent would report the parent's."""
    rss = out / "rss"
    env = {**ENV, "WENLINT_RSS_OUT": str(rss)}
    folder = out / "cache"
    if cache == "first" and folder.exists():
        shutil.rmtree(folder)
    caching = ["--cache-dir", str(folder)] if cache else ["--no-cache"]
    cmd = [sys.executable, "-c", _WRAPPER, "check", *caching, "--format", fmt]
    cmd += ["--jobs", str(jobs), *map(str, paths)]
    t0 = time.perf_counter()
    with open(out / "report", "wb") as report:
        proc = subprocess.run(cmd, env=env, cwd=out, stdout=report, stderr=subprocess.PIPE)
    secs = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[3:])}: exit {proc.returncode}\n{proc.stderr.decode()}")
    main_kib, children_kib = (int(x) for x in rss.read_text().split())
    return secs, main_kib, children_kib


def findings(report: Path) -> int:
    """The findings of a compact JSON report, from its summary (the end of the file)."""
    with open(report, "rb") as f:
        f.seek(max(0, report.stat().st_size - 65536))
        tail = f.read().decode("utf-8", "replace")
    summary = tail[tail.rindex('"summary":') + len('"summary":') :].rstrip().removesuffix("}")
    return int(json.loads(summary)["total"])


def measure(
    cases: dict[str, list[Path]], names: list[str], formats: list[str], out: Path, cache: bool
) -> None:
    # The baseline of a run: the same format and --jobs on one tiny file (one finding) when the
    # case is one file (a run on one file is serial whatever --jobs says), on two when it is a
    # folder (so that --jobs 2 has workers, and a main process that only gathers is compared
    # with one that only gathers).
    tiny: dict[tuple[str, int, int], tuple[int, int]] = {}
    for fmt in formats:
        for jobs in (1, 2):
            for n in (1, 2):
                tiny[fmt, jobs, n] = run(cases["tiny"][:n], fmt, jobs, out)[1:]
    shown = ", ".join(
        f"{f} -j{j} {m / 1024:.0f}" + (f"/{c / 1024:.0f}" if c else "")
        for (f, j, n), (m, c) in tiny.items()
        if n == 2
    )
    print(f"baseline peak RSS (two tiny files), main/workers MiB: {shown}")
    print(
        "B/finding: (peak - tiny run's) / findings; over clean: (peak - the clean twin's peak) /\n"
        "findings, what the findings cost beyond the document (its lines, blocks, words)"
    )
    header = f"{'case':<9} {'format':<7} {'jobs':>4} {'findings':>9} {'secs':>7} {'main MiB':>9} "
    print(header + f"{'B/finding':>10} {'over clean':>10} {'workers MiB':>12} {'B/finding':>10}")
    for case in names:
        run(cases[case], "json", 1, out)
        count = max(1, findings(out / "report"))
        for fmt in formats:
            # jobs "c1": serial with an empty result cache, "c2": run again, reading it back
            runs = [(1, ""), (2, ""), *([(1, "first"), (1, "again")] if cache else [])]
            for jobs, caching in runs:
                clean = run(cases["clean-" + case], fmt, jobs, out)[1]
                secs, m, c = run(cases[case], fmt, jobs, out, caching)
                m0, c0 = tiny[fmt, jobs, 2 if cases[case][0].is_dir() else 1]
                label = {"": str(jobs), "first": "c1", "again": "c2"}[caching]
                row = f"{case:<9} {fmt:<7} {label:>4} {count:>9} {secs:>7.1f} {m / 1024:>9.0f} "
                over = (m - max(clean, m0)) * 1024 / count  # (a twin may load less than tiny)
                row += f"{(m - m0) * 1024 / count:>10.0f} {over:>10.0f} "
                if c:
                    row += f"{c / 1024:>12.0f} {(c - c0) * 1024 / count:>10.0f}"
                else:
                    row += f"{'-':>12} {'-':>10}"
                print(row, flush=True)


def trace(path: Path, fmt: str, top: int, cache: Path | None = None) -> None:
    """Lint ``path`` in this process under tracemalloc, as ``check`` does; print the allocations
    held at the peak, by line. ``cache``: with the result cache in that folder, twice (an empty
    cache, then the re-run reading it back); the snapshots are taken when the report closes
    and when the cache is saved, and the larger is shown."""
    import tracemalloc

    from wenlint import cache as cache_mod
    from wenlint.report import text as text_mod
    from wenlint.testing import invoke_cli

    snaps: list[tuple[int, tracemalloc.Snapshot]] = []

    def snap() -> None:
        snaps.append((tracemalloc.get_traced_memory()[0], tracemalloc.take_snapshot()))

    real_close = text_mod.TextReporter.close
    real_save = cache_mod.Cache.save

    def close(self: text_mod.TextReporter, totals: object) -> None:  # the peak: all reported
        snap()
        real_close(self, totals)  # type: ignore[arg-type]

    def save(self: cache_mod.Cache, now: float | None = None) -> None:
        snap()
        real_save(self, now)

    text_mod.TextReporter.close = close  # type: ignore[method-assign]
    cache_mod.Cache.save = save  # type: ignore[method-assign]
    if cache is not None and cache.exists():
        shutil.rmtree(cache)
    caching = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    for label in ["no cache"] if cache is None else ["first run", "re-run"]:
        snaps.clear()
        tracemalloc.start(1)
        invoke_cli(["check", *caching, "--format", fmt, str(path)])
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{label}: traced peak {peak / 2**20:.1f} MiB, at exit {current / 2**20:.1f} MiB")
        if snaps:
            held, biggest = max(snaps, key=lambda s: s[0])
            stats = biggest.statistics("lineno")
            print(f"  largest snapshot ({held / 2**20:.1f} MiB):")
            for s in stats[:top]:
                print(f"  {s.size / 2**20:8.1f} MiB {s.count:>9}  {s.traceback}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "wenlint-memory")
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=20_000, help="doubled words on the long line")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--file-lines", type=int, default=20)
    ap.add_argument("--cases", default="lines,one-line,files")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--trace", action="store_true", help="tracemalloc on the lines case (text)")
    ap.add_argument(
        "--cache", action="store_true", help="also serial runs with the result cache: c1, c2"
    )
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)
    cases = build(args.out, args.lines, args.words, args.files, args.file_lines)
    if args.trace:
        fmt = args.formats.split(",")[0] if args.formats != ",".join(FORMATS) else "text"
        trace(cases["lines"][0], fmt, args.top, args.out / "cache" if args.cache else None)
        return 0
    measure(cases, args.cases.split(","), args.formats.split(","), args.out, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
