"""W204 possible-typo: a non-word that a one-character homophone change turns into a common word,
when word segmentation and a language model of modern Chinese both prefer the corrected text.

The rule needs the optional extra (``pip install 'wenlint[typo]'``: jieba, wordfreq, pypinyin,
kenlm) and a KenLM word model (Debian's ``libime-data-language-model``, or the option ``model``).
Nothing is imported or read until a run selects W204; then the resources are loaded once per
process (before worker processes fork, so they share them). Without the extra or the model the
rule says so in one line and finds nothing.
"""

from __future__ import annotations

import glob
import math
import os
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from wenlint.diagnostic import Fix
from wenlint.document import Document, Span
from wenlint.rule import Context, Example, FixAvailability, Rule, Severity, T
from wenlint.rules.words import _data

INSTALL = "pip install 'wenlint[typo]' && apt-get install libime-data-language-model"
#: Where Debian's (and other distributions') libime puts its word trigram of modern Chinese.
MODEL_GLOBS = (
    "/usr/lib/*/libime/zh_CN.lm",
    "/usr/lib/libime/zh_CN.lm",
    "/usr/lib64/libime/zh_CN.lm",
    "/usr/share/libime/zh_CN.lm",
)

# -- thresholds (tuned on injected slips in half of the official corpus and half of SIGHAN15) ---
#: A corrected word must be at least this frequent (wordfreq, share of all words) ...
MIN_FREQ = 1e-5
#: ... and this many times more frequent than the span as written.
MIN_RATIO = 100.0
#: The span as written is a word wordfreq knows (no typo) from this frequency on: any.
KNOWN_FREQ = 1e-9
#: A span counts as covered by a common word of jieba's dictionary from this count on.
COMMON_COUNT = 4
#: Segmentation gain: log-probability of the best segmentation of the window, corrected minus
#: written (natural log, jieba's unigram model).
MIN_SEG_GAIN = 5.0
#: Language-model gain: log10-probability of the window's words, corrected minus written.
MIN_LM_GAIN = 5.0
#: Only a replaced character that is inside no common word of the segmentation.
LOOSE_ONLY = True
#: Characters of context either side of the span in the windows compared.
WINDOW = 4

_NAME_TAGS = ("nr", "ns", "nt")
_HAN_LO, _HAN_HI = "\u4e00", "\u9fff"


class Slip(NamedTuple):
    """A suspected slip in a run of Han characters: ``run[start:end]`` should be ``right``."""

    start: int
    end: int
    wrong: str
    right: str
    seg_gain: float
    lm_gain: float
    ratio: float = 0.0  # frequency of the correction over that of the span as written
    loose: bool = True  # the replaced character is inside no common word of the segmentation


def find_model(path: str = "") -> str | None:
    """The model file: ``path`` when given (it must exist), else the first installed one."""
    if path:
        p = os.path.expanduser(path)
        return p if os.path.isfile(p) else None
    for pattern in MODEL_GLOBS:
        for p in sorted(glob.glob(pattern)):
            if os.path.isfile(p):
                return p
    return None


def _toneless(reading: str) -> str:
    plain = "".join(
        c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)
    )
    return plain.replace("ü", "v")


class Checker:
    """The loaded resources (segmenter, word frequencies, readings, the model) and the search."""

    def __init__(self, model_path: str, vocabulary: dict[str, float] | None = None) -> None:
        import jieba
        import kenlm
        from pypinyin.pinyin_dict import pinyin_dict

        jieba.setLogLevel(60)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        self.counts: dict[str, int] = self.tokenizer.FREQ
        self.log_total = math.log(self.tokenizer.total)
        if vocabulary is None:
            import wordfreq

            vocabulary = wordfreq.get_frequency_dict("zh")
        self.freq = vocabulary
        self.model = kenlm.Model(model_path)
        # toneless readings per character; each syllable stands as one private-use character in
        # the keys of the index
        self.readings: dict[str, tuple[str, ...]] = {}
        syllables: dict[str, str] = {}
        for cp, text in pinyin_dict.items():
            if not 0x4E00 <= cp <= 0x9FFF:
                continue
            keys = []
            for r in text.split(","):
                syl = _toneless(r)
                sym = syllables.setdefault(syl, chr(0xE000 + len(syllables)))
                if sym not in keys:
                    keys.append(sym)
            self.readings[chr(cp)] = tuple(keys)
        # common words by their form with one character replaced by its reading
        index: dict[str, list[str]] = {}
        counts = self.counts
        for word, f in vocabulary.items():
            if f < MIN_FREQ or not 2 <= len(word) <= 4 or not _all_han(word):
                continue
            if counts.get(word, 0) < COMMON_COUNT:
                continue
            for j, ch in enumerate(word):
                for sym in self.readings.get(ch, ()):
                    index.setdefault(word[:j] + sym + word[j + 1 :], []).append(word)
        self.index = index
        from jieba import posseg

        self.posseg = posseg.POSTokenizer(self.tokenizer)

    # -- the search ----------------------------------------------------------------------------
    def slips(self, run: str) -> list[Slip]:
        """The suspected slips of one run of Han characters, none overlapping another."""
        n = len(run)
        if n < 2:
            return []
        counts = self.counts
        loose = bytearray(n)  # 1: not inside a common word of the segmentation
        token = [0] * n  # the start of the token each character is in
        pos = 0
        for w in self.tokenizer.cut(run, HMM=False):
            common = len(w) > 1 and counts.get(w, 0) >= COMMON_COUNT
            for k in range(pos, pos + len(w)):
                loose[k] = not common
                token[k] = pos
            pos += len(w)
        found: list[Slip] = []
        readings, index, freq = self.readings, self.index, self.freq
        for i in range(n - 1):
            for size in (2, 3, 4):
                end = i + size
                if end > n:
                    break
                if not any(loose[i:end]):
                    continue
                if token[i] == token[end - 1] and not loose[i]:
                    continue  # inside one common word
                span = run[i:end]
                if counts.get(span, 0) >= COMMON_COUNT or freq.get(span, 0.0) >= KNOWN_FREQ:
                    continue
                for j in range(size):
                    if LOOSE_ONLY and not loose[i + j]:
                        continue
                    for sym in readings.get(span[j], ()):
                        for right in index.get(span[:j] + sym + span[j + 1 :], ()):
                            if right == span:
                                continue
                            slip = self._judge(run, i, end, span, right, bool(loose[i + j]))
                            if slip is not None and accept(slip):
                                found.append(slip)
        return _best(found)

    def _judge(
        self, run: str, i: int, end: int, wrong: str, right: str, loose: bool
    ) -> Slip | None:
        f_right = self.freq.get(right, 0.0)
        f_wrong = self.freq.get(wrong, 0.0)
        if f_right < MIN_FREQ or f_right < MIN_RATIO * f_wrong:
            return None
        a, b = max(0, i - WINDOW), min(len(run), end + WINDOW)
        before = run[a:b]
        after = run[a:i] + right + run[end:b]
        (lp0, n0), (lp1, n1) = self._segment(before), self._segment(after)
        seg_gain = lp1 - lp0
        if seg_gain < MIN_SEG_GAIN or n1 > n0:
            return None
        lm0 = self.model.score(" ".join(self.tokenizer.cut(before, HMM=False)), False, False)
        lm1 = self.model.score(" ".join(self.tokenizer.cut(after, HMM=False)), False, False)
        ratio = f_right / max(f_wrong, 1e-9)
        return Slip(i, end, wrong, right, seg_gain, lm1 - lm0, ratio, loose)

    def _segment(self, text: str) -> tuple[float, int]:
        """Log-probability of the best segmentation of ``text`` and its number of words."""
        tk = self.tokenizer
        dag = tk.get_DAG(text)
        route: dict[int, tuple[float, int]] = {}
        tk.calc(text, dag, route)
        words, k = 0, 0
        while k < len(text):
            k = route[k][1] + 1
            words += 1
        return route[0][0], words

    def is_name(self, run: str, start: int, end: int) -> bool:
        """Whether jieba's tagger (with its model of unknown words) reads the span, or a word
        overlapping it, as a person's, place's or organisation's name."""
        a, b = max(0, start - WINDOW), min(len(run), end + WINDOW)
        pos = a
        for pair in self.posseg.cut(run[a:b]):
            w, flag = pair.word, pair.flag
            if pos < end and pos + len(w) > start and flag.startswith(_NAME_TAGS):
                return True
            pos += len(w)
        return False


def accept(slip: Slip) -> bool:
    """Whether both kinds of evidence are strong enough."""
    return (
        slip.seg_gain >= MIN_SEG_GAIN
        and slip.lm_gain >= MIN_LM_GAIN
        and (slip.loose or not LOOSE_ONLY)
    )


def _best(found: list[Slip]) -> list[Slip]:
    """Of overlapping suspects, the one with the largest combined gain."""
    found.sort(key=lambda s: -(s.seg_gain + s.lm_gain * math.log(10)))
    kept: list[Slip] = []
    for s in found:
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    kept.sort(key=lambda s: s.start)
    return kept


def _all_han(word: str) -> bool:
    return all(_HAN_LO <= c <= _HAN_HI for c in word)


def han_runs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, run) of every run of at least two CJK unified ideographs in ``text``."""
    i, n = 0, len(text)
    while i < n:
        if _HAN_LO <= text[i] <= _HAN_HI:
            j = i + 1
            while j < n and _HAN_LO <= text[j] <= _HAN_HI:
                j += 1
            if j - i >= 2:
                yield i, text[i:j]
            i = j
        else:
            i += 1


# -- loading, once per process --------------------------------------------------------------------

_LOADED: dict[str, Checker | str] = {}
_TOLD: set[str] = set()


def load(model: str = "") -> Checker | str:
    """The checker for ``model`` (or the installed model), or why there is none."""
    key = model
    if key in _LOADED:
        return _LOADED[key]
    missing = [m for m in ("jieba", "wordfreq", "pypinyin", "kenlm") if not _importable(m)]
    path = find_model(model)
    if missing:
        got: Checker | str = f"{', '.join(missing)} not installed"
    elif path is None:
        got = f"model {model} not found" if model else "no language model installed"
    else:
        try:
            got = Checker(path)
        except (OSError, RuntimeError, ValueError) as exc:  # kenlm raises OSError on a bad file
            got = f"cannot read the model {path}: {exc}"
    _LOADED[key] = got
    return got


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def unavailable(model: str = "") -> str | None:
    """Why W204 cannot run (None when it can): for tests that need the extra and the model."""
    got = load(model)
    return got if isinstance(got, str) else None


class PossibleTypo(Rule):
    code = "W204"
    name = "possible-typo"
    severity = Severity.WARNING
    fix = FixAvailability.SUGGESTION
    # The extra and the model are not installed with wenlint: the rule is selected by name.
    default_enabled = False
    summary = T(
        zh="疑似错别字：不成词的几个字，换掉一个同音字就成为常用词，且分词和语言模型都支持改后的写法"
        "（经挤发展 → 经济发展）",
        en="A possible typo: characters that form no word, but do when one is replaced by a "
        "homophone, and both word segmentation and a language model prefer the change "
        "(经挤发展 → 经济发展)",
    )
    rationale = T(
        zh="拼音输入最常见的差错是选错同音字，这类别字大多不在任何别字词典里。规则找出两到四个字的"
        "片段：它不是常用词、也不在常用词内，把其中一个字换成同音字（不计声调）后成为常用词，"
        "且改后的词比原写法常见至少一百倍（wordfreq 词频）。只有两项证据一致时才报告："
        "改后的片段分词更少、概率更高（jieba 词典），并且现代汉语词语三元语言模型"
        "（libime 的 KenLM 模型）给改后的上下文明显更高的概率。"
        "以下情况不报：片段在文中出现不止一次（重复出现的多是术语）；片段是人名、地名或机构名"
        "（jieba 词性标注）；姓氏后接职务或称谓；wordfreq 收录的词；"
        "公文里词典未收的固定说法（因城施策、宜居宜业、正风肃纪，"
        "见 rules/words/data/typo_terms.txt）；"
        "[dictionary] 的 allow 放行的词。"
        "同音的真词误用（的/地/得、在/再、权利/权力）和形近字不在此列。"
        "需要安装扩展：pip install 'wenlint[typo]'，以及语言模型 "
        "apt-get install libime-data-language-model（或在 [rules.possible-typo] 中用 model "
        "指定模型文件）；未安装时本规则跳过，并提示一次。默认不启用，需用 --extend-select W204 "
        "或配置 extend-select 选用。",
        en="Picking the wrong homophone is the commonest slip of pinyin input, and most such "
        "slips are in no misspelling list. The rule looks at spans of two to four characters "
        "that are no common word and lie inside none, where replacing one character by a "
        "homophone (tones ignored) gives a common word at least a hundred times more frequent "
        "than the span (wordfreq). It reports only when two kinds of evidence agree: the "
        "corrected text segments into fewer, more probable words (jieba's dictionary), and a "
        "word trigram model of modern Chinese (libime's KenLM model) gives the corrected "
        "context a clearly higher probability. Not reported: a span that occurs more than once "
        "in the document (a repeated term is a term), names of people, places and "
        "organisations (jieba's tagger), a surname before a title, words wordfreq knows, set "
        "phrases of official writing that no dictionary here has (因城施策, 宜居宜业, 正风肃纪: "
        "rules/words/data/typo_terms.txt), and the words allowed by [dictionary] allow. "
        "Real-word confusions (的/地/得, 在/再, 权利/权力) and look-alike "
        "characters are out of its reach. It needs the extra, pip install 'wenlint[typo]', and "
        "the model, apt-get install libime-data-language-model (or a model file named by the "
        "option model of [rules.possible-typo]); without them it is skipped with one notice. "
        "It is off by default: select it with --extend-select W204 or the config's "
        "extend-select.",
    )
    fix_safety = T(
        zh="改正是统计推断，只作提示，不自动应用",
        en="The correction is a statistical guess: shown as a suggestion, never applied",
    )
    examples = (
        Example(bad="各地要推动经挤高质量发展。", good="各地要推动经济高质量发展。"),
        Example(bad="坚持深化改格开放不动摇。", good="坚持深化改革开放不动摇。"),
        Example(good="张爱文同志出席会议并讲话。"),
    )
    messages = {
        "typo": T(zh="“{wrong}”疑为“{right}”之误", en="“{wrong}” may be a typo for “{right}”"),
        "typo.help": T(zh="改为“{right}”", en="write “{right}”"),
    }

    class Options(NamedTuple):
        model: str = ""  # a KenLM model file (ARPA or binary); empty: the installed libime model

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        # Loaded here, when a run selects the rule (in the main process, before any worker
        # forks), not at import: runs without W204 never load anything.
        got = load(self.options.model)
        import multiprocessing  # (here: a run without W204 need not import it)

        if isinstance(got, str) and got not in _TOLD and multiprocessing.parent_process() is None:
            _TOLD.add(got)
            print(f"wenlint: info: W204 possible-typo skipped ({got}): {INSTALL}", file=sys.stderr)

    @staticmethod
    def unavailable() -> str | None:
        """Why the rule cannot run here (the extra or the installed model missing), or None:
        the tests of its examples and fixtures skip with this reason."""
        return unavailable()

    def check(self, doc: Document, ctx: Context) -> None:
        checker = load(self.options.model)
        if isinstance(checker, str):
            return
        text = doc.view
        allow = ctx.dictionary.get("allow") or ()
        if isinstance(allow, str):
            allow = (allow,)
        single, compound = _data.surnames()
        terms = _terms()
        for offset, run in han_runs(text):
            for slip in checker.slips(run):
                start, end = offset + slip.start, offset + slip.end
                if text.count(slip.wrong) > 1 or ctx.block_at(start, end) is None:
                    continue
                if any(
                    _overlaps(text, w, start, end) for w in (*allow, *terms.get(slip.wrong[0], ()))
                ):
                    continue
                if _titled(run, slip, single, compound) or checker.is_name(
                    run, slip.start, slip.end
                ):
                    continue
                span = Span(start, end)
                ctx.report(
                    span,
                    "typo",
                    help="typo.help",
                    fix=Fix.replace(span, slip.right, safe=False),
                    wrong=slip.wrong,
                    right=slip.right,
                )


@cache
def _terms() -> dict[str, tuple[str, ...]]:
    """The established terms of ``data/typo_terms.txt``, by each of their characters."""
    by_char: dict[str, list[str]] = {}
    for term in _data.words_of((_data.DATA / "typo_terms.txt").read_text("utf-8")):
        for ch in set(term):
            by_char.setdefault(ch, []).append(term)
    return {ch: tuple(ts) for ch, ts in by_char.items()}


def _overlaps(text: str, word: str, start: int, end: int) -> bool:
    """Whether an occurrence of ``word`` in ``text`` overlaps ``[start, end)``."""
    if not word:
        return False
    k = text.find(word, max(0, start - len(word) + 1))
    return k != -1 and k < end


_TITLE_WORDS = ("同志", "先生", "女士", "书记", "主席", "主任", "部长", "局长", "市长", "省长")


def _titled(run: str, slip: Slip, single: frozenset[str], compound: frozenset[str]) -> bool:
    """A surname and a given name before a title or form of address (张爱文同志)."""
    first = slip.wrong[0]
    if first not in single and slip.wrong[:2] not in compound:
        return False
    after = run[slip.end : slip.end + 2]
    return any(after.startswith(t) for t in _TITLE_WORDS)
