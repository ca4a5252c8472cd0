"""A self-contained HTML report (``--format html``): one file, no network, no external assets.

Each linted document is shown as text with its findings highlighted in place; a side list filters by
severity, family and rule; a click on a finding scrolls to it and shows the rule's explanation with
bad and good examples; an overview charts the findings by rule.

The page is written as the files are linted (memory stays at the largest file): one small JSON block
per file (path, findings) and one JSON string per document text, read only when that document is
opened. The script renders one document at a time, a line per element, in chunks the browser skips
while off screen (``content-visibility``), so a 10,000-line document stays responsive. Offsets are
converted to UTF-16 here (JavaScript strings), so characters outside the BMP stay aligned.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from wenlint import __version__
from wenlint.diagnostic import Diagnostic
from wenlint.engine_rules import ENGINE_BY_CODE
from wenlint.report import FileFed
from wenlint.report.html_app import CSS, JS
from wenlint.report.visible import json_safe, visible
from wenlint.rule import FixAvailability, Rule

if TYPE_CHECKING:
    from wenlint.registry import Registry

FAMILIES = {
    "zh": {
        "D": "重复",
        "W": "词语",
        "N": "编号",
        "P": "标点",
        "S": "结构",
        "F": "格式",
        "C": "字符",
        "U": "自定义",
        "E": "引擎",
    },
    "en": {
        "D": "duplication",
        "W": "words",
        "N": "numbering",
        "P": "punctuation",
        "S": "structure",
        "F": "formats",
        "C": "characters",
        "U": "house style",
        "E": "engine",
    },
}

LABELS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "wenlint 检查报告",
        "files": "文件",
        "findings": "问题",
        "severity": "级别",
        "family": "类别",
        "rules": "规则",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "all": "全选",
        "none": "清除",
        "overview": "概览",
        "by_rule": "按规则统计",
        "explain": "规则说明",
        "why": "为什么",
        "bad": "错误示例",
        "good": "正确示例",
        "standard": "依据",
        "fix": "修复",
        "help": "建议",
        "unsafe": "需人工确认，不自动应用",
        "safe": "可用 --fix 自动修复",
        "related": "相关位置",
        "clean": "此文件未发现问题",
        "no_findings": "没有符合筛选条件的问题",
        "no_file": "没有可显示的文件",
        "total": "共 {n} 处问题",
        "summary": "{files} 个文件 · 共 {total} 处问题"
        "（错误 {error}，警告 {warning}，提示 {info}）",
        "file_errors": "无法检查的文件",
        "keys": "快捷键：j/k 下一处/上一处，Esc 取消选择",
        "line": "行",
        "sep": "：",
        "deleted": "（删去）",
        "shown": "显示 {shown}/{total}",
        "default": "默认级别",
        "fixable": {
            "none": "不可自动修复",
            "suggestion": "仅提示修改建议，不自动修复",
            "sometimes": "部分可自动修复",
            "always": "可自动修复",
        },
    },
    "en": {
        "title": "wenlint report",
        "files": "Files",
        "findings": "Findings",
        "severity": "Severity",
        "family": "Family",
        "rules": "Rules",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "all": "all",
        "none": "none",
        "overview": "Overview",
        "by_rule": "Findings by rule",
        "explain": "Rule",
        "why": "Why",
        "bad": "Bad",
        "good": "Good",
        "standard": "Standard",
        "fix": "fix",
        "help": "help",
        "unsafe": "unsafe: review before applying",
        "safe": "fixable with --fix",
        "related": "Related",
        "clean": "No problems in this file",
        "no_findings": "No findings match the filters",
        "no_file": "No file to show",
        "total": "{n} findings",
        "summary": "{files} file(s) · {total} findings ({error} errors, {warning} warnings, "
        "{info} info)",
        "file_errors": "Files that could not be checked",
        "keys": "Keys: j/k next/previous finding, Esc clears the selection",
        "line": "line",
        "sep": ": ",
        "deleted": "(deleted)",
        "shown": "showing {shown}/{total}",
        "default": "Default severity",
        "fixable": {
            "none": "not fixable",
            "suggestion": "suggestions only, not fixable",
            "sometimes": "sometimes fixable",
            "always": "fixable",
        },
    },
}

_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")
EXCERPT = 60
CHUNK = 512  # findings made into JSON at a time


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<`` at all."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json_safe(dumped).replace("<", "\\u003c")


class Utf16:
    """Code-point offsets to UTF-16 offsets (what JavaScript strings count)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset) if self.astral else offset


def _cut(s: str) -> str:
    return s if len(s) <= EXCERPT else s[: EXCERPT - 1] + "…"


def rule_doc(rule: type[Rule], lang: str) -> dict[str, Any]:
    return {
        "name": rule.name,
        "severity": rule.severity.label,
        "fix": rule.fix.value,
        "summary": rule.summary.get(lang),
        "rationale": rule.rationale.get(lang),
        "standard": rule.standard,
        "bad": [e.bad for e in rule.examples if e.bad],
        "good": [e.good for e in rule.examples if e.good],
        "fix_safety": rule.fix_safety.get(lang)
        if rule.fix_safety and rule.fix is not FixAvailability.NONE
        else None,
    }


class HtmlReporter(FileFed):
    """Fed file by file (``file``), closed by ``finish``; writes to ``out`` as it goes."""

    def __init__(
        self, out: TextIO, *, registry: Registry | None = None, lang: str = "zh", title: str = ""
    ) -> None:
        self.out = out
        self.registry = registry
        self.lang = lang
        self.labels = LABELS[lang]
        self.codes: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.texts: dict[str, int] = {}
        self.files = 0
        self._head(title or self.labels["title"])

    def _head(self, title: str) -> None:
        html_lang = "zh-CN" if self.lang == "zh" else "en"
        self.out.write(
            f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="wenlint {__version__}">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<header><h1>{html.escape(title)}</h1><p id="summary"></p>'
            '<button type="button" id="btn-overview"></button></header>\n'
            '<main><nav id="side"></nav>'
            '<section id="docwrap"><div id="doc-title"></div><div id="doc" tabindex="0"></div>'
            '</section><aside id="info"></aside></main>\n'
        )

    def file(self, path: str, text: str | None, diags: Sequence[Diagnostic]) -> None:
        if text is None:
            return
        self.files += 1
        entry: dict[str, Any] = {"path": visible(path), "t": None, "d": []}
        if diags:
            if path not in self.texts:
                self.texts[path] = len(self.texts)
                self.out.write(
                    f'<script type="application/json" id="wl-t{self.texts[path]}">'
                    f"{script_json(text)}</script>\n"
                )
            entry["t"] = self.texts[path]
        # the file's entry as ``script_json(entry)`` would write it, its findings made CHUNK at
        # a time: never all of a large file's as objects at once
        head = script_json(entry)
        write = self.out.write
        write(f'<script type="application/json" class="wl-file">{head[: -len("]}")]}')
        if diags:
            u16, diag = Utf16(text), self._diag
            ordered = sorted(diags, key=lambda d: d.sort_key)
            for i in range(0, len(ordered), CHUNK):
                part = ",".join(script_json(diag(d, text, u16)) for d in ordered[i : i + CHUNK])
                write(("," if i else "") + part)
        write("]}</script>\n")

    def _diag(self, d: Diagnostic, text: str, u16: Utf16) -> dict[str, Any]:
        self.codes[d.code] += 1
        self.names.setdefault(d.code, d.name)
        line, col, end_line, end_col = d.position
        out: dict[str, Any] = {
            "s": u16(d.span.start),
            "e": u16(d.span.end),
            "l": line,
            "c": col,
            "el": end_line,
            "ec": end_col,
            "k": d.code,
            "n": d.name,
            "v": d.severity.label,
            "m": visible(d.message.get(self.lang)),
        }
        if d.help is not None:
            out["h"] = visible(d.help.get(self.lang))
        if d.fix is not None:
            out["x"] = d.fix.applicability.value
            out["f"] = [[_cut(text[e.start : e.end]), _cut(e.text)] for e in d.fix.edits[:5]]
        if d.related:
            out["r"] = [
                {
                    "p": visible(r.path) if r.path else r.path,
                    "l": (r.position or (0, 0, 0, 0))[0],
                    "c": (r.position or (0, 0, 0, 0))[1],
                    "el": (r.position or (0, 0, 0, 0))[2],
                    "n": r.note.get(self.lang),
                }
                for r in d.related
            ]
        return out

    def finish(self, *, files: int = 0, errors: Sequence[str] = (), fixed: int = 0) -> None:
        rules: dict[str, Any] = {}
        for code in sorted(self.codes):
            rule = self.registry.rules.get(code) if self.registry is not None else None
            rule = rule or ENGINE_BY_CODE.get(code)
            rules[code] = (
                rule_doc(rule, self.lang)
                if rule is not None
                else {"name": self.names.get(code, code), "bad": [], "good": []}
            )
        meta = {
            "version": __version__,
            "lang": self.lang,
            "files": files or self.files,
            "errors": [visible(e) for e in errors],
            "fixed": fixed,
            "rules": rules,
            "families": FAMILIES[self.lang],
            "labels": self.labels,
        }
        self.out.write(
            f'<script type="application/json" id="wl-meta">{script_json(meta)}</script>\n'
        )
        self.out.write(f"<script>{JS}</script>\n</body>\n</html>\n")
        self.out.flush()
