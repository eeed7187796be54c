"""Per-report cache: a report is re-read only when something it depends on
changed.

The key of a report is a hash of its bytes, its sidecar's bytes, the taxonomy
files, and the generator itself (its source files and the versions of the
libraries that shape the output: OpenCC, jionlp, charset-normalizer, RE2). Entries
live in build/cache/<slug>.pickle, next to the other build output, compressed
and without the report's bytes (its source has them), so an entry is smaller
than the report; `fazhi build --clean` ignores and rewrites them.

An entry is (FORMAT, key, held, texts, rest), pickled: held is the report
as a build holds it (pipeline.lean: without its bytes, its cleaned lines and
its page's body lines; without_text: each paragraph's and passage's text a
HeldText, its lengths only), texts those texts, rest those lines, each
pickled and compressed on its own. A build reads the held part only, and
only once FORMAT and key match (so an entry of another layout is never
unpickled as a report); the texts are read for the pages that quote the
report (ReportCache.with_text), the rest for its downloads
(ReportCache.stored). An entry that cannot
be read back (cut short, damaged, written by a fazhi whose records had
another shape) or that has another FORMAT is read again from its report and
rewritten; the build says so once, with the number of such entries. Only
what reading a damaged or foreign pickle raises is caught (UNREADABLE): any
other error is a bug and stops the build.
"""
from __future__ import annotations

import copy
import hashlib
import pickle
import sys
import zlib
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path

from generator.disk import atomic_write
from generator.errors import os_error
from generator.records import HeldText, Line, PageLine, Paragraph, Passage, Report, Section, Source, held_text
from generator.version import generator_version

FORMAT = 4  # of an entry; raise it when the shape of what is stored changes
# What unpickling a damaged or foreign entry raises (the pickle module's own
# list, with zlib's error, TypeError and ValueError: a record class whose
# fields changed, an unknown protocol, an entry of another shape), and OSError:
# a file that cannot be read.
UNREADABLE = (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
              TypeError, ValueError)
BUCKETS = 256  # held reports' packs (generator/build/packs.py): at 50,000 reports about 200 reports each


def bucket(slug: str) -> int:
    """The bucket of slug's report among the held reports' packs (generator/build/packs.py)."""
    return zlib.crc32(slug.encode("utf-8")) % BUCKETS


def held_folder(folder: Path) -> Path:
    """Where the cache folder's held reports are kept in packs (generator/build/packs.py)."""
    return folder / "held"


def pack_file(held: Path, n: int) -> Path:
    """Bucket n's pack in the held reports' folder."""
    return held / f"{n:03d}.pickle"


def held_pack(folder: Path, slug: str) -> Path:
    """The pack of the cache folder's held reports that may hold slug's report."""
    return pack_file(held_folder(folder), bucket(slug))


def drop_held_pack(folder: Path, slug: str) -> None:
    """Remove the pack that may hold slug's report: its entry is rewritten (or
    was found unusable), and a pack pairs a report's analysis with the entry's
    text by the key alone. A report edited, read by `fazhi check` or a build
    killed before its packs were written, then edited back, has its old key
    again: its pack would be taken while its entry holds the edit's text, and
    every build after would stop on it. The next build writes the bucket again."""
    path = held_pack(folder, slug)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise os_error(path, exc, "remove an outdated pack of held reports") from None


def cache_key(source: Source, taxonomy_digest: str) -> str:
    digest = hashlib.sha256()
    sidecar = source.sidecar_path.read_bytes() if source.sidecar_path else b"\0no sidecar"
    for part in (generator_version().encode(), taxonomy_digest.encode(), source.slug.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(source.digest())  # the file's bytes, hashed once when it was read
    digest.update(hashlib.sha256(sidecar).digest())
    return digest.hexdigest()


def read_entry(path: Path) -> tuple[object, object, bytes, bytes, bytes]:
    """(format, key, held, texts, rest) of an entry, its parts still packed;
    raises one of UNREADABLE for an entry that cannot be read."""
    entry = pickle.loads(path.read_bytes())
    if not (isinstance(entry, tuple) and len(entry) == 5 and all(isinstance(part, bytes) for part in entry[2:])):
        raise ValueError(f"{path}: not a cache entry of format {FORMAT}")
    return entry


def unpack_held(packed: bytes) -> Report:
    """The report of an entry as a build holds it (lean); raises one of UNREADABLE."""
    report = pickle.loads(zlib.decompress(packed))
    if not isinstance(report, Report):
        raise TypeError(f"a cache entry holds a {type(report).__name__}, not a report")
    return report


def unpack_whole(held: Report, packed: bytes, texts: bytes) -> Report:
    """held with its cleaned lines and its page's every line back, from the
    entry's rest, and its text (unpack_text); raises one of UNREADABLE."""
    lines, page_lines = pickle.loads(zlib.decompress(packed))
    if not (isinstance(lines, tuple) and isinstance(page_lines, tuple)
            and all(isinstance(line, Line) for line in lines[:1])
            and all(isinstance(line, PageLine) for line in page_lines[:1])):
        raise TypeError("a cache entry's lines are of another shape")
    held = unpack_text(held, texts)
    cleaned = held.cleaned
    return replace(held, cleaned=replace(cleaned, lines=lines, page=replace(cleaned.page, lines=page_lines)))


def unpack_text(held: Report, packed: bytes) -> Report:
    """held with each paragraph's and passage's text, from the entry's
    texts; raises one of UNREADABLE."""
    paragraphs, passages = pickle.loads(zlib.decompress(packed))
    if not (isinstance(paragraphs, tuple) and isinstance(passages, tuple)
            and all(isinstance(t, str) for t in paragraphs[:1] + passages[:1])):
        raise TypeError("a cache entry's texts are of another shape")
    return with_texts(held, paragraphs, passages)


def texts(report: Report) -> tuple[tuple, tuple]:
    """Each paragraph's text (the preamble's, then each section's, in order)
    and each passage's."""
    doc = report.document
    return (tuple([p.text for p in doc.preamble] + [p.text for s in doc.sections for p in s.paragraphs]),
            tuple(p.text for p in report.analysis.passages))


# with_texts builds these records field by field (a new field must be added there)
assert [f.name for f in fields(Paragraph)] == ["anchor", "text", "line"]
assert [f.name for f in fields(Section)] == ["anchor", "level", "number", "title", "line", "paragraphs",
                                             "split_guessed", "kind"]
assert [f.name for f in fields(Passage)] == ["anchor", "paragraph", "section", "text", "themes"]


def with_texts(report: Report, paragraphs: Sequence, passages: Sequence) -> Report:
    """report with new paragraph and passage records holding the given
    texts (in texts' order), everything else shared with report. Built by
    the records' constructors: dataclasses.replace for each of about 150
    records a report took most of loading a report's text."""
    doc = report.document
    if len(paragraphs) != len(doc.preamble) + sum(len(s.paragraphs) for s in doc.sections) or (
            len(passages) != len(report.analysis.passages)):
        raise ValueError(f"{report.slug}: a cache entry's texts do not fit its report")
    given = iter(paragraphs)
    preamble = tuple([Paragraph(p.anchor, next(given), p.line) for p in doc.preamble])
    sections = tuple([Section(s.anchor, s.level, s.number, s.title, s.line,
                              tuple([Paragraph(p.anchor, next(given), p.line) for p in s.paragraphs]),
                              s.split_guessed, s.kind) for s in doc.sections])
    analysis = copy.copy(report.analysis)  # with what it counted (cached_property) kept
    object.__setattr__(analysis, "passages", tuple([
        Passage(p.anchor, p.paragraph, p.section, text, p.themes) for p, text in zip(report.analysis.passages, passages)]))
    return replace(report, document=replace(doc, preamble=preamble, sections=sections), analysis=analysis)


def without_text(report: Report) -> Report:
    """report as a build holds it (see HeldText): each paragraph's and
    passage's text a HeldText, one object for equal ones (a passage that is
    its whole paragraph)."""
    paragraphs, passages = texts(report)
    seen: dict[str, HeldText] = {}
    return with_texts(report, [seen.get(t) or seen.setdefault(t, held_text(t)) for t in paragraphs],
                      [seen.get(t) or seen.setdefault(t, held_text(t)) for t in passages])


def is_held(report: Report) -> bool:
    """Whether report is held without its text (without_text)."""
    doc = report.document
    first = next((p for p in doc.preamble), None) or next((p for s in doc.sections for p in s.paragraphs), None)
    return isinstance(first.text, HeldText) if first is not None else bool(report.analysis.passages) and isinstance(
        report.analysis.passages[0].text, HeldText)


def pack(report: Report) -> tuple[bytes, bytes, bytes]:
    """(held, texts, rest) of report, each pickled and compressed: held
    without the report's bytes (its source has them), its cleaned lines, its
    page's body lines and its text (without_text); texts its paragraphs' and
    passages' texts; rest those lines, with the page's frame lines in their
    place among them."""
    source = replace(report.source, raw=b"")
    cleaned = report.cleaned
    frame = tuple(line for line in cleaned.page.lines if line.role != "body")
    held = replace(without_text(report), source=source,
                   cleaned=replace(cleaned, source=source, lines=(), page=replace(cleaned.page, lines=frame)))
    rest = (cleaned.lines, cleaned.page.lines)
    # level 6, not 1: the text apart from the lines compresses less well
    # (entries about 8 % larger at 1); reading back is as fast at any level
    packed = [zlib.compress(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL), 6)
              for part in (held, texts(report), rest)]
    return packed[0], packed[1], packed[2]


class ReportCache:
    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self.hits = self.misses = 0
        self.unreadable: list[Path] = []

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.pickle"

    def get(self, source: Source, key: str, whole: bool = True) -> Report | None:
        """The cached report of source when its key matches; the entry holds
        no copy of the report's bytes, which are taken from source. With
        whole=False, the report as a build holds it (pipeline.lean): the
        entry's rest (its lines) is not read."""
        path = self._path(source.slug)
        if self.enabled and path.is_file():
            try:
                version, stored_key, packed, text, rest = read_entry(path)
                if version != FORMAT:
                    raise ValueError(f"{path}: format {version!r}")
                report = None
                if stored_key == key:
                    report = unpack_held(packed)
                    if whole:
                        report = unpack_whole(report, rest, text)
            except UNREADABLE:
                self.unreadable.append(path)
            else:
                if report is not None:
                    self.hits += 1
                    # the cache may come from another checkout: the report's source is this one
                    return replace(report, source=source, cleaned=replace(report.cleaned, source=source))
        self.misses += 1
        return None

    def stored(self, slug: str, key: str) -> Report | None:
        """The entry of slug as stored (without its bytes), whole, when its
        key is key, whether or not this build reads from the cache (a build
        writes every report it reads: `--clean` too); None otherwise."""
        try:
            version, stored_key, packed, text, rest = read_entry(self._path(slug))
            if version != FORMAT or stored_key != key:
                return None
            return unpack_whole(unpack_held(packed), rest, text)
        except UNREADABLE:
            return None

    def with_text(self, report: Report) -> Report | None:
        """report (held without its text) with its text, from its entry when
        the entry's key is the report's (whether or not this build reads from
        the cache: a build writes every report it reads); None otherwise."""
        try:
            version, stored_key, _, text, _ = read_entry(self._path(report.slug))
            if version != FORMAT or stored_key != report.key:
                return None
            return unpack_text(report, text)
        except UNREADABLE:
            return None

    def notice(self) -> None:
        """One line for the entries that were unreadable or of another format."""
        if self.unreadable:
            print(f"notice: {len(self.unreadable)} cache entr{'y' if len(self.unreadable) == 1 else 'ies'} in "
                  f"{self.folder} could not be read or had another format (first: {self.unreadable[0].name}); "
                  "those reports were read again and their entries rewritten", file=sys.stderr)

    def put(self, key: str, report: Report) -> None:
        """Store report under key: without the report's bytes (the source has
        them), the part a build holds apart from its lines (pack), each
        compressed, so an entry is smaller than the report itself."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(self.folder, exc, "create the cache folder") from None
        drop_held_pack(self.folder, report.slug)  # before: a build killed in between leaves no stale pack
        data = pickle.dumps((FORMAT, key, *pack(report)), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(self._path(report.slug), data, "the cache entry")

    def prune(self, slugs: set[str]) -> None:
        """Forget reports that were deleted."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in slugs:
                    path.unlink()
