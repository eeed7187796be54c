"""Theme and part pages: one new report changes the page it joins, not the pages after it."""
from __future__ import annotations

from generator.site.chunks import LINKS, MAX, MIN, TARGET, chunk_file, pager, stable_chunks


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
    assert pager(files, 1) == '<p><a href="from-b/">下一页 →</a></p>\n'
    assert pager(files, 3) == '<p><a href="../from-b/">← 上一页</a> · <a href="../">第一页</a></p>\n'
    assert "3" not in pager(files, 2)  # no count of pages: adding one elsewhere leaves this page as it is


def test_a_long_lists_first_page_names_where_each_place_begins_not_every_page():
    """A theme at 50,000 reports has about 1,000 pages: its first page names
    the page where each province begins, so it does not grow with the corpus;
    a short list still names every page by the places it covers."""
    from types import SimpleNamespace

    from generator.site.render import PAGES_LISTED, page_list, place_starts

    def report(province: str, city: str, n: int) -> SimpleNamespace:
        return SimpleNamespace(metadata={"province": province, "city": city}, title=f"报告{n}", slug=f"r{n}")

    places = [("安徽省", "合肥市")] * 30 + [("北京市", "")] * 59 + [("河北省", "保定市")] * 60 + [("", "")] * 2
    reports = [report(p, c, n) for n, (p, c) in enumerate(places)]
    chunks = [reports[i:i + 3] for i in range(0, len(reports), 3)]  # 51 pages; 北京市 from page 11, 河北省 from 30
    files = ["themes/t/index.md"] + [f"themes/t/from-{c[0].slug}.md" for c in chunks[1:]]
    assert len(files) > PAGES_LISTED
    assert place_starts(chunks) == [("北京市", 10), ("河北省", 29), ("地区不详", 49)]
    line = page_list(files, chunks)
    assert line.count("<a ") == 3 and '<a href="from-r30/">北京市</a>' in line and '<a href="from-r87/">河北省</a>' in line
    assert "安徽省" not in line  # it begins on the first page itself
    # one province's list: its cities, and its own reports (no city) as 本级
    anhui = [report("安徽省", c, n) for n, c in enumerate(["合肥市"] * 3 + ["芜湖市"] * 60 + [""] * 3 + ["黄山市"] * 60)]
    anhui_chunks = [anhui[i:i + 3] for i in range(0, len(anhui), 3)]
    assert place_starts(anhui_chunks) == [("芜湖市", 1), ("本级", 21), ("黄山市", 22)]
    short = chunks[:5]
    assert page_list(files[:5], short).count("<a ") == 4  # every other page, by the places it covers


def test_a_themes_first_page_is_made_again_when_a_page_it_names_changes_its_places(monkeypatch):
    """The first page of a theme names each other page by the places of its
    first and last reports. A corrected place of a report that ends a page
    (a sidecar's town) changes that name but neither the pages nor the
    reports that start them: the first page must be made again, not kept
    from the last build with the old name."""
    import dataclasses

    import generator.site.chunks as chunks
    from generator.build.pipeline import Project, read_all
    from generator.records import Field
    from generator.site.compare import compare_site
    from generator.site.render import in_region_order
    from tests.conftest import REPO

    monkeypatch.setattr(chunks, "MIN", 3)
    monkeypatch.setattr(chunks, "MAX", 3)  # a theme of the five samples on two pages, of three and two reports
    corpus = read_all(Project(REPO), use_cache=False)
    theme = next(t.slug for t in corpus.taxonomy.themes
                 if sum(1 for r in corpus.reports if r.analysis.theme_counts().get(t.slug)) == len(corpus.reports))
    last = in_region_order(list(corpus.reports))[-1]  # the last report of the last page, last still once corrected
    where = next(k for k in ("town", "county") if last.metadata.get(k))
    values = dict(last.metadata.values, **{where: Field(f"{last.metadata.get(where)}（更正）", "sidecar")})
    corrected = dataclasses.replace(last, metadata=dataclasses.replace(last.metadata, values=values), key=last.key + "+")

    def first_page(reports):
        return next(o for o in compare_site(reports, corpus.taxonomy) if o.path == f"themes/{theme}/index.md")

    assert len(corpus.reports) == 5
    before = first_page(list(corpus.reports))
    after = first_page([corrected if r.slug == last.slug else r for r in corpus.reports])
    assert "（更正）" not in before.make().decode() and "（更正）" in after.make().decode()
    assert before.key != after.key


def test_lists_of_links_hold_more_rows_a_page():
    """Theme and part pages and the lists by year, level and place (a link a
    row, the rest drawn from data) hold LINKS times as many rows a page as
    /compare/ and /parts/ (table rows): what every page repeats (frame,
    heading, explanations, pager) was a third of the theme pages at 50 a
    page. Cut the same way, so one added report still changes few pages."""
    from generator.site.render import list_pages

    assert LINKS >= 3
    slugs = [f"2023-report-{i:04d}" for i in range(3000)]
    tables, _ = list_pages("compare", slugs, slug=lambda s: s)
    links, files = list_pages("themes/t", slugs, slug=lambda s: s, links=True)
    assert all(MIN * LINKS <= len(c) <= MAX * LINKS for c in links[:-1])
    assert len(tables) / len(links) > LINKS * 0.8
    assert [s for c in links for s in c] == slugs and files[0] == "themes/t/index.md"
    before = {f: c for f, c in zip(files, links)}
    after = dict(zip(*reversed(list_pages("themes/t", sorted(slugs + ["2023-report-1500a"]), slug=lambda s: s,
                                          links=True))))
    assert len({f for f in set(before) | set(after) if before.get(f) != after.get(f)}) <= 3
