"""C701 traditional-char: traditional characters inside a simplified-Chinese document."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Block, Document
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.text.chars import is_han
from wenlint.text.locate import lazy_re


class Tables(Frozen):
    """Character facts read from opencc's own dictionaries (read once, on first use)."""

    __slots__ = ("ambiguous", "simp", "trad")
    _fields = ("trad", "simp", "ambiguous")
    trad: Final[frozenset[str]]  # traditional-only: t2s changes them, they are not simplified forms
    simp: Final[frozenset[str]]  # simplified-only: s2t changes them, they are not traditional forms
    ambiguous: Final[frozenset[str]]  # traditional characters with more than one simplified form

    def __init__(
        self, trad: frozenset[str], simp: frozenset[str], ambiguous: frozenset[str]
    ) -> None:
        self.trad = trad
        self.simp = simp
        self.ambiguous = ambiguous


def _load(path: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for line in text.split("\n"):
        key, _, value = line.partition("\t")
        if key and value:
            table[key] = value.split(" ")
    return table


_TABLES = Path(__file__).parent / "data" / "tables.txt"


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The character sets, from ``data/tables.txt``: derived from opencc's dictionaries by
    ``tables_from_opencc`` (a test checks they agree), read in a millisecond instead of parsed."""
    sets = {}
    for line in _TABLES.read_text("utf-8").splitlines():
        name, _, chars = line.partition("\t")
        if name and not name.startswith("#"):
            sets[name] = frozenset(chars)
    return Tables(sets["trad"], sets["simp"], sets["ambiguous"])


def tables_from_opencc() -> Tables:
    import opencc

    folder = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    ts = _load(os.path.join(folder, "TSCharacters.txt"))
    st = _load(os.path.join(folder, "STCharacters.txt"))
    trad = {c for c, alts in ts.items() if len(c) == 1 and c not in alts and c not in st}
    trad -= _STANDARD_VARIANTS
    simp = {c for c, alts in st.items() if len(c) == 1 and c not in alts and c not in ts}
    ambiguous = {c for c in trad if len(ts[c]) > 1}
    return Tables(frozenset(trad), frozenset(simp), frozenset(ambiguous))


def write_tables() -> None:
    """Regenerate ``data/tables.txt`` from the installed opencc (after an opencc upgrade)."""
    tab = tables_from_opencc()
    head = "# Derived from OpenCC's TSCharacters/STCharacters by tables_from_opencc (SOURCES.md)\n"
    body = "".join(
        f"{name}\t{''.join(sorted(getattr(tab, name)))}\n" for name in ("trad", "simp", "ambiguous")
    )
    _TABLES.write_text(head + body, "utf-8")


@lru_cache(maxsize=1)
def converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


# Characters opencc maps to simplified forms that the 通用规范汉字表 (2013) nevertheless admits in
# simplified text, for names: 毕昇.
_STANDARD_VARIANTS = frozenset("昇")
# Kana: a Japanese text uses kanji that look traditional; it is not simplified Chinese at all.
_KANA = lazy_re("[\u3041-\u3096\u30a1-\u30fa]")
# A link to another language version of the document, in Markdown ([繁體中文](README.zh-TW.md))
# or HTML (<a href="README_zh-Hant.md">繁體版</a>): its text names that version's language in
# that language's own script, and is no traditional character slipped into the simplified prose.
_MD_LINK = lazy_re(r"\[([^\[\]\n]{1,16})\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_HTML_LINK = lazy_re(
    r"<a\s[^>\n]*?href\s*=\s*[\"']([^\"'\n]+)[\"'][^>\n]*>([^<\n]{1,16})</a\s*>", re.IGNORECASE
)
# A language tag in a file or folder name of the target: README.zh-TW.md, README_zh-Hant.md,
# docs/zh-tw/README.md, README-tw.md, README.cht.md.
_LANG_TAG = lazy_re(
    r"(?:^|[._/-])(?:zh[-_]?(?:tw|hk|mo|hant|hans|cn|sg|chs|cht)|zh|tw|hk|cht|chs|big5|"
    r"traditional|hant|en|ja|ko)(?:[._/-]|$)",
    re.IGNORECASE,
)


class TraditionalChar(Rule):
    code = "C701"
    name = "traditional-char"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "《通用规范汉字表》(2013); 《中华人民共和国国家通用语言文字法》第 17 条"
    summary = T(
        zh="简体文稿中混入了繁体字",
        en="Traditional characters inside a simplified-Chinese document",
    )
    rationale = T(
        zh="国家通用语言文字以规范汉字为准（《国家通用语言文字法》，《通用规范汉字表》），"
        "简体文稿里夹杂的繁体字多来自转码或从港台资料复制。用 OpenCC 的繁简对照判断，"
        "只报告只属于繁体的字，繁简同形的字（如“著”“乾坤”的“乾”）不报告；"
        "整篇以繁体为主的文档（繁体专用字多于简体专用字）不报告。用户词典 allow 中的字词不报告。"
        "指向本文另一语言版本的链接（README 的语言切换：[繁體中文](README.zh-TW.md)）写的是"
        "那个版本的语言名称，不报告。",
        en="Standard Chinese text uses the standard (simplified) characters. Traditional "
        "characters in a simplified document usually come from conversion or pasting. Decided "
        "with OpenCC's tables: only characters that are traditional-only are reported, never "
        "characters shared by both scripts; a document mostly in traditional characters is left "
        "alone. Words in the dictionary's allow list are not reported, nor is the text of a link "
        "to another language version of the document (a README's switcher: "
        "[繁體中文](README.zh-TW.md)), which names that version's language.",
    )
    fix_safety = T(
        zh="繁体字只有一个简体对应时换成简体，可自动应用；一繁对多简（如“餘”→余/馀）时只作提示",
        en="Safe when the traditional character has one simplified form; otherwise only shown",
    )
    examples = (
        Example(
            bad="我们要加强機關党的建设，推动各项工作落实。",
            good="我们要加强机关党的建设，推动各项工作落实。",
        ),
        Example(
            bad="这是国家的大事，必须认真对待，不得有絲毫馬虎。",
            good="这是国家的大事，必须认真对待，不得有丝毫马虎。",
        ),
        # 鍾 is 钟 or 锺 (a surname): the fix is a suggestion
        Example(bad="市里修缮了鍾楼，供市民参观。", good="市里修缮了钟楼，供市民参观。"),
        Example(good="這是一篇繁體中文的文章，全文都使用繁體字書寫。"),
        Example(good="毕昇发明了活字印刷术，著作等身，乾坤朗朗。"),
    )
    messages = {
        "trad": T(
            zh="简体文稿中的繁体字“{text}”，应为“{fixed}”",
            en="traditional “{text}” in a simplified document; write “{fixed}”",
        ),
        "trad.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
        "para": T(
            zh="本段 {n} 个繁体字，全文以简体为主",
            en="this paragraph has {n} traditional characters in a simplified document",
        ),
        "para.help": T(zh="将本段转换为简体", en="convert the paragraph to simplified characters"),
    }

    class Options(NamedTuple):
        # a paragraph with at least this many traditional characters is reported once, as a whole
        paragraph_threshold: int = 8

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        outside = _outside_gb2312(view)
        if not outside and not any(c in view for c in _GB2312_TRAD):
            return  # no traditional character: decided without loading opencc's tables
        tab = tables()
        present = _present(view, tab, outside)
        if not present:
            return
        if len(_KANA().findall(view)) >= 5:
            return
        n_trad = sum(view.count(c) for c in present)
        n_simp = sum(view.count(c) for c in tab.simp.intersection(view))
        if n_trad >= n_simp:
            return  # a traditional document, or too little text to tell
        allowed = _allowed(ctx)
        links = _language_link_texts(doc.text)
        for block in doc.blocks:
            if tab.trad.isdisjoint(block.text):
                continue
            self._block(block, tab, allowed, links, ctx)

    def _block(
        self,
        block: Block,
        tab: Tables,
        allowed: list[str],
        links: list[tuple[int, int]],
        ctx: Context,
    ) -> None:
        text = block.text
        masked = _allowed_positions(text, allowed)
        for a, b in links:  # a language switcher's names: [繁體中文](README.zh-TW.md)
            masked.update(range(max(a, block.start) - block.start, min(b, block.end) - block.start))
        hits = [i for i, ch in enumerate(text) if ch in tab.trad and i not in masked]
        if not hits:
            return
        converted = _convert(text)
        if len(converted) != len(text):
            return  # opencc never changes length for these tables; be safe if it does
        changed = [i for i in hits if converted[i] != text[i]]
        if not changed:
            return
        if len(changed) >= self.options.paragraph_threshold:
            span = block.whole
            ctx.report(
                span,
                "para",
                help="para.help",
                fix=Fix.replace(span, converted, safe=False),
                n=len(changed),
            )
            return
        # one finding per run of neighbouring traditional characters (a word such as 機關)
        runs: list[list[int]] = []
        for i in changed:
            if runs and i - runs[-1][-1] <= 2 and all(is_han(c) for c in text[runs[-1][-1] : i]):
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            s, e = run[0], run[-1] + 1
            src, dst = text[s:e], converted[s:e]
            safe = not any(text[i] in tab.ambiguous for i in run)
            span = block.span(s, e)
            ctx.report(
                span,
                "trad",
                help="trad.help",
                fix=Fix.replace(span, dst, safe=safe),
                text=src,
                fixed=dst,
            )


# Scanning: most documents contain no traditional character at all, and a per-character set test
# in Python costs ~60 ms per MB. Encoding to GB 2312 (simplified only) runs in C; the characters it
# cannot encode come out as XML character references (the codec's own handler: no state, nothing
# registered), and only those are looked up. The few traditional characters GB 2312 does encode
# (後 and a handful of others) are searched directly.
_CHAR_REF = re.compile(rb"&#([0-9]+);")


@lru_cache(maxsize=1)
def _in_gb2312(trad: frozenset[str]) -> tuple[str, ...]:
    return tuple(c for c in trad if c.encode("gb2312", errors="ignore"))


# The traditional-only characters GB 2312 encodes, as opencc's tables give them (``_in_gb2312``;
# a test checks that this holds them all): with none of them and nothing outside GB 2312, a text
# has no traditional character, and a short file need not load the tables.
_GB2312_TRAD = "榘後醣吒甯麴菸捱摺"


def _outside_gb2312(text: str) -> set[str]:
    """The characters of ``text`` that GB 2312 cannot encode."""
    encoded = text.encode("gb2312", errors="xmlcharrefreplace")
    if b"&#" not in encoded:
        return set()
    chars = {chr(int(n)) for n in _CHAR_REF.findall(encoded)}
    if "&#" in text:  # a reference written in the text itself is no character of it
        chars = {c for c in chars if c in text}
    return chars


def _present(text: str, tab: Tables, outside: set[str]) -> set[str]:
    """The traditional-only characters that occur in ``text`` (``outside``: its characters
    outside GB 2312)."""
    found = set(tab.trad.intersection(outside))
    found.update(c for c in _in_gb2312(tab.trad) if c in text)
    return found


def _convert(text: str) -> str:
    return str(converter().convert(text))


def _allowed(ctx: Context) -> list[str]:
    allow = ctx.dictionary.get("allow", ()) if ctx.dictionary else ()
    return [w for w in allow if isinstance(w, str) and w]


def _language_link_texts(text: str) -> list[tuple[int, int]]:
    """The spans (in the document) of the texts of links to another language version of it."""
    if "](" not in text and "<a" not in text and "<A" not in text:
        return []
    out = [m.span(1) for m in _MD_LINK().finditer(text) if _language_version(m.group(2))]
    out += [m.span(2) for m in _HTML_LINK().finditer(text) if _language_version(m.group(1))]
    return out


def _language_version(target: str) -> bool:
    """Whether a link target names a language version: a language tag in its path (not in a
    URL's host: en.wikipedia.org is no English version of this document)."""
    path = re.split(r"[?#]", target, maxsplit=1)[0]
    if "://" in path:
        path = path.split("://", 1)[1].partition("/")[2]
    return bool(path) and _LANG_TAG().search(path) is not None


def _allowed_positions(text: str, allowed: list[str]) -> set[int]:
    out: set[int] = set()
    for w in allowed:
        start = text.find(w)
        while start != -1:
            out.update(range(start, start + len(w)))
            start = text.find(w, start + 1)
    return out
