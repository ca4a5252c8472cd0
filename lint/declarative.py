"""House-style rules declared in the config, ``[[style]]`` tables, turned into Rule classes.

Three kinds (Vale's, without its traps for Han text):

``existence``
    ``tokens = ["...", ...]``: each occurrence is a finding.
``substitution``
    ``swap = { "发改局" = "发展和改革局" }``: each occurrence of a key is a finding that offers the
    value as its replacement.
``consistency``
    ``either = { "登录" = "登陆" }``: either form is fine, not both in one document. When a
    document uses both, each occurrence of the less used form (on a tie, the one used later) is a
    finding that points at the first occurrence of the other; ``{a}`` in the message is the form
    found there, ``{b}`` the document's other form (its unsafe replacement). Literal only.
    With ``consistency = "run"`` (top level, or the rule's own ``[rules.NAME]`` table) the
    forms are counted over all files of the run instead (``wenlint.text.forms``), in ``finish``.

Tokens are literal by default; ``regex = true`` makes them patterns (the ``regex`` module's syntax).
There is never an implicit word boundary: Han text has no spaces, so ``\\b`` would make a pattern
match nothing or everything. Every table is validated when the config loads — unknown keys, bad
values, a pattern that does not compile, matches the empty string, or misses its own
``examples.bad`` are errors naming the file and key — and a user pattern can never hang the linter:

- every search of a paragraph stops after ``TIMEOUT`` seconds (a finding says the paragraph was
  skipped); seconds here are CPU seconds of the searching thread, as the ``regex`` module counts
  its timeout, so a loaded machine does not spend a budget sooner;
- a rule spends at most ``FILE_BUDGET`` seconds searching one file (``--fix`` rounds included):
  then the rest of the file is skipped (one finding says from where);
- time lost to overruns (paragraphs that timed out, files whose budget ran out) counts against
  ``RUN_BUDGET`` seconds for the run; once it is spent the rule is disabled for the rest of the run,
  with one warning line on stderr naming it. With ``--jobs N`` each worker process keeps its own
  run budget.

Literal rules (matched by an automaton, in linear time) have no budget.

```
[[style]]
code = "U101"; name = "org-full-name"; kind = "substitution"; severity = "warning"
swap = { "发改局" = "发展和改革局" }; exceptions = []; fix = "unsafe"
message = { zh = "应写作“{good}”", en = "write “{good}”" }
examples = { bad = "市发改局印发", good = "市发展和改革局印发" }
```
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from wenlint import notes
from wenlint.config import ConfigError
from wenlint.diagnostic import Fix, Related
from wenlint.document import Block, Document, Span
from wenlint.registry import CODE_RE, NAME_RE, RESERVED, Registry, RegistryError
from wenlint.rule import Context, Example, FinishContext, FixAvailability, Rule, Severity, T
from wenlint.text.forms import First, RunForms, Use
from wenlint.text.phrases import PhraseMatcher

#: Seconds one pattern may spend on one paragraph (or on one example when the config loads).
TIMEOUT = 1.0
#: Seconds one rule's patterns may spend on one file.
FILE_BUDGET = 3.0
#: Seconds one rule may lose to overruns in a run (in one process) before it is disabled.
RUN_BUDGET = 10.0
#: The shortest timeout a search is given (the regex module needs a positive one).
_MIN_TIMEOUT = 0.01

KINDS = ("existence", "substitution", "consistency")
_COMMON_KEYS = {
    "code",
    "name",
    "kind",
    "severity",
    "message",
    "summary",
    "description",
    "regex",
    "ignore-case",
    "exceptions",
    "examples",
}
_KIND_KEYS = {
    "existence": {"tokens"},
    "substitution": {"swap", "fix"},
    "consistency": {"either", "fix"},
}
_BUILTIN_FAMILIES = RESERVED - {"U"}  # U is the prefix meant for config rules
_DEFAULT_MESSAGES = {
    "existence": T(zh="避免使用“{match}”", en="avoid “{match}”"),
    "substitution": T(zh="“{match}”应写作“{good}”", en="write “{good}” instead of “{match}”"),
    "consistency": T(
        zh="同一文件中“{a}”与“{b}”混用，应统一", en="“{a}” and “{b}” both used in one document"
    ),
}
# consistency = "run": the default message of a consistency rule speaks of the run, not one file
_RUN_MESSAGE = T(
    zh="本次检查的文件中“{a}”与“{b}”混用，应统一",
    en="“{a}” and “{b}” both used in the files of this run",
)
_HELP = {
    "existence": T(zh="改写“{match}”", en="rephrase “{match}”"),
    "substitution": T(zh="改为“{good}”", en="write “{good}”"),
    "consistency": T(zh="统一为“{b}”", en="write “{b}” as elsewhere"),
}


class StyleError(ConfigError):
    pass


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    text: str
    good: str  # the replacement ("" for existence)


def rules_from_config(style: list[dict[str, Any]], where: str) -> list[type[Rule]]:
    """Rule classes for the config's ``[[style]]`` tables; ``where`` names the config file.

    Raises ``ConfigError`` naming the file and key for anything wrong in a table.
    """
    rules: list[type[Rule]] = []
    seen: dict[str, str] = {}
    for i, table in enumerate(style):
        key = f"style[{i}]"
        if not isinstance(table, dict):
            raise StyleError(f"{where}: '{key}' must be a table")
        rule = _build(table, where, key)
        for ident in (rule.code, rule.name):
            if ident in seen:
                raise StyleError(f"{where}: '{key}': {ident} is already defined by {seen[ident]}")
            seen[ident] = key
        rules.append(rule)
    return rules


def _build(table: dict[str, Any], where: str, key: str) -> type[Rule]:
    def fail(sub: str, what: str) -> StyleError:
        code = table.get("code")
        label = f" ({code})" if isinstance(code, str) else ""
        return StyleError(f"{where}: '{key}.{sub}'{label}: {what}")

    kind = table.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
    allowed = _COMMON_KEYS | _KIND_KEYS[kind]
    for k in table:
        if k not in allowed:
            raise fail(k, f"unknown key for kind {kind!r} (known: {', '.join(sorted(allowed))})")

    code = table.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise fail("code", f"must be letters and three digits such as 'U101', not {code!r}")
    if code.rstrip("0123456789") in _BUILTIN_FAMILIES:
        raise fail("code", f"prefix {code[0]} belongs to wenlint's own rules; use U (U101)")
    name = table.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name) or name.startswith("no-"):
        raise fail("name", f"must be kebab-case naming the defect (org-short-name), not {name!r}")

    try:
        severity = Severity.parse(str(table.get("severity", "warning")))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    use_regex = _bool(table, "regex", fail)
    ignore_case = _bool(table, "ignore-case", fail)
    exceptions = _strings(table.get("exceptions", []), "exceptions", fail)

    if kind == "existence":
        tokens = _strings(table.get("tokens"), "tokens", fail, required=True)
        pairs = {t: "" for t in tokens}
        token_key = "tokens"
        fix_mode = "none"
    elif kind == "consistency":
        pairs = _either(table.get("either"), use_regex, fail)
        token_key = "either"
        fix_mode = table.get("fix", "unsafe")
        if fix_mode not in ("safe", "unsafe", "none"):
            raise fail("fix", f'must be "safe", "unsafe" or "none", not {fix_mode!r}')
    else:
        swap = table.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise fail("swap", 'must be a non-empty table of wrong = "right"')
        for wrong, right in swap.items():
            if not wrong or not isinstance(right, str):
                raise fail(f"swap.{wrong}", 'must map a non-empty text to a text: wrong = "right"')
        pairs = dict(swap)
        token_key = "swap"
        fix_mode = table.get("fix", "unsafe")
        if fix_mode not in ("safe", "unsafe", "none"):
            raise fail("fix", f'must be "safe", "unsafe" or "none", not {fix_mode!r}')

    own_message = _text(table.get("message"), "message", fail)
    message = own_message or _DEFAULT_MESSAGES[kind]
    names = ("a", "b") if kind == "consistency" else ("match", "good")
    for lang in ("zh", "en"):
        try:
            message.get(lang).format(**dict.fromkeys(names, "x"))
        except (KeyError, IndexError, ValueError) as exc:
            use = " and ".join(f"{{{n}}}" for n in names)
            raise fail("message", f"bad placeholder {exc} (use {use})") from None

    # a consistency rule's finder yields each form as itself (``pairs`` maps it to the other)
    forms = {f: f for f in pairs} if kind == "consistency" else pairs
    raw = _finder(forms, use_regex, ignore_case, exceptions, lambda what: fail(token_key, what))
    finder = _mixed(raw, pairs) if kind == "consistency" else raw
    examples = _examples(table.get("examples"), fail)
    for ex in examples:
        for text, must in ((ex.bad, True), (ex.good, False)):
            if text is None:
                continue
            try:
                found = any(True for _ in finder(text))
            except TimeoutError:
                raise fail(token_key, f"a pattern takes over {TIMEOUT} s on {text!r}") from None
            if must and not found:
                raise fail("examples.bad", f"{text!r} is not matched by the rule's own {token_key}")
            if not must and found:
                raise fail("examples.good", f"{text!r} is matched by the rule's own {token_key}")
        if fix_mode == "safe" and ex.bad is not None and ex.good is not None:
            fixed = _apply(ex.bad, finder)
            if fixed != ex.good:
                raise fail("examples", f"the fix turns {ex.bad!r} into {fixed!r}, not {ex.good!r}")

    summary = _text(table.get("summary"), "summary", fail) or _summary(kind, pairs)
    rationale = _text(table.get("description"), "description", fail) or T(
        zh=f"配置文件 {where} 中定义的规则。", en=f"A house-style rule from {where}."
    )
    fix = {
        "none": FixAvailability.NONE,
        "safe": FixAvailability.ALWAYS,
        "unsafe": FixAvailability.SUGGESTION,
    }[fix_mode]
    fix_safety = None
    if fix is not FixAvailability.NONE:
        fix_safety = T(
            zh='自动替换（配置 fix = "safe"）' if fix_mode == "safe" else "只提示替换写法",
            en='replaced by --fix (fix = "safe")' if fix_mode == "safe" else "shown, not applied",
        )
    safe = fix_mode == "safe"
    has_fix = fix is not FixAvailability.NONE
    # a literal rule's automaton runs in linear time: only patterns get a budget (per process)
    budget = _Budget(code, name) if use_regex or ignore_case else None

    def check(self: Rule, doc: Document, ctx: Context) -> None:
        if kind == "consistency":
            if self.options.consistency == "run":  # decided in finish, over the whole run
                ctx.keep(_uses(doc, ctx, raw, pairs, budget))
                return
            _check_mixed(doc, ctx, raw, pairs, safe if has_fix else None, budget)
            return
        for block, hits in _search_blocks(doc, ctx, finder, budget):
            for m in hits:
                span = block.span(m.start, m.end)
                ctx.report(
                    span,
                    "style",
                    help="style.help",
                    fix=Fix.replace(span, m.good, safe=safe) if has_fix else None,
                    match=m.text,
                    good=m.good,
                )

    cls_name = "".join(p.capitalize() for p in name.split("-")) or "StyleRule"
    attrs: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": cls_name,
        "__doc__": f"{code} {name}: a {kind} rule from {where}.",
        "code": code,
        "name": name,
        "severity": severity,
        "fix": fix,
        "summary": summary,
        "rationale": rationale,
        "fix_safety": fix_safety,
        "examples": tuple(examples),
        "messages": {
            "style": message,
            "style.run": own_message or _RUN_MESSAGE,
            "style.help": _HELP[kind],
            "timeout": T(
                zh="规则的模式在本段超时（{seconds} 秒），已跳过本段",
                en="the rule's pattern timed out on this paragraph ({seconds} s); skipped",
            ),
            "budget": T(
                zh="规则的模式用完了时间预算（每个文件 {file} 秒，整次运行 {run} 秒），"
                "本文件自此以后未检查",
                en="the rule's pattern used up its time budget ({file} s a file, {run} s a run); "
                "the file was not checked from here on",
            ),
        },
        "check": check,
    }
    if kind == "consistency":

        @dataclass(frozen=True)
        class Options:
            # "run": the less used form over all files of the run is reported (config default:
            # the top-level consistency key)
            consistency: str = "document"

        def finish(self: Rule, path: str, facts: Any, ctx: FinishContext) -> None:
            tally = self.__dict__.setdefault("_run_forms", RunForms())
            for use, first in tally.settle(path, facts):
                _report_run(ctx, use, first, pairs, safe if has_fix else None)

        attrs["Options"] = Options
        attrs["finish"] = finish
    return type(cls_name, (Rule,), attrs)


#: The matches in a text; the optional second argument is the timeout of a pattern's search.
Finder = Callable[..., Iterator[_Match]]


class _Budget:
    """One rule's search time in this process: spent on the current file, and lost to overruns
    in the run (see the module docstring)."""

    def __init__(self, code: str, name: str) -> None:
        self.code, self.name = code, name
        self.path: str | None = None
        self.spent = 0.0  # on the current file
        self.counted = 0.0  # of ``spent``, already counted in ``lost``
        self.lost = 0.0  # in the run
        self.stopped_at: int | None = None  # where the current file's budget ran out
        self.disabled = False

    def start(self, path: str) -> None:
        if path != self.path:  # a new file (--fix lints one file again: its budget goes on)
            self.path, self.spent, self.counted, self.stopped_at = path, 0.0, 0.0, None

    def timeout(self) -> float:
        left = min(TIMEOUT, FILE_BUDGET - self.spent, RUN_BUDGET - self.lost)
        return max(left, _MIN_TIMEOUT)

    def charge(self, secs: float, timed_out: bool) -> bool:
        """Count a search; whether the file (or the run) has no budget left."""
        self.spent += secs
        if timed_out:
            self.lost += secs
            self.counted += secs
        over = self.spent >= FILE_BUDGET
        if over:  # the whole file was an overrun
            self.lost += self.spent - self.counted
            self.counted = self.spent
        if self.lost >= RUN_BUDGET and not self.disabled:
            self.disabled = True
            notes.warn(
                f"{self.code} ({self.name}): its pattern lost {RUN_BUDGET:g} s of the run to "
                f"paragraphs and files it could not finish; the rule is disabled for the rest of "
                f"the run (simplify the pattern)"
            )
        return over or self.disabled


def _search_blocks(
    doc: Document, ctx: Context, finder: Finder, budget: _Budget | None
) -> Iterator[tuple[Block, list[_Match]]]:
    """Each paragraph with the rule's matches in it, within the rule's budget (None: a literal
    rule, unbounded); reports the paragraphs skipped and where the budget ran out."""
    if budget is None:
        for block in doc.blocks:
            yield block, list(finder(block.text))
        return
    if budget.disabled:
        return
    budget.start(doc.path)
    blocks = doc.blocks
    if budget.stopped_at is not None:  # the file again (--fix, --diff): still no budget
        at = min(budget.stopped_at, len(doc.text))
        ctx.report(Span(at, at), "budget", file=FILE_BUDGET, run=RUN_BUDGET)
        return
    for block in blocks:
        limit = budget.timeout()
        t0 = time.thread_time()  # CPU time, as the regex module's timeout counts
        try:
            hits, timed_out = list(finder(block.text, limit)), False
        except TimeoutError:
            hits, timed_out = [], True
        spent = time.thread_time() - t0
        over = budget.charge(max(spent, limit) if timed_out else spent, timed_out)
        if hits:
            yield block, hits
        if over:
            here = block.span(0, 0)
            budget.stopped_at = here.start
            ctx.report(here, "budget", file=FILE_BUDGET, run=RUN_BUDGET)
            return
        if timed_out:
            ctx.report(block.span(0, 0), "timeout", seconds=round(limit, 2))


def _either(value: Any, use_regex: bool, fail: Callable[[str, str], StyleError]) -> dict[str, str]:
    """The forms of a consistency rule, each mapped to the other form of its pair."""
    if use_regex:
        raise fail("regex", "a consistency rule compares literal forms (regex is not supported)")
    if not isinstance(value, dict) or not value:
        raise fail("either", 'must be a non-empty table of form = "other form"')
    other: dict[str, str] = {}
    for a, b in value.items():
        if not a or not isinstance(b, str) or not b or a == b:
            raise fail(f"either.{a}", 'must map a text to another text: "登录" = "登陆"')
        for form in (a, b):
            if form in other:
                raise fail(f"either.{a}", f"{form!r} is in two pairs")
        other[a], other[b] = b, a
    return other


def _mixed(finder: Finder, other: Mapping[str, str]) -> Finder:
    """A finder of the occurrences of the less used form of each pair when a text uses both
    (on a tie, the form used later); ``good`` is the other form. ``_Match.text`` is the text
    found, its form (``_Match.good`` of the inner finder) is looked up in ``other``."""

    def mixed(text: str, timeout: float = TIMEOUT) -> Iterator[_Match]:
        for m, _first in _minority(list(finder(text, timeout)), other):
            yield _Match(m.start, m.end, m.text, other[m.good])

    return mixed


def _minority(hits: Sequence[_Match], other: Mapping[str, str]) -> list[tuple[_Match, _Match]]:
    """Each hit of the minority form of a pair used both ways, with the first hit of the other
    form. A hit's form is its ``good`` (the literal form the finder matched)."""
    count: dict[str, int] = {}
    first: dict[str, _Match] = {}
    for m in hits:
        count[m.good] = count.get(m.good, 0) + 1
        first.setdefault(m.good, m)
    out = []
    for m in hits:
        b = other[m.good]
        if b not in count:
            continue
        a_n, b_n = count[m.good], count[b]
        if a_n < b_n or (a_n == b_n and first[b].start < first[m.good].start):
            out.append((m, first[b]))
    return out


def _check_mixed(
    doc: Document,
    ctx: Context,
    finder: Finder,
    other: Mapping[str, str],
    safe: bool | None,
    budget: _Budget | None,
) -> None:
    """A consistency rule on a document: its forms in every paragraph, then the minority's
    occurrences reported, each pointing at the first occurrence of the other form."""
    hits = []
    for block, found in _search_blocks(doc, ctx, finder, budget):
        for m in found:
            span = block.span(m.start, m.end)
            hits.append(_Match(span.start, span.end, m.text, m.good))
    for m, first in _minority(hits, other):
        span = Span(m.start, m.end)
        b = other[m.good]
        ctx.report(
            span,
            "style",
            help="style.help",
            fix=Fix.replace(span, b, safe=safe) if safe is not None else None,
            related=[
                Related(Span(first.start, first.end), T(zh=f"“{b}”首次出现", en=f"first “{b}”"))
            ],
            a=m.text,
            b=b,
        )


def _uses(
    doc: Document, ctx: Context, finder: Finder, other: Mapping[str, str], budget: _Budget | None
) -> list[Use]:
    """Every occurrence of a pair's forms, kept for ``finish`` (consistency = "run")."""
    out = []
    for block, found in _search_blocks(doc, ctx, finder, budget):
        for m in found:
            span = block.span(m.start, m.end)
            group = "\0".join(sorted((m.good, other[m.good])))
            position = doc.lines.position(span.start, span.end)
            out.append(Use(group, m.good, span.start, span.end, position, m.text))
    return out


def _report_run(
    ctx: FinishContext, use: Use, first: First, other: Mapping[str, str], safe: bool | None
) -> None:
    """A use of the run's less used form, pointing at the first use of the other (perhaps in
    an earlier file)."""
    span = Span(use.start, use.end)
    b = other[use.form]
    note = T(zh=f"“{b}”首次出现", en=f"first “{b}”")
    where = Span(first.start, first.end)
    related = (
        Related(where, note)
        if first.path is None
        else Related(where, note, first.path, first.position)
    )
    ctx.report(
        span,
        "style.run",
        help="style.help",
        # a suggestion only: --fix applies the findings of one file, not those of the run
        fix=Fix.replace(span, b, safe=False) if safe is not None else None,
        related=[related],
        a=use.args,
        b=b,
    )


def _finder(
    pairs: Mapping[str, str],
    use_regex: bool,
    ignore_case: bool,
    exceptions: Sequence[str],
    fail: Callable[[str], StyleError],
) -> Finder:
    """One matcher for all of a rule's tokens: an automaton for literal text, otherwise one
    compiled alternation with a group per token."""
    if not use_regex:
        if not ignore_case:
            exc_map = {t: [e for e in exceptions if t in e] for t in pairs}
            for e in exceptions:
                if not any(t in e for t in pairs):
                    raise fail(f"exception {e!r} contains none of the rule's tokens")
            matcher = PhraseMatcher(dict(pairs), exc_map)

            def literal(text: str, timeout: float = TIMEOUT) -> Iterator[_Match]:
                for hit in matcher.finditer(text):
                    yield _Match(hit.start, hit.end, hit.phrase, hit.value)

            return literal
        sources = [regex.escape(t) for t in sorted(pairs, key=len, reverse=True)]
        values = [pairs[t] for t in sorted(pairs, key=len, reverse=True)]
    else:
        sources = list(pairs)
        values = list(pairs.values())

    groups = []
    singles = []
    for i, src in enumerate(sources):
        try:
            single = regex.compile(src, regex.IGNORECASE if ignore_case else 0)
        except regex.error as exc:
            raise fail(f"pattern {src!r} does not compile: {exc}") from None
        try:
            if single.fullmatch("", timeout=TIMEOUT) is not None:
                raise fail(f"pattern {src!r} matches the empty string")
        except TimeoutError:
            raise fail(f"pattern {src!r} takes over {TIMEOUT} s on the empty string") from None
        groups.append(f"(?P<_wl{i}>{src})")
        singles.append(single)
    try:
        pattern = regex.compile("|".join(groups), regex.IGNORECASE if ignore_case else 0)
    except regex.error as exc:  # e.g. the same group name in two patterns
        raise fail(f"patterns do not compile together: {exc}") from None
    excs = list(exceptions)
    literal_swaps = not use_regex

    def search(text: str, timeout: float = TIMEOUT) -> Iterator[_Match]:
        for m in pattern.finditer(text, timeout=timeout):
            if m.end() == m.start():
                continue  # a lookaround-only pattern: nothing to point at
            i = next(j for j in range(len(values)) if m.group(f"_wl{j}") is not None)
            if excs and _inside_exception(text, m.start(), m.end(), excs, ignore_case):
                continue
            good = values[i] if literal_swaps else _expand(singles[i], text, m, values[i])
            yield _Match(m.start(), m.end(), m.group(), good)

    return search


def _apply(text: str, finder: Finder) -> str:
    out, last = [], 0
    for m in finder(text):
        out += [text[last : m.start], m.good]
        last = m.end
    return "".join([*out, text[last:]])


def _expand(single: regex.Pattern[str], text: str, m: regex.Match[str], template: str) -> str:
    """The replacement with the token's own groups (\\1, \\g<name>) filled in."""
    if "\\" not in template:
        return template
    own = single.fullmatch(text, m.start(), m.end(), timeout=TIMEOUT)
    try:
        return own.expand(template) if own is not None else template
    except (regex.error, IndexError):
        return template


def _inside_exception(
    text: str, start: int, end: int, exceptions: Sequence[str], ignore_case: bool
) -> bool:
    hay = text.lower() if ignore_case else text
    for exc in exceptions:
        e = exc.lower() if ignore_case else exc
        lo = max(0, end - len(e))
        pos = hay.find(e, lo, start + len(e))
        while pos != -1 and pos <= start:
            if pos + len(e) >= end:
                return True
            pos = hay.find(e, pos + 1, start + len(e))
    return False


def _bool(table: dict[str, Any], k: str, fail: Callable[[str, str], StyleError]) -> bool:
    v = table.get(k, False)
    if not isinstance(v, bool):
        raise fail(k, f"must be true or false, not {v!r}")
    return v


def _strings(
    value: Any, k: str, fail: Callable[[str, str], StyleError], *, required: bool = False
) -> list[str]:
    if value is None and not required:
        return []
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) and v for v in value)
        or (required and not value)
    ):
        raise fail(
            k, "must be a list of non-empty strings" + (" (at least one)" if required else "")
        )
    return list(value)


def _text(value: Any, k: str, fail: Callable[[str, str], StyleError]) -> T | None:
    if value is None:
        return None
    if isinstance(value, str) and value:
        return T(zh=value, en=value)
    if (
        isinstance(value, dict)
        and set(value) <= {"zh", "en"}
        and all(isinstance(v, str) and v for v in value.values())
        and value
    ):
        zh = value.get("zh") or value["en"]
        return T(zh=zh, en=value.get("en") or zh)
    raise fail(k, 'must be a text or a table { zh = "...", en = "..." }')


def _examples(value: Any, fail: Callable[[str, str], StyleError]) -> list[Example]:
    if value is None:
        raise fail("examples", 'is required: examples = { bad = "...", good = "..." }')
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, dict) or not item or not set(item) <= {"bad", "good"}:
            raise fail("examples", 'must be { bad = "...", good = "..." } (or a list of them)')
        for k, v in item.items():
            if not isinstance(v, str) or not v:
                raise fail(f"examples.{k}", "must be a non-empty text")
        out.append(Example(bad=item.get("bad"), good=item.get("good")))
    if not any(e.bad for e in out):
        raise fail("examples.bad", "at least one bad example is required")
    return out


def _summary(kind: str, pairs: Mapping[str, str]) -> T:
    shown = list(pairs.items())[:3]
    more = "…" if len(pairs) > 3 else ""
    if kind == "existence":
        toks = "、".join(f"“{t}”" for t, _ in shown)
        return T(zh=f"避免使用{toks}{more}", en=f"avoid {', '.join(t for t, _ in shown)}{more}")
    if kind == "consistency":
        seen = list(pairs.items())[::2]  # a = b, then b = a: each pair once
        both = "、".join(f"“{a}”/“{b}”" for a, b in seen[:3])
        more = "…" if len(seen) > 3 else ""
        return T(
            zh=f"同一文件只用一种写法：{both}{more}",
            en=f"one form per document: {', '.join(f'{a}/{b}' for a, b in seen[:3])}{more}",
        )
    swaps = "、".join(f"“{a}”→“{b}”" for a, b in shown)
    return T(
        zh=f"按本单位规范改写：{swaps}{more}",
        en=f"house style: {', '.join(f'{a} → {b}' for a, b in shown)}{more}",
    )


def with_style_rules(registry: Registry, style: list[dict[str, Any]], where: str) -> Registry:
    """A copy of ``registry`` with the config's house-style rules added (the original is shared
    by every config of the run and stays untouched)."""
    if not style:
        return registry
    out = Registry(dict(registry.rules), dict(registry.origin), dict(registry.by_name))
    for rule in rules_from_config(style, where):
        try:
            out.add(rule, where)
        except RegistryError as exc:
            raise StyleError(f"{where}: 'style': {exc}") from None
    return out
