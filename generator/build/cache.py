"""Per-report cache: a report is re-read only when something it depends on
changed.

The key of a report is a hash of its bytes, its sidecar's bytes, the taxonomy
files, and the generator itself (its source files and the versions of the
libraries that shape the output: OpenCC, jionlp, charset-normalizer, RE2). Entries
live in build/cache/<slug>.pickle, next to the other build output, compressed
and without the report's bytes (its source has them), so an entry is smaller
than the report; `fazhi build --clean` ignores and rewrites them.

An entry is (FORMAT, key, held, rest), pickled: held is the report as a
build holds it (pipeline.lean: without its bytes, its cleaned lines and its
page's body lines), rest those lines, each pickled and compressed on its
own. A build reads the held part only, and only once FORMAT and key match
(so an entry of another layout is never unpickled as a report); the rest
is read for a report's downloads (ReportCache.stored). An entry that cannot
be read back (cut short, damaged, written by a fazhi whose records had
another shape) or that has another FORMAT is read again from its report and
rewritten; the build says so once, with the number of such entries. Only
what reading a damaged or foreign pickle raises is caught (UNREADABLE): any
other error is a bug and stops the build.
"""
from __future__ import annotations

import hashlib
import pickle
import sys
import zlib
from dataclasses import replace
from pathlib import Path

from generator.disk import atomic_write
from generator.errors import os_error
from generator.records import Line, PageLine, Report, Source
from generator.version import generator_version

FORMAT = 3  # of an entry; raise it when the shape of what is stored changes
# What unpickling a damaged or foreign entry raises (the pickle module's own
# list, with zlib's error, TypeError and ValueError: a record class whose
# fields changed, an unknown protocol, an entry of another shape), and OSError:
# a file that cannot be read.
UNREADABLE = (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
              TypeError, ValueError)


def cache_key(source: Source, taxonomy_digest: str) -> str:
    digest = hashlib.sha256()
    sidecar = source.sidecar_path.read_bytes() if source.sidecar_path else b"\0no sidecar"
    for part in (generator_version().encode(), taxonomy_digest.encode(), source.slug.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(source.digest())  # the file's bytes, hashed once when it was read
    digest.update(hashlib.sha256(sidecar).digest())
    return digest.hexdigest()


def read_entry(path: Path) -> tuple[object, object, bytes, bytes]:
    """(format, key, held, rest) of an entry, its two parts still packed;
    raises one of UNREADABLE for an entry that cannot be read."""
    entry = pickle.loads(path.read_bytes())
    if not (isinstance(entry, tuple) and len(entry) == 4 and isinstance(entry[2], bytes)
            and isinstance(entry[3], bytes)):
        raise ValueError(f"{path}: not a cache entry of format {FORMAT}")
    return entry


def unpack_held(packed: bytes) -> Report:
    """The report of an entry as a build holds it (lean); raises one of UNREADABLE."""
    report = pickle.loads(zlib.decompress(packed))
    if not isinstance(report, Report):
        raise TypeError(f"a cache entry holds a {type(report).__name__}, not a report")
    return report


def unpack_whole(held: Report, packed: bytes) -> Report:
    """held with its cleaned lines and its page's every line back, from the
    entry's rest; raises one of UNREADABLE."""
    lines, page_lines = pickle.loads(zlib.decompress(packed))
    if not (isinstance(lines, tuple) and isinstance(page_lines, tuple)
            and all(isinstance(line, Line) for line in lines[:1])
            and all(isinstance(line, PageLine) for line in page_lines[:1])):
        raise TypeError("a cache entry's lines are of another shape")
    cleaned = held.cleaned
    return replace(held, cleaned=replace(cleaned, lines=lines, page=replace(cleaned.page, lines=page_lines)))


def pack(report: Report) -> tuple[bytes, bytes]:
    """(held, rest) of report, each pickled and compressed: held without the
    report's bytes (its source has them), its cleaned lines and its page's
    body lines; rest those lines, with the page's frame lines in their place
    among them."""
    source = replace(report.source, raw=b"")
    cleaned = report.cleaned
    frame = tuple(line for line in cleaned.page.lines if line.role != "body")
    held = replace(report, source=source, cleaned=replace(cleaned, source=source, lines=(),
                                                          page=replace(cleaned.page, lines=frame)))
    rest = (cleaned.lines, cleaned.page.lines)
    return (zlib.compress(pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL), 1),
            zlib.compress(pickle.dumps(rest, protocol=pickle.HIGHEST_PROTOCOL), 1))


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
                version, stored_key, packed, rest = read_entry(path)
                if version != FORMAT:
                    raise ValueError(f"{path}: format {version!r}")
                report = None
                if stored_key == key:
                    report = unpack_held(packed)
                    if whole:
                        report = unpack_whole(report, rest)
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
            version, stored_key, packed, rest = read_entry(self._path(slug))
            if version != FORMAT or stored_key != key:
                return None
            return unpack_whole(unpack_held(packed), rest)
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
        held, rest = pack(report)
        data = pickle.dumps((FORMAT, key, held, rest), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(self._path(report.slug), data, "the cache entry")

    def prune(self, slugs: set[str]) -> None:
        """Forget reports that were deleted."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in slugs:
                    path.unlink()
