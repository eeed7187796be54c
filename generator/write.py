"""Stage 6: pages -> files in the generated docs folder.

Guards the output: every path stays inside the folder, no path is written
twice, a file whose bytes are unchanged is not rewritten (so mkdocs' live
reload and incremental tools see only real changes), and files no page claims
any more are removed (deleting a report removes its pages).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from .errors import BuildError, os_error
from .render import Page


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int


def write_pages(pages: Sequence[Page], out_dir: Path) -> WriteResult:
    out_dir = out_dir.resolve()
    targets: dict[Path, Page] = {}
    for page in pages:
        rel = PurePosixPath(page.path)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise BuildError(f"refusing to write {page.path!r}: outside the output folder {out_dir}")
        target = out_dir.joinpath(*rel.parts)
        if target in targets:
            raise BuildError(f"two pages want the same file {page.path!r}")
        targets[target] = page
    written = unchanged = 0
    for target, page in targets.items():
        if target.is_file() and target.read_bytes() == page.content:
            unchanged += 1
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(target.parent, exc, "create the folder") from None
        atomic_write(target, page.content, "the generated page")
        written += 1
    removed = 0
    if out_dir.is_dir():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in targets:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteResult(written, unchanged, removed)


def atomic_write(target: Path, data: bytes, what: str) -> None:
    """Write target whole or not at all: into a temporary file of this
    process's own (no two processes share one) that then replaces it. On any
    failure the temporary file is removed and a BuildError says what to do."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise os_error(target, exc, f"write {what}") from None
        raise
