"""Real report passages labelled by reading (fifth to twelfth sessions), as one table.

    .venv/bin/python -m benchmarks.real_themes      # counts per set, and the rules' P/R

Thirteen sets, each labelled by a different helper in its own folder under /tmp,
with its own label file (README.md of each folder says how it was made). The
page texts stay in /tmp: this module reads them from there (and says so when a
folder is missing) and never copies any text into the repository.

Each set's pages are cut into passages by today's generator (`fazhi inspect
--json`, the same call the helpers' dump scripts made), which also gives each
passage's heading and the rules' themes (content/themes.yml with
generator/analyse, current code). A label names its passage by `report#anchor`
and, failing that, by the report and the passage's first 20 characters (as
tests/test_labelled_themes.py does); labels that match no passage today are
counted and left out.

Only the three named themes were labelled. The rules' `mediation` counts its
subthemes (`reconsideration`, `petitions`) as the helpers' scorers did.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
NAMED = ("enforcement", "mediation", "business-environment")
FAMILY = {"mediation": {"mediation", "reconsideration", "petitions"}}


@dataclass(frozen=True)
class RealSet:
    name: str
    labels: str  # label file (a YAML list of {id, text, themes[, skip]})
    pages: tuple[str, ...]  # globs of the page texts, in the order the helper's dump read them
    excluded: tuple[str, ...] = ()  # file names among the globs that are not reports
    fresh: str = ""  # the helper's dump of the rules' themes when the set was still unseen, if any
    split: str = ""  # a JSON file whose "reports" maps each report to its half (tune / held), if any


SETS = (
    # themereal: /tmp/eval (30) + its own 52 pages; labels over both (82 reports).
    RealSet("themereal", "/tmp/themereal/labels.yml", ("/tmp/eval/*.txt", "/tmp/themereal/pages/*.txt"),
            ("err.txt", "expected.txt")),
    # themereal2: a fresh held set of 20 pages; `skip` marks fragments cut by the excerpt.
    RealSet("themereal2", "/tmp/themereal2/held_labels.yml", ("/tmp/themereal2/held/*.txt",),
            fresh="/tmp/themereal2/code-held-main.json"),
    # themereal3: 62 openings; the final seal (sealed7), not themereal4's later relabels.
    # fresh: code-base.json, main at 8ac7f46 before themereal3's fixes (its dumpbase.py).
    RealSet("themereal3", "/tmp/themereal3/sealed7/labels.yml", ("/tmp/themereal3/pages/*.txt",),
            fresh="/tmp/themereal3/code-base.json"),
    # fresh: code-before.json, main at 40092b5 / 8f9174c before each round's fixes (README.md).
    RealSet("themereal4", "/tmp/themereal4/labels.yml", ("/tmp/themereal4/pages/x*.txt",),
            fresh="/tmp/themereal4/code-before.json"),
    RealSet("themereal5", "/tmp/themereal5/labels.yml", ("/tmp/themereal5/pages/y*.txt",),
            fresh="/tmp/themereal5/code-before.json"),
    # The sixth and seventh sessions' fresh sets, labelled and sealed before the rules ran
    # (sealed/labels.yml); fresh: the rules of main when each was first scored.
    RealSet("themereal6", "/tmp/themereal6/sealed/labels.yml", ("/tmp/themereal6/pages/z*.txt",),
            fresh="/tmp/themereal6/code-before.json"),
    RealSet("themereal8", "/tmp/themereal8/sealed/labels.yml", ("/tmp/themereal8/pages/[jk]*.txt",),
            fresh="/tmp/themereal9/code-first-tr8.json"),
    # Set 9 (issue 24, eighth session): 171 report openings of the metadata helpers' fresh
    # sets and 22 work summaries rich in the three themes; fresh: main at 3e78de5.
    RealSet("themereal9", "/tmp/themereal9/sealed/labels.yml", ("/tmp/themereal9/pages/*.txt",),
            fresh="/tmp/themereal9/code-first.json"),
    # Set 10 (issue 24, ninth session): 19 pages of 2020-2025 (police, approvals bureaus,
    # justice bureaus, streets and towns, mediation and business-environment news), found
    # afresh and deduplicated against every set above; fresh: main at 3e6603d.
    RealSet("themereal10", "/tmp/themereal10/sealed/labels.yml", ("/tmp/themereal10/pages/*.txt",),
            fresh="/tmp/themereal10/code-first.json"),
    # Set 11 (issue 24, tenth session, helper themes11): 38 report openings of 2017-2025
    # (counties, towns, street offices, prefectures, a province's news item, a ministry,
    # provincial departments, bureaus of human resources, police, transport and justice;
    # 24 provinces), in two batches each labelled and sealed before the rules ran on it
    # (sealed/labels.yml, labels-b.yml; both in labels-all.yml); split by body type into tune
    # and held halves (split.json; README.md says how); fresh: main at 609513e.
    RealSet("themereal11", "/tmp/themes11/sealed/labels-all.yml", ("/tmp/themes11/pages/q*.txt",),
            fresh="/tmp/themes11/code-first-all.json", split="/tmp/themes11/split.json"),
    # Set 12 (issue 24, eleventh session, helper themes12): 38 report openings and news items
    # of 2020-2025 on sites of no set above (justice, human resources, police, petitions and
    # natural resources bureaus, a service centre, street offices, towns and townships, districts,
    # Xinjiang cities, a province; 19 provinces), in two batches each labelled and sealed before
    # the rules ran on it (sealed/labels.yml; labels-b.yml, the second picked for mediation; both
    # in labels-all.yml); split by body type (split.json; README.md); fresh: main at ca2b982.
    RealSet("themereal12", "/tmp/themes12/sealed/labels-all.yml", ("/tmp/themes12/pages/[rs]*.txt",),
            fresh="/tmp/themes12/code-first-all.json", split="/tmp/themes12/split.json"),
    # Set 13 (issue 24, eleventh session, helper themes13): 4 pages rich in dispute work on
    # sites of no set above (a district's report opening, a county's people's mediation account,
    # two justice offices' news items; Shanxi, Hebei, Gansu, Shandong), labelled and sealed
    # before the rules ran (sealed/labels.yml; labels-all.yml adds each passage's opening words);
    # no split: all of it is held; fresh: main at 06138f3.
    RealSet("themereal13", "/tmp/themes13/labels-all.yml", ("/tmp/themes13/pages/t*.txt",),
            fresh="/tmp/themes13/code-first-all.json"),
    # Set 14 (issue 24, twelfth session, helper themes14): 54 pages on sites of no page of sets
    # 11-13 nor bodies of ../shared/wild, in three batches each labelled and sealed before the rules
    # ran on it (sealed/labels*.yml; all in labels-all.yml). Batch 1 (u*, 33 pages):
    # report openings of towns, street offices, counties, cities and a province; justice, police,
    # petitions, approvals and market-regulation bureaus' reports and news items; 2019-2025, 16
    # provinces, 6 of them western; split by body type into tune and held halves. Batch 2 (v*, 13
    # pages: 12345 hotlines, labour arbitration, dispute centres, the 2025 campaign on enforcement
    # toward firms) and batch 3 (w*, 8 pages: Ningxia, Tibet, Sichuan, Anhui, a town template) are
    # all held, never tuned on (split.json; README.md); fresh: main at 6d6fd0e.
    RealSet("themereal14", "/tmp/themes14/labels-all.yml", ("/tmp/themes14/pages/[uvw]*.txt",),
            fresh="/tmp/themes14/code-first-all.json", split="/tmp/themes14/split.json"),
)


@dataclass(frozen=True)
class RealPassage:
    set: str
    report: str
    id: str
    text: str
    heading: str  # the nearest heading above the passage ('' when none)
    themes: frozenset[str]  # labelled by reading
    rules: frozenset[str]  # named themes the rules give today
    fresh: frozenset[str] | None  # named themes the rules gave when the set was unseen (None: no dump)


def files_of(s: RealSet) -> list[Path]:
    out: list[Path] = []
    for pattern in s.pages:
        p = Path(pattern)
        out += [f for f in sorted(p.parent.glob(p.name)) if f.name not in s.excluded]
    return out


def named(themes: list[str]) -> frozenset[str]:
    have = set(themes)
    return frozenset(t for t in NAMED if have & FAMILY.get(t, {t}))


def headings(record: dict) -> dict[str, str]:
    """passage anchor -> the nearest heading above it (number and title), read by walking the
    body's lines as the helpers' dump scripts did; a passage not found in a line gets ''."""
    heads = [(s.get("number") or "") + s["title"] for s in record["sections"]]
    passages, k, current, out = record["passages"], 0, "", {}
    for line in record["body"].split("\n"):
        line = line.strip()
        if k < len(passages) and passages[k]["text"] in line:
            while k < len(passages) and passages[k]["text"] in line:
                out[passages[k]["anchor"]] = current
                k += 1
            continue
        for h in heads:
            if line == h or (len(h) > 4 and line.startswith(h)):
                current = h
                break
    return out


@cache
def load(name: str) -> tuple[list[RealPassage], int]:
    """(passages of one real set, labels that match no passage today)."""
    s = next(x for x in SETS if x.name == name)
    if not Path(s.labels).is_file():
        raise SystemExit(f"{s.labels}: the labels of real set {s.name} are not on this machine "
                         "(the texts live only in /tmp of the session that labelled them)")
    files = files_of(s)
    run = subprocess.run([sys.executable, "-m", "generator", "inspect", "--json", *map(str, files)],
                         capture_output=True, text=True, cwd=REPO, check=True)
    by_id: dict = {}
    heading: dict = {}
    for f, record in zip(files, json.loads(run.stdout)):
        for anchor, h in headings(record).items():
            heading[f"{f.stem}#{anchor}"] = h
        for p in record["passages"]:
            by_id[f"{f.stem}#{p['anchor']}"] = p
            by_id.setdefault((f.stem, p["text"][:20]), p)
    fresh = json.loads(Path(s.fresh).read_text(encoding="utf-8")) if s.fresh else {}
    rows, missing = [], 0
    for e in yaml.safe_load(Path(s.labels).read_text(encoding="utf-8")):
        if e.get("skip"):
            continue
        report = e["id"].split("#")[0]
        p = by_id.get(e["id"]) or by_id.get((report, str(e["text"])[:20]))
        if p is None:
            missing += 1
            continue
        rows.append(RealPassage(s.name, report, e["id"], p["text"], heading.get(f"{report}#{p['anchor']}", ""),
                                frozenset(e["themes"]), named(p["themes"]),
                                named(fresh[e["id"]]["themes"]) if e["id"] in fresh else None))
    return rows, missing


def table() -> list[RealPassage]:
    """Every real set's labelled passages, in set order."""
    return [row for s in SETS for row in load(s.name)[0]]


def scores(rows: list[RealPassage], fresh: bool = False) -> dict[str, tuple[float, float, int]]:
    """theme -> (precision, recall, labelled passages) of the rules today (or, with fresh,
    of the rules when the set was unseen, over the rows that have them)."""
    out = {}
    for t in NAMED:
        tp = fp = fn = 0
        for r in rows:
            have = r.fresh if fresh else r.rules
            if have is None:
                continue
            tp += t in have and t in r.themes
            fp += t in have and t not in r.themes
            fn += t in r.themes and t not in have
        out[t] = (tp / (tp + fp) if tp + fp else float("nan"), tp / (tp + fn) if tp + fn else float("nan"), tp + fn)
    return out


def halves(s: RealSet, rows: list[RealPassage]) -> dict[str, list[RealPassage]]:
    """The set's rows by half, as its split file records them (all rows as one when none)."""
    if not s.split:
        return {"all": rows}
    half = json.loads(Path(s.split).read_text(encoding="utf-8"))["reports"]
    return {"all": rows, **{h: [r for r in rows if half[r.report] == h] for h in ("tune", "held")}}


def main() -> None:
    print("real sets read from /tmp (texts are not in the repository):")
    for s in SETS:
        try:
            rows, missing = load(s.name)
        except SystemExit as gone:  # a set labelled on another machine: say so, go on
            print(f"  {s.name:11} missing: {gone}")
            continue
        counts = Counter(t for r in rows for t in r.themes)
        print(f"  {s.name:11} {len(rows):4} passages, {len({r.report for r in rows}):3} reports, "
              f"{missing} labels unmatched, headed {sum(bool(r.heading) for r in rows)}, "
              f"fresh rules for {sum(r.fresh is not None for r in rows)}; "
              + " ".join(f"{t} {counts[t]}" for t in NAMED))
        for name, part in halves(s, rows).items():
            for label, fresh in (("today", False), ("fresh", True)):
                if fresh and not any(r.fresh is not None for r in part):
                    continue
                print(f"    {name:4} {label}: " + "  ".join(
                    f"{t} P {p:.2f} R {r:.2f} n {n}" for t, (p, r, n) in scores(part, fresh).items()))


if __name__ == "__main__":
    main()
