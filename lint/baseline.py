"""Finding fingerprints and the baseline file (``--write-baseline`` / ``--baseline``).

A fingerprint identifies a finding by what it is, not where it is: the rule, the offending text
and a few characters on either side of it (within its line). Lines added above a finding, or edits
anywhere else, leave it unchanged, so a baseline written today still recognises the same findings
tomorrow. Line numbers are stored beside each entry only for people reading the file.

Baseline entries are matched as a multiset of ``(path, code, fingerprint)``: three identical
findings in one file need three entries. Entries of a linted file that no longer match anything are
*stale* (the finding was fixed); the command says how many, so the baseline can be refreshed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from wenlint.diagnostic import Diagnostic
from wenlint.io import InputError, replace_contents, write_special

VERSION = 1
#: Code points of context taken on each side of a finding (never across a line break).
CONTEXT = 12
_BREAKS = "\r\n"
_KEYS = ("path", "code", "fingerprint")


class BaselineError(Exception):
    pass


def _squash(s: str) -> str:
    # Whitespace runs count as one space: re-wrapping or a CRLF conversion keeps the fingerprint.
    return " ".join(s.split()) if s and not s.isspace() else s.replace("\r\n", "\n")


def fingerprint(text: str, d: Diagnostic) -> str:
    """16 hex digits from the rule, the offending text and its context on the same line."""
    s = max(0, min(d.span.start, len(text)))
    e = max(s, min(d.span.end, len(text)))
    lo = max(s - CONTEXT, 0)
    for i in range(s - 1, lo - 1, -1):
        if text[i] in _BREAKS:
            lo = i + 1
            break
    hi = min(e + CONTEXT, len(text))
    for i in range(e, hi):
        if text[i] in _BREAKS:
            hi = i
            break
    key = "\0".join((d.code, _squash(text[lo:s]), _squash(text[s:e]), _squash(text[e:hi])))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def norm_path(path: str) -> str:
    """The path as stored in a baseline: relative to the working directory when it can be, with
    forward slashes, without a leading ``./``."""
    if path == "-":
        return path
    p = Path(path)
    if p.is_absolute():
        with contextlib.suppress(ValueError):
            p = p.relative_to(Path.cwd())
    s = str(PurePosixPath(*p.parts)) if p.parts else path
    return s.replace("\\", "/")


class Baseline:
    """Known findings, counted by ``(path, code, fingerprint)``."""

    def __init__(self, entries: Counter[tuple[str, str, str]]) -> None:
        self.remaining = entries
        self.total = sum(entries.values())

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: baseline file not found (create it with --write-baseline {path})"
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise BaselineError(f"{path}: not a wenlint baseline ({exc})") from None
        except RecursionError:  # json's decoder recurses per nesting level
            raise BaselineError(
                f"{path}: not a wenlint baseline (JSON nested too deeply)"
            ) from None
        if not isinstance(data, dict) or data.get("tool") != "wenlint":
            raise BaselineError(f'{path}: not a wenlint baseline (no "tool": "wenlint")')
        if (v := data.get("version")) != VERSION:
            shown = repr(v) if isinstance(v, (int, float, str, type(None))) else type(v).__name__
            raise BaselineError(
                f"{path}: baseline version {shown[:40]} is not {VERSION}; "
                f"write it again with --write-baseline"
            )
        entries: Counter[tuple[str, str, str]] = Counter()
        findings = data.get("findings")
        if not isinstance(findings, list):
            raise BaselineError(f'{path}: "findings" must be a list')
        for i, f in enumerate(findings):
            # strings only: str() of a nested value could recurse too deeply, and no baseline
            # wenlint writes holds anything else
            p, c, fp = (f.get(k) for k in _KEYS) if isinstance(f, dict) else (None,) * 3
            if not (isinstance(p, str) and isinstance(c, str) and isinstance(fp, str)):
                raise BaselineError(
                    f"{path}: finding {i + 1} needs path, code and fingerprint (strings)"
                )
            entries[(p, c, fp)] += 1
        return cls(entries)

    def take(self, key: tuple[str, str, str]) -> bool:
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False

    def stale(self, paths: set[str]) -> int:
        return sum(n for (p, _, _), n in self.remaining.items() if p in paths and n > 0)


class Gate:
    """Filters findings file by file against a baseline and/or records them for a new one.

    With ``write_to`` every finding is recorded and none is reported: they are all known now.
    """

    def __init__(
        self, baseline: Baseline | None = None, write_to: Path | None = None, lang: str = "zh"
    ) -> None:
        self.baseline = baseline
        self.write_to = write_to
        self.lang = lang
        self.records: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.hidden = 0
        self.new = 0

    @classmethod
    def open(cls, baseline: str | None, write_to: str | None, lang: str = "zh") -> Gate:
        return cls(
            Baseline.load(Path(baseline)) if baseline else None,
            Path(write_to) if write_to else None,
            lang,
        )

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The findings of one file (or one more batch of it) that are not in the baseline."""
        if text is None:
            return list(diags)
        p = norm_path(path)
        self.seen.add(p)
        kept: list[Diagnostic] = []
        for d in diags:
            fp = fingerprint(text, d)
            if self.write_to is not None:
                self.records.append(
                    {
                        "path": p,
                        "code": d.code,
                        "fingerprint": fp,
                        "line": d.position[0],
                        "message": d.message.get(self.lang),
                    }
                )
            if self.baseline is not None and self.baseline.take((p, d.code, fp)):
                self.hidden += 1
            elif self.write_to is None:
                kept.append(d)
                self.new += 1
        return kept

    def close(self) -> list[str]:
        """Write the new baseline if asked; return the lines to print on stderr."""
        notes = []
        if self.baseline is not None:
            stale = self.baseline.stale(self.seen)
            note = f"baseline: {self.hidden} known finding(s) hidden"
            if self.write_to is None:
                note += f", {self.new} new"
            if stale:
                note += (
                    f"; {stale} baseline entr{'y is' if stale == 1 else 'ies are'} stale "
                    "(fixed since): refresh with --write-baseline"
                )
            notes.append(note)
        if self.write_to is not None:
            self.records.sort(key=lambda r: (r["path"], r["line"], r["code"], r["fingerprint"]))
            write_baseline(self.write_to, self.records)
            notes.append(f"wrote {len(self.records)} finding(s) to baseline {self.write_to}")
        return notes


def write_baseline(path: Path, records: Sequence[dict[str, Any]]) -> None:
    doc = {
        "tool": "wenlint",
        "version": VERSION,
        "comment": "Known findings; `wenlint check --baseline FILE` reports only new ones. "
        "Matched by path, code and fingerprint (the flagged text and its context); "
        "line and message are for reading only.",
        "findings": list(records),
    }
    data = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        st = os.stat(path)
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            write_special(path, data)
        else:
            replace_contents(path, data, what="baseline")
    except InputError as exc:
        raise BaselineError(
            str(exc)
            .replace("cannot write (", "cannot write baseline (")
            .replace("; left unchanged", "")
        ) from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline ({exc.strerror or exc})") from None
