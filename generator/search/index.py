"""Stage: reports and themes -> search records -> Pagefind index shards.

Search is Pagefind (an existing, maintained static search engine: a Rust
indexer shipped in the `pagefind` PyPI package, a WebAssembly search in the
browser that downloads only the index chunks a query needs). Its own Chinese
handling does not find phrases exactly: the indexer cuts words with a
dictionary while the browser cuts the query another way (Pagefind issue
#1237). So this module controls segmentation on both sides, in one index of
character bigrams:

- Each run of letters and digits is indexed as the overlapping character
  bigrams starting at each of its positions; its last position holds
  FILLER, a word that is not indexed. Punctuation and spaces become words of
  their own that are not indexed but keep their positions, and a paragraph
  ends with PARA, so no phrase runs across a paragraph. The search page
  (overrides/assets/javascripts/search.js) turns each run of 2 or more
  characters of a query into its bigrams as a quoted Pagefind query:
  Pagefind's exact search requires them at consecutive positions, which
  holds exactly where the text holds the phrase (行政复议 is 行政 政复 复议
  at positions p, p+1, p+2: the text has 行政复议 at p).

Every query word is one word of the index, so it is in exactly one index
chunk (Pagefind loads one chunk per query word, which is why prefix queries
are not used: a prefix shared by many words spans several chunks and only the
first is loaded). Single characters are not searched.

Why one index of bigrams (until issue 22 there were two, trigrams for
queries of 3 or more characters and bigrams for those holding a run of 2):
a phrase asked as its bigrams at consecutive positions is as exact as its
trigrams, and every query of 2 or more characters can be asked so. The
trigram index was more than half of the index: at 10,000 varied reports
(benchmarks/reindex.py, 125 MB of text) pagefind/ went from 302 to 172 MB
(chunks 117 + 110 -> 110 MB, the stored text stored once, the routing table
16 -> 5 MB) and indexing from 368 to 122 s (one Pagefind process a part,
not two). A common bigram (行政, 政府) has a long list of locations, but a
first search merges only the parts the routing table says can hold every
bigram of the query, and stops when it has the results it draws: 行政复议
fetched 148 KiB (138 with trigrams), 调解 128 (128), and a search within
one loaded part takes tens of milliseconds (法治政府建设, five common
bigrams, about 40 ms where its trigrams took 18). Asked for every result at
once (all parts merged), such a query takes a few seconds, about twice as
long as with trigrams. A word that holds both shapes (a hyphenated 调解-员,
which Pagefind indexes whole and as its parts) was tried before and doubled
a Pagefind process's memory.

What a record stores for its excerpt (stored_text), written into the
index's fragments once a shard is indexed (Pagefind would store the word
list, about 11 bytes a character): for a theme page its characters, one per
word position (record_text); for a report nothing. A report's text was the
largest part of the index (0.45 times the corpus's text at 1,000 and
50,000 varied reports) and is already published, on the report's page: the
search page fetches that page for a result it draws and cuts the excerpt
from it (search.js, pageExcerpt), finding the paragraph by the record's
meta "at" (where each unit starts) and the match by its word position.

Publishing one report must not index every report again, and every extra
shard costs each query one more index chunk per word, so each index has
three kinds of shard, kept in build/search/ between builds: the base (all
reports when it was made, in parts of about BASE_CHARACTERS), a delta (only
the reports added or edited since, indexed anew in each build that changes
it, and nothing once the base is made again) and the theme pages. The base's
results of reports the delta replaces or that were deleted are listed as
superseded in shards.json, and the page drops them. The delta stays smaller
than half a part (a Pagefind process's memory is bounded by a part, whatever
the corpus). The page loads the first shard's script (the theme shard's,
where it has words) and merges the delta (Pagefind's mergeIndex).

Base parts are merged only as a query needs them. Pagefind cannot say a
part holds nothing before loading its chunk list (pf_meta, about 16 KiB a
part of BASE_CHARACTERS), so with every part merged a first search fetched
every part's list (618 KiB for 行政复议 at 10,000 varied reports). A routing
table of our own (build_routes: for each word of the index, the parts
holding it, in small JSON files by a hash of the word) tells the page which
parts can hold every word of a query; it merges those a few at a time until
it has the results it draws, and the rest when the reader asks for more
(search.js, findSome). Matching and ranking stay Pagefind's.
"""
from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import html
import json
import os
import pickle
import re
import shutil
import subprocess
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from heapq import merge
from pathlib import Path

from generator.analyse.classify import table_anchor
from generator.analyse.taxonomy import Taxonomy
from generator.disk import atomic_write, inodes_below, link_or_copy
from generator.errors import BuildError
from generator.read.regions import PROVINCES
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.render import SiteFile, frontmatter

PARA = "¶"  # between paragraphs: not a letter, so never indexed, but it takes a position
SPACE = "␣"  # stands for a run of white space, which would otherwise vanish from the word list
FILLER = "·"  # a position no query word starts at (the end of a run): not a letter, not indexed
LANGUAGE = "und"  # no stemmer and no word segmentation in Pagefind: the n-grams are the words
GRAM = 2  # characters of an index word: the index holds bigrams
# Characters of report text in one part of the base. A Pagefind process's
# memory grows with the text it holds: on the varied corpus (1,000 reports,
# 4.3 million characters) the largest process peaked at 579 MiB with parts
# of 1.5 million characters, two at a time 974 MiB (benchmarks/reindex.py).
# A search merges only the parts that can hold the query (the routing
# table), so more parts cost a first search little: 行政复议 132 KiB with
# parts of 1.5 million, 159 with parts of 3 million; the index is 2% larger.
# Halved (issue 22 item 4: two Pagefind processes were 1.1 of a build's
# 1.3 GiB at 1,000 reports, 1.2 of 2.5 at 10,000): the largest 624 -> 333 MiB,
# two at a time 968 -> 592; first search 行政复议 156 -> 154 KiB, 调解
# 160 -> 155 (as served); the index 5% larger (29.7 -> 31.3 MB).
BASE_CHARACTERS = 750_000
# Pagefind processes at a time. One: the shards are indexed beside MkDocs'
# rendering, which holds one of this machine's two cores, so two processes
# shared the other and held twice the memory at the build's summed peak
# (50,000 varied reports: Pagefind 562 MiB beside MkDocs' 1,793). Alone, on
# 5,000 reports' 30 shards (benchmarks/reindex.py --fresh, load about 7):
# 72.6 s with two at a time, 84.6 s with one; all at once 499 -> 276 MiB.
INDEXERS = 1
# Pagefind cuts its index into chunks of about this many locations (word
# occurrences) per report the shard holds, and never fewer than CHUNK_MIN.
# A first search downloads every shard's chunk list and, for each query word,
# one chunk per shard: small chunks make the list long, large chunks make
# each download large. On the copied corpus (five samples repeated: a small
# vocabulary), a trigram part of 630 reports, its pf_meta and the chunks
# 行政复议 loads: 14.3 KiB at 10 a report, 9.2 at 25, 7.4 at 70, 8.3 at 150.
# On the varied corpus (benchmarks/corpus.py: a vocabulary that grows with
# the corpus, so a common word shares its chunk with many rare ones) a part
# of 533 reports: 行政复议 28 KiB at 10, 38 at 20, 72 at 35, 55 at 70; 调解
# (bigrams) 19, 26, 33 and 61 KiB. Real reports are varied: 10 (Pagefind's
# own 20,000 is about 30). Set through PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (Pagefind 1.5;
# "unstable": if a release drops it, chunks go back to 20,000 and only the
# download sizes change).
CHUNK_PER_REPORT = 10
CHUNK_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
CHUNK_MIN = 1000
SALT_ROUNDS = 5  # indexing rounds to give records ids of their own (a second is rare: 28-bit ids)
DELTA_MIN = 100  # the delta may hold this many reports before the base is made again …
DELTA_SHARE = 0.05  # … or this share of them, whichever is more
UNITS_VERSION = "bigrams-9"  # change when the word lists or the stored text change shape: every shard is rebuilt
FRAGMENT = b"pagefind_dcd"  # how Pagefind's record files begin, inside their gzip
FRAGMENT_KEYS = {"url", "content", "meta", "filters", "anchors"}  # what the page and this module read of a record
# The Pagefind release whose index format (record files, entry file, the
# script's createInstance/init/mergeIndex/search) this module and
# overrides/assets/javascripts/search.js were written against; pinned in
# requirements.lock. To upgrade, see README, "Upgrading Pagefind".
PAGEFIND_VERSION = "1.5.2"
RUN = re.compile(r"[^\W_]+|\s+|.", re.S)  # a run of letters and digits, of white space, or one other character
KEEP_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
# The routing table (see route_grams): about this many (word, part) pairs per
# file, so a first search fetches a few KiB per query word to know which base
# parts can hold it.
ROUTE_PAIRS = 2000
ROUTES = "routes"  # its folder, in build/search/ and in site/pagefind/
GRAMS = "grams"  # build/search/grams/<part>.gz: each base part's words, sorted by route_hash
KEEP_SUFFIXES = (".pf_meta", ".pagefind")
SALT = "salt"  # the meta key of _salted
# The weight of a record's words: Pagefind multiplies it by 24 and writes a
# word's locations with a mark wherever the weight differs from 25, its
# default (pagefind/src/index/mod.rs), so at weight 1 (24) each word of each
# record begins with a two-byte mark (1.6 million marks at 1,000 varied
# reports). The seventh session dropped them (1.042 x 24 = 25.008 -> 25, no
# mark); Pagefind 1.5 then answered every-result searches about twice as
# slowly (helper weight4, one index rebuilt both ways at 1,000 varied reports,
# fastest of 3 per query: sum over 27 queries 3.91 s without marks, 1.94 s
# with), for 0.4 MB per 1,000 reports (+0.03x the text). The marks are back.
# Every record's words have this one weight, so the ranking is unchanged.
PAGE_WEIGHT = "1"


@dataclass(frozen=True)
class SearchRecord:
    """One result a search can return: a report or a theme page."""

    key: str  # stable: decides the shard
    url: str  # relative to the site root, e.g. reports/<slug>/
    title: str
    units: tuple[tuple[str, str], ...]  # (anchor on the page or "", text): paragraphs, headings
    meta: tuple[tuple[str, str], ...] = ()  # shown with the result
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # province, level, year, theme
    packed: bytes = b""  # the units, compressed (packed_record), when units is empty
    digest: str = ""  # of a packed record: _digest([record]), computed as it was packed
    size: int = -1  # of a packed record: record_size(record)
    # Where a packed record is held by a build without its packed units (a
    # report's record, kept on disk: generator/build/pipeline.py
    # kept_search_records): gives them (units_of). Not part of the record's value.
    kept: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)


def packed_record(record: SearchRecord, format_: str = "") -> SearchRecord:
    """The record with its units compressed (read back by units_of). The
    build hands the records to the indexer, which holds them until the last
    part is indexed, while the pages are made and MkDocs renders: as text
    they kept every paragraph of every report alive after the reports were
    let go (the build process in MkDocs, 3,000 varied reports: 395-463 MiB
    before, 284-336 after). Its digest and size, which every build reads
    of every record, are computed here, from the units in hand (format_:
    _format(), which reads Pagefind's version from its installed metadata,
    once for all records)."""
    # Each text as UTF-8 bytes, not as the string: pickling a string leaves a
    # UTF-8 copy of it in the string (CPython keeps the encoding it was asked
    # for), and these are the held reports' paragraphs (1,000 varied
    # reports: 11 MiB more in the build until MkDocs).
    encoded = tuple((anchor.encode("utf-8"), text.encode("utf-8")) for anchor, text in record.units)
    return dataclasses.replace(record, units=(), packed=zlib.compress(
        pickle.dumps(encoded, protocol=pickle.HIGHEST_PROTOCOL), 1),
        digest=_digest([record], format_), size=record_size(record))


def units_of(record: SearchRecord) -> tuple[tuple[str, str], ...]:
    """The record's units, packed or not, held or kept on disk (record.kept)."""
    packed = record.packed or (record.kept() if record.kept is not None and not record.units else b"")
    if not packed:
        return record.units
    return tuple((anchor.decode("utf-8"), text.decode("utf-8"))
                 for anchor, text in pickle.loads(zlib.decompress(packed)))


@dataclass(frozen=True)
class SearchIndex:
    shards: tuple[str, ...]  # the index's folders under pagefind/, the first one holds the script
    rebuilt: int  # shards indexed anew in this build
    records: int
    superseded: tuple[str, ...] = ()  # result ids of the base that the delta replaces or that were deleted
    delta: int = 0  # reports in the delta
    routes: tuple[int, tuple[str, ...]] | None = None  # the routing table's bits and the base parts it names


def words(text: str, n: int = GRAM) -> list[str]:
    """The Pagefind words of a text: for each letter or digit the n-gram
    starting there (FILLER where fewer than n are left in its run); one word
    for each other character (not indexed); SPACE for white space."""
    out: list[str] = []
    for match in RUN.finditer(text.lower()):
        run = match.group(0)
        if run[0].isalnum():
            last = len(run) - n
            out.extend(run[i:i + n] if i <= last else FILLER for i in range(len(run)))
        elif run[0].isspace():
            out.append(SPACE)
        else:
            out.append(run)
    return out


def characters(text: str) -> str:
    """What the page shows at each word position of words(text): the
    character (lower-cased, as searched), a space for a run of white space."""
    return "".join(" " if run[0].isspace() else run for run in (m.group(0) for m in RUN.finditer(text.lower())))


def record_content(record: SearchRecord, n: int = GRAM) -> tuple[str, str]:
    """The record's Pagefind content, and where each unit starts: 'anchor:position …'."""
    tokens: list[str] = []
    starts: list[str] = []
    for anchor, text in units_of(record):
        if tokens:
            tokens.append(PARA)
        if anchor:
            starts.append(f"{anchor}:{len(tokens)}")
        tokens.extend(words(text, n))
    return " ".join(tokens), " ".join(starts)


def record_text(record: SearchRecord) -> str:
    """The record's stored text: one character per word position, a line
    break for PARA."""
    return "\n".join(characters(text) for _, text in units_of(record))


def stored_text(record: SearchRecord) -> str:
    """What the index stores of a record for its excerpt: a theme page's
    text (record_text); nothing of a report, whose page holds its text
    (the search page cuts the excerpt from it)."""
    return "" if record.key.startswith("reports/") else record_text(record)


def record_size(record: SearchRecord) -> int:
    return record.size if record.size >= 0 else sum(len(text) for _, text in units_of(record))


def _values(report: Report, key: str) -> tuple[str, ...]:
    value = report.metadata.get(key)
    if value in (None, ""):
        return ()
    return (LEVELS.get(str(value), str(value)) if key == "level" else str(value),)


def report_units(report: Report) -> tuple[tuple[str, str], ...]:
    """What a reader sees of a report, as (anchor, text): title, opening,
    headings and paragraphs, in page order."""
    doc = report.document
    units: list[tuple[str, str]] = [("", report.title)]
    units.extend((p.anchor, p.text) for p in doc.preamble)
    for section in doc.sections:
        units.append((section.anchor, f"{section.number}{section.title}"))
        units.extend((p.anchor, p.text) for p in section.paragraphs)
    for index, table in enumerate(report.cleaned.markup.tables):  # a table is found by its caption and rows
        units.extend((table_anchor(index), text) for text in (table.caption, *(" ".join(row) for row in table.rows))
                     if text)
    return tuple(units)


def search_records(reports: Sequence[Report], taxonomy: Taxonomy, pack: bool = False,
                   text: Callable[[Report], Report] | None = None) -> Iterator[SearchRecord]:
    """One record per report (filters: province, level, year, themes) and one
    per theme page, made as they are taken (a build keeps each report's on
    disk as it comes: all of them held at once were about 7 KiB a report);
    with pack, each report's record packed (packed_record). text: a report
    with its text, for reports the build holds without it
    (generator/build/pipeline.py texts_of), taken one at a time."""
    names = {t.slug: t.name for t in taxonomy.themes}
    format_ = _format() if pack else ""
    for report in sorted(reports, key=lambda r: r.slug):
        report = text(report) if text is not None else report
        themes = tuple(sorted({names[s] for s in report.analysis.theme_counts() if s in names}))
        meta = {"issuer": _values(report, "issuer"), "province": _values(report, "province"),
                "level": _values(report, "level"), "year": _values(report, "year")}
        yield ((functools.partial(packed_record, format_=format_) if pack else _same)(SearchRecord(
            key=f"reports/{report.slug}",
            url=f"reports/{report.slug}/",
            title=report.title,
            units=report_units(report),
            meta=tuple((k, v[0]) for k, v in meta.items() if v),
            filters=tuple((k, v) for k, v in (("province", meta["province"]), ("level", meta["level"]),
                                                ("year", meta["year"]), ("theme", themes)) if v),
        )))
    for theme in taxonomy.themes:
        yield SearchRecord(
            key=f"themes/{theme.slug}",
            url=f"themes/{theme.slug}/",
            title=f"主题：{theme.name}",
            units=(("", theme.name), ("", theme.description)),
            meta=(("kind", "主题"),),
        )


def _same(record: SearchRecord) -> SearchRecord:
    return record


def shard_of(key: str, count: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % count


def record_page(record: SearchRecord) -> tuple[str, dict[str, str]]:
    """The record as the HTML page Pagefind's command line indexes: its words
    (record_content) the page's only text, one paragraph; and the meta the
    page reads from the record's file, which _plain_fragments writes there
    (fragment_meta). Every value is escaped: report text is never markup.

    Only the title (and a salt, _salted) is given to Pagefind, as a <meta>
    element of the head: Pagefind 1.5 indexes every meta value as words of
    their own (a report's "at", 'p-97c003a9:47 s1:179 …', became hundreds
    of index words and locations no query asks for: 83,000 words at 1,000
    varied reports). The paragraph's weight is PAGE_WEIGHT (why: there)."""
    content, starts = record_content(record)
    pagefind_meta = {"title": record.title, **{k: v for k, v in record.meta if k == SALT}}
    head = [f'<meta data-pagefind-meta="{html.escape(k)}[content]" content="{html.escape(v)}">'
            for k, v in pagefind_meta.items()]
    head += [f'<meta data-pagefind-filter="{html.escape(k)}[content]" content="{html.escape(v)}">'
             for k, values in record.filters for v in values]
    page = (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">{"".join(head)}</head>'
            f'<body><p data-pagefind-weight="{PAGE_WEIGHT}">{html.escape(content, quote=False)}</p></body></html>')
    return page, fragment_meta(record, starts)


def fragment_meta(record: SearchRecord, starts: str) -> dict[str, str]:
    """The meta the search page reads from a record's file besides its
    title (search.js: kind, issuer, province, level, year, and "at", where
    each unit starts: 'anchor:position …')."""
    meta = {k: v for k, v in record.meta if k != SALT}
    if starts:
        meta["at"] = starts
    return meta


def indexable(record: SearchRecord) -> bool:
    """Whether the record has a word of the index (a run of GRAM letters or
    digits); Pagefind leaves a record without one out."""
    return any(re.search(rf"[^\W_]{{{GRAM}}}", text) for _, text in units_of(record))


def is_bundle(folder: Path) -> bool:
    """Whether a shard's folder holds a Pagefind index (an empty shard does not)."""
    return (folder / "pagefind-entry.json").is_file()


def record_path(record: SearchRecord) -> str:
    """Where record_page is written under the folder Pagefind indexes: its
    URL (reports/<slug>/) is the page's folder, as Pagefind names results."""
    return record.url.strip("/") + "/index.html"


def _format() -> str:
    """What every shard must share: a base made another way (words, stored
    text, Pagefind, chunk sizes) is made again whole, not patched by a delta
    of every report."""
    return f"{UNITS_VERSION} pagefind-{_pagefind_version()} chunks-{CHUNK_PER_REPORT}-{CHUNK_MIN}"


def _digest(records: Sequence[SearchRecord], format_: str = "") -> str:
    if len(records) == 1 and records[0].digest:  # computed as the record was packed
        return records[0].digest
    h = hashlib.sha256(f"{format_ or _format()}\n".encode())
    for record in records:
        h.update(json.dumps([record.url, record.title, units_of(record), record.meta, record.filters],
                            ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind")


def chunk_size(reports: int) -> int:
    """Locations per index chunk for a shard of this many records."""
    return max(CHUNK_MIN, CHUNK_PER_REPORT * reports)


def route_hash(gram: str) -> int:
    """A word's place in the routing table: CRC-32 of its UTF-8 bytes (the
    page computes the same, search.js routeHash)."""
    return zlib.crc32(gram.encode("utf-8"))


def route_file(hash_: int, bits: int) -> int:
    """The routing file holding a word of this hash: its top bits."""
    return hash_ >> (32 - bits) if bits else 0


def record_grams(record: SearchRecord) -> set[str]:
    """Every word of the index (the bigrams) the record holds."""
    out: set[str] = set()
    for _, text in units_of(record):
        out.update(w for w in words(text) if len(w) == GRAM)
    return out


def write_grams(records: Iterable[SearchRecord], path: Path) -> int:
    """A base part's words, one a line after its route_hash in 8 hex digits,
    sorted (so the parts' lists merge file by file); returns how many."""
    grams: set[str] = set()
    for record in records:
        grams |= record_grams(record)
    lines = sorted(f"{route_hash(g):08x}{g}\n" for g in grams)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.writelines(lines)
    return len(lines)


def build_routes(parts: Sequence[str], counts: Sequence[int], cache_dir: Path, out: Path,
                 stop: threading.Event | None = None) -> int:
    """The routing table of the base: for every word of the index, the
    base parts holding it (a word in none is absent), in 2**bits JSON files
    by route_file, about ROUTE_PAIRS (word, part) pairs each. A file is
    {n: {parts: words}}: for the words of n characters, by the parts holding
    them ("*": all; else their numbers in routes.parts, joined by ","),
    the words concatenated (each n characters: no separator is needed). Written by merging the parts' sorted word lists (write_grams), so
    it holds one file's words at a time. Returns bits.

    Why a file of our own: Pagefind loads every merged index's chunk list
    (pf_meta, about 16 KiB a part) before it can say a part holds nothing,
    so a first search would fetch all parts' lists; the page reads this
    table first and merges only the parts that can hold every query word
    (search.js). It says nothing of order or position: which records match,
    and how, is still Pagefind's answer."""
    pairs = sum(counts)
    bits = max(0, (max(1, pairs) - 1) // ROUTE_PAIRS).bit_length()
    bits = min(bits, 24)
    out.mkdir(parents=True)

    def lines(number: int) -> Iterable[tuple[str, int]]:
        with gzip.open(cache_dir / GRAMS / f"{parts[number]}.gz", "rt", encoding="utf-8") as f:
            for line in f:
                yield line[:-1], number

    # One file: n -> the parts holding a word ("*" for all, else their
    # numbers joined by ",") -> its words of n characters, concatenated.
    table: dict[str, dict[str, list[str]]] = {}
    current = 0
    seen = 0

    def flush() -> None:
        data = {n: {holders: "".join(grams) for holders, grams in sets.items()} for n, sets in table.items()}
        (out / f"{current}.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")

    def add(line: str, holders: list[int]) -> None:
        gram = line[8:]
        key = "*" if len(holders) == len(parts) else ",".join(map(str, holders))
        table.setdefault(str(len(gram)), {}).setdefault(key, []).append(gram)

    last, holders = "", list[int]()
    for line, number in merge(*(lines(n) for n in range(len(parts)))):
        seen += 1
        if stop is not None and seen % 100_000 == 0 and stop.is_set():
            raise Stopped()
        if line != last:
            if last:
                add(last, holders)
            here = route_file(int(line[:8], 16), bits)
            while here != current:
                flush()
                table = {}
                current += 1
            last, holders = line, []
        holders.append(number)
    if last:
        add(last, holders)
    while current < 2 ** bits:
        flush()
        table = {}
        current += 1
    return bits


class Stopped(Exception):
    """The build that asked for the index has failed: indexing stops."""


def _index_shard(records: list[SearchRecord], out: Path, stop: threading.Event | None) -> dict[str, dict[str, str]]:
    """One shard: the records written as pages (record_page)
    beside out, then Pagefind's command line (its public interface, the
    binary `python -m pagefind` runs) over them with the shard's chunk size. Stopped
    (the process ended) as soon as stop is set."""
    if not any(indexable(r) for r in records):
        out.mkdir(parents=True)  # Pagefind makes no index of no words: an empty shard, which is not published
        return {}
    pages = out.with_name(out.name + ".pages")
    shutil.rmtree(pages, ignore_errors=True)
    metas = {}
    try:
        for record in records:
            path = pages / record_path(record)
            path.parent.mkdir(parents=True, exist_ok=True)
            page, metas[record.key] = record_page(record)
            path.write_text(page, encoding="utf-8")
        env = {**os.environ, CHUNK_VARIABLE: str(chunk_size(len(records)))}
        command = [str(_pagefind_binary()), "--site", str(pages), "--output-path", str(out), "--quiet"]
        # a group of its own: a terminal's Ctrl-C reaches the build, which stops it in order
        group = 0 if os.name == "posix" else None
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                              process_group=group) as process:
            while True:
                try:
                    output, _ = process.communicate(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    if stop is not None and stop.is_set():
                        process.kill()
                        process.communicate()
                        raise Stopped() from None
        if process.returncode != 0:
            tail = output.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise BuildError(f"{out}: Pagefind ({command[0]} {command[1]} …) failed with exit code "
                             f"{process.returncode}: {' / '.join(tail)}")
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    return metas


def _pagefind_binary() -> Path:
    """The Pagefind command line the `pagefind[bin]` package installs, as its
    public get_executable finds it (what `python -m pagefind` runs)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise BuildError("Pagefind's command line is not installed: install the project's requirements "
                         "(requirements.lock holds pagefind_bin)")
    return binary


def _index_all(todo: list[tuple[list[SearchRecord], Path]],
               stop: threading.Event | None = None) -> dict[str, dict[str, str]]:
    """One Pagefind process per shard, INDEXERS at a time (memory grows
    with the processes running together). Returns each
    record's meta for its file (record_page)."""
    def one(records: list[SearchRecord], out: Path) -> dict[str, dict[str, str]]:
        if stop is not None and stop.is_set():
            raise Stopped()
        return _index_shard(records, out, stop)

    # Every job runs to its end (a stopped build stops each at once); then a
    # failure is raised rather than the stops it caused.
    with ThreadPoolExecutor(INDEXERS) as pool:
        futures = [pool.submit(one, *item) for item in todo]
    errors = [e for e in (future.exception() for future in futures) if e is not None]
    if errors:
        raise next((e for e in errors if not isinstance(e, Stopped)), errors[0])
    return {key: meta for future in futures for key, meta in future.result().items()}


def _trim(bundle: Path, primary: bool) -> None:
    """Keep what a search needs: the index, and in the index's first shard
    its WebAssembly, worker and script; Pagefind's own UI files are not
    used."""
    for entry in bundle.iterdir():
        if entry.is_dir():
            continue
        needed = entry.name.endswith(".pf_meta") or entry.name == "pagefind-entry.json" or (
            primary and (entry.name in KEEP_FILES or entry.name.endswith(".pagefind")))
        if not needed:
            entry.unlink()


def read_fragment(path: Path) -> dict:
    """One of Pagefind's record files (gzip: FRAGMENT, then the record as
    JSON). The one place that reads Pagefind's stored format: a release that
    changes it stops the build here with what to do, rather than publishing
    a search that finds nothing (tests/test_search.py checks the format of
    the pinned release, PAGEFIND_VERSION)."""
    data = gzip.decompress(path.read_bytes())
    record = json.loads(data[len(FRAGMENT):]) if data.startswith(FRAGMENT) else None
    if not isinstance(record, dict) or not FRAGMENT_KEYS <= record.keys():
        raise BuildError(f"{path}: Pagefind {_pagefind_version()} wrote a record this generator cannot read "
                         f"(it reads the format of Pagefind {PAGEFIND_VERSION}); install the pinned version "
                         f"(requirements.lock) or follow README's \"Upgrading Pagefind\"")
    return record


def _rewrite_fragments(bundle: Path, change: Callable[[str, dict], None]) -> dict[str, str]:
    """Rewrite each record file of a shard with change(record) and return
    record key -> the id Pagefind gives its result (the hash in its file's
    name, e.g. und_4f5eb58), read in the same pass."""
    ids = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        record = read_fragment(path)
        key = record["url"].strip("/")
        change(key, record)
        body = FRAGMENT + json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(body, compresslevel=6, mtime=0))
        ids[key] = path.stem
    return ids


def _plain_fragments(bundle: Path, texts: dict[str, str], metas: dict[str, dict[str, str]]) -> dict[str, str]:
    """Store each record's stored_text instead of the word list Pagefind
    keeps (about 11 bytes for each character of a report), and its meta
    besides the title (fragment_meta: given to Pagefind, it was indexed).
    Its filters are left empty: Pagefind filters with its filter files
    (.pf_filter), and the page reads none of a record's (a report's themes'
    names in every record file were a sixth of them). The index chunks,
    built from the words, are not touched."""
    def change(key: str, record: dict) -> None:
        record["content"] = texts[key]
        record["meta"].update(metas.get(key, {}))
        record["filters"] = {}

    return _rewrite_fragments(bundle, change)


def _index_jobs(jobs: list[tuple[list[SearchRecord], str]], cache_dir: Path, stop: threading.Event | None,
                primary: set[str] | None = None) -> dict[str, dict[str, str]]:
    """Index each job's records into <shard>.new, trim it and store the
    records' text in it. Returns shard name -> record key -> result id (""
    where Pagefind left the record out: it has no word of the index)."""
    todo = [(job, cache_dir / f"{name}.new") for job, name in jobs]
    for _, out in todo:
        shutil.rmtree(out, ignore_errors=True)
    try:
        metas = _index_all(todo, stop)
    except Stopped:
        for _, out in todo:
            shutil.rmtree(out, ignore_errors=True)
        raise
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(f"{cache_dir}: indexing for search failed: {type(exc).__name__}: {exc}") from exc
    made = {}
    for job, name in jobs:
        folder = cache_dir / f"{name}.new"
        # the index's first shard (primary) keeps the script: the page loads it from there
        _trim(folder, primary=name in (primary if primary is not None else {"base"}))
        ids = _plain_fragments(folder, {r.key: stored_text(r) for r in job}, metas)
        made[name] = {r.key: ids.get(r.key, "") for r in job}
    return made


def _clashing(live: dict[str, str], retired: dict[str, list], fresh: set[str]) -> set[str]:
    """Keys of records indexed in this build (fresh) whose id another live
    record has, or a retired (superseded) record of another key has."""
    owners: dict[str, set[str]] = {}
    for key, id_ in live.items():
        if id_:
            owners.setdefault(id_, set()).add(key)
    gone: dict[str, set[str]] = {}
    for key, entry in retired.items():
        if _result_id(entry):
            gone.setdefault(_result_id(entry), set()).add(key)
    out = set()
    for id_, keys in owners.items():
        if len(keys) > 1 or gone.get(id_, keys) - keys:
            out |= keys & fresh
    return out


def _result_id(entry: list) -> str:
    """A base entry of the state, [digest, result id, part]: its id."""
    return entry[1]


def _salted(record: SearchRecord, salt: int) -> SearchRecord:
    """The record with a salt in its meta, which changes its id (Pagefind
    names a record after a hash of what it stores); the page shows no salt."""
    return record if not salt else dataclasses.replace(record, meta=record.meta + ((SALT, str(salt)),), digest="")


def _part_name(part: int) -> str:
    return "base" if part == 0 else f"base-{part}"


def build_search_index(records: Sequence[SearchRecord], cache_dir: Path,
                       stop: threading.Event | None = None) -> SearchIndex:
    """Index what changed since the last build into cache_dir/: reports in
    the base (split into parts of about
    BASE_CHARACTERS by a hash of their key: a Pagefind process's memory grows
    with the text it holds) and, for reports added, edited or deleted since
    the base was made, a delta shard holding their new records (the base's
    old results of them are listed as superseded, for the page to drop);
    theme pages in a shard of their own. When the delta would hold more than
    DELTA_MIN reports or DELTA_SHARE of them, the base parts holding those
    reports are made again instead; the whole base, when nothing is kept or
    the corpus outgrew its parts."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    plan = plan_shards(records, read_state(cache_dir), cache_dir)
    made = _index_with_own_ids(plan, cache_dir, stop)
    counts = _write_part_grams(plan, cache_dir, stop)
    _swap_in(plan, made, cache_dir)
    routes = _route_base(plan, counts, cache_dir, stop)
    return _commit_state(plan, made, cache_dir, routes, counts)


@dataclass
class ShardPlan:
    """What a build indexes: the records by kind, the base as kept (its
    entries [digest, result id, part] by report key, updated as
    parts are made again), the reports the delta holds and those deleted,
    the jobs (records, shard name) to index."""

    records: int
    reports: list[SearchRecord]
    themes: list[SearchRecord]
    digests: dict[str, str]
    state: dict
    parts: int
    base: dict[str, list]
    changed: list[SearchRecord]
    removed: list[str]
    part_of: dict[str, int]
    jobs: list[tuple[list[SearchRecord], str]]
    retired: dict[str, list]  # base entries of the reports the delta replaces or that were deleted

    def serving(self) -> set[str]:
        """The shards besides the base that the index serves."""
        return {name for name, wanted in (("delta", self.changed), ("themes", self.themes)) if wanted}



def read_state(cache_dir: Path) -> dict:
    """The index's state as the last build that finished wrote it ({} if none)."""
    state_file = cache_dir / "state.json"
    return json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}


def plan_shards(records: Sequence[SearchRecord], state: dict, cache_dir: Path) -> ShardPlan:
    """Which shards to index: the whole base when none is kept (or it was
    made another way, or the corpus outgrew its parts); else the delta of
    changed reports, or the base parts holding them when the delta would be
    too large; the theme shard when a theme page changed."""
    reports = [r for r in records if r.key.startswith("reports/")]
    themes = [r for r in records if not r.key.startswith("reports/")]
    format_ = _format()
    digests = {r.key: _digest([r], format_) for r in reports}
    size = sum(record_size(r) for r in reports)
    parts: int = state.get("parts", 0)
    base: dict[str, list] = state.get("base", {})

    def kept(name: str) -> bool:
        return (cache_dir / name).is_dir()

    if not base or state.get("format") != _format() or not all(kept(_part_name(n)) for n in range(parts)) \
            or size > 1.5 * parts * BASE_CHARACTERS:
        base, parts = {}, max(1, -(-size // BASE_CHARACTERS))
    changed = [r for r in reports if base.get(r.key, [""])[0] != digests[r.key]]
    removed = [key for key in base if key not in digests]
    part_of = {r.key: base[r.key][2] if r.key in base else shard_of(r.key, parts) for r in reports}
    jobs: list[tuple[list[SearchRecord], str]] = []  # records, the name of their shard in each index
    # the delta is one Pagefind process, loaded by every search: it stays smaller than a part
    if not base or len(changed) + len(removed) > max(DELTA_MIN, DELTA_SHARE * len(reports)) \
            or sum(record_size(r) for r in changed) > BASE_CHARACTERS // 2:
        again = set(range(parts)) if not base else {part_of[r.key] for r in changed} | {base[k][2] for k in removed}
        for part in sorted(again):
            jobs.append(([r for r in reports if part_of[r.key] == part], _part_name(part)))
        changed, removed = [], []
    if changed and not (state.get("delta") == _digest(changed) and kept("delta")):
        jobs.append((changed, "delta"))
    if themes and not (state.get("themes") == _digest(themes) and kept("themes")):
        jobs.append((themes, "themes"))
    retired = {k: base[k] for k in [r.key for r in changed] + removed if k in base}
    return ShardPlan(len(records), reports, themes, digests, state, parts, base, changed, removed, part_of, jobs,
                     retired)


def _index_with_own_ids(plan: ShardPlan, cache_dir: Path,
                        stop: threading.Event | None) -> dict[str, dict[str, str]]:
    """Index the plan's jobs into <shard>.new folders; returns shard name ->
    record key -> result id. Results are told apart by their ids (und_ and 7
    hex digits, unique only within one Pagefind process) across every shard:
    a record whose id another live record has, or a superseded one, would
    hide a result. Such a record gets a salt in its meta and its shard is
    indexed again."""
    kept_ids = _kept_ids(plan)
    retired = plan.retired
    made_ids: dict[str, dict[str, str]] = {}
    salts: dict[str, int] = {}
    todo_jobs = list(plan.jobs)
    for _ in range(SALT_ROUNDS):
        made_ids.update(_index_jobs(todo_jobs, cache_dir, stop, _first_parts(plan)))
        live = {**{k: _result_id(v) for k, v in plan.base.items()
                   if k not in retired and _part_name(v[2]) not in made_ids},
                **{k: v for ids in [*kept_ids.values(), *made_ids.values()] for k, v in ids.items()}}
        clashing = _clashing(live, retired, {k for ids in made_ids.values() for k in ids})
        if not clashing:
            break
        for key in clashing:
            salts[key] = salts.get(key, 0) + 1
        todo_jobs = [([_salted(r, salts.get(r.key, 0)) for r in job], name) for job, name in plan.jobs
                     if any(r.key in clashing for r in job)]
    return made_ids


def _first_parts(plan: ShardPlan) -> set[str]:
    """The shards that keep the script and WebAssembly, which the page opens
    first: the theme shard (small: a reader's first search loads its chunk
    list, whatever the query) and, for a build whose theme shard has no
    words, the first base part with words: part 0, unless no report of it
    has a word (a part holds hundreds of reports, so only tiny corpora) and
    it is no bundle."""
    # parts in order, each until one of its records has a word: a record may be kept on disk (units_of)
    by_part: dict[int, list[SearchRecord]] = {}
    for record in plan.reports:
        by_part.setdefault(plan.part_of[record.key], []).append(record)
    out = {_part_name(next((part for part in sorted(by_part) if any(indexable(r) for r in by_part[part])), 0))}
    if any(indexable(r) for r in plan.themes):
        out.add("themes")
    return out


def _kept_ids(plan: ShardPlan) -> dict[str, dict[str, str]]:
    """The result ids of the delta and theme shards kept from the last build."""
    indexed = {name for _, name in plan.jobs}
    return {name: ids for name, ids in plan.state.get("ids", {}).items() if name in plan.serving() - indexed}


def _swap_in(plan: ShardPlan, made_ids: dict[str, dict[str, str]], cache_dir: Path) -> None:
    """Put the new shards in place of the old ones and record the base parts
    made again in plan.base; remove a delta no longer served, parts of a
    base with more parts than now and any other folder that is no shard now
    (the bigram shards, pairs-*, of the two indexes before issue 22). From
    here the shards on disk and the state disagree until the state is
    written (_commit_state): the state is removed first, so a build stopped
    in between starts the index again."""
    (cache_dir / "state.json").unlink(missing_ok=True)
    for job, name in plan.jobs:
        shutil.rmtree(cache_dir / name, ignore_errors=True)
        (cache_dir / f"{name}.new").rename(cache_dir / name)
        if name.startswith("base"):
            (cache_dir / GRAMS / f"{name}.gz.new").replace(cache_dir / GRAMS / f"{name}.gz")
            for key in [k for k, v in plan.base.items() if _part_name(v[2]) == name]:
                del plan.base[key]  # deleted reports leave with their part
            # "" where Pagefind left the record out: it has no word of the index
            plan.base.update({r.key: [plan.digests[r.key], made_ids[name][r.key], plan.part_of[r.key]] for r in job})
    names = [_part_name(n) for n in range(plan.parts)]
    current = {*names, *plan.serving(), ROUTES, GRAMS}
    for stale in cache_dir.iterdir():  # the delta no longer served, parts of a larger base, older shapes
        if stale.is_dir() and stale.name not in current:
            shutil.rmtree(stale)
    for stale in (cache_dir / GRAMS).glob("*"):
        if stale.name.removesuffix(".gz") not in names:
            stale.unlink()


def _write_part_grams(plan: ShardPlan, cache_dir: Path, stop: threading.Event | None) -> dict[str, int]:
    """Each base part made in this build: its word list (write_grams) into
    grams/<part>.gz.new, which _swap_in puts in place; returns how many
    words each part holds, made or kept (the state keeps them)."""
    counts: dict[str, int] = dict(plan.state.get("grams", {}))
    for job, name in plan.jobs:
        if stop is not None and stop.is_set():
            for half in (cache_dir / GRAMS).glob("*.new"):
                half.unlink()
            raise Stopped()
        if name.startswith("base"):
            counts[name] = write_grams(job, cache_dir / GRAMS / f"{name}.gz.new")
    return {_part_name(n): counts.get(_part_name(n), 0) for n in range(plan.parts)}


def _route_base(plan: ShardPlan, counts: dict[str, int], cache_dir: Path,
                stop: threading.Event | None) -> tuple[int, tuple[str, ...]]:
    """The base's routing table (build_routes) in cache_dir/routes, made
    again when a base part was; returns its bits and the parts it names."""
    parts = tuple(_part_name(n) for n in range(plan.parts))
    kept = plan.state.get("routes")
    target = cache_dir / ROUTES
    if kept and tuple(kept[1]) == parts and target.is_dir() \
            and not any(name.startswith("base") for _, name in plan.jobs):
        return int(kept[0]), parts
    shutil.rmtree(target, ignore_errors=True)
    fresh = target.with_name(ROUTES + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        bits = build_routes(parts, [counts[p] for p in parts], cache_dir, fresh, stop)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    fresh.rename(target)
    return bits, parts


def _commit_state(plan: ShardPlan, made_ids: dict[str, dict[str, str]], cache_dir: Path,
                  routes: tuple[int, tuple[str, ...]], counts: dict[str, int]) -> SearchIndex:
    """Write the state that matches the shards now on disk, and say what the
    index serves: its shards (those with words) and the base's superseded
    results."""
    ids = {name: v for name, v in {**_kept_ids(plan), **made_ids}.items() if name in plan.serving()}
    # An edit Pagefind cannot see (letter case, white space) gives the delta's
    # record the id of the base's: that id is not superseded, it is current.
    current = set(ids.get("delta", {}).values())
    superseded = tuple(sorted({_result_id(entry) for entry in plan.retired.values()} - current - {""}))
    state = {"format": _format(), "parts": plan.parts, "base": plan.base, "ids": ids,
             "delta": _digest(plan.changed) if plan.changed else None, "themes": _digest(plan.themes),
             "grams": counts, "routes": [routes[0], list(routes[1])]}
    atomic_write(cache_dir / "state.json", json.dumps(state, sort_keys=True).encode(), "the search index's state")
    shards = (tuple(_part_name(n) for n in range(plan.parts)) + (("delta",) if plan.changed else ())
              + (("themes",) if plan.themes else ()))

    # the shards with words, the one the page opens first (holding the script
    # and WebAssembly: the small theme shard where it can) at the head
    served = [n for n in shards if is_bundle(cache_dir / n)]
    if "themes" in served and any((cache_dir / "themes").glob("wasm.*.pagefind")):
        served.remove("themes")
        served.insert(0, "themes")
    return SearchIndex(tuple(served), len(plan.jobs), plan.records, superseded,
                       len(plan.changed) + len(plan.removed), routes)


def _manifest(index: SearchIndex) -> bytes:
    """shards.json: the index's shards (the first holds the script), the
    base's superseded results, and the routing table's bits and the base
    parts its numbers name."""
    routes = {"bits": index.routes[0], "parts": list(index.routes[1])} if index.routes else None
    return json.dumps({"shards": list(index.shards), "superseded": list(index.superseded),
                       "routes": routes}).encode("utf-8")


def is_published(index: SearchIndex, site_dir: Path) -> bool:
    """Whether site_dir already serves this index: no shard was indexed anew
    and its manifest is the one published."""
    manifest = site_dir / "pagefind" / "shards.json"
    return not index.rebuilt and manifest.is_file() and manifest.read_bytes() == _manifest(index)


def publish_search_index(index: SearchIndex, cache_dir: Path, site_dir: Path) -> None:
    """Put the index's shards into site/pagefind/ (hard links where
    the disk allows) with shards.json, which lists them and the base's
    superseded results. Where site_dir already holds a pagefind/ (an
    incremental build's copy of the published site, made of hard links), a
    shard whose files are the cache's own (the same names and inodes: a
    shard made again is a new folder of new files) is kept as it is, and
    only the others are linked again: at 50,000 reports the index is about
    240,000 files, and removing and linking them all took most of an added
    report's publishing. Nothing under site_dir is written through a link:
    what changes is unlinked first."""
    target = site_dir / "pagefind"
    wanted = index.shards + ((ROUTES,) if index.routes else ())
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        target.unlink()
    target.mkdir(parents=True, exist_ok=True)
    for entry in list(os.scandir(target)):  # shards no longer served, and the manifest (written below)
        if entry.name not in wanted:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    for name in wanted:
        shard = target / name
        if shard.is_dir() and not shard.is_symlink() and inodes_below(shard) == inodes_below(cache_dir / name):
            continue
        if shard.is_symlink() or shard.is_file():
            shard.unlink()
        elif shard.exists():
            shutil.rmtree(shard)
        shutil.copytree(cache_dir / name, shard, copy_function=link_or_copy)
    (target / "shards.json").write_bytes(_manifest(index))


def search_page(reports: Sequence[Report], taxonomy: Taxonomy) -> SiteFile:
    """/search/: the search form, with the filters' values known at build time
    (so no filter index is downloaded to draw it)."""
    def values(key: str) -> set[str]:
        return {v for r in reports for v in _values(r, key)}

    order = list(PROVINCES)
    provinces = sorted(values("province"), key=lambda p: (order.index(p) if p in order else len(order), p))
    levels = [name for name in LEVELS.values() if name in values("level")]
    years = sorted(values("year"), reverse=True)
    themes = [t.name for t in taxonomy.themes]

    def select(name: str, label: str, options: list[str]) -> str:
        items = "".join(f'<option value="{html.escape(o)}">{html.escape(o)}</option>' for o in options)
        return (f'<label>{label}<select name="{name}" data-filter="{name}">'
                f'<option value="">全部</option>{items}</select></label>')

    body = f"""<form id="fazhi-search" class="fazhi-search" role="search" aria-label="检索报告全文" data-index="../pagefind/" data-root="../">
<div class="fazhi-search__box"><input type="search" name="q" aria-label="检索词" placeholder="输入词语，如 行政复议、调解" autocomplete="off" required>
<button type="submit" class="md-button md-button--primary">检索</button></div>
<div class="fazhi-search__filters">{select("province", "省份", provinces)}{select("level", "层级", levels)}{select("year", "年度", years)}{select("theme", "主题", themes)}</div>
</form>
<p id="fazhi-search-status" class="fazhi-search__status" role="status" aria-live="polite"></p>
<ol id="fazhi-search-results" class="fazhi-search__results"></ol>
<p><button id="fazhi-search-more" class="md-button" type="button" hidden>显示更多结果</button></p>
<noscript>检索需要浏览器运行 JavaScript。</noscript>
<link rel="stylesheet" href="../assets/stylesheets/search.css">
<script type="module" src="../assets/javascripts/search.js"></script>
"""
    intro = ("在全部报告全文和主题页中检索**原样出现**的词语或短语（两个字以上，如“调解”“行政复议”），"
             "可按省份、层级、年度和主题筛选；每条结果显示词语所在的段落，点击直达原文位置。"
             "按主题筛选留下的是至少有一段归入该主题的报告（多数报告涉及多数主题），"
             "词语不一定出现在该主题的段落中；要逐段阅读某一主题，请用[主题页](../themes/index.md)。\n\n")
    return SiteFile("search/index.md", frontmatter({"title": "全文检索", "search": {"exclude": True}}, intro + body))
