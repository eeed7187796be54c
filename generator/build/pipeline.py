"""The whole build, as the list of its stages.

    load taxonomy; read sources -> decode -> normalise -> segment (what each
    line of the page is) -> clean (repair the body) -> parse -> describe ->
    analyse   (per report; all problems across all files are collected
    before failing) -> render pages -> write docs -> mkdocs build (every
    page but the report pages, and their frame) -> report pages written by
    filling the frame (generator/plugins/frames.py) -> search index -> swap
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import logging
import os
import re
import shutil
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from generator.analyse.classify import analyse
from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.build.cache import ReportCache, bucket, cache_key, drop_held_pack, held_folder, is_held, without_text
from generator.build.incremental import (
    Listing,
    Since,
    can_reuse,
    docs_since,
    expected_files,
    is_recorded,
    link_copy,
    list_files,
    listed_docs,
    listing_digest,
    made_from,
    prune,
    prune_removed,
    record_published,
    site_stamp,
    unlinking_writes,
)
from generator.build.lock import project_lock
from generator.build.manifest import Changes, changes, write_changes
from generator.build.packs import Packs, grow_table, load_packs, open_packs, shared_table, write_packs
from generator.build.pool import read_reports
from generator.build.spare import being_made, discard_spare, keep_spare, make_spare, take_spare
from generator.disk import atomic_write
from generator.errors import BuildError, ContentError, Problem, os_error
from generator.plugins.frames import REPORT_PAGE, FramePlugin, can_frame, fill_reports
from generator.read.clean import clean
from generator.read.deadlines import load_deadlines
from generator.read.files import MAX_REPORT_MB, MB, not_regular, read_regular
from generator.read.formats import EXTENSIONS, extract, reader_for, refusal, saved_page_folder
from generator.read.history import read_history
from generator.read.markup import attribute, with_markup
from generator.read.metadata import describe
from generator.read.normalise import normalise
from generator.read.page import segment
from generator.read.parse import parse
from generator.read.schema import load_sidecar
from generator.records import Cleaned, Report, Source, ThemeMatch
from generator.search.index import (
    SearchRecord,
    build_search_index,
    is_published,
    publish_search_index,
    search_page,
    search_records,
)
from generator.site.compare import compare_site
from generator.site.measures import measures_site, measures_wanted, no_measures, with_links
from generator.site.memo import Kept, Memo
from generator.site.publish import Skipped, dates_added, publish_pages, site_epoch
from generator.site.reader import reader_site
from generator.site.related import report_links
from generator.site.render import Output, ordered_reports, render_site
from generator.site.series import find_series, series_of, series_site
from generator.site.write import WriteResult, write_pages

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# The search index's state, rewritten by every build: its bytes say what it holds.
SEARCH_STATE = frozenset({"state.json"})
MAX_SLUG = 100  # characters of a file name's stem: the page address and its downloads' names
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Project:
    """Where a site's inputs and outputs live; all derived from its root."""

    root: Path
    max_report_bytes: int = MAX_REPORT_MB * MB  # a larger report is refused before it is read

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def reports_dir(self) -> Path:
        return self.content_dir / "reports"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / "build" / "cache"

    @property
    def search_dir(self) -> Path:
        """The search index's shards, kept between builds."""
        return self.root / "build" / "search"

    @property
    def page_keys(self) -> Path:
        """What each generated page was last made from (generator/site/write.py)."""
        return self.root / "build" / "page-keys.json"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def site_stamp(self) -> Path:
        """What the published site was rendered with (generator/build/incremental.py)."""
        return self.root / "build" / "site-stamp"

    @property
    def published(self) -> Path:
        """What the published site was made from (generator/build/incremental.py)."""
        return self.root / "build" / "published.json"

    @property
    def changes(self) -> Path:
        """What the last publish changed in site/ (generator/build/manifest.py)."""
        return self.root / "build" / "changes.json"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def old_site(self) -> Path:
        """Where the published site waits while a new one is swapped in."""
        return self.site_dir.with_name(f".{self.site_dir.name}.old")

    @property
    def spare_site(self) -> Path:
        """The site published before site/, kept for the next incremental build (generator/build/spare.py)."""
        return self.build_dir / "spare-site"

    @property
    def spare_record(self) -> Path:
        """What turns the spare into a copy of site/ (generator/build/spare.py)."""
        return self.build_dir / "spare-site.json"

    def aside_sites(self) -> list[Path]:
        """Sites being built (or left by killed builds): .site.new-<pid>."""
        return sorted(self.site_dir.parent.glob(f".{self.site_dir.name}.new*"))


class Uninterrupted:
    """Sections that Ctrl-C and SIGTERM must not cut: the swap of site/ and
    the record of what it holds. The command's signal handler calls
    interrupt(): outside a section it raises KeyboardInterrupt at once,
    inside one it is raised as the section ends."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False

    @contextlib.contextmanager
    def section(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if self.depth == 0 and self.pending:
            self.pending = False
            raise KeyboardInterrupt

    def interrupt(self) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt


UNINTERRUPTED = Uninterrupted()


@dataclass(frozen=True)
class Summary:
    reports: int
    pages: int
    written: WriteResult
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # reports taken from the cache


def discover(project: Project, each: Callable[[Source], Source] | None = None) -> tuple[list[Source], list[Problem]]:
    """Find report texts and their sidecars; every stray entry is a problem.
    Each source is passed through `each` as soon as it is read, and what
    that gives is kept (the build notes its key and lets its bytes go).

    Only regular files are read: a symbolic link, a folder or a special file is
    an error naming it, as is a hidden report or sidecar, a name too long for a
    page address, and two names that differ only in letter case."""
    folder = project.reports_dir
    for where in (project.content_dir, folder):
        if where.is_symlink():
            raise ContentError(not_regular(where, stat.S_IFLNK))
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such folder; put report texts in content/reports/<slug>.txt")
    problems: list[Problem] = []
    texts: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    # by name: the order of Paths of one folder, without Path's comparison (its parts, in Python:
    # 100,000 files at 50,000 reports, about two million comparisons)
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    stems = {p.stem for p in entries if reader_for(p)}  # a sidecar beside a bad report is no orphan
    for path in entries:
        mode = path.lstat().st_mode
        if path.name.startswith("."):
            if path.suffix in (".yml", ".yaml") or reader_for(path):
                problems.append(Problem(path, None, (
                    f"is hidden (its name starts with '.') and would be left out: rename it to "
                    f"{path.name.lstrip('.')} to publish it, or move it out of content/reports/")))
            continue  # .gitkeep, .DS_Store, editor files
        if saved_page_folder(path, stems, mode):
            continue  # a browser's <slug>_files/ beside a saved page: never read
        if not stat.S_ISREG(mode):
            problems.append(not_regular(path, mode))
        elif reader_for(path):
            if (first := texts.get(path.stem)) is not None:
                # One report, one file: the .txt (the publisher's own text) is kept, the other named.
                kept, other = (path, first) if path.suffix == ".txt" else (first, path)
                problems.append(Problem(other, None, (
                    f"is a second report named {path.stem} (beside {kept.name}); one report has one "
                    "file: keep the one to publish and move the other out of content/reports/")))
                texts[path.stem] = kept
                continue
            texts[path.stem] = path
        elif refused := refusal(path):
            problems.append(refused)
        elif path.suffix == ".yml":
            sidecars[path.stem] = path
        elif path.suffix == ".yaml":
            problems.append(Problem(path, None, f"sidecars are named <slug>.yml; rename to {path.stem}.yml"))
        else:
            problems.append(Problem(path, None, (
                f"unexpected file; reports are <slug> with one of {', '.join(EXTENSIONS)}, with an optional <slug>.yml")))
    for slug, path in sorted(sidecars.items()):
        if slug not in stems:
            problems.append(Problem(path, None, f"sidecar without a report: expected {slug}.txt (or .html, .pdf, .docx) beside it"))
    by_address: dict[str, list[str]] = {}
    for slug in texts:
        by_address.setdefault(slug.lower(), []).append(slug)
    sources = []
    for slug, path in sorted(texts.items()):
        if not SLUG.fullmatch(slug):
            problems.append(Problem(path, None, (
                "file name is used as the page address and must be Latin letters, digits, '-' or '_' "
                "(e.g. 2023-anhui-shexian-xucun.txt); rename the file")))
            continue
        if len(slug) > MAX_SLUG:
            problems.append(Problem(path, None, (
                f"file name is {len(slug)} characters long; it is the page address and the name of its "
                f"downloads, which allow at most {MAX_SLUG}: shorten it")))
            continue
        if twins := [t for t in by_address[slug.lower()] if t != slug]:
            problems.append(Problem(path, None, (
                f"differs from {', '.join(texts[t].name for t in twins)} only in letter case; on Windows, macOS and "
                "many web hosts they are the same page address: rename all but one")))
            continue
        try:
            raw = read_source(project, path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        source = Source(slug, path, raw, sidecars.get(slug))
        sources.append(each(source) if each else source)
    return sources, problems


def read_source(project: Project, path: Path) -> bytes:
    """A report file's bytes, refused above the project's limit."""
    # A PDF or Word file carries fonts and pictures beside its text: four times the limit.
    return read_regular(path, project.max_report_bytes * (4 if path.suffix.lower() in (".pdf", ".docx") else 1),
                        "a report")


def read_report(source: Source, taxonomy: Taxonomy) -> Report:
    """decode -> normalise -> segment -> clean -> parse -> describe -> analyse, for one report."""
    given: dict[str, object] = {}
    if source.sidecar_path:
        given, problems = load_sidecar(source.sidecar_path)
        if problems:
            raise ContentError(problems)
    extracted = extract(source)  # the reader of the file's format (generator/read/formats/)
    normalised = normalise(extracted.decoded)
    text_only = clean(normalised, segment(normalised.lines))
    cleaned = with_markup(text_only, extracted.markup)
    document = parse(cleaned)
    metadata = attribute(describe(cleaned, document, given), cleaned, text_only.page.facts)
    report = Report(source.slug, source, cleaned, document, metadata, analyse(document, taxonomy, cleaned.markup.tables))
    report.analysis.theme_counts()  # counted here, in parallel, and cached with the report
    return report


def read_held(project: Project, source: Source, taxonomy: Taxonomy) -> Report:
    """read_report for a build that holds its reports lean, run by a reading
    worker: the source's bytes read again from its file (the build holds
    none), the report cached whole under the key of those bytes, and given
    back lean with that key (the build checks it is the one it noted).

    The worker, not the build, writes the cache entry: pickling a report
    stores a UTF-8 copy of each of its strings in the string itself
    (CPython's pickle asks for the text as UTF-8, and a string keeps that
    copy), so a report the build pickled held its text twice until the
    pages were made (1,000 varied reports: 38 -> 58 KiB a lean report)."""
    if not source.raw:
        source = replace(source, raw=read_source(project, source.path))
    report = read_report(source, taxonomy)
    key = cache_key(source, taxonomy.digest)
    ReportCache(project.cache_dir).put(key, report)
    report = without_text(report)  # as the cache's held part holds it
    _frame_only(report.cleaned)
    lean(report)
    object.__setattr__(report, "key", key)
    return report


@dataclass(frozen=True)
class Corpus:
    """Everything read from content/: the taxonomy, the reports that can be
    published, and (with keep_going) the files that were skipped."""

    taxonomy: Taxonomy
    reports: list[Report]
    skipped: list[Skipped] = field(default_factory=list)
    cache_hits: int = 0
    packs: Packs | None = None  # where the held reports are kept for the next build (generator/build/packs.py)


@contextlib.contextmanager
def no_cycle_collection():
    """Python's cycle collector off while the reports are unpickled or
    received: every pass over the growing heap of report objects (none of
    which is garbage) took most of the time. Loading 10,000 cached reports:
    14.7 s with it, 4.1 s without."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_all(project: Project, progress: Progress | None = None, *, use_cache: bool = True,
             keep_going: bool = False, use_lean: bool = False) -> Corpus:
    """Read every report, from the cache where nothing it depends on changed.
    Every problem in every file is collected; without keep_going any problem
    fails the whole build, with it the files at fault are skipped. With
    use_lean the reports are held without their bytes and cleaned lines
    (lean), which only their downloads need: whole_report gives them back."""
    try:
        taxonomy = load_taxonomy(project.content_dir)
    except ContentError as exc:  # list the report files' problems with it, then stop
        raise ContentError(exc.problems + discover(project)[1]) from None
    keys: dict[str, str] = {}
    digests: dict[str, bytes | None] = {}

    def noted(source: Source) -> Source:
        keys[source.slug] = cache_key(source, taxonomy.digest)
        digests[source.slug] = byte_digest(source)
        # Held lean, a report is held without its bytes from the start: every
        # report's bytes held until the last was read were the corpus's whole
        # text in the build (and in each reading worker forked from it). A
        # report read now is read again from its file by its worker (read_held).
        return replace(source, raw=b"") if use_lean else source

    sources, problems = discover(project, noted)
    problems.extend(byte_copies(sources, digests))
    cache = ReportCache(project.cache_dir, enabled=use_cache)
    # Held lean, the reports are kept in packs too (generator/build/packs.py): one
    # whose cache entry is there (its text and lines are read from it) is taken from
    # its pack, already as the build holds it.
    packs = open_packs(held_folder(project.cache_dir), len(sources), read=use_cache) if use_lean else None
    with no_cycle_collection():
        entries = set(os.listdir(project.cache_dir)) if packs and packs.loaded and project.cache_dir.is_dir() else set()
        found: dict[str, Report] = load_packs(packs, [s for s in sources if f"{s.slug}.pickle" in entries],
                                              keys) if packs else {}
        if packs and packs.loaded and 2 * len(found) < len(sources):
            # Most reports are read again (a new generator, a new taxonomy): the
            # table begins anew rather than keep what only the old ones held.
            packs, found = open_packs(held_folder(project.cache_dir), len(sources), read=False), {}
        # what the reports repeat, held once (share_values): the packs' table where there is one
        shared: dict = shared_table(packs) if packs and len(found) < len(sources) else {}
        for source in sources:
            if source.slug in found:
                continue
            if (report := cache.get(source, keys[source.slug], whole=not use_lean)) is not None:
                found[source.slug] = held(report, use_lean, shared)
        unread = [source for source in sources if source.slug not in found]
        # read in parallel where there are enough (generator/build/pool.py), in order;
        # closed on every way out, which stops the workers at once
        reader = functools.partial(read_held, project) if use_lean else read_report
        with contextlib.closing(read_reports(unread, taxonomy, project.content_dir, reader)) as results:
            for n, (source, result) in enumerate(zip(unread, results), start=1):
                if progress:
                    progress(f"reading {n}/{len(unread)}: {source.slug}")
                if isinstance(result, list):
                    problems.extend(result)
                    continue
                if not use_lean:
                    cache.put(keys[source.slug], result)
                elif result.key != keys[source.slug]:  # read again by its worker (read_held): the same bytes?
                    raise BuildError(f"{source.path}: changed while the build was reading it; build again")
                found[source.slug] = held(result, use_lean, shared)
        if packs:
            # a report read again had its bucket's pack removed (ReportCache.put): written again
            for source in unread:
                packs.stored.pop(bucket(source.slug), None)
            grow_table(packs, shared, len(sources))
    del shared
    reports = [found[source.slug] for source in sources if source.slug in found]
    for report in reports:  # each object is this build's own: set in place (dataclasses.replace took 3 s at 10,000)
        object.__setattr__(report, "key", keys[report.slug])
    cache.prune({s.slug for s in sources})
    cache.notice()
    skipped: list[Skipped] = []
    if problems:
        if not keep_going:
            raise ContentError(problems)
        by_file: dict[Path, list[Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.path, []).append(problem)
        reports = [r for r in reports if r.source.path not in by_file and r.source.sidecar_path not in by_file]
        skipped = [Skipped(path, tuple(ps)) for path, ps in sorted(by_file.items())]
    if not reports:
        raise BuildError(f"{project.reports_dir}: no reports found; add <slug>.txt files")
    return Corpus(taxonomy, reports, skipped, cache.hits + (packs.hits if packs else 0), packs)


def held(report: Report, use_lean: bool = False, shared: dict | None = None) -> Report:
    """The report as the build holds it until the pages are made, made so as
    each one arrives (and is cached whole): held all at once and made lean
    only after the last one was read, the build's memory peaked there, and
    what was let go then was not all given back (3,000 varied reports, the
    build process's peak: 474 MiB made lean at the end, 412 as each arrives).
    Lean, it is held without its text too (cache.without_text: what a
    reading worker and a cache entry give already)."""
    if use_lean and not is_held(report):
        report = without_text(report)
    _frame_only(report.cleaned)
    share_values(report, {} if shared is None else shared)
    if use_lean:
        lean(report)
    return report


def lean(report: Report) -> None:
    """Hold the report without what only its two downloads read: the
    publisher's bytes (13 KB a report of text; a PDF many times that) and
    the cleaned body lines (about 11 KB), 24 KB of the about 100 a report the
    build held until the pages were made. A download made in this build
    takes them back from the file and the cache (whole_report). In place:
    each object is this build's own."""
    source = replace(report.source, raw=b"")
    object.__setattr__(report, "source", source)
    object.__setattr__(report.cleaned, "source", source)
    object.__setattr__(report.cleaned, "lines", ())


def whole_report(project: Project, taxonomy: Taxonomy) -> Callable[[Report], Report]:
    """The report a build holds lean, whole again: its file's bytes read
    again (they must still be those it was read from: its cache key says
    so) and its cleaned lines from its cache entry, which the build wrote or
    found under that key. The last one is kept: a report's two downloads
    are made one after the other."""
    cache = ReportCache(project.cache_dir)
    last: list[Report] = []

    def whole(report: Report) -> Report:
        if last and last[0] is report:
            return last[1]
        source = replace(report.source, raw=read_source(project, report.source.path))
        stored = cache.stored(report.slug, report.key) if cache_key(source, taxonomy.digest) == report.key else None
        if stored is None:
            drop_held_pack(project.cache_dir, report.slug)  # not taken from its pack again
            raise BuildError(f"{report.source.path}: changed while the build was making its pages "
                             "(or its cache entry in build/cache/ did); build again")
        found = replace(stored, source=source, cleaned=replace(stored.cleaned, source=source))
        last[:] = [report, found]
        return found

    return whole


def texts_of(project: Project) -> Callable[[Report], Report]:
    """The report a build holds without its text (cache.without_text) with
    it, from its cache entry, which the build wrote or found under the
    report's key: for the pages that quote it (its own page, its search
    record, the 对照 of a series, shared templates), made only when it
    changed. A report held with its text is given back as it is. The last
    one is kept: one report's pages are made one after the other."""
    cache = ReportCache(project.cache_dir)
    last: list[Report] = []

    def with_text(report: Report) -> Report:
        if not is_held(report):
            return report
        if last and last[0] is report:
            return last[1]
        found = cache.with_text(report) if report.key else None
        if found is None:
            drop_held_pack(project.cache_dir, report.slug)  # not taken from its pack again
            raise BuildError(f"{report.source.path}: its cache entry in build/cache/ changed or went while the "
                             "build was making its pages; build again")
        last[:] = [report, found]
        return found

    return with_text


def _frame_only(cleaned: Cleaned) -> None:
    """Once a report is read (and cached whole), the build keeps only the
    lines of its page's frame (what the report page lists as removed): the
    body lines repeat the cleaned text, about 11 KB a report, 110 MB at
    10,000 reports held until the pages are made."""
    page = cleaned.page
    if any(line.role == "body" for line in page.lines):
        object.__setattr__(cleaned, "page", replace(page, lines=tuple(p for p in page.lines if p.role != "body")))


SHARED_MAX = 24  # characters of a string held once for all reports (sys.intern): a term, an anchor, a numbering


def share_values(report: Report, shared: dict) -> None:
    """Hold what every report repeats once for all reports, in place (each
    object is this build's own). Values are unchanged: only which object
    holds them.

    Unpickled, every value is a new object: each report held its own copies
    of the theme terms that matched (about 90 a report), of its anchors and
    numberings (a passage equal to its paragraph already shares its text:
    pickle keeps that): the short strings are interned (sys.intern). Whole
    records that are equal across reports are held once too, from `shared`
    (one table for the build's reports): a passage's theme matches (about
    50 a report, 4 % of them distinct at 1,000 varied reports: the same
    terms give the same score), part matches and section titles (9 of the
    44 KiB a lean report held). Also held once: a held text's lengths
    (HeldText), a passage's tuple of matches, metadata keys, origins and
    short values (places, levels), theme and indicator names, the frame
    lines' roles and reasons, diagnostics' codes and messages (1,000 varied
    reports: 23.2 -> 17.9 KiB of objects a held report)."""
    # Locals for what runs for every paragraph and passage of every report
    # (14 s of a build that loaded 50,000 reports from the cache).
    put, anchor = object.__setattr__, sys.intern
    get, one = shared.get, shared.setdefault

    def intern(value: str) -> str:  # interned, and in `shared` (the table generator/build/packs.py keeps)
        value = sys.intern(value)
        return one(value, value)

    # An anchor is a digest of its paragraph (generator/read/parse.py): one report's
    # passages name its paragraphs' anchors, and no other report's are equal.
    # Interned only, not in `shared`: in the packs' table they were 80 % of it.
    doc = report.document
    for paragraph in doc.preamble:
        put(paragraph, "anchor", anchor(paragraph.anchor))
    for section in doc.sections:
        put(section, "anchor", anchor(section.anchor))
        put(section, "number", intern(section.number))
        put(section, "kind", intern(section.kind))
        put(section, "title", shared.setdefault(section.title, section.title))
        for paragraph in section.paragraphs:
            put(paragraph, "anchor", anchor(paragraph.anchor))
    # A held text (HeldText: two lengths) is one object for all reports where they are equal;
    # a text itself is never put in the table.
    lengths = is_held(report)
    if lengths:
        for paragraph in doc.preamble:
            put(paragraph, "text", one(paragraph.text, paragraph.text))
        for section in doc.sections:
            for paragraph in section.paragraphs:
                put(paragraph, "text", one(paragraph.text, paragraph.text))
    for passage in report.analysis.passages:
        put(passage, "anchor", anchor(passage.anchor))
        put(passage, "paragraph", anchor(passage.paragraph))
        put(passage, "section", anchor(passage.section))
        if lengths:
            put(passage, "text", one(passage.text, passage.text))
        if passage.themes:
            themes = tuple([get(match) or _one_match(match, shared) for match in passage.themes])
            put(passage, "themes", one(themes, themes))
    analysis = report.analysis
    put(analysis, "parts", tuple(one(match, match) for match in analysis.parts))
    if "_counts" in vars(analysis):  # counted by the reading worker (read_report), pickled with the report
        vars(analysis)["_counts"] = {intern(theme): n for theme, n in analysis._counts.items()}
    for figure in analysis.figures:
        put(figure, "indicator", intern(figure.indicator))
        put(figure, "unit", intern(figure.unit))
        put(figure, "approx", intern(figure.approx))
    metadata = report.metadata
    for value in metadata.values.values():
        put(value, "origin", intern(value.origin))
        if isinstance(value.value, str) and len(value.value) <= SHARED_MAX:  # places, levels
            put(value, "value", one(value.value, value.value))
    put(metadata, "values", {intern(key): value for key, value in metadata.values.items()})
    page = report.cleaned.page
    for line in page.lines:  # the frame's
        put(line, "role", intern(line.role))
        put(line, "reason", one(line.reason, line.reason))
    for diagnostic in (*report.cleaned.diagnostics, *doc.diagnostics, *metadata.diagnostics, *page.diagnostics,
                       *report.cleaned.markup.diagnostics):
        put(diagnostic, "code", intern(diagnostic.code))
        put(diagnostic, "message", one(diagnostic.message, diagnostic.message))
        put(diagnostic, "severity", intern(diagnostic.severity))


def _one_match(match: ThemeMatch, shared: dict) -> ThemeMatch:
    """The build's one object equal to match, its strings interned."""
    if (one := shared.get(match)) is not None:
        return one
    object.__setattr__(match, "theme", sys.intern(match.theme))
    object.__setattr__(match, "terms", tuple(sys.intern(t) if len(t) <= SHARED_MAX else t for t in match.terms))
    if match.heading_terms:
        object.__setattr__(match, "heading_terms", tuple(
            sys.intern(t) if len(t) <= SHARED_MAX else t for t in match.heading_terms))
    shared[match] = match
    return match


def byte_digest(source: Source) -> bytes | None:
    """What two reports that are byte-for-byte copies share: the digest of
    their bytes and their sidecar's; None when the sidecar cannot be read
    (its own reading says what is wrong with it)."""
    digest = source.digest()
    if source.sidecar_path is not None:
        try:
            digest += hashlib.sha256(source.sidecar_path.read_bytes()).digest()
        except OSError:
            return None
    return digest


def byte_copies(sources: Sequence[Source], digests: dict[str, bytes | None] | None = None) -> list[Problem]:
    """A report whose bytes are those of another, sidecar and all (sorted by
    name: the first is kept), is an error naming both: published twice, it
    would count twice in every comparison. One text under two sidecars that
    say different things is two reports to the generator (and two of one
    issuer and year are a warning: same_issuer_and_year). digests: each
    source's byte_digest, when the sources are held without their bytes."""
    first: dict[bytes, Source] = {}
    problems = []
    for source in sources:
        digest = digests[source.slug] if digests is not None else byte_digest(source)
        if digest is None:
            continue
        if (kept := first.setdefault(digest, source)) is not source:
            problems.append(Problem(source.path, None, (
                f"is a byte-for-byte copy of {kept.path.name}: the same report would be published twice; "
                "delete one of the two files")))
    return problems


def same_issuer_and_year(reports: Sequence[Report]) -> list[str]:
    """Two reports of one issuer and year: a warning naming every file (a
    corrected version beside the first, or a wrong year or issuer)."""
    groups: dict[tuple[str, str], list[Report]] = {}
    for report in reports:
        issuer, year = report.metadata.get("issuer"), report.metadata.get("year")
        if issuer and year:
            groups.setdefault((str(issuer), str(year)), []).append(report)
    out = []
    for (issuer, year), group in groups.items():
        for report in group[1:] if len(group) > 1 else ():
            others = ", ".join(r.source.path.name for r in group if r is not report)
            out.append(f"{report.source.path}: duplicate-issuer-year: {issuer}, {year}: the same issuer and year as "
                       f"{others}; keep one report per issuer and year (delete the older version), or correct the "
                       "issuer or year in the sidecar")
    return out


def warnings_of(reports: Sequence[Report]) -> list[str]:
    return [
        f"{r.source.path}: {d.code}: {d.message}"
        for r in reports for d in r.diagnostics if d.severity == "warning"
    ] + same_issuer_and_year(reports)


def mkdocs_yml(project: Project) -> dict:
    """mkdocs.yml as written (its !ENV values resolved), read before docs
    exist, for the settings the pages need (site_url, originals_url)."""
    from mkdocs.utils.yaml import yaml_load

    with open(project.config, encoding="utf-8") as f:
        loaded = yaml_load(f) or {}
    return loaded if isinstance(loaded, dict) else {}


def site_url(yml: dict) -> str:
    """site_url of mkdocs.yml (with its !ENV default)."""
    return str(yml.get("site_url") or "")


def originals_url(project: Project, yml: dict) -> str:
    """extra.originals_url of mkdocs.yml: the address under which the
    publisher's content/reports/ files are served (e.g. the repository's raw
    files); set, the site links each report's file there instead of
    publishing a copy (generator/site/render.py original_link). "" unset."""
    extra = yml.get("extra") or {}
    url = extra.get("originals_url") if isinstance(extra, dict) else None
    if url in (None, ""):
        return ""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or not url.endswith("/"):
        raise BuildError(f"{project.config}: extra.originals_url must be an http(s) address ending in '/' "
                         f"under which content/reports/ is served, got {url!r}; fix it (or the environment variable "
                         f"mkdocs.yml reads it from, ORIGINALS_URL as shipped), or unset it to publish a copy of each original")
    return url


def generate(project: Project, progress: Progress | None = None, *, use_cache: bool = True,
             keep_going: bool = False) -> tuple[Corpus, int, WriteResult, int]:
    """Everything up to the Markdown: used by build, serve and check.
    Returns the corpus, the number of pages, what was written, and the
    SOURCE_DATE_EPOCH of the content (for mkdocs' dates)."""
    # The reports live until the pages are made: the collector's full passes
    # leave them out (gc.freeze, before the collector is back on: its first
    # pass over 10,000 reports took 2 s) instead of walking them again and again.
    yml = mkdocs_yml(project)
    originals = originals_url(project, yml)  # a wrong setting fails before the reading
    with no_cycle_collection():
        corpus = read_all(project, progress, use_cache=use_cache, keep_going=keep_going, use_lean=True)
        gc.freeze()
    try:
        if progress:
            progress(f"making pages of {len(corpus.reports)} reports")
        made = _make_pages(project, corpus, use_cache, site_url(yml), originals)
        if corpus.packs:  # after the pages (generator/build/packs.py: a string pickled keeps a UTF-8 copy)
            with no_cycle_collection():
                write_packs(corpus.packs, corpus.reports)
        return made
    finally:
        gc.unfreeze()


def _make_pages(project: Project, corpus: Corpus, use_cache: bool, site: str = "",
                originals: str = "") -> tuple[Corpus, int, WriteResult, int]:
    reports, taxonomy = corpus.reports, corpus.taxonomy
    added = dates_added(project.root, project.reports_dir)
    series = find_series(reports)
    in_series = series_of(series)
    # timeliness, coverage, versions, repeats (issue 20): git history is read here, before the pages
    measures = measures_site(reports, series, load_deadlines(project.content_dir),
                             read_history(project.root, project.reports_dir),
                             Memo(project.cache_dir / "measures", read=use_cache),
                             texts_of(project)) if measures_wanted() else no_measures()
    if measures.note:
        print(f"note: {measures.note}", file=sys.stderr)
    if not use_cache:  # --clean: every page is made again
        project.page_keys.unlink(missing_ok=True)
    # Each report page's frontmatter from the other stages (related reports, series, citation,
    # measures: about 5 KiB a report): taken by the report pages, then let go, not held while
    # the later groups are made (at 5,000 varied reports, the pages' peak 255 -> 230 MiB).
    ordered = ordered_reports(reports, taxonomy)  # shared by the report pages, listings and comparisons
    rows = project.cache_dir / "rows"  # what cross-report files take from each report (site/memo.py Kept)
    links = [with_links(report_links(reports, taxonomy, in_series, ordered), measures.links)]
    epoch = site_epoch(reports, added)  # the newest content's date: sitemap dates and /data/'s update date
    measured, measures = [measures.pages], replace(measures, pages=[], links={})  # written first, then let go
    groups: list[Callable[[], Iterable[Output]]] = [
        measured.pop,
        lambda: render_site(reports, taxonomy, corpus.skipped, links.pop(), whole_report(project, taxonomy), originals,
                            ordered),
        lambda: compare_site(reports, taxonomy, ordered, Kept(rows / "matrix.pickle", read=use_cache)),
        lambda: publish_pages(reports, taxonomy, corpus.skipped, added, site, measures.edits, originals, epoch,
                              Kept(rows / "reports-csv.pickle", read=use_cache)),
        lambda: reader_site(reports, taxonomy, in_series, ordered),
        lambda: series_site(series, taxonomy, measures.series_table),
        lambda: [search_page(reports, taxonomy)],
    ]
    written = write_pages(one_group_at_a_time(groups), project.docs_dir, project.page_keys)
    return corpus, written.pages, written, epoch


def one_group_at_a_time(groups: list[Callable[[], Iterable[Output]]]) -> Iterator[Output]:
    """The pages of each group, made when the one before it is written:
    only one group's pages are held at a time (each maker is dropped once
    called, so what it returned goes as soon as it is written)."""
    while groups:
        yield from groups.pop(0)()


def build(project: Project, *, strict: bool = False, clean: bool = False, keep_going: bool = False,
          progress: Progress | None = None) -> Summary:
    """One build of the project: holds the project's lock throughout, and
    first repairs what a killed build left."""
    with project_lock(project.build_dir, "build"):
        recover(project)
        started = time.monotonic()
        with ThreadPoolExecutor(1) as indexer:
            # Pagefind indexes in processes of its own once the pages are
            # written, beside MkDocs' rendering; its records are made from the
            # reports then, before they go. Started as soon as every report
            # was read, its processes (about 550 MiB at any size) and the
            # records (about 7 KiB a report) were held while the pages were
            # made, when the build holds every report: the build's peak.
            # Indexing (35 s at 1,000 varied reports, 93 s at 10,000) takes
            # less than MkDocs' rendering (80 s at 1,000), so no core waits.
            # If the build fails anywhere, indexing stops rather than holding
            # the failure back for minutes.
            indexing: list[Future] = []
            stop = threading.Event()
            try:
                corpus, pages, written, epoch = generate(project, progress, use_cache=not clean,
                                                         keep_going=keep_going)
                with no_cycle_collection():  # the collector's passes over every report cost seconds
                    records = kept_search_records(project, corpus, use_cache=not clean)
                indexing.append(indexer.submit(build_search_index, records, project.search_dir, stop))
                del records
                warnings = warnings_of(corpus.reports)  # skipped files are listed apart, once
                if strict and (warnings or corpus.skipped):
                    raise BuildError("strict mode: content warnings:\n" + "\n".join(
                        warnings + [f"{p}: skipped" for s in corpus.skipped for p in s.problems]))
                if progress:
                    progress(f"mkdocs renders the site ({pages} pages) while pagefind indexes it for search")
                stamp = site_stamp(project.config, project.overrides_dir)
                dirty = not clean and can_reuse(project.site_dir, project.site_stamp, stamp)
                done = functools.partial(Summary, len(corpus.reports), pages, written, warnings,
                                         skipped=corpus.skipped, cached=corpus.cache_hits)
                # Every report object goes before MkDocs holds every page it renders
                # (a full build of 1,000 reports: the generator's peak 456 -> 372 MiB).
                del corpus
                gc.collect()
                return_freed_memory()
                indexed = indexing[0].result
                # One walk of the docs (a stat per file): what the site is made
                # from, and (against the published record) what changed since.
                docs_files = list_files(project.docs_dir)
                docs = listing_digest(stamp, {project.docs_dir.name: docs_files})
                search: list[str] = []
                if (dirty and is_recorded(project.published, project.site_dir, docs=docs)
                        and not indexed().rebuilt and is_published(indexed(), project.site_dir)
                        and is_recorded(project.published, project.site_dir, docs=docs,
                                        search=made_from("", project.search_dir, read=SEARCH_STATE))):
                    # Nothing the site is made from changed since it was published: it is this build's.
                    return done(seconds=time.monotonic() - started)

                found: list[Changes] = []

                def add_search(site: Path) -> None:
                    index = indexed()
                    search.append(made_from("", project.search_dir, read=SEARCH_STATE))  # the state that is published
                    publish_search_index(index, project.search_dir, site)
                    found.append(changes(site, project.site_dir, everything=clean))  # before the swap, interruptible

                def record() -> None:  # only after the swap, what the next build trusts says what site/ holds
                    write_changes(project.changes, found[0])
                    atomic_write(project.site_stamp, stamp.encode(), "the site's stamp")
                    record_published(project.published, project.site_dir, docs_files, docs=docs, search=search[0])

                def keep(replaced: Path) -> bool:  # the replaced site as the next build's copy, if it can be
                    # (a site rendered whole shares no file with the one it replaced: made below instead)
                    return dirty and keep_spare(replaced, project.spare_site, project.spare_record, project.site_dir,
                                                found[0])

                since = docs_since(project.published, project.site_dir, docs_files) if dirty else None
                run_mkdocs(project, strict=strict, epoch=epoch, dirty=dirty, then=add_search, swapped=record,
                           keep=keep, since=since, docs_files=docs_files)
                if found and not dirty:  # published; the next build starts from a spare too
                    make_spare(project.site_dir, project.spare_site, project.spare_record)
            except BaseException:  # a failure anywhere (mkdocs too, or Ctrl-C): indexing stops
                stop.set()
                raise
        return done(seconds=time.monotonic() - started)


def kept_search_records(project: Project, corpus: Corpus, use_cache: bool = True) -> list[SearchRecord]:
    """search_records(pack=True) of the corpus, each report's record kept
    between builds beside the report cache (build/cache/search/), under the
    report's key and the installed Pagefind's version (the record's digest
    holds it): a build makes the records of new and changed reports only
    (packing every report's units took 14 s of a build at 50,000 reports).

    A report's record is given without its packed units, which it reads
    from its entry there when indexed (SearchRecord.kept): held by the
    indexer until the last part was indexed, beside MkDocs, they were about
    7 KiB a report (340 MiB at 50,000 varied reports)."""
    memo = Memo(project.cache_dir / "search", read=use_cache)
    try:
        pagefind = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        pagefind = "none"
    keys = {r.slug: f"{r.key}\n{pagefind}" if r.key else "" for r in corpus.reports}
    found: dict[str, SearchRecord] = {}
    for report in corpus.reports:
        kept = memo.get(report.slug, keys[report.slug])
        if kept is not None and isinstance(record := kept.get("record"), SearchRecord):
            found[report.slug] = held_record(memo, report.slug, keys[report.slug], record)
    others = []
    for record in search_records([r for r in corpus.reports if r.slug not in found], corpus.taxonomy, pack=True,
                                 text=texts_of(project)):
        slug = record.key.removeprefix("reports/")
        if record.key.startswith("reports/") and slug in keys:
            memo.put(slug, keys[slug], {"record": record})
            found[slug] = held_record(memo, slug, keys[slug], record)
        else:
            others.append(record)  # the theme pages'
    memo.prune(set(keys))
    return [found[slug] for slug in sorted(found)] + others


def held_record(memo: Memo, slug: str, key: str, record: SearchRecord) -> SearchRecord:
    """A packed record as the build holds it: without its packed units,
    which it reads back from memo's entry (written under key) when asked;
    as it is where memo keeps nothing (a report without a key)."""
    if not key or memo.folder is None or not record.packed:
        return record

    def packed() -> bytes:
        kept = memo.stored(slug, key)
        record = kept.get("record") if kept is not None else None
        if not isinstance(record, SearchRecord) or not record.packed:
            raise BuildError(f"{memo.folder}/{slug}.pickle: changed or went while the build was indexing "
                             "for search; build again")
        return record.packed

    return replace(record, packed=b"", kept=packed)


def return_freed_memory() -> None:
    """Give the memory the reports held back to the system, where the C
    library can (glibc's malloc_trim): freed, it stayed the build's while
    MkDocs rendered (1,000 varied reports: 226 -> 163 MiB)."""
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim  # by name: find_library would run ldconfig
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        return
    trim(0)


def recover(project: Project) -> None:
    """Undo what a build killed part-way left; run first by every command that
    holds the project's lock. A kill between the swap's two renames leaves the
    published site in .site.old and none in site/: put it back. Aside sites
    and the cache's temporary files of killed builds are removed."""
    site, old = project.site_dir, project.old_site
    try:
        if old.exists() and not site.exists():
            old.rename(site)
    except OSError as exc:
        raise os_error(old, exc, f"put the published site back into {site}") from None
    for leftover in [old, *project.aside_sites(), being_made(project.spare_site)]:
        _remove_tree(leftover, "remove what a previous build left")
    for tmp in project.cache_dir.glob("*.tmp"):
        tmp.unlink(missing_ok=True)


def _remove_tree(path: Path, doing: str) -> None:
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    except OSError as exc:  # rmtree names the entry relative to its folder: name the tree
        raise os_error(path, exc, doing) from None


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_config(project: Project, **overrides):
    from mkdocs.config import load_config

    return load_config(str(project.config), **overrides)


def run_mkdocs(project: Project, *, strict: bool = False, epoch: int = 0, dirty: bool = False,
               then: Callable[[Path], None] | None = None, swapped: Callable[[], None] | None = None,
               keep: Callable[[Path], bool] | None = None, since: Since | None = None,
               docs_files: Listing | None = None) -> None:
    """Build the site aside and swap it in only when mkdocs succeeded, so a
    failed build never leaves site/ missing or half-written. Dates mkdocs
    writes (sitemap) come from the content via SOURCE_DATE_EPOCH. `then`
    adds to the site built aside (the search index) before the swap. A dirty
    build starts from a hard-linked copy of the published site and renders
    only pages whose Markdown changed (generator/build/incremental.py);
    that copy is the spare site brought up to date where there is one
    (generator/build/spare.py). After the swap `keep` may keep the replaced
    site (as the spare); otherwise it is deleted. With `since` (what changed
    in the docs since the published site was made, and docs_files, the docs
    now), a dirty build prunes and fills only what changed."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    counter = _Counter()
    log = logging.getLogger("mkdocs")
    log.addHandler(counter)
    site, old = project.site_dir, project.old_site
    aside = site.with_name(f".{site.name}.new-{os.getpid()}")  # no two processes share it
    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        try:
            config = mkdocs_config(project, strict=strict, site_dir=str(aside))
            # Report pages are written by filling their frame, not by MkDocs
            # (generator/plugins/frames.py), where the project's templates allow it.
            # In a dirty build that knows what changed, only changed docs are rendered and copied.
            changed = since.changed if dirty and since is not None else None
            framing = FramePlugin(changed) if can_frame(project.overrides_dir) else None
            if framing:
                config.plugins["fazhi-frame"] = framing
            if dirty:
                if not take_spare(project.spare_site, project.spare_record, site, aside):
                    discard_spare(project.spare_site, project.spare_record)
                    link_copy(site, aside)
                with unlinking_writes(aside), (listed_docs(project.docs_dir, docs_files) if docs_files is not None
                                               else contextlib.nullcontext()):
                    mkdocs_build(config, dirty=True)
                if since is not None and docs_files is not None:
                    prune_removed(aside, since.removed, docs_files, config.use_directory_urls)
                else:
                    prune(aside, project.docs_dir, expected_files(config))
            else:
                discard_spare(project.spare_site, project.spare_record)
                mkdocs_build(config)
            if framing:
                if framing.frame is None:
                    raise BuildError("mkdocs did not render the report pages' frame (overrides/report.html)")
                only = None if not dirty or since is None else {rel.split("/")[1] for rel in since.changed
                                                                 if REPORT_PAGE.fullmatch(rel)}
                fill_reports(framing.frame, project.docs_dir, aside, project.overrides_dir, dirty=dirty, only=only)
            if then:
                then(aside)
        except BuildError:  # from `then`: the search index failed, say so as it is
            raise
        except MkDocsException as exc:
            raise BuildError(f"mkdocs failed: {exc}") from None
        except SystemExit as exc:  # mkdocs' strict mode aborts this way
            raise BuildError(f"mkdocs aborted: {'; '.join(counter.messages) or exc}") from None
        except OSError as exc:  # the disk filled up, a folder was not writable
            at = f" (at {exc.filename})" if exc.filename else ""
            raise os_error(aside, exc, f"write the new site{at}") from None
        except Exception as exc:  # e.g. a template error in overrides/
            raise BuildError(f"mkdocs failed: {type(exc).__name__}: {exc}") from exc
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    finally:
        log.removeHandler(counter)
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch
    # Two renames: readers see the old site or the new one, never a mix; the
    # old one is kept until the new one is in place, and put back on failure
    # (or, after a kill between the two, by recover()). Ctrl-C and SIGTERM
    # wait until the swap and its record (`swapped`) are done.
    with UNINTERRUPTED.section():
        try:
            if site.exists():
                site.rename(old)
        except OSError as exc:
            shutil.rmtree(aside, ignore_errors=True)
            raise os_error(site, exc, "move the published site aside to replace it") from None
        try:
            aside.rename(site)
        except OSError as exc:
            if old.exists():
                old.rename(site)
            shutil.rmtree(aside, ignore_errors=True)
            raise os_error(site, exc, "move the new site into place") from None
        if swapped:
            swapped()
    try:
        if not (keep and old.exists() and keep(old)):
            _remove_tree(old, "remove the replaced site")
    except BuildError as exc:  # the new site is published; the next command stops on this
        print(f"warning: {exc}", file=sys.stderr)
    if counter.messages:
        print(f"mkdocs reported {len(counter.messages)} warning(s)", file=sys.stderr)
