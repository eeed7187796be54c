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
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.disk import link_or_copy
from generator.engine import ENGINE
from generator.site.write import remove_stray
from generator.version import add_versions

LIBRARIES = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
DIRTY_NOTICE = "A 'dirty' build is being performed"


# The generator's MkDocs plugins: they shape every rendered page.
PLUGINS = tuple(Path(__file__).parent.parent / "plugins" / name for name in ("compact.py", "prerendered.py"))


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
def unlinking_writes() -> Iterator[None]:
    """While MkDocs builds into a hard-linked copy, each file it writes or
    copies is unlinked first, so the write makes a new file and never goes
    through a link into the published site."""
    from mkdocs import utils

    write_file, copy_file = utils.write_file, utils.copy_file

    def fresh(path: str) -> None:
        if os.path.isfile(path) or os.path.islink(path):
            os.unlink(path)

    def write(content: bytes, output_path: str) -> None:
        fresh(output_path)
        write_file(content, output_path)

    def copy(source_path: str, output_path: str) -> None:
        target = os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) else output_path
        fresh(target)
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
    """Where MkDocs writes each file of the docs folder."""
    from mkdocs.structure.files import get_files

    return {f.dest_uri for f in get_files(config) if not f.inclusion.is_excluded()}
