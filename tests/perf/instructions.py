"""Instruction counts of a whole ``wenlint check`` run, the figures quoted in commit messages:
``python tests/perf/instructions.py`` (needs valgrind: ``apt-get install valgrind``).

Wall-clock time on a shared machine varies by tens of percent from run to run; the number of
instructions a run executes (valgrind's callgrind, ``Ir``) varies by well under one percent, so a
change of a few percent can be told from noise. The run is serial (``--jobs 1``), on the bench's
corpus of ``--files`` files (``c200``: 200 files of about 10 KB, built from ``seeds/``), all
rules selected, findings printed to /dev/null.

``--ref REV`` also counts the engine ``lint/`` of git revision ``REV`` against the same ``rules/``
of the working tree (so other changes to the rules do not count), and prints the ratio: the way
to check that a change in ``lint/`` is worth it (the project keeps a micro-optimisation only when
it saves at least 5% of a whole run).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench import build_corpus  # noqa: E402

_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)


def count(engine: Path, corpus: Path, extra: list[str]) -> int:
    """Instructions of one serial run with ``engine`` (a folder holding the package ``wenlint``:
    ``lint/`` with ``rules/`` inside it, as installed) first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(engine)}
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "wenlint",
        "check",
        "--no-config",
        "--jobs",
        "1",
        "--select",
        "ALL",
        *extra,
        str(corpus),
    ]
    # run from the engine's folder: ``-m`` puts the current directory first on the import path
    proc = subprocess.run(
        cmd, env=env, cwd=engine, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    found = _COLLECTED.search(proc.stderr)
    if proc.returncode == 2 or found is None:
        raise SystemExit(f"instructions: the run failed:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def engine_at(rev: str | None, into: Path) -> Path:
    """A folder with the package ``wenlint``: ``lint/`` of ``rev`` (None: the working tree; a
    revision from before ``lint/`` was installed as ``wenlint`` cannot run) holding the working
    tree's ``rules/``."""
    if rev is None:
        shutil.copytree(
            ROOT / "lint", into / "wenlint", ignore=shutil.ignore_patterns("__pycache__")
        )
    else:
        into.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "lint"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
        (into / "lint").rename(into / "wenlint")
    shutil.copytree(
        ROOT / "rules", into / "wenlint" / "rules", ignore=shutil.ignore_patterns("__pycache__")
    )
    # byte-compiled as a user's install is: compiling is not what is measured
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)
    return into


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tests/perf/instructions.py", description=__doc__)
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--file-kb", type=int, default=10)
    ap.add_argument("--ref", default=None, help="also count lint/ of this git revision")
    ap.add_argument("--format", default="text", help="the run's --format")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind not found (apt-get install valgrind)")
    corpus, _ = build_corpus(args.seeds, args.out / f"c{args.files}", args.files, args.file_kb, 0)
    extra = ["--format", args.format]
    with tempfile.TemporaryDirectory() as tmp:
        now = count(engine_at(None, Path(tmp) / "now"), corpus, extra)
        print(f"working tree: {now / 1e6:,.1f} M instructions (c{args.files}, {args.format})")
        if args.ref:
            then = count(engine_at(args.ref, Path(tmp) / "ref"), corpus, extra)
            print(f"lint/ at {args.ref}: {then / 1e6:,.1f} M instructions")
            print(f"working tree / {args.ref}: {now / then:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
