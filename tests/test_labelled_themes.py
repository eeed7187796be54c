"""Themes and figures measured on reports the rules were not written from.

Labels were written by people reading each passage or body (never by running
the code): tests/data/passage_labels/*.yml (passages of the 90 reports in
../shared/wild and tests/data/pages, and of the 15 short reports written for
the split in tests/data/own_reports) and tests/data/figure_labels.yml (371
figures). The reports are split into a tune and a held half by template
family (tests/labelled_split.py: near-duplicate passages after replacing
places and numbers live in one half only), recorded once in
tests/data/passage_labels/split.yml. content/themes.yml and
content/indicators.yml are tuned on the tune half only; the held figures are
the honest ones.
"""
from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.labelled_split import half_of, load_split, report_of, twins

REPO = Path(__file__).resolve().parent.parent
WILD = REPO.parent / "shared" / "wild"
PAGES = REPO / "tests" / "data" / "pages"
OWN = REPO / "tests" / "data" / "own_reports"  # written for this split: o* held (own.yml), t* tune (own_tune.yml)
NAMED = ("enforcement", "mediation", "business-environment")

needs_wild = pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild is not beside this checkout")


def split_of(report_id: str) -> str:
    """The report's half, as recorded in tests/data/passage_labels/split.yml."""
    return half_of(report_id)


@cache
def inspected() -> dict[str, dict]:
    files = sorted(WILD.glob("*.txt")) + sorted(PAGES.glob("p*.txt")) + sorted(OWN.glob("*.txt"))
    run = subprocess.run([sys.executable, "-m", "generator", "inspect", *map(str, files), "--json"],
                         capture_output=True, text=True, cwd=REPO, check=True)
    names = {WILD: "wild", PAGES: "pages", OWN: "own"}
    return {f"{names[f.parent]}/{f.stem}": record for f, record in zip(files, json.loads(run.stdout))}


def passage_labels() -> list[dict]:
    labels = []
    for path in sorted((REPO / "tests" / "data" / "passage_labels").glob("*.yml")):
        if path.name != "split.yml":
            labels += yaml.safe_load(path.read_text(encoding="utf-8"))
    return labels


@cache
def passages_by_id() -> dict:
    got: dict = {}
    for rid, record in inspected().items():
        for p in record["passages"]:
            got[f"{rid}#{p['anchor']}"] = p
            got.setdefault((rid, p["text"][:20]), p)
    return got


def labelled_passage(e: dict) -> dict:
    """The passage a label names: by its anchor, else by its first 20 characters."""
    got = passages_by_id()
    return got.get(e["id"]) or got[(e["id"].split("#")[0], e["text"][:20])]


def labelled_texts() -> dict[str, str]:
    """label id -> the passage's full text as read today."""
    return {e["id"]: labelled_passage(e)["text"] for e in passage_labels()}


@cache
def theme_scores(split: str) -> dict[str, tuple[float, float, int]]:
    """theme -> (precision, recall, labelled passages) on one half."""
    excluded = set(load_split()["excluded"])
    counts: dict[str, list[int]] = {}
    for e in passage_labels():
        rid = e["id"].split("#")[0]
        if split_of(rid) != split or e["id"] in excluded:
            continue
        p = labelled_passage(e)
        want, have = set(e["themes"]), set(p["themes"])
        for theme in want | have:
            c = counts.setdefault(theme, [0, 0, 0])
            c[0] += theme in want and theme in have
            c[1] += theme in have and theme not in want
            c[2] += theme in want and theme not in have
    return {t: (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, tp + fn)
            for t, (tp, fp, fn) in counts.items()}


@cache
def figure_scores(split: str) -> tuple[float, float, int]:
    """(precision, recall, labelled figures) of (report, measure, value) on one half."""
    labels = yaml.safe_load((REPO / "tests" / "data" / "figure_labels.yml").read_text(encoding="utf-8"))
    want = {(e["report"], e["measure"], float(e["value"])) for e in labels
            if split_of(e["report"]) == split}
    got = set()
    for rid, record in inspected().items():
        report = rid.replace("/", "-")
        if not rid.startswith("own/") and split_of(report) == split:  # own reports have no figure labels
            got |= {(report, f["indicator"], float(f["value"])) for f in record["figures"]}
    tp = len(got & want)
    return tp / len(got) if got else 0.0, tp / len(want) if want else 0.0, len(want)


def test_the_labelled_sets_are_large_enough():
    labels = passage_labels()
    assert len(labels) >= 600 and len({e["id"].split("#")[0] for e in labels}) >= 40
    figures = yaml.safe_load((REPO / "tests" / "data" / "figure_labels.yml").read_text(encoding="utf-8"))
    assert len(figures) >= 150 and len({e["report"] for e in figures}) >= 30
    assert {split_of(e["id"].split("#")[0]) for e in labels} == {"tune", "held"}


@needs_wild
def test_no_measured_held_passage_has_a_near_twin_in_the_tune_half():
    """The recorded split still separates template families: recomputed from
    today's passage texts, no twin pair crosses from a measured held passage
    to the tune half (else rerun `python -m tests.labelled_split` and say so)."""
    split = load_split()
    assert set(split["reports"]) >= {rid for rid in inspected()}
    excluded = set(split["excluded"])
    crossing = [(a, b, round(j, 2)) for a, b, j in twins(labelled_texts())
                for p, q in ((a, b), (b, a))
                if split_of(report_of(p)) == "held" and p not in excluded and split_of(report_of(q)) == "tune"]
    assert not crossing, crossing[:5]


def test_near_twins_are_found_through_place_names_and_numbers():
    a = "县委、县政府把法治政府建设列入年度重点工作，全年召开县政府常务会议3次专题研究法治政府建设，沅陵县将40项任务分解到部门。"
    b = "市委、市政府把法治政府建设列入年度重点工作，全年召开市政府常务会议5次专题研究法治政府建设，怀化市将121项任务分解到部门。"
    c = "全年受理行政复议案件41件，审结39件，纠错率为12.5%，行政机关负责人出庭应诉率达到100%。"
    found = {(x, y) for x, y, _ in twins({"r1#a": a, "r2#b": b, "r3#c": c})}
    assert found == {("r1#a", "r2#b")}


# Issue 24 asks for 0.9 (precision and recall) on the family-split held half.
# The rules are chosen on the tune half only (the held half is measured, never
# read to write rules). Fourth round (a purpose clause, a centre as the means
# of other work, a regulation's name outside 《》 and a service window's staff
# only mention their terms; own/t16-t18 on the tune half): enforcement P 0.994
# R 0.922, mediation 0.947 / 0.939, business environment 0.906 / 0.935 (third
# round 0.892 / 0.935). Every bound is the target.
HELD_BOUNDS = {
    "enforcement": (0.9, 0.9),
    "mediation": (0.9, 0.9),
    "business-environment": (0.9, 0.9),
}


@needs_wild
@pytest.mark.parametrize("theme", NAMED)
def test_named_themes_on_the_held_half(theme):
    precision, recall, support = theme_scores("held")[theme]
    least_precision, least_recall = HELD_BOUNDS[theme]
    assert support >= 50 and precision >= least_precision and recall >= least_recall, (precision, recall)


@needs_wild
def test_named_themes_on_the_tune_half():
    scores = theme_scores("tune")
    for theme in NAMED:
        precision, recall, _ = scores[theme]
        assert precision >= 0.95 and recall >= 0.95, (theme, precision, recall)


@needs_wild
def test_figures_on_the_held_half():
    precision, recall, support = figure_scores("held")
    assert support >= 100 and precision >= 0.9 and recall >= 0.8, (precision, recall)


if __name__ == "__main__":  # python -m tests.test_labelled_themes: the README's figures
    for half in ("held", "tune"):
        print(f"{half}: figures P/R/n = {figure_scores(half)}")
        for theme, (p, r, n) in sorted(theme_scores(half).items()):
            print(f"  {theme:22} P {p:.2f} R {r:.2f} n {n}")
