"""The ``wenlint archive`` command's body: flags to a plan, errors to one line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from wenlint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _encoding, _split, fail
from wenlint.echo import echo


def archive_command(flags: dict[str, Any]) -> None:
    """Exit 0 when every file was linted, 1 when some could not be (listed in errors.parquet),
    2 when the run could not start."""
    try:
        from wenlint.archive import ArchiveError, Plan, Settings, report, run
    except ImportError as exc:
        fail(f"wenlint archive needs Dask and pyarrow: pip install 'wenlint[dask]' ({exc})")
    if flags["report_dir"]:
        try:
            echo(report(Path(flags["report_dir"])))
        except ArchiveError as exc:
            fail(str(exc))
        sys.exit(EXIT_OK)
    if not flags["out_dir"]:
        fail("--out DIR is required (or --report DIR)")
    if not flags["sources"] and not flags["files_from"]:
        fail("no sources: give folders, files, patterns or --files-from")
    config = flags["config_file"]
    settings = Settings(
        config_file=os.path.abspath(config) if config else None,
        no_config=flags["no_config"],
        select=tuple(_split(flags["select"])) or None,
        ignore=tuple(_split(flags["ignore"])),
        extend_select=tuple(_split(flags["extend_select"])),
        lang=flags["lang"],
        encoding=_encoding(flags["encoding"]),
    )
    plan = Plan(
        sources=flags["sources"],
        files_from=flags["files_from"],
        out=Path(flags["out_dir"]),
        settings=settings,
        scheduler=flags["scheduler"],
        workers=flags["workers"],
        batch_size=flags["batch_size"],
        resume=flags["resume"],
    )
    from wenlint.config import ConfigError
    from wenlint.io import InputError

    try:
        summary = run(plan, lambda line: echo(line, err=True))
    except (ArchiveError, ConfigError, InputError) as exc:
        fail(str(exc))
    sys.exit(EXIT_FINDINGS if summary.file_errors else EXIT_OK)


__all__ = ["EXIT_ERROR", "archive_command"]
