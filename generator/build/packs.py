"""The held reports of a build kept in packs, read back far faster than one
cache entry each.

A rebuild loads every report it does not read again as the build holds it
(lean, without its text: generator/build/cache.py). From one cache entry a
report, that was an unpickling of some thousands of objects, then
pipeline.share_values to hold once what reports repeat (theme matches,
anchors, metadata values): most of a rebuild's loading (50,000 varied
reports: 27 s), and the largest share of one added report's time that grows
with the corpus.

Here the held reports are kept together, in build/cache/held/:

- table.pickle: (FORMAT, generation, the shared objects in order, reports
  when the generation began): every object share_values holds once for all
  reports, the build's `shared` table as a list, pickled once;
- <bucket>.pickle, for each of cache.BUCKETS buckets of slugs (crc32 of the slug):
  (FORMAT, generation, {slug: key}, the bucket's held reports pickled and
  compressed), each report under the key it was read under
  (generator/build/cache.py cache_key). An object of the table is stored as
  its place in the table (pickle's persistent id), so every report loaded
  from any pack shares the table's one object, as share_values would have
  made it: nothing is held twice, and nothing is left for share_values to do.

The table only grows within a generation: a place once given keeps its
object, so a pack written earlier reads the same objects back; the table is
written, with what this build added, before any pack that may refer to the
new places. A pack is taken only when its generation is the table's, and a
report of it only under the key the build noted for it; anything else is
read from its cache entry (or its file) as before, and its bucket written
again after the pages were made: an added, edited, renamed or removed report
changes the {slug: key} of its bucket. A new generation (an empty table)
begins on `--clean`, when the table cannot be read, when most reports are
read again (a new generator or taxonomy changes every report's key), and
when the table has grown to more than twice its size per report at the
generation's start (values of reports no longer there stay in the table
until then).

Packs are written after the pages were made (write_packs), not as the
reports are read: pickling a string keeps a UTF-8 copy of it in the string
(CPython), which, for every report of a full build, would have been held
through the making of the pages.
"""
from __future__ import annotations

import io
import os
import pickle
import secrets
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build.cache import UNREADABLE, bucket, pack_file
from generator.disk import atomic_write
from generator.errors import os_error
from generator.records import Report, Source

FORMAT = 1  # raise when the shape of a pack or the table changes
GROWTH = 2  # a table more than this many times its size per report at the generation's start begins anew
SLACK = 1000  # objects a table may hold beyond that on a small corpus


@dataclass
class Packs:
    """What a build read of the packs, and what it needs to write them again:
    the table of shared objects (grown by the reports read this build), and
    each bucket's {slug: key} as its pack holds it ({} when it has none, or
    another generation's)."""

    folder: Path | None  # None: nothing kept (no cache folder)
    generation: str
    table: list = field(default_factory=list)
    per_report: float = 0.0  # objects of the table per report when the generation began
    stored: dict[int, dict[str, str]] = field(default_factory=dict)
    loaded: int = 0  # the table's length as read (what is already on disk)
    hits: int = 0

    @property
    def table_path(self) -> Path:
        assert self.folder is not None
        return self.folder / "table.pickle"

    def pack_path(self, n: int) -> Path:
        assert self.folder is not None
        return pack_file(self.folder, n)


def open_packs(folder: Path, reports: int, read: bool = True) -> Packs:
    """The packs in folder as a build of `reports` reports finds them; a new
    generation (nothing read) without `read`, when the table cannot be read,
    or when it has grown too large for the corpus."""
    if read:
        try:
            version, generation, table, per_report = pickle.loads((folder / "table.pickle").read_bytes())
            if (version == FORMAT and isinstance(generation, str) and isinstance(table, list)
                    and isinstance(per_report, float)
                    and len(table) <= GROWTH * per_report * max(reports, 1) + SLACK):
                return Packs(folder, generation, table, per_report, loaded=len(table))
        except UNREADABLE:
            pass
    return Packs(folder, secrets.token_hex(8))


def load_packs(packs: Packs, sources: Sequence[Source], keys: dict[str, str]) -> dict[str, Report]:
    """Every report of sources that a pack of this generation holds under the
    key noted for it, with the source of this build; each bucket's stored
    {slug: key} noted in packs. A pack that cannot be read counts as none."""
    found: dict[str, Report] = {}
    if packs.folder is None or not packs.loaded:
        return found
    wanted: dict[int, list[Source]] = {}
    for source in sources:
        wanted.setdefault(bucket(source.slug), []).append(source)
    for n, members in sorted(wanted.items()):
        try:
            version, generation, stored, packed = pickle.loads(packs.pack_path(n).read_bytes())
            if version != FORMAT or generation != packs.generation or not isinstance(stored, dict):
                continue
            if not any(stored.get(s.slug) == keys[s.slug] for s in members):
                packs.stored[n] = stored
                continue
            unpickler = pickle.Unpickler(io.BytesIO(zlib.decompress(packed)))
            unpickler.persistent_load = packs.table.__getitem__  # type: ignore[method-assign]  # a place in the table
            reports = unpickler.load()
            if not (isinstance(reports, list) and len(reports) == len(stored)
                    and all(isinstance(r, Report) for r in reports)):
                raise TypeError(f"{packs.pack_path(n)}: not a pack of {len(stored)} reports")
        except UNREADABLE:
            continue
        packs.stored[n] = stored
        held = dict(zip(stored, reports))
        for source in members:
            if stored.get(source.slug) == keys[source.slug] and held[source.slug].slug == source.slug:
                report = held[source.slug]
                # the pack may come from another checkout: the report's source is this one
                found[source.slug] = replace(report, source=source, cleaned=replace(report.cleaned, source=source))
    packs.hits = len(found)
    return found


def shared_table(packs: Packs) -> dict:
    """share_values' table of what reports repeat, as the packs' table holds
    it: a report read this build then holds the table's objects."""
    shared: dict = {}
    for value in packs.table:
        shared.setdefault(value, value)
    return shared


def grow_table(packs: Packs, shared: dict, reports: int) -> None:
    """Add to the table what share_values added to `shared` this build, and
    write it where it grew (or began): before any pack that refers to it."""
    if packs.loaded:
        known = {id(value) for value in packs.table}
        packs.table.extend(value for value in shared.values() if id(value) not in known)
    else:
        packs.table = list(shared.values())
        packs.per_report = len(packs.table) / max(reports, 1)
    if packs.folder is None or (packs.loaded and len(packs.table) == packs.loaded):
        return
    try:
        packs.folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(packs.folder, exc, "create the held reports' folder") from None
    data = pickle.dumps((FORMAT, packs.generation, packs.table, packs.per_report), protocol=pickle.HIGHEST_PROTOCOL)
    atomic_write(packs.table_path, data, "the held reports' table")
    packs.loaded = len(packs.table)


def write_packs(packs: Packs, reports: Sequence[Report]) -> int:
    """Write again each pack whose reports (slugs and keys) are not those it
    holds, and remove the packs of buckets without reports. Reports without
    a key are left out (nothing says what they were read from). Returns the
    number of packs written."""
    if packs.folder is None:
        return 0
    buckets: dict[int, dict[str, Report]] = {}
    for report in reports:
        if report.key:
            buckets.setdefault(bucket(report.slug), {})[report.slug] = report
    places = {id(value): n for n, value in enumerate(packs.table)}
    written = 0
    for n, members in sorted(buckets.items()):
        keys = {slug: members[slug].key for slug in sorted(members)}
        if packs.stored.get(n) == keys:
            continue
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda obj: places.get(id(obj))  # type: ignore[method-assign]
        pickler.dump([members[slug] for slug in keys])
        data = pickle.dumps((FORMAT, packs.generation, keys, zlib.compress(out.getbuffer(), 6)),
                            protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(packs.pack_path(n), data, "a pack of held reports")
        written += 1
    for name in os.listdir(packs.folder) if packs.folder.is_dir() else ():
        stem = name.removesuffix(".pickle")
        if (name.endswith(".pickle") and stem.isdigit() and int(stem) not in buckets) or (
                name.startswith(".") and name.endswith(".tmp")):  # or what a killed build left half written
            (packs.folder / name).unlink(missing_ok=True)
    return written
