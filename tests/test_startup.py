"""Start-up does no work a run may not need: ``wenlint --version`` is answered without the
command line's modules, a check imports no click (argparse reads the command line) and, run
serially, neither the worker pool nor the diff machinery. What is imported is asserted, never
how long it takes (``tests/perf/bench.py --startup-only`` measures that)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wenlint import __version__
from wenlint.check import available_cpus
from wenlint.testing import run_cli

# Run the command line as the ``wenlint`` script does, then list the modules it imported.
_PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["wenlint", *sys.argv[1:]]
from wenlint.__main__ import run
run()
"""


def _run(
    *args: str, cwd: Path, stdin: bytes = b"", cache: bool = False
) -> tuple[int, str, set[str]]:
    """``cache``: with the result cache on, as it is by default (the tests turn it off)."""
    env = {k: v for k, v in os.environ.items() if not (cache and k == "WENLINT_NO_CACHE")}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], cwd=cwd, input=stdin, capture_output=True, env=env
    )
    mods = proc.stderr.decode().rpartition("\nMODULES ")[2]
    return proc.returncode, proc.stdout.decode(), set(mods.split())


def test_version_alone_skips_the_command_line_and_matches_its_answer(tmp_path: Path) -> None:
    code, out, modules = _run("--version", cwd=tmp_path)
    assert (code, out) == (0, f"wenlint {__version__}\n")
    assert not {"wenlint.cli", "argparse", "click"} & modules
    # the same line as the command line's own --version (still used with other arguments)
    assert run_cli("--version").stdout == out
    code, out, modules = _run("--version", "--help", cwd=tmp_path)
    assert code == 0 and out == f"wenlint {__version__}\n" and "wenlint.cli" in modules


def test_version_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "wenlint", "--version"], stdout=full, stderr=subprocess.PIPE
        )
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "wenlint: error: cannot write the version: No space left on device"
    ]


#: Standard modules a serial one-line check does without (text, JSON, a file or stdin): the
#: records are wenlint.record classes, not dataclasses (which import inspect).
_HEAVY = {"threading", "dataclasses", "inspect"}


def test_serial_check_imports_no_pool_and_no_diff_machinery(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("我们要加强卫生卫生工作。\n", "utf-8")
    code, out, modules = _run("check", "--no-config", "--color", "never", "a.txt", cwd=tmp_path)
    assert code == 1 and "W201" in out
    assert not {"wenlint.parallel", "wenlint.diff", "difflib", "multiprocessing"} & modules
    # no click, nor the standard modules only click needed (nor shutil: argparse asks it the
    # terminal width for every option it adds, unless given one)
    assert not {"click", "uuid", "platform", "shutil"} & modules
    # nor threading (the registry's lock is _thread's)
    assert not _HEAVY & modules
    alone = tmp_path / "stdin"
    alone.mkdir()
    code, out, modules = _run(
        "check", "--no-config", "-", cwd=alone, stdin="中文\n".encode(), cache=True
    )
    assert code == 0
    assert not {"wenlint.parallel", "wenlint.diff"} & modules
    assert not _HEAVY & modules
    # standard input is never cached: no cache, no cache folder
    assert "wenlint.cache" not in modules and not (alone / ".wenlint_cache").exists()
    code, out, modules = _run(
        "check", "--no-config", "--format", "json", "-", cwd=tmp_path, stdin="中文\n".encode()
    )
    assert code == 0 and '"diagnostics":[]' in out
    assert not _HEAVY & modules
    # a file is
    code, out, modules = _run("check", "--no-config", "a.txt", cwd=tmp_path, cache=True)
    assert code == 1 and "wenlint.cache" in modules and (tmp_path / ".wenlint_cache").is_dir()


def test_a_run_that_fixes_or_uses_a_pool_still_imports_what_it_needs(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("我们要加强卫生卫生工作。\n", "utf-8")
    code, out, modules = _run("check", "--no-config", "--diff", "0.txt", cwd=tmp_path)
    assert code == 1 and "+我们要加强卫生工作。" in out
    assert "wenlint.diff" in modules
    code, out, modules = _run("check", "--no-config", "--no-cache", "-j", "2", ".", cwd=tmp_path)
    assert code == 1 and out.count("W201") == 3
    if available_cpus() >= 2:  # -j 2 on three files: the pool runs
        assert "wenlint.parallel" in modules


# Every option of each command, as the click command line had them: --help lists them all.
OPTIONS = {
    "check": (
        "--format --select --ignore --extend-select --fail-on --fix --diff --review --review-dir "
        "--config --no-config --stdin-filename --encoding --lang --color --statistics -q --quiet "
        "-j --jobs --timing --baseline --write-baseline --exit-zero -o --output-file --exclude "
        "--pretty --no-cache --cache-dir -h --help"
    ),
    "archive": (
        "--out --files-from --scheduler --workers --batch-size --resume --select --ignore "
        "--extend-select --config --no-config --encoding --lang --report -h --help"
    ),
    "explain": "--lang -h --help",
    "rules": "--format --lang -h --help",
    "server": "--stdio -h --help",
}


def test_help_of_each_command_lists_its_options() -> None:
    import re

    from wenlint.cli import main

    top = run_cli("--help")
    assert (top.code, top.stderr) == (0, "")
    assert sorted(main.commands) == sorted(OPTIONS)
    for name, options in OPTIONS.items():
        assert re.search(rf"^  {name} +\S", top.stdout, re.M), name
        r = run_cli(name, "-h")
        assert (r.code, r.stderr) == (0, ""), name
        assert r.stdout.startswith(f"usage: wenlint {name} [options]")
        listed = set()  # the option names of each row: "  -j N, --jobs N   Worker processes..."
        for row in r.stdout.splitlines():
            if row.startswith("  -"):
                names = re.split(r"\s{2,}", row.strip())[0]
                listed |= {part.split()[0] for part in names.split(", ")}
        assert set(options.split()) <= listed, (name, set(options.split()) - listed)
        assert run_cli(name, "--help").stdout == r.stdout
