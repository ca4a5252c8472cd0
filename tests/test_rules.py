"""Per-rule fixtures: tests/rules/<CODE>-<name>/ holds bad.txt (or bad.md), good.txt, bad.snap,
optional bad.fixed.txt and options.toml. Snapshots are the annotated text an editor sees. The
checks are the public test kit's (wenlint.testing), as a plugin's tests would run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.testing import (
    assert_bad_snapshot,
    assert_fix,
    assert_good_clean,
    fixture_code,
    registry,
    run_fixture,
)

HERE = Path(__file__).parent / "rules"
FOLDERS = sorted(p for p in HERE.iterdir() if p.is_dir())
FIXED = [f for f in FOLDERS if (f / "bad.fixed.txt").exists() or (f / "bad.fixed.md").exists()]


def _skip_unavailable(folder: Path) -> None:
    """A rule that needs an optional install (W204: the typo extra and its model) says why it
    cannot run; its fixtures are skipped with that reason rather than failed."""
    code = fixture_code(folder)
    why = getattr(registry().rules.get(code), "unavailable", None)
    reason = why() if why else None
    if reason:
        pytest.skip(f"{code}: {reason}")


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_bad_matches_snapshot(folder: Path) -> None:
    _skip_unavailable(folder)
    assert_bad_snapshot(folder)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_good_is_clean_under_default_rules_and_its_own(folder: Path) -> None:
    _skip_unavailable(folder)
    assert_good_clean(folder)


@pytest.mark.parametrize("folder", FIXED, ids=[f.name for f in FIXED])
def test_fix_reaches_expected_text_and_fixed_point(folder: Path) -> None:
    _skip_unavailable(folder)
    assert_fix(folder)


def test_the_kit_fails_a_broken_fixture(tmp_path: Path) -> None:
    """The kit's checks can fail: a good file that holds the defect, a stale snapshot, a fix
    that does not give bad.fixed.txt."""
    import shutil

    folder = tmp_path / "F601-zero-padded-date"
    shutil.copytree(HERE / folder.name, folder)
    (folder / "good.txt").write_text((folder / "bad.txt").read_text("utf-8"), "utf-8")
    with pytest.raises(AssertionError, match="not clean under the default rules"):
        assert_good_clean(folder)
    (folder / "bad.snap").write_text("stale\n", "utf-8")
    with pytest.raises(AssertionError, match="output differs"):
        assert_bad_snapshot(folder, update=False)
    (folder / "bad.fixed.txt").write_text("not the fix\n", "utf-8")
    with pytest.raises(AssertionError, match=r"differs from bad\.fixed\.txt"):
        assert_fix(folder)


def test_a_default_off_rule_checks_its_good_file_with_itself_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default run leaves an opt-in rule off; the kit checks its good file with it on."""
    import shutil

    import wenlint.builtin_rules as table

    rule = registry().rules["F601"]
    monkeypatch.setattr(rule, "default_enabled", False)  # and in the table of built-in rules:
    off = tuple((*r[:5], False) if r[1] == "F601" else r for r in table.RULES)
    monkeypatch.setattr(table, "RULES", off)
    folder = tmp_path / f"{rule.code}-{rule.name}"
    shutil.copytree(HERE / folder.name, folder)
    (folder / "good.txt").write_text((folder / "bad.txt").read_text("utf-8"), "utf-8")
    assert run_fixture(folder, "good.txt").code == 0  # the default rules: F601 is off
    with pytest.raises(AssertionError, match="not clean under --select F601"):
        assert_good_clean(folder)
