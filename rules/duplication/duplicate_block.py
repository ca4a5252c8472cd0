"""D101 duplicate-block: a paragraph, or a run of paragraphs, that repeats an earlier one — in the
same file, or in an earlier file of the same run."""

from __future__ import annotations

from array import array
from itertools import compress
from operator import ne
from typing import Any, Final, NamedTuple

from wenlint.diagnostic import Fix, Related
from wenlint.document import Block, Document, LineNumber, Span
from wenlint.record import Frozen
from wenlint.rule import Context, Example, FinishContext, FixAvailability, Rule, Severity, T
from wenlint.rules.duplication._keys import block_keys, fingerprints, read_lengths
from wenlint.rules.duplication._structure import Outline, outline

_FIRST = (
    "一、坚持高举旗帜、维护核心，着力夯实共同的思想政治基础，确保人民政协事业沿着正确方向前进。"
)
_OTHER = "二、坚持围绕中心、服务大局，着力助推经济社会高质量发展，持续发出政协好声音。"


class _FileFacts(Frozen):
    """What ``finish`` needs of one file: per block a fingerprint of its key, its length as read,
    its span and line/column (6 ints), and whether ``check`` already reported it. No text."""

    __slots__ = ("chars", "fps", "pos", "reported")
    _fields = ("fps", "chars", "pos", "reported")
    fps: Final[array[int]]
    chars: Final[array[int]]
    pos: Final[array[int]]  # start, end, line, col, end_line, end_col per block
    # 1: reported by ``check`` already, or under a comment that disables D101; 2: in the head
    # or tail of the document, 3: its opening or closing formula (``frame_blocks``)
    reported: Final[bytes]

    def __init__(
        self, fps: array[int], chars: array[int], pos: array[int], reported: bytes
    ) -> None:
        self.fps = fps
        self.chars = chars
        self.pos = pos
        self.reported = reported


class DuplicateBlock(Rule):
    code = "D101"
    name = "duplicate-block"
    severity = Severity.ERROR
    fix = FixAvailability.SUGGESTION
    summary = T(
        zh="一段或连续几段文字与前文（或本次检查的另一文件）重复，常见于复制粘贴时多粘了一次",
        en="A paragraph or run of paragraphs repeats an earlier one, or one in another file of "
        "the run (usually a paste done twice)",
    )
    rationale = T(
        zh="同一段落在文中出现两次几乎总是编辑失误：读者会以为漏校，正式文件更会因此失去严肃性。"
        "一次检查多个文件时，与前面某个文件重复的段落也会报告（选项 cross-file，默认开启），"
        "以发现稿件之间误粘的整段内容。"
        "同类文件按同一格式写成，文件的“框架”本来就相同：正文前的标题、发文字号、主送机关、称呼"
        "（“各省、自治区、直辖市人民政府，国务院各部委、各直属机构：”“各位代表：”），"
        "正文后的署名、日期、“（此件公开发布）”，以及紧接称呼的开场套语、紧挨署名的结束套语"
        "（只有一句、不长的段落，如“现在，我代表国务院，向大会报告政府工作……”"
        "“现将《……》印发给你们，请认真贯彻执行。”）。框架由各文件自身的版式判断："
        "第一个句子之前、最后一个句子之后的段落。两个文件的框架中都有的段落是模板，不报告；"
        "出现在正文中的重复（框架里的套语被挪进另一文件的正文也算）照常报告。"
        "之所以用这种就文件本身判断的办法，而不是等全部文件检查完再看某段出现在几个文件里："
        "跨文件的结果随每个文件一起输出，第二个文件输出时还不知道第三个文件也有同一段；"
        "而且两年的工作报告用同一开场白，只出现在两个文件里，按出现次数也认不出。"
        "同一文件内的重复不论位置，一律报告；只有 Markdown 文档自身结构造成的重复除外："
        "目录（条目就是文中各级标题的列表）与标题、各表格共用的表头行，"
        "以及并列的章节（同级标题下骨架相同、内容不同，如各接口说明中位置相同的“参数调用如下”）"
        "或并列列表项下相同的子项。整节照抄、只改了标题的，仍然报告。"
        "一段的开头（或结尾）又单独成段、紧挨着完整的那一段，是粘贴时只粘了一半，也报告。"
        "比较前会统一全角/半角并忽略空白，所以排版上的细微差别掩盖不了重复；"
        "短于 min-chars 的块（如“声明”“各位委员：”）和没有文字的分隔线（如“~~~~”“====”）不算；"
        "字数只计正文文字，不计链接地址、行内代码等标记"
        "（“更多说明见[安装文档](https://…)。”只有十一个字）。",
        en="A paragraph printed twice is almost always an editing slip. When several files are "
        "checked together, a paragraph that repeats one of an earlier file is reported too "
        "(option cross-file, on by default), to find text pasted into the wrong manuscript. "
        "Documents of one kind share a frame by design: before the body, title, document "
        "number, recipient line and salutation; after it, signature, date and “此件公开发布”; "
        "and the formula that opens the body right after a salutation or closes it right "
        "before the signature, when it is one short sentence (“现在，我代表国务院，向大会报告"
        "政府工作……”, “现将《……》印发给你们，请认真贯彻执行。”). The frame is found from each "
        "file's own layout: the blocks before its first sentence and after its last. A block "
        "in the frame of both files is a template and is not reported; a repeat in the body "
        "(a formula moved into another file's body included) is. This local criterion was "
        "chosen over counting, at the end of the run, how many files hold a paragraph: "
        "cross-file findings are printed with each file, so file 2 is out before file 3 shows "
        "the paragraph is common, and the opening formula of two years' reports is in only "
        "two files. Repeats within one file are reported wherever they stand, except those a "
        "Markdown document makes by its own structure: a table of contents (a list of the "
        "document's headings) and the headings, a header row shared by tables, and parallel "
        "sections (headings of one level whose sections share a skeleton with different "
        "fillings, the same sentence at the same place) or the same sub-items under parallel "
        "list items. A section copied whole under another heading is still reported. A paragraph "
        "that is the beginning (or the end) of the paragraph next to it, a paste cut short, is "
        "reported too. "
        "Blocks are compared after folding full/half-width variants and dropping whitespace; "
        "blocks shorter than min-chars (such as a salutation) and separator lines without any "
        "letter (“~~~~”, “====”) are not considered; the length counts the prose only, not "
        "markup such as a link's address or inline code (“更多说明见[安装文档](https://…)。” is "
        "eleven characters long).",
    )
    fix_safety = T(
        zh="同一文件内的重复可删除副本；是否该删由编辑决定（也可能应删前一处），因此只作提示，"
        "不自动应用。跨文件的重复不提供修复",
        en="Within a file, deletes the repeated copy; an editor decides which copy should go, so "
        "it is unsafe. Repeats across files get no fix",
    )
    examples = (
        Example(bad=f"{_FIRST}\n\n{_OTHER}\n\n{_FIRST}\n"),
        Example(bad=f"{_FIRST}\n\n{_FIRST.replace('，', ',')}\n"),
        Example(bad=f"{_FIRST[:40]}\n\n{_FIRST}\n\n{_OTHER}\n"),
        Example(good=f"{_FIRST}\n\n{_OTHER}\n"),
        Example(good="各位委员：\n\n报告如下。\n\n各位委员：\n"),
    )
    messages = {
        "dup": T(
            zh="与{line:zh}起的 {n} 段重复（{chars} 字）",
            en="repeats the {n} paragraph(s) from {line:en} ({chars} characters)",
        ),
        "dup.help": T(zh="删去重复的 {n} 段", en="delete the repeated {n} paragraph(s)"),
        "first": T(zh="首次出现", en="first occurrence"),
        "dup-file": T(
            zh="与 {file} {line:zh}起的 {n} 段重复（{chars} 字）",
            en="repeats the {n} paragraph(s) from {line:en} of {file} ({chars} characters)",
        ),
        "part-start": T(
            zh="与{line:zh}段落的开头重复（{chars} 字）",
            en="repeats the beginning of the paragraph at {line:en} ({chars} characters)",
        ),
        "part-end": T(
            zh="与{line:zh}段落的结尾重复（{chars} 字）",
            en="repeats the end of the paragraph at {line:en} ({chars} characters)",
        ),
        "part.help": T(zh="删去这一段", en="delete this paragraph"),
        "whole": T(zh="完整的段落", en="the whole paragraph"),
        "dup-file.help": T(
            zh="确认是否误粘：删去重复的 {n} 段，或改写",
            en="check for a paste into the wrong file: delete or rewrite the {n} paragraph(s)",
        ),
    }

    class Options(NamedTuple):
        min_chars: int = 25  # a repeated block shorter than this (after normalising) is ignored
        cross_file: bool = True  # also report blocks that repeat one in an earlier file of the run

    def check(self, doc: Document, ctx: Context) -> None:
        blocks = doc.blocks
        keys = block_keys(doc)
        reads = read_lengths(doc)  # what min-chars and the message count
        nb = len(blocks)
        reported = bytearray(nb)
        # where each key first appears (built backwards, so the earliest index wins), and the
        # blocks whose key came before: found with C iterations, the Python loop sees repeats only
        first = dict(zip(reversed(keys), range(nb - 1, -1, -1), strict=True))
        repeats = compress(range(nb), map(ne, map(first.__getitem__, keys), range(nb)))
        i = 0
        scheme: Outline | None = None  # the document's outline, made at the first repeat
        for r in repeats:
            if r < i or not keys[r]:
                continue  # inside a run reported already, or a block without words
            k = first[keys[r]]
            if doc.markdown:
                scheme = scheme or outline(doc)
                if scheme.structural(r, k):
                    continue  # a table of contents, a header row, parallel sections
            # extend the run while the paragraphs keep matching and the copy stays before it
            n = 1
            while (
                r + n < nb
                and k + n < r
                and keys[r + n] == keys[k + n]
                and not (scheme and scheme.structural(r + n, k + n))
            ):
                n += 1
            chars = sum(reads[r : r + n])
            if chars < self.options.min_chars:
                i = r + 1
                continue
            self._report(doc, ctx, blocks, r, k, n, chars)
            reported[r : r + n] = b"\1" * n
            i = r + n
        self._cut_short(doc, ctx, blocks, keys, reported)
        if self.options.cross_file:
            # a block under a comment that disables D101 is left out of the cross-file search:
            # ``finish`` reports after the engine has applied the file's comments
            suppressed = ctx.suppressed
            for j, b in enumerate(blocks):
                if suppressed(b.start):
                    reported[j] = 1
            edges, formulas = frame_blocks(keys)
            for j in edges:
                reported[j] = reported[j] or 2
            for j in formulas:
                reported[j] = reported[j] or 3
            ctx.keep(_facts(doc, blocks, keys, bytes(reported)))

    def _cut_short(
        self, doc: Document, ctx: Context, blocks: list[Block], keys: list[str], reported: bytearray
    ) -> None:
        """A paragraph that is the beginning or the end of the paragraph next to it: a paste cut
        short (the first part of a paragraph pasted again as a paragraph of its own)."""
        reads = read_lengths(doc)
        for j in range(len(blocks) - 1):
            a, b = keys[j], keys[j + 1]
            short, other = (j, j + 1) if len(a) < len(b) else (j + 1, j)
            part, whole = keys[short], keys[other]
            if reads[short] < self.options.min_chars or len(part) == len(whole) or reported[short]:
                continue
            if blocks[short].kind != "paragraph" or blocks[other].kind != "paragraph":
                continue
            if whole.startswith(part):
                key = "part-start"
            elif whole.endswith(part):
                key = "part-end"
            else:
                continue
            span = blocks[short].whole
            # delete the paragraph with the line breaks before it (after it, when it is first)
            cut = Span(blocks[short - 1].end, span.end) if short else Span(0, blocks[1].start)
            ctx.report(
                span,
                key,
                help="part.help",
                fix=Fix.delete(cut, safe=False),
                related=[Related(blocks[other].whole, self.messages["whole"])],
                line=doc.line_number(blocks[other].start),
                chars=reads[short],
            )
            reported[short] = 1

    def _report(
        self, doc: Document, ctx: Context, blocks: list[Block], i: int, k: int, n: int, chars: int
    ) -> None:
        span = Span(blocks[i].start, blocks[i + n - 1].end)
        # delete from the end of the previous paragraph, taking the line breaks with the copy
        fix = Fix.delete(Span(blocks[i - 1].end, span.end), safe=False)
        line = doc.line_number(blocks[k].start)
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

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        # Across the files of one run: each distinct fingerprint -> where it first appeared
        # (file number << 32 | block number), and the facts of the files holding a first copy.
        # Memory grows with the distinct blocks and the files that bring new ones.
        self._first: dict[int, int] = {}
        self._files: list[tuple[str, _FileFacts]] = []
        # (first copy, blocks) -> its related location, file and line, as shown in findings
        self._earlier: dict[tuple[int, int], tuple[tuple[Related], str, int]] = {}

    def finish(self, path: str, facts: Any, ctx: FinishContext) -> None:
        """Blocks that repeat a block of an earlier file, as runs of consecutive blocks; then the
        file's own new blocks are remembered for the files after it."""
        first, files = self._first, self._files
        fps, reported = facts.fps.tolist(), facts.reported  # lists index faster than arrays
        chars = facts.chars.tolist()
        nb = len(fps)
        hits = list(map(first.get, fps))  # one C pass; most blocks are new
        i = 0 if hits.count(None) < nb else nb
        while i < nb:
            hit = hits[i] if chars[i] and reported[i] != 1 else None
            if hit is None:
                i += 1
                continue
            other, k = files[hit >> 32][1], hit & 0xFFFFFFFF
            if reported[i] > 1 and other.reported[k] > 1:
                i += 1  # in the frame of both documents: a template (recipient line, formula)
                continue
            n = 1
            # a copied run goes on through a formula (it is a sentence), not into the frame
            while (
                i + n < nb
                and k + n < len(other.fps)
                and fps[i + n] == other.fps[k + n]
                and reported[i + n] != 1
                and not (reported[i + n] == 2 and other.reported[k + n] > 1)
            ):
                n += 1
            total = sum(chars[i : i + n])
            if total < self.options.min_chars:
                i += 1
                continue
            self._report_file(ctx, facts, i, hit, n, total)
            i += n
        base, added = len(files) << 32, len(first)
        for j, fp in enumerate(fps):
            if chars[j] and fp not in first:
                first[fp] = base + j
        if len(first) > added:
            files.append((path, facts))

    def finish_keys(self, facts: Any) -> list[int]:
        """The fingerprints of the file's blocks with words: ``finish`` matches nothing else,
        and looks up only where each first appeared."""
        return [fp for fp, n in zip(facts.fps, facts.chars, strict=True) if n]

    def _report_file(
        self, ctx: FinishContext, facts: _FileFacts, i: int, hit: int, n: int, chars: int
    ) -> None:
        # Most repeats across files are of a few paragraphs (boilerplate): the related location
        # of an earlier copy is made once and shared (it is immutable) by the findings naming it.
        earlier = self._earlier.get((hit, n))
        if earlier is None:
            other_path, other = self._files[hit >> 32]
            q, k = other.pos, hit & 0xFFFFFFFF
            a, b = 6 * k, 6 * (k + n - 1)  # first and last block of the earlier copy
            related = Related(
                Span(q[a], q[b + 1]),
                self.messages["first"],
                path=other_path,
                position=(q[a + 2], q[a + 3], q[b + 4], q[b + 5]),
            )
            earlier = self._earlier[(hit, n)] = ((related,), other_path, q[a + 2])
        p = facts.pos
        ctx.report(
            Span(p[6 * i], p[6 * (i + n - 1) + 1]),
            "dup-file",
            help="dup-file.help",
            related=earlier[0],
            file=earlier[1],
            line=LineNumber.of(earlier[1], earlier[2]),
            n=n,
            chars=chars,
        )


# A sentence ends with one of these (keys are NFKC-folded: ！？； are ASCII there).
_SENTENCE_END = ("。", "!", "?", ";")
_FORMULA_CHARS = 60  # an opening or closing formula is one sentence of at most this length
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def frame_blocks(keys: list[str]) -> tuple[list[int], list[int]]:
    """The blocks of the document's frame, found from its own layout: the head (title, document
    number, recipient line, salutation, byline: every block before the first sentence) and the
    tail (signature, date, “此件公开发布”: every block after the last sentence); and the formula
    that opens the body right after a salutation or closes it right before the tail, when it is a
    single short sentence (“现在，我代表国务院，向大会报告政府工作，请予审议……”, “现将《…》印发给
    你们，请认真贯彻执行。”). Returned as (head and tail, formulas); a document without a
    sentence has no frame."""
    body = [j for j, k in enumerate(keys) if k and any(m in k for m in _SENTENCE_END)]
    if not body:
        return [], []
    first, last = body[0], body[-1]
    formulas = []
    if first and keys[first - 1].rstrip(_INVISIBLE).endswith(":") and _formula(keys[first]):
        formulas.append(first)
    if last != first and last + 1 < len(keys) and _formula(keys[last]):
        formulas.append(last)
    return [*range(first), *range(last + 1, len(keys))], formulas


def _formula(key: str) -> bool:
    """One sentence, short: a stock phrase of the frame rather than a paragraph of substance."""
    if len(key) > _FORMULA_CHARS or not key.endswith(_SENTENCE_END):
        return False
    return sum(key.count(m) for m in _SENTENCE_END) == 1


def _facts(doc: Document, blocks: list[Block], keys: list[str], reported: bytes) -> _FileFacts:
    position = doc.lines.position
    out: list[int] = []
    add = out.extend
    for b in blocks:
        s = b.start
        e = s + len(b.text)
        add((s, e, *position(s, e)))
    pos = array("i", out)  # int32: offsets of a text under 2 G characters
    return _FileFacts(fingerprints(keys), array("i", read_lengths(doc)), pos, reported)
