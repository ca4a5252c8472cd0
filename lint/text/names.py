"""Names of people as Chinese official and news text writes them: the titles written beside a
name (吴秀玲副主席, 市政协主席 张立新) and the surnames a name starts with. Shared by the rules
that look at names (W203 suspicious-name, K802 name-spelling); the surnames are data, read on
first use (``data/surnames.txt``, sources in ``data/SOURCES.md``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Titles written after (or before) a person's name. Foreign heads of state (总统, 首相, 总理) are
# left out: transliterated names do not start with a Chinese surname.
TITLES = _split(
    "书记 副书记 主席 副主席 部长 副部长 同志 主任 副主任 厅长 副厅长 局长 副局长 处长 副处长 "
    "科长 院长 副院长 校长 副校长 所长 社长 行长 董事长 总经理 秘书长 委员长 会长 组长 队长 "
    "站长 馆长 司长 主委 政委 司令员"
)
# Titles that also follow place names (朔州市长 = 朔州 + 市长).
PLACE_TITLES = _split("市长 副市长 省长 副省长 县长 副县长 区长 副区长 州长 镇长 乡长 村长 旗长")


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound surnames."""
    single: set[str] = set()
    compound: set[str] = set()
    text = (DATA / "surnames.txt").read_text("utf-8")
    for raw in text.splitlines():
        ln = raw.strip()
        if not ln or ln[0] == "#":
            continue
        for w in ln.split():
            (single if len(w) == 1 else compound).add(w)
    return frozenset(single), frozenset(compound)
