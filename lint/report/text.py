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
from typing import Any, TextIO

from lint.diagnostic import Diagnostic
from lint.document import LineIndex
from lint.rule import Severity
from lint.text.width import column_widths, width_of

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


class Styler:
    """Colour through rich only when asked; plain strings otherwise (rich is not even imported)."""

    def __init__(self, color: bool) -> None:
        self.color = color
        if color:
            from rich.markup import escape

            self._escape = escape

    def __call__(self, text: str, style: str) -> str:
        if not self.color or not text:
            return text
        return f"[{style}]{self._escape(text)}[/]"


class TextReporter:
    def __init__(
        self, out: TextIO, *, lang: str = "zh", color: bool = False, width: int = 80
    ) -> None:
        self.lang = lang
        self.width = max(width, 40)
        self.style = Styler(color)
        self.labels = LABELS[lang]
        if color:
            from rich.console import Console

            self._console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True)
            self._write: Callable[[str], object] = lambda s: self._console.print(s, end="")
        else:
            self._write = out.write

    def file(self, text: str | None, lines: LineIndex | None, diags: Sequence[Diagnostic]) -> None:
        # one write per file: stdout may be unbuffered (PYTHONUNBUFFERED), a write per line is slow
        self._write(
            "".join(
                (d.rendered if d.rendered is not None else self.render(d, text, lines)) + "\n"
                for d in diags
            )
        )

    def prepare(self, result: Any) -> None:
        """Render a file's findings where it was linted (a worker process): what travels back
        is the text and a few fields per finding, not the whole findings."""
        if result.diagnostics and result.text is not None and result.lines is not None:
            text, lines, render = result.text, result.lines, self.render
            result.diagnostics = [d.printed(render(d, text, lines)) for d in result.diagnostics]

    def render(self, d: Diagnostic, text: str | None, lines: LineIndex | None) -> str:
        s = self.style
        plain = not s.color  # the usual case (a pipe, a file, CI): no markup calls at all
        lang, lab = self.lang, self.labels
        line, col, end_line, end_col = d.position
        message = d.message.get(lang)
        if plain:
            out = [f"{d.path}:{line}:{col}: {d.code} {d.name} {message}"]
        else:
            out = [
                f"{s(f'{d.path}:{line}:{col}:', 'bold')} {s(d.code, SEVERITY_STYLE[d.severity])} "
                f"{s(d.name, 'dim')} {message}"
            ]
        num = str(line)
        gutter = len(num)
        indent = " " * (gutter + 1)
        if text is not None and lines is not None and d.span.end >= d.span.start and line > 0:
            ls = lines.line_span(line)
            src = text[ls.start : ls.end]
            a = d.span.start - ls.start
            b = min(d.span.end, ls.end) - ls.start if end_line == line else len(src)
            excerpt, pad, marks = self.window(src, a, b, self.width - gutter - 3)
            carets = "^" * (marks if marks > 1 else 1)
            if plain:
                out += (f"{indent}|", f"{num} | {excerpt}", f"{indent}| {' ' * pad}{carets}")
            else:
                bar = indent + s("|", "blue")
                out.append(bar)
                out.append(f"{s(num, 'blue')} {s('|', 'blue')} {excerpt}")
                out.append(f"{bar} {' ' * pad}{s(carets, SEVERITY_STYLE[d.severity])}")
        sep = "：" if lang == "zh" else ": "
        if end_line != line:
            where = lab["lines"].format(n=end_line - line + 1, line=end_line, col=end_col)
            out.append(f"{indent}= {lab['span']}{sep}{where}")
        if d.help is not None:
            fix = d.fix
            label = lab["fix"] if fix is not None else lab["help"]
            extra = lab["unsafe"] if fix is not None and not fix.safe else ""
            out.append(f"{indent}= {s(label, 'bold')}{sep}{d.help.get(lang)}{extra}")
        for r in d.related:
            where = r.path or d.path
            pos = f":{r.position[0]}:{r.position[1]}" if r.position else ""
            out.append(f"{indent}= {s(r.note.get(lang), 'bold')}{sep}{where}{pos}")
        return "\n".join(out)

    @staticmethod
    def window(src: str, a: int, b: int, avail: int) -> tuple[str, int, int]:
        """Cut ``src`` to about ``avail`` columns around ``[a, b)``.

        Returns the excerpt, the caret padding and the caret count, both in display columns.
        """
        n = len(src)
        # (conditional expressions, not min/max: this runs once per finding shown)
        a = 0 if a < 0 else n if a > n else a
        b = a if b < a else n if b > n else b
        # A line can be megabytes long: measure only the part that can be shown. Every shown
        # character is at least one column wide (bar combining marks), so at most ``avail``
        # characters either side of the span's start can appear.
        reach = avail if avail > 8 else 8
        lo, hi = (a - reach if a > reach else 0), (a + reach if a + reach < n else n)
        cut_left, cut_right = lo > 0, hi < n
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
        if left_budget < 8:
            left_budget = 8
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
        for (code, name), n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "[*]" if fixable[code] else "   "
            self._write(f"{n:>5}  {code:<6} {mark} {name}\n")
