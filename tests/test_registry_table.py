"""The table of built-in rules (``wenlint/builtin_rules.py``): it matches the rules (this test
makes it again with WENLINT_UPDATE_REGISTRY=1, and fails while it is stale), the registry read
from it is the registry loaded by importing every family, and a run imports only the families
it selects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint import registry as reg_mod
from wenlint.registry import (
    RegistryError,
    RuleTable,
    builtin_table_source,
    load_registry,
    load_registry_eagerly,
)

TABLE = Path(reg_mod.__file__).with_name("builtin_rules.py")


def test_the_table_matches_the_rules() -> None:
    want = builtin_table_source(load_registry_eagerly())
    if os.environ.get("WENLINT_UPDATE_REGISTRY") == "1":
        TABLE.write_text(want, "utf-8")
    assert TABLE.read_text("utf-8") == want, (
        "wenlint/builtin_rules.py is stale: WENLINT_UPDATE_REGISTRY=1 pytest "
        "tests/test_registry_table.py makes it again"
    )


def test_the_lazy_registry_is_the_eager_one() -> None:
    lazy, eager = load_registry(), load_registry_eagerly()
    assert isinstance(lazy.rules, RuleTable)
    assert list(lazy.rules) == list(eager.rules)  # the same codes, in the same order
    assert lazy.by_name == eager.by_name and lazy.origin == eager.origin
    assert lazy.versions == eager.versions
    cases: list[tuple[list[str] | None, list[str]]] = [
        (None, []),
        (["ALL"], []),
        (["P", "d101"], ["P401"]),
        (None, ["W"]),
    ]
    for select, ignore in cases:
        assert lazy.select(select, ignore) == eager.select(select, ignore)
    assert [r.code for r in lazy.sorted()] == [r.code for r in eager.sorted()]
    assert all(lazy.rules[c] is eager.rules[c] for c in eager.rules)


def test_a_family_is_imported_when_one_of_its_rules_is_used(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from wenlint.registry import load_registry\n"
        "r = load_registry()\n"
        "print(sorted(m for m in sys.modules if m.startswith('wenlint.rules.')))\n"
        "r.rules['P401']\n"
        "print(sorted({m.split('.')[2] for m in sys.modules if m.startswith('wenlint.rules.')}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "['punctuation']"]
    (tmp_path / "a.txt").write_text("我们要加强卫生卫生工作，，\n", "utf-8")
    listed = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({m.split('.')[2] for m in sys.modules "
        "if m.startswith('wenlint.rules.')}), file=sys.stderr))\n"
        "sys.argv = ['wenlint', 'check', '--no-config', '--no-cache', '--select', 'P', 'a.txt']\n"
        "from wenlint.__main__ import run\n"
        "run()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", listed], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 1 and "P" in proc.stdout and "W201" not in proc.stdout
    assert proc.stderr.splitlines()[-1] == "['punctuation']"


def test_a_stale_table_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import wenlint.builtin_rules as table

    stale = tuple((*r[:2], f"{r[2]}-x" if r[1] == "P401" else r[2], *r[3:]) for r in table.RULES)
    monkeypatch.setattr(table, "RULES", stale)
    reg = load_registry()
    assert "P401" in reg.rules and "halfwidth-punct-in-han" not in reg.by_name  # as the table says
    with pytest.raises(RegistryError, match=r"builtin_rules\.py\) does not match the rules"):
        reg.rules["P401"]
    # a rule the table says is off by default, or names in another module, is stale too
    off = tuple((*r[:5], r[1] != "P402") for r in table.RULES)
    monkeypatch.setattr(table, "RULES", off)
    with pytest.raises(RegistryError, match="does not match"):
        load_registry().rules["P402"]
    gone = "wenlint.rules.punctuation.gone"
    moved = tuple((*r[:3], gone, *r[4:]) if r[1] == "P402" else r for r in table.RULES)
    monkeypatch.setattr(table, "RULES", moved)
    with pytest.raises(RegistryError, match=rf"cannot load rule P402 from {gone}: No module"):
        load_registry().rules["P402"]


def test_a_run_imports_only_the_modules_of_its_rules(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("我们要加强卫生卫生工作，，\n", "utf-8")
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        "sys.argv = ['wenlint', 'check', '--no-config', '--no-cache', *sys.argv[1:], 'a.txt']\n"
        "from wenlint.__main__ import run\n"
        "run()\n"
    )

    def rule_modules(*args: str) -> set[str]:
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args], cwd=tmp_path, capture_output=True, text=True
        )
        assert proc.returncode == 1 and "W201" in proc.stdout
        return set(proc.stderr.splitlines()[-1].split()) & every

    rules = load_registry_eagerly().sorted()
    every = {r.__module__ for r in rules}
    off = {r.__module__ for r in rules if not r.default_enabled}
    assert "wenlint.rules.words.possible_typo" in off
    assert rule_modules() == every - off
    assert rule_modules("--select", "W201") == {"wenlint.rules.words.doubled_word"}


def test_other_entry_points_load_every_family(monkeypatch: pytest.MonkeyPatch) -> None:
    import wenlint.builtin_rules as table

    monkeypatch.setattr(table, "ENTRY_POINTS", {**table.ENTRY_POINTS, "Z": "elsewhere:RULES"})
    reg = load_registry()
    assert isinstance(reg.rules, RuleTable) and not reg.rules._lazy
    assert list(reg.rules) == list(load_registry_eagerly().rules)
