"""W202 misspelling: a word from the dictionary of common misspellings (煤研石 → 煤矸石)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Final, NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Document, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.words import _data
from wenlint.text.chars import is_han
from wenlint.text.phrases import PhraseMatcher


class _Entry(Frozen):
    __slots__ = ("right", "safe")
    _fields = ("right", "safe")
    right: Final[str]
    safe: Final[bool]  # the correction may be applied by --fix

    def __init__(self, right: str, safe: bool) -> None:
        self.right = right
        self.safe = safe


class Misspelling(Rule):
    code = "W202"
    name = "misspelling"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = T(
        zh="常见别字：词典中收录的错误写法（煤研石 → 煤矸石，按步就班 → 按部就班）",
        en="A common misspelling from the dictionary (煤研石 → 煤矸石, 按步就班 → 按部就班)",
    )
    rationale = T(
        zh="别字是校对最常见的差错。词典收录《咬文嚼字》公布的常见别字、常见成语误写和专业术语误写，"
        "正确写法以《现代汉语词典》（第7版）和《通用规范汉字表》为准"
        "（来源见 rules/words/data/SOURCES.md）。"
        "匹配时不会在更长的正确词里误报：两三个字的词条要求两侧不与相邻的字组成常用词"
        "（“既使用”里的“既使”、“除了望着”里的“了望”不报），并且每个词条可以列出例外语境。"
        "配置 [dictionary] 的 misspellings 可以补充词条，allow 可以放行词语。",
        en="Misspellings are the commonest proofreading error. The dictionary holds the common "
        "misspellings published by 《咬文嚼字》, common idiom misspellings and misspelt technical "
        "terms, "
        "corrected after 《现代汉语词典》 (7th ed.) and the 《通用规范汉字表》 (sources in "
        "rules/words/data/SOURCES.md). A hit never fires inside a longer correct word: two- and "
        "three-character entries must not form a common word with the neighbouring character "
        "(no hit in 既使用 or 除了望着), and entries may list exception contexts. The config's "
        "[dictionary] adds entries (misspellings) and allows words (allow).",
    )
    fix_safety = T(
        zh="三个字及以上、无例外语境的词条直接替换为正确写法；"
        "两个字的词条可能处在词语边界上，只作提示",
        en="Entries of three or more characters without exception contexts are replaced; "
        "two-character entries may straddle a word boundary, so their fix is only shown",
    )
    examples = (
        Example(bad="“煤研石综合利用”等课题", good="“煤矸石综合利用”等课题"),
        Example(bad="各项工作按步就班推进。", good="各项工作按部就班推进。"),
        Example(good="既使用传统媒体，也使用新媒体。"),
        Example(good="除了望着窗外，他什么也没做。"),
        Example(good="他激动得不能自已。"),
    )
    messages = {
        "misspelt": T(zh="“{wrong}”应为“{right}”", en="“{wrong}” should be “{right}”"),
        "misspelt.help": T(zh="改为“{right}”", en="write “{right}”"),
    }

    class Options(NamedTuple):
        builtin: bool = True  # use the built-in dictionary (false: only the config's entries)

    def check(self, doc: Document, ctx: Context) -> None:
        user = _user(ctx.dictionary) if ctx.dictionary else _NO_USER
        matcher = _matcher(self.options.builtin, *user)
        if not matcher:
            return
        text = doc.view
        for hit in matcher.finditer(doc):  # one automaton pass per document
            if len(hit.phrase) <= 3 and _straddles(text, hit.start, hit.end):
                continue
            if ctx.block_at(hit.start, hit.end) is None:
                continue
            span = Span(hit.start, hit.end)
            ctx.report(
                span,
                "misspelt",
                help="misspelt.help",
                fix=Fix.replace(span, hit.value.right, safe=hit.value.safe),
                wrong=hit.phrase,
                right=hit.value.right,
            )


def _straddles(text: str, start: int, end: int) -> bool:
    """A short hit whose edge character forms a common word with its neighbour is taken to be two
    halves of correct words (除了|望着, 既|使用), not a misspelling."""
    words = _data.common_words()
    if start > 0 and is_han(text[start - 1]) and text[start - 1] + text[start] in words:
        return True
    return end < len(text) and is_han(text[end]) and text[end - 1] + text[end] in words


_NO_USER: tuple[tuple[tuple[str, str], ...], tuple[str, ...]] = ((), ())


def _user(dictionary: Mapping[str, Any]) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    mis = dictionary.get("misspellings") or {}
    allow = dictionary.get("allow") or ()
    if isinstance(allow, str):
        allow = (allow,)
    return tuple(sorted(mis.items())), tuple(sorted(allow))


@lru_cache(maxsize=8)
def _matcher(
    builtin: bool, user: tuple[tuple[str, str], ...], allow: tuple[str, ...]
) -> PhraseMatcher[_Entry]:
    """One automaton per distinct dictionary (built-in + the config's), built once per process."""
    entries: dict[str, _Entry] = {}
    exceptions: dict[str, list[str]] = {}
    if builtin:
        for m in _data.misspellings():
            entries[m.wrong] = _Entry(m.right, len(m.wrong) >= 3 and not m.exceptions)
            exceptions[m.wrong] = list(m.exceptions)
    for wrong, right in user:
        entries[wrong] = _Entry(right, len(wrong) >= 3)
        exceptions[wrong] = []
    for word in allow:
        entries.pop(word, None)
        for wrong in entries:
            if wrong in word:
                exceptions[wrong].append(word)
    return PhraseMatcher(entries, exceptions)
