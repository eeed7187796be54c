"""What the measures of issue 20 compute from one report's text, kept between
builds beside the report cache, so that a build after one report was added
or edited measures that report again and reads the others' results back.

An entry is build/cache/measures/<slug>.pickle: (FORMAT, the report's key,
the values). The report's key (generator/build/cache.py: a digest of its
bytes, its sidecar, the taxonomy and the generator) changes whenever the
report could read differently, and then its entry is made again. A report
without a key (never cached) is measured every build. An entry that cannot
be read back is made again, like the report cache's. `fazhi build --clean`
reads none and rewrites them all.
"""
from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.disk import atomic_write
from generator.errors import os_error

FORMAT = 2  # raise when the shape of the values changes (2: prints kept apart, build/cache/prints/)
T = TypeVar("T")
UNREADABLE = (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
              TypeError, ValueError)


class Memo:
    """slug -> the values measured from its report under its key; None: no folder, nothing kept."""

    def __init__(self, folder: Path | None, read: bool = True):
        self.folder = folder
        self.read = read
        self.hits = self.misses = self.written = 0

    def _path(self, slug: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{slug}.pickle"

    def get(self, slug: str, key: str) -> dict | None:
        values = self.stored(slug, key) if self.read else None
        if values is not None:
            self.hits += 1
            return values
        self.misses += 1
        return None

    def stored(self, slug: str, key: str) -> dict | None:
        """The values kept under key, whether or not this build reads what
        earlier builds kept (a build reads back what it wrote itself)."""
        if self.folder is None or not key:
            return None
        try:
            version, stored, values = pickle.loads(zlib.decompress(self._path(slug).read_bytes()))
        except UNREADABLE:
            return None
        return values if version == FORMAT and stored == key and isinstance(values, dict) else None

    def put(self, slug: str, key: str, values: dict) -> None:
        if self.folder is None or not key:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(self.folder, exc, "create the measures' cache folder") from None
        data = zlib.compress(pickle.dumps((FORMAT, key, values), protocol=pickle.HIGHEST_PROTOCOL), 1)
        atomic_write(self._path(slug), data, "the measures' cache entry")
        self.written += 1

    def prune(self, slugs: set[str]) -> None:
        """Forget reports that were deleted (and what a killed build left half written)."""
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in slugs:
                    path.unlink(missing_ok=True)
            for path in self.folder.glob(".*.tmp"):
                path.unlink(missing_ok=True)


class Kept:
    """What one cross-report output takes from each report, kept between
    builds in one file (build/cache/rows/<name>.pickle: FORMAT and slug ->
    (the report's key, the value)), so a build walks only new and changed
    reports' contents for it and takes the others' values back. A value must
    follow from the report alone (its key says what it was read from: its
    bytes, sidecar, the taxonomy and the generator). A report without a key
    is worked out every build; an unreadable file is none (all worked out
    again). Written whole (atomic) by save(), only when a value was added or
    a report went: a build stopped before it leaves the last one, whose
    entries still hold under their keys."""

    def __init__(self, path: Path | None, read: bool = True):
        self.path = path
        self.before: dict[str, tuple[str, object]] = {}
        self.now: dict[str, tuple[str, object]] = {}
        self.made = 0
        if path is not None and read:
            try:
                version, kept = pickle.loads(zlib.decompress(path.read_bytes()))
            except UNREADABLE:
                return
            if version == FORMAT and isinstance(kept, dict):
                self.before = kept

    def get(self, slug: str, key: str, make: Callable[[], T]) -> T:
        """The report's value under key: kept, else made (and kept)."""
        found = self.before.get(slug)
        if found is not None and key and found[0] == key:
            self.now[slug] = found
            return found[1]  # type: ignore[return-value]
        value = make()
        self.made += 1
        if key:
            self.now[slug] = (key, value)
        return value

    def save(self) -> None:
        """Keep what this build took or made (reports gone are forgotten)."""
        if self.path is None or (not self.made and len(self.now) == len(self.before)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(self.path.parent, exc, "create the pages' cache folder") from None
        data = zlib.compress(pickle.dumps((FORMAT, self.now), protocol=pickle.HIGHEST_PROTOCOL), 1)
        atomic_write(self.path, data, "the pages' cache of report rows")
