"""Files in an encoding wenlint cannot identify (issue 16, item 1): Big5 or Shift_JIS bytes also
decode as GB18030, into nonsense that --fix would then write back as GB18030. They are refused
("cannot tell the encoding"), nothing is written, and --encoding (or the config's ``encoding``)
says what they are; a fix is written in the encoding that was read, BOM included."""

from __future__ import annotations

import codecs
from functools import partial
from pathlib import Path

import pytest
from fake_rules import DoubledDe, register
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint.io import InputError, check_encoding, decode
from wenlint.testing import run_cli_bytes

ROOT = Path(__file__).parents[1]
SEED = (ROOT / "seeds" / "shuozhou-cppcc-2024-report.txt").read_text("utf-8")
TRADITIONAL = "我們今天開會,討論工作。\n"  # the example
run = partial(run_cli_bytes, "check", "--color", "never")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    register(monkeypatch, DoubledDe)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_big5_is_refused_not_fixed_into_gb18030(work: Path) -> None:
    raw = TRADITIONAL.encode("big5")
    (work / "b.txt").write_bytes(raw)
    code, _, err = run("--no-config", "--fix", "b.txt")
    assert code == 2
    assert err.splitlines() == [
        "wenlint: error: b.txt: cannot tell the encoding (9 of 11 characters are unlikely in "
        "GB18030 text), skipped, nothing written; use --encoding big5 if it is big5"
    ]
    assert (work / "b.txt").read_bytes() == raw


def test_with_encoding_the_fix_is_written_in_that_encoding(work: Path) -> None:
    (work / "b.txt").write_bytes("我們的的會議\n".encode("big5"))
    code, _, err = run("--no-config", "--select", "XT101", "--fix", "--encoding", "big5", "b.txt")
    assert code == 0, err
    assert (work / "b.txt").read_bytes() == "我們的會議\n".encode("big5")


def test_the_config_key_says_the_encoding(work: Path) -> None:
    (work / "wenlint.toml").write_text('encoding = "cp950"\nselect = ["XT101"]\n', "utf-8")
    (work / "b.txt").write_bytes("我們的的會議\n".encode("cp950"))
    code, _, err = run("--fix", "b.txt")
    assert code == 0, err
    assert (work / "b.txt").read_bytes() == "我們的會議\n".encode("cp950")
    # the command line wins over the config
    (work / "g.txt").write_bytes("我们的的会议\n".encode("gbk"))
    code, _, err = run("--fix", "--encoding", "gbk", "g.txt")
    assert code == 0, err
    assert (work / "g.txt").read_bytes() == "我们的会议\n".encode("gbk")


@pytest.mark.parametrize(
    ("args", "toml", "message"),
    [
        (("--encoding", "klingon"), None, "--encoding: unknown encoding 'klingon'"),
        (("--encoding", "base64"), None, "--encoding: 'base64' is not a text encoding"),
        ((), 'encoding = "nope"\n', "wenlint.toml: 'encoding': unknown encoding 'nope'"),
    ],
)
def test_an_unknown_encoding_is_one_line(
    work: Path, args: tuple[str, ...], toml: str | None, message: str
) -> None:
    if toml is not None:
        (work / "wenlint.toml").write_text(toml, "utf-8")
    (work / "t.txt").write_text("正文。\n", "utf-8")
    code, out, err = run(*args, "t.txt")
    assert code == 2 and out == b""
    (line,) = err.splitlines()
    assert line.startswith("wenlint: error: ") and line.endswith(message)


def test_bytes_that_are_not_in_the_given_encoding_name_their_line(work: Path) -> None:
    (work / "t.txt").write_bytes("第一行\n".encode("big5") + b"\xff\xff\n")
    code, _, err = run("--no-config", "--encoding", "big5", "t.txt")
    assert code == 2
    assert err.splitlines() == [
        "wenlint: error: t.txt:2: not valid big5 (byte 0xff), skipped; check --encoding"
    ]


@pytest.mark.parametrize(
    ("given_name", "raw", "written"),
    [
        ("utf-8", codecs.BOM_UTF8 + "的的\n".encode(), codecs.BOM_UTF8 + "的\n".encode()),
        ("utf-8", "的的\n".encode(), "的\n".encode()),
        ("utf-16", codecs.BOM_UTF16_BE + "的的\n".encode("utf-16-be"), None),
        ("utf-16", codecs.BOM_UTF16_LE + "的的\n".encode("utf-16-le"), None),
        ("gb18030", "的的\n".encode("gb18030"), "的\n".encode("gb18030")),
    ],
)
def test_an_explicit_unicode_encoding_keeps_the_bom(
    work: Path, given_name: str, raw: bytes, written: bytes | None
) -> None:
    (work / "t.txt").write_bytes(raw)
    code, _, err = run(
        "--no-config", "--select", "XT101", "--fix", "--encoding", given_name, "t.txt"
    )
    assert code == 0, err
    if written is None:  # the same byte order and BOM as read
        written = raw[:2] + "的\n".encode("utf-16-be" if raw[:2] == b"\xfe\xff" else "utf-16-le")
    assert (work / "t.txt").read_bytes() == written


def test_check_encoding_names_the_codec() -> None:
    assert check_encoding("GBK") == "gbk" and check_encoding("cp936") == "gbk"
    with pytest.raises(ValueError, match="unknown"):
        check_encoding("no-such")


def test_gbk_traditional_text_is_still_gbk() -> None:
    # GBK has traditional characters: only characters in neither GB 2312 nor Big5 are suspect
    d = decode(TRADITIONAL.encode("gbk"), "t.txt")
    assert (d.source.encoding, d.text) == ("gb18030", TRADITIONAL)


def test_a_rare_name_character_in_a_gbk_file_is_no_reason_to_refuse() -> None:
    text = SEED[:2000] + "朱镕基、王喆、李堃\n"
    assert decode(text.encode("gbk"), "t.txt").text == text


def test_shift_jis_is_refused() -> None:
    text = "本日は会議を開きます。議題は予算です。\n"
    with pytest.raises(InputError, match=r"cannot tell the encoding.*--encoding shift_jis"):
        decode(text.encode("shift_jis"), "t.txt")


_PARAS = [p for p in SEED.splitlines() if sum(ord(c) > 127 for c in p) >= 8]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_PARAS), st.integers(0, 400))
def test_paragraphs_read_as_gbk_and_are_refused_as_big5(para: str, cut: int) -> None:
    # any piece of real prose: GBK is read, its Big5 bytes (of the characters Big5 has) are not
    piece = para[cut % len(para) :] or para
    if sum(ord(c) > 127 for c in piece) < 8:
        piece = para
    assert decode(piece.encode("gbk"), "t.txt").text == piece
    big5 = piece.encode("big5", errors="ignore")
    if sum(ord(c) > 127 for c in big5.decode("big5")) >= 8:
        with pytest.raises(InputError, match="cannot tell the encoding"):
            decode(big5, "t.txt")


def _documents() -> list[Path]:
    """Every published, clean, seed and fixture document of the repository."""
    found = [
        *(ROOT / "tests" / "official_corpus" / "official").glob("*.txt"),
        *(ROOT / "tests" / "corpus").glob("*"),
        *(ROOT / "seeds").glob("*"),
        *(ROOT / "tests" / "rules").glob("*/*.txt"),
        *(ROOT / "tests" / "rules").glob("*/*.md"),
    ]
    return sorted(p for p in found if p.is_file())


def test_no_document_of_the_repository_is_refused_in_utf8_gbk_or_gb18030() -> None:
    # the refusal must never hit real Chinese text: each document as stored, and in GBK and
    # GB18030 when it can be (emoji and the like are not in GBK), reads back as its own text
    docs = _documents()
    assert len(docs) >= 46 + 12 + 66
    read = 0
    for path in docs:
        raw = path.read_bytes()
        text = decode(raw, str(path)).text
        for enc in ("gbk", "gb18030"):
            try:
                legacy = text.encode(enc)
            except UnicodeEncodeError:
                continue
            d = decode(legacy, str(path))
            assert d.text == text, path
            read += legacy != raw
    assert read >= 2 * 46  # the official corpus is all GBK-encodable


_TABLE = "┌────┬────┐\n│项目│金额│\n├────┼────┤\n│合计│１２│\n└────┴────┘\n"
_GREEK = "α粒子、β射线和γ射线；Ω为电阻单位，Δt表示时间差，俄文“Москва”即莫斯科。\n"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_PARAS), st.sampled_from([_TABLE, _GREEK, _TABLE * 3, _GREEK * 3]))
def test_gbk_with_drawn_tables_greek_and_cyrillic_is_read(para: str, extra: str) -> None:
    # Big5 read as GB18030 also gives box drawing, Greek and Cyrillic, but GBK files have them
    # for real: they are no reason to refuse
    text = para + "\n" + extra
    assert decode(text.encode("gbk"), "t.txt").text == text


_JAPANESE = [
    "本日は会議を開きます。議題は来年度の予算です。",
    "私たちは東京で新しいプロジェクトについて話し合いました。",
    "このソフトウェアはオープンソースで、誰でも自由に使うことができます。",
    "経済産業省は来年度の予算案を発表した。",
    "詳しくは担当者までお問い合わせください。",
    "昨日の夜から雨が降り続いていて、電車が遅れています。",
    "資料は会議の前日までに全員へメールで送ってください。",
    "新しい制度は四月一日から施行される予定です。",
    "ご不明な点がございましたら、お気軽にご連絡ください。",
    "インストールの手順は次のとおりです。",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_JAPANESE), min_size=1, max_size=8), st.integers(0, 30))
def test_japanese_in_shift_jis_is_refused(sentences: list[str], cut: int) -> None:
    # in Shift_JIS, kana and kanji read as GB18030 are mostly Han characters in neither
    # GB 2312 nor Big5's common ones (or the bytes do not decode at all)
    text = "".join(sentences)
    text = text[cut % (len(text) - 10) :] + "\n"
    with pytest.raises(InputError, match=r"cannot tell the encoding|cannot decode"):
        decode(text.encode("shift_jis"), "t.txt")
    assert decode(text.encode("shift_jis"), "t.txt", "shift_jis").text == text


_ALL_PARAS = [
    p
    for doc in _documents()
    for p in doc.read_text("utf-8", errors="replace").splitlines()
    if sum(ord(c) > 127 for c in p) >= 8
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_ALL_PARAS))
def test_any_paragraph_of_the_repository_in_big5_is_refused(para: str) -> None:
    big5 = para.encode("big5", errors="ignore")
    if sum(ord(c) > 127 for c in big5.decode("big5")) < 8:
        return
    with pytest.raises(InputError, match=r"cannot tell the encoding|cannot decode"):
        decode(big5, "t.txt")
    assert decode(big5, "t.txt", "big5").text == big5.decode("big5")


def test_a_refused_file_read_from_stdin_is_passed_through_whole(work: Path) -> None:
    raw = TRADITIONAL.encode("big5")
    code, out, err = run_cli_bytes("check", "--no-config", "--fix", "-", input=raw)
    assert code == 2 and out == raw
    assert "cannot tell the encoding" in err
