"""Per-report cache: a report is re-read only when something it depends on
changed.

The key of a report is a hash of its bytes, its sidecar's bytes, the taxonomy
files, and the generator itself (its source files and the versions of the
libraries that shape the output: OpenCC, jionlp, charset-normalizer, RE2). Entries
live in build/cache/<slug>.pickle, next to the other build output; `fazhi build
--clean` ignores and rewrites them.
"""
from __future__ import annotations

import hashlib
import pickle
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .errors import os_error
from .records import Report, Source
from .write import atomic_write

LIBRARIES = ("opencc", "jionlp", "charset-normalizer", "pyyaml", "google-re2")


@cache
def generator_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def cache_key(source: Source, taxonomy_digest: str) -> str:
    digest = hashlib.sha256()
    for part in (generator_version().encode(), taxonomy_digest.encode(), source.slug.encode(), source.raw,
                 source.sidecar_path.read_bytes() if source.sidecar_path else b"\0no sidecar"):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class ReportCache:
    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self.hits = self.misses = 0

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.pickle"

    def get(self, slug: str, key: str) -> Report | None:
        path = self._path(slug)
        if self.enabled and path.is_file():
            try:
                stored_key, report = pickle.loads(path.read_bytes())
            except Exception:  # a damaged or outdated entry is only a miss
                stored_key, report = None, None
            if stored_key == key and isinstance(report, Report):
                self.hits += 1
                return report
        self.misses += 1
        return None

    def put(self, key: str, report: Report) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(self.folder, exc, "create the cache folder") from None
        atomic_write(self._path(report.slug), pickle.dumps((key, report), protocol=pickle.HIGHEST_PROTOCOL),
                     "the cache entry")

    def prune(self, slugs: set[str]) -> None:
        """Forget reports that were deleted."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in slugs:
                    path.unlink()
