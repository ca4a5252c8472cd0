"""Rule registration through the ``wenlint.rules`` entry-point group, validation and selection.

Every rule, built-in or not, arrives the same way: an entry point whose name is a code prefix and
whose value is a sequence of ``Rule`` classes. The registry checks each like pluggy checks a hook
implementation: code and name patterns, the prefix, the metadata fields, and uniqueness across
distributions (a clash names both).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from _thread import allocate_lock
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Any, Final

from wenlint.record import Frozen, Record
from wenlint.rule import FixAvailability, Rule, Severity, T

GROUP = "wenlint.rules"
CODE_RE = re.compile(r"^[A-Z]{1,3}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PREFIX_RE = re.compile(r"^[A-Z]{1,3}\d{0,3}$")
RESERVED = set("DWNPSFCKU")


class RegistryError(Exception):
    pass


# Held while a rule's module is imported. threading.Lock is this lock; threading itself is not
# imported, for it costs more at every start than the rest of this module.
_LOADING = allocate_lock()


class RuleTable(MutableMapping[str, "type[Rule]"]):
    """Rules by code. The built-in rules are known first from ``wenlint.builtin_rules`` (each
    rule's code, name, module, class and whether it is on by default): a rule's module is
    imported when the rule is first looked up, so a run imports the modules of the rules it
    selects and no other (the default selection reads ``on_by_default`` from the table). A
    module's rule must be the table's (otherwise the table is stale: an error naming the command
    that makes it again)."""

    def __init__(self, rules: Mapping[str, type[Rule]] | None = None) -> None:
        self._rules: dict[str, type[Rule] | None] = {}
        # code -> the table's row of a rule whose module is not imported
        self._lazy: dict[str, _Row] = {}
        if isinstance(rules, RuleTable):
            self._rules, self._lazy = dict(rules._rules), dict(rules._lazy)
        elif rules:
            self._rules.update(rules)

    def __getitem__(self, code: str) -> type[Rule]:
        rule = self._rules[code]
        if rule is None:
            with _LOADING:  # the LSP server's threads may ask for one rule at once
                rule = self._rules[code]
                if rule is None:
                    rule = self._rules[code] = self._load(self._lazy.pop(code))
        return rule

    def __setitem__(self, code: str, rule: type[Rule]) -> None:
        self._rules[code] = rule
        self._lazy.pop(code, None)

    def __delitem__(self, code: str) -> None:
        del self._rules[code]
        self._lazy.pop(code, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def add_lazy(self, row: _Row) -> None:
        self._rules[row.code] = None
        self._lazy[row.code] = row

    def on_by_default(self, code: str) -> bool:
        row = self._lazy.get(code)
        return row.default_enabled if row is not None else self[code].default_enabled

    @staticmethod
    def _load(row: _Row) -> type[Rule]:
        try:
            rule = getattr(importlib.import_module(row.module), row.cls)
        except Exception as exc:  # a missing or broken module is named, not a traceback
            raise RegistryError(f"cannot load rule {row.code} from {row.module}: {exc}") from exc
        _validate(rule, "wenlint", row.prefix)
        want = (row.code, row.name, row.default_enabled)
        if (rule.code, rule.name, rule.default_enabled) != want:
            raise RegistryError(_STALE)
        return rule


_STALE = (
    "the table of built-in rules (wenlint/builtin_rules.py) does not match the rules: "
    "WENLINT_UPDATE_REGISTRY=1 pytest tests/test_registry_table.py makes it again"
)


class Registry(Record):
    __slots__ = ("by_name", "origin", "rules", "versions")
    _fields = ("rules", "origin", "by_name", "versions")
    rules: MutableMapping[str, type[Rule]]  # by code, in code order
    origin: dict[str, str]  # code -> distribution or source
    by_name: dict[str, str]  # name -> code
    versions: dict[str, str]  # distribution -> its version

    def __init__(
        self,
        rules: MutableMapping[str, type[Rule]] | None = None,
        origin: dict[str, str] | None = None,
        by_name: dict[str, str] | None = None,
        versions: dict[str, str] | None = None,
    ) -> None:
        self.rules = RuleTable() if rules is None else rules
        self.origin = {} if origin is None else origin
        self.by_name = {} if by_name is None else by_name
        self.versions = {} if versions is None else versions

    def add(self, rule: type[Rule], origin: str, prefix: str | None = None) -> None:
        _validate(rule, origin, prefix)
        for key, table in ((rule.code, self.rules), (rule.name, self.by_name)):
            if key in table:
                other = self.origin[key if table is self.rules else self.by_name[key]]
                raise RegistryError(f"rule {key} is defined twice: by {other} and by {origin}")
        self.rules[rule.code] = rule
        self.origin[rule.code] = origin
        self.by_name[rule.name] = rule.code

    def on_by_default(self, code: str) -> bool:
        """Whether rule ``code`` is on by default (a built-in rule's module is not imported)."""
        if isinstance(self.rules, RuleTable):
            return self.rules.on_by_default(code)
        return self.rules[code].default_enabled

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[c] for c in sorted(self.rules)]

    def resolve(self, token: str) -> list[str]:
        """Codes a selector means: an exact code, a code prefix, or a rule name (any case)."""
        t = token.strip()
        if t.lower() in self.by_name:
            return [self.by_name[t.lower()]]
        up = t.upper()
        if up.upper() == "ALL":
            return sorted(self.rules)
        if up and PREFIX_RE.match(up):
            hits = sorted(c for c in self.rules if c.startswith(up))
            if hits:
                return hits
        raise KeyError(token)

    def select(
        self,
        select: Sequence[str] | None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> list[str]:
        """Selected codes. Without ``select``, every rule that is on by default."""
        if select:
            chosen = {c for tok in select for c in self.resolve(tok)}
        else:
            chosen = {c for c in self.rules if self.on_by_default(c)}
        chosen |= {c for tok in extend_select for c in self.resolve(tok)}
        chosen -= {c for tok in ignore for c in self.resolve(tok)}
        return sorted(chosen)


def _validate(rule: type[Rule], origin: str, prefix: str | None) -> None:
    where = f"{getattr(rule, '__module__', '?')}.{getattr(rule, '__qualname__', rule)} ({origin})"
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RegistryError(f"{where}: not a wenlint Rule class")
    code = getattr(rule, "code", None)
    name = getattr(rule, "name", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RegistryError(f"{where}: code {code!r} is not a letter prefix and three digits")
    if prefix is not None and not code.startswith(prefix):
        raise RegistryError(f"{where}: code {code} does not start with its entry point {prefix!r}")
    if prefix is not None and origin != "wenlint" and code.rstrip("0123456789") in RESERVED:
        raise RegistryError(f"{where}: prefix {code[0]} is reserved for wenlint's own rules")
    if not isinstance(name, str) or not NAME_RE.match(name) or name.startswith("no-"):
        raise RegistryError(f"{where}: name {name!r} must be kebab-case naming the defect")
    if not isinstance(rule.severity, Severity) or not isinstance(rule.fix, FixAvailability):
        raise RegistryError(f"{where}: severity and fix must be Severity and FixAvailability")
    for attr in ("summary", "rationale"):
        if not isinstance(getattr(rule, attr, None), T):
            raise RegistryError(f"{where}: {attr} must be a T(zh=..., en=...)")
    messages = getattr(rule, "messages", None)
    if not messages or not all(isinstance(m, T) for m in messages.values()):
        raise RegistryError(f"{where}: messages must map keys to T(zh=..., en=...)")


class _EntryPoint(Frozen):
    __slots__ = ("dist", "name", "value", "version")
    _fields = ("name", "value", "dist", "version")
    name: Final[str]
    value: Final[str]
    dist: Final[str]
    version: Final[str]

    def __init__(self, name: str, value: str, dist: str, version: str = "") -> None:
        self.name = name
        self.value = value
        self.dist = dist
        self.version = version

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj


class _Row(Frozen):
    """A built-in rule as ``wenlint.builtin_rules`` lists it."""

    __slots__ = ("cls", "code", "default_enabled", "module", "name", "prefix")
    _fields = ("prefix", "code", "name", "module", "cls", "default_enabled")
    prefix: Final[str]
    code: Final[str]
    name: Final[str]
    module: Final[str]
    cls: Final[str]
    default_enabled: Final[bool]

    def __init__(
        self,
        prefix: str,
        code: str,
        name: str,
        module: str,
        cls: str,
        default_enabled: bool,
    ) -> None:
        self.prefix = prefix
        self.code = code
        self.name = name
        self.module = module
        self.cls = cls
        self.default_enabled = default_enabled


def _entry_points() -> Iterator[_EntryPoint]:
    """The ``wenlint.rules`` entry points of every distribution on ``sys.path``.

    Reads ``*.dist-info/entry_points.txt`` directly, as importlib.metadata does, but without
    importing it and its e-mail parser: this keeps ``wenlint check`` start-up short. Like
    importlib.metadata, the first distribution of a (normalised) name on the path wins.
    """
    seen: set[str] = set()
    for folder in sys.path:
        try:
            entries = sorted(os.scandir(folder or "."), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            dist, _, version = entry.name.rsplit(".", 1)[0].partition("-")
            key = re.sub(r"[-_.]+", "-", dist).lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            yield from _parse_group(text, key, version)


def _parse_group(text: str, dist: str, version: str = "") -> Iterator[_EntryPoint]:
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == GROUP and "=" in line:
            name, _, value = line.partition("=")
            yield _EntryPoint(name.strip(), value.strip(), dist, version)


def _load_entry_point(ep: _EntryPoint) -> list[Any]:
    try:
        loaded = ep.load()
    except Exception as exc:  # a broken plugin is named, not a traceback
        raise RegistryError(f"cannot load rules {ep.value!r} of {ep.dist}: {exc}") from exc
    return list(loaded) if isinstance(loaded, (list, tuple)) else [loaded]


def load_registry() -> Registry:
    """Every registered rule: wenlint's own families are read from the table of built-in rules
    (``wenlint.builtin_rules``) when the installed entry points are the table's, and imported
    when first used (``RuleTable``); plugins are imported now."""
    return _load(lazy=True)


def load_registry_eagerly() -> Registry:
    """Every registered rule, every family imported now (what the table is made from)."""
    return _load(lazy=False)


def _load(lazy: bool) -> Registry:
    reg = Registry()
    eps = sorted(_entry_points(), key=lambda e: (e.name, e.value))
    if not eps:
        raise RegistryError(
            f"no rules registered (no '{GROUP}' entry points): reinstall wenlint with pip"
        )
    table = _builtin_table(eps) if lazy else None
    for ep in eps:
        origin = ep.dist
        reg.versions[origin] = ep.version
        if not PREFIX_RE.match(ep.name):
            raise RegistryError(f"entry point {ep.name!r} of {origin} is not a code prefix")
        if table is not None and origin == "wenlint":
            assert isinstance(reg.rules, RuleTable)
            for row in table[ep.name]:
                if row.code in reg.rules or row.name in reg.by_name:
                    raise RegistryError(_STALE)
                reg.rules.add_lazy(row)
                reg.origin[row.code] = origin
                reg.by_name[row.name] = row.code
            continue
        for rule in _load_entry_point(ep):
            reg.add(rule, origin, ep.name)
    return reg


def _builtin_table(eps: Sequence[_EntryPoint]) -> dict[str, list[_Row]] | None:
    """The table's rules per entry point, when wenlint's installed entry points are the table's
    (None otherwise: a build whose families differ imports them all)."""
    from wenlint.builtin_rules import ENTRY_POINTS, RULES

    ours = {ep.name: ep.value for ep in eps if ep.dist == "wenlint"}
    if ours != ENTRY_POINTS:
        return None
    out: dict[str, list[_Row]] = {name: [] for name in ENTRY_POINTS}
    for row in (_Row(*r) for r in RULES):
        out.setdefault(row.prefix, []).append(row)
    return out


def builtin_table_source(registry: Registry) -> str:
    """The text of ``wenlint/builtin_rules.py`` for ``registry`` (loaded without the table)."""
    eps = sorted(_entry_points(), key=lambda e: (e.name, e.value))
    ours = {ep.name: ep.value for ep in eps if ep.dist == "wenlint"}
    lines = [
        '"""The built-in rules as the registry knows them before their modules are imported:',
        "each rule's entry point (code prefix), code, name, module, class and whether it is on",
        "by default.",
        "",
        "Made by ``WENLINT_UPDATE_REGISTRY=1 pytest tests/test_registry_table.py``, which fails",
        'while this file does not match the rules; never edited by hand."""',
        "",
        "ENTRY_POINTS = {",
        *[f"    {_q(k)}: {_q(v)}," for k, v in ours.items()],
        "}",
        "",
        "RULES = (",
    ]
    prefix = {code: _prefix(code, ours) for code in registry.rules}
    for code in registry.rules:
        if registry.origin.get(code) != "wenlint":
            continue
        rule = registry.rules[code]
        fields = (prefix[code], code, rule.name, rule.__module__, rule.__qualname__)
        lines.append(f"    ({', '.join(map(_q, fields))}, {rule.default_enabled}),")
    lines += [")", ""]
    return "\n".join(lines)


def _q(text: str) -> str:
    import json

    return json.dumps(text)


def _prefix(code: str, eps: Mapping[str, str]) -> str:
    return max((p for p in eps if code.startswith(p)), key=len, default="")
