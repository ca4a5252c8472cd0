"""The command line as users type it (argparse since issue 18, item 4; click before): every usage
error is one line ``wenlint: error: ...`` on stderr and exit 2, nothing on stdout, never a
traceback; options are not abbreviated; repeated and comma-separated selections add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenlint.cli import UsageError, main
from wenlint.testing import invoke_cli, run_cli


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # no config above the test is read
    (tmp_path / "a.txt").write_text("我们要加强卫生卫生工作。\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "says", "command"),
    [
        (
            ["chek"],
            "no such command 'chek' (the commands: archive, check, explain, rules, server)",
            "",
        ),
        (["--bogus"], "no such option: --bogus", ""),
        (["check", "--sel", "W", "a.txt"], "no such option: --sel", "check"),  # no abbreviation
        (["check", "--version"], "no such option: --version", "check"),
        (
            ["check", "-j", "-1", "a.txt"],
            "argument -j/--jobs: -1 is not in the range x>=0",
            "check",
        ),
        (["check", "--jobs=two"], "argument -j/--jobs: 'two' is not a whole number", "check"),
        (["check", "--select"], "argument --select: expected one argument", "check"),
        (["check", "--color", "red"], "argument --color: invalid choice: 'red'", "check"),
        (
            ["check", "--review-dir", "a.txt"],
            "argument --review-dir: directory 'a.txt' is a file",
            "check",
        ),
        (["check", "--config", "."], "argument --config: file '.' is a directory", "check"),
        (["rules", "--lang", "fr"], "argument --lang: invalid choice: 'fr'", "rules"),
        (["explain"], "missing argument RULE", "explain"),
        (["explain", "W201", "W202"], "unexpected extra argument 'W202'", "explain"),
        (["server", "x"], "unexpected extra argument 'x'", "server"),
        (
            ["archive", "--batch-size", "0"],
            "argument --batch-size: 0 is not in the range x>=1",
            "archive",
        ),
        # what the line quotes is shown visibly: it cannot break the line or forge an annotation
        (["check", "--x\n::error::forged"], "no such option: --x␊::error::forged", "check"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(
    here: Path, args: list[str], says: str, command: str
) -> None:
    r = invoke_cli(args)
    assert (r.exit_code, r.stdout, r.exception) == (2, "", None)
    (line,) = r.stderr.splitlines()
    assert line.startswith("wenlint: error: ") and says in line, line
    see = f"wenlint {command} --help" if command else "wenlint --help"
    assert line.endswith(f" (see `{see}`)"), line


def test_no_command_prints_the_help_on_stderr_and_exits_2() -> None:
    r = invoke_cli([])
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr.startswith("usage: wenlint [--version] [-h] COMMAND")
    assert "  check    Lint files and directories" in r.stderr


def test_version_and_help_come_first_as_click_had_them() -> None:
    version = run_cli("--version")
    assert version.code == 0 and version.stdout.startswith("wenlint ")
    assert run_cli("--version", "check").stdout == version.stdout
    assert run_cli("--help", "--version").stdout == run_cli("-h").stdout
    assert run_cli("-h").stdout.startswith("usage: wenlint")


def test_selections_repeat_and_split_on_commas() -> None:
    parse = main.commands["check"].parse
    p = parse(["--select", "W201, P", "--select=D", "a.txt", "--exclude", "x/*", "-", "b.txt"])
    assert p["select"] == ("W201, P", "D") and p["exclude"] == ("x/*",)
    assert p["paths"] == ("a.txt", "-", "b.txt")
    assert parse([])["select"] == () and parse([])["paths"] == ()
    # short flags group, and '--' ends the options
    p = parse(["-qj2", "--", "-odd.txt", "--fix"])
    assert (p["quiet"], p["jobs"], p["fix"]) == (True, 2, False)
    assert p["paths"] == ("-odd.txt", "--fix")
    with pytest.raises(UsageError, match="no such option: --quie"):
        parse(["--quie"])


def test_a_repeated_and_comma_separated_selection_is_used(here: Path) -> None:
    r = run_cli(
        "check", "--no-config", "--color", "never", "--select", "P,N", "--select", "W201", "."
    )
    assert r.code == 1 and " W201 " in r.stdout
    r = run_cli("check", "--no-config", "--color", "never", "--select", "P, N", ".")
    assert r.code == 0
    r = run_cli("check", "--no-config", "--select", "P,NOPE", ".")
    assert r.code == 2 and r.stderr.splitlines() == [
        "wenlint: error: unknown rule 'NOPE' (see `wenlint rules`)"
    ]


def test_an_option_after_the_paths_and_dash_dash(here: Path) -> None:
    r = run_cli("check", "a.txt", "--no-config", "--color", "never", "--select", "W201")
    assert r.code == 1 and " W201 " in r.stdout
    (here / "-b.txt").write_text("我们要加强卫生卫生工作。\n", "utf-8")
    r = run_cli("check", "--no-config", "--color", "never", "--", "-b.txt")
    assert r.code == 1 and "-b.txt" in r.stdout
