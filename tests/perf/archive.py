"""Measure ``wenlint archive``: files per second with 1 and 2 workers on a LocalCluster, against
``wenlint check`` on the same files.

    .venv/bin/python tests/perf/archive.py [--files 3000] [--batch-size 200] [--dir DIR]

Generates a tree of ``--files`` documents (3 to 6 paragraphs of the official corpus each, about
one in six repeating a paragraph of an earlier document so that D101 has cross-file work, some
with a doubled word), then times, each as the command a user runs, wall clock from start to exit:
``wenlint check --jobs 1``, ``wenlint check --jobs 2``, ``wenlint archive --workers 1`` and
``wenlint archive --workers 2`` (cluster start-up, linting, the shuffle and the finish tasks,
Parquet written). Prints files per second for each, per worker for the archive runs (throughput
divided by the workers, as measured), the findings each reported (they must agree) and the load
average before and after, since the machine may be shared: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "official_corpus"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def make_tree(root: Path, n: int, seed: int = 23) -> Path:
    """``n`` documents in 50 folders, deterministic for a seed."""
    paras = []
    for p in sorted(CORPUS.glob("*/*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n"):
            para = para.strip()
            if len(para) >= 40 and para.endswith("。"):
                paras.append(para)
    rnd = random.Random(seed)
    shared = rnd.sample(paras, 80)
    pool = [p for p in paras if p not in shared]
    docs = root / f"docs-{n}-{seed}"
    if (docs / ".complete").exists():
        return docs
    for i in range(n):
        body = rnd.sample(pool, rnd.randint(3, 6))
        if rnd.random() < 0.17:
            k = rnd.randrange(0, len(shared) - 1)
            body[rnd.randrange(len(body)) :] = shared[k : k + rnd.choice((1, 2))]
        if rnd.random() < 0.1:
            j = rnd.randrange(len(body))
            body[j] = body[j].replace("，", "，工作工作", 1)
        folder = docs / f"{i % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc-{i:05d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    (docs / ".complete").write_text("", encoding="utf-8")
    return docs


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    return time.perf_counter() - start, r


def bench_check(docs: Path, jobs: int, files: int) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "wenlint", "check", "--no-config", "--format", "json"]
    seconds, r = timed([*cmd, "--jobs", str(jobs), str(docs)])
    if r.returncode not in (0, 1):
        raise SystemExit(f"check failed ({r.returncode}): {r.stderr.strip()}")
    return seconds, len(json.loads(r.stdout)["diagnostics"])


def bench_archive(docs: Path, out: Path, workers: int, batch: int) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "wenlint", "archive", str(docs), "--out", str(out)]
    cmd += ["--no-config", "--workers", str(workers), "--batch-size", str(batch)]
    seconds, r = timed(cmd)
    if r.returncode != 0:
        raise SystemExit(f"archive failed ({r.returncode}): {r.stderr.strip()}")
    return seconds, json.loads((out / "summary.json").read_text(encoding="utf-8"))["findings"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--dir", type=Path, default=None, help="where the tree and outputs go")
    args = ap.parse_args()
    root = args.dir or Path(tempfile.gettempdir()) / "wenlint-perf-archive"
    root.mkdir(parents=True, exist_ok=True)
    docs = make_tree(root, args.files)
    n = sum(1 for _ in docs.rglob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in docs.rglob("*.txt"))
    print(f"tree: {n} files, {chars:,} characters, {os.cpu_count()} CPUs on this host")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows: list[tuple[str, float, int, int | None]] = []  # name, seconds, findings, workers
    for jobs in (1, 2):
        s, found = bench_check(docs, jobs, n)
        rows.append((f"wenlint check --jobs {jobs}", s, found, None))
    for workers in (1, 2):
        out = root / f"out-{workers}"
        s, found = bench_archive(docs, out, workers, args.batch_size)
        rows.append((f"wenlint archive --workers {workers}", s, found, workers))
    for name, s, found, pool in rows:
        line = f"{name:<28} {s:7.1f} s  {n / s:7.1f} files/s  {found} findings"
        if pool:
            line += f"  ({n / s / pool:.1f} files/s per worker)"
        print(line)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if len({found for _, _, found, _ in rows}) != 1:
        raise SystemExit("the runs disagree on the number of findings")


if __name__ == "__main__":
    main()
