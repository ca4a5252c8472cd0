"""K801 variant-form: a word written in a form that GF 1001-2001 does not recommend (异形词)."""

from __future__ import annotations

from functools import cache
from typing import Any, Final, NamedTuple

from wenlint.config import ConfigError
from wenlint.diagnostic import Fix, Related
from wenlint.document import Document, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.consistency import _data
from wenlint.text.phrases import PhraseMatcher


class _Form(Frozen):
    __slots__ = ("good", "safe")
    _fields = ("good", "safe")
    good: Final[str]  # the recommended form of the group
    safe: Final[bool]  # a replacement changes no sense

    def __init__(self, good: str, safe: bool) -> None:
        self.good = good
        self.safe = safe


@cache
def _matcher(extra: tuple[str, ...]) -> PhraseMatcher[_Form]:
    """Every matched variant of the table, and of the config's own groups (which win)."""
    forms: dict[str, _Form] = {}
    groups = [*_data.variant_groups(), *map(_data.parse_group, extra)]
    for g in groups:
        for v in g.variants:
            if g.matched:
                forms[v] = _Form(g.good, not g.senses)
            else:
                forms.pop(v, None)
    return PhraseMatcher(forms)


class VariantForm(Rule):
    code = "K801"
    name = "variant-form"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    standard = "GF 1001-2001《第一批异形词整理表》"
    summary = T(
        zh="异形词用了非推荐词形（如“笔划”“人材”“澈底”），应按《第一批异形词整理表》写作推荐词形",
        en="A word written in a variant form that GF 1001-2001 does not recommend (笔划 for 笔画, "
        "人材 for 人才)",
    )
    rationale = T(
        zh="异形词是同音、同义而书写形式不同的词语。教育部、国家语委发布的《第一批异形词整理表》"
        "（GF 1001-2001）整理了 338 组，每组给出推荐词形，要求新闻出版、语文教学、公文等书面语使用"
        "推荐词形；同一文件里一处写“笔划”、一处写“笔画”，更显得未经校对。本规则报告表中的非推荐"
        "词形，建议改为推荐词形；文中另有推荐词形时，同时指出它首次出现的位置。"
        "一个词形的字串也可能是别的词的一部分（“制定单位”里的“定单”，“按纳税人”里的“按纳”，"
        "“发展转型”里的“展转”）：命中的首字或末字与相邻的字组成常用词时不报告；书名号内（文件名称）"
        "照录，不报告；引文照录原文，引号内的文字前有书名（范仲淹《岳阳楼记》“政通人和，百废具兴”）"
        "或“曰”“云”“有言”等引述语时不报告，自己行文中的同一词形照常报告。有几组的非推荐词形同时是常见的别的说法（“标识”是法律用语，“份子”“本份”"
        "“原由”“元来”“就坐”“花着”等在行文中多为另一个词），数据中保留但不检查。"
        '可在配置中增加词组：[rules.variant-form] groups = ["推荐词形 异形1 异形2"]。',
        en="Variant forms (异形词) are words of one sound and meaning written in different ways. "
        "GF 1001-2001, issued by the Ministry of Education and the State Language Commission, "
        "settles 338 groups, each with a recommended form for publishing, teaching and official "
        "writing; a document writing 笔划 here and 笔画 there looks unproofread. This rule "
        "reports the table's non-recommended forms with the recommended one as the fix, and "
        "points at the recommended form's first use when the document has it too. A variant's "
        "string can be part of other words (定单 in 制定单位, 按纳 in 按纳税人): a hit whose first "
        "or last character makes a common word with its neighbour is not reported, nor a hit "
        "inside a 《…》 title, nor one inside a quotation attributed to a work or a speaker "
        "(《岳阳楼记》“政通人和，百废具兴”, 古人云：“…”), which reproduces its source as "
        "written. A few groups whose variant string is mostly another word in running text "
        "(标识 as a legal term, 份子, 本份, 原由, 元来, 就坐, 花着) are kept in the "
        "data but not matched. The config can add groups: [rules.variant-form] "
        'groups = ["recommended variant1 variant2"].',
    )
    fix_safety = T(
        zh="表中各组词形同音同义，替换为推荐词形是安全的；少数组的词形在某些义项上有分工"
        "（“订单/定单”“掺和/搀和”“笔画/笔划”等，整理表有注），只作提示",
        en="The forms of a group share sound and meaning, so the recommended form is a safe "
        "replacement; for the few groups whose forms part ways in some senses (订单/定单, "
        "掺和/搀和, 笔画/笔划, noted in the table) it is only suggested",
    )
    examples = (
        Example(
            bad="各地要彻底排查隐患，把人材培养放在首位。",
            fixed="各地要彻底排查隐患，把人才培养放在首位。",
        ),
        Example(
            bad="本条所称成份，是指产品的组成成分。", fixed="本条所称成分，是指产品的组成成分。"
        ),
        Example(good="各地要彻底排查隐患，把人才培养放在首位。"),
        Example(good="制定单位应当及时公开；希有关部门认真执行。"),
        Example(good="依照《关于规范定单管理的通知》执行。"),
    )
    messages = {
        "variant": T(
            zh="“{found}”是异形词的非推荐词形，推荐写作“{good}”",
            en="“{found}” is a variant form; the recommended form is “{good}”",
        ),
        "mixed": T(
            zh="“{found}”与{line:zh}的“{good}”是同一个词的两种写法，应统一为推荐词形“{good}”",
            en="“{found}” and “{good}” ({line:en}) are two forms of one word; write the "
            "recommended “{good}”",
        ),
        "help": T(zh="改为“{good}”", en="write “{good}”"),
        "other": T(zh="推荐词形首次出现", en="the recommended form, first used"),
    }

    class Options(NamedTuple):
        # more groups, each "recommended variant1 variant2" (a trailing ~: forms differ in some
        # senses, fix only suggested; a leading !: stop matching a group of the table)
        groups: tuple[str, ...] = ()

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        for line in self.options.groups:
            try:
                _data.parse_group(line)
            except ValueError as exc:  # reported by the command line as a config error (exit 2)
                raise ConfigError(f"'rules.{self.name}.groups': {exc}") from None

    def check(self, doc: Document, ctx: Context) -> None:
        matcher = _matcher(tuple(self.options.groups))
        view = doc.view
        hits = [h for h in matcher.finditer(view)]
        if not hits:
            return
        words = _data.common_words()
        first: dict[str, Span | None] = {}
        for h in hits:
            if _data.inside_word(view, h.start, h.end, words):
                continue
            block = ctx.block_at(h.start, h.end)
            if block is None or _data.in_title(view, h.start, block.start):
                continue
            if _data.in_attributed_quote(view, h.start, h.end, block.start):
                continue  # a quotation is reproduced as written: 《岳阳楼记》“……百废具兴”
            good = h.value.good
            if good not in first:
                at = view.find(good)
                first[good] = Span(at, at + len(good)) if at >= 0 else None
            span = Span(h.start, h.end)
            fix = Fix.replace(span, good, safe=h.value.safe)
            other = first[good]
            if other is None:
                ctx.report(span, "variant", help="help", fix=fix, found=h.phrase, good=good)
                continue
            ctx.report(
                span,
                "mixed",
                help="help",
                fix=fix,
                related=[Related(other, self.messages["other"])],
                found=h.phrase,
                good=good,
                line=doc.line_number(other.start),
            )
