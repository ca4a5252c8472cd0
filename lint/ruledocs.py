"""A rule's documentation page: the text of ``wenlint explain CODE`` as a Markdown file named
``CODE.md``, one per language. The language server links each finding to its page (LSP
``codeDescription``); other outputs that link rules to their documentation name the same pages."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from wenlint.explain import explain_text
from wenlint.rule import Rule


def rule_doc_name(code: str) -> str:
    """The file name of a rule's page (``W201.md``)."""
    return f"{code}.md"


def rule_doc_text(rule: type[Rule], lang: str) -> str:
    """A rule's page: what, why, bad and good examples, fix safety, options (Markdown)."""
    return explain_text(rule, lang) + "\n"


def write_rule_doc(rule: type[Rule], lang: str, folder: Path) -> Path:
    """Write the page of ``rule`` in ``lang`` to ``folder/lang/CODE.md`` (whole or not at all,
    only when its text changed) and return its path; raises ``OSError``."""
    path = folder / lang / rule_doc_name(rule.code)
    text = rule_doc_text(rule, lang)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if path.read_text("utf-8") == text:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
