"""What ``wenlint archive`` lints: the settings every task needs, the files of its sources
(folders, globs, list files, fsspec URLs) in ``check``'s order, and their batches."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wenlint import __version__
from wenlint.archive_store import (
    LAYOUT,
    ArchiveError,
)
from wenlint.check import Checker, Options
from wenlint.runner import Overrides


@dataclass(frozen=True)
class Settings:
    """What every task needs to lint as ``wenlint check`` would: picklable, sent to workers."""

    config_file: str | None = None
    no_config: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    lang: str | None = None
    encoding: str | None = None  # --encoding: the files' encoding, not detected
    cwd: str = field(default_factory=os.getcwd)

    def options(self) -> Options:
        return Options(
            config_file=Path(self.config_file) if self.config_file else None,
            no_config=self.no_config,
            overrides=Overrides(
                select=list(self.select) if self.select else None,
                ignore=list(self.ignore),
                extend_select=list(self.extend_select),
            ),
            encoding=self.encoding,
        )

    def signature(self) -> str:
        """Changes when anything that changes findings does (the config files are in the batch
        signature: their size and time)."""
        return json.dumps([__version__, LAYOUT, asdict(self)], sort_keys=True)


@dataclass(frozen=True)
class Entry:
    """One file to lint: its place in the run, the name findings show, and where to read it
    (a local path, or an fsspec URL)."""

    index: int
    shown: str
    location: str
    url: bool = False


def resolve_sources(
    sources: Sequence[str], files_from: Sequence[str], checker: Checker
) -> list[Entry]:
    """The files of ``sources`` (folders, files, glob patterns, fsspec URLs) and of the list files
    ``files_from`` (one path or URL a line; ``#`` comments and blank lines skipped). Local files
    come first, each once, in the order ``wenlint check`` takes the same paths; then URLs."""
    items = list(sources)
    for lf in files_from:
        try:
            lines = Path(lf).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{lf}: cannot read the list of files ({exc})") from None
        items += [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
    local: list[str] = []
    urls: list[str] = []
    for item in items:
        if "://" in item and not item.startswith("file://"):
            urls.extend(_expand_url(item, checker))
        else:
            path = item.removeprefix("file://")
            if not os.path.lexists(path) and glob.has_magic(path):
                hits = sorted(glob.glob(path, recursive=True))
                if not hits:
                    raise ArchiveError(f"{item}: the pattern matches no file")
                local.extend(hits)
            elif not os.path.lexists(path):
                raise ArchiveError(f"{item}: no such file or directory")
            else:
                local.append(path)
    entries = [
        Entry(i, shown, os.path.abspath(p))  # absolute: a worker may run elsewhere
        for i, (shown, p) in enumerate(checker.collect(local) if local else [])
        if p is not None
    ]
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            entries.append(Entry(len(entries), url, url, url=True))
    return entries


def _expand_url(url: str, checker: Checker) -> list[str]:
    """The files of an fsspec URL: itself, the files under it (filtered by the config's
    include/exclude like a local folder) or a glob pattern's matches, sorted."""
    fs, path, protocol = url_fs(url)
    try:
        if glob.has_magic(path):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            from wenlint.files import excluded

            cfg = checker.config_for(Path(checker.options.config_file or "."))
            found = []
            for f in sorted(fs.find(path)):
                rel = f[len(path.rstrip("/")) + 1 :]
                if _included(rel, cfg.include) and not excluded(Path(rel), Path(), cfg.exclude):
                    found.append(f)
        elif fs.exists(path):
            found = [path]
        else:
            raise ArchiveError(f"{url}: no such file or directory")
    except ArchiveError:
        raise
    except Exception as exc:  # a backend's own error: one line
        raise ArchiveError(f"{url}: cannot list ({type(exc).__name__}: {exc})") from None
    return [
        f"{protocol}://{f.lstrip('/')}" if protocol == "memory" else _unstrip(fs, f) for f in found
    ]


def _unstrip(fs: Any, path: str) -> str:
    return str(fs.unstrip_protocol(path))


def _included(rel: str, include: Sequence[str]) -> bool:
    import fnmatch

    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include)


def url_fs(url: str) -> tuple[Any, str, str]:
    try:
        import fsspec
    except ImportError:
        raise ArchiveError(f"{url}: URLs need fsspec (pip install 'wenlint[dask]')") from None
    protocol = url.split("://", 1)[0]
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ArchiveError(f"{url}: no filesystem for {protocol}:// ({exc})") from None
    return fs, path, protocol


def batches(entries: Sequence[Entry], size: int) -> list[list[Entry]]:
    """Consecutive runs of ``size`` files: batch ``n`` holds files ``n*size`` to ``n*size+size-1``
    (so a file's batch is its index divided by ``size``)."""
    return [list(entries[i : i + size]) for i in range(0, len(entries), size)]
