"""S502 dangling-conjunction: 和/与/及/或 right before punctuation, with nothing left to join."""

from __future__ import annotations

from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.structure._lexicon import conjunction_words, words
from wenlint.text.chars import is_han, is_han_script
from wenlint.text.locate import lazy_re

# The conjunction, then a mark that ends the clause. 以及 first, so that it is read whole.
_PATTERN = lazy_re(r"(以及|和|与|及|或)(?=[，。；：、！？,;:!?])")
# Every _PATTERN match holds one of 和与及或 and then the mark (four literal-led scans in C),
# each compiled when the view first holds its conjunction.
_QUICK = tuple((c, lazy_re(c + "[，。；：、！？,;:!?]")) for c in "和与及或")
_CLAUSE = "，。；：、！？,;:!?“”‘’（）《》()【】「」"
# A person's title and then a given name that ends in 和 (副主任李建和，).
_TITLE_WORDS = (
    "主任 书记 同志 先生 女士 老师 教授 局长 处长 科长 部长 主席 委员 代表 记者 校长 院长 "
    "经理 董事长 县长 市长 省长 区长 厂长 队长 组长 乡长 镇长 村长 社长 会长 秘书长 馆长 "
    "所长 站长 总监 博士 医生 律师 通讯员"
)
_TITLES = tuple(_TITLE_WORDS.split())


def _titled_name(text: str) -> bool:
    """Does ``text`` end in a title and then one to three Han characters (``regex``'s
    ``(?:主任|…)\\p{Han}{1,3}$``, without compiling a Han class)?"""
    for k in (1, 2, 3):
        if k > len(text) or not is_han_script(text[-k]):
            return False
        if text[:-k].endswith(_TITLES):
            return True
    return False


# The hundred commonest surnames (a name such as 王建和 ends in 和).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)


class DanglingConjunction(Rule):
    code = "S502"
    name = "dangling-conjunction"
    severity = Severity.WARNING
    # no fix: deleting the conjunction is right only when it was left over, and restoring the
    # lost item needs the author
    fix = FixAvailability.NONE
    summary = T(
        zh="连词“和”“与”“及”“或”紧挨标点，后面缺了并列的成分",
        en="A conjunction (和, 与, 及, 或) stands right before punctuation, with nothing to join",
    )
    rationale = T(
        zh="“经济工作会议精神和，聚焦……”：“和”后面的并列成分在改稿时被删掉了，只剩下连词。"
        "以这些字结尾的词语（总和、温和、缓和、参与、涉及、普及、抑或、来不及……）"
        "以及以“和”结尾的人名不在此列：按词典切分，整句切成的词更少时，这个字属于前面的词"
        "（天气|温和、累加之和），否则是连词（思维|和、负责人|和）。"
        "没有自动修复：可能要删去连词，也可能要补回丢失的成分，须由作者决定。",
        en="In 经济工作会议精神和，聚焦…… the item after 和 was lost in editing and the "
        "conjunction is left dangling. Words that end in these characters (总和, 温和, 参与, "
        "涉及, 抑或, ...) and personal names ending in 和 are not flagged: the clause is split "
        "into dictionary words, and the character belongs to the word before it when that "
        "reading needs fewer words (天气|温和, 累加之和), else it is the conjunction (思维|和, "
        "负责人|和). There is no automatic fix: the conjunction may need deleting or the lost "
        "item restoring, which only the author can tell.",
    )
    examples = (
        Example(bad="深入学习市委全会、经济工作会议精神和，聚焦全市中心任务谋划工作。"),
        Example(bad="完善考核评价以及，健全激励机制。"),
        Example(good="深入学习市委全会和经济工作会议精神，聚焦全市中心任务谋划工作。"),
        Example(good="各方积极参与，矛盾逐步缓和，数据总和、来源涉及多个部门，或者另行商定。"),
        Example(good="会议由副主任李建和主持。请联系副主任李建和，电话另行通知。"),
    )
    messages = {
        "dangling": T(zh="“{conj}”后缺少并列成分", en="nothing follows the conjunction “{conj}”"),
        "dangling.help": T(
            zh="补全“{conj}”后面的内容，或删去“{conj}”",
            en="restore what follows “{conj}” or delete it",
        ),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        view = doc.view
        for block in ctx.blocks_with(pattern=[q() for c, q in _QUICK if c in view]):
            text = block.text
            for m in _PATTERN().finditer(text):
                if m.start() == 0 or not is_han(text[m.start() - 1]):
                    continue
                if _is_word(text, m.start(), m.end()):
                    continue
                ctx.report(
                    block.span(m.start(), m.end()),
                    "dangling",
                    help="dangling.help",
                    conj=m.group(1),
                )


def ends_in_conjunction(text: str) -> str | None:
    """The conjunction (和, 与, 及, 或, 以及) that ends ``text``, unless it ends a word or name."""
    for conj in ("以及", "和", "与", "及", "或"):
        if text.endswith(conj):
            start = len(text) - len(conj)
            if start > 0 and is_han(text[start - 1]) and not _is_word(text, start, len(text)):
                return conj
            return None
    return None


def _is_word(text: str, start: int, end: int) -> bool:
    """Is the 和/与/及/或 at ``start`` part of a word or a name rather than a conjunction?"""
    # the clause up to and including the conjunction
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE:
        i -= 1
    clause = text[i:end]
    if len(clause) < 2:
        return True  # the character named as a word: 和、与、或
    if clause[-1] == "和" and _name_ends_here(clause):
        return True  # a given name ending in 和: 王建和、李明; 感谢王建和，
    if clause.endswith("和") and _titled_name(clause):
        return True
    if end - start == 1 and _ends_word(clause[-_WINDOW:]):
        return True
    # 和、与、及 listed as words: the next item is a conjunction too
    return text[end : end + 1] == "、" and text[end + 1 : end + 2] in tuple("和与及或")


# How many characters before the conjunction are segmented, and the longest word looked up.
_WINDOW = 10
_LONGEST = 7


def _ends_word(clause: str) -> bool:
    """Does the clause read with fewer words when its last character ends a word (数据的总和,
    天气温和) than when it stands alone as the conjunction (思维和, 负责人和, 协调和)?
    A tie goes to the conjunction: 思维|和 is as short as 思|维和, and 和 alone is far commoner."""
    if clause.endswith("之和"):
        return True  # the particle 之 asks for a noun: 和 is "the sum" (累加之和), not "and"
    ending = [w for k in range(2, _LONGEST + 1) if (w := clause[-k:]) in conjunction_words()]
    if not ending:
        return False
    alone = _fewest_words(clause[:-1]) + 1
    return any(_fewest_words(clause[: -len(w)]) + 1 < alone for w in ending)


def _fewest_words(text: str) -> int:
    """The fewest dictionary words (or single characters) that ``text`` splits into."""
    lex, ends = words(), conjunction_words()
    best = [0] + [len(text) + 1] * len(text)
    for j in range(1, len(text) + 1):
        for k in range(1, min(j, _LONGEST) + 1):
            w = text[j - k : j]
            if k == 1 or w in lex or w in ends:
                best[j] = min(best[j], best[j - k] + 1)
    return best[len(text)]


def _name_ends_here(clause: str) -> bool:
    """Does the clause end in a two- or three-character name (王和, 王建和)? The surname must
    not be the end of a word (黄金和 is 黄金 + 和), nor start one with the next character."""
    lex = words()
    for n in (3, 2):
        if len(clause) < n:
            continue
        name = clause[-n:]
        if name[0] not in _SURNAMES:
            continue
        if clause[-n - 1 : -n + 1] in lex or (n == 3 and name[:2] in lex):
            continue
        return True
    return False
