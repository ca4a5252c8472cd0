"""D101 duplicate-block: a paragraph, or a run of paragraphs, that repeats an earlier one."""

from __future__ import annotations

from dataclasses import dataclass

from lint.diagnostic import Fix, Related
from lint.document import Block, Document, Span
from lint.rule import Context, Example, FixAvailability, Rule, Severity, T
from lint.text.chars import normalize_for_compare

_FIRST = (
    "一、坚持高举旗帜、维护核心，着力夯实共同的思想政治基础，确保人民政协事业沿着正确方向前进。"
)
_OTHER = "二、坚持围绕中心、服务大局，着力助推经济社会高质量发展，持续发出政协好声音。"


class DuplicateBlock(Rule):
    code = "D101"
    name = "duplicate-block"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS
    summary = T(
        zh="一段或连续几段文字与前文重复（常见于复制粘贴时多粘了一次）",
        en="A paragraph or run of paragraphs repeats an earlier one (usually a paste done twice)",
    )
    rationale = T(
        zh="同一段落在文中出现两次几乎总是编辑失误：读者会以为漏校，正式文件更会因此失去严肃性。"
        "比较前会统一全角/半角并忽略空白，所以排版上的细微差别掩盖不了重复；"
        "短于 min-chars 的块（如“声明”“各位委员：”）不算。",
        en="A paragraph printed twice is almost always an editing slip. Blocks are compared after "
        "folding full/half-width variants and dropping whitespace; blocks shorter than min-chars "
        "(such as a salutation) are not considered.",
    )
    fix_safety = T(
        zh="删除重复的副本；是否该删由编辑决定（也可能应删前一处），因此只作提示，不自动应用",
        en="Deletes the repeated copy; an editor decides which copy should go, so it is unsafe",
    )
    examples = (
        Example(bad=f"{_FIRST}\n\n{_OTHER}\n\n{_FIRST}\n"),
        Example(bad=f"{_FIRST}\n\n{_FIRST.replace('，', ',')}\n"),
        Example(good=f"{_FIRST}\n\n{_OTHER}\n"),
        Example(good="各位委员：\n\n报告如下。\n\n各位委员：\n"),
    )
    messages = {
        "dup": T(
            zh="与第 {line} 行起的 {n} 段重复（{chars} 字）",
            en="repeats the {n} paragraph(s) from line {line} ({chars} characters)",
        ),
        "dup.help": T(zh="删去重复的 {n} 段", en="delete the repeated {n} paragraph(s)"),
        "first": T(zh="首次出现", en="first occurrence"),
    }

    @dataclass(frozen=True)
    class Options:
        min_chars: int = 25  # a repeated block shorter than this (after normalising) is ignored

    def check(self, doc: Document, ctx: Context) -> None:
        blocks = doc.blocks
        keys = [normalize_for_compare(b.text) for b in blocks]
        first: dict[str, int] = {}
        i = 0
        while i < len(blocks):
            k = first.get(keys[i])
            if k is None or not keys[i]:
                first.setdefault(keys[i], i)
                i += 1
                continue
            # extend the run while the paragraphs keep matching and the copy stays before it
            n = 1
            while i + n < len(blocks) and k + n < i and keys[i + n] == keys[k + n]:
                n += 1
            chars = sum(len(keys[j]) for j in range(i, i + n))
            if chars < self.options.min_chars:
                i += 1
                continue
            self._report(doc, ctx, blocks, i, k, n, chars)
            for j in range(i, i + n):
                first.setdefault(keys[j], j)
            i += n

    def _report(
        self, doc: Document, ctx: Context, blocks: list[Block], i: int, k: int, n: int, chars: int
    ) -> None:
        span = Span(blocks[i].start, blocks[i + n - 1].end)
        # delete from the end of the previous paragraph, taking the line breaks with the copy
        fix = Fix.delete(Span(blocks[i - 1].end, span.end), safe=False)
        line = doc.line_col(blocks[k].start)[0]
        ctx.report(
            span,
            "dup",
            help="dup.help",
            fix=fix,
            related=[Related(Span(blocks[k].start, blocks[k + n - 1].end), self.messages["first"])],
            line=line,
            n=n,
            chars=chars,
        )
