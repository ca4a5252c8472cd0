"""``wenlint server`` and a planted config (issue 16, item 15): a config discovery ignores as
unsafe is one ``window/showMessage`` warning, in the words ``wenlint check`` prints, not silence;
the document is linted without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip(
    "pytest_lsp", reason="the LSP tests need the extras: pip install -e '.[dev,lsp]'"
)
lsp = pytest.importorskip("lsprotocol.types", reason="needs lsprotocol (the lsp extra)")

sys.path.insert(0, str(Path(__file__).parent))
from test_hostile_config import DOC, PLANTED  # noqa: E402
from test_lsp import open_doc, published, session  # noqa: E402

from wenlint.testing import run_cli  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_a_planted_config_is_one_warning_and_not_obeyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # the top: no config above the test is read
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    shared = tmp_path / "shared"
    (shared / "me").mkdir(parents=True)
    (shared / "wenlint.toml").write_text(PLANTED, "utf-8")
    doc = shared / "me" / "doc.txt"
    doc.write_text(DOC, "utf-8")
    shared.chmod(0o777)
    monkeypatch.chdir(doc.parent)
    cli = run_cli("check", "--color", "never", doc.name)
    (expected,) = cli.stderr.splitlines()  # the line wenlint check prints
    assert "config ignored" in expected

    async with session(tmp_path) as client:
        a = open_doc(client, doc, DOC)
        b = open_doc(client, shared / "me" / "other.txt", DOC)
        assert "U901" not in {d.code for d in await published(client, a, 1)}
        assert "U901" not in {d.code for d in await published(client, b, 1)}
        warnings = [m for m in client.messages if m.type == lsp.MessageType.Warning]
        assert [m.message for m in warnings] == [expected]  # once for both documents
