"""Stage 6e: the same body across years (/series/).

Reports with the same issuer in the same place form a series when they cover
two or more different years. A series page shows, year by year, how many
passages each theme has and each indicator's value, every number linking to
its paragraph, with links to read any theme of the series side by side.

find_series is one pass over the reports (grouped by a key); pages list
series, never every report.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from generator.analyse.taxonomy import Taxonomy
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.compare import UNREPORTED, chosen, figure_clause, format_value
from generator.site.pagehtml import heading, link, paragraph, table, text
from generator.site.render import (
    PAGE_SIZE,
    Output,
    SiteFile,
    chunk_path,
    crumbs,
    html_page,
    link_title,
    md_inline,
    numbered_pager,
    place_name,
    when_changed,
)
from generator.site.twins import labelled, twins_of

YEAR_PREFIX = re.compile(r"^(19|20)\d\d[-_]?|[-_]?(19|20)\d\d$")
MAX_READER = 4  # the side-by-side reader shows at most this many reports


@dataclass(frozen=True)
class Series:
    slug: str  # the page address: /series/<slug>/
    issuer: str
    place: str
    level: str
    reports: tuple[Report, ...]  # oldest year first; one report per year
    others: tuple[Report, ...] = ()  # a year's other reports (versions of one report): listed under it, not counted

    @property
    def years(self) -> list[int]:
        return [int(str(r.metadata.get("year"))) for r in self.reports]


def series_key(report: Report) -> tuple[str, ...] | None:
    """Who issued the report and where: equal keys are the same body. None
    when the issuer or the year is unknown, or its place is not known well
    enough to tell it from a namesake (town names and department names
    repeat across the country): a province always, and for a town its
    county, for a department its city or county. Two reports of 城关镇人民政府
    whose places are unknown are not one body's series."""
    m = report.metadata
    if not m.get("issuer") or not m.get("year") or not m.get("province"):
        return None
    level = str(m.get("level") or "")
    if level == "town" and not m.get("county"):
        return None
    if level in ("department", "") and not (m.get("city") or m.get("county")) \
            and not str(m.get("issuer")).startswith(str(m.get("province"))):
        return None
    return tuple(str(m.get(k) or "") for k in ("province", "city", "county", "town", "issuer"))


def find_series(reports: Sequence[Report]) -> list[Series]:
    """Every body with reports for two or more years. Where a body has two
    reports for one year (two versions, or a report and its 解读), the first
    by slug stands for the year in its columns, and the others are listed
    under the year (never silently dropped). Slugs are unique: the reports' common name without its
    year, else a hash of the key."""
    groups: dict[tuple[str, ...], dict[int, Report]] = {}
    more: dict[tuple[str, ...], list[Report]] = {}
    for report in sorted(reports, key=lambda r: r.slug):
        key = series_key(report)
        if key is not None and groups.setdefault(key, {}).setdefault(int(str(report.metadata.get("year"))), report) \
                is not report:
            more.setdefault(key, []).append(report)
    found: list[Series] = []
    used: set[str] = set()
    for key, by_year in sorted(groups.items()):
        if len(by_year) < 2:
            continue
        members = tuple(by_year[y] for y in sorted(by_year))
        stems = {YEAR_PREFIX.sub("", r.slug) for r in members}
        slug = stems.pop() if len(stems) == 1 else ""
        if not slug or slug in used:
            slug = "s-" + hashlib.sha1("/".join(key).encode("utf-8")).hexdigest()[:10]
        used.add(slug)
        m = members[-1].metadata
        found.append(Series(slug, key[-1], place_name(m), LEVELS.get(str(m.get("level")), "层级不详"), members,
                            tuple(more.get(key, ()))))
    return found


def series_of(series: Sequence[Series]) -> dict[str, str]:
    """Report slug -> its series page, relative to the site's root."""
    return {r.slug: f"series/{s.slug}/" for s in series for r in (*s.reports, *s.others)}


def series_site(series: Sequence[Series], taxonomy: Taxonomy,
                extra: Callable[[Series], str] | None = None) -> list[Output]:
    """extra: a series -> Markdown a later stage adds to its page
    (site/yearly.py's repeats), asked when the page is made. A series page
    is made again only when one of its reports changed (it shows nothing
    but them, and the 对照 made from them)."""
    pages: list[Output] = list(_index(series))
    for s in series:
        def make(s: Series = s) -> bytes:
            return _series_page(s, taxonomy, extra(s) if extra is not None else "").content
        pages.append(when_changed(f"series/{s.slug}/index.md", make, [*s.reports, *s.others],
                                  s.slug, s.issuer, s.place, s.level, extra is not None))
    return pages


def _index(series: Sequence[Series]) -> list[SiteFile]:
    chunks = [list(series[i : i + PAGE_SIZE]) for i in range(0, len(series), PAGE_SIZE)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        page = chunk_path("series", n)
        nav = numbered_pager(page, n, len(chunks))
        body = [paragraph("同一发布机关（同一地区、同一名称）有两个或更多年度的报告时，列为一个系列，"
                          "逐年对照各主题的篇幅和各项数据。"), nav]
        if chunk:
            body.append(table(["发布机关", "地区", "层级", "年度"],
                              ([link(page, text(s.issuer), f"{s.slug}/index.md"), text(s.place or "—"), text(s.level),
                                "、".join(str(y) for y in s.years)] for s in chunk)))
        else:
            body.append(paragraph("（暂无同一机关多个年度的报告）"))
        body.append(nav)
        pages.append(SiteFile(page, html_page({"title": "同一机关的历年报告"}, "# 同一机关的历年报告", "".join(body))))
    return pages


def reader_link(theme: str, reports: Sequence[Report], up: str) -> str:
    """The side-by-side reader on a theme (none: the reader's own) with the
    newest reports of a series."""
    query = urlencode({**({"theme": theme} if theme else {}),
                       "r": ",".join(r.slug for r in reports[-MAX_READER:])}, safe=",")
    return f"{up}reader/?{query}"


def _series_page(s: Series, taxonomy: Taxonomy, extra: str = "") -> SiteFile:
    """extra: HTML a later stage adds (yearly.series_section)."""
    page = f"series/{s.slug}/index.md"
    up = "../../"
    years = s.years
    twins = twins_of([*s.reports, *s.others])  # versions of one year's report, each with what tells it apart
    reports = []
    for year, first in zip(years, s.reports):
        for r in [first, *(o for o in s.others if str(o.metadata.get("year")) == str(year))]:
            reports.append([str(year), link(page, text(labelled(r, twins)), f"{up}reports/{r.slug}/index.md"),
                            str(r.metadata.get("date") or "—")])
    body = [
        paragraph(f"{text(s.place or '地区不详')} · {text(s.level)} · 共 {len(years)} 个年度。"),
        table(["年度", "报告", "日期"], reports),
        heading(2, "themes", "各主题逐年对照"),
        paragraph("每格为该年度报告中属于该主题的段落数，“未涉及”表示该年度报告没有一段属于此主题。"
                  f"“并排对读”把最近 {min(len(years), MAX_READER)} 个年度的报告在该主题下并排显示；也可"
                  f'<a class="series-reports" href="{html.escape(reader_link("", s.reports, up))}">不限主题并排对读这些报告</a>。'),
    ]
    counts = [r.analysis.theme_counts() for r in s.reports]
    rows = []
    for theme in taxonomy.themes:
        name = text(theme.name) if theme.parent is None else "　└ " + text(theme.name)
        cells = [str(c[theme.slug]) if c.get(theme.slug) else "未涉及" for c in counts]
        # no 并排对读 column: fazhi.js adds it, each row's link naming its theme and the reports
        # named once on the page (.series-reports); the reader needs JavaScript anyway, and the
        # column was 1.1 KB of every series page, 0.02 x the text at 1,000 varied reports
        rows.append([name, *cells])
    body += [
        table(["主题", *(f"{y} 年度" for y in years)], rows),
        heading(2, "indicators", "数据指标逐年对照"),
        paragraph("每个数字链接到它所在的原文段落；一份报告对同一指标给出多个数字时，取标明全年、共计或总量的数字"
                  f"（规则同主题页）。某年度没有给出的记为“{UNREPORTED}”；各年度都没有给出的指标不列出。"),
    ]
    rows = []
    for indicator in taxonomy.indicators:
        cells, any_value = [], False
        for r in s.reports:
            best, _ = chosen(r, indicator)
            if best is None:
                cells.append(UNREPORTED)
                continue
            any_value = True
            cells.append(link(page, text(format_value(best)), f"{up}reports/{r.slug}/index.md#{best.passage}",
                              link_title(figure_clause(best))))  # its clause: the whole sentence repeated per figure
        if any_value:
            rows.append([f"{text(indicator.name)}（{text(indicator.unit)}）", *cells])
    body += [table(["指标", *(f"{y} 年度" for y in years)], rows), extra, paragraph(link(page, "全部系列", "../index.md"))]
    return SiteFile(page, html_page({"title": f"{s.issuer}历年报告", "hide": ["navigation"]},
                                    crumbs(f"series/{s.slug}") + f"# {md_inline(s.issuer)}历年报告", "".join(body)))
