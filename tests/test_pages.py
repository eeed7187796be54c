"""Reading report pages from other sites than the samples, against labels a
person wrote by reading each page (never by running the code).

- ../shared/wild/: 60 labelled openings modelled on real government sites
  (the development set: the rules were tuned on it).
- tests/data/pages/: 30 openings written for this repository after studying
  real pages (layouts the wild set lacks).
- tests/data/openings/: 56 openings written for issue 24 (body-only texts,
  departments, towns and street offices, development zones, provinces,
  generic self-references; o33-o56 the fresh set's classes: prefecture,
  地区, 盟 and 旗 bodies, autonomous counties and banners in short form,
  兵团 division-cities, 特区 and 林区, zone committees).

All three are split by template family into `tune` and `held`
(tests/families.py, recorded in tests/data/split.yaml): rules are tuned on
`tune` only and the `held` figures are the ones the README reports. Print
them with `.venv/bin/python -m tests.test_pages`.

The checks compare every labelled field and every labelled chrome line; the
thresholds are the issue's acceptance figures, not the code's current output.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import opencc
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WILD = REPO.parent / "shared" / "wild"
PAGES = REPO / "tests" / "data" / "pages"
OPENINGS = REPO / "tests" / "data" / "openings"
SETS = {"wild": WILD, "pages": PAGES, "openings": OPENINGS}
FIELDS = ("title", "issuer", "level", "province", "city", "county", "town", "year", "date", "doc_number")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def nz(value) -> str:
    return re.sub(r"\s", "", str(value if value is not None else ""))


@cache
def read(folder: Path) -> tuple[list[dict], dict[str, dict]]:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    files = [str(folder / e["file"]) for e in labels]
    run = subprocess.run([sys.executable, "-m", "generator", "inspect", *files, "--json"],
                         capture_output=True, text=True, cwd=REPO, check=True)
    return labels, {r["slug"]: r for r in json.loads(run.stdout)}


def field_right(key: str, want, got) -> bool:
    if key == "issuer" and want:
        # Joint issuers: the principal (last) one must be named; a shorter form
        # of the same body (乡宁县政府 for 乡宁县人民政府) is not accepted.
        core = re.sub(r"(人民政府|办事处|委员会)$", "", nz(want).split("、")[-1])
        return bool(got) and (nz(want) == nz(got) or core in nz(got))
    if key == "province" and want:
        return nz(got)[:2] == nz(want)[:2]
    return nz(want) == nz(got)


def score(folder: Path, half: str | None = None):
    """(right, labelled, wrong values shown, misses) over a set, or over its
    files of one half of the recorded split."""
    from tests.families import recorded

    name = next(k for k, v in SETS.items() if v == folder)
    split = recorded()
    labels, got = read(folder)
    right = total = wrong = 0
    misses: list[str] = []
    for e in labels:
        if half and split[f"{name}/{e['file']}"]["half"] != half:
            continue
        record = got[e["file"][:-4]]
        for key in FIELDS:
            want = e.get(key)
            if key in ("title", "province", "city", "county", "town") and not want:
                continue  # labelled only where the page settles it
            ok = field_right(key, want, record.get(key))
            total += 1
            right += ok
            if not ok:
                misses.append(f"{name}/{e['file']} {key}: want {want!r}, got {record.get(key)!r}")
                wrong += record.get(key) not in (None, "")
    return right, total, wrong, misses


def leaks(folder: Path) -> list[str]:
    """Labelled chrome lines that were published as report text: a body line
    equal to one, or a long one anywhere in the body."""
    labels, got = read(folder)
    t2s = opencc.OpenCC("t2s")
    found = []
    for e in labels:
        body = got[e["file"][:-4]]["body"]
        lines = {nz(line) for line in body.splitlines()}
        for chrome in e.get("chrome") or []:
            c = nz(t2s.convert(PINYIN.sub("", chrome)))
            if c and (c in lines or (len(c) > 12 and c in nz(body))):
                found.append(f"{e['file']}: {chrome}")
    return found


needs_wild = pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild is not beside this checkout")


@needs_wild
def test_wild_fields():
    right, total, wrong, misses = score(WILD)
    assert right / total >= 0.95 and wrong <= 3, misses


@needs_wild
def test_wild_chrome_never_in_body():
    assert leaks(WILD) == []


@needs_wild
def test_wild_body_starts_where_a_reader_says():
    labels, got = read(WILD)
    wrong = [e["file"] for e in labels
             if e.get("body_first") and not nz(got[e["file"][:-4]]["body"]).startswith(nz(e["body_first"]))]
    assert wrong == []


def halves(half: str) -> tuple[int, int, int, list[str]]:
    """The score over one half of the split, every set that is present."""
    right = total = wrong = 0
    misses: list[str] = []
    for folder in SETS.values():
        if folder.is_dir():
            r, t, w, m = score(folder, half)
            right, total, wrong, misses = right + r, total + t, wrong + w, misses + m
    return right, total, wrong, misses


def test_openings_chrome_never_in_body_and_body_starts_where_a_reader_says():
    assert leaks(OPENINGS) == []
    labels, got = read(OPENINGS)
    wrong = [e["file"] for e in labels
             if e.get("body_first") and not nz(got[e["file"][:-4]]["body"]).startswith(nz(e["body_first"]))]
    assert wrong == []


@needs_wild
def test_held_half_fields():
    """Issue 24's target: on the held half every field >= 95% right, <= 2 wrong values shown."""
    right, total, wrong, misses = halves("held")
    assert right / total >= 0.95 and wrong <= 2, misses
    table = per_field("held")
    low = {}
    for key in FIELDS:
        r = sum(table[s][key][0] for s in table)
        t = sum(table[s][key][1] for s in table)
        if t and r / t < 0.95:
            low[key] = f"{r}/{t}"
    assert low == {}, (low, misses)


@needs_wild
def test_tune_half_fields():
    right, total, wrong, misses = halves("tune")
    assert right / total >= 0.95 and wrong <= 2, misses


@needs_wild
def test_split_keeps_each_template_family_in_one_half():
    """Every labelled file is in the recorded split, and no family of
    near-duplicate openings has members in both halves."""
    from tests.families import families, labelled, recorded

    split = recorded()
    files = labelled()
    assert sorted(split) == sorted(files), "run .venv/bin/python -m tests.families --write"
    by_family: dict[str, set[str]] = {}
    for text_id, family in families(files).items():
        by_family.setdefault(family, set()).add(split[text_id]["half"])
    assert [f for f, h in by_family.items() if len(h) > 1] == []


def test_no_value_from_a_banner_date_or_plan_heading():
    """The stale 今天是 banner and 2024年工作安排 headings never set the year."""
    from generator.read.metadata import describe
    from tests.conftest import read_text

    text = ("今天是：2019年10月31日 星期四\n首页 > 政务公开 > 法治政府建设\n"
            "发布时间：2024-01-20 来源：县司法局\n"
            "一、2024年工作安排\n全面推进依法行政，加强行政执法监督。\n")
    cleaned, document = read_text(text)
    meta = describe(cleaned, document, {})
    assert meta.values["year"].value == 2023 and meta.values["year"].origin == "derived"


def test_body_lines_with_chrome_words_are_kept():
    from tests.conftest import read_text

    text = ("某县2023年法治政府建设年度报告\n"
            "2023年，全县政务公开专栏浏览次数达12万次，群众满意度提升。\n"
            "4.推进无障碍环境建设\n"
            "实现“7 x 24小时”不打烊服务，政务服务更加便捷。\n")
    cleaned, _ = read_text(text)
    assert cleaned.text == (
        "2023年，全县政务公开专栏浏览次数达12万次，群众满意度提升。\n4.推进无障碍环境建设\n"
        "实现“7 x 24小时”不打烊服务，政务服务更加便捷。\n")


def per_field(half: str) -> dict[str, dict[str, list[int]]]:
    """set -> field -> [right, labelled, wrong shown] over one half."""
    table: dict[str, dict[str, list[int]]] = {}
    for name, folder in SETS.items():
        if not folder.is_dir():
            continue
        for key in FIELDS:
            r, t, w, _ = score_field(folder, half, key)
            table.setdefault(name, {})[key] = [r, t, w]
    return table


def score_field(folder: Path, half: str, key: str) -> tuple[int, int, int, list[str]]:
    right, total, wrong, misses = score(folder, half)
    hits = [m for m in misses if f" {key}: " in m]
    labels_in_half = _count(folder, half, key)
    shown = sum(1 for m in hits if not m.endswith(("got None", "got ''")))
    return labels_in_half - len(hits), labels_in_half, shown, hits


def _count(folder: Path, half: str, key: str) -> int:
    from tests.families import recorded

    name = next(k for k, v in SETS.items() if v == folder)
    split = recorded()
    labels, _ = read(folder)
    return sum(1 for e in labels if split[f"{name}/{e['file']}"]["half"] == half
               and not (key in ("title", "province", "city", "county", "town") and not e.get(key)))


def main() -> None:
    for half in ("held", "tune"):
        right, total, wrong, misses = halves(half)
        print(f"{half} half: {right}/{total} = {right / total:.1%} of labelled fields right, {wrong} wrong values shown")
        for name, folder in SETS.items():
            if folder.is_dir():
                r, t, w, _ = score(folder, half)
                if t:
                    print(f"  {name}: {r}/{t} = {r / t:.1%}, {w} wrong")
        table = per_field(half)
        cells = []
        for key in FIELDS:
            r = sum(table[s][key][0] for s in table)
            t = sum(table[s][key][1] for s in table)
            cells.append(f"{key} {r}/{t}")
        print("  " + ", ".join(cells))
        if half == "tune" or "--misses" in sys.argv:
            for m in misses:
                print("   ", m)


if __name__ == "__main__":
    main()
