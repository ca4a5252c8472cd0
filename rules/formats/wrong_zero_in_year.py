"""F603 wrong-zero-in-year: 二O二四年, 二零二四年 — zero in a Chinese-numeral year is 〇."""

from __future__ import annotations

from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.formats._dates import HAN_YEAR, WRONG_ZEROS, han_year, years

_TO_LING = str.maketrans(dict.fromkeys(WRONG_ZEROS, "〇"))


class WrongZeroInYear(Rule):
    code = "F603"
    name = "wrong-zero-in-year"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    standard = "GB/T 15835-2011 §5.2.5"
    summary = T(
        zh="用汉字书写的年份里，“0”写成了“零”、字母“O”或符号“○”（二O二四年）",
        en="A year in Chinese numerals writes zero as 零, the letter O or the symbol ○ (二O二四年)",
    )
    rationale = T(
        zh="GB/T 15835-2011 第5.2.5条：“0”用作编号时汉字写作“〇”，用作计量时写作“零”；"
        "年份是编号，所以写“二〇二四年”，不写“二零二四年”。"
        "拉丁字母 O、数字 0 和几何符号 ○ 都不是汉字“〇”（U+3007），字形相近而字符不同，"
        "检索、排序和读屏都会出错。",
        en="GB/T 15835-2011 §5.2.5: zero used for numbering, as in a year, is written 〇 "
        "(U+3007), not 零; the letter O, the digit 0 and the shape ○ only look like it.",
    )
    fix_safety = T(
        zh="把年份中的“零”“O”“0”“○”换成“〇”，读法不变，是安全修复",
        en="Replaces the look-alike with 〇; the year reads the same, so the fix is safe",
    )
    examples = (
        Example(bad="二O二四年三月十二日", good="二〇二四年三月十二日"),
        Example(bad="二零一七年", good="二〇一七年"),
        Example(good="二〇二四年三月十二日，三千零五十二人参加；一九九〇年代。"),
    )
    messages = {
        "zero": T(
            zh="年份“{year}年”中的“{wrong}”应为“〇”（GB/T 15835-2011 §5.2.5）",
            en="write zero in the year “{year}年” as 〇, not “{wrong}” (GB/T 15835-2011 §5.2.5)",
        ),
        "zero.help": T(zh="改为“{fixed}年”", en="write “{fixed}年”"),
    }

    def check(self, doc: Document, ctx: Context) -> None:
        if "年" not in doc.view:
            return  # (HAN_YEAR is compiled only for a text with a year)
        for block in ctx.blocks_with(pattern=HAN_YEAR()):
            for s, kind in years(block.text):
                year = block.text[s : s + 4]
                if kind != "han" or (s and block.text[s - 1] in "十百千万"):
                    continue
                wrong = "".join(dict.fromkeys(c for c in year if c in WRONG_ZEROS))
                if not wrong or not han_year(year):
                    continue
                fixed = year.translate(_TO_LING)
                span = block.span(s, s + 4)
                ctx.report(
                    span,
                    "zero",
                    help="zero.help",
                    fix=Fix.replace(span, fixed),
                    year=year,
                    wrong=wrong,
                    fixed=fixed,
                )
