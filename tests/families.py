"""Template families of labelled texts, and the tune/held split that keeps
each family in one half.

Many labelled openings share a template: the same frame and sentences with
other place names and figures. Split file by file, one twin lands in the tune
half and the other in the held half, and the held figures measure what was
tuned. Here texts are compared after every place name (jionlp's gazetteer)
and every number is replaced by a placeholder; two texts whose character
4-grams overlap by ``SAME_FAMILY`` (Jaccard) or more are one family, and a
family (the transitive closure) lives in one half only.

The split is recorded in ``tests/data/split.yaml`` so that it is stable: a
file keeps its half forever; a new file joins the half of the family it falls
into, else a half drawn from the SHA-1 of its name. ``tests/test_pages.py``
checks that the record still keeps every family in one half.

Refresh the record after adding labelled files (never to move a file):

    .venv/bin/python -m tests.families --write
"""
from __future__ import annotations

import hashlib
import re
import sys
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "wild": REPO.parent / "shared" / "wild",
    "pages": REPO / "tests" / "data" / "pages",
    "openings": REPO / "tests" / "data" / "openings",
}
RECORD = REPO / "tests" / "data" / "split.yaml"
SAME_FAMILY = 0.3
GRAM = 4
NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9]+)?|[〇零一二三四五六七八九十百千万]{2,}")


@cache
def _places() -> tuple[frozenset[str], int]:
    from generator.read.orgs import gazetteer

    g = gazetteer()
    names = frozenset(g.names) | frozenset(g.aliases) | frozenset(g.towns)
    return names, max(len(n) for n in names)


def replace_names(text: str, names: frozenset[str], longest: int, mark: str) -> str:
    """Each name of names in text (longest first, left to right) replaced by mark."""
    out: list[str] = []
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i:i + n] in names:
                out.append(mark)
                i += n
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def template(text: str) -> str:
    """The text with place names replaced by 地 and numbers by #, white space dropped."""
    names, longest = _places()
    return replace_names(NUMBER.sub("#", re.sub(r"\s+", "", text)), names, longest, "地")


def grams(text: str) -> frozenset[str]:
    t = template(text)
    return frozenset(t[i:i + GRAM] for i in range(len(t) - GRAM + 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def labelled() -> dict[str, Path]:
    """Every labelled file as ``set/file`` -> its path (sets that are absent are skipped)."""
    found: dict[str, Path] = {}
    for name, folder in SETS.items():
        labels = folder / "labels.yaml"
        if not labels.is_file():
            continue
        for entry in yaml.safe_load(labels.read_text(encoding="utf-8")):
            found[f"{name}/{entry['file']}"] = folder / entry["file"]
    return found


def families(files: dict[str, Path]) -> dict[str, str]:
    """``set/file`` -> its family (the first member's id, in sorted order)."""
    ids = sorted(files)
    shingles = {i: grams(files[i].read_text(encoding="utf-8")) for i in ids}
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            if similarity(shingles[a], shingles[b]) >= SAME_FAMILY:
                ra, rb = root(a), root(b)
                parent[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in ids}


def recorded() -> dict[str, dict[str, str]]:
    """The recorded split: ``set/file`` -> {family, half}."""
    if not RECORD.is_file():
        return {}
    return {e["id"]: e for e in yaml.safe_load(RECORD.read_text(encoding="utf-8"))["files"]}


def half_of(text_id: str) -> str:
    return "held" if int(hashlib.sha1(text_id.encode()).hexdigest(), 16) % 2 else "tune"


def refresh() -> list[dict[str, str]]:
    """The record with new files added; files already recorded keep their half."""
    old = recorded()
    family = families(labelled())
    members: dict[str, list[str]] = {}
    for text_id, fam in family.items():
        members.setdefault(fam, []).append(text_id)
    rows = []
    for fam, ids in sorted(members.items()):
        halves = {old[i]["half"] for i in ids if i in old}
        if len(halves) > 1:
            raise SystemExit(f"family {fam} now spans both halves ({', '.join(ids)}): "
                             "the record cannot keep it in one; decide by hand")
        half = halves.pop() if halves else half_of(fam)
        rows.extend({"id": i, "family": fam, "half": half} for i in sorted(ids))
    return sorted(rows, key=lambda r: r["id"])


HEADER = """\
# The tune/held split of every labelled opening (tests/families.py wrote it; never edit a
# half by hand). Files are grouped into template families (near-duplicates once place
# names and numbers are replaced, 4-gram Jaccard >= {threshold}); a family lives in one half.
# Rules are tuned on `tune` only; `held` gives the figures the README reports.
"""


def main(argv: list[str]) -> int:
    rows = refresh()
    if "--write" in argv:
        RECORD.write_text(HEADER.format(threshold=SAME_FAMILY)
                          + yaml.safe_dump({"files": rows}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["family"]] = sizes.get(r["family"], 0) + 1
    held = sum(1 for r in rows if r["half"] == "held")
    print(f"{len(rows)} files, {len(sizes)} families (largest {max(sizes.values())}), "
          f"held {held}, tune {len(rows) - held}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
