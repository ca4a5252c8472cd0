"""Injected defects: recall of the rules on real documents with one known slip put in.

Each injector takes a clean published document (``tests/official_corpus/official/``) and a random
generator, and makes the slip an editor or a careless paste would make — a paragraph pasted twice,
an item renumbered, an ASCII comma, a sentence broken across two paragraphs — returning the new
text and the region where a finding must point. ``measure`` lints the result with the rules of the
defect's family and counts an injection as found when a finding of one of the expected codes
overlaps that region (give or take ``SLACK`` characters) and was not there before.

Run ``python tests/injection.py`` for a table per injector; ``tests/test_injected_recall.py`` holds
wenlint to a floor.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "official_corpus" / "official"
SLACK = 2

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Injection:
    text: str
    start: int
    end: int
    codes: tuple[str, ...]  # any of these counts as found


Injector = Callable[[str, random.Random], Iterator[Injection]]


# --- Chinese numerals ------------------------------------------------------------------------


def zh_number(n: int) -> str:
    """1..99 as written in outline markers: 一 … 十 十一 … 二十 … 九十九."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def zh_value(s: str) -> int:
    if "十" not in s:
        return _DIGITS.index(s)
    tens, _, units = s.partition("十")
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)


# --- paragraphs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append(Para(m.start(), m.end(), m.group()))
    return out


def body(paras: list[Para], min_len: int = 40) -> list[Para]:
    """Sentence paragraphs: long enough, ending with a stop, not a numbered heading."""
    return [p for p in paras if len(p.text) >= min_len and p.text[-1] in "。；！？"]


# --- outline markers ---------------------------------------------------------------------------

_ZH = "[一二三四五六七八九十]{1,3}"
#: kind -> (marker pattern, its number read, a number written, the marker's shape)
MARKERS: dict[str, tuple[re.Pattern[str], Callable[[str], int], Callable[[int], str], str]] = {
    "zh-dun": (re.compile(f"^({_ZH})、"), zh_value, zh_number, "{}、"),
    "zh-paren": (re.compile(f"^（({_ZH})）"), zh_value, zh_number, "（{}）"),
    "arabic-dot": (re.compile(r"^(\d{1,2})\.(?!\d)"), int, str, "{}."),
    "arabic-paren": (re.compile(r"^（(\d{1,2})）"), int, str, "（{}）"),
    "article": (re.compile(f"^第({_ZH})条"), zh_value, zh_number, "第{}条"),
}


def numbered_runs(paras: list[Para]) -> list[list[tuple[Para, int, str]]]:
    """Runs of same-kind markers in document order whose numbers go up by one."""
    runs: list[list[tuple[Para, int, str]]] = []
    for kind, (pattern, value, _, _) in MARKERS.items():
        current: list[tuple[Para, int, str]] = []
        for p in paras:
            m = pattern.match(p.text)
            if not m:
                continue
            try:
                v = value(m.group(1))
            except ValueError:
                continue
            if current and v == current[-1][1] + 1:
                current.append((p, v, kind))
            else:
                if len(current) >= 3:
                    runs.append(current)
                current = [(p, v, kind)]
        if len(current) >= 3:
            runs.append(current)
    return runs


def _renumber(text: str, items: list[tuple[Para, int, str]], delta: int) -> str:
    """Add ``delta`` to the numbers of ``items`` (all of one kind), from the end backwards."""
    for p, v, kind in sorted(items, key=lambda it: -it[0].start):
        pattern, _, write, shape = MARKERS[kind]
        m = pattern.match(p.text)
        assert m
        old = m.group(0)
        new = shape.format(write(v + delta))
        text = text[: p.start] + new + text[p.start + len(old) :]
    return text


def _numbering(delta: int, through: bool) -> Injector:
    def inject(text: str, rng: random.Random) -> Iterator[Injection]:
        runs = numbered_runs(paragraphs(text))
        rng.shuffle(runs)
        for run in runs[:3]:
            k = rng.randrange(1, len(run) - 1) if len(run) > 2 else 1
            changed = run[k:] if through else run[k : k + 1]
            if delta < 0 and run[k][1] + delta < 1:
                continue
            new = _renumber(text, changed, delta)
            start = run[k][0].start
            yield Injection(new, start, start + 3, ("N301",))

    return inject


def item_skip(text: str, rng: random.Random) -> Iterator[Injection]:
    """一、二、四、五、: a number left out, the rest following on."""
    return _numbering(+1, through=True)(text, rng)


def item_repeat(text: str, rng: random.Random) -> Iterator[Injection]:
    """一、二、二、三、: a number given twice, the rest following on from the repeat."""
    return _numbering(-1, through=True)(text, rng)


def item_one_repeat(text: str, rng: random.Random) -> Iterator[Injection]:
    """一、二、二、四、: one item numbered like the one before."""
    return _numbering(-1, through=False)(text, rng)


def item_one_skip(text: str, rng: random.Random) -> Iterator[Injection]:
    """一、二、四、四、: one item numbered one too far."""
    return _numbering(+1, through=False)(text, rng)


def halfwidth_marker(text: str, rng: random.Random) -> Iterator[Injection]:
    """（一） written (一)."""
    paras = [p for p in paragraphs(text) if re.match(f"^（{_ZH}）", p.text)]
    for p in rng.sample(paras, min(2, len(paras))):
        close = p.text.index("）")
        new = text[: p.start] + "(" + p.text[1:close] + ")" + text[p.start + close + 1 :]
        yield Injection(new, p.start, p.start + close + 1, ("N305", "P401"))


def enumeration_skip(text: str, rng: random.Random) -> Iterator[Injection]:
    """一是……二是……三是 with 二是 written 三是."""
    paras = [p for p in paragraphs(text) if "一是" in p.text and "二是" in p.text]
    for p in rng.sample(paras, min(2, len(paras))):
        i = p.start + p.text.index("二是")
        yield Injection(text[:i] + "三是" + text[i + 2 :], i, i + 2, ("N306",))


# --- duplication -------------------------------------------------------------------------------


def paste_twice(text: str, rng: random.Random) -> Iterator[Injection]:
    """A body paragraph pasted again right after itself."""
    paras = body(paragraphs(text), 60)
    for p in rng.sample(paras, min(3, len(paras))):
        copy = "\n\n" + p.text
        yield Injection(
            text[: p.end] + copy + text[p.end :], p.end + 2, p.end + len(copy), ("D101",)
        )


def paste_later(text: str, rng: random.Random) -> Iterator[Injection]:
    """A body paragraph pasted again a few paragraphs further on."""
    paras = body(paragraphs(text), 60)
    if len(paras) < 8:
        return
    for _ in range(2):
        i = rng.randrange(0, len(paras) - 5)
        p, q = paras[i], paras[i + rng.randrange(2, 5)]
        copy = "\n\n" + p.text
        yield Injection(
            text[: q.end] + copy + text[q.end :], q.end + 2, q.end + len(copy), ("D101",)
        )


# --- punctuation -------------------------------------------------------------------------------


def _sites(text: str, pattern: str, rng: random.Random, n: int = 3) -> list[re.Match[str]]:
    found = list(re.finditer(pattern, text))
    return rng.sample(found, min(n, len(found)))


def _swap(text: str, m: re.Match[str], group: int, new: str, codes: tuple[str, ...]) -> Injection:
    s, e = m.span(group)
    return Injection(text[:s] + new + text[e:], s, s + len(new), codes)


def ascii_comma(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}(，){HAN}", rng):
        yield _swap(text, m, 1, ",", ("P401",))


def ascii_colon_semicolon(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}([：；]){HAN}", rng):
        yield _swap(text, m, 1, {"：": ":", "；": ";"}[m.group(1)], ("P401",))


def ascii_parens(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}(（{HAN}[^（）\n]{{0,20}}）)", rng):
        inner = m.group(1)[1:-1]
        yield _swap(text, m, 1, f"({inner})", ("P401",))


def unbalanced_quote(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"“{HAN}[^“”\n]{{1,20}}(”)", rng):
        s = m.start(1)
        yield Injection(text[:s] + text[s + 1 :], m.start(), s, ("P402",))


def unbalanced_title(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"《{HAN}[^《》\n]{{1,30}}(》)", rng):
        s = m.start(1)
        yield Injection(text[:s] + text[s + 1 :], m.start(), s, ("P402",))


def doubled_stop(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}([，。])", rng):
        yield _swap(text, m, 1, m.group(1) * 2, ("P403",))


def straight_quotes(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"(“)({HAN}[^“”\n]{{0,15}})(”)", rng):
        s, e = m.span()
        new = '"' + m.group(2) + '"'
        yield Injection(text[:s] + new + text[e:], s, s + len(new), ("P404",))


def straight_quotes_spaced(text: str, rng: random.Random) -> Iterator[Injection]:
    """The slip of a Western keyboard: ' "…" ' with spaces around."""
    for m in _sites(text, f"{HAN}(“)({HAN}[^“”\n]{{0,15}})(”){HAN}", rng):
        s, e = m.start(1), m.end(3)
        new = ' "' + m.group(2) + '" '
        yield Injection(text[:s] + new + text[e:], s, s + len(new), ("P404",))


def space_between_han(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}{{4}}({HAN}){HAN}{{4}}", rng):
        s = m.start(1)
        yield Injection(text[:s] + " " + text[s:], s - 1, s + 2, ("P405",))


def space_before_stop(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, f"{HAN}([，。；])", rng):
        s = m.start(1)
        yield Injection(text[:s] + " " + text[s:], s - 1, s + 2, ("P405",))


def ascii_ellipsis(text: str, rng: random.Random) -> Iterator[Injection]:
    """A list cut short with ASCII dots: 土地、资金、人才等 → 土地、资金、人才..."""
    for m in _sites(text, f"、{HAN}{{2,4}}(等)(?:方面|领域)?[，。；]", rng):
        yield _swap(text, m, 1, "...", ("P406",))


def ascii_dash(text: str, rng: random.Random) -> Iterator[Injection]:
    """An explanatory dash typed as two hyphens: 一项任务：推进改革 → 一项任务--推进改革."""
    for m in _sites(text, f"{HAN}{{2}}(：){HAN}{{2}}[^\\n]{{10,}}", rng):
        yield _swap(text, m, 1, "--", ("P407",))


def fullwidth_digits(text: str, rng: random.Random) -> Iterator[Injection]:
    table = str.maketrans("0123456789", "０１２３４５６７８９")
    for m in _sites(text, f"{HAN}(\\d{{2,4}})[年个万亿项家条]", rng):
        yield _swap(text, m, 1, m.group(1).translate(table), ("P410",))


def fullwidth_range_dash(text: str, rng: random.Random) -> Iterator[Injection]:
    """A range joined by the full-width hyphen (GB/T 15834-2011 §4.13): 3%～5%, 3至5年 → 3－5年."""
    for m in _sites(text, r"\d%?(～|—|至)\d+(?:%|年|个|天|万|亿)", rng):
        yield _swap(text, m, 1, "－", ("P407", "P411"))


# --- structure ---------------------------------------------------------------------------------


def broken_paragraph(text: str, rng: random.Random) -> Iterator[Injection]:
    """A paragraph broken between two Han characters in the middle of a sentence."""
    paras = body(paragraphs(text), 80)
    for p in rng.sample(paras, min(3, len(paras))):
        spots = [m.start(1) for m in re.finditer(f"{HAN}({HAN}){HAN}", p.text)]
        spots = [i for i in spots if 20 < i < len(p.text) - 20]
        if not spots:
            continue
        i = p.start + rng.choice(spots)
        yield Injection(text[:i] + "\n\n" + text[i:], i - 3, i + 4, ("S501",))


def broken_before_number(text: str, rng: random.Random) -> Iterator[Injection]:
    """A paragraph broken just before a number (…治理面积 / 6.3万平方公里…)."""
    paras = body(paragraphs(text), 60)
    for p in rng.sample(paras, len(paras)):
        spots = [m.start(1) for m in re.finditer(f"{HAN}(\\d)", p.text) if m.start(1) > 15]
        if not spots:
            continue
        i = p.start + rng.choice(spots)
        yield Injection(text[:i] + "\n\n" + text[i:], i - 3, i + 4, ("S501",))
        return


def dangling_conjunction(text: str, rng: random.Random) -> Iterator[Injection]:
    """A 和 whose second member was cut: 经济和社会发展， → 经济和，."""
    for m in _sites(text, f"{HAN}{{2}}和({HAN}{{2,4}})([，。；])", rng):
        s, e = m.span(1)
        yield Injection(text[:s] + text[e:], s - 1, s + 1, ("S502",))


# --- formats -----------------------------------------------------------------------------------


def zero_padded_date(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, r"((?:19|20)\d\d年)(\d)月(\d{1,2})日", rng):
        s, e = m.span()
        new = f"{m.group(1)}0{m.group(2)}月{int(m.group(3)):02d}日"
        yield Injection(text[:s] + new + text[e:], s, s + len(new), ("F601",))


def shortened_year(text: str, rng: random.Random) -> Iterator[Injection]:
    for m in _sites(text, r"(?<!\d)(?:19|20)(\d\d年\d{1,2}月\d{1,2}日)", rng):
        s, e = m.span()
        yield Injection(text[:s] + m.group(1) + text[e:], s, s + len(m.group(1)), ("F605",))


def letter_o_year(text: str, rng: random.Random) -> Iterator[Injection]:
    """A year in Chinese numerals with the letter O for 〇: 2018年 → 二O一八年."""
    for m in _sites(text, r"(?<!\d)(20[01]\d)年\d{1,2}月", rng):
        year = "".join(_DIGITS[int(c)] for c in m.group(1)).replace("〇", "O")
        yield _swap(text, m, 1, year, ("F603",))


# --- characters and words ----------------------------------------------------------------------


@cache
def _s2t() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


@cache
def _words() -> frozenset[str]:
    path = ROOT / "rules" / "words" / "data" / "words.txt"
    lines = path.read_text("utf-8").splitlines()
    return frozenset(w.split()[0] for w in lines if w and not w.startswith("#"))


def _segment(s: str) -> list[tuple[int, str]]:
    """Forward maximum matching over the word list: (offset, word) for words of 2–3 characters."""
    words, out, i = _words(), [], 0
    while i < len(s):
        for n in (3, 2):
            w = s[i : i + n]
            if len(w) == n and w in words:
                out.append((i, w))
                i += n
                break
        else:
            i += 1
    return out


def traditional_char(text: str, rng: random.Random) -> Iterator[Injection]:
    convert = _s2t()
    segs = [(i, w) for i, w in _segment(text) if convert(w) != w]
    for i, w in rng.sample(segs, min(3, len(segs))):
        t = convert(w)
        yield Injection(text[:i] + t + text[i + len(w) :], i, i + len(w), ("C701",))


def doubled_word(text: str, rng: random.Random) -> Iterator[Injection]:
    """A word typed twice (卫生卫生) at a word boundary."""
    segs = [(i, w) for i, w in _segment(text) if re.fullmatch(f"{HAN}+", w) and w[0] != w[-1]]
    for i, w in rng.sample(segs, min(3, len(segs))):
        j = i + len(w)
        yield Injection(text[:j] + w + text[j:], i, j + len(w), ("W201",))


INJECTORS: dict[str, Injector] = {
    "paste-twice": paste_twice,
    "paste-later": paste_later,
    "item-skip": item_skip,
    "item-repeat": item_repeat,
    "item-one-repeat": item_one_repeat,
    "item-one-skip": item_one_skip,
    "halfwidth-marker": halfwidth_marker,
    "enumeration-skip": enumeration_skip,
    "ascii-comma": ascii_comma,
    "ascii-colon-semicolon": ascii_colon_semicolon,
    "ascii-parens": ascii_parens,
    "unbalanced-quote": unbalanced_quote,
    "unbalanced-title": unbalanced_title,
    "doubled-stop": doubled_stop,
    "straight-quotes": straight_quotes,
    "straight-quotes-spaced": straight_quotes_spaced,
    "space-between-han": space_between_han,
    "space-before-stop": space_before_stop,
    "ascii-ellipsis": ascii_ellipsis,
    "ascii-dash": ascii_dash,
    "fullwidth-digits": fullwidth_digits,
    "fullwidth-range-dash": fullwidth_range_dash,
    "broken-paragraph": broken_paragraph,
    "broken-before-number": broken_before_number,
    "dangling-conjunction": dangling_conjunction,
    "zero-padded-date": zero_padded_date,
    "shortened-year": shortened_year,
    "letter-o-year": letter_o_year,
    "traditional-char": traditional_char,
    "doubled-word": doubled_word,
}


@dataclass
class Tally:
    tried: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.tried if self.tried else 1.0


def _family(codes: tuple[str, ...]) -> list[str]:
    return sorted({c.rstrip("0123456789") for c in codes})


def measure(seed: int = 14, docs: list[Path] | None = None) -> dict[str, Tally]:
    """Inject every defect into every corpus document; count the ones wenlint finds."""
    from wenlint.testing import lint_string

    tallies: dict[str, Tally] = {}
    for name, inject in INJECTORS.items():
        tally = tallies.setdefault(name, Tally())
        for path in docs or sorted(CORPUS.glob("*.txt")):
            text = path.read_text("utf-8")
            rng = random.Random(f"{seed}:{name}:{path.name}")
            before_cache: dict[tuple[str, ...], set[tuple[str, str]]] = {}
            for inj in inject(text, rng):
                select = _family(inj.codes)
                key = tuple(select)
                if key not in before_cache:
                    before_cache[key] = {
                        (d.code, _around(text, d.span.start, d.span.end))
                        for d in lint_string(text, select, path=path.name)
                    }
                before = before_cache[key]
                hits = [
                    d
                    for d in lint_string(inj.text, select, path=path.name)
                    if d.code in inj.codes
                    and d.span.start < inj.end + SLACK
                    and d.span.end > inj.start - SLACK
                    and (d.code, _around(inj.text, d.span.start, d.span.end)) not in before
                ]
                tally.tried += 1
                if hits:
                    tally.found += 1
                else:
                    excerpt = inj.text[max(0, inj.start - 12) : inj.end + 12].replace("\n", "⏎")
                    tally.missed.append(f"{path.name}: {excerpt}")
    return tallies


def _around(text: str, start: int, end: int) -> str:
    return text[max(0, start - 8) : end + 8]


def main() -> None:
    tallies = measure()
    tried = sum(t.tried for t in tallies.values())
    found = sum(t.found for t in tallies.values())
    for name, t in tallies.items():
        print(f"{name:24} {t.found:4}/{t.tried:<4} {t.recall:7.1%}")
        if "-v" in sys.argv:
            for m in t.missed[:5]:
                print("    missed:", m)
    print(f"{'all':24} {found:4}/{tried:<4} {found / tried:7.1%}")


if __name__ == "__main__":
    main()
