"""The README's CI and pre-commit snippets: valid YAML of the expected shape, and every wenlint
command in them accepted by the command line as it is today (issue 17, item 4)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from wenlint.cli import UsageError, main

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)


def _block(first_line: str) -> Any:
    (text,) = [b for b in BLOCKS if b.startswith(first_line)]
    return yaml.safe_load(text)


def _commands(node: Any) -> list[str]:
    """Every shell line of a workflow or pipeline (``run:`` values, ``script:`` items)."""
    if isinstance(node, dict):
        found = []
        for k, v in node.items():
            if k == "run" and isinstance(v, str):
                found += v.splitlines()
            elif k == "script" and isinstance(v, list):
                found += [str(x) for x in v]
            else:
                found += _commands(v)
        return found
    if isinstance(node, list):
        return [c for x in node for c in _commands(x)]
    return []


def _check_args(line: str) -> list[str]:
    """The arguments of ``wenlint check ...``, parsed by the real command (raises if invalid)."""
    argv = shlex.split(line, comments=True)
    assert argv[:2] == ["wenlint", "check"], line
    params = main.commands["check"].parse(argv[2:])  # UsageError on any unknown/invalid option
    assert params["paths"], line
    return argv[2:]


def test_every_yaml_snippet_parses() -> None:
    assert len(BLOCKS) >= 3
    for b in BLOCKS:
        assert isinstance(yaml.safe_load(b), dict | list), b[:60]


def test_github_workflow() -> None:
    wf = _block("# .github/workflows/wenlint.yml")
    assert {"on", "jobs"} <= set(wf) or {True, "jobs"} <= set(wf)  # YAML 1.1 reads `on` as True
    (job,) = wf["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    commands = [c for c in _commands(steps) if c.startswith("wenlint ")]
    args = [_check_args(c) for c in commands]
    github = [a for a in args if a[a.index("--format") + 1] == "github"]
    sarif = [a for a in args if a[a.index("--format") + 1] == "sarif"]
    assert github and sarif
    (upload,) = [
        s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload")
    ]
    (a,) = sarif
    assert a[a.index("--output-file") + 1] == upload["with"]["sarif_file"]
    assert "--exit-zero" in a and not any("|| true" in b for b in BLOCKS)
    assert upload["if"] == "always()"
    pip = [c for c in _commands(steps) if c.startswith("pip install")]
    assert pip and "wenlint @ git+" in pip[0]


def test_gitlab_pipeline() -> None:
    ci = _block("# .gitlab-ci.yml")
    job = ci["wenlint"]
    args = [_check_args(c) for c in job["script"] if c.startswith("wenlint ")]
    assert len(args) == 3
    outputs = {
        a[a.index("--format") + 1]: a[a.index("--output-file") + 1]
        for a in args
        if "-o" in a or "--output-file" in a
    }
    assert [outputs["html"]] == job["artifacts"]["paths"]
    assert outputs["gitlab"] == job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"


def test_pre_commit_config_names_real_hooks() -> None:
    cfg = _block("# .pre-commit-config.yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    ids = {h["id"] for h in hooks}
    (repo,) = cfg["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"]))
    assert {h["id"] for h in repo["hooks"]} <= ids


def test_a_bad_option_in_a_snippet_would_be_caught() -> None:
    with pytest.raises(UsageError, match="no such option: --exit-zer0"):
        _check_args("wenlint check docs/ --exit-zer0")
    with pytest.raises(UsageError, match="invalid choice: 'sariff'"):
        _check_args("wenlint check docs/ --format sariff")
    with pytest.raises(UsageError, match="no such option: --exit"):  # no abbreviations
        _check_args("wenlint check docs/ --exit")
