"""The engine's own findings, defined as rules so that ``rules``, ``explain``, SARIF and HTML
describe them from one place. The runner reports them itself (they have no ``check``); they
cannot be selected or ignored, and so are not in the registry's selection."""

from __future__ import annotations

from wenlint.rule import Rule, Severity, T


class InternalError(Rule):
    code = "E001"
    name = "internal-error"
    severity = Severity.ERROR
    summary = T(
        zh="规则运行时出错；其他规则照常运行", en="A rule failed; the other rules still ran"
    )
    rationale = T(
        zh="一条规则的缺陷不应让其他规则的检查中断：出错的规则在该文件的结果作废，"
        "以此条代替，并写明规则与出错位置，其他规则照常报告。",
        en="One rule's bug must not stop the others: the failed rule's findings in the file are "
        "dropped and replaced by this one, naming the rule and where it failed; the other "
        "rules report as usual.",
    )
    messages = {
        "failed": T(
            zh="规则 {rule} {name} 内部错误：{detail}", en="rule {rule} {name} failed: {detail}"
        ),
        "report": T(
            zh="请报告此问题；其他规则照常运行", en="please report this; other rules still ran"
        ),
    }


class UnknownRuleInComment(Rule):
    code = "E002"
    name = "unknown-rule-in-comment"
    severity = Severity.WARNING
    summary = T(
        zh="抑制注释中写了不存在的规则",
        en="A suppression comment names a rule that does not exist",
    )
    rationale = T(
        zh="写错的规则代码让抑制注释悄悄失效：报告出来才能改正。",
        en="A misspelt code makes a suppression comment silently do nothing: it is reported so "
        "that it can be corrected.",
    )
    messages = {
        "unknown": T(zh="注释中的规则“{token}”不存在", en="unknown rule “{token}” in comment"),
        "see": T(zh="运行 wenlint rules 查看规则代码", en="see `wenlint rules` for codes"),
    }


#: The engine's rules, in code order.
ENGINE_RULES: tuple[type[Rule], ...] = (InternalError, UnknownRuleInComment)
ENGINE_BY_CODE: dict[str, type[Rule]] = {r.code: r for r in ENGINE_RULES}
