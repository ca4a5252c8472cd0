"""What a release is made of: one version, a licence, a changelog, and an sdist that holds
everything its tests need (the fixture folders, the corpora, the seed)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import wenlint

ROOT = Path(__file__).parent.parent


def test_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert version("wenlint") == wenlint.__version__
    out = subprocess.run(
        [sys.executable, "-m", "wenlint", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["wenlint", wenlint.__version__]


def test_licence_and_changelog_are_there() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")
    assert (ROOT / "CHANGELOG.md").read_text("utf-8").startswith("# Changelog")


@pytest.mark.slow
def test_sdist_ships_every_tracked_file(tmp_path: Path) -> None:
    pytest.importorskip("build")
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    if not any(tracked):
        pytest.skip("not a git checkout")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        check=True,
    )
    (sdist,) = tmp_path.glob("wenlint-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    present = {f for f in tracked if f and (ROOT / f).exists()}
    missing = sorted(present - names)
    assert not missing, f"the sdist lacks {len(missing)} tracked files, e.g. {missing[:5]}"
    assert any(n.startswith("tests/rules/") and n.endswith("bad.snap") for n in names)
