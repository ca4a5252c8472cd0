"""K803 abbreviation-not-used: the full name written again after the document gave it a short
form (（以下简称“住建部”）)."""

from __future__ import annotations

from wenlint.diagnostic import Related
from wenlint.document import Document, Span
from wenlint.rule import Context, Example, Rule, Severity, T
from wenlint.rules.consistency import _abbrev


class AbbreviationNotUsed(Rule):
    code = "K803"
    name = "abbreviation-not-used"
    severity = Severity.INFO
    standard = "《国家行政机关公文处理办法》（2000）第二十八条（先用全称，注明简称）"
    summary = T(
        zh="前文已约定简称（“（以下简称……）”），后文又写了全称",
        en="The full name written again after the document defined its short form (以下简称…)",
    )
    rationale = T(
        zh="公文和规章在全称第一次出现时用“（以下简称……）”约定简称，此后应一律使用简称；"
        "约定之后又写全称，读者会怀疑两者是否同指，也显得未经统稿。"
        "本规则只在能确定全称时检查：全称是紧接在括号前的书名（《中华人民共和国个人所得税法》"
        "（以下简称个人所得税法））或引号中的词，或者简称是全称的缩略（市场监督管理总局 → "
        "市场监管总局，自由贸易试验区 → 自贸试验区：简称的字依次出现在全称中）。"
        "后文的全称只有独立成词时才报告：作为更长名称的一部分（“国务院自由贸易试验区工作部际"
        "联席会议”）或在书名号内时不报告。简称本身是全称一部分的（“关键信息基础设施运营者"
        "（以下简称运营者）”），全称的起点无法确定，不检查。主送、抄送机关和发文机关署名按"
        "《党政机关公文处理工作条例》（2012）第九条可用全称，“抄送：”“主送：”行和标题、署名一类"
        "的短行不报告。",
        en="Official documents define a short form when a full name first appears "
        "(（以下简称…）) and use only the short form afterwards; writing the full name again "
        "makes the reader wonder whether both mean the same and looks unedited. The rule checks "
        "only where the full name is certain: a 《title》 or quoted word right before the "
        "bracket, or a contraction whose characters appear in order in the full name "
        "(市场监督管理总局 → 市场监管总局, 自由贸易试验区 → 自贸试验区). A later full name is "
        "reported only as a name of its own: not as part of a longer name (国务院自由贸易试验区"
        "工作部际联席会议) nor inside a 《title》. A short form that is a part of the full name "
        "(关键信息基础设施运营者（以下简称运营者）) leaves the full name's start unknown and is "
        "not checked. Addressees, copy recipients and the issuing organ's signature may be "
        "written in full (党政机关公文处理工作条例, 2012, §9): 抄送/主送 lines and short "
        "heading or signature lines are not reported.",
    )
    examples = (
        Example(
            bad="国家市场监督管理总局（以下简称市场监管总局）负责全国工作。"
            "国家市场监督管理总局应当加强指导。"
        ),
        Example(
            good="国家市场监督管理总局（以下简称市场监管总局）负责全国工作。"
            "市场监管总局应当加强指导。"
        ),
        Example(
            good="建设自由贸易试验区（以下简称自贸试验区）是重大举措。"
            "国务院自由贸易试验区工作部际联席会议办公室要加强统筹。"
        ),
    )
    messages = {
        "full": T(
            zh="{line:zh}已约定“{full}”简称“{abbr}”，此处宜用简称",
            en="“{full}” was given the short form “{abbr}” on {line:en}; use it here",
        ),
        "help": T(zh="改为“{abbr}”", en="write “{abbr}”"),
        "defined": T(zh="简称在此约定", en="the short form is defined here"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        defs = _abbrev.definitions(doc)
        if not defs:
            return
        view = doc.view
        starts = {d.start for d in defs}
        seen: set[str] = set()
        for d in defs:
            if d.full is None or d.full in seen:
                continue
            seen.add(d.full)
            title = d.full[0] in "《“"
            lead = view[max(0, d.full_start - _abbrev.CLAUSE) : d.full_start]
            line = doc.line_number(d.start)
            related = [Related(Span(d.start, d.end), self.messages["defined"])]
            at = view.find(d.full, d.end)
            while at >= 0:
                end = at + len(d.full)
                start = at if title else _extend(view, at, lead)
                block = ctx.block_at(start, end)
                if (
                    end not in starts  # defined again right here
                    and block is not None
                    and block.kind != "heading"
                    and not _abbrev.heading_like(block.text)  # a heading, a signature
                    and not _abbrev.roster_line(block.text)  # 主送/抄送: names in full
                    and (title or _abbrev.standalone(view, start, end))
                    and (title or not _abbrev.in_title(view, start))
                ):
                    ctx.report(
                        Span(start, end),
                        "full",
                        help="help",
                        related=related,
                        full=view[start:end],
                        abbr=d.abbr,
                        line=line,
                    )
                at = view.find(d.full, end)


def _extend(view: str, at: int, lead: str) -> int:
    """Where a later full name starts: as far left as it goes on as the definition's text did
    (国家 + 市场监督管理总局)."""
    k = 0
    while k < len(lead) and at - k > 0 and view[at - k - 1] == lead[len(lead) - k - 1]:
        k += 1
    # the longest such start where a name may start; the bare core when there is none
    for j in range(k, 0, -1):
        if _abbrev.starts_name(view, at - j):
            return at - j
    return at
