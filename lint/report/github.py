"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

    ::error file=seeds/a.txt,line=45,col=107,endLine=45,endColumn=111,title=W201 doubled-word::…

Severity maps to ``error`` / ``warning`` / ``notice``. The runner parses the line itself, so values
are escaped as it requires: ``%``, CR and LF in the message; those and ``:`` and ``,`` in
properties. Document text and file names are first made ``visible`` (no raw control character,
line break or escape sequence reaches the log), so every line starting with ``::`` is one that
wenlint wrote. ``col``/``endColumn`` (1-based code points, end exclusive) are given only when the
finding starts and ends on one line: the runner rejects them otherwise.

GitHub shows only ``SHOWN_PER_LEVEL`` annotations of each level per step (``SHOWN_PER_JOB`` per
job) and drops the rest silently: when a run prints more, one line on stderr says how many are
not shown and where to see them all. When ``$GITHUB_STEP_SUMMARY`` names a file (the runner sets
it for every step), a Markdown summary is appended to it: the totals, the findings per rule, the
files with the most findings, the first findings, and how to see the rest.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections import Counter
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
#: What GitHub shows of a step's annotations: this many of each level, this many in a job.
SHOWN_PER_LEVEL = 10
SHOWN_PER_JOB = 50
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
#: The step summary lists this many files and first findings (GitHub takes 1 MiB per step).
SUMMARY_FILES = 10
SUMMARY_FINDINGS = 20
SUMMARY_MESSAGE_MAX = 200
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!#<>&])")
_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def markdown_text(s: str, limit: int | None = None) -> str:
    """``s`` as literal Markdown text on one line (fit for a table cell): made ``visible``, cut to
    ``limit`` characters, HTML characters as entities, Markdown punctuation backslash-escaped."""
    s = visible(s).replace("\r", " ").replace("\n", " ")
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITY.get(m.group(1)) or "\\" + m.group(1), s)


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


def not_shown(printed: Counter[str]) -> int:
    """How many of ``printed`` annotations (per level) GitHub does not show."""
    shown = min(sum(min(n, SHOWN_PER_LEVEL) for n in printed.values()), SHOWN_PER_JOB)
    return sum(printed.values()) - shown


class GithubReporter(FileFed):
    """Prints annotations as files are linted; file errors become annotations too. At the end:
    a line on ``err`` when GitHub will not show them all, and the step summary when
    ``summary_path`` (default ``$GITHUB_STEP_SUMMARY``) is set."""

    def __init__(
        self,
        out: TextIO,
        *,
        registry: Registry | None = None,
        lang: str = "zh",
        summary_path: str | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.out = out
        self.lang = lang
        self.summary_path = summary_path or os.environ.get(SUMMARY_ENV) or None
        self.err = err
        self.printed: Counter[str] = Counter()  # annotations printed, per level (command)
        self.by_rule: Counter[str] = Counter()
        self.rule_info: dict[str, tuple[str, str]] = {}  # code -> (name, level)
        self.by_file: Counter[str] = Counter()
        self.first: list[tuple[str, int, int, str, str]] = []  # path, line, column, code, message

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        for d in sorted(diags, key=lambda d: d.sort_key):
            self.out.write(annotation(d, self.lang) + "\n")
            level = COMMAND[d.severity]
            self.printed[level] += 1
            self.by_rule[d.code] += 1
            self.rule_info.setdefault(d.code, (d.name, level))
            self.by_file[d.path] += 1
            if len(self.first) < SUMMARY_FINDINGS:
                line, col, _, _ = d.position
                self.first.append((d.path, line, col, d.code, d.message.get(self.lang)))
        self.out.flush()

    def finish(self, *, files: int, errors: Sequence[str] = (), fixed: int = 0) -> None:
        for e in map(visible, errors):
            path, sep, what = e.partition(": ")
            where = f" file={escape_property(path)}," if sep and path else " "
            self.out.write(f"::error{where}title=wenlint::{escape_data(what if sep else e)}\n")
            self.printed["error"] += 1
        self.out.flush()
        hidden = not_shown(self.printed)
        if hidden:
            self._say(self.capped_line(hidden))
        if self.summary_path:
            try:
                with open(self.summary_path, "a", encoding="utf-8") as f:
                    f.write(self.summary(files, errors, hidden))
            except OSError as exc:
                why = exc.strerror or str(exc)
                where = visible(self.summary_path)
                self._say(f"wenlint: warning: cannot write the step summary ({where}): {why}")

    def _say(self, line: str) -> None:
        """One line on stderr, when there is a stderr to write to."""
        err = self.err or sys.stderr
        with contextlib.suppress(OSError, ValueError, AttributeError):
            err.write(line + "\n")
            err.flush()

    def _counts(self) -> str:
        p = self.printed
        if self.lang == "zh":
            names = {"error": "错误", "warning": "警告", "notice": "提示"}
            return "，".join(f"{names[k]} {p[k]:,}" for k in names if p[k])
        return ", ".join(f"{p[k]:,} {k}{'s' * (p[k] != 1)}" for k in COMMAND.values() if p[k])

    def capped_line(self, hidden: int) -> str:
        total = sum(self.printed.values())
        where_zh = "步骤摘要中有各规则计数，" if self.summary_path else ""
        where_en = "the step summary counts them per rule; " if self.summary_path else ""
        if self.lang == "zh":
            return (
                f"wenlint: GitHub 每个步骤每种级别只显示 {SHOWN_PER_LEVEL} 条注释"
                f"（每个作业至多 {SHOWN_PER_JOB} 条）：本次输出 {total:,} 条（{self._counts()}），"
                f"其中 {hidden:,} 条不会显示；{where_zh}"
                "全部问题请用 wenlint check --format text 查看，或上传 --format sarif 到代码扫描"
            )
        return (
            f"wenlint: GitHub shows {SHOWN_PER_LEVEL} annotations of each level per step "
            f"({SHOWN_PER_JOB} per job): {total:,} printed ({self._counts()}), {hidden:,} of them "
            f"not shown; {where_en}see them all with `wenlint check --format text`, or upload "
            "`--format sarif` to code scanning"
        )

    def summary(self, files: int, errors: Sequence[str], hidden: int) -> str:
        """The step summary, in Markdown (every name and message as literal text)."""
        zh = self.lang == "zh"
        findings = sum(self.by_rule.values())
        md = markdown_text
        out = ["## wenlint", ""]
        if zh:
            line = f"检查 {files:,} 个文件，发现 **{findings:,}** 处问题"
            line += f"（{self._counts()}）。" if findings else "。"
            if errors:
                line += f"{len(errors):,} 个文件无法检查。"
        else:
            line = (
                f"**{findings:,}** finding{'s' * (findings != 1)} in {files:,} "
                f"file{'s' * (files != 1)} checked"
            )
            line += f" ({self._counts()})." if findings else "."
            if errors:
                line += f" {len(errors):,} file{'s' * (len(errors) != 1)} could not be checked."
        out += [line, ""]
        if hidden:
            out += [
                (
                    f"GitHub 每个步骤每种级别只显示 {SHOWN_PER_LEVEL} 条注释：{hidden:,} "
                    "条没有显示在代码旁。"
                    if zh
                    else f"GitHub shows {SHOWN_PER_LEVEL} annotations of each level per step: "
                    f"{hidden:,} are not shown beside the code."
                ),
                "",
            ]
        if self.by_rule:
            head = ("规则", "名称", "级别", "数量") if zh else ("Rule", "Name", "Level", "Findings")
            out += [f"### {'各规则' if zh else 'By rule'}", "", "| " + " | ".join(head) + " |"]
            out.append("|---|---|---|---:|")
            for code, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                name, level = self.rule_info[code]
                out.append(f"| {md(code)} | {md(name)} | {level} | {n:,} |")
            out += ["", f"### {'问题最多的文件' if zh else 'Files with the most findings'}", ""]
            out += ["| 文件 | 数量 |" if zh else "| File | Findings |", "|---|---:|"]
            for path, n in sorted(self.by_file.items(), key=lambda kv: (-kv[1], kv[0]))[
                :SUMMARY_FILES
            ]:
                out.append(f"| {md(path)} | {n:,} |")
            if len(self.by_file) > SUMMARY_FILES:
                more = len(self.by_file) - SUMMARY_FILES
                out.append(f"| {'另有' if zh else 'and'} {more:,} {'个文件' if zh else 'more'} | |")
            out += ["", f"### {'最先发现的问题' if zh else 'First findings'}", ""]
            out += [
                "| 位置 | 规则 | 说明 |" if zh else "| Where | Rule | Message |",
                "|---|---|---|",
            ]
            for path, line_no, col, code, message in self.first:
                where = md(f"{path}:{line_no}:{col}" if line_no > 0 else path)
                out.append(f"| {where} | {md(code)} | {md(message, SUMMARY_MESSAGE_MAX)} |")
            out.append("")
            rest = findings - len(self.first)
            if zh:
                rest_line = f"另有 {rest:,} 处问题未列出。" if rest > 0 else ""
                out.append(
                    f"{rest_line}全部问题：在本地运行 `wenlint check --format text`，"
                    "或上传 `--format sarif` 的结果到代码扫描（见 README 的 CI 一节）。"
                )
            else:
                rest_line = f"{rest:,} more findings are not listed here. " if rest > 0 else ""
                out.append(
                    f"{rest_line}Every finding: run `wenlint check --format text`, or upload "
                    "`--format sarif` to code scanning (see the README's CI section)."
                )
        if errors:
            out += ["", f"### {'无法检查的文件' if zh else 'Files not checked'}", ""]
            out += [f"- {md(e, SUMMARY_MESSAGE_MAX)}" for e in errors[:SUMMARY_FILES]]
            if len(errors) > SUMMARY_FILES:
                out.append(f"- … {len(errors) - SUMMARY_FILES:,}")
        return "\n".join(out) + "\n\n"
