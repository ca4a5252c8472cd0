"""Planted configs (issue 16, item 15): discovery used to walk to / and obey any wenlint.toml, so a
user who can write to a shared parent folder could make --fix turn 同意 into 反对 in someone
else's files. Discovery now stops at a repository root (.git) or the home folder, and a config
that someone else could have written (owned by another user, writable by others, in a folder
writable by others without the sticky bit) is ignored with one warning line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wenlint.config import find_config, unsafe_config
from wenlint.testing import run_cli

PLANTED = """\
[[style]]
code = "U901"
name = "planted"
kind = "substitution"
severity = "warning"
swap = { "同意" = "反对" }
fix = "safe"
message = { zh = "应写作“{good}”", en = "write “{good}”" }
examples = { bad = "我们同意。", good = "我们反对。" }
"""
DOC = "经研究，我们同意该方案。\n"
FIXED = "经研究，我们反对该方案。\n"
AS_ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root"
)
NOBODY = 65534


@pytest.fixture
def top(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenario's top folder: a repository root, so no config above the test is ever read."""
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    return tmp_path


def _scene(top: Path, mode: int) -> tuple[Path, Path]:
    """top/shared (mode) holding the planted config, and top/shared/me/doc.txt."""
    shared = top / "shared"
    (shared / "me").mkdir(parents=True)
    (shared / "wenlint.toml").write_text(PLANTED, "utf-8")
    doc = shared / "me" / "doc.txt"
    doc.write_text(DOC, "utf-8")
    shared.chmod(mode)
    return shared, doc


def _fix(doc: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    monkeypatch.chdir(doc.parent)
    r = run_cli("check", "--color", "never", "--fix", *args, doc.name)
    assert r.code in (0, 1), r.stderr
    return r.stderr.splitlines()


def test_a_config_in_a_folder_writable_by_everyone_is_ignored(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, doc = _scene(top, 0o777)
    err = _fix(doc, monkeypatch)
    assert doc.read_text("utf-8") == DOC
    assert err == [
        f"wenlint: warning: {shared}/wenlint.toml: config ignored: its folder {shared} is "
        "writable by everyone; use --config to trust it"
    ]


def test_the_same_config_in_a_folder_only_its_owner_writes_is_obeyed(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, doc = _scene(top, 0o755)
    assert _fix(doc, monkeypatch) == []
    assert doc.read_text("utf-8") == FIXED


def test_a_sticky_shared_folder_protects_the_owners_own_config(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # like /tmp: everyone may create files, only a file's owner may replace it
    _, doc = _scene(top, 0o1777)
    assert _fix(doc, monkeypatch) == []
    assert doc.read_text("utf-8") == FIXED


def test_a_config_file_writable_by_everyone_is_ignored(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, doc = _scene(top, 0o755)
    (shared / "wenlint.toml").chmod(0o666)
    (line,) = _fix(doc, monkeypatch)
    assert line.endswith(
        "config ignored: the file is writable by everyone; use --config to trust it"
    )
    assert doc.read_text("utf-8") == DOC


def test_an_explicit_config_is_always_read(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared, doc = _scene(top, 0o777)
    assert _fix(doc, monkeypatch, "--config", str(shared / "wenlint.toml")) == []
    assert doc.read_text("utf-8") == FIXED


def test_an_ignored_config_warns_once_per_run_whatever_the_jobs(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, _ = _scene(top, 0o777)
    for i in range(6):
        sub = shared / "me" / f"d{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i}.txt").write_text(DOC, "utf-8")
    monkeypatch.chdir(shared / "me")
    for jobs in ("1", "2"):
        r = run_cli("check", "--color", "never", "--jobs", jobs, ".")
        assert r.code == 0, r.stderr
        assert r.stderr.count("config ignored") == 1, r.stderr
        assert "U901" not in r.stdout


def test_rules_and_explain_warn_too(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, doc = _scene(top, 0o777)
    monkeypatch.chdir(doc.parent)
    r = run_cli("rules")
    assert r.code == 0 and "U901" not in r.stdout
    assert r.stderr.count("config ignored") == 1


@pytest.mark.parametrize("git", ["folder", "file"])
def test_discovery_stops_at_the_repository_root(
    top: Path, monkeypatch: pytest.MonkeyPatch, git: str
) -> None:
    (top / "wenlint.toml").write_text(PLANTED, "utf-8")
    repo = top / "work" / "repo"
    (repo / "docs").mkdir(parents=True)
    if git == "folder":
        (repo / ".git").mkdir()
    else:  # a worktree or submodule: .git is a file
        (repo / ".git").write_text("gitdir: /elsewhere\n", "utf-8")
    doc = repo / "docs" / "doc.txt"
    doc.write_text(DOC, "utf-8")
    assert find_config(doc) is None
    assert _fix(doc, monkeypatch) == []
    assert doc.read_text("utf-8") == DOC
    # the repository's own config, at its root, is found
    (repo / "wenlint.toml").write_text(PLANTED, "utf-8")
    assert find_config(doc) == (repo / "wenlint.toml").resolve()


def test_discovery_stops_at_the_home_folder(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (top / "wenlint.toml").write_text(PLANTED, "utf-8")  # above home: never read
    home = top / "home" / "me"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    doc = home / "notes" / "doc.txt"
    doc.write_text(DOC, "utf-8")
    assert find_config(doc) is None
    (home / ".wenlint.toml").write_text(PLANTED, "utf-8")  # the user's own
    assert find_config(doc) == (home / ".wenlint.toml").resolve()


def test_an_ignored_config_lets_discovery_go_on_upwards(top: Path) -> None:
    (top / "wenlint.toml").write_text('lang = "en"\n', "utf-8")
    _, doc = _scene(top, 0o777)
    seen: list[str] = []
    assert find_config(doc, seen.append) == (top / "wenlint.toml").resolve()
    assert len(seen) == 1 and "writable by everyone" in seen[0]


@AS_ROOT
def test_a_config_owned_by_another_user_is_ignored(
    top: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the classic plant: another user's file in a sticky shared folder such as /tmp
    shared, doc = _scene(top, 0o1777)
    os.chown(shared / "wenlint.toml", NOBODY, NOBODY)
    (line,) = _fix(doc, monkeypatch)
    assert line.endswith(
        f"ignored: the file is owned by another user (uid {NOBODY}); use --config to trust it"
    )
    assert doc.read_text("utf-8") == DOC


@AS_ROOT
def test_a_config_in_a_folder_owned_by_another_user_is_ignored(top: Path) -> None:
    shared, _ = _scene(top, 0o755)
    os.chown(shared, NOBODY, NOBODY)
    assert unsafe_config(shared / "wenlint.toml") == (
        f"its folder {shared} is owned by another user (uid {NOBODY})"
    )


@AS_ROOT
def test_group_write_counts_unless_the_group_is_the_owners_own(top: Path) -> None:
    shared, _ = _scene(top, 0o775)
    cfg = shared / "wenlint.toml"
    import grp
    import pwd

    own = pwd.getpwuid(os.getuid())
    group = grp.getgrgid(os.getgid())
    if group.gr_name == own.pw_name and set(group.gr_mem) <= {own.pw_name}:
        assert unsafe_config(cfg) is None  # a user private group (root:root)
    os.chown(shared, 0, NOBODY)  # a group of other people
    assert unsafe_config(cfg) == f"its folder {shared} is writable by its group (gid {NOBODY})"


@AS_ROOT
def test_a_link_to_a_safe_config_planted_by_another_user_is_ignored(top: Path) -> None:
    safe = top / "mine.toml"
    safe.write_text(PLANTED, "utf-8")
    shared, _ = _scene(top, 0o1777)
    (shared / "wenlint.toml").unlink()
    (shared / "wenlint.toml").symlink_to(safe)
    os.lchown(shared / "wenlint.toml", NOBODY, NOBODY)
    assert unsafe_config(shared / "wenlint.toml") == (
        f"the file (the link) is owned by another user (uid {NOBODY})"
    )
