"""Writing files under --fix and --write-baseline (issue 16, items 3 and 4): a change saved while
wenlint works is never lost, nothing half-written or temporary stays behind, links, owners and
attributes stay what they were, and nothing that is not a regular file is replaced."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest
from fake_rules import DoubledDe, register

import wenlint.io
from wenlint.document import SourceInfo
from wenlint.io import InputError, write_atomic
from wenlint.testing import run_cli

BAD, GOOD = "我的的书\n", "我的书\n"
run = partial(run_cli, "check", "--no-config", "--color", "never")
is_root = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    register(monkeypatch, DoubledDe)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the check→rename window, fsync, temporary files ---------------------------------------------


def test_a_change_saved_while_the_fix_is_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(BAD.encode())
    real_write = wenlint.io._write_all

    def editor_saves_meanwhile(fd: int, data: bytes) -> None:
        real_write(fd, data)
        p.write_bytes("编辑器刚保存的内容\n".encode())  # same inode, new size and time

    monkeypatch.setattr(wenlint.io, "_write_all", editor_saves_meanwhile)
    with pytest.raises(InputError, match="changed on disk since it was read"):
        write_atomic(p, GOOD, SourceInfo(), BAD.encode())
    assert p.read_text("utf-8") == "编辑器刚保存的内容\n"
    assert names(tmp_path) == ["t.txt"]  # the temporary file is gone


def test_file_and_folder_are_flushed_before_and_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(BAD.encode())
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "file")
        real_fsync(fd)

    def replace(a: str, b: str) -> None:
        events.append("rename")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(p, GOOD, SourceInfo(), BAD.encode())
    assert p.read_text("utf-8") == GOOD
    if Path("/proc/self/fd").is_dir():
        assert events == ["file", "rename", "dir"]
    else:
        assert events[:2] == ["file", "rename"]


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EIO])
def test_a_failing_write_leaves_the_original_and_no_temporary_file(
    work: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    (work / "t.txt").write_bytes(BAD.encode())

    def fail(fd: int, data: bytes) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(wenlint.io, "_write_all", fail)
    code, _, stderr = run("--select", "XT101", "--fix", "t.txt")
    assert code == 2
    assert stderr.splitlines() == [
        f"wenlint: error: t.txt: cannot write ({os.strerror(err)}); left unchanged"
    ]
    assert (work / "t.txt").read_text("utf-8") == BAD and names(work) == ["t.txt"]


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(BAD.encode())

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(p, GOOD, SourceInfo(), BAD.encode())
    assert p.read_text("utf-8") == BAD and names(tmp_path) == ["t.txt"]


def test_a_name_at_the_length_limit_can_be_fixed(work: Path) -> None:
    limit = os.pathconf(work, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    name = "的" * ((limit - 4) // 3) + ".txt"  # 253 bytes on Linux
    assert limit - 3 < len(name.encode()) <= limit
    (work / name).write_bytes(BAD.encode())
    code, _, err = run("--select", "XT101", "--fix", name)
    assert code == 0, err
    assert (work / name).read_text("utf-8") == GOOD and names(work) == [name]


def test_temporary_names_are_short_and_in_the_same_folder(tmp_path: Path) -> None:
    tmp = wenlint.io._temp_name(tmp_path)
    assert tmp.parent == tmp_path and len(tmp.name) <= 16 and tmp.name.startswith(".")


# -- links, owners, metadata -----------------------------------------------------------------------


def test_a_hard_linked_file_stays_one_file(work: Path) -> None:
    (work / "a.txt").write_bytes(BAD.encode())
    os.link(work / "a.txt", work / "b.txt")
    inode = (work / "a.txt").stat().st_ino
    code, _, err = run("--select", "XT101", "--fix", "a.txt")
    assert code == 0, err
    assert (work / "a.txt").stat().st_ino == inode and (work / "a.txt").stat().st_nlink == 2
    assert (work / "b.txt").read_text("utf-8") == GOOD
    assert names(work) == ["a.txt", "b.txt"]


def test_fix_through_a_symlink_edits_the_file_it_names(work: Path) -> None:
    (work / "docs").mkdir()
    (work / "docs" / "real.txt").write_bytes(BAD.encode())
    (work / "link.txt").symlink_to("docs/real.txt")
    code, _, err = run("--select", "XT101", "--fix", "link.txt")
    assert code == 0, err
    assert os.readlink(work / "link.txt") == "docs/real.txt"
    assert (work / "docs" / "real.txt").read_text("utf-8") == GOOD
    assert names(work) == ["docs", "link.txt"] and names(work / "docs") == ["real.txt"]


def test_mode_is_kept(work: Path) -> None:
    (work / "t.txt").write_bytes(BAD.encode())
    (work / "t.txt").chmod(0o604)
    run("--select", "XT101", "--fix", "t.txt")
    assert (work / "t.txt").read_text("utf-8") == GOOD
    assert (work / "t.txt").stat().st_mode & 0o7777 == 0o604


def _xattrs_work(p: Path) -> bool:
    try:
        os.setxattr(p, "user.wenlint-test", b"1")
    except (OSError, AttributeError):
        return False
    return True


def test_extended_attributes_are_kept(work: Path) -> None:
    p = work / "t.txt"
    p.write_bytes(BAD.encode())
    if not _xattrs_work(p):
        pytest.skip("this file system has no user extended attributes")
    os.setxattr(p, "user.origin", "公文".encode())
    run("--select", "XT101", "--fix", "t.txt")
    assert p.read_text("utf-8") == GOOD
    assert os.getxattr(p, "user.origin") == "公文".encode()


@pytest.mark.skipif(not is_root, reason="changing a file's owner needs root")
def test_owner_and_group_are_kept_when_root_fixes_a_users_file(work: Path) -> None:
    p = work / "t.txt"
    p.write_bytes(BAD.encode())
    os.chown(p, 12345, 23456)
    code, _, err = run("--select", "XT101", "--fix", "t.txt")
    assert code == 0, err
    st = p.stat()
    assert p.read_text("utf-8") == GOOD and (st.st_uid, st.st_gid) == (12345, 23456)


@pytest.mark.skipif(not is_root, reason="needs root to run as another user")
def test_another_users_group_writable_file_is_written_in_place(tmp_path: Path) -> None:
    # user 65534 may write the file through its group, and the folder; a rename would make the
    # file its own: wenlint writes in place, so the owner stays
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chown(folder, 65534, 65534)
    p = folder / "t.txt"
    p.write_text("加强卫生卫生工作。\n", "utf-8")
    os.chown(p, 0, 65534)
    p.chmod(0o664)
    inode = p.stat().st_ino
    try:
        done = subprocess.run(
            [sys.executable, "-m", "wenlint", "check", "--no-config", "--fix", "t.txt"],
            cwd=folder,
            capture_output=True,
            text=True,
            user=65534,
            group=65534,
            extra_groups=[65534],
            timeout=120,
            env={**os.environ, "HOME": str(folder)},
        )
    except PermissionError:
        pytest.skip("the test's Python cannot be run by user 65534")
    if "Permission denied" in done.stderr and "wenlint" not in done.stderr:
        pytest.skip("the test's Python is not readable by user 65534")
    assert done.returncode in (0, 1), done.stderr
    st = p.stat()
    assert p.read_text("utf-8") == "加强卫生工作。\n"
    assert (st.st_uid, st.st_gid, st.st_ino) == (0, 65534, inode)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no owners on this system")
def test_a_rename_that_would_change_the_owner_writes_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def st(uid: int, gid: int, links: int = 1) -> os.stat_result:
        return os.stat_result((0o100644, 1, 1, links, uid, gid, 0, 0, 0, 0))

    in_place = partial(wenlint.io._in_place, tmp_path / "t.txt")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "getegid", lambda: 1000)
    monkeypatch.setattr(os, "getgroups", lambda: [1000, 27])
    assert not in_place(st(1000, 1000))  # our own file: renamed
    assert not in_place(st(1000, 27))  # a group of ours: the new file gets it
    assert in_place(st(1000, 1000, links=2))  # hard links
    assert in_place(st(1001, 1000))  # another user's file, writable to us
    assert in_place(st(1000, 50))  # a group we are not in
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert not in_place(st(1001, 50))  # root keeps any owner


def test_a_read_only_folder_is_no_obstacle_to_a_writable_file(work: Path) -> None:
    (work / "ro").mkdir()
    (work / "ro" / "t.txt").write_bytes(BAD.encode())
    (work / "ro").chmod(0o555)
    try:
        code, _, err = run("--select", "XT101", "--fix", "ro/t.txt")
    finally:
        (work / "ro").chmod(0o755)
    assert code == 0, err
    assert (work / "ro" / "t.txt").read_text("utf-8") == GOOD


# -- the baseline file -----------------------------------------------------------------------------


def test_write_baseline_through_a_symlink_keeps_the_link(work: Path) -> None:
    (work / "t.txt").write_bytes(BAD.encode())
    (work / "store").mkdir()
    (work / "bl.json").symlink_to("store/real.json")  # dangling until the first write
    for _ in range(2):
        code, _, err = run("--select", "XT101", "--write-baseline", "bl.json", "t.txt")
        assert code == 0, err
        assert os.readlink(work / "bl.json") == "store/real.json"
        assert '"code": "XT101"' in (work / "store" / "real.json").read_text("utf-8")
    assert names(work / "store") == ["real.json"]


def test_write_baseline_keeps_a_hard_link(work: Path) -> None:
    (work / "t.txt").write_bytes(BAD.encode())
    (work / "bl.json").write_text("{}", "utf-8")
    os.link(work / "bl.json", work / "copy.json")
    run("--select", "XT101", "--write-baseline", "bl.json", "t.txt")
    assert '"XT101"' in (work / "copy.json").read_text("utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_write_baseline_to_a_fifo_writes_into_it_and_never_replaces_it(work: Path) -> None:
    (work / "t.txt").write_bytes(BAD.encode())
    os.mkfifo(work / "bl.fifo")
    # no reader: one line at once, not a wait, and the FIFO stays
    code, _, err = run("--select", "XT101", "--write-baseline", "bl.fifo", "t.txt")
    assert code == 2 and err.count("\n") == 1 and "bl.fifo: cannot write baseline" in err
    got: list[bytes] = []

    def reader() -> None:
        with open(work / "bl.fifo", "rb") as fh:
            got.append(fh.read())

    t = threading.Thread(target=reader)
    t.start()
    fd = None
    try:
        # wait until the reader has the FIFO open (a writer opening now finds it)
        for _ in range(1000):
            try:
                fd = os.open(work / "bl.fifo", os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                threading.Event().wait(0.01)
        code, _, err = run("--select", "XT101", "--write-baseline", "bl.fifo", "t.txt")
    finally:
        if fd is not None:
            os.close(fd)
        t.join(30)
    assert code == 0, err
    assert b'"XT101"' in got[0]
    assert (work / "bl.fifo").is_fifo()
