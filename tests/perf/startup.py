"""Where the start-up of a one-line ``wenlint check`` goes: ``python tests/perf/startup.py``.

In a regular install of this checkout (``bench.regular_install``), one run lists the modules a
one-line check imports; then, ``--repeat`` times, a fresh interpreter imports them group by group
(the standard library and other dependencies, click, wenlint's engine, the rules' modules) and
runs the check, timing each step in CPU milliseconds (``time.process_time``). Prints the median
of each step and of the whole; ``python -c pass`` is the interpreter's own start, for scale.
The groups overlap in what they share (a module is counted where it is first imported), so only
their sum is the run's cost. Figures on a shared machine vary: compare them within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402

_LIST = """
import json, sys
before = set(sys.modules)
sys.argv = ["wenlint", "check", "--no-config", "--no-cache", sys.argv[1]]
from wenlint.__main__ import run
import atexit
new = lambda: [m for m in sys.modules if m not in before]
atexit.register(lambda: print(json.dumps(new()), file=sys.stderr))
run()
"""

_TIMED = """
import json, sys, time
groups = json.loads(sys.argv[2])
times = {}
for name, modules in groups:
    t = time.process_time()
    for m in modules:
        __import__(m)
    times[name] = time.process_time() - t
sys.argv = ["wenlint", "check", "--no-config", "--no-cache", sys.argv[1]]
from wenlint.__main__ import run
t = time.process_time()
try:
    run()
except SystemExit:
    pass
times["the check itself"] = time.process_time() - t
print(json.dumps(times), file=sys.stderr)
"""


def group_of(module: str) -> str:
    if module.startswith("wenlint.rules"):
        return "rules' modules"
    if module.startswith("wenlint"):
        return "wenlint's engine"
    if module.split(".")[0] == "click":
        return "click"
    return "standard library and other dependencies"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tests/perf/startup.py", description=__doc__)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--out", type=Path, default=None, help="where to install (a temp folder)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        py = str(bench.regular_install(bench.ROOT, out / "install") / "python")
        one = out / "one-line.txt"
        one.write_text("今天的会议按时召开。\n", "utf-8")
        listed = subprocess.run(
            [py, "-c", _LIST, one], capture_output=True, text=True, env=bench.ENV
        )
        modules = json.loads(listed.stderr.splitlines()[-1])
        names = [
            "standard library and other dependencies",
            "click",
            "wenlint's engine",
            "rules' modules",
        ]
        groups = [(n, [m for m in modules if group_of(m) == n]) for n in names]
        floor, rows = [], []
        for _ in range(args.repeat):
            floor.append(bench.run_stdin([py, "-c", "pass"], b"")[1])
            proc = subprocess.run(
                [py, "-c", _TIMED, one, json.dumps(groups)],
                capture_output=True,
                text=True,
                env=bench.ENV,
            )
            rows.append(json.loads(proc.stderr.splitlines()[-1]))
    med = statistics.median
    print(f"one-line check, {args.repeat} runs, CPU ms (median); {len(modules)} modules imported")
    print(f"  {'python -c pass (for scale)':<42} {med(floor) * 1000:6.1f}")
    for name in [*names, "the check itself"]:
        count = f"({len(dict(groups)[name])} modules)" if name in dict(groups) else ""
        print(f"  {name:<42} {med(r[name] for r in rows) * 1000:6.1f}  {count}")
    print(f"  {'sum of the steps':<42} {med(sum(r.values()) for r in rows) * 1000:6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
