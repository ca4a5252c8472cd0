"""Finding the files to lint: explicit files always, directories walked for the include globs.

Walking a directory:

- files whose name or path (relative to the config's folder) matches an ``include`` glob
  (default ``*.txt``, ``*.md``) and no ``exclude`` glob;
- hidden files and folders (a name starting with ``.``) are skipped;
- ``.gitignore`` files are respected, with git's rules (negation, anchoring, folder patterns): the
  ones inside the walked tree, and those of the folders above it up to the root of its git
  repository (the folder holding ``.git``), plus ``.git/info/exclude``;
- symbolic links to folders are not followed (a loop cannot hang the walk); symbolic links to
  files are linted (once: the checker skips a file it has already seen), dangling ones skipped;
- only regular files: a FIFO or a device found in a folder would block the read;
- a folder that cannot be read (no permission) is passed to ``on_error`` (the checker reports it:
  one line, exit 2), never skipped in silence;
- the order is stable: names sorted by code point, a folder's files before its subfolders.

A file named explicitly on the command line is linted even when hidden or ignored by git (what
ruff and ripgrep do too), and so are the files of a folder named explicitly even when git ignores
the folder (``wenlint check build/``); patterns that match those files themselves still apply.
The config's ``exclude`` still applies to named files (see ``excluded``).
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    if not globs:
        return False
    match = _globs(tuple(globs))
    return match(name) is not None or match(rel) is not None


@functools.cache
def _globs(globs: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One pattern for all of ``globs`` (``fnmatch``'s meaning, case as the platform has it)."""
    pattern = "|".join(f"(?:{fnmatch.translate(os.path.normcase(g))})" for g in globs)
    match = re.compile(pattern).match
    if os.path.normcase("A") == "A":
        return match
    return lambda s: match(os.path.normcase(s))


class GitIgnore:
    """The .gitignore files in force under one folder, outermost first."""

    def __init__(self, specs: list[tuple[Path, Any]] | None = None) -> None:
        self.specs = specs or []
        # per file: the folder as a string prefix, and its patterns' (match, include) in order
        self._rules = [
            (
                base.as_posix().rstrip("/") + "/",
                [(p.regex.match, p.include) for p in spec.patterns if p.include is not None],
            )
            for base, spec in self.specs
        ]

    def ignored(self, path: Path | str, is_dir: bool) -> bool:
        full = path if isinstance(path, str) else path.as_posix()
        verdict: bool | None = None
        for base, patterns in self._rules:
            if not full.startswith(base):
                continue
            rel = full[len(base) :] + "/" if is_dir else full[len(base) :]
            for match, include in patterns:
                m = match(rel)
                if m is None or _inside_matched_folder(m, rel):
                    continue
                verdict = include
        return bool(verdict)

    def within(self, folder: Path) -> GitIgnore:
        """The rules for ``folder``'s contents: these plus its own .gitignore, if any."""
        spec = _load(folder / ".gitignore")
        return GitIgnore([*self.specs, (folder, spec)]) if spec is not None else self

    @classmethod
    def above(cls, folder: Path) -> GitIgnore:
        """The .gitignore files of the folders above ``folder`` within its git repository."""
        folder = folder.resolve()
        repo = next((d for d in (folder, *folder.parents) if (d / ".git").exists()), None)
        if repo is None:
            return cls()
        specs: list[tuple[Path, Any]] = []
        exclude = _load(repo / ".git" / "info" / "exclude")
        if exclude is not None:
            specs.append((repo, exclude))
        chain = [d for d in (folder.parent, *folder.parent.parents) if d.is_relative_to(repo)]
        for d in reversed(chain):
            spec = _load(d / ".gitignore")
            if spec is not None:
                specs.append((d, spec))
        return cls(specs)


def _inside_matched_folder(m: Any, rel: str) -> bool:
    """The pattern matched a folder above ``rel``, not ``rel`` itself. The walk never enters an
    ignored folder, so being inside one means the user named it (or a folder in it): its files
    are linted, as ripgrep and ruff do. Patterns of the entry's own (``*.log``) still count."""
    d = m.re.groupindex.get("ps_d")
    return d is not None and m.group(d) is not None and m.end(d) < len(rel)


def _load(path: Path) -> Any:
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        from pathspec import GitIgnoreSpec
    except ImportError:  # pragma: no cover - a dependency; never a crash without it
        return None
    return GitIgnoreSpec.from_lines(lines)


def walk(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    base: Path | None = None,
    *,
    gitignore: bool = True,
    on_error: Callable[[Path, OSError], None] | None = None,
) -> Iterator[Path]:
    """Files under ``root`` to lint, in a stable order (see the module docstring). ``exclude``
    globs are relative to ``base`` (default ``root``)."""
    for path, _ in walk_stat(root, include, exclude, base, gitignore=gitignore, on_error=on_error):
        yield path


def walk_stat(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    base: Path | None = None,
    *,
    gitignore: bool = True,
    on_error: Callable[[Path, OSError], None] | None = None,
) -> Iterator[tuple[Path, os.stat_result]]:
    """``walk``, each file with its ``os.stat`` (the walk made it: no need to ask twice)."""
    base = (base or root).resolve()
    ignore = GitIgnore.above(root) if gitignore else GitIgnore()
    inc = _globs(tuple(include)) if include else None
    exc = _globs(tuple(exclude)) if exclude else None
    # an explicit stack, not recursion: a tree of any depth is walked (1,000 nested folders
    # overflowed Python's recursion limit); popped in order, so the walk stays depth-first with a
    # folder's files before its subfolders
    stack: list[tuple[Path, Path, GitIgnore]] = [(root, root.resolve(), ignore)]
    while stack:
        d, real, ignore = stack.pop()
        subdirs = yield from _walk_folder(d, real, inc, exc, base, ignore, gitignore, on_error)
        stack.extend(reversed(subdirs))


def _walk_folder(
    d: Path,
    real: Path,
    include: Callable[[str], Any] | None,
    exclude: Callable[[str], Any] | None,
    base: Path,
    ignore: GitIgnore,
    gitignore: bool,
    on_error: Callable[[Path, OSError], None] | None = None,
) -> Generator[tuple[Path, os.stat_result], None, list[tuple[Path, Path, GitIgnore]]]:
    """The files of one folder; returns its subfolders to walk, in order."""
    if gitignore:
        ignore = ignore.within(real)
    try:
        entries = sorted(os.scandir(d), key=lambda e: e.name)
    except OSError as exc:
        if on_error is not None:
            on_error(d, exc)
        return []
    rel_dir = _rel(real, base)
    here = real.as_posix().rstrip("/") + "/"
    subdirs: list[tuple[Path, Path, GitIgnore]] = []
    for e in entries:
        name = e.name
        if name.startswith((".", "~$")) or name.endswith(".wenlint.docx"):
            continue  # hidden; Word's lock files and wenlint's review copies
        rel = f"{rel_dir}{name}"
        try:
            if e.is_dir(follow_symlinks=False):
                if not _hit(exclude, rel, name) and not ignore.ignored(here + name, True):
                    subdirs.append((d / name, real / name, ignore))
                continue
            if not _hit(include, rel, name) or _hit(exclude, rel, name):
                continue
            st = os.stat(e.path)  # follows a file symlink
            if not stat.S_ISREG(st.st_mode):
                continue
        except OSError:
            continue  # dangling symbolic link, or gone since listed
        if ignore.ignored(here + name, False):
            continue
        yield d / name, st
    return subdirs


def _hit(match: Callable[[str], Any] | None, rel: str, name: str) -> bool:
    """``_matches`` with the globs' pattern already made (or None for no globs)."""
    return match is not None and (match(name) is not None or match(rel) is not None)


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
