"""Theme and part pages: one new report changes the page it joins, not the pages after it."""
from __future__ import annotations

from generator.site.chunks import MAX, TARGET, chunk_file, pager, stable_chunks


def pages(slugs: list[str]) -> dict[str, list[str]]:
    chunks = stable_chunks(slugs, slug=lambda s: s)
    return {chunk_file("themes/t", c, n, slug=lambda s: s): c for n, c in enumerate(chunks, start=1)}


def test_one_added_report_changes_at_most_two_pages():
    slugs = [f"2023-report-{i:04d}" for i in range(0, 2000, 2)]
    before = pages(slugs)
    assert all(len(c) <= MAX for c in before.values())
    assert TARGET / 2 < len(slugs) / len(before) < TARGET * 2  # about TARGET a page
    for added in ("2023-report-0001", "2023-report-0999", "2023-report-1999"):
        after = pages(sorted(slugs + [added]))
        changed = {f for f in set(before) | set(after) if before.get(f) != after.get(f)}
        assert 1 <= len(changed) <= 3, changed  # the page it joins (renamed: old and new name)


def test_pager_names_neighbours_only():
    files = ["themes/t/index.md", "themes/t/from-b.md", "themes/t/from-c.md"]
    assert pager(files[:1], 1) == ""
    assert pager(files, 1) == "[下一页 →](from-b.md)\n\n"
    assert pager(files, 3) == "[← 上一页](from-b.md) · [第一页](index.md)\n\n"
    assert "3" not in pager(files, 2)  # no count of pages: adding one elsewhere leaves this page as it is
