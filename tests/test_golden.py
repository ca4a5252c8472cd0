"""Golden output for seeds/: what an editor sees, text and JSON, reviewed line by line.

Regenerate with WENLINT_UPDATE_SNAPSHOTS=1 and read the diff before committing it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from wenlint.testing import assert_snapshot, run_cli

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    code, out, _ = run_cli("check", "--no-config", "--color", "never", *args, "seeds/")
    return code, out


def test_seeds_text(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(monkeypatch, "--statistics")
    assert code == 1
    assert_snapshot(GOLDEN / "seeds.txt", out)


def test_seeds_english(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(monkeypatch, "--lang", "en")
    assert code == 1
    assert_snapshot(GOLDEN / "seeds.en.txt", out)


def test_seeds_json(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(monkeypatch, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads((ROOT / "lint/report/schema.json").read_text("utf-8")))
    assert_snapshot(GOLDEN / "seeds.json", out)  # compact: one finding a line


def test_seeds_json_pretty_is_the_same_document_indented(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(monkeypatch, "--format", "json", "--pretty")
    assert code == 1
    compact = (GOLDEN / "seeds.json").read_text("utf-8")
    assert out == json.dumps(json.loads(compact), ensure_ascii=False, indent=2) + "\n"
    assert out.startswith('{\n  "version": 1,\n  "diagnostics": [\n    {\n      "path": ')
