"""Excerpts on theme pages and openings on part pages (generator/site/compare.py).

Expected values are counted by hand from the texts written here."""
from __future__ import annotations

from generator.records import Passage, ThemeMatch
from generator.site.compare import excerpt, excerpt_span, opening, strongest, why

# Three sentences: 30, 41 and 41 characters.
SHORT = "全年办理行政复议案件十二件，其中撤销两件，维持八件，终止两件。"
LONG = ("健全突发事件应对机制，规范组织指挥体系，细化防范应对措施，紧盯重点行业领域风险，提高监测预警能力，"
        "建立多元矛盾纠纷化解机制，加强重点群体矛盾化解，全市各级调解组织排查各类纠纷三万余件，调解成功率百分之九十九。")


def test_a_short_passage_is_quoted_whole():
    assert excerpt_span(SHORT, ["行政复议"], 100) == (0, len(SHORT))
    assert excerpt(SHORT, ["行政复议"], 100) == "全年办理<mark>行政复议</mark>案件十二件，其中撤销两件，维持八件，终止两件。"


def test_sentences_around_the_first_term_are_taken_whole_while_they_fit():
    one, two, three = "第一句说的是别的事情而已。", "第二句讲人民调解工作。", "第三句继续讲别的事情。"
    text = (one * 8) + two + three + (one * 8)
    start, end = excerpt_span(text, ["调解"], 30)
    # the term's sentence (11), then the next (11), then the one before (13) would be 35: too long
    assert text[start:end] == two + three
    assert excerpt(text, ["调解"], 30) == "……第二句讲人民<mark>调解</mark>工作。第三句继续讲别的事情。……"


def test_a_long_sentence_is_cut_at_clause_marks_around_the_term():
    # LONG is one sentence of 104 characters; 矛盾纠纷 stands at 55
    assert LONG.count("。") == 1 and len(LONG) > 100
    shown = excerpt(LONG, ["矛盾纠纷", "调解"], 60)
    inner = shown.removeprefix("……").removesuffix("……")
    assert shown.startswith("……") and shown.endswith("……")
    assert len(inner.replace("<mark>", "").replace("</mark>", "")) <= 60
    # starts after a clause mark, with the term in its first half; ends before one (dropped)
    plain = inner.replace("<mark>", "").replace("</mark>", "")
    at = LONG.index(plain)
    assert LONG[at - 1] == "，" and LONG[at + len(plain)] == "，"
    assert plain.index("矛盾纠纷") <= 30
    assert "<mark>矛盾纠纷</mark>" in inner


def test_a_clause_longer_than_the_limit_is_cut_without_splitting_a_term():
    text = "甲" * 40 + "调解" + "乙" * 17 + "调解" + "丙" * 50 + "。"
    start, end = excerpt_span(text, ["调解"], 60)
    assert end - start <= 60
    assert text[start:end].count("调解") in (1, 2) and not text[start:end].endswith("调")
    assert start <= 40 < 42 <= end


def test_without_a_term_in_the_passage_the_excerpt_opens_it():
    """A passage counted only for its headings' terms (命中：（仅标题）)."""
    assert excerpt_span(LONG, [], 60)[0] == 0
    assert excerpt(LONG, [], 60).startswith("健全突发事件应对机制，")


def test_excerpts_are_escaped():
    text = "调解<script>alert(1)</script>&amp;" + "其他内容。" * 30
    shown = excerpt(text, ["调解"], 40)
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&amp;amp;" in shown


def test_strongest_passages_by_score_then_order_shown_in_report_order():
    def p(anchor, score):
        return Passage(anchor, anchor, "s1", "文", (ThemeMatch("t", score, ("调解",)),))
    passages = [p("a", 1.0), p("b", 2.5), p("c", 1.5), p("d", 2.5), p("e", 1.5)]
    assert [x.anchor for x in strongest(passages, "t")] == ["b", "c", "d"]
    assert [x.anchor for x in strongest(passages[:2], "t")] == ["a", "b"]


def test_why_names_the_passages_and_the_headings_terms():
    assert why(ThemeMatch("t", 2, ("人民调解", "调解"), ("矛盾纠纷",))) == "命中：人民调解、调解；标题：矛盾纠纷"
    assert why(ThemeMatch("t", 1, (), ("调解",))) == "命中：（仅标题）；标题：调解"


def test_opening_cuts_at_a_sentence_else_a_clause():
    text = "第一句有十个字左右。" * 30  # sentences of 10
    assert opening(text, 55) == text[:50] + "……"
    clauses = "一个分句共八个字，" * 30
    assert opening(clauses, 55) == clauses[:53].rstrip("，") + "……"
    assert opening("很短。", 55) == "很短。"
