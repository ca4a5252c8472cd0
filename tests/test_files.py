"""Directory walking: include/exclude, hidden folders, .gitignore, symlinks, each file once, a
stable order."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from wenlint.files import walk
from wenlint.testing import run_cli

INC = ("*.txt", "*.md")


def tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8")


def names(root: Path, include=INC, exclude=(), **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.relative_to(root).as_posix() for p in walk(root, include, exclude, **kw)]


def test_default_globs_hidden_and_order(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "b.txt": "",
            "a.md": "",
            "c.rst": "",
            "z/y.txt": "",
            "z/a/x.md": "",
            "A/k.txt": "",
            ".hidden/h.txt": "",
            ".h.txt": "",
            "z/.git/HEAD.txt": "",
        },
    )
    assert names(tmp_path) == ["a.md", "b.txt", "A/k.txt", "z/y.txt", "z/a/x.md"]
    assert names(tmp_path) == names(tmp_path)  # deterministic


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": "", "b.text": "", "drafts/c.txt": "", "d/old.txt": "", "d/e.txt": ""})
    assert names(tmp_path, include=["*.text", "*.txt"], exclude=["drafts", "old.*"]) == [
        "a.txt",
        "b.text",
        "d/e.txt",
    ]
    assert names(tmp_path, exclude=["d/*"]) == ["a.txt", "drafts/c.txt"]


def test_gitignore_is_respected(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.log.txt\n!keep.log.txt\n/top.txt\n",
            "top.txt": "",
            "a.txt": "",
            "x.log.txt": "",
            "keep.log.txt": "",
            "build/b.txt": "",
            "sub/top.txt": "",
            "sub/.gitignore": "local.md\n",
            "sub/local.md": "",
            "sub/build/c.txt": "",
            "other/local.md": "",
        },
    )
    assert names(tmp_path) == ["a.txt", "keep.log.txt", "other/local.md", "sub/top.txt"]
    assert "build/b.txt" in names(tmp_path, gitignore=False)


def test_gitignore_of_the_repository_above_the_walked_folder(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".gitignore": "docs/gen/\nsecret.txt\n",
            ".git/info/exclude": "local-*.txt\n",
            "docs/a.txt": "",
            "docs/secret.txt": "",
            "docs/local-notes.txt": "",
            "docs/gen/g.txt": "",
        },
    )
    assert names(tmp_path / "docs") == ["a.txt"]
    # outside a repository only the walked tree's own .gitignore files count
    (tmp_path / ".git" / "info" / "exclude").unlink()
    (tmp_path / ".git" / "info").rmdir()
    (tmp_path / ".git").rmdir()
    assert names(tmp_path / "docs") == ["a.txt", "local-notes.txt", "secret.txt", "gen/g.txt"]


def test_a_named_folder_is_walked_even_when_git_ignores_it(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".git/HEAD": "",
            ".gitignore": "out/\n*.log.txt\nskip/\n",
            "out/a.txt": "",
            "out/x.log.txt": "",
            "out/sub/b.txt": "",
            "out/sub/skip/c.txt": "",
        },
    )
    assert names(tmp_path) == []
    # what ripgrep and ruff do: the folder was asked for; patterns of its own entries still apply
    assert names(tmp_path / "out") == ["a.txt", "sub/b.txt"]
    assert names(tmp_path / "out" / "sub") == ["b.txt"]


def test_symlink_loop_and_symlinked_files(tmp_path: Path) -> None:
    tree(tmp_path, {"d/a.txt": "", "d/e/b.txt": ""})
    (tmp_path / "d" / "e" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    (tmp_path / "d" / "link.txt").symlink_to(tmp_path / "d" / "a.txt")
    (tmp_path / "d" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert names(tmp_path / "d") == ["a.txt", "link.txt", "e/b.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": ""})
    os.mkfifo(tmp_path / "pipe.txt")
    assert names(tmp_path) == ["a.txt"]


# -- through the CLI ---------------------------------------------------------------------------


run = partial(run_cli, "check", "--color", "never", "--format", "json")


DUP = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕。\n"


def paths(out: str) -> list[str]:
    import json

    return [d["path"] for d in json.loads(out)["diagnostics"]]


def test_each_file_once_and_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    unknown = "<!-- wenlint-disable Q999 -->\n"
    tree(tmp_path, {"d/b.txt": unknown, "d/a.txt": unknown, "d/s/c.md": unknown})
    (tmp_path / "d" / "l.txt").symlink_to(tmp_path / "d" / "a.txt")
    code, out, err = run("--no-config", "d", "d/a.txt", "./d/b.txt", "d", "d/l.txt")
    assert code == 1, err
    assert paths(out) == ["d/a.txt", "d/b.txt", "d/s/c.md"]


def test_config_include_exclude_and_gitignore_in_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    unknown = "<!-- wenlint-disable Q999 -->\n"
    tree(
        tmp_path,
        {
            "wenlint.toml": 'include = ["*.txt", "*.text"]\nexclude = ["vendor"]\n',
            ".gitignore": "out/\n",
            "a.text": unknown,
            "b.md": unknown,
            "vendor/v.txt": unknown,
            "out/o.txt": unknown,
            "c.txt": unknown,
        },
    )
    code, out, _ = run(".")
    assert code == 1 and paths(out) == ["a.text", "c.txt"]
    # a file named on the command line is linted even when git ignores it
    code, out, _ = run("out/o.txt")
    assert paths(out) == ["out/o.txt"]


def test_missing_path_is_an_error_but_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tree(tmp_path, {"a.txt": "<!-- wenlint-disable Q999 -->\n"})
    code, out, err = run("--no-config", "nope.txt", "a.txt")
    assert code == 2 and "nope.txt" in err and paths(out) == ["a.txt"]
