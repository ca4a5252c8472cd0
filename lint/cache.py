"""The result cache: a file's findings are linted once, and read back while the file, wenlint and
the effective settings stay the same.

Like ruff's cache, an entry belongs to one file under one set of settings and says for which
content it holds: the folder ``.wenlint_cache/<version>/`` (beside the config, or in the current
folder; ``--cache-dir`` elsewhere, ``--no-cache`` or ``WENLINT_NO_CACHE=1`` without) has one table
per settings key, with one entry per file (its absolute path): the hash of the bytes it was made
from, the findings, and the facts cross-file rules kept (so a re-run only joins them again).

- **Settings** are everything a finding depends on but the file: wenlint's version and the
  identity of its code and data (each file's size and modification time, so an edited rule or
  word list is a new setting even without a new version), the Python version, every selected
  rule (its code, class, source file, severity and options, and what its optional
  ``cache_key()`` or ``unavailable()`` says: an optional install it needs) with the versions of
  the plugins that bring them, and the config (dictionary, house-style rules, per-file ignores).
- An entry is **JSON**, read back only as plain values (never unpickled: a cache folder someone
  else wrote cannot run code), and only when its version, settings, file and content hash all
  match; anything that does not parse or does not fit is a miss (and is written again), never an
  error. A finding's message is stored in both languages; its arguments as JSON values.
- **Writes are atomic** (a temporary file in the folder, then ``os.replace``), done once per
  run by the main process (worker processes send their new entries back with the results), so a
  run reads whole tables or none, a run killed mid-write leaves no half table, and two runs sharing
  the folder merge what they wrote (at worst one's new entries are lost, and made again).
- **What a re-run reads back**: an entry holds the findings twice, light (code, name, severity,
  span, whether a fix is safe: what the totals need) and whole (as one text, read only when
  needed), the kept facts as text (decoded only when a cross-file rule needs them), and the
  findings as the reporter rendered them, per reporter's settings (``render_key``: format,
  language, colour, width; and the file's name as shown): a file whose bytes hash to its entry's
  content, with the codec the entry names, is read back without being decoded, its findings
  printed as rendered then. Cross-file findings are kept per file for the **chain** of the
  run before it (each earlier file's settings, name, path and content hash, in order): while
  the chain is the same, a file gets its cross-file findings back and the join is not made;
  the first file where it is not has every earlier file's facts replayed into the rules, and
  the join goes on as in a run without the cache (``wenlint.check.Checker.cross_file``).
- **Bounded**: an edited file replaces its own entry; entries unused for ``MAX_AGE`` go, and past
  ``MAX_ENTRIES`` per table the least recently used; tables unused for ``MAX_AGE`` go; folders of
  other versions are removed (never trusted).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint import __version__
from wenlint.check import light, light_row
from wenlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Related
from wenlint.document import Span
from wenlint.rule import Severity, T

if TYPE_CHECKING:
    from wenlint.runner import RuleSet

FOLDER = ".wenlint_cache"
#: Entries of one table kept at most (the least recently used go first), and the age of an
#: unused one or table.
MAX_ENTRIES = 20_000
MAX_AGE = 30 * 24 * 3600.0
FORMAT = 2  # the layout of an entry
#: Renderings of an entry's findings kept, one per reporter's settings (format, language,
#: colour, width...): the most recent go on, the oldest are dropped.
MAX_RENDERINGS = 3
_TMP = ".tmp-"


class Uncacheable(Exception):
    """A value the cache cannot write as plain data (the file is linted every time)."""


def default_folder(config_path: Path | None) -> Path:
    """``.wenlint_cache`` beside the config file, or in the current folder."""
    return (config_path.parent if config_path is not None else Path.cwd()) / FOLDER


class Cache:
    """One cache folder. ``prepare`` creates it (raises ``OSError`` when it cannot).

    Each settings key has one table file, ``<version>/<settings>``: a header line, then one line
    per file, ``path<TAB>content hash<TAB>last used<TAB>entry`` (the path as a JSON string, the
    entry a JSON document: the findings and the kept facts). Processes that lint read the table
    (a forked worker inherits the main process's); the main process alone writes it, once at the
    end of a run, merged with what another run wrote meanwhile."""

    def __init__(self, folder: Path, versions: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.versions = versions or {}  # plugin distribution -> version
        self.dir = folder / __version__
        self._settings: dict[int, tuple[RuleSet, str | None]] = {}
        # settings -> path -> [content hash, last used, entry]; and the table file's identity
        self._tables: dict[str, dict[str, list[Any]]] = {}
        self._stat: dict[str, tuple[int, int, int] | None] = {}
        self._used: dict[str, set[str]] = {}  # hits of this run, per settings
        self._new: dict[str, dict[str, list[Any]]] = {}  # entries made in this run

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

    def table(self, settings: str) -> dict[str, list[Any]]:
        """The entries of ``settings`` (read once per process; unreadable lines are left out)."""
        t = self._tables.get(settings)
        if t is None:
            t, self._stat[settings] = _read_table(self.dir / settings, settings)
            self._tables[settings] = t
        return t

    # -- entries ---------------------------------------------------------------------------------
    def row(self, settings: str, key: str) -> list[Any] | None:
        """The table's row of file ``key``: [content hash, last used, entry], or None."""
        return self.table(settings).get(key)

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
        need) and the hit has their rendering. Without ``facts``, the kept facts stay as
        text (``Hit.kept_text``, for ``facts_of``) until a cross-file rule needs them."""
        row = self.table(settings).get(key)
        if row is None or row[0] != content:
            return None
        try:
            data = json.loads(row[2])
            rendered = _rendering(data.get("rendered"), render_key, len(data["light"]))
            diags = _findings(data, path, rendered is not None)
            kept_text = _str(data["kept"])
            kept = self.facts_of(kept_text, ruleset) if facts else {}
            joined = data.get("joined")
        except Exception:  # whatever is wrong with an entry, it is a miss
            return None
        hit = Hit(diags, kept, data, rendered)
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
    ) -> dict[str, Any] | None:
        """The entry of a file's findings and kept facts (as plain data: ``dump`` writes it),
        or None when they hold what the cache cannot write (the file is then linted every
        time). ``encoding``: the encoding asked for (None: detected) and the one used.

        The findings are there twice: light (what the totals need, with their rendering) and
        whole, as text read only when no rendering for the run's reporter is kept; the facts
        too are text, read only when a cross-file rule needs them."""
        try:
            return {
                **_both(diagnostics),
                "kept": _dumps({code: _encode(v) for code, v in kept.items()}) if kept else "",
                "encoding": list(encoding),
            }
        except (Uncacheable, ValueError, TypeError):
            return None

    @staticmethod
    def dump(entry: dict[str, Any]) -> str | None:
        try:
            return _dumps(entry)
        except (ValueError, TypeError):
            return None

    @staticmethod
    def add_rendering(entry: dict[str, Any], render_key: str, rendered: Sequence[Any]) -> None:
        """Keep ``rendered`` (the findings of the entry as a reporter printed them) for
        ``render_key``: the newest ``MAX_RENDERINGS`` are kept."""
        held = entry.get("rendered")
        if not isinstance(held, list):
            held = []
        held = [r for r in held if isinstance(r, list) and r and r[0] != render_key]
        entry["rendered"] = [*held[-(MAX_RENDERINGS - 1) :], [render_key, list(rendered)]]

    @staticmethod
    def joined(
        joined: Any, chain: str, path: str, render_key: str | None
    ) -> tuple[list[Diagnostic], list[Any] | None] | None:
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
        entry, read from the table or made in this run, is written again with them)."""
        new = self._new.get(settings, {}).get(key)
        base = new if new is not None else self.table(settings).get(key)
        if base is None or base[0] != content:
            return
        try:
            # rendered: the whole findings are not kept (a reporter without this rendering
            # makes the join again); otherwise the whole findings alone
            shown = render_key is not None and rendered is not None and _texts(rendered)
            joined: dict[str, Any] = {"chain": chain, **_both(diagnostics, whole=not shown)}
            if new is not None and base[2].endswith("}") and '"joined":' not in base[2]:
                data = None  # made in this run, without this part: added to its text
            else:
                data = json.loads(base[2])
                old = data.get("joined")
                if isinstance(old, dict) and old.get("chain") == chain:
                    joined["rendered"] = old.get("rendered", [])  # the same findings: kept
                    if joined["full"] is None:
                        joined["full"] = old.get("full")
            if shown and render_key is not None and rendered is not None:
                self.add_rendering(joined, render_key, rendered)
            if data is None:
                entry = f'{base[2][:-1]},"joined":{_dumps(joined)}}}'
            else:
                data["joined"] = joined
                entry = _dumps(data)
        except (Uncacheable, ValueError, TypeError, AttributeError):
            return
        self._new.setdefault(settings, {})[key] = [content, 0, entry]

    def note(
        self, settings: str, key: str, content: str, entry: str | dict[str, Any] | None
    ) -> None:
        """In the main process: file ``key`` was read from the cache (``entry`` None) or linted
        into ``entry``; ``save`` writes it down."""
        if isinstance(entry, dict):  # not made into text where the file was linted
            entry = self.dump(entry)
            if entry is None:
                return
        if entry is None:
            self._used.setdefault(settings, set()).add(key)
        else:
            self._new.setdefault(settings, {})[key] = [content, 0, entry]

    def save(self, now: float | None = None) -> None:
        """Write the tables this run changed, merged with what another run wrote since they
        were read; refresh the time of entries used (at most daily, so a re-run that only reads
        writes nothing); drop entries unused for ``MAX_AGE``, the least recently used past
        ``MAX_ENTRIES``, tables unused for ``MAX_AGE`` and temporary files a killed run left. A
        folder that cannot be written is left as it is."""
        now = time.time() if now is None else now
        stamp = int(now)
        for settings in {*self._new, *self._used}:
            table = self.table(settings)
            new = self._new.get(settings, {})
            used = self._used.get(settings, set())
            stale = [k for k in used if k in table and stamp - table[k][1] > REFRESH]
            if not new and not stale:
                continue
            path = self.dir / settings
            if _identity(path) != self._stat.get(settings):  # another run wrote it meanwhile
                table = {**_read_table(path, settings)[0], **table}
            for k in used:
                if k in table:
                    table[k][1] = stamp
            for k, row in new.items():
                table[k] = [row[0], stamp, row[2]]
            rows = [(k, r) for k, r in table.items() if stamp - r[1] <= MAX_AGE]
            if len(rows) > MAX_ENTRIES:
                rows.sort(key=lambda kr: -kr[1][1])
                del rows[MAX_ENTRIES:]
            lines = [f"{HEADER}\t{FORMAT}\t{__version__}\t{settings}\n"]
            lines += [f"{_dumps(k)}\t{r[0]}\t{r[1]}\t{r[2]}\n" for k, r in rows]
            with contextlib.suppress(OSError):
                _write_atomic(path, "".join(lines).encode())
                self._tables[settings] = dict(rows)
                self._stat[settings] = _identity(path)
        self._new.clear()
        self._used.clear()
        self.prune(now)

    def prune(self, now: float | None = None) -> int:
        """Drop tables unused for ``MAX_AGE`` and temporary files a killed run left (older than
        an hour); how many went."""
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
            if age > (3600 if e.name.startswith(_TMP) else MAX_AGE):
                gone += _unlink(e.path)
        return gone


class Hit:
    """What an entry gave for a file: its findings and kept facts, the entry as read (plain
    data), and the findings' rendering for the reporter of the run when it holds one."""

    __slots__ = ("data", "diagnostics", "joined", "kept", "kept_text", "rendered")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        kept: dict[str, Any],
        data: dict[str, Any],
        rendered: list[Any] | None,
    ) -> None:
        self.diagnostics, self.kept, self.data, self.rendered = diagnostics, kept, data, rendered
        self.kept_text: str | None = None
        self.joined: dict[str, Any] | None = None


def _both(diagnostics: Sequence[Diagnostic], whole: bool = True) -> dict[str, Any]:
    """Findings as an entry holds them: light rows, and (unless not ``whole``: None) whole
    rows as one text."""
    return {
        "light": [light_row(d) for d in diagnostics],
        "full": _dumps([_row(d) for d in diagnostics]) if whole else None,
    }


def _findings(part: dict[str, Any], path: str, rendered: bool) -> list[Diagnostic]:
    """An entry's findings: light when their rendering is at hand, whole otherwise."""
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


def _texts(items: Sequence[Any]) -> bool:
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


HEADER = "wenlint-cache"
#: A used entry's time is written again when it is older than this (seconds).
REFRESH = 24 * 3600


def _read_table(path: Path, settings: str) -> tuple[dict[str, list[Any]], Any]:
    """The entries of a table file, and the file's identity (None when there is none)."""
    try:
        with open(path, "rb") as fh:
            ident = _identity_fd(fh.fileno())
            text = fh.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, None
    lines = text.split("\n")
    if lines[0] != f"{HEADER}\t{FORMAT}\t{__version__}\t{settings}":
        return {}, ident  # another format, version or settings: nothing is trusted
    out: dict[str, list[Any]] = {}
    for line in lines[1:]:
        parts = line.split("\t", 3)
        if len(parts) != 4:
            continue
        try:
            key = json.loads(parts[0])
            used = int(parts[2])
        except ValueError:
            continue
        if isinstance(key, str):
            out[key] = [parts[1], used, parts[3]]
    return out, ident


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _identity_fd(fd: int) -> tuple[int, int, int]:
    st = os.fstat(fd)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def content_key(raw: bytes, encoding: str = "utf-8", asked: str | None = None) -> str:
    """What an entry was made from: the encoding asked for (``--encoding`` or the config's;
    ``*``: detected), the codec the bytes were read with, and the hash of both with the bytes
    (one file read as GB18030 or, with ``--encoding``, as Big5 is two texts). The first two are
    in clear: a re-run hashes the bytes with that codec, without decoding them again."""
    import hashlib

    h = hashlib.blake2b(encoding.encode(), digest_size=20)
    h.update(b"\0")
    h.update(raw)
    return f"{asked or '*'}:{encoding}:{h.hexdigest()}"


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=20).hexdigest()


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
    import dataclasses
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
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
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


def _row(d: Diagnostic) -> list[Any]:
    fix = d.fix
    return [
        d.code,
        d.name,
        int(d.severity),
        d.span.start,
        d.span.end,
        _t(d.message),
        None if d.help is None else _t(d.help),
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
        {str(k): _plain(v) for k, v in d.args.items()},
    ]


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return str(v)


def _diagnostic(path: str, row: list[Any]) -> Diagnostic:
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
        _text(msg),
        None if help_ is None else _text(help_),
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
        if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
            raise ValueError("not a named tuple")
        return cls._make(_decode(x, modules) for x in items)  # type: ignore[attr-defined]
    raise ValueError(f"unknown tag {tag!r}")
