"""A/B of two git revisions: serial CPU of ``wenlint check`` on the bench corpus, alternating.

    .venv/bin/python tests/perf/ab.py REV_A REV_B [--rounds 6] [--files 1000] [--select CODES]

Each revision's ``lint/`` and ``rules/`` (``git archive``) become the package ``wenlint`` in a
folder of their own, byte-compiled, and run with this interpreter (its installed dependencies and
entry points) as ``python -m wenlint check --no-config -q --jobs 1``, without the result cache, on
the same corpus (tests/perf/bench.py's ``build_corpus``: ``--files`` files of about 10 KB). The
rules selected are ``--select`` (comma-separated codes), or by default every rule both revisions
register. The two runs of a round alternate in order (A then B, then B then A) so that both see
the same load on this shared machine; each run's figure is the CPU seconds (user + sys) of the
process. Prints each revision's median and the median of the rounds' ratios B / A, with the least
and the greatest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench import build_corpus  # noqa: E402

_CODES = "from wenlint.registry import load_registry; print(','.join(load_registry().rules))"


def tree_at(rev: str, into: Path) -> Path:
    """A folder holding the package ``wenlint`` of ``rev``: its ``lint/`` with its ``rules/``
    inside, as installed."""
    into.mkdir(parents=True)
    proc = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "lint", "rules"], capture_output=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"ab: no revision {rev!r} here (git archive failed)")
    archive = proc.stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "lint").rename(into / "wenlint")
    (into / "rules").rename(into / "wenlint" / "rules")
    # byte-compiled as a user's install is: compiling is not what is measured
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)
    return into


def env_for(tree: Path) -> dict[str, str]:
    # WENLINT_NO_CACHE: a revision without the result cache ignores it
    return {**os.environ, "PYTHONPATH": str(tree), "WENLINT_NO_CACHE": "1"}


def cpu_of(cmd: list[str], tree: Path) -> tuple[float, int]:
    """CPU seconds (user + sys) of one run of ``cmd`` from ``tree``'s folder, and its exit code
    (``-m`` puts the current directory first on the import path)."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env_for(tree), cwd=tree
    )
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def codes_of(tree: Path, rev: str) -> set[str]:
    """The codes of the rules ``rev`` registers."""
    proc = subprocess.run(
        [sys.executable, "-c", _CODES], env=env_for(tree), cwd=tree, capture_output=True, text=True
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"ab: wenlint at {rev} does not load here: {last}")
    return set(proc.stdout.strip().split(","))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tests/perf/ab.py", description=__doc__)
    ap.add_argument("rev_a")
    ap.add_argument("rev_b")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--file-kb", type=int, default=10)
    ap.add_argument("--select", default=None, help="codes, comma-separated (default: the common)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    args = ap.parse_args(argv)

    corpus, _ = build_corpus(args.seeds, args.out / f"c{args.files}", args.files, args.file_kb, 0)
    revs = (args.rev_a, args.rev_b)
    cpu: tuple[list[float], list[float]] = ([], [])
    with tempfile.TemporaryDirectory() as tmp:
        trees = [tree_at(rev, Path(tmp) / str(n)) for n, rev in enumerate(revs)]
        if args.select:
            select = args.select
        else:
            a, b = (codes_of(tree, rev) for tree, rev in zip(trees, revs, strict=True))
            select = ",".join(sorted(a & b))
        print(f"rules: {select} ({len(select.split(','))})")

        def once(n: int) -> float:
            cmd = [sys.executable, "-m", "wenlint", "check", "--no-config", "-q", "--jobs", "1"]
            secs, code = cpu_of([*cmd, "--select", select, str(corpus)], trees[n])
            if code == 2:
                raise SystemExit(f"ab: wenlint at {revs[n]} failed (exit 2)")
            return secs

        for n in (0, 1):  # warm-up (the disk cache), not counted
            once(n)
        for r in range(args.rounds):
            for n in (0, 1) if r % 2 == 0 else (1, 0):
                cpu[n].append(once(n))
    ratios = [b / a for a, b in zip(*cpu, strict=True)]
    print(f"corpus: {args.files} files of about {args.file_kb} KB; CPU user+sys, --jobs 1")
    for rev, secs in zip(revs, cpu, strict=True):
        print(f"  {rev}: median {statistics.median(secs):.2f} s ({len(secs)} runs)")
    print(
        f"{args.rev_b} / {args.rev_a}: median of {len(ratios)} paired ratios "
        f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
