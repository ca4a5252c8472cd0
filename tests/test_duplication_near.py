"""D102 near-duplicate-block: found, pointed at the first copy, with what differs; quiet on clean
parallel prose, on like items, on exact repeats (D101's); bounded work on boilerplate. And the
shared comparison key, and the seed."""

from __future__ import annotations

import random
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from wenlint.rules.duplication import near_duplicate_block as near
from wenlint.rules.duplication._keys import compare_key
from wenlint.testing import lint_string

SEED = Path(__file__).parents[1] / "seeds" / "shuozhou-cppcc-2024-report.txt"

INVEST = (
    "聚焦基础设施、产业升级和民生短板，谋划实施重点项目120个，推动项目早开工、早投产、早见效，"
    "全年固定资产投资增长8.5%，投资对经济增长的拉动作用进一步增强。"
)
OTHER = "深化“放管服”改革，推行企业开办“一网通办”，压减审批事项和办理时限，营商环境持续优化。"


def d102(text: str, **options: object) -> list:
    kebab = {k.replace("_", "-"): v for k, v in options.items()}
    opts = {"near-duplicate-block": kebab} if options else None
    return lint_string(text, ["D102"], options=opts)


def test_paragraph_pasted_again_with_a_word_changed() -> None:
    copy = INVEST.replace("经济增长", "民生改善")
    [d] = d102(f"{INVEST}\n\n{OTHER}\n\n{copy}\n")
    assert d.position[0] == 5
    assert d.message.zh == "与第 1 行的段落几乎相同（相似度 94%），差异：“经济增长” → “民生改善”"
    assert d.message.en.startswith("nearly repeats the paragraph at line 1 (94% alike)")
    [rel] = d.related
    assert rel.position is not None and rel.position[0] == 1
    assert d.help is not None and d.help.zh == "删去重复的段落，或改写使两段各有所述"


def test_insertion_and_deletion_are_shown_with_context() -> None:
    copy = INVEST.replace("早见效，", "早见效、早受益，").replace("进一步", "")
    [d] = d102(f"{INVEST}\n\n{copy}\n")
    assert d.args["diff"] == "“见效” → “见效、早受益”；“作用进一步” → “作用”"


def test_points_at_the_first_copy() -> None:
    second = INVEST.replace("120", "一百二十")
    third = INVEST.replace("经济增长", "经济发展")
    found = d102(f"{INVEST}\n\n{OTHER}\n\n{second}\n\n{third}\n")
    assert [(d.position[0], d.args["line"]) for d in found] == [(5, 1), (7, 1)]


def test_exact_repeat_is_d101_not_d102() -> None:
    text = f"{INVEST}\n\n{OTHER}\n\n{INVEST}\n\n{INVEST.replace('，', ',')}\n"
    found = lint_string(text, ["D101", "D102"])
    assert [d.code for d in found] == ["D101", "D101"]


def test_difference_only_in_punctuation_is_reported() -> None:
    copy = INVEST.replace("、早投产", "，早投产")
    [d] = d102(f"{INVEST}\n\n{copy}\n")
    assert "“、” → “，”" in d.message.zh or "“产、早” → “产，早”" in d.message.zh


PARALLEL = """各位委员：

要加强政协党的建设。坚持以党的政治建设为统领，认真落实全面从严治党主体责任，推动党的组织和党的工作全面覆盖，切实发挥党组织在政协工作中的领导作用。

要加强委员队伍建设。坚持以提升履职能力为重点，认真落实委员学习培训制度，推动委员联系界别群众常态化，切实发挥委员在本职工作中的带头作用。

要加强机关自身建设。坚持以提高服务保障水平为目标，认真落实机关工作规章制度，推动机关作风持续改进，切实发挥机关在服务委员履职中的保障作用。

要加强专门委员会建设。坚持以提升协商议政质量为核心，认真落实专委会工作规则，推动专委会联系界别工作机制化，切实发挥专委会在经常性工作中的基础作用。

今年是全面贯彻落实党的二十大精神的关键之年，做好政府工作意义重大。要加强经济运行调度，要加强重大项目建设，要加强民生保障，要加强安全生产，确保各项目标任务圆满完成。

今年是全面贯彻落实党的二十大精神的关键之年，做好政协工作责任重大。要围绕中心建言，要聚焦民生履职，要加强团结联谊，要推进自身建设，确保各项工作取得新成效。
"""


def test_parallel_sentences_of_a_work_report_are_clean() -> None:
    assert d102(PARALLEL) == []
    assert d102(PARALLEL, similarity=0.8) == []


LIKE_ITEMS = "\n\n".join(
    [
        "2024年第1批重点项目于3月15日集中开工，计划总投资12亿元，"
        "建设内容包括道路、管网、绿化等配套工程，预计2025年6月底前建成投用。",
        "2024年第2批重点项目于5月20日集中开工，计划总投资18亿元，"
        "建设内容包括道路、管网、绿化等配套工程，预计2025年9月底前建成投用。",
        "在 Windows 系统中，打开命令提示符窗口，进入软件安装目录，"
        "然后运行安装脚本完成初始化配置，并检查输出的日志信息。",
        "在 Linux 系统中，打开命令提示符窗口，进入软件安装目录，"
        "然后运行安装脚本完成初始化配置，并检查输出的日志信息。",
        "启用后，连接鼠标时系统会自动调整鼠标的指针速度和滚动方向，"
        "用户也可以在设置中单独调整每个设备的参数。",
        "启用后，连接触摸板时系统会自动调整触摸板的指针速度和滚动方向，"
        "用户也可以在设置中单独调整每个设备的参数。",
    ]
)


def test_like_items_differing_in_numbers_latin_words_or_one_term_are_clean() -> None:
    assert d102(LIKE_ITEMS) == []


def test_headings_and_short_paragraphs_are_not_compared() -> None:
    short = "围绕“做强现代农业”专题议政，提出3方面9条建议，助力走出发展新路径。"
    assert d102(f"{short}\n\n{short.replace('新路径', '新路子')}\n") == []
    assert d102(f"{short}\n\n{short.replace('新路径', '新路子')}\n", min_chars=20) != []
    md = f"# {INVEST}\n\n{OTHER}\n\n# {INVEST.replace('经济增长', '民生改善')}\n"
    assert lint_string(md, ["D102"], path="x.md") == []


def test_similarity_option() -> None:
    copy = INVEST.replace("经济增长", "民生改善")
    assert d102(f"{INVEST}\n\n{copy}\n", similarity=0.95) == []
    assert len(d102(f"{INVEST}\n\n{copy}\n", similarity=0.93)) == 1


def test_random_edits_of_seed_paragraphs_are_found() -> None:
    """Recall on near-copies made by a few random edits that stay ≥ 90 % alike."""
    paras = [p.strip() for p in SEED.read_text("utf-8").splitlines() if len(p.strip()) >= 80]
    pool = "".join(sorted(set("".join(paras)) - set("0123456789，。、；：“”（）")))
    rng = random.Random(7)
    found = total = 0
    for _ in range(200):
        p = rng.choice(paras)
        s = list(p)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(s))
            op = rng.random()
            if op < 0.5:
                s[i] = rng.choice(pool)
            elif op < 0.75:
                s.insert(i, rng.choice(pool) * rng.randint(1, 2))
            else:
                del s[i : i + rng.randint(1, 2)]
        q = "".join(s)
        a, b = compare_key(p), compare_key(q)
        if a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() < 0.9:
            continue
        total += 1
        found += bool(d102(f"{p}\n\n另起一段，说的是别的事情。\n\n{q}\n"))
    assert total > 150 and found >= 0.97 * total


def test_boilerplate_does_not_blow_up_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of paragraphs sharing clauses, exact and near copies: the exact comparisons stay
    bounded per paragraph, the run stays fast."""
    calls = 0
    real = near._similarity

    def counting(a: str, b: str, t: float) -> float | None:
        nonlocal calls
        calls += 1
        return real(a, b, t)

    monkeypatch.setattr(near, "_similarity", counting)
    rng = random.Random(1)
    names = "甲乙丙丁戊己庚辛壬癸"
    paras = []
    for i in range(600):
        unit = "".join(rng.choice(names) for _ in range(4))
        paras.append(
            f"根据市委统一部署，按照全市工作会议要求，{unit}单位第{i}次专题会议研究了有关事项，"
            "会议要求各部门认真抓好贯彻落实，确保各项任务按时保质完成。"
        )
        if i % 3 == 0:
            paras.append(paras[0])  # the same boilerplate paragraph again and again
    t0 = time.perf_counter()
    d102("\n\n".join(paras) + "\n")
    assert time.perf_counter() - t0 < 5
    assert calls <= near._VERIFY * len(paras)


def test_many_distinct_paragraphs_are_not_compared_pairwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    real = near._similarity

    def counting(a: str, b: str, t: float) -> float | None:
        nonlocal calls
        calls += 1
        return real(a, b, t)

    monkeypatch.setattr(near, "_similarity", counting)
    rng = random.Random(2)
    pool = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 2000))
    paras = [
        "，".join("".join(rng.choice(pool) for _ in range(8)) for _ in range(10)) + "。"
        for _ in range(2000)
    ]
    assert d102("\n\n".join(paras) + "\n") == []
    assert calls < 100  # 2,000 paragraphs: about 2 million pairs, none of them compared


def test_separator_lines_are_not_duplicates() -> None:
    rule, stars = "~" * 78, "＊" * 40
    text = f"{rule}\n第一课\n{stars}\n{rule}\n第二课\n{stars}\n{rule[:-2]}\n"
    assert lint_string(text, ["D101", "D102"]) == []


def test_paragraphs_differing_inside_inline_code_are_not_duplicates() -> None:
    tail = "命令可以得到本次构建的全部结果，这一步骤在每次发布之前都必须执行。"
    md = f"运行 `make foo` {tail}\n\n运行 `make bar` {tail}\n\n运行 `make foo` {tail}\n"
    found = lint_string(md, ["D101", "D102"], path="x.md")
    assert [(d.code, d.position[0]) for d in found] == [("D101", 5)]


def test_seed_has_one_d101_and_no_d102() -> None:
    found = lint_string(SEED.read_text("utf-8"), ["D"])
    assert [(d.code, d.position[0], d.position[2]) for d in found] == [("D101", 99, 103)]


TRICKY = [
    "ＡＢＣ１２３　全角字母和数字",
    "兼容汉字﨑與①②㈠和上标²",
    "e\u0301 组合字符与空白\t\u00a0\u2003",
    "“引号”（括号）：冒号；分号！叹号？问号％百分号．点／斜杠～波浪",
    "ｶﾀｶﾅ半角片假名",
    "",
]


def test_compare_key_equals_nfkc_without_whitespace() -> None:
    texts = [*TRICKY, *SEED.read_text("utf-8").splitlines()]
    for t in texts:
        assert compare_key(t) == "".join(unicodedata.normalize("NFKC", t).split()), t
        assert unicodedata.is_normalized("NFKC", compare_key(t))


def test_near_duplicate_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Which earlier copy a near duplicate points at is the same in every run (set order of the
    features is randomised per process; ties are broken by position)."""
    import os
    import subprocess
    import sys

    base = (
        "各地各部门要严格执行领导带班和二十四小时值班制度，保持通信畅通，遇有重大突发事件要在"
        "三十分钟内电话报告、一小时内书面报告，确保信息报送及时准确"
    )
    paras = [base + "。", base.replace("保持通信畅通", "保持联络畅通") + "。"]
    paras.append(base.replace("确保信息报送及时准确", "确保信息报送及时") + "。")
    paras.append(base.replace("严格执行", "认真执行").replace("书面报告", "书面报送") + "。")
    f = tmp_path / "a.txt"
    f.write_text("\n\n".join(paras) + "\n", "utf-8")
    outs = set()
    for seed in ("1", "2", "3", "4"):
        out = subprocess.run(
            [sys.executable, "-m", "wenlint", "check", "--no-config", "--select", "D102", str(f)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        outs.add(out)
    assert len(outs) == 1 and "D102" in next(iter(outs))


def test_features_are_the_clauses_and_the_edges_of_long_clauses() -> None:
    """``_features`` (sorted by length and bisected) against its plain definition."""
    rng = random.Random(7)
    long = "围绕中心服务大局着力助推经济社会高质量发展持续发出政协好声音"
    pieces = ["", "同时", "一是", "推动发展", "加强", "持续提升经济社会发展质量", long, "a", "12"]
    marks = [*near._MARKS, ","]
    for _ in range(500):
        key = "".join(rng.choice(pieces) + rng.choice(marks) for _ in range(rng.randrange(12)))
        clauses = key
        for m in near._MARKS:
            clauses = clauses.replace(m, ",")
        want = {c for c in clauses.split(",") if len(c) >= near._MIN_CLAUSE}
        for c in [c for c in want if len(c) >= near._LONG_CLAUSE]:
            want |= {"<" + c[: near._EDGE], ">" + c[-near._EDGE :]}
        assert near._features(key) == want


# Provisions of a regulation or items of a State Council notice built on one template.
ART_56 = (
    "第五十六条 有下列情形之一的，由县级以上人民政府市场监督管理部门按照职责责令限期改正；"
    "逾期不改正的，处2万元以上5万元以下的罚款："
)
ART_57 = ART_56.replace("五十六", "五十七").replace(
    "的，处2万元", "的，责令停产停业整顿，并处2万元"
)
ZONE_30 = (
    "（三十）支持武汉机场开展国际航空货运业务，在平等互利的基础上允许外国航空公司承运经武汉"
    "中转的国际货物，鼓励国内航空公司开辟武汉至共建“一带一路”国家的货运航线。"
    "（负责部门：民航局，适用范围：湖北自贸试验区）"
)
ZONE_31 = ZONE_30.replace("三十", "三十一").replace("武汉", "成都").replace("湖北", "四川")
BAN = (
    "没有法律、法规依据，要求企业参加各类评比、达标、表彰、培训、考核以及类似活动，"
    "或者借前述活动向企业收取费用或者变相收取费用；"
)
SPEED = (
    "（二）驾驶中型以上载客载货汽车在高速公路、城市快速路以外的道路上行驶超过规定时速"
    "百分之五十以上的；"
)
SPEED_1 = SPEED.replace("（二）", "（一）").replace(
    "百分之五十以上的", "百分之十以上未达到百分之二十的"
)


def test_parallel_provisions_are_clean() -> None:
    text = "\n\n".join(
        [
            ART_56,
            "（一）未按照规定公示收费项目和标准的；",
            ART_57,
            ZONE_30,
            ZONE_31,
            f"（五）{BAN}",
            "第十三条 行政机关不得有下列行为：",
            f"（三）{BAN}",
            SPEED,
            SPEED_1,
        ]
    )
    assert d102(text + "\n") == []


def test_numbered_item_pasted_with_a_slip_is_still_found() -> None:
    typo = ZONE_31.replace("平等互利", "平等互力")  # a template copy, and one character wrong
    dropped = ZONE_30.replace("（三十）", "（三十一）").replace("国际货物", "国际货")
    doubled = ART_56.replace("五十六", "五十七").replace("责令限期", "责令令限期")
    short_cut = ZONE_30.replace("（三十）", "（三十一）").replace("鼓励国内", "国内")
    for copy, diff in [
        (typo, "“利” → “力”"),
        (dropped, "“际货物” → “际货”"),
        (doubled, "“责责” → “责责令”"),
        (short_cut, "“物，鼓励” → “物，”"),
    ]:
        first = ART_56 if copy is doubled else ZONE_30
        [d] = d102(f"{first}\n\n{OTHER}\n\n{copy}\n")
        assert d.position[0] == 5 and diff in d.args["diff"], (copy, d.args["diff"])


def test_added_clause_outside_numbered_items_is_still_found() -> None:
    copy = INVEST.replace("早见效，", "早见效，确保年内形成实物工作量，")
    assert len(d102(f"{INVEST}\n\n{OTHER}\n\n{copy}\n")) == 1
    # numbered alike, but with the same number: a paste, not the next provision
    item = f"（三）{BAN}"
    assert len(d102(f"{item}\n\n{item.replace('表彰', '表扬')}\n")) == 1


def test_item_numbers() -> None:
    assert near._item_number("第五十六条有下列情形之一的") == (1, "五十六")
    assert near._item_number("(三十一)支持") == (2, "三十一")
    assert near._item_number("三、保障措施") == (3, "三")
    assert near._item_number("12.加强") == (4, "12")
    assert near._item_number("8.5%的增长") is None
    assert near._item_number("围绕中心") is None
