"""Per-rule fixtures: tests/rules/<CODE>-<name>/ holds bad.txt (or bad.md), good.txt, bad.snap,
optional bad.fixed.txt and options.toml. Snapshots are the annotated text an editor sees."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from wenlint.cli import main
from wenlint.testing import registry

HERE = Path(__file__).parent / "rules"
FOLDERS = sorted(p for p in HERE.iterdir() if p.is_dir())


def _bad(folder: Path) -> Path:
    for name in ("bad.txt", "bad.md"):
        if (folder / name).exists():
            return folder / name
    raise AssertionError(f"{folder} has no bad.txt or bad.md")


@contextlib.contextmanager
def _inside(folder: Path | None = None) -> Iterator[Path]:
    """A temporary working directory holding a copy of ``folder``'s files."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        for f in folder.iterdir() if folder else ():
            shutil.copy(f, Path(tmp) / f.name)
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def _run(folder: Path, *args: str, code: str | None = None) -> tuple[int, str]:
    opts = ["--config", "options.toml"] if (folder / "options.toml").exists() else ["--no-config"]
    sel = ["--select", code] if code else []
    with _inside(folder) as tmp:
        result = CliRunner().invoke(main, ["check", *opts, *sel, "--color", "never", *args])
        fixed = {f.name: f.read_text("utf-8") for f in tmp.iterdir() if f.is_file()}
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    _run.files = fixed  # type: ignore[attr-defined]
    return result.exit_code, result.output


def _skip_unavailable(code: str) -> None:
    """A rule that needs an optional install (W204: the typo extra and its model) says why it
    cannot run; its fixtures are skipped with that reason rather than failed."""
    why = getattr(registry().rules.get(code), "unavailable", None)
    reason = why() if why else None
    if reason:
        pytest.skip(f"{code}: {reason}")


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_bad_matches_snapshot(folder: Path, snapshot) -> None:
    code = folder.name.split("-")[0]
    _skip_unavailable(code)
    bad = _bad(folder)
    exit_code, out = _run(folder, bad.name, code=code)
    assert exit_code == 1, out
    assert f" {code} " in out
    snapshot(folder / "bad.snap", out)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_good_is_clean_under_all_rules(folder: Path) -> None:
    goods = [p.name for p in folder.iterdir() if p.stem == "good" and p.suffix in (".txt", ".md")]
    assert goods, f"{folder} needs good.txt: clean prose with near-misses"
    exit_code, out = _run(folder, *goods)
    assert exit_code == 0, out


@pytest.mark.parametrize(
    "folder",
    [f for f in FOLDERS if (f / "bad.fixed.txt").exists() or (f / "bad.fixed.md").exists()],
)
def test_fix_reaches_expected_text_and_fixed_point(folder: Path) -> None:
    code = folder.name.split("-")[0]
    _skip_unavailable(code)
    bad = _bad(folder)
    expected = (folder / f"bad.fixed{bad.suffix}").read_text("utf-8")
    _run(folder, "--fix", bad.name, code=code)
    once = _run.files[bad.name]  # type: ignore[attr-defined]
    assert once == expected
    # fixing the fixed text changes nothing
    with _inside():
        Path(bad.name).write_text(once, "utf-8")
        CliRunner().invoke(main, ["check", "--no-config", "--select", code, "--fix", bad.name])
        assert Path(bad.name).read_text("utf-8") == once
