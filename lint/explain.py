"""Rule documentation generated from the rule's fields (``explain``, ``rules --format json``)."""

from __future__ import annotations

from typing import Any

from wenlint.rule import REQUIRED, FixAvailability, Rule

_H: dict[str, dict[str, Any]] = {
    "zh": {
        "what": "规则说明",
        "why": "为什么",
        "bad": "错误示例",
        "good": "正确示例",
        "fix": "修复",
        "options": "选项",
        "standard": "依据",
        "severity": "默认级别",
        "fixable": {
            "none": "不可自动修复",
            "suggestion": "仅提示修改建议，不自动修复",
            "sometimes": "部分可自动修复",
            "always": "可自动修复",
        },
        "off": "默认关闭，需用 --select 或配置启用",
    },
    "en": {
        "what": "What it does",
        "why": "Why",
        "bad": "Bad",
        "good": "Good",
        "fix": "Fix safety",
        "options": "Options",
        "standard": "Standard",
        "severity": "Default severity",
        "fixable": {
            "none": "not fixable",
            "suggestion": "suggestions only, not fixable",
            "sometimes": "sometimes fixable",
            "always": "fixable",
        },
        "off": "off by default; enable with --select or the config",
    },
}


def _options(rule: type[Rule]) -> list[tuple[str, str, Any]]:
    out = []
    for f in rule.option_fields():
        default = None if f.default is REQUIRED else f.default
        tp = f.type
        out.append((f.name.replace("_", "-"), getattr(tp, "__name__", str(tp)), default))
    return out


def _indented(examples: list[str]) -> list[str]:
    """Each example indented as a block; when one spans lines, examples are separated by ---."""
    multi = any("\n" in ex.strip("\n") for ex in examples)
    out: list[str] = []
    for ex in examples:
        if out and multi:
            out.append("    ---")
        out += [f"    {ln}" if ln else "" for ln in ex.strip("\n").split("\n")]
    return out


def explain_text(rule: type[Rule], lang: str) -> str:
    h = _H[lang]
    lines = [f"# {rule.name} ({rule.code})", ""]
    lines.append(f"{h['severity']}: {rule.severity.label} · {h['fixable'][rule.fix.value]}")
    if not rule.default_enabled:
        lines.append(h["off"])
    if rule.standard:
        lines.append(f"{h['standard']}: {rule.standard}")
    lines += [
        "",
        f"## {h['what']}",
        rule.summary.get(lang),
        "",
        f"## {h['why']}",
        rule.rationale.get(lang),
    ]
    bads = [e.bad for e in rule.examples if e.bad]
    goods = [e.good for e in rule.examples if e.good]
    if bads:
        lines += ["", f"## {h['bad']}", *_indented(bads)]
    if goods:
        lines += ["", f"## {h['good']}", *_indented(goods)]
    if rule.fix is not FixAvailability.NONE and rule.fix_safety:
        lines += ["", f"## {h['fix']}", rule.fix_safety.get(lang)]
    opts = _options(rule)
    if opts:
        lines += ["", f"## {h['options']}"]
        lines += [f"    {n} ({t}) = {d!r}" for n, t, d in opts]
        lines.append(f'    [rules.{rule.name}]  severity = "{rule.severity.label}"')
    return "\n".join(lines)


def rule_json(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.label,
        "fix": rule.fix.value,
        "default_enabled": rule.default_enabled,
        "standard": rule.standard,
        "summary": {"zh": rule.summary.zh, "en": rule.summary.en},
        "rationale": {"zh": rule.rationale.zh, "en": rule.rationale.en},
        "options": [{"name": n, "type": t, "default": d} for n, t, d in _options(rule)],
    }
