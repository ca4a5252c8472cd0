"""Applying safe fixes: in rounds, overlaps deferred to the next round, until nothing changes."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from wenlint.diagnostic import Diagnostic, Edit
from wenlint.record import Record

MAX_ROUNDS = 10


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (sorted by start) to ``text``."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def select_fixes(diagnostics: Sequence[Diagnostic]) -> tuple[list[Edit], int]:
    """Edits of the safe fixes that do not overlap an earlier chosen fix; and how many fixes."""
    chosen: list[Edit] = []
    count = 0
    last_end = -1
    fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.safe and d.fix.edits]
    fixes.sort(key=lambda f: (f.edits[0].start, f.edits[-1].end))
    for fix in fixes:
        edits = sorted(fix.edits)
        # a fix applies whole or not at all; touching insertions at the same point are overlaps too
        if edits[0].start < last_end or (
            edits[0].start == last_end
            and chosen
            and (edits[0].start == edits[0].end or chosen[-1].start == chosen[-1].end)
        ):
            continue
        if any(a.end > b.start for a, b in itertools.pairwise(edits)):
            continue
        chosen.extend(edits)
        last_end = edits[-1].end
        count += 1
    return chosen, count


class FixResult(Record):
    __slots__ = ("applied", "converged", "diagnostics", "text")
    _fields = ("text", "applied", "diagnostics", "converged")
    text: str
    applied: int
    diagnostics: list[Diagnostic]
    converged: bool

    def __init__(
        self, text: str, applied: int, diagnostics: list[Diagnostic], converged: bool
    ) -> None:
        self.text = text
        self.applied = applied
        self.diagnostics = diagnostics
        self.converged = converged


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]]) -> FixResult:
    """Lint, apply safe fixes, lint again, until no safe fix remains (at most MAX_ROUNDS rounds)."""
    applied = 0
    diags = lint(text)
    for _ in range(MAX_ROUNDS):
        edits, count = select_fixes(diags)
        if not count:
            return FixResult(text, applied, diags, True)
        new = apply_edits(text, edits)
        if new == text:
            return FixResult(text, applied, diags, True)
        text, applied = new, applied + count
        diags = lint(text)
    return FixResult(text, applied, diags, not select_fixes(diags)[1])
