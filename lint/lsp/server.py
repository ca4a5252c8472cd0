"""``wenlint server``: the language server (stdio), on pygls 2 and lsprotocol.

- Diagnostics when a document opens, changes (full or incremental sync; a change after a pause
  is linted at once, the changes of a burst together ``debounce`` later) and is saved;
  positions in the encoding the client negotiated (UTF-16 unless it offers UTF-8 or UTF-32).
- Code actions: each fix of a finding (unsafe ones labelled 需人工确认), every safe fix of the
  file (``source.fixAll.wenlint``), and a suppression comment for the finding's line.
- Hover: the rule's explanation in the client's language (zh or en).
- Each file is linted with the config ``wenlint check`` finds for it (``wenlint.lsp.engine``);
  a config that changes on disk is read again and the open documents linted again; a config
  that does not load is one ``window/showMessage``.
- Linting runs in one worker thread, off the message loop; a run whose text has been
  superseded stops at the next rule.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from wenlint import __version__
from wenlint.config import CONFIG_NAMES, ConfigError
from wenlint.diagnostic import Diagnostic, Fix
from wenlint.lsp.engine import Cancelled, Engine
from wenlint.lsp.text import UTF16, Change, OpenText, minimal_edit
from wenlint.registry import load_registry
from wenlint.report.visible import visible
from wenlint.rule import Rule, Severity

FIX_ALL = "source.fixAll.wenlint"
DEBOUNCE = 0.03  # seconds: a change this soon after the one before waits so long (a burst)
BIG = 200_000  # characters: a text this long is linted in a worker of its own

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}

_WORDS = {
    "zh": {
        "replace": "将“{a}”改为“{b}”",
        "delete": "删除“{a}”",
        "insert": "插入“{b}”",
        "edits": "{n} 处修改",
        "fix": "修复 {code}：{what}",
        "unsafe": "（需人工确认）",
        "suppress": "在此行停用 {code}（插入抑制注释）",
        "fix_all": "wenlint：修复本文件的全部安全问题",
        "config": "wenlint：配置无效，使用该配置的文件暂不检查：{error}",
    },
    "en": {
        "replace": "replace “{a}” with “{b}”",
        "delete": "delete “{a}”",
        "insert": "insert “{b}”",
        "edits": "{n} edits",
        "fix": "Fix {code}: {what}",
        "unsafe": " (needs review: 需人工确认)",
        "suppress": "Suppress {code} on this line (insert a suppression comment)",
        "fix_all": "wenlint: fix every safe finding in this file",
        "config": "wenlint: invalid config, files under it are not linted: {error}",
    },
}

_NEXT_LINE_RE = re.compile(r"^([ \t]*)<!--\s*wenlint-disable-next-line\b([^>]*?)\s*-->[ \t]*$")


@dataclass
class Linted:
    """The findings of one version of a document, with the text they refer to."""

    version: int | None
    text: OpenText
    diagnostics: list[Diagnostic]
    lsp: list[lsp.Diagnostic]


class WenlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "wenlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental
        )
        self.engine = Engine(load_registry())
        self.docs: dict[str, OpenText] = {}
        self.linted: dict[str, Linted] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.changed: dict[str, float] = {}  # when each document was last scheduled
        self.tasks: set[asyncio.Future[Linted | None]] = set()
        self.encoding = UTF16
        self.locale: str | None = None  # "zh" or "en" when the client said
        self.debounce = DEBOUNCE
        self.closing = False
        self.exit_code = 1  # the input ended without shutdown and exit
        self.shown: set[str] = set()  # config errors already shown
        self.warned = 0  # the engine's warnings (unsafe configs ignored) already shown
        self.docs_folder: Path | None = None
        self.written_docs: dict[tuple[str, str], str] = {}
        # one worker thread: runs never compete for the interpreter, a new one waits for the
        # superseded one to stop at its next rule
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wenlint-lint")
        self.big_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wenlint-big")

    # -- helpers ---------------------------------------------------------------------------------
    def lang_for(self, path: Path) -> str:
        if self.locale:
            return self.locale
        try:
            return self.engine.setup_for(path).config.lang
        except ConfigError:
            return "zh"

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Log) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def caps(self, *names: str) -> Any:
        """A client capability by its path (``text_document.publish_diagnostics``), or None."""
        at: Any = self.client_capabilities
        for n in names:
            at = getattr(at, n, None) if at is not None else None
        return at

    # -- linting ---------------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint ``uri`` soon: at once after a pause in its changes (the first keystroke is
        linted straight away), ``debounce`` later within a burst (the changes that come
        meanwhile are linted with it)."""
        if self.closing:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        last, self.changed[uri] = self.changed.get(uri), now
        if uri in self.timers:
            return
        if delay is None:
            delay = 0.0 if last is None or now - last > self.debounce else self.debounce
        self.timers[uri] = loop.call_later(delay, self._start, uri)

    def _start(self, uri: str) -> None:
        self.timers.pop(uri, None)
        task = asyncio.ensure_future(self.lint(uri))
        self.tasks.add(task)  # held until done (the loop keeps only weak references)
        task.add_done_callback(self.tasks.discard)

    async def lint(self, uri: str) -> Linted | None:
        """Lint the current text of ``uri`` in the worker thread and publish the findings
        (unless the text changed meanwhile: its own run will publish)."""
        doc = self.docs.get(uri)
        path = _path(uri)
        if doc is None or path is None or self.closing:
            return None
        version, text = doc.version, doc

        def stale() -> bool:
            return self.closing or self.docs.get(uri) is not doc or doc.version != version

        snapshot = OpenText(text.text, version)
        lang = self.lang_for(path)
        try:
            done = await asyncio.get_running_loop().run_in_executor(
                self.pool_for(snapshot.text), self._lint_text, uri, path, snapshot, lang, stale
            )
        except Cancelled:
            self.log(f"wenlint: lint of {path.name} (version {version}) superseded, stopped")
            return None
        except ConfigError as exc:
            self.config_error(exc)
            self.publish(uri, version, [])
            return None
        except RuntimeError:  # the pool is shut down: the server is closing
            return None
        finally:
            self.config_warnings()  # discovery for the document's folder ran in the worker
        if stale():
            return None
        self.linted[uri] = done
        self.publish(uri, version, done.lsp)
        return done

    def pool_for(self, text: str) -> ThreadPoolExecutor:
        """The worker of a text: a big one has its own, so small documents are not kept
        waiting behind it."""
        return self.big_pool if len(text) > BIG else self.pool

    def _lint_text(self, uri: str, path: Path, text: OpenText, lang: str, stale: Any) -> Linted:
        """(In a worker thread.) The findings and their LSP form."""
        setup = self.engine.setup_for(path)
        diags = self.engine.lint(path, text.text, stale) if self.engine.wanted(path, setup) else []
        converted = [self.to_lsp(uri, text, d, lang) for d in diags]
        return Linted(text.version, text, diags, converted)

    def publish(self, uri: str, version: int | None, diags: list[lsp.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version)
        )

    def config_warnings(self) -> None:
        """A config ignored as unsafe (planted in a folder others can write): one
        ``window/showMessage`` warning each, once, in the words ``wenlint check`` prints."""
        warnings = self.engine.warnings
        for line in warnings[self.warned :]:
            self.window_show_message(
                lsp.ShowMessageParams(
                    type=lsp.MessageType.Warning, message=f"wenlint: warning: {visible(line)}"
                )
            )
        self.warned = len(warnings)

    def config_error(self, exc: ConfigError) -> None:
        message = str(exc)
        if message in self.shown:
            return
        self.shown.add(message)
        lang = self.locale or "zh"
        self.window_show_message(
            lsp.ShowMessageParams(
                type=lsp.MessageType.Error, message=_WORDS[lang]["config"].format(error=message)
            )
        )

    async def current(self, uri: str) -> Linted | None:
        """The findings of the document's current version (linted now if they are older)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        got = self.linted.get(uri)
        if got is not None and got.version == doc.version and got.text.text == doc.text:
            return got
        return await self.lint(uri)

    def relint_all(self) -> None:
        self.shown.clear()
        for uri in list(self.docs):
            self.schedule(uri, 0)

    # -- conversion ------------------------------------------------------------------------------
    def range_of(self, text: OpenText, start: int, end: int) -> lsp.Range:
        sl, sc, el, ec = text.range_at(start, end, self.encoding)
        return lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec))

    def to_lsp(self, uri: str, text: OpenText, d: Diagnostic, lang: str) -> lsp.Diagnostic:
        out = lsp.Diagnostic(
            range=self.range_of(text, d.span.start, d.span.end),
            message=d.message.get(lang),
            severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            source="wenlint",
        )
        if self.caps("text_document", "publish_diagnostics", "code_description_support"):
            href = self.doc_uri(uri, d.code, lang)
            if href:
                out.code_description = lsp.CodeDescription(href=href)
        if d.related and self.caps("text_document", "publish_diagnostics", "related_information"):
            out.related_information = [self.related(uri, text, r, lang) for r in d.related]
        return out

    def related(
        self, uri: str, text: OpenText, r: Any, lang: str
    ) -> lsp.DiagnosticRelatedInformation:
        if r.path is None:
            where = lsp.Location(uri, self.range_of(text, r.span.start, r.span.end))
        else:
            other = from_fs_path(str(Path(r.path).resolve())) or uri
            held = self.docs.get(other)
            if held is not None:
                rng = self.range_of(held, r.span.start, r.span.end)
            else:  # a file not open here: its line and column in code points
                line, col, end_line, end_col = r.position or (1, 1, 1, 1)
                rng = lsp.Range(
                    lsp.Position(line - 1, col - 1), lsp.Position(end_line - 1, end_col - 1)
                )
            where = lsp.Location(other, rng)
        return lsp.DiagnosticRelatedInformation(location=where, message=r.note.get(lang))

    def doc_uri(self, uri: str, code: str, lang: str) -> str | None:
        """The rule's page: for a built-in or engine rule the page SARIF's ``helpUri`` names too
        (``rules/docs/CODE.md``, on the web when wenlint came from a git host or
        ``$WENLINT_DOCS_URL`` says where); for a plugin or house-style rule, ``wenlint explain
        CODE`` written as a file on first use."""
        from wenlint.report.sarif import docs_base, docs_dir
        from wenlint.ruledocs import rule_doc_name, write_rule_doc

        key = (code, lang)
        if key in self.written_docs:
            return self.written_docs[key] or None
        href = ""
        if (docs_dir() / rule_doc_name(code)).is_file():
            href = docs_base() + quote(rule_doc_name(code))
        else:
            path = _path(uri)
            rule = self.engine.rule(path, code) if path else None
            if rule is not None and self.docs_folder is not None:
                try:
                    href = write_rule_doc(rule, lang, self.docs_folder).as_uri()
                except OSError:
                    href = ""
        self.written_docs[key] = href
        return href or None

    # -- code actions ----------------------------------------------------------------------------
    def edit_for(
        self, uri: str, linted: Linted, edits: Sequence[tuple[int, int, str]]
    ) -> lsp.WorkspaceEdit:
        text_edits = [
            lsp.TextEdit(range=self.range_of(linted.text, a, b), new_text=t) for a, b, t in edits
        ]
        if self.caps("workspace", "workspace_edit", "document_changes"):
            ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
            return lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=list(text_edits))]
            )
        return lsp.WorkspaceEdit(changes={uri: list(text_edits)})

    def fix_title(self, d: Diagnostic, fix: Fix, text: str, lang: str) -> str:
        w = _WORDS[lang]
        if len(fix.edits) == 1:
            e = fix.edits[0]
            a, b = _short(text[e.start : e.end]), _short(e.text)
            what = (
                w["insert"].format(b=b)
                if e.start == e.end
                else w["delete"].format(a=a)
                if not e.text
                else w["replace"].format(a=a, b=b)
            )
        else:
            what = w["edits"].format(n=len(fix.edits))
        title = w["fix"].format(code=d.code, what=what)
        return title if fix.safe else title + w["unsafe"]

    def suppression(self, linted: Linted, d: Diagnostic) -> tuple[int, int, str]:
        """The edit that suppresses ``d`` on its line: a ``wenlint-disable-next-line`` comment
        on the line before it (the code added to one that is already there)."""
        text = linted.text
        starts = text.lines.starts
        line = text.position_at(d.span.start, "utf-32")[0]
        begin = starts[line]
        if line > 0:
            prev_begin = starts[line - 1]
            prev = text.text[prev_begin:begin].rstrip("\r\n")
            m = _NEXT_LINE_RE.match(prev)
            if m:
                codes = m.group(2).split()
                if codes and d.code not in codes:
                    at = prev_begin + m.end(2)
                    return at, at, f" {d.code}"
        content = text.text[begin:]
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        newline = _newline(text.text)
        return begin, begin, f"{indent}<!-- wenlint-disable-next-line {d.code} -->{newline}"


def _short(s: str, limit: int = 20) -> str:
    s = s.replace("\r", "\\r").replace("\n", "\\n")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _newline(text: str) -> str:
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i == -1 and "\r" in text:
        return "\r"
    return "\n"


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        # an untitled buffer: linted as a file of the workspace's folder, by its name
        name = uri.rsplit("/", 1)[-1] or "untitled.txt"
        return Path.cwd() / name
    fs = to_fs_path(uri)
    return Path(fs) if fs else None


def _kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    a, b = d.span.start, d.span.end
    return a <= end and start <= b


def _docs_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "wenlint" / f"rules-{__version__}"


def build() -> WenlintServer:
    server = WenlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: WenlintServer, params: lsp.InitializeParams) -> None:
        chosen_encoding = ls.workspace.position_encoding or UTF16
        ls.encoding = str(getattr(chosen_encoding, "value", chosen_encoding))
        locale = (params.locale or "").lower()
        opts = (
            params.initialization_options if isinstance(params.initialization_options, dict) else {}
        )
        chosen = str(opts.get("lang") or "").lower() or locale
        ls.locale = "zh" if chosen.startswith("zh") else "en" if chosen.startswith("en") else None
        if isinstance(opts.get("debounce"), int | float):
            ls.debounce = max(0.0, float(opts["debounce"]) / 1000)
        ls.docs_folder = _docs_folder()
        folder = params.root_uri and to_fs_path(params.root_uri)
        if folder and os.path.isdir(folder):
            os.chdir(folder)  # as `wenlint check` run from the workspace (untitled buffers)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: WenlintServer, params: lsp.InitializedParams) -> None:
        if not ls.caps("workspace", "did_change_watched_files", "dynamic_registration"):
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        reg = lsp.Registration(
            id="wenlint-config",
            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        with contextlib.suppress(Exception):
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[reg]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WenlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.docs[item.uri] = OpenText(item.text, item.version)
        ls.schedule(item.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WenlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.docs.get(uri)
        if doc is None:
            return
        changes = []
        for c in params.content_changes:
            rng = getattr(c, "range", None)
            if rng is None:
                changes.append(Change(c.text))
            else:
                r = (rng.start.line, rng.start.character, rng.end.line, rng.end.character)
                changes.append(Change(c.text, r))
        doc.apply(changes, params.text_document.version, ls.encoding)
        ls.schedule(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=True))
    def did_save(ls: WenlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(uri).name in CONFIG_NAMES:
            ls.relint_all()
            return
        doc = ls.docs.get(uri)
        if doc is not None and params.text is not None and params.text != doc.text:
            doc.apply([Change(params.text)], doc.version, ls.encoding)
        if doc is not None:
            ls.schedule(uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WenlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.docs.pop(uri, None)
        ls.linted.pop(uri, None)
        ls.changed.pop(uri, None)
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.publish(uri, None, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: WenlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(Path(c.uri).name in CONFIG_NAMES for c in params.changes):
            ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: WenlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        from wenlint.explain import explain_text

        uri = params.text_document.uri
        linted = await ls.current(uri)
        path = _path(uri)
        if linted is None or path is None:
            return None
        pos = params.position
        at = linted.text.offset_at(pos.line, pos.character, ls.encoding)
        hits = [
            (d, ld)
            for d, ld in zip(linted.diagnostics, linted.lsp, strict=True)
            if d.span.start <= at <= max(d.span.end, d.span.start + 1)
        ]
        if not hits:
            return None
        lang = ls.lang_for(path)
        parts: list[str] = []
        seen: set[str] = set()
        for d, _ld in hits:
            parts.append(f"**{d.code}** {d.message.get(lang)}")
            if d.help:
                parts.append(d.help.get(lang))
            if d.code not in seen:
                seen.add(d.code)
                rule: type[Rule] | None = ls.engine.rule(path, d.code)
                if rule is not None:
                    parts.append(explain_text(rule, lang))
        fmt = ls.caps("text_document", "hover", "content_format") or []
        kind = (
            lsp.MarkupKind.Markdown if lsp.MarkupKind.Markdown in fmt else lsp.MarkupKind.PlainText
        )
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=kind, value="\n\n".join(parts)),
            range=hits[0][1].range,
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(
        ls: WenlintServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        path = _path(uri)
        linted = await ls.current(uri)
        if linted is None or path is None:
            return None
        lang = ls.lang_for(path)
        only = params.context.only
        r = params.range
        start = linted.text.offset_at(r.start.line, r.start.character, ls.encoding)
        end = linted.text.offset_at(r.end.line, r.end.character, ls.encoding)
        actions: list[lsp.CodeAction] = []
        if _kind_wanted(lsp.CodeActionKind.QuickFix, only):
            for d, ld in zip(linted.diagnostics, linted.lsp, strict=True):
                if not _overlaps(d, start, end):
                    continue
                if d.fix is not None and d.fix.edits:
                    edits = [(e.start, e.end, e.text) for e in d.fix.edits]
                    actions.append(
                        lsp.CodeAction(
                            title=ls.fix_title(d, d.fix, linted.text.text, lang),
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[ld],
                            is_preferred=d.fix.safe,
                            edit=ls.edit_for(uri, linted, edits),
                        )
                    )
                if d.code not in ("E001", "E002"):
                    actions.append(
                        lsp.CodeAction(
                            title=_WORDS[lang]["suppress"].format(code=d.code),
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[ld],
                            edit=ls.edit_for(uri, linted, [ls.suppression(linted, d)]),
                        )
                    )
        if _kind_wanted(FIX_ALL, only) and any(d.fix and d.fix.safe for d in linted.diagnostics):
            before = linted.text.text
            loop = asyncio.get_running_loop()
            try:
                after = await loop.run_in_executor(
                    ls.pool_for(before), ls.engine.fix_all, path, before
                )
            except (ConfigError, RuntimeError):
                after = before
            if after != before and ls.docs.get(uri) is not None:
                a, b, t = minimal_edit(before, after)
                actions.append(
                    lsp.CodeAction(
                        title=_WORDS[lang]["fix_all"],
                        kind=FIX_ALL,
                        edit=ls.edit_for(uri, linted, [(a, b, t)]),
                    )
                )
        return actions

    @server.feature(lsp.EXIT)
    def exit_(ls: WenlintServer, params: None) -> None:
        ls.exit_code = 0 if ls.closing else 1  # exit without shutdown: 1, as LSP says

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: WenlintServer, params: None) -> None:
        ls.closing = True
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()
        ls.pool.shutdown(wait=False, cancel_futures=True)
        ls.big_pool.shutdown(wait=False, cancel_futures=True)

    return server


def main() -> None:
    server = build()
    # the protocol owns standard output: it writes to a copy of the descriptor, and whatever
    # else would be written there (a plugin's print) goes to stderr instead
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        server.start_io(sys.stdin.buffer, out)
    finally:
        server.closing = True
        server.pool.shutdown(wait=True, cancel_futures=True)
        server.big_pool.shutdown(wait=True, cancel_futures=True)
    sys.exit(server.exit_code)
