"""Stage 6: pages -> files in the generated docs folder.

Guards the output: every path stays inside the folder, no path is written
twice, a file whose bytes are unchanged is not rewritten (so mkdocs' live
reload and incremental tools see only real changes), and files no page claims
any more are removed (deleting a report removes its pages).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from .errors import BuildError
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
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(page.content)
        tmp.replace(target)
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
