"""``wenlint server`` end to end: a real LSP client (pytest-lsp) talks over stdio to the real
server process. Documents, configs and rules are the project's own: fixture texts of
tests/rules/, a raising rule and a fixable test rule registered in the server process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest_lsp = pytest.importorskip(
    "pytest_lsp", reason="the LSP tests need the extras: pip install -e '.[dev,lsp]'"
)
lsp = pytest.importorskip("lsprotocol.types", reason="needs lsprotocol (the lsp extra)")
pytest.importorskip("pygls", reason="needs pygls (the lsp extra)")

from pygls.uris import from_fs_path  # noqa: E402

from wenlint.lsp.text import OpenText  # noqa: E402
from wenlint.report.sarif import docs_base, docs_dir  # noqa: E402
from wenlint.rule import Rule, Severity, T  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

HERE = Path(__file__).parent
FIXTURES = HERE / "rules"
SERVER = [sys.executable, "-m", "wenlint", "server"]
TIMEOUT = float(os.environ.get("WENLINT_LSP_TEST_TIMEOUT", "30"))


class Raising(Rule):
    """Fails on every document (to see the server turn it into E001)."""

    code = "XT901"
    name = "raising-test"
    severity = Severity.WARNING
    summary = T(zh="测试规则", en="test rule")
    rationale = T(zh="测试", en="test")
    messages = {"m": T(zh="不会报告", en="never reported")}

    def check(self, doc, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom in a test rule")


def serve_with_test_rules() -> None:
    """The server, with XT101 (doubled 的, safe fix) and XT901 (raises) registered."""
    import wenlint.registry
    from wenlint.cli import main

    sys.path.insert(0, str(HERE))
    from fake_rules import DoubledDe

    real = wenlint.registry.load_registry

    def load() -> wenlint.registry.Registry:
        reg = real()
        reg.add(DoubledDe, "tests")
        reg.add(Raising, "tests")
        return reg

    wenlint.registry.load_registry = load
    main(["server"])


WITH_TEST_RULES = [
    sys.executable,
    "-c",
    f"import sys; sys.path.insert(0, {str(HERE)!r}); import test_lsp; "
    "test_lsp.serve_with_test_rules()",
]


def capabilities(encodings: list[str] | None = None) -> Any:
    caps = pytest_lsp.client_capabilities("visual-studio-code")
    if encodings is not None:
        caps.general = lsp.GeneralClientCapabilities(position_encodings=encodings)
    return caps


def make_client() -> Any:
    """pytest-lsp's test client that also keeps every publishDiagnostics in order (with its
    version), so a test can wait for one that came before it asked."""
    from pygls.protocol import default_converter
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

    client: Any = LanguageClient(converter_factory=default_converter)  # attributes added here
    client.published = []

    def on_publish(ls: Any, params: Any) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)
        ls.arrived.set()

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish
    register_lsp_features(client, features)
    return client


@contextlib.asynccontextmanager
async def session(
    root: Path,
    *,
    command: list[str] = SERVER,
    encodings: list[str] | None = None,
    locale: str | None = "zh-cn",
    options: dict[str, Any] | None = None,
) -> AsyncIterator[Any]:
    config = pytest_lsp.ClientServerConfig(server_command=command, client_factory=make_client)
    client = await config.start()
    client.arrived = asyncio.Event()
    try:
        result = await client.initialize_session(
            lsp.InitializeParams(
                capabilities=capabilities(encodings),
                root_uri=from_fs_path(str(root)),
                locale=locale,
                initialization_options=options,
            )
        )
        client.init_result = result
        yield client
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        assert client._server.returncode == 0  # shutdown then exit: a clean end
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()  # a failed test: do not wait for a clean end that won't come
        await client.stop()


async def published(client: Any, uri: str, version: int | None = None) -> list[Any]:
    """The first diagnostics published for ``uri`` (of ``version`` when given) not yet taken
    by an earlier call; waits for them."""

    async def wait() -> list[Any]:
        while True:
            for i, params in enumerate(client.published):
                if params.uri == uri and (version is None or params.version == version):
                    # taken, with the older ones of the same document
                    client.published[: i + 1] = [p for p in client.published[:i] if p.uri != uri]
                    return list(params.diagnostics)
            client.arrived.clear()
            await client.arrived.wait()

    return await asyncio.wait_for(wait(), TIMEOUT)


def open_doc(client: Any, path: Path, text: str, version: int = 1) -> str:
    uri = from_fs_path(str(path))
    language = "markdown" if path.suffix == ".md" else "plaintext"
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


def change(client: Any, uri: str, version: int, *changes: Any) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=list(changes),
        )
    )


def cli_findings(path: Path, text: str, cwd: Path) -> list[tuple[str, int, int, int, int]]:
    """(code, line, column, end line, end column) of ``wenlint check`` on ``text`` saved as
    ``path`` (1-based, code points)."""
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [*SERVER[:-1], "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return [
        (d["code"], d["line"], d["column"], d["end_line"], d["end_column"])
        for d in json.loads(out.stdout)["diagnostics"]
    ]


def as_points(diags: list[Any], text: str, encoding: str = "utf-16") -> list[tuple[Any, ...]]:
    """LSP diagnostics as (code, line, column, end line, end column), 1-based code points, the
    positions read back from ``encoding`` code units."""
    held = OpenText(text)
    out = []
    for d in diags:
        a = held.offset_at(d.range.start.line, d.range.start.character, encoding)
        b = held.offset_at(d.range.end.line, d.range.end.character, encoding)
        sl, sc, el, ec = held.lines.position(a, b)
        out.append((d.code, sl, sc, el, ec))
    return sorted(out)


def apply_edit(text: str, edit: Any, uri: str, encoding: str = "utf-16") -> str:
    """``text`` after a WorkspaceEdit (all edits against the text before any of them)."""
    if edit.document_changes:
        (doc_edit,) = [c for c in edit.document_changes if c.text_document.uri == uri]
        edits = doc_edit.edits
    else:
        edits = edit.changes[uri]
    held = OpenText(text)
    spans = []
    for e in edits:
        a = held.offset_at(e.range.start.line, e.range.start.character, encoding)
        b = held.offset_at(e.range.end.line, e.range.end.character, encoding)
        spans.append((a, b, e.new_text))
    for a, b, t in sorted(spans, reverse=True):
        text = text[:a] + t + text[b:]
    return text


def fixture_text(name: str, file: str = "bad.txt") -> str:
    (folder,) = FIXTURES.glob(f"{name}-*")
    return (folder / file).read_text("utf-8")


# -- tests -------------------------------------------------------------------------------------


async def test_without_the_extra_one_line_and_exit_2() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
        "from wenlint.cli import main; main(['server'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        "wenlint: error: wenlint server needs the lsp extra: pip install 'wenlint[lsp]'"
    ]


async def test_open_change_close_and_the_same_findings_as_check(tmp_path: Path) -> None:
    text = fixture_text("W201") + "\n" + fixture_text("P401")
    path = tmp_path / "doc.txt"
    expected = cli_findings(tmp_path / "saved.txt", text, tmp_path)
    assert len(expected) > 10
    async with session(tmp_path) as client:
        assert client.init_result.capabilities.position_encoding == "utf-16"
        uri = open_doc(client, path, text)
        diags = await published(client, uri, 1)
        assert as_points(diags, text) == sorted(expected)
        d = diags[0]
        assert d.source == "wenlint"
        assert d.severity == lsp.DiagnosticSeverity.Warning
        # a built-in rule links the page SARIF's helpUri names (rules/docs/CODE.md)
        assert d.code_description.href == f"{docs_base()}{d.code}.md"
        assert d.code_description.href == (docs_dir() / f"{d.code}.md").as_uri()

        # incremental: replace the first line with a clean one
        first = text.split("\n", 1)[0]
        clean = "各位委员：这是一段没有问题的文字。"
        change(
            client,
            uri,
            2,
            lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, len(first))), text=clean
            ),
        )
        text2 = clean + text[len(first) :]
        diags2 = await published(client, uri, 2)
        assert as_points(diags2, text2) == sorted(
            cli_findings(tmp_path / "s2.txt", text2, tmp_path)
        )
        assert len(diags2) < len(diags)

        # full sync: the whole text at once
        change(
            client, uri, 3, lsp.TextDocumentContentChangeWholeDocument(text="我们的目标,明确。\n")
        )
        diags3 = await published(client, uri, 3)
        assert [(d.code, d.range.start.character) for d in diags3] == [("P401", 5)]

        client.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
        assert await published(client, uri) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
async def test_astral_characters_do_not_shift_positions(tmp_path: Path, encoding: str) -> None:
    # an emoji and an Ext-B ideograph (𠮷, two UTF-16 units, four UTF-8 bytes) before a finding
    text = "😀𠮷我们的目标是,提高质量。\n第二行😀也是,这样。\n"
    offered = None if encoding == "utf-16" else [encoding, "utf-16"]
    async with session(tmp_path, encodings=offered) as client:
        assert client.init_result.capabilities.position_encoding == encoding
        uri = open_doc(client, tmp_path / "a.txt", text)
        diags = await published(client, uri, 1)
        starts = [(d.range.start.line, d.range.start.character) for d in diags]
        units = {"utf-16": (2, 2), "utf-8": (4, 4), "utf-32": (1, 1)}[encoding]
        # the comma after 😀𠮷我们的目标是 (2 astral + 6 BMP), after 第二行😀也是 (1 astral + 5)
        first = units[0] + units[1] + 6 * (3 if encoding == "utf-8" else 1)
        second = units[0] + 5 * (3 if encoding == "utf-8" else 1)
        assert starts == [(0, first), (1, second)]
        assert as_points(diags, text, encoding) == sorted(
            cli_findings(tmp_path / "b.txt", text, tmp_path)
        )

        # an incremental edit positioned after the astral characters lands where it should
        change(
            client,
            uri,
            2,
            lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(0, first), lsp.Position(0, first + 1)), text="，"
            ),
        )
        diags2 = await published(client, uri, 2)
        assert [(d.range.start.line, d.range.start.character) for d in diags2] == [(1, second)]


async def test_code_actions_applied_to_the_text(tmp_path: Path) -> None:
    text = fixture_text("W201")
    async with session(tmp_path) as client:
        uri = open_doc(client, tmp_path / "w.txt", text)
        diags = await published(client, uri, 1)
        by_line = {d.range.start.line: d for d in diags}
        safe, unsafe = by_line[0], by_line[6]

        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=safe.range,
                context=lsp.CodeActionContext(diagnostics=[safe]),
            )
        )
        titles = [a.title for a in actions]
        fix = next(a for a in actions if a.title.startswith("修复 W201"))
        assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
        assert "需人工确认" not in fix.title
        fixed = apply_edit(text, fix.edit, uri)
        assert (
            fixed.split("\n")[0]
            == "围绕“加强基层医疗卫生人才队伍建设”开展对口协商，提出4方面13条建议。"
        )
        assert any(t.startswith("在此行停用 W201") for t in titles)
        assert "wenlint：修复本文件的全部安全问题" in titles

        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=unsafe.range,
                context=lsp.CodeActionContext(diagnostics=[unsafe]),
            )
        )
        fix = next(a for a in actions if a.title.startswith("修复 W201"))
        assert "需人工确认" in fix.title and not fix.is_preferred

        # suppress on this line: the comment goes above the line, the finding goes away and
        # nothing else changes
        suppress = next(a for a in actions if a.title.startswith("在此行停用"))
        suppressed = apply_edit(text, suppress.edit, uri)
        line = text.split("\n")[6]
        assert f"<!-- wenlint-disable-next-line W201 -->\n{line}" in suppressed
        after = cli_findings(tmp_path / "s.txt", suppressed, tmp_path)
        before = cli_findings(tmp_path / "t.txt", text, tmp_path)
        assert len(after) == len(before) - 1 and not [f for f in after if f[1] == 8]

        # fix all: every safe fix, as wenlint check --fix
        only = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
            )
        )
        assert [a.kind for a in only] == ["source.fixAll.wenlint"]
        all_fixed = apply_edit(text, only[0].edit, uri)
        cli = tmp_path / "fix.txt"
        cli.write_text(text, encoding="utf-8")
        subprocess.run([*SERVER[:-1], "check", "--fix", str(cli)], cwd=tmp_path, check=False)
        assert all_fixed == cli.read_text("utf-8") != text


async def test_suppression_in_markdown_and_next_to_an_existing_comment(tmp_path: Path) -> None:
    text = "# 标题\n\n- 我们的目标,明确。\n\n<!-- wenlint-disable-next-line W201 -->\n这是,一段。\n"
    async with session(tmp_path) as client:
        uri = open_doc(client, tmp_path / "m.md", text)
        diags = await published(client, uri, 1)
        assert [(d.code, d.range.start.line) for d in diags] == [("P401", 2), ("P401", 5)]
        out = []
        for d in diags:
            actions = await client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    range=d.range,
                    context=lsp.CodeActionContext(diagnostics=[d], only=["quickfix"]),
                )
            )
            (suppress,) = [a for a in actions if "停用" in a.title]
            out.append(apply_edit(text, suppress.edit, uri))
        assert "<!-- wenlint-disable-next-line P401 -->\n- 我们的目标" in out[0]
        assert "<!-- wenlint-disable-next-line W201 P401 -->\n这是" in out[1]
        for t in out:
            assert len(cli_findings(tmp_path / "x.md", t, tmp_path)) == 1


@pytest.mark.parametrize(("locale", "heading"), [("zh-cn", "## 为什么"), ("en-US", "## Why")])
async def test_hover_explains_the_rule_in_the_clients_language(
    tmp_path: Path, locale: str, heading: str
) -> None:
    text = "我们的目标是,提高质量。\n"
    async with session(tmp_path, locale=locale) as client:
        uri = open_doc(client, tmp_path / "h.txt", text)
        (d,) = await published(client, uri, 1)
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=d.range.start
            )
        )
        assert hover.contents.kind == lsp.MarkupKind.Markdown
        assert "P401" in hover.contents.value and heading in hover.contents.value
        assert d.message in hover.contents.value
        assert hover.range == d.range
        nothing = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 1)
            )
        )
        assert nothing is None


async def test_broken_config_is_one_message_then_reloaded(tmp_path: Path) -> None:
    config = tmp_path / "wenlint.toml"
    config.write_text('select = ["P"]\nunknown-key = 1\n', encoding="utf-8")
    text = fixture_text("W201") + "\n我们的目标是,提高质量。\n"
    async with session(tmp_path) as client:
        a = open_doc(client, tmp_path / "a.txt", text)
        b = open_doc(client, tmp_path / "b.txt", text)
        assert await published(client, a, 1) == []
        assert await published(client, b, 1) == []
        errors = [m for m in client.messages if m.type == lsp.MessageType.Error]
        assert len(errors) == 1 and "wenlint.toml" in errors[0].message

        # repaired on disk: the open documents are linted again with it
        config.write_text('select = ["P"]\n', encoding="utf-8")
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                changes=[
                    lsp.FileEvent(uri=from_fs_path(str(config)), type=lsp.FileChangeType.Changed)
                ]
            )
        )
        diags = await published(client, a, 1)
        assert [d.code for d in diags] == ["P401"]  # W201 not selected: the config is in force
        assert len(client.messages) == 1


async def test_a_raising_rule_is_an_E001_finding_and_the_server_goes_on(tmp_path: Path) -> None:
    text = "我的的书,很好。\n"
    async with session(tmp_path, command=WITH_TEST_RULES) as client:
        uri = open_doc(client, tmp_path / "r.txt", text)
        diags = await published(client, uri, 1)
        codes = sorted(d.code for d in diags)
        assert codes == ["E001", "P401", "XT101"]
        (e001,) = [d for d in diags if d.code == "E001"]
        assert "XT901" in e001.message and "boom in a test rule" in e001.message
        assert e001.severity == lsp.DiagnosticSeverity.Error
        # a plugin rule has no shipped page: its explain text is written as one
        hrefs = {d.code: d.code_description.href for d in diags}
        assert hrefs["E001"] == f"{docs_base()}E001.md"
        page = Path(hrefs["XT101"].removeprefix("file://"))
        assert page.name == "XT101.md" and page.parent.parent != docs_dir()
        assert page.read_text("utf-8").startswith("# ") and "XT101" in page.read_text("utf-8")
        # the server is alive and goes on linting
        change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text="好。\n"))
        assert [d.code for d in await published(client, uri, 2)] == ["E001"]


async def test_a_big_file_does_not_block_and_superseded_runs_stop(tmp_path: Path) -> None:
    # the 46 published documents of the official corpus as one text (~330,000 characters)
    docs = sorted((HERE / "official_corpus").rglob("*.txt"))
    big = "\n\n".join(p.read_text("utf-8") for p in docs)
    assert len(big) > 300_000
    async with session(tmp_path, options={"debounce": 0}) as client:
        huge = open_doc(client, tmp_path / "big.txt", big)
        for v in range(2, 6):  # edits while it is being linted
            change(client, huge, v, lsp.TextDocumentContentChangeWholeDocument(text=big + "。" * v))
        small = open_doc(client, tmp_path / "small.txt", "我们的目标是,提高质量。\n")
        hover = await asyncio.wait_for(
            client.text_document_hover_async(
                lsp.HoverParams(
                    text_document=lsp.TextDocumentIdentifier(uri=small), position=lsp.Position(0, 6)
                )
            ),
            TIMEOUT,
        )
        assert hover is not None and "P401" in hover.contents.value
        final = await published(client, huge, 5)
        final_text = big + "。" * 5
        assert as_points(final, final_text) == sorted(
            cli_findings(tmp_path / "saved.txt", final_text, tmp_path)
        )
        versions = [
            m.message
            for m in client.log_messages
            if "superseded" in m.message and "big.txt" in m.message
        ]
        assert versions, "no superseded run was stopped"
