"""Two ways of writing one thing, counted over a whole run of files: which form is the run's
(the most used; on a tie the first used) and where it was first used. The consistency rules use
it when the config asks for ``consistency = "run"``; within one document they judge alone.

A rule's ``check`` keeps its uses (``Use``, picklable) with ``ctx.keep``; its ``finish`` passes
them, file by file in run order, to one ``RunForms`` on the rule instance, which answers with
the uses written in a form other than the run's, each with the first use of the run's form
(in this file or an earlier one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from wenlint.record import Frozen


class Use(Frozen):
    """One occurrence of ``form``, one of the ways of writing ``group``; ``args`` are the
    rule's own (message arguments, a fix's text), passed through."""

    __slots__ = ("args", "end", "form", "group", "position", "start")
    _fields = ("group", "form", "start", "end", "position", "args")
    group: Final[str]
    form: Final[str]
    start: Final[int]
    end: Final[int]
    position: Final[tuple[int, int, int, int]]
    args: Final[Any]

    def __init__(
        self,
        group: str,
        form: str,
        start: int,
        end: int,
        position: tuple[int, int, int, int],
        args: Any = None,
    ) -> None:
        self.group = group
        self.form = form
        self.start = start
        self.end = end
        self.position = position
        self.args = args


class First(Frozen):
    """Where a form was first used in the run: ``path`` None means the file being settled."""

    __slots__ = ("end", "path", "position", "start")
    _fields = ("path", "start", "end", "position")
    path: Final[str | None]
    start: Final[int]
    end: Final[int]
    position: Final[tuple[int, int, int, int]]

    def __init__(
        self, path: str | None, start: int, end: int, position: tuple[int, int, int, int]
    ) -> None:
        self.path = path
        self.start = start
        self.end = end
        self.position = position


class RunForms:
    """The forms of each group seen so far in a run: counts and first uses."""

    def __init__(self) -> None:
        self._count: dict[tuple[str, str], int] = {}
        self._first: dict[tuple[str, str], tuple[str, int, int, tuple[int, int, int, int]]] = {}
        self._forms: dict[str, list[str]] = {}  # a group's forms, in order of first use

    def settle(self, path: str, uses: Sequence[Use]) -> list[tuple[Use, First]]:
        """This file's uses in a form other than the run's (counting this file too), each with
        the first use of the run's form; then this file's uses are counted for the files after
        it."""
        mine: dict[tuple[str, str], int] = {}
        own_first: dict[tuple[str, str], Use] = {}
        for u in uses:
            key = (u.group, u.form)
            mine[key] = mine.get(key, 0) + 1
            own_first.setdefault(key, u)
        order = {g: list(fs) for g, fs in self._forms.items()}
        for u in uses:
            forms = order.setdefault(u.group, [])
            if u.form not in forms:
                forms.append(u.form)

        def total(key: tuple[str, str]) -> int:
            return self._count.get(key, 0) + mine.get(key, 0)

        out = []
        winner: dict[str, str] = {}
        for u in uses:
            forms = order[u.group]
            if len(forms) < 2:
                continue
            if u.group not in winner:
                # the most used form; on a tie the one used first in the run
                winner[u.group] = max(forms, key=lambda f: (total((u.group, f)), -forms.index(f)))
            best = winner[u.group]
            if u.form == best:
                continue
            key = (u.group, best)
            if key in self._first:
                p, s, e, pos = self._first[key]
                first = First(p, s, e, pos)
            else:
                f = own_first[key]
                first = First(None, f.start, f.end, f.position)
            out.append((u, first))
        for key, n in mine.items():
            self._count[key] = self._count.get(key, 0) + n
            if key not in self._first:
                f = own_first[key]
                self._first[key] = (path, f.start, f.end, f.position)
        self._forms = order
        return out
