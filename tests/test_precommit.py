"""The pre-commit hook, installed for real with ``pre-commit try-repo`` in a temporary git repo:
it fails on a defective file and passes on a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    return [found]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_fails_on_defect_and_passes_on_clean(tmp_path: Path) -> None:
    work = tmp_path / "docs"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "bad.txt").write_text(f"{PARA}\n\n另一段不同的文字。\n\n{PARA}\n", "utf-8")
    (work / "good.txt").write_text("工作报告\n\n今年的工作取得了新进展。\n", "utf-8")
    _git(work, "add", "bad.txt", "good.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        cmd = [*_pre_commit(), "try-repo", str(REPO), "wenlint", "--files", *files]
        return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=600)

    bad = try_repo("bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "D101 duplicate-block" in bad.stdout
    good = try_repo("good.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_sees_all_files_in_one_process(tmp_path: Path) -> None:
    """pre-commit splits a hook's files across one process per CPU unless the hook is serial; a
    paragraph shared by two files is then found only when both land in the same process. Twelve
    pairs of files, each pair sharing a paragraph: every pair is reported, whatever the CPUs."""
    work = tmp_path / "docs"
    work.mkdir()
    _git(work, "init", "-q")
    names = []
    for i in range(12):
        shared = f"第{i + 1}项工作：{PARA}"
        for side in ("a", "b"):
            name = f"{side}{i:02}.txt"
            (work / name).write_text(f"文件{name}的开头。\n\n{shared}\n", "utf-8")
            names.append(name)
    _git(work, "add", *names)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    cmd = [*_pre_commit(), "try-repo", str(REPO), "wenlint", "--all-files"]
    run = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.count("D101 duplicate-block") == 12, run.stdout
