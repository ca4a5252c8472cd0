"""P401 halfwidth-punct-in-han: ASCII ( ) , : ; ! ? in Chinese text instead of full-width marks."""

from __future__ import annotations

from wenlint.diagnostic import Edit, Fix
from wenlint.document import Block, Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import (
    ZH_CLOSERS,
    ZH_OPENERS,
    Protected,
    chinese_block,
    is_zh,
    is_zh_left,
    is_zh_right,
)
from wenlint.text.chars import MASK, ZH_STOPS, has_han
from wenlint.text.locate import ascii_present, lazy_re, positions

FULL = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# Content of a parenthesis that reads as code or a formula rather than an annotation.
_CODEY = lazy_re(r"[\"'=<>{}\[\]\\;`]")
# ``any(x.isalnum() for x in s)`` as one search (re's \w is isalnum() or "_").
_ALNUM = lazy_re(r"[^\W_]")
_SPACES = " \t"
_MAX_PAREN = 200
# A mathematical interval or range between the parentheses: two end points (a number, ∞ or one
# letter) joined by a range sign or a comma, as (0-1), (0, 1), (-∞,+∞), (a, b). Notation, not an
# annotation of the prose: written with the ASCII marks in Chinese text too. A half-open (0, 1]
# or [0,1) never pairs a "(" with a ")" and is left alone already.
_END = r"\s*[-+−]?(?:\d+(?:\.\d+)?%?|∞|[A-Za-z])\s*"
_INTERVAL = lazy_re(rf"{_END}(?:[-–~～,，]){_END}")
# ...but a span of years (2021-2025) annotates the prose like any other parenthesis.
_YEARS = lazy_re(r"\s*(?:1[89]|20)\d\d\s*[-–~～]\s*(?:1[89]|20)\d\d\s*")


def _interval(content: str) -> bool:
    """Whether a parenthesis holds an interval or range of values: (0-1), (0, 1)."""
    return bool(_INTERVAL().fullmatch(content)) and not _YEARS().fullmatch(content)


def _code_as_word(doc: Document, start: int, content: str) -> str:
    """``content`` (starting at ``start`` in the document) with each masked inline code span in
    it replaced by a neutral word ``x``; other masked markup (a link, HTML) stays masked."""
    text = doc.text
    out: list[str] = []
    pos = 0
    for a, b in doc.code_spans:
        a, b = a - start, b - start
        if b <= 0 or a >= len(content):
            continue
        if a < 0 or b > len(content) or text[start + a] != "`":
            return content  # code that is not inline, or not inside the parenthesis
        out += (content[pos:a], "x")
        pos = b
    return "".join(out) + content[pos:]


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


class HalfwidthPunctInHan(Rule):
    code = "P401"
    name = "halfwidth-punct-in-han"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 15834-2011 §5.1"
    summary = T(
        zh="中文语境中使用了半角（英文）标点 ( ) , : ; ! ?，应使用全角标点",
        en="ASCII ( ) , : ; ! ? used in Chinese text where full-width marks belong",
    )
    rationale = T(
        zh="GB/T 15834-2011 规定的是中文标点的形式：横排文稿中逗号、冒号、分号、问号、叹号"
        "各占一个字的位置，括号用全角（ ）（第 5.1 条，括号见第 4.9 条）。半角标点夹在汉字中间"
        "字距失调，也是从英文输入法或网页复制时最常见的痕迹。"
        "只有紧挨汉字（或中文标点）时才算中文语境：数字和拉丁字母内部的 ASCII 标点"
        "（3.14、1:500、16:30、Python (3.11)、网址、电子邮件地址、代码）保持不变；"
        "括号里是数学区间或取值范围（取值范围(0-1)、区间(0, 1)）时是记号，不报告，"
        "年份的起止（(2021-2025)）仍是行文的注释，照常报告。",
        en="GB/T 15834-2011 defines the Chinese forms: in horizontal text the comma, colon, "
        "semicolon, question and exclamation marks each take a full character cell, and brackets "
        "are full-width (§5.1; brackets §4.9). A mark counts as Chinese only when it touches Han "
        "text; ASCII marks inside numbers and Latin runs (3.14, 1:500, 16:30, Python (3.11), URLs, "
        "e-mail addresses, code) are left alone, and so is a parenthesis holding a mathematical "
        "interval or range of values (取值范围(0-1), 区间(0, 1)), which is notation; a span of "
        "years ((2021-2025)) annotates the prose and is reported.",
    )
    fix_safety = T(
        zh="换成对应的全角标点（并删去英文标点后多余的空格），不改变文字，可自动应用",
        en="Swaps in the full-width mark (dropping the space typed after the ASCII mark); safe",
    )
    examples = (
        Example(bad="深入我市部分县(市、区)调查研究。", good="深入我市部分县（市、区）调查研究。"),
        Example(bad="(2024年2月26日)", good="（2024年2月26日）"),
        Example(
            bad="会议强调,要抓好落实;各地要按时报送。",
            good="会议强调，要抓好落实；各地要按时报送。",
        ),
        Example(bad="主要是: 制度建设需要深化。", good="主要是：制度建设需要深化。"),
        Example(good="本项目要求 Python (3.11) 以上版本，比例尺为1:500，会议16:30开始。"),
        Example(good="详见 https://example.com/a?b=1,2 或发邮件至 office@example.cn。"),
        Example(good="调用 print(x) 函数，返回值为 f(a,b) 的结果。"),
    )
    messages = {
        "paren": T(
            zh="中文语境中的半角括号“{text}”，应使用全角括号（GB/T 15834-2011 第 4.9 条）",
            en="half-width parentheses “{text}” in Chinese text (GB/T 15834-2011 §4.9)",
        ),
        "paren.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
        "mark": T(
            zh="中文语境中的半角标点“{text}”，应使用全角“{fixed}”（GB/T 15834-2011 第 5.1 条）",
            en="half-width “{text}” in Chinese text; use the full-width “{fixed}” "
            "(GB/T 15834-2011 §5.1)",
        ),
        "mark.help": T(zh="改为“{fixed}”", en="write “{fixed}”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        marks = ascii_present(doc, "(),:;!?")
        for block in ctx.blocks_with(marks):
            text = block.text
            parens = "(" in text or ")" in text
            stops = "," in text or ":" in text or ";" in text or "!" in text or "?" in text
            if not (parens or stops) or not chinese_block(text):
                continue
            prot = Protected(text)
            if parens:
                self._parens(doc, block, prot, ctx)
            if stops:
                self._stops(block, prot, ctx)

    # -- parentheses ---------------------------------------------------------------------------

    def _parens(self, doc: Document, block: Block, prot: Protected, ctx: Context) -> None:
        text = block.text
        stack: list[int] = []
        for i in positions(text, "()（）"):
            ch = text[i]
            if ch in "(（":
                stack.append(i)
            elif ch in ")）" and stack:
                o = stack.pop()
                if text[o] == "（" and ch == "）":
                    continue
                content = text[o + 1 : i]
                if MASK in content:  # inline code reads as a word: 命令(`--fix`)即可
                    content = _code_as_word(doc, block.start + o + 1, content)
                if self._chinese_paren(text, o, i, prot, content):
                    self._report_paren(block, o, i, ctx)

    @staticmethod
    def _chinese_paren(text: str, o: int, c: int, prot: Protected, content: str) -> bool:
        if len(content) > _MAX_PAREN or MASK in content:
            return False
        if not _ALNUM().search(content) and not has_han(content):
            return False  # marks quoted as characters: 括号(、)、[、]
        if prot.covers(o) or prot.covers(c) or _CODEY().search(content):
            return False
        if text[o] == "(" and text[c] == ")" and _interval(content):
            return False  # notation: 取值范围(0-1), 区间(0, 1)
        if text[o] == "（" or text[c] == "）":
            return True  # one half is already full-width: the pair is Chinese
        prev = text[o - 1] if o > 0 else ""
        nxt = text[c + 1] if c + 1 < len(text) else ""
        if prev == "]" or prev == MASK or nxt == MASK:
            return False  # Markdown link target or masked markup
        if prev in " \t" and o > 1 and _is_ascii_alnum(text[o - 2]) and not is_zh(nxt):
            return False  # an English phrase's note: Chinese characters (一级汉字和二级汉字)
        if has_han(content):
            return True
        if has_han(prev) or prev in ZH_STOPS or prev in ZH_CLOSERS or prev in ZH_OPENERS:
            return True
        # a paragraph that opens with a half-width enumerator: (1)加强……
        return o == 0 and is_zh_right(nxt) and len(content) <= 3

    def _report_paren(self, block: Block, o: int, c: int, ctx: Context) -> None:
        text = block.text
        s = block.start
        # o < c: the edits are already in order
        if text[o] == "(":
            edits: tuple[Edit, ...] = (Edit(s + o, s + o + 1, "（"),)
        else:
            edits = ()
        if text[c] == ")":
            edits += (Edit(s + c, s + c + 1, "）"),)
        seg = text[o : c + 1]
        if MASK in seg:  # inline code inside: show it as written
            seg = ctx.doc.text[s + o : s + c + 1]
        fixed = "（" + seg[1:-1] + "）"
        ctx.report(
            block.span(o, c + 1),
            "paren",
            help="paren.help",
            fix=Fix(edits),
            text=_clip(seg),
            fixed=_clip(fixed),
        )

    # -- , : ; ! ? -----------------------------------------------------------------------------

    def _stops(self, block: Block, prot: Protected, ctx: Context) -> None:
        text = block.text
        n = len(text)
        for i, j in _stop_runs(text):
            mark = text[i:j]
            prev = text[i - 1] if i > 0 else ""
            k = j
            while k < n and text[k] in _SPACES:
                k += 1
            nxt = text[k] if k < n else ""
            if prot.covers(i, j) or MASK in (prev, nxt):
                continue
            if not self._chinese_mark(mark[0], prev, nxt, k > j):
                continue
            # drop the spaces typed after an ASCII mark unless they end the paragraph
            end = k if nxt else j
            fixed = "".join(FULL[x] for x in mark)
            ctx.report(
                block.span(i, end),
                "mark",
                help="mark.help",
                fix=Fix.replace(block.span(i, end), fixed),
                text=mark,
                fixed=fixed,
            )

    @staticmethod
    def _chinese_mark(mark: str, prev: str, nxt: str, spaced: bool) -> bool:
        left = is_zh_left(prev)
        if mark in ",;":
            if left:
                return not nxt or is_zh(nxt) or _is_ascii_alnum(nxt)
            return (_is_ascii_alnum(prev) or prev in ZH_CLOSERS) and is_zh_right(nxt)
        if mark == ":":
            return left and nxt not in ("/", "\\", ":")
        # ! and ?
        if not left:
            return False
        return not nxt or is_zh(nxt) or (nxt in "\"'" and not spaced)


def _stop_runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(r"[,:;]|[!?]+", text)``, found with ``str.find``."""
    runs: list[tuple[int, int]] = []
    for i in positions(text, ",:;!?"):
        if runs and runs[-1][1] == i and text[i] in "!?" and text[i - 1] in "!?":
            runs[-1] = (runs[-1][0], i + 1)  # a run of ! and ?
        else:
            runs.append((i, i + 1))
    return runs


def _clip(s: str, n: int = 24) -> str:
    return s if len(s) <= n else s[: n - 2] + "…" + s[-1]
