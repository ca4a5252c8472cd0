"""What the install holds: the package ``wenlint`` (the folder lint/) with ``wenlint.rules``
(the folder rules/), no other top-level import name, and ``python -m wenlint``."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _folder(package: str) -> Path:
    """The repository folder a package name is installed from (package-dir mapping)."""
    mapping = PROJECT["tool"]["setuptools"]["package-dir"]
    parts = package.split(".")
    for k in range(len(parts), 0, -1):
        head = ".".join(parts[:k])
        if head in mapping:
            return ROOT / mapping[head] / Path(*parts[k:])
    raise AssertionError(f"{package} maps to no folder")


def test_every_package_folder_is_installed_under_wenlint() -> None:
    packages = PROJECT["tool"]["setuptools"]["packages"]
    assert all(p == "wenlint" or p.startswith("wenlint.") for p in packages)
    listed = {_folder(p).resolve() for p in packages}
    on_disk = {
        init.parent.resolve()
        for top in ("lint", "rules")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk == listed, "a package folder missing from (or extra in) pyproject's packages"


def test_entry_points_name_installed_modules() -> None:
    groups = [PROJECT["project"]["scripts"], PROJECT["project"]["entry-points"]["wenlint.rules"]]
    for group in groups:
        for target in group.values():
            module = target.split(":")[0]
            assert module.startswith("wenlint."), target
            path = _folder(module)
            assert path.with_suffix(".py").exists() or (path / "__init__.py").exists(), target


def test_python_dash_m_wenlint_runs_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("我们要加强卫生卫生工作。\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "wenlint", "check", "--no-config", "--color", "never", "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "W201" in proc.stdout
    usage = subprocess.run(
        [sys.executable, "-m", "wenlint", "--help"], capture_output=True, text=True, check=True
    )
    assert usage.stdout.startswith("usage: wenlint")
