"""Stage 6d: the side-by-side reader (/reader/).

Reports -> data files the browser loads on demand, and the page that reads them:

- in each report's page, packed in its record (render.report_record):
  the report's themed passages (each once, with its anchor, themes and
  part, but neither its text nor its heading) and its figures
  (record_part). The browser fetches the report's page (reports/<slug>/)
  and takes each passage's text from it (the element with the passage's
  anchor as id) and its heading (the heading before it), so the site does
  not hold every report's text twice: gzip alone left the text at about
  5 KB per report, a data file of its own at 6.5 KB; without it, 1.6 KB;
  in the page's record, 0.5 KB;
- reader/index.json: the themes, the levels in administrative order and, per
  province, how many reports it has and which file lists them;
- reader/index/<province>.json.gz: the chooser's rows of one province
  (metadata and passage counts per theme, no text), so no file lists every
  report;
- reader/index.md: the page; overrides/assets/javascripts/reader.js draws the
  chooser and the columns from the URL (?theme=…&r=a,b,c), with no server.

The .gz files are stored compressed (deterministic bytes): a static host
serves them as they are (GitHub Pages: application/gzip) or decompressed
(with Content-Encoding: gzip), and the browser decompresses them only when
they start with gzip's magic bytes. Every text reaches the page through the
browser's textContent, never as HTML.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence

from generator.analyse.taxonomy import Taxonomy
from generator.read.regions import NAMES, by_province
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.compare import chosen, format_value
from generator.site.render import (
    TITLE_SAFE,
    Ordered,
    Output,
    SiteFile,
    frontmatter,
    gzipped,
    in_region_order,
    place_name,
    when_changed,
)
from generator.version import generator_version

MAX_COLUMNS = 4


def reader_site(reports: Sequence[Report], taxonomy: Taxonomy, series: dict[str, str] | None = None,
                ordered: Ordered | None = None) -> list[Output]:
    """series: report slug -> address of its series page, where it has one.
    ordered: the build's one ordering of these reports (render.ordered_reports), else made here."""
    series = series or {}
    reports = ordered.in_order(reports) if ordered else in_region_order(list(reports))
    pages: list[Output] = []
    provinces = []
    for slug, members in by_province(reports).items():
        # a row is made from its report alone: a province's file is made again only when one of its reports changed
        pages.append(when_changed(f"reader/index/{slug}.json.gz", functools.partial(_index_file, members), members,
                                  generator_version()))
        provinces.append({"slug": slug, "name": NAMES[slug], "count": len(members),
                          "file": f"index/{slug}.json.gz"})
    index = {
        "themes": [{"slug": t.slug, "name": t.name, "parent": t.parent} for t in taxonomy.themes],
        "indicators": [{"slug": i.slug, "name": i.name, "unit": i.unit, "theme": i.theme} for i in taxonomy.indicators],
        "levels": [{"slug": k, "name": v} for k, v in LEVELS.items()],
        "parts": [{"number": p.number, "name": p.name} for p in taxonomy.parts],
        "provinces": provinces,
        "max": MAX_COLUMNS,
    }
    pages.append(SiteFile("reader/index.json", _json(index)))
    pages.append(_page())
    return pages


def _index_file(members: list[Report]) -> bytes:
    """A province's reports for the chooser (index_row), in the reader's order."""
    return gzipped(_json({"reports": [index_row(r) for r in members]}))


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def index_row(report: Report) -> dict:
    """What the chooser needs of one report: no text, so the row stays small."""
    m = report.metadata
    return {
        "slug": report.slug,
        "title": report.title,
        "issuer": str(m.get("issuer") or ""),
        "place": place_name(m),
        "level": str(m.get("level") or ""),
        "year": m.get("year"),
        "themes": report.analysis.theme_counts(),
    }


def record_part(report: Report, taxonomy: Taxonomy) -> dict:
    """What the reader reads of a report beyond its page, packed in the
    page's record (render.report_record, which also holds its passages on
    any theme with their themes and parts, "a"): one figure per
    indicator, as on the theme pages, as
    [indicator, value, the passage's anchor, how many other values] ("g");
    and [issuer, place, level's name, year, province (the chooser opens
    on the first report's), and the title where the page's heading shows
    it otherwise] ("m"). Neither the passages' text nor their
    headings: reader.js reads both from the page."""
    m = report.metadata
    figures = []
    for indicator in taxonomy.indicators:
        best, others = chosen(report, indicator)
        if best is not None:
            figures.append([indicator.slug, format_value(best), best.passage, len(others)])
    meta = [str(m.get("issuer") or ""), place_name(m), LEVELS.get(str(m.get("level")), "层级不详"), m.get("year"),
            str(m.get("province") or "")]
    if report.title.translate(TITLE_SAFE) != report.title:  # the page's heading shows < > & full-width
        meta.append(report.title)
    return {"g": figures, "m": meta}


def _page() -> SiteFile:
    body = """# 并排对读

选一个主题，再选 2—4 份报告，各报告涉及该主题的段落并排显示，按细分主题或按报告的必备部分（举措和成效、不足、下一年度安排……）对齐；每列顶部是该报告在此主题下给出的数字。
报告没有涉及的，明确写出“未涉及”。所选主题和报告都写在本页地址中，复制地址即可分享或引用这一对照。

<div class="reader" data-index="index.json" data-root="../">
<noscript><p>并排对读需要浏览器启用 JavaScript。也可以在<a href="../themes/">主题页</a>找到涉及各主题的报告，逐份打开阅读。</p></noscript>
</div>

<p class="reader-help"><strong>本页的标记</strong>：<strong>未涉及</strong>——按本站的主题词规则，该报告没有一段属于这一主题或细分主题；
<strong>未报告数据</strong>——该报告没有给出本主题的统计数字；<strong>□</strong>——原网页中此处的字符因编码损坏而丢失，无法复原。
每段后的“原文”链接到报告全文中的这一段，列标题链接到报告页面。</p>
"""
    return SiteFile("reader/index.md", frontmatter({"title": "并排对读", "search": {"exclude": True},
                                                "hide": ["navigation", "toc"]}, body))
