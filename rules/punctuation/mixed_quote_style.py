"""P404 mixed-quote-style: straight ASCII quotes around Chinese text, or “ ” and 「 」 both used as
the outer quotation marks of one document."""

from __future__ import annotations

from wenlint.diagnostic import Edit, Fix
from wenlint.document import Block, Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import Protected, chinese_block, is_zh
from wenlint.text.chars import MASK, is_han
from wenlint.text.locate import ascii_of

_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_TO_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
_MAX = 200
_SPACES = " \t"
_MAX_SPACES = 2


def _pairs(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """Outermost opener…closer pairs of a paragraph (nesting of the same kind counted)."""
    out: list[tuple[int, int]] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == opener:
            if depth == 0:
                start = i
            depth += 1
        elif ch == closer and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i))
    return out


def straight_pairs(text: str) -> list[tuple[int, int, int, int]]:
    """``(a, b, left, right)``: pairs of ASCII double quotes at a and b that enclose Chinese text,
    with Chinese text (or the paragraph's edge) outside them, perhaps across ``left`` spaces before
    a and ``right`` spaces after b (他说 "坚持" 的原则)."""
    if '"' not in text:
        return []
    prot = Protected(text)
    pos = [i for i, ch in enumerate(text) if ch == '"' and not prot.covers(i)]
    out: list[tuple[int, int, int, int]] = []
    n = len(text)
    for a, b in zip(pos[::2], pos[1::2], strict=False):
        content = text[a + 1 : b]
        if not 0 < len(content) <= _MAX or MASK in content or not any(map(is_han, content)):
            continue
        if content[0] in _SPACES or content[-1] in _SPACES:
            continue  # " 甲 " reads like code or a list of strings
        s = a
        while s > 0 and a - s < _MAX_SPACES and text[s - 1] in _SPACES:
            s -= 1
        e = b + 1
        while e < n and e - b - 1 < _MAX_SPACES and text[e] in _SPACES:
            e += 1
        left = text[s - 1] if s else ""
        right = text[e] if e < n else ""
        if (s < a and not left) or (e > b + 1 and not right):
            continue  # spaces count only between texts
        if (not left or is_zh(left)) and (not right or is_zh(right)):
            out.append((a, b, a - s, e - b - 1))
    return out


class MixedQuoteStyle(Rule):
    code = "P404"
    name = "mixed-quote-style"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §4.8"
    summary = T(
        zh='引号样式不统一：中文里用了英文直引号 "…"，或同一文档里“”与「」混用',
        en="Inconsistent quotation marks: ASCII straight quotes around Chinese text, or “” and "
        "「」 both used in one document",
    )
    rationale = T(
        zh="GB/T 15834-2011 第 4.8 条规定横排文稿的引号是“ ”和‘ ’，直角引号「 」『 』用于竖排文稿；"
        '英文直引号 "…" 不是中文标点。同一文档中两种引号混用，显得是从不同来源拼凑而成。'
        "文档以「」为主时（如港台文稿），报告的是少数的“”。",
        en="GB/T 15834-2011 §4.8 gives “ ” and ‘ ’ for horizontal text and corner brackets for "
        "vertical text; ASCII straight quotes are not Chinese punctuation. Two styles in one "
        "document look pasted together. When 「」 is the document's main style, the few “” are "
        "reported instead.",
    )
    fix_safety = T(
        zh="成对的直引号换成弯引号（并删去直引号与中文之间多打的空格），可自动应用；“”与「」之间的统一涉及嵌套引号，只作提示",
        en="Paired straight quotes become curly ones, dropping the spaces typed between them "
        "and the Chinese text (safe); converting between “” and 「」 "
        "touches nested quotes and is left to the editor",
    )
    examples = (
        Example(bad='请在表中填写"是"或"否"。', good="请在表中填写“是”或“否”。"),
        Example(bad='他说 "我们要坚持" 的原则。', good="他说“我们要坚持”的原则。"),
        Example(bad="坚持“第一议题”制度，开展「书香政协」建设。"),
        Example(good='配置文件中的 "name" 字段必须填写，例如 name = "wenlint"、title = "标题"。'),
        Example(good='The slogan "一国两制" means one country, two systems.'),
        Example(good="坚持「第一议题」制度，开展「书香政协」建设。"),
    )
    messages = {
        "straight": T(
            zh="中文里用了英文直引号 {text}，应使用“”（GB/T 15834-2011 第 4.8 条）",
            en="ASCII straight quotes {text} in Chinese text; use “” (GB/T 15834-2011 §4.8)",
        ),
        "straight.help": T(zh="改为“{inner}”", en="write “{inner}”"),
        "minority": T(
            zh="本文档主要用{major}，这里却用了{minor}（GB/T 15834-2011 第 4.8 条）",
            en="this document mostly quotes with {major} but uses {minor} here "
            "(GB/T 15834-2011 §4.8)",
        ),
        "minority.help": T(zh="统一为{major}", en="use {major} throughout"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        curly: list[tuple[Block, int, int]] = []
        corner: list[tuple[Block, int, int]] = []
        view = doc.view
        has_curly, has_corner = "“" in view, "「" in view
        if '"' not in ascii_of(doc) and not (has_curly and has_corner):
            return  # nothing to find
        for block in doc.blocks:
            text = block.text
            pairs = straight_pairs(text) if '"' in text and chinese_block(text) else ()
            for a, b, left, right in pairs:
                inner = text[a + 1 : b]
                span = block.span(a, b + 1)
                # the spaces typed around English-style quotes go with them
                ctx.report(
                    span,
                    "straight",
                    help="straight.help",
                    fix=Fix.of(
                        Edit(span.start - left, span.start + 1, "“"),
                        Edit(span.end - 1, span.end + right, "”"),
                    ),
                    text=_clip(text[a : b + 1]),
                    inner=_clip(inner),
                )
            if has_curly and has_corner:
                curly += [(block, a, b) for a, b in _pairs(text, "“", "”")]
                corner += [(block, a, b) for a, b in _pairs(text, "「", "」")]
        if not (curly and corner):
            return
        if len(corner) > len(curly):
            minority, table, major, minor = curly, _TO_CORNER, "「」", "“”"
        else:
            minority, table, major, minor = corner, _TO_CURLY, "“”", "「」"
        for block, a, b in minority:
            span = block.span(a, b + 1)
            fixed = block.text[a : b + 1].translate(table)
            ctx.report(
                span,
                "minority",
                help="minority.help",
                fix=Fix.replace(span, fixed, safe=False),
                major=major,
                minor=minor,
            )


def _clip(s: str, n: int = 24) -> str:
    return s if len(s) <= n else s[: n - 2] + "…" + s[-1]
