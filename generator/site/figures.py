"""The figures explorer (/figures/): one measure at a time, filtered by
province, level, year and body, as a table (each value linked to its
sentence), a chart of one level and a CSV of exactly what is shown.

Drawn in the browser by overrides/assets/javascripts/figures.js from:

- figures/index.json: the measures, the levels, and one entry per year and
  province naming its data file and how many reports it holds;
- figures/data/<year>/<province>.json.gz: the figures of the reports of one
  year and province (for each report and measure the value theme pages
  show, the one stated as a total else the largest, with the count of the
  others and its sentence), made again only when one of those reports
  changed; gzip-compressed like the reader's files (3.2 KB a report plain,
  about a quarter of it compressed: the sentences repeat), decompressed in
  the browser only when they start with gzip's magic bytes. No file lists
  every report's figures.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence

from generator.analyse.taxonomy import Taxonomy
from generator.read.regions import NAMES, ORDER, province_slug
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.compare import chosen, format_value
from generator.site.render import Output, SiteFile, frontmatter, gzipped, place_name, when_changed

UNKNOWN_YEAR = "unknown"


def figures_site(reports: Sequence[Report], taxonomy: Taxonomy) -> list[Output]:
    groups: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.slug):
        year = str(report.metadata.get("year") or UNKNOWN_YEAR)
        groups[year, province_slug(report.metadata.get("province"))].append(report)
    order = {slug: n for n, slug in enumerate(ORDER)}
    keys = sorted(groups, key=lambda k: (k[0] == UNKNOWN_YEAR, -int(k[0]) if k[0] != UNKNOWN_YEAR else 0, order[k[1]]))
    pages: list[Output] = []
    files = []
    for year, province in keys:
        members = groups[year, province]
        path = f"data/{year}/{province}.json.gz"
        pages.append(_data_file(f"figures/{path}", members, taxonomy))
        files.append({"year": year, "province": province, "name": NAMES[province], "reports": len(members),
                      "file": path})
    # How many reports give each measure: the page opens on the measure most of them give.
    # A report gives a value for a measure (chosen) when it has a figure of it: one pass
    # over each report's figures, not one call of chosen per report and measure.
    given: Counter[str] = Counter()
    for report in reports:
        given.update({f.indicator for f in report.analysis.figures})
    giving = {i.slug: given[i.slug] for i in taxonomy.indicators}
    index = {
        "indicators": [{"slug": i.slug, "name": i.name, "unit": i.unit, "theme": i.theme, "reports": giving[i.slug],
                        "theme_name": taxonomy.theme(i.theme).name} for i in taxonomy.indicators],
        "levels": [{"slug": k, "name": v} for k, v in LEVELS.items()],
        "files": files,
    }
    pages.append(SiteFile("figures/index.json", _json(index)))
    pages.append(_page())
    return pages


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _data_file(path: str, members: list[Report], taxonomy: Taxonomy) -> Output:
    def make() -> bytes:
        return gzipped(_json({"rows": [row for report in members for row in figure_rows(report, taxonomy)]}))

    return when_changed(path, make, members, taxonomy.digest)


def figure_rows(report: Report, taxonomy: Taxonomy) -> list[dict]:
    """One row per measure the report gives a value for."""
    m = report.metadata
    rows = []
    for indicator in taxonomy.indicators:
        best, others = chosen(report, indicator)
        if best is None:
            continue
        rows.append({
            "slug": report.slug, "title": report.title, "issuer": str(m.get("issuer") or ""),
            "place": place_name(m), "province": str(m.get("province") or ""), "level": str(m.get("level") or ""),
            "year": m.get("year"), "i": indicator.slug, "v": best.value, "unit": best.unit, "shown": format_value(best),
            "text": best.text, "sentence": best.sentence, "url": f"reports/{report.slug}/#{best.passage}",
            "more": len(others),
        })
    return rows


def _page() -> SiteFile:
    body = """# 数据指标

各报告给出的数字，一次看一项指标：按省份、层级、年度和发布机关筛选，表中每个数值链接到它在原文中的句子，
可按数值排序；选定一个层级后另有同级机关的对比图。“下载 CSV”下载的正是表中所列的各行（带 BOM 的 UTF-8，
含省份、层级、指标名称和原文地址，可用 Excel 或 WPS 直接打开）。每份报告每项指标只列一个数值：
写明总数（全年、共、累计）的，否则是最大的数，另有几个数字的在表中注明。

<div class="figures" data-index="index.json" data-root="../">
<noscript><p>本页的筛选、表格和图表需要浏览器启用 JavaScript。全部数字也可在<a href="../data/">开放数据</a>中按年度下载（figures-年度.csv.gz）。</p></noscript>
</div>
"""
    return SiteFile("figures/index.md", frontmatter({"title": "数据指标", "search": {"exclude": True},
                                                  "hide": ["navigation", "toc"]}, body))
