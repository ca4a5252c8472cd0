"""The Dask tasks of ``wenlint archive``, run on the workers: linting a batch (its findings,
facts, keys and marker), and finishing the cross-file rules for files joined by the shuffle."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wenlint.archive_sources import Entry, Settings, url_fs
from wenlint.archive_store import (
    FINDINGS,
    WORK,
    ArchiveError,
    Facts,
    FactsReader,
    Rows,
    write_bytes,
    write_table,
)
from wenlint.check import Checker, FileResult, is_markdown
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.io import InputError, decode
from wenlint.registry import load_registry
from wenlint.rule import FinishContext
from wenlint.runner import RuleSet, finish_file, lint_document

# -- worker side: one checker per process and settings --
_CHECKERS: dict[str, Checker] = {}  # a worker's checker for a run's settings (rules load once)


def _checker(settings: Settings) -> Checker:
    key = settings.signature()
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = Checker(load_registry(), settings.options())
    return checker


def _lang(settings: Settings, checker: Checker) -> str:
    return settings.lang or checker.config_for(Path(settings.cwd)).lang


def _stat(entry: Entry) -> list[Any]:
    """What tells a changed input: size and modification time (None when unknown)."""
    try:
        if entry.url:
            fs, path, _ = url_fs(entry.location)
            info = fs.info(path)
            stamp = info.get("mtime") or info.get("LastModified") or info.get("created")
            return [entry.shown, info.get("size"), str(stamp) if stamp is not None else None]
        st = os.stat(entry.location)
        return [entry.shown, st.st_size, st.st_mtime_ns]
    except Exception:
        return [entry.shown, None, None]


def _config_stamp(checker: Checker, entries: Sequence[Entry]) -> list[Any]:
    """The config files the batch's files use, with their sizes and times."""
    out = set()
    for e in entries:
        if e.url:
            continue
        with contextlib.suppress(Exception):
            cfg = checker.config_for(Path(e.location))
            if cfg.path:
                st = os.stat(cfg.path)
                out.add((str(cfg.path), st.st_size, st.st_mtime_ns))
    return sorted(out)


def batch_signature(settings: Settings, checker: Checker, entries: Sequence[Entry]) -> str:
    data = [settings.signature(), [_stat(e) for e in entries], _config_stamp(checker, entries)]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


@dataclass
class BatchDone:
    """What a lint task tells the client: counts, and whether it was skipped (``--resume``)."""

    batch: int
    files: int
    findings: int
    by_rule: dict[str, int]
    by_severity: dict[str, int]
    errors: int
    serial_rules: list[str]  # cross-file rules without keys, seen in this batch
    skipped: bool = False


def lint_batch(
    settings: Settings, number: int, entries: list[Entry], out: str, resume: bool
) -> BatchDone:
    """Lint one batch and write its Parquet files (a Dask task)."""
    checker = _checker(settings)
    work = Path(out) / WORK
    marker = work / f"batch-{number:06d}.json"
    signature = batch_signature(settings, checker, entries)
    if resume and marker.exists():
        try:
            done = json.loads(marker.read_text(encoding="utf-8"))
            if done["signature"] == signature:
                return BatchDone(**done["result"], skipped=True)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged marker: do the batch again
    lang = _lang(settings, checker)
    rows = Rows()
    facts: dict[str, list[Any]] = {
        "file": [],
        "path": [],
        "location": [],
        "ruleset": [],
        "sha256": [],
        "kept": [],
    }
    keys: dict[str, list[Any]] = {"ruleset": [], "code": [], "key": [], "file": []}
    errors: dict[str, list[Any]] = {"path": [], "file_index": [], "error": []}
    serial: set[str] = set()
    for e in entries:
        r, digest = _lint_entry(checker, e, settings.cwd)
        if r.error:
            errors["path"].append(e.shown)
            errors["file_index"].append(e.index)
            errors["error"].append(r.error)
            continue
        rows.add(r.diagnostics, e.index, lang)
        if r.kept and r.ruleset is not None:
            rs_key = _ruleset_key(r.ruleset)
            facts["file"].append(e.index)
            facts["path"].append(e.shown)
            facts["location"].append(e.location)
            facts["ruleset"].append(rs_key)
            facts["sha256"].append(digest)
            facts["kept"].append(pickle.dumps(r.kept, protocol=pickle.HIGHEST_PROTOCOL))
            rules = {rule.code: rule for rule in r.ruleset.rules}
            for code, kept in r.kept.items():
                found = rules[code].finish_keys(kept)
                if found is None:
                    serial.add(code)
                    continue
                for k in dict.fromkeys(found):
                    keys["ruleset"].append(rs_key)
                    keys["code"].append(code)
                    keys["key"].append(k)
                    keys["file"].append(e.index)
    write_table(Path(out) / FINDINGS / f"part-{number:06d}.parquet", rows.columns, "findings")
    write_table(work / f"facts-{number:06d}.parquet", facts, "facts")
    write_table(work / f"keys-{number:06d}.parquet", keys, "keys")
    write_table(work / f"errors-{number:06d}.parquet", errors, "errors")
    result = BatchDone(
        number,
        len(entries),
        rows.count,
        dict(rows.by_rule),
        dict(rows.by_severity),
        len(errors["path"]),
        sorted(serial),
    )
    done = {"signature": signature, "result": asdict(result) | {"skipped": False}}
    del done["result"]["skipped"]
    write_bytes(marker, json.dumps(done, ensure_ascii=False).encode())
    return result


def _lint_entry(checker: Checker, e: Entry, cwd: str) -> tuple[FileResult, str]:
    """Lint one file as ``check`` does; and the digest of the bytes linted."""
    if not e.url:
        r = checker.check_file(e.shown, Path(e.location))
        digest = _digest(r.text) if r.text is not None else ""
        return r, digest
    r = FileResult(e.shown)
    try:
        fs, path, _ = url_fs(e.location)
        with fs.open(path, "rb") as f:
            raw = f.read()
        cfg = checker.config_for(Path(cwd))
        decoded = decode(raw, e.shown, _encoding(checker, cfg))
        ruleset = checker.ruleset_for(cfg)
    except (InputError, ArchiveError) as exc:
        r.error = str(exc)
        return r, ""
    except Exception as exc:
        r.error = f"{e.shown}: cannot read ({type(exc).__name__}: {exc})"
        return r, ""
    doc = Document(e.shown, decoded.text, source=decoded.source, markdown=is_markdown(e.shown))
    r.diagnostics, r.kept = lint_document(doc, ruleset)
    r.ruleset, r.text = ruleset, decoded.text
    return r, _digest(decoded.text)


def _encoding(checker: Checker, cfg: Any) -> str | None:
    """The encoding ``check`` reads a file in: ``--encoding``, else its config's (else detected)."""
    return checker.options.encoding or cfg.encoding


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _ruleset_key(rs: RuleSet) -> str:
    """Which rule instances a file's facts meet in ``check``: one set per config file."""
    return str(rs.config.path or "")


# -- worker side: finishing the cross-file rules --
@dataclass
class FinishItem:
    """A file whose cross-file findings are to be computed, and the earlier files (first holders
    of its keys, per rule) to replay before it; ``earlier`` None means every earlier file."""

    file: int
    batch: int
    earlier: dict[str, list[tuple[int, int]]]  # code -> [(file, batch)], in run order


def finish_files(
    settings: Settings, number: int, items: list[FinishItem], out: str
) -> dict[str, int]:
    """The cross-file findings of ``items`` (a Dask task): for each file, fresh instances of its
    cross-file rules see its first holders' facts, then the file's own, as in ``check``."""
    checker = _checker(settings)
    lang = _lang(settings, checker)
    facts = FactsReader(Path(out) / WORK)
    rows = Rows()
    errors: dict[str, list[Any]] = {"path": [], "file_index": [], "error": []}
    for item in items:
        me = facts.get(item.batch, item.file)
        rs = _fresh(checker, me, item.earlier, settings.cwd)
        discard: Callable[..., None] = lambda rule, finding: None  # noqa: E731
        for rule in rs.rules:
            for f, b in item.earlier[rule.code]:
                other = facts.get(b, f)
                rule.finish(other.path, other.kept[rule.code], FinishContext(rule, discard))
        diags, error = _finish_one(checker, me, rs)
        if error:
            errors["path"].append(me.path)
            errors["file_index"].append(item.file)
            errors["error"].append(error)
        rows.add(diags, item.file, lang)
    write_table(Path(out) / FINDINGS / f"part-cross-{number:06d}.parquet", rows.columns, "findings")
    write_table(Path(out) / WORK / f"errors-cross-{number:06d}.parquet", errors, "errors")
    return dict(rows.by_rule)


def finish_serial(
    settings: Settings, code: str, counts: list[tuple[int, int]], out: str
) -> dict[str, int]:
    """A cross-file rule without keys: every file with its facts passes through one instance per
    config, in run order (``counts``: (batch, files) of every batch)."""
    checker = _checker(settings)
    lang = _lang(settings, checker)
    facts = FactsReader(Path(out) / WORK)
    rows = Rows()
    states: dict[str, RuleSet] = {}
    for batch, _ in counts:
        for me in facts.all(batch):
            if code not in me.kept:
                continue
            rs = states.get(me.ruleset)
            if rs is None:
                rs = states[me.ruleset] = _fresh(checker, me, [code], settings.cwd)
            diags, _ = _finish_one(checker, me, rs)
            rows.add(diags, me.file, lang)
    write_table(Path(out) / FINDINGS / f"part-cross-{code}.parquet", rows.columns, "findings")
    return dict(rows.by_rule)


def _fresh(checker: Checker, me: Facts, codes: Iterable[str], cwd: str) -> RuleSet:
    """New instances of the file's cross-file rules ``codes`` (their state is one run's)."""
    base = checker.ruleset_for(_config(checker, me, cwd))
    wanted = set(codes)
    rules = [type(r)(r.options) for r in base.rules if r.code in wanted]
    return RuleSet(base.config, base.registry, rules, base.severity)


def _config(checker: Checker, me: Facts, cwd: str) -> Any:
    return checker.config_for(Path(me.location) if "://" not in me.location else Path(cwd))


def _finish_one(checker: Checker, me: Facts, rs: RuleSet) -> tuple[list[Diagnostic], str | None]:
    """``finish`` on the file, placed in its text (read again: it must be the text linted)."""
    try:
        enc = _encoding(checker, rs.config)
        if "://" in me.location:
            fs, path, _ = url_fs(me.location)
            with fs.open(path, "rb") as f:
                text = decode(f.read(), me.path, enc).text
        else:
            from wenlint.io import read_file

            text = read_file(Path(me.location), enc).text
    except InputError as exc:
        return [], str(exc)
    except Exception as exc:
        return [], f"{me.path}: cannot read again ({type(exc).__name__}: {exc})"
    if _digest(text) != me.sha256:
        return [], f"{me.path}: changed during the run; its cross-file findings were not computed"
    doc = Document(me.path, text, markdown=is_markdown(me.path))
    kept = {rule.code: me.kept[rule.code] for rule in rs.rules if rule.code in me.kept}
    return finish_file(doc, rs, kept), None
