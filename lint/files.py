"""Finding the files to lint: explicit files always, directories walked for the include globs."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in globs)


def walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], base: Path | None = None
) -> Iterator[Path]:
    """Files under ``root`` matching ``include``, in a stable order; hidden folders and files
    matching ``exclude`` (relative to ``base``, default ``root``) are skipped; symlinked folders
    are not followed, so loops cannot hang the walk."""
    base = base or root
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        rel_dir = _rel(d, base)
        dirnames[:] = sorted(
            n
            for n in dirnames
            if not n.startswith(".") and not _matches(f"{rel_dir}{n}", n, exclude)
        )
        for name in sorted(filenames):
            rel = f"{rel_dir}{name}"
            if _matches(rel, name, include) and not _matches(rel, name, exclude):
                yield d / name


def _rel(d: Path, base: Path) -> str:
    try:
        r = d.relative_to(base).as_posix()
    except ValueError:
        r = d.as_posix()
    return "" if r == "." else r + "/"


def excluded(path: Path, base: Path, exclude: Sequence[str]) -> bool:
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return _matches(rel, path.name, exclude)
