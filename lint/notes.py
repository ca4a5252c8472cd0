"""Run-level warnings: a line a rule asks to print on standard error once in a run, about the run
rather than a place in a file (a house-style rule disabled for spending its time budget).

Rules call ``warn`` while they check a file; the checker takes the lines pending after each file
(``take``) into that file's result, which carries them back from a worker process, and the session
prints each distinct line once (several workers may say the same thing).
"""

from __future__ import annotations

_pending: list[str] = []


def warn(line: str) -> None:
    """Ask for ``line`` (without the ``wenlint: warning:`` prefix) to be printed once."""
    _pending.append(line)


def take() -> list[str]:
    """The lines asked for since the last call, in order."""
    lines = _pending[:]
    _pending.clear()
    return lines
