"""The engine's records: plain classes with ``__slots__`` and their own ``__init__``, in place of
dataclasses (whose module imports ``inspect``, and each of which costs half a millisecond to
build, at every start).

A record lists its fields in order in ``_fields`` (``__slots__`` holds the same names, sorted);
its ``__init__`` takes them in that order, under those names, and stores each as it is. The base
gives what a dataclass would: equality (same class, equal fields), a repr, ``_replace`` and
``_asdict`` (named as a named tuple's), and pickling by the fields. A ``Record`` is unhashable,
like a mutable dataclass. A ``Frozen`` one hashes its fields, which are never assigned after
``__init__`` (typed ``Final``, which mypy holds to: a guard at run time would slow every record
made); a ``Sorted`` one also orders by its fields, as a tuple of them would.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    #: The fields' values as a tuple, in order: ``self._values(self)`` (an ``attrgetter``).
    _values: ClassVar[Callable[..., tuple[Any, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" not in cls.__dict__:
            return  # a base (Frozen, Sorted)
        slots = {s for k in cls.__mro__ for s in k.__dict__.get("__slots__", ())}
        if set(cls._fields) != slots:
            raise TypeError(f"{cls.__qualname__}: _fields {cls._fields} are not its __slots__")
        get = attrgetter(*cls._fields)
        cls._values = get if len(cls._fields) > 1 else lambda self: (get(self),)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        pairs = zip(self._fields, self._values(self), strict=True)
        inner = ", ".join(f"{n}={v!r}" for n, v in pairs)
        return f"{type(self).__qualname__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._values(self)

    def _replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` to some fields (as ``dataclasses.replace``)."""
        values = dict(zip(self._fields, self._values(self), strict=True))
        values.update(changes)
        return type(self)(**values)

    def _asdict(self) -> dict[str, Any]:
        """The fields by name, in order."""
        return dict(zip(self._fields, self._values(self), strict=True))


class Frozen(Record):
    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values(self))


class Sorted(Frozen):
    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) < self._values(other)
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) <= self._values(other)
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) > self._values(other)
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) >= self._values(other)
        return NotImplemented
