"""Theme and part pages: one new report changes the page it joins, not the pages after it."""
from __future__ import annotations

from generator.site.chunks import MAX, MIN, TARGET, chunk_file, pager, stable_chunks


def pages(slugs: list[str]) -> dict[str, list[str]]:
    chunks = stable_chunks(slugs, slug=lambda s: s)
    return {chunk_file("themes/t", c, n, slug=lambda s: s): c for n, c in enumerate(chunks, start=1)}


def test_pages_are_of_even_length_and_one_added_report_changes_few():
    slugs = [f"2023-report-{i:04d}" for i in range(0, 2000, 2)]
    before = pages(slugs)
    sizes = [len(c) for c in before.values()]
    assert all(MIN <= n <= MAX for n in sizes[:-1]) and MIN // 2 <= sizes[-1] <= MAX + MIN // 2
    assert TARGET * 4 / 5 < len(slugs) / len(before) < TARGET * 6 / 5  # about TARGET a page
    changes = []
    for i in range(1, 2000, 2):
        after = pages(sorted(slugs + [f"2023-report-{i:04d}"]))
        changes.append(len({f for f in set(before) | set(after) if before.get(f) != after.get(f)}))
    assert min(changes) >= 1  # the page it joins (renamed when it joins at the start: old and new name)
    assert sum(1 for c in changes if c <= 3) / len(changes) >= 0.9
    assert sum(changes) / len(changes) < 2


def test_pager_names_neighbours_only():
    files = ["themes/t/index.md", "themes/t/from-b.md", "themes/t/from-c.md"]
    assert pager(files[:1], 1) == ""
    assert pager(files, 1) == "[下一页 →](from-b.md)\n\n"
    assert pager(files, 3) == "[← 上一页](from-b.md) · [第一页](index.md)\n\n"
    assert "3" not in pager(files, 2)  # no count of pages: adding one elsewhere leaves this page as it is
