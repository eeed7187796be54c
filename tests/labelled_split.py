"""The honest split of the labelled passages: near-duplicates live in one half.

Reports copy each other: a county's report is often its city's template with
the place names and numbers changed. A split by report id alone put 36% of the
held passages beside a near-twin in the tune half, so tuning on one half was
tuning on the other. Here:

1. every labelled passage is normalised: place names (jionlp's gazetteer of
   provinces, cities, counties and towns, and their short forms) become 〇,
   the unit words 省市县区州旗盟镇乡 become 〇 too (全县 / 全区 / 全市 read alike),
   numbers (Arabic or Chinese) become #, punctuation and spaces go;
2. passages are compared by the Jaccard similarity of their character
   5-shingles, found by MinHash with banded LSH (linear in the passages: only
   candidates sharing a band are compared); a pair at TWIN or above is a twin,
   and twins are clustered (union-find);
3. reports are joined into template families when they share at least
   FAMILY_SHARED passage clusters (a one-line boilerplate sentence shared by
   many reports does not make a family);
4. families go to the halves whole, largest first, each to the half with fewer
   labelled passages so far (ties broken by the SHA-1 of the family's first
   report id: fixed before any tuning, not chosen by results);
5. a held passage that still has a twin in the tune half (a boilerplate
   sentence across families) is not measured in the held half.

The result is recorded in tests/data/passage_labels/split.yml (reports and
their half, the excluded held passages) by ``python -m tests.labelled_split``;
tests read the record, and a test recomputes the twins to check that no
measured held passage has one in the tune half.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from tests.families import replace_names

REPO = Path(__file__).resolve().parent.parent
SPLIT_FILE = REPO / "tests" / "data" / "passage_labels" / "split.yml"

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 32  # 2 rows a band: candidates down to a Jaccard of about 0.3
TWIN = 0.5  # Jaccard of 5-shingles at or above which two passages are near-twins
FAMILY_SHARED = 2  # passage clusters two reports must share to be one template family
MIN_SHINGLES = 4  # shorter passages (page numbers, one-word headings) twin nothing

NUMBER = re.compile(r"[0-9０-９.,，%％]*[0-9０-９]+[0-9０-９.%％]*|[零〇一二两三四五六七八九十百千万亿]{2,}")
UNIT = re.compile(r"[省市县区州旗盟镇乡]|街道|社区|村")
NOISE = re.compile(r"[\s\W_]+")
PRIME = (1 << 61) - 1
PRIME_U, SHIFT = np.uint64(PRIME), np.uint64(61)
OWN = "own/"  # reports written for this split (tests/data/own_reports): o* held, t* tune
OWN_HALF = {"o": "held", "t": "tune"}


@cache
def _places() -> tuple[frozenset[str], int]:
    from generator.read.orgs import gazetteer

    g = gazetteer()
    names = {n for n in g.names if len(n) >= 2} | {a for a in g.aliases if len(a) >= 2}
    names |= {t for t in g.towns if len(t) >= 3}
    # The bare form of a county or city (沅陵 of 沅陵县) is written as often as the full one.
    names |= {n[:-1] for n in g.names if len(n) >= 3 and n[-1] in "省市县区州旗盟"}
    return frozenset(names), max(map(len, names))


def normalise(text: str) -> str:
    """Text with places, unit words and numbers replaced, punctuation removed."""
    names, longest = _places()
    text = NUMBER.sub("#", replace_names(text, names, longest, "〇"))
    text = UNIT.sub("〇", text)
    return NOISE.sub("", text)


def shingles(text: str) -> set[int]:
    norm = normalise(text)
    return {zlib.crc32(norm[i:i + SHINGLE].encode()) for i in range(len(norm) - SHINGLE + 1)}


def _coefficients() -> list[tuple[int, int]]:
    seeds = hashlib.sha256(b"labelled-split").digest() * 16
    return [(int.from_bytes(seeds[8 * k:8 * k + 4], "big") | 1, int.from_bytes(seeds[8 * k + 4:8 * k + 8], "big"))
            for k in range(PERMUTATIONS)]


def twins(texts: Mapping[str, str]) -> list[tuple[str, str, float]]:
    """(a, b, jaccard) for every pair of passages at TWIN or above."""
    sets = {k: shingles(t) for k, t in texts.items()}
    sets = {k: s for k, s in sets.items() if len(s) >= MIN_SHINGLES}
    coeff = np.array(_coefficients(), dtype=np.uint64)
    a, b = coeff[:, :1], coeff[:, 1:]
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    for key, s in sets.items():
        # (a * x + b) % PRIME, exact in uint64: a, x and b are below 2**32, so
        # a * x + b is below 2**64; a Mersenne prime's remainder is two folds.
        y = a * np.fromiter(s, dtype=np.uint64, count=len(s)) + b
        y = (y & PRIME_U) + (y >> SHIFT)
        y = np.where(y >= PRIME_U, y - PRIME_U, y)
        signature = y.min(axis=1).tolist()
        for band in range(BANDS):
            buckets.setdefault((band, tuple(signature[band * rows:(band + 1) * rows])), []).append(key)
    candidates = {(a, b) if a < b else (b, a) for keys in buckets.values() if len(keys) > 1
                  for i, a in enumerate(keys) for b in keys[i + 1:] if a != b}
    found = []
    for a, b in sorted(candidates):
        j = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if j >= TWIN:
            found.append((a, b, j))
    return found


class UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out


def report_of(passage_id: str) -> str:
    return passage_id.split("#")[0]


def families(texts: Mapping[str, str], pairs: list[tuple[str, str, float]]) -> dict[str, list[str]]:
    """Template families: reports joined when they share FAMILY_SHARED passage clusters."""
    clusters = UnionFind(texts)
    for a, b, _ in pairs:
        clusters.union(a, b)
    shared: dict[tuple[str, str], set[str]] = {}
    for root, members in clusters.groups().items():
        reports = sorted({report_of(m) for m in members})
        for i, r in enumerate(reports):
            for s in reports[i + 1:]:
                shared.setdefault((r, s), set()).add(root)
    fam = UnionFind(sorted({report_of(k) for k in texts}))
    for (r, s), roots in shared.items():
        if len(roots) >= FAMILY_SHARED:
            fam.union(r, s)
    return fam.groups()


def _sha_parity(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 2


def split(texts: Mapping[str, str], reports: Iterable[str] = ()) -> dict:
    """The split of labelled passages (id -> full text) and of further reports
    without labelled passages (their figures are labelled): reports and their
    half, families, and the held passages not measured (their twin is in the
    tune half)."""
    pairs = twins(texts)
    fams = families(texts, pairs)
    for r in set(reports) - {m for f in fams.values() for m in f}:
        fams[r] = [r]
    size: dict[str, int] = {r: 0 for f in fams.values() for r in f}
    for k in texts:
        size[report_of(k)] = size.get(report_of(k), 0) + 1
    # Reports written for one half (own/o… held, own/t… tune) go there after the
    # others are placed, with their whole family, so they never change the
    # others' halves.
    order = sorted(fams.values(), key=lambda f: (any(r.startswith(OWN) for r in f), -sum(size[r] for r in f), min(f)))
    half_of: dict[str, str] = {}
    load = {"held": 0, "tune": 0}
    for fam in order:
        n = sum(size[r] for r in fam)
        own = {OWN_HALF[r[len(OWN)]] for r in fam if r.startswith(OWN)}
        if own:
            assert len(own) == 1, f"own reports of both halves are near-twins: {fam}"
            half = own.pop()
        elif load["held"] == load["tune"]:
            half = "held" if _sha_parity(min(fam)) else "tune"
        else:
            half = min(load, key=lambda h: load[h])
        load[half] += n
        for r in fam:
            half_of[r] = half
    excluded = sorted({p for a, b, _ in pairs for p, q in ((a, b), (b, a))
                       if half_of[report_of(p)] == "held" and half_of[report_of(q)] == "tune"})
    return {
        "reports": dict(sorted(half_of.items())),
        "families": sorted((sorted(f) for f in fams.values() if len(f) > 1), key=lambda f: f[0]),
        "excluded": excluded,
    }


def load_split() -> dict:
    return yaml.safe_load(SPLIT_FILE.read_text(encoding="utf-8"))


def half_of(report_id: str) -> str:
    """'held' or 'tune' for a report id (wild/07, pages/p03, own/o01; figures' wild-07)."""
    rid = report_id if "/" in report_id else report_id.replace("-", "/", 1)
    return load_split()["reports"][rid]


HEADER = """\
# The split of the labelled reports into a tune half and a held half, by template
# family (tests/labelled_split.py says how it is made). Written by
# `python -m tests.labelled_split`, once, before any tuning of the rules on it; do
# not rewrite it to move a passage the rules get wrong. `excluded`: passages of
# held reports that have a near-twin in the tune half; they are measured in
# neither half.
"""


if __name__ == "__main__":
    from tests.test_labelled_themes import inspected, labelled_texts

    texts = labelled_texts()
    result = split(texts, inspected())
    held = [k for k in texts if result["reports"][report_of(k)] == "held"]
    print(f"{len(texts)} passages, {len(result['reports'])} reports, "
          f"{len(result['families'])} families of 2+, held {len(held)}, excluded {len(result['excluded'])}")
    SPLIT_FILE.write_text(HEADER + yaml.safe_dump(result, allow_unicode=True, sort_keys=False, width=120),
                          encoding="utf-8")
