"""The theme rules' weights, scored on one half of the labelled passages.

    PYTHONPATH=. .venv/bin/python -m benchmarks.themes_grid [--half tune] [--grid]

Reads every labelled report once (../shared/wild, tests/data/pages,
tests/data/own_reports), then classifies its passages with the taxonomy of
content/ (or of --content) and prints precision and recall of the three named
themes on the half asked for. With --grid it tries concrete_mention_weight x
repeat_weight (0.3/0.5/0.7/1 x 0/0.5/1), which is how the weights in
content/themes.yml were chosen: on the tune half only. Scoring the held half
is for reporting, never for choosing.
"""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from generator.analyse.classify import analyse
from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.build.pipeline import read_report
from generator.records import Report, Source
from tests import test_labelled_themes as labelled

CONCRETE_MENTION = (0.3, 0.5, 0.7, 1.0)
REPEAT = (0.0, 0.5, 1.0)


def read_reports(taxonomy: Taxonomy) -> dict[str, Report]:
    """Every labelled report, read once, by its label id (wild/07, own/t03)."""
    folders = {labelled.WILD: "wild", labelled.PAGES: "pages", labelled.OWN: "own"}
    files = sorted(labelled.WILD.glob("*.txt")) + sorted(labelled.PAGES.glob("p*.txt")) + sorted(labelled.OWN.glob("*.txt"))
    reports = {}
    for f in files:
        sidecar = f.with_suffix(".yml")
        source = Source(f.stem, f, f.read_bytes(), sidecar if sidecar.is_file() else None)
        reports[f"{folders[f.parent]}/{f.stem}"] = read_report(source, taxonomy)
    return reports


def scores(reports: dict[str, Report], taxonomy: Taxonomy, half: str) -> dict[str, tuple[float, float]]:
    """theme -> (precision, recall) of the named themes on one half."""
    got: dict[object, set[str]] = {}
    for rid, report in reports.items():
        if labelled.split_of(rid) != half:
            continue
        for p in analyse(report.document, taxonomy, report.cleaned.markup.tables).passages:
            themes = {m.theme for m in p.themes}
            got[f"{rid}#{p.anchor}"] = themes
            got.setdefault((rid, p.text[:20]), themes)
    counts = {t: [0, 0, 0] for t in labelled.NAMED}
    for e in labelled.passage_labels():
        rid = e["id"].split("#")[0]
        if labelled.split_of(rid) != half:
            continue
        have = got.get(e["id"]) or got[(rid, e["text"][:20])]
        want = set(e["themes"])
        for theme, c in counts.items():
            c[0] += theme in want and theme in have
            c[1] += theme in have and theme not in want
            c[2] += theme in want and theme not in have
    return {t: (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
            for t, (tp, fp, fn) in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "held"), default="tune")
    parser.add_argument("--grid", action="store_true", help="try the grid of weights, not only content/'s")
    parser.add_argument("--content", type=Path, default=labelled.REPO / "content",
                        help="the folder of themes.yml, parts.yml and indicators.yml")
    args = parser.parse_args()
    taxonomy = load_taxonomy(args.content)
    reports = read_reports(taxonomy)
    grid = [(c, r) for c in CONCRETE_MENTION for r in REPEAT] if args.grid else \
        [(taxonomy.concrete_mention_weight, taxonomy.repeat_weight)]
    for concrete, repeat in grid:
        s = scores(reports, dataclasses.replace(taxonomy, concrete_mention_weight=concrete, repeat_weight=repeat), args.half)
        worst = min(min(pr) for pr in s.values())
        print(f"concrete_mention_weight {concrete} repeat_weight {repeat}: worst {worst:.3f}  "
              + "  ".join(f"{t} {p:.3f}/{r:.3f}" for t, (p, r) in s.items()))


if __name__ == "__main__":
    main()
