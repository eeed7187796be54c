"""How theme pages choose a report's passages (generator/site/compare.py).

Expected values are counted by hand from the texts written here."""
from __future__ import annotations

from generator.records import Passage, ThemeMatch
from generator.site.compare import strongest


def test_strongest_passages_by_score_then_order_shown_in_report_order():
    def p(anchor, score):
        return Passage(anchor, anchor, "s1", "文", (ThemeMatch("t", score, ("调解",)),))
    passages = [p("a", 1.0), p("b", 2.5), p("c", 1.5), p("d", 2.5), p("e", 1.5)]
    assert [x.anchor for x in strongest(passages, "t")] == ["b", "c", "d"]
    assert [x.anchor for x in strongest(passages[:2], "t")] == ["a", "b"]
