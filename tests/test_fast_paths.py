"""Fast paths of reading give what the plain code gives (issue 22 item 5).

Each shortcut is compared with the straightforward computation it replaces,
on texts written for it: the words each alternative of MENTION needs present,
missing and blanked out; lines with and without the signs the cleaning steps
change."""
from __future__ import annotations

import re

from generator.analyse import classify
from generator.read import clean, decode, normalise

TEXTS = [
    "研究行政执法、学法普法、法治宣传等工作，列入年度工作要点，听取行政复议工作情况汇报。",
    "依托便民服务中心开展矛盾纠纷排查，为优化营商环境提供法治保障，推进信访工作法治化。",
    "开展《优化营商环境条例》执法检查，食品安全法执法检查2次。",
    "办理网上信访2003件、网民留言1186件、热线工单17万件。",
    "会议强调，要把执法监督纳入法治化轨道；他指出，执法队伍专业能力仍需提升。",
    "按照类型来分，主要为行政处罚和投诉处理；“某公司不服县市场监管局行政处罚案”。",
    "随着综合执法改革的不断深入，案件类型涉及信息公开、行政强制等。",
    "以人民为中心为宗旨，将新时代“枫桥经验”要求融入中心工作，对我区工作给予充分肯定。",
    "全年无违法案件。",
    "",
    "abc，def",
]


def mention_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, bool]]:
    listed = pattern.groupindex.get("list")
    return [(m.start(), m.end(), listed is not None and m.group(listed) is not None) for m in pattern.finditer(text)]


def test_mention_with_only_the_alternatives_that_can_match_finds_the_same():
    needed = classify.MENTION_NEEDED
    assert len(needed.branches) > 10 and any(needed.needs) and not all(needed.needs)
    variants = set()
    for text in TEXTS + [t.replace("执法", "\0\0") for t in TEXTS] + [t[:12] for t in TEXTS]:
        pattern = needed.pattern(text)
        variants.add(pattern.pattern)
        assert mention_spans(pattern, text) == mention_spans(classify.MENTION, text), text
    assert len(variants) > 2  # alternatives were left out, differently for different texts


def test_needed_words():
    from re import _parser

    assert classify._needed(_parser.parse("[^，]*列入[^，]{0,12}(?:任务|要点)")) == [frozenset({"列入"}), frozenset({"任务", "要点"})]
    assert classify._needed(_parser.parse("把[^，]{1,24}?纳入法治化?轨道")) == [frozenset({"把"}), frozenset({"纳入法治"}), frozenset({"轨道"})]
    assert classify._needed(_parser.parse("(?:a|[^b]+)c")) == [frozenset({"c"})]  # an alternative needing nothing
    assert classify._top_branches(r"a[|(]b|(c|d)|\|e") == ["a[|(]b", "(c|d)", r"\|e"]


def test_cleaning_shortcuts_change_nothing():
    lines = ["行政复议(2021—2025年)", "全年共办理案件12,345件,其中", "index.php?id=3 还是？", "为什么?", "完全全角。",
             "\ufffd缺字", "ＡＢＣ１２３"]
    for text in lines:
        plain = sum(1 for ch in text if ord(ch) in normalise.FULLWIDTH_ALNUM)
        assert len(normalise.FULLWIDTH_ALNUM_CHAR.findall(text)) == plain
    assert clean._fullwidth_text("完全全角。") == ("完全全角。", 0)
    assert clean._fullwidth_text("2022年,在") == ("2022年，在", 1)
    assert clean._mark_lost((normalise.Line(1, "为什么?"), normalise.Line(2, "无问号")))[1] == 0
    assert clean._mark_lost((normalise.Line(1, "缺?字"), normalise.Line(2, "\ufffd")))[1] == 2
    binary = "".join(chr(c) for c in range(40))
    assert len(decode.BINARY_CONTROL.findall(binary)) == sum(
        1 for ch in binary if ord(ch) < 32 and ch not in "\r\n\t\f\v")
