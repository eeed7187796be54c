"""Render again only the pages whose Markdown changed.

MkDocs' dirty mode skips a page whose built HTML is newer than its Markdown;
`write.py` rewrites only Markdown whose bytes changed, so an unchanged page
keeps its older time. A build is dirty only when it may be:

- the published site was made by a build with the same stamp: the same
  mkdocs.yml, overrides/ and versions of MkDocs, Material and Markdown (a
  change to any of them can change every page, so the whole site is
  rendered);
- nothing asked for a clean build.

The new site is still built aside and swapped in (build.py): it starts as a
copy of the published one made of hard links, and every file MkDocs writes is
first unlinked there, so the published site is never written through a link.
Files of pages that no longer exist are removed from the copy afterwards.
The site's navigation lists only index pages, which are the same in every
build, so a page left as it was never shows a stale menu.

A build may skip MkDocs altogether only when the published site is the one
this build would make. The generated docs and the search index's shards are
updated before the site is swapped in, so a build interrupted in between
leaves them ahead of site/: nothing in them may say what is published. That
is the published record (build/published.json), written only after a swap:
digests of what the site was made from (the stamp and every file of the
docs; every file of the search state), each file by name, size, time and
inode (a file rewritten is a new inode and time), and the inode of the site/ folder it describes (each
swap puts in a new folder). A build interrupted before the swap leaves the
record of the site still published, which no longer matches the docs it
wrote; one stopped between the swap and the record leaves an older record,
which matches neither: either way the next build renders (dirty, against
site/ itself: a page is rendered again when its Markdown is newer than the
published HTML) and publishes the search index whole.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.disk import atomic_write, link_or_copy, unlink_file
from generator.engine import ENGINE
from generator.site.write import remove_stray
from generator.version import add_versions

LIBRARIES = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
DIRTY_NOTICE = "A 'dirty' build is being performed"


# The generator's MkDocs plugins: they shape every rendered page.
PLUGINS = tuple(Path(__file__).parent.parent / "plugins" / name for name in ("compact.py", "prerendered.py", "frames.py"))


def site_stamp(config: Path, overrides: Path) -> str:
    """What every page depends on besides its own Markdown."""
    digest = hashlib.sha256(ENGINE.encode() + b"\0" + config.read_bytes())
    for plugin in PLUGINS:
        digest.update(plugin.read_bytes())
    for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(overrides)).encode() + b"\0" + path.read_bytes())
    add_versions(digest, LIBRARIES)
    return digest.hexdigest()


def can_reuse(site: Path, stamp_file: Path, stamp: str) -> bool:
    return site.is_dir() and stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp


def made_from(stamp: str, *folders: Path, read: frozenset[str] = frozenset()) -> str:
    """A digest of the stamp and of every file under folders: its path, size,
    modification time and inode (a stat per file, no reading); of a file
    named in `read`, its bytes (one rewritten by every build whatever it holds)."""
    digest = hashlib.sha256(stamp.encode())
    for folder in folders:
        digest.update(b"\0folder\0" + folder.name.encode())
        for here, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(here, name)
                rel = os.path.relpath(path, folder).encode("utf-8", "surrogateescape")
                try:
                    if name in read:
                        with open(path, "rb") as f:
                            digest.update(rel + b"\0" + hashlib.sha256(f.read()).digest() + b"\n")
                        continue
                    st = os.lstat(path)
                except FileNotFoundError:
                    continue
                digest.update(rel + f"\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
    return digest.hexdigest()


def is_recorded(record_file: Path, site: Path, **made: str) -> bool:
    """Whether the record says site/ is the site made from each of `made`
    (digests of made_from, by name)."""
    try:
        record = json.loads(record_file.read_bytes())
        return (isinstance(record, dict) and record.get("site") == site.stat().st_ino
                and all(record.get(name) == digest for name, digest in made.items()))
    except (OSError, ValueError):
        return False


def record_published(record_file: Path, site: Path, **made: str) -> None:
    """After a swap: site/ is the site made from `made`."""
    atomic_write(record_file, json.dumps({**made, "site": site.stat().st_ino}, sort_keys=True).encode(),
                 "the record of the published site")


def link_copy(site: Path, aside: Path) -> None:
    """aside becomes a copy of site made of hard links (a copy where links
    fail). Its folders are new and writable whatever the published ones are
    (a read-only site must still be replaced, not written into)."""
    for folder, _, names in os.walk(site):
        target = aside / Path(folder).relative_to(site)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            link_or_copy(os.path.join(folder, name), str(target / name))


class _DropDirtyNotice(logging.Filter):
    """MkDocs warns about dirty builds for sites whose menus list every page;
    ours lists only index pages, and a warning would fail --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


@contextmanager
def unlinking_writes(site: Path) -> Iterator[None]:
    """While MkDocs builds into site, a hard-linked copy of the published
    site, each file it writes or copies is unlinked first, so the write makes
    a new file and never goes through a link into the published site.
    MkDocs writes one file without those two functions: sitemap.xml.gz
    (open(…, "wb") in its theme-template step), unlinked here before it runs
    (a kill between its truncation and its write left the published site
    with an empty one, and a failed build with the next site's)."""
    from mkdocs import utils

    unlink_file(site / "sitemap.xml.gz")

    write_file, copy_file = utils.write_file, utils.copy_file

    def write(content: bytes, output_path: str) -> None:
        unlink_file(output_path)
        write_file(content, output_path)

    def copy(source_path: str, output_path: str) -> None:
        target = os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) else output_path
        unlink_file(target)
        copy_file(source_path, output_path)

    notice = _DropDirtyNotice()
    logger = logging.getLogger("mkdocs.commands.build")
    utils.write_file, utils.copy_file = write, copy
    logger.addFilter(notice)
    try:
        yield
    finally:
        utils.write_file, utils.copy_file = write_file, copy_file
        logger.removeFilter(notice)


def prune(aside: Path, docs_dir: Path, expected: set[str]) -> int:
    """Remove files of pages that no longer exist: under each folder of the
    generated docs, any file MkDocs would not write now (a deleted report's
    emptied folder goes too)."""
    return sum(remove_stray(aside / top.name, aside, expected)
               for top in docs_dir.iterdir() if top.is_dir() and (aside / top.name).is_dir())


def expected_files(config) -> set[str]:
    """Where MkDocs writes each file of the docs folder and of the theme
    (Material's and overrides/ assets): a page generated into a folder the
    theme also fills (docs/assets/...) must not make prune delete the
    theme's files there."""
    from mkdocs.structure.files import get_files

    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return {f.dest_uri for f in files if not f.inclusion.is_excluded()}
