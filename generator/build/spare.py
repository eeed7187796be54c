"""The site published before site/, kept as the spare for the next
incremental build (issue 22 item 5: one added report costs what it changes).

An incremental build used to copy the published site as hard links (one link
per file: 229,000 at 10,000 reports, 10 s) and, after the swap, to delete
the site it replaced (17 s): two passes over the whole tree for one added
report. Now the replaced site is moved to build/spare-site and the manifest
of the publish (generator/build/manifest.py: what the new site changed and
removed against it) is written beside it. The next incremental build moves
the spare aside and applies that manifest to it (links to the changed files
of site/, removals), which makes it a copy of site/ made of hard links, file
for file, in time proportional to what changed; MkDocs then builds into it as
into the copy it replaces (generator/build/incremental.py).

The record is trusted only for the two folders it names (their inodes) and
is deleted before the spare is touched, so a build killed while it brings
the spare up to date leaves no record, and the next one discards the spare
and copies site/ as before. The spare lives in build/ (never published,
beside the cache), on the file system of site/: moving a folder elsewhere
(or one this user cannot write) fails, and the replaced site is then deleted
as before.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.build.incremental import link_copy, remove_empty_parents
from generator.build.manifest import Changes
from generator.disk import atomic_write, link_or_copy
from generator.errors import BuildError


def keep_spare(replaced: Path, spare: Path, record: Path, site: Path, found: Changes) -> bool:
    """After a swap: keep the replaced site as the spare, with the manifest
    that turns it into site/. False (nothing kept) where the manifest lists
    everything (a clean build: applying it would be a whole copy) or the
    move fails; the caller deletes the replaced site then."""
    if found.everything or spare.exists():
        return False
    try:
        replaced.rename(spare)
    except OSError:
        return False
    data = {"site": site.stat().st_ino, "spare": spare.stat().st_ino,
            "changed": [e.path for e in found.changed], "removed": [e.path for e in found.removed]}
    try:
        atomic_write(record, json.dumps(data, ensure_ascii=False).encode(), "the record of the spare site")
    except Exception:  # no record: the spare is discarded by the next build
        record.unlink(missing_ok=True)
    return True


def being_made(spare: Path) -> Path:
    """Where make_spare makes the spare (recover() removes one a killed build left)."""
    return spare.with_name(spare.name + ".making")


def make_spare(site: Path, spare: Path, record: Path) -> bool:
    """After a build that kept no spare (a clean one: the site it replaced
    shares nothing with the new one): make the spare a copy of site/ of hard
    links, with an empty manifest, so that the next incremental build also
    starts from a spare instead of copying site/ whole then (at 50,000
    reports, hundreds of thousands of links, in the build that publishes
    one added report). The copy is made under a temporary name and its record
    written last: a build stopped part-way leaves no record, and the next
    build discards what it finds. False where it cannot be made (nothing is
    left then)."""
    if spare.exists() or spare.is_symlink() or not site.is_dir():
        return False
    making = being_made(spare)
    try:
        if making.exists():
            shutil.rmtree(making)
        link_copy(site, making)
        making.rename(spare)
        data = {"site": site.stat().st_ino, "spare": spare.stat().st_ino, "changed": [], "removed": []}
        atomic_write(record, json.dumps(data).encode(), "the record of the spare site")
    except (OSError, BuildError):
        record.unlink(missing_ok=True)
        shutil.rmtree(making, ignore_errors=True)
        return False
    return True


def take_spare(spare: Path, record: Path, site: Path, aside: Path) -> bool:
    """Make aside a copy of site/ of hard links from the spare, if its
    record says how; True when done. Otherwise (no spare, no or a stale
    record, a failure part-way) the spare is gone or left to discard_spare
    and aside does not exist: copy site/ whole."""
    try:
        data = json.loads(record.read_bytes())
    except (OSError, ValueError):
        data = None
    record.unlink(missing_ok=True)  # from here on the spare changes: a kill leaves no record to trust
    try:
        if not (isinstance(data, dict) and spare.is_dir()
                and data.get("site") == site.stat().st_ino and data.get("spare") == spare.stat().st_ino):
            return False
        spare.rename(aside)
    except OSError:
        return False
    try:
        for rel in data["removed"]:
            path = aside / rel
            path.unlink(missing_ok=True)
            remove_empty_parents(path.parent, aside)
        for rel in data["changed"]:
            path = aside / rel
            path.unlink(missing_ok=True)  # never written through: it may be linked from an older site
            path.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(str(site / rel), str(path))
    except (OSError, KeyError, TypeError):
        shutil.rmtree(aside, ignore_errors=True)
        return False
    return True


def discard_spare(spare: Path, record: Path) -> None:
    """Remove a spare no build can use (before a clean build, or one whose
    record was stale). What cannot be removed stays, unused: keep_spare
    never replaces it, and the published site is not touched."""
    record.unlink(missing_ok=True)
    if spare.is_dir() and not spare.is_symlink():
        shutil.rmtree(spare, ignore_errors=True)
    elif spare.is_symlink() or spare.exists():
        spare.unlink(missing_ok=True)
