"""The README's editor set-up (issue 22): each snippet of "Editors (language server)" is read by the
language its editor reads it in, and what it configures starts ``wenlint server`` on the files
wenlint lints. JSON and TOML with Python's own parsers; Neovim's Lua run by a real Lua (lupa) with
the few ``vim`` functions it calls recorded; Emacs Lisp read and evaluated by a real Emacs (batch,
eglot's variable stood in for), so a misplaced quote or parenthesis fails here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from wenlint.cli import main
from wenlint.config import CONFIG_NAMES

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text("utf-8")
SECTION = README.split("\n## Editors (language server)\n", 1)[1].split("\n## ", 1)[0]
SERVER = ["wenlint", "server"]


def _snippet(lang: str) -> str:
    (text,) = re.findall(rf"```{lang}\n(.*?)```", SECTION, re.S)
    return text


def test_the_command_the_snippets_start_exists() -> None:
    assert "server" in main.commands
    install = _snippet("sh").split()
    assert install[:2] == ["pip", "install"] and install[2] == "'wenlint[lsp]'"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "lsp" in extras["optional-dependencies"]


def test_vscode_settings() -> None:
    settings = json.loads(_snippet("json"))
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == SERVER
    assert set(settings["glspc.server.languageId"]) == {"markdown", "plaintext"}


def test_helix_languages_toml() -> None:
    conf = tomllib.loads(_snippet("toml"))
    server = conf["language-server"]["wenlint"]
    assert [server["command"], *server["args"]] == SERVER
    by_name = {lang["name"]: lang for lang in conf["language"]}
    assert set(by_name) == {"markdown", "chinese-text"}
    assert all("wenlint" in lang["language-servers"] for lang in by_name.values())
    assert by_name["chinese-text"]["file-types"] == ["txt"]


def test_neovim_init_lua_runs_and_starts_the_server() -> None:
    lupa = pytest.importorskip("lupa", reason="lupa (a Lua runtime) is in the dev extra")
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    # The three functions of Neovim's API the snippet calls, recording what it passes.
    record = lua.execute(
        """
        local seen = {}
        vim = {
          api = {
            nvim_create_autocmd = function(event, opts) seen.event = event; seen.opts = opts end,
          },
          fs = { root = function(buf, markers) seen.markers = markers; return "/project" end },
          lsp = { start = function(config) seen.config = config end },
        }
        return seen
        """
    )
    compile_ = lua.eval(
        "function(src) local f, e = load(src, 'init.lua'); return f or false, e end"
    )
    chunk, error = compile_(_snippet("lua"))
    assert chunk, error
    chunk()
    assert record.event == "FileType"
    assert list(record.opts.pattern.values()) == ["markdown", "text"]
    record.opts.callback(lua.table_from({"buf": 1}))
    config = record.config
    assert config.name == "wenlint"
    assert list(config.cmd.values()) == SERVER
    assert config.root_dir == "/project"
    markers = list(record.markers.values())
    assert set(CONFIG_NAMES) <= set(markers)  # the config files wenlint looks for mark a root


def test_emacs_init_el_reads_and_registers_the_server(tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("emacs not installed (.ci/run installs emacs-nox)")
    init = tmp_path / "init.el"
    init.write_text(_snippet("elisp"), "utf-8")
    # check-parens fails on unbalanced parentheses or strings; then the file is loaded with eglot's
    # variable defined and eglot "loaded" (Emacs 28 has no eglot), and the result printed.
    program = f"""
      (progn
        (with-temp-buffer
          (insert-file-contents {json.dumps(str(init))})
          (emacs-lisp-mode)
          (check-parens))
        (defvar eglot-server-programs nil)
        (load {json.dumps(str(init))} nil t t)
        (provide 'eglot)
        (prin1 (list eglot-server-programs (and (memq 'eglot-ensure text-mode-hook) t))))
    """
    done = subprocess.run(
        [emacs, "--batch", "-Q", "--eval", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '((((markdown-mode text-mode) "wenlint" "server")) t)'
