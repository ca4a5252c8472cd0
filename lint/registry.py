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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from wenlint.rule import FixAvailability, Rule, Severity, T

GROUP = "wenlint.rules"
CODE_RE = re.compile(r"^[A-Z]{1,3}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PREFIX_RE = re.compile(r"^[A-Z]{1,3}\d{0,3}$")
RESERVED = set("DWNPSFCKU")


class RegistryError(Exception):
    pass


@dataclass
class Registry:
    rules: dict[str, type[Rule]] = field(default_factory=dict)  # by code, in code order
    origin: dict[str, str] = field(default_factory=dict)  # code -> distribution or source
    by_name: dict[str, str] = field(default_factory=dict)  # name -> code
    versions: dict[str, str] = field(default_factory=dict)  # distribution -> its version

    def add(self, rule: type[Rule], origin: str, prefix: str | None = None) -> None:
        _validate(rule, origin, prefix)
        for key, table in ((rule.code, self.rules), (rule.name, self.by_name)):
            if key in table:
                other = self.origin[key if table is self.rules else self.by_name[key]]
                raise RegistryError(f"rule {key} is defined twice: by {other} and by {origin}")
        self.rules[rule.code] = rule
        self.origin[rule.code] = origin
        self.by_name[rule.name] = rule.code

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
            chosen = {c for c, r in self.rules.items() if r.default_enabled}
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


@dataclass(frozen=True)
class _EntryPoint:
    name: str
    value: str
    dist: str
    version: str = ""

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj


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


def load_registry() -> Registry:
    reg = Registry()
    eps = sorted(_entry_points(), key=lambda e: (e.name, e.value))
    if not eps:
        raise RegistryError(
            f"no rules registered (no '{GROUP}' entry points): reinstall wenlint with pip"
        )
    for ep in eps:
        origin = ep.dist
        reg.versions[origin] = ep.version
        if not PREFIX_RE.match(ep.name):
            raise RegistryError(f"entry point {ep.name!r} of {origin} is not a code prefix")
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plugin is named, not a traceback
            raise RegistryError(f"cannot load rules {ep.value!r} of {origin}: {exc}") from exc
        rules = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for rule in rules:
            reg.add(rule, origin, ep.name)
    return reg
