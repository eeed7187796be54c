"""Pages of theme and part text split where the reports themselves say.

A page of theme or part text holds about TARGET reports. Cutting the sorted
list every TARGET reports would move every later boundary when one report is
added, and with it the page that every later report's theme links point to.
Here a page ends after a report whose slug hashes to 0 modulo TARGET (about
one in TARGET), or at MAX reports, so a boundary depends only on the reports
next to it: one new report changes the page it joins and no other. Pages
after the first are named by their first report (from-<slug>), not by their
number, so they keep their address when a page is added before them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

from generator.site.pagehtml import link, paragraph

T = TypeVar("T")
# Reports on a page, on average: theme pages show excerpts (at most three a
# report) and part pages openings, about 2 KB a report, so a page of 50 stays
# near 100 KB while the template every page repeats (about 13 KB) is paid half
# as often as with 25.
TARGET = 50
MIN = TARGET * 4 // 5  # a page holds at least this many (the last page may hold fewer)
MAX = TARGET * 6 // 5  # and at most this many, so pages are of about even length
EVERY = 10  # about one report in EVERY may end a page


def ends_page(slug: str) -> bool:
    return int(hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8], 16) % EVERY == 0


def stable_chunks(items: Sequence[T], slug=lambda item: item.slug, size: int | None = None) -> list[list[T]]:
    """items in their order, in pages of MIN to MAX items: a page ends after
    the first item from its MIN-th on whose slug may end a page, else at MAX.
    A boundary depends only on the items since the one before it, so one
    added item moves at most the end of the page it joins, and the pages
    after line up again at the next boundary they share: of 1,000 single
    additions to 1,000 items, 95% change at most three pages (the one joined,
    renamed), 1% a run of a dozen (tests/test_chunks.py). Cutting wherever a
    slug said (at any length) kept every later page but made pages of 2
    items beside pages of 83. A last page shorter than MIN/2 joins the one
    before it. size: about how many items a page holds, where not TARGET
    (pages of MIN to MAX items are then pages of 4/5 to 6/5 of size)."""
    low, high = (MIN, MAX) if size is None else (size * 4 // 5, size * 6 // 5)
    chunks: list[list[T]] = [[]]
    for item in items:
        chunks[-1].append(item)
        if (len(chunks[-1]) >= low and ends_page(slug(item))) or len(chunks[-1]) >= high:
            chunks.append([])
    if not chunks[-1] and len(chunks) > 1:
        chunks.pop()
    if len(chunks) > 1 and len(chunks[-1]) < low // 2:
        chunks[-2].extend(chunks.pop())
    return chunks


def chunk_file(base: str, chunk: Sequence, n: int, slug=lambda item: item.slug) -> str:
    """The Markdown file of page n (from 1) of base/: the first page is base/index.md."""
    return f"{base}/index.md" if n == 1 or not chunk else f"{base}/from-{slug(chunk[0])}.md"


def neighbours(files: Sequence[str], n: int) -> tuple[str | None, ...]:
    """What pager(files, n) reads of the list of pages (the first, the one
    before, page n itself and the one after; None where there is none): a
    deferred page's key holds these, not every page of its list, which made
    the keys of a list of P pages cost P x P (a theme at 50,000 reports has
    about 1,000 pages)."""
    return (files[0], files[n - 2] if n > 1 else None, files[n - 1], files[n] if n < len(files) else None)


def pager(files: Sequence[str], n: int) -> str:
    """Links to the page before and after page n, and to the first page; no
    count of pages, so adding a page elsewhere leaves this one unchanged.
    files are the pages' Markdown files, all in one folder; HTML of page n
    (generator/site/pagehtml.py)."""
    if len(files) == 1:
        return ""
    page = files[n - 1]
    name = lambda i: files[i].rsplit("/", 1)[-1]
    links = []
    if n > 1:
        links.append(link(page, "← 上一页", name(n - 2)))
        if n > 2:
            links.append(link(page, "第一页", name(0)))
    if n < len(files):
        links.append(link(page, "下一页 →", name(n)))
    return paragraph(" · ".join(links))
