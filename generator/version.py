"""The generator's own version: a digest of its source and of the libraries
that shape its output. Cache keys and deferred pages' keys include it, so a
change to any module or library reads and renders everything again.
"""
from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from generator import __version__

LIBRARIES = ("opencc", "jionlp", "charset-normalizer", "pyyaml", "google-re2")


@cache
def generator_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + b"\0" + path.read_bytes())
    add_versions(digest, LIBRARIES)
    return digest.hexdigest()


def add_versions(digest, names) -> None:
    """Feed the installed version of each distribution (or "none") to a hash."""
    for name in names:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
