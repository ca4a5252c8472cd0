"""The README's table of built-in rules, generated from the registry (code, name, severity, fix
availability, summary), between the README's ``<!-- rules:start -->`` and ``<!-- rules:end -->``.

Run ``.venv/bin/python tests/rule_table.py`` after adding or changing a rule (the tests do it too
with WENLINT_UPDATE_SNAPSHOTS=1); tests/test_meta.py fails while the table is out of date.
"""

from __future__ import annotations

from pathlib import Path

from wenlint.rule import FixAvailability, Rule
from wenlint.testing import registry

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"

FIX_CELL = {
    FixAvailability.ALWAYS: "yes",
    FixAvailability.SOMETIMES: "some",
    FixAvailability.SUGGESTION: "suggestion",
    FixAvailability.NONE: "",
}

LEGEND = (
    '"fix": *yes* = every finding has a safe fix, which `--fix` applies; *some* = some findings\n'
    "have one, others a suggestion or nothing; *suggestion* = findings come with a suggested\n"
    "(unsafe) change only, shown as 需人工确认 and never applied."
)


def builtin_rules() -> list[type[Rule]]:
    """The rules wenlint itself installs (not a plugin's), by code."""
    reg = registry()
    return [r for r in reg.sorted() if reg.origin[r.code] == "wenlint"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rules: list[type[Rule]] | None = None) -> str:
    """The generated section, markers included."""
    lines = [
        START,
        "<!-- generated from the rules by tests/rule_table.py: edit the rules, not this table -->",
        LEGEND,
        "",
        "<!-- the table quotes the defects it describes: -->",
        "<!-- wenlint-disable -->",
        "| code | name | severity | fix | what it finds |",
        "|---|---|---|---|---|",
    ]
    for r in builtin_rules() if rules is None else rules:
        off = "" if r.default_enabled else "（默认关闭）"
        lines.append(
            f"| [{r.code}](rules/docs/{r.code}.md) | `{r.name}` | {r.severity.label} | "
            f"{FIX_CELL[r.fix]} | {_cell(r.summary.zh)}{off} |"
        )
    lines += ["<!-- wenlint-enable -->", END]
    return "\n".join(lines)


def updated(readme: str) -> str:
    """``readme`` with its rule table regenerated."""
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README.md has no {START} ... {END} section")
    return head + table() + tail


def main() -> None:
    text = README.read_text("utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, "utf-8")
        print(f"{README}: rule table rewritten")
    else:
        print(f"{README}: rule table up to date")


if __name__ == "__main__":
    main()
