"""Reading files in the encodings Chinese offices use and writing fixes back the same way.

A test-only rule (XT101: "的的" → "的", a safe fix) is registered beside the built-ins, so these
tests depend on no other family's rules.
"""

from __future__ import annotations

import codecs
from functools import partial
from pathlib import Path

import pytest
from fake_rules import DoubledDe, register

from wenlint.document import SourceInfo
from wenlint.io import InputError, decode, detect_newline, encode, read_file, write_atomic
from wenlint.testing import run_cli_bytes

SEED = Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt"
SEED_TEXT = SEED.read_text("utf-8")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    register(monkeypatch, DoubledDe)
    monkeypatch.chdir(tmp_path)
    return tmp_path


run = partial(run_cli_bytes, "check", "--no-config", "--color", "never")


# -- decoding ----------------------------------------------------------------------------------


def test_seed_as_gbk_bytes_is_read_as_gb18030() -> None:
    raw = SEED_TEXT.encode("gbk")
    d = decode(raw, "seed.txt")
    assert d.source.encoding == "gb18030" and not d.source.bom
    assert d.text == SEED_TEXT
    assert encode(d.text, d.source) == raw  # round trip, byte for byte


def test_utf8_chinese_that_also_decodes_as_gb18030_stays_utf8() -> None:
    # A naive detector trying GBK first turns these into nonsense: 中文 → 涓枃.
    for text in ("中文", "你好世界", "国务院办公厅关于印发", SEED_TEXT):
        raw = text.encode("utf-8")
        if text != SEED_TEXT:
            assert raw.decode("gb18030") != text  # the trap is real
        d = decode(raw, "t.txt")
        assert (d.source.encoding, d.text) == ("utf-8", text)


def test_utf8_latin_text_is_not_taken_for_gbk() -> None:
    raw = "café naïve".encode()
    assert raw.decode("gb18030")  # decodes, as 'caf铆 na茂ve'
    assert decode(raw, "t.txt").text == "café naïve"


def test_short_gbk_that_is_not_utf8() -> None:
    # Notepad's famous "联通" is GBK C1AA CDA8: C1 can never start UTF-8.
    assert decode("联通".encode("gbk"), "t.txt").text == "联通"
    assert decode("政协工作报告。".encode("gbk"), "t.txt").source.encoding == "gb18030"


@pytest.mark.parametrize(
    ("bom", "enc"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_decides(bom: bytes, enc: str) -> None:
    text = "第一行\r\n第二行：2024年。\r\n"
    raw = bom + text.encode(enc)
    d = decode(raw, "t.txt")
    assert d.text == text and d.source == SourceInfo(enc, True, "\r\n")
    assert encode(d.text, d.source) == raw


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(enc: str) -> None:
    raw = SEED_TEXT.encode(enc)
    d = decode(raw, "t.txt")
    assert d.source == SourceInfo(enc, False, "\n") and d.text == SEED_TEXT
    assert encode(d.text, d.source) == raw


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"abc\x00def",
        bytes(range(256)) * 4,
        b"\x01\x00\x02\x00\x03\x00\x04\x00",  # little-endian integers, not UTF-16 text
        "正文".encode() + b"\x00" + "正文".encode(),
    ],
    ids=["png", "nul", "all-bytes", "int16", "utf8-with-nul"],
)
def test_binary_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(raw, "x.txt")


def test_control_characters_make_binary_but_one_stray_one_does_not() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes([1, 2, 3, 4, 5, 6, 65, 66]) * 10, "x.txt")
    text = "正文\x1a\n" + "中文段落。" * 30
    assert decode(text.encode(), "x.txt").text == text  # a DOS end-of-file mark is fine


def test_damaged_utf8_is_reported_with_its_line_not_read_as_gbk() -> None:
    raw = bytearray(SEED_TEXT.encode("utf-8"))
    pos = raw.index("朔州".encode(), 2000)  # somewhere in the middle
    raw[pos] = 0xFF
    line = raw[:pos].count(b"\n") + 1
    with pytest.raises(InputError) as exc:
        decode(bytes(raw), "seed.txt")
    assert f"seed.txt:{line}: invalid UTF-8" in str(exc.value)


def test_lone_surrogate_bytes_are_a_clear_error() -> None:
    raw = "正文\ud800正文".encode("utf-8", "surrogatepass")
    with pytest.raises(InputError, match="invalid UTF-8"):
        decode(raw, "-")


def test_undecodable_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="cannot decode"):
        decode(b"\x80\xff\xfe\x80", "x.txt")
    with pytest.raises(InputError, match="after its byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd", "x.txt")


def test_empty_file() -> None:
    d = decode(b"", "e.txt")
    assert d.text == "" and d.source.encoding == "utf-8"


@pytest.mark.parametrize(
    ("text", "nl"), [("a\nb", "\n"), ("a\r\nb\n", "\r\n"), ("a\rb", "\r"), ("ab", "\n")]
)
def test_detect_newline(text: str, nl: str) -> None:
    assert detect_newline(text) == nl


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


# -- positions with every line ending ------------------------------------------------------------


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("enc", ["utf-8", "gb18030", "utf-16"])
def test_positions_are_the_same_for_every_newline_and_encoding(
    work: Path, nl: str, enc: str
) -> None:
    text = nl.join(["第一段。", "", "第二段：我的的书。", "第三段的的确确是。"]) + nl
    (work / "t.txt").write_bytes(text.encode(enc))
    code, out, err = run("--select", "XT101", "--format", "json", "t.txt")
    assert code == 1, err
    import json

    diags = json.loads(out)["diagnostics"]
    assert [(d["line"], d["column"], d["end_column"]) for d in diags] == [(3, 6, 8), (4, 4, 6)]


# -- fixes keep encoding, BOM and newlines --------------------------------------------------------

CASES = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gbk": lambda t: t.encode("gbk"),
    "utf16le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf16be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf16le": lambda t: t.encode("utf-16-le"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_fix_writes_back_in_the_same_encoding_bom_and_newlines(
    work: Path, case: str, nl: str
) -> None:
    before = nl.join(["标题", "我的的书在桌上。", "", "他的的确确来了，我的的笔也在。", ""])
    after = nl.join(["标题", "我的书在桌上。", "", "他的确确来了，我的笔也在。", ""])
    (work / "t.txt").write_bytes(CASES[case](before))
    code, _, err = run("--select", "XT101", "--fix", "t.txt")
    assert code == 0, err
    assert (work / "t.txt").read_bytes() == CASES[case](after)
    # a second --fix is a no-op
    code, _, err = run("--select", "XT101", "--fix", "t.txt")
    assert code == 0 and (work / "t.txt").read_bytes() == CASES[case](after)


def test_fix_keeps_mixed_newlines_exactly(work: Path) -> None:
    before = "一\r\n我的的书\n二\r三的的\r\n"
    (work / "t.txt").write_bytes(before.encode())
    run("--select", "XT101", "--fix", "t.txt")
    assert (work / "t.txt").read_bytes() == "一\r\n我的书\n二\r三的\r\n".encode()


def test_fix_through_a_symlink_keeps_the_link(work: Path) -> None:
    (work / "real.txt").write_text("我的的书\n", "utf-8")
    (work / "link.txt").symlink_to("real.txt")
    code, _, err = run("--select", "XT101", "--fix", "link.txt")
    assert code == 0, err
    assert (work / "link.txt").is_symlink()
    assert (work / "real.txt").read_text("utf-8") == "我的书\n"


def test_write_atomic_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(b"old")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(p, "new", SourceInfo(), b"older")
    assert p.read_bytes() == b"old"


def test_write_atomic_keeps_the_mode(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(b"old")
    p.chmod(0o640)
    write_atomic(p, "new", SourceInfo(), b"old")
    assert p.read_bytes() == b"new" and p.stat().st_mode & 0o777 == 0o640
    assert [f.name for f in tmp_path.iterdir()] == ["t.txt"]  # no temporary file left


def test_gbk_seed_lints_like_the_utf8_seed(work: Path) -> None:
    (work / "u.txt").write_bytes(SEED_TEXT.encode("utf-8"))
    (work / "g.txt").write_bytes(SEED_TEXT.encode("gbk"))
    _, out_u, _ = run("--format", "json", "u.txt")
    _, out_g, _ = run("--format", "json", "g.txt")
    import json

    def where(out: bytes) -> list[tuple[str, int, int]]:
        return [(d["code"], d["line"], d["column"]) for d in json.loads(out)["diagnostics"]]

    assert where(out_u) == where(out_g) and where(out_u)


# -- stdin -----------------------------------------------------------------------------------------


def test_stdin_with_filename(work: Path) -> None:
    code, out, _ = run(
        "--select", "XT101", "--stdin-filename", "doc.txt", "-", input="我的的书".encode()
    )
    assert code == 1 and b"doc.txt:1:2" in out


def test_stdin_fix_writes_fixed_text_to_stdout_in_its_encoding(work: Path) -> None:
    raw = codecs.BOM_UTF8 + "我的的书\r\n".encode()
    code, out, _ = run("--select", "XT101", "--fix", "-", input=raw)
    assert code == 0 and out == codecs.BOM_UTF8 + "我的书\r\n".encode()
    code, out, _ = run("--select", "XT101", "--fix", "-", input="我的的书\n".encode("gbk"))
    assert out == "我的书\n".encode("gbk")


def test_stdin_fix_passes_undecodable_input_through(work: Path) -> None:
    raw = b"\x80\xff\xfe\x80"
    code, out, err = run("--select", "XT101", "--fix", "-", input=raw)
    assert code == 2 and out == raw and "cannot decode" in err


def test_undecodable_file_is_skipped_others_still_linted_exit_2(work: Path) -> None:
    (work / "a.txt").write_bytes(b"\x80\xff\xfe\x80")
    (work / "b.txt").write_text("我的的书\n", "utf-8")
    code, out, err = run("--select", "XT101", "a.txt", "b.txt")
    assert code == 2
    assert err.count("a.txt") == 1 and "cannot decode" in err
    assert b"b.txt:1:2" in out
