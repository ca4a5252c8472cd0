"""The result cache: a file's findings are linted once, and read back while the file, wenlint and
the effective settings stay the same.

Like ruff's cache, an entry belongs to one file under one set of settings and says for which
content it holds. The folder ``.wenlint_cache/<version>/`` (beside the config, or in the current
folder; ``--cache-dir`` elsewhere, ``--no-cache`` or ``WENLINT_NO_CACHE=1`` without) has a folder
per settings key, and in it a file per linted file (named by the hash of its absolute path):
the entry, made of the hash of the bytes it was made from, the findings, and the facts
cross-file rules kept (so a re-run only joins them again).

- **Settings** are everything a finding depends on but the file: wenlint's version and the
  identity of its code and data (each file's size and modification time, so an edited rule or
  word list is a new setting even without a new version), the Python version, every selected
  rule (its code, class, source file, severity and options, and what its optional
  ``cache_key()`` or ``unavailable()`` says: an optional install it needs) with the versions of
  the plugins that bring them, and the config (dictionary, house-style rules, per-file ignores).
- **An entry file** is a header line (format, version, settings, content hash, path), then
  sections, then a trailer line (JSON: the number of findings, the encoding, and each section's
  name, offset and length). The findings are there twice: light (code, name, severity, span,
  whether a fix is safe: what the totals need) and whole, each a section of JSON lines of
  ``CHUNK`` findings; the kept facts as text (decoded only when a cross-file rule needs them);
  the findings as a reporter rendered them, one section per reporter's settings
  (``render_key``: format, language, colour, width; and the file's name as shown), the newest
  ``MAX_RENDERINGS``; and the cross-file findings (``joined``, below). A section is read only
  when it is used, and a rendering line by line while the reporter prints it (with the hash
  the trailer holds checked first): memory follows the largest file's entry, never the run's.
- Everything is **JSON**, read back only as plain values (never unpickled: a cache folder
  someone else wrote cannot run code), and only when its version, settings, file and content
  hash all match; anything that does not parse or does not fit (a cut, foreign or garbage file)
  is a miss (and is written again), never an error. A finding's arguments are stored as JSON
  values, and its message as its template (each once a line) when it is made from those
  arguments and they read back as they were, otherwise in both languages.
- **Writes are atomic**: an entry is written, as it is made, to a temporary file in its folder
  (by the process that linted the file: a worker process sends back only its name), which the
  main process completes with the file's cross-file findings and renames into place
  (``os.replace``) once the file is done. A run killed mid-write leaves no half entry (its
  temporary files go after an hour); two runs sharing the folder each write their own entries
  (at worst, for the same file, one's is lost and made again).
- **What a re-run reads back**: a file whose bytes hash to its entry's content, with the codec
  the entry names, is read back without being decoded, its findings printed as rendered then.
  Cross-file findings are kept per file for the **chain** of the run before it (each earlier
  file's settings, name, path and content hash, in order): while the chain is the same, a file
  gets its cross-file findings back and the join is not made; the first file where it is not
  has every earlier file's facts replayed into the rules, and the join goes on as in a run
  without the cache (``wenlint.check.Checker.cross_file``).
- **Bounded**: an edited file replaces its own entry; an entry larger than ``MAX_ENTRY_BYTES``
  is not kept (its file is linted every time); a used entry's time (its file's modification
  time) is refreshed at most daily; entries unused for ``MAX_AGE`` go, and past ``MAX_ENTRIES``
  per settings the least recently used; settings folders unused for ``MAX_AGE`` go; folders of
  other versions are removed (never trusted).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from wenlint import __version__
from wenlint.check import light, light_row
from wenlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Message, Related
from wenlint.document import Span
from wenlint.record import Record
from wenlint.rule import Severity, T

try:  # the built-in BLAKE2 module: hashlib would load OpenSSL too (3.5 MB of memory, a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

if TYPE_CHECKING:
    from wenlint.check import FileResult
    from wenlint.runner import RuleSet

FOLDER = ".wenlint_cache"
#: Entries of one settings kept at most (the least recently used go first), and the age of an
#: unused one or settings folder.
MAX_ENTRIES = 20_000
MAX_AGE = 30 * 24 * 3600.0
#: An entry larger than this is not kept.
MAX_ENTRY_BYTES = 512 * 2**20
FORMAT = 4  # the layout of an entry
#: Renderings of an entry's findings kept, one per reporter's settings (format, language,
#: colour, width...): the most recent go on, the oldest are dropped.
MAX_RENDERINGS = 3
#: Findings per line of a section.
CHUNK = 128
HEADER = "wenlint-cache"
#: A used entry's time is written again when it is older than this (seconds).
REFRESH = 24 * 3600
_TMP = ".tmp-"
_TRAILER_MAX = 1 << 16  # the trailer is read from the file's last bytes


class Uncacheable(Exception):
    """A value the cache cannot write as plain data (the file is linted every time)."""


class _TooLarge(Exception):
    pass


def default_folder(config_path: Path | None) -> Path:
    """``.wenlint_cache`` beside the config file, or in the current folder."""
    return (config_path.parent if config_path is not None else Path.cwd()) / FOLDER


class Cache:
    """One cache folder. ``prepare`` creates it (raises ``OSError`` when it cannot).

    An entry is written where its file is linted, as a temporary file (``spool``); the main
    process hears of it (``note``), adds the cross-file findings (``note_joined``) and puts it
    in place when the next file comes (or at ``save``), so that it holds one file's entry at a
    time and nothing of the run's."""

    def __init__(self, folder: Path, versions: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.versions = versions or {}  # plugin distribution -> version
        self.dir = folder / __version__
        self._settings: dict[int, tuple[RuleSet, str | None]] = {}
        self._used: dict[str, set[str]] = {}  # the hits of this run, per settings
        self._wrote: set[str] = set()  # settings folders this run wrote entries in
        # the file in hand (main process): settings, key, content, its temporary entry file
        self._pending: tuple[str, str, str, str] | None = None

    def prepare(self) -> None:
        """Create the folder with its ``.gitignore`` (``*``: never committed) and CACHEDIR.TAG;
        drop folders of other versions."""
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, text in (
            (".gitignore", "# Created by wenlint: its result cache, never committed.\n*\n"),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by wenlint.\n",
            ),
        ):
            p = self.folder / name
            if not p.exists():
                _write_atomic(p, text.encode())
        for entry in os.scandir(self.folder):
            if entry.is_dir(follow_symlinks=False) and entry.name != __version__:
                _remove_tree(Path(entry.path))

    # -- keys ------------------------------------------------------------------------------------
    def settings(self, ruleset: RuleSet) -> str | None:
        """The settings key of ``ruleset`` (None: it holds a value the cache cannot write)."""
        held = self._settings.get(id(ruleset))
        if held is None or held[0] is not ruleset:
            try:
                key: str | None = _digest(_dumps(settings_of(ruleset, self.versions)).encode())
            except Uncacheable:
                key = None
            held = self._settings[id(ruleset)] = (ruleset, key)
        return held[1]

    def path(self, settings: str, key: str) -> Path:
        """The entry file of file ``key`` (its absolute path) under ``settings``."""
        return self.dir / settings / _digest(key.encode("utf-8", "surrogatepass"))

    # -- entries ---------------------------------------------------------------------------------
    def row(self, settings: str, key: str) -> tuple[str, int] | None:
        """File ``key``'s entry: the content it holds for and when it was last used (its
        header alone is read), or None."""
        try:
            with open(self.path(settings, key), "rb") as fh:
                content = _header(fh, settings, key)
                return content, int(os.fstat(fh.fileno()).st_mtime)
        except (OSError, ValueError):
            return None

    def load(
        self,
        settings: str,
        key: str,
        content: str,
        path: str,
        ruleset: RuleSet,
        render_key: str | None = None,
        facts: bool = True,
    ) -> Hit | None:
        """The findings (for display path ``path``) and kept facts of file ``key`` (its absolute
        path), if its entry holds for ``content``; None otherwise (missing, corrupt, another
        content). When the entry holds the findings as rendered for ``render_key`` (see
        ``render_key``), the findings are light (``wenlint.check.light``: what the totals
        need) and the hit has their rendering (read as it is printed). Without ``facts``, the
        kept facts stay as text (``Hit.kept_text``, for ``facts_of``) until a cross-file rule
        needs them."""
        file = self.path(settings, key)
        try:
            fh = open(file, "rb")  # noqa: SIM115 (closed on every path, or kept by the hit)
        except OSError:
            return None
        try:
            ef = _EntryFile(fh, settings, key)
            if ef.content != content:
                fh.close()
                return None
            rendered = ef.rendering(render_key)
            diags = ef.findings(path, rendered is not None)
            kept_text = ef.text("kept")
            kept = self.facts_of(kept_text, ruleset) if facts else {}
            joined = json.loads(ef.text("joined") or "null")
        except Exception:  # whatever is wrong with an entry, it is a miss
            fh.close()
            return None
        if rendered is None and render_key is None:
            ef.detach()  # read whole (kept open only while a rendering may be added to it)
        hit = Hit(diags, kept, ef, rendered)
        hit.kept_text = None if facts or not kept_text else kept_text
        hit.joined = joined if isinstance(joined, dict) else None
        return hit

    @staticmethod
    def facts_of(kept_text: str, ruleset: RuleSet) -> dict[str, Any]:
        """Kept facts from their text in an entry (raises on anything that does not fit)."""
        if not kept_text:
            return {}
        modules = _modules(ruleset)
        return {_str(code): _decode(v, modules) for code, v in json.loads(kept_text).items()}

    @staticmethod
    def entry(
        diagnostics: Sequence[Diagnostic],
        kept: dict[str, Any],
        encoding: Sequence[str | None] = (),
    ) -> Entry | None:
        """The entry of a file's findings and kept facts (``spool`` writes it; the findings are
        made into text only then), or None when the facts hold what the cache cannot write
        (the file is then linted every time). ``encoding``: the encoding asked for (None:
        detected) and the one used."""
        try:
            kept_text = _dumps({code: _encode(v) for code, v in kept.items()}) if kept else ""
        except (Uncacheable, ValueError, TypeError):
            return None
        entry = Entry(len(diagnostics), encoding)
        entry.put("light", _lines(diagnostics, light_row))
        entry.put("full", _full(diagnostics))
        if kept_text:
            entry.put("kept", lambda: iter([kept_text]))
        return entry

    def spool(self, settings: str, key: str, content: str, entry: Entry) -> str | None:
        """Write ``entry`` to a temporary file in its settings folder, where ``note`` finds it
        (the name, or None when it could not be written or is too large)."""
        folder = self.dir / settings
        tmp = folder / f"{_TMP}{os.getpid()}-{os.urandom(4).hex()}"
        try:
            folder.mkdir(exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(f"{_head(settings, key, content)}\n".encode())
                sections = []
                for name, part in entry.parts:
                    sections.append(_write_part(fh, name, part))
                _write_trailer(fh, entry.n, entry.encoding, sections)
        except (Uncacheable, _TooLarge, ValueError, TypeError, OSError):
            _unlink(str(tmp))
            return None
        return str(tmp)

    @staticmethod
    def spooled_rendering(spool: str, render_key: str) -> Renderings | None:
        """The rendering ``render_key`` of the entry just spooled, read as it is printed."""
        try:
            fh = open(spool, "rb")  # noqa: SIM115 (kept open by what reads it)
        except OSError:
            return None
        try:
            ef = _EntryFile(fh, None, None)
            return ef.rendering(render_key, check=False)
        except Exception:
            fh.close()
            return None

    @staticmethod
    def joined(
        joined: Any, chain: str, path: str, render_key: str | None
    ) -> tuple[list[Diagnostic], Sequence[Any] | None] | None:
        """From an entry's ``joined`` part: the cross-file findings its file had when the run
        up to it (``chain``: every file before it, in order, and their contents) was the same,
        and their rendering for ``render_key``; None when it holds none for ``chain``."""
        if not isinstance(joined, dict) or joined.get("chain") != chain:
            return None
        try:
            rendered = _rendering(joined.get("rendered"), render_key, len(joined["light"]))
            return _findings(joined, path, rendered is not None), rendered
        except Exception:  # a miss
            return None

    def note_joined(
        self,
        settings: str,
        key: str,
        content: str,
        chain: str,
        diagnostics: Sequence[Diagnostic],
        render_key: str | None,
        rendered: Sequence[Any] | None,
    ) -> None:
        """In the main process: the cross-file findings of file ``key`` for ``chain`` (its
        entry, made in this run or read from the folder, is written again with them)."""
        pending = self._pending
        ours = pending is not None and pending[:3] == (settings, key, content)
        source = pending[3] if pending is not None and ours else str(self.path(settings, key))
        try:
            fh = open(source, "rb")  # noqa: SIM115 (closed below)
        except OSError:
            return
        try:
            ef = _EntryFile(fh, settings, key)
            if ef.content != content:
                return
            old = json.loads(ef.text("joined") or "null")
            # rendered: the whole findings are not kept (a reporter without this rendering
            # makes the join again); otherwise the whole findings alone
            shown = render_key is not None and rendered is not None and _texts(rendered)
            joined: dict[str, Any] = {"chain": chain, **_both(diagnostics, whole=not shown)}
            if isinstance(old, dict) and old.get("chain") == chain:
                joined["rendered"] = old.get("rendered", [])  # the same findings: kept
                if joined["full"] is None:
                    joined["full"] = old.get("full")
            if shown and render_key is not None and rendered is not None:
                self.add_rendering(joined, render_key, rendered)
            text = _dumps(joined)
            if ours:  # the entry made in this run: the part is added at its end
                fh.close()
                with open(source, "r+b") as out:
                    _append_part(out, "joined", text)
                return
            entry = ef.entry()
            entry.put("joined", lambda: iter([text]))
            spool = self.spool(settings, key, content, entry)
        except (Uncacheable, _TooLarge, ValueError, TypeError, AttributeError, OSError):
            if ours:  # an entry without its cross-file findings would be wrong
                _unlink(source)
                self._pending = None
            return
        finally:
            fh.close()
        if spool is not None:
            self._put()
            self._pending = (settings, key, content, spool)

    @staticmethod
    def add_rendering(entry: dict[str, Any], render_key: str, rendered: Sequence[Any]) -> None:
        """Keep ``rendered`` (the cross-file findings of a ``joined`` part as a reporter printed
        them) for ``render_key``: the newest ``MAX_RENDERINGS`` are kept."""
        held = entry.get("rendered")
        if not isinstance(held, list):
            held = []
        held = [r for r in held if isinstance(r, list) and r and r[0] != render_key]
        entry["rendered"] = [*held[-(MAX_RENDERINGS - 1) :], [render_key, list(rendered)]]

    def note(self, settings: str, key: str, content: str, spool: str | None) -> None:
        """In the main process: file ``key`` was read from the cache (``spool`` None) or linted
        into the temporary entry file ``spool``; the entry of the file before is put in place."""
        self._put()
        if spool:
            self._pending = (settings, key, content, spool)
        elif spool is None:
            self._used.setdefault(settings, set()).add(key)

    def _put(self) -> None:
        """The entry in hand goes in place."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        settings, key, _, spool = pending
        try:
            os.replace(spool, self.path(settings, key))
            self._wrote.add(settings)
        except OSError:
            _unlink(spool)

    def save(self, now: float | None = None) -> None:
        """Put the last entry in place; refresh the time of entries used (at most daily, so a
        re-run that only reads writes nothing); drop entries unused for ``MAX_AGE`` and the
        least recently used past ``MAX_ENTRIES`` in the settings this run wrote in, settings
        folders unused for ``MAX_AGE`` and temporary files a killed run left. A folder that
        cannot be written is left as it is."""
        self._put()
        now = time.time() if now is None else now
        stamp = int(now)
        for settings, used in self._used.items():
            folder, stale = self.dir / settings, 0
            for key in used:
                p = self.path(settings, key)
                with contextlib.suppress(OSError):
                    if stamp - os.stat(p).st_mtime > REFRESH:
                        os.utime(p, (now, now))
                        stale += 1
            if stale:
                with contextlib.suppress(OSError):
                    os.utime(folder, (now, now))
        for settings in self._wrote:
            self.prune_entries(settings, now)
        self._used.clear()
        self._wrote.clear()
        self.prune(now)

    def prune_entries(self, settings: str, now: float | None = None) -> int:
        """In one settings folder: drop entries unused for ``MAX_AGE``, the least recently used
        past ``MAX_ENTRIES``, and temporary files a killed run left (older than an hour); how
        many went."""
        now = time.time() if now is None else now
        try:
            files = list(os.scandir(self.dir / settings))
        except OSError:
            return 0
        gone, kept = 0, []
        for e in files:
            try:
                when = e.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if e.name.startswith(_TMP):
                if now - when > 3600:
                    gone += _unlink(e.path)
            elif now - when > MAX_AGE:
                gone += _unlink(e.path)
            else:
                kept.append((when, e.path))
        if len(kept) > MAX_ENTRIES:
            kept.sort(reverse=True)
            for _, p in kept[MAX_ENTRIES:]:
                gone += _unlink(p)
        return gone

    def prune(self, now: float | None = None) -> int:
        """Drop settings folders unused for ``MAX_AGE`` (and any other file there as old) and
        temporary files a killed run left (older than an hour); how many went."""
        now = time.time() if now is None else now
        try:
            files = list(os.scandir(self.dir))
        except OSError:
            return 0
        gone = 0
        for e in files:
            try:
                age = now - e.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if e.is_dir(follow_symlinks=False):
                if age > MAX_AGE:
                    _remove_tree(Path(e.path))
                    gone += 1
            elif age > (3600 if e.name.startswith(_TMP) else MAX_AGE):
                gone += _unlink(e.path)
        return gone


class Entry:
    """A file's entry before it is written: its parts, in order, each lines made when it is
    written (from the findings) or a byte range copied from the entry file it was read from."""

    def __init__(self, n: int, encoding: Iterable[str | None]) -> None:
        self.n = n
        self.encoding = list(encoding)
        self.parts: list[tuple[str, Any]] = []

    def put(self, name: str, part: Any) -> None:
        """Part ``name`` (replacing one of that name): a callable giving its lines, or the
        (file, offset, length) it is copied from."""
        self.parts = [p for p in self.parts if p[0] != name]
        self.parts.append((name, part))

    def _renderings(self) -> list[str]:
        return [name for name, _ in self.parts if name.startswith("r:")]

    def add_rendering(self, render_key: str, rendered: Sequence[Any]) -> bool:
        """Keep ``rendered`` (the findings as a reporter printed them) for ``render_key``: the
        newest ``MAX_RENDERINGS`` are kept. False when it is not one text per finding."""
        if len(rendered) != self.n or not _texts(rendered):
            return False
        self._make_room(render_key)
        self.put("r:" + render_key, _lines(rendered, None))
        return True

    def render(
        self,
        render_key: str,
        prepare: Callable[[FileResult], None],
        result: FileResult,
    ) -> None:
        """Keep the findings of ``result`` as ``prepare`` renders them, rendered ``CHUNK`` at a
        time as the entry is written (never the whole file's at once)."""
        from wenlint.check import FileResult

        diags, path, text, lines = result.diagnostics, result.path, result.text, result.lines

        def made() -> Iterator[str]:
            for i in range(0, len(diags), CHUNK):
                part = FileResult(path, diags[i : i + CHUNK], text=text, lines=lines)
                prepare(part)
                shown = part.rendered
                if shown is None or len(shown) != len(part.diagnostics) or not _texts(shown):
                    raise Uncacheable("not rendered")
                yield _dumps(shown)

        self._make_room(render_key)
        self.put("r:" + render_key, made)

    def _make_room(self, render_key: str) -> None:
        held = [n for n in self._renderings() if n != "r:" + render_key]
        drop = set(held[: max(0, len(held) - (MAX_RENDERINGS - 1))])
        self.parts = [p for p in self.parts if p[0] not in drop]


class _EntryFile:
    """An entry file opened for reading: its header and trailer, checked; its sections read
    when asked."""

    def __init__(self, fh: BinaryIO, settings: str | None, key: str | None) -> None:
        self.fh = fh
        st = os.fstat(fh.fileno())
        self.used = int(st.st_mtime)
        self.content = _header(fh, settings, key)
        start = fh.tell()
        size = st.st_size
        fh.seek(max(start, size - _TRAILER_MAX))
        tail = fh.read()
        if not tail.endswith(b"\n"):
            raise ValueError("cut")
        cut = tail.rfind(b"\n", 0, len(tail) - 1)
        if cut < 0 and size - _TRAILER_MAX > start:
            raise ValueError("no trailer")
        end = size - len(tail) + cut + 1
        trailer = json.loads(tail[cut + 1 :])
        n, sections = trailer["n"], trailer["s"]
        if not isinstance(n, int) or n < 0 or not isinstance(sections, list):
            raise ValueError("not a trailer")
        self.n, self.encoding, self.end = n, trailer.get("e", []), end
        self.sections: dict[str, tuple[int, int, str]] = {}
        for name, off, length, digest in sections:
            if not (
                isinstance(name, str)
                and isinstance(digest, str)
                and isinstance(off, int)
                and isinstance(length, int)
                and start <= off
                and length >= 0
                and off + length <= end
            ):
                raise ValueError("not a section")
            self.sections[name] = (off, length, digest)

    def detach(self) -> None:
        """Close the file (what was read stays usable; ``entry`` is not)."""
        self.fh.close()

    def lines(self, name: str) -> Iterator[Any]:
        """The JSON lines of section ``name``, decoded."""
        off, length, _ = self.sections[name]
        fh = self.fh
        fh.seek(off)
        left = length
        while left > 0:
            line = fh.readline(left)
            left -= len(line)
            if not line.endswith(b"\n"):
                raise ValueError("cut")
            yield json.loads(line)

    def text(self, name: str) -> str:
        """Section ``name`` as one text ("" when there is none)."""
        if name not in self.sections:
            return ""
        off, length, _ = self.sections[name]
        self.fh.seek(off)
        data = self.fh.read(length)
        if len(data) != length or not data.endswith(b"\n"):
            raise ValueError("cut")
        return data[:-1].decode("utf-8", "surrogatepass")

    def findings(self, path: str, rendered: bool) -> list[Diagnostic]:
        """The findings: light when their rendering is at hand, whole otherwise."""
        out: list[Diagnostic] = []
        if rendered:
            for rows in self.lines("light"):
                for code, name, sev, start, end, fix in rows:
                    if not (isinstance(code, str) and isinstance(name, str) and fix in (0, 1, 2)):
                        raise ValueError("not a finding")
                    out.append(light(path, code, name, sev, int(start), int(end), fix))
        else:
            for templates, rows in self.lines("full"):
                held = [_text(t) for t in templates]
                out.extend(_diagnostic(path, r, held) for r in rows)
        if len(out) != self.n:
            raise ValueError("not the findings")
        return out

    def rendering(self, render_key: str | None, check: bool = True) -> Renderings | None:
        """The findings as rendered for ``render_key`` (read as they are printed; the hash of
        the section checked first, unless not ``check``), or None."""
        name = None if render_key is None else "r:" + render_key
        if name is None or name not in self.sections:
            return None
        off, length, digest = self.sections[name]
        if check and _hash_range(self.fh, off, length) != digest:
            raise ValueError("not the rendering written")
        return Renderings(self.fh, off, length, self.n)

    def entry(self) -> Entry:
        """The entry again, its sections copied as they are (to be written with a change)."""
        entry = Entry(self.n, self.encoding)
        for name, (off, length, _) in self.sections.items():
            entry.put(name, (self.fh, off, length))
        return entry


class Renderings(Sequence[str]):
    """An entry's findings as a reporter rendered them, read from its file a line (``CHUNK``
    findings) at a time as they are printed. Pickled, it is a list."""

    def __init__(self, fh: BinaryIO, off: int, length: int, n: int) -> None:
        self._fh, self._end, self._n = fh, off + length, n
        self._starts = [off]  # where each line read so far starts
        self._line = -1
        self._items: list[Any] = []

    def __len__(self) -> int:
        return self._n

    def _load(self, line: int) -> list[Any]:
        if line != self._line:
            fh, starts = self._fh, self._starts
            while len(starts) <= line:  # (printed in order: one line after the other)
                fh.seek(starts[-1])
                starts.append(starts[-1] + len(fh.readline(self._end - starts[-1])))
            fh.seek(starts[line])
            raw = fh.readline(self._end - starts[line])
            if len(starts) == line + 1:
                starts.append(starts[line] + len(raw))
            want = min(CHUNK, self._n - line * CHUNK)
            try:
                items = json.loads(raw)
                if not (isinstance(items, list) and len(items) == want and _texts(items)):
                    raise ValueError("not a rendering")
            except ValueError:  # (its hash was checked: never, but then made by the reporter)
                items = [None] * want
            self._line, self._items = line, items
        return self._items

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        line, at = divmod(i, CHUNK)
        item: str = self._load(line)[at]
        return item

    def __iter__(self) -> Iterator[str]:
        for i in range(self._n):
            yield self[i]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


def _lines(items: Sequence[Any], each: Callable[[Any], Any] | None) -> Callable[[], Iterator[str]]:
    """The lines of a part: ``items`` (each made by ``each``), ``CHUNK`` a line."""

    def made() -> Iterator[str]:
        for i in range(0, len(items), CHUNK):
            part = items[i : i + CHUNK]
            yield _dumps(list(part) if each is None else [each(x) for x in part])

    return made


def _head(settings: str, key: str, content: str) -> str:
    return f"{HEADER}\t{FORMAT}\t{__version__}\t{settings}\t{content}\t{json.dumps(key)}"


def _header(fh: BinaryIO, settings: str | None, key: str | None) -> str:
    """The content an entry file holds for, from its header (raises ValueError when it is not
    an entry of this format and version, of ``settings`` and file ``key``)."""
    line = fh.readline(4096)
    if not line.endswith(b"\n"):
        raise ValueError("no header")
    parts = line[:-1].decode("utf-8").split("\t")
    if len(parts) != 6 or parts[:3] != [HEADER, str(FORMAT), __version__]:
        raise ValueError("another format or version")
    if settings is not None and (parts[3] != settings or json.loads(parts[5]) != key):
        raise ValueError("another entry")
    return parts[4]


def _write_part(fh: BinaryIO, name: str, part: Any) -> list[Any]:
    """Write one part; its section: name, offset, length, hash."""
    off = fh.tell()
    h = blake2b(digest_size=16)
    if isinstance(part, tuple):  # copied as it is
        src, start, length = part
        src.seek(start)
        left = length
        while left > 0:
            block = src.read(min(left, 1 << 20))
            if not block:
                raise ValueError("cut")
            left -= len(block)
            h.update(block)
            fh.write(block)
    else:
        for line in part():
            data = f"{line}\n".encode("utf-8", "surrogatepass")
            h.update(data)
            fh.write(data)
            if fh.tell() > MAX_ENTRY_BYTES:
                raise _TooLarge(name)
    if fh.tell() > MAX_ENTRY_BYTES:
        raise _TooLarge(name)
    return [name, off, fh.tell() - off, h.hexdigest()]


def _write_trailer(fh: BinaryIO, n: int, encoding: list[str | None], sections: list[Any]) -> None:
    fh.write(f"{_dumps({'n': n, 'e': encoding, 's': sections})}\n".encode())


def _append_part(fh: BinaryIO, name: str, text: str) -> None:
    """Add part ``name`` (one line) at the end of an entry file opened to be written, with a
    new trailer (the old one stays, read by none)."""
    ef = _EntryFile(fh, None, None)
    sections = [[k, *v] for k, v in ef.sections.items() if k != name]
    fh.seek(0, os.SEEK_END)
    sections.append(_write_part(fh, name, lambda: iter([text])))
    _write_trailer(fh, ef.n, ef.encoding, sections)


def _hash_range(fh: BinaryIO, off: int, length: int) -> str:
    h = blake2b(digest_size=16)
    fh.seek(off)
    left = length
    while left > 0:
        block = fh.read(min(left, 1 << 20))
        if not block:
            break
        left -= len(block)
        h.update(block)
    return h.hexdigest()


class Hit:
    """What an entry gave for a file: its findings and kept facts, the entry file (to write it
    again with a rendering), and the findings' rendering for the reporter of the run when it
    holds one."""

    __slots__ = ("data", "diagnostics", "joined", "kept", "kept_text", "rendered")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        kept: dict[str, Any],
        data: _EntryFile,
        rendered: Sequence[str] | None,
    ) -> None:
        self.diagnostics, self.kept, self.data, self.rendered = diagnostics, kept, data, rendered
        self.kept_text: str | None = None
        self.joined: dict[str, Any] | None = None


def _both(diagnostics: Sequence[Diagnostic], whole: bool = True) -> dict[str, Any]:
    """Cross-file findings as a ``joined`` part holds them: light rows, and (unless not
    ``whole``: None) whole rows as one text."""
    return {
        "light": [light_row(d) for d in diagnostics],
        "full": _dumps([_row(d) for d in diagnostics]) if whole else None,
    }


def _findings(part: dict[str, Any], path: str, rendered: bool) -> list[Diagnostic]:
    """A ``joined`` part's findings: light when their rendering is at hand, whole otherwise."""
    if rendered:
        out = []
        for code, name, sev, start, end, fix in part["light"]:
            if not (isinstance(code, str) and isinstance(name, str) and fix in (0, 1, 2)):
                raise ValueError("not a finding")
            out.append(light(path, code, name, sev, int(start), int(end), fix))
        return out
    rows = json.loads(_str(part["full"]))
    if not isinstance(rows, list) or len(rows) != len(part["light"]):
        raise ValueError("not findings")
    return [_diagnostic(path, r) for r in rows]


def _texts(items: Iterable[Any]) -> bool:
    return all(type(x) is str for x in items)


def _rendering(held: Any, render_key: str | None, count: int) -> list[Any] | None:
    """The rendering kept for ``render_key``, when there is one of ``count`` strings."""
    if render_key is None or not isinstance(held, list):
        return None
    for item in held:
        if isinstance(item, list) and len(item) == 2 and item[0] == render_key:
            out = item[1]
            if isinstance(out, list) and len(out) == count and all(type(x) is str for x in out):
                return out
    return None


def render_key(prepare: Any) -> str | None:
    """What a reporter's rendering of a finding depends on, besides the finding and wenlint's
    code (in the settings): the renderer's class and its public settings (language, colour,
    width, labels...), read when the run starts. None: it cannot be told (nothing is kept)."""
    owner = getattr(prepare, "__self__", None)
    if owner is None:
        return None
    try:
        value = [type(owner).__module__, type(owner).__qualname__, _public(owner, 0)]
        return _digest(_dumps(value).encode())
    except (Uncacheable, ValueError, TypeError):
        return None


def _public(v: Any, depth: int) -> Any:
    """``v`` as plain data, objects by their public attributes (what they were made with)."""
    if depth > 4:
        raise Uncacheable("nested too deep")
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, list | tuple):
        return [_public(x, depth + 1) for x in v]
    if isinstance(v, dict):
        return [
            "dict",
            sorted([_dumps(_public(k, depth + 1)), _public(x, depth + 1)] for k, x in v.items()),
        ]
    if isinstance(v, type) or callable(getattr(v, "__func__", None)) or hasattr(v, "__code__"):
        raise Uncacheable("a function")  # only data says how a renderer renders
    attrs = getattr(v, "__dict__", None)
    if isinstance(attrs, dict):
        return [
            type(v).__qualname__,
            [[k, _public(x, depth + 1)] for k, x in sorted(attrs.items()) if not k.startswith("_")],
        ]
    return canon(v)


def content_key(raw: bytes, encoding: str = "utf-8", asked: str | None = None) -> str:
    """What an entry was made from: the encoding asked for (``--encoding`` or the config's;
    ``*``: detected), the codec the bytes were read with, and the hash of both with the bytes
    (one file read as GB18030 or, with ``--encoding``, as Big5 is two texts). The first two are
    in clear: a re-run hashes the bytes with that codec, without decoding them again."""
    h = blake2b(encoding.encode(), digest_size=20)
    h.update(b"\0")
    h.update(raw)
    return f"{asked or '*'}:{encoding}:{h.hexdigest()}"


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{_TMP}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        _unlink(str(tmp))
        raise


def _unlink(path: str) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# -- settings -------------------------------------------------------------------------------------

_CODE: list[Any] = []


def code_identity() -> list[Any]:
    """wenlint's own files (code and data): relative name, size, modification time. Read once
    per process."""
    if not _CODE:
        import wenlint
        import wenlint.rules

        out: list[Any] = [__version__, sys.version]
        for root in dict.fromkeys([*wenlint.__path__, *wenlint.rules.__path__]):
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for f in sorted(files):
                    p = os.path.join(folder, f)
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    out.append([os.path.relpath(p, root), st.st_size, st.st_mtime_ns])
        _CODE.append(out)
    return list(_CODE[0])


def settings_of(ruleset: RuleSet, versions: dict[str, str]) -> list[Any]:
    """Everything but the file a finding depends on, as plain data."""
    registry = ruleset.registry
    rules = []
    for rule in ruleset.rules:
        cls = type(rule)
        module = sys.modules.get(cls.__module__)
        source = getattr(module, "__file__", None)
        stat: list[Any] = []
        if source:
            try:
                st = os.stat(source)
                stat = [source, st.st_size, st.st_mtime_ns]
            except OSError:
                pass
        origin = registry.origin.get(rule.code, "")
        # what else its findings depend on: a rule's ``cache_key()`` (say, the data file it
        # reads), or whether it can run here (``unavailable()``: an optional install)
        extra = getattr(rule, "cache_key", None) or getattr(rule, "unavailable", None)
        rules.append(
            [
                rule.code,
                cls.__module__,
                cls.__qualname__,
                int(ruleset.severity[rule.code]),
                origin,
                versions.get(origin, ""),
                stat,
                canon(rule.options),
                canon(extra()) if callable(extra) else None,
            ]
        )
    c = ruleset.config
    config = [
        str(c.root),
        canon(c.per_file_ignores),
        canon(c.rules),
        canon(c.dictionary),
        canon(c.style),
        c.where,
    ]
    return [FORMAT, code_identity(), rules, config]


def canon(v: Any) -> Any:
    """``v`` as plain data that is the same in every process (sets sorted, no addresses)."""
    import enum

    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, enum.Enum):
        return [type(v).__qualname__, v.name]
    if isinstance(v, list | tuple):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return ["dict", sorted([_dumps(canon(k)), canon(x)] for k, x in v.items())]
    if isinstance(v, set | frozenset):
        return ["set", sorted(_dumps(canon(x)) for x in v)]
    if isinstance(v, Record):  # as a dataclass of the same fields
        return [type(v).__qualname__, [[k, canon(x)] for k, x in v._asdict().items()]]
    # (a plugin's dataclass: none exists unless its module was imported)
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is not None and dataclasses.is_dataclass(v) and not isinstance(v, type):
        return [
            type(v).__qualname__,
            [[f.name, canon(getattr(v, f.name))] for f in dataclasses.fields(v)],
        ]
    if isinstance(v, os.PathLike):
        return str(v)
    pattern = getattr(v, "pattern", None)
    if isinstance(pattern, str | bytes) and hasattr(v, "flags"):
        return ["re", canon(pattern if isinstance(pattern, str) else pattern.hex()), v.flags]
    text = repr(v)
    if " at 0x" in text:
        raise Uncacheable(text)
    return ["repr", type(v).__qualname__, text]


# -- findings as rows -----------------------------------------------------------------------------


def _t(m: Any) -> list[str]:
    return [m.zh, m.en]


#: The types of a finding's argument that JSON gives back as they were (not, say, an enum).
_EXACT = frozenset([str, int, bool, float, type(None)])


class _Templates:
    """The message templates of a line of whole findings, each once: a message made from its
    finding's own arguments is held as its template's index and formatted again when it is
    read back (the other language is never formatted: a run shows one)."""

    __slots__ = ("_at", "held")

    def __init__(self) -> None:
        self._at: dict[int, int] = {}
        self.held: list[T] = []  # (holding each keeps its id unique while the line is made)

    def msg(self, m: Any, args: Any) -> Any:
        """``m`` as a row holds it: its template's index, or its two texts."""
        if type(m) is not Message or m.args is not args:
            return [m.zh, m.en]
        i = self._at.get(id(m.template))
        if i is None:
            i = self._at[id(m.template)] = len(self.held)
            self.held.append(m.template)
        return i


def _full(items: Sequence[Diagnostic]) -> Callable[[], Iterator[str]]:
    """The lines of the whole findings: ``[templates, rows]`` of ``CHUNK`` findings each."""

    def made() -> Iterator[str]:
        for i in range(0, len(items), CHUNK):
            table = _Templates()
            rows = [_row(d, table) for d in items[i : i + CHUNK]]
            yield _dumps([[[_str(t.zh), _str(t.en)] for t in table.held], rows])

    return made


def _exact(args: Any) -> bool:
    """Whether ``args`` read back from JSON formats a message as it did."""
    for v in args.values():
        kind = type(v)
        if kind not in _EXACT or (kind is float and not math.isfinite(v)):
            return False
    return True


def _row(d: Diagnostic, table: _Templates | None = None) -> list[Any]:
    """A finding as plain data; given ``table``, its messages may be held by template."""
    fix, args = d.fix, d.args
    if table is not None and _exact(args):
        message: Any = table.msg(d.message, args)
        help_ = None if d.help is None else table.msg(d.help, args)
        plain: dict[str, Any] = {str(k): v for k, v in args.items()}
    else:
        message = _t(d.message)
        help_ = None if d.help is None else _t(d.help)
        plain = {str(k): _plain(v) for k, v in args.items()}
    return [
        d.code,
        d.name,
        int(d.severity),
        d.span.start,
        d.span.end,
        message,
        help_,
        None
        if fix is None
        else [fix.applicability.value, [[e.start, e.end, e.text] for e in fix.edits]],
        [
            [
                r.span.start,
                r.span.end,
                _t(r.note),
                r.path,
                None if r.position is None else list(r.position),
            ]
            for r in d.related
        ],
        list(d.position),
        plain,
    ]


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return str(v)


def _diagnostic(path: str, row: list[Any], templates: Sequence[T] = ()) -> Diagnostic:
    code, name, sev, start, end, msg, help_, fix, related, position, args = row
    if not (isinstance(code, str) and isinstance(name, str) and isinstance(args, dict)):
        raise ValueError("not a finding")
    line, col, end_line, end_col = position
    return Diagnostic(
        path,
        code,
        name,
        Severity(sev),
        Span(int(start), int(end)),
        _message(msg, templates, args),
        None if help_ is None else _message(help_, templates, args),
        None
        if fix is None
        else Fix(tuple(Edit(int(s), int(e), _str(t)) for s, e, t in fix[1]), Applicability(fix[0])),
        tuple(
            Related(
                Span(int(s), int(e)),
                _text(note),
                None if p is None else _str(p),
                None if pos is None else _position(pos),
            )
            for s, e, note, p, pos in related
        ),
        (int(line), int(col), int(end_line), int(end_col)),
        args,
    )


def _position(pos: list[Any]) -> tuple[int, int, int, int]:
    a, b, c, d = pos
    return int(a), int(b), int(c), int(d)


def _text(pair: list[Any]) -> T:
    zh, en = pair
    return T(zh=_str(zh), en=_str(en))


def _message(held: Any, templates: Sequence[T], args: dict[str, Any]) -> T | Message:
    """A message from a row: its texts, or its template's index (with the finding's arguments)."""
    if type(held) is not int:
        return _text(held)
    if not 0 <= held < len(templates):
        raise ValueError("not a message")
    return Message(templates[held], args)


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError("not a string")
    return v


# -- kept facts as plain data ---------------------------------------------------------------------
# Facts are plain values, tuples, lists, dicts with string keys, bytes, arrays and named tuples
# whose class is defined in the module of a selected rule (only such a class is built back).


def _encode(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        if isinstance(v, float) and v != v:
            raise Uncacheable("NaN")
        return v
    from array import array
    from base64 import b64encode

    if isinstance(v, array):
        return ["a", v.typecode, b64encode(v.tobytes()).decode()]
    if isinstance(v, bytes | bytearray):
        return ["b", b64encode(v).decode()]
    if isinstance(v, tuple) and hasattr(type(v), "_fields"):
        cls = type(v)
        return ["n", cls.__module__, cls.__qualname__, [_encode(x) for x in v]]
    if isinstance(v, Record):  # as a named tuple of the same fields: the same bytes
        rec = type(v)
        return ["n", rec.__module__, rec.__qualname__, [_encode(x) for x in v._values(v)]]
    if type(v) is tuple:
        return ["t", [_encode(x) for x in v]]
    if type(v) is list:
        return ["l", [_encode(x) for x in v]]
    if type(v) is dict and all(isinstance(k, str) for k in v):
        return ["d", [[k, _encode(x)] for k, x in v.items()]]
    raise Uncacheable(type(v).__qualname__)


def _modules(ruleset: RuleSet) -> set[str]:
    return {type(r).__module__ for r in ruleset.rules}


def _decode(v: Any, modules: set[str]) -> Any:
    if not isinstance(v, list):
        return v
    tag = v[0]
    if tag == "a":
        from array import array
        from base64 import b64decode

        a = array(v[1])
        a.frombytes(b64decode(v[2], validate=True))
        return a
    if tag == "b":
        from base64 import b64decode

        return b64decode(v[1], validate=True)
    if tag == "t":
        return tuple(_decode(x, modules) for x in v[1])
    if tag == "l":
        return [_decode(x, modules) for x in v[1]]
    if tag == "d":
        return {_str(k): _decode(x, modules) for k, x in v[1]}
    if tag == "n":
        _, module, qualname, items = v
        if module not in modules:
            raise ValueError(f"facts of a class outside the selected rules: {module}")
        cls: Any = sys.modules[module]
        for part in qualname.split("."):
            cls = getattr(cls, part)
        if isinstance(cls, type) and issubclass(cls, Record):
            return cls(*[_decode(x, modules) for x in items])
        if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
            raise ValueError("not a named tuple or a record")
        return cls._make(_decode(x, modules) for x in items)  # type: ignore[attr-defined]
    raise ValueError(f"unknown tag {tag!r}")
