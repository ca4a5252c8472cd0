"""P402 unbalanced-pair: a paired mark (quotes, brackets, title marks) without its partner in the
paragraph, or two pairs that cross."""

from __future__ import annotations

import re
from typing import Any

from wenlint.diagnostic import Fix, Related
from wenlint.document import Block, Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.text.chars import PAIRS
from wenlint.text.locate import REGEX_SPACE, lazy_re

OPEN = PAIRS  # the one table of paired marks (wenlint.text.chars)
CLOSE = {v: k for k, v in OPEN.items()}
# ASCII parentheses pair with full-width ones (a half-width half is P401's business).
_ALIAS = {"(": "（", ")": "）"}
_MARKS = re.compile("[" + re.escape("".join(OPEN) + "".join(CLOSE) + "()") + "]")
_CLAUSE = {
    **dict.fromkeys("“”‘’「」『』", "4.8"),
    **dict.fromkeys("（）【】〔〕", "4.9"),
    **dict.fromkeys("《》〈〉", "4.15"),
}
# Names of the marks, as messages speak of them (a quotation mark inside “” would be unreadable).
NAMES = {
    "“": ("前引号", "opening quotation mark “"),
    "”": ("后引号", "closing quotation mark ”"),
    "‘": ("前单引号", "opening single quotation mark ‘"),
    "’": ("后单引号", "closing single quotation mark ’"),
    "「": ("前直角引号", "opening corner bracket 「"),
    "」": ("后直角引号", "closing corner bracket 」"),
    "『": ("前双直角引号", "opening white corner bracket 『"),
    "』": ("后双直角引号", "closing white corner bracket 』"),
    "《": ("前书名号", "opening title mark 《"),
    "》": ("后书名号", "closing title mark 》"),
    "〈": ("前单书名号", "opening single title mark 〈"),
    "〉": ("后单书名号", "closing single title mark 〉"),
    "（": ("前括号", "opening bracket （"),
    "）": ("后括号", "closing bracket ）"),
    "【": ("前方头括号", "opening lenticular bracket 【"),
    "】": ("后方头括号", "closing lenticular bracket 】"),
    "〔": ("前六角括号", "opening tortoise-shell bracket 〔"),
    "〕": ("后六角括号", "closing tortoise-shell bracket 〕"),
}
# Quotes typed the wrong way round come in twos: “关键字“ or ”关键字”, nothing between them that
# pairs or ends a sentence, within this many characters.
_QUOTES = "“‘「『"
_TURNED_REACH = 40
_TURNED_STOP = set("。！？!?\n") | set(OPEN) | set(CLOSE)
# "1）" "a）" "三）": an enumerator closed by a lone bracket, after a boundary.
_ENUMERATOR = lazy_re(
    f"(?:^|[{REGEX_SPACE}，。；：、“（(])[0-9A-Za-z一二三四五六七八九十①-⑳]{{1,3}}$"
)


class _Para:
    __slots__ = ("crossed", "unclosed", "unopened")

    def __init__(self) -> None:
        self.unclosed: list[int] = []  # positions of openers never closed
        self.unopened: list[int] = []  # positions of closers never opened
        self.crossed: list[tuple[int, int]] = []  # (inner opener, outer closer)


# The closer that cancels each opener in ``_balanced`` (an ASCII "(" closes with ")" or "）").
_CLOSER_OF = {**OPEN, "(": "）"}


def _balanced(text: str) -> bool:
    """Fast path: the paragraph's marks cancel out pair by pair (no apostrophes to judge)."""
    stack: list[str] = []
    push, pop = stack.append, stack.pop
    for ch in _MARKS.findall(text):
        closer = _CLOSER_OF.get(ch)
        if closer is not None:
            push(closer)
        elif not stack or pop() != (ch if ch != ")" else "）"):
            return False
    return not stack


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def scan(text: str) -> _Para:
    """Pair the marks of one paragraph."""
    out = _Para()
    stack: list[int] = []
    dangling: list[int] = []  # openers popped by a crossing closer: their own closer is not new
    for m in _MARKS.finditer(text):
        i = m.start()
        ch = _ALIAS.get(text[i], text[i])
        if ch in OPEN:
            stack.append(i)  # an ASCII "(" takes part in pairing but is never reported
            continue
        opener = CLOSE[ch]
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (
            ch == "’"
            and _is_ascii_letter(prev)
            and (_is_ascii_letter(nxt) or not any(text[k] == "‘" for k in stack))
        ):
            continue  # an apostrophe: Xi’an, don’t, students’
        if stack and _ALIAS.get(text[stack[-1]], text[stack[-1]]) == opener:
            stack.pop()
            continue
        if ch == "）" and _ENUMERATOR().search(text, 0, i):
            continue  # 1） a） as an enumerator
        deeper = [
            k for k in range(len(stack)) if _ALIAS.get(text[stack[k]], text[stack[k]]) == opener
        ]
        if deeper:
            k = deeper[-1]
            inner = stack[k + 1 :]
            del stack[k:]
            for pos in inner:
                if text[pos] != "(":
                    out.crossed.append((pos, i))
                dangling.append(pos)
            continue
        hit = [k for k, pos in enumerate(dangling) if text[pos] == opener]
        if hit:
            del dangling[hit[-1]]
            continue
        if text[i] != ")":
            out.unopened.append(i)
    out.unclosed = [i for i in stack if text[i] != "("]
    return out


class UnbalancedPair(Rule):
    code = "P402"
    name = "unbalanced-pair"
    severity = Severity.WARNING
    fix = FixAvailability.SUGGESTION
    standard = "GB/T 15834-2011 §4.8, §4.9, §4.15"
    summary = T(
        zh="成对的标号（引号、括号、书名号）在段内缺了一半，或两对标号交叉",
        en="A paired mark (quotes, brackets, title marks) lacks its partner in the paragraph, "
        "or two pairs cross",
    )
    rationale = T(
        zh="引号、括号、书名号都是成对使用的标号（GB/T 15834-2011 第 4.8、4.9、4.15 条），"
        "缺了一半或者交叉嵌套，读者就分不清引语、注释或书名到哪里结束。"
        "一个引号在本段打开、到下一段才闭合，通常说明段落被错误断开，只在打开处报告一次。"
        "多段引文按标准每段开头用前引号、只在最后一段末尾用后引号，这种写法不报告；"
        "“1）”“a）”这类序号后的单个括号、英文中的撇号（Xi’an）也不报告。"
        "两个同向的引号夹着几个字（“关键字“、”关键字”），是其中一个打反了，只报告打反的那个，"
        "并建议改正。",
        en="Quotes, brackets and title marks come in pairs (GB/T 15834-2011 §4.8, §4.9, §4.15); "
        "half a pair or crossed pairs hide where a quotation, note or title ends. A quotation "
        "opened in one paragraph and closed in the next usually means a broken paragraph and is "
        "reported once, where it opens. A multi-paragraph quotation that opens every paragraph and "
        "closes only the last, enumerators such as 1） and apostrophes (Xi’an) are not reported. "
        "Two quotes of one direction around a few characters (“关键字“, ”关键字”) are one pair "
        "with a half typed the wrong way round: only that half is reported, with a suggestion.",
    )
    fix_safety = T(
        zh="只对打反的引号给出改正建议（需人工确认，不自动应用）：两个同向引号中哪一个打反，"
        "通常能从位置判断，但也可能是漏了一半，要由作者确定",
        en="Only a quote typed the wrong way round gets a suggestion (never applied by --fix): "
        "which of two quotes of one direction is turned is usually clear from where they stand, "
        "but half a pair may be missing instead, so the author decides",
    )
    examples = (
        Example(bad="深刻领悟“两个确立的决定性意义。"),
        Example(bad="深刻领悟“两\n\n个确立”的决定性意义。"),
        Example(bad="形成《关于推进工作的建议报告，报送市委。"),
        Example(bad="他说：“请阅读《红楼梦”》。"),
        Example(bad="深刻把握“两个结合“的内涵。", good="深刻把握“两个结合”的内涵。"),
        Example(bad="推动”高效办成一件事”改革。", good="推动“高效办成一件事”改革。"),
        Example(
            good="深刻领悟“两个确立”的决定性意义，撰写形成《关于“深化‘放管服’改革”的建议报告》。"
        ),
        Example(good="“第一段引文，\n\n“第二段引文，到这里结束。”"),
        Example(good="主要措施：1）加强学习；2）完善制度。Xi’an 是西安的拼音。"),
    )
    messages = {
        "unclosed": T(
            zh="{mark}在本段没有对应的{pair}（GB/T 15834-2011 第 {clause} 条）",
            en="{mark_en} has no matching {pair_en} in this paragraph (GB/T 15834-2011 §{clause})",
        ),
        "unclosed.help": T(
            zh="补上{pair}，或删去多余的{mark}", en="add the {pair_en} or delete the {mark_en}"
        ),
        "unopened": T(
            zh="{mark}在本段前面没有对应的{pair}（GB/T 15834-2011 第 {clause} 条）",
            en="{mark_en} has no matching {pair_en} before it in this paragraph "
            "(GB/T 15834-2011 §{clause})",
        ),
        "unopened.help": T(
            zh="补上{pair}，或删去多余的{mark}", en="add the {pair_en} or delete the {mark_en}"
        ),
        "crossed": T(
            zh="{mark}没有在外层的{outer}之前闭合，两对标号交叉（GB/T 15834-2011 第 {clause} 条）",
            en="{mark_en} is not closed before the outer {outer_en}: the pairs cross "
            "(GB/T 15834-2011 §{clause})",
        ),
        "crossed.help": T(
            zh="先用{pair}闭合里层，再闭合外层", en="close the inner pair with {pair_en} first"
        ),
        "split": T(
            zh="{mark}到下一段才闭合，段落可能被错误断开（GB/T 15834-2011 第 {clause} 条）",
            en="{mark_en} is closed only in the next paragraph: the paragraph is probably broken "
            "(GB/T 15834-2011 §{clause})",
        ),
        "split.help": T(
            zh="把两段接成一段，或在本段补上{pair}",
            en="join the two paragraphs, or close with the {pair_en} here",
        ),
        "turned": T(
            zh="{mark}打反了：应为{pair}，与{side}的{mark}成对（GB/T 15834-2011 第 {clause} 条）",
            en="{mark_en} typed the wrong way round: a {pair_en} pairs it with the {mark_en} "
            "{side_en} (GB/T 15834-2011 §{clause})",
        ),
        "turned.help": T(zh="改为{pair}", en="write the {pair_en}"),
        "closed-here": T(zh="在此闭合", en="closed here"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        blocks = doc.blocks
        # None: a balanced paragraph, which has nothing to report
        paras = [None if _balanced(b.text) else scan(b.text) for b in blocks]
        for block, para in zip(blocks, paras, strict=True):
            if para is not None:  # turned quotes first: they are not halves of split pairs
                para.unclosed = self._turned(ctx, block, para.unclosed, OPEN, ("前面", "before it"))
                para.unopened = self._turned(ctx, block, para.unopened, CLOSE, ("后面", "after it"))
        last = len(blocks) - 1
        for bi, para in enumerate(paras):
            if para is None:
                continue
            block = blocks[bi]
            nxt = blocks[bi + 1] if bi < last else None
            nxt_para = paras[bi + 1] if bi < last else None
            unclosed = list(para.unclosed)
            # a quotation opened here and closed in the next paragraph: report it once, here
            while unclosed and nxt is not None and nxt_para is not None and nxt_para.unopened:
                o, c = unclosed[-1], nxt_para.unopened[0]
                if OPEN[block.text[o]] != nxt.text[c]:
                    break
                unclosed.pop()
                del nxt_para.unopened[0]
                mark = block.text[o]
                ctx.report(
                    block.span(o, o + 1),
                    "split",
                    help="split.help",
                    related=[Related(nxt.span(c, c + 1), self.messages["closed-here"])],
                    **_names(mark, OPEN[mark]),
                )
            for o in unclosed:
                mark = block.text[o]
                if o == 0 and nxt is not None and nxt.text[:1] == mark and mark in "“‘「『":
                    continue  # multi-paragraph quotation: every paragraph opens, the last closes
                self._one(ctx, block, o, "unclosed", mark, OPEN[mark])
            for c in para.unopened:
                mark = block.text[c]
                self._one(ctx, block, c, "unopened", mark, CLOSE[mark])
            for o, c in para.crossed:
                mark = block.text[o]
                outer = _ALIAS.get(block.text[c], block.text[c])
                ctx.report(
                    block.span(o, o + 1),
                    "crossed",
                    help="crossed.help",
                    outer=NAMES[outer][0],
                    outer_en=NAMES[outer][1],
                    **_names(mark, OPEN[mark]),
                )

    def _turned(
        self,
        ctx: Context,
        block: Block,
        lone: list[int],
        partner: dict[str, str],
        side: tuple[str, str],
    ) -> list[int]:
        """Reports, of the lone quotes at ``lone``, each two of one direction with a few
        characters between (“关键字“: the second is a turned closer; ”关键字”: the first a turned
        opener); returns the others."""
        text, rest, i = block.text, [], 0
        while i < len(lone):
            a = lone[i]
            b = lone[i + 1] if i + 1 < len(lone) else -1
            if (
                b != -1
                and text[a] == text[b]
                and (text[a] in _QUOTES or CLOSE.get(text[a], "") in _QUOTES)
                and 1 < b - a <= _TURNED_REACH
                and not _TURNED_STOP.intersection(text[a + 1 : b])
            ):
                turned = b if partner is OPEN else a
                mark = text[turned]
                ctx.report(
                    block.span(turned, turned + 1),
                    "turned",
                    help="turned.help",
                    fix=Fix.replace(block.span(turned, turned + 1), partner[mark], safe=False),
                    side=side[0],
                    side_en=side[1],
                    **_names(mark, partner[mark]),
                )
                i += 2
                continue
            rest.append(a)
            i += 1
        return rest

    def _one(self, ctx: Context, block: Block, i: int, key: str, mark: str, pair: str) -> None:
        ctx.report(
            block.span(i, i + 1),
            key,
            help=f"{key}.help",
            **_names(mark, pair),
        )


def _names(mark: str, pair: str) -> dict[str, Any]:
    return {
        "mark": NAMES[mark][0],
        "mark_en": NAMES[mark][1],
        "pair": NAMES[pair][0],
        "pair_en": NAMES[pair][1],
        "clause": _CLAUSE[mark],
    }
