"""The manifest of a publish: which files of the new site/ differ from the
site it replaces, so that an upload sends only those (README "Hosting at any
size"). Written to build/changes.json, outside site/, right after the swap
and only by a build that published (generator/build/pipeline.py).

The comparison is linear in the files of both sites: a file hard-linked from
the published site (the incremental build's copy) is unchanged by its inode
alone; otherwise sizes, then bytes, decide."""
from __future__ import annotations

import filecmp
import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator.disk import atomic_write, inodes_below


@dataclass(frozen=True)
class Entry:
    path: str  # relative to site/, with '/'
    size: int


@dataclass(frozen=True)
class Changes:
    changed: tuple[Entry, ...]  # added or changed: what to upload
    removed: tuple[Entry, ...]  # in the published site, not in the new one: what to delete
    everything: bool  # no published site to compare with, or a --clean build: all listed


def changes(new: Path, old: Path, *, everything: bool = False) -> Changes:
    """What the site in `new` adds, changes and removes against the one in
    `old` (which may be absent). With `everything`, every file of `new` is
    listed as changed without reading it. A file of the same inode in both
    (on one device: a hard link) is unchanged; the others are compared by
    size, then bytes."""
    new_files, old_files = inodes_below(new), inodes_below(old)
    everything = everything or not old_files
    same_device = bool(old_files) and new.stat().st_dev == old.stat().st_dev
    changed = []
    for name, inode in new_files.items():
        if not everything and same_device and old_files.get(name) == inode:
            continue  # the same file, hard-linked
        size = os.lstat(new / name).st_size
        if (not everything and name in old_files and size == os.lstat(old / name).st_size
                and filecmp.cmp(new / name, old / name, shallow=False)):
            continue
        changed.append(Entry(name, size))
    removed = [Entry(name, os.lstat(old / name).st_size) for name in old_files if name not in new_files]
    return Changes(tuple(sorted(changed, key=lambda e: e.path)),
                   tuple(sorted(removed, key=lambda e: e.path)), everything)


def to_json(found: Changes) -> bytes:
    def listed(entries: tuple[Entry, ...]) -> list[dict[str, object]]:
        return [{"path": e.path, "size": e.size} for e in entries]

    data = {
        "everything": found.everything,
        "changed": listed(found.changed),
        "changed_bytes": sum(e.size for e in found.changed),
        "removed": listed(found.removed),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def write_changes(target: Path, found: Changes) -> None:
    """Replace the manifest whole (atomic_write): a reader never sees half of
    one. If it cannot be written, the previous one is removed rather than
    left to describe an older publish: without a manifest, upload all of site/."""
    try:
        atomic_write(target, to_json(found), "the manifest of changed files (upload all of site/ this time)")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
