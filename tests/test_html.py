"""--format html: one self-contained page, checked as text and then driven in a real browser
(Debian's chromium, headless, through Playwright): click a finding, check the scroll, the filters,
the rule explanation, related locations, a 10,000-line document; a screenshot is saved."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from wenlint.diagnostic import Diagnostic, Fix, Related
from wenlint.document import LineIndex, Span
from wenlint.registry import Registry
from wenlint.report.html import HtmlReporter, Utf16, script_json
from wenlint.rule import Example, FixAvailability, Rule, Severity, T
from wenlint.testing import registry as full_registry
from wenlint.testing import run_cli

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "shuozhou-cppcc-2024-report.txt"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PARA = "坚持以人民为中心的发展思想，着力保障和改善民生，扎实推进共同富裕，不断增强人民群众获得感。"
DUP = f"{PARA}\n\n第二段内容与前文不同，讲的是另一件事情。\n\n{PARA}\n"


class DemoWord(Rule):
    code = "TW901"
    name = "test-word"
    severity = Severity.WARNING
    summary = T(zh="测试用的词语规则", en="a test word rule")
    rationale = T(zh="只在测试中使用", en="used in tests only")
    examples = (Example(bad="坏的例子甲", good="好的例子甲"),)
    messages = {"m": T(zh="词语问题", en="word problem")}


class DemoPunct(Rule):
    code = "TP902"
    name = "test-punct"
    severity = Severity.INFO
    fix = FixAvailability.ALWAYS
    summary = T(zh="测试用的标点规则", en="a test punctuation rule")
    rationale = T(zh="只在测试中使用", en="used in tests only")
    fix_safety = T(zh="总是安全", en="always safe")
    examples = (Example(bad="甲,乙", good="甲，乙"),)
    messages = {"m": T(zh="标点问题", en="punctuation problem")}


def demo_registry() -> Registry:
    reg = Registry()
    reg.add(full_registry().rules["D101"], "wenlint")
    reg.add(DemoWord, "tests")
    reg.add(DemoPunct, "tests")
    return reg


@dataclass
class Doc:
    path: str
    text: str
    diags: list[Diagnostic]


def _diag(
    doc: str, text: str, lines: LineIndex, rule: type[Rule], start: int, end: int, **kw: Any
) -> Diagnostic:
    d = Diagnostic(
        doc,
        rule.code,
        rule.name,
        rule.severity,
        Span(start, end),
        T(zh=f"{rule.name} 第 {lines.line_col(start)[0]} 行", en=f"{rule.name} line"),
        **kw,
    )
    d.position = (*lines.line_col(start), *lines.line_col(end))
    return d


def big_document(n_lines: int = 10_000) -> Doc:
    """Unique lines; a duplicate block near the end, an astral character, a point finding."""
    lines = [
        f"第{i}行：这是一段用于测试报告的正文，编号{i}，内容各不相同。"
        for i in range(1, n_lines + 1)
    ]
    lines[4999] = "第5000行：𠀀甲乙,丙丁，这一行有一个扩展区汉字和一个半角逗号。"
    lines[8999] = lines[19]
    text = "\n".join(lines) + "\n"
    li = LineIndex(text)
    start = li.line_span(9000).start
    first = li.line_span(20)
    dup = _diag(
        "big.txt",
        text,
        li,
        full_registry().rules["D101"],
        start,
        li.line_span(9000).end,
        related=(Related(first, T(zh="首次出现", en="first occurrence"), None, (20, 1, 20, 10)),),
        fix=Fix.delete(Span(start, li.line_span(9001).start), safe=False),
        help=T(zh="删去重复的 1 段", en="delete the repeated paragraph"),
    )
    dup.severity = Severity.ERROR
    comma = text.index(",")
    punct = _diag(
        "big.txt",
        text,
        li,
        DemoPunct,
        comma,
        comma + 1,
        fix=Fix.replace(Span(comma, comma + 1), "，"),
        help=T(zh="改为全角逗号", en="use a full-width comma"),
    )
    words = [
        _diag("big.txt", text, li, DemoWord, li.line_span(n).start, li.line_span(n).start + 4)
        for n in (3, 400, 7000)
    ]
    point = _diag("big.txt", text, li, DemoWord, li.line_span(8000).end, li.line_span(8000).end)
    return Doc("big.txt", text, [dup, punct, *words, point])


def small_document() -> Doc:
    text = "另一个文件\n这里有一个词语问题。\n"
    li = LineIndex(text)
    return Doc("docs/另一个.txt", text, [_diag("docs/另一个.txt", text, li, DemoWord, 11, 13)])


def write_report(path: Path, docs: list[Doc], lang: str = "zh") -> str:
    out = io.StringIO()
    rep = HtmlReporter(out, registry=demo_registry(), lang=lang)
    for d in docs:
        rep.file(d.path, d.text, d.diags)
    rep.file("clean.txt", "干净的文件。\n", [])
    rep.finish(files=len(docs) + 1, errors=["broken.txt: cannot decode"])
    html = out.getvalue()
    path.write_text(html, "utf-8")
    return html


# ---- without a browser ---------------------------------------------------------------------------


def test_page_is_self_contained_and_data_cannot_break_out(tmp_path: Path) -> None:
    evil = "正文</script><script>window.pwned=1</script><!-- 注释 -->\n"
    li = LineIndex(evil)
    d = _diag("evil.txt", evil, li, DemoWord, 0, 2)
    html = write_report(tmp_path / "r.html", [Doc("evil.txt", evil, [d])])
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert '<meta charset="utf-8">' in html
    # nothing fetched: no src/href attributes, no stylesheet links, no url(), no imports
    assert not re.search(r"\b(src|href)\s*=", html)
    assert "<link" not in html and "url(" not in html and "@import" not in html
    assert "http://" not in html and "https://" not in html
    # every </script> closes one of our own script elements
    assert html.count("</script>") == html.count("<script")
    assert "window.pwned" in html  # the text is there, escaped inside JSON
    assert "<!--" not in html


def test_script_json_and_utf16_offsets() -> None:
    assert json.loads(script_json("a</b><!--c")) == "a</b><!--c"
    assert "<" not in script_json({"k": "</script>"})
    u = Utf16("𠀀甲𠀁乙")
    assert [u(i) for i in range(5)] == [0, 2, 3, 5, 6]
    assert Utf16("甲乙")(2) == 2


def test_cli_html_streams_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dup.txt").write_text(DUP, "utf-8")
    (tmp_path / "ok.txt").write_text("今天天气很好。\n", "utf-8")
    r = run_cli("check", "--select", "D101", "--format", "html", ".")
    assert r.code == 1, r
    html = r.stdout
    assert html.rstrip().endswith("</html>")
    files = [
        json.loads(m)
        for m in re.findall(r'<script type="application/json" class="wl-file">(.*?)</script>', html)
    ]
    assert sorted(f["path"] for f in files) == ["dup.txt", "ok.txt"]
    dup = next(f for f in files if f["path"] == "dup.txt")
    assert [(d["k"], d["l"], d["v"]) for d in dup["d"]] == [("D101", 5, "error")]
    assert next(f for f in files if f["path"] == "ok.txt")["t"] is None  # clean: no text stored
    meta = json.loads(re.search(r'id="wl-meta">(.*?)</script>', html).group(1))  # type: ignore[union-attr]
    assert meta["rules"]["D101"]["bad"] and meta["rules"]["D101"]["good"]
    assert meta["files"] == 2


# ---- in Chromium --------------------------------------------------------------------------------


def _chromium() -> str | None:
    for c in (os.environ.get("WENLINT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if c and Path(c).exists():
            return c
    return None


def _missing(reason: str) -> NoReturn:
    """Skip on a developer's machine; in CI (CI=true) the browser test must really run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must exercise the HTML report in a browser: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed (pip install playwright)")
    exe = _chromium()
    if exe is None:
        _missing("chromium is not installed (apt-get install chromium; or set WENLINT_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = ctx.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("request", lambda r: r.url.startswith("file:") or pg.problems.append(f"fetch {r.url}"))
    yield pg
    ctx.close()


def _open(page: Any, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]", timeout=30_000)


def _visible_in_doc(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => {
                const el = document.querySelector(sel), pane = document.querySelector('#doc');
                if (!el) return false;
                const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
                return r.top >= p.top && r.bottom <= p.bottom && r.height > 0;
            }""",
            selector,
        )
    )


def _list_codes(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "#findings li[data-id] .code", "els => els.map(e => e.textContent)"
        )
    )


@pytest.mark.slow
def test_report_in_chromium_click_scroll_filters(page: Any, tmp_path: Path) -> None:
    big, small = big_document(), small_document()
    report = tmp_path / "report.html"
    write_report(report, [big, small])
    _open(page, report)

    # one document shown at a time, a line per element, in chunks; only findings are marked
    assert page.locator("#doc .ln").count() == 10_001  # the text ends with a line break
    assert page.locator("#doc .chunk").count() == 51
    assert page.evaluate("document.querySelectorAll('#doc *').length") < 10_200
    assert page.locator("#doc mark").count() == 6  # 5 ranges + 1 insertion point
    assert page.text_content("#doc-title") == "big.txt"
    assert "共 7 处问题" in page.text_content("#summary")
    assert _list_codes(page) == ["TW901", "TW901", "TP902", "TW901", "TW901", "D101"]
    # the overview: a bar per rule, the rule explanations
    assert page.locator("#chart .bar").count() == 3
    assert page.locator("#info details.rule").count() == 3

    # click the duplicate at line 9000: the document scrolls to it, the rule is explained
    assert page.evaluate("document.querySelector('#doc').scrollTop") == 0
    page.click('#findings li:has(.code:text-is("D101"))')
    top = page.evaluate("document.querySelector('#doc').scrollTop")
    assert top > 100_000, top
    sel = f'#doc mark.cur[data-f~="{_id(page, "D101")}"]'
    assert _visible_in_doc(page, sel)
    assert page.text_content(sel) == big.text.splitlines()[8999]
    assert page.locator("#findings li.cur .code").text_content() == "D101"
    assert page.locator("#info .detail .sev.error").count() == 1
    assert page.locator("#info pre.ex.bad").count() >= 1
    assert page.locator("#info pre.ex.good").count() >= 1
    assert "删去重复的 1 段" in page.text_content("#info .detail")
    page.screenshot(path=str(tmp_path / "report-d101.png"))

    # the related location (first occurrence, line 20) scrolls back up and is flashed
    page.click("#related li")
    assert page.evaluate("document.querySelector('#doc').scrollTop") < top
    assert _visible_in_doc(page, '#doc .ln[data-n="20"].flash')

    # an astral character before the finding does not shift the highlight
    page.click('#findings li:has(.code:text-is("TP902"))')
    assert page.text_content(f'#doc mark.cur[data-f~="{_id(page, "TP902")}"]') == ","
    assert _visible_in_doc(page, "#doc mark.cur")
    assert "，" in page.text_content("#info .edit ins")

    # filters: severity, family, rule (chart click isolates a rule; a second click restores)
    page.uncheck('input[data-kind="sev"][value="error"]')
    assert "D101" not in _list_codes(page)
    assert page.locator("#doc mark.s3").count() == 0
    page.check('input[data-kind="sev"][value="error"]')
    page.uncheck('input[data-kind="fam"][value="TW"]')
    assert _list_codes(page) == ["TP902", "D101"]
    assert page.locator("#doc mark").count() == 2
    page.click("#btn-overview")
    page.check('input[data-kind="fam"][value="TW"]')
    page.click('#chart a[data-rule="TP902"]')
    assert _list_codes(page) == ["TP902"]
    assert page.is_checked('input[data-kind="rule"][value="TP902"]')
    assert not page.is_checked('input[data-kind="rule"][value="D101"]')
    page.click('#chart a[data-rule="TP902"]')
    assert len(_list_codes(page)) == 6

    # keyboard: j goes to the next finding, across files
    page.click('#findings li:has(.code:text-is("D101"))')
    page.keyboard.press("j")
    assert page.text_content("#doc-title") == "docs/另一个.txt"
    assert page.text_content("#doc mark.cur") == "词语"
    # the file list switches documents; a clean file shows as clean
    assert page.locator("#files li").count() == 3
    page.click('#files li:has-text("clean.txt")')
    assert page.text_content("#doc .empty") == "此文件未发现问题"
    page.click('#files li:has-text("big.txt")')
    assert page.locator("#doc .ln").count() == 10_001
    assert "broken.txt" in page.text_content("#side")

    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert page.problems == []


def _id(page: Any, code: str) -> int:
    return int(page.get_attribute(f'#findings li:has(.code:text-is("{code}"))', "data-id"))


@pytest.mark.slow
def test_seed_report_in_chromium(
    page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    r = run_cli("check", "seeds/", "--format", "html")
    assert r.code == 1
    report = tmp_path / "seed.html"
    report.write_text(r.stdout, "utf-8")
    _open(page, report)
    assert page.text_content("#doc-title") == "seeds/shuozhou-cppcc-2024-report.txt"
    # the text is the seed's, line for line, Chinese intact
    shown = page.eval_on_selector_all("#doc .ln", "els => els.map(e => e.textContent)")
    seed_lines = SEED.read_text("utf-8").splitlines()
    assert shown[: len(seed_lines)] == seed_lines
    items = page.locator("#findings li[data-id]")
    n = items.count()
    assert n >= 1
    page.screenshot(path=str(tmp_path / "seed-overview.png"))
    last = items.nth(n - 1)
    line = int(last.locator(".loc").text_content().split(":")[0])
    last.click()
    assert page.evaluate("document.querySelector('#doc').scrollTop") > 0
    assert _visible_in_doc(page, "#doc mark.cur")
    cur_line = page.evaluate("document.querySelector('#doc mark.cur').closest('.ln').dataset.n")
    assert int(cur_line) == line
    assert page.locator("#info details.rule[open]").count() == 1
    page.screenshot(path=str(tmp_path / "seed-report.png"))
    assert (tmp_path / "seed-report.png").stat().st_size > 10_000
    assert page.problems == []
