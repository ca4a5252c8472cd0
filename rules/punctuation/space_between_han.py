"""P405 space-between-han: a space inside running Chinese text, between two Han characters, after
a Chinese point mark or before a full-width mark (重启 。)."""

from __future__ import annotations

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.punctuation._context import chinese_block
from wenlint.text.chars import HAN, MASK, REGEX_DIGIT, has_han
from wenlint.text.locate import ascii_present, lazy_re, positions

_LEFT = "，。、；：？！"
# Full-width marks no space may precede: point marks and closing marks.
_BEFORE = "，。、；：？！”’）》〉」』】〕"


def _sentence(text: str) -> bool:
    """Running text: a paragraph with a sentence mark (headlines, bylines and table rows have
    none). (`in` tests scan faster than a character class.)"""
    return "。" in text or "！" in text or "？" in text or "；" in text


def _gaps(text: str, spaces: str) -> list[tuple[int, int]]:
    """The spans of the runs of ``spaces`` in ``text`` (``[ \\t\\u3000\\u00a0]+`` where the
    view holds only ``spaces`` of them), found with ``str.find``."""
    runs: list[tuple[int, int]] = []
    for i in positions(text, spaces):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


# Roles and titles that conventionally stand before a name with a space: 记者 胡璐, 主席 张立新.
_ROLES = (
    "记者",
    "通讯员",
    "实习生",
    "摄影",
    "摄",
    "编辑",
    "校对",
    "审核",
    "审校",
    "监制",
    "作者",
    "撰稿",
    "执笔",
    "整理",
    "译",
    "口述",
    "主席",
    "副主席",
    "主任",
    "副主任",
    "书记",
    "副书记",
    "市长",
    "副市长",
    "县长",
    "副县长",
    "省长",
    "副省长",
    "区长",
    "部长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "院长",
    "校长",
    "所长",
    "社长",
    "总编辑",
    "主编",
    "董事长",
    "总经理",
    "经理",
    "委员",
    "代表",
    "主持人",
    "联系人",
    "负责人",
    "签发人",
    "报告人",
    "发言人",
    "讲解员",
)
# Credits that follow a name at the end of a caption or byline: 新华社记者 李学仁 摄.
_CREDIT = lazy_re("(?:摄|摄影|供图|制图|绘|报道)[）)]?$")
_ROLE_END = lazy_re("(?:" + "|".join(sorted(_ROLES, key=len, reverse=True)) + ")$")
# A dateline ends with 电 or 讯: 新华社北京3月12日电 记者……, 本报讯 ……
_DATELINE = lazy_re(f"^[{HAN}0-9０-９（）()]{{2,24}}[电讯]$")
# 第一条　为了……: the gap after an article or chapter number in regulations.
_ARTICLE = lazy_re("^第[0-9一二三四五六七八九十百千零〇两]+[条章节款编部分]$")
# A paragraph that opens with a list marker: 一、 （一） 1.
# (``regex``'s \d, spelled out for ``re``)
_MARKER = lazy_re(
    rf"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[{REGEX_DIGIT}]+[.、．])$"
)


def _before_mark(text: str, i: int, j: int) -> bool:
    """Whether the gap ``text[i:j]`` before a full-width mark is a stray space: not a blank to
    fill in after a colon or underline, not two or more ideographic spaces of alignment, not
    next to masked markup or a Markdown-like marker ("- ，")."""
    left = text[i - 1]
    if left in "：:_＿-*+>#|" or left == MASK:
        return False
    return text.count("\u3000", i, j) < 2


_SEPARATORS = set("，。、；：？！“”‘’《》（）()【】 \t\u3000\u00a0")


class SpaceBetweenHan(Rule):
    code = "P405"
    name = "space-between-han"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GB/T 15834-2011 §5.1"
    summary = T(
        zh="正文中汉字之间、中文点号之后或全角标点之前多了空格",
        en="A space between Han characters, after a Chinese point mark or before a full-width "
        "mark, in running text",
    )
    rationale = T(
        zh="汉字之间不留空格；中文标点本身占一个字的位置（GB/T 15834-2011 第 5.1 条），"
        "其后也不再加空格，其前（点号和后半个引号、括号、书名号之前）也不留空格"
        "（安装完成后重启 。→ 重启。）。"
        "正文中的空格多是排版、复制或删改留下的痕迹，有时标志着漏掉的标点。"
        "只检查含句末标点的正文段落：标题、署名行、表格行不检查；"
        "署名中职务与姓名之间的空格（记者 胡璐、市政协主席 张立新）、电头后的空格"
        "（新华社北京3月12日电 ……）、图片说明末尾署名前的空格（新华社记者 李学仁 摄）、"
        "“第一条　”后的空格、书名号内标题的分隔空格、"
        "单字姓名的对齐空格（王　刚）都是惯例，不报告。"
        "全角标点前的空格在任何含中文标点的段落都检查，但冒号后留出的填写空白"
        "（姓名：　　　　，）和两个以上全角空格的对齐不报告。",
        en="Han characters are not separated by spaces, and a Chinese point mark already takes a "
        "full cell (GB/T 15834-2011 §5.1), so no space follows it, nor precedes a point mark or a "
        "closing quote, bracket or title mark (重启 。). A space inside running text is usually "
        "left over from layout, pasting or editing, and sometimes marks a lost punctuation mark. "
        "Only paragraphs with a sentence mark are checked; the conventional gaps in bylines "
        "(记者 胡璐), datelines, before a closing credit (李学仁 摄), after 第一条, inside "
        "titles in 《》 and in padded two-character names are left alone. A space before a "
        "full-width mark is checked in any paragraph with Chinese "
        "punctuation, except a blank left to fill in after a colon (姓名：　　　　，) and "
        "alignment of two or more ideographic spaces.",
    )
    fix_safety = T(
        zh="删去空格。标点前后的空格删去后文字不变，可自动应用；汉字之间的空格有时代替了"
        "漏掉的标点（集中力量 用时半年 → 集中力量，用时半年），需人工确认，不自动应用",
        en="Deletes the space: next to a Chinese mark that is safe; between Han characters the "
        "space sometimes stands for a missing mark, so the editor confirms",
    )
    examples = (
        Example(bad="确保党的领导在政协执行见效，  确保各项工作落实。"),
        Example(bad="着力夯实共同的 思想政治基础。"),
        Example(bad="安装完成后重启 。", good="安装完成后重启。"),
        Example(bad="参见第5条 ，按程序办理。", good="参见第5条，按程序办理。"),
        Example(good="姓名：　　　　，性别：　　。"),
        Example(good="新华社北京电（记者 胡璐）在我国第46个植树节到来之际，全国完成造林任务。"),
        Example(good="市政协主席 张立新"),
        Example(good="形成《关于大力推动煤化一体化 助力产业转型升级的建议报告》，报送市委。"),
        Example(good="第一条　为了规范公文处理工作，制定本条例。"),
    )
    messages = {
        "gap": T(zh="“{left}”与“{right}”之间多了空格", en="a space between “{left}” and “{right}”"),
        "gap.help": T(zh="删去空格", en="delete the space"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        spaces = ascii_present(doc, " \t") + "".join(c for c in "\u3000\u00a0" if c in view)
        for block in ctx.blocks_with(spaces):
            text = block.text
            sentence = _sentence(text)
            if not (sentence or any(c in text for c in _BEFORE)) or not chinese_block(text):
                continue
            for i, j in _gaps(text, spaces):
                if not i or j == len(text):
                    continue
                left, right = text[i - 1], text[j]
                if right in _BEFORE:
                    if not _before_mark(text, i, j):
                        continue
                    safe = True
                elif sentence and has_han(right) and (has_han(left) or left in _LEFT):
                    if self._allowed(text, i, j):
                        continue
                    safe = left in _LEFT  # after a mark the space stands for nothing
                else:
                    continue
                span = block.span(i, j)
                ctx.report(
                    span,
                    "gap",
                    help="gap.help",
                    fix=Fix.delete(span, safe=safe),
                    left=left,
                    right=right,
                )

    @staticmethod
    def _allowed(text: str, i: int, j: int) -> bool:
        head = text[:i]
        # inside a title: 《……一体化 助力……》
        if head.rfind("《") > head.rfind("》"):
            return True
        # inside a short parenthesised byline: （记者 胡璐）
        k = max(head.rfind("（"), head.rfind("("))
        if k > max(head.rfind("）"), head.rfind(")")) and i - k <= 16:
            return True
        # the word just before the gap, back to the last separator
        s = i
        while s > 0 and text[s - 1] not in _SEPARATORS:
            s -= 1
        word = text[s:i]
        if _ROLE_END().search(word) or _CREDIT().match(text, j):
            return True
        if s == 0 and (_DATELINE().match(word) or _ARTICLE().match(word)):
            return True
        if s == 0 and _MARKER().match(text[:i]):
            return True
        # a padded one-character name part in a list: 王　刚、李　明等
        return len(word) == 1 and (s == 0 or text[s - 1] in "、：，；（(")
