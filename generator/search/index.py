"""Stage: reports and themes -> search records -> Pagefind index shards.

Search is Pagefind (an existing, maintained static search engine: a Rust
indexer shipped in the `pagefind` PyPI package, a WebAssembly search in the
browser that downloads only the index chunks a query needs). Its own Chinese
handling does not find phrases exactly: the indexer cuts words with a
dictionary while the browser cuts the query another way (Pagefind issue
#1237). So this module controls segmentation on both sides, in two indexes
(families) of the same records:

- The **trigram** index: each run of letters and digits is indexed as the
  overlapping character trigrams starting at each of its positions; its last
  two positions hold FILLER, a word that is not indexed. Punctuation and
  spaces become words of their own that are not indexed but keep their
  positions, and a paragraph ends with PARA, so no phrase runs across a
  paragraph. The search page (overrides/assets/javascripts/search.js) turns
  a query of 3 or more characters into its trigrams as a quoted Pagefind
  query: Pagefind's exact search requires them at consecutive positions,
  which holds exactly where the text holds the phrase.
- The **bigram** index, the same with bigrams, for queries holding a run of
  two characters (all of whose runs are then asked as bigrams).

Every query word is one word of its index, so it is in exactly one index
chunk (Pagefind loads one chunk per query word, which is why prefix queries
are not used: a prefix shared by many words spans several chunks and only the
first is loaded). Single characters are not searched.

Why two indexes and not one word holding both (a hyphenated 调解-员, which
Pagefind indexes whole and as its parts): a Pagefind process's memory grows
with the distinct words of each record it holds, and splitting compound words
was half of its time. The one-word shape needed about 4 GiB for 1,000
benchmark reports; each index alone about 2.3 (trigrams) and 2.0 (bigrams),
so each part of the corpus is two processes of about half the memory, for
the same time in all.

A record's stored text (what excerpts are cut from) is its characters, one
per word position (record_text): written into the trigram index's
fragments once a shard is indexed (Pagefind would store the word list).
The bigram index's fragments only say which trigram fragment holds the
record's text and meta ("text": shard/id), so they are stored once.

Publishing one report must not index every report again, and every extra
shard costs each query one more index chunk per word, so each index has
three kinds of shard, kept in build/search/ between builds: the base (all
reports when it was made, in parts of about BASE_CHARACTERS), a delta (only
the reports added or edited since, indexed anew in each build that changes
it, and nothing once the base is made again) and the theme pages. The base's
results of reports the delta replaces or that were deleted are listed as
superseded in shards.json, and the page drops them. The page loads an
index's first base shard's script and merges its other shards (Pagefind's
mergeIndex); it opens the bigram index only for a query that needs it.
"""
from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.analyse.classify import table_anchor
from generator.analyse.taxonomy import Taxonomy
from generator.disk import atomic_write, link_or_copy
from generator.errors import BuildError
from generator.read.regions import PROVINCES
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.render import SiteFile, frontmatter

PARA = "¶"  # between paragraphs: not a letter, so never indexed, but it takes a position
SPACE = "␣"  # stands for a run of white space, which would otherwise vanish from the word list
FILLER = "·"  # a position no query word starts at (the end of a run): not a letter, not indexed
LANGUAGE = "und"  # no stemmer and no word segmentation in Pagefind: the n-grams are the words
# Characters of report text in one part of the base. A Pagefind process's
# memory grows with the text it holds: the trigram index of 1,000 benchmark
# reports (4.8 million characters) took 2.3 GiB, the bigram index 2.0. But
# every part adds its chunk list to a first search.
BASE_CHARACTERS = 3_000_000
INDEXERS = 2  # Pagefind processes at a time
# Pagefind cuts its index into chunks of about this many locations (word
# occurrences) per report the shard holds, and never fewer than CHUNK_MIN.
# A first search downloads every shard's chunk list and, for each query word,
# one chunk per shard: small chunks make the list long, large chunks make
# each download large. Measured on a trigram part of 630 benchmark reports,
# its pf_meta and the two chunks 行政复议 loads: 14.3 KiB at 10 a report,
# 9.2 at 25, 7.4 at 70, 8.3 at 150, 11.6 at 300 (Pagefind's own 20,000 is
# about 30). Set through PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (Pagefind 1.5;
# "unstable": if a release drops it, chunks go back to 20,000 and only the
# download sizes change).
CHUNK_PER_REPORT = 70
CHUNK_MIN = 1000
SALT_ROUNDS = 5  # indexing rounds to give records ids of their own (a second is rare: 28-bit ids)
DELTA_MIN = 100  # the delta may hold this many reports before the base is made again …
DELTA_SHARE = 0.05  # … or this share of them, whichever is more
UNITS_VERSION = "trigrams+bigrams-3"  # change when the word lists or the stored text change shape: every shard is rebuilt
FRAGMENT = b"pagefind_dcd"  # how Pagefind's record files begin, inside their gzip
RUN = re.compile(r"[^\W_]+|\s+|.", re.S)  # a run of letters and digits, of white space, or one other character
KEEP_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
KEEP_SUFFIXES = (".pf_meta", ".pagefind")


@dataclass(frozen=True)
class SearchRecord:
    """One result a search can return: a report or a theme page."""

    key: str  # stable: decides the shard
    url: str  # relative to the site root, e.g. reports/<slug>/
    title: str
    units: tuple[tuple[str, str], ...]  # (anchor on the page or "", text): paragraphs, headings
    meta: tuple[tuple[str, str], ...] = ()  # shown with the result
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # province, level, year, theme


@dataclass(frozen=True)
class SearchIndex:
    shards: tuple[str, ...]  # the trigram index's folders under pagefind/, the first one holds the script
    rebuilt: int  # shards indexed anew in this build (in each index)
    records: int
    superseded: tuple[str, ...] = ()  # result ids of the base that the delta replaces or that were deleted
    delta: int = 0  # reports in the delta
    pairs: tuple[str, ...] = ()  # the bigram index's shards, in the same order


@dataclass(frozen=True)
class Family:
    """One of the two indexes: its words are the n-grams of n characters."""

    n: int
    prefix: str  # of its shard folders


TRIGRAMS = Family(3, "")
BIGRAMS = Family(2, "pairs-")
FAMILIES = (TRIGRAMS, BIGRAMS)


def words(text: str, n: int = 3) -> list[str]:
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


def record_content(record: SearchRecord, n: int = 3) -> tuple[str, str]:
    """The record's Pagefind content, and where each unit starts: 'anchor:position …'."""
    tokens: list[str] = []
    starts: list[str] = []
    for anchor, text in record.units:
        if tokens:
            tokens.append(PARA)
        if anchor:
            starts.append(f"{anchor}:{len(tokens)}")
        tokens.extend(words(text, n))
    return " ".join(tokens), " ".join(starts)


def record_text(record: SearchRecord) -> str:
    """The record's stored text: one character per word position, a line
    break for PARA."""
    return "\n".join(characters(text) for _, text in record.units)


def record_size(record: SearchRecord) -> int:
    return sum(len(text) for _, text in record.units)


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


def search_records(reports: Sequence[Report], taxonomy: Taxonomy) -> list[SearchRecord]:
    """One record per report (filters: province, level, year, themes) and one per theme page."""
    names = {t.slug: t.name for t in taxonomy.themes}
    records = []
    for report in sorted(reports, key=lambda r: r.slug):
        themes = tuple(sorted({names[s] for s in report.analysis.theme_counts() if s in names}))
        meta = {"issuer": _values(report, "issuer"), "province": _values(report, "province"),
                "level": _values(report, "level"), "year": _values(report, "year")}
        records.append(SearchRecord(
            key=f"reports/{report.slug}",
            url=f"reports/{report.slug}/",
            title=report.title,
            units=report_units(report),
            meta=tuple((k, v[0]) for k, v in meta.items() if v),
            filters=tuple((k, v) for k, v in (("province", meta["province"]), ("level", meta["level"]),
                                                ("year", meta["year"]), ("theme", themes)) if v),
        ))
    for theme in taxonomy.themes:
        records.append(SearchRecord(
            key=f"themes/{theme.slug}",
            url=f"themes/{theme.slug}/",
            title=f"主题：{theme.name}",
            units=(("", theme.name), ("", theme.description)),
            meta=(("kind", "主题"),),
        ))
    return records


def shard_of(key: str, count: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % count


def _payload(record: SearchRecord, family: Family) -> dict:
    content, starts = record_content(record, family.n)
    meta = {"title": record.title, **dict(record.meta)}
    if starts:
        meta["at"] = starts
    return {"url": record.url, "content": content, "language": LANGUAGE, "meta": meta,
            "filters": {k: list(v) for k, v in record.filters}}


def _format() -> str:
    """What every shard must share: a base made another way (words, stored
    text, Pagefind, chunk sizes) is made again whole, not patched by a delta
    of every report."""
    return f"{UNITS_VERSION} pagefind-{_pagefind_version()} chunks-{CHUNK_PER_REPORT}-{CHUNK_MIN}"


def _digest(records: Iterable[SearchRecord]) -> str:
    h = hashlib.sha256(f"{_format()}\n".encode())
    for record in records:
        h.update(json.dumps([record.url, record.title, record.units, record.meta, record.filters],
                            ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind")


_chunk_size: contextvars.ContextVar[int] = contextvars.ContextVar("chunk_size")


def chunk_size(reports: int) -> int:
    """Locations per index chunk for a shard of this many records."""
    return max(CHUNK_MIN, CHUNK_PER_REPORT * reports)


class _Prompt:
    """asyncio for pagefind.service, without the 0.1 s pause its reader takes
    before each response (pagefind/service/__init__.py, _wait_for_responses):
    with one record in flight at a time that pause, not indexing, made up
    nearly all the time (10 records a second). The reader still awaits each
    response as it arrives. It also starts each Pagefind process with the
    chunk size of the shard it indexes (each shard's task carries its own)."""

    def __getattr__(self, name: str):
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result=None):
        return await asyncio.sleep(0, result)

    @staticmethod
    async def create_subprocess_exec(*args, **kwargs):
        if os.name == "posix":  # a group of its own: a terminal's Ctrl-C reaches the build, which stops it in
            kwargs.setdefault("process_group", 0)  # order; killed, the build closes its input, and it ends
        size = _chunk_size.get(None)
        if size is not None:
            kwargs["env"] = {**os.environ, **kwargs.get("env", {}), "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(size)}
        return await asyncio.create_subprocess_exec(*args, **kwargs)


class Stopped(Exception):
    """The build that asked for the index has failed: indexing stops."""


async def _index_shard(records: list[SearchRecord], family: Family, out: Path,
                       stop: threading.Event | None = None) -> None:
    import pagefind.service
    from pagefind.index import IndexConfig, PagefindIndex

    pagefind.service.asyncio = _Prompt()  # type: ignore[assignment]  # to be replaced by Pagefind's public API (issue 21)
    _chunk_size.set(chunk_size(len(records)))  # this task's context: the process it starts
    async with PagefindIndex(IndexConfig(output_path=str(out))) as index:
        for n, record in enumerate(records):  # one record's word list at a time: a few times its text
            # not before the first record: PagefindIndex closes its process only once it made an index
            if n and stop is not None and stop.is_set():
                raise Stopped()
            await index.add_custom_record(**_payload(record, family))


async def _index_all(todo: list[tuple[list[SearchRecord], Family, Path]], stop: threading.Event | None = None) -> None:
    """One Pagefind process per shard and index, two at a time (one per
    core; memory grows with the processes running together)."""
    gate = asyncio.Semaphore(INDEXERS)

    async def one(records: list[SearchRecord], family: Family, out: Path) -> None:
        async with gate:
            if stop is not None and stop.is_set():
                raise Stopped()
            await _index_shard(records, family, out, stop)

    # Every task runs to its end (a stopped build stops each at its next record)
    # rather than being cancelled where its Pagefind process may not be closed.
    results = await asyncio.gather(*(one(records, family, out) for records, family, out in todo), return_exceptions=True)
    errors = [result for result in results if isinstance(result, BaseException)]
    if errors:  # a failure rather than the stops it caused
        raise next((e for e in errors if not isinstance(e, Stopped)), errors[0])


def _trim(bundle: Path, primary: bool, script: bool = True) -> None:
    """Keep what a search needs: the index, and in an index's first shard its
    WebAssembly and worker, and the script (which serves both indexes);
    Pagefind's own UI files are not used."""
    for entry in bundle.iterdir():
        if entry.is_dir():
            continue
        needed = entry.name.endswith(".pf_meta") or entry.name == "pagefind-entry.json" or (
            primary and ((entry.name in KEEP_FILES and (script or entry.name != "pagefind.js"))
                         or entry.name.endswith(".pagefind")))
        if not needed:
            entry.unlink()


def _rewrite_fragments(bundle: Path, change) -> dict[str, str]:
    """Rewrite each record file of a shard with change(record) and return
    record key -> the id Pagefind gives its result (the hash in its file's
    name, e.g. und_4f5eb58), read in the same pass."""
    ids = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(FRAGMENT):])
        key = record["url"].strip("/")
        change(key, record)
        body = FRAGMENT + json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(body, compresslevel=6, mtime=0))
        ids[key] = path.stem
    return ids


def _plain_fragments(bundle: Path, texts: dict[str, str]) -> dict[str, str]:
    """Store each record's text (record_text: one character per word
    position) instead of the word list Pagefind keeps, about 11 bytes for
    each character of a report once, the largest part of the index. The
    index chunks, built from the words, are not touched."""
    def change(key: str, record: dict) -> None:
        record["content"] = texts[key]

    return _rewrite_fragments(bundle, change)


def _pointer_fragments(bundle: Path, targets: dict[str, str], texts: dict[str, str]) -> dict[str, str]:
    """A bigram shard's records keep only the name of the trigram index's
    record of the same page ("text": shard/id), which the page reads for the
    text and meta: they are stored once (with its meta, each was 750 bytes).
    A record with no trigram (a text of runs of two characters), which
    Pagefind leaves out of that index, keeps its text here."""
    def change(key: str, record: dict) -> None:
        if key in targets:  # all the page reads of it: meta, anchors and filters are the trigram record's
            record.update(content="", meta={"text": targets[key]}, filters={}, anchors=[])
        else:
            record["content"] = texts[key]

    return _rewrite_fragments(bundle, change)


def _index_jobs(jobs: list[tuple[list[SearchRecord], str]], cache_dir: Path,
                stop: threading.Event | None) -> dict[str, dict[str, list[str]]]:
    """Index each job's records into <shard>.new and pairs-<shard>.new, trim
    them, store the text in the trigram shard and pointers in the bigram
    shard. Returns shard name -> record key -> [trigram id, bigram id] ("" where
    an index left the record out: it has no word of that index)."""
    todo = [(job, family, cache_dir / f"{family.prefix}{name}.new") for job, name in jobs for family in FAMILIES]
    for _, _, out in todo:
        shutil.rmtree(out, ignore_errors=True)
    try:
        # In a thread of its own: the caller may be running an event loop already.
        with ThreadPoolExecutor(1) as thread:
            # the coroutine is made in that thread: one made here and never run (a build
            # stopped as the interpreter exits) is a RuntimeWarning on the console
            thread.submit(lambda: asyncio.run(_index_all(todo, stop))).result()
    except Stopped:
        for _, _, out in todo:
            shutil.rmtree(out, ignore_errors=True)
        raise
    except Exception as exc:
        raise BuildError(f"{cache_dir}: indexing for search failed: {type(exc).__name__}: {exc}") from exc
    made = {}
    for job, name in jobs:
        folders = {family: cache_dir / f"{family.prefix}{name}.new" for family in FAMILIES}
        for family, folder in folders.items():
            _trim(folder, primary=name == "base", script=family == TRIGRAMS)
        texts = {r.key: record_text(r) for r in job}
        ids = _plain_fragments(folders[TRIGRAMS], texts)
        pair_ids = _pointer_fragments(folders[BIGRAMS], {key: f"{name}/{id_}" for key, id_ in ids.items()}, texts)
        made[name] = {r.key: [ids.get(r.key, ""), pair_ids.get(r.key, "")] for r in job}
    return made


def _clashing(live: dict[str, list[str]], retired: dict[str, list], fresh: set[str]) -> set[str]:
    """Keys of records indexed in this build (fresh) whose id, in either
    index, another live record of that index has, or a retired (superseded)
    record of another key has in either."""
    owners: list[dict[str, set[str]]] = [{}, {}]
    for key, pair in live.items():
        for n, id_ in enumerate(pair):
            if id_:
                owners[n].setdefault(id_, set()).add(key)
    gone: dict[str, set[str]] = {}
    for key, entry in retired.items():
        for id_ in _result_ids(entry):
            if id_:
                gone.setdefault(id_, set()).add(key)
    out = set()
    for n in (0, 1):
        for id_, keys in owners[n].items():
            if len(keys) > 1 or gone.get(id_, keys) - keys:
                out |= keys & fresh
    return out


def _result_ids(entry: list) -> tuple[str, str]:
    """A base entry of the state, [digest, trigram id, part, bigram id]: its two ids."""
    return entry[1], entry[3]


def _salted(record: SearchRecord, salt: int) -> SearchRecord:
    """The record with a salt in its meta, which changes its id (Pagefind
    names a record after a hash of what it stores); the page shows no salt."""
    return record if not salt else dataclasses.replace(record, meta=record.meta + (("salt", str(salt)),))


def _part_name(part: int) -> str:
    return "base" if part == 0 else f"base-{part}"


def build_search_index(records: Sequence[SearchRecord], cache_dir: Path,
                       stop: threading.Event | None = None) -> SearchIndex:
    """Index what changed since the last build into cache_dir/, in both
    indexes (FAMILIES): reports in the base (split into parts of about
    BASE_CHARACTERS by a hash of their key: a Pagefind process's memory grows
    with the text it holds) and, for reports added, edited or deleted since
    the base was made, a delta shard holding their new records (the base's
    old results of them are listed as superseded, for the page to drop);
    theme pages in a shard of their own. When the delta would hold more than
    DELTA_MIN reports or DELTA_SHARE of them, the base parts holding those
    reports are made again instead; the whole base, when nothing is kept or
    the corpus outgrew its parts."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    reports = [r for r in records if r.key.startswith("reports/")]
    themes = [r for r in records if not r.key.startswith("reports/")]
    digests = {r.key: _digest([r]) for r in reports}
    size = sum(record_size(r) for r in reports)
    state_file = cache_dir / "state.json"
    state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
    parts: int = state.get("parts", 0)
    base: dict[str, list] = state.get("base", {})

    def kept(name: str) -> bool:
        return all((cache_dir / f"{family.prefix}{name}").is_dir() for family in FAMILIES)

    if not base or state.get("format") != _format() or not all(kept(_part_name(n)) for n in range(parts)) \
            or size > 1.5 * parts * BASE_CHARACTERS:
        base, parts = {}, max(1, -(-size // BASE_CHARACTERS))
    changed = [r for r in reports if base.get(r.key, [""])[0] != digests[r.key]]
    removed = [key for key in base if key not in digests]
    part_of = {r.key: base[r.key][2] if r.key in base else shard_of(r.key, parts) for r in reports}
    jobs: list[tuple[list[SearchRecord], str]] = []  # records, the name of their shard in each index
    if not base or len(changed) + len(removed) > max(DELTA_MIN, DELTA_SHARE * len(reports)):
        again = set(range(parts)) if not base else {part_of[r.key] for r in changed} | {base[k][2] for k in removed}
        for part in sorted(again):
            jobs.append(([r for r in reports if part_of[r.key] == part], _part_name(part)))
        changed, removed = [], []
    delta_digest = _digest(changed)
    if changed and not (state.get("delta") == delta_digest and kept("delta")):
        jobs.append((changed, "delta"))
    themes_digest = _digest(themes)
    if themes and not (state.get("themes") == themes_digest and kept("themes")):
        jobs.append((themes, "themes"))
    # Results are told apart by their ids (und_ and 7 hex digits, unique only
    # within one Pagefind process) across every shard of an index, and the
    # superseded ids apply to both indexes: a record whose id another live
    # record has, or a superseded one, would hide a result. Such a record
    # gets a salt in its meta and its shard is indexed again.
    serving = {name for name, wanted in (("delta", changed), ("themes", themes)) if wanted}
    kept_ids: dict[str, dict[str, list[str]]] = {
        name: ids for name, ids in state.get("ids", {}).items() if name in serving - {n for _, n in jobs}}
    retired = {k: base[k] for k in [r.key for r in changed] + removed if k in base}
    made_ids: dict[str, dict[str, list[str]]] = {}
    salts: dict[str, int] = {}
    todo_jobs = list(jobs)
    for _ in range(SALT_ROUNDS):
        made_ids.update(_index_jobs(todo_jobs, cache_dir, stop))
        live = {**{k: list(_result_ids(v)) for k, v in base.items()
                   if k not in retired and _part_name(v[2]) not in made_ids},
                **{k: v for ids in [*kept_ids.values(), *made_ids.values()] for k, v in ids.items()}}
        clashing = _clashing(live, retired, {k for ids in made_ids.values() for k in ids})
        if not clashing:
            break
        for key in clashing:
            salts[key] = salts.get(key, 0) + 1
        todo_jobs = [([_salted(r, salts.get(r.key, 0)) for r in job], name) for job, name in jobs
                     if any(r.key in clashing for r in job)]
    # From here the shards on disk and the state disagree until the state is
    # written: a build stopped in between starts the index again.
    state_file.unlink(missing_ok=True)
    for job, name in jobs:
        for family in FAMILIES:
            shutil.rmtree(cache_dir / f"{family.prefix}{name}", ignore_errors=True)
            (cache_dir / f"{family.prefix}{name}.new").rename(cache_dir / f"{family.prefix}{name}")
        if name.startswith("base"):
            for key in [k for k, v in base.items() if _part_name(v[2]) == name]:
                del base[key]  # deleted reports leave with their part
            # "" where an index left the record out: it has no word of that index
            base.update({r.key: [digests[r.key], made_ids[name][r.key][0], part_of[r.key], made_ids[name][r.key][1]]
                         for r in job})
    if not changed:
        for family in FAMILIES:
            shutil.rmtree(cache_dir / f"{family.prefix}delta", ignore_errors=True)
    names = [_part_name(n) for n in range(parts)]
    for stale in cache_dir.iterdir():  # parts of a base with more parts than now
        name = stale.name.removeprefix(BIGRAMS.prefix)
        if stale.is_dir() and name.startswith("base") and name not in names:
            shutil.rmtree(stale)
    ids = {name: v for name, v in {**kept_ids, **made_ids}.items() if name in serving}
    # An edit Pagefind cannot see (letter case, white space) gives the delta's
    # record the id of the base's: that id is not superseded, it is current.
    current = {i for v in ids.get("delta", {}).values() for i in v}
    superseded = tuple(sorted(i for entry in retired.values() for i in _result_ids(entry) if i and i not in current))
    atomic_write(state_file, json.dumps({"format": _format(), "parts": parts, "base": base, "ids": ids,
                                         "delta": delta_digest if changed else None,
                                         "themes": themes_digest}, sort_keys=True).encode(), "the search index's state")
    shards = tuple(names) + (("delta",) if changed else ()) + (("themes",) if themes else ())
    return SearchIndex(shards, len(jobs), len(records), superseded, len(changed) + len(removed),
                       tuple(BIGRAMS.prefix + name for name in shards))


def _manifest(index: SearchIndex) -> bytes:
    return json.dumps({"shards": list(index.shards), "pairs": list(index.pairs),
                       "superseded": list(index.superseded)}).encode("utf-8")


def is_published(index: SearchIndex, site_dir: Path) -> bool:
    """Whether site_dir already serves this index: no shard was indexed anew
    and its manifest is the one published."""
    manifest = site_dir / "pagefind" / "shards.json"
    return not index.rebuilt and manifest.is_file() and manifest.read_bytes() == _manifest(index)


def publish_search_index(index: SearchIndex, cache_dir: Path, site_dir: Path) -> None:
    """Put the shards of both indexes into site/pagefind/ (hard links where
    the disk allows) with shards.json, which lists them and the base's
    superseded results."""
    target = site_dir / "pagefind"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in index.shards + index.pairs:
        shutil.copytree(cache_dir / name, target / name, copy_function=link_or_copy)
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
             "可按省份、层级、年度和主题筛选；每条结果显示词语所在的段落，点击直达原文位置。\n\n")
    return SiteFile("search/index.md", frontmatter({"title": "全文检索", "search": {"exclude": True}}, intro + body))
