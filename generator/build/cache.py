"""Per-report cache: a report is re-read only when something it depends on
changed.

The key of a report is a hash of its bytes, its sidecar's bytes, the taxonomy
files, and the generator itself (its source files and the versions of the
libraries that shape the output: OpenCC, jionlp, charset-normalizer, RE2). Entries
live in build/cache/<slug>.pickle, next to the other build output, compressed
and without the report's bytes (its source has them), so an entry is smaller
than the report; `fazhi build --clean` ignores and rewrites them.

An entry is (FORMAT, key, report). An entry that cannot be read back (cut
short, damaged, written by a fazhi whose records had another shape) or that
has another FORMAT is read again from its report and rewritten; the build
says so once, with the number of such entries. Only what reading a damaged
or foreign pickle raises is caught (UNREADABLE): any other error is a bug
and stops the build.
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
from generator.records import Report, Source
from generator.version import generator_version

FORMAT = 2  # of an entry; raise it when the shape of what is stored changes
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


class ReportCache:
    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self.hits = self.misses = 0
        self.unreadable: list[Path] = []

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.pickle"

    def get(self, source: Source, key: str) -> Report | None:
        """The cached report of source when its key matches; the entry holds
        no copy of the report's bytes, which are taken from source."""
        path = self._path(source.slug)
        if self.enabled and path.is_file():
            try:
                version, stored_key, report = pickle.loads(zlib.decompress(path.read_bytes()))
            except UNREADABLE:
                version, stored_key, report = None, None, None
            if version != FORMAT or not isinstance(report, Report):
                self.unreadable.append(path)
            elif stored_key == key:
                self.hits += 1
                # the cache may come from another checkout: the report's source is this one
                return replace(report, source=source, cleaned=replace(report.cleaned, source=source))
        self.misses += 1
        return None

    def stored(self, slug: str, key: str) -> Report | None:
        """The entry of slug as stored (without its bytes) when its key is
        key, whether or not this build reads from the cache (a build writes
        every report it reads: `--clean` too); None otherwise."""
        try:
            version, stored_key, report = pickle.loads(zlib.decompress(self._path(slug).read_bytes()))
        except UNREADABLE:
            return None
        return report if version == FORMAT and stored_key == key and isinstance(report, Report) else None

    def notice(self) -> None:
        """One line for the entries that were unreadable or of another format."""
        if self.unreadable:
            print(f"notice: {len(self.unreadable)} cache entr{'y' if len(self.unreadable) == 1 else 'ies'} in "
                  f"{self.folder} could not be read or had another format (first: {self.unreadable[0].name}); "
                  "those reports were read again and their entries rewritten", file=sys.stderr)

    def put(self, key: str, report: Report) -> None:
        """Store report under key: without the report's bytes (the source has
        them) and compressed, so an entry is smaller than the report itself."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(self.folder, exc, "create the cache folder") from None
        # Cleaned keeps the source too: without emptying it there, every
        # entry held the report's bytes after all (13.5 KB a report, and as
        # much memory again in a build that reads from the cache).
        source = replace(report.source, raw=b"")
        lean = replace(report, source=source, cleaned=replace(report.cleaned, source=source))
        data = zlib.compress(pickle.dumps((FORMAT, key, lean), protocol=pickle.HIGHEST_PROTOCOL), 1)
        atomic_write(self._path(report.slug), data, "the cache entry")

    def prune(self, slugs: set[str]) -> None:
        """Forget reports that were deleted."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in slugs:
                    path.unlink()
