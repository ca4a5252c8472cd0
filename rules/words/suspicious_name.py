"""W203 suspicious-name: a person's name before a title whose first character is not a surname."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from wenlint.document import Document, Span
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.words import _data
from wenlint.text import names
from wenlint.text.chars import is_han
from wenlint.text.phrases import LongestLiterals

# Titles written after a person's name, and those that also follow place names (朔州市长 =
# 朔州 + 市长): there the name must have three characters and must not end like a place.
_TITLES = names.TITLES
_PLACE_TITLES = names.PLACE_TITLES
_PLACE_END = frozenset("市省县区州镇乡村旗盟")
# Last characters of organisations and positions written before a title (市委书记, 党组书记,
# 市政协主席, 办公室主任, 支行行长).
_ORG_END = frozenset(
    "委部组局厅处科院校所会社司办站队室区县市省镇乡村州旗协联行团党支盟届级班馆厂营连署府庭台"
    "报刊网家方界业园场港军宫中心"
)
# First characters of words that stand before a title but are not names (该同志, 原书记, 各位同志).
_NOT_NAME_START = frozenset(
    "该本原前现首历新老小各每诸众某这那此其全副总代常执名荣第我你他她您贵敬亲尊大女男两几多"
    "一二三四五六七八九十上下分正请与及由对给为在据被把让使叫令要会并且或而如若因所即就都也又再已曾"
    "均皆尚仍是的了"
)
# Function words that cannot stand second in a name (请与秘书长联系, 请向主任报告).
_FUNCTION = frozenset("与及和同跟向对给为在由把被让使叫的了是")
# Characters typical of transliterated foreign names (阿巴斯主席): not Chinese surnames, but not
# garbled either.
_TRANSLITERATION = frozenset(
    "阿巴斯克尔特普拉德伊亚纳萨穆哈卡埃奥布迪弗索塞吉莫尼基里娃娜姆蒂夫维诺兹茨瓦乌库洛默"
)


@cache
def _titles() -> LongestLiterals:
    return LongestLiterals(_TITLES + _PLACE_TITLES)


_SPACES = " \u3000"


def _names(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, title) of every three-character name standing alone before a title (at a
    paragraph start or after punctuation: ，委四清书记; two characters there are too often a role,
    辅警同志) and every two- or three-character name after a title and a space at the end of a
    byline (市政协主席 张立新)."""
    out = []
    text = doc.view
    n = len(text)
    titles = _titles()
    words = titles.words
    for t0, t1, which in titles.spans(doc):
        # Exactly three Han characters end at the title: a run of three, no Han before it. Most
        # titles sit inside a longer run of common Han: one comparison rejects them.
        if t0 > 3:
            before = text[t0 - 4]
            alone = not ("\u4e00" <= before <= "\u9fff" or is_han(before))
        else:
            alone = t0 == 3
        if alone and all(map(is_han, text[t0 - 3 : t0])):
            out.append((t0 - 3, t0, words[which]))
        if t1 == n or text[t1] not in _SPACES:
            continue
        title = words[which]
        j = t1 + 1
        while j < n and text[j] in _SPACES:
            j += 1
        k = j  # a run of two or three Han characters after the spaces
        while k < n and k - j < 4 and is_han(text[k]):
            k += 1
        if 2 <= k - j <= 3:
            out.append((j, k, title))
    return out


class SuspiciousName(Rule):
    code = "W203"
    name = "suspicious-name"
    severity = Severity.WARNING
    summary = T(
        zh="职务前后的人名首字不是姓氏，且不是常用词（委四清书记），疑为人名错字",
        en="A name before a title (委四清书记) whose first character is not a Chinese surname",
    )
    rationale = T(
        zh="人名错字是新闻和公文里最严重的差错之一。规则只看单独出现在职务前的三个字"
        "（位于段首或标点之后，如“，委四清书记”；两个字在这里多是身份词，如“辅警同志”），"
        "或署名里职务后的两三个字（“市政协主席 张立新”）："
        "首字不在姓氏表（《百家姓》及现代常见姓氏）中、又不是常用词，就提示核对。"
        "组织和职位词（市委书记、党组书记、第一书记、总书记、支部书记、副市长）、"
        "地名（朔州市长）和外国人名不报。",
        en="A misspelt name is among the worst errors in news and official text. The rule looks "
        "only at three characters standing alone before a title (at a paragraph start or after "
        "punctuation: ，委四清书记; two characters there are mostly roles, 辅警同志) or at two or "
        "three after a title in a byline (市政协主席 张立新): when "
        "the first character is not a surname (《百家姓》 and common modern surnames) and the "
        "name is not a common word, it asks for a check. Organisations and positions (市委书记, "
        "党组书记, 第一书记, 总书记, 副市长), place names (朔州市长) and foreign names pass.",
    )
    examples = (
        Example(bad="市委高度重视，委四清书记亲自出题目。"),
        Example(good="吴秀玲市长批示，要认真研究，推进落实。"),
        Example(good="市委书记、党组书记和第一书记参加会议，习近平总书记作出重要指示。"),
        Example(good="市政协主席 张立新"),
        Example(good="负责同志、各位同志和副市长出席。"),
    )
    messages = {
        "name": T(
            zh="“{name}”不像人名：“{first}”不是常见姓氏",
            en="“{name}” does not look like a name: “{first}” is not a common surname",
        ),
        "name.help": T(
            zh="核对“{name}{title}”的姓名用字", en="check the spelling of the name “{name}”"
        ),
    }

    class Options(NamedTuple):
        surnames: tuple[str, ...] = ()  # more surnames to accept

    def check(self, doc: Document, ctx: Context) -> None:
        single, compound = _data.surnames()
        extra = set(self.options.surnames)
        allow = set(ctx.dictionary.get("allow") or ())
        text = doc.view
        for start, end, title in _names(doc):
            name = text[start:end]
            if name in allow or not _suspicious(name, title, single, compound, extra):
                continue
            if ctx.block_at(start, end) is None:
                continue
            ctx.report(
                Span(start, end),
                "name",
                help="name.help",
                name=name,
                first=name[0],
                title=title,
            )


def _suspicious(
    name: str,
    title: str,
    single: frozenset[str],
    compound: frozenset[str],
    extra: set[str],
) -> bool:
    first = name[0]
    if first in single or first in extra or name[:2] in compound:
        return False
    if first in _NOT_NAME_START or name[1] in _FUNCTION or name[-1] in _ORG_END:
        return False  # 该同志, 市委书记, 市政协主席
    if title in _PLACE_TITLES and name[-1] in _PLACE_END:
        return False  # 朔州市长
    if any(c in _TRANSLITERATION for c in name):
        return False
    words = _data.common_words()
    return name not in words and name[:2] not in words  # 负责同志, 尊敬的, 支部书记
