"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

    ::error file=seeds/a.txt,line=45,col=107,endLine=45,endColumn=111,title=W201 doubled-word::…

Severity maps to ``error`` / ``warning`` / ``notice``. The runner parses the line itself, so values
are escaped as it requires: ``%``, CR and LF in the message; those and ``:`` and ``,`` in
properties. Document text and file names are first made ``visible`` (no raw control character,
line break or escape sequence reaches the log), so every line starting with ``::`` is one that
wenlint wrote. ``col``/``endColumn`` (1-based code points, end exclusive) are given only when the
finding starts and ends on one line: the runner rejects them otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from wenlint.diagnostic import Diagnostic
from wenlint.report import FileFed
from wenlint.report.visible import visible
from wenlint.rule import Severity

if TYPE_CHECKING:
    from wenlint.registry import Registry

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
LABELS = {"zh": {"fix": "修复", "help": "建议"}, "en": {"fix": "fix", "help": "help"}}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str = "zh") -> str:
    line, col, end_line, end_col = d.position
    props = [f"file={escape_property(visible(d.path))}"]
    if line > 0:
        props.append(f"line={line}")
        if end_line == line:
            props += [f"col={col}", f"endLine={end_line}", f"endColumn={max(end_col, col)}"]
        elif end_line > line:
            props.append(f"endLine={end_line}")
    props.append(f"title={escape_property(visible(f'{d.code} {d.name}'))}")
    message = visible(d.message.get(lang))
    if d.help is not None:
        label = LABELS[lang]["fix" if d.fix is not None else "help"]
        sep = "：" if lang == "zh" else ": "
        message += f"\n{label}{sep}{visible(d.help.get(lang))}"
    return f"::{COMMAND[d.severity]} {','.join(props)}::{escape_data(message)}"


class GithubReporter(FileFed):
    """Prints annotations as files are linted; file errors become annotations too."""

    def __init__(self, out: TextIO, *, registry: Registry | None = None, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        for d in sorted(diags, key=lambda d: d.sort_key):
            self.out.write(annotation(d, self.lang) + "\n")
        self.out.flush()

    def finish(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> None:
        for e in map(visible, errors):
            path, sep, what = e.partition(": ")
            where = f" file={escape_property(path)}," if sep and path else " "
            self.out.write(f"::error{where}title=wenlint::{escape_data(what if sep else e)}\n")
        self.out.flush()
