"""Pages -> files in the generated docs folder.

Guards the output: every path stays inside the folder, no path is written
twice, a file whose bytes are unchanged is not rewritten (so mkdocs' live
reload and incremental tools see only real changes), and files no page claims
any more are removed (deleting a report removes its pages).

A deferred page (render.Deferred) is made only when its key, a digest of its
inputs, differs from the key its file was last made from, kept in a keys file
beside the folder; without that file, or without the page's file, it is made.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.disk import atomic_write, files_below
from generator.errors import BuildError, os_error
from generator.site.render import Deferred, Output


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int

    @property
    def pages(self) -> int:
        """Every page of the site, written or left as it was."""
        return self.written + self.unchanged


def write_pages(pages: Iterable[Output], out_dir: Path, keys_file: Path | None = None) -> WriteResult:
    """Write each page as it comes: pages may be a generator that makes them
    group by group, so that no group outlives its writing (at 50,000
    reports the list of every page's content was about 900 MiB of the
    build). A path outside out_dir, or a second page for one path, stops
    the build where it is met."""
    out_dir = out_dir.resolve()
    claimed: set[str] = set()  # relative paths written or kept, as given
    made_from = _read_keys(keys_file)
    # One walk of the folder before writing: which files are there (a deferred
    # page is kept only where its file is) and, after, which are stray. A stat
    # per deferred page and a second walk to find strays took a share of every
    # rebuild that grew with the corpus (230,000 files at 50,000 reports).
    present, folders = _files_under(str(out_dir))
    keys: dict[str, str] = {}
    written = unchanged = 0
    done = False
    root = str(out_dir)
    try:
        for page in pages:
            name = _relative(page.path)
            if name is None:
                raise BuildError(f"refusing to write {page.path!r}: outside the output folder {out_dir}")
            if name in claimed:
                raise BuildError(f"two pages want the same file {page.path!r}")
            claimed.add(name)
            # strings and os.path, not pathlib: a Path per page took a third of
            # write_pages (3,000 reports, 14,500 pages: 0.6 of 2.1 s)
            target = os.path.join(root, name)
            if isinstance(page, Deferred):
                if made_from.get(page.path) == page.key and name in present:
                    keys[page.path] = page.key
                    unchanged += 1
                    continue
                content = page.make()
            else:
                content = page.content
            if _holds(target, content):
                unchanged += 1
            else:
                folder = os.path.dirname(target)
                try:
                    os.makedirs(folder, exist_ok=True)
                except OSError as exc:
                    raise os_error(Path(folder), exc, "create the folder") from None
                atomic_write(Path(target), content, "the generated page")
                written += 1
            if isinstance(page, Deferred):
                keys[page.path] = page.key
        done = True
    finally:  # after a failure the files not reached still hold what their old keys say
        if keys_file is not None:
            atomic_write(keys_file, json.dumps(keys if done else {**made_from, **keys}, sort_keys=True).encode(),
                         "the pages' keys")
    removed = _remove_unclaimed(root, present, folders, claimed)
    return WriteResult(written, unchanged, removed)


def _files_under(root: str) -> tuple[set[str], list[str]]:
    """Every file under root and every folder below it, by path relative to root ('/'-separated), from
    one walk (files_below; anything not a folder no page's file can be: stray, as remove_stray has it)."""
    folders: list[str] = []
    files = {name for name, _ in files_below(root, folders)}
    return files, folders


def _remove_unclaimed(root: str, present: set[str], folders: list[str], claimed: set[str]) -> int:
    """remove_stray from what the walk before writing found (_files_under):
    every file found that no page claimed is deleted, and every folder found
    that holds no claimed file (at any depth) afterwards, deepest first.
    Returns the number of files deleted."""
    removed = 0
    for name in present - claimed:
        try:
            os.unlink(os.path.join(root, name))
        except FileNotFoundError:
            continue
        removed += 1
    holding: set[str] = set()  # folders with a claimed file below them
    for name in claimed:
        folder = name.rpartition("/")[0]
        while folder and folder not in holding:
            holding.add(folder)
            folder = folder.rpartition("/")[0]
    for folder in sorted((f for f in folders if f not in holding), key=lambda f: -f.count("/")):
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # not empty after all (something not found by the walk): left, as remove_stray would
            continue
    return removed


def _relative(path: str) -> str | None:
    """path as a relative '/'-separated name inside the folder (as
    PurePosixPath(path).as_posix() gives it); None for an absolute path, one
    that climbs out (..) or an empty one."""
    if path and not path.startswith("/") and "//" not in path and not path.endswith("/"):
        parts = path.split("/")
        if "." not in parts and ".." not in parts:
            return path  # already in its plain form: every page the stages make
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        return None
    return rel.as_posix()


def _holds(target: str, content: bytes) -> bool:
    """Whether the file at target holds content, byte for byte (no file: no)."""
    try:
        if os.path.getsize(target) != len(content):
            return False
        with open(target, "rb") as f:
            return f.read() == content
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def remove_stray(folder: Path, root: Path, keep: set[str]) -> int:
    """Delete every file under folder whose path relative to root (with /)
    is not in keep, and the folders below folder this leaves empty; one
    walk, bottom up (pathlib's rglob with a stat per entry took seconds at
    50,000 files). Returns the number of files deleted."""
    removed = 0
    for here, _, names in os.walk(folder, topdown=False):
        rel = os.path.relpath(here, root).replace(os.sep, "/")
        for name in names:
            if (name if rel == "." else f"{rel}/{name}") not in keep:
                os.unlink(os.path.join(here, name))
                removed += 1
        if here != str(folder) and not os.listdir(here):
            os.rmdir(here)
    return removed


def _read_keys(keys_file: Path | None) -> dict[str, str]:
    """The keys pages were last made from; a missing or damaged file means none."""
    if keys_file is None or not keys_file.is_file():
        return {}
    try:
        keys = json.loads(keys_file.read_bytes())
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


