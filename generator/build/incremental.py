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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.disk import atomic_write, files_below, link_or_copy, unlink_file
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


Listing = dict[str, str]  # path relative to its folder ('/') -> "size\tmtime_ns\tinode"


def list_files(folder: Path, read: frozenset[str] = frozenset()) -> Listing:
    """Every file under folder by its path relative to folder ('/'-separated):
    its size, modification time and inode (one lstat each, no reading),
    tab-separated; of a file named in `read`, "-" and its bytes' digest
    instead (see made_from). One walk (files_below)."""
    found: Listing = {}
    if not folder.is_dir():
        return found
    for name, entry in files_below(str(folder)):
        try:
            if entry.name in read:
                with open(entry.path, "rb") as f:
                    found[name] = "-\t" + hashlib.sha256(f.read()).hexdigest()
                continue
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        found[name] = f"{st.st_size}\t{st.st_mtime_ns}\t{st.st_ino}"
    return found


def listing_digest(stamp: str, listings: dict[str, Listing]) -> str:
    """The digest made_from gives, of listings by folder name."""
    digest = hashlib.sha256(stamp.encode())
    for name, listing in listings.items():
        digest.update(b"\0folder\0" + name.encode())
        digest.update("".join(f"{rel}\t{value}\n" for rel, value in sorted(listing.items()))
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def made_from(stamp: str, *folders: Path, read: frozenset[str] = frozenset()) -> str:
    """A digest of the stamp and of every file under folders: its path, size,
    modification time and inode (a stat per file, no reading); of a file
    named in `read`, its bytes (one rewritten by every build whatever it holds)."""
    return listing_digest(stamp, {folder.name: list_files(folder, read) for folder in folders})


def read_record(record_file: Path, site: Path) -> dict | None:
    """The published record, if it describes site/ as it is (its inode)."""
    try:
        record = json.loads(record_file.read_bytes())
        return record if isinstance(record, dict) and record.get("site") == site.stat().st_ino else None
    except (OSError, ValueError):
        return None


def is_recorded(record_file: Path, site: Path, **made: str) -> bool:
    """Whether the record says site/ is the site made from each of `made`
    (digests of made_from, by name)."""
    record = read_record(record_file, site)
    return record is not None and all(record.get(name) == digest for name, digest in made.items())


def record_published(record_file: Path, site: Path, docs_files: Listing | None = None, **made: str) -> None:
    """After a swap: site/ is the site made from `made`, and (docs_files)
    from these files of the docs, which the next build compares its own
    with (docs_since) to render, fill and prune only what changed."""
    data: dict[str, object] = {**made, "site": site.stat().st_ino}
    if docs_files is not None and not any("\t" in rel or "\n" in rel for rel in docs_files):
        data["docs_files"] = "".join(f"{rel}\t{value}\n" for rel, value in sorted(docs_files.items()))
    atomic_write(record_file, json.dumps(data, sort_keys=True).encode(), "the record of the published site")


@dataclass(frozen=True)
class Since:
    """The docs files added or changed, and those removed, since the docs
    the published site was made from."""
    changed: frozenset[str]
    removed: frozenset[str]


def docs_since(record_file: Path, site: Path, now: Listing) -> Since | None:
    """What changed in the docs since the published site was made, from its
    record (None where there is no record of site/ as it is, or it lists no
    files: then every file is compared with the site, as MkDocs does)."""
    record = read_record(record_file, site)
    text = record.get("docs_files") if record else None
    if not isinstance(text, str):
        return None
    before: Listing = {}
    for line in text.splitlines():
        rel, _, value = line.partition("\t")
        before[rel] = value
    return Since(frozenset(rel for rel, v in now.items() if before.get(rel) != v),
                 frozenset(rel for rel in before if rel not in now))


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


@contextmanager
def listed_docs(docs: Path, listing: Listing) -> Iterator[None]:
    """While MkDocs builds, its get_files takes the docs' files from listing
    (list_files of the docs folder, which the build made just before)
    instead of walking the folder again: at 50,000 reports the docs hold
    230,000 files, and MkDocs' walk (os.walk, a relpath per folder) was a
    share of every rebuild that grew with the corpus. The Files are those
    get_files makes, in its order: each folder's files (index and README
    first, then by name) after its parent's, sub-folders by name; a README
    beside an index is left out as get_files leaves it. Outside the docs
    folder this build listed (another config's), MkDocs walks as before."""
    from mkdocs.commands import build as mkdocs_build_module
    from mkdocs.structure.files import File, Files, set_exclusions

    walk = mkdocs_build_module.get_files
    root = os.path.realpath(docs)

    def first(name: str) -> tuple[bool, str]:  # mkdocs.structure.files._file_sort_key
        return (os.path.splitext(name)[0] not in ("index", "README"), name)

    def get_files(config: Any) -> Files:
        if os.path.realpath(config["docs_dir"]) != root:
            return walk(config)
        by_folder: dict[str, list[str]] = {}
        for rel in listing:
            folder, _, name = rel.rpartition("/")
            by_folder.setdefault(folder, []).append(name)
        files: list[File] = []
        conflicting: list[tuple[File, File]] = []
        for folder in sorted(by_folder, key=lambda f: tuple(f.split("/")) if f else ()):
            by_dest: dict[str, File] = {}
            for name in sorted(by_folder[folder], key=first):
                file = File(f"{folder}/{name}" if folder else name, config["docs_dir"], config["site_dir"],
                            config["use_directory_urls"])
                if by_dest.setdefault(file.dest_uri, file) is not file:
                    conflicting.append((by_dest[file.dest_uri], file))
                files.append(file)
        set_exclusions(files, config)
        for a, b in conflicting:  # as get_files: README.md beside index.md
            if b.inclusion.is_included() and a.inclusion.is_included():
                logging.getLogger("mkdocs.structure.files").warning(
                    f"Excluding '{a.src_uri}' from the site because it conflicts with '{b.src_uri}'.")
            try:
                files.remove(a if b.inclusion.is_included() else b)
            except ValueError:
                pass
        return Files(files)

    mkdocs_build_module.get_files = get_files
    try:
        yield
    finally:
        mkdocs_build_module.get_files = walk


def prune(aside: Path, docs_dir: Path, expected: set[str]) -> int:
    """Remove files of pages that no longer exist: under each folder of the
    generated docs, any file MkDocs would not write now (a deleted report's
    emptied folder goes too)."""
    return sum(remove_stray(aside / top.name, aside, expected)
               for top in docs_dir.iterdir() if top.is_dir() and (aside / top.name).is_dir())


def prune_removed(aside: Path, removed: frozenset[str], now: Listing, use_directory_urls: bool) -> int:
    """prune, from what changed (docs_since): remove the file MkDocs made of
    each docs file removed since the published site was made, unless a
    docs file there now makes the same one (a page moved from x.md to
    x/index.md), and the folders this leaves empty. Returns how many were
    removed."""
    from mkdocs.structure.files import File

    def dest(rel: str) -> str:
        return File(rel, "", "", use_directory_urls).dest_uri

    if not removed:
        return 0
    by_folder: dict[str, list[str]] = {}
    for rel in now:
        by_folder.setdefault(rel.rpartition("/")[0], []).append(rel)
    count = 0
    for rel in sorted(removed):
        target = dest(rel)
        near = by_folder.get(rel.rpartition("/")[0], []) + by_folder.get(target.rpartition("/")[0], [])
        if any(dest(other) == target for other in near):
            continue
        path = aside / target
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        count += 1
        remove_empty_parents(path.parent, aside)
    return count


def remove_empty_parents(folder: Path, root: Path) -> None:
    """Remove folder and each parent below root, while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or gone): stop
            return
        folder = folder.parent


def expected_files(config) -> set[str]:
    """Where MkDocs writes each file of the docs folder and of the theme
    (Material's and overrides/ assets): a page generated into a folder the
    theme also fills (docs/assets/...) must not make prune delete the
    theme's files there."""
    from mkdocs.structure.files import get_files

    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return {f.dest_uri for f in files if not f.inclusion.is_excluded()}
