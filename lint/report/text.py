"""Annotated text output, rustc/ruff style, with carets aligned by display width.

    seeds/x.txt:45:107: W201 doubled-word 词语“卫生”重复
       |
    45 | …围绕“加强基层医疗卫生卫生人才队伍建设”开展对口协商…
       |                   ^^^^^^^^
       = 修复：删去重复的“卫生”

Long lines are shown as a window around the span with … on the cut sides.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, TextIO

from wenlint.diagnostic import Diagnostic
from wenlint.document import LineIndex, is_docx
from wenlint.report.visible import has_hidden, name, visible, visible_at
from wenlint.rule import Severity
from wenlint.text.width import column_widths, width_of

if TYPE_CHECKING:
    from wenlint.check import FileResult
    from wenlint.report import Totals

LABELS = {
    "zh": {
        "fix": "修复",
        "help": "建议",
        "unsafe": "（需人工确认）",
        "lines": "跨 {n} 行，至 {line}:{col}",
        "span": "范围",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
    },
    "en": {
        "fix": "fix",
        "help": "help",
        "unsafe": " (unsafe: review before applying)",
        "lines": "spans {n} lines, to {line}:{col}",
        "span": "span",
        "error": "error",
        "warning": "warning",
        "info": "info",
    },
}

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}


#: SGR parameters of each style (ANSI escape codes written here: no markup language is involved,
#: so nothing a document holds, ``[link=…]`` or ``[/x]``, can be read as one).
_SGR = {
    "bold": "1",
    "dim": "2",
    "blue": "34",
    "bold red": "1;31",
    "bold yellow": "1;33",
    "bold cyan": "1;36",
}


class Styler:
    """Colour as ANSI escape codes only when asked; plain strings otherwise. The text styled is
    printed as it is given: callers pass text already made ``visible``."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m"


class TextRenderer:
    """A finding as text, in one language, with or without colour, for a terminal ``width``
    wide. Picklable: worker processes render the findings of the files they lint."""

    def __init__(self, *, lang: str = "zh", color: bool = False, width: int = 80) -> None:
        self.lang = lang
        self.width = max(width, 40)
        self.style = s = Styler(color)
        self.labels = lab = LABELS[lang]
        # the parts every finding repeats, made once
        sep = "：" if lang == "zh" else ": "
        self._fix = f"{s(lab['fix'], 'bold')}{sep}"
        self._help = f"{s(lab['help'], 'bold')}{sep}"
        self._span = f"{lab['span']}{sep}"
        self._sep = sep
        self._para = "段" if lang == "zh" else "¶"
        self._pipe = s("|", "blue")
        self._gutters: dict[int, tuple[str, str]] = {}

    def prepare(self, result: FileResult) -> None:
        """Render a file's findings where it was linted (a worker process): what travels back
        is the text and a few fields per finding, not the whole findings."""
        if result.diagnostics and result.text is not None and result.lines is not None:
            text, lines, render = result.text, result.lines, self.render
            result.rendered = [render(d, text, lines) for d in result.diagnostics]

    def render(self, d: Diagnostic, text: str | None, lines: LineIndex | None) -> str:
        s = self.style
        color = s.color  # usually off (a pipe, a file, CI): then no markup calls at all
        lang = self.lang
        line, col, end_line, end_col = d.position
        # document text (quoted in messages), file names and user rules' names are shown visibly
        message = visible(d.message.get(lang))
        path, rule = name(d.path), visible(d.name)
        # a .docx has paragraphs, not lines: report.docx:段12:5
        where = f"{self._para}{line}" if is_docx(d.path) else line
        if color:
            out = (
                f"{s(f'{path}:{where}:{col}:', 'bold')} {s(d.code, SEVERITY_STYLE[d.severity])} "
                f"{s(rule, 'dim')} {message}"
            )
        else:
            out = f"{path}:{where}:{col}: {d.code} {rule} {message}"
        num = str(line)
        gutter = len(num)
        bar, eq = self._gutters.get(gutter) or self._gutter(gutter)
        span = d.span
        if text is not None and lines is not None and span.end >= span.start and line > 0:
            # the line without its break (as LineIndex.line_span, without building a Span)
            starts = lines.starts
            start = starts[line - 1]
            end = starts[line] if line < len(starts) else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            a = span.start - start
            b = (span.end if span.end < end else end) - start if end_line == line else end - start
            a, avail = max(a, 0), self.width - gutter - 3
            # Only the part of the line that can be shown is copied and scanned: each shown
            # character is at least a column wide, and a stand-in for a hidden one wider, so no
            # more than ``reach`` characters either side of the span's start can appear (a line
            # of megabytes, with a finding every few characters, was quadratic).
            reach = avail if avail > 8 else 8
            n = end - start
            lo, hi = (a - reach if a > reach else 0), (a + reach if a + reach < n else n)
            src = text[start + lo : start + hi]
            a, b = a - lo, min(max(b, 0), hi) - lo
            if b < a:
                b = a
            if has_hidden(src):
                src, (a, b) = visible_at(src, a, b)
            excerpt, pad, marks = _window_by_columns(src, a, b, avail, lo > 0, hi < n)
            carets = "^" * marks
            if color:
                num, carets = s(num, "blue"), s(carets, SEVERITY_STYLE[d.severity])
            out += f"\n{bar}\n{num} {self._pipe} {excerpt}\n{bar} {' ' * pad}{carets}"
        if end_line != line:
            where = self.labels["lines"].format(n=end_line - line + 1, line=end_line, col=end_col)
            out += f"\n{eq}{self._span}{where}"
        if d.help is not None:
            fix = d.fix
            if fix is None:
                out += f"\n{eq}{self._help}{visible(d.help.get(lang))}"
            else:
                extra = "" if fix.safe else self.labels["unsafe"]
                out += f"\n{eq}{self._fix}{visible(d.help.get(lang))}{extra}"
        for r in d.related:
            note = visible(r.note.get(lang))
            if color:
                note = s(note, "bold")
            where = visible(r.path) if r.path else path
            if r.position:
                rl = r.position[0]
                at = f"{self._para}{rl}" if is_docx(r.path or d.path) else rl
                out += f"\n{eq}{note}{self._sep}{where}:{at}:{r.position[1]}"
            else:
                out += f"\n{eq}{note}{self._sep}{where}"
        return out

    def _gutter(self, gutter: int) -> tuple[str, str]:
        """The empty gutter of a finding whose line number has ``gutter`` digits, with its bar,
        and the start of its ``=`` lines."""
        indent = " " * (gutter + 1)
        made = self._gutters[gutter] = (indent + self._pipe, indent + "= ")
        return made

    @staticmethod
    def window(src: str, a: int, b: int, avail: int) -> tuple[str, int, int]:
        """Cut ``src`` to about ``avail`` columns around ``[a, b)``.

        Returns the excerpt, the caret padding and the caret count, both in display columns.
        """
        a = min(max(a, 0), len(src))
        b = min(max(b, a), len(src))
        return _window_by_columns(src, a, b, avail)


#: Findings rendered per write.
CHUNK = 512


class TextReporter:
    """Findings as text on ``out``, file by file, then the statistics and the summary."""

    def __init__(
        self,
        out: TextIO,
        *,
        lang: str = "zh",
        color: bool = False,
        width: int = 80,
        statistics: bool = False,
        summary: bool = True,
    ) -> None:
        self.lang = lang
        self.show_statistics, self.show_summary = statistics, summary
        self.renderer = TextRenderer(lang=lang, color=color, width=width)
        self.style = self.renderer.style
        self._write: Callable[[str], object] = out.write
        self.prepare: Callable[[FileResult], None] | None = self.renderer.prepare
        self.render = self.renderer.render

    window = staticmethod(TextRenderer.window)

    def result(self, r: FileResult) -> None:
        if r.diagnostics:
            self.file(r.text, r.lines, r.diagnostics, r.rendered)

    def close(self, totals: Totals) -> None:
        if self.show_statistics:
            self.statistics(totals.diagnostics)
        if self.show_summary:
            self.summary(totals.diagnostics, fixed=totals.fixed, errors=len(totals.errors))

    def file(
        self,
        text: str | None,
        lines: LineIndex | None,
        diags: Sequence[Diagnostic],
        rendered: Sequence[str | None] | None = None,
    ) -> None:
        """Print a file's findings; ``rendered`` holds those already rendered (None: not)."""
        render, write = self.renderer.render, self._write
        # a write per CHUNK findings: stdout may be unbuffered (PYTHONUNBUFFERED), a write per
        # line is slow; the whole file's text at once would double the memory of its findings
        for i in range(0, len(diags), CHUNK):
            part = diags[i : i + CHUNK]
            if rendered is None:
                write("".join(render(d, text, lines) + "\n" for d in part))
            else:
                write(
                    "".join(
                        (r if r is not None else render(d, text, lines)) + "\n"
                        for d, r in zip(part, rendered[i : i + CHUNK], strict=True)
                    )
                )

    def summary(self, diags: Sequence[Diagnostic], fixed: int = 0, errors: int = 0) -> None:
        counts = Counter(d.severity for d in diags)
        fixable = sum(1 for d in diags if d.fix is not None and d.fix.safe)
        total = len(diags)
        e, w, i = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
        if self.lang == "zh":
            if total:
                line = f"共 {total} 处问题（错误 {e}，警告 {w}，提示 {i}）"
                if fixable:
                    line += f"，其中 {fixable} 处可用 --fix 自动修复"
            else:
                line = "未发现问题"
            if fixed:
                line += f"；已修复 {fixed} 处"
            if errors:
                line += f"；{errors} 个文件无法检查"
        else:
            if total:
                line = (
                    f"Found {total} problem{'s' * (total != 1)} ({e} error{'s' * (e != 1)}, "
                    f"{w} warning{'s' * (w != 1)}, {i} info)"
                )
                if fixable:
                    line += f"; {fixable} fixable with --fix"
            else:
                line = "No problems found"
            if fixed:
                line += f"; fixed {fixed}"
            if errors:
                line += f"; {errors} file{'s' * (errors != 1)} could not be checked"
        self._write(self.style(line, "bold") + "\n")

    def statistics(self, diags: Sequence[Diagnostic]) -> None:
        by = Counter((d.code, d.name) for d in diags)
        fixable = Counter(d.code for d in diags if d.fix is not None and d.fix.safe)
        for (code, rule), n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "[*]" if fixable[code] else "   "
            self._write(f"{n:>5}  {code:<6} {mark} {visible(rule)}\n")


def _window_by_columns(
    src: str, a: int, b: int, avail: int, cut_left: bool = False, cut_right: bool = False
) -> tuple[str, int, int]:
    """``TextReporter.window`` for any text, by a running total of columns (``0 <= a <= b <=
    len(src)``); ``cut_left``/``cut_right``: ``src`` was already cut from a longer line there."""
    n = len(src)
    # A line can be megabytes long: measure only the part that can be shown. Every shown
    # character is at least one column wide (bar combining marks), so at most ``avail``
    # characters either side of the span's start can appear.
    reach = avail if avail > 8 else 8
    lo, hi = (a - reach if a > reach else 0), (a + reach if a + reach < n else n)
    cut_left, cut_right = cut_left or lo > 0, cut_right or hi < n
    src = src[lo:hi]
    if "\t" in src:
        src = src.replace("\t", " ")
    a, b = a - lo, (b if b < hi else hi) - lo
    cum = [0, *accumulate(column_widths(src))]  # cum[k]: columns of src[:k]
    if not cut_left and not cut_right and cum[-1] <= avail:
        marks = cum[b] - cum[a]
        return src, cum[a], marks if marks > 1 else 1
    ell, ell_width = "…", width_of("…")
    budget = avail - 2 * ell_width
    # leading context: up to a third of the budget, less if the span is long
    left_budget = min(budget // 3, budget - (cum[b] - cum[a]))
    # at least 8 columns of context, but never so many that the span's first character is cut
    left_budget = min(max(left_budget, 8), budget - 2)
    i = bisect_left(cum, cum[a] - left_budget, 0, a + 1)  # first shown character
    j = bisect_right(cum, cum[i] + budget, i) - 1  # end of the shown characters
    left = ell if i > 0 or cut_left else ""
    right = ell if j < len(src) or cut_right else ""
    excerpt = left + src[i:j] + right
    pad = (ell_width if left else 0) + cum[a] - cum[i]
    marks = cum[b if b < j else j] - cum[a]
    if b > j and right:
        marks += ell_width
    return excerpt, pad, marks if marks > 1 else 1
