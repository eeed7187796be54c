"""Stage 6h: what repeats, year over year and across bodies.

Year over year (a series: one body across years): each paragraph of a report
is matched against last year's report of the same body. It repeats last
year's when the two share at least REPEAT of their character shingles
(Jaccard of SHINGLE-character substrings, white space left out): nearly word
for word. Otherwise it is new. The share of repeated text is the repeated
paragraphs' characters over all. Matching is an inverted index of last year's
shingles, so a pair costs time in the size of the two reports, never of the
corpus. The series page carries, per report, a 对照 with last year's: the
alignment of their paragraphs with the characters that differ (difflib) as
ranges, in a compact record that holds no text of either report; its script
builds the side-by-side table from it and the two report pages
(overrides/assets/javascripts/duizhao.js). The record is kept per report
between builds, as its match is.

Across bodies (a shared template): every paragraph of at least TEMPLATE_MIN
characters in the reports of one year gets a MinHash signature (HASHES
multiply-shift hashes over its shingles, numpy); signatures are cut into
BANDS bands (locality-sensitive hashing); a paragraph is verified against the
first paragraph of each of its band buckets (the signatures' agreement
estimates their Jaccard) and joined to it when it reaches REPEAT. Signatures
keep the low 32 bits of each minimum (two unequal minima agree by chance
once in 2**32) and are kept per report between builds (site/memo.py), as is
each report's match against last year's: a build after one report was added
computes that report's alone. Groups
holding paragraphs of two or more bodies are a shared template. No pair of
reports is ever compared as such: time is linear in the paragraphs.
"""
from __future__ import annotations

import difflib
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from generator.records import Paragraph, Report, solid_chars
from generator.site.memo import Memo
from generator.site.pagehtml import heading, paragraph, table
from generator.site.series import Series

SHINGLE = 4  # characters
REPEAT = 0.6  # Jaccard of shingle sets at or above which two paragraphs are nearly word for word the same
TEMPLATE_MIN = 30  # characters: shorter paragraphs (一、…, 现将…报告如下) are not templates
HASHES, BANDS = 64, 16  # MinHash signature length; bands of HASHES // BANDS rows
SPACE = re.compile(r"\s+")


Text = Callable[[Report], Report]  # a report with its text (generator/build/pipeline.py texts_of)
PRINTS_BATCH = 500  # reports whose paragraphs are signed at once


def _as_is(report: Report) -> Report:
    return report


def paragraphs(report: Report) -> list[Paragraph]:
    doc = report.document
    return list(doc.preamble) + [p for s in doc.sections for p in s.paragraphs]


def shingles(text: str) -> set[str]:
    text = SPACE.sub("", text)
    if len(text) <= SHINGLE:
        return {text} if text else set()
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


# --- year over year ------------------------------------------------------------------

@dataclass(frozen=True)
class Repeat:
    """How a report repeats last year's report of the same body."""

    report: Report
    previous: Report
    matches: tuple[int | None, ...]  # for each paragraph: the index of last year's it repeats, or None (new)
    similarity: tuple[float, ...]

    @property
    def repeated_chars(self) -> int:
        ps = paragraphs(self.report)
        return sum(solid_chars(ps[i].text) for i, m in enumerate(self.matches) if m is not None)

    @property
    def total_chars(self) -> int:
        return sum(solid_chars(p.text) for p in paragraphs(self.report))

    @property
    def share(self) -> float:
        total = self.total_chars
        return self.repeated_chars / total if total else 0.0

    @property
    def new(self) -> int:
        return sum(1 for m in self.matches if m is None)

    @property
    def repeated(self) -> int:
        return len(self.matches) - self.new


def match_paragraphs(current: Sequence[str], previous: Sequence[str]) -> tuple[list[int | None], list[float]]:
    """For each current paragraph, the previous one it repeats (Jaccard of
    shingles >= REPEAT, the highest; the earliest among equals) or None."""
    index: dict[str, list[int]] = defaultdict(list)
    sizes = []
    for n, text in enumerate(previous):
        own = shingles(text)
        sizes.append(len(own))
        for s in own:
            index[s].append(n)
    matches: list[int | None] = []
    scores: list[float] = []
    for text in current:
        own = shingles(text)
        shared: dict[int, int] = defaultdict(int)
        for s in own:
            for n in index.get(s, ()):
                shared[n] += 1
        best, score = None, 0.0
        for n, k in sorted(shared.items()):
            j = k / (len(own) + sizes[n] - k)
            if j > score:
                best, score = n, j
        matches.append(best if score >= REPEAT else None)
        scores.append(score if score >= REPEAT else 0.0)
    return matches, scores


def repeats(series_reports: Sequence[Report], kept: dict[str, dict] | None = None,
            changed: set[str] | None = None, text: Text | None = None) -> list[Repeat]:
    """Each report of a series (oldest first) against the one before it.
    kept: report slug -> its values kept between builds (site/memo.py); a
    report's match against a previous report of the same key is read from
    its "vs" there, and what is matched anew is put there (its slug added to
    changed). text: the report with its text (a build holds reports without
    it: generator/build/pipeline.py texts_of), for what is matched anew."""
    text = text or _as_is
    found = []
    for previous, report in zip(series_reports, series_reports[1:]):
        own = kept.get(report.slug) if kept is not None else None
        vs = own.get("vs") if own is not None else None
        if vs is not None and previous.key and vs[0] == previous.key:
            matches, scores = vs[1], vs[2]
        else:
            matches, scores = match_paragraphs([p.text for p in paragraphs(text(report))],
                                               [p.text for p in paragraphs(text(previous))])
            if own is not None:
                own["vs"] = (previous.key, tuple(matches), tuple(scores))
                if changed is not None:
                    changed.add(report.slug)
        found.append(Repeat(report, previous, tuple(matches), tuple(scores)))
    return found


Ops = Sequence[tuple[str, int, int, int, int]]


def diff_ops(old: str, new: str) -> Ops:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def diff_marked(old: str, new: str) -> tuple[str, str]:
    """Both texts as escaped HTML, with what the other lacks marked: <del> in
    the old, <ins> in the new."""
    left, right = [], []
    for tag, a0, a1, b0, b1 in diff_ops(old, new):
        a, b = html.escape(old[a0:a1]), html.escape(new[b0:b1])
        if tag == "equal":
            left.append(a)
            right.append(b)
        else:
            if a:
                left.append(f"<del>{a}</del>")
            if b:
                right.append(f"<ins>{b}</ins>")
    return "".join(left), "".join(right)


def changed_spans(ops: Ops) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The stretches of the old text that the new lacks and of the new text
    that the old lacks (what diff_marked wraps in <del> and <ins>), each as
    (start, length) in characters (code points), from diff_ops(old, new)."""
    gone = [(a0, a1 - a0) for tag, a0, a1, _, _ in ops if tag != "equal" and a1 > a0]
    added = [(b0, b1 - b0) for tag, _, _, b0, b1 in ops if tag != "equal" and b1 > b0]
    return gone, added


# A row of a 对照 page: a paragraph of this year's report beside the one of
# last year's it repeats, word for word (SAME) or with changes (CHANGED); one
# with nothing like it last year (NEW); one of last year's with nothing like
# it this year (GONE).
SAME, CHANGED, NEW, GONE = "same", "changed", "new", "gone"


@dataclass(frozen=True)
class Row:
    status: str
    old: int | None  # index of last year's paragraph, None in a NEW row
    new: int | None  # index of this year's paragraph, None in a GONE row
    deleted: tuple[tuple[int, int], ...] = ()  # CHANGED: (start, length) of the old text the new lacks
    inserted: tuple[tuple[int, int], ...] = ()  # CHANGED: (start, length) of the new text the old lacks


def alignment(old: Sequence[str], new: Sequence[str], matches: Sequence[int | None]) -> list[Row]:
    """The rows of a 对照 page, in this year's order: each new paragraph
    beside the old one it repeats (the characters that differ, by difflib),
    new ones alone, old ones not repeated beside nothing, placed after the
    nearest earlier old paragraph that was (at the top when none was)."""
    placed: dict[int, list[int]] = defaultdict(list)  # row of new paragraph (-1: top) -> old ones after it
    used = {m for m in matches if m is not None}
    last_row = {m: i for i, m in enumerate(matches) if m is not None}
    for o in range(len(old)):
        if o in used:
            continue
        earlier = [m for m in used if m < o]
        placed[last_row[max(earlier)] if earlier else -1].append(o)
    rows = [Row(GONE, o, None) for o in placed.get(-1, ())]
    for i, m in enumerate(matches):
        if m is None:
            rows.append(Row(NEW, None, i))
        elif old[m] == new[i]:
            rows.append(Row(SAME, m, i))
        else:
            gone, added = changed_spans(diff_ops(old[m], new[i]))
            rows.append(Row(CHANGED, m, i, tuple(gone), tuple(added)))
        rows.extend(Row(GONE, o, None) for o in placed.get(i, ()))
    return rows


CODES = {SAME: "s", CHANGED: "c", NEW: "n", GONE: "g"}


def short(anchor: str) -> str:
    """A paragraph anchor in a record: its hash without the "p-" every
    paragraph anchor starts with (read/parse.py), which duizhao.js puts back."""
    return anchor.removeprefix("p-")


def alignment_record(rows: Sequence[Row], old_anchors: Sequence[str], new_anchors: Sequence[str]) -> str:
    """The rows as a compact string holding no text of either report, for
    duizhao.js to build the 对照 table from: rows separated by spaces, each a
    status code (s same, c changed, n new, g gone) and its paragraphs'
    anchors (short), a changed row followed by the ranges difflib found in
    the old and in the new text ("start+length,…"), fields separated by "/":
    n1a2b3c4d · g5e6f7a8b · s1a2b3c4d/5e6f7a8b · c1a2b3c4d/5e6f7a8b/3+1,9+1/3+1,9+1.
    Anchors and ranges hold only [0-9a-f+,-]: safe in an HTML attribute."""
    out = []
    for row in rows:
        fields = []
        if row.old is not None:
            fields.append(short(old_anchors[row.old]))
        if row.new is not None:
            fields.append(short(new_anchors[row.new]))
        if row.status == CHANGED:
            fields += [",".join(f"{a}+{n}" for a, n in row.deleted), ",".join(f"{a}+{n}" for a, n in row.inserted)]
        out.append(CODES[row.status] + "/".join(fields))
    return " ".join(out)


def pair_record(rep: Repeat, kept: dict[str, dict] | None = None, changed: set[str] | None = None,
                text: Text | None = None) -> str:
    """The alignment record of a report against last year's (alignment_record),
    read from kept (as repeats reads "vs") when made against the same previous
    report, else made (difflib over the changed rows) and put there."""
    own = kept.get(rep.report.slug) if kept is not None else None
    stored = own.get("duiz") if own is not None else None
    if stored is not None and rep.previous.key and stored[0] == rep.previous.key:
        return str(stored[1])
    text = text or _as_is
    new_ps, old_ps = paragraphs(text(rep.report)), paragraphs(text(rep.previous))
    rows = alignment([p.text for p in old_ps], [p.text for p in new_ps], rep.matches)
    found = alignment_record(rows, [p.anchor for p in old_ps], [p.anchor for p in new_ps])
    if own is not None:
        own["duiz"] = (rep.previous.key, found)
        if changed is not None:
            changed.add(rep.report.slug)
    return found


def yearly_site(series: Sequence, kept: dict[str, dict] | None = None,
                changed: set[str] | None = None, text: Text | None = None) -> dict[str, str]:
    """For each series page, its section on what repeats year over year
    (series slug -> its HTML, generator/site/pagehtml.py): a table of its years, and for each
    year after the first its 对照 with the year before (pair_html), which
    duizhao.js shows side by side. kept and changed: as repeats'."""
    tables: dict[str, str] = {}
    for s in series:
        found = repeats(s.reports, kept, changed, text)
        intro = paragraph(
            f"每份报告的每一段与上一年度报告比较：两段的{SHINGLE}字片段重合度（杰卡德系数）不低于 {REPEAT:.0%} 的，"
            "视为“几乎逐字重复”上一年度，否则为“新增”。重复比例按字数计算。"
            "逐段对照中，<ins class=\"duiz-key\">下划线、绿底</ins> 为本年度新写的文字，"
            "<del class=\"duiz-key\">删除线、红底</del> 为上一年度有、本年度没有的文字；一字不差的段落只在右栏显示。")
        first = s.reports[0]
        rows = [[str(first.metadata.get("year")), str(len(paragraphs(first))), "—", "—", "—", "最早一年"]]
        pairs = []
        for rep in found:
            year = rep.report.metadata.get("year")
            rows.append([str(year), str(len(rep.matches)), str(rep.new), str(rep.repeated), f"{rep.share:.0%}",
                         f'<a href="#vs-{year}">与 {rep.previous.metadata.get("year")} 年度对照</a>'])
            pairs.append(pair_html(rep, pair_record(rep, kept, changed, text)))
        # loaded by the series pages that have a 对照 (as the search page loads search.js), not by every page
        block = ['<div class="duiz-pairs">', *pairs, '<script defer src="../../assets/javascripts/duizhao.js"></script>',
                 "</div>"]
        tables[s.slug] = (heading(2, "repeats", "逐年重复与新增") + intro
                          + table(["年度", "段落", "新增", "重复上一年度", "重复字数比例", "对照"], rows)
                          + "\n".join(block) + "\n")
    return tables


def pair_html(rep: Repeat, record: str) -> str:
    """A 对照 on the series page (series/<slug>/#vs-<year>), holding no text of
    either report: its title, the counts and the share repeated with links to
    both report pages, a line saying the side-by-side view needs the script,
    and the alignment record (data-rows) from which duizhao.js builds it."""
    year, before = rep.report.metadata.get("year"), rep.previous.metadata.get("year")
    # the series page is series/<slug>/: the reports' pages are two folders up
    old_src, new_src = f"../../reports/{rep.previous.slug}/", f"../../reports/{rep.report.slug}/"
    codes = [r[0] for r in record.split()]
    same, gone, old_count = codes.count("s"), codes.count("g"), len(paragraphs(rep.previous))
    return (f'<section class="duiz-pair" id="vs-{year}" data-old="{html.escape(old_src)}" '
            f'data-new="{html.escape(new_src)}" data-years="{before},{year}" data-rows="{record}">\n'
            f"<h3>{year} 年度与 {before} 年度对照</h3>\n"
            f'<p>左栏 <a href="{html.escape(old_src)}">{before} 年度报告</a>，右栏 <a href="{html.escape(new_src)}">{year} 年度报告</a>。'
            f"本年度 {len(rep.matches)} 段中，{rep.repeated} 段几乎逐字重复上一年度（其中 {same} 段一字不差），"
            f"{rep.new} 段为新增；上一年度 {old_count} 段中，{gone} 段删去。重复的文字占本年度字数的 {rep.share:.0%}。</p>\n"
            '<p class="duiz-status" role="status">逐段并排对照需要浏览器运行 JavaScript；'
            "请点上面的链接阅读两份报告。</p>\n</section>")


# --- shared templates ------------------------------------------------------------------

_RNG = np.random.default_rng(20190415)  # fixed: the same text always gets the same signature
_A = _RNG.integers(1, 2**63, size=HASHES, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, size=HASHES, dtype=np.uint64)
_P = np.uint64(1000003)


BATCH = 50_000  # shingles hashed at once: a HASHES x BATCH matrix, 25 MB


def signatures(texts: Sequence[str]) -> np.ndarray:
    """MinHash signatures (len(texts) x HASHES, uint64) of the texts' shingles
    (white space left out), a batch of texts at a time. Every text must have
    SHINGLE characters or more."""
    found, batch, size = [], [], 0
    for text in texts:
        text = SPACE.sub("", text)
        batch.append(text)
        size += len(text)
        if size >= BATCH:
            found.append(_signatures(batch))
            batch, size = [], 0
    if batch:
        found.append(_signatures(batch))
    return np.concatenate(found) if found else np.zeros((0, HASHES), dtype=np.uint64)


def _signatures(texts: list[str]) -> np.ndarray:
    """One batch: the texts' characters as one array, each position's shingle
    hashed at once, the shingles that would cross from one text into the next
    left out, then each text's minimum under every hash."""
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    count = len(codes) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(count, dtype=np.uint64)
        for k in range(SHINGLE):
            h = h * _P + codes[k:k + count]
        ends = np.cumsum(lengths)
        own = lengths - SHINGLE + 1  # shingles of each text
        keep = np.ones(count, dtype=bool)
        for cut in ends[:-1]:  # the SHINGLE - 1 positions before each joint
            keep[cut - SHINGLE + 1:cut] = False
        mixed = h[keep][None, :] * _A[:, None] + _B[:, None]  # HASHES x shingles, multiply-shift
    starts = np.concatenate([[0], np.cumsum(own)[:-1]])
    return np.minimum.reduceat(mixed, starts, axis=1).T


_BAND_MIX = _RNG.integers(1, 2**63, size=HASHES // BANDS, dtype=np.uint64) | np.uint64(1)


def candidates(sig: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) of rows whose signatures agree in some band and, checked,
    in at least REPEAT of their hashes; j is the first row of that band's
    bucket, so each row is checked against at most BANDS others."""
    n = len(sig)
    if n < 2:
        return []
    with np.errstate(over="ignore"):
        keys = (sig.reshape(n, BANDS, HASHES // BANDS).astype(np.uint64) * _BAND_MIX).sum(axis=2, dtype=np.uint64)
    found = []
    every = np.arange(n)
    for b in range(BANDS):
        _, first, inverse = np.unique(keys[:, b], return_index=True, return_inverse=True)
        rep = first[inverse.ravel()]
        moved = every[rep != every]
        agree = np.count_nonzero(sig[moved] == sig[rep[moved]], axis=1) >= REPEAT * HASHES
        found.append(np.stack([moved[agree], rep[moved][agree]], axis=1))
    pairs = np.unique(np.concatenate(found), axis=0)
    return [(i, j) for i, j in pairs.tolist()]  # tolist: row by row from numpy took seconds at 1,000 reports


def components(n: int, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The group of each of n items joined by pairs: the least item of its
    group (each pair's two take the lower label, then labels follow their
    label's label, until nothing changes)."""
    labels = np.arange(n)
    if not len(pairs):
        return labels
    edges = np.asarray(pairs, dtype=np.int64)
    i, j = edges[:, 0], edges[:, 1]
    while True:
        low = np.minimum(labels[i], labels[j])
        new = labels.copy()
        np.minimum.at(new, i, low)
        np.minimum.at(new, j, low)
        new = new[new]
        if np.array_equal(new, labels):
            return labels
        labels = new


@dataclass(frozen=True)
class Shared:
    """A paragraph of a report that recurs in other bodies' reports of the same year."""

    anchor: str
    bodies: int  # other bodies whose reports hold it


@dataclass(frozen=True)
class Prints:
    """What finding shared templates needs of one report: its paragraphs of
    TEMPLATE_MIN characters or more, by anchor, with their MinHash signatures."""

    slug: str
    year: object
    body: tuple[str, ...]  # the body the report is of
    anchors: tuple[str, ...]
    signatures: np.ndarray  # len(anchors) x HASHES, uint32


def long_paragraphs(report: Report) -> list[Paragraph]:
    return [p for p in paragraphs(report) if solid_chars(p.text) >= TEMPLATE_MIN]


def prints_of(reports: Sequence[Report], body: dict[str, tuple[str, ...]],
              kept: dict[str, dict] | None = None, changed: set[str] | None = None,
              text: Text | None = None) -> list[Prints]:
    """Each report's Prints. kept: report slug -> its values kept between
    builds (site/memo.py): a report's "prints" (anchors, signatures) are read
    from there; those not there are computed in batches of PRINTS_BATCH
    reports and put there (their slugs added to changed). text: as repeats'
    (one batch's text held at a time, not every report's)."""
    kept = {} if kept is None else kept
    text = text or _as_is
    missing = [r for r in reports if "prints" not in kept.setdefault(r.slug, {})]
    for at in range(0, len(missing), PRINTS_BATCH):
        batch = missing[at:at + PRINTS_BATCH]
        texts = [long_paragraphs(text(r)) for r in batch]
        sig = signatures([p.text for ps in texts for p in ps]).astype(np.uint32)  # low 32 bits: half the bytes kept
        start = 0
        for report, ps in zip(batch, texts):
            kept[report.slug]["prints"] = (tuple(p.anchor for p in ps), sig[start:start + len(ps)].copy())
            start += len(ps)
            if changed is not None:
                changed.add(report.slug)
    return [Prints(r.slug, r.metadata.get("year"), body[r.slug], *kept[r.slug]["prints"]) for r in reports]


def templates(prints: Iterable[Prints]) -> dict[str, list[Shared]]:
    """Report slug -> its paragraphs shared with other bodies' reports of the
    same year (shared_templates keeps each year's findings between builds)."""
    by_year: dict[object, list[Prints]] = defaultdict(list)
    for one in sorted(prints, key=lambda r: r.slug):
        if one.year:
            by_year[one.year].append(one)
    found: dict[str, list[Shared]] = defaultdict(list)
    for members in by_year.values():
        if len({r.body for r in members}) < 2:
            continue
        items = [(r, a) for r in members for a in r.anchors]
        if not items:
            continue
        sig = np.concatenate([r.signatures for r in members if len(r.anchors)])
        group = components(len(items), candidates(sig))
        bodies = {b: n for n, b in enumerate(sorted({r.body for r in members}))}
        body = np.array([bodies[r.body] for r, _ in items], dtype=np.int64)
        # each group's bodies, counted once each: the bodies other than an item's own are that count less one
        pairs = np.unique(np.stack([group, body], axis=1), axis=0)
        labels, count = np.unique(pairs[:, 0], return_counts=True)
        others = count[np.searchsorted(labels, group)] - 1
        for i in np.flatnonzero(others).tolist():
            r, anchor = items[i]
            found[r.slug].append(Shared(anchor, int(others[i])))
    return dict(found)


def shared_templates(reports: Sequence[Report], body: dict[str, tuple[str, ...]], prints: Memo | None = None,
                     years: Memo | None = None, text: Text | None = None) -> dict[str, list[Shared]]:
    """templates() of the reports, a year at a time: each year's findings
    kept (years) under a digest of its reports' slugs, bodies and keys (a
    report's key changes whenever its text could: its prints are made from
    it), so that a year none of whose reports changed reads neither its
    reports' prints nor their text (at 50,000 reports, every report's prints
    held at once were the build's peak: about 13 KiB a report). A changed
    year's prints are read from the prints memo, or made (from the text)
    and put there."""
    by_year: dict[object, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.slug):
        if report.metadata.get("year"):
            by_year[report.metadata.get("year")].append(report)
    found: dict[str, list[Shared]] = defaultdict(list)
    names = set()
    for year, members in by_year.items():
        if len({body[r.slug] for r in members}) < 2:
            continue
        name = "year-" + hashlib.sha256(repr(year).encode()).hexdigest()[:16]
        names.add(name)
        known = all(r.key for r in members)
        key = hashlib.sha256(repr([(r.slug, body[r.slug], r.key) for r in members]).encode()).hexdigest()
        if years is not None and known and (was := years.get(name, key)) is not None \
                and isinstance(was.get("found"), dict):
            mine = was["found"]
        else:
            kept = {r.slug: (prints.get(r.slug, r.key) if prints is not None else None) or {} for r in members}
            changed: set[str] = set()
            mine = templates(prints_of(members, body, kept, changed, text))
            for r in members:
                if r.slug in changed and prints is not None:
                    prints.put(r.slug, r.key, kept[r.slug])
            if years is not None and known:
                years.put(name, key, {"found": dict(mine)})
        for slug, shared in mine.items():
            found[slug].extend(shared)
    if years is not None:
        years.prune(names)
    return dict(found)


def series_section(s: Series, memo: Memo | None = None, text: Text | None = None) -> str:
    """yearly_site's section of one series page, its reports' matches with
    the year before read from memo (each report's "vs" and "duiz", under its
    key) and what is matched anew put there: made when the series page is
    made, so that only a series whose reports changed reads its reports'
    matches (or their text)."""
    reports = s.reports
    kept = {r.slug: (memo.get(r.slug, r.key) if memo is not None else None) or {} for r in reports}
    changed: set[str] = set()
    table = yearly_site([s], kept, changed, text)[s.slug]
    for r in reports:
        if r.slug in changed and memo is not None:
            memo.put(r.slug, r.key, kept[r.slug])
    return table
