"""Configuration: discovery, parsing and validation.

Looked up by walking up from the linted file's directory: ``wenlint.toml``, ``.wenlint.toml``, or a
``pyproject.toml`` that has a ``[tool.wenlint]`` table. Unknown keys and bad values are errors that
name the key and the file.

Discovery is bounded, so that a config planted by someone else is never obeyed (git's lesson of
CVE-2022-24765, ``safe.directory``): the walk stops at the root of a repository (a folder holding
``.git``, a folder or a worktree's file) and at the home folder, and never reads above them. A
config that someone other than the user (or root) could have written is ignored with one
warning: a file owned by another user, writable by others, or in a folder owned by another user
or writable by others without the sticky bit (``/tmp`` has it: only a file's owner may replace it
there). Group write counts unless the group is the owner's own (a user private group: same name,
no other member). ``--config FILE`` names a config explicitly and is always read.
"""

from __future__ import annotations

import os
import stat
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wenlint.record import Record
from wenlint.registry import Registry
from wenlint.rule import Rule, Severity

CONFIG_NAMES = ("wenlint.toml", ".wenlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.docx")
CONSISTENCY = ("document", "run")


class ConfigError(Exception):
    pass


class Config(Record):
    __slots__ = (
        "consistency",
        "dictionary",
        "encoding",
        "exclude",
        "extend_select",
        "fail_on",
        "ignore",
        "include",
        "lang",
        "path",
        "per_file_ignores",
        "rules",
        "select",
        "style",
    )
    _fields = (
        "path",
        "select",
        "ignore",
        "extend_select",
        "fail_on",
        "lang",
        "include",
        "exclude",
        "per_file_ignores",
        "rules",
        "dictionary",
        "style",
        "encoding",
        "consistency",
    )
    path: Path | None
    select: list[str] | None
    ignore: list[str]
    extend_select: list[str]
    fail_on: Severity
    lang: str
    include: list[str]
    exclude: list[str]
    per_file_ignores: dict[str, list[str]]
    rules: dict[str, dict[str, Any]]
    dictionary: dict[str, Any]
    style: list[dict[str, Any]]
    encoding: str | None  # the files' encoding, when detection cannot tell
    #: "document" (each file alone) or "run": rules with a ``consistency`` option compare the
    #: ways a thing is written across all files of a run.
    consistency: str

    def __init__(
        self,
        path: Path | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
        fail_on: Severity = Severity.INFO,
        lang: str = "zh",
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        dictionary: dict[str, Any] | None = None,
        style: list[dict[str, Any]] | None = None,
        encoding: str | None = None,
        consistency: str = "document",
    ) -> None:
        self.path = path
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.fail_on = fail_on
        self.lang = lang
        self.include = list(DEFAULT_INCLUDE) if include is None else include
        self.exclude = [] if exclude is None else exclude
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.rules = {} if rules is None else rules
        self.dictionary = {} if dictionary is None else dictionary
        self.style = [] if style is None else style
        self.encoding = encoding
        self.consistency = consistency

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "command line"


def find_config(start: Path, warn: Callable[[str], None] | None = None) -> Path | None:
    """The config that applies to ``start`` (a file or a folder), or None. A config ignored as
    unsafe is passed to ``warn`` as one line and the walk goes on above it (module docstring)."""
    d = start if start.is_dir() else start.parent
    d = d.resolve()
    home = _home()
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                if name == "pyproject.toml" and not _has_tool_table(p):
                    continue
                why = unsafe_config(p)
                if why is None:
                    return p
                if warn is not None:
                    warn(f"{p}: config ignored: {why}; use --config to trust it")
                break  # another name in the same folder is just as exposed
        if folder == home or os.path.lexists(folder / ".git"):
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def unsafe_config(path: Path) -> str | None:
    """Why someone other than the user (or root) could have written the config ``path``, or
    None when no one could (module docstring). Always None where there are no POSIX owners."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return None
    me = geteuid()
    try:
        targets = [("", os.stat(path))]
        if path.is_symlink():
            targets.append((" (the link)", os.lstat(path)))
        targets.append(("folder", os.stat(path.parent)))
    except OSError as exc:
        return f"cannot check its owner ({exc.strerror or exc})"
    for what, st in targets:
        folder = what == "folder"
        where = f"its folder {path.parent}" if folder else f"the file{what}"
        if st.st_uid not in (me, 0):
            return f"{where} is owned by another user (uid {st.st_uid})"
        if folder and st.st_mode & stat.S_ISVTX:
            continue  # sticky: only the owner (checked above) may replace the file
        if st.st_mode & stat.S_IWOTH:
            return f"{where} is writable by everyone"
        if st.st_mode & stat.S_IWGRP and not _private_group(st.st_uid, st.st_gid):
            return f"{where} is writable by its group (gid {st.st_gid})"
    return None


def _private_group(uid: int, gid: int) -> bool:
    """Whether ``gid`` is the user private group of ``uid``: its name is the user's and it lists
    no other member."""
    try:
        import grp
        import pwd

        user, group = pwd.getpwuid(uid), grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}


def _has_tool_table(p: Path) -> bool:
    import tomllib

    try:
        return "wenlint" in tomllib.loads(p.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False


def load_config(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses per nesting level of arrays and inline tables
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("wenlint", {})
    try:
        return parse_config(data, path)
    except RecursionError:  # a value nested just under the parser's limit, shown in a message
        raise ConfigError(f"{path}: a value is nested too deeply") from None


def _strs(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: '{key}' must be a list of strings")


def parse_config(data: dict[str, Any], path: Path | None) -> Config:
    cfg = Config(path=path)
    where = cfg.where
    for key, value in data.items():
        if key == "select":
            cfg.select = _strs(value, key, where)
        elif key in ("ignore", "extend-select", "include", "exclude"):
            setattr(cfg, key.replace("-", "_"), _strs(value, key, where))
        elif key == "fail-on":
            try:
                cfg.fail_on = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{where}: 'fail-on': {exc}") from None
        elif key == "lang":
            if value not in ("zh", "en"):
                raise ConfigError(f'{where}: \'lang\' must be "zh" or "en", not {value!r}')
            cfg.lang = value
        elif key == "encoding":
            from wenlint.io import check_encoding

            try:
                cfg.encoding = check_encoding(str(value))
            except ValueError as exc:
                raise ConfigError(f"{where}: 'encoding': {exc}") from None
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            cfg.per_file_ignores = {
                g: _strs(v, f"per-file-ignores.{g}", where) for g, v in value.items()
            }
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: 'rules' must hold one table per rule, [rules.NAME]")
            cfg.rules = value
        elif key == "dictionary":
            cfg.dictionary = _dictionary(value, where)
        elif key == "consistency":
            if value not in CONSISTENCY:
                raise ConfigError(
                    f'{where}: \'consistency\' must be "document" or "run", not {value!r}'
                )
            cfg.consistency = value
        elif key == "style":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"{where}: 'style' must be an array of tables, [[style]]")
            cfg.style = value
        else:
            raise ConfigError(f"{where}: unknown key '{key}'")
    return cfg


def _dictionary(value: Any, where: str) -> dict[str, Any]:
    """``[dictionary]``: ``misspellings = {wrong = "right"}`` and ``allow = ["word", ...]``."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'dictionary' must be a table")
    for key, v in value.items():
        if key == "misspellings":
            if not isinstance(v, dict) or not all(
                isinstance(a, str) and a and isinstance(b, str) for a, b in v.items()
            ):
                raise ConfigError(f"{where}: 'dictionary.misspellings' must map wrong = \"right\"")
        elif key == "allow":
            _strs(v, "dictionary.allow", where)
        else:
            raise ConfigError(
                f"{where}: unknown key 'dictionary.{key}' (known: misspellings, allow)"
            )
    return dict(value)


def check_selectors(cfg: Config, registry: Registry) -> None:
    """Every code, prefix or name the config mentions must exist."""
    lists = [("select", cfg.select or []), ("ignore", cfg.ignore)]
    lists.append(("extend-select", cfg.extend_select))
    lists += [(f"per-file-ignores.{g}", v) for g, v in cfg.per_file_ignores.items()]
    for key, tokens in lists:
        for tok in tokens:
            try:
                registry.resolve(tok)
            except KeyError:
                raise ConfigError(f"{cfg.where}: '{key}': unknown rule {tok!r}") from None


def rule_settings(
    cfg: Config, registry: Registry
) -> dict[str, tuple[Severity | None, Rule.Options | None]]:
    """Per-rule severity and options from ``[rules.NAME]`` tables, validated against each rule."""
    out: dict[str, tuple[Severity | None, Rule.Options | None]] = {}
    explicit: dict[str, set[str]] = {}
    for key, table in cfg.rules.items():
        try:
            (code,) = registry.resolve(key) if key.lower() in registry.by_name else (key.upper(),)
            rule = registry.rules[code]
        except (KeyError, ValueError):
            raise ConfigError(f"{cfg.where}: 'rules.{key}': unknown rule") from None
        severity: Severity | None = None
        opts: dict[str, Any] = {}
        fields = {f.name.replace("_", "-"): f for f in rule.option_fields()}
        for k, v in table.items():
            if k == "severity":
                try:
                    severity = Severity.parse(str(v))
                except ValueError as exc:
                    raise ConfigError(f"{cfg.where}: 'rules.{key}.severity': {exc}") from None
            elif k in fields:
                name = fields[k].name
                opts[name] = _coerce(v, fields[k].type, f"rules.{key}.{k}", cfg.where)
            else:
                known = ", ".join(["severity", *fields]) or "severity"
                raise ConfigError(
                    f"{cfg.where}: 'rules.{key}': unknown option '{k}' (known: {known})"
                )
        out[code] = (severity, rule.Options(**opts) if opts else None)
        if "consistency" in opts and opts["consistency"] not in CONSISTENCY:
            raise ConfigError(
                f'{cfg.where}: \'rules.{key}.consistency\' must be "document" or "run", '
                f"not {opts['consistency']!r}"
            )
        explicit[code] = set(opts)
    # The top-level ``consistency`` is the default of every rule option of that name.
    if cfg.consistency != "document":
        for code, rule in registry.rules.items():
            if "consistency" in explicit.get(code, ()) or not any(
                f.name == "consistency" for f in rule.option_fields()
            ):
                continue
            severity, options = out.get(code, (None, None))
            values = {
                f.name: getattr(options, f.name)
                for f in rule.option_fields()
                if options is not None
            }
            values["consistency"] = cfg.consistency
            out[code] = (severity, rule.Options(**values))
    return out


def _coerce(value: Any, tp: Any, key: str, where: str) -> Any:
    """Check a config value against an option's declared type (bool, int, float, str, tuple/list
    of str, dict of str); other types are checked by the rule itself."""
    origin = typing.get_origin(tp)
    if tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif tp is str:
        ok = isinstance(value, str)
    elif origin in (tuple, list, frozenset):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        value = origin(value) if ok else value
    elif origin is dict:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    else:
        ok = True
    if not ok:
        raise ConfigError(f"{where}: '{key}' must be {_type_name(tp)}, not {value!r}")
    return value


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", str(tp))
