"""Deep input (issue 16, item 10): nothing nested, however deep, raises RecursionError.

Each class of input that nests: folders (walked with an explicit stack), a baseline's JSON and a
config's TOML (both parsers recurse per level: refused with one line, exit 2), Markdown lists,
quotes and inline markup (markdown-it caps its nesting: linted, never a crash).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wenlint.baseline import Baseline, BaselineError
from wenlint.config import ConfigError, load_config
from wenlint.files import walk
from wenlint.markup import markdown_parse

WENLINT = [sys.executable, "-m", "wenlint", "check", "--color", "never"]
DEPTH = 1_200  # Python's recursion limit is 1,000
BAD = "加强卫生卫生工作。\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WENLINT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """Makes ``tmp_path/tree/d/d/.../d`` (returns the innermost folder) and removes it after the
    test: pytest's own clean-up (shutil.rmtree) recurses per level and would fail on it."""
    root = tmp_path / "tree"

    def make(depth: int) -> Path:
        # through folder descriptors, with no chdir (os.makedirs itself recurses per level)
        root.mkdir()
        fd = os.open(root, os.O_RDONLY)
        try:
            for _ in range(depth):
                os.mkdir("d", dir_fd=fd)
                inner = os.open("d", os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = inner
        finally:
            os.close(fd)
        return root.joinpath(*["d"] * depth)

    yield make
    if root.exists():
        _remove_chain(root)


def _remove_chain(root: Path) -> None:
    """Removes a tree made by ``deep_tree`` (files at any level), bottom up, one open folder at a
    time (1,200 open descriptors could pass the process's limit)."""
    fd = os.open(root, os.O_RDONLY)
    depth = 0
    while "d" in os.listdir(fd):
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, depth = inner, depth + 1
    for level in range(depth, -1, -1):
        for name in os.listdir(fd):
            os.unlink(name, dir_fd=fd)
        if level:
            parent = os.open("..", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = parent
            os.rmdir("d", dir_fd=fd)
    os.close(fd)
    root.rmdir()


def test_a_walk_through_1200_nested_folders_finds_the_files_at_every_depth(
    tmp_path: Path, deep_tree: Callable[[int], Path]
) -> None:
    inner = deep_tree(DEPTH)
    (inner / "bottom.txt").write_text(BAD, "utf-8")
    mid = tmp_path.joinpath("tree", *["d"] * 600)
    (mid / "middle.txt").write_text(BAD, "utf-8")
    (tmp_path / "tree" / "top.txt").write_text(BAD, "utf-8")
    found = list(walk(tmp_path / "tree", ["*.txt"], []))
    # the order is the recursive walk's: a folder's files, then its subfolders, depth first
    assert found == [tmp_path / "tree" / "top.txt", mid / "middle.txt", inner / "bottom.txt"]


def test_the_walk_order_is_depth_first_with_files_before_subfolders(tmp_path: Path) -> None:
    for rel in ("b/z.txt", "b/a/y.txt", "a/c/x.txt", "a/w.txt", "v.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(BAD, "utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path, ["*.txt"], [])]
    assert found == ["c.txt", "v.txt", "a/w.txt", "a/c/x.txt", "b/z.txt", "b/a/y.txt"]


def test_the_cli_lints_a_file_under_1200_folders(
    tmp_path: Path, deep_tree: Callable[[int], Path]
) -> None:
    inner = deep_tree(DEPTH)
    (inner / "a.txt").write_text(BAD, "utf-8")
    run = _run("--no-config", "--format", "json", "tree", cwd=tmp_path)
    assert "Traceback" not in run.stderr and "RecursionError" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stderr
    (diag,) = json.loads(run.stdout)["diagnostics"]
    assert diag["code"] == "W201" and diag["path"].endswith("/d/a.txt")
    assert diag["path"].count("/d") == DEPTH


def _nested(n: int, inner: str = "1") -> str:
    return "[" * n + inner + "]" * n


@pytest.mark.parametrize(
    "body",
    [
        _nested(100_000),  # the whole file one nested array
        '{"tool": "wenlint", "version": 1, "findings": [' + _nested(5_000, "") + "]}",
    ],
    ids=["top", "inside-findings"],
)
def test_a_deeply_nested_baseline_is_refused_with_one_line(tmp_path: Path, body: str) -> None:
    (tmp_path / "base.json").write_text(body, "utf-8")
    (tmp_path / "a.txt").write_text(BAD, "utf-8")
    with pytest.raises(BaselineError, match="nested too deeply"):
        Baseline.load(tmp_path / "base.json")
    run = _run("--no-config", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "wenlint: error: base.json: not a wenlint baseline (JSON nested too deeply)"
    ]
    assert run.stdout == ""


@pytest.mark.parametrize("field", ["path", "version"])
def test_a_nested_value_just_within_the_parsers_limit_is_refused_briefly(
    tmp_path: Path, field: str
) -> None:
    # json parses 900 levels; showing the value (str, repr) would recurse again in a message
    entry = {"path": "a.txt", "code": "W201", "fingerprint": "0" * 16}
    doc = {"tool": "wenlint", "version": 1, "findings": [entry]}
    placeholder = '"NESTED"'
    if field == "path":
        entry["path"] = "NESTED"
    else:
        doc["version"] = "NESTED"
    (tmp_path / "base.json").write_text(json.dumps(doc).replace(placeholder, _nested(900)), "utf-8")
    with pytest.raises(BaselineError) as err:
        Baseline.load(tmp_path / "base.json")
    message = str(err.value)
    assert len(message) < 200 and "[[[" not in message
    if field == "path":
        assert "finding 1 needs path, code and fingerprint (strings)" in message
    else:
        assert "baseline version list is not 1" in message


@pytest.mark.parametrize(
    "toml",
    [
        "select = " + _nested(100_000, '"W201"') + "\n",
        "lang = " + "{ a = " * 3_000 + "1" + " }" * 3_000 + "\n",
        '[[style]]\ncode = "X1"\nprefer = ' + _nested(5_000) + "\n",
    ],
    ids=["array", "inline-table", "style-rule"],
)
def test_a_deeply_nested_config_is_refused_with_one_line(tmp_path: Path, toml: str) -> None:
    (tmp_path / "wenlint.toml").write_text(toml, "utf-8")
    (tmp_path / "a.txt").write_text(BAD, "utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_config(tmp_path / "wenlint.toml")
    run = _run("a.txt", cwd=tmp_path)  # found by discovery
    assert run.returncode == 2, run.stdout + run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith("wenlint: error: ") and line.endswith(
        "wenlint.toml: invalid TOML: nested too deeply"
    )
    run = _run("--config", "wenlint.toml", "a.txt", cwd=tmp_path)
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1, run.stderr


@pytest.mark.parametrize(
    "text",
    [
        "- " * 5_000 + "项目卫生卫生\n",  # a list item opening a list, 5,000 times
        "".join("  " * i + "- 项目卫生卫生\n" for i in range(300)),  # indented, 300 levels
        ">" * 5_000 + " 卫生卫生工作\n",
        "".join(">" * i + " 卫生卫生\n" for i in range(1, 2_000)),
        "*" * 5_000 + "卫生卫生" + "*" * 5_000 + "\n",
        "[" * 5_000 + "卫生卫生" + "]" * 5_000 + "(http://x)\n",
        "<div>" * 5_000 + "\n\n卫生卫生\n",
    ],
    ids=["list-inline", "list-indented", "quote", "quote-lazy", "emphasis", "links", "html"],
)
def test_deeply_nested_markdown_is_linted_without_recursion(tmp_path: Path, text: str) -> None:
    markdown_parse(text)  # no RecursionError
    (tmp_path / "deep.md").write_text(text, "utf-8")
    run = _run("--no-config", "deep.md", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr and run.stderr == ""
